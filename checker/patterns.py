"""Compiling the pack's regular expressions once per process.

Packs are data, so their patterns arrive as strings; compiling them is cached
here. Patterns are compiled with MULTILINE: in the matching view each paragraph
is one line, so ``^`` and ``$`` mean the start and end of a paragraph. A time
limit guards every search, so that a user pack's pattern that backtracks
catastrophically costs one reported rule, not a hung run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

SEARCH_TIMEOUT = 2.0
FLAGS = regex.V0 | regex.MULTILINE


class PatternTimeout(Exception):
    """A pattern took longer than :data:`SEARCH_TIMEOUT` on one report."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, FLAGS)


@lru_cache(maxsize=1024)
def any_of(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One alternation of several patterns (each wrapped in a group); None if empty."""
    if not patterns:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


def finditer(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[regex.Match[str]]:
    try:
        yield from pattern.finditer(
            text, start, len(text) if end is None else end, timeout=SEARCH_TIMEOUT
        )
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def search(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> regex.Match[str] | None:
    try:
        return pattern.search(text, start, len(text) if end is None else end,
                              timeout=SEARCH_TIMEOUT)
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def tuple_of(value: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(value or ())
