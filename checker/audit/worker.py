"""One report, in a worker process: read, look up the cache, check, extract features.

:func:`process` never raises: an unreadable file or a defect met on one report
becomes a result with ``error`` set. A result is three JSON lines: a small
*summary* (what the main process keeps in memory for the ranked table and the
copy index), the *report* (the JSON contract's) and the audit's *features*. The
last two stay in the cache entry when there is one (see :class:`Outcome`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from checker import engine, kinds
from checker.audit import cache, features, minhash
from checker.errors import ReadError
from checker.gate.config import Settings
from checker.gate.run import Run, fingerprint
from checker.model import ReportResult
from checker.pack.loader import Pack
from checker.readers import READERS, UNSUPPORTED_HINTS, load_bytes, max_bytes_from_env, read_bytes, supported_suffixes
from checker.text import regex_cache


@dataclass(frozen=True)
class AuditConfig:
    """What the command line says about the batch (picklable, sent to each worker).

    Each report's settings come from these, its folder's configuration file and the
    profile, through :class:`checker.gate.run.Run`, exactly as for ``checker check``.
    """

    pack: str | None = None
    template: str | None = None
    year: int | None = None
    fail_on: str | None = None
    min_score: float | None = None
    max_bytes: int | None = None
    use_cache: bool = True
    profile: str | None = None
    waivers: str | None = None
    baseline: str | None = None
    time_limit: float | None = None
    config_file: str | None = None
    use_config: bool = True
    words: str | None = None

    def cli(self) -> dict[str, Any]:
        return {"pack": self.pack, "template": self.template, "fail_on": self.fail_on,
                "min_score": self.min_score, "year": self.year, "profile": self.profile,
                "waivers": self.waivers, "baseline": self.baseline, "time_limit": self.time_limit,
                "words": self.words}

    def run(self) -> Run:
        return Run(self.cli(), self.config_file, self.use_config, self.use_cache)


@dataclass(frozen=True)
class Plan:
    """The batch's settings: each distinct :class:`Settings` once, and which report uses which.

    ``order`` is every element some variant's templates ask for, in first-seen
    order: the positions of a summary's ``statuses`` string, one for the batch.
    """

    config: AuditConfig
    variants: tuple[Settings, ...]
    of_path: dict[str, int]
    order: tuple[str, ...]


def plan(paths: list[str], config: AuditConfig) -> Plan:
    """Resolve every report's settings (and load their packs: a bad configuration fails here,
    before any report is checked)."""
    run = config.run()
    variants: list[Settings] = []
    index: dict[str, int] = {}
    of_path: dict[str, int] = {}
    order: dict[str, None] = {}
    for path in paths:
        settings = run.settings(path)
        key = repr(settings)
        if key not in index:
            index[key] = len(variants)
            variants.append(settings)
            pack = run.pack(settings)
            run.policy(settings)
            order.update(dict.fromkeys(element_order(pack)))
        of_path[path] = index[key]
    if not variants:  # an empty batch still has a pack (the command's)
        settings = run.settings(".")
        variants.append(settings)
        order.update(dict.fromkeys(element_order(run.pack(settings))))
    return Plan(config, tuple(variants), of_path, tuple(order))


@dataclass
class _Variant:
    settings: Settings
    pack: Pack
    options: engine.Options
    key: str  # what in the settings changes a result, for the cache key
    by_path: bool  # waivers or a baseline: the result depends on the report's path and the day
    dictionary: bytes = b""  # the pack's wording, to compress its cache entries with


@dataclass
class _State:
    plan: Plan
    run: Run
    variants: list[_Variant]


_state: _State | None = None


def setup(batch: Plan) -> None:
    """Load the packs and policies once per process (free after a fork: the parent loaded them)."""
    global _state
    if _state is not None and _state.plan is batch:
        return
    run = batch.config.run()
    variants = []
    for settings in batch.variants:
        pack = run.pack(settings)
        options = engine.Options(**run.options(settings), max_bytes=batch.config.max_bytes)
        by_path = bool(settings.waivers or settings.baseline)
        variants.append(_Variant(settings, pack, options, fingerprint(settings, pack), by_path,
                                 cache.pack_dictionary(pack_wording(pack)) if batch.config.use_cache else b""))
    _state = _State(batch, run, variants)
    cache.code_digest()  # computed once, before the workers fork
    for kind in sorted({rule.kind for v in variants for rule in v.pack.rules}):
        kinds.module(kind)  # imported once, before the workers fork, not once in each


def variants() -> list[_Variant]:
    """The batch's settings with their loaded packs and engine options, as :class:`Plan` lists them."""
    return _current().variants


