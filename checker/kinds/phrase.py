"""Kind ``phrase``: wrong, stale or forbidden wording, each with its suggestion.

A rule lists ``entries`` (``match`` a regular expression, ``suggestion``,
optional ``message``, ``after_year``/``before_year``). A match that lies inside a
longer phrase listed under ``unless`` is correct usage and is skipped (主题教育
is right where 主题责任 is wrong). Year-bound entries fire only when the report
states its year: staleness is never judged on a guess.

``fix`` (on an entry, or on the rule for every entry) marks the correction as
safe to apply: ``suggestion`` (the suggestion is the right form) or
``{replace: {wrong: right}}`` (characters replaced inside the original text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.patterns import any_of, compiled, finditer
from checker.text.spans import SpanIndex

PHASE = 1


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    view = {"original": ctx.original, "document": ctx.whole}.get(rule.get("view", ""), ctx.view)
    text = view.text
    unless = any_of(tuple(rule.get("unless", [])))
    allowed = SpanIndex((m.start(), m.end()) for m in finditer(unless, text)) if unless else SpanIndex(())
    spans = _scope(rule.get("scope", "all"), ctx, view is ctx.view)
    scope = SpanIndex(spans) if spans is not None else None  # asked per match: log time
    year = ctx.meta.year
    for entry in rule.get("entries", []):
        if not _year_applies(entry, year):
            continue
        for match in finditer(compiled(entry["match"]), text):
            start, end = match.span()
            if start == end or allowed.covers(start, end):
                continue
            if scope is not None and not scope.holds(start):
                continue
            found = match.group(0)
            suggestion = entry.get("suggestion")
            template = entry.get("message") or rule.message
            message = template.format(match=found, suggestion=suggestion or "", year=year or "")
            fix = _fixed(entry.get("fix", rule.get("fix")), view.excerpt(start, end), suggestion)
            yield Hit(start, end, message=message, suggestion=suggestion, view=view,
                      year_bound=_year_bound(entry), fix=fix)


def _year_bound(entry: dict[str, object]) -> bool:
    return entry.get("after_year") is not None or entry.get("before_year") is not None


def _fixed(fix: Any, original: str, suggestion: str | None) -> str | None:
    """The replacement for the original text, or None when the rule marks no safe fix."""
    if fix == "suggestion":
        fixed = suggestion
    elif isinstance(fix, dict):
        table: dict[str, str] = fix["replace"]
        # One pass, longest first: a replacement is never replaced again.
        keys = sorted(table, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(k) for k in keys))
        fixed = pattern.sub(lambda m: table[m.group(0)], original)
    else:
        return None
    return fixed if fixed is not None and fixed != original else None


def _year_applies(entry: dict[str, object], year: int | None) -> bool:
    after = entry.get("after_year")
    before = entry.get("before_year")
    if after is None and before is None:
        return True
    if year is None:
        return False
    if isinstance(after, int) and year <= after:
        return False
    return not (isinstance(before, int) and year >= before)


CLOSING_PARAGRAPHS = 8


def _scope(scope: str, ctx: Context, normalized: bool) -> list[tuple[int, int]] | None:
    """Spans of the matching view a rule looks at; None for the whole text."""
    if scope == "all" or not normalized:
        return None
    if scope == "opening":
        return [(0, ctx.preamble_end())]
    if scope == "closing":
        paragraphs = ctx.view.paragraphs[-CLOSING_PARAGRAPHS:]
        return [(paragraphs[0][0], len(ctx.view.text))] if paragraphs else []
    headings = [(h.start, h.title_end) for h in ctx.outline.headings]
    if scope == "headings":
        return headings
    spans: list[tuple[int, int]] = []
    cursor = 0
    for start, end in headings:
        spans.append((cursor, start))
        cursor = end
    spans.append((cursor, len(ctx.view.text)))
    return spans
