"""Kind ``balance``: quotation marks and brackets that open and never close (or the reverse).

Checked per paragraph of the matching view, where a sentence broken across a
page is already one paragraph. Each pair is checked on its own, so a stray
``“`` is reported once, at the quote that is left open.

A pair listed under ``nested`` (``《》: 〈〉``) must not hold itself: a book title
inside a book title takes the inner marks (《关于〈行政复议法〉的决定》). Nesting is
reported only when both the inner and the outer pair close, so that a quote left
open is reported as open, not as nested.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from checker.context import Context, Hit
from checker.pack.loader import Rule

PHASE = 1
EXCERPT = 12


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    view = ctx.view
    nested: dict[str, str] = rule.get("nested", {}) or {}
    for pair in rule.get("pairs", []):
        opener, closer = pair[0], pair[1]
        inner = nested.get(pair)
        # One scan of the text per pair; then only the paragraphs holding one of its marks
        # (most paragraphs hold none of most pairs).
        marks = _positions(view.text, 0, len(view.text), opener, closer)
        for start, end, inside in _by_paragraph(marks, view.paragraphs):
            yield from _check_pair(view.text, start, end, opener, closer, inner, inside)


def _by_paragraph(positions: list[int], paragraphs: list[tuple[int, int]]
                  ) -> Iterator[tuple[int, int, list[int]]]:
    """Each paragraph (sorted, disjoint spans) holding some of ``positions`` (sorted), with those."""
    starts = [s for s, _ in paragraphs] if positions else []
    k = 0
    while k < len(positions):
        index = bisect_right(starts, positions[k]) - 1
        if index < 0:
            k += 1
            continue
        start, end = paragraphs[index]
        stop = bisect_left(positions, end, k)
        if stop > k:
            yield start, end, positions[k:stop]
        k = max(stop, k + 1)


def _check_pair(text: str, start: int, end: int, opener: str, closer: str,
                inner: str | None = None, positions: list[int] | None = None) -> Iterator[Hit]:
    """The pair's problems in ``text[start:end]``; ``positions``: where its marks are, when known."""
    if positions is None:
        positions = _positions(text, start, end, opener, closer)
    if opener == closer:
        yield from _check_symmetric(text, end, opener, positions)
        return
    # Each open mark, with the marks opened and closed inside it (nesting candidates).
    stack: list[tuple[int, list[int]]] = []
    # Only the pair's own characters matter: visit those (found in C), not every character.
    for i in positions:
        if text[i] == opener:
            stack.append((i, []))
            continue
        if not stack:
            yield Hit(max(i - EXCERPT, start), i + 1, message=f"“{closer}”前没有对应的“{opener}”")
            continue
        at, inside = stack.pop()
        if stack:
            stack[-1][1].append(at)
        if inner is not None:
            for nested_at in inside:
                yield Hit(nested_at, min(nested_at + EXCERPT, end),
                          message=f"“{opener}{closer}”里又用了“{opener}{closer}”，里层应改为“{inner}”",
                          suggestion=f"里层改用“{inner}”。")
    for at, _ in stack:
        yield _unclosed(text, at, end, opener, closer)


def _check_symmetric(text: str, end: int, mark: str, positions: list[int]) -> Iterator[Hit]:
    open_at: int | None = None
    for i in positions:
        open_at = i if open_at is None else None
    if open_at is not None:
        yield _unclosed(text, open_at, end, mark, mark)


def _positions(text: str, start: int, end: int, opener: str, closer: str) -> list[int]:
    pattern = _pattern(opener, closer)
    return [m.start() for m in pattern.finditer(text, start, end)]


@lru_cache(maxsize=64)
def _pattern(opener: str, closer: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")


def _unclosed(text: str, open_at: int, limit: int, opener: str, closer: str) -> Hit:
    stop = min(open_at + EXCERPT, limit)
    return Hit(open_at, stop, message=f"“{opener}”没有对应的“{closer}”")
