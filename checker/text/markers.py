"""Heading and enumeration markers of official documents: 一、 （一） 1. （1） 第一部分 一是.

One table for the two places that need it: the outline, which reads headings
and their numbers from the matching view, and the normaliser, which must never
join a heading (or the line before one) with its neighbour. Patterns match
the matching view, where brackets next to Chinese text are already full-width.
"""

from __future__ import annotations

import regex

from checker.text.regex_cache import lazy

CN_NUMERAL = "[一二三四五六七八九十]{1,3}"

# (style, pattern) in the order a heading is recognised; the marker is group 1,
# its number group 2. (Patterns compiled on first use, from the pattern store: regex_cache.lazy.)
HEADING_SOURCES: tuple[tuple[str, str], ...] = (
    ("part", rf"^(第({CN_NUMERAL})(?:部分|章|节))[、：:\s]*"),
    ("cn-dun", rf"^(({CN_NUMERAL})\s*[、.．，,])"),
    ("cn-paren", rf"^([（(]({CN_NUMERAL})[)）][、.．]?)"),
    # not 3.6% or 1.5万, but 3.6月底前完成 is item 3 of a list: a month follows its dot, and
    # 4.2025年工作打算 is heading 4: a year follows it
    ("arabic-dot", r"^((\d{1,2})\s*(?:[.．、](?!\d)|[.．](?=\d{1,2}月|(?:19|20)\d\d年)))"),
    ("arabic-paren", r"^([（(](\d{1,2})[)）][、.．]?)"),
)
HEADING_STYLES: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (style, lazy(source)) for style, source in HEADING_SOURCES)
# Each numbered style's marker opening a paragraph or after a sentence's end or a colon: items of
# a list in one paragraph (重点抓了两件事：一、……。二、……), where a last item without its full stop
# is no heading pasted on.
LISTED_MARKER: dict[str, regex.Pattern[str]] = {
    style: lazy(r"(?:^|(?<=[。；！？：:]\s*))" + source.lstrip("^")) for style, source in HEADING_SOURCES}
# What a HEADING_STYLES match can open with, besides a digit (str.isdigit holds for every \d).
HEADING_FIRST = frozenset("第一二三四五六七八九十（(")
ENUMERATION = lazy(rf"(?:^|(?<=[。；：！？，]))({CN_NUMERAL})是(?=[\p{{Han}}“《（\d])", regex.MULTILINE)
# The item marker a clause may open with (一是, 其二, 第三，): no part of what the clause says.
ITEM_MARKER = lazy(rf"\s*(?:{CN_NUMERAL}是|其{CN_NUMERAL}|第{CN_NUMERAL}(?=[，,、]))")
# the copula after an item marker (一是主要是……, 是……): no words of the item's own
COPULA = lazy(r"\s*(?:主要|这|也|还|都)?(?:是|在于)")
# A line that opens with any marker (after Markdown #s): a heading or a 一是 item.
HEADING_START = lazy(
    r"^(?:#{1,6}\s*)?(?:"
    + "|".join(source.lstrip("^") for _, source in HEADING_SOURCES)
    + rf"|{CN_NUMERAL}是)"
)
