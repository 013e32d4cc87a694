"""The gap report written without rich: the same bytes, a cold start 0.07 s sooner.

Rich's output for the terminal report is text laid out in a few plain ways: a rule under the
file name, lines wrapped by :mod:`checker.render.wrap`, a table with fixed column widths in
rich's ``HEAVY_HEAD`` box; with colour, each run of styled text between two of its markup's tags
in one SGR code and a reset (rich's "standard" colours). :class:`PlainWriter` lays them out the
same way and writes the same codes for the few styles the renderer uses.
Where rich's layout has more cases (a title longer than the line, a line it would wrap or
cut, a tab it would expand, an emoji code, a character whose width rich might measure
differently, a table wider than the terminal) the writer raises
:class:`~checker.render.markup.Unsupported` and the renderer gives the report to rich:
the fast path is taken only where it is known to print what rich prints (overlapping styles, or
a style outside :data:`SGR`, are left to rich too).
``tests/test_render_plain.py`` compares the two on reports and on hostile text.
"""

from __future__ import annotations

import itertools
import os
import sys

from checker.render.markup import EMOJI_CODE, Span, Unsupported, parse, plain
from checker.render.wrap import KEEP_END, KEEP_START, NO_BREAK_SPACE, _cells, _unmark_plain, line_ends, wrap_plain

# Characters whose width in cells this module and rich agree on (tests/test_render_plain.py
# checks every one against rich): ASCII, Latin-1, the punctuation, symbols, box drawing and
# dingbats reports and the renderer use, and CJK (ideographs, kana, full-width forms). Each is one
# or two cells wide (no combining marks), so that cutting text to a width is simple.
_SAFE_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0xFF), (0x2010, 0x2027), (0x2030, 0x205E),
                (0x2100, 0x218B), (0x2190, 0x23FF), (0x2460, 0x25FF), (0x2700, 0x27BF),
                (0x3000, 0x303F), (0x3041, 0x3096), (0x309B, 0x30FF), (0x3105, 0x312F),
                (0x3200, 0x321E), (0x3220, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                (0xFE30, 0xFE4F), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))


# rich's codes (colour system "standard") for the styles the renderer writes, and the theme's
# styles for a table's title and header and a rule's line.
SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "cyan": "36",
       "bold red": "1;31", "bright_green": "92"}
TITLE, HEADER, RULE_LINE = "italic", "bold", "bright_green"


def _safe(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SAFE_RANGES)


