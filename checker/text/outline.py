"""The report's heading outline, from Chinese numbering and format hints.

Official documents number headings 一、 → （一） → 1. → （1）, and enumerate
inside paragraphs with 一是、二是. Levels are assigned by first appearance (a
report that starts at （一） has （一） as its top level), the way a reader does,
so a report that skips a level still gets a sensible tree.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from checker.model import Record
from checker.text.document import EMPHASIS_LEVEL
from checker.text.markers import ENUMERATION, HEADING_FIRST, HEADING_SOURCES, HEADING_STYLES
from checker.text.normalize import MatchView, glued_title, han_count
from checker.text.regex_cache import lazy

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
TITLE_END = lazy(r"[。！？]")
MAX_TITLE = 60
BARE_MAX = 30
# A heading's title may end at a colon with its body after it on the same line (no full stop
# within MAX_TITLE): the body then holds at least this many Chinese characters.
TITLE_COLON = lazy(r"[：:]")
COLON_BODY = 8
COLON_TITLE = 16
CLAUSE_MARK = lazy(r"[，,、；;。（(“\"《]")
# A short line with a comma or colon leads into what follows (究其原因，主要有以下几个方面：):
# it is a sentence, not an unnumbered heading.
LEAD_IN = lazy(r"[。！？，：；,:;]")
# A section named as a label (存在的问题：, 下一步打算：) heads what follows where a report has
# no numbered headings; beside 一、/（一） the same line is a lead-in within a section.
LABEL = "bare-label"
LABEL_END = "：:"
QUESTION_END = "？?"
# A heading set in brackets of emphasis (【2025年怎么干】, 〖存在的短板〗): its words are inside them.
BRACKETED = lazy(r"^\s*[【〖［]\s*([^【】〖〗［］]+?)\s*[】〗］]\s*$")
# The title's own lines (关于……的报告 over two lines), never a section heading.
TITLE_LINE = lazy(r"^关于|报告$")
# A table-of-contents entry (一、主要举措和成效……………1): a leader and a page number, never a
# heading (the matching view drops the spaces a Word TOC puts there, so only leaders are seen).
TOC_ENTRY = lazy(r"[…⋯.·．_－\-]{2,}\s*\d{1,3}\s*$")
# Each numbered style's marker after a sentence's end inside a paragraph: （一）……。（二）……。 on one
# line is a list of items, not a heading with the rest of the list as its body.
RUN_ON_MARKER = {style: lazy(r"(?<=[。；！？]\s*)" + source.lstrip("^"))
                 for style, source in HEADING_SOURCES if style != "part"}


def chinese_ordinal(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; ``None`` for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Heading(Record):
    """A numbered (or hinted) heading; spans are offsets in the matching view."""

    style: str
    marker: str
    number: int | None
    title: str
    start: int
    title_end: int
    body_start: int
    paragraph: int
    level: int = 0

    def __init__(
        self, style: str, marker: str, number: int | None, title: str, start: int, title_end: int,
        body_start: int, paragraph: int, level: int = 0,
    ) -> None:
        self.style = style
        self.marker = marker
        self.number = number
        self.title = title
        self.start = start
        self.title_end = title_end
        self.body_start = body_start
        self.paragraph = paragraph
        self.level = level

    @property
    def text(self) -> str:
        return self.marker + self.title


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Section(Record):
    """A heading and everything under it up to the next heading at its level or above."""

    heading: Heading | None
    level: int
    start: int
    end: int
    children: list[Section] = field(default_factory=list)

    def __init__(
        self, heading: Heading | None, level: int, start: int, end: int,
        children: list[Section] | None = None,
    ) -> None:
        self.heading = heading
        self.level = level
        self.start = start
        self.end = end
        self.children = [] if children is None else children

    @property
    def body_start(self) -> int:
        return self.heading.body_start if self.heading else self.start

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""

    def walk(self) -> list[Section]:
        out: list[Section] = []
        for child in self.children:
            out.append(child)
            out.extend(child.walk())
        return out


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Enumeration(Record):
    """One 一是/二是 item inside a paragraph."""

    number: int
    marker: str
    start: int
    paragraph: int

    def __init__(self, number: int, marker: str, start: int, paragraph: int) -> None:
        self.number = number
        self.marker = marker
        self.start = start
        self.paragraph = paragraph


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Outline(Record):
    root: Section
    headings: list[Heading]
    enumerations: list[Enumeration]

    def __init__(self, root: Section, headings: list[Heading], enumerations: list[Enumeration]) -> None:
        self.root = root
        self.headings = headings
        self.enumerations = enumerations

    @property
    def top(self) -> list[Section]:
        return self.root.children

    def sections(self) -> list[Section]:
        return self.root.walk()

    def first_heading_start(self) -> int:
        return self.headings[0].start if self.headings else self.root.end

    def section_at(self, index: int) -> Section:
        """The deepest section containing view offset ``index`` (children are in order: a binary
        search at each level, as this is asked per finding)."""
        current = self.root
        while True:
            k = bisect_right(current.children, index, key=lambda child: child.start) - 1
            if k < 0 or not current.children[k].start <= index < current.children[k].end:
                return current
            current = current.children[k]


def _heading_in(view: MatchView, k: int, bare: Callable[[str], bool] | None) -> Heading | None:
    start, end = view.paragraphs[k]
    text = view.text[start:end]
    line = view.paragraph_lines[k] if view.paragraph_lines else -1
    hint = view.doc.heading_levels.get(line)
    if hint is None and line in view.doc.list_items:
        return None  # a list item (``1. 制定……`` in Markdown) is content, not a heading
    if TOC_ENTRY.search(text):
        return None
    # Every numbered style opens with 第, a Chinese numeral, a bracket or a digit: most
    # paragraphs are told by their first character, without a match per style.
    first = text[:1]
    styles = HEADING_STYLES if first in HEADING_FIRST or first.isdigit() else ()
    for style, pattern in styles:
        match = pattern.match(text)
        if not match:
            continue
        if style == "arabic-dot" and hint is None and _looks_like_list_item(text):
            return None
        number = chinese_ordinal(match.group(2))
        if hint is None and _items_run_on(style, text, match.end(), number):
            return None
        return _make_heading(style, match.group(1), number, text, start, k, match.end())
    if hint is not None:
        return _make_heading(f"hint-{hint}", "", None, text, start, k, 0)
    if bare is not None and len(text) <= BARE_MAX and not LEAD_IN.search(text) and bare(unbracketed(text)):
        return _make_heading("bare", "", None, text, start, k, 0)
    # a label on a line of its own (存在的问题：), in a report with no numbered headings; a question
    # on a line of its own that names a content (还有哪些短板？) heads what follows the same way
    if bare is not None and len(text) <= BARE_MAX and text[-1:] in LABEL_END + QUESTION_END \
            and not LEAD_IN.search(text, 0, len(text) - 1) and bare(text[:-1]):
        return _make_heading(LABEL, "", None, text, start, k, 0)
    return None


def _glued_heading(view: MatchView, k: int, headings: list[Heading], bare: Callable[[str], bool],
                   title_ends: regex.Pattern[str]) -> tuple[Heading, bool] | None:
    """A heading pasted onto the end of the paragraph before it (……视察4次。二、党政主要负责人
    履行……职责情况, its body on the next line): the paragraph's last words, after a sentence's
    end, with no mark of a sentence, numbered next after the last heading of its style; and
    whether it names a content (``bare``: else the next heading of its style must go on from it).
    Items run on in one paragraph end with a full stop, or number from the list's own start."""
    start, end = view.paragraphs[k]
    cut = max(view.text.rfind(mark, start, end) for mark in "。！？")
    if cut < 0 or end - cut - 1 > MAX_TITLE or k + 1 >= len(view.paragraphs):
        return None
    offset = cut + 1
    while offset < end and view.text[offset].isspace():
        offset += 1
    tail = view.text[offset:end]
    if tail[:1] not in HEADING_FIRST or LEAD_IN.search(tail):
        return None
    found = glued_title(view.text[start:end], cut - start, tail, title_ends)
    if found is None:
        return None
    style, match = found
    number = chinese_ordinal(match.group(2))
    before = next((heading for heading in reversed(headings) if heading.style == style), None)
    if number is None or before is None or before.number != number - 1:
        return None
    return _make_heading(style, match.group(1), number, tail, offset, k, match.end()), bare(tail[match.end():])


