"""Markdown reports: text with ``#`` and underlined headings as outline hints.

Emphasis markers are left in the text: the matching view drops ``**`` pairs, and
a lone ``**县`` must stay visible as a template placeholder. A setext underline
(``====`` / ``----`` under a heading) is syntax, not text: it becomes an empty
line, so every other line keeps its number in the file.
"""

from __future__ import annotations

import regex

from checker.readers import text as text_reader
from checker.text.document import Document

ATX_HEADING = regex.compile(r"^\s{0,3}(#{1,6})\s+\S")
SETEXT_UNDERLINE = regex.compile(r"^\s{0,3}(=+|-+)\s*$")
LIST_OR_QUOTE = regex.compile(r"^\s{0,3}(?:[-*+>]|\d+[.)])\s")


def read(data: bytes, path: str) -> Document:
    text, encoding, warnings = text_reader.decode(data, path)
    lines = text_reader.to_lines(text).split("\n")
    headings: dict[int, int] = {}
    for index, line in enumerate(lines):
        match = ATX_HEADING.match(line)
        if match:
            headings[index] = len(match.group(1))
            continue
        underline = SETEXT_UNDERLINE.match(line)
        previous = lines[index - 1] if index else ""
        if underline and previous.strip() and index - 1 not in headings \
                and not LIST_OR_QUOTE.match(previous) and not SETEXT_UNDERLINE.match(previous):
            headings[index - 1] = 1 if underline.group(1).startswith("=") else 2
            lines[index] = ""
    document = Document(path=path, text="\n".join(lines), format="md", warnings=warnings,
                        heading_levels=headings)
    document.metadata["encoding"] = encoding
    return document
