"""Tables of figures, and forms.

A unit written once, in a row's label or a column's header
(行政复议案件（件） | 41 | 36), goes with each bare number of that row or column, so that
the row reads 行政复议案件 41件 36件 — the way the same figure reads in a sentence.

A form (a report filled into a template table: 主要举措和成效 | 全年办理……) gives each row's
label a line of its own, above its text, as a heading stands above its section.

Shared by the readers that see a table's cells (Word, web pages); a PDF's table is text by
the time it is read.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from checker.text.numbers import COUNT_UNITS

# A unit as a header writes it: （件）, (人次), （%） — the classifiers numbers are read with.
UNIT = regex.compile(r"[（(]\s*(" + "|".join(map(regex.escape, (*COUNT_UNITS, "%", "％"))) + r")\s*[）)]")
BARE_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
# A year heading a column (2024年, 2025年度): the only digits a header's cell holds.
HEADER_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?:年度?)?(?!\d)")
DIGIT = regex.compile(r"\d")
FIGURE = regex.compile(r"[约近超逾]?\d+(?:[.,，]\d+)*\s*(?:" + "|".join(map(regex.escape, (*COUNT_UNITS, "%", "％")))
                       + r"|万元|元)?")
# A form's row: a short label (no sentence in it) beside text of some length with a sentence mark.
FORM_LABEL_MAX = 30
FORM_TEXT_MIN = 40
SENTENCE_MARK = regex.compile(r"[。；！？]")
ORDINAL_CELL = regex.compile(r"[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）、.．]?")


class UnitCarrier:
    """Feed one table's rows in order; each comes back with units on its bare numbers.

    The header is the first row and the rows of labels under it, until the first row with a
    figure (项目 | 案件数（件） spanning two columns, over 2024年 | 2025年): the units it names are its
    columns', a lower row's unit replacing the one above it. Cells are given with their column
    position (an empty cell is an empty string), so columns line up; ``spans`` gives how many
    columns each cell covers (a merged cell: Word's gridSpan, a web page's colspan).
    """

    def __init__(self) -> None:
        self.columns: list[str] | None = None
        self.in_header = True

    def row(self, cells: list[str], spans: Sequence[int] | None = None) -> list[str]:
        widths = list(spans) if spans is not None and len(spans) == len(cells) else [1] * len(cells)
        starts = [sum(widths[:j]) for j in range(len(cells))]
        units = [_unit(cell) for cell in cells]
        if self.columns is None or (self.in_header and all(label_cell(cell) for cell in cells[1:])):
            columns = list(self.columns or [])
            columns += [""] * (sum(widths) - len(columns))
            for unit, start, width in zip(units, starts, widths, strict=True):
                if unit:
                    columns[start:start + width] = [unit] * width
            self.columns = columns
            return cells
        self.in_header = False
        row_unit = units[0] if cells else ""
        # the label gives up its unit to the numbers (a unit in brackets reads as an aside)
        out = [UNIT.sub("", cells[0]).strip() if row_unit else cells[0]] if cells else []
        for j, cell in enumerate(cells[1:], start=1):
            unit = row_unit or next(
                (u for u in self.columns[starts[j]:starts[j] + widths[j]] if u), "")
            out.append(cell + unit if unit and BARE_NUMBER.fullmatch(cell) else cell)
        return out


def figure_cell(cell: str) -> bool:
    """A cell holding a figure and nothing else (41, 41件, 98.5%): what a table of data is made of."""
    return FIGURE.fullmatch(cell.strip()) is not None


def label_cell(cell: str) -> bool:
    """A cell of words (perhaps a year: 2025年, 2025年（件）), no figure: a header's or a row label's."""
    return not DIGIT.search(HEADER_YEAR.sub("", cell))


def _unit(cell: str) -> str:
    found = UNIT.search(cell)
    return found.group(1) if found else ""


def form_row(cells: list[str]) -> tuple[str, str] | None:
    """A form's row as its label and its text (主要举措和成效 | 全年办理……；……), or None.

    A leading cell of a row number (1, 一) is left out; a row of figures (行政复议申请 | 86件)
    or of more than two cells of text is no form's row.
    """
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) == 3 and ORDINAL_CELL.fullmatch(filled[0]):
        filled = filled[1:]
    if len(filled) != 2:
        return None
    label, text = filled
    if len(label) > FORM_LABEL_MAX or SENTENCE_MARK.search(label) or "，" in label:
        return None
    if len(text) < FORM_TEXT_MIN or SENTENCE_MARK.search(text) is None:
        return None
    return label, text
