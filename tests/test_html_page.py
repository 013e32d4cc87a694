"""The one-report page (``--format html``): golden file, escaping, marks where the findings are,
and a real browser (headless Chromium, like the audit page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from checker import __version__
from checker.commands.cli import main
from checker.render.html_page import page
from tests.conftest import golden
from tests.fixtures.drafts import draft_text
from tests.test_audit_browser import BROWSER, chromium, console_messages, read_png


def make_page(folder: Path, text: str, *args: str) -> tuple[str, Path]:
    (folder / "报告.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "报告.txt", "--no-cache", "--format", "html",
                                       "-o", "结果.html", *args])
    assert result.exit_code in (0, 1), result.output
    return (folder / "结果.html").read_text(encoding="utf-8"), folder / "结果.html"


@pytest.fixture
def draft_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    monkeypatch.chdir(tmp_path)
    return make_page(tmp_path, draft_text())


def test_the_page_is_pinned(draft_page: tuple[str, Path]) -> None:
    golden("report.html", draft_page[0].replace(f"checker {__version__}", "checker VERSION"))


def test_report_text_is_escaped_and_the_page_runs_no_script(draft_page: tuple[str, Path]) -> None:
    text = draft_page[0]
    assert "<script" not in text.lower()  # the page has no script, and the report's is text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert csp is not None and "default-src 'none'" in csp.group(1) and "script-src" not in csp.group(1)


def test_every_finding_with_a_passage_is_marked_in_the_text(draft_page: tuple[str, Path]) -> None:
    tree = lxml_html.fromstring(draft_page[0].encode("utf-8"))
    items = tree.xpath('//section[@id="findings"]//li')
    marked = 0
    for number, item in enumerate(items, start=1):
        passage = item.xpath('.//div[@class="passage"]/mark')
        mark = tree.xpath(f'//*[@id="m{number}"]')
        if not passage or "全文" in item.text_content().split()[1]:
            assert not mark
            continue
        excerpt = passage[0].text_content()
        assert mark, excerpt
        row = mark[0].xpath('ancestor::div[contains(@class, "row")]')[0]
        marks = "".join(m.text_content() for m in row.xpath('.//mark'))
        assert excerpt in marks
        assert row.xpath(f'.//aside//*[@id="n{number}"]')  # its finding beside it
        marked += 1
    assert marked >= 6  # the draft has at least this many cited passages: the loop is not vacuous
    assert not tree.xpath('//section[@id="findings"]//code')  # rule ids stay out of what a drafter reads


def test_the_page_function_takes_a_report_and_its_text() -> None:
    report = {"path": "报告.txt", "title": "关于<b>2024</b>年度的报告", "score": 88.0, "passed": True,
              "grade": "良好", "grade_reasons": ["得分 80 分以上"], "template": "gov-annual", "elements": [],
              "findings": [{"rule": "term.fazhi-zhengfu", "severity": "error", "message": "“法制政府”应为“法治政府”",
                            "line": 2, "column": 3, "excerpt": "法制政府", "suggestion": "法治政府"}]}
    out = page(report, "标题\n推进法制政府建设。")
    assert "<title>关于&lt;b&gt;2024&lt;/b&gt;年度的报告 — 检查结果</title>" in out
    assert '<div class="card"><b>良好</b>等级</div>' in out and "得分 80 分以上" in out
    assert '<mark class="error" id="m1"' in out and ">法制政府</mark>" in out
    assert "等级" not in page({**report, "grade": None, "grade_reasons": None}, "标题\n推进法制政府建设。")


def test_several_reports_share_one_page_with_distinct_anchors(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "甲.txt").write_text(draft_text(), encoding="utf-8")
    (tmp_path / "乙.txt").write_text(draft_text(), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "甲.txt", "乙.txt", "--no-cache", "--format", "html"])
    ids = re.findall(r' id="([^"]+)"', result.stdout)
    assert len(ids) == len(set(ids)) and "r0-m1" in ids and "r1-m1" in ids


@pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium)")
def test_in_a_browser_nothing_runs_and_the_marks_are_drawn(draft_page: tuple[str, Path], tmp_path: Path) -> None:
    path = draft_page[1]
    result = chromium(path, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    dom = result.stdout
    assert "<title>柳岸县人民政府关于2024年度法治政府建设情况的报告 — 检查结果</title>" in dom
    assert "<script" not in dom.lower() and dom.count("<mark") >= 18
    shot = tmp_path / "page.png"
    result = chromium(path, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,3600",
                      "--hide-scrollbars")
    assert shot.exists(), result.stderr[-2000:]
    _, _, pixels = read_png(shot.read_bytes())
    yellow = sum(1 for r, g, b in pixels if r > 240 and 200 < g < 225 and b < 90)  # mark #ffd33d
    pink = sum(1 for r, g, b in pixels if r > 245 and 195 < g < 215 and 195 < b < 215)  # mark.error #ffcecb
    assert yellow > 500 and pink > 300


def test_a_missing_element_is_noted_beside_the_heading_of_its_section(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text, _ = make_page(tmp_path, "示例县人民政府\n关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
                                  "全年审核规范性文件31件。\n二、存在的不足\n基层执法力量薄弱，法治宣传的针对性不强。\n")
    tree = lxml_html.fromstring(text.encode("utf-8"))
    items = tree.xpath('//section[@id="findings"]//li')
    number = next(k for k, li in enumerate(items, start=1) if "报告应分析存在不足的原因" in li.text_content())
    mark = tree.xpath(f'//*[@id="m{number}"]')
    assert mark and mark[0].text_content() == "二、存在的不足"
