"""What a drafter reads: the verdict's reasons in every output, and the messages the pack states."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner

from checker.commands.cli import main
from tests.conftest import EXAMPLES

EXAMPLE = "examples/gov-report-2024.txt"  # scores 97.0, three warnings, no error


def _run(*args: str) -> str:
    os.chdir(EXAMPLES.parent)
    result = CliRunner().invoke(main, ["check", EXAMPLE, "--no-color", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_the_terminal_says_why_a_report_failed() -> None:
    assert "未通过（得分 97.0 低于 98）" in _run("--min-score", "98")
    assert "未通过（警告及以上 3 个）" in _run("--fail-on", "warning")
    assert "未通过（警告及以上 3 个；得分 97.0 低于 97.5）" in _run("--fail-on", "warning",
                                                          "--min-score", "97.5")
    assert "等级：优秀    通过" in _run()


def test_every_output_gives_the_same_reasons() -> None:
    args = ("--fail-on", "warning", "--min-score", "98")
    reasons = "警告及以上 3 个；得分 97.0 低于 98"
    report = json.loads(_run("--format", "json", *args))["reports"][0]
    assert report["passed"] is False
    assert report["fail_reasons"] == ["警告及以上 3 个", "得分 97.0 低于 98"]
    assert f"未通过（{reasons}）" in _run("--format", "github", *args).splitlines()[-1]
    junit = _run("--format", "junit", *args)
    assert f'<property name="fail_reasons" value="{reasons}" />' in junit
    assert re.search(rf'name="通过条件">\s*<failure message="未通过（{reasons}）" type="gate"', junit)
    sarif = json.loads(_run("--format", "sarif", *args))
    assert sarif["runs"][0]["properties"]["reports"][0]["failReasons"] == report["fail_reasons"]
    assert f"未通过的原因：{reasons}" in _run("--format", "html", *args)


def test_a_grade_below_the_pass_grade_is_a_reason_of_its_own(tmp_path: Path) -> None:
    from checker import check_text

    text = "示例县人民政府关于2024年度法治政府建设情况的报告\n2024年，全县推进依法行政。\n"
    report = check_text(text)
    assert report["grade"] == "不合格" and not report["passed"]
    assert report["fail_reasons"][-1] == "等级为不合格，须达到合格"
    assert report["fail_reasons"][0].startswith("错误 ")


def test_the_annotated_copy_opens_with_the_same_reasons() -> None:
    from checker.render.word.comments import summary

    report = {"score": 97.0, "grade": "优秀", "passed": False, "findings": [], "elements": [],
              "fail_reasons": ["得分 97.0 低于 98"]}
    assert summary(report).splitlines()[0] == "检查结果：97.0 分，等级：优秀，未通过（得分 97.0 低于 98）。"


def test_a_wrapped_line_never_opens_with_closing_punctuation_or_cuts_a_number() -> None:
    from checker.render.wrap import NO_BREAK_SPACE, keep, line_ends, wrap_plain

    # 14 cells: the edge falls just before "。"; the last character moves down with it ...
    assert wrap_plain("审核规范性文件。备案率百分之百", 14).splitlines() == ["审核规范性文", "件。备案率百分", "之百"]
    text = "全年审核规范性文件三十一件，备案率百分之百。此后继续推进"
    assert all(text[end] not in "。，" for end in line_ends(text, 8)[:-1])
    # ... and on a number: "97.48%" moves to the next line whole.
    lines = wrap_plain("调解成功率为计算所得的97.48%，高于上年", 24).splitlines()
    assert lines == ["调解成功率为计算所得的", "97.48%，高于上年"]
    # A figure keeps its bracket and the words joined by a no-break space stay on one line.
    item = keep(f"约数用法{NO_BREAK_SPACE}-1（1{NO_BREAK_SPACE}处）")
    lines = wrap_plain(f"规范性扣分：{item}", 22, indent=2).splitlines()
    assert lines == ["规范性扣分：", "  约数用法 -1（1 处）"]


def test_a_shortened_cell_is_cut_before_a_number_not_inside_it() -> None:
    from checker.render.terminal import _short

    assert _short("有专门章节，但正文仅 124 字，应不少于 300 字", 13) == "有专门章节，但正文仅 …"
    assert _short("正文仅 5 字", 20) == "正文仅 5 字"


def test_an_impossible_date_is_called_invalid_not_missing() -> None:
    from checker import check_text

    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n2025年，全县推进依法行政。\n"
            "示例县人民政府\n2026年2月30日\n")
    finding = next(f for f in check_text(text)["findings"] if f["rule"] == "meta.date")
    assert finding["message"] == "成文日期“2026年2月30日”不是有效日期：2026年2月只有28天"
    assert "未找到" not in finding["message"]


NO_YEAR = ("关于法治政府建设情况的报告\n今年以来，县政府深入推进依法行政。\n"
           "一、主要举措和成效\n全面推行行政执法三项制度。\n")


def test_a_year_given_on_the_command_line_is_named_so_and_clears_the_year_finding(tmp_path: Path) -> None:
    draft = tmp_path / "报告.txt"
    draft.write_text(NO_YEAR, encoding="utf-8")
    runner = CliRunner()
    without = runner.invoke(main, ["check", str(draft), "--format", "json"]).stdout
    assert any(f["rule"] == "meta.year" for f in json.loads(without)["reports"][0]["findings"])
    given = json.loads(runner.invoke(main, ["check", str(draft), "--format", "json", "--year", "2024"]).stdout)
    report = given["reports"][0]
    assert report["year"] == 2024 and report["year_source"] == "option"
    assert not any(f["rule"] == "meta.year" for f in report["findings"])
    terminal = runner.invoke(main, ["check", str(draft), "--no-color", "--year", "2024"]).stdout
    assert "年度：2024（命令行指定）" in terminal
    html = runner.invoke(main, ["check", str(draft), "--format", "html", "--year", "2024"]).stdout
    assert "年度：2024（命令行指定）；" in html


def test_a_year_from_an_unknown_source_gets_no_empty_brackets() -> None:
    from checker.render.labels import year_text

    assert year_text({"year": 2024, "year_source": "something-new"}) == "2024"
    assert year_text({"year": None}) == "未写明"


def test_the_header_calls_an_impossible_date_invalid(tmp_path: Path) -> None:
    draft = tmp_path / "报告.txt"
    draft.write_text("示例县人民政府关于2025年度法治政府建设情况的报告\n2025年，全县推进依法行政。\n"
                     "示例县人民政府\n2026年2月30日\n", encoding="utf-8")
    terminal = CliRunner().invoke(main, ["check", str(draft), "--no-color", "--width", "100"]).stdout
    assert "成文日期：“2026年2月30日”无效" in terminal
    assert "核对并改为实际的成文日期" in terminal and "2025年2月20日" not in terminal


def test_a_rule_is_named_by_what_it_checks_not_by_the_form_it_flags(tmp_path: Path) -> None:
    draft = tmp_path / "报告.txt"
    draft.write_text("示例县人民政府关于2024年度法治政府建设情况的报告\n大力推进法制政府建设。\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(draft), "--format", "github"]).stdout
    assert "title=误用“法制政府”（term.fazhi-zhengfu）::错误：“法制政府”应为“法治政府”" in out


def test_the_meeting_message_and_the_arithmetic_basis_are_accurate() -> None:
    from checker import check_text
    from checker.pack.loader import load_pack

    finding = next(f for f in check_text("建立健全县政府常委会学法制度。")["findings"]
                   if f["rule"] == "term.changwu-huiyi")
    assert finding["message"] == "“政府常委会”有误：人民政府召开的是常务会议，常委会是党委或人大常委会的会议"
    rules = {rule.id: rule for rule in load_pack().rules}
    for rule_id in ("metric.rate-mismatch", "metric.breakdown", "metric.growth"):
        assert "XBRL" not in rules[rule_id].basis and "GB/T 8170-2008" in rules[rule_id].basis


def test_every_lawsuit_attended_by_the_head_is_a_rate_of_100_percent_in_words() -> None:
    from checker import check_text

    text = ("示例县司法局关于2024年度法治政府建设情况的报告\n2024年，我局深入推进依法行政。\n"
            "一、2024年推进法治政府建设的主要举措和成效\n"
            "全年发生行政诉讼一审案件3件，均由局主要负责人出庭应诉，审结3件，无败诉。\n"
            "示例县司法局\n2025年2月20日\n")
    report = check_text(text)
    element = next(e for e in report["elements"] if e["id"] == "metric.appearance-rate")
    assert element["status"] == "present"
    assert element["note"] == "文字表述：“均由局主要负责人出庭应诉”，即 100%"
    assert [(m["id"], m["value"], m["unit"]) for m in report["metrics"] if m["id"] == "appearance.rate"] \
        == [("appearance.rate", 100, "%")]
    assert not any(f["rule"] == "metric.appearance-rate" for f in report["findings"])
    # Major cases only: not a rate for all cases.
    subset = check_text(text.replace("均由局主要负责人", "重大案件均由局主要负责人"))
    assert next(e for e in subset["elements"] if e["id"] == "metric.appearance-rate")["status"] != "present"


def test_sizes_are_in_megabytes_with_the_decimals_that_show_the_excess(tmp_path: Path) -> None:
    from checker.errors import ReadError
    from checker.readers import read_path
    from checker.readers.limits import size_text, too_big

    assert size_text(50 * 1024 * 1024) == "50 MB" and size_text(12_900_000) == "12.3 MB"
    assert size_text(812 * 1024) == "812 KB" and size_text(96) == "96 字节"
    assert too_big(50 * 1024 * 1024 + 20_000, 50 * 1024 * 1024) == "（50.02 MB，上限 50 MB）"
    big = tmp_path / "big.txt"
    big.write_bytes("法治政府建设。".encode() * 200_000)
    try:
        read_path(str(big), max_bytes=2 * 1024 * 1024)
    except ReadError as exc:
        assert exc.reason == "文件过大（4 MB，上限 2 MB）"
    else:
        raise AssertionError("the file is over its limit")


def test_a_date_finding_names_one_date_its_own_corrected() -> None:
    from checker import check_text

    findings = [f for f in check_text("2024年3月05日召开常务会议。24年2月8日通过。")["findings"]
                if f["rule"] == "structure.date-format"]
    assert [(f["excerpt"], f["suggestion"], f.get("fix")) for f in findings] == [
        ("2024年3月05日", "改为“2024年3月5日”", "2024年3月5日"),
        ("24年2月8日", "年份写全，如“2024年2月8日”", None)]


def test_a_placeholder_left_in_gets_its_own_suggestion_not_the_rules_sample() -> None:
    from checker import check_text

    text = ("××县人民政府关于2024年度法治政府建设情况的报告\n2024年，全县推进依法行政。\n"
            "××县人民政府\n2025年×月×日\n")
    by_rule = {f["rule"]: f for f in check_text(text)["findings"] if f["rule"].startswith("meta.")}
    assert by_rule["meta.title"]["suggestion"] == "把标题中的“××县”换成实际的名称。"
    assert by_rule["meta.issuer"]["suggestion"] == "把落款中的“××县”换成发文机关的实际名称。"
    assert by_rule["meta.date"]["suggestion"] == "填上实际的成文日期（用阿拉伯数字将年、月、日标全）。"


def test_the_header_says_a_date_left_as_a_placeholder_is_not_filled_in() -> None:
    from checker.render.labels import date_text

    report = {"date": None, "elements": [{"id": "meta.date", "status": "weak",
                                          "evidence": [{"text": "2025年×月×日"}]}]}
    assert date_text(report) == "“2025年×月×日”尚未填写"
    assert date_text({"date": None, "elements": []}) == "未找到"
