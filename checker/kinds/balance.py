"""Kind ``balance``: quotation marks and brackets that open and never close (or the reverse).

Checked per paragraph of the matching view, where a sentence broken across a
page is already one paragraph. Each pair is checked on its own, so a stray
``“`` is reported once, at the quote that is left open.
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
    for opener, closer in (pair for pair in rule.get("pairs", [])):
        for start, end in view.paragraphs:
            yield from _check_pair(view.text, start, end, opener, closer)


def _check_pair(text: str, start: int, end: int, opener: str, closer: str) -> Iterator[Hit]:
    open_at: int | None = None
    symmetric = opener == closer
    # Only the pair's own characters matter: visit those (found in C), not every character.
    for i in _positions(text, start, end, opener, closer):
        ch = text[i]
        if ch == opener and not (symmetric and open_at is not None):
            if open_at is not None:
                yield _unclosed(text, open_at, i, opener, closer)
            open_at = i
        elif ch == closer:
            if open_at is None:
                yield Hit(max(i - EXCERPT, start), i + 1,
                          message=f"“{closer}”前没有对应的“{opener}”")
            open_at = None
    if open_at is not None:
        yield _unclosed(text, open_at, end, opener, closer)


def _positions(text: str, start: int, end: int, opener: str, closer: str) -> list[int]:
    pattern = _pattern(opener, closer)
    return [m.start() for m in pattern.finditer(text, start, end)]


@lru_cache(maxsize=64)
def _pattern(opener: str, closer: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")


def _unclosed(text: str, open_at: int, limit: int, opener: str, closer: str) -> Hit:
    stop = min(open_at + EXCERPT, limit)
    return Hit(open_at, stop, message=f"“{opener}”没有对应的“{closer}”")
