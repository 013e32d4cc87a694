"""The audit's result cache: an unchanged file is not checked twice, and a damaged entry is never trusted.

The key is a SHA-256 of the file's bytes, its suffix (the reader depends on it),
the settings that change a result (the pack's digest, with any rule changes of
a configuration; template, year, gate; the waiver and baseline files' content,
with the report's path and the day when either is used), the tool's version, a
digest of the tool's own code (so that a checkout whose code changes without a
new version number does not serve stale results) and :data:`FORMAT` (bumped
when the stored record changes shape).

An entry, ``<cache dir>/audit/ab/<key>``, is a **header** line
``<check> <stamp>`` followed by two zlib streams: the *summary* (what the main
process keeps of a report) and the *body*, the report (the JSON contract's) and
the audit's features as two JSON lines. Compressed, an entry is about the size
of the report it describes (uncompressed it was three to five times larger, the
features holding each sentence twice). The stamp names the entry's own key, the
version that wrote it, the length of the compressed summary and a checksum of
the body; ``check`` is a checksum of the stamp and the compressed summary. On a
hit only the header and the summary are read and verified (the summary is what
the main process keeps); the body is verified when an export or a comparison
reads it. An entry that fails any check — truncated, altered, or holding another
entry's bytes — is :class:`Damaged`: it is deleted and the report is checked
again (the caller says so in a note), never served. Entries are written
atomically. Only results that depend on the file's content alone are stored:
not a crash, a timeout or an internal error. Year-over-year comparisons and an
unchanged batch's comparisons are one-line text entries ``<check> <stamp> <body>``
under ``audit/yoy/`` and ``audit/batch/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.pack.loader import cache_dir
from checker.text import regex_cache

FORMAT = "4"
LINES = 3  # a report entry's lines: summary, report, features
HEADER_MAX = 4096  # a header line is ~200 bytes; anything longer is not one
KINDS = ("", "yoy", "batch")  # "" is the reports' own folder


class Damaged(Exception):
    """A cache entry failed its checks; it has been deleted."""

    def __init__(self, entry: str) -> None:
        super().__init__(entry)
        self.entry = entry


def folder() -> Path:
    return cache_dir() / "audit"


def key(content: bytes, suffix: str, settings: str) -> str:
    prefix = f"audit-{FORMAT}\0{__version__}\0{code_digest()}\0{suffix}\0{settings}\0"
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


def made() -> str:
    """Who wrote an entry: the version, the code and the record format."""
    return f"{__version__}+{code_digest()[:12]}+{FORMAT}"


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


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _header(entry: str, body: str, rest: list[str]) -> str:
    stamp = json.dumps({"key": entry, "made": made(), "rest": _checksum("\n".join(rest))},
                       separators=(",", ":"))
    signed = f"{stamp} {body}"
    return f"{_checksum(signed)} {signed}"


def _verify(entry: str, line: str) -> tuple[dict[str, Any], str] | None:
    """The header line's stamp and body when its checksum and key are right, else ``None``."""
    check, _, signed = line.rstrip("\n").partition(" ")
    if _checksum(signed) != check:
        return None
    stamp_text, _, body = signed.partition(" ")
    try:
        stamp = json.loads(stamp_text)
    except ValueError:
        return None
    if not isinstance(stamp, dict) or stamp.get("key") != entry or stamp.get("made") != made():
        return None
    return stamp, body


