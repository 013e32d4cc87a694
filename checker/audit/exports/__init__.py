"""The audit's exports, one module per format, each ``write(audit, path)``.

Every export streams to a temporary file beside the target and renames it into
place (:func:`atomic_text`), so that a reader never sees half a file and memory
stays flat for a batch of thousands (``checker.commands.runner.write_atomic`` does the
same for a text held in memory).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from checker.audit.batch import Audit
from checker.errors import CheckerError

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


def _temporary(path: Path) -> tuple[int, str]:
    """A temporary file beside ``path``, with the permissions a new file would get (mkstemp: 0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    return fd, tmp


@contextmanager
def atomic_file(path: Path, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO[str]]:
    """A file handle whose content replaces ``path`` only when the block succeeds."""
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """For libraries that write a file by name (xlsxwriter): a temporary name, then a rename."""
    fd, tmp = _temporary(path)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
