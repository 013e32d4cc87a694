"""Kind ``phrase``: wrong, stale or forbidden wording, each with its suggestion.

A rule lists ``entries`` (``match`` a regular expression, ``suggestion``,
optional ``message``, ``severity``, ``after_year``/``before_year``, ``unless``,
``examples``). A match that lies inside a longer phrase listed under ``unless``
(the rule's or the entry's own) is correct usage and is skipped (主题教育 is
right where 主题责任 is wrong). A match whose clause holds one of the rule's
``unless_clause`` phrases is skipped too: a reference in a clause that looks
back (“八五”普法期间…, 圆满完成…) does not cite it as current. Year-bound
entries fire only when the report states its year: staleness is never judged
on a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.patterns import any_of, compiled, finditer, search

PHASE = 1


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    view = {"original": ctx.original, "document": ctx.whole}.get(rule.get("view", ""), ctx.view)
    text = view.text
    unless = any_of(tuple(rule.get("unless", [])))
    allowed = [(m.start(), m.end()) for m in finditer(unless, text)] if unless else []
    scope = _scope(rule.get("scope", "all"), ctx, view is ctx.view)
    looking_back = any_of(tuple(rule.get("unless_clause", [])))
    year = ctx.meta.year
    for entry in rule.get("entries", []):
        if not year_applies(entry, year):
            continue
        own = any_of(tuple(entry.get("unless", [])))
        own_allowed = [(m.start(), m.end()) for m in finditer(own, text)] if own else []
        for match in finditer(compiled(entry["match"]), text):
            start, end = match.span()
            if start == end or any(a <= start and end <= b for a, b in (*allowed, *own_allowed)):
                continue
            if scope is not None and not any(a <= start < b for a, b in scope):
                continue
            if looking_back is not None and _in_clause(looking_back, text, start, end):
                continue
            found = match.group(0)
            suggestion = entry.get("suggestion")
            template = entry.get("message") or rule.message
            message = template.format(match=found, suggestion=suggestion or "", year=year or "")
            yield Hit(start, end, message=message, suggestion=suggestion,
                      severity=entry.get("severity"), view=view)


# A clause ends at these marks; a looking-back phrase is searched this far around a match.
CLAUSE_MARKS = compiled("[，。；！？\n]")
CLAUSE_REACH = 80


def _in_clause(pattern: regex.Pattern[str], text: str, start: int, end: int) -> bool:
    """Does ``pattern`` occur in the clause holding ``text[start:end]``?"""
    left = max((m.end() for m in finditer(CLAUSE_MARKS, text, max(0, start - CLAUSE_REACH), start)),
               default=max(0, start - CLAUSE_REACH))
    stop = search(CLAUSE_MARKS, text, end, min(len(text), end + CLAUSE_REACH))
    right = stop.start() if stop is not None else min(len(text), end + CLAUSE_REACH)
    return search(pattern, text, left, right) is not None


def year_applies(entry: dict[str, object], year: int | None) -> bool:
    """Does a year-bound entry (``after_year``/``before_year``) apply to a report on ``year``?"""
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
