"""Numbers in Chinese text: find them, read them, keep their place.

``find_numbers(text)`` returns every number written in Arabic or Chinese
numerals, each with its value, the classifier after it (件、个、份、%…), its
offsets in the text it was given, and what kind of number it is: a statistic,
a year, a date, an ordinal (第三), or a name (“三项制度”, 《…2021—2025年…》).
Approximate figures (近百件, 160余次, 约, 左右, 以上, 数十, ranges such as 1-2部)
are flagged, because no arithmetic may rest on them.

Each number also carries the half-width of its displayed precision: 98.5% means
[98.45, 98.55), 3.2万 means [31 500, 32 500), a plain count such as 32件 is
exact. The checks in ``checker.kinds.arithmetic`` compare intervals, never
rounded values.

The text is expected to be the matching view (full-width digits folded to
ASCII, ％ to %, spaces beside Chinese removed; see ``checker.text.normalize``). The
parser is written here rather than taken from cn2an, which shifts offsets and
fails on 百分之九十 (see the libraries notes).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

import regex

from checker.text import regex_cache
from checker.text.normalize import is_han

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
ZEROS = "零〇○"

# Classifiers that make a number a count of something. Longer ones first.
COUNT_UNITS = (
    "个百分点", "百分点", "人次", "场次", "件次", "宗次", "户次", "批次", "期次", "家次", "个月",
    "件", "个", "份", "次", "人", "名", "项", "台", "家", "场", "期", "部", "条", "户", "起",
    "批", "支", "篇", "卷", "套", "张", "本", "所", "座", "处", "类", "种", "位", "宗", "例",
    "轮", "辆", "艘", "间", "栋", "册", "万元", "亿元", "元", "亩", "公里", "吨", "天", "小时",
    "周", "倍", "岁", "块", "幅", "节", "课", "堂", "单",
)
DATE_UNITS = ("年度", "年", "月", "日", "号")
APPROX_SUFFIX = ("左右", "上下", "以上", "以下", "以内", "之多", "许", "余")
RANGE_MARKS = "-－~～—–至到"

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
_CN = "零〇○一二两三四五六七八九十百千万亿"
_CORE = rf"(?:{_ARABIC}(?:[万亿千百十](?!分)(?:{_ARABIC}|[{_CN}])*)?|[{_CN}]+)"
FINDER = regex_cache.lazy(
    rf"(?P<prefix>将近|接近|大约|约|近|逾|超过|不足|不到|上(?=[百千万])|[数几](?=[十百千万]))?"
    rf"(?:(?P<pct>百分之|千分之)(?P<pval>{_ARABIC}|[{_CN}点]+)"
    rf"|(?P<core>{_CORE})(?P<sign>%)?)"
)
_TOKENS = regex_cache.lazy(rf"{_ARABIC}|[{_CN}]|点")
_ISO_DATE = regex_cache.lazy(r"(?<!\d)(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")
_QUOTES = {"“": "”", "《": "》", "‘": "’", "\"": "\""}
_OPENER_OF = {c: o for o, c in _QUOTES.items()}
_QUOTE_MARKS = regex_cache.lazy("[" + regex.escape("".join(sorted(set(_QUOTES) | set(_QUOTES.values())))) + "]")
QUOTE_MAX = 24
_DECIMALS = regex_cache.lazy(r"(?:\.|点)(\d+|[零〇○一二两三四五六七八九]+)")
_YEAR_RANGE_AFTER = regex_cache.lazy(r"[-—–~～至]\d{4}")
# A year of this century in Arabic digits or digit by digit in Chinese (二〇二五, as formal
# headings write it), for patterns that read it with :func:`year_value`.
YEAR_DIGITS = r"20\d\d|二[〇○零][〇○零一二三四五六七八九]{2}"
# A year named on its own (二〇二五年工作安排), not one end of a range (2021—2025年, 2025年至2026年).
NAMED_YEAR = regex_cache.lazy(rf"(?<![\d—–\-－~～至到〇○零一二三四五六七八九])({YEAR_DIGITS})\s*年"
                                  rf"(?!\s*[—–\-－~～至到]\s*(?:{YEAR_DIGITS}))")


def named_years(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """The years ``text[start:end]`` names on their own (:data:`NAMED_YEAR`)."""
    found = (year_value(m.group(1)) for m in NAMED_YEAR.finditer(text, start, len(text) if end is None else end))
    return [year for year in found if year is not None]


def year_value(text: str) -> int | None:
    """The year written in ``text`` (2025, 二〇二五, 二○二五), or None."""
    if text.isdigit():
        return int(text)
    digits = [CN_DIGITS.get(ch) for ch in text]
    if len(digits) == 4 and all(d is not None and ch != "两" for d, ch in zip(digits, text, strict=True)):
        return int("".join(str(d) for d in digits))
    return None


# Counts, not shares: 百分点 is a difference of rates.
POINT_UNITS = frozenset({"个百分点", "百分点"})
COUNTED = frozenset(COUNT_UNITS) - POINT_UNITS


def decimal_shown(value: float) -> str:
    """A computed value as a message shows it: up to four decimals, no trailing zeros, thousands
    separated (1,234.5, 6.7)."""
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _by_first_character(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their first character, each group in the given order."""
    groups: dict[str, tuple[str, ...]] = {}
    for word in words:
        groups[word[0]] = (*groups.get(word[0], ()), word)
    return groups