def variant(path: str) -> _Variant:
    state = _current()
    return state.variants[state.plan.of_path.get(path, 0)]


def _current() -> _State:
    if _state is None:
        raise RuntimeError("worker.setup() was not called")
    return _state


class Outcome(NamedTuple):
    """What a worker sends back for one file.

    ``summary`` is the summary line already parsed (its ``fp``: the MinHash signatures
    for the copy index, as bytes, see :func:`summary_of`): the main process, the one serial
    part of a run, does as little as possible.
    ``report`` and ``features`` are JSON lines, or ``None`` when they wait in the
    cache entry ``entry`` (``stored``: a hit, or a result just stored there): then
    only the small summary crosses to the main process.
    """

    summary: dict[str, Any]
    report: str | None
    features: str | None
    entry: str | None
    stored: bool
    cached: bool
    repaired: bool = False  # its cache entry was damaged: dropped, and the report checked again


def process(path: str, fresh: bool = False) -> Outcome:
    """Check one report, or take its result from the cache (``fresh``: never from the cache, for an
    entry found damaged after its summary was read)."""
    state = _current()
    chosen = variant(path)
    use_cache = state.plan.config.use_cache
    try:
        content, suffix = _load(path, state.plan.config.max_bytes)
    except ReadError as exc:
        return outcome(*encode(ReportResult(path=path, error=exc.reason).to_dict(), {}), None, False, False)
    settings = chosen.key
    if chosen.by_path:
        settings += f"|{os.path.abspath(path)}|{date.today().isoformat()}"
    entry = cache.key(content, suffix, settings)
    damaged = False
    if use_cache and not fresh:
        summary, damaged = cache.load_summary(entry)
        if summary is not None:
            summary["fp"] = minhash.as_raw(summary["fp"])
            return Outcome(summary, None, None, entry, True, True)
    computed = _compute(path, content, suffix, entry, chosen, use_cache)
    regex_cache.save()  # patterns this worker compiled for the first time, for the next run (rarely anything)
    return computed._replace(repaired=damaged)


def _compute(path: str, content: bytes, suffix: str, entry: str, chosen: _Variant, use_cache: bool) -> Outcome:
    cacheable = True
    found: dict[str, Any] = {}
    options = chosen.options
    if options.policy is not None:
        # A fresh record of used waivers per report: the result depends on the report alone.
        options = dataclasses.replace(options, policy=dataclasses.replace(options.policy, used=set(), reported=set()))
    try:
        document = read_bytes(content, path, suffix)
        result, ctx = engine.check_document_with_context(document, chosen.pack, options)
        report = result.to_dict()
        found = features.extract(result, ctx)
        features.evidence_contexts(report, ctx)
    except ReadError as exc:
        report = ReportResult(path=path, error=exc.reason).to_dict()
    except Exception as exc:  # one report's defect must not end a batch of thousands
        cacheable = False
        report = engine.failed(path, exc).to_dict()
    waived = sorted(options.policy.used) if options.policy is not None else []
    summary = summary_of(report, found, len(content), list(_current().plan.order), waived)
    report_line, features_line = _report_lines(report, found, features.boilerplate(chosen.pack))
    if cacheable and use_cache and cache.store(entry, [summary_line(summary), report_line, features_line],
                                               dictionary=chosen.dictionary):
        return Outcome(summary, None, None, entry, True, False)
    return Outcome(summary, report_line, features_line, entry if cacheable else None, False, False)


def outcome(summary: str, report: str | None, features: str | None, entry: str | None, stored: bool,
            cached: bool) -> Outcome:
    return Outcome(json.loads(summary), report, features, entry, stored, cached)


