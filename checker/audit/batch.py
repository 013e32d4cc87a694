"""Running an audit: check every file in worker processes, stream the results, compare.

:func:`run_audit` is the whole audit without any output: it returns an
:class:`Audit` (ranked rows, batch statistics, copy pairs, year-over-year
comparisons, and a store of the full records) that the terminal renderer and
the exports read. Results are streamed: the main process keeps a small row and
the sentence fingerprints per report; full records go to a temporary file.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checker.audit import pool, worker
from checker.audit.copies import CopyIndex, CopyPair
from checker.audit.store import RecordStore
from checker.audit.worker import AuditConfig
from checker.audit.years import YearPair, compare, pairs_to_compare
from checker.pack import Pack, load_pack

SCORE_BINS = tuple((low, low + 10) for low in range(0, 100, 10))
TIMING = ("按期", "逾期", "未注明", "年度不明")


@dataclass(slots=True)
class Row:
    """One report's line in the ranked table."""

    index: int
    path: str
    offset: int
    issuer: str | None
    title: str | None
    year: int | None
    template: str | None
    date: str | None
    format: str | None
    score: float
    passed: bool
    error: str | None
    elements: dict[str, str]
    counts: dict[str, int]
    size: int
    cached: bool
    rank: int | None = None
    deadline: str | None = None
    timing: str = ""
    copy_share: float | None = None

    @property
    def label(self) -> str:
        return self.issuer or os.path.basename(self.path)