def _numbering_goes_on(heading: Heading, headings: list[Heading]) -> bool:
    """Whether the next heading of ``heading``'s style after it is numbered right after it."""
    later = next((h for h in headings if h.start > heading.start and h.style == heading.style), None)
    return later is not None and later.number == (heading.number or 0) + 1


def _items_run_on(style: str, text: str, marker_end: int, number: int | None) -> bool:
    """Whether the next item of the same style follows in the same paragraph, after a sentence
    (（一）……。（二）……。（三）……。 is a list written as one paragraph: its items are content)."""
    pattern = RUN_ON_MARKER.get(style)
    if pattern is None or number is None:
        return False
    match = pattern.search(text, marker_end)
    return match is not None and chinese_ordinal(match.group(2)) == number + 1


def _looks_like_list_item(text: str) -> bool:
    """``1.`` lines that are long run-on sentences are list items, not headings."""
    first = TITLE_END.search(text)
    return first is None and len(text) > MAX_TITLE * 2


def _titled_by_colon(text: str, marker_end: int, colon: int) -> bool:
    """Whether the words before a colon are a title: short, or a long name of one phrase (三、党政主要
    负责人履行推进法治建设第一责任人职责情况：县长全年主持……), with no clause mark in it."""
    size = colon - marker_end
    return size <= COLON_TITLE or (size <= MAX_TITLE and CLAUSE_MARK.search(text, marker_end, colon) is None)


