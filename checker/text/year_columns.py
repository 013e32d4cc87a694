"""Tables whose columns are years: which figure of a row is which year's.

A Word table or a text table comparing two years reads, row by row, as a header of years
and rows of one figure per year::

    指标                2024年    2025年
    行政复议收到申请      365件     412件

Each row's label names the metric of both figures; only the column of the year reported on is
that year's data (the other is last year's, as 较上年 in a sentence is). Rows are the lines of cells
after the header (a Markdown |---| line passed over) with a figure per year column and at most
``EXTRA_COLUMNS`` more (同比增减); a row with fewer is no one year's; a line with no figure, too
many, or a sentence's punctuation ends the table.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from checker.text.numbers import YEAR_DIGITS, year_value
from checker.text.regex_cache import lazy

# A header of years: an optional label (指标, 项目, 类别), two or more years, one per column (2024年,
# or 2024 alone, each perhaps naming its column's unit: 2024年（件）), then at most two columns of
# their own (同比增减, 增幅). (The matching view has no spaces between Chinese and digits:
# 指标2024年2025年.)
_YEARS = rf"((?:(?:19\d\d|{YEAR_DIGITS})(?:年度?)?(?:[（(][^（）()\d|]{{1,6}}[）)])?[|\s]*){{2,}})"
_HEADER = lazy(r"[|\s]*(?:[\p{Han}（）()]{1,8}?[|\s]*)?" + _YEARS + r"(?:[\p{Han}（）()%]{1,8}[|\s]*){0,2}$")
_YEAR = lazy(rf"(?<!\d)(19\d\d|{YEAR_DIGITS})(?!\d)")
_SEPARATOR = lazy(r"[|:\-\s—]+$")  # a Markdown table's |---|---| line
_PROSE = lazy(r"[，。；：！？]")
HEADER_MAX = 60
EXTRA_COLUMNS = 2


def year_rows(text: str, paragraphs: Sequence[tuple[int, int]],
              figure_starts: Sequence[int]) -> list[list[tuple[int, int | None]]]:
    """Each row of such a table: its figures (by start) with the year of their columns; None for a
    figure of a column after the years (同比增减) or of a row with a cell left empty (its figures'
    columns are not known)."""
    starts = sorted(figure_starts)
    rows: list[list[tuple[int, int | None]]] = []
    k = 0
    while k < len(paragraphs):
        start, end = paragraphs[k]
        k += 1
        # (a header is a short line of years: most paragraphs are sentences, not tried)
        if end - start > HEADER_MAX or len(_YEAR.findall(text, start, end)) < 2:
            continue
        header = _HEADER.match(text, start, end)
        if header is None:
            continue
        years = [year_value(y) for y in _YEAR.findall(header.group(1))]
        while k < len(paragraphs):
            start, end = paragraphs[k]
            if _SEPARATOR.match(text, start, end):
                k += 1
                continue
            row = starts[bisect_left(starts, start):bisect_left(starts, end)]
            # a row of cells, not a sentence (2025年行政复议直接纠错21件，调解和解结案63件。 after the table)
            if not row or len(row) > len(years) + EXTRA_COLUMNS or _PROSE.search(text, start, end):
                break
            if len(row) < len(years):
                rows.append([(s, None) for s in row])
            else:
                rows.append([(s, years[i] if i < len(years) else None) for i, s in enumerate(row)])
            k += 1
    return rows
