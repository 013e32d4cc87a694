"""Compiled regular expressions kept between processes.

The regex module parses a pattern in Python: the pack's few hundred patterns and
their alternations cost more to compile than checking a report. A compiled
pattern pickles as its compiled code, and unpickling hands that code straight to
the module's C compiler with no parsing (a pack's patterns load in about a
millisecond). So the patterns a process compiles are kept in one file in the
cache folder, named by the Python and regex versions, and read by the next
process.

The pack loader opens the file (:func:`use`) when the pack cache is in use
(``--no-cache`` neither reads nor writes it). The file begins with a SHA-256 of
the rest, and only ``regex._regex.compile`` may appear in it: a file that fails
either check (a damaged disk, a flipped bit that would silently change what a
pattern matches) is not used; its patterns are compiled anew and rewritten.
Writing is atomic and best effort (a read-only cache is harmless); it happens
when the process ends, and when a long-lived process that compiled something
new calls :func:`save` (the audit's workers, after each report).

The file also keeps what the analyses of pattern sources found (:func:`kept`: the
strings a pattern's matches need, :func:`checker.text.gates.needed_strings`), each
named by a digest of the code that found it: reading a pattern's source in Python
cost a cold check more than its patterns' compilation did.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any, cast

import regex

FORMAT = 3  # 2: a checksum line before the pickle; 3: the analyses' results (kept)
MAX_PATTERNS = 4096  # beyond this, a save keeps only the patterns this process used
ALLOWED = ("regex._regex", "compile")

_folder: Path | None = None
_ready: dict[tuple[str, int], regex.Pattern[str]] = {}
_used: set[tuple[str, int]] = set()
_unsaved = 0
_exit_hook = False
# Each analysis's results, by "kind/version" (see kept), and the version of each kind in use.
_kept: dict[str, dict[Any, Any]] = {}
_versions: dict[str, str] = {}


def file_name() -> str:
    python = f"{sys.version_info.major}{sys.version_info.minor}"
    return f"regex-{FORMAT}-py{python}-{regex.__version__}.pickle"


def use(folder: Path | None) -> None:
    """Read the compiled patterns kept in ``folder`` (None: keep nothing between processes)."""
    global _folder, _exit_hook
    if folder == _folder:
        return
    _folder = folder
    if folder is None:
        return
    patterns, analyses = _read_all(folder / file_name())
    _ready.update(patterns)
    for name, results in analyses.items():
        kind, _, version = name.partition("/")
        if _versions.get(kind, version) == version:
            _kept.setdefault(name, {}).update(results)
    if not _exit_hook:
        atexit.register(save)
        _exit_hook = True


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, taken from the kept patterns when it is there."""
    global _unsaved
    key = (pattern, int(flags))
    _used.add(key)
    found = _ready.get(key)
    if found is None:
        found = regex.compile(pattern, flags)
        if len(_ready) >= 2 * MAX_PATTERNS:  # a long-lived process fed ever new patterns: start over
            _ready.clear()
            _used.intersection_update({key})
        _ready[key] = found
        if _folder is not None:
            _unsaved += 1
    return found


class _Lazy:
    """A pattern of :func:`lazy`: compiled on its first use, each attribute then kept here."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like ask for these: not a pattern's use
            raise AttributeError(name)
        value = getattr(compiled(*self._source), name)
        setattr(self, name, value)  # the next access finds it as an attribute: no call through here
        return value

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r}, {self._source[1]})"


def lazy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A module's pattern, compiled by :func:`compiled` when a method or attribute of it is first
    used: then the store is open (the pack loader opens it before a report is read), where a
    pattern compiled at import was parsed anew in every process (markers.py, normalize.py, …:
    about 0.015 s of a cold check). It is used as the pattern itself (``X.search(text)``,
    ``X.pattern``), never as a key or with ``isinstance``."""
    return cast("regex.Pattern[str]", _Lazy(pattern, int(flags)))


def kept(kind: str, version: str) -> dict[Any, Any]:
    """The results of an analysis ``kind`` of pattern sources, as found by the code at
    ``version`` (a digest of its source), kept in the store: add new ones with :func:`keep`.
    Only plain values (strings, numbers, booleans, None, tuples of them) may be kept. The results
    of other versions of the same kind are dropped."""
    _versions[kind] = version
    for name in [n for n in _kept if n.partition("/")[0] == kind and n != f"{kind}/{version}"]:
        del _kept[name]
    return _kept.setdefault(f"{kind}/{version}", {})


def keep(results: dict[Any, Any], key: Any, value: Any) -> None:
    """``results[key] = value`` in a dict of :func:`kept`, saved with the patterns."""
    global _unsaved
    if len(results) >= 2 * MAX_PATTERNS:
        results.clear()
    results[key] = value
    if _folder is not None:
        _unsaved += 1


def save() -> None:
    """Write the kept patterns if this process compiled new ones (atomic; errors are ignored)."""
    global _unsaved
    if _folder is None or not _unsaved:
        return
    import tempfile  # here, not at the top: a process that compiled nothing new never writes

    _unsaved = 0
    keys = list(_ready) if len(_ready) <= MAX_PATTERNS else [k for k in _ready if k in _used]
    data = pickle.dumps({"format": FORMAT, "patterns": [(p, f, _ready[(p, f)]) for p, f in keys],
                         "kept": {name: list(results.items()) for name, results in _kept.items()}},
                        protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):
        _folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=_folder, prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data)
            os.replace(tmp, _folder / file_name())
        except OSError:
            Path(tmp).unlink(missing_ok=True)


class _OnlyPatterns(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) != ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


Analyses = dict[str, dict[Any, Any]]


def _plain(value: Any) -> bool:
    """A value :func:`kept` may hold: a string, number, boolean or None, or a tuple of them."""
    if isinstance(value, tuple):
        return all(map(_plain, value))
    return value is None or isinstance(value, (str, int, float))


def _read(path: Path) -> dict[tuple[str, int], regex.Pattern[str]]:
    """The patterns of a store file; nothing when it is missing, damaged or of another format."""
    return _read_all(path)[0]


def _read_all(path: Path) -> tuple[dict[tuple[str, int], regex.Pattern[str]], Analyses]:
    """The patterns and the analyses' results of a store file; nothing when it is missing, damaged
    or of another format."""
    try:
        check, _, body = path.read_bytes().partition(b"\n")
        if check != hashlib.sha256(body).hexdigest().encode("ascii"):
            return {}, {}
        data = _OnlyPatterns(io.BytesIO(body)).load()
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}, {}
        patterns = {(p, f): c for p, f, c in data["patterns"]
                    if isinstance(p, str) and isinstance(f, int) and isinstance(c, regex.Pattern)}
        analyses = {name: {key: value for key, value in results if _plain(key) and _plain(value)}
                    for name, results in data.get("kept", {}).items() if isinstance(name, str)}
        return patterns, analyses
    except Exception:  # any damage: compile anew, rewrite on the next save
        return {}, {}
