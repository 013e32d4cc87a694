"""An analysis that only says again what the section said before it.

Under 存在的不足和原因, a paragraph opening with 究其原因 whose clauses each repeat a clause of
the shortcomings above it, word for word (究其原因，一是……仅占12%，执法文书不规范……；二是纠错率
偏高……), names no cause: its length and its clauses must not make the causes present. An
element rule asks for this check with ``no_restating: true``.

A clause is compared by its Chinese characters and digits, without the item marker that opens it
(一是, 其二) and copula (主要是), so 一是执法人员仅7人持证 repeats 执法人员仅7人持证。 wherever it stood; a clause
shorter than ``MIN_REPEAT`` characters (主要是, 究其原因) is too common to be a repeat.

Loosely (``no_restating: {filler, share}``), a clause repeats the section too when, its filler words
set aside (程度, 还不够, 有待提升: what turns a problem into a would-be cause), ``share`` of its pairs of
adjacent characters are written there with the filler set aside as well: 部分执法单位执法规范化程度还不够高
after 执法不规范问题仍然存在 says the problem again in other words.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from checker.kinds.stock import StockClauses, clauses
from checker.text.markers import COPULA, ITEM_MARKER
from checker.text.normalize import han_count
from checker.text.regex_cache import lazy
from checker.text.spans import subtract

MIN_REPEAT = 6  # characters of a clause at least, to count it as said before
MIN_PAIRS = 2  # pairs of characters a clause keeps outside its filler, to compare it loosely
_KEPT = lazy(r"[\p{Han}0-9]+")


class Loose(NamedTuple):
    """The loose comparison: the filler words' pattern and the share of pairs that must recur."""

    filler: regex.Pattern[str]
    share: float


def restates(text: str, passages: list[tuple[int, int]], bodies: list[tuple[int, int]],
             cues: list[tuple[int, int]], marks_of: dict[tuple[int, int], StockClauses | None],
             least: int, loose: Loose | None = None) -> bool:
    """Whether every clause of ``passages`` that names something (``least`` characters besides the
    ``cues`` and outside the stock clauses of ``marks_of[passage]``) is written elsewhere in
    ``bodies`` too, word for word or (with ``loose``) in other words: the analysis restates the
    shortcomings. False when no clause names anything."""
    elsewhere = "".join(_plain(text, a, b) for a, b in subtract(bodies, passages))
    pairs = _pairs(loose.filler.sub("", elsewhere)) | _kept_pairs(elsewhere, loose) if loose is not None else set()
    named = 0
    for passage in passages:
        marks = marks_of.get(passage)
        for start, stop in clauses(text, *passage):
            if marks is not None and marks.holds(start, stop):
                continue
            own = han_count(text, start, stop) - sum(
                han_count(text, max(a, start), min(b, stop)) for a, b in cues if a < stop and b > start)
            if own < least:
                continue
            named += 1
            plain = _plain(text, _after_marker(text, start, stop), stop)
            if len(plain) < MIN_REPEAT or (plain not in elsewhere and not _said_loosely(plain, pairs, loose)):
                return False
    return named > 0


def _said_loosely(plain: str, pairs: set[str], loose: Loose | None) -> bool:
    """Whether the clause's pairs (within the stretches between its filler: 征收补偿领域纠错多 is 征收补偿
    and 纠错多, with no 偿纠 made by taking 领域 out) are written in ``pairs``, but for a share of new
    ones, or one new pair in a short clause (纠错多 after 纠错案件15件)."""
    if loose is None:
        return False
    own = _kept_pairs(plain, loose)
    new = len(own - pairs)
    return len(own) >= MIN_PAIRS and new <= max(1.0, (1 - loose.share) * len(own))


def _kept_pairs(plain: str, loose: Loose) -> set[str]:
    return {pair for stretch in loose.filler.split(plain) for pair in _pairs(stretch)}


def _pairs(plain: str) -> set[str]:
    return {plain[k:k + 2] for k in range(len(plain) - 1)}


def _plain(text: str, start: int, end: int) -> str:
    return "".join(_KEPT.findall(text, start, end))


def _after_marker(text: str, start: int, stop: int) -> int:
    """Where the clause's own words begin: after its item marker and a copula (一是, 主要是, 是)."""
    marker = ITEM_MARKER.match(text, start, stop)
    start = start if marker is None else marker.end()
    copula = COPULA.match(text, start, stop)
    return start if copula is None else copula.end()
