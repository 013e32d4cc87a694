"""The matching view: the report's text normalised for rules, mapped back to the original.

Rules only ever match this view; renderers only ever show the original. Each
character of the view remembers the offset of the original character it came
from, so every match cites the original line, column and passage.

What the view changes, and why:

* full-width digits and letters become ASCII (``２０２３`` matches ``\\d``), while
  ASCII ``, ; : ( ) ! ?`` between Chinese text become full-width, so that a
  pattern written once with Chinese punctuation matches both spellings (a comma
  between two digits stays: ``1,021`` is a number);
* Kangxi radicals and compatibility ideographs from PDF fonts (``⽣``) become the
  ordinary character; full NFKC is not used because it would turn ``（），：％``
  into ASCII and lose the distinction the punctuation rules need;
* Markdown / PDF-to-text ``**bold**`` markers are dropped when they pair up
  around a balanced phrase (a lone ``**县`` is a placeholder and stays);
* spaces next to Chinese characters or digits are dropped (``2023 年`` is ``2023年``);
* blank lines are dropped and a sentence broken across a page break is joined
  back into one paragraph, so that ``坚持把`` / ``学习党的二十大`` is one paragraph;
* lines that speak to the drafter or to the tool, not to the reader, are dropped:
  a line that is one HTML comment (``<!-- checker-disable … -->``) and a drafting
  hint on a line of its own (``【填写提示：…】``, as ``checker init`` writes them),
  so that neither triggers a rule nor counts as content.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import regex

from checker.model import Record
from checker.text import regex_cache
from checker.text.document import Document
from checker.text.markers import HEADING_START, HEADING_STYLES, LISTED_MARKER
from checker.text.regex_cache import lazy

DATE_LINE = lazy(
    r"^(?:\d{4}|[〇零一二三四五六七八九○]{4})\s*年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$"
)
TERMINAL = set("。！？；：…")
CLOSERS = set("”’）》】」")
CONTINUING = set("、，,（“《‘【")
# Marks that close or go on with what came before: a line starting with one is the one before's rest
# (a PDF's line broken before the 》 of a title that ended in （草案）)
NEVER_OPENS = set("”’）》】」、，。；：！？")
SENTENCE_BREAK = set("。！？；")
SENTENCE_BREAK_RE = lazy("[。！？；]")
ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
BRACKET_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〔": "〕", "(": ")"}
BOLD_MAX = 80
JOIN_MIN_LENGTH = 40
# A line of a hard-wrapped file (a PDF's text, a .txt wrapped at 28 characters a line) holds a
# comma long before it holds 40 characters: with one, a line near that width goes on below. (A
# short line with a comma, 附：复议、应诉情况统计表, is no wrapped one: the issuer below it stands apart.)
CLAUSE_JOIN_MIN = 24
CLAUSE_MARKS = set("，")
# A heading wrapped at the page's width leaves a short tail on the next line
# (四、2026年推进法治政府建设的主要⏎安排): a long open heading line takes one such line when the
# two name a section the heading alone does not, or goes on with the heading's words (三、……第一责任人
# 职责情况⏎待补充 is a heading and its body).
WRAPPED_HEADING_MIN = 16
WRAPPED_SHORT_MIN = 10  # ……for a tail that goes on with the heading's words (_goes_on)
HEADING_TAIL_MAX = 8
_TAIL_BREAKS = set("，。；：！？、（）()【】")
# A speech's subtitle (——二〇二六年二月二十六日在……会议上) is a line of its own, however long: the
# speaker's name under it is not its wrapped tail.
SUBTITLE = lazy(r"^[—－-]{1,2}[^。]*(?:会议上|讲话|发言)$")
# A wrapped heading's tail goes on with a conjunction or ends with a heading's own word.
CONJUNCTION_TAIL = lazy(r"^[和与及暨并的]")
# Under a heading that ends as headings do (……职责情况), a line this long that names a section by itself
# is a sub-heading of its own (县委书记履职情况), not the heading's tail (……推进法治政府⏎建设的主要安排).
SUBHEADING_MIN = 6
BULLETS = set("-*+•")
# A character that _fold_line, _drop_bold_markers or _squeeze_spaces would change
# (see fold_char and ASCII_TO_FULL): lines without one are taken as they are.
NEEDS_WORK = lazy(
    "[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A％．\u2E80-\u2FDF\uF900-\uFAFF丶"
    "\u3000\u00a0\t\u2002\u2003\u200b\ufeff ,;:()!?*Oo曰]|^\\s*[-－—](?:、|是(?!否))|[二〇○零]0"
)
# Text recognised from a scan and pasted in (not by our OCR, whose own repairs these are too):
# 丶 is 、 misread (the radical is never written in a report), and a heading's or an
# enumeration's 一 at a line's start read as a dash (-、主要举措和成效, -是加强学习).
OCR_DASH_MARKER = lazy(r"^\s*[-－—](?=、|是(?!否))")
# ……and a date's or figure's 0 read as the letter O (2O26年, 1O日), a Chinese year's 〇 as O or 0
# (二O二五年), 日 after a day's number as 曰: one character for one, so offsets stay.
# (never in a formula or a code: H2O2, Fe2O3, O2O; nor before letters)
OCR_DIGIT_MISREAD = lazy(r"(?P<digit>(?<=(?<![A-Za-z\d.])\d[\dOo]*)[Oo]"
                         r"(?=[\dOo]*(?:[年月日曰号件个次人项%％]|(?![A-Za-z\d])))"
                         r"|(?<=[年月])[Oo](?=\d+(?![A-Za-z\d])))"
                         r"|(?P<year>(?<=[一二三四五六七八九〇○零][Oo0]*)[Oo0](?=[一二三四五六七八九〇○零Oo0]*年))"
                         r"|(?P<day>(?<=\d[Oo]?)曰)")
_MISREAD_AS = {"digit": "0", "year": "〇", "day": "日"}
INSTRUCTION_LINE = lazy(r"^\s*(?:<!--.*-->|【(?:填写)?提示[：:][^】]*】)\s*$")


# A page number pasted in with the text of a printed or scanned filing (— 2 —, -3-, 第 1 页 共 3 页), in
# the middle of a paragraph it splits: never report text. (The PDF reader drops its own pages'
# numbers; a bare number or 1/3 on a line of its own could be a table's cell, and stays.)
PASTED_PAGE_NUMBER = lazy(r"^\s*(?:[-—–－―─]\s*\d{1,4}\s*[-—–－―─]"
                          r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
                          r"|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页)\s*$")
PAGE_NUMBER_MAX = 16  # characters such a line holds at most (a quick test before the pattern)


def is_page_number(line: str) -> bool:
    return len(line) <= PAGE_NUMBER_MAX and PASTED_PAGE_NUMBER.match(line) is not None


def is_instruction(line: str) -> bool:
    """A comment or drafting hint on a line of its own: not part of the report."""
    return ("<!--" in line or "【" in line) and INSTRUCTION_LINE.match(line) is not None


def has_instructions(text: str) -> bool:
    """Whether any line of ``text`` is a comment or drafting hint (:func:`is_instruction`)."""
    return ("<!--" in text or "【" in text) and any(map(is_instruction, text.split("\n")))


def is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


# is_han's ranges by the high byte of a UTF-16 code unit: 34–4C, 4E–9F and F9–FA hold Chinese
# characters only; 4D holds both (4D00–4DBF) and the hexagram symbols (4DC0–4DFF).
_HAN_HIGH_BYTES = bytes([*range(0x34, 0x4D), *range(0x4E, 0xA0), 0xF9, 0xFA])
_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # compiled when needed (rare; 5 ms with re)


def han_count(text: str, start: int = 0, end: int | None = None) -> int:
    """How many characters of ``text[start:end]`` :func:`is_han` holds for.

    Counted from the high bytes of the text's UTF-16 code units, in C: deleting the
    Chinese ones and comparing lengths costs a few microseconds per thousand
    characters, where a ``findall`` made a string of every character. (A character
    outside the BMP is two code units, both outside the ranges, as it is outside is_han.)
    """
    high = text[start:end].encode("utf-16-le", "surrogatepass")[1::2]
    if 0x4D in high:  # rare: the block mixes Chinese characters and symbols
        return len(re.compile(_HAN).findall(text, start, len(text) if end is None else end))
    return len(high) - len(high.translate(None, _HAN_HIGH_BYTES))


def clipped(text: str, limit: int) -> str:
    """``text`` as a message quotes it: at most ``limit`` characters, the last one … when cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def is_cjk_punct(ch: str) -> bool:
    code = ord(ch)
    return 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or ch in "“”‘’…—·"


