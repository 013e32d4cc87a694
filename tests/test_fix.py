"""``checker fix``: the safe fixes (``fix:`` on a rule) as a diff, written into text files byte for
byte and into Word files as tracked changes; the ``fix:`` key itself."""

from __future__ import annotations

import codecs
import difflib
import hashlib
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.render import fixes
from tests.conftest import check, golden
from tests.fixtures.drafts import draft_docx, draft_text
from tests.fixtures.make_reports import build_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The safe corrections the draft holds, wrong → right (each written once in a line of the draft).
CORRECTIONS = [("法制政府建设,", "法治政府建设，"), ("示政发[2024]7号", "示政发〔2024〕7号"),
               ("谁普法谁执法", "谁执法谁普法"), ("薄弱;", "薄弱；"), ("法制政府示范", "法治政府示范")]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fix", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


def expected_text(text: str) -> str:
    for wrong, right in CORRECTIONS:
        assert text.count(wrong) == 1
        text = text.replace(wrong, right)
    return text


# ---------------------------------------------------------------- the fix: key and the findings


def test_findings_of_safe_rules_carry_their_fix() -> None:
    result = check("大力推进法制政府建设,落实“谁普法谁执法”。依据示政发(2024)3号文件，培训13多次。")
    fixed = {f.rule: f.fix for f in result.findings if f.fix is not None}
    assert fixed == {"term.fazhi-zhengfu": "法治政府", "punct.ascii-in-chinese": "，",
                     "term.pufa-duty": "谁执法谁普法", "structure.doc-number": "依据示政发〔2024〕3号"}
    approx = next(f for f in result.findings if f.rule == "text.approx-count")
    assert approx.fix is None  # 13多 has no one right answer
    # A half-width bracket is reported but not fixed: at a line start its partner is not matched,
    # and fixing one half would leave (一）.
    brackets = check("(一)加强组织领导,压实责任。")
    assert [(f.excerpt, f.fix) for f in brackets.findings if f.rule == "punct.ascii-in-chinese"] == [
        (")", None), (",", "，")]


@pytest.mark.parametrize(("heading", "fixed"), [("二.存在的不足和原因", "二、"), ("（三）、加强执法监督", "（三）"),
                                              ("4、开展执法评查", "4."), ("（2）.推行告知承诺制", "（2）")])
def test_a_heading_marker_is_fixed_with_its_own_number(heading: str, fixed: str) -> None:
    text = f"一、主要举措和成效\n全年审核规范性文件31件。\n{heading}\n全年评查案卷120卷。\n"
    marker = next(f for f in check(text).findings if f.rule == "structure.heading-marker")
    assert (marker.fix, marker.suggestion) == (fixed, f"改为“{fixed}”")


