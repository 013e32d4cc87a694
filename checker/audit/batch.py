"""Running an audit: check every file in worker processes, stream the results, compare.

:func:`run_audit` is the whole audit without any output: it returns an
:class:`Audit` (ranked rows, batch statistics, copy pairs, year-over-year
comparisons, and a store of the full results) that the terminal renderer and
the exports read. Results are streamed: the main process keeps a small row and
the sentence fingerprints per report; full results stay in the cache entry or
go to a temporary file (:mod:`checker.audit.store`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from checker.audit import cache, features, pool, screen, worker
from checker.audit import copies as copy_detection
from checker.audit.copies import Copies, CopyGroup, CopyIndex, CopyPair
from checker.audit.store import Location, RecordStore
from checker.audit.worker import AuditConfig
from checker.audit.years import YearPair, YearSummary, compare, pairs_to_compare
from checker.gate.run import gate
from checker.model import ReportResult
from checker.pack.loader import Pack

SCORE_BINS = tuple((low, low + 10) for low in range(0, 100, 10))
TIMING = ("按期", "逾期", "未注明", "年度不明")
PREPARED_KEPT = 12  # reports whose sentences and shingles copy verification keeps at hand


CODES = {"present": "p", "weak": "w", "missing": "m"}
STATUS_OF = {code: status for status, code in CODES.items()}
MARKS = {"p": "✔", "w": "△", "m": "✘", ".": "—"}


@dataclass(slots=True)
class Row:
    """One report's line in the ranked table (kept small: a batch holds one per report)."""

    index: int
    path: str
    location: Location
    key: str | None
    issuer: str | None
    year: int | None
    template: str | None
    date: str | None
    format: str | None
    score: float
    passed: bool
    error: str | None
    statuses: str  # one code (CODES, or "." when not required) per element of ``order``
    order: dict[str, int]  # element id -> position; one dict shared by every row of the batch
    errors: int
    warnings: int
    size: int
    cached: bool
    variant: int = 0  # which of the batch's settings (worker.Plan.variants) the report was checked with
    grade: str | None = None
    rank: int | None = None
    deadline: str | None = None
    timing: str = ""
    copy_share: float | None = None
    group: int | None = None  # 1-based number of its group of near-identical reports (Audit.groups)
    raw: float | None = None  # the score before its grade's cap (None: a summary made before it was kept)
    excluded: str | None = None  # why a checked file is no annual report (screen.not_a_report)
    findings: int = 0  # every finding shown, info included
    facts: int = 0  # distinct figures stated (worker.summarise)

    @property
    def ranked(self) -> bool:
        """Checked, and an annual report: ranked and counted in the batch's figures."""
        return self.error is None and self.excluded is None

    @property
    def label(self) -> str:
        return self.issuer or os.path.basename(self.path)

    @property
    def elements(self) -> dict[str, str]:
        """Element id -> present / weak / missing, for the elements required of this report."""
        codes = self.statuses
        return {e: STATUS_OF[codes[i]] for e, i in self.order.items() if i < len(codes) and codes[i] != "."}

    def marks(self, elements: list[tuple[str, str]]) -> list[str]:
        """✔/△/✘ per element of ``elements`` ("—": not required of this report)."""
        codes, order = self.statuses, self.order
        return [MARKS[codes[order[e]]] if order.get(e, len(codes)) < len(codes) else MARKS["."]
                for e, _ in elements]

    @property
    def counts(self) -> dict[str, int]:
        return {"error": self.errors, "warning": self.warnings}


