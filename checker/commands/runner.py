"""Checking several files in one run: one unreadable file costs one report, not the run.

Each report gets its settings from the command line, the nearest configuration
file and its profile (:mod:`checker.gate.config`); reports that share a pack variant
share the loaded pack, and reports that share a waiver file and baseline share
one :class:`~checker.gate.suppress.Policy`, so that a waiver that matched nothing in
the whole run is reported once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker import __version__, engine
from checker.errors import UsageError
from checker.gate import config
from checker.gate.suppress import Policy, unused_waivers
from checker.model import ReportResult
from checker.pack.loader import Pack, load_pack

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def check_files(paths: list[str], pack: str | None = None, template: str | None = None,
                fail_on: str | None = None, min_score: float | None = None, use_cache: bool = True,
                max_bytes: int | None = None, year: int | None = None, *,
                profile: str | None = None, config_file: str | None = None, use_config: bool = True,
                waivers: str | None = None, baseline: str | None = None,
                time_limit: float | None = None, words: str | None = None
                ) -> tuple[dict[str, Any], int]:
    """Check every file; return the JSON document and the exit status."""
    cli = {"pack": pack, "template": template, "fail_on": fail_on, "min_score": min_score,
           "year": year, "profile": profile, "waivers": waivers, "baseline": baseline,
           "time_limit": time_limit, "words": words}
    run = Run(use_cache)
    entries = []
    for path in paths:
        settings = run.settings(path, cli, config_file, use_config)
        loaded = run.pack(settings)
        opts = engine.Options(pack=settings.pack, template=settings.template,
                              fail_on=settings.fail_on, min_score=settings.min_score,
                              use_cache=use_cache, max_bytes=max_bytes, year=settings.year,
                              policy=run.policy(settings), time_limit=settings.time_limit)
        entries.append((check_one(path, loaded, opts), loaded, settings))
    run.report_unused_waivers(entries)
    results = [result for result, _, _ in entries]
    return document(entries), exit_status(results)


class Run:
    """What the reports of one run share: loaded packs and suppression policies."""

    def __init__(self, use_cache: bool) -> None:
        self.use_cache = use_cache
        self.packs: dict[str, Pack] = {}
        self.policies: dict[tuple[str | None, str | None], Policy] = {}
        self.by_folder: dict[str, config.Settings] = {}

    def settings(self, path: str, cli: dict[str, Any], config_file: str | None,
                 use_config: bool) -> config.Settings:
        """Reports in one folder share their settings: the configuration is looked up once."""
        folder = str(Path(path).parent)
        if folder not in self.by_folder:
            self.by_folder[folder] = config.resolve(path, cli, config_file, use_config)
        return self.by_folder[folder]

    def pack(self, settings: config.Settings) -> Pack:
        key = settings.key()
        if key not in self.packs:
            loaded = load_pack(settings.pack, use_cache=self.use_cache)
            if settings.words:
                from checker.gate import words

                loaded = words.apply(loaded, settings.words)
            loaded = config.apply_rules(loaded, settings.rules, settings.source)
            if settings.template and settings.template not in loaded.templates:
                known = "、".join(sorted(loaded.templates))
                raise UsageError(f"未知的模板“{settings.template}”（可用模板：{known}）")
            self.packs[key] = loaded
        return self.packs[key]

    def policy(self, settings: config.Settings) -> Policy | None:
        if not settings.waivers and not settings.baseline:
            return None
        key = (settings.waivers, settings.baseline)
        if key not in self.policies:
            from checker.gate import baseline, waivers

            self.policies[key] = Policy(
                waivers=waivers.load(settings.waivers) if settings.waivers else (),
                baseline=baseline.load(settings.baseline) if settings.baseline else None,
            )
        return self.policies[key]

    def report_unused_waivers(self, entries: list[tuple[ReportResult, Pack, config.Settings]]
                              ) -> None:
        """Each policy's unused waivers, once, on the first report checked with it."""
        for key, policy in self.policies.items():
            first = next((r for r, _, s in entries if (s.waivers, s.baseline) == key), None)
            if first is not None:
                first.warnings.extend(unused_waivers(policy))


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


def gate(settings: config.Settings) -> dict[str, Any]:
    out: dict[str, Any] = {"fail_on": settings.fail_on, "profile": settings.profile}
    if settings.min_score is not None:
        out["min_score"] = settings.min_score
    if settings.baseline:
        out["baseline"] = settings.baseline
    if settings.source:
        out["config"] = settings.source
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
