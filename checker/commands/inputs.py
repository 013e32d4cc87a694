"""Turning ``checker check`` and ``checker audit`` arguments into the list of report files.

An argument is a file (always checked, whatever its type: an unsupported or
missing file becomes one row with its error), a folder (searched recursively for
files of a supported type, pictures left out: photos beside reports are not
reports), a glob (``报告/**/*.docx``; only supported types, pictures included) or
a list file ``@list.txt`` (one argument per line, relative to the current
folder; blank lines and lines starting with ``#`` are skipped). Hidden files and
folders and Word's lock files (``~$报告.docx``) are skipped when searching.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from checker.errors import UsageError
from checker.readers import PICTURE_SUFFIXES, READERS

GLOB_CHARS = set("*?[")


def expand(arguments: list[str]) -> tuple[list[str], list[str]]:
    """Return (paths in first-seen order without duplicates, notes for the user)."""
    paths: list[str] = []
    notes: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for argument in arguments:
        for item in _list_file(argument) if argument.startswith("@") else [argument]:
            found = _expand_one(item)
            if found is None:
                add(item)  # a named file: checked (or reported) whatever it is
            elif not found:
                notes.append(f"“{item}”中没有找到可检查的报告文件（支持 {'、'.join(sorted(READERS))}）")
            for path in found or []:
                add(path)
    return paths, notes


def _list_file(argument: str) -> list[str]:
    name = argument[1:]
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "文件不存在" if isinstance(exc, FileNotFoundError) else "无法读取（应为 UTF-8 文本，每行一个路径）"
        raise UsageError(f"文件列表 {name}: {reason}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _expand_one(item: str) -> list[str] | None:
    """Files found for a folder or glob; ``None`` for a plain file name."""
    if os.path.isdir(item):
        return _walk(item)
    if GLOB_CHARS & set(item) and not os.path.exists(item):
        found: list[str] = []
        for match in sorted(glob.glob(item, recursive=True)):
            if os.path.isdir(match):
                found.extend(_walk(match))
            elif _supported(match):
                found.append(match)
        return found
    return None


def _walk(folder: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, name) for name in sorted(files)
                     if _supported(name) and os.path.splitext(name)[1].lower() not in PICTURE_SUFFIXES)
    return found


def _supported(name: str) -> bool:
    base = os.path.basename(name)
    if base.startswith((".", "~$")):
        return False
    return os.path.splitext(base)[1].lower() in READERS