@dataclass
class Audit:
    """Everything an audit found; ``rows`` are ranked (best first, then files that are no report,
    unreadable files last)."""

    rows: list[Row]
    pack: Pack
    config: AuditConfig
    elements: list[tuple[str, str]]
    element_counts: dict[str, Counter[str]]
    rule_counts: dict[str, list[int]]
    copies: list[CopyPair]
    years: list[YearSummary]
    store: RecordStore
    elapsed: float
    notes: list[str] = field(default_factory=list)
    plan: worker.Plan | None = None
    packs: list[Pack] = field(default_factory=list)
    groups: list[CopyGroup] = field(default_factory=list)  # near-identical reports, largest first
    copy_seconds: float = 0.0  # time spent finding copies (0 when the batch's comparisons came from the cache)

    def report(self, row: Row) -> dict[str, Any]:
        """The row's report as the JSON contract has it (read back from disk), with its ``gate``."""
        try:
            report = self.store.report(row.location, row.path)
        except cache.Damaged:
            self._repair(row)
            report = self.store.report(row.location, row.path)
        if self.plan is not None:
            report["gate"] = gate(self.plan.variants[row.variant])  # as check --format json has it
        return report

    def features(self, row: Row) -> dict[str, Any]:
        """The row's audit features (sentences, plan items, measure units)."""
        pack = self.packs[row.variant] if row.variant < len(self.packs) else self.pack
        try:
            return self.store.features(row.location, features.boilerplate(pack))
        except cache.Damaged:
            self._repair(row)
            return self.store.features(row.location, features.boilerplate(pack))

    def _repair(self, row: Row) -> None:
        """A cache entry found damaged while reading it back: check the report again, never trust it."""
        outcome = worker.process(row.path, fresh=True)
        if outcome.stored and outcome.entry is not None:
            row.location = outcome.entry
        else:
            row.location = self.store.append(outcome.report or "{}", outcome.features or "{}")
        self.notes.append(f"{row.path}：缓存条目已损坏，已删除并重新检查")

    def year_pair(self, summary: YearSummary) -> YearPair:
        """A comparison's details (plan items, matches, repeated problems), read back from disk."""
        if isinstance(summary.source, int):
            text = self.store.text(summary.source)
        else:
            stored, _ = cache.load_small(summary.source, "yoy")
            if stored is None:  # damaged since it was written: compare the two reports again
                earlier, later = self.row(summary.earlier), self.row(summary.later)
                pair = compare(later.issuer or "", self.features(earlier), self.features(later),
                               (earlier.year or 0, later.year or 0), (earlier.index, later.index))
                self.notes.append(f"逐年对比（{later.issuer}）的缓存条目已损坏，已重新比较")
                return pair
            text = stored
        return YearPair.from_json(text, summary.earlier, summary.later)

    def row(self, index: int) -> Row:
        return self._by_index[index]

    @property
    def checked(self) -> list[Row]:
        """The ranked reports: checked, and annual reports (see :attr:`excluded`)."""
        return [r for r in self.rows if r.ranked]

    @property
    def excluded(self) -> list[Row]:
        """Checked files that are no annual report (a notice): a row each, in no figure."""
        return [r for r in self.rows if r.excluded]

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
              timeout: float | None = None, on_result: Callable[[Row], None] | None = None,
              failed: dict[str, str] | None = None) -> Audit:
    """Check ``paths`` in ``jobs`` processes (0: in this process, for profiling).

    ``failed``: paths found unreadable while searching folders, with the reason; each is a
    row with that error, not read at all.

    Every report is checked with the settings ``checker check`` would give it (its
    folder's configuration, the profile, waivers and baseline): see :func:`worker.plan`.
    """
    started = time.perf_counter()
    batch = worker.plan(paths, config)
    worker.setup(batch)  # before forking: the workers inherit the loaded packs
    packs = [v.pack for v in worker.variants()]
    pack = packs[0]
    store = RecordStore()
    rows: list[Row] = []
    index = CopyIndex()
    rule_counts: dict[str, list[int]] = {}
    copy_ids: dict[int, int] = {}
    order = {element: k for k, element in enumerate(batch.order)}
    notes: list[str] = []
    waived: dict[int, set[int]] = {}
    try:
        for position, outcome in _outcomes(paths, batch, jobs, timeout, failed or {}):
            data = outcome.summary
            if outcome.stored and outcome.entry is not None:
                location: Location = outcome.entry
            else:
                location = store.append(outcome.report or "{}", outcome.features or "{}")
            chosen = batch.of_path.get(paths[position], 0)
            row = _row(position, paths[position], location, outcome.entry, data["row"], outcome.cached, packs,
                       order, chosen)
            rows.append(row)
            if outcome.repaired:
                notes.append(f"{row.path}：缓存条目已损坏，已删除并重新检查")
            waived.setdefault(chosen, set()).update(data.get("waived", ()))
            if row.ranked:
                _count(data["row"]["rules"], rule_counts)
                copy_ids[index.add(data["fp"], row.issuer or "", row.year)] = row.index
            if on_result is not None:
                on_result(row)
        arrival = sorted(copy_ids, key=copy_ids.__getitem__)  # index positions in input order
        index = index.permuted(arrival)
        copy_ids = {k: copy_ids[old] for k, old in enumerate(arrival)}
        _rank(rows)
        element_counts = _element_counts(rows, order)
        audit = Audit(rows, pack, config, _element_names(packs, batch.order, element_counts), element_counts,
                      rule_counts, [], [], store, 0.0, notes, batch, packs)
        audit.groups, audit.copies, audit.years = _comparisons(audit, index, copy_ids)
        notes.extend(_unused_waivers(waived))
    except BaseException:
        store.close()
        raise
    audit.elapsed = time.perf_counter() - started
    return audit


