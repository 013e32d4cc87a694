"""Reading the user's YAML files (configuration, waivers) and validating them by JSON Schema.

Errors name the file, the line and the key, like the pack loader's. YAML turns
``2025-06-30`` into a date; such values are turned back into ISO strings before
validation, so that the schema sees what the user wrote.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from checker.errors import UsageError

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def read_yaml(path: Path, what: str) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}：{what}不存在") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}：不是 UTF-8 编码的文件") from None
    except OSError as exc:
        raise UsageError(f"{path}：无法读取{what}（{exc.strerror or exc}）") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise UsageError(f"{where}：YAML 语法错误（{getattr(exc, 'problem', None) or exc}）") from None
    return plain(data) if data is not None else {}


def plain(value: Any) -> Any:
    """Dates back to ISO strings, recursively (the schemas expect what the user wrote)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def problems(data: Any, name: str, path: Path, lines: bool = True) -> list[str]:
    """Every schema error of ``data`` as a message naming file, line and key."""
    from checker.schema_check import describe

    found = sorted(_validator(name).iter_errors(data),
                   key=lambda e: (-len(list(e.absolute_path)), str(e.message)))
    if not lines:
        return [_without_line(describe(e, data, path), path) for e in found]
    return [describe(e, data, path) for e in found]


def validate(data: Any, name: str, path: Path, lines: bool = True) -> None:
    found = problems(data, name, path, lines)
    if found:
        raise UsageError("；".join(found[:3]) + ("" if len(found) <= 3 else f"（另有 {len(found) - 3} 处）"))


def _without_line(message: str, path: Path) -> str:
    """A TOML file is not YAML: the line finder cannot read it, so drop a wrong line number."""
    prefix = str(path)
    if message.startswith(prefix + ":"):
        rest = message[len(prefix) + 1:]
        digits = len(rest) - len(rest.lstrip("0123456789"))
        return prefix + rest[digits:]
    return message


def line_of(path: Path, location: list[Any]) -> int | None:
    from checker.schema_check import _line_of

    return _line_of(path, location)
