"""Chinese labels and short texts shared by the audit's table, summary and exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from checker.audit.batch import Audit, Row
from checker.audit.copies import CopyGroup, CopyPair
from checker.audit.features import PLAN, SHORTCOMINGS
from checker.render.labels import remedy

MARK = {"present": "✔", "weak": "△", "missing": "✘"}
NOT_REQUIRED = "—"
FILER = {"government": "政府", "department": "部门"}
SECTION_NAME = {SHORTCOMINGS: "存在的不足", PLAN: "下一年度安排"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plan item whose best paragraph next year shares too little of its wording: the work may have been
# done and told in other words, so the verdict says what was (not) found, not that nothing was done.
PLAN_FOUND = "已报告"
PLAN_UNMATCHED = "未找到相近表述，请人工核对"
PLAN_UNMATCHED_SHORT = "未找到相近表述"
PLAN_UNMATCHED_NOTE = "未找到相近表述：本年“主要举措”中没有用词相近的段落，可能已换了说法完成，请人工核对"


def template_label(audit: Audit, template_id: str | None) -> str:
    template = audit.pack.templates.get(template_id or "")
    if template is None:
        return template_id or ""
    return FILER.get(template.filer, template.id)


def marks(audit: Audit, row: Row) -> list[str]:
    """✔/△/✘ per element of the batch ("—": not required of this report)."""
    return row.marks(audit.elements)


def percent(value: float | None) -> str:
    return f"{value * 100:.0f}%" if value else ""


def verdict(row: Row) -> str:
    """通过 / 未通过 (the gate's verdict), empty for a file that could not be checked."""
    return "" if not row.ranked else ("通过" if row.passed else "未通过")


RANKING_HEADS = ["排名", "发文机关", "文件", "年度", "模板", "得分", "等级", "结论"]
TAIL_HEADS = ["错误数", "警告数", "成文日期", "报送期限", "报送情况", "雷同", "雷同组", "说明"]
DATE_COLUMNS = {"成文日期", "报送期限"}
PERCENT_COLUMNS = {"雷同"}
NUMBER_COLUMNS = {"排名", "年度", "得分", "错误数", "警告数", "雷同组"}


def element_heads(audit: Audit) -> list[str]:
    """Element column names, told apart from the table's own columns (发文机关 the value, 发文机关要素
    its status)."""
    taken = set(RANKING_HEADS) | set(TAIL_HEADS)
    return [f"{name}要素" if name in taken else name for _, name in audit.elements]


def headers(audit: Audit) -> list[str]:
    """The ranked table's columns, as the exports write them."""
    return RANKING_HEADS + element_heads(audit) + TAIL_HEADS


def row_values(audit: Audit, row: Row) -> list[Any]:
    """The ranked table's cells for ``row``, in :func:`headers` order: numbers as numbers, dates as
    :class:`datetime.date`, shares as fractions (each export formats them for its reader)."""
    checked = row.ranked
    return [
        row.rank if row.rank is not None else None,
        row.issuer or "",
        row.path,
        row.year,
        template_label(audit, row.template),
        row.score if checked else None,
        (row.grade or "") if checked else "",
        verdict(row),
        *(marks(audit, row) if checked else [""] * len(audit.elements)),
        row.errors if checked else None,
        row.warnings if checked else None,
        _date(row.date),
        _date(row.deadline),
        row.timing,
        row.copy_share or None,
        row.group,
        "" if checked else f"{status_word(row)}：{unranked_reason(row)}",
    ]


def status_word(row: Row) -> str:
    """What an unranked row says in place of its score: 无法检查 (unreadable) or 不计入排名 (no report)."""
    return "无法检查" if row.error else "不计入排名"


def unranked_reason(row: Row) -> str:
    """Why an unranked row has no rank: the read error with what to do about it (:func:`remedy`),
    or why the file is no annual report."""
    if row.error:
        fix = remedy(row.error, row.path)
        return f"{row.error}；处理办法：{fix}" if fix else row.error
    return row.excluded or ""




def _date(value: str | None) -> date | str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return value


def cell_text(value: Any) -> Any:
    """Report text that a spreadsheet would run as a formula (=, +, -, @) gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def sections_text(audit: Audit, pair: CopyPair) -> str:
    """雷同部分：北岭县人民政府 存在的不足 100%、下一年度安排 100%；…"""
    parts: dict[int, list[str]] = {}
    for section in pair.sections:
        parts.setdefault(section.report, []).append(
            f"{SECTION_NAME.get(section.bit, '')} {section.share * 100:.0f}%")
    return "；".join(f"{audit.row(r).label} {'、'.join(p)}" for r, p in parts.items())


def labelled(row: Row) -> str:
    """The report's name, with its group when it stands for one (a pair with a group's first report)."""
    return row.label + (f"（第{row.group}组）" if row.group else "")


def pair_text(audit: Audit, pair: CopyPair) -> str:
    a, b = audit.row(pair.a), audit.row(pair.b)
    text = (f"{labelled(a)}（{a.year or '年度不明'}）↔ {labelled(b)}（{b.year or '年度不明'}）："
            f"相同句子 {pair.shared} 句，占前者 {percent(pair.share_a) or '0%'}、"
            f"后者 {percent(pair.share_b) or '0%'}")
    if pair.sections:
        text += f"；雷同部分：{sections_text(audit, pair)}"
    return text


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def group_text(audit: Audit, group: CopyGroup, number: int, names: int = 12) -> tuple[str, str]:
    """(第1组：以下 12 份报告正文基本相同（与第一份相同部分均在93%以上）, A、B、C…)"""
    labels = [audit.row(m).label for m in group.members]
    shown = "、".join(labels[:names]) + (f"等{len(labels)}份" if len(labels) > names else "")
    return (f"第{number}组：以下{len(group.members)}份报告正文基本相同"
            f"（与第一份相同部分均在{percent(group.low) or '0%'}以上）", shown)
