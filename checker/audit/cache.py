"""The audit's result cache: an unchanged file is not checked twice.

The key is a SHA-256 of the file's bytes, its suffix (the reader depends on it),
the pack's digest (every pack, template and schema file), the tool's version,
:data:`FORMAT` (bumped when the stored record changes shape) and the options
that change a result (template, year, gate). An entry is two lines, the
summary the main process needs (small, parsed on every hit) and the full record
(copied to the batch's store unparsed), under ``<cache dir>/audit/ab/<key>``.
Entries are written atomically; a damaged entry is a miss. Only results that
depend on the file's content alone are stored: not a crash, a timeout or an
internal error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from checker import __version__
from checker.pack import cache_dir

FORMAT = "1"


def folder() -> Path:
    return cache_dir() / "audit"


def key(content: bytes, suffix: str, settings: str, pack_digest: str) -> str:
    sha = hashlib.sha256(f"audit-{FORMAT}\0{__version__}\0{pack_digest}\0{suffix}\0{settings}\0".encode())
    sha.update(content)
    return sha.hexdigest()


def _path(entry: str) -> Path:
    return folder() / entry[:2] / entry


def load(entry: str) -> tuple[str, str] | None:
    """(summary line, record line) or ``None`` when absent or damaged."""
    try:
        text = _path(entry).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    summary, _, record = text.partition("\n")
    if not summary.startswith("{") or not record.endswith("}"):
        return None
    return summary, record


def store(entry: str, summary: str, record: str) -> None:
    """Best effort: a read-only cache folder or a race between workers is harmless."""
    target = _path(entry)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(summary)
                handle.write("\n")
                handle.write(record)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
