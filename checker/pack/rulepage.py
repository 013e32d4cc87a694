"""``checker rules show ID``: one rule's page, for the person deciding whether to trust it.

Besides the message and basis, the page says what the rule reports and what it lets pass,
from the rule's own data: a phrase rule's entries (查找 → 改为) and exceptions, a confusable
rule's table, an element rule's cues for 具备 and 薄弱, a metric rule's figures and phrases.
Each example is shown by the line that sets it apart from the rule's other examples (most
begin with the same title line), and an unknown id gets the nearest ids.
"""

from __future__ import annotations

import difflib
from typing import Any

from checker.errors import UsageError
from checker.pack.loader import Pack, Rule, load_pack

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_NAMES = {"element": "必备要素", "metadata": "基本信息", "phrase": "用语", "balance": "成对符号",
              "metric": "数据指标", "arithmetic": "数据核算", "numbering": "序号", "deadline": "期限",
              "year-consistency": "年度一致", "coverage": "覆盖面", "substance": "内容具体程度",
              "confusable": "字词对照表"}
MAX_ITEMS = 12

# What a key of the rule's data means to the reader: the heading its values are listed under.
REPORTS = "报告（视为问题）"
ACCEPTS = "不报告（视为正常）"
KEY_LABELS: dict[str, str] = {
    "entries": REPORTS,
    "table": REPORTS,
    "unless": ACCEPTS,
    "unless_clause": "所在分句含下列字样时不报告",
    "scope": "检查范围",
    "headings": "作为章节标题时判为具备",
    "section": "对应章节",
    "strong": "判为具备的表述",
    "weak": "只提到、判为薄弱的表述",
    "promise": "只是表态、不算具体内容的表述",
    "min_chars": "具备所需的最少字数",
    "min_sites": "具备所需的最少处数",
    "figures": "判为具备的数字（指标编号）",
    "weak_figures": "只有这些数字时判为薄弱（指标编号）",
    "zero": "写明没有此类案件（判为具备）",
    "in_words": "用文字写明的数值（判为具备）",
    "patterns": "查找",
    "title": "在标题中查找",
    "opening": "在开头段落中查找",
    "header": "在文头中查找",
    "suffixes": "名称结尾",
    "placeholder": "未替换的模板占位符（判为薄弱）",
    "place": "只写地名的标题（判为薄弱）",
    "rates": "核对的比率",
    "names": "比率名称",
    "areas": "九个方面",
    "pairs": "成对符号",
    "filers": "报送期限",
    "report_sections": "应写报告年度的章节",
    "plan_sections": "应写下一年度的章节",
}
SUBKEYS = {"numerator": "分子", "denominator": "分母", "denominator_also": "也可作分母",
           "numerator_parts": "分子可由其相加", "patterns": "查找", "match": "查找"}
# Keys that are machinery, not something a reader decides on.
HIDDEN = {"id", "name", "kind", "severity", "weight", "message", "basis", "description", "suggestion",
          "weak_suggestion", "templates", "enabled", "examples", "looks_for", "field", "view", "_file",
          "_line", "extract", "topics", "continues", "targets", "compare", "skip", "infer", "substance",
          "require_strong", "scan", "cues", "early_severity", "unnamed_severity", "nested",
          "bracket_widths", "enumerations", "publication", "after_year", "min_covered", "sections", "check"}


