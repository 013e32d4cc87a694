"""The audit's result cache: an unchanged file is not checked twice, and a damaged entry is never trusted.

The key is a SHA-256 of the file's bytes, its suffix (the reader depends on it),
the settings that change a result (the pack's digest, with any rule changes of
a configuration; template, year, gate; the waiver and baseline files' content,
with the report's path and the day when either is used), the tool's version, a
digest of the tool's own code (so that a checkout whose code changes without a
new version number does not serve stale results) and :data:`FORMAT` (bumped
when the stored record changes shape).

An entry, ``<cache dir>/audit/ab/<key>``, is a **header** line
``<check> <stamp>`` followed by a zlib stream, the *summary* (what the main
process keeps of a report), the report's MinHash signatures as they are (random-looking
bytes that compression would only make longer; the summary's ``fp`` holds their lengths
and they are put back into it as base64 on reading), and a second zlib stream, the
*body*: the report (the JSON contract's, without the path it was first checked under:
an entry serves every file with its bytes, and the reader puts its own path back) and
the audit's features as two JSON lines (without each sentence's normalised form where
it can be computed again, see :func:`checker.audit.features.stored`). Both streams are
compressed with a preset dictionary made of the pack's own wording (rule ids, names,
messages and suggestions, which every report's findings repeat) and the JSON
contract's keys: ``audit/dict-<id>``, written once, its name a hash of its bytes.
Compressed so, an entry is about the size of the report it describes (uncompressed it
was three to five times larger). The stamp names the first 64 bits of the entry's own
key, the version that wrote it, the lengths of the compressed summary and of the
signatures, and a checksum of the body; ``check`` is a checksum of the stamp, the
compressed summary and the signatures. On a
hit only the header and the summary are read and verified (the summary is what
the main process keeps); the body is verified when an export or a comparison
reads it. An entry that fails any check — truncated, altered, holding another
entry's bytes, or naming a dictionary that is missing or fails its hash — is
:class:`Damaged`: it is deleted and the report is checked again (the caller
says so in a note), never served. Entries are written
atomically. Only results that depend on the file's content alone are stored:
not a crash, a timeout or an internal error. Year-over-year comparisons and an
unchanged batch's comparisons are one-line text entries ``<check> <stamp> <body>``
under ``audit/yoy/`` and ``audit/batch/``.
"""

from __future__ import annotations

import base64
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

FORMAT = "6"  # 5: compressed with the pack's dictionary; 6: a shorter stamp, signatures in base64, norms dropped
LINES = 3  # a report entry's lines: summary, report, features
HEADER_MAX = 4096  # a header line is ~150 bytes; anything longer is not one
KEY_SHOWN = 16  # hex digits of its key a report entry's stamp holds: 64 bits tell a misplaced entry
KINDS = ("", "yoy", "batch")  # "" is the reports' own folder
DICTIONARY_MAX = 32 * 1024  # zlib uses the last 32 KB of a preset dictionary
# The JSON contract's keys and common values, last in the dictionary (zlib finds near strings cheapest).
SKELETON = ('{"row":{"issuer":"","title":"","year":2024,"template":"gov-annual","date":"","format":"txt",'
            '"score":100.0,"raw":100.0,"grade":"","passed":true,"error":null,"statuses":"","counts":{"error":0,'
            '"warning":0,"info":0},"rules":{},"size":0},"fp":{"0":"","n0":0,"1":"","n1":0,"2":"","n2":0},'
            '"waived":[]}\n{"path":"","template":"dept-annual","template_reason":"","year":2023,'
            '"year_source":"title","year_note":null,"issuer":"","title":"","date":"","format":"docx",'
            '"score":0.0,"grade":"","grade_reasons":[],"passed":false,"fail_reasons":[],"score_breakdown":'
            '{"element_points":0.0,"finding_points":0.0,"deductions":[]},"elements":[{"id":"content.",'
            '"name":"","status":"present","evidence":[{"line":1,"column":1,"text":"","context":""}],'
            '"note":""},{"status":"missing","evidence":[]},{"status":"weak"}],"findings":[{"rule":"",'
            '"severity":"warning","message":"","line":null,"column":null,"excerpt":null,"suggestion":"",'
            '"fingerprint":""},{"severity":"error"},{"severity":"info"}],"metrics":[],"warnings":[],'
            '"error":null}\n{"sentences":[[0,"",""],[1,"",""],[2,"",""],[4,"",""]],"plan_items":'
            '[{"text":"","line":1}],"measure_units":[{"text":"","line":1}]}')


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
    base = _folder_name(*_environment())
    return os.path.join(base, kind, entry[:2], entry) if kind else os.path.join(base, entry[:2], entry)


def _environment() -> tuple[str | None, str | None]:
    return os.environ.get("CHECKER_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME")


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
    summary = _parse(head[1], head[0]) if head is not None else None
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
            dictionary = _stamp_dictionary(head[0]) if head is not None else None
            if head is not None and dictionary is not None and head[0].get("r") == _checksum_bytes(
                    body := handle.read()):
                lines = _decompress(body, dictionary).decode("utf-8").split("\n")
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
        size = int(stamp["s"]) if isinstance(stamp, dict) else -1
    except (ValueError, KeyError, TypeError):
        return None
    if size < 0 or stamp.get("k") != entry[:KEY_SHOWN] or stamp.get("m") != made():
        return None
    try:
        size += int(stamp.get("g", 0))  # the signatures, stored after the summary as they are
    except (ValueError, TypeError):
        return None
    summary = handle.read(size)
    if len(summary) != size or _checksum_bytes(stamp_text.encode("ascii") + b" " + summary) != check:
        return None
    return stamp, summary


