"""Readers turn a report file into a :class:`~checker.text.document.Document`.

One module per format, imported only when a file of that format is met, so that
checking a text file never loads lxml, python-docx or PDFium.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from checker.errors import ReadError
from checker.readers import limits
from checker.text.document import Document

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
    ".doc": "checker.readers.doc",
    ".wps": "checker.readers.wps",
    ".ofd": "checker.readers.ofd",
    ".png": "checker.readers.image",
    ".jpg": "checker.readers.image",
    ".jpeg": "checker.readers.image",
    ".tif": "checker.readers.image",
    ".tiff": "checker.readers.image",
}
# Pictures are read (by OCR) when named; a folder of reports often also holds photos and
# screenshots that are not reports, so folder expansion can leave these out.
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Content that is certainly not what a text-like extension promises: (magic, what it is).
MAGIC = (
    (b"%PDF-", "PDF 文档"),
    (b"PK\x03\x04", "Word/Office 文档或 zip 压缩包"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls）"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"\x7fELF", "程序文件"),
)
# Formats users send that the tool does not read, and what to do instead.
UNSUPPORTED_HINTS = {
    ".rtf": "RTF 文件，请在 Word 或 WPS 中另存为 .docx",
    ".odt": "OpenDocument 文件，请另存为 .docx",
    ".xls": "表格文件，不是报告正文",
    ".xlsx": "表格文件，不是报告正文",
}
TEXT_LIKE = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml"}


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
    if suffix in UNSUPPORTED_HINTS:
        raise ReadError(path, f"不支持的文件类型“{suffix}”：{UNSUPPORTED_HINTS[suffix]}")
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
        raise ReadError(path, f"文件过大{limits.too_big(size, limit)}")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    return read_bytes(data, path, suffix)


def read_bytes(data: bytes, path: str, suffix: str) -> Document:
    """Parse ``data`` as a file of type ``suffix``; ``path`` is used in messages only."""
    if not data.strip():
        raise ReadError(path, "文件为空")
    if suffix in TEXT_LIKE:
        for magic, kind in MAGIC:
            if data.startswith(magic):
                raise ReadError(path, f"文件内容是{kind}，不是扩展名 {suffix} 所示的文本，请检查文件类型或改正扩展名")
    module = importlib.import_module(READERS[suffix])
    document: Document = module.read(data, path)
    if not document.text.strip():
        raise ReadError(path, "文件中没有可检查的文字")
    chars = limits.current().text_chars
    if len(document.text) > chars:
        raise ReadError(path, f"文件文字过多（{len(document.text)} 字，上限 {chars} 字），不像一份年度报告")
    return document
