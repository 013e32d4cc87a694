"""An audit's comparisons do not depend on the order in which the workers' results arrive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_audit import build_corpus
from checker.audit import batch
from checker.audit.worker import AuditConfig


def _comparisons(paths: list[str]) -> dict[str, Any]:
    with batch.run_audit(paths, AuditConfig(use_cache=False), jobs=0) as audit:
        name = {row.index: Path(row.path).name for row in audit.rows}
        return {"groups": [[name[m] for m in g.members] for g in audit.groups],
                "copies": [(name[p.a], name[p.b], p.shared, p.share_a, p.share_b, p.examples,
                            [(name[c.report], c.bit, c.shared) for c in p.sections]) for p in audit.copies],
                "years": [(name[y.earlier], name[y.later]) for y in audit.years]}


def test_results_arriving_in_reverse_give_the_same_comparisons(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    build_corpus(tmp_path, 80, seed=13)
    paths = sorted(str(p) for p in tmp_path.iterdir())
    in_order = _comparisons(paths)
    assert in_order["copies"] and in_order["years"]  # the batch has something to compare

    original = batch._outcomes

    def reversed_outcomes(*args: Any) -> Iterator[Any]:
        return reversed(list(original(*args)))  # as if the last report's worker had answered first

    monkeypatch.setattr(batch, "_outcomes", reversed_outcomes)
    assert _comparisons(paths) == in_order
