"""Configuration: ``.checker.yaml`` or ``[tool.checker]`` in pyproject.toml, and profiles.

For each report the nearest configuration is used, found by walking up from the
report's folder: in each folder ``.checker.yaml`` (or ``.checker.yml``) first,
then a pyproject.toml that has a ``[tool.checker]`` table. ``--config FILE``
names one for every report, ``--no-config`` ignores them. Paths in a
configuration (pack folder, waivers, baseline) are relative to its file.

Precedence, highest first: command-line options, the configuration, the
profile, the defaults. A profile is a named set of defaults:

* ``drafter`` (default): fail on errors; colour in a terminal; repeated hints collapsed;
* ``ci``: fail on warnings too; no colour;
* ``audit``: every finding shown (hints included); no colour.

``words:`` names a plain word list (:mod:`checker.gate.words`) whose entries
become ``term.custom`` findings. ``rules:`` turns rules (or whole families) off, re-levels them, changes their
weight or replaces kind-specific parameters (``params``, e.g. ``min_chars``); the
changed pack is what the engine runs, so every kind honours it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.model import FrozenRecord
from checker.pack.loader import Pack, Rule

CONFIG_NAMES = (".checker.yaml", ".checker.yml")
PROFILES: dict[str, dict[str, Any]] = {
    "drafter": {"fail_on": "error"},
    "ci": {"fail_on": "warning", "color": False},
    "audit": {"fail_on": "error", "verbose": True, "color": False},
}
DEFAULTS: dict[str, Any] = {"profile": "drafter", "fail_on": "error"}
PATH_KEYS = ("waivers", "baseline", "words")
SETTING_KEYS = ("pack", "template", "year", "profile", "fail_on", "min_score", "waivers",
                "baseline", "time_limit", "color", "verbose", "words")


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Settings(FrozenRecord):
    """What to check one report with, after command line, configuration and profile."""

    pack: str | None = None
    template: str | None = None
    year: int | None = None
    profile: str = "drafter"
    fail_on: str = "error"
    min_score: float | None = None
    waivers: str | None = None
    baseline: str | None = None
    time_limit: float | None = None
    color: bool | None = None
    verbose: bool = False
    words: str | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None

    def __init__(self, pack: str | None = None, template: str | None = None, year: int | None = None,
                 profile: str = "drafter", fail_on: str = "error", min_score: float | None = None,
                 waivers: str | None = None, baseline: str | None = None, time_limit: float | None = None,
                 color: bool | None = None, verbose: bool = False, words: str | None = None,
                 rules: dict[str, dict[str, Any]] | None = None, source: str | None = None) -> None:
        vars(self).update(pack=pack, template=template, year=year, profile=profile, fail_on=fail_on,
                          min_score=min_score, waivers=waivers, baseline=baseline, time_limit=time_limit,
                          color=color, verbose=verbose, words=words, rules={} if rules is None else rules,
                          source=source)

    def key(self) -> str:
        """Identifies the pack variant: same pack and rule changes, same loaded pack."""
        return json.dumps([self.pack, self.rules, self.source if self.rules else None, self.words],
                          sort_keys=True, ensure_ascii=False)


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above folder ``start``."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.checker]" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load(path: str) -> dict[str, Any]:
    """The validated configuration in ``path``, with its paths made absolute."""
    file = Path(path)
    try:
        stat = file.stat()
    except OSError:
        raise UsageError(f"{file}：配置文件不存在") from None
    return _load(str(file.resolve()), stat.st_mtime_ns, stat.st_size)


@cache
def _load(path: str, mtime: int, size: int) -> dict[str, Any]:
    """Parsed once per process and version of the file (mtime and size are the cache key)."""
    from checker.gate import config_files

    file = Path(path)
    if file.name == "pyproject.toml":
        data = _tool_table(file)
        config_files.validate(data, "config", file, lines=False)
    else:
        data = config_files.read_yaml(file, "配置文件")
        if not isinstance(data, dict):
            raise UsageError(f"{file}：配置文件应为映射（键: 值）")
        config_files.validate(data, "config", file)
    values = dict(data)
    folder = file.resolve().parent
    for key in PATH_KEYS:
        if key in values:
            values[key] = str(folder / values[key])
    if "pack" in values and (folder / values["pack"]).is_dir():
        values["pack"] = str(folder / values["pack"])
    return values


def _tool_table(path: Path) -> dict[str, Any]:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}：无法读取（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}：TOML 语法错误（{exc}）") from None
    table = data.get("tool", {}).get("checker", {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}：[tool.checker] 应为表")
    return table


def resolve(report: str | None, cli: dict[str, Any], explicit: str | None = None,
            use_config: bool = True) -> Settings:
    """Settings for one report (``None``: the current folder) from the given options."""
    source: Path | None = None
    if explicit:
        source = Path(explicit)
        if not source.is_file():
            raise UsageError(f"{source}：配置文件不存在")
    elif use_config:
        source = find(Path(report).parent if report else Path.cwd())
    from_file = load(str(source)) if source is not None else {}
    given = {k: v for k, v in cli.items() if v is not None and k in SETTING_KEYS}
    profile = given.get("profile") or from_file.get("profile") or DEFAULTS["profile"]
    merged: dict[str, Any] = {**DEFAULTS, **PROFILES[profile]}
    merged.update({k: v for k, v in from_file.items() if k in SETTING_KEYS})
    merged.update(given)
    merged["profile"] = profile
    return Settings(**merged, rules=from_file.get("rules", {}),
                    source=str(source) if source is not None else None)


# ---------------------------------------------------------------- rule changes


def apply_rules(pack: Pack, changes: dict[str, dict[str, Any]], source: str | None) -> Pack:
    """The pack with the configuration's rule changes applied (the pack itself is unchanged)."""
    if not changes:
        return pack
    where = source or "配置"
    ids = [r.id for r in pack.rules]
    for key in changes:
        if not any(_covers(key, rule_id) for rule_id in ids):
            raise UsageError(f"{where}：键 rules.{key}：规则包 {pack.id} 中没有这条规则或这一类规则")
        if "params" in changes[key] and key not in ids:
            raise UsageError(f"{where}：键 rules.{key}.params：只能对单条规则（不是一类规则）改参数")
    rules: list[Rule] = []
    for rule in pack.rules:
        # A family entry applies first, a rule's own entry after it.
        keys = sorted((k for k in changes if _covers(k, rule.id)), key=lambda k: k == rule.id)
        changed: Rule | None = rule
        for key in keys:
            changed = _change(changed, changes[key], f"{where}：键 rules.{key}") if changed else None
        if changed is not None:
            rules.append(changed)
    digest = hashlib.sha256(json.dumps(changes, sort_keys=True, ensure_ascii=False).encode())
    return dataclasses.replace(pack, rules=tuple(rules),
                               digest=f"{pack.digest}+{digest.hexdigest()[:12]}")