# Units in the order they are tried (longest first where one is a prefix of another).
_UNITS = _by_first_character((*COUNT_UNITS, *DATE_UNITS))
_APPROX = _by_first_character(APPROX_SUFFIX)


def _word_at(text: str, pos: int, words: dict[str, tuple[str, ...]]) -> str:
    """The first of ``words`` (grouped by :func:`_by_first_character`) written at ``pos``, or "".

    As an alternation of the words would match, but with one dictionary look-up where
    nothing follows (most numbers): a pattern call costs more than the rest of the reading.
    """
    for word in words.get(text[pos:pos + 1], ()):
        if text.startswith(word, pos):
            return word
    return ""


class Number(NamedTuple):
    """A number found in a text: ``text[start:end]`` is all of it, prefix and unit included.

    A named tuple rather than a frozen dataclass: as immutable and typed, and a report's
    hundred numbers are built several times faster.
    """

    value: float
    start: int
    end: int
    text: str
    unit: str = ""
    percent: bool = False
    approximate: bool = False
    half_width: float = 0.0
    year: bool = False
    date: bool = False
    ordinal: bool = False
    quoted: bool = False
    chinese: bool = False

    @property
    def is_count(self) -> bool:
        """A statistic counted in a classifier (32件, 1,021个), not a year, date, ordinal or name."""
        return (not self.percent and self.unit in COUNTED
                and not (self.year or self.date or self.ordinal or self.quoted))

    @property
    def is_rate(self) -> bool:
        return self.percent and not (self.quoted or self.ordinal)

    @property
    def exact(self) -> bool:
        return not self.approximate

    def bounds(self) -> tuple[float, float]:
        """The interval the displayed figure stands for (closed; see ``half_width``)."""
        return self.value - self.half_width, self.value + self.half_width


def parse_chinese(text: str) -> float | None:
    """The value of a numeral written with Chinese and/or Arabic digits, or None.

    Handles 一百二十三, 一万零二十, 两千, 十二, 一亿零一万, 3.2万, 12万5千, 三万五
    (35 000), 三点五, and digit-by-digit numerals such as 二〇二三. Returns None for
    a run that is not one numeral (十四五, two digits in a row after a unit).
    """
    tokens = _TOKENS.findall(text)
    if not tokens or "".join(tokens) != text:
        return None
    if len(tokens) > 1 and all(t in CN_DIGITS for t in tokens):
        return float("".join(str(CN_DIGITS[t]) for t in tokens))
    total = 0.0
    section = 0.0
    number: float | None = None
    last_unit = 1
    for i, token in enumerate(tokens):
        if token == "点":
            decimals = [CN_DIGITS.get(t) for t in tokens[i + 1:]]
            if not decimals or any(d is None for d in decimals):
                return None
            number = (number or 0.0) + float("0." + "".join(str(d) for d in decimals))
            return round(total + section + number, 9)
        if token in ZEROS:
            number = None
        elif token in CN_DIGITS or token[0].isdigit():
            if number is not None:
                return None  # 十四五: not one numeral
            number = float(CN_DIGITS[token]) if token in CN_DIGITS else float(token.replace(",", ""))
        elif token in SMALL_UNITS:
            section += (1.0 if number is None else number) * SMALL_UNITS[token]
            last_unit, number = SMALL_UNITS[token], None
        else:
            unit = LARGE_UNITS[token]
            value = section + (number or 0.0)
            if not value and not total:
                value = 1.0  # 近万: a bare 万 is one 万
            total = (total + value) * unit if token == "亿" else total + value * unit
            section, number, last_unit = 0.0, None, unit
    if number is not None and len(tokens) > 1 and tokens[-1] in CN_DIGITS \
            and tokens[-2] in SMALL_UNITS.keys() | LARGE_UNITS.keys():
        number *= last_unit / 10  # 三万五 = 35 000, 一百五 = 150
    return round(total + section + (number or 0.0), 9)


