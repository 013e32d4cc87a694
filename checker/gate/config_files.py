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
from checker.pack import yamlfile
from checker.schemas import SCHEMA_DIR


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
        data = yamlfile.load(text)
    except yamlfile.YamlTooComplex as exc:
        raise UsageError(f"{path}：{exc}") from None
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
    """Every schema error of ``data`` as ``file:line：键 a.b：说明``."""
    found = sorted(_validator(name).iter_errors(data),
                   key=lambda e: (-len(list(e.absolute_path)), str(e.message)))
    return [_describe(e, path, lines) for e in found]


def validate(data: Any, name: str, path: Path, lines: bool = True) -> None:
    found = problems(data, name, path, lines)
    if found:
        more = f"（另有 {len(found) - 3} 处）" if len(found) > 3 else ""
        raise UsageError("；".join(found[:3]) + more)


def _describe(error: Any, path: Path, lines: bool) -> str:
    from checker.pack.schema import _message

    location = list(error.absolute_path)
    key = ""
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    # An unknown key is best pointed at on its own line.
    unknown = error.message.split("'")[1::2] if error.validator == "additionalProperties" else []
    line = line_of(path, location + unknown[:1]) if lines else None
    where = f"{path}:{line}" if line else str(path)
    return "：".join([where, *([f"键 {key}"] if key else []), _message(error)])


def line_of(path: Path, location: list[Any]) -> int | None:
    from checker.pack.schema import _line_of

    return _line_of(path, location)
