"""The one settings path of ``checker check`` and ``checker audit``: what each report is checked with.

For every report the nearest configuration file, the command line and the
profile give its :class:`~checker.gate.config.Settings` (:func:`config.resolve`);
reports in one folder share them (the configuration is looked up once per
folder). Reports whose settings name the same pack and rule changes share one
loaded pack; reports that share a waiver file and a baseline share one
:class:`~checker.gate.suppress.Policy`, so that a waiver that matched nothing in
the whole run is reported once. :meth:`Run.options` turns settings into the
engine's options, the same for both commands: a report gets the same verdict
whichever command checked it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.gate import config
from checker.gate.suppress import Policy, unused_waivers
from checker.model import ReportResult
from checker.pack.loader import Pack, load_pack


class Run:
    """What the reports of one run share: settings per folder, loaded packs, suppression policies."""

    def __init__(self, cli: dict[str, Any], config_file: str | None = None, use_config: bool = True,
                 use_cache: bool = True) -> None:
        self.cli = cli
        self.config_file = config_file
        self.use_config = use_config
        self.use_cache = use_cache
        self.packs: dict[str, Pack] = {}
        self.policies: dict[tuple[str | None, str | None], Policy] = {}
        self.by_folder: dict[str, config.Settings] = {}

    def settings(self, path: str) -> config.Settings:
        """Reports in one folder share their settings: the configuration is looked up once."""
        folder = str(Path(path).parent)
        if folder not in self.by_folder:
            self.by_folder[folder] = config.resolve(path, self.cli, self.config_file, self.use_config)
        return self.by_folder[folder]

    def pack(self, settings: config.Settings) -> Pack:
        key = settings.key()
        if key not in self.packs:
            loaded = load_pack(settings.pack, use_cache=self.use_cache)
            if settings.words:
                from checker.gate import words

                loaded = words.apply(loaded, settings.words)  # the digest then covers the word list
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

    def options(self, settings: config.Settings) -> dict[str, Any]:
        """The engine's options for a report with these settings (``engine.Options(**…)``)."""
        return {"pack": settings.pack, "template": settings.template, "fail_on": settings.fail_on,
                "min_score": settings.min_score, "use_cache": self.use_cache, "year": settings.year,
                "policy": self.policy(settings), "time_limit": settings.time_limit}

    def report_unused_waivers(self, entries: list[tuple[ReportResult, Pack, config.Settings]]) -> None:
        """Each policy's unused waivers, once, on the first report checked with it."""
        for key, policy in self.policies.items():
            first = next((r for r, _, s in entries if (s.waivers, s.baseline) == key), None)
            if first is not None:
                first.warnings.extend(unused_waivers(policy))


def gate(settings: config.Settings) -> dict[str, Any]:
    """The JSON contract's ``gate`` of a report: the settings that decided ``passed``."""
    out: dict[str, Any] = {"fail_on": settings.fail_on, "profile": settings.profile}
    if settings.min_score is not None:
        out["min_score"] = settings.min_score
    if settings.baseline:
        out["baseline"] = settings.baseline
    if settings.source:
        out["config"] = settings.source
    return out


def fingerprint(settings: config.Settings, pack: Pack) -> str:
    """Everything in the settings that can change a report's result, as one string (a cache key part).

    The waiver and baseline files count by their content; with either, the result also
    depends on the report's path (waivers name files, baselines key by path) and on the
    day (waivers expire), which callers add to the key.
    """
    parts = [pack.digest, str(settings.template), str(settings.year), settings.fail_on,
             str(settings.min_score), str(settings.time_limit)]
    for name in (settings.waivers, settings.baseline):
        parts.append(_file_digest(name) if name else "")
    return "|".join(parts)


def _file_digest(name: str) -> str:
    try:
        return hashlib.sha256(Path(name).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"
