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
        for start, end in view.paragraphs:
            yield from _check_pair(view.text, start, end, opener, closer, inner)


def _check_pair(text: str, start: int, end: int, opener: str, closer: str,
                inner: str | None = None) -> Iterator[Hit]:
    if opener == closer:
        yield from _check_symmetric(text, start, end, opener)
        return
    # Each open mark, with the marks opened and closed inside it (nesting candidates).
    stack: list[tuple[int, list[int]]] = []
    # Only the pair's own characters matter: visit those (found in C), not every character.
    for i in _positions(text, start, end, opener, closer):
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


def _check_symmetric(text: str, start: int, end: int, mark: str) -> Iterator[Hit]:
    open_at: int | None = None
    for i in _positions(text, start, end, mark, mark):
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
