"""Kind ``confusable``: a table of wrong forms, each with its one right form.

For 错别字, 异形词 and misused terms, where a wrong form is a fixed string and
its correction is one fixed string. Each row of the rule's ``table``:

* ``wrong`` — the wrong form as written (a literal, or a list of literals);
* ``right`` — the form that replaces it, the only right answer in the context
  the row describes (a fixer may substitute it for the matched text);
* ``reason`` — one line saying why; ``right_when`` — where each form is right;
* ``preceded_by`` / ``followed_by`` — patterns that must stand just before / after
  the wrong form: the context in which it is wrong (必需 before a verb);
* ``unless`` — correct phrases that contain the wrong form (截止日期 for 截止);
* optional ``severity``, ``message``, ``after_year``/``before_year``, ``source``
  (a key of the pack's ``sources``) and ``examples`` (fire/pass, run as tests);
* ``fix: suggestion`` (on a row, or on the rule for every row) marks ``right`` as a
  correction ``checker fix`` may apply.

A rule-level ``unless`` (a quoted document title, say) applies to every row.
The whole table costs one scan of the report: one alternation of every wrong
literal, compiled with the standard library (a literal alternation cannot
backtrack, and it compiles in a few milliseconds even for hundreds of rows).
Only a row whose literal was found compiles its context patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.context import Context, Hit
from checker.kinds.phrase import year_applies, year_bound
from checker.model import FrozenRecord
from checker.pack.loader import Rule
from checker.text.patterns import any_of, compiled, finditer

PHASE = 1
# How far around a wrong form an ``unless`` phrase may reach.
CONTEXT = 24


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Row(FrozenRecord):
    wrong: str
    right: str
    spec: dict[str, Any]

    def __init__(self, wrong: str, right: str, spec: dict[str, Any]) -> None:
        vars(self).update(wrong=wrong, right=right, spec=spec)


def literals(row: dict[str, Any]) -> list[str]:
    wrong = row.get("wrong", [])
    return [wrong] if isinstance(wrong, str) else list(wrong)


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Table(FrozenRecord):
    """A rule's rows for one reporting year: by wrong literal, by first character, and the scan."""

    rows: dict[str, list[Row]]
    by_first: dict[str, list[str]]
    scanner: re.Pattern[str] | None

    def __init__(
        self, rows: dict[str, list[Row]], by_first: dict[str, list[str]], scanner: re.Pattern[str] | None,
    ) -> None:
        vars(self).update(rows=rows, by_first=by_first, scanner=scanner)


# Built once per rule and year (a rule's spec lives as long as its pack; it is kept here so
# that its id cannot be reused while the entry exists).
_TABLES: dict[tuple[int, int | None], tuple[dict[str, Any], Table]] = {}


def table_for(rule: Rule, year: int | None) -> Table:
    key = (id(rule.spec), year)
    cached = _TABLES.get(key)
    if cached is not None and cached[0] is rule.spec:
        return cached[1]
    rows: dict[str, list[Row]] = {}
    for spec in rule.get("table", []):
        if year_applies(spec, year):
            for wrong in literals(spec):
                rows.setdefault(wrong, []).append(Row(wrong, spec["right"], spec))
    by_first: dict[str, list[str]] = {}
    for wrong in rows:
        by_first.setdefault(wrong[0], []).append(wrong)
    table = Table(rows, by_first, _scanner(tuple(sorted(rows))) if rows else None)
    _TABLES[key] = (rule.spec, table)
    return table


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    text = ctx.view.text
    year = ctx.meta.year
    table = table_for(rule, year)
    scanner, rows, by_first = table.scanner, table.rows, table.by_first
    if scanner is None:
        return
    allowed: list[tuple[int, int]] | None = None  # the rule's exceptions, found on the first hit
    position = 0
    while True:
        found = scanner.search(text, position)
        if found is None:
            return
        start = found.start()
        # Every literal starting here, not only the one the alternation chose (截止 and 截止到).
        for wrong in by_first.get(text[start], ()):
            if not text.startswith(wrong, start):
                continue
            end = start + len(wrong)
            if allowed is None:
                everywhere = any_of(tuple(rule.get("unless", [])))
                allowed = [m.span() for m in finditer(everywhere, text)] if everywhere else []
            if any(a <= start and end <= b for a, b in allowed):
                continue
            row = next((r for r in rows[wrong] if _wrong_here(r, text, start, end)), None)
            if row is not None:
                yield _hit(rule, row, ctx, start, year)
        position = start + 1


@lru_cache(maxsize=64)
def _scanner(wrongs: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of every wrong literal, longest first."""
    ordered = sorted(wrongs, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered))


def _wrong_here(row: Row, text: str, start: int, end: int) -> bool:
    spec = row.spec
    before = spec.get("preceded_by")
    if before and compiled(f"(?<=(?:{before}))").match(text, start) is None:
        return False
    after = spec.get("followed_by")
    if after and compiled(after).match(text, end) is None:
        return False
    unless = any_of(tuple(spec.get("unless", [])))
    if unless is None:
        return True
    low, high = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    return not any(m.start() <= start and end <= m.end()
                   for m in finditer(unless, text, low, high, overlapped=True))


def _hit(rule: Rule, row: Row, ctx: Context, start: int, year: int | None) -> Hit:
    spec = row.spec
    template = spec.get("message") or rule.message
    message = template.format(wrong=row.wrong, right=row.right, reason=spec.get("reason", ""),
                              match=row.wrong, suggestion=row.right, year=year or "")
    # ``fix: suggestion`` (on the row or the rule) marks the row's right form as safe to apply:
    # it replaces exactly the wrong form the hit covers.
    fix = row.right if spec.get("fix", rule.get("fix")) == "suggestion" else None
    return Hit(start, start + len(row.wrong), message=message, suggestion=row.right,
               severity=spec.get("severity"), view=ctx.view, year_bound=year_bound(spec), fix=fix)
