"""The audit's exports, one module per format, each ``write(audit, path)``.

Every export streams to a temporary file beside the target and renames it into
place (:func:`atomic_text`), so that a reader never sees half a file and memory
stays flat for a batch of thousands (``checker.commands.runner.write_atomic`` does the
same for a text held in memory).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from checker.audit.batch import Audit
from checker.errors import CheckerError
from checker.render.output import output_file, output_path

EXPORTS: dict[str, str] = {
    "csv": "checker.audit.exports.csv_export",
    "xlsx": "checker.audit.exports.xlsx_export",
    "html": "checker.audit.exports.html_export",
    "json": "checker.audit.exports.json_export",
}


def write(fmt: str, audit: Audit, path: Path) -> None:
    module = importlib.import_module(EXPORTS[fmt])
    try:
        module.write(audit, path)
    except OSError as exc:
        raise CheckerError(f"无法写入 {path}（{exc.strerror or exc}）") from None


def require_xlsx() -> None:
    """Fail before checking anything when --xlsx cannot be honoured (xlsxwriter is a dependency of the
    plain install: only a damaged installation lacks it)."""
    try:
        import xlsxwriter  # noqa: F401
    except ImportError:
        raise CheckerError("导出 Excel 需要 xlsxwriter，安装不完整，请重新安装 checker"
                           "（或 pip install xlsxwriter）") from None


@contextmanager
def atomic_file(path: Path, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO[str]]:
    """A file handle whose content replaces ``path`` only when the block succeeds (a device
    or FIFO is written into, never replaced: see :mod:`checker.render.output`)."""
    with output_file(path, mode, encoding, newline) as handle:
        yield handle


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """For libraries that write a file by name (xlsxwriter): a temporary name, then a rename."""
    with output_path(path) as name:
        yield name