def _make_heading(style: str, marker: str, number: int | None, text: str, start: int,
                  paragraph: int, marker_end: int) -> Heading:
    stop = TITLE_END.search(text, marker_end)
    colon = TITLE_COLON.search(text, marker_end, stop.start() if stop else len(text))
    if colon and _titled_by_colon(text, marker_end, colon.start()) \
            and han_count(text, colon.end(), len(text)) >= COLON_BODY:
        # 一、书记县长履职情况：县委书记、县长……; 二、存在问题：部分乡镇……。: a short title, then the
        # body on the heading's own line after a colon
        title_end = colon.start()
        body_start = colon.end()
    elif stop and stop.start() - marker_end <= MAX_TITLE:
        title_end = stop.start()
        body_start = stop.end()
    else:
        title_end = len(text)
        body_start = len(text)
    title = unbracketed(text[marker_end:title_end].strip())
    return Heading(style, marker.strip(), number, title, start, start + title_end,
                   start + body_start, paragraph)


def unbracketed(title: str) -> str:
    """A title without the brackets of emphasis around it (【2025年怎么干】 → 2025年怎么干)."""
    if title[:1] not in "【〖［":
        return title
    inner = BRACKETED.match(title)
    return inner.group(1) if inner else title


def build_outline(view: MatchView, bare: Callable[[str], bool] | None = None,
                  title_ends: regex.Pattern[str] | None = None) -> Outline:
    """Find headings and enumerations; nest headings by order of first appearance.

    ``bare``: a predicate for short unnumbered lines that should count as
    headings (the template's section names, e.g. a lone 存在的问题). ``title_ends``: a heading
    title's last word (the pack's ``headings.title_ends``), for a heading pasted onto the end of
    the paragraph before it; without it (or ``bare``) none is found.
    """
    headings: list[Heading] = []
    early: list[Heading] = []  # unnumbered headings before any sentence, kept if the body has their kind
    enumerations: list[Enumeration] = []
    body_seen = False  # title and header lines come before any sentence
    tentative: list[Heading] = []  # glued headings naming no content: kept if the numbering goes on
    for k in range(len(view.paragraphs)):
        heading = _heading_in(view, k, bare)
        start, end = view.paragraphs[k]
        if heading is not None and (body_seen or not _unnumbered(heading)):
            headings.append(heading)
        elif heading is not None and k > 0 and _opens_body(view, k) \
                and not TITLE_LINE.search(view.text, start, end):
            early.append(heading)
        glued = _glued_heading(view, k, headings, bare, title_ends) \
            if bare is not None and title_ends is not None and headings else None
        if glued is not None:
            headings.append(glued[0])
            if not glued[1]:
                tentative.append(glued[0])
        body_seen = body_seen or TITLE_END.search(view.text, start, end) is not None
        if view.text.find("是", start, end) < 0:
            continue  # every enumeration marker is 一是, 二是…
        for match in ENUMERATION.finditer(view.text, start, end):
            number = chinese_ordinal(match.group(1))
            if number is not None:
                enumerations.append(Enumeration(number, match.group(0), match.start(), k))
    if tentative:
        headings = [h for h in headings if h not in tentative or _numbering_goes_on(h, headings)]
    # A styled or bare line before any sentence is the title block (# 标题 in Markdown, a Title
    # style in Word) unless the report goes on with headings of the same kind and no preamble:
    # 主要举措和成效 / 存在的不足和原因 / … as plain lines make the first one a heading too.
    # Labels beside numbered headings are lead-ins within a section, unless a label comes
    # first: 主要举措和成效： over （一）……（四）, then 存在的不足：, makes the labels the sections.
    first = min(headings + early, key=lambda heading: heading.start, default=None)
    if first is not None and first.style != LABEL and any(not _unnumbered(heading) for heading in headings):
        headings = [heading for heading in headings if heading.style != LABEL]
    later = {heading.style for heading in headings if _unnumbered(heading)}
    kept = [heading for heading in early if heading.style in later]
    if kept:
        headings = sorted(headings + kept, key=lambda heading: heading.start)

    root = Section(None, 0, 0, len(view.text))
    _nest(root, headings, view, bare)
    _close(root, len(view.text))
    return Outline(root, headings, enumerations)


