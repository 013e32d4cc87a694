"""A Word file of a report's extracted text (for a .txt/.md/.pdf/.html input), one paragraph a line.

Blank lines are left out, as Word would show them as empty paragraphs; the
first lines up to the one that completes the report's title are centred and
bold, headings from the format's hints are bold. Line ``k`` of the text is
paragraph ``k`` of the :class:`~checker.render.word.body.Body`.
"""

from __future__ import annotations

from typing import Any

from checker.render.word.body import Body

TITLE_LINES = 2  # issuer and title; one more when the title wraps
TITLE_MAX_CHARS = 60
FONT = "宋体"


def build(text: str, title: str | None = None, headings: dict[int, int] | None = None) -> tuple[Any, Body]:
    """A new python-docx document holding ``text``, and the body map of its lines."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)
    lines = text.split("\n")
    paragraphs: list[Any] = []
    titles = _title_lines(lines, title)
    for index, line in enumerate(lines):
        if not line.strip():
            paragraphs.append(None)
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        if index in titles:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
        elif headings and index in headings:
            run.bold = True
        paragraphs.append(paragraph._p)
    if title:
        document.core_properties.title = title
    return document, Body.of_paragraphs(paragraphs, lines)


def _title_lines(lines: list[str], title: str | None) -> set[int]:
    """The first few non-blank lines, up to the one that completes the report's title (issuer and title)."""
    wanted = "".join((title or "").split())
    if not wanted:
        return set()
    first = [k for k, line in enumerate(lines) if line.strip()][:TITLE_LINES + 1]
    joined = ""
    for count, index in enumerate(first, start=1):
        if len(lines[index].strip()) > TITLE_MAX_CHARS:
            break
        joined += "".join(lines[index].split())
        if wanted in joined:
            return set(first[:count])
    return set()
