"""Chinese labels and short texts shared by the audit's table, summary and exports."""

from __future__ import annotations

from typing import Any

from checker.audit.batch import Audit, Row
from checker.audit.copies import CopyPair
from checker.audit.features import PLAN, SHORTCOMINGS

MARK = {"present": "✔", "weak": "△", "missing": "✘"}
NOT_REQUIRED = "—"
FILER = {"government": "政府", "department": "部门"}
SECTION_NAME = {SHORTCOMINGS: "存在的不足", PLAN: "下一年度安排"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def headers(audit: Audit) -> list[str]:
    """The ranked table's columns, as the exports write them."""
    return (["排名", "发文机关", "文件", "年度", "模板", "得分"] + [name for _, name in audit.elements]
            + ["错误", "警告", "成文日期", "报送期限", "报送情况", "雷同", "说明"])


def row_values(audit: Audit, row: Row) -> list[Any]:
    """The ranked table's cells for ``row``, in :func:`headers` order."""
    checked = not row.error
    return [
        row.rank if row.rank is not None else "",
        row.issuer or "",
        row.path,
        row.year if row.year is not None else "",
        template_label(audit, row.template),
        row.score if checked else "",
        *(marks(audit, row) if checked else [""] * len(audit.elements)),
        row.counts.get("error", 0) if checked else "",
        row.counts.get("warning", 0) if checked else "",
        row.date or "",
        row.deadline or "",
        row.timing,
        percent(row.copy_share),
        f"无法检查：{row.error}" if row.error else "",
    ]


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


def pair_text(audit: Audit, pair: CopyPair) -> str:
    a, b = audit.row(pair.a), audit.row(pair.b)
    text = (f"{a.label}（{a.year or '年度不明'}）↔ {b.label}（{b.year or '年度不明'}）："
            f"相同句子 {pair.shared} 句，占前者 {percent(pair.share_a) or '0%'}、"
            f"后者 {percent(pair.share_b) or '0%'}")
    if pair.sections:
        text += f"；雷同部分：{sections_text(audit, pair)}"
    return text


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
