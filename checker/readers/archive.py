"""Zip containers (.docx, .ofd): refuse what is not a sane zip before anything is unpacked.

The bounds are checked on the central directory: a part whose real data exceeds
its declared size fails zipfile's own checks later and is reported as damage.
"""

from __future__ import annotations

import io
import zipfile

from checker.errors import ReadError
from checker.readers import limits


def open_zip(data: bytes, path: str, label: str) -> zipfile.ZipFile:
    """The archive, once its entry count, part sizes and compression ratios are within
    :mod:`limits`; ``label`` names the format in messages (``Word 文档``, ``OFD 文件``)."""
    bounds = limits.current()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, IndexError,
            NotImplementedError):  # a version or compression zipfile does not know
        raise ReadError(path, f"{label}已损坏（压缩包无法打开）") from None
    if len(entries) > bounds.zip_entries:
        raise ReadError(path, f"{label}中的部件过多（{len(entries)} 个，上限 {bounds.zip_entries}），疑似恶意文件")
    total = 0
    for entry in entries:
        size = entry.file_size
        total += size
        if size > bounds.zip_part_bytes:
            raise ReadError(path, f"{label}中的部件 {entry.filename} 解压后过大"
                                  f"（{limits.size_text(size)}，上限 {limits.size_text(bounds.zip_part_bytes)}）")
        if size > limits.ZIP_RATIO_FLOOR and size > bounds.zip_ratio * max(entry.compress_size, 1):
            raise ReadError(path, f"{label}中的部件 {entry.filename} 压缩比异常"
                                  f"（约 {size // max(entry.compress_size, 1)}:1），疑似“压缩炸弹”，未读取")
    if total > bounds.zip_total_bytes:
        raise ReadError(path, f"{label}解压后过大（{limits.size_text(total)}，"
                              f"上限 {limits.size_text(bounds.zip_total_bytes)}），疑似“压缩炸弹”，未读取")
    return archive
