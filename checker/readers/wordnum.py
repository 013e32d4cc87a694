"""Word's automatic numbering, rendered as the text a reader sees (一、 （一） 1.).

No library puts these labels into the text; without them a report whose
headings are numbered by Word has no 一、 for the outline to find. The model
(ECMA-376 §17.9): a paragraph's ``numPr`` (or its style's) names a ``num``;
the ``num`` points at an ``abstractNum`` whose ``lvl`` elements give start
value, number format and a label template such as ``%1、`` or ``（%2）``; a
``num`` may override a level's start (``startOverride``) or the whole level.
Counters run per ``num``; using a level resets the levels below it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9

CN_DIGITS = "零一二三四五六七八九"
CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ENCLOSED_CIRCLE = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ENCLOSED_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
ENCLOSED_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
BULLET = "•"
LETTERS_MAX = 26 * 20


def _chinese(n: int, digits: str = CN_DIGITS, ten: str = "十", hundred: str = "百",
             thousand: str = "千") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (the counting style Word uses)."""
    if n <= 0 or n >= 10000:
        return str(n)
    units = ((1000, thousand), (100, hundred), (10, ten))
    out: list[str] = []
    rest = n
    zero_pending = False
    for value, name in units:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                out.append(digits[0])
                zero_pending = False
            # 十一 not 一十一 when ten is the leading unit
            if not (value == 10 and digit == 1 and not out):
                out.append(digits[digit])
            out.append(name)
        elif out:
            zero_pending = True
    if rest:
        if zero_pending:
            out.append(digits[0])
        out.append(digits[rest])
    return "".join(out)


def _letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA, 28 → BB (Word repeats the letter)."""
    if n <= 0 or n > LETTERS_MAX:
        return str(n)  # a start value of 10**9 must not build a billion-letter label
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, glyph in ROMAN:
        while n >= value:
            out.append(glyph)
            n -= value
    return "".join(out)


def _from_table(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


def _cyclic(table: str, n: int) -> str:
    return table[(n - 1) % len(table)] if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """The label for counter value ``n`` in Word number format ``fmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, CN_LEGAL_DIGITS, "拾", "佰", "仟")
    if fmt in ("ideographTraditional", "ideographLegalTraditional"):
        return _cyclic(HEAVENLY_STEMS, n)
    if fmt == "ideographZodiac":
        return _cyclic(EARTHLY_BRANCHES, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _from_table(ENCLOSED_CIRCLE, n)
    if fmt == "decimalEnclosedParen":
        return _from_table(ENCLOSED_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _from_table(ENCLOSED_FULLSTOP, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, and the English word formats, which Chinese reports do not use


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None means Word's default "%N."
    style: str | None = None  # pStyle: a paragraph style tied to this level
    legal: bool = False  # isLgl: show every level as decimal
    restart: int | None = None  # lvlRestart: -1/0 never, else the level that resets it
    suffix: str = "tab"


def _val(element: Any, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W + "val") if child is not None else None


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _level(element: Any, base: Level | None = None) -> Level:
    level = base or Level()
    start = _int(_val(element, "start"))
    fmt = _val(element, "numFmt")
    text_el = element.find(W + "lvlText")
    restart = _int(_val(element, "lvlRestart"))
    legal = element.find(W + "isLgl")
    suffix = _val(element, "suff")
    return replace(
        level,
        start=start if start is not None else level.start,
        fmt=fmt or level.fmt,
        text=text_el.get(W + "val") if text_el is not None else level.text,
        style=_val(element, "pStyle") or level.style,
        legal=level.legal or (legal is not None and legal.get(W + "val") not in ("0", "false")),
        restart=restart if restart is not None else level.restart,
        suffix=suffix or level.suffix,
    )


@dataclass
class ListInstance:
    """One ``w:num``: its levels (overrides applied) and its running counters."""

    levels: dict[int, Level]
    start_overrides: dict[int, int]
    counters: list[int | None]


class Numbering:
    """Label generator for one document; call :meth:`label` in body order."""

    def __init__(self, numbering: Any) -> None:
        abstracts: dict[str, dict[int, Level]] = {}
        if numbering is None:
            numbering = []
        for abstract in numbering.iterfind(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId") or ""
            levels: dict[int, Level] = {}
            for lvl in abstract.iterfind(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"))
                if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
                    levels[ilvl] = _level(lvl)
            abstracts[key] = levels
        self._abstracts = abstracts
        self._nums: dict[str, tuple[str, Any]] = {}
        for num in numbering.iterfind(W + "num"):
            num_id = num.get(W + "numId")
            abstract_id = _val(num, "abstractNumId")
            if num_id is not None and abstract_id is not None:
                self._nums[num_id] = (abstract_id, num)
        self._instances: dict[str, ListInstance] = {}

    def _instance(self, num_id: str) -> ListInstance | None:
        if num_id in self._instances:
            return self._instances[num_id]
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        abstract_id, num = entry
        levels = dict(self._abstracts.get(abstract_id, {}))
        starts: dict[int, int] = {}
        for override in num.iterfind(W + "lvlOverride"):
            ilvl = _int(override.get(W + "ilvl"))
            if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                continue
            start = _int(_val(override, "startOverride"))
            if start is not None:
                starts[ilvl] = start
            replacement = override.find(W + "lvl")
            if replacement is not None:
                levels[ilvl] = _level(replacement, levels.get(ilvl))
        instance = ListInstance(levels, starts, [None] * MAX_LEVELS)
        self._instances[num_id] = instance
        return instance

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level of list ``num_id`` that is tied to paragraph style ``style_id``."""
        instance = self._instance(num_id)
        if instance is None:
            return None
        for ilvl, level in instance.levels.items():
            if level.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``num_id`` at ``ilvl`` and return the rendered label."""
        instance = self._instance(num_id)
        if instance is None or not 0 <= ilvl < MAX_LEVELS:
            return ""
        level = instance.levels.get(ilvl, Level())
        counters = instance.counters
        current = counters[ilvl]
        counters[ilvl] = self._start(instance, ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = instance.levels.get(deeper, Level()).restart
            if restart == 0 or (restart is not None and restart - 1 < ilvl):
                continue  # that level never restarts, or restarts only after a level above ilvl
            counters[deeper] = None
        if level.fmt == "bullet":
            return _bullet(level.text)
        template = level.text if level.text is not None else f"%{ilvl + 1}."
        return self._substitute(instance, template, level.legal)

    def _start(self, instance: ListInstance, ilvl: int) -> int:
        if ilvl in instance.start_overrides:
            return instance.start_overrides[ilvl]
        return instance.levels.get(ilvl, Level()).start

    def _substitute(self, instance: ListInstance, template: str, legal: bool) -> str:
        out: list[str] = []
        i = 0
        while i < len(template):
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
                ref = int(template[i + 1]) - 1
                value = instance.counters[ref]
                if value is None:
                    value = self._start(instance, ref)
                fmt = instance.levels.get(ref, Level()).fmt
                out.append(str(value) if legal and fmt != "none" else format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)

    def suffix(self, num_id: str, ilvl: int) -> str:
        instance = self._instance(num_id)
        if instance is None:
            return "tab"
        return instance.levels.get(ilvl, Level()).suffix


def _bullet(text: str | None) -> str:
    """Bullet glyphs often come from Symbol/Wingdings (private-use code points): show •."""
    if not text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in text):
        return BULLET
    return text
