"""Printed lines from positioned characters, and paragraphs from printed lines.

Shared by the readers whose text comes with positions: PDF (PDFium's character
boxes), OFD (TextCode positions) and OCR (recognised boxes). The steps:

1. characters grouped into lines by vertical position, sorted by x (producers draw
   runs in any order: LibreOffice draws a quotation mark after the words it encloses);
2. running headers, footers and page numbers removed (a page-number pattern on a
   page's first or last line, or a line repeated at the edge of most pages);
3. lines re-joined into paragraphs: a line continues the previous one when the
   previous line was filled to the right margin (the next word would not have
   fitted), the next line is not indented and no extra space separates them.
   Joined without a space between Chinese characters, so 人大常 / 委会 matches.

Coordinates are PDF-like: points, y growing upwards. Each paragraph's location is the
page and the line on that page (furniture not counted) where it starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

import regex

# Page furniture, as data: a line matching one of these on a page's first or last
# line is a page number, never report text.
PAGE_NUMBER_PATTERNS = (
    r"[-—–－―─~～\s]*\d{1,4}[-—–－―─~～\s]*",  # — 1 —, -1-, 12
    r"第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?",  # 第1页, 第1页 共3页
    r"共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页",  # 共3页 第1页
    r"\d{1,4}\s*/\s*\d{1,4}",  # 1/3
    r"(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?",  # Page 1 of 3
    r"[-—–－―─\s]*[一二三四五六七八九十百]{1,4}[-—–－―─\s]+",  # — 一 —
)
PAGE_NUMBER = regex.compile("^(?:" + "|".join(PAGE_NUMBER_PATTERNS) + ")$")
EDGE_LINES = 3  # how many lines at the top and bottom of a page can be furniture
REPEAT_SHARE = 0.6  # a line at the edge of this share of the pages is a running header/footer
HEADING_START = regex.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]{1,3}(?:部分|章|节))"
)
SENTENCE_END = set("。！？；：…")
OPENERS = set("（《“‘【〔「(")
CLOSERS = set("，。、；：！？）》”’】〕」,.;:!?)")
LINE_TOLERANCE = 0.35  # share of the line height within which two characters sit on one line
INDENT = 0.9  # a first line indented by this many character widths starts a paragraph
RIGHT_SLACK = 0.5  # a line this close to the margin (in character widths) was full
PARAGRAPH_GAP = 1.45  # line pitch above this multiple of the usual pitch starts a paragraph



@dataclass(slots=True)
class Char:
    ch: str
    left: float
    right: float
    bottom: float
    top: float
    middle: float = field(init=False)
    height: float = field(init=False)

    def __post_init__(self) -> None:
        self.middle = (self.bottom + self.top) / 2
        self.height = self.top - self.bottom


@dataclass
class Line:
    """A printed line; its geometry is computed once, its characters never change."""

    page: int
    chars: list[Char]
    text: str = ""
    number: int = 0  # 1-based line on its page after furniture is removed
    left: float = field(init=False)
    right: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    em: float = field(init=False)

    def __post_init__(self) -> None:
        chars = self.chars
        self.left = chars[0].left
        self.right = chars[-1].right
        self.top = max(c.top for c in chars)
        self.bottom = min(c.bottom for c in chars)
        heights = [c.height for c in chars if c.height > 0]
        self.em = median(heights) if heights else 10.0


@dataclass
class PageLines:
    number: int
    lines: list[Line] = field(default_factory=list)


def is_wide(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no spaces between them."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x3000 <= code <= 0x303F or ch in "“”‘’…—·")


# ---------------------------------------------------------------- lines


def _lines(page: int, chars: list[Char]) -> list[Line]:
    """Group characters into lines by vertical position; each line sorted left to right."""
    ordered = sorted(chars, key=lambda c: -c.middle)
    groups: list[list[Char]] = []
    middle = height = 0.0
    for char in ordered:
        if groups and abs(char.middle - middle) <= LINE_TOLERANCE * max(height, char.height, 1.0):
            group = groups[-1]
            group.append(char)
            middle += (char.middle - middle) / len(group)
            height = max(height, char.height)
        else:
            groups.append([char])
            middle, height = char.middle, char.height
    lines = []
    for group in groups:
        group.sort(key=lambda c: c.left)
        line = Line(page, group)
        line.text = _line_text(group, line.em)
        if line.text.strip():
            lines.append(line)
    return lines


def _line_text(chars: list[Char], em: float) -> str:
    """Characters with a space where the gap says so: a word gap between Latin letters or
    digits, or a wide gap (table cells); never between Chinese characters set tight."""
    out: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None:
            gap = char.left - previous.right
            both_narrow = not is_wide(previous.ch) and not is_wide(char.ch)
            if gap > 0.9 * em or (both_narrow and gap > 0.15 * em):
                out.append(" ")
        out.append(char.ch)
        previous = char
    return "".join(out)


# ---------------------------------------------------------------- furniture


DIGITS = regex.compile(r"\d+")


def _furniture_key(text: str) -> str:
    """Running headers differ only in their page number: compare them with digits masked."""
    key: str = DIGITS.sub("#", "".join(text.split()))
    return key


def _remove_furniture(pages: list[PageLines]) -> None:
    """Drop page numbers and running headers/footers from the top and bottom of each page.

    A running header is the same text (page numbers masked) at the same height on most
    pages; the same words elsewhere (a title that is also the signature) are report text.
    """
    places: dict[str, list[tuple[int, int, float, float]]] = {}
    for page_index, page in enumerate(pages):
        for position in _edge_positions(len(page.lines)):
            line = page.lines[position]
            places.setdefault(_furniture_key(line.text), []).append(
                (page_index, position, line.bottom, line.em))
    threshold = max(2.0, REPEAT_SHARE * len(pages))
    drop: set[tuple[int, int]] = set()
    for occurrences in places.values():
        if len({page for page, _, _, _ in occurrences}) < threshold:
            continue
        for _, _, height, em in occurrences:
            same_place = [(page, position) for page, position, bottom, _ in occurrences
                          if abs(bottom - height) <= 0.5 * em]
            if len({page for page, _ in same_place}) >= threshold:
                drop.update(same_place)
                break
    for page_index, page in enumerate(pages):
        kept = [k for k in range(len(page.lines)) if (page_index, k) not in drop]
        # page numbers: the outermost remaining line at the top or bottom
        for position in kept[:1] + kept[-1:]:
            if PAGE_NUMBER.match(page.lines[position].text.strip()):
                drop.add((page_index, position))
        page.lines = [line for k, line in enumerate(page.lines) if (page_index, k) not in drop]
        for number, line in enumerate(page.lines, start=1):
            line.number = number


def _edge_positions(count: int) -> list[int]:
    return sorted(set(range(min(EDGE_LINES, count))) | set(range(max(count - EDGE_LINES, 0), count)))


# ---------------------------------------------------------------- paragraphs


@dataclass
class Geometry:
    """The text block of a page: left edge, right edge, usual line pitch."""

    left: float
    right: float
    pitch: float


def _geometry(lines: list[Line], fallback: Geometry | None) -> Geometry:
    if len(lines) < 3 and fallback is not None:
        return fallback
    lefts = [round(line.left) for line in lines]
    left = min(set(lefts), key=lambda x: (-lefts.count(x), x)) if lefts else 0.0
    # Full lines end at the margin (justified) or within a character of it (ragged);
    # last lines of paragraphs end anywhere: the median of the longer half is the margin.
    rights = sorted(line.right for line in lines)
    longer = rights[len(rights) // 2:]
    right = median(longer) if longer else 0.0
    pitches = [a.bottom - b.bottom for a, b in pairwise(lines)
               if a.bottom - b.bottom > 0]
    pitch = median(pitches) if pitches else (fallback.pitch if fallback else 0.0)
    return Geometry(float(left), right, pitch)


def _first_unit_width(line: Line) -> float:
    """Width of what had to move to this line together: one Chinese character with the
    punctuation that may not start a line, or a whole Latin word or number; an opening
    bracket or quotation mark may not end a line, so it carries what follows it."""
    chars = line.chars
    start = 0
    while start < len(chars) - 1 and chars[start].ch in OPENERS:
        start += 1
    if is_wide(chars[start].ch):
        end = start + 1
        while end < len(chars) and chars[end].ch in CLOSERS:
            end += 1
    else:
        end = start + 1
        while end < len(chars) and not is_wide(chars[end].ch) and \
                chars[end].left - chars[end - 1].right < 0.15 * line.em:
            end += 1
    return chars[end - 1].right - chars[0].left


def _continues(previous: Line, line: Line, geometry: Geometry, same_page: bool) -> bool:
    """Does ``line`` continue the paragraph that ``previous`` belongs to?"""
    em = max(previous.em, 1.0)
    if line.left > geometry.left + INDENT * em:
        return False  # indented first line, or a centred line
    if same_page and geometry.pitch and previous.bottom - line.bottom > PARAGRAPH_GAP * geometry.pitch:
        return False  # extra space before the line
    if previous.right + _first_unit_width(line) < geometry.right - RIGHT_SLACK * em:
        return False  # the previous line stopped short: its paragraph ended there
    return not (previous.text.rstrip()[-1:] in SENTENCE_END and HEADING_START.match(line.text))


def _join(left: str, right: str) -> str:
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if is_wide(a) or is_wide(b) or a == "-":
        return left + right
    return left + " " + right


def _paragraphs(pages: list[PageLines]) -> tuple[list[str], list[dict[str, int]]]:
    texts: list[str] = []
    locations: list[dict[str, int]] = []
    previous: Line | None = None
    fallback: Geometry | None = None
    for page in pages:
        geometry = _geometry(page.lines, fallback)
        fallback = geometry
        for line in page.lines:
            if previous is not None and _continues(previous, line, geometry, previous.page == line.page):
                texts[-1] = _join(texts[-1], line.text)
            else:
                texts.append(line.text)
                locations.append({"page": line.page, "line": line.number})
            previous = line
    return texts, locations


def page_lines(page: int, chars: list[Char]) -> PageLines:
    """A page's printed lines from its characters (also for OFD and OCR text)."""
    return PageLines(page, _lines(page, chars))


def layout(pages: list[PageLines]) -> tuple[list[str], list[dict[str, int]]]:
    """Furniture removed, lines re-joined into paragraphs: one text line and its
    ``{"page", "line"}`` location per paragraph (also for OFD and OCR text)."""
    _remove_furniture(pages)
    return _paragraphs(pages)
