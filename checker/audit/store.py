"""The batch's full records on disk, so that memory stays flat as the batch grows.

Each record (a report as the JSON contract has it, plus the audit's features)
is appended to a temporary JSON-lines file as it arrives; the main process
keeps only its offset and a summary row. Exports and the comparisons read the
records back one at a time. The file is deleted when the store is closed.
"""

from __future__ import annotations

import json
import tempfile
from typing import Any


class RecordStore:
    def __init__(self) -> None:
        # Closed by close(); the audit holds the store for as long as it is read.
        self._file = tempfile.TemporaryFile(prefix="checker-audit-", suffix=".jsonl")  # noqa: SIM115
        self._end = 0
        self._dirty = False

    def append(self, record_json: str) -> int:
        """Store one record (a JSON object without newlines); return its offset."""
        data = record_json.encode("utf-8") + b"\n"
        if self._dirty:
            self._file.seek(self._end)
            self._dirty = False
        offset = self._end
        self._file.write(data)
        self._end += len(data)
        return offset

    def read(self, offset: int, path: str | None = None) -> dict[str, Any]:
        """The record at ``offset``; ``path`` replaces the report's path (a cached record
        carries the path it was first checked under)."""
        self._file.flush()
        self._file.seek(offset)
        self._dirty = True
        record: dict[str, Any] = json.loads(self._file.readline())
        if path is not None:
            record["report"]["path"] = path
        return record

    def close(self) -> None:
        self._file.close()
