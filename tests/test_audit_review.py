"""The reviewer's findings on a city's filings (closing lines, honest verdicts, repeated plans,
files that are no report, broken files, ties), each on reports written here."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from rich.console import Console

from checker.audit import exports
from checker.audit.batch import Audit, run_audit
from checker.audit.terminal import render
from checker.audit.worker import AuditConfig
from checker.commands.cli import main


def report(year: int, plan: str, problems: str = "一是执法公示不及时。究其原因，主要是执法单位重视不够。",
           measures: str = "全县行政复议收案81件，纠错7件；县政府一审行政诉讼案件37件，败诉4件。",
           issuer: str = "临江市青石县人民政府", closing: str = "") -> str:
    return (f"{issuer}关于{year}年度法治政府建设情况的报告\n\n中共临江市委、临江市人民政府：\n"
            "现将有关情况报告如下。\n\n"
            f"一、{year}年推进法治政府建设的主要举措和成效\n{measures}\n\n"
            f"二、{year}年推进法治政府建设存在的不足和原因\n{problems}\n\n"
            "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            "县长主持县政府常务会议研究法治政府建设工作2次，组织会前学法9次，带头出庭应诉1次。\n\n"
            f"四、{year + 1}年推进法治政府建设的主要安排\n{plan}{closing}\n\n"
            f"{issuer}\n{year + 1}年2月10日\n")


OTHER_PROBLEMS = "一是普法宣传针对性不强。究其原因，主要是以案释法开展较少。"
AuditOf = Callable[[dict[str, str | bytes]], Audit]

PLAN = ("一是深化“双随机、一公开”监管，推动跨部门联合抽查常态化，抽查结果全部向社会公示。\n"
        "二是加强执法人员培训，全年组织专题培训不少于4期。")


@pytest.fixture
def audit_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AuditOf]:
    """Audit files written from ``{name: text}`` in a fresh folder and cache."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    opened: list[Audit] = []

    def run(files: dict[str, str | bytes]) -> Audit:
        folder = tmp_path / f"batch{len(opened)}"
        folder.mkdir()
        for name, text in files.items():
            target = folder / name
            target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        audit = run_audit(sorted(str(p) for p in folder.iterdir()), AuditConfig(use_cache=False), jobs=0)
        opened.append(audit)
        return audit

    yield run
    for audit in opened:
        audit.close()


@pytest.mark.parametrize("closing", ["\n特此报告。", "特此报告。", "\n以上报告，请审阅。"])
def test_closing_lines_are_no_plan_items(audit_of: AuditOf, closing: str) -> None:
    audit = audit_of({"2024.txt": report(2024, PLAN, closing=closing)})
    items = [i["text"] for i in audit.features(audit.rows[0])["plan_items"]]
    assert items == PLAN.split("\n")


def test_a_lone_plan_sentence_keeps_the_signature_out(audit_of: AuditOf) -> None:
    plan = "推行涉企检查统筹，建立“白名单”制度，减少对守法企业的检查。"
    audit = audit_of({"2024.txt": report(2024, plan, closing="\n\n特此报告。")})
    items = [i["text"] for i in audit.features(audit.rows[0])["plan_items"]]
    assert items == [plan]


def test_an_unmatched_plan_item_is_no_accusation(audit_of: AuditOf, tmp_path: Path) -> None:
    """Below the cut-off the work may have been told in other words: every view says what was not
    found and asks for a look, none says 未见报告; the JSON keeps ``reported: false``."""
    files = {"2024.txt": report(2024, PLAN),
             "2025.txt": report(2025, "一是开展以案释法活动，全年不少于6场。", problems=OTHER_PROBLEMS)}
    audit = audit_of(files)
    exports.write("html", audit, tmp_path / "a.html")
    exports.write("xlsx", audit, tmp_path / "a.xlsx")
    exports.write("json", audit, tmp_path / "a.json")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    sheet = load_workbook(tmp_path / "a.xlsx")["逐年对比"]
    verdicts = {row[5] for row in sheet.iter_rows(min_row=2, values_only=True)}
    folder = tmp_path / "terminal"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    shown = CliRunner().invoke(main, ["audit", str(folder), "--no-cache", "--no-color", "-j", "0"]).output
    data = (tmp_path / "a.json").read_text(encoding="utf-8")
    for view in (page, shown, data, str(verdicts)):
        assert "未见报告" not in view
    assert "未找到相近表述，请人工核对" in page and verdicts == {"未找到相近表述，请人工核对"}
    assert "未找到相近表述：一是深化" in shown and "请人工核对" in shown
    assert '"reported":false' in data


def test_a_plan_copied_from_last_year_is_reported_like_repeated_problems(audit_of: AuditOf,
                                                                        tmp_path: Path) -> None:
    audit = audit_of({"2024.txt": report(2024, PLAN), "2025.txt": report(2025, PLAN, problems=OTHER_PROBLEMS)})
    summary = audit.years[0]
    assert (summary.repeated, summary.repeated_plan) == (0, 2)
    assert audit.year_pair(summary).repeated_plan == PLAN.split("\n")
    for fmt in ("html", "xlsx", "json"):
        exports.write(fmt, audit, tmp_path / f"a.{fmt}")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "本年原样重复上年安排 2 句" in page and "与上年原样重复的安排" in page
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["audit"]["year_over_year"][0]["repeated_plans"] == PLAN.split("\n")
    rows = list(load_workbook(tmp_path / "a.xlsx")["逐年对比"].iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in rows if r[3] == "重复的安排"] == PLAN.split("\n")
    out = io.StringIO()
    render(Console(file=out, width=100, color_system=None), audit)
    shown = out.getvalue()
    assert "原样重复上年安排 2 句" in shown and "安排原样重复：一是深化" in shown


