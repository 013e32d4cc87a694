"""WPS 文字 (.wps) files: OLE compound files read like Word 97–2003 (:mod:`checker.readers.doc`).

WPS Office writes its .wps in the Word binary format; other .wps files (Microsoft
Works, old WPS versions) are left to LibreOffice, which reads several of them.
"""

from __future__ import annotations

from checker.readers.doc import read_as
from checker.text.document import Document


def read(data: bytes, path: str) -> Document:
    return read_as(data, path, ".wps")
