"""Where a line of the extracted text is in the Word file, and where a cited passage is in its runs.

The reader (:mod:`checker.readers.docx`) turns each non-empty paragraph into a
line (a ``w:br`` starts another line), each table row into one line (a form's row,
and a laid-out table's row of text blocks, into several), and puts
Word's automatic numbering label before the text. :class:`Body` walks the body
with the reader's own walker, recording for each line the ``w:p`` or ``w:tr``
it came from and the label the reader added, so that line numbers in a report
point at the same paragraphs here.

Inside a paragraph, the visible characters (what the reader shows: ``w:t``
outside deletions, hidden runs and the ``mc:Fallback`` copy; tabs and breaks)
are listed with the node each comes from. A passage is found among them
ignoring white space (a table row's cells are joined with spaces), the
occurrence nearest the cited column winning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.readers.docx import MC, SKIPPED_INLINE, BodyWalker, Styles, _numbering_element, _unwrapped
from checker.readers.wordnum import Numbering, W

FOLLOWING_LINES = 3  # a passage the engine joined across paragraphs may run this many lines on
SPACES = frozenset(" \t\n\r\u3000\u00a0\u2002\u2003\u200b\ufeff")


@dataclass(frozen=True)
class Place:
    """The Word element a line came from: ``w:p`` (``part``: which of its lines) or ``w:tr``."""

    element: Any
    part: int = 0
    label: str = ""


@dataclass(frozen=True)
class Char:
    """One visible character: ``node`` is the ``w:t`` holding it (``offset`` into its text),
    or the ``w:tab``/``w:br`` element it stands for (offset 0)."""

    text: str
    node: Any
    offset: int


@dataclass(frozen=True)
class Anchor:
    """A passage found in the runs: characters ``start``..``end`` (inclusive) of ``elements``' map."""

    elements: tuple[Any, ...]
    start: int
    end: int
    text: str


class _Mapper(BodyWalker):
    """The reader's walker, also noting which element (and label) each line came from."""

    def __init__(self, numbering: Numbering, styles: Styles) -> None:
        super().__init__(numbering, styles)
        self.places: dict[int, Place] = {}
        self.labels: dict[Any, str] = {}
        self._seen_label = ""

    def _label(self, ppr: Any, style_id: str | None) -> str:
        label = super()._label(ppr, style_id)
        self._seen_label = label
        return label

    def paragraph_text(self, p: Any) -> tuple[str | None, list[Any]]:
        self._seen_label = ""
        text, boxes = super().paragraph_text(p)
        self.labels[p] = self._seen_label
        return text, boxes

    def paragraph(self, p: Any) -> None:
        before = len(self.lines)
        super().paragraph(p)
        # Lines of text boxes inside this paragraph were placed while walking it.
        own = [i for i in range(before, len(self.lines)) if i not in self.places]
        for part, index in enumerate(own):
            self.places[index] = Place(p, part, self.labels.get(p, "") if part == 0 else "")

    def table(self, tbl: Any) -> None:
        before = len(self.lines)
        rows = list(_unwrapped(tbl, W + "tr"))
        super().table(tbl)
        part = 0
        for index in range(before, len(self.lines)):
            row = self.lines[index].location.get("row", 0)
            # a row read as several lines (a form's label and text, a laid-out table's cells):
            # which of them, so that a passage is looked for past the ones before it
            part = part + 1 if index > before and self.lines[index - 1].location == self.lines[index].location else 0
            if 0 < row <= len(rows):
                self.places[index] = Place(rows[row - 1], part)