def _half_width(core: str, percent: bool) -> float:
    """Half of the place value of the last digit shown: 98.5% → 0.05, 3.2万 → 500, 32 → 0."""
    match = _DECIMALS.search(core)
    decimals = len(match.group(1)) if match else 0
    last = core[-1]
    scale = SMALL_UNITS.get(last) or LARGE_UNITS.get(last) or 1
    # 10.0 ** -n underflows to 0.0 where 10.0 ** n would overflow (more than ~308 decimals).
    if percent:
        return 0.5 * pow(10.0, -decimals)
    if decimals:
        return 0.5 * pow(10.0, -decimals) * scale
    if scale >= SMALL_UNITS["千"]:
        return 0.5 * scale  # 12万, 两千: likely rounded, and silence is cheaper than a false alarm
    return 0.0


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Short quoted phrases and every book title: numbers inside them are names.

    A quotation never runs past the end of its line. Only the quotation marks are
    visited; a line end between two of them closes whatever is open (one C search
    rather than a step per line of the report).
    """
    spans: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    last = 0
    for mark in _QUOTE_MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if open_at and text.find("\n", last, i) >= 0:
            open_at.clear()
        last = i
        opener = _OPENER_OF.get(ch)
        closer_of = opener if opener is not None and opener in open_at else None
        if closer_of is not None and (closer_of != ch or i > open_at[closer_of]):
            start = open_at.pop(closer_of)
            if closer_of == "《" or i - start <= QUOTE_MAX:
                spans.append((start, i + 1))
            continue
        if ch in _QUOTES:
            open_at[ch] = i
    return spans


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, in order, with offsets into ``text``."""
    # Which characters stand inside a short quotation or a book title (numbers there are names).
    quoted = bytearray(len(text) + 1)
    for a, b in _quoted_spans(text):
        quoted[a + 1:b] = b"\x01" * (b - a - 1)
    iso_dates = [m.span() for m in _ISO_DATE.finditer(text)]
    found: list[Number] = []
    for match in FINDER.finditer(text):
        number = _read(text, match, quoted, iso_dates)
        if number is not None:
            found.append(number)
    return _mark_ranges(text, found)


_new_number = tuple.__new__
_LOOSE_NEXT = frozenset("余多来")  # after a numeral: 160余次, 30多人, 十来个


class _Core(NamedTuple):
    value: float
    half_width: float
    pair: bool  # two Chinese digits naming a range (三四个, 一两次): worth the first


@lru_cache(maxsize=4096)
def _core(core: str, percent: bool) -> _Core | None:
    """What a numeral says on its own, kept: the same few numerals recur in every report, and
    parsing one costs more than the rest of reading a number."""
    value = parse_chinese(core)
    if value is None:
        return None
    pair = len(core) == 2 and all(c in CN_DIGITS for c in core) and not any(c in ZEROS for c in core)
    return _Core(float(CN_DIGITS[core[0]]) if pair else value, _half_width(core, percent), pair)


