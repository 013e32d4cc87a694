"""One report, in a worker process: read, look up the cache, check, extract features.

:func:`process` never raises: an unreadable file or a defect met on one report
becomes a result with ``error`` set. It returns two JSON lines, a small
*summary* (what the main process keeps in memory for the ranked table and the
copy index) and the full *record* (the contract's report plus the audit's
features, which the main process stores on disk unparsed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import engine
from checker.audit import cache, features
from checker.errors import ReadError
from checker.model import ReportResult
from checker.pack import Pack, load_pack
from checker.readers import READERS, max_bytes_from_env, read_bytes, supported_suffixes


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


_state: _State | None = None


def setup(config: AuditConfig) -> None:
    """Load the pack once per process (free after a fork: the parent loaded it)."""
    global _state
    _state = _State(config, load_pack(config.pack, use_cache=config.use_cache), config.options())


def process(path: str) -> tuple[str, str, bool]:
    """Return (summary JSON, record JSON, whether it came from the cache)."""
    state = _state
    if state is None:
        raise RuntimeError("worker.setup() was not called")
    try:
        content, suffix = _load(path, state.config.max_bytes)
    except ReadError as exc:
        return (*encode(ReportResult(path=path, error=exc.reason).to_dict(), {}), False)
    entry = cache.key(content, suffix, state.config.settings(), state.pack.digest)
    if state.config.use_cache:
        hit = cache.load(entry)
        if hit is not None:
            return (*hit, True)
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
        report = ReportResult(path=path, error=internal_error(exc)).to_dict()
    summary, record = encode(report, found, len(content))
    if cacheable and state.config.use_cache:
        cache.store(entry, summary, record)
    return summary, record, False


def internal_error(exc: BaseException) -> str:
    return f"内部错误（{type(exc).__name__}：{exc}），请报告此问题"


def _load(path: str, max_bytes: int | None) -> tuple[bytes, str]:
    """The file's bytes and suffix; the same checks and messages as ``read_path``."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in READERS:
        kinds = "、".join(supported_suffixes())
        raise ReadError(path, f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {kinds}）")
    try:
        if file.is_dir():
            raise ReadError(path, "这是一个目录，不是报告文件")
        size = file.stat().st_size
        if size > limit:
            raise ReadError(path, f"文件过大（{size} 字节，上限 {limit} 字节）")
        return file.read_bytes(), suffix
    except FileNotFoundError:
        raise ReadError(path, "文件不存在") from None
    except OSError as exc:
        raise ReadError(path, f"无法读取文件（{exc.strerror or exc}）") from None


def encode(report: dict[str, Any], found: dict[str, Any], size: int = 0) -> tuple[str, str]:
    """The summary and record lines for a report (JSON without newlines)."""
    summary = {"row": summarise(report, size), "fp": _fingerprints(found)}
    record = {"report": report, "features": found}
    return _dumps(summary), _dumps(record)


def summarise(report: dict[str, Any], size: int = 0) -> dict[str, Any]:
    """What the ranked table and the batch summary need of one report."""
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
        "elements": {e["id"]: e["status"] for e in report.get("elements", [])},
        "counts": counts,
        "rules": rules,
        "size": size,
    }


def _fingerprints(found: dict[str, Any]) -> dict[str, list[int]]:
    sentences = found.get("sentences", [])
    return {"h": [s[0] for s in sentences], "t": [s[1] for s in sentences]}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
