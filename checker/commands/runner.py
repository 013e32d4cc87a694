"""Checking several files in one run: one unreadable file costs one report, not the run.

Each report gets its settings through :class:`checker.gate.run.Run`, the settings
path ``checker audit`` uses too: the command line, the nearest configuration file
and its profile; loaded packs and suppression policies are shared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker import __version__, engine
from checker.errors import UsageError
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
    """One report; any error met on it (unreadable, or a defect) is this report's ``error``."""
    from checker.readers import read_path

    try:
        return engine.check_document(read_path(path, opts.max_bytes), pack, opts)
    except Exception as exc:  # a defect met on one report must not end a batch of a thousand
        return engine.failed(path, exc)


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
    """Write so that a reader never sees half a file: a regular file is replaced by rename, a
    device or FIFO written into (:func:`checker.render.output.write_text`). Bytes are written as
    they are; ``like``: a file whose permissions the new one keeps (a file rewritten in place)."""
    from checker.render.output import write_text

    try:
        write_text(path, text, like)
    except OSError as exc:
        raise UsageError(f"{path}：无法写入（{exc.strerror or exc}）") from None