def _drop(file: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(file)


def load_summary(entry: str) -> tuple[dict[str, Any] | None, bool]:
    """``(summary, damaged)``: the entry's summary, parsed, or ``None`` when it is absent or damaged.

    Only the header and the summary are read (the body is verified when read); a damaged
    entry is deleted, and ``damaged`` is true so that the caller can say so.
    """
    file = location(entry)
    try:
        with open(file, "rb") as handle:
            head = _read_head(handle, entry)
    except FileNotFoundError:
        return None, False
    except OSError:
        head = None
    summary = _parse(head[1]) if head is not None else None
    if not isinstance(summary, dict) or "row" not in summary or "fp" not in summary:
        _drop(file)
        return None, True
    return summary, False


def read_line(entry: str, index: int) -> str:
    """Line ``index`` (1: report, 2: features) of an entry; :class:`Damaged` when any check fails."""
    file = location(entry)
    lines: list[str] = []
    try:
        with open(file, "rb") as handle:
            head = _read_head(handle, entry)
            if head is not None and head[0].get("rest") == _checksum_bytes(body := handle.read()):
                lines = zlib.decompress(body).decode("utf-8").split("\n")
    except (OSError, ValueError, zlib.error):
        lines = []
    if len(lines) != LINES - 1:
        _drop(file)
        raise Damaged(entry)
    return lines[index - 1]


def _read_head(handle: Any, entry: str) -> tuple[dict[str, Any], bytes] | None:
    """The stamp and the compressed summary of a report entry, verified; ``None`` when damaged."""
    line = handle.readline(HEADER_MAX)
    try:
        check, _, stamp_text = line.rstrip(b"\n").decode("ascii").partition(" ")
        stamp = json.loads(stamp_text)
        size = int(stamp["size"]) if isinstance(stamp, dict) else -1
    except (ValueError, KeyError, TypeError):
        return None
    if size < 0 or stamp.get("key") != entry or stamp.get("made") != made():
        return None
    summary = handle.read(size)
    if len(summary) != size or _checksum_bytes(stamp_text.encode("ascii") + b" " + summary) != check:
        return None
    return stamp, summary


def _parse(compressed: bytes) -> Any:
    try:
        return json.loads(zlib.decompress(compressed))
    except (ValueError, zlib.error):
        return None


def _checksum_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def encode_entry(entry: str, lines: list[str]) -> bytes:
    """A report entry's bytes: the header line, the compressed summary, the compressed body."""
    summary = zlib.compress(lines[0].encode("utf-8"), 6)
    body = zlib.compress("\n".join(lines[1:]).encode("utf-8"), 6)
    stamp = json.dumps({"key": entry, "made": made(), "size": len(summary), "rest": _checksum_bytes(body)},
                       separators=(",", ":"))
    check = _checksum_bytes(stamp.encode("ascii") + b" " + summary)
    return f"{check} {stamp}\n".encode("ascii") + summary + body


def store(entry: str, lines: list[str], kind: str = "") -> bool:
    """Write an entry atomically (``lines``: summary, report, features; or one line for another kind);
    ``False`` when it could not be written (a read-only cache)."""
    data = encode_entry(entry, lines) if not kind else _header(entry, lines[0], []).encode("utf-8")
    target = path(entry, kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def load_small(entry: str, kind: str) -> tuple[str | None, bool]:
    """``(text, damaged)`` of a one-line entry of another kind (a year-over-year comparison)."""
    file = location(entry, kind)
    try:
        with open(file, encoding="utf-8") as handle:
            line = handle.read()
    except FileNotFoundError:
        return None, False
    except (OSError, UnicodeDecodeError):
        _drop(file)
        return None, True
    verified = _verify(entry, line) if "\n" not in line else None
    if verified is None or verified[0].get("rest") != _checksum(""):
        _drop(file)
        return None, True
    return verified[1], False


# ---------------------------------------------------------------- checker cache info / prune


@dataclass
class EntryInfo:
    path: Path
    kind: str  # "report", "yoy", "batch", "pack"
    size: int
    mtime: float
    state: str  # "current", "stale" (another version or format wrote it), "damaged"


def scan(read_headers: bool = True) -> Iterator[EntryInfo]:
    """Every file in the cache folder: audit entries (with their state) and cached packs."""
    base = cache_dir()
    current = made()
    for pack_file in sorted([*base.glob("pack-*.json"), *base.glob("valid-*")]):  # packs, validated hashes
        info = _stat(pack_file)
        if info is not None:
            yield EntryInfo(pack_file, "pack", info.st_size, info.st_mtime, _pack_state(pack_file))
    for store in sorted(base.glob("regex-*.pickle")):  # the packs' compiled patterns
        info = _stat(store)
        if info is not None:
            state = "current" if store.name == regex_cache.file_name() else "stale"
            yield EntryInfo(store, "pack", info.st_size, info.st_mtime, state)
    audit = base / "audit"
    for kind in KINDS:
        root = audit / kind if kind else audit
        if not root.is_dir():
            continue
        for shard in sorted(p for p in root.iterdir() if p.is_dir() and len(p.name) == 2):
            for file in sorted(shard.iterdir()):
                info = _stat(file)
                if info is None or not file.is_file():
                    continue
                state = _state(file, current, kind) if read_headers else "current"
                yield EntryInfo(file, kind or "report", info.st_size, info.st_mtime, state)


def _pack_state(file: Path) -> str:
    """A cached pack is current when its checksum line is right (older formats had none: stale)."""
    if not file.name.startswith("pack-"):
        return "current"  # a record that a pack's hash passed validation: a few bytes
    try:
        check, _, body = file.read_bytes().partition(b"\n")
    except OSError:
        return "damaged"
    if check.startswith(b"{"):
        return "stale"
    return "current" if check.decode("ascii", "replace") == hashlib.sha256(body).hexdigest() else "damaged"


def _stat(file: Path) -> os.stat_result | None:
    try:
        return file.stat()
    except OSError:
        return None


def _state(file: Path, current: str, kind: str) -> str:
    """current, stale (another version or format wrote it) or damaged; a report entry's body is not read."""
    if file.name.startswith("."):
        return "damaged"  # a temporary file left by an interrupted write
    try:
        with file.open("rb") as handle:
            line = handle.readline(HEADER_MAX)
            if not kind:
                intact = _read_head(_Replay(line, handle), file.name) is not None
    except OSError:
        return "damaged"
    if line.startswith(b"{"):
        return "stale"  # format 2 and before began with the summary's JSON
    try:
        check, _, signed = line.rstrip(b"\n").decode("utf-8").partition(" ")
        stamp = json.loads(signed.partition(" ")[0])
    except ValueError:
        return "damaged"
    if not isinstance(stamp, dict) or stamp.get("key") != file.name:
        return "damaged"
    if stamp.get("made") != current:
        return "stale"
    if kind:
        intact = _checksum(signed) == check
    return "current" if intact else "damaged"


class _Replay:
    """A file handle whose first line was already read."""

    def __init__(self, line: bytes, handle: Any) -> None:
        self.line, self.handle = line, handle

    def readline(self, limit: int) -> bytes:
        return self.line

    def read(self, size: int) -> bytes:
        data: bytes = self.handle.read(size)
        return data


def prune(older_than_days: float | None = None, everything: bool = False) -> tuple[int, int]:
    """Delete stale and damaged entries (and, with ``older_than_days``, entries written before
    then; ``everything``: the whole cache). Return (files, bytes) deleted."""
    cutoff = time.time() - older_than_days * 86400 if older_than_days is not None else None
    files = size = 0
    for entry in scan():
        old = cutoff is not None and entry.mtime < cutoff
        if everything or old or entry.state != "current":
            try:
                entry.path.unlink()
            except OSError:
                continue
            files += 1
            size += entry.size
    return files, size
