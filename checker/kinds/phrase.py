"""Kind ``phrase``: wrong, stale or forbidden wording, each with its suggestion.

A rule lists ``entries`` (``match`` a regular expression, ``suggestion``,
optional ``message``, ``severity``, ``after_year``/``before_year``, ``unless``,
``examples``, and ``contains``: strings of which one must occur for the pattern to
match at all, a gate that spares compiling it for the many reports without them).
A match that lies inside a longer phrase listed under ``unless`` (the rule's or
the entry's own) is correct usage and is skipped (主题教育 is
right where 主题责任 is wrong). A match whose clause holds one of the rule's
``unless_clause`` phrases is skipped too: a reference in a clause that looks
back (“八五”普法期间…, 圆满完成…) does not cite it as current. Year-bound
entries need the reporting year: without one they are skipped, and on a year
only inferred from the text the engine lowers their findings to info.

``fix`` (on an entry, or on the rule for every entry) marks the correction as
safe to apply: ``suggestion`` (the suggestion is the right form) or
``{replace: {wrong: right}}`` (characters replaced inside the original text). A
``suggestion`` may name the finding's own text: ``{match}``, and ``{fixed}`` (the match
with the fix applied: 改为“2025年2月8日” for 2025年02月08日).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import regex

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.patterns import any_of, compiled, finditer, search
from checker.text.spans import SpanIndex, after_last

PHASE = 1


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    view = {"original": ctx.original, "document": ctx.whole}.get(rule.get("view", ""), ctx.view)
    text = view.text
    year = ctx.meta.year
    # Exceptions are compiled and searched only once something matched: most rules match
    # nothing in most reports, and compiling a pattern costs more than the search.
    exceptions = _Exceptions(rule, text)
    scope: SpanIndex | None = None  # asked per match: log time
    scope_known = False
    hits: list[Hit] = []
    for entry, source, gate in _entries(rule, year):
        if gate and not any(literal in text for literal in gate):
            continue  # the pattern cannot match: spare compiling it
        for match in finditer(compiled(source), text):
            start, end = match.span()
            if start == end or exceptions.covers(start, end, entry):
                continue
            if not scope_known:
                spans = _scope(rule.get("scope", "all"), ctx, view is ctx.view)
                scope, scope_known = (SpanIndex(spans) if spans is not None else None), True
            if scope is not None and not scope.holds(start):
                continue
            if exceptions.looks_back(start, end, _in_sections(ctx, rule, view, start)):
                continue
            found = match.group(0)
            suggestion = entry.get("suggestion")
            fix = _fixed(entry.get("fix", rule.get("fix")), view.excerpt(start, end), suggestion)
            if suggestion and "{" in suggestion:  # 改为“{fixed}”: this finding's own corrected text
                suggestion = suggestion.format(match=found, fixed=fix or found)
            template = entry.get("message") or rule.message
            message = template.format(match=found, suggestion=suggestion or "", year=year or "")
            hits.append(Hit(start, end, message=message, suggestion=suggestion,
                            severity=entry.get("severity"), view=view, year_bound=year_bound(entry),
                            fix=fix))
    yield from _outermost(hits)


# Each rule's entries that apply in a year, as (entry, its pattern, its ``contains`` gate): asked
# by every phrase rule of every report, where reading each entry's keys and year bounds again
# cost more than the gates and scans of the entries (most of which match nothing).
_ENTRIES: dict[tuple[int, int | None], tuple[Rule, list[tuple[dict[str, Any], str, Any]]]] = {}


def _entries(rule: Rule, year: int | None) -> list[tuple[dict[str, Any], str, Any]]:
    key = (id(rule), year)
    known = _ENTRIES.get(key)
    if known is not None and known[0] is rule:  # (the rule kept: a recycled id is never another's)
        return known[1]
    entries = [(entry, entry["match"], entry.get("contains"))
               for entry in rule.get("entries", []) if year_applies(entry, year)]
    if len(_ENTRIES) >= 4096:
        _ENTRIES.clear()
    _ENTRIES[key] = (rule, entries)
    return entries


def _in_sections(ctx: Context, rule: Rule, view: Any, start: int) -> bool:
    """Whether ``start`` lies in a section the rule's ``looks_back_not_in`` names (next year's plan,
    where the rule's ``task_words`` state tasks: 全面完成“八五”普法规划确定的各项任务)."""
    if view is not ctx.view:
        return False
    return any(s.body_start <= start < s.end for key in rule.get("looks_back_not_in", ())
               for s in ctx.sections_for(key))


def _outermost(hits: list[Hit]) -> list[Hit]:
    """The hits not inside another of the rule's (×××乡 and its own ××× are one placeholder)."""
    if len(hits) < 2:
        return hits
    inside = _inside_another({(h.start or 0, h.end or 0) for h in hits})
    if not inside:
        return hits
    return [h for h in hits if (h.start or 0, h.end or 0) not in inside]