def _wide(ch: str) -> bool:
    """Characters next to which a space is an extraction artefact, not a word gap."""
    return is_han(ch) or is_cjk_punct(ch)


@cache
def fold_char(ch: str) -> str:
    """Fold one character for matching; always returns exactly one character."""
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
        return chr(code - 0xFEE0)
    if ch in "％．":
        return "%" if ch == "％" else "."
    if 0x2F00 <= code <= 0x2FDF or 0x2E80 <= code <= 0x2EFF or 0xF900 <= code <= 0xFAFF:
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    if ch in "\u3000\u00a0\t\u2002\u2003\u200b\ufeff":
        return " "
    if ch == "丶":
        return "、"
    return ch


class FoldTable(dict[int, str]):
    """``str.translate``'s table for :func:`fold_char`, filled as characters are met: a line
    is folded in one C pass instead of a Python call per character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


FOLD = FoldTable()
_ASCII_PUNCT = lazy("[" + regex.escape("".join(ASCII_TO_FULL)) + "]")

# A line being normalised: its text, and the document offset of each of its characters (a
# range while no character was dropped: no list of ints per line; slices of it are ranges). (A
# list of (character, offset) pairs cost a tuple per character and a join per step.)
Line = tuple[str, Sequence[int]]
_SPACES = re.compile(" +")
PERCENT_SIGNS = "%‰"


# The characters fold_char changes (NEEDS_WORK also holds those the other steps change): a line
# without one is its own folding, and str.translate costs a dictionary look-up per character.
_FOLDS = lazy(
    "[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A％．\u2E80-\u2FDF\uF900-\uFAFF"
    "\u3000\u00a0\t\u2002\u2003\u200b\ufeff丶]"
)


def _fold_line(line: str, start: int) -> Line:
    # fold_char gives one character for one: offsets stay
    folded = line if _FOLDS.search(line) is None else line.translate(FOLD)
    offsets = range(start, start + len(line))
    dash = OCR_DASH_MARKER.match(folded)
    if dash is not None:
        folded = folded[:dash.end() - 1] + "一" + folded[dash.end():]
    if "O" in folded or "o" in folded or "曰" in folded or "0" in folded:
        folded = OCR_DIGIT_MISREAD.sub(_misread, folded)
    if _ASCII_PUNCT.search(folded) is None:
        return folded, offsets
    chars = list(folded)
    for i in (m.start() for m in _ASCII_PUNCT.finditer(folded)):  # the only ones the loop changes
        ch = chars[i]
        prev = chars[i - 1] if i else ""  # (already made full-width, if it was)
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in ",:" and prev.isdigit() and nxt.isdigit():
            continue
        if any(c and (is_han(c) or is_cjk_punct(c)) for c in (prev, nxt)) or ch in "()":
            chars[i] = ASCII_TO_FULL[ch]
    return "".join(chars), offsets


def _misread(match: regex.Match[str]) -> str:
    return _MISREAD_AS[match.lastgroup or "digit"]


def balanced(text: str) -> bool:
    """Brackets and quotes in ``text`` open and close in order."""
    closers = {v: k for k, v in BRACKET_PAIRS.items()}
    stack: list[str] = []
    for ch in text:
        if ch in BRACKET_PAIRS:
            stack.append(ch)
        elif ch in closers:
            if not stack or stack[-1] != closers[ch]:
                return False
            stack.pop()
    return not stack


_BOLD_MARK = lazy(r"(?<!\*)\*\*(?!\*)")


def _drop_bold_markers(line: Line) -> Line:
    """Remove ``**`` pairs around a short balanced phrase; leave lone markers."""
    text, offsets = line
    if "**" not in text:
        return line
    marks = [m.start() for m in _BOLD_MARK.finditer(text)]
    drop: list[int] = []  # where each dropped marker starts, in order (markers never overlap)
    i = 0
    while i + 1 < len(marks):
        open_at, close_at = marks[i], marks[i + 1]
        inner = text[open_at + 2 : close_at]
        if 0 < len(inner) <= BOLD_MAX and inner.strip() == inner and balanced(inner):
            drop += (open_at, close_at)
            i += 2
        else:
            i += 1
    if not drop:
        return line
    # The text between the markers as slices (a character at a time cost a step per character).
    texts: list[str] = []
    kept: list[int] = []
    done = 0
    for at in drop:
        texts.append(text[done:at])
        kept.extend(offsets[done:at])
        done = at + 2
    texts.append(text[done:])
    kept.extend(offsets[done:])
    return "".join(texts), kept


def _squeeze_spaces(line: Line) -> Line:
    """Drop spaces at the ends and next to Chinese text or digits; collapse the rest.

    Each run of spaces is found whole (in C) and the text between runs copied as slices,
    so a line of a million spaces costs one match, not a million squared steps.
    """
    text, offsets = line
    if " " not in text:
        return line
    texts: list[str] = []
    kept: list[int] = []
    done = 0  # where the text not yet copied starts
    spaced = _letter_spaced(text)
    for run in _SPACES.finditer(text):
        start, end = run.span()
        texts.append(text[done:start])
        kept.extend(offsets[done:start])
        done = end
        if start > 0 and end < len(text) and not _wide(text[start - 1]) and not _wide(text[end]) \
                and not (text[end] in PERCENT_SIGNS and text[start - 1].isdigit()) \
                and not (spaced and end - start == 1 and text[start - 1].isdigit() and text[end].isdigit()):
            texts.append(" ")  # one space between two words (100 % from a PDF is 100%)
            kept.append(offsets[start])
    texts.append(text[done:])
    kept.extend(offsets[done:])
    return "".join(texts), kept


def _letter_spaced(text: str) -> bool:
    """A line with a space after nearly every character (关 于 2 0 2 4 年 度, a scan's text or a spaced
    title): its digits are one number (2024), where a table's row (一审案件（件） 9 4) keeps its columns."""
    chars = len(text) - text.count(" ")
    if chars < LETTER_SPACED_MIN or han_count(text) < LETTER_SPACED_HAN:
        return False  # (a row of spaced digits alone is a table's)
    # single spaces between characters (a table's columns are set apart by runs of them), and between
    # its Chinese characters more than not (败诉数 1 0 1 0 is a table's row of one-digit cells)
    singles = sum(1 for run in _SPACES.finditer(text) if run.end() - run.start() == 1)
    if singles < LETTER_SPACED_SHARE * (chars - 1):
        return False
    return len(_SPACED_HAN.findall(text)) >= len(_ADJACENT_HAN.findall(text))


