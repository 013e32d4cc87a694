"""The closed set of check kinds. A rule names one; the kind's module does the work.

Each kind is one module with a ``PHASE`` (metadata runs first, because the
reporting year and the issuer decide the template and year-aware rules) and one
entry point ``run(rule, ctx)`` yielding :class:`~checker.context.Hit`,
:class:`~checker.context.Verdict` or :class:`~checker.model.Metric`. Modules are
imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import cache
from types import ModuleType
from typing import Any

from checker.errors import PackError

KINDS: dict[str, str] = {
    "metadata": "checker.kinds.metadata",
    "element": "checker.kinds.element",
    "phrase": "checker.kinds.phrase",
    "balance": "checker.kinds.balance",
    "metric": "checker.kinds.metric",
    "arithmetic": "checker.kinds.arithmetic",
    "numbering": "checker.kinds.numbering",
    "deadline": "checker.kinds.deadline",
    "year-consistency": "checker.kinds.year_consistency",
    "coverage": "checker.kinds.coverage",
    "substance": "checker.kinds.substance",
    "confusable": "checker.kinds.confusable",
}

Runner = Callable[[Any, Any], Iterable[Any]]


@cache
def module(kind: str) -> ModuleType:
    if kind not in KINDS:
        raise PackError(f"未知的检查类型“{kind}”（可用：{'、'.join(KINDS)}）")
    return importlib.import_module(KINDS[kind])


@cache  # asked twice per rule and report: a getattr on a cached module still cost a rule's run
def phase(kind: str) -> int:
    return int(getattr(module(kind), "PHASE", 1))


def runner(kind: str) -> Runner:
    run: Runner = module(kind).run
    return run
