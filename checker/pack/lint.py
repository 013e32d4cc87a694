"""``checker rules validate``: every problem of a pack folder at once, each as ``file:line：…``.

Loading a pack stops at the first problem (a run cannot go on with a broken
pack); an author fixing a pack wants the whole list. This module checks each
file of the pack folder on its own — YAML syntax, the JSON Schema, regular
expressions, duplicate rule ids — and only when those are clean loads the pack
as a run would, to catch what needs the whole chain (``extends``, ``override``,
template references).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

from checker.errors import CheckerError, PackError
from checker.pack import yamlfile
from checker.pack.loader import PATTERN_KEYS, Pack, _pack_files, load_pack, resolve_pack_dir


def problems(pack: str) -> tuple[list[str], Pack | None]:
    """All problems found in the pack folder (empty when valid) and the loaded pack, if it loads."""
    pack_dir = resolve_pack_dir(pack)
    try:
        files = _pack_files(pack_dir)
    except CheckerError as exc:
        return [str(exc)], None
    found: list[str] = []
    seen_ids: dict[str, str] = {}
    for path in files:
        kind = "pack" if path.name == "pack.yaml" else "rules"
        found += _file_problems(path, kind, seen_ids)
    own_templates = pack_dir / "templates"
    if own_templates.is_dir():
        for path in sorted(own_templates.glob("*.y*ml")):
            problem = yamlfile.pack_file(path, pack_dir)
            found += [f"{path}：{problem}"] if problem else _file_problems(path, "template", {})
    if found:
        return list(dict.fromkeys(found)), None
    try:
        loaded = load_pack(str(pack_dir), use_cache=False)
    except CheckerError as exc:
        return [str(exc)], None
    return [], loaded


def _file_problems(path: Path, kind: str, seen_ids: dict[str, str]) -> list[str]:
    import yaml

    from checker.pack import schema

    try:
        data = yamlfile.load(path.read_text(encoding="utf-8"))
    except yamlfile.YamlTooComplex as exc:
        # Hostile input, not a slip to list among the others: the validation stops (exit 2).
        raise PackError(f"{path}：{exc}") from None
    except UnicodeDecodeError:
        return [f"{path}：不是 UTF-8 编码的文件"]
    except OSError as exc:
        return [f"{path}：无法读取（{exc.strerror or exc}）"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        return [f"{where}：YAML 语法错误（{getattr(exc, 'problem', None) or exc}）"]
    found = [_describe(error, data, path) for error in schema.errors(data, kind)]
    for location, pattern in _patterns(data, []):
        try:
            regex.compile(pattern)
        except regex.error as exc:
            line = schema._line_of(path, location)
            owner, key = _owner_and_key(data, location)
            found.append(f"{path}:{line}：{owner}键 {key}：正则表达式无效（{exc}）：{schema.first_line(pattern)}")
    if kind == "rules" and isinstance(data, dict) and isinstance(data.get("rules"), list):
        for index, rule in enumerate(data["rules"]):
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            if not isinstance(rule_id, str):
                continue
            line = schema._line_of(path, ["rules", index])
            if rule_id in seen_ids:
                found.append(f"{path}:{line}：规则 {rule_id}：id 重复（已在 {seen_ids[rule_id]} 中定义）")
            else:
                seen_ids[rule_id] = f"{path}:{line}"
    return found


def _describe(error: Any, data: Any, path: Path) -> str:
    """The loader's message, but an unknown key is pointed at on its own line."""
    from checker.pack import schema

    message: str = schema.describe(error, data, path)
    if error.validator == "additionalProperties":
        names = error.message.split("'")[1::2]
        line = schema._line_of(path, [*error.absolute_path, *names[:1]])
        old = schema._line_of(path, list(error.absolute_path))
        if line and old and message.startswith(f"{path}:{old}："):
            message = f"{path}:{line}：" + message[len(f"{path}:{old}："):]
    return message


def _owner_and_key(data: Any, location: list[Any]) -> tuple[str, str]:
    owner = ""
    if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):
        rule = data["rules"][location[1]]
        owner = f"规则 {rule.get('id', '#' + str(location[1] + 1))}：" if isinstance(rule, dict) else ""
        location = location[2:]
    key = ""
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return owner, key


def _patterns(node: Any, location: list[Any]) -> Iterator[tuple[list[Any], str]]:
    """(location, pattern) for every string under a key that holds regular expressions."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = [*location, key]
            if key in PATTERN_KEYS and isinstance(value, str):
                yield here, value
            elif key in PATTERN_KEYS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield [*here, i], item
                    else:
                        yield from _patterns(item, [*here, i])
            else:
                yield from _patterns(value, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _patterns(item, [*location, i])
