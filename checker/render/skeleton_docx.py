"""The report skeleton as a Word file laid out as GB/T 9704-2012《党政机关公文格式》 lays out a 公文.

What the standard fixes and where it is applied here:

* A4 paper; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm (so 35 mm below, 26 mm right);
  22 lines of 28 characters (a 28.95 pt line pitch; 5.2, 5.2.1).
* 标题 2号 (22 pt) 小标宋体, centred; 正文 3号 (16 pt) 仿宋体, each paragraph indented two
  characters; 一级标题 “一、” 黑体, 二级标题 “（一）” 楷体 (7.2, 7.3.3).
* 主送机关 after the title and an empty line, flush left, ending in a full-width colon (7.3.2).
* 落款 for a sealed document: 成文日期 four characters from the right, 发文机关署名 centred
  over it (7.3.5.1); 页码 4号 (14 pt) half-width digits between 一字线 “— 1 —”, odd pages
  a character from the right, even pages a character from the left (7.5).

Fonts are named as Chinese offices install them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体),
each with the Windows font Word falls back to (宋体, 仿宋, 楷体) in the font table.
Every 【填写提示】 is highlighted, so none is left in unseen.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
PAGE_NUMBER_FONT = "宋体"
# Font name -> (the installed font Word falls back to, the font family Word and LibreOffice use
# to pick a substitute).
FALLBACKS = {TITLE_FONT: ("宋体", "roman"), BODY_FONT: ("仿宋", "modern"), "楷体_GB2312": ("楷体", "modern"),
             "黑体": ("SimHei", "modern")}
LATIN_FONT = "Times New Roman"
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines
TEXT_WIDTH_PT = 156 / 25.4 * 72  # the 版心's width


def write(skeleton: Any, path: Path, hint: str) -> None:
    """Write ``skeleton`` (checker.render.skeleton.Skeleton) as a .docx at ``path``; ``hint`` is the
    format of a hint line (【填写提示：{}】)."""
    from docx import Document

    document = Document()
    _page(document.sections[0])
    _styles(document)

    _title(document, skeleton.title)
    document.add_paragraph(style="Normal").paragraph_format.first_line_indent = 0  # 空一行
    addressee = document.add_paragraph(skeleton.addressee)
    addressee.paragraph_format.first_line_indent = 0
    _hint(document, hint.format(skeleton.opening_hint))
    for heading, text in skeleton.sections:
        document.add_heading(heading, level=1)
        _hint(document, hint.format(text))
    document.add_paragraph()  # 正文下空一行 before the signature
    _signature(document, skeleton.issuer, skeleton.date)
    _page_numbers(document)

    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_with_font_fallbacks(buffer.getvalue()))


def _page(section: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)  # the number's 一字线 sit about 7 mm under the 版心
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))


def _fonts(target: Any, east_asian: str, size: float, bold: bool = False) -> None:
    """Set a style's or a run's fonts: ``east_asian`` for Chinese, Times New Roman for digits."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    target.font.name = LATIN_FONT
    target.font.size = Pt(size)
    target.font.bold = bold
    target.font.italic = False
    target.font.color.rgb = RGBColor(0, 0, 0)
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")  # ×, “”, — in the Chinese font (full width), as typed in Chinese
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _styles(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    for name, font in (("Normal", BODY_FONT), ("Heading 1", HEADING_FONTS[1]), ("Heading 2", HEADING_FONTS[2])):
        style = document.styles[name]
        _fonts(style, font, BODY_PT)
        layout = style.paragraph_format
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(LINE_PITCH_PT)
        layout.space_before = layout.space_after = Pt(0)
        layout.first_line_indent = Pt(2 * BODY_PT)  # 左空二字
        if name == "Normal":
            layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        else:
            layout.keep_with_next = True


def _title(document: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    layout = paragraph.paragraph_format
    layout.first_line_indent = 0
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(TITLE_PT * 1.5)
    # 回行时词意完整: a title wider than the line breaks before 关于, not wherever the edge falls.
    lines = [text]
    if _ems(text) * TITLE_PT > TEXT_WIDTH_PT and "关于" in text[1:]:
        cut = text.index("关于", 1)
        lines = [text[:cut], text[cut:]]
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        _fonts(run, TITLE_FONT, TITLE_PT)
        if number < len(lines) - 1:
            run.add_break()


def _hint(document: Any, text: str) -> None:
    """A 【填写提示】 paragraph, highlighted in yellow: a drafter sees every one left in."""
    from docx.enum.text import WD_COLOR_INDEX

    run = document.add_paragraph().add_run(text)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _ems(text: str) -> float:
    """A line's width in character widths: a Chinese character (or ×) one, a digit half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _signature(document: Any, issuer: str, date: str) -> None:
    """成文日期 four characters from the right; the issuer centred over it (a sealed document)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    date_right = 4.0
    issuer_right = max(date_right + (_ems(date) - _ems(issuer)) / 2, 2.0)
    for text, right in ((issuer, issuer_right), (date, date_right)):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = 0
        paragraph.paragraph_format.right_indent = Pt(right * BODY_PT)


def _page_numbers(document: Any) -> None:
    """— 1 — in 4号 宋体: odd pages a character from the right, even pages from the left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        layout = paragraph.paragraph_format
        layout.first_line_indent = 0
        layout.right_indent = Pt(PAGE_NUMBER_PT) if alignment == WD_ALIGN_PARAGRAPH.RIGHT else None
        layout.left_indent = Pt(PAGE_NUMBER_PT) if alignment == WD_ALIGN_PARAGRAPH.LEFT else None
        _fonts(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        _page_field(paragraph)
        _fonts(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def _page_field(paragraph: Any) -> None:
    """A PAGE field (the page's number, as Word and LibreOffice compute it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, code in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif code == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = code
            run._r.append(instruction)
        else:
            run.text = code


def _with_font_fallbacks(package: bytes) -> bytes:
    """The package with the skeleton's fonts in its font table, each naming its fallback."""
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        for name, (alt, family) in FALLBACKS.items())
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/fontTable.xml":
                data = data.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")
            target.writestr(item, data)
    return out.getvalue()
