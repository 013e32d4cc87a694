"""An upload: its files in a temporary folder of their own, with safe names, and its options.

The folder is created for one request and removed when the request is done
(:func:`received` is a context manager), so nothing of a report stays on the
machine. File names come from the browser and are made safe: the last part of
the path only (a name may carry ``C:\\…\\`` or ``../``), no control or reserved
characters, no leading dot, a bounded length, one name per file. Types are
those the readers accept (:data:`checker.readers.READERS`), so a format added
there is accepted here without a change.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.readers import READERS, UNSUPPORTED_HINTS, supported_suffixes
from checker.readers.limits import size_text

NAME_BYTES = 150  # a file name's UTF-8 length, well under every file system's 255
RESERVED = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]')
PREFIX = re.compile(r"[a-z][a-z0-9-]{0,15}")
COPY_CHUNK = 1024 * 1024


class UploadError(Exception):
    """The upload cannot be checked: an HTTP status and a message for the user."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Options:
    template: str | None = None
    year: int | None = None
    prefix: str = ""
    fmt: str = "html"


@dataclass(frozen=True)
class Upload:
    folder: str
    names: tuple[str, ...]
    options: Options


def safe_name(raw: str | None, fallback: str = "报告") -> str:
    """A file name that is safe in a folder and in a download: see the module's docstring."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = RESERVED.sub("", name).strip().strip(".").strip()
    if not name:
        name = fallback
    stem, suffix = _split(name)
    if not stem:
        stem = fallback
    while len((stem + suffix).encode("utf-8")) > NAME_BYTES:
        stem = stem[:-1]
    if stem.upper().split(".")[0] in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                      *(f"LPT{i}" for i in range(1, 10))}:
        stem = f"_{stem}"  # names Windows reserves
    return stem + suffix


def _split(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    if dot <= 0 or len(name) - dot > 12:
        return name, ""
    return name[:dot], name[dot:]


def unique(names: list[str]) -> list[str]:
    """Names made distinct, as the CLI names copies: 报告.docx, 报告-2.docx, …"""
    seen: set[str] = set()
    out = []
    for name in names:
        stem, suffix = _split(name)
        candidate, k = name, 1
        while candidate.lower() in seen:
            k += 1
            candidate = f"{stem}-{k}{suffix}"
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def check_type(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix in READERS:
        return
    if suffix in UNSUPPORTED_HINTS:
        raise UploadError(f"{name}：不支持的文件类型“{suffix}”：{UNSUPPORTED_HINTS[suffix]}", 415)
    kinds = "、".join(supported_suffixes())
    raise UploadError(f"{name}：不支持的文件类型“{suffix or '无扩展名'}”（支持 {kinds}）", 415)


def disposition(name: str, inline: bool = False) -> str:
    """A Content-Disposition header for a download named ``name`` (safe, and readable in any browser)."""
    safe = safe_name(name, "checker")
    ascii_name = re.sub(r"\.{2,}", ".", safe.encode("ascii", "ignore").decode().replace(" ", "_"))
    if not ascii_name or ascii_name.startswith(".") or ascii_name == Path(safe).suffix:
        ascii_name = "checker" + Path(safe).suffix
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe, safe='')}"


def options(form: Any, templates: list[str]) -> Options:
    template = str(form.get("template") or "").strip() or None
    if template is not None and template not in templates:
        raise UploadError(f"未知的模板“{template}”（可用模板：{'、'.join(templates)}）")
    year_text = str(form.get("year") or "").strip()
    year = None
    if year_text:
        if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
            raise UploadError(f"年度“{year_text}”无效：请填写 2000 至 2100 之间的年份")
        year = int(year_text)
    prefix = str(form.get("prefix") or "").strip()
    if prefix and not PREFIX.fullmatch(prefix):
        raise UploadError("prefix 只能由小写字母、数字和连字符组成，以字母开头，至多 16 个字符")
    fmt = str(form.get("format") or "html").strip().lower()
    return Options(template, year, prefix, fmt)


@asynccontextmanager
async def received(form: Any, *, many: bool, max_files: int, max_bytes: int, templates: list[str],
                   root: str | None = None) -> AsyncIterator[Upload]:
    """The form's files written to a new temporary folder, removed when the block ends."""
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile

    files = [value for key, value in form.multi_items()
             if key in ("file", "files") and isinstance(value, UploadFile) and (value.filename or value.size)]
    if not files:
        raise UploadError("请选择要检查的报告文件（表单字段 file）")
    if not many and len(files) > 1:
        raise UploadError("此接口一次只检查一个文件；多个文件请用 /api/audit")
    if len(files) > max_files:
        raise UploadError(f"一次最多上传 {max_files} 个文件（收到 {len(files)} 个）")
    names = unique([safe_name(f.filename) for f in files])
    for name, upload in zip(names, files, strict=True):
        check_type(name)
        if upload.size is not None and upload.size > max_bytes:
            raise UploadError(f"{name}：文件过大（{size_text(upload.size)}，上限 {size_text(max_bytes)}）", 413)
    chosen = options(form, templates)
    folder = tempfile.mkdtemp(prefix="checker-web-", dir=root)
    try:
        for name, upload in zip(names, files, strict=True):
            await upload.seek(0)
            await run_in_threadpool(_copy, upload.file, Path(folder) / name)
        yield Upload(folder, tuple(names), chosen)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy(source: Any, target: Path) -> None:
    with target.open("xb") as out:
        shutil.copyfileobj(source, out, COPY_CHUNK)
