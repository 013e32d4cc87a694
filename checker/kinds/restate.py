"""An analysis that only says again what the section said before it.

Under 存在的不足和原因, a paragraph opening with 究其原因 whose clauses each repeat a clause of
the shortcomings above it, word for word (究其原因，一是……仅占12%，执法文书不规范……；二是纠错率
偏高……), names no cause: its length and its clauses must not make the causes present. An
element rule asks for this check with ``no_restating: true``.

A clause is compared by its Chinese characters and digits, without the item marker that opens it
(一是, 其二) and copula (主要是), so 一是执法人员仅7人持证 repeats 执法人员仅7人持证。 wherever it stood; a clause
shorter than ``MIN_REPEAT`` characters (主要是, 究其原因) is too common to be a repeat.
"""

from __future__ import annotations

from checker.kinds.stock import StockClauses, clauses
from checker.text.markers import COPULA, ITEM_MARKER
from checker.text.normalize import han_count
from checker.text.regex_cache import lazy
from checker.text.spans import subtract

MIN_REPEAT = 6  # characters of a clause at least, to count it as said before
_KEPT = lazy(r"[\p{Han}0-9]+")


def restates(text: str, passages: list[tuple[int, int]], bodies: list[tuple[int, int]],
             cues: list[tuple[int, int]], marks_of: dict[tuple[int, int], StockClauses | None],
             least: int) -> bool:
    """Whether every clause of ``passages`` that names something (``least`` characters besides the
    ``cues`` and outside the stock clauses of ``marks_of[passage]``) is written elsewhere in
    ``bodies`` too: the analysis restates the shortcomings. False when no clause names anything."""
    elsewhere = "".join(_plain(text, a, b) for a, b in subtract(bodies, passages))
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
            if len(plain) < MIN_REPEAT or plain not in elsewhere:
                return False
    return named > 0


def _plain(text: str, start: int, end: int) -> str:
    return "".join(_KEPT.findall(text, start, end))


def _after_marker(text: str, start: int, stop: int) -> int:
    """Where the clause's own words begin: after its item marker and a copula (一是, 主要是, 是)."""
    marker = ITEM_MARKER.match(text, start, stop)
    start = start if marker is None else marker.end()
    copula = COPULA.match(text, start, stop)
    return start if copula is None else copula.end()