def _outcomes(paths: list[str], batch: worker.Plan, jobs: int | None, timeout: float | None,
              failed: dict[str, str]) -> Iterator[tuple[int, worker.Outcome]]:
    for position, path in enumerate(paths):
        if path in failed:
            yield position, _failure(path, failed[path])
    todo = [k for k, path in enumerate(paths) if path not in failed]
    if jobs == 0:
        for position in todo:
            yield position, worker.process(paths[position])
        return
    tasks = [paths[k] for k in todo]
    if not tasks:
        return
    for done in pool.run(worker.process, tasks, jobs or default_jobs(), worker.setup, batch, timeout):
        position = todo[done.index]
        yield position, done.value if done.failure is None else _failure(paths[position], done.failure)


def _failure(path: str, reason: str) -> worker.Outcome:
    report = ReportResult(path=path, error=reason).to_dict()
    return worker.outcome(*worker.encode(report, {}), None, False, False)


def _unused_waivers(waived: dict[int, set[int]]) -> list[str]:
    """Waivers that matched no finding in the whole batch, once per waiver file (as ``check`` says)."""
    from checker.gate.suppress import Policy, unused_waivers

    policies: dict[tuple[str | None, str | None], Policy] = {}
    used: dict[tuple[str | None, str | None], set[int]] = {}
    for k, variant in enumerate(worker.variants()):
        if variant.options.policy is not None:
            key = (variant.settings.waivers, variant.settings.baseline)
            policies[key] = variant.options.policy
            used.setdefault(key, set()).update(waived.get(k, set()))
    return [note for key, policy in policies.items()
            for note in unused_waivers(dataclasses.replace(policy, used=used[key]))]


