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
    sections = load_pack().templates[template].sections
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [f"## {'一二三四五'[i]}、{s.name}" for i, s in enumerate(sections)]
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
    assert headings == [f"{'一二三四五'[i]}、{s.name}" for i, s in enumerate(sections)]
    assert paragraphs[0][1].endswith("关于2024年度法治政府建设情况的报告")
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
