"""Safe fixes: the findings whose rule marks a correction with one right answer (``fix:``).

:func:`plan` turns a report's findings into :class:`Edit` s — each the smallest
change that turns the cited text into its fix (法制政府 → 法治政府 changes 制 only;
a word swapped as a whole stays one change) — without overlaps. :func:`apply_text`
applies them to a text file's bytes, keeping the encoding, the byte-order mark
and the line endings, so that no byte outside the changes moves;
:func:`unified_diff` shows them. Word files get tracked changes instead
(:mod:`checker.render.word.revisions`).
"""

from __future__ import annotations

import codecs
import difflib
import re
from dataclasses import dataclass
from typing import Any

from checker.errors import CheckerError

MERGE_GAP = 2  # changes closer than this many unchanged characters are one change
WHOLE_SHARE = 0.5  # a change covering at least this share of the cited text replaces all of it
# Line breaks as the text reader splits them (checker.readers.text.to_lines).
LINE_BREAK = re.compile("\r\n|[\r\n\f\u2028\u2029\x0b\x85]")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
TEXT_FORMATS = ("txt", "md")


class FixError(CheckerError):
    """A file the fixes cannot be written into (its encoding would not survive, say)."""


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` at 1-based ``line``/``column`` of the extracted text with ``new``."""

    line: int
    column: int
    old: str
    new: str
    finding: dict[str, Any]

    def describe(self) -> str:
        old = f"“{self.old}”" if self.old else "（空）"
        new = f"“{self.new}”" if self.new else "删去"
        return f"第{self.line}行第{self.column}列 {old} → {new}"


def plan(report: dict[str, Any]) -> list[Edit]:
    """The report's safe fixes as edits, in text order, overlapping ones dropped (the first wins)."""
    edits: list[Edit] = []
    for finding in report.get("findings", []):
        fix, excerpt = finding.get("fix"), finding.get("excerpt")
        if fix is None or not excerpt or finding.get("suppressed") or not finding.get("line"):
            continue
        edits.extend(_pieces(finding, excerpt, fix))
    edits.sort(key=lambda e: (e.line, e.column))
    kept: list[Edit] = []
    for edit in edits:
        if kept and kept[-1].line == edit.line and edit.column < kept[-1].column + max(len(kept[-1].old), 1):
            continue
        kept.append(edit)
    return kept


def _pieces(finding: dict[str, Any], old: str, new: str) -> list[Edit]:
    """The smallest changes that turn ``old`` into ``new`` (or the whole of it)."""
    line, column = int(finding["line"]), int(finding.get("column") or 1)
    blocks: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if blocks and a0 - blocks[-1][1] < MERGE_GAP:
            blocks[-1][1], blocks[-1][3] = a1, b1
        else:
            blocks.append([a0, a1, b0, b1])
    if not blocks:
        return []
    if sum(max(a1 - a0, b1 - b0) for a0, a1, b0, b1 in blocks) >= WHOLE_SHARE * len(old):
        blocks = [[0, len(old), 0, len(new)]]
    out = []
    for a0, a1, b0, b1 in blocks:
        if a0 == a1:  # a pure insertion takes an unchanged neighbour along, to have a place
            if a0:
                a0, b0 = a0 - 1, b0 - 1
            else:
                a1, b1 = a1 + 1, b1 + 1
        out.append(Edit(line, column + a0, old[a0:a1], new[b0:b1], finding))
    return out


# ---------------------------------------------------------------- text files


@dataclass(frozen=True)
class Decoded:
    """A text file as the fixes see it: BOM, codec, text, and where each line starts in the text."""

    bom: bytes
    codec: str
    text: str
    starts: list[int]


def decode_file(data: bytes, path: str) -> Decoded:
    """The file's text and how to encode it back byte for byte; FixError when it cannot be."""
    from checker.readers.text import decode

    bom = next((b for b, _ in BOMS if data.startswith(b)), b"")
    codec = next((c for b, c in BOMS if b == bom), "") if bom else decode(data, path)[1]
    body = data[len(bom):]
    try:
        text = body.decode(codec)
        same = text.encode(codec) == body
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise FixError(f"{path}：文件编码（{codec or '未知'}）无法原样写回，未修改；请另存为 UTF-8 后再试")
    skipped = len(text) - len(text.lstrip("\ufeff"))  # the reader drops stray BOM characters at the start
    starts = [skipped] + [m.end() for m in LINE_BREAK.finditer(text)]
    return Decoded(bom, codec, text, starts)


def apply_text(data: bytes, edits: list[Edit], path: str) -> tuple[bytes, list[Edit]]:
    """The file with the edits made, and the edits made (one whose text is not there is left out)."""
    decoded = decode_file(data, path)
    text = decoded.text
    made: list[Edit] = []
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        if edit.line > len(decoded.starts):
            continue
        start = decoded.starts[edit.line - 1] + edit.column - 1
        end = start + len(edit.old)
        line_end = decoded.starts[edit.line] if edit.line < len(decoded.starts) else len(text)
        if text[start:end] != edit.old or end > line_end or (spans and start < spans[-1][1]):
            continue
        try:
            edit.new.encode(decoded.codec)
        except UnicodeError:
            continue  # the right form has no code in this file's encoding
        spans.append((start, end, edit.new))
        made.append(edit)
    pieces: list[str] = []
    cursor = 0
    for start, end, new in spans:
        pieces += [text[cursor:start], new]
        cursor = end
    pieces.append(text[cursor:])
    return decoded.bom + "".join(pieces).encode(decoded.codec), made


def lines_of(text: str) -> list[str]:
    """Lines split the way the reader splits them (any line break)."""
    return LINE_BREAK.split(text.lstrip("\ufeff"))


def fixed_lines(lines: list[str], edits: list[Edit]) -> list[str]:
    """``lines`` (of the extracted text) with the edits made; edits whose text is not there skipped."""
    out = list(lines)
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        index = edit.line - 1
        if index >= len(out):
            continue
        line = out[index]
        at = edit.column - 1
        if line[at:at + len(edit.old)] == edit.old:
            out[index] = line[:at] + edit.new + line[at + len(edit.old):]
    return out


def unified_diff(name: str, before: list[str], after: list[str]) -> str:
    """A unified diff of the changed lines (no context: report paragraphs are long)."""
    lines = difflib.unified_diff(before, after, fromfile=name, tofile=f"{name}（修改后）", n=0, lineterm="")
    return "".join(line + "\n" for line in lines)
