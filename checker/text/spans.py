"""Spans of a text: is this offset (or stretch) inside one of those spans (in log time, as it is
asked per match), what is left of some spans outside others, where a text's last mark is.

Kinds ask it for every match or figure against a list of spans (the plan
section, the text an ``unless`` pattern allows, the bodies of an element's
sections). Scanning the list each time is quadratic on a long report; a
:class:`SpanIndex` answers from the sorted starts and the furthest end reached
so far, and gives exactly the scan's answer, overlapping spans included.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """Half-open spans ``(start, end)``, in any order, overlapping or not."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far

    def __bool__(self) -> bool:
        return bool(self._starts)

    def _furthest(self, start: int) -> int | None:
        k = bisect_right(self._starts, start) - 1
        return self._reach[k] if k >= 0 else None

    def holds(self, offset: int) -> bool:
        """``any(a <= offset < b for a, b in spans)``."""
        reach = self._furthest(offset)
        return reach is not None and reach > offset

    def covers(self, start: int, end: int) -> bool:
        """``any(a <= start and end <= b for a, b in spans)``."""
        reach = self._furthest(start)
        return reach is not None and reach >= end


def subtract(spans: Iterable[tuple[int, int]], holes: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside every one of ``holes`` (half-open, in order; empty parts dropped)."""
    cuts = sorted(holes)
    parts: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        cursor = start
        for a, b in cuts:
            if b <= cursor or a >= end:
                continue
            if a > cursor:
                parts.append((cursor, a))
            cursor = max(cursor, b)
        if cursor < end:
            parts.append((cursor, end))
    return parts


def after_last(text: str, marks: str, start: int, end: int) -> int:
    """Where the text after the last of ``marks`` in ``text[start:end]`` begins (``start`` if none)."""
    return max(start, *(text.rfind(mark, start, end) + 1 for mark in marks))
