"""Kind ``phrase``: wrong, stale or forbidden wording, each with its suggestion.

A rule lists ``entries`` (``match`` a regular expression, ``suggestion``,
optional ``message``, ``after_year``/``before_year``). A match that lies inside a
longer phrase listed under ``unless`` is correct usage and is skipped (主题教育
is right where 主题责任 is wrong). Year-bound entries fire only when the report
states its year: staleness is never judged on a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.patterns import any_of, compiled, finditer
from checker.text.spans import SpanIndex

PHASE = 1


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    view = ctx.original if rule.get("view") == "original" else ctx.view
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
            yield Hit(start, end, message=message, suggestion=suggestion, view=view)


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
