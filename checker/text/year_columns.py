"""Tables whose columns are years: which figure of a row is which year's.

A Word table or a text table comparing two years reads, row by row, as a header of years
and rows of one figure per year::

    指标                2024年    2025年
    行政复议收到申请      365件     412件

Each row's label names the metric of both figures; only the column of the year reported on is
that year's data (the other is last year's, as 较上年 in a sentence is). Rows are the lines after
the header with exactly one figure per year column; the first line that has not ends the table.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from checker.text.numbers import YEAR_DIGITS, year_value

# A header of years: an optional label (指标, 项目, 类别), then two or more years, one per column.
# (The matching view has no spaces between Chinese and digits: 指标2024年2025年.)
_HEADER = regex.compile(rf"[|\s]*(?:[\p{{Han}}（）()]{{1,8}}?[|\s]*)?((?:(?:19\d\d|{YEAR_DIGITS})年度?[|\s]*){{2,}})$")
_YEAR = regex.compile(rf"(19\d\d|{YEAR_DIGITS})年")
HEADER_MAX = 60


def year_rows(text: str, paragraphs: Sequence[tuple[int, int]],
              figure_starts: Sequence[int]) -> list[list[tuple[int, int]]]:
    """Each row of such a table: its figures (by start) with the year of their columns."""
    starts = sorted(figure_starts)
    rows: list[list[tuple[int, int]]] = []
    k = 0
    while k < len(paragraphs):
        start, end = paragraphs[k]
        k += 1
        # (a header is a short line of years: most paragraphs are sentences, not tried)
        if end - start > HEADER_MAX or text.count("年", start, end) < 2:
            continue
        header = _HEADER.match(text, start, end)
        if header is None:
            continue
        years = [year_value(y) for y in _YEAR.findall(header.group(1))]
        while k < len(paragraphs):
            start, end = paragraphs[k]
            row = [s for s in starts if start <= s < end]
            if len(row) != len(years):
                break
            rows.append([(s, y) for s, y in zip(row, years, strict=True) if y is not None])
            k += 1
    return rows