def _inside_another(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans that lie inside another (distinct) one, in one sorted walk: a report with
    hundreds of half-width commas made the pairwise test quadratic.

    By start, the longer first on a tie, every span that may hold a span comes before it;
    so a span is inside another exactly when an earlier one ends at or after its end."""
    inside: set[tuple[int, int]] = set()
    furthest = -1  # the furthest end of the spans walked so far
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if furthest >= end:
            inside.add((start, end))
        furthest = max(furthest, end)
    return inside


def year_bound(entry: dict[str, object]) -> bool:
    """An entry that applies only in some years (the engine lowers it to info on an inferred year)."""
    return entry.get("after_year") is not None or entry.get("before_year") is not None


class _Exceptions:
    """A rule's ``unless`` spans, each entry's own, and its ``unless_clause``, built on first use."""

    def __init__(self, rule: Rule, text: str) -> None:
        self.rule = rule
        self.text = text
        self.spans: dict[int, SpanIndex] = {}
        self.masked: str | None = None  # (_without_tasks)

    def _spans(self, patterns: list[str], key: int) -> SpanIndex:
        if key not in self.spans:
            pattern = any_of(tuple(patterns))
            found = finditer(pattern, self.text) if pattern else ()
            self.spans[key] = SpanIndex((m.start(), m.end()) for m in found)
        return self.spans[key]

    def covers(self, start: int, end: int, entry: dict[str, object]) -> bool:
        """The match lies inside a longer phrase that is correct (the rule's or the entry's)."""
        own = entry.get("unless")
        if self._spans(self.rule.get("unless", []), 0).covers(start, end):
            return True
        return isinstance(own, list) and bool(own) and self._spans(own, id(entry)).covers(start, end)

    def looks_back(self, start: int, end: int, in_plan: bool = False) -> bool:
        """The match's clause looks back (``unless_clause``); ``in_plan``: it lies where the rule's
        ``task_words`` (完成) state next year's tasks, and they excuse nothing there."""
        patterns = self.rule.get("unless_clause")
        if not patterns:
            return False
        pattern = any_of(tuple(patterns))
        leads_in = any_of(tuple(self.rule.get("clause_leads_in", [])))
        text = self._without_tasks() if in_plan else self.text
        return pattern is not None and _in_clause(pattern, text, start, end, leads_in)

    def _without_tasks(self) -> str:
        """The text with the rule's ``task_words`` blanked (lengths kept), made once."""
        if self.masked is None:
            tasks = any_of(tuple(self.rule.get("task_words", [])))
            self.masked = self.text if tasks is None else tasks.sub(lambda m: "□" * len(m.group(0)), self.text)
        return self.masked


# A clause ends at these marks; a looking-back phrase is searched this far around a match.
CLAUSE_MARKS = "，。；！？\n"
CLAUSE_REACH = 80


def _in_clause(pattern: regex.Pattern[str], text: str, start: int, end: int,
               leads_in: regex.Pattern[str] | None = None) -> bool:
    """Does ``pattern`` occur in the clause holding ``text[start:end]``? A clause that is nothing but
    a ``leads_in`` (对照《……》确定的目标任务，) only sets up the next one, which says what was done
    with it (对五年来的情况开展总结评估): that one is searched too."""
    floor, ceiling = max(0, start - CLAUSE_REACH), min(len(text), end + CLAUSE_REACH)
    left = after_last(text, CLAUSE_MARKS, floor, start)
    right = _clause_end(text, end, ceiling)
    if leads_in is not None and right < ceiling and text[right] == "，" \
            and leads_in.fullmatch(text, left, right) is not None:
        right = _clause_end(text, right + 1, ceiling)
    return search(pattern, text, left, right) is not None


def _clause_end(text: str, at: int, ceiling: int) -> int:
    stops = [found for found in (text.find(mark, at, ceiling) for mark in CLAUSE_MARKS) if found >= 0]
    return min(stops, default=ceiling)


def _fixed(fix: Any, original: str, suggestion: str | None) -> str | None:
    """The replacement for the original text, or None when the rule marks no safe fix."""
    if fix == "suggestion":
        fixed = suggestion
    elif isinstance(fix, dict):
        table: dict[str, str] = fix["replace"]
        fixed = _replacer(table).sub(lambda m: table[m.group(0)], original)
    else:
        return None
    return fixed if fixed is not None and fixed != original else None


# Each fix table's pattern, by the table's identity (the table kept with it, so that the id is
# never another's): built once, not per finding.
_REPLACERS: dict[int, tuple[dict[str, str], re.Pattern[str]]] = {}


def _replacer(table: dict[str, str]) -> re.Pattern[str]:
    """One pass over the keys, longest first: a replacement is never replaced again."""
    known = _REPLACERS.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    if len(_REPLACERS) >= 256:
        _REPLACERS.clear()
    _REPLACERS[id(table)] = (table, pattern)
    return pattern


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
