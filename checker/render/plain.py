"""The gap report without colour, written without rich: the same bytes, a cold start 0.1 s sooner.

Without colour, rich's output for the terminal report is text laid out in a few plain ways: a
rule under the file name, lines wrapped by :mod:`checker.render.wrap`, a table with fixed
column widths in rich's ``HEAVY_HEAD`` box. :class:`PlainWriter` lays them out the same way.
Where rich's layout has more cases (a title longer than the line, a line it would wrap or
cut, a tab it would expand, an emoji code, a character whose width rich might measure
differently, a table wider than the terminal) the writer raises
:class:`~checker.render.markup.Unsupported` and the renderer gives the report to rich:
the fast path is taken only where it is known to print what rich prints.
``tests/test_render_plain.py`` compares the two on reports and on hostile text.
"""

from __future__ import annotations

import os

from checker.render.markup import EMOJI_CODE, Unsupported, plain
from checker.render.wrap import KEEP_END, KEEP_START, _cells, wrap_plain

# Characters whose width in cells this module and rich agree on (tests/test_render_plain.py
# checks every one against rich): ASCII, Latin-1, the punctuation, symbols, box drawing and
# dingbats reports and the renderer use, and CJK (ideographs, kana, full-width forms). Each is one
# or two cells wide (no combining marks), so that cutting text to a width is simple.
_SAFE_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0xFF), (0x2010, 0x2027), (0x2030, 0x205E),
                (0x2100, 0x218B), (0x2190, 0x23FF), (0x2460, 0x25FF), (0x2700, 0x27BF),
                (0x3000, 0x303F), (0x3041, 0x3096), (0x309B, 0x30FF), (0x3105, 0x312F),
                (0x3200, 0x321E), (0x3220, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                (0xFE30, 0xFE4F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


def _safe(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SAFE_RANGES)


class PlainWriter:
    """The terminal renderer's writer (see :class:`checker.render.terminal.RichWriter`) for
    output without colour."""

    def __init__(self, width: int) -> None:
        if os.environ.get("UNICODE_VERSION"):
            raise Unsupported("rich measures widths for another Unicode version")
        self.width = width
        self.lines: list[str] = []
        self._checked: set[str] = {"\n"}

    def getvalue(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def _text(self, markup: str) -> str:
        """The text ``markup`` shows; :class:`Unsupported` if rich might lay it out otherwise."""
        return self._known(plain(markup))

    def _known(self, text: str) -> str:
        new = set(text) - self._checked
        if new:
            if not all(map(_safe, new)):
                raise Unsupported("a character outside the known widths")
            self._checked |= new
        return text

    def cells(self, text: str) -> int:
        """Cells of ``text`` as it is (markup measured as written, as rich's ``cell_len``)."""
        if "\n" in text:
            raise Unsupported("a line break, which rich counts as no cell")
        return _cells(self._known(text))

    def blank(self) -> None:
        self.lines.append("")

    def line(self, markup: str) -> None:
        text = self._text(markup)
        if "\n" in text or _cells(text) > self.width:
            raise Unsupported("a line rich would wrap")
        self.lines.append(text)

    def say(self, markup: str, indent: int) -> None:
        text = plain(markup)
        self._known(text.replace(KEEP_START, "").replace(KEEP_END, ""))  # wrap_plain drops the marks
        if EMOJI_CODE.search(text):
            raise Unsupported("an emoji code")  # rich.Text.from_markup replaces :name:
        self.lines.append(wrap_plain(text, self.width, indent))

    def rule(self, title: str) -> None:
        text = self._text(title).replace("\n", " ")
        if self.width < 4:
            raise Unsupported("a rule too narrow for its title")
        if _cells(text) > self.width - 2:  # rich shortens it, with an ellipsis
            text = _cut(text, self.width - 3) + "…"
        self.lines.append(f"{text} " + "─" * (self.width - _cells(text) - 1))

    def table(self, title: str, columns: list[tuple[str, int, bool]], rows: list[tuple[str, ...]]) -> None:
        """rich's ``Table(title=…, title_justify="left")`` of columns with fixed widths (folded:
        ``overflow="fold"``, else ``no_wrap``), in its ``HEAVY_HEAD`` box with one cell of padding."""
        widths = [width for _, width, _ in columns]
        table_width = sum(widths) + 3 * len(widths) + 1
        if table_width > self.width:
            raise Unsupported("a table rich would narrow")
        title_text = self._text(title)
        if "\n" in title_text or _cells(title_text) > table_width:
            raise Unsupported("a title rich would wrap")
        self.lines.append(_pad(title_text, table_width))
        self.lines.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
        self.lines.extend(self._row([h for h, _, _ in columns], widths, "┃"))
        self.lines.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
        for row in rows:
            self.lines.extend(self._row(list(row), widths, "│"))
        self.lines.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")

    def _row(self, cells: list[str], widths: list[int], rule: str) -> list[str]:
        columns: list[list[str]] = []
        for markup, width in zip(cells, widths, strict=True):
            lines = self._text(markup).split("\n")
            if any(_cells(line) > width for line in lines):
                raise Unsupported("a cell rich would fold or cut")
            columns.append(lines)
        height = max(len(lines) for lines in columns)
        return [rule + rule.join(f" {_pad(lines[k] if k < len(lines) else '', width)} "
                                 for lines, width in zip(columns, widths, strict=True)) + rule
                for k in range(height)]


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _cells(text))


def _cut(text: str, width: int) -> str:
    """The first ``width`` cells of ``text``, a wide character cut in two shown as a space
    (rich's ``set_cell_size``)."""
    used = 0
    for index, char in enumerate(text):
        size = _cells(char)
        if used + size > width:
            return text[:index] + " " * (width - used)
        used += size
    return text
