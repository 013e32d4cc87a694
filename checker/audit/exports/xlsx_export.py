"""The audit as an Excel workbook (openpyxl, an optional dependency: ``checker[xlsx]``).

Sheets: 报告排名 (the ranked table), 问题清单 (every finding with its location
and passage), 要素矩阵 (each report × each element), 报告雷同 and 逐年对比.
Each sheet has a frozen header row, a filter on every column and column widths
that fit Chinese text (a wide character counts as two). Sheets are written in
openpyxl's streaming mode, so memory does not grow with the batch; a column's
width is measured on the sheet's first :data:`WIDTH_SAMPLE` rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from checker.audit.batch import Audit
from checker.audit.exports import atomic_path
from checker.audit.labels import headers, percent, row_values, sections_text
from checker.render.labels import SEVERITY, where

WIDTH_SAMPLE = 500
MAX_WIDTH = 60
STATUS_WORD = {"present": "具备", "weak": "薄弱", "missing": "缺失"}
STATUS_FILL = {"具备": "DAFBE1", "薄弱": "FFF8C5", "缺失": "FFEBE9"}


def write(audit: Audit, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    _sheet(book, "报告排名", headers(audit), (row_values(audit, r) for r in audit.rows), freeze="D2")
    _sheet(book, "问题清单", FINDING_HEADERS, _findings(audit), freeze="D2")
    element_heads = ["排名", "发文机关", "文件"] + [name for _, name in audit.elements]
    _sheet(book, "要素矩阵", element_heads, _matrix(audit), freeze="D2", fills=True)
    _sheet(book, "报告雷同", COPY_HEADERS, _copies(audit), freeze="A2")
    _sheet(book, "逐年对比", YEAR_HEADERS, _years(audit), freeze="A2")
    with atomic_path(path) as temporary:
        book.save(temporary)


FINDING_HEADERS = ["排名", "发文机关", "文件", "规则", "规则名称", "级别", "问题", "行", "列", "位置",
                   "原文", "上下文", "建议"]
COPY_HEADERS = ["报告甲", "文件甲", "报告乙", "文件乙", "相同句子", "占甲", "占乙", "雷同部分", "例句"]
YEAR_HEADERS = ["发文机关", "上年", "本年", "类别", "上年安排 / 重复的问题", "判断", "相似度", "本年最接近的段落"]


def _sheet(book: Any, title: str, heads: list[str], rows: Iterable[list[Any]], freeze: str,
           fills: bool = False) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    stream = iter(rows)
    sample = list(islice(stream, WIDTH_SAMPLE))
    for k, head in enumerate(heads):
        widest = max([display_width(head)] + [display_width(r[k]) for r in sample if k < len(r)])
        sheet.column_dimensions[get_column_letter(k + 1)].width = min(widest + 2, MAX_WIDTH)
    sheet.freeze_panes = freeze
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F6F8FA")
    cells = []
    for head in heads:
        cell = WriteOnlyCell(sheet, value=head)
        cell.font, cell.fill = bold, header_fill
        cells.append(cell)
    sheet.append(cells)
    count = 0
    for values in _chain(sample, stream):
        sheet.append([_cell(sheet, v, fills) for v in values])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{count + 1}"


def _chain(first: list[list[Any]], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield from first
    yield from rest


def _cell(sheet: Any, value: Any, fills: bool) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import PatternFill

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value if value != "" else None)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # report text, never a formula
    if fills and value in STATUS_FILL:
        cell.fill = PatternFill("solid", fgColor=STATUS_FILL[value])
    return cell


def display_width(value: Any) -> int:
    """Columns the text takes in a spreadsheet: a Chinese (wide) character counts as two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _findings(audit: Audit) -> Iterator[list[Any]]:
    names = {r.id: r.name for r in audit.pack.rules}
    for row in audit.rows:
        if row.error:
            continue
        for finding in audit.report(row)["findings"]:
            if finding.get("suppressed"):
                continue
            yield [row.rank, row.issuer or "", row.path, finding["rule"], names.get(finding["rule"], ""),
                   SEVERITY[finding["severity"]], finding["message"], finding.get("line"),
                   finding.get("column"), where(finding.get("line"), finding.get("column"),
                                                finding.get("location")),
                   finding.get("excerpt") or "", finding.get("context") or "",
                   finding.get("suggestion") or ""]


def _matrix(audit: Audit) -> Iterator[list[Any]]:
    for row in audit.rows:
        if row.error:
            yield [row.rank or "", row.issuer or "", row.path] + [""] * len(audit.elements)
            continue
        yield [row.rank, row.issuer or "", row.path] + [
            STATUS_WORD.get(row.elements.get(e, ""), "—") for e, _ in audit.elements]


def _copies(audit: Audit) -> Iterator[list[Any]]:
    for pair in audit.copies:
        a, b = audit.row(pair.a), audit.row(pair.b)
        yield [a.label, a.path, b.label, b.path, pair.shared, percent(pair.share_a) or "0%",
               percent(pair.share_b) or "0%", sections_text(audit, pair), "\n".join(pair.examples)]


def _years(audit: Audit) -> Iterator[list[Any]]:
    for summary in audit.years:
        pair = audit.year_pair(summary)
        for item in pair.plan:
            yield [pair.issuer, pair.earlier_year, pair.later_year, "上年安排", item.item,
                   "已报告" if item.reported else "未见报告", percent(item.share) or "0%", item.match or ""]
        for sentence in pair.repeated:
            yield [pair.issuer, pair.earlier_year, pair.later_year, "重复的问题", sentence, "原样重复", "", ""]