LETTER_SPACED_MIN = 6
_SPACED_HAN = lazy(r"(?<=\p{Han}) (?=\p{Han})")
_ADJACENT_HAN = lazy(r"(?<=\p{Han})\p{Han}")
LETTER_SPACED_HAN = 3
LETTER_SPACED_SHARE = 0.6


def _strip_markdown_hashes(line: Line) -> Line:
    """``## 存在的问题`` is a heading hint; the hashes are syntax, not content."""
    text, offsets = line
    k = len(text) - len(text.lstrip("#"))
    k = len(text) - len(text[k:].lstrip(" "))
    return (text[k:], offsets[k:]) if k < len(text) else line


def _strip_bullet(line: Line) -> Line:
    """``- 制定……`` is a list item; the bullet is syntax (an ordered item keeps its number)."""
    text, offsets = line
    k = len(text) - len(text.lstrip(" "))
    if k + 1 < len(text) and text[k] in BULLETS and text[k + 1] == " ":
        k = len(text) - len(text[k + 1:].lstrip(" "))
        return (text[k:], offsets[k:]) if k < len(text) else line
    return line


def _kept_apart(doc: Document, index: int) -> bool:
    """A heading or a list item stands on its own line: never joined with a neighbour."""
    return index in doc.heading_levels or index in doc.list_items


