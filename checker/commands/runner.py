"""Checking several files in one run: one unreadable file costs one report, not the run.

Each report gets its settings through :class:`checker.gate.run.Run`, the settings
path ``checker audit`` uses too: the command line, the nearest configuration file
and its profile; loaded packs and suppression policies are shared.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from checker import __version__, engine
from checker.errors import ReadError, UsageError
from checker.gate import config
from checker.gate.run import Run, gate
from checker.model import ReportResult
from checker.pack.loader import Pack

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def check_files(paths: list[str], pack: str | None = None, template: str | None = None,
                fail_on: str | None = None, min_score: float | None = None, use_cache: bool = True,
                max_bytes: int | None = None, year: int | None = None, *,
                profile: str | None = None, config_file: str | None = None, use_config: bool = True,
                waivers: str | None = None, baseline: str | None = None,
                time_limit: float | None = None, words: str | None = None,
                failed: dict[str, str] | None = None
                ) -> tuple[dict[str, Any], int]:
    """Check every file; return the JSON document and the exit status.

    ``failed``: paths found unreadable while searching folders (see :mod:`checker.commands.inputs`),
    with the reason; each is a row with that error.
    """
    cli = {"pack": pack, "template": template, "fail_on": fail_on, "min_score": min_score,
           "year": year, "profile": profile, "waivers": waivers, "baseline": baseline,
           "time_limit": time_limit, "words": words}
    run = Run(cli, config_file, use_config, use_cache)
    entries = []
    for path in paths:
        settings = run.settings(path)
        loaded = run.pack(settings)
        opts = engine.Options(**run.options(settings), max_bytes=max_bytes)
        if failed and path in failed:
            entries.append((ReportResult(path=path, error=failed[path]), loaded, settings))
            continue
        entries.append((check_one(path, loaded, opts), loaded, settings))
    run.report_unused_waivers(entries)
    results = [result for result, _, _ in entries]
    return document(entries), exit_status(results)


def check_one(path: str, pack: Pack, opts: engine.Options) -> ReportResult:
    from checker.readers import read_path

    try:
        doc = read_path(path, opts.max_bytes)
        return engine.check_document(doc, pack, opts)
    except ReadError as exc:
        return ReportResult(path=path, error=exc.reason)
    except ImportError as exc:
        # A reader's library missing from this installation costs this file only.
        return ReportResult(path=path, error=f"缺少读取此类文件所需的组件（{exc.name or exc}），请重新安装 checker")
    except (RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError,
            AttributeError, OSError) as exc:
        # A defect met on one report must not end a batch of a thousand.
        return ReportResult(path=path, error=f"内部错误（{type(exc).__name__}：{exc}），请报告此问题")


def document(entries: list[tuple[ReportResult, Pack, config.Settings]] | list[ReportResult],
             pack: Pack | None = None) -> dict[str, Any]:
    """The JSON contract for a run: tool, pack, the rules the reports cite, the reports."""
    rows = [(e, pack, None) if isinstance(e, ReportResult) else e for e in entries]
    first_pack = next((p for _, p, _ in rows if p is not None), pack)
    reports = []
    for result, _, settings in rows:
        data = result.to_dict()
        if settings is not None:
            data["gate"] = gate(settings)
        reports.append(data)
    out: dict[str, Any] = {"tool": {"name": "checker", "version": __version__}}
    if first_pack is not None:
        out["pack"] = {"id": first_pack.id, "name": first_pack.name, "version": first_pack.version}
    out["rules"] = rule_table([(r, p) for r, p, _ in rows if p is not None])
    out["reports"] = reports
    return out


def rule_table(rows: list[tuple[ReportResult, Pack]]) -> list[dict[str, Any]]:
    """Metadata of every rule a report cites (findings and elements), in pack order."""
    table: dict[str, dict[str, Any]] = {}
    for result, pack in rows:
        cited = {f.rule for f in result.findings} | {e.id for e in result.elements}
        for rule in pack.rules:
            if rule.id not in cited or rule.id in table:
                continue
            entry: dict[str, Any] = {"id": rule.id, "name": rule.name, "kind": rule.kind,
                                     "severity": rule.severity, "message": rule.message,
                                     "basis": rule.basis}
            if rule.description:
                entry["description"] = rule.description
            if rule.suggestion:
                entry["suggestion"] = rule.suggestion
            table[rule.id] = entry
    return list(table.values())


def exit_status(results: list[ReportResult]) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if any(not r.passed for r in results):
        return EXIT_FINDINGS
    return EXIT_OK


def write_atomic(path: Path, text: str | bytes, like: Path | None = None) -> None:
    """Write via a temporary file in the same folder, so a reader never sees half a file.

    Bytes are written as they are; ``like``: a file whose permissions the new one
    keeps (a file rewritten in place), else those a new file would get.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"{path}：无法写入（{exc.strerror or exc}）") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
            if like is not None:
                shutil.copymode(like, tmp)
            else:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(tmp, 0o666 & ~mask)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
