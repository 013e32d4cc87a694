"""The ranked table as CSV, in UTF-8 with a BOM so that Chinese Excel opens it correctly.

Dates are written as 2025-03-01 and shares as 92%: Excel reads both as values
(a date, a number), not as text.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from checker.audit.batch import Audit
from checker.audit.exports import atomic_file
from checker.audit.labels import PERCENT_COLUMNS, cell_text, headers, percent, row_values


def write(audit: Audit, path: Path) -> None:
    heads = headers(audit)
    with atomic_file(path, encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(heads)
        for row in audit.rows:
            out.writerow([_cell(head, value) for head, value in zip(heads, row_values(audit, row), strict=True)])


def _cell(head: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if head in PERCENT_COLUMNS:
        return percent(value)
    return cell_text(value)
