"""Where each report's full result waits while the batch runs, so memory stays flat.

A result lives either in its cache entry (a cache hit, or a result the worker
just stored there) or, when it has none (``--no-cache``, a crash, an
unreadable file), in a temporary JSON-lines file the store appends to. The
main process keeps only the location; exports and comparisons read a result
back one at a time. The temporary file is deleted when the store is closed.
"""

from __future__ import annotations

import json
import tempfile
from typing import Any

from checker.audit import cache, features

Location = int | str  # an offset in the temporary file, or a cache entry's key


class RecordStore:
    def __init__(self) -> None:
        # Closed by close(); the audit holds the store for as long as it is read.
        self._file = tempfile.TemporaryFile(prefix="checker-audit-", suffix=".jsonl")  # noqa: SIM115
        self._end = 0
        self._dirty = False

    def append(self, report: str, features: str) -> int:
        """Store one result (two JSON lines); return its offset."""
        data = report.encode("utf-8") + b"\n" + features.encode("utf-8") + b"\n"
        if self._dirty:
            self._file.seek(self._end)
            self._dirty = False
        offset = self._end
        self._file.write(data)
        self._end += len(data)
        return offset

    def append_text(self, line: str) -> int:
        """Store one more JSON line (a year-over-year comparison); return its offset."""
        return self.append(line, "{}")

    def report(self, location: Location, path: str | None = None) -> dict[str, Any]:
        """The report (JSON contract); ``path`` replaces the one it was first checked under."""
        report: dict[str, Any] = json.loads(self._line(location, 0))
        if path is not None:
            report["path"] = path
        return report

    def text(self, offset: int) -> str:
        """The line stored by :meth:`append_text`."""
        return self._line(offset, 0)

    def features(self, location: Location, boilerplate: features.Boilerplate | None = None) -> dict[str, Any]:
        """The features (``boilerplate``: the pack's the report was checked with)."""
        found: dict[str, Any] = json.loads(self._line(location, 1))
        return features.restored(found, boilerplate)

    def _line(self, location: Location, index: int) -> str:
        if isinstance(location, str):
            return cache.read_line(location, index + 1)
        self._file.flush()
        self._file.seek(location)
        self._dirty = True
        line = self._file.readline()
        if index:
            line = self._file.readline()
        return line.decode("utf-8")

    def close(self) -> None:
        self._file.close()
