"""JSON Schema validation of pack, rule and template files, with messages people can act on.

jsonschema is imported here only, and only when a pack is not in the cache.
Messages name the file, the line (found by re-reading the YAML node tree, which
is done only when there is an error), the rule and the key.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from checker.errors import PackError
from checker.schemas import SCHEMA_DIR

SCHEMA_FILES = {
    "pack": "pack.schema.json",
    "rules": "rules.schema.json",
    "template": "template.schema.json",
    "report": "report.schema.json",
}
QUOTE_MAX = 60  # characters of a value quoted in a message
TYPE_NAMES = {"string": "字符串", "integer": "整数", "number": "数字", "boolean": "布尔值",
              "array": "列表", "object": "映射", "null": "空值"}


@cache
def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / SCHEMA_FILES[name]).read_text(encoding="utf-8"))
    return data


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def errors(data: Any, name: str) -> list[Any]:
    """All schema errors, deepest first (the most specific message is the useful one)."""
    found = list(_validator(name).iter_errors(data))
    return sorted(found, key=lambda e: (-len(list(e.absolute_path)), str(e.message)))


def validate(data: Any, name: str, path: Path) -> None:
    found = errors(data, name)
    if found:
        raise PackError(describe(found[0], data, path))


def describe(error: Any, data: Any, path: Path) -> str:
    """file:line：规则 ID：键 a.b[0]：说明."""
    location = list(error.absolute_path)
    owner = _owner(data, location)
    key = _key_text(location)
    line = _line_of(path, location)
    where = f"{path}:{line}" if line else str(path)
    parts = [where]
    if owner:
        parts.append(f"规则 {owner}")
    if key:
        parts.append(f"键 {key}")
    parts.append(_message(error))
    return "：".join(parts)


def _owner(data: Any, location: list[Any]) -> str:
    if isinstance(data, dict) and "rules" in data and len(location) >= 2 and location[0] == "rules":
        rules = data.get("rules")
        if isinstance(rules, list) and isinstance(location[1], int) and location[1] < len(rules):
            rule = rules[location[1]]
            if isinstance(rule, dict):
                return str(rule.get("id", f"#{location[1] + 1}"))
    if isinstance(data, dict) and "template" in data:
        return f"（模板 {data['template']}）"
    return ""


def _key_text(location: list[Any]) -> str:
    if len(location) >= 2 and location[0] == "rules":
        location = location[2:]
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def first_line(text: str) -> str:
    """At most the first line of ``text`` and :data:`QUOTE_MAX` characters ("…" when cut).

    The file may not be what its author meant (a symlink, a pasted secret): a
    message points at the value, it does not reproduce the file.
    """
    lines = text.splitlines() or [""]
    cut = len(lines) > 1 or len(lines[0]) > QUOTE_MAX
    return lines[0][:QUOTE_MAX] + ("…" if cut else "")


def quote(value: Any) -> str:
    """A value for a message, as Python writes it, cut by :func:`first_line`."""
    return repr(first_line(value)) if isinstance(value, str) else first_line(repr(value))


def _message(error: Any) -> str:
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"缺少必填键“{missing}”"
    if validator in ("additionalProperties", "unevaluatedProperties"):
        names = [p for p in error.message.split("'")[1::2]]
        return f"未知的键“{'、'.join(names)}”" if names else "含有未知的键"
    if validator == "enum":
        allowed = "、".join(str(v) for v in error.validator_value)
        return f"取值 {quote(error.instance)} 不在允许范围内（{allowed}）"
    if validator == "const":
        return f"取值应为 {error.validator_value!r}"
    if validator == "type":
        expected = error.validator_value
        names = [TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        return f"应为{'或'.join(names)}，实际是 {quote(error.instance)}"
    if validator == "pattern":
        return f"取值 {quote(error.instance)} 不符合格式 {error.validator_value}"
    if validator in ("minItems", "minLength"):
        return "不能为空"
    if validator in ("minimum", "maximum"):
        return f"取值 {quote(error.instance)} 超出范围（{validator} {error.validator_value}）"
    if validator == "anyOf" and list(error.path)[-1:] == ["fix"]:
        return "应为 suggestion，或含 replace 的映射（replace: {错误写法: 正确写法}）"
    if validator in ("oneOf", "anyOf") and list(error.absolute_path)[-1:] == ["wrong"]:
        return "格式不对（应为字符串，或字符串的列表）"
    if validator in ("oneOf", "anyOf"):
        return "格式不对（应为字符串，或含 text 键的映射）"
    return first_line(str(error.message))


def _line_of(path: Path, location: list[Any]) -> int | None:
    """1-based line of the node at ``location`` in the YAML file (best effort)."""
    import yaml

    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in location:
        if node is None:
            break
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        node = child
    return line