def test_a_bad_fix_key_is_named_with_file_and_rule(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: p\nname: 包\nversion: '1'\n", encoding="utf-8")
    (folder / "a.yaml").write_text(
        "rules:\n"
        "  - id: term.one\n"
        "    name: 一\n"
        "    kind: phrase\n"
        "    severity: error\n"
        "    entries: [{match: '甲乙', suggestion: 乙甲, fix: yes}]\n"
        "    message: 一\n"
        "    basis: 依据依据\n"
        "    examples: {fire: ['甲乙'], pass: ['乙甲']}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(folder)])
    assert result.exit_code == 1
    assert "a.yaml:6" in result.stdout and "term.one" in result.stdout
    assert "应为 suggestion，或含 replace 的映射" in result.stdout


def test_edits_are_the_smallest_change_or_the_whole_word() -> None:
    finding = {"line": 3, "column": 10}
    pieces = {old: [(e.column, e.old, e.new) for e in fixes._pieces(finding, old, new)] for old, new in
              [("法制政府", "法治政府"), ("谁普法谁执法", "谁执法谁普法"), ("示政发[2024]7号", "示政发〔2024〕7号")]}
    assert pieces["法制政府"] == [(11, "制", "治")]
    assert pieces["谁普法谁执法"] == [(10, "谁普法谁执法", "谁执法谁普法")]
    assert pieces["示政发[2024]7号"] == [(13, "[", "〔"), (18, "]", "〕")]


# ---------------------------------------------------------------- text files, byte for byte


ENCODINGS = [("utf-8", b"", "\n"), ("utf-8", codecs.BOM_UTF8, "\r\n"), ("gb18030", b"", "\r\n"),
             ("utf-16-le", codecs.BOM_UTF16_LE, "\n"), ("utf-16-be", codecs.BOM_UTF16_BE, "\r\n"),
             ("gb18030", b"", "\r")]


@pytest.mark.parametrize(("codec", "bom", "newline"), ENCODINGS)
def test_write_changes_no_byte_outside_the_fixes(tmp_path: Path, codec: str, bom: bytes, newline: str) -> None:
    text = draft_text().replace("\n", newline)
    original = bom + text.encode(codec)
    report = tmp_path / "报告.txt"
    report.write_bytes(original)
    os.chmod(report, 0o640)
    code, _, err = run(str(report), "--write")
    assert code == 0, err
    written = report.read_bytes()
    assert written == bom + expected_text(text).encode(codec)
    # Independently of the expectation above: every stretch that differs is one of the corrections.
    allowed = {w.encode(codec) for pair in CORRECTIONS for w in pair} | {b""}
    for tag, a0, a1, _, _ in difflib.SequenceMatcher(None, original, written, autojunk=False).get_opcodes():
        if tag != "equal":
            assert any(original[a0:a1] in w for w in allowed), original[a0:a1]
    assert oct(report.stat().st_mode & 0o777) == oct(0o640)  # permissions kept
    code, _, err = run(str(report), "--write")
    assert code == 0 and "没有可以自动修改的问题" in err  # nothing left: the fixes were the fixes


def test_mixed_line_endings_and_markdown_survive(tmp_path: Path) -> None:
    lines = draft_text().split("\n")
    mixed = "".join(line + ("\r\n" if k % 2 else "\n") for k, line in enumerate(lines[:-1]))
    report = tmp_path / "报告.md"
    report.write_bytes(("# " + mixed).encode("utf-8"))
    code, _, err = run(str(report), "--write")
    assert code == 0, err
    assert report.read_bytes() == ("# " + expected_text(mixed)).encode("utf-8")


def test_without_write_the_diff_is_shown_and_nothing_changes(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("报告.txt").write_text(draft_text(), encoding="utf-8")
    before = Path("报告.txt").read_bytes()
    code, out, err = run("报告.txt", "--no-color")
    assert code == 1
    assert Path("报告.txt").read_bytes() == before
    assert "可自动修改 7 处" in err and "加 --write 写回" in err
    golden("fix.diff", out)


def test_a_file_whose_encoding_would_not_survive_is_left_alone(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    data = draft_text().encode("gb18030") + b"\xff\x30"  # not GB18030: read with a replacement character
    report.write_bytes(data)
    code, _, err = run(str(report), "--write")
    assert code == 2 and "无法原样写回" in err
    assert report.read_bytes() == data


def test_html_and_pdf_are_not_written(tmp_path: Path) -> None:
    from tests.fixtures.drafts import paragraphs

    page = tmp_path / "报告.html"
    page.write_bytes(build_html(paragraphs()))
    before = page.read_bytes()
    code, out, err = run(str(page), "--write")
    assert code == 1 and "无法直接修改" in err and "+++" in out
    assert page.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["报告.html"]


def test_suppressed_findings_are_not_fixed(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    directive = "<!-- checker-disable-next-line term.fazhi-zhengfu -->\n"
    text = draft_text().replace("2024年，柳岸县", directive + "2024年，柳岸县")
    report.write_text(text, encoding="utf-8")
    code, _, err = run(str(report), "--write")
    assert code == 0, err
    after = report.read_text(encoding="utf-8")
    assert "推进法制政府建设，" in after  # the comma fixed, the waived term kept
    assert "法治政府示范" in after


# ---------------------------------------------------------------- Word files: tracked changes


def test_word_fixes_are_tracked_changes_in_a_copy(tmp_path: Path) -> None:
    import docx

    from checker.readers import read_path

    original = tmp_path / "报告.docx"
    original.write_bytes(draft_docx())
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    code, _, err = run(str(original), "--write")
    assert code == 0, err
    assert "已写入修订稿" in err and "修订 7 处" in err
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest  # never touched
    revised = tmp_path / "报告.修订.docx"
    package = docx.Document(io.BytesIO(revised.read_bytes()))
    body = package.element.body
    deletions, insertions = body.findall(f".//{W}del"), body.findall(f".//{W}ins")
    assert len(deletions) == 7 and len(insertions) == 7
    for change in deletions + insertions:
        assert change.get(W + "author") == "报告检查工具" and change.get(W + "date")
    ids = [c.get(W + "id") for c in deletions + insertions]
    assert len(set(ids)) == len(ids)
    assert sorted("".join(t.text for t in d.iter(W + "delText")) for d in deletions) == sorted(
        ["制", ",", "[", "]", "谁普法谁执法", ";", "制"])
    # The reader shows the revised text (insertions kept, deletions dropped): the fixes, nothing else.
    before = read_path(str(original)).text.split("\n")
    after = read_path(str(revised)).text.split("\n")
    assert after == fixes.fixed_lines(before, fixes.plan(_report(original)))
    assert after != before and after[4].startswith("一、")  # Word's numbering still there
    assert package.sections[0].header.paragraphs[0].text == "内部资料 注意保存"
    assert len(package.tables) == 1


def test_a_fix_across_formatting_is_split_and_keeps_the_formatting(tmp_path: Path) -> None:
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    document.add_paragraph("示例县人民政府")
    paragraph = document.add_paragraph("深入推进")
    bold = paragraph.add_run("法制")
    bold.bold = True
    red = paragraph.add_run("政府建设，成效明显。")
    red.font.color.rgb = RGBColor(0xC0, 0, 0)
    fix_word(document, tmp_path)
    package = docx.Document(tmp_path / "报告.修订.docx")
    p = package.paragraphs[1]._p
    deleted = p.find(f"{W}del")
    assert deleted is not None and "".join(t.text for t in deleted.iter(W + "delText")) == "制"
    assert deleted.find(f"{W}r/{W}rPr/{W}b") is not None  # the deleted 制 was bold
    inserted = p.find(f"{W}ins")
    assert inserted is not None and inserted.find(f"{W}r/{W}rPr/{W}b") is not None  # so is 治
    texts = [t.text for t in p.iter(W + "t")]
    assert texts == ["深入推进", "法", "治", "政府建设，成效明显。"]


def fix_word(document: object, folder: Path) -> str:
    """Save a python-docx document as 报告.docx in ``folder`` and run ``fix --write`` on it."""
    original = folder / "报告.docx"
    document.save(str(original))  # type: ignore[attr-defined]
    code, _, err = run(str(original), "--write")
    assert code == 0, err
    return err


def _report(path: Path) -> dict[str, object]:
    import checker

    return checker.check_path(str(path), use_cache=False)


def test_a_fix_half_inside_a_hyperlink_is_not_half_made(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("示例县人民政府")
    paragraph = document.add_paragraph("落实“谁普法")
    paragraph._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W[1:-1]}" w:anchor="x"><w:r><w:t>谁执法”责任制</w:t></w:r></w:hyperlink>'))
    document.add_paragraph("推进法制政府建设。")
    err = fix_word(document, tmp_path)
    assert "修订 1 处" in err and "另有 1 处" in err and "谁普法谁执法" in err
    body = docx.Document(tmp_path / "报告.修订.docx").element.body
    assert ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")] == ["制"]
    assert "".join(t.text for t in body.iter(W + "t")).count("谁普法谁执法") == 1  # untouched


def test_a_fix_in_a_text_box_is_made_in_both_of_its_copies(tmp_path: Path) -> None:
    # Word writes a text box twice: DrawingML in mc:Choice and VML in mc:Fallback, which older Word
    # and some WPS versions show; the reader reads the first, and the fix must reach both.
    import docx
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    box = "<w:txbxContent><w:p><w:r><w:t>县政府专题研究法制政府建设2次。</w:t></w:r></w:p></w:txbxContent>"
    document = docx.Document()
    document.add_paragraph("示例县人民政府")
    document.add_paragraph("全年推进依法行政。")._p.append(parse_xml(
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    err = fix_word(document, tmp_path)
    assert "修订 1 处" in err
    body = docx.Document(tmp_path / "报告.修订.docx").element.body
    copies = body.findall(f".//{W}txbxContent")
    assert len(copies) == 2
    for copy in copies:
        assert ["".join(t.text for t in d.iter(W + "delText")) for d in copy.iter(W + "del")] == ["制"]
        assert ["".join(t.text for t in i.iter(W + "t")) for i in copy.iter(W + "ins")] == ["治"]
        assert "".join(t.text for t in copy.iter(W + "t")) == "县政府专题研究法治政府建设2次。"
    ids = [c.get(W + "id") for c in body.iter(W + "del", W + "ins")]
    assert len(set(ids)) == len(ids) == 4