def _covers(key: str, rule_id: str) -> bool:
    return rule_id == key or rule_id.startswith(key + ".")


def _change(rule: Rule, change: dict[str, Any], where: str) -> Rule | None:
    if change.get("enabled") is False:
        return None
    spec = dict(rule.spec)
    for key, value in change.get("params", {}).items():
        if key in ("id", "kind", "name", "examples", "severity", "weight", "enabled"):
            raise UsageError(f"{where}.params.{key}：不能在 params 中改 {key}")
        if key not in spec:
            known = "、".join(k for k in spec if not k.startswith("_") and k not in _COMMON) or "无"
            raise UsageError(f"{where}.params.{key}：规则 {rule.id} 没有参数“{key}”（可改：{known}）")
        if _json_type(spec[key]) != _json_type(value):
            raise UsageError(f"{where}.params.{key}：类型应与原值相同（{_json_type(spec[key])}），"
                             f"实际是 {value!r}")
        _check_patterns(key, value, where, rule.id)
        spec[key] = value
        spec["_user"] = True  # the user's parameters: the user rules' time budget applies
    severity = change.get("severity", rule.severity)
    weight = float(change["weight"]) if "weight" in change else rule.weight
    spec.update({"severity": severity, **({"weight": weight} if "weight" in change else {})})
    return dataclasses.replace(rule, severity=severity, weight=weight, spec=spec)


_COMMON = ("id", "name", "kind", "severity", "weight", "message", "basis", "description",
           "suggestion", "templates", "enabled", "examples")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "字符串"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return "空值"


def _check_patterns(key: str, value: Any, where: str, rule_id: str) -> None:
    from checker.errors import PackError
    from checker.pack.loader import PATTERN_KEYS
    from checker.pack.loader import _check_patterns as check

    if key not in PATTERN_KEYS:
        return
    try:
        check({key: value}, where.split("：")[0], rule_id)
    except PackError as exc:
        raise UsageError(str(exc)) from None
