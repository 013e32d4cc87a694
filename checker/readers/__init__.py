"""Readers turn a report file into a :class:`~checker.document.Document`.

One module per format, imported only when a file of that format is met, so that
checking a text file never loads lxml, python-docx or PDFium.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from checker.document import Document
from checker.errors import ReadError

READERS: dict[str, str] = {
    ".txt": "checker.readers.text",
    ".text": "checker.readers.text",
    ".md": "checker.readers.markdown",
    ".markdown": "checker.readers.markdown",
    ".docx": "checker.readers.docx",
    ".pdf": "checker.readers.pdf",
    ".html": "checker.readers.html",
    ".htm": "checker.readers.html",
    ".shtml": "checker.readers.html",
}

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def max_bytes_from_env() -> int:
    value = os.environ.get("CHECKER_MAX_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def read_path(path: str, max_bytes: int | None = None) -> Document:
    """Read the report at ``path``; raise :class:`ReadError` naming the file and the reason."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in READERS:
        kinds = "、".join(supported_suffixes())
        raise ReadError(path, f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {kinds}）")
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise ReadError(path, "文件不存在") from None
    except OSError as exc:
        raise ReadError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    if file.is_dir():
        raise ReadError(path, "这是一个目录，不是报告文件")
    if size > limit:
        raise ReadError(path, f"文件过大（{size} 字节，上限 {limit} 字节）")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    return read_bytes(data, path, suffix)


def read_bytes(data: bytes, path: str, suffix: str) -> Document:
    """Parse ``data`` as a file of type ``suffix``; ``path`` is used in messages only."""
    if not data.strip():
        raise ReadError(path, "文件为空")
    module = importlib.import_module(READERS[suffix])
    document: Document = module.read(data, path)
    if not document.text.strip():
        raise ReadError(path, "文件中没有可检查的文字")
    return document
