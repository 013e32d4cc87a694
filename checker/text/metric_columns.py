"""Tables whose rows are years and whose columns are metrics: which figure is which metric's.

The other way round from :mod:`checker.text.year_columns`: a header names the metrics, and each
row holds one year's figures, one per column::

    年度      行政复议收案（件）  行政诉讼一审（件）  出庭应诉率（%）
    2024年    61                  47                  93.5
    2025年    74                  52                  96.2

The cells' numbers carry no unit and no words of their own: a figure's words are its column's
header (its unit, （件） or （%）, too). The header is read from the original text, where the
columns' spaces are kept (the matching view drops the spaces between Chinese characters and
brackets, which would run the headers together). A row is taken only when it holds exactly one
number per metric column: any other row (a total in words, a cell left empty) is no one's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from checker.text.numbers import YEAR_DIGITS, year_value
from checker.text.regex_cache import lazy

# The header's first cell: the rows' label, a year (年度, 年份; 项目/年度 where it heads both).
_YEAR_LABEL = lazy(r"(?:统计)?(?:年度|年份|年|时间|时段)"
                            r"|(?:项目|指标|类别)[/／](?:年度|年份)|(?:年度|年份)[/／](?:项目|指标|类别)")
_CELL_GAP = lazy(r"[|｜\s\u3000]+")
_ROW = lazy(rf"[|｜\s]*(19\d\d|{YEAR_DIGITS})(?:年度?)?[|｜\s]*")
_NUMBER = lazy(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_SEPARATOR = lazy(r"[|｜:\-\s—]+$")  # a Markdown table's |---|---| line
_UNITS = lazy(r"[%％件起宗人次个项份卷]*")  # what a row holds besides its numbers
_NOT_A_HEADER = lazy(r"[\d，。；：！？,;:]")
HEADER_MAX = 90


class Column(NamedTuple):
    """One metric figure of a year's row: where its number is, and its column's header."""

    start: int
    end: int
    header: str


def metric_rows(text: str, original: str, origin: Sequence[int],
                paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, list[Column]]]:
    """Each row of such a table: its year, and its numbers (view offsets) with their headers."""
    rows: list[tuple[int, list[Column]]] = []
    k = 0
    while k < len(paragraphs):
        start, end = paragraphs[k]
        k += 1
        if end - start > HEADER_MAX or end <= start or _NOT_A_HEADER.search(text, start, end):
            continue
        line = original[origin[start]:origin[end - 1] + 1]
        cells = [cell for cell in _CELL_GAP.split(line) if cell]
        if len(cells) < 2 or not _YEAR_LABEL.fullmatch(cells[0]):
            continue
        headers = cells[1:]
        while k < len(paragraphs):
            start, end = paragraphs[k]
            if _SEPARATOR.match(text, start, end):
                k += 1
                continue
            year = _ROW.match(text, start, end)
            if year is None:
                break
            numbers = list(_NUMBER.finditer(text, year.end(), end))
            rest = _CELL_GAP.sub("", _NUMBER.sub("", text[year.end():end]))
            if len(numbers) != len(headers) or not _UNITS.fullmatch(rest):
                break  # a row that is not one number per column (words, an empty cell): no one's
            rows.append((year_value(year.group(1)) or 0,
                         [Column(m.start(), m.end(), h) for m, h in zip(numbers, headers, strict=True)]))
            k += 1
    return rows