@dataclass
class Audit:
    """Everything an audit found; ``rows`` are ranked (best first, unreadable files last)."""

    rows: list[Row]
    pack: Pack
    config: AuditConfig
    elements: list[tuple[str, str]]
    element_counts: dict[str, Counter[str]]
    rule_counts: dict[str, list[int]]
    copies: list[CopyPair]
    years: list[YearPair]
    store: RecordStore
    elapsed: float
    notes: list[str] = field(default_factory=list)

    def record(self, row: Row) -> dict[str, Any]:
        """The row's full record: ``report`` (the JSON contract's report) and ``features``."""
        return self.store.read(row.offset, row.path)

    def row(self, index: int) -> Row:
        return self._by_index[index]

    @property
    def checked(self) -> list[Row]:
        return [r for r in self.rows if not r.error]

    @property
    def failed(self) -> list[Row]:
        return [r for r in self.rows if r.error]

    def score_bins(self) -> list[tuple[str, int]]:
        counts = [0] * len(SCORE_BINS)
        for row in self.checked:
            counts[min(int(row.score // 10), len(SCORE_BINS) - 1)] += 1
        return [(f"{low}–{high - 1 if high < 100 else 100}", n)
                for (low, high), n in zip(SCORE_BINS, counts, strict=True)]

    def timing_counts(self) -> dict[str, int]:
        counts = Counter(r.timing for r in self.checked if r.timing)
        return {label: counts[label] for label in TIMING}

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Audit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __post_init__(self) -> None:
        self._by_index = {r.index: r for r in self.rows}


def run_audit(paths: list[str], config: AuditConfig, jobs: int | None = None,
              timeout: float | None = None, on_result: Callable[[Row], None] | None = None
              ) -> Audit:
    """Check ``paths`` in ``jobs`` processes (0: in this process, for profiling)."""
    started = time.perf_counter()
    pack = load_pack(config.pack, use_cache=config.use_cache)
    worker.setup(config)  # before forking: the workers inherit the loaded pack
    store = RecordStore()
    rows: list[Row] = []
    index = CopyIndex()
    element_counts: dict[str, Counter[str]] = {}
    rule_counts: dict[str, list[int]] = {}
    copy_ids: dict[int, int] = {}
    try:
        for position, summary, record, cached in _outcomes(paths, config, jobs, timeout):
            data = json.loads(summary)
            row = _row(position, paths[position], store.append(record), data["row"], cached, pack)
            rows.append(row)
            if not row.error:
                _count(row, data["row"]["rules"], element_counts, rule_counts)
                copy_ids[index.add(data["fp"]["h"], data["fp"]["t"], row.issuer or "", row.year)] = \
                    row.index
            if on_result is not None:
                on_result(row)
        _rank(rows)
        copies = _copies(index, copy_ids, rows, store)
        years = _years(rows, store)
    except BaseException:
        store.close()
        raise
    return Audit(rows, pack, config, _element_names(pack, element_counts), element_counts,
                 rule_counts, copies, years, store, time.perf_counter() - started)


def _outcomes(paths: list[str], config: AuditConfig, jobs: int | None, timeout: float | None
              ) -> Iterator[tuple[int, str, str, bool]]:
    if jobs == 0:
        for position, path in enumerate(paths):
            yield position, *worker.process(path)
        return
    for outcome in pool.run(worker.process, paths, jobs or default_jobs(), worker.setup, config, timeout):
        if outcome.failure is None:
            yield outcome.index, *outcome.value
        else:
            report = {"path": paths[outcome.index], "error": outcome.failure}
            yield outcome.index, *worker.encode(_error_report(report), {}), False


def default_jobs() -> int:
    """Every core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def _error_report(partial: dict[str, Any]) -> dict[str, Any]:
    from checker.model import ReportResult

    return ReportResult(path=partial["path"], error=partial["error"]).to_dict()


def _row(position: int, path: str, offset: int, data: dict[str, Any], cached: bool, pack: Pack) -> Row:
    row = Row(position, path, offset, data["issuer"], data["title"], data["year"], data["template"],
              data["date"], data["format"], float(data["score"]), data["passed"], data["error"],
              data["elements"], data["counts"], data["size"], cached)
    template = pack.templates.get(row.template or "")
    if not row.error and template is not None:
        row.timing, row.deadline = timing(row.date, row.year, template.deadline)
    return row


def timing(date_iso: str | None, year: int | None, deadline: dict[str, Any]) -> tuple[str, str | None]:
    """按期/逾期/未注明/年度不明 against the template's deadline in the year after the report year."""
    if not deadline or "month" not in deadline:
        return "", None
    if year is None:
        return "年度不明", None
    due = date(year + 1, int(deadline["month"]), int(deadline["day"]))
    if not date_iso:
        return "未注明", due.isoformat()
    try:
        dated = date.fromisoformat(date_iso)
    except ValueError:
        return "未注明", due.isoformat()
    return ("按期" if dated <= due else "逾期"), due.isoformat()


def _count(row: Row, rules: dict[str, int], element_counts: dict[str, Counter[str]],
           rule_counts: dict[str, list[int]]) -> None:
    for element, status in row.elements.items():
        element_counts.setdefault(element, Counter())[status] += 1
    for rule, count in rules.items():
        stats = rule_counts.setdefault(rule, [0, 0])
        stats[0] += 1
        stats[1] += count


def _rank(rows: list[Row]) -> None:
    rows.sort(key=lambda r: (r.error is not None, -r.score, r.path))
    for rank, row in enumerate(rows, 1):
        row.rank = None if row.error else rank


def _copies(index: CopyIndex, copy_ids: dict[int, int], rows: list[Row],
            store: RecordStore) -> list[CopyPair]:
    found = index.find()
    by_index = {r.index: r for r in rows}
    for pair in found:
        a, b = by_index[copy_ids[pair.a]], by_index[copy_ids[pair.b]]
        theirs = index.hashes(pair.b)
        record = store.read(a.offset)
        flagged = {s.bit for s in pair.sections}
        shared = [s for s in record["features"]["sentences"]
                  if s[0] in theirs and s[0] in index.shared_df]
        shared.sort(key=lambda s: not (s[1] & sum(flagged)))
        pair.examples = [s[2] for s in shared[:3]]
        for section in pair.sections:
            section.report = copy_ids[section.report]
        pair.a, pair.b = a.index, b.index
        for row in (a, b):
            row.copy_share = max(row.copy_share or 0.0, pair.share)
    return found


def _years(rows: list[Row], store: RecordStore) -> list[YearPair]:
    by_index = {r.index: r for r in rows}
    checked = [(r.index, r.issuer, r.year, r.score) for r in rows if not r.error]
    found = []
    for earlier, later in pairs_to_compare(checked):
        a, b = by_index[earlier], by_index[later]
        found.append(compare(store.read(a.offset, a.path), store.read(b.offset, b.path), earlier, later))
    return found


def _element_names(pack: Pack, counts: dict[str, Counter[str]]) -> list[tuple[str, str]]:
    """Every element seen, in the order the templates list them."""
    order = [e for t in pack.templates.values() for e in t.required]
    order += sorted(counts)
    names = {r.id: r.name for r in pack.rules}
    return [(e, names.get(e, e)) for e in dict.fromkeys(order) if e in counts]
