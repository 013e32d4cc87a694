"""Report skeletons for drafters: every section of a template, numbered, with a hint under each.

The sections and hints come from the template (``sections[].name`` and
``hint``), so a pack's own template gets its own skeleton. Hints are written as
``【填写提示：…】`` on a line of their own; the matching view leaves such lines
out (see :mod:`checker.text.normalize`), so an unfilled skeleton is judged as what it
is — every section present, none with substance — and never as a finished
report. Placeholders (××县, ×月×日) are the ones the placeholder rule catches.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.pack.loader import Template

CN_NUMBERS = "一二三四五六七八九十"
# Who signs, by the template's ``filer``: placeholders a drafter replaces.
ISSUER = {"government": "××县人民政府", "department": "××县××局"}
HINT = "【填写提示：{}】"


@dataclass(frozen=True)
class Skeleton:
    title: str
    opening_hint: str
    sections: tuple[tuple[str, str], ...]  # (numbered heading, hint)
    issuer: str
    date: str


def build(template: Template, year: int) -> Skeleton:
    issuer = ISSUER.get(template.filer, ISSUER["government"])
    sections = tuple(
        (f"{CN_NUMBERS[i]}、{section.name}", section.hint or f"写明{section.name}。")
        for i, section in enumerate(template.sections)
    )
    opening = (f"开头一段概述{year}年推进法治政府建设的总体情况，"
               "以“现将有关情况报告如下”结束。主送机关按报送对象填写。")
    return Skeleton(
        title=f"{issuer}关于{year}年度法治政府建设情况的报告",
        opening_hint=opening,
        sections=sections,
        issuer=issuer,
        date=f"{year + 1}年×月×日",
    )


def markdown(skeleton: Skeleton) -> str:
    lines = [skeleton.title, "", HINT.format(skeleton.opening_hint), ""]
    for heading, hint in skeleton.sections:
        lines += [f"## {heading}", "", HINT.format(hint), ""]
    lines += [skeleton.issuer, skeleton.date]
    return "\n".join(lines) + "\n"


def write_docx(skeleton: Skeleton, path: Path) -> None:
    """A Word file: title, Heading 1 sections, hints in grey italics, the signature block."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(skeleton.title)
    run.bold = True
    run.font.size = Pt(22)

    def hint(text: str) -> None:
        paragraph = document.add_paragraph()
        hint_run = paragraph.add_run(HINT.format(text))
        hint_run.italic = True
        hint_run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)

    hint(skeleton.opening_hint)
    for heading, text in skeleton.sections:
        document.add_heading(heading, level=1)
        hint(text)
    for line in (skeleton.issuer, skeleton.date):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))
