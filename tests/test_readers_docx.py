"""The Word reader on .docx files built here with python-docx and hand-written numbering."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from checker.errors import ReadError
from checker.readers import read_bytes, read_path
from checker.readers.wordnum import Numbering, format_number
from checker.text.normalize import build_view
from checker.text.outline import build_outline
from tests.fixtures.make_reports import HEADER, build_docx, example_paragraphs, numbered_text


def _read(data: bytes) -> list[str]:
    return read_bytes(data, "报告.docx", ".docx").text.split("\n")


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return build_docx(example_paragraphs(), extras=True, table=[("指标", "数值"), ("行政复议申请", "86件")])


def test_word_numbering_is_restored_as_text(docx_bytes: bytes) -> None:
    lines = _read(docx_bytes)
    expected = numbered_text(example_paragraphs())
    assert lines[:len(expected)] == expected
    assert "一、2024年推进法治政府建设的主要举措和成效" in lines
    assert "四、2025年推进法治政府建设的主要安排" in lines


def test_the_outline_sees_word_numbered_headings(docx_bytes: bytes) -> None:
    document = read_bytes(docx_bytes, "报告.docx", ".docx")
    outline = build_outline(build_view(document))
    assert [h.marker for h in outline.headings if h.level == 1] == ["一、", "二、", "三、", "四、", "五、"]
    assert [s.heading.marker for s in outline.top[0].children if s.heading][:3] == ["（一）", "（二）", "（三）"]


def test_heading_styles_become_hints_but_a_centred_title_does_not(docx_bytes: bytes) -> None:
    document = read_bytes(docx_bytes, "报告.docx", ".docx")
    lines = document.text.split("\n")
    hinted = {lines[k] for k in document.heading_levels}
    assert "一、2024年推进法治政府建设的主要举措和成效" in hinted
    assert all(document.heading_levels[k] == 2 for k in document.heading_levels)
    assert "青禾县人民政府" not in hinted  # centred Heading 1: the document's title block


def test_tables_headers_and_footers(docx_bytes: bytes) -> None:
    document = read_bytes(docx_bytes, "报告.docx", ".docx")
    lines = document.text.split("\n")
    row = lines.index("行政复议申请 86件")
    assert document.line_locations[row] == {"paragraph": row + 1, "table": 1, "row": 2}
    assert HEADER not in document.text
    assert "第 1 页" not in document.text


def test_content_controls_tracked_changes_text_boxes_and_breaks(docx_bytes: bytes) -> None:
    document = read_bytes(docx_bytes, "报告.docx", ".docx")
    text = document.text
    assert "控件中的段落。" in text
    assert "保留插入的文字\t制表符后" in text
    assert "删除的文字" not in text
    assert "隐藏的文字" not in text
    assert text.count("文本框里的话。") == 1  # the mc:Fallback copy is skipped
    lines = text.split("\n")
    broken = lines.index("换行后")
    assert document.line_locations[broken] == document.line_locations[broken - 1]  # one paragraph
    assert "五、从五开始的标题" in lines  # startOverride
    assert "不编号的条目。" in lines  # numId 0 switches the style's numbering off


def test_locations_count_paragraphs_as_word_shows_them(docx_bytes: bytes) -> None:
    document = read_bytes(docx_bytes, "报告.docx", ".docx")
    assert document.line_locations[0] == {"paragraph": 1}
    numbers = [loc["paragraph"] for loc in document.line_locations]
    assert numbers == sorted(numbers)
    # Empty paragraphs are counted: Word shows them, and a reader counting in Word counts them.
    import docx as python_docx

    made = python_docx.Document()
    for text in ("标题", "", "", "正文第一段。", "正文第二段。"):
        made.add_paragraph(text)
    buffer = io.BytesIO()
    made.save(buffer)
    document = read_bytes(buffer.getvalue(), "空段.docx", ".docx")
    assert document.text.split("\n") == ["标题", "正文第一段。", "正文第二段。"]
    assert [loc["paragraph"] for loc in document.line_locations] == [1, 4, 5]


@pytest.mark.parametrize(("fmt", "values"), [
    ("chineseCounting", {1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九",
                         100: "一百", 105: "一百零五", 110: "一百一十", 1001: "一千零一"}),
    ("chineseCountingThousand", {3: "三", 12: "十二"}),
    ("taiwaneseCountingThousand", {4: "四", 15: "十五"}),
    ("chineseLegalSimplified", {1: "壹", 10: "拾", 12: "拾贰", 30: "叁拾"}),
    ("ideographTraditional", {1: "甲", 10: "癸", 11: "甲"}),
    ("decimalEnclosedCircle", {1: "①", 20: "⑳", 21: "21"}),
    ("decimalFullWidth", {3: "３", 12: "１２"}),
    ("decimal", {7: "7"}),
    ("upperLetter", {1: "A", 26: "Z", 27: "AA"}),
    ("lowerLetter", {2: "b", 28: "bb"}),
    ("upperRoman", {4: "IV", 9: "IX", 14: "XIV"}),
    ("lowerRoman", {3: "iii", 40: "xl"}),
    ("none", {5: ""}),
    ("bullet", {5: ""}),
    ("someFutureFormat", {5: "5"}),
])
def test_number_formats(fmt: str, values: dict[int, str]) -> None:
    assert {n: format_number(n, fmt) for n in values} == values


def _numbering(xml: str) -> Numbering:
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return Numbering(parse_xml(f"<w:numbering {ns}>{xml}</w:numbering>"))


LEVELS = ('<w:abstractNum w:abstractNumId="1">'
          '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
          '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
          '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf06c"/></w:lvl>'
          '</w:abstractNum>')


def test_counters_run_per_list_and_deeper_levels_reset() -> None:
    numbering = _numbering(LEVELS + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                                    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')
    labels = [numbering.label("1", 0), numbering.label("1", 1), numbering.label("1", 1),
              numbering.label("1", 0), numbering.label("1", 1), numbering.label("2", 0),
              numbering.label("1", 2)]
    assert labels == ["一、", "一.1", "一.2", "二、", "二.1", "一、", "•"]


def test_level_overrides_replace_start_and_format() -> None:
    override = ('<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>'
                '<w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/>'
                '<w:lvlText w:val="（%2）"/></w:lvl></w:lvlOverride></w:num>')
    numbering = _numbering(LEVELS + override)
    assert [numbering.label("3", 0), numbering.label("3", 1), numbering.label("3", 1)] == ["三、", "（一）", "（二）"]
    assert numbering.label("404", 0) == ""  # a list that does not exist: no label, no error


def test_level_with_no_restart_keeps_counting() -> None:
    xml = ('<w:abstractNum w:abstractNumId="1">'
           '<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1部分"/></w:lvl>'
           '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:lvlRestart w:val="0"/>'
           '<w:isLgl/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    numbering = _numbering(xml)
    labels = [numbering.label("1", 0), numbering.label("1", 1), numbering.label("1", 0), numbering.label("1", 1)]
    assert labels == ["第1部分", "1.", "第2部分", "2."]


# ---------------------------------------------------------------- bad input


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _error(data: bytes) -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "报告.docx", ".docx")
    return caught.value.reason


def test_encrypted_word_file_is_named_as_such() -> None:
    # An encrypted .docx is an OLE compound file holding an "EncryptedPackage" stream.
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    assert "已加密" in _error(cfb)
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(64)
    assert "旧版 Word" in _error(legacy) and "改为 .doc" in _error(legacy)


def test_not_a_zip_and_a_broken_zip(docx_bytes: bytes) -> None:
    assert "zip" in _error("这是一段文字，不是 Word 文档。".encode())
    assert "已损坏" in _error(docx_bytes[: len(docx_bytes) // 2])


def test_another_office_file_renamed_docx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["A1"] = "表格"
    path = tmp_path / "表格.docx"
    book.save(path)
    with pytest.raises(ReadError) as caught:
        read_path(str(path))
    assert "不是 Word 文档" in caught.value.reason


def test_zip_bomb_is_refused_before_parsing(docx_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/padding.xml"] = b" " * (16 * 1024 * 1024)  # compresses about 1000:1
    reason = _error(_zip(parts))
    assert "压缩比异常" in reason and "word/padding.xml" in reason


def test_huge_xml_part_is_refused(docx_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_ZIP_MAX_PART_BYTES", "20000")
    reason = _error(docx_bytes)
    assert "解压后过大" in reason and "上限" in reason


def test_total_unpacked_size_is_bounded(docx_bytes: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_ZIP_MAX_TOTAL_BYTES", "50000")
    assert "解压后过大" in _error(docx_bytes)


def test_lying_zip_headers_are_a_read_error(docx_bytes: bytes) -> None:
    # document.xml's header claims a tiny size: the real data does not fit it.
    data = bytearray(docx_bytes)
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        info = archive.getinfo("word/document.xml")
    tiny = (10).to_bytes(4, "little")
    data[info.header_offset + 22:info.header_offset + 26] = tiny  # local header: uncompressed size
    name = info.filename.encode()
    record = data.find(b"PK\x01\x02")
    while record >= 0:  # central directory record of the same part
        if data[record + 46:record + 46 + len(name)] == name:
            data[record + 24:record + 28] = tiny
        record = data.find(b"PK\x01\x02", record + 4)
    assert "已损坏" in _error(bytes(data))


def test_a_docx_with_no_text(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "空白.docx"
    docx.Document().save(str(path))
    with pytest.raises(ReadError) as caught:
        read_path(str(path))
    assert caught.value.reason == "文件中没有可检查的文字"


def test_level_chosen_by_the_style_tied_to_it() -> None:
    """Word templates tie list levels to heading styles: the style names only the list,
    the list's level whose pStyle is the paragraph's style gives the level."""
    import docx
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    heading1 = document.styles["Heading 1"]
    heading2 = document.styles["Heading 2"]
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, fmt, style, text in [(0, "chineseCounting", heading1.style_id, "%1、"),
                                    (1, "chineseCounting", heading2.style_id, "（%2）")])
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="950">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="950"><w:abstractNumId w:val="950"/></w:num>'))
    for style in (heading1, heading2):
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {ns}><w:numId w:val="950"/></w:numPr>'))
    for text, style in [("总体情况", heading1), ("组织领导", heading2), ("制度建设", heading2),
                        ("存在问题", heading1), ("原因分析", heading2)]:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    expected = ["一、总体情况", "（一）组织领导", "（二）制度建设", "二、存在问题", "（一）原因分析"]
    assert _read(out.getvalue()) == expected


def _bold_headed_docx(frame: bool = False) -> bytes:
    """A report whose headings are short bold lines with no number and no heading style (or,
    with ``frame``, whose whole text sits in a one-cell table)."""
    import docx  # python-docx, a test dependency

    document = docx.Document()
    body: Any = document.add_table(rows=1, cols=1).cell(0, 0) if frame else document
    lines = [
        ("示例县人民政府关于2024年度法治政府建设情况的报告", False), ("示例市人民政府：", True),
        ("健全依法行政制度体系", True),
        ("全年审核县政府规范性文件11件，报市政府和县人大常委会备案11件，备案率100%。", False),
        ("存在的问题", True), ("一是乡镇合法性审查力量不足，16个乡镇中有7个未配备专职审查人员。", False),
        ("下一步工作打算", True), ("一是年内配齐审查人员。", False), ("**全年**审结行政复议案件49件", None),
    ]
    for k, (line, bold) in enumerate(lines):
        paragraph = body.paragraphs[0] if frame and k == 0 else body.add_paragraph()
        if bold is None:  # only the first words bold: a run-in emphasis, not a heading
            paragraph.add_run("全年").bold = True
            paragraph.add_run("审结行政复议案件49件")
        else:
            paragraph.add_run(line).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_short_all_bold_lines_are_heading_hints_and_nothing_else_is() -> None:
    document = read_bytes(_bold_headed_docx(), "报告.docx", ".docx")
    lines = document.text.split("\n")
    hinted = [lines[k] for k in sorted(document.heading_levels)]
    # the addressee ends with a colon; a line with only its first words bold is body text
    assert hinted == ["健全依法行政制度体系", "存在的问题", "下一步工作打算"]
    outline = build_outline(build_view(document))
    assert [h.title for h in outline.headings if h.level == 1] == hinted


def test_a_one_cell_table_is_a_frame_read_as_body_text() -> None:
    document = read_bytes(_bold_headed_docx(frame=True), "报告.docx", ".docx")
    lines = document.text.split("\n")
    assert "健全依法行政制度体系" in lines and "存在的问题" in lines  # paragraphs, not one joined row
    hinted = [lines[k] for k in sorted(document.heading_levels)]
    assert hinted == ["健全依法行政制度体系", "存在的问题", "下一步工作打算"]


def test_bold_unnumbered_lines_under_a_bold_numbered_heading_sit_one_level_down() -> None:
    import docx  # python-docx, a test dependency

    document = docx.Document()
    document.add_paragraph("示例县人民政府关于2024年度法治政府建设情况的报告")
    document.add_paragraph("现将我县2024年法治政府建设情况报告如下：")
    body = "全年审核县政府规范性文件11件，报市政府和县人大常委会备案11件，备案率100%。"
    for line in ["一、主要举措和成效", "健全依法行政制度体系", body, "健全行政执法工作体系", body,
                 "二、存在的问题", "一是乡镇合法性审查力量不足，16个乡镇中有7个未配备专职审查人员。"]:
        document.add_paragraph().add_run(line).bold = line != body and not line.startswith("一是")
    out = io.BytesIO()
    document.save(out)
    outline = build_outline(build_view(read_bytes(out.getvalue(), "报告.docx", ".docx")))
    assert [(h.marker + h.title, h.level) for h in outline.headings] == [
        ("一、主要举措和成效", 1), ("健全依法行政制度体系", 2), ("健全行政执法工作体系", 2), ("二、存在的问题", 1)]


def test_a_line_break_within_a_paragraph_mid_sentence_joins_its_lines(tmp_path: Path) -> None:
    """Shift+Enter in a long heading or inside a document's name: one paragraph of the file, one
    paragraph for the rules (the heading's year was read as the next section's, the brackets unpaired)."""
    import docx

    import checker

    document = docx.Document()
    document.add_paragraph("示例县人民政府关于2024年度法治政府建设情况的报告")
    document.add_paragraph("一、2024年推进法治政府建设的主要举措和成效")
    body = document.add_paragraph("对照《法治政府建设实施纲要（2021—")
    body.add_run().add_break()
    body.add_run("2025年）》，全年审核规范性文件16件，备案率100%。")
    heading = document.add_paragraph("二、2025年推进")
    heading.add_run().add_break()
    heading.add_run("法治政府建设的主要安排")
    document.add_paragraph("6月底前出台《示例县行政执法监督办法》。")
    signature = document.add_paragraph("示例县人民政府")
    signature.add_run().add_break()
    signature.add_run("2025年2月20日")  # after a break, the date stands apart
    path = tmp_path / "报告.docx"
    document.save(str(path))
    result = checker.check_path(str(path))
    rules = {f["rule"] for f in result["findings"]}
    assert "timing.heading-year" not in rules and "punct.unbalanced" not in rules, rules
    plan = next(e for e in result["elements"] if e["id"] == "content.next-year")
    assert plan["evidence"][0]["text"] == "二、2025年推进法治政府建设的主要安排"
    assert result["date"] == "2025-02-20"


LAYOUT_REPORT = [
    "示例镇人民政府2025年法治政府建设工作报告",
    "一、主要举措和成效",
    "（一）推进依法决策。全年作出重大行政决策3项，均经过合法性审查和集体讨论。",
    "（二）强化综合执法。镇综合行政执法队办理行政处罚案件47件，执法人员持证率100%。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "镇党委书记、镇长主持召开镇党委会、镇政府班子会议学法4次，专题研究法治建设工作2次。",
    "三、存在的不足和原因",
    "一是村（社区）法律顾问作用发挥不充分；二是综合执法人员数量不足。究其原因，主要是经费保障不足。",
    "四、2026年工作安排",
    "一是加强镇村两级法治队伍建设；二是推进司法所规范化建设；三是新创建民主法治示范村3个。",
]
CONTACT = "（联系人：李华，电话：0772-7654321）"
ISSUER, DATE = "示例县示例镇人民政府", "2026年1月18日"


def _signed_report(path: Path, layout: str) -> Path:
    """The report, its contact line and its 落款: as paragraphs, or laid out in a borderless
    one-row table (contact | issuer over date, the two in paragraphs or split by a line break)."""
    import docx

    document = docx.Document()
    for line in LAYOUT_REPORT:
        document.add_paragraph(line)
    if layout == "paragraphs":
        for line in (CONTACT, ISSUER, DATE):
            document.add_paragraph(line)
    else:
        row = document.add_table(rows=1, cols=2).rows[0]
        row.cells[0].text = CONTACT
        if layout == "cell paragraphs":
            row.cells[1].paragraphs[0].text = ISSUER
            row.cells[1].add_paragraph(DATE)
        else:
            row.cells[1].text = ISSUER + "\n" + DATE  # python-docx: a line break (w:br)
    document.save(str(path))
    return path


@pytest.mark.parametrize("layout", ["cell paragraphs", "line break"])
def test_a_signature_block_laid_out_in_a_table_is_the_closing_block(tmp_path: Path, layout: str) -> None:
    import checker

    table = _signed_report(tmp_path / "table.docx", layout)
    lines = read_path(str(table)).text.split("\n")
    assert lines[-3:] == [CONTACT, ISSUER, DATE]  # each cell's lines on lines of their own
    plain = checker.check_path(str(_signed_report(tmp_path / "plain.docx", "paragraphs")))
    laid_out = checker.check_path(str(table))
    assert (laid_out["issuer"], laid_out["date"]) == (plain["issuer"], plain["date"]) == (ISSUER, "2026-01-18")
    statuses = {e["id"]: (e["status"], e.get("note")) for e in laid_out["elements"]}
    assert statuses == {e["id"]: (e["status"], e.get("note")) for e in plain["elements"]}
    # the phone number in the contact line is no concrete item of the plan
    assert statuses["content.next-year"][0] == "weak"
    assert laid_out["score"] == plain["score"]


def test_a_two_column_layout_reads_each_column_as_paragraphs_and_a_data_table_stays_rows() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("示例县司法局2025年法治政府建设情况报告")
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    left.paragraphs[0].text = "一、主要举措和成效"
    left.add_paragraph("全年审核规范性文件16件，备案率100%。")
    right.paragraphs[0].text = "二、存在的不足和原因"
    right.add_paragraph("一是执法人员不足。究其原因，主要是编制有限。")
    data = document.add_table(rows=2, cols=2)
    data.cell(0, 0).text = "项目"
    data.cell(0, 1).paragraphs[0].text = "案件数"  # a header wrapped over two paragraphs
    data.cell(0, 1).add_paragraph("（件）")
    data.cell(1, 0).text = "行政复议收到申请"
    data.cell(1, 1).text = "41"
    out = io.BytesIO()
    document.save(out)
    lines = _read(out.getvalue())
    assert lines[1:5] == ["一、主要举措和成效", "全年审核规范性文件16件，备案率100%。",
                          "二、存在的不足和原因", "一是执法人员不足。究其原因，主要是编制有限。"]
    assert lines[5:] == ["项目 案件数 （件）", "行政复议收到申请 41件"]
