"""Readers turn a report file into a :class:`~checker.text.document.Document`.

One module per format, imported only when a file of that format is met, so that
checking a text file never loads lxml, python-docx or PDFium.
"""

from __future__ import annotations

import importlib
import os
import stat
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
# Opening never blocks (a FIFO swapped in after the look) nor takes a terminal as ours.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
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
    data = load_bytes(path, limit)
    return read_bytes(data, path, suffix)


def load_bytes(path: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refusing anything else.

    A FIFO would block forever and a device (``/dev/zero``, or a symlink to it)
    reports size 0 and never ends, so only regular files are opened for reading,
    without blocking, and the limit counts the bytes actually read, not the
    size the file system reports.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            _not_regular(path, mode)  # before opening: opening some devices has effects
        fd = os.open(path, OPEN_FLAGS)
    except FileNotFoundError:
        raise ReadError(path, "文件不存在") from None
    except IsADirectoryError:
        raise ReadError(path, "这是一个目录，不是报告文件") from None
    except OSError as exc:
        raise ReadError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced between the two looks
            _not_regular(path, info.st_mode)
        if info.st_size > limit:
            raise ReadError(path, f"文件过大{limits.too_big(info.st_size, limit)}")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ReadError(path, f"无法读取文件（{exc.strerror or exc}）") from None
    if len(data) > limit:  # the file grew while it was read
        raise ReadError(path, f"文件过大（超过上限 {limits.size_text(limit)}）")
    return data


def _not_regular(path: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ReadError(path, "这是一个目录，不是报告文件")
    kind = ("命名管道（FIFO）" if stat.S_ISFIFO(mode) else "设备文件" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "套接字" if stat.S_ISSOCK(mode) else "特殊文件")
    raise ReadError(path, f"这是{kind}，不是普通文件，不能作为报告读取")


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