def default_jobs() -> int:
    """Every core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def _row(position: int, path: str, location: Location, key: str | None, data: dict[str, Any],
         cached: bool, packs: list[Pack], order: dict[str, int], variant: int) -> Row:
    row = Row(position, path, location, key, data["issuer"], data["year"], _intern(data["template"]),
              _intern(data["date"]), _intern(data["format"]), float(data["score"]), data["passed"], data["error"],
              sys.intern(data["statuses"]), order, data["counts"]["error"], data["counts"]["warning"], data["size"],
              cached, variant, _intern(data.get("grade")), raw=data.get("raw"),
              findings=sum(data["counts"].values()), facts=data.get("facts", 0))
    template = packs[variant].templates.get(row.template or "") if variant < len(packs) else None
    if not row.error and template is not None:
        row.timing, row.deadline = timing(row.date, row.year, template.deadline)
    if not row.error:
        row.excluded = screen.not_a_report(row.elements)
    return row


def _intern(text: str | None) -> str | None:
    """One copy of a value many rows share (a template id, a date), not one per row."""
    return sys.intern(text) if text is not None else None


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


def _count(rules: dict[str, int], rule_counts: dict[str, list[int]]) -> None:
    for rule, count in rules.items():
        stats = rule_counts.setdefault(rule, [0, 0])
        stats[0] += 1
        stats[1] += count


def _element_counts(rows: list[Row], order: dict[str, int]) -> dict[str, Counter[str]]:
    """Element id -> how many reports have it present / weak / missing (not-required ones left out)."""
    patterns = Counter(r.statuses for r in rows if r.ranked)  # many reports share one pattern
    counts: dict[str, Counter[str]] = {}
    for element, k in order.items():
        for statuses, n in patterns.items():
            if k < len(statuses) and statuses[k] != ".":
                counts.setdefault(element, Counter())[STATUS_OF[statuses[k]]] += n
    return counts


def _rank(rows: list[Row]) -> None:
    """Best first; reports a grade's cap holds at one score (59.9) by their score before it (one
    content missing above two). Equal scores (many at 100.0) go by what the results say: fewer
    errors, then warnings, then findings of any level, then more figures stated; the path last, so
    that the order is stable, never because of a name. Files that are no report follow, unranked;
    then the unreadable ones."""
    rows.sort(key=lambda r: (r.error is not None, r.excluded is not None, -r.score,
                             -(r.raw if r.raw is not None else r.score), r.errors, r.warnings, r.findings,
                             -r.facts, r.path))
    for rank, row in enumerate(rows, 1):
        row.rank = rank if row.ranked else None


def _comparisons(audit: Audit, index: CopyIndex, copy_ids: dict[int, int]
                 ) -> tuple[list[CopyGroup], list[CopyPair], list[YearSummary]]:
    """Copy groups and pairs and year-over-year comparisons; for a batch whose files all come from
    the cache, all are cached under a key of every file's cache key in order (an unchanged batch)."""
    entry = _batch_key(audit.rows) if audit.config.use_cache else None
    stored = _stored_comparisons(audit, entry) if entry else None
    if stored is not None:
        groups, copies, years = stored
    else:
        started = time.perf_counter()
        found = _copies(audit, index, copy_ids)
        audit.copy_seconds = time.perf_counter() - started
        groups, copies = found.groups, found.pairs
        years = _years(audit)
        if entry:
            data = {"groups": [g.to_dict() for g in groups], "copies": [p.to_dict() for p in copies],
                    "years": [y.to_list() for y in years]}
            cache.store(entry, [json.dumps(data, ensure_ascii=False, separators=(",", ":"))], "batch")
    _mark_copies(audit, groups, copies)
    return groups, copies, years


def _stored_comparisons(audit: Audit, entry: str
                        ) -> tuple[list[CopyGroup], list[CopyPair], list[YearSummary]] | None:
    stored, damaged = cache.load_small(entry, "batch")
    if damaged:
        audit.notes.append("本批雷同与逐年对比的缓存条目已损坏，已删除并重新比较")
    if stored is None:
        return None
    try:
        data = json.loads(stored)
        groups = [CopyGroup.from_dict(g) for g in data["groups"]]
        copies = [CopyPair.from_dict(p) for p in data["copies"]]
        years = [YearSummary(*y) for y in data["years"]]
        for number in [p.a for p in copies] + [p.b for p in copies] + [m for g in groups for m in g.members]:
            audit.row(number)
    except (ValueError, KeyError, TypeError):
        return None  # written by this version and verified, so not expected; recompute all the same
    return groups, copies, years


