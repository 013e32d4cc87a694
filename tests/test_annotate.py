"""``checker check --annotate``: a copy of the report with every finding as a Word comment on its passage."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.render.labels import SEVERITY
from checker.render.word.comments import annotate_with_places, summary
from tests.fixtures.drafts import comments_with_anchors, draft_docx, draft_text, paragraphs
from tests.fixtures.make_reports import build_pdf

LABELS = ("一、", "二、", "三、", "四、", "（一）", "（二）", "（三）")


def check_json(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["check", str(path), "--no-cache", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def annotate_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


def unlabelled(excerpt: str) -> str:
    """The passage as it is in the runs: Word draws the automatic number, no run holds it."""
    for label in LABELS:
        if excerpt.startswith(label):
            return excerpt[len(label):]
    return excerpt


def test_a_word_report_gets_an_annotated_copy_and_stays_untouched(tmp_path: Path) -> None:
    import docx

    original = tmp_path / "报告.docx"
    original.write_bytes(draft_docx())
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    code, _, err = annotate_cli(str(original), "--annotate")
    assert code == 1  # the draft has errors: the exit status is check's
    annotated = tmp_path / "报告.批注.docx"
    assert annotated.exists() and "已生成批注稿" in err
    assert hashlib.sha256(original.read_bytes()).hexdigest() == digest

    report = check_json(original)["reports"][0]  # type: ignore[index]
    findings = [f for f in report["findings"] if not f.get("suppressed")]
    comments = comments_with_anchors(annotated.read_bytes())
    assert len(comments) == len(findings) + 1
    assert all(c["author"] == "报告检查工具" for c in comments)
    first = comments[0]
    assert first["anchor"] == "柳岸县人民政府关于2024年度法治政府建设情况的报告"  # the title, both its lines
    assert report["grade"]  # the contract's grade, shown in the first comment
    assert first["text"].startswith(f"检查结果：{report['score']} 分，等级：{report['grade']}，"
                                  f"未通过（{'；'.join(report['fail_reasons'])}）。")
    by_message = {c["text"].split("\n")[0]: c for c in comments[1:]}
    for finding in findings:
        comment = by_message[f"{SEVERITY[finding['severity']]}：{finding['message']}"]
        if finding["excerpt"]:
            assert comment["anchor"] == unlabelled(finding["excerpt"])  # the cited passage, exactly
        if finding.get("suggestion"):
            assert f"建议：{finding['suggestion']}" in comment["text"]
        assert "依据：" in comment["text"]

    # Everything else of the original survives: header, table, numbering, the text itself.
    package = docx.Document(io.BytesIO(annotated.read_bytes()))
    assert package.sections[0].header.paragraphs[0].text == "内部资料 注意保存"
    assert [c.text for c in package.tables[0].rows[0].cells] == ["审核规范性文件", "31件"]
    from checker.readers import read_path

    assert read_path(str(annotated)).text == read_path(str(original)).text


def test_each_anchor_is_the_cited_passage_for_text_and_pdf_inputs(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(draft_text(), encoding="utf-8")
    (tmp_path / "报告.pdf").write_bytes(build_pdf(paragraphs()))
    for name in ("报告.txt", "报告.pdf"):
        path = tmp_path / name
        document = check_json(path)
        report = document["reports"][0]  # type: ignore[index]
        data, placed = annotate_with_places(report, path, rules=document["rules"])  # type: ignore[arg-type]
        comments = comments_with_anchors(data)
        assert [c["anchor"] for c in comments] == [p.anchor for p in placed]
        cited = [p for p in placed if p.finding is not None and p.finding.get("excerpt")]
        assert cited and all(p.exact for p in cited), name
        for item in cited:
            assert item.anchor == item.finding["excerpt"], name  # type: ignore[index]
        missing = [p for p in placed if p.finding is not None and not p.finding.get("line")]
        assert all(p.anchor == placed[0].anchor for p in missing)  # on the title, with the summary


def test_a_passage_across_runs_is_split_at_its_ends_and_keeps_formatting(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("示例县人民政府")
    document.add_paragraph("关于2024年度法治政府建设情况的报告")
    paragraph = document.add_paragraph("深入推进法")
    bold = paragraph.add_run("制政府建设")
    bold.bold = True
    paragraph.add_run("，开展“谁普法谁执法”活动。")
    buffer = io.BytesIO()
    document.save(buffer)
    source = tmp_path / "报告.docx"
    source.write_bytes(buffer.getvalue())
    document_json = check_json(source)
    data, _ = annotate_with_places(document_json["reports"][0], source)  # type: ignore[index,arg-type]
    anchors = {c["anchor"] for c in comments_with_anchors(data)}
    assert {"法制政府", "谁普法谁执法"} <= anchors
    runs = docx.Document(io.BytesIO(data)).paragraphs[2].runs
    texts = [(r.text, bool(r.bold)) for r in runs if r.text]
    assert texts[:4] == [("深入推进", False), ("法", False), ("制政府", True), ("建设", True)]


def test_annotate_dir_collects_copies_and_a_bad_file_costs_one_copy(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "报告.txt").write_text(draft_text(), encoding="utf-8")
    (tmp_path / "b" / "报告.docx").write_bytes(draft_docx())
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04 not a zip")
    out = tmp_path / "批注"
    code, _, err = annotate_cli(str(tmp_path / "a" / "报告.txt"), str(tmp_path / "b" / "报告.docx"),
                                str(tmp_path / "坏.docx"), "--annotate-dir", str(out))
    assert code == 2  # the broken file
    assert sorted(p.name for p in out.iterdir()) == ["报告-2.批注.docx", "报告.批注.docx"]
    assert err.count("已生成批注稿") == 2


def test_the_first_comment_gives_the_grade_when_the_report_has_one() -> None:
    report = {"score": 81.5, "passed": True, "grade": "良好", "grade_reasons": ["得分在 80 至 89 分之间"],
              "findings": [], "elements": [{"id": "content.causes", "name": "不足的原因", "status": "missing"}]}
    text = summary(report)
    assert text.splitlines()[0] == "检查结果：81.5 分，等级：良好，通过。"
    assert "补写不足的原因" in text and "等级说明：得分在 80 至 89 分之间" in text
    assert "等级" not in summary({**report, "grade": None, "grade_reasons": []})


@pytest.mark.parametrize("name", ["报告.md", "报告.html"])
def test_every_input_format_yields_a_word_file(tmp_path: Path, name: str) -> None:
    import docx

    from tests.fixtures.make_reports import build_html

    path = tmp_path / name
    if name.endswith(".md"):
        path.write_text(draft_text(), encoding="utf-8")
    else:
        path.write_bytes(build_html(paragraphs()))
    code, _, err = annotate_cli(str(path), "--annotate")
    assert code == 1, err
    annotated = tmp_path / "报告.批注.docx"
    package = docx.Document(annotated)
    title = next(p for p in package.paragraphs if p.text.endswith("关于2024年度法治政府建设情况的报告"))
    assert title.alignment == 1 and title.runs[0].bold  # the title centred and bold
    assert not any(p.alignment == 1 for p in package.paragraphs if p.text.startswith("市人民政府"))
    assert len(comments_with_anchors(annotated.read_bytes())) >= 5


def test_a_missing_element_is_a_comment_on_the_heading_of_its_section(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("示例县人民政府\n关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年审核规范性文件31件。\n"
                    "二、存在的不足\n基层执法力量薄弱，法治宣传的针对性不强，部分干部运用法治思维的能力不足。\n",
                    encoding="utf-8")
    document = check_json(path)
    report = document["reports"][0]  # type: ignore[index]
    causes = next(e for e in report["elements"] if e["id"] == "content.causes")
    assert causes["status"] == "missing" and causes["section"]["text"] == "二、存在的不足"
    _, placed = annotate_with_places(report, path, rules=document["rules"])  # type: ignore[arg-type]
    on_causes = next(p for p in placed if p.finding is not None and p.finding["rule"] == "content.causes")
    assert on_causes.anchor == "二、存在的不足" and not on_causes.exact
    on_next_year = next(p for p in placed if p.finding is not None and p.finding["rule"] == "content.next-year")
    assert on_next_year.anchor == "示例县人民政府关于2024年度法治政府建设情况的报告"  # no such section: on the title