def _load(path: str, max_bytes: int | None) -> tuple[bytes, str]:
    """The file's bytes and suffix; the same checks and messages as ``read_path``
    (a regular file only, the limit counting the bytes read)."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    suffix = os.path.splitext(path)[1].lower()
    if suffix in UNSUPPORTED_HINTS and suffix not in READERS:
        raise ReadError(path, f"不支持的文件类型“{suffix}”：{UNSUPPORTED_HINTS[suffix]}")
    if suffix not in READERS:
        kinds = "、".join(supported_suffixes())
        raise ReadError(path, f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {kinds}）")
    return load_bytes(path, limit), suffix


def encode(report: dict[str, Any], found: dict[str, Any], size: int = 0,
           order: list[str] | None = None, waived: list[int] | None = None,
           boilerplate: features.Boilerplate | None = None) -> tuple[str, str, str]:
    """The summary, report and features lines of a result (JSON without newlines); ``boilerplate``:
    the pack's (see :func:`checker.audit.features.stored`)."""
    return (summary_line(summary_of(report, found, size, order, waived)),
            *_report_lines(report, found, boilerplate))


def _report_lines(report: dict[str, Any], found: dict[str, Any],
                  boilerplate: features.Boilerplate | None) -> tuple[str, str]:
    kept = features.stored(found, features.place_names(report.get("issuer")), boilerplate)
    # An entry serves every file with these bytes, whatever its name: the reader puts its own
    # path back (RecordStore.report), so the one it was first checked under is not kept.
    return _dumps({**report, "path": ""}), _dumps(kept)


def summary_line(summary: dict[str, Any]) -> str:
    """:func:`summary_of`'s summary as its line (the signatures as text)."""
    return _dumps({**summary, "fp": minhash.as_text(summary["fp"])})


def summary_of(report: dict[str, Any], found: dict[str, Any], size: int = 0, order: list[str] | None = None,
               waived: list[int] | None = None) -> dict[str, Any]:
    """What the main process keeps of a result: its row and its signatures (the copy index), and the
    waivers it used; the sentences stay on disk. The same as the summary line parsed, with the
    signatures as bytes (:func:`checker.audit.minhash.as_raw`)."""
    return {"row": summarise(report, size, order or []), "fp": minhash.as_raw(found.get("signatures", {})),
            "waived": waived or []}


def pack_wording(pack: Pack) -> list[str]:
    """What a pack's reports repeat: template and element names, rule ids, names, suggestions and
    messages (the messages last: a finding's longest text; the last of a dictionary is cheapest)."""
    sections = [s.name for t in pack.templates.values() for s in t.sections]
    rules = pack.rules
    return [*sections, *(r.id for r in rules), *(r.name for r in rules), *(r.suggestion or "" for r in rules),
            *(r.message for r in rules)]


def element_order(pack: Pack) -> list[str]:
    """Every element a template of the pack asks for, in template order: the positions of a
    summary's ``statuses`` string."""
    ids = [e for t in pack.templates.values() for e in (*t.required, *t.when_mentioned)]
    return list(dict.fromkeys(ids))


def summarise(report: dict[str, Any], size: int = 0, order: list[str] | None = None) -> dict[str, Any]:
    """What the ranked table and the batch summary need of one report.

    ``statuses`` has one code per element of ``order`` (:func:`element_order`): p(resent),
    w(eak), m(issing), or "." when the report's template does not ask for it.
    """
    found = {e["id"]: e["status"][0] for e in report.get("elements", [])}
    statuses = "".join(found.get(e, ".") for e in order or [])
    counts = {"error": 0, "warning": 0, "info": 0}
    rules: dict[str, int] = {}
    for finding in report.get("findings", []):
        if finding.get("suppressed"):
            continue
        counts[finding["severity"]] += 1
        rules[finding["rule"]] = rules.get(finding["rule"], 0) + 1
    score = report.get("score", 0.0)
    capped = sum(p.get("points", 0.0) for p in report.get("score_breakdown", []) if p.get("item") == "cap")
    return {
        "issuer": report.get("issuer"),
        "title": report.get("title"),
        "year": report.get("year"),
        "template": report.get("template"),
        "date": report.get("date"),
        "format": report.get("format"),
        "score": score,
        # before its grade's cap: what tells apart the reports a cap holds at one score (59.9)
        "raw": round(score - capped, 2),
        "grade": report.get("grade"),
        "passed": bool(report.get("passed")),
        "error": report.get("error"),
        "statuses": statuses,
        "counts": counts,
        "rules": rules,
        "size": size,
        # distinct figures the report states (复议收案, 出庭应诉率…): breaks ties among equal scores
        "facts": len({m.get("id") for m in report.get("metrics", [])}),
    }


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