class Body:
    """The lines of an open python-docx document, each with the element it came from."""

    def __init__(self, package: Any) -> None:
        walker = _Mapper(Numbering(_numbering_element(package)), Styles(package.styles.element))
        body = package.element.body
        if body is not None:
            walker.blocks(body)
        self.lines = [line.text for line in walker.lines]
        self.places = walker.places

    @classmethod
    def of_paragraphs(cls, paragraphs: list[Any], lines: list[str]) -> Body:
        """For a document built here: line k is paragraph k (no labels, no tables)."""
        body = cls.__new__(cls)
        body.lines = lines
        body.places = {k: Place(p) for k, p in enumerate(paragraphs) if p is not None}
        return body

    def place(self, line: int | None) -> Place | None:
        return self.places.get(line - 1) if line else None

    def find(self, line: int | None, column: int | None, excerpt: str | None) -> Anchor | None:
        """The cited passage at ``line``/``column``; the whole paragraph when the passage is only
        its numbering label; None when the line or the passage is not there."""
        place = self.place(line)
        if place is None or line is None:
            return None
        key = _squeeze(excerpt or "")
        label = _squeeze(place.label)
        if label and key.startswith(label) and (column or 1) <= len(place.label):
            key = key[len(label):]  # Word draws the label; it is in no run
        elements = [place.element]
        chars = chars_of(place.element)
        if not key:
            return _whole(elements, chars)
        expected = self._expected(line, column, place)
        for extra in range(FOLLOWING_LINES + 1):
            if extra:
                following = self.place(line + extra)
                if following is None or following.element in elements:
                    continue
                elements.append(following.element)
                chars = chars + chars_of(following.element)
            found = _search(chars, key, expected)
            if found is not None:
                start, end = found
                return Anchor(tuple(elements), start, end, "".join(c.text for c in chars[start:end + 1]))
        return None

    def whole(self, line: int) -> Anchor | None:
        place = self.place(line)
        if place is None:
            return None
        return _whole([place.element], chars_of(place.element))

    def _expected(self, line: int, column: int | None, place: Place) -> int:
        """Where the passage should start among the element's non-space characters."""
        text = self.lines[line - 1]
        before = len(_squeeze(text[: max((column or 1) - 1, 0)])) - len(_squeeze(place.label))
        for k in range(line - 1 - place.part, line - 1):
            before += len(_squeeze(self.lines[k]))
        return max(before, 0)


def chars_of(element: Any) -> list[Char]:
    """The visible characters of a paragraph or table row, in order (what the reader shows)."""
    out: list[Char] = []
    _visible(element, out)
    return out


def _visible(element: Any, out: list[Char]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED_INLINE:
            continue
        if tag == W + "r":
            _run(child, out)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                _visible(choice, out)
        else:
            _visible(child, out)


def _run(run: Any, out: list[Char]) -> None:
    rpr = run.find(W + "rPr")
    if rpr is not None:
        vanish = rpr.find(W + "vanish")
        if vanish is not None and vanish.get(W + "val") not in ("0", "false", "off"):
            return
    for child in run:
        tag = child.tag
        if tag == W + "t":
            out.extend(Char(ch, child, k) for k, ch in enumerate(child.text or ""))
        elif tag in (W + "tab", W + "ptab"):
            out.append(Char("\t", child, 0))
        elif tag in (W + "br", W + "cr"):
            out.append(Char("\n", child, 0))
        elif tag == W + "noBreakHyphen":
            out.append(Char("-", child, 0))


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if ch not in SPACES)


def _search(chars: list[Char], key: str, expected: int) -> tuple[int, int] | None:
    """(first, last) index into ``chars`` of ``key``, white space ignored; nearest ``expected``."""
    solid = [k for k, c in enumerate(chars) if c.text not in SPACES]
    text = "".join(chars[k].text for k in solid)
    best: int | None = None
    at = text.find(key)
    while at >= 0:
        if best is None or abs(at - expected) < abs(best - expected):
            best = at
        at = text.find(key, at + 1)
    if best is None:
        return None
    return solid[best], solid[best + len(key) - 1]


def _whole(elements: list[Any], chars: list[Char]) -> Anchor | None:
    solid = [k for k, c in enumerate(chars) if c.text not in SPACES]
    if not solid:
        return None
    return Anchor(tuple(elements), solid[0], solid[-1], "".join(c.text for c in chars[solid[0]:solid[-1] + 1]))