def _mark_copies(audit: Audit, groups: list[CopyGroup], copies: list[CopyPair]) -> None:
    """Each row's largest share with another report, and its group's number."""
    for number, group in enumerate(groups, 1):
        for member, share in zip(group.members, group.shares, strict=True):
            row = audit.row(member)
            row.group = number
            shown = max(group.shares[1:], default=0.0) if member == group.members[0] else share
            row.copy_share = max(row.copy_share or 0.0, shown)
    for pair in copies:
        for row in (audit.row(pair.a), audit.row(pair.b)):
            row.copy_share = max(row.copy_share or 0.0, pair.share)


def _batch_key(rows: list[Row]) -> str | None:
    """A key for the batch's content in input order; ``None`` when a checked report has no cache key."""
    lines = []
    for row in sorted(rows, key=lambda r: r.index):
        if row.key is None and not row.error:
            return None
        lines.append(f"{row.index}\0{row.key or ''}\0{row.error or ''}")
    return cache.pair_key("batch", "\n".join(lines))


def _copies(audit: Audit, index: CopyIndex, copy_ids: dict[int, int]) -> Copies:
    """Groups and pairs; the pairs are verified on the stored sentences (read back a few at a time)."""

    # ~100 KB each (the shingle sets); candidates come sorted by their first report, so a few suffice:
    # 64 held 6 MB more at 1,000 reports than at 250 and saved a fifth of the reads back.
    @lru_cache(maxsize=PREPARED_KEPT)
    def prepared(number: int) -> copy_detection.Prepared:
        return copy_detection.prepare(audit.features(audit.row(number)).get("sentences", []))

    def verify(a: int, b: int) -> CopyPair | None:
        first, second = copy_ids[a], copy_ids[b]
        return copy_detection.compare(first, second, prepared(first), prepared(second))

    found = index.find(verify)
    for group in found.groups:
        group.members = [copy_ids[m] for m in group.members]
    return found


def _years(audit: Audit) -> list[YearSummary]:
    """Compare consecutive years of one issuer; a comparison of two cached reports is cached too.
    Only a summary of each stays in memory; the details go to the cache entry or the store."""
    use_cache = audit.config.use_cache
    checked = [(r.index, r.issuer, r.year, r.score) for r in audit.rows if r.ranked]
    found = []
    for earlier, later in pairs_to_compare(checked):
        a, b = audit.row(earlier), audit.row(later)
        entry = cache.pair_key(a.key, b.key) if use_cache and a.key and b.key else None
        pair = _stored_pair(audit, entry, earlier, later) if entry else None
        if pair is None:
            pair = compare(b.issuer or "", audit.features(a), audit.features(b),
                           (a.year or 0, b.year or 0), (earlier, later))
            if entry and not cache.store(entry, [pair.to_json()], "yoy"):
                entry = None
        found.append(YearSummary.of(pair, entry if entry else audit.store.append_text(pair.to_json())))
    return found


def _stored_pair(audit: Audit, entry: str, earlier: int, later: int) -> YearPair | None:
    stored, damaged = cache.load_small(entry, "yoy")
    if damaged:
        audit.notes.append(f"逐年对比（{audit.row(later).issuer}）的缓存条目已损坏，已删除并重新比较")
    try:
        return YearPair.from_json(stored, earlier, later) if stored is not None else None
    except (ValueError, KeyError, TypeError):
        return None


def _element_names(packs: list[Pack], order: tuple[str, ...], counts: dict[str, Counter[str]]
                   ) -> list[tuple[str, str]]:
    """Every element some report of the batch was asked for, in the batch's element order."""
    names: dict[str, str] = {}
    for pack in reversed(packs):  # the first variant's name wins
        names.update({r.id: r.name for r in pack.rules})
    return [(e, names.get(e, e)) for e in order if e in counts]