def _parse(blob: bytes, stamp: dict[str, Any]) -> Any:
    """The summary: its compressed JSON, then the signatures its ``fp`` gives the lengths of."""
    dictionary = _stamp_dictionary(stamp)
    if dictionary is None:
        return None
    size = int(stamp["s"])
    try:
        summary = json.loads(_decompress(blob[:size], dictionary))
    except (ValueError, zlib.error):
        return None
    signatures = summary.get("fp") if isinstance(summary, dict) else None
    if isinstance(signatures, dict):
        at = size
        for tag, length in signatures.items():
            if not tag.startswith("n") and isinstance(length, int):
                signatures[tag] = base64.b64encode(blob[at:at + length]).decode("ascii")
                at += length
        if at != len(blob):
            return None
    return summary


def _stamp_dictionary(stamp: dict[str, Any]) -> bytes | None:
    """The dictionary an entry's stamp names (``b""``: none), or ``None`` when it cannot be had."""
    name = stamp.get("d", "")
    if not isinstance(name, str):
        return None
    return _dictionary(name) if name else b""


def _checksum_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def pack_dictionary(texts: list[str]) -> bytes:
    """The preset dictionary for entries of reports checked with a pack: ``texts`` (its wording, the
    most frequent last) and the JSON skeleton, at most :data:`DICTIONARY_MAX` bytes."""
    data = "\n".join([*dict.fromkeys(texts), SKELETON]).encode("utf-8")
    return data[-DICTIONARY_MAX:]


def dictionary_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


_dictionaries: dict[str, bytes] = {}  # id -> bytes, verified: read or written by this process
_written: set[tuple[str, str]] = set()  # (cache folder, id): the dictionary's file is there


def _dictionary(name: str) -> bytes | None:
    """The dictionary ``name`` (from memory, else its file), when its bytes hash to its name."""
    found = _dictionaries.get(name)
    if found is None:
        found = _read_dictionary(os.path.join(_folder_name(*_environment()), f"dict-{name}"), name)
        if found is not None:
            _dictionaries[name] = found
    return found


def _read_dictionary(file: str, name: str) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            found = handle.read(DICTIONARY_MAX + 1)
    except OSError:
        return None
    return found if dictionary_id(found) == name else None


def _keep_dictionary(data: bytes) -> str | None:
    """Write the dictionary's file unless it is there (atomic); its id, ``None`` when it cannot be written."""
    name = dictionary_id(data)
    base = _folder_name(*_environment())
    if (base, name) not in _written:
        target = os.path.join(base, f"dict-{name}")
        if _read_dictionary(target, name) is None and not _write(Path(target), data):
            return None
        _written.add((base, name))
    _dictionaries[name] = data
    return name


def _compress(data: bytes, dictionary: bytes) -> bytes:
    packer = zlib.compressobj(6, zdict=dictionary) if dictionary else zlib.compressobj(6)
    return packer.compress(data) + packer.flush()


def _decompress(data: bytes, dictionary: bytes) -> bytes:
    unpacker = zlib.decompressobj(zdict=dictionary) if dictionary else zlib.decompressobj()
    out = unpacker.decompress(data)
    if not unpacker.eof or unpacker.unused_data:
        raise zlib.error("incomplete or trailing data")
    return out


def encode_entry(entry: str, lines: list[str], dictionary: bytes = b"") -> bytes:
    """A report entry's bytes: the header line, the compressed summary, the compressed body."""
    name = _keep_dictionary(dictionary) if dictionary else ""
    if name is None:  # a read-only folder: no dictionary file, so none in the entry
        name, dictionary = "", b""
    parsed = json.loads(lines[0])
    signatures = b""
    for tag, text in parsed.get("fp", {}).items():  # base64 of random-looking bytes: kept as bytes
        if not tag.startswith("n") and isinstance(text, str):
            raw = base64.b64decode(text)
            parsed["fp"][tag] = len(raw)
            signatures += raw
    summary = _compress(json.dumps(parsed, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), dictionary)
    body = _compress("\n".join(lines[1:]).encode("utf-8"), dictionary)
    stamp = json.dumps({"k": entry[:KEY_SHOWN], "m": made(), "s": len(summary), "g": len(signatures),
                        "r": _checksum_bytes(body), "d": name}, separators=(",", ":"))
    check = _checksum_bytes(stamp.encode("ascii") + b" " + summary + signatures)
    return f"{check} {stamp}\n".encode("ascii") + summary + signatures + body


def store(entry: str, lines: list[str], kind: str = "", dictionary: bytes = b"") -> bool:
    """Write an entry atomically (``lines``: summary, report, features, compressed with ``dictionary``;
    or one line for another kind); ``False`` when it could not be written (a read-only cache)."""
    data = encode_entry(entry, lines, dictionary) if not kind else _header(entry, lines[0], []).encode("utf-8")
    return _write(path(entry, kind), data)


def _write(target: Path, data: bytes) -> bool:
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
    for dictionary in sorted(audit.glob("dict-*")):  # the packs' compression dictionaries
        info = _stat(dictionary)
        if info is not None:
            intact = _read_dictionary(str(dictionary), dictionary.name[len("dict-"):]) is not None
            yield EntryInfo(dictionary, "pack", info.st_size, info.st_mtime, "current" if intact else "damaged")
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
            # A one-line entry (a batch's comparisons) may be far longer than a report entry's header.
            line = handle.readline(HEADER_MAX) if not kind else handle.read()
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
    # A report entry's stamp names its key in short (k) and its writer (m); format 5 and the other
    # kinds' stamps in full (key, made).
    if not isinstance(stamp, dict) or file.name not in (stamp.get("key"), stamp.get("k", "") + file.name[KEY_SHOWN:]):
        return "damaged"
    if stamp.get("made", stamp.get("m")) != current:
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