def show_text(pack: str | None, rule_id: str) -> str:
    loaded = load_pack(pack)
    rule = _find(loaded, rule_id)
    lines = [
        f"{rule.id}  {rule.name}",
        f"类型：{KIND_NAMES.get(rule.kind, rule.kind)}（{rule.kind}）    级别：{SEVERITY[rule.severity]}    "
        f"权重：{_weight(rule)}",
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
    lines += _what_it_checks(rule)
    examples = rule.get("examples", {}) or {}
    every = [_text(e) for key in ("fire", "pass") for e in examples.get(key, [])]
    for key, label in (("fire", "应报告"), ("pass", "不应报告")):
        for example in examples.get(key, []):
            note = example.get("note") if isinstance(example, dict) else None
            lines.append(f"  {label}：{_distinctive(_text(example), every)}" + (f"（{note}）" if note else ""))
    return "\n".join(lines) + "\n"


def _find(loaded: Pack, rule_id: str) -> Rule:
    """The rule; an unknown id names the nearest ids, by id or by name."""
    for rule in loaded.rules:
        if rule.id == rule_id:
            return rule
    ids = [rule.id for rule in loaded.rules]
    scored = sorted(((difflib.SequenceMatcher(None, rule_id, i).ratio(), i) for i in ids), reverse=True)
    near = [i for ratio, i in scored[:3] if ratio >= 0.6 and ratio >= scored[0][0] - 0.15]
    near += [rule.id for rule in loaded.rules if rule_id and rule_id in rule.name and rule.id not in near]
    hint = f"。您是否要找 {'、'.join(near[:3])}？" if near else "。运行 checker rules list 查看全部规则"
    raise UsageError(f"未知的规则：{rule_id}{hint}")


def _what_it_checks(rule: Rule) -> list[str]:
    out: list[str] = []
    for key, value in rule.spec.items():
        if key in HIDDEN or key.startswith("_") or value in (None, [], {}):
            continue
        items = _items(key, value)
        label = KEY_LABELS.get(key, key)
        if len(items) == 1 and len(items[0]) <= 40:
            out.append(f"{label}：{items[0]}")
            continue
        out.append(f"{label}：")
        out += [f"  {item}" for item in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            out.append(f"  ……等 {len(items)} 项（全部见 docs/rules.md 或规则文件）")
    return out


def _items(key: str, value: Any) -> list[str]:
    if key == "table":
        return [_row(row) for row in value]
    if isinstance(value, list):
        return [_entry(v) if isinstance(v, dict) else str(v) for v in value]
    if isinstance(value, dict):
        return [f"{k}：{'、'.join(map(str, v)) if isinstance(v, list) else v}" for k, v in value.items()]
    return [str(value)]


def _entry(entry: dict[str, Any]) -> str:
    """One entry as a reader says it: 政府常委会(?:议)? → 政府常务会议（可自动修改）."""
    if "name" in entry:
        rest = {k: v for k, v in entry.items() if k not in ("name", "match", "examples")}
        return f"{entry['name']}：" + "；".join(f"{SUBKEYS.get(k, k)} {_plain(v)}" for k, v in rest.items())
    if "match" in entry:
        text = str(entry["match"])
        if entry.get("suggestion"):
            text += f" → {entry['suggestion']}"
        if entry.get("fix"):
            text += "（可自动修改）"
        if entry.get("message"):
            text += f"：{entry['message']}"
        return text
    if "patterns" in entry and "value" in entry:  # in_words
        text = "；".join(map(str, entry["patterns"])) + f" → {entry['value']:g}{entry.get('unit', '')}"
        if entry.get("unless"):
            text += f"（所在分句含 {'；'.join(map(str, entry['unless']))} 时不算）"
        return text
    return "，".join(f"{k} {_plain(v)}" for k, v in entry.items() if k != "examples")


def _row(row: dict[str, Any]) -> str:
    wrong = row["wrong"] if isinstance(row["wrong"], str) else "、".join(row["wrong"])
    return f"{wrong} → {row['right']}：{row.get('reason', '')}"


def _plain(value: Any) -> str:
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def _text(example: Any) -> str:
    return str(example["text"] if isinstance(example, dict) else example)


def _distinctive(text: str, every: list[str]) -> str:
    """The first line of ``text`` that no other example has (the title line most examples
    share says nothing about this one); its first line when every line is shared."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    others = [[line.strip() for line in t.splitlines() if line.strip()] for t in every if t != text]
    shown = next((line for line in lines if not any(line in o for o in others)), None)
    if shown is None:  # every line is shared: say which line of the others it lacks
        # (of those that hold all its lines and more, when there are such, the line most of them
        # have; a line it holds a longer form of is not lacking: 2025年2月20日 has 2025年2月)
        wider = [o for o in others if set(lines) <= set(o)] or others
        lacking = [line for o in wider for line in dict.fromkeys(o)
                   if not any(line in own for own in lines)]
        most = max(lacking, key=lacking.count) if lacking else None
        return lines[0] + (f"……（没有“{most}”）" if most else "")
    return shown + (f"（共 {len(lines)} 行）" if len(lines) > 1 else "")


def _weight(rule: Rule) -> str:
    return "按级别" if rule.weight < 0 else f"{rule.weight:g}"
