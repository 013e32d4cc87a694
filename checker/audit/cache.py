"""The audit's result cache: an unchanged file is not checked twice.

The key is a SHA-256 of the file's bytes, its suffix (the reader depends on it),
the pack's digest (every pack, template and schema file), the tool's version,
a digest of the tool's own code (so that a checkout whose code changes without
a new version number does not serve stale results), :data:`FORMAT` (bumped
when the stored record changes shape) and the options that change a result
(template, year, gate).

An entry, ``<cache dir>/audit/ab/<key>``, is three JSON lines: the summary the
main process keeps in memory (parsed on every hit), the report as the JSON
contract has it, and the audit's features. On a hit only the summary crosses
to the main process; the other two lines are read from the entry when an
export or a comparison needs them, so a warm run moves little data. Entries
are written atomically; an entry whose summary does not parse is a miss. Only
results that depend on the file's content alone are stored: not a crash, a
timeout or an internal error. Year-over-year comparisons are cached the same
way under ``audit/yoy/``, keyed by both reports' keys.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.pack.loader import cache_dir

FORMAT = "2"
LINES = 3


def folder() -> Path:
    return cache_dir() / "audit"


def key(content: bytes, suffix: str, settings: str, pack_digest: str) -> str:
    prefix = f"audit-{FORMAT}\0{__version__}\0{code_digest()}\0{pack_digest}\0{suffix}\0{settings}\0"
    sha = hashlib.sha256(prefix.encode())
    sha.update(content)
    return sha.hexdigest()


def pair_key(earlier: str, later: str) -> str:
    return hashlib.sha256(f"yoy-{FORMAT}\0{earlier}\0{later}".encode()).hexdigest()


@cache
def code_digest() -> str:
    """A hash of every module of the installed ``checker`` package (a few milliseconds, once)."""
    package = Path(__file__).resolve().parent.parent
    sha = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        sha.update(str(module.relative_to(package)).encode())
        sha.update(module.read_bytes())
    return sha.hexdigest()


def path(entry: str, kind: str = "") -> Path:
    return Path(location(entry, kind))


def location(entry: str, kind: str = "") -> str:
    """The entry's file name (os.path, not pathlib: this runs once per report)."""
    base = _folder_name(os.environ.get("CHECKER_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"))
    return os.path.join(base, kind, entry[:2], entry) if kind else os.path.join(base, entry[:2], entry)


@cache
def _folder_name(*environment: str | None) -> str:
    """``folder()`` as a string, computed once per value of the variables it depends on."""
    return str(folder())


def load_summary(entry: str) -> dict[str, Any] | None:
    """The entry's summary, parsed, or ``None`` when the entry is absent or damaged.

    Only the first line is read (the other two are read when needed); entries are
    written atomically, so a summary that parses belongs to a whole entry.
    """
    try:
        with open(location(entry), encoding="utf-8") as handle:
            summary: dict[str, Any] = json.loads(handle.readline())
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return summary if isinstance(summary, dict) and "row" in summary and "fp" in summary else None


def read_line(entry_path: str, index: int) -> str:
    """Line ``index`` (1: report, 2: features) of an entry found by :func:`load_summary`."""
    lines = _lines(Path(entry_path))
    if lines is None:
        raise OSError(f"缓存条目 {entry_path} 在运行中被删除或损坏")
    return lines[index]


def _lines(file: Path) -> list[str] | None:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    if len(lines) != LINES or not all(line.startswith("{") and line.endswith("}") for line in lines):
        return None
    return lines


def store(entry: str, lines: list[str], kind: str = "") -> bool:
    """Write an entry atomically; ``False`` when it could not be written (read-only cache)."""
    target = path(entry, kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def load_small(entry: str, kind: str) -> str | None:
    """A one-line entry of another kind (a year-over-year comparison)."""
    try:
        with open(location(entry, kind), encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
