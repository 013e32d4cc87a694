"""What a reader produces: the report's extracted text and where each line came from.

A reader turns a file into a :class:`Document`: plain text made of lines joined by
``\\n`` (for a Word file one line per paragraph, for a PDF one line per re-joined
paragraph), plus, per line, the location a user can find in the original file.
Findings cite 1-based line and column in this extracted text and carry the
line's location.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from checker.model import Record

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# A short line set in bold all through (Word runs, HTML <strong>) is how drafters who never use
# heading styles mark an unnumbered heading (健全依法行政制度体系): its own outline mark, whose
# level comes from its first appearance as every mark's does, never the first level of a style.
EMPHASIS_LEVEL = 10
EMPHASIS_HEADING_MAX = 30
_NOT_A_HEADING_END = frozenset("。；;！？!?：:，,")


def may_be_emphasis_heading(line: str) -> bool:
    """Whether a wholly bold line is short enough, and not a sentence nor a lead-in (示例市人民政府：)."""
    line = line.strip()
    return 0 < len(line) <= EMPHASIS_HEADING_MAX and "\n" not in line and line[-1] not in _NOT_A_HEADING_END


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Document(Record):
    """A report as read from its file.

    ``line_locations``: one entry per line of ``text`` (``{"paragraph": 12}`` for
    Word, ``{"page": 3, "line": 7}`` for PDF), or empty when the line number is
    itself the location (plain text and Markdown).
    ``metadata``: what the format itself carries (``title``, ``issuer``,
    ``published``, ``index_no``, ``doc_no``), e.g. a web page's 发布机构.
    ``heading_levels``: 0-based line index -> outline level, from Word heading
    styles, Markdown ``#``, HTML ``<h2>`` or a short wholly bold line (``EMPHASIS_LEVEL``): a
    hint the outline uses.
    ``list_items``: 0-based indices of lines the format marks as list items
    (Markdown ``-``/``1.``): never headings, never joined with a neighbour.
    ``ocr_lines``: 0-based lines whose text came from OCR (a scan): the engine
    reports character-level slips on them as hints, since OCR errors look like typos.
    """

    path: str
    text: str
    format: str = "txt"
    line_locations: list[dict[str, int]] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    heading_levels: dict[int, int] = field(default_factory=dict)
    list_items: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    ocr_lines: set[int] = field(default_factory=set)

    def __init__(
        self, path: str, text: str, format: str = "txt", line_locations: list[dict[str, int]] | None = None,
        metadata: dict[str, str] | None = None, heading_levels: dict[int, int] | None = None,
        list_items: set[int] | None = None, warnings: list[str] | None = None,
        ocr_lines: set[int] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.format = format
        self.line_locations = [] if line_locations is None else line_locations
        self.metadata = {} if metadata is None else metadata
        self.heading_levels = {} if heading_levels is None else heading_levels
        self.list_items = set() if list_items is None else list_items
        self.warnings = [] if warnings is None else warnings
        self.ocr_lines = set() if ocr_lines is None else ocr_lines
        self.__post_init__()

    def __post_init__(self) -> None:
        if not self.text.isascii() and LONE_SURROGATE.search(self.text):
            # Half of a UTF-16 pair (a damaged PDF, a caller's string) is no character: it
            # could be neither shown nor written as UTF-8. Same length, so offsets hold.
            self.text = LONE_SURROGATE.sub("\ufffd", self.text)
            self.warnings.append("文字中有无法识别的字符（不成对的代理码位），已显示为 �")
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at >= 0:  # str.find, not a Python loop over every character
            starts.append(at + 1)
            at = find("\n", at + 1)
        self._line_starts = starts

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_of(self, offset: int) -> int:
        """0-based line index of a character offset in ``text``."""
        return bisect_right(self._line_starts, offset) - 1

    def line_start(self, index: int) -> int:
        return self._line_starts[index]

    def line_text(self, index: int) -> str:
        start = self._line_starts[index]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in ``text``."""
        index = self.line_of(offset)
        return index + 1, offset - self._line_starts[index] + 1

    def location(self, offset: int) -> dict[str, int] | None:
        """The original-file location of the line holding ``offset``, if not the line itself."""
        if not self.line_locations:
            return None
        index = self.line_of(offset)
        if index < len(self.line_locations):
            return dict(self.line_locations[index])
        return None