def _ends_open(text: str) -> bool:
    """The line stops mid-sentence (no terminal punctuation)."""
    last = text[-1]
    if last in TERMINAL:
        return False
    if last in CLOSERS:
        # （……） and 【……】 close a unit of their own (a web page's 【打印】【关闭】 ends its chrome line)
        before = text[-2] if len(text) > 1 else ""
        return before not in TERMINAL and last not in "）】"
    return True


class _Paragraph:
    """Lines being joined into one paragraph: the pieces, and what :func:`_should_join` asks of
    the text so far (its start, its last two characters, its length, whether a sentence ended).

    Pieces are joined once at the end; concatenating as lines arrive would copy a long
    paragraph once per line.
    """

    HEAD = 100  # characters kept of the start: more than any heading marker

    def __init__(self, text: str, offsets: Sequence[int], index: int) -> None:
        self.texts = [text]
        self.offsets = [offsets]  # each line's, joined once at the end as the texts are
        self.index = index
        self.head = text[: self.HEAD]
        self.tail = text[-2:]
        self.length = len(text)
        self.has_break = SENTENCE_BREAK_RE.search(text) is not None
        self.has_clause = not CLAUSE_MARKS.isdisjoint(text)

    def add(self, text: str, offsets: Sequence[int]) -> None:
        self.texts.append(text)
        self.offsets.append(offsets)
        if len(self.head) < self.HEAD:
            self.head = (self.head + text)[: self.HEAD]
        self.tail = (self.tail + text)[-2:]
        self.length += len(text)
        self.has_break = self.has_break or SENTENCE_BREAK_RE.search(text) is not None
        self.has_clause = self.has_clause or not CLAUSE_MARKS.isdisjoint(text)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def _soft_break(doc: Document, a: int, b: int, last: _Paragraph, b_text: str) -> bool:
    """Whether document lines ``a`` and ``b`` are one paragraph of the file broken mid-sentence by a
    line break within it (Word's Shift+Enter: 四、2025年推进⏎法治政府建设的主要安排, 《……（2021—⏎2025年）》),
    which the reader keeps at one location; a heading or a date after the break stands apart."""
    locations = doc.line_locations
    if b != a + 1 or b >= len(locations) or locations[a] != locations[b] or "row" in locations[a]:
        return False
    return _ends_open(last.tail) and not HEADING_START.match(b_text) and not DATE_LINE.match(b_text)


