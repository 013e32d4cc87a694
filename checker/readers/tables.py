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

import regex

from checker.text.numbers import COUNT_UNITS

# A unit as a header writes it: （件）, (人次), （%） — the classifiers numbers are read with.
UNIT = regex.compile(r"[（(]\s*(" + "|".join(map(regex.escape, (*COUNT_UNITS, "%", "％"))) + r")\s*[）)]")
BARE_NUMBER = regex.compile(r"\d+(?:\.\d+)?")
# A form's row: a short label (no sentence in it) beside text of some length with a sentence mark.
FORM_LABEL_MAX = 30
FORM_TEXT_MIN = 40
SENTENCE_MARK = regex.compile(r"[。；！？]")
ORDINAL_CELL = regex.compile(r"[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）、.．]?")


class UnitCarrier:
    """Feed one table's rows in order; each comes back with units on its bare numbers.

    The first row is the header: the units it names are its columns'. Cells are given
    with their column position (an empty cell is an empty string), so columns line up.
    """

    def __init__(self) -> None:
        self.columns: list[str] | None = None

    def row(self, cells: list[str]) -> list[str]:
        units = [_unit(cell) for cell in cells]
        if self.columns is None:
            self.columns = units
            return cells
        row_unit = units[0] if cells else ""
        # the label gives up its unit to the numbers (a unit in brackets reads as an aside)
        out = [UNIT.sub("", cells[0]).strip() if row_unit else cells[0]] if cells else []
        for j, cell in enumerate(cells[1:], start=1):
            unit = row_unit or (self.columns[j] if j < len(self.columns) else "")
            out.append(cell + unit if unit and BARE_NUMBER.fullmatch(cell) else cell)
        return out


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