NOTICE = ("临江市全面依法治市委员会办公室\n关于召开全市法治政府建设工作推进会的通知\n\n"
          "各县（区）人民政府，市政府各部门：\n\n"
          "定于2026年3月18日上午9:00召开全市法治政府建设工作推进会，通报2025年度报告审核情况，部署2026年重点工作。"
          "请各单位分管负责同志参会。\n\n临江市全面依法治市委员会办公室\n2026年3月10日\n")


def test_a_notice_filed_with_the_reports_is_a_row_outside_every_figure(audit_of: AuditOf, tmp_path: Path) -> None:
    """The notices are rows outside the figures; weak real reports (one without its title, one with
    thin contents under a title of its kind) stay ranked."""
    short = "会议通知\n\n请各单位于3月18日上午参会。\n"
    weak = report(2025, PLAN, issuer="临江市白沙县人民政府").split("\n", 1)[1]  # without its title
    thin = ("临江市教育局2025年度法治政府建设情况报告\n\n今年我局依法行政工作总体平稳，"
            "按照上级要求开展了普法宣传和执法培训。\n\n临江市教育局\n2026年1月5日\n")
    audit = audit_of({"2025.txt": report(2025, PLAN), "通知.txt": NOTICE, "短通知.txt": short,
                      "weak.txt": weak, "thin.txt": thin})
    notices = [r for r in audit.rows if r.path.endswith("通知.txt")]
    assert all(r.excluded and r.excluded.startswith("不像法治政府建设年度报告：") and r.rank is None
               for r in notices)
    assert sorted(Path(r.path).name for r in audit.checked) == ["2025.txt", "thin.txt", "weak.txt"]
    assert audit.rows[:3] == audit.checked and [r.rank for r in audit.checked] == [1, 2, 3]
    assert sum(audit.element_counts["content.shortcomings"].values()) == 3  # the reports alone
    assert audit.timing_counts()["逾期"] == 0 and sum(n for _, n in audit.score_bins()) == 3
    assert all(reports <= 3 for reports, _ in audit.rule_counts.values())
    exports.write("html", audit, tmp_path / "a.html")
    exports.write("json", audit, tmp_path / "a.json")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    average = sum(r.score for r in audit.checked) / 3
    assert f"<b>{average:.1f}</b>平均分" in page and "不计入排名：不像法治政府建设年度报告" in page
    ranking = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["audit"]["ranking"]
    assert [bool(r["not_report"]) for r in ranking] == [False, False, False, True, True]



def test_a_broken_file_says_what_to_do_and_has_no_score(audit_of: AuditOf, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # a zip, but no Word package: no [Content_Types].xml
        archive.writestr("word/document.xml", "<w:document/>")
    audit = audit_of({"junk.docx": buffer.getvalue(), "empty.docx": b"", "2025.txt": report(2025, PLAN)})
    exports.write("json", audit, tmp_path / "a.json")
    exports.write("csv", audit, tmp_path / "a.csv")
    ranking = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["audit"]["ranking"]
    broken = {Path(r["path"]).name: r for r in ranking if r["rank"] is None}
    assert {name: r["score"] for name, r in broken.items()} == {"junk.docx": None, "empty.docx": None}
    assert "另存为 .docx" in broken["junk.docx"]["remedy"] and broken["empty.docx"]["remedy"]
    notes = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert notes.count("；处理办法：") == 2
    out = io.StringIO()
    render(Console(file=out, width=100, color_system=None), audit)
    assert "处理办法：用 Word 或 WPS 打开后另存为 .docx 再检查" in out.getvalue().replace("\n      ", "")


def test_equal_scores_go_by_the_results_not_the_file_name(audit_of: AuditOf, tmp_path: Path) -> None:
    """Same score, same findings: the report stating more figures ranks first, whatever its name;
    a pair flagged as near-copies shows its mark in the ranking of every view, its score unchanged."""
    more = ("全县行政复议收案81件，纠错7件；县政府一审行政诉讼案件37件，败诉4件。审核规范性文件16件，"
            "评查执法案卷240卷，培训执法人员560人次。")
    audit = audit_of({"a.txt": report(2025, PLAN, issuer="临江市白沙县人民政府"),
                      "z.txt": report(2025, PLAN, issuer="临江市柳河县人民政府", measures=more)})
    a, z = sorted(audit.rows, key=lambda r: r.path)
    assert a.score == z.score and (a.errors, a.warnings, a.findings) == (z.errors, z.warnings, z.findings)
    assert z.facts > a.facts and audit.rows == [z, a]
    assert audit.copies and a.copy_share and z.copy_share  # the same 不足 and 安排: a flagged pair
    exports.write("html", audit, tmp_path / "a.html")
    exports.write("xlsx", audit, tmp_path / "a.xlsx")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert page.count('<td class="num copy"') == 2 and 'href="#copies"' in page
    sheet = load_workbook(tmp_path / "a.xlsx")["报告排名"]
    heads = [c.value for c in sheet[1]]
    marks = [row[heads.index("雷同")] for row in sheet.iter_rows(min_row=2)]
    assert all(c.value and c.fill.fgColor.rgb.endswith("FFE8CC") for c in marks)