def _should_join(a: _Paragraph, b_text: str, a_hint: bool, b_hint: bool,
                 names_section: Callable[[str], bool] | None = None,
                 title_ends: regex.Pattern[str] | None = None) -> bool:
    if a_hint or b_hint:
        return False
    if HEADING_START.match(b_text) or DATE_LINE.match(b_text):
        return False
    if b_text[:1] in NEVER_OPENS and not (HEADING_START.match(a.head) and not a.has_break):
        return True  # 《……条例（草案）⏎》并提请……: no line of its own begins so (a heading keeps its line)
    if not _ends_open(a.tail) or SUBTITLE.match(a.texts[-1]):
        return False
    if a.tail[-1] in CONTINUING or _unclosed(a.texts[-1]):
        return True  # 对照《法治政府建设实施纲要（2021—⏎2025年）》
    if HEADING_START.match(a.head) and not a.has_break:
        return names_section is not None and _heading_tail(a, b_text, names_section, title_ends)
    # (the tail over the last two lines: a glued heading's title wrapped once, ……第一⏎责任人职责情况;
    # a line going on with 和/与/的 is the tail's or the sentence's own rest: 二、存在的不足⏎和原因)
    if a.has_break and names_section is not None and title_ends is not None \
            and not CONJUNCTION_TAIL.match(b_text) and _ends_with_glued_heading("".join(a.texts[-2:]), title_ends):
        return False
    if a.has_break or a.length >= JOIN_MIN_LENGTH:
        return True
    return a.has_clause and a.length >= CLAUSE_JOIN_MIN and not a.head.startswith("|")  # (a table's row)


