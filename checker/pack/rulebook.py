"""The pack documents itself: rule listings and per-rule pages, as plain text."""

from __future__ import annotations

from typing import Any

import regex

from checker.pack.loader import Rule, load_pack
from checker.pack.rulepage import KIND_NAMES

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
    """One rule's page (checker.pack.rulepage)."""
    from checker.pack import rulepage

    return rulepage.show_text(pack, rule_id)


def _weight(rule: Rule) -> str:
    return "按级别" if rule.weight < 0 else f"{rule.weight:g}"


# ---------------------------------------------------------------- the Markdown reference

COMMON_KEYS = ("id", "name", "kind", "severity", "weight", "message", "basis", "description",
               "suggestion", "templates", "enabled", "examples")
DOC_COMMAND = "checker rules doc -o docs/rules.md"


def doc_markdown(pack: str | None) -> str:
    """The rule reference of a pack and its templates, in Markdown (deterministic)."""
    loaded = load_pack(pack)
    out = [f"# 规则参考：{loaded.name}", "",
           f"<!-- 由 `{DOC_COMMAND}` 生成（规则包 {loaded.id}），请勿手工修改。 -->", ""]
    if loaded.description:
        # YAML folding puts a space at each line break, which Chinese text does not have.
        out += [regex.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", loaded.description.strip()), ""]
    out += [f"规则包 `{loaded.id}`，版本 {loaded.version}，共 {len(loaded.rules)} 条规则、"
            f"{len(loaded.templates)} 个模板。级别：错误（error）、警告（warning）、提示（info）；"
            "权重为每处问题扣分（未写时按级别扣分），要素规则的权重为其在要素分中的份额。", ""]
    out += ["## 规则一览", "", "| 编号 | 名称 | 类型 | 级别 |", "|---|---|---|---|"]
    for rule in loaded.rules:
        out.append(f"| [`{rule.id}`](#{_anchor(rule.id)}) | {_cell(rule.name)} | "
                   f"{KIND_NAMES.get(rule.kind, rule.kind)} | {SEVERITY[rule.severity]} |")
    out += ["", "## 模板", ""]
    for template in loaded.templates.values():
        out += _template_doc(template)
    out += ["## 规则", ""]
    for rule in loaded.rules:
        out += _rule_doc(rule)
    return "\n".join(out).rstrip("\n") + "\n"


def _template_doc(template: Any) -> list[str]:
    out = [f"### 模板 `{template.id}`：{template.name}", ""]
    if template.description:
        out += [template.description, ""]
    out += ["| 章节 | 名称 | 说明（checker init 写入的填写提示） |", "|---|---|---|"]
    for section in template.sections:
        name = section.name + ("（可选）" if section.optional else "")
        out.append(f"| `{section.id}` | {_cell(name)} | {_cell(section.hint)} |")
    out += ["", "必备要素：" + "、".join(f"`{e}`" for e in template.required)]
    if template.when_mentioned:
        out.append("视情况必备：" + "、".join(f"`{e}`" for e in template.when_mentioned))
    deadline = template.deadline or {}
    if deadline.get("month"):
        out.append(f"报送期限：每年{deadline['month']}月{deadline['day']}日前。{deadline.get('basis', '')}")
    return [*out, ""]


def _rule_doc(rule: Rule) -> list[str]:
    out = [f"### `{rule.id}`", "", f"**{rule.name}** — {KIND_NAMES.get(rule.kind, rule.kind)}"
           f"（`{rule.kind}`），{SEVERITY[rule.severity]}，权重 {_weight(rule)}"
           + (f"，适用模板：{'、'.join(rule.templates)}" if rule.templates else ""), "",
           f"- 说明：{rule.message}", f"- 依据：{rule.basis}"]
    if rule.description:
        out.append(f"- 详细：{rule.description}")
    if rule.suggestion:
        out.append(f"- 建议：{rule.suggestion}")
    params = [(k, v) for k, v in rule.spec.items()
              if k not in COMMON_KEYS and k != "table" and not k.startswith("_")]
    if params:
        out += ["", "检查什么："]
        for key, value in params:
            out.append(f"- `{key}`：{_value(value)}")
    if rule.get("table"):
        out += ["", *_table_doc(rule.get("table"))]
    examples = rule.get("examples", {}) or {}
    for key, label in (("fire", "应报告的示例"), ("pass", "不应报告的示例")):
        items = examples.get(key, [])
        if not items:
            continue
        out += ["", f"{label}："]
        for example in items:
            spec = example if isinstance(example, dict) else {"text": example}
            extra = "，".join(f"{name} {spec[k]}" for k, name in
                              (("year", "年度"), ("template", "模板")) if spec.get(k) is not None)
            note = "；".join(x for x in (spec.get("note", ""), extra) if x)
            out += ["", *([f"（{note}）", ""] if note else []), "```text",
                    str(spec["text"]).strip("\n"), "```"]
    return [*out, ""]


def _table_doc(table: list[dict[str, Any]]) -> list[str]:
    """A confusable table as a Markdown table: one row per wrong form, with where it is wrong."""
    out = [f"对照表（{len(table)} 行）：", "",
           "| 错误写法 | 正确写法 | 何时报告 | 理由 | 出处 |", "|---|---|---|---|---|"]
    for row in table:
        wrong = [row["wrong"]] if isinstance(row["wrong"], str) else row["wrong"]
        when = [f"前为 {_code(row['preceded_by'])}" if row.get("preceded_by") else "",
                f"后接 {_code(row['followed_by'])}" if row.get("followed_by") else "",
                "除外：" + "、".join(_code(u) for u in row["unless"]) if row.get("unless") else "",
                f"{row['after_year']}年以后的报告" if row.get("after_year") else "",
                f"{row['before_year']}年以前的报告" if row.get("before_year") else "",
                SEVERITY[row["severity"]] + "级" if row.get("severity") else ""]
        reason = row["reason"] + (f"。{row['right_when']}" if row.get("right_when") else "")
        out.append(f"| {'、'.join(wrong)} | {row['right']} | {_cell('；'.join(w for w in when if w)) or '总是'} | "
                   f"{_cell(reason)} | {row.get('source', '')} |")
    return out


def _value(value: Any) -> str:
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return "".join(f"\n  - {_inline(v)}" for v in value)
    if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        # named lists (a substance rule's cue sets): one line each
        return "".join(f"\n  - {k}：{_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_code(v) for v in value)
    if isinstance(value, dict):
        return _inline(value)
    return _code(value)


def _inline(mapping: dict[str, Any]) -> str:
    # An entry's own examples are shown with the rule's examples' runner, not inline.
    return "，".join(f"{k} {_code(v)}" for k, v in mapping.items() if k != "examples")


def _code(value: Any) -> str:
    text = str(value).replace("`", "'")
    return f"`{text}`" if text else "（空）"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _anchor(rule_id: str) -> str:
    """GitHub's heading anchor for ``### `content.causes` ``: lower case, dots dropped."""
    return rule_id.lower().replace(".", "")
