"""Limits that keep one hostile or broken file from eating the machine.

Each limit has a default and an environment variable to change it, so that an
office with unusually large reports can raise it without a code change. The
file-size limit itself (``CHECKER_MAX_BYTES`` / ``--max-bytes``) lives in
:mod:`checker.readers`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from checker.model import FrozenRecord

MIB = 1024 * 1024




def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Limits(FrozenRecord):
    """Bounds per file; read from the environment each time a file is read."""

    # .docx is a zip: bound what it unpacks to before any XML is parsed.
    zip_part_bytes: int  # one part (document.xml, styles.xml, ...) uncompressed
    zip_total_bytes: int  # all parts together, uncompressed
    zip_ratio: int  # uncompressed / compressed, for parts over ZIP_RATIO_FLOOR
    zip_entries: int
    # .pdf: pages read, and characters kept, per file.
    pdf_pages: int
    pdf_chars: int
    # Extracted text of any format (characters).
    text_chars: int

    def __init__(
        self, zip_part_bytes: int, zip_total_bytes: int, zip_ratio: int, zip_entries: int, pdf_pages: int,
        pdf_chars: int, text_chars: int,
    ) -> None:
        vars(self).update(
            zip_part_bytes=zip_part_bytes, zip_total_bytes=zip_total_bytes, zip_ratio=zip_ratio,
            zip_entries=zip_entries, pdf_pages=pdf_pages, pdf_chars=pdf_chars, text_chars=text_chars)


ZIP_RATIO_FLOOR = 4 * MIB  # small parts may compress very well (styles.xml): no ratio check


def current() -> Limits:
    return Limits(
        zip_part_bytes=_env_int("CHECKER_ZIP_MAX_PART_BYTES", 64 * MIB),
        zip_total_bytes=_env_int("CHECKER_ZIP_MAX_TOTAL_BYTES", 256 * MIB),
        zip_ratio=_env_int("CHECKER_ZIP_MAX_RATIO", 200),
        zip_entries=_env_int("CHECKER_ZIP_MAX_ENTRIES", 5000),
        pdf_pages=_env_int("CHECKER_PDF_MAX_PAGES", 2000),
        pdf_chars=_env_int("CHECKER_PDF_MAX_CHARS", 5_000_000),
        text_chars=_env_int("CHECKER_MAX_TEXT_CHARS", 5_000_000),
    )


def size_text(size: int, digits: int = 1) -> str:
    """A byte count as a person reads it: 12.3 MB, 50 MB, 812 KB, 96 字节 (``digits`` decimals
    at most, none when they are zeros)."""
    if size >= MIB:
        return f"{_decimals(size / MIB, digits)} MB"
    if size >= 1024:
        return f"{_decimals(size / 1024, max(0, digits - 1))} KB"
    return f"{size} 字节"


def too_big(size: int, limit: int) -> str:
    """A file's size against its limit, with the decimals it takes to show the difference:
    （50.02 MB，上限 50 MB）, not （50 MB，上限 50 MB）."""
    for digits in range(1, 5):
        shown, most = size_text(size, digits), size_text(limit, digits)
        if shown != most:
            break
    return f"（{shown}，上限 {most}）"


def _decimals(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
