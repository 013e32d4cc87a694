"""The ranked table as CSV, in UTF-8 with a BOM so that Chinese Excel opens it correctly."""

from __future__ import annotations

import csv
from pathlib import Path

from checker.audit.batch import Audit
from checker.audit.exports import atomic_file
from checker.audit.labels import cell_text, headers, row_values


def write(audit: Audit, path: Path) -> None:
    with atomic_file(path, encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(headers(audit))
        for row in audit.rows:
            out.writerow([cell_text(v) for v in row_values(audit, row)])
