"""``checker init``: a skeleton has every section, and an unfilled one is never judged a finished report."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.engine import Options, check_document
from checker.model import ReportResult
from checker.pack.loader import load_pack
from checker.text.document import Document

TEMPLATES = ("gov-annual", "dept-annual")
CONTENT = ("content.measures", "content.shortcomings", "content.causes", "content.first-responsible",
           "content.next-year")
HAS_DOCX_READER = importlib.util.find_spec("checker.readers.docx") is not None


def init(tmp_path: Path, template: str, fmt: str, *extra: str) -> Path:
    target = tmp_path / f"{template}.{fmt}"
    result = CliRunner().invoke(main, ["init", "--template", template, "--year", "2024",
                                       "--format", fmt, "-o", str(target), *extra])
    assert result.exit_code == 0, result.output
    assert "已生成报告框架" in result.stdout
    return target


def expected_headings(template: str) -> list[str]:
    """一、2024年推进法治政府建设的主要举措和成效 … 四、2025年推进法治政府建设的主要安排."""
    sections = load_pack().templates[template].sections
    return [f"{'一二三四五'[i]}、{(s.skeleton_heading or s.name).format(year=2024, next_year=2025)}"
            for i, s in enumerate(sections)]


def check_file(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", str(path)])
    assert result.exit_code == 1, result.output  # an unfilled skeleton never passes
    report: dict[str, object] = json.loads(result.stdout)["reports"][0]
    return report


def assert_skeleton_verdict(statuses: dict[str, str], score: float, template: str,
                            detected: str | None) -> None:
    """Every content element there in structure, none with content: a hint-only section is missing."""
    assert {e: statuses[e] for e in CONTENT} == dict.fromkeys(CONTENT, "missing")
    # The title is all there but ××县: a placeholder left in is weak, not present.
    assert statuses["meta.title"] == "weak" and statuses["meta.year"] == "present"
    assert score < 60
    assert detected == template


@pytest.mark.parametrize("template", TEMPLATES)
def test_markdown_skeleton_has_every_section_with_a_hint(tmp_path: Path, template: str) -> None:
    text = init(tmp_path, template, "md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].endswith("关于2024年度法治政府建设情况的报告")
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [f"## {h}" for h in expected_headings(template)]
    assert lines[2].endswith("人民政府：")  # 主送机关
    for heading in headings:
        after = lines[lines.index(heading) + 2]
        assert after.startswith("【填写提示：") and after.endswith("】")
    assert lines[-1] == "2025年×月×日"


@pytest.mark.parametrize("template", TEMPLATES)
def test_markdown_skeleton_is_missing_every_content_end_to_end(tmp_path: Path, template: str) -> None:
    report = check_file(init(tmp_path, template, "md"))
    statuses = {e["id"]: e["status"] for e in report["elements"]}  # type: ignore[attr-defined]
    assert_skeleton_verdict(statuses, float(report["score"]), template,  # type: ignore[arg-type]
                            report["template"])  # type: ignore[arg-type]
    rules = {f["rule"] for f in report["findings"]}  # type: ignore[attr-defined]
    assert "text.placeholder" in rules  # ××县 is to be replaced
    assert "timing.heading-year" not in rules  # its headings carry the right years
    assert "text.hint-left" in rules  # and every 【填写提示】 is an error until it is gone
    assert report["grade"] == "不合格"
    assert "punct.unbalanced" not in rules and "ref.year-range" not in rules  # hints trigger nothing


def test_hints_are_not_substance_even_when_they_name_the_cause_phrases(tmp_path: Path) -> None:
    text = init(tmp_path, "gov-annual", "md").read_text(encoding="utf-8")
    assert "究其原因" in text  # the gov-annual hint for shortcomings names the phrase
    hint = "【填写提示：上一年度推进法治政府建设存在的不足"
    filled = text.replace(hint, "究其原因，主要是学法用法制度落实不够经常，乡镇法治机构人员编制少、流动快，"
                                "专业人员补充渠道不畅。\n" + hint)
    report = check_file_allowing(tmp_path / "filled.md", filled)
    causes = next(e for e in report["elements"] if e["id"] == "content.causes")  # type: ignore[attr-defined]
    assert causes["status"] == "present"  # real text counts; the hint beside it never did


def check_file_allowing(path: Path, text: str) -> dict[str, object]:
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", str(path)])
    report: dict[str, object] = json.loads(result.stdout)["reports"][0]
    return report


def docx_as_document(path: Path) -> Document:
    """What a .docx reader gives the engine: one line per paragraph, heading styles as hints."""
    import docx

    paragraphs = docx.Document(str(path)).paragraphs
    levels = {i: int(p.style.name.split()[-1]) for i, p in enumerate(paragraphs)
              if p.style is not None and p.style.name.startswith("Heading")}
    return Document(path=str(path), text="\n".join(p.text for p in paragraphs), format="docx",
                    heading_levels=levels)


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_skeleton_content(tmp_path: Path, template: str) -> None:
    import docx

    document = docx.Document(str(init(tmp_path, template, "docx")))
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    sections = load_pack().templates[template].sections
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == expected_headings(template)
    assert paragraphs[0][1].replace("\n", "").endswith("关于2024年度法治政府建设情况的报告")
    hints = [text for _, text in paragraphs if text.startswith("【填写提示：")]
    assert len(hints) == len(sections) + 1
    assert paragraphs[-1][1] == "2025年×月×日"


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_skeleton_is_missing_every_content(tmp_path: Path, template: str) -> None:
    path = init(tmp_path, template, "docx")
    if HAS_DOCX_READER:
        report = check_file(path)
        statuses = {e["id"]: e["status"] for e in report["elements"]}  # type: ignore[attr-defined]
        assert_skeleton_verdict(statuses, float(report["score"]), template,  # type: ignore[arg-type]
                                report["template"])  # type: ignore[arg-type]
        return
    result: ReportResult = check_document(docx_as_document(path), load_pack(), Options())
    assert_skeleton_verdict({e.id: e.status for e in result.elements}, result.score, template,
                            result.template)
    assert not result.passed


def test_stdout_overwrite_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["init", "--year", "2023", "-o", "-"])
    assert out.exit_code == 0 and out.stdout.startswith("××县人民政府关于2023年度")
    target = init(tmp_path, "gov-annual", "md")
    again = runner.invoke(main, ["init", "-o", str(target)])
    assert again.exit_code == 2 and "文件已存在" in again.stderr
    assert runner.invoke(main, ["init", "-o", str(target), "--force"]).exit_code == 0
    bad = runner.invoke(main, ["init", "--template", "no-such", "-o", "-"])
    assert bad.exit_code == 2 and "未知的模板“no-such”" in bad.stderr
    docx_out = runner.invoke(main, ["init", "--format", "docx", "-o", "-"])
    assert docx_out.exit_code == 2 and "docx" in docx_out.stderr


def test_default_file_name_and_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init"])
    year = date.today().year - 1
    assert result.exit_code == 0
    assert (tmp_path / f"{year}年度法治政府建设情况报告.md").is_file()


def test_the_headings_carry_the_years_and_the_plan_names_the_next_one(tmp_path: Path) -> None:
    text = init(tmp_path, "gov-annual", "md").read_text(encoding="utf-8")
    assert "## 一、2024年推进法治政府建设的主要举措和成效" in text
    assert "## 四、2025年推进法治政府建设的主要安排" in text
    assert "下一年度" not in "".join(line for line in text.splitlines() if line.startswith("## "))


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_skeleton_is_laid_out_per_gb_t_9704(tmp_path: Path, template: str) -> None:
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document(str(init(tmp_path, template, "docx")))
    section = document.sections[0]
    def mm(*lengths: object) -> list[float]:
        return [round(length.mm) for length in lengths]  # type: ignore[attr-defined]

    assert mm(section.page_width, section.page_height) == [210, 297]  # A4
    margins = mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert margins == [37, 35, 28, 26]  # 版心 156 mm × 225 mm

    def east_asian(element: object) -> str:
        return element.element.rPr.rFonts.get(qn("w:eastAsia"))  # type: ignore[attr-defined]

    normal, heading = document.styles["Normal"], document.styles["Heading 1"]
    assert east_asian(normal) == "仿宋_GB2312" and normal.font.size == Pt(16)  # 正文 3号仿宋
    assert east_asian(heading) == "黑体" and not heading.font.bold  # 一级标题 黑体
    assert east_asian(document.styles["Heading 2"]) == "楷体_GB2312"  # 二级标题 楷体
    assert normal.paragraph_format.first_line_indent == Pt(32)  # 左空二字
    title = document.paragraphs[0]
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert title.text == f"{title.text.split(chr(10))[0]}\n关于2024年度法治政府建设情况的报告"  # 回行词意完整
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "" and texts[2].endswith("：")  # 空一行，主送机关顶格
    assert document.paragraphs[2].paragraph_format.first_line_indent == 0
    hints = [p for p in document.paragraphs if p.text.startswith("【填写提示")]
    assert hints and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in hints for r in p.runs)
    issuer, date = document.paragraphs[-2], document.paragraphs[-1]
    assert date.paragraph_format.right_indent == Pt(64)  # 成文日期右空四字
    assert issuer.paragraph_format.right_indent >= Pt(32)  # 署名以成文日期为准居中
    # 页码：— 1 —, odd pages on the right, even pages on the left.
    assert document.settings.odd_and_even_pages_header_footer
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    fonts = docx_part(tmp_path / f"{template}.docx", "word/fontTable.xml")
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts


def docx_part(path: Path, name: str) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


@pytest.mark.skipif(not all(map(__import__("shutil").which, ("soffice", "pdftoppm", "pdfinfo"))),
                    reason="LibreOffice and poppler render the skeleton")
def test_the_skeleton_renders_on_a4_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util as util

    spec = util.spec_from_file_location("render_skeleton", Path(__file__).parents[1] / "benchmarks/render_skeleton.py")
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.render("gov-annual", 2024, tmp_path)
    assert "(A4)" in capsys.readouterr().out
    pages = sorted(out.glob("skeleton-gov-annual-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 10_000 for p in pages)