def _read(text: str, match: regex.Match[str], quoted: bytearray,
          iso_dates: list[tuple[int, int]]) -> Number | None:
    # One call for all the groups, and offsets from their lengths (the groups follow one
    # another): this runs for each number of the report, so the look-ups of a unit or an
    # approximation after it are written out here rather than called (_word_at).
    start, end = match.span()
    prefix, pct, pval, core, sign = match.groups()
    prefix = prefix or ""
    core_start = start + len(prefix) + len(pct or "")
    if pct:
        core = pval
    before = text[core_start - 1] if core_start else ""
    # A numeral either opens with a digit or holds none (the finder's alternatives).
    chinese = not core[0].isdigit()
    if start and text[start - 1].isascii() and text[start - 1].isalpha():
        return None  # part of a code such as G310 or A1
    if chinese and not pct:
        if core[0] in "百千万亿" and not prefix:
            return None  # 百姓, 千方百计, 万家: a word, not a number
        if core == "一" and before and is_han(before):
            return None  # 统一, 进一步, 之一
    percent = bool(pct or sign)
    reading = _core(core, percent)
    if reading is None:
        return None
    value, half_width, pair = reading
    approximate = bool(prefix) or pair
    if pct == "千分之":
        value, half_width = value / 10, half_width / 10
    unit = ""
    if percent:
        unit = "%"
        after = text[end:end + 1]
    else:
        after = text[end:end + 1]
        if after in _LOOSE_NEXT and not text.startswith("多元", end):
            approximate = True
            end += 1
            after = text[end:end + 1]
        if after in LARGE_UNITS and _word_at(text, end + 1, _UNITS):
            value *= LARGE_UNITS[after]
            end += 1
            after = text[end:end + 1]
        for word in _UNITS.get(after, ()):
            if text.startswith(word, end):
                unit = word
                end += len(word)
                after = text[end:end + 1]
                break
    if chinese and not unit and not percent and not approximate and is_han(after or "a") \
            and after not in LARGE_UNITS and not quoted[core_start] and before != "第":
        return None  # 一审, 二审, 三级, 两法衔接: a Chinese numeral counts only with its classifier
    if after in _APPROX:  # mostly not
        suffix = _word_at(text, end, _APPROX)
        if suffix and not (suffix == "以下" and unit in DATE_UNITS):
            approximate = True
            end += len(suffix)
    year = len(core) == 4 and _is_year(text, core, value, unit, core_start)
    date = unit == "月" or unit == "日" or (bool(iso_dates) and _inside_span(iso_dates, core_start))
    if year and unit in ("月", "日"):
        year = False
    # tuple.__new__ with every field: the named tuple's own __new__ is one Python call more.
    return _new_number(Number, (value, start, end, text[start:end], unit, percent, approximate,
                                half_width, year, date and not year, before == "第",
                                bool(quoted[core_start]), chinese))


def _inside_span(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, disjoint): a binary search, as this
    is asked for every number of the report."""
    k = bisect_right(spans, (offset, float("inf"))) - 1  # the last span starting at or before
    return k >= 0 and offset < spans[k][1]


def _is_year(text: str, core: str, value: float, unit: str, core_start: int) -> bool:
    four = len(core) == 4 and (core.isdigit() or all(c in CN_DIGITS for c in core))
    if not four or not 1900 <= value <= 2100:
        return False
    before = text[core_start - 1] if core_start else ""
    after = text[core_start + 4: core_start + 9]
    return (unit in ("年", "年度") or (before != "" and before in "〔[（(")
            or bool(_YEAR_RANGE_AFTER.match(after)))


def _mark_ranges(text: str, numbers: list[Number]) -> list[Number]:
    """1-2部 is approximate at both ends; 2015-2020 and 2021—2025年 are years."""
    out = list(numbers)
    for k in range(len(out) - 1):
        left, right = out[k], out[k + 1]
        # Most neighbours stand further apart than one mark: no slice of the text for them.
        if right.start - left.end != 1 or text[left.end] not in RANGE_MARKS or left.unit \
                or left.percent or left.date or right.date:
            continue
        if (left.year or right.year) and all(1900 <= n.value <= 2100 for n in (left, right)):
            out[k] = left._replace(year=True)
            out[k + 1] = right._replace(year=True)
        else:
            out[k] = left._replace(approximate=True, unit=right.unit)
            out[k + 1] = right._replace(approximate=True)
    return out