class PlainWriter:
    """The terminal renderer's writer (see :class:`checker.render.terminal.RichWriter`)."""

    def __init__(self, width: int, color: bool = False) -> None:
        if os.environ.get("UNICODE_VERSION"):
            raise Unsupported("rich measures widths for another Unicode version")
        if color and os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
            raise Unsupported("rich lays a dumb terminal out at 80 columns, whatever the width")
        if "IPython" in sys.modules:
            raise Unsupported("rich's console behaves otherwise in a notebook")
        self.width = width
        self.color = color
        self.lines: list[str] = []
        self._checked: set[str] = {"\n"}

    def getvalue(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def _parse(self, markup: str) -> tuple[str, list[Span]]:
        """The text ``markup`` shows and its styles; :class:`Unsupported` if rich might lay it out otherwise."""
        text, spans = parse(markup) if "[" in markup else (markup, [])
        return self._known(text), spans

    def _text(self, markup: str) -> str:
        return self._known(plain(markup))

    def _known(self, text: str) -> str:
        new = set(text) - self._checked
        if new:
            if not all(map(_safe, new)):
                raise Unsupported("a character outside the known widths")
            self._checked |= new
        return text

    def _styled(self, text: str, spans: list[Span]) -> str:
        """``text`` with each span's codes, as rich writes a Text's segments."""
        if not self.color or not spans:
            return text
        ordered = sorted(spans)
        for (_, end, _), (start, _, _) in itertools.pairwise(ordered):
            if start < end:
                raise Unsupported("overlapping styles")
        out: list[str] = []
        at = 0
        for start, end, style in ordered:
            out.append(text[at:start])
            if end > start:
                out.append(_sgr(style, text[start:end]))
            at = max(at, end)
        out.append(text[at:])
        return "".join(out)

    def cells(self, text: str) -> int:
        """Cells of ``text`` as it is (markup measured as written, as rich's ``cell_len``)."""
        if "\n" in text:
            raise Unsupported("a line break, which rich counts as no cell")
        return _cells(self._known(text))

    def blank(self) -> None:
        self.lines.append("")

    def line(self, markup: str) -> None:
        text, spans = self._parse(markup)
        if "\n" in text or _cells(text) > self.width:
            raise Unsupported("a line rich would wrap")
        self.lines.append(self._styled(text, spans))

    def say(self, markup: str, indent: int) -> None:
        text, spans = parse(markup) if "[" in markup else (markup, [])
        self._known(text.replace(KEEP_START, "").replace(KEEP_END, ""))  # wrapping drops the marks
        if EMOJI_CODE.search(text):
            raise Unsupported("an emoji code")  # rich.Text.from_markup replaces :name:
        if not self.color or not spans:
            self.lines.append(wrap_plain(text, self.width, indent))
            return
        self.lines.append(self._styled(*_wrapped(text, spans, self.width, indent)))

    def rule(self, title: str) -> None:
        text, spans = self._parse(title)
        text = text.replace("\n", " ")
        if spans:
            raise Unsupported("a styled title")
        if self.width < 4:
            raise Unsupported("a rule too narrow for its title")
        if _cells(text) > self.width - 2:  # rich shortens it, with an ellipsis
            text = _cut(text, self.width - 3) + "…"
        line = "─" * (self.width - _cells(text) - 1)
        self.lines.append(f"{text} " + (_sgr(RULE_LINE, line) if self.color else line))

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
        self.lines.append(self._whole(TITLE, _pad(title_text, table_width)))
        self.lines.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
        headers = [self._text(h) for h, _, _ in columns]
        if any("\n" in h or _cells(h) > w for h, w in zip(headers, widths, strict=True)):
            raise Unsupported("a header rich would wrap")
        self.lines.append("┃" + "┃".join(self._whole(HEADER, " ") + self._whole(HEADER, _pad(h, w))
                                         + self._whole(HEADER, " ") for h, w in zip(headers, widths, strict=True))
                          + "┃")
        self.lines.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
        for row in rows:
            self.lines.extend(self._row(list(row), widths))
        self.lines.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")

    def _whole(self, style: str, text: str) -> str:
        return _sgr(style, text) if self.color and text else text

    def _row(self, cells: list[str], widths: list[int]) -> list[str]:
        columns: list[list[str]] = []
        for markup, width in zip(cells, widths, strict=True):
            text, spans = self._parse(markup)
            lines: list[str] = []
            start = 0
            for line in text.split("\n"):
                if _cells(line) > width:
                    raise Unsupported("a cell rich would fold or cut")
                lines.append(self._styled(line, _clip(spans, start, start + len(line))) + " " * (width - _cells(line)))
                start += len(line) + 1
            columns.append(lines)
        height = max(len(lines) for lines in columns)
        return ["│" + "│".join(f" {lines[k] if k < len(lines) else ' ' * width} "
                               for lines, width in zip(columns, widths, strict=True)) + "│"
                for k in range(height)]


def _sgr(style: str, text: str) -> str:
    code = SGR.get(style)
    if code is None:
        raise Unsupported(f"a style without known codes: {style}")
    return f"\x1b[{code}m{text}\x1b[0m"


def _clip(spans: list[Span], start: int, end: int) -> list[Span]:
    """The parts of ``spans`` inside ``[start, end)``, counted from ``start`` (rich's ``Text.divide``)."""
    return [(max(a, start) - start, min(b, end) - start, style) for a, b, style in spans
            if min(b, end) > max(a, start)]


def _wrapped(text: str, spans: list[Span], width: int, indent: int) -> tuple[str, list[Span]]:
    """:func:`checker.render.wrap.wrap_plain` keeping the spans (as ``wrap`` keeps a Text's styles)."""
    bare, kept, index = _unmark_plain(text)
    if index:
        spans = [(index[a], index[b], style) for a, b, style in spans if index[b] > index[a]]
    offsets = [end for end in line_ends(bare, width, indent, kept) if end < len(bare)]
    if not offsets:
        line = bare.rstrip()
        return line.replace(NO_BREAK_SPACE, " "), _clip(spans, 0, len(line))
    lines: list[str] = []
    styles: list[Span] = []
    at = 0
    for number, (start, end) in enumerate(zip([0, *offsets], [*offsets, len(bare)], strict=True)):
        if number:
            piece = bare[start:end]
            start += 1 if piece.startswith("\n") else len(piece) - len(piece.lstrip(" "))
            at += 1 + indent
        line = bare[start:end].rstrip()
        styles.extend((a + at, b + at, style) for a, b, style in _clip(spans, start, start + len(line)))
        lines.append(line)
        at += len(line)
    return ("\n" + " " * indent).join(lines).replace(NO_BREAK_SPACE, " "), styles


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
