"""Compiling the pack's regular expressions once per process.

Packs are data, so their patterns arrive as strings; compiling them is cached
here (and between processes: :mod:`checker.text.regex_cache`). Patterns are
compiled with MULTILINE: in the matching view each paragraph is one line, so
``^`` and ``$`` mean the start and end of a paragraph.

A time limit guards every search, so that a user pack's pattern that backtracks
catastrophically costs one reported rule, not a hung run. The engine runs each
rule inside :func:`rule_budget`: all the rule's searches together get
:data:`RULE_BUDGET` seconds (or the configured ``time_limit``); outside a
budget each search gets :data:`SEARCH_TIMEOUT`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import regex

from checker.text import regex_cache

SEARCH_TIMEOUT = 2.0
RULE_BUDGET = 3.0
FLAGS = regex.V0 | regex.MULTILINE
_deadline: ContextVar[float | None] = ContextVar("checker_rule_deadline", default=None)


class PatternTimeout(Exception):
    """A pattern ran out of its rule's time budget on one report."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


@contextmanager
def rule_budget(seconds: float | None = None) -> Iterator[None]:
    """Every search inside shares one deadline, ``seconds`` (default RULE_BUDGET) from now."""
    token = _deadline.set(time.monotonic() + (RULE_BUDGET if seconds is None else seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def _timeout() -> float:
    deadline = _deadline.get()
    if deadline is None:
        return SEARCH_TIMEOUT
    # A spent budget still gives a tiny positive timeout: the next search stops at once.
    return max(deadline - time.monotonic(), 0.001)


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> regex.Pattern[str]:
    return regex_cache.compiled(pattern, FLAGS)


@lru_cache(maxsize=1024)
def any_of(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One alternation of several patterns (each wrapped in a group); None if empty."""
    if not patterns:
        return None
    return regex_cache.compiled("|".join(f"(?:{p})" for p in patterns), FLAGS)


def finditer(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None,
    overlapped: bool = False,
) -> Iterator[regex.Match[str]]:
    try:
        yield from pattern.finditer(
            text, start, len(text) if end is None else end, overlapped=overlapped,
            timeout=_timeout(),
        )
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def search(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> regex.Match[str] | None:
    try:
        return pattern.search(text, start, len(text) if end is None else end,
                              timeout=_timeout())
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def tuple_of(value: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(value or ())
