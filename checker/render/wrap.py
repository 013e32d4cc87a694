"""Line breaking for Chinese text in a terminal of fixed width.

Rich breaks lines at spaces only, so a Chinese sentence (no spaces) is folded at the
edge wherever the edge falls: a lone "。" opens the next line, "97.4" and "8%" land on
two lines. :func:`break_points` gives the places a line may end, after the usual
Chinese rules (禁则): between two Chinese characters, after a space, never before
closing punctuation (。，、）” …), never after opening punctuation (（“《 …), never inside
a number or a Latin word (97.48%, 2,398, --verbose). A no-break space (U+00A0) joins two
words that must stay on one line; :func:`keep` marks a whole item that moves to the next
line as one (约数用法 -1（1 处）, not "法 -1（1 处）" on a line of its own).

Widths are terminal cells (a Chinese character is two, East Asian wide or full width), as
rich measures them for the characters a report holds.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

NO_BREAK_SPACE = "\u00a0"
# Around a passage no line may break inside (see keep); removed before the text is printed.
KEEP_START, KEEP_END = "\x02", "\x03"
# Marks a line must not open with (closing punctuation) or end with (opening punctuation).
CLOSING = set("。，、；：？！）》」』】〕〉”’…·%％‰,.;:?!)]}>")
OPENING = set("（《「『【〔〈“‘([{<@")
# The control characters rich's Text drops (bell, backspace, vertical tab, form feed, carriage return).
_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))


def keep(text: str) -> str:
    """``text`` marked to stay on one line when it fits on one (wrap removes the marks)."""
    return f"{KEEP_START}{text}{KEEP_END}"


@lru_cache(maxsize=8192)
def _width(char: str) -> int:
    """A character's terminal cells: two for a wide (Chinese) one, none for a combining mark."""
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\u2060":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _cells(text: str) -> int:
    return sum(map(_width, text))


def _is_wide(char: str) -> bool:
    return _width(char) == 2


def break_points(text: str, kept: list[tuple[int, int]] | None = None) -> list[bool]:
    """``points[i]``: a line may end just before ``text[i]`` (``points[0]`` is False); never
    inside one of the ``kept`` ranges (start, end)."""
    points = [False] * (len(text) + 1)
    inside: set[int] = set()
    for start, end in kept or []:
        if _cells(text[start:end]) <= 40:  # longer than that it could never fit a narrow line
            inside.update(range(start + 1, end))
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if i in inside:
            continue
        if after in CLOSING or before in OPENING or before == after == "—":
            continue
        if before == NO_BREAK_SPACE or after == NO_BREAK_SPACE:
            continue
        if after in OPENING and not before.isspace() and not _is_wide(before):
            continue  # -3（1 处）: a figure keeps its bracket
        if before.isspace():
            points[i] = not after.isspace()
        elif after.isspace():
            continue
        elif _is_wide(before) or _is_wide(after):
            points[i] = True
    points[len(text)] = True
    return points


def line_ends(text: str, width: int, indent: int = 0,
              kept: list[tuple[int, int]] | None = None) -> list[int]:
    """Where each line of ``text`` ends when it is wrapped to ``width`` cells, the lines after
    the first indented by ``indent`` cells; a run with no break point is folded at the edge."""
    if "\n" not in text and _cells(text) <= width:
        return [len(text)]  # fits: the common case, no break points needed
    points = break_points(text, kept)
    ends: list[int] = []
    start, used, limit = 0, 0, width
    last_break = -1
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\n":
            ends.append(i)
            start, used, limit, last_break = i + 1, 0, width - indent, -1
            i += 1
            continue
        if i > start and points[i]:
            last_break = i
        size = _width(char)
        if used + size > limit and i > start:
            cut = last_break if last_break > start else i
            ends.append(cut)
            start = cut
            while start < len(text) and text[start] == " ":
                start += 1
            used, limit, last_break = 0, width - indent, -1
            i = start
            continue
        used += size
        i += 1
    ends.append(len(text))
    return ends


def wrap_plain(text: str, width: int, indent: int = 0) -> str:
    """``text`` wrapped to ``width`` cells, continuation lines indented by ``indent`` spaces: the
    text of :func:`wrap` (without rich, which plain output and ``--help`` need not import)."""
    text, kept, _ = _unmark_plain(text.translate(_RICH_STRIPS))
    offsets = [end for end in line_ends(text, width, indent, kept) if end < len(text)]
    if not offsets:
        return text.rstrip().replace(NO_BREAK_SPACE, " ")
    lines = []
    for number, (start, end) in enumerate(zip([0, *offsets], [*offsets, len(text)], strict=True)):
        piece = text[start:end]
        if number:
            piece = piece[1:] if piece.startswith("\n") else piece.lstrip(" ")
        lines.append(piece.rstrip())
    return ("\n" + " " * indent).join(lines).replace(NO_BREAK_SPACE, " ")


def wrap(text: Text, width: int, indent: int = 0) -> Text:
    """``text`` wrapped to ``width`` cells, keeping its styles; the lines after the first
    (wrapped or after a newline of the text) are indented by ``indent`` spaces."""
    from rich.text import Text as RichText

    text, kept = _unmark(text)
    plain = text.plain
    offsets = [end for end in line_ends(plain, width, indent, kept) if end < len(plain)]
    if not offsets:  # one line: nothing to cut or join
        text.rstrip()
        if NO_BREAK_SPACE in plain:
            text.plain = text.plain.replace(NO_BREAK_SPACE, " ")
        return text
    lines = []
    for number, piece in enumerate(text.divide(offsets)):
        if number:
            if piece.plain.startswith("\n"):
                piece = piece[1:]
            else:  # a wrap: the spaces it fell on are not kept
                piece = piece[len(piece.plain) - len(piece.plain.lstrip(" ")):]
        piece.rstrip()
        lines.append(piece)
    joined = RichText("\n" + " " * indent).join(lines)
    joined.plain = joined.plain.replace(NO_BREAK_SPACE, " ")
    return joined


def _unmark_plain(text: str) -> tuple[str, list[tuple[int, int]], list[int]]:
    """``text`` without its keep marks, the kept ranges, and where each index of ``text`` (and its
    end) went in the result (empty when there were no marks)."""
    if KEEP_START not in text:
        return text, [], []
    new_index: list[int] = []
    kept: list[tuple[int, int]] = []
    out: list[str] = []
    start = 0
    for char in text:
        new_index.append(len(out))
        if char == KEEP_START:
            start = len(out)
        elif char == KEEP_END:
            kept.append((start, len(out)))
        else:
            out.append(char)
    new_index.append(len(out))
    return "".join(out), kept, new_index


def _unmark(text: Text) -> tuple[Text, list[tuple[int, int]]]:
    """``text`` without its keep marks, its styles moved to match, and the kept ranges."""
    from rich.text import Span as RichSpan
    from rich.text import Text as RichText

    bare_text, kept, new_index = _unmark_plain(text.plain)
    if not new_index:
        return text, []
    spans = [RichSpan(new_index[s.start], new_index[s.end], s.style) for s in text.spans]
    bare = RichText(bare_text, style=text.style, end=text.end)
    bare.spans = [s for s in spans if s.end > s.start]
    return bare, kept
