"""One report, in a worker process: read, look up the cache, check, extract features.

:func:`process` never raises: an unreadable file or a defect met on one report
becomes a result with ``error`` set. A result is three JSON lines: a small
*summary* (what the main process keeps in memory for the ranked table and the
copy index), the *report* (the JSON contract's) and the audit's *features*. The
last two stay in the cache entry when there is one (see :class:`Outcome`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, NamedTuple

from checker import engine
from checker.audit import cache, copies, features
from checker.errors import ReadError
from checker.model import ReportResult
from checker.pack.loader import Pack, load_pack
from checker.readers import READERS, load_bytes, max_bytes_from_env, read_bytes, supported_suffixes


@dataclass(frozen=True)
class AuditConfig:
    """How to check every report of the batch (picklable, sent to each worker)."""

    pack: str | None = None
    template: str | None = None
    year: int | None = None
    fail_on: str = "error"
    min_score: float | None = None
    max_bytes: int | None = None
    use_cache: bool = True

    def options(self) -> engine.Options:
        return engine.Options(pack=self.pack, template=self.template, fail_on=self.fail_on,
                              min_score=self.min_score, use_cache=self.use_cache,
                              max_bytes=self.max_bytes, year=self.year)

    def settings(self) -> str:
        """The options that change a result, for the cache key."""
        return f"{self.template}|{self.year}|{self.fail_on}|{self.min_score}"


@dataclass
class _State:
    config: AuditConfig
    pack: Pack
    options: engine.Options
    order: list[str]


_state: _State | None = None


def setup(config: AuditConfig) -> None:
    """Load the pack once per process (free after a fork: the parent loaded it)."""
    global _state
    pack = load_pack(config.pack, use_cache=config.use_cache)
    _state = _State(config, pack, config.options(), element_order(pack))
    cache.code_digest()  # computed once, before the workers fork


class Outcome(NamedTuple):
    """What a worker sends back for one file.

    ``summary`` is the summary line already parsed, its fingerprints as bytes: the
    main process, the one serial part of a run, does as little as possible.
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


def process(path: str) -> Outcome:
    state = _state
    if state is None:
        raise RuntimeError("worker.setup() was not called")
    try:
        content, suffix = _load(path, state.config.max_bytes)
    except ReadError as exc:
        return outcome(*encode(ReportResult(path=path, error=exc.reason).to_dict(), {}), None, False, False)
    entry = cache.key(content, suffix, state.config.settings(), state.pack.digest)
    if state.config.use_cache:
        summary = cache.load_summary(entry)
        if summary is not None:
            return Outcome(_decoded(summary), None, None, entry, True, True)
    cacheable = True
    found: dict[str, Any] = {}
    try:
        document = read_bytes(content, path, suffix)
        result, ctx = engine.check_document_with_context(document, state.pack, state.options)
        report = result.to_dict()
        found = features.extract(result, ctx)
        features.evidence_contexts(report, ctx)
    except ReadError as exc:
        report = ReportResult(path=path, error=exc.reason).to_dict()
    except Exception as exc:  # one report's defect must not end a batch of thousands
        cacheable = False
        report = engine.failed(path, exc).to_dict()
    lines = encode(report, found, len(content), state.order)
    if cacheable and state.config.use_cache and cache.store(entry, list(lines)):
        return outcome(lines[0], None, None, entry, True, False)
    return outcome(*lines, entry if cacheable else None, False, False)


def outcome(summary: str, report: str | None, features: str | None, entry: str | None, stored: bool,
            cached: bool) -> Outcome:
    return Outcome(_decoded(json.loads(summary)), report, features, entry, stored, cached)


def _decoded(summary: dict[str, Any]) -> dict[str, Any]:
    summary["fp"] = {key: bytes.fromhex(value) for key, value in summary["fp"].items()}
    return summary


def _load(path: str, max_bytes: int | None) -> tuple[bytes, str]:
    """The file's bytes and suffix; the same checks and messages as ``read_path``
    (a regular file only, the limit counting the bytes read)."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in READERS:
        kinds = "、".join(supported_suffixes())
        raise ReadError(path, f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {kinds}）")
    return load_bytes(path, limit), suffix


def encode(report: dict[str, Any], found: dict[str, Any], size: int = 0,
           order: list[str] | None = None) -> tuple[str, str, str]:
    """The summary, report and features lines of a result (JSON without newlines)."""
    summary = {"row": summarise(report, size, order or []), "fp": _fingerprints(found)}
    return _dumps(summary), _dumps(report), _dumps(found)


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
    return {
        "issuer": report.get("issuer"),
        "title": report.get("title"),
        "year": report.get("year"),
        "template": report.get("template"),
        "date": report.get("date"),
        "format": report.get("format"),
        "score": report.get("score", 0.0),
        "passed": bool(report.get("passed")),
        "error": report.get("error"),
        "statuses": statuses,
        "counts": counts,
        "rules": rules,
        "size": size,
    }


def _fingerprints(found: dict[str, Any]) -> dict[str, str]:
    sentences = found.get("sentences", [])
    return copies.pack([s[0] for s in sentences], [s[1] for s in sentences])


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
