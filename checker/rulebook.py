"""The pack documents itself: rule listings and per-rule pages, as plain text."""

from __future__ import annotations

from typing import Any

from checker.pack import Rule, load_pack

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def list_text(pack: str | None) -> str:
    loaded = load_pack(pack)
    lines = [f"规则包 {loaded.id} {loaded.version}：{loaded.name}（{len(loaded.rules)} 条规则）", ""]
    for rule in loaded.rules:
        lines.append(f"{rule.id:<28} {SEVERITY[rule.severity]}  {rule.name}")
        lines.append(f"{'':<28}       依据：{rule.basis}")
    lines.append("")
    lines.append("模板：" + "、".join(f"{t.id}（{t.name}）" for t in loaded.templates.values()))
    return "\n".join(lines) + "\n"


def show_text(pack: str | None, rule_id: str) -> str:
    rule = load_pack(pack).rule(rule_id)
    lines = [
        f"{rule.id}  {rule.name}",
        f"类型：{rule.kind}    级别：{SEVERITY[rule.severity]}    权重：{_weight(rule)}",
        f"说明：{rule.message}",
        f"依据：{rule.basis}",
    ]
    if rule.description:
        lines.append(f"详细：{rule.description}")
    if rule.suggestion:
        lines.append(f"建议：{rule.suggestion}")
    if rule.templates:
        lines.append(f"适用模板：{'、'.join(rule.templates)}")
    lines.append(f"定义于：{rule.source}")
    examples = rule.get("examples", {})
    for key, label in (("fire", "应报告"), ("pass", "不应报告")):
        for example in examples.get(key, []):
            lines.append(f"  {label}：{_example_text(example)}")
    return "\n".join(lines) + "\n"


def _weight(rule: Rule) -> str:
    return "按级别" if rule.weight < 0 else f"{rule.weight:g}"


def _example_text(example: Any) -> str:
    text = str(example["text"] if isinstance(example, dict) else example)
    first = text.strip().splitlines()
    return first[0] + ("……" if len(first) > 1 else "")
