"""In-source directive scopes: which lines of a report have which rules switched off.

Shared by :mod:`checker.gate.suppress` (which applies them) and
:mod:`checker.gate.waivers` (which uses the same rule-id coverage), so that neither
imports the other.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

import regex

from checker.model import Record
from checker.text.document import Document


@cache
def directive() -> regex.Pattern[str]:
    """A directive line; compiled on first use: most reports have none (a cold check skips it)."""
    return regex.compile(
        r"^\s*<!--\s*checker-(?P<verb>disable-next-line|disable|enable)(?![\w-])"
        r"(?P<ids>(?:(?!--).)*?)(?:--(?P<reason>(?:(?!-->).)*))?\s*-->\s*$"
    )


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Scope(Record):
    """Lines ``first``..``last`` (0-based, inclusive) where ``rules`` are off (empty: all)."""

    first: int
    last: int
    rules: tuple[str, ...]
    reason: str
    line: int
    verb: str
    used: bool = False

    def __init__(self, first: int, last: int, rules: tuple[str, ...], reason: str, line: int, verb: str,
                 used: bool = False) -> None:
        self.first, self.last, self.rules, self.reason = first, last, rules, reason
        self.line, self.verb, self.used = line, verb, used


def covers(pattern: str, rule_id: str) -> bool:
    """``term`` covers ``term.fazhi-zhengfu``; a full id covers itself."""
    return rule_id == pattern or rule_id.startswith(pattern.rstrip(".") + ".")


def directive_scopes(document: Document, rule_ids: AbstractSet[str], warnings: list[str]) -> list[Scope]:
    lines = document.text.split("\n")
    scopes: list[Scope] = []
    open_scopes: list[Scope] = []
    for index, line in enumerate(lines):
        if "checker-" not in line:
            continue
        match = directive().match(line)
        if match is None:
            continue
        verb = match.group("verb")
        ids = tuple(i for i in regex.split(r"[\s,，、]+", match.group("ids")) if i)
        reason = (match.group("reason") or "").strip()
        for rule in ids:
            if not any(covers(rule, known) for known in rule_ids):
                warnings.append(f"第{index + 1}行的 checker-{verb} 指令中有未知的规则“{rule}”")
        if verb == "disable-next-line":
            target = _next_content_line(lines, index)
            scopes.append(Scope(target, target, ids, reason, index + 1, verb))
        elif verb == "disable":
            scope = Scope(index + 1, len(lines) - 1, ids, reason, index + 1, verb)
            scopes.append(scope)
            open_scopes.append(scope)
        else:
            for scope in list(open_scopes):
                if not ids or any(r in scope.rules for r in ids):
                    scope.last = index
                    open_scopes.remove(scope)
    return scopes


def _next_content_line(lines: list[str], index: int) -> int:
    for k in range(index + 1, len(lines)):
        if lines[k].strip() and not directive().match(lines[k]):
            return k
    return len(lines)
