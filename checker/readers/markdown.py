"""Markdown reports: text with ``#`` and underlined headings as outline hints.

Emphasis markers are left in the text: the matching view drops ``**`` pairs, and
a lone ``**县`` must stay visible as a template placeholder. Syntax that is not
text becomes an empty line, so every other line keeps its number in the file: a
setext underline (``====`` / ``----`` under a heading) and a YAML front-matter
block (whose ``title``/``date``/``author`` become the document's metadata).
List items (``-``, ``*``, ``+``, ``1.``) are marked, so that the outline does not
take ``1. 制定……`` for a heading.

Chinese writers often leave out the space after the hashes (``###（一）标题``):
that is still a heading.
"""

from __future__ import annotations

import regex

from checker.readers import text as text_reader
from checker.text.document import Document

ATX_HEADING = regex.compile(r"^\s{0,3}(#{1,6})(?!#)\s*(?=\S)")
SETEXT_UNDERLINE = regex.compile(r"^\s{0,3}(=+|-+)\s*$")
LIST_OR_QUOTE = regex.compile(r"^\s{0,3}(?:[-*+>]|\d+[.)])\s")
LIST_ITEM = regex.compile(r"^\s{0,8}(?:[-*+•]|\d{1,2}[.)])\s+\S")
FRONT_MATTER_END = 40
FRONT_MATTER_KEY = regex.compile(r"^(title|date|author|issuer|标题|日期|发文机关)\s*[:：]\s*(.+?)\s*$")
METADATA_KEYS = {"title": "title", "标题": "title", "date": "published", "日期": "published",
                 "author": "issuer", "issuer": "issuer", "发文机关": "issuer"}


def read(data: bytes, path: str) -> Document:
    text, encoding, warnings = text_reader.decode(data, path)
    lines = text_reader.to_lines(text).split("\n")
    metadata = _front_matter(lines)
    headings: dict[int, int] = {}
    items: set[int] = set()
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
        elif LIST_ITEM.match(line):
            items.add(index)
    document = Document(path=path, text="\n".join(lines), format="md", warnings=warnings,
                        heading_levels=headings, list_items=items)
    document.metadata["encoding"] = encoding
    document.metadata.update(metadata)
    return document


def _front_matter(lines: list[str]) -> dict[str, str]:
    """Read and blank a leading ``---`` … ``---`` block; its known keys become metadata."""
    if not lines or lines[0].strip() != "---":
        return {}
    end = next((k for k in range(1, min(len(lines), FRONT_MATTER_END)) if lines[k].strip() in ("---", "...")),
               None)
    if end is None:
        return {}
    metadata: dict[str, str] = {}
    for k in range(end + 1):
        match = FRONT_MATTER_KEY.match(lines[k])
        if match:
            metadata.setdefault(METADATA_KEYS[match.group(1)], match.group(2).strip("\"'"))
        lines[k] = ""
    return metadata
