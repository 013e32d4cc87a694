"""Markdown reports: text with ``#`` headings as outline hints.

Emphasis markers are left in the text: the matching view drops ``**`` pairs, and
a lone ``**县`` must stay visible as a template placeholder.
"""

from __future__ import annotations

import regex

from checker.document import Document
from checker.readers import text as text_reader

ATX_HEADING = regex.compile(r"^\s{0,3}(#{1,6})\s+\S")


def read(data: bytes, path: str) -> Document:
    document = text_reader.read(data, path)
    document.format = "md"
    for index, line in enumerate(document.text.split("\n")):
        match = ATX_HEADING.match(line)
        if match:
            document.heading_levels[index] = len(match.group(1))
    return document