def _ends_with_glued_heading(line: str, title_ends: regex.Pattern[str]) -> bool:
    """The line ends with a heading pasted onto its last sentence (……视察4次。二、党政主要负责人履行
    ……职责情况, ……评查案卷120卷。二、行政复议和行政诉讼情况): a marker, a title ending in a heading's
    word, no clause mark. The next line is that heading's body, not the rest of the sentence (the
    outline then finds the heading if its number follows on, and it names a content or the next
    heading of its style goes on from it)."""
    cut = max(line.rfind(mark) for mark in "。！？")
    tail = line[cut + 1:].strip() if cut >= 0 else ""
    return 0 < len(tail) <= GLUED_HEADING_MAX and glued_title(line, cut, tail, title_ends) is not None


def glued_title(paragraph: str, cut: int, tail: str,
                title_ends: regex.Pattern[str]) -> tuple[str, regex.Match[str]] | None:
    """The style and marker of ``tail``, the words of ``paragraph`` after its last sentence's end
    (at ``cut``), when they read as a heading: a marker, then a title ending in a heading's word
    (``title_ends``: the pack's ``headings.title_ends``) with no clause mark and no number first
    (三、四季度……: the quarters). None when the paragraph lists items of that style before it
    (一、……。二、健全……制度: the list's last item)."""
    if title_ends.search(tail) is None:
        return None
    for style, pattern in HEADING_STYLES:
        marker = pattern.match(tail)
        if marker is None:
            continue
        title = tail[marker.end():]
        if not _TAIL_BREAKS.isdisjoint(title) or title[:1] in NUMERAL_START \
                or LISTED_MARKER[style].search(paragraph, 0, cut + 1) is not None:
            return None
        return style, marker
    return None


NUMERAL_START = frozenset("一二三四五六七八九十0123456789")


GLUED_HEADING_MAX = 60  # characters of a heading's line at most (the outline's MAX_TITLE)


def _signs(line: str, below: str | None) -> bool:
    """A short line without punctuation above a date line is the signature's issuer (青川县人民政府 ⏎
    2026年1月22日): it never goes on the line above, however open that one ends."""
    return below is not None and len(line) <= SIGNATURE_MAX and _TAIL_BREAKS.isdisjoint(line) \
        and DATE_LINE.match(below) is not None


SIGNATURE_MAX = 30


def _unclosed(line: str) -> bool:
    """The line opens a bracket or a quotation it does not close (a title wrapped inside 《》)."""
    depth = 0
    for ch in line:
        if ch in BRACKET_PAIRS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth > 0


_CLOSERS = set(BRACKET_PAIRS.values())


def _goes_on(tail: str, title_ends: regex.Pattern[str] | None) -> bool:
    """A wrapped heading's tail goes on with a conjunction or ends with a heading's own word."""
    return CONJUNCTION_TAIL.match(tail) is not None or (title_ends is not None and title_ends.search(tail) is not None)