def _unnumbered(heading: Heading) -> bool:
    return heading.style in ("bare", LABEL) or heading.style.startswith("hint")


def _opens_body(view: MatchView, k: int) -> bool:
    """The next paragraph is running text: sentences, longer than any heading."""
    if k + 1 >= len(view.paragraphs):
        return False
    start, end = view.paragraphs[k + 1]
    return end - start > BARE_MAX and TITLE_END.search(view.text, start, end) is not None


def _nest(root: Section, headings: list[Heading], view: MatchView,
          bare: Callable[[str], bool] | None = None) -> None:
    """Give each heading its level and parent.

    A heading's level is the depth at which its kind first appeared. Its kinds
    are its numbering style and, when the format marks it (Markdown ``##``, a Word
    heading style), that mark: so ``## 一、`` and an unnumbered ``## 下一步打算``
    are siblings, ``### （一）`` sits under them, and a 四、 after an intervening
    lead-in or unnumbered heading returns to the level where 一、 was first seen.
    Unnumbered headings found by their wording (``bare``) and first-level marks are top-level.
    """
    stack: list[Section] = [root]
    depth_of: dict[str, int] = {}
    for heading in headings:
        hint = view.doc.heading_levels.get(view.paragraph_lines[heading.paragraph]) \
            if view.paragraph_lines else None
        # Bold is a mark of unnumbered headings only: a bold 一、 is placed by its numbering, so that
        # the bold unnumbered lines under it (健全依法行政制度体系) sit one level down.
        if hint == EMPHASIS_LEVEL and not _unnumbered(heading):
            hint = None
        keys = [heading.style] + ([f"mark-{hint}"] if hint is not None else [])
        known = [depth_of[key] for key in keys if key in depth_of]
        # A numbered heading of the style of one on the current path continues that one's list
        # (1. 2. 3. in a plan, first seen deeper under （一） of another section): its sibling.
        open_list = next((d for d in range(len(stack) - 1, 0, -1)
                          if (above := stack[d].heading) is not None and above.style == heading.style), None)
        if heading.style == "bare" or hint == 1:
            depth = 1
        elif open_list is not None and _restarts_under(heading, stack[-1].heading, view):
            depth = len(stack)  # its items, numbered again from （一）: one level down
        elif open_list is not None and not _unnumbered(heading):
            depth = open_list
        elif _misnumbered_top(heading, stack, bare):
            depth = 1
        elif known:
            depth = min(known)
        else:
            depth = len(stack)
        depth = min(depth, len(stack))
        del stack[depth:]
        heading.level = depth
        for key in keys:
            depth_of.setdefault(key, depth)
        section = Section(heading, depth, heading.start, len(view.text))
        stack[-1].children.append(section)
        stack.append(section)


def _misnumbered_top(heading: Heading, stack: list[Section], bare: Callable[[str], bool] | None) -> bool:
    """Whether ``heading`` is the next top-level heading numbered in another style: （四）下一年度工作
    安排 right after 三、 (a slip the numbering rule reports). It must name a content (``bare``)
    and follow on from the top-level number; under 三、 it would carry no content of its own."""
    top = stack[1].heading if len(stack) > 1 else None
    return bare is not None and top is not None and top.number is not None and heading.number == top.number + 1 \
        and heading.style != top.style and not _unnumbered(heading) and bare(heading.title)


def _restarts_under(heading: Heading, above: Heading | None, view: MatchView) -> bool:
    """Whether ``heading`` is the first item of the heading just before it, numbered in its
    style again: （二）下一步打算 on a line of its own, then （一）…（二）…（三）… as its items (a
    slip of numbering the numbering rule reports). As siblings the plan's heading had no body."""
    if above is None or above.style != heading.style or heading.number != 1 \
            or above.number is None or above.number < 2 or heading.paragraph != above.paragraph + 1:
        return False
    _, end = view.paragraphs[above.paragraph]
    return han_count(view.text, above.title_end, end) == 0


def _close(section: Section, end: int) -> None:
    """Each section ends where its next sibling starts (or where its parent ends)."""
    section.end = end
    for i, child in enumerate(section.children):
        nxt = section.children[i + 1].start if i + 1 < len(section.children) else end
        _close(child, nxt)