def _heading_tail(a: _Paragraph, b_text: str, names_section: Callable[[str], bool],
                  title_ends: regex.Pattern[str] | None) -> bool:
    """``b_text`` is the rest of the heading line ``a``, wrapped at the page's width: ``a`` is one
    long line, ``b_text`` a few characters with no punctuation, and only with them does the heading
    name a section."""
    # a line that goes on with the heading's words (……主要举措⏎和成效, ……第一责任人⏎职责情况) is its
    # tail even where the heading alone names a section, or was wrapped short (a larger type)
    goes_on = _goes_on(b_text, title_ends)
    if len(a.texts) != 1 or a.length < (WRAPPED_SHORT_MIN if goes_on else WRAPPED_HEADING_MIN) \
            or len(b_text) > HEADING_TAIL_MAX or not _TAIL_BREAKS.isdisjoint(b_text):
        return False
    heading = a.texts[0]
    # (……职责情况⏎待补充: a heading and its body; ……职责情况⏎县委书记履职情况: a sub-heading of its own)
    if goes_on and len(b_text) >= SUBHEADING_MIN and not CONJUNCTION_TAIL.match(b_text) \
            and title_ends is not None and title_ends.search(heading) and names_section(b_text):
        return False
    return names_section(heading + b_text) and (goes_on or not names_section(heading))


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class MatchView(Record):
    """Normalised text for matching, with a map back to the original document.

    ``origin[i]`` is the offset in ``doc.text`` of the character that became
    ``text[i]``; the paragraph separator ``\\n`` maps to the end of its paragraph.
    ``paragraph_lines[k]`` is the 0-based document line where paragraph k starts.
    """

    doc: Document
    text: str
    origin: Sequence[int]  # a list, or a range where the view is the document's own text
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)

    def __init__(
        self, doc: Document, text: str, origin: Sequence[int],
        paragraphs: list[tuple[int, int]] | None = None, paragraph_lines: list[int] | None = None,
    ) -> None:
        self.doc = doc
        self.text = text
        self.origin = origin
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.paragraph_lines = [] if paragraph_lines is None else paragraph_lines

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            raw = self.origin[start] if start < len(self.origin) else len(self.doc.text)
            return raw, raw
        return self.origin[start], self.origin[end - 1] + 1

    def excerpt(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``, with line breaks removed."""
        raw_start, raw_end = self.raw_span(start, end)
        return "".join(self.doc.text[raw_start:raw_end].split("\n")).strip()

    def context(self, start: int, end: int, width: int = 30) -> str:
        """The original passage around ``text[start:end]`` within its paragraph, for display."""
        if not self.paragraphs:
            return self.excerpt(start, end)
        para_start, para_end = self.paragraphs[self.paragraph_at(start)]
        left = max(para_start, start - width)
        right = min(para_end, max(end, start) + width)
        text = self.excerpt(left, right)
        return ("…" if left > para_start else "") + text + ("…" if right < para_end else "")

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) in the extracted text of view offset ``index``."""
        origin = self.origin
        if not origin:
            return self.doc.position(0)
        # Clamped with comparisons (min and max are two calls, asked per finding and figure).
        last = len(origin) - 1
        return self.doc.position(origin[0 if index < 0 else last if index > last else index])

    def location(self, index: int) -> dict[str, int] | None:
        origin = self.origin
        if not origin or not self.doc.line_locations:
            return None  # (the document's location needs its line locations)
        last = len(origin) - 1
        return self.doc.location(origin[0 if index < 0 else last if index > last else index])

    def paragraph_at(self, index: int) -> int:
        """Index of the paragraph holding view offset ``index`` (a binary search: called per finding)."""
        return max(bisect_right(self._paragraph_starts, index) - 1, 0)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_text(self, k: int) -> str:
        start, end = self.paragraphs[k]
        return self.text[start:end]


def title_ends_pattern(words: Sequence[str]) -> regex.Pattern[str] | None:
    """The pattern of a heading title's last word, one of ``words`` (the pack's
    ``headings.title_ends``), for :func:`build_view` and the outline; None without words."""
    return regex_cache.compiled("(?:" + "|".join(map(regex.escape, words)) + ")$") if words else None


def build_view(doc: Document, names_section: Callable[[str], bool] | None = None,
               title_ends: regex.Pattern[str] | None = None) -> MatchView:
    """Normalise ``doc`` into its matching view. ``names_section``: whether a heading's text names
    one of the report's sections (the templates' heading words), to join a heading wrapped over
    two lines; without it none is. ``title_ends``: a heading title's last word (the pack's
    ``headings.title_ends``: ……职责情况), for a wrapped title's tail and a heading pasted onto the
    end of a paragraph; without it neither is told by its words."""
    # Each line as its normalised text, the original offset of each of its
    # characters, and its 0-based line number in the document.
    lines: list[tuple[str, Sequence[int], int]] = []
    offset = 0
    for index, line in enumerate(doc.text.split("\n")):
        if is_instruction(line) or is_page_number(line):
            offset += len(line) + 1
            continue
        line_text = line.rstrip("\r")
        hinted = index in doc.heading_levels
        listed = index in doc.list_items
        if NEEDS_WORK.search(line_text) is None and not hinted and not listed:
            # Most lines of a Chinese report have nothing to fold, drop or squeeze.
            if line_text:
                lines.append((line_text, range(offset, offset + len(line_text)), index))
        else:
            folded = _fold_line(line_text, offset)
            if listed and not hinted:
                folded = _strip_bullet(folded)
            folded = _squeeze_spaces(_drop_bold_markers(folded))
            if hinted:
                folded = _strip_markdown_hashes(folded)
            if folded[0]:
                lines.append((*folded, index))
        offset += len(line) + 1

    paragraphs: list[_Paragraph] = []
    previous = -1  # the document line placed last
    for k, (text, offsets, index) in enumerate(lines):
        if paragraphs:
            last = paragraphs[-1]
            if _soft_break(doc, previous, index, last, text) \
                    or (not _signs(text, lines[k + 1][0] if k + 1 < len(lines) else None)
                        and _should_join(last, text, _kept_apart(doc, last.index), _kept_apart(doc, index),
                                         names_section, title_ends)):
                last.add(text, offsets)
                previous = index
                continue
        paragraphs.append(_Paragraph(text, offsets, index))
        previous = index

    origin: list[int] = []
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    pos = 0
    for k, paragraph in enumerate(paragraphs):
        if k:
            origin.append(origin[-1] + 1 if origin else 0)
            pos += 1
        text = paragraph.text
        texts.append(text)
        for offsets in paragraph.offsets:
            origin.extend(offsets)
        spans.append((pos, pos + len(text)))
        pos += len(text)
    return MatchView(doc, "\n".join(texts), origin, spans, [p.index for p in paragraphs])


def original_view(doc: Document, keep_instructions: bool = False) -> MatchView:
    """The document's own text as a view, for rules about the original characters.

    Comment and hint lines are blanked (same length, so offsets still map 1:1),
    unless ``keep_instructions``: the view for rules about what was left in.
    """
    lines = doc.text.split("\n")
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    pos = 0
    for index, line in enumerate(lines):
        if not keep_instructions and is_instruction(line):
            lines[index] = " " * len(line)
        elif line.strip():
            spans.append((pos, pos + len(line)))
            starts.append(index)
        pos += len(line) + 1
    text = "\n".join(lines)
    return MatchView(doc, text, range(len(text)), spans, starts)  # offsets map 1:1


@cache
def _ends_pattern(ends: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(ends) + "]")


def sentence_spans(text: str, ends: str, keep_end: bool) -> list[tuple[int, int]]:
    """Spans of ``text`` split at any character of ``ends`` (a paragraph break is never kept).

    ``keep_end``: whether a span includes its closing punctuation. The engine's
    sentences end at 。！？； and keep it; figures end at 。！？ only (one statement
    may list several figures across ；) and leave it out.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _ends_pattern(ends).finditer(text):
        i = match.start()
        stop = i + 1 if keep_end and match.group() != "\n" else i
        if stop > start:
            spans.append((start, stop))
        start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans
