"""Wording rules beyond the tables: references as dated data, placeholders, punctuation.

The rules' own examples run in test_rule_examples; here the behaviour that spans
rules or years: the 2026 season, looking-back clauses, an entry's own level and
exceptions, nested marks, and a wrong example of an entry failing the rule test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.model import Finding
from tests.conftest import check


def found(text: str, prefix: str, year: int | None = None) -> list[Finding]:
    return [f for f in check(text, year=year).findings if f.rule.startswith(prefix)]


# ---------------------------------------------------------------- the 2026 season

CURRENT = "深入实施“八五”普法规划，对照《法治政府建设实施纲要（2021—2025年）》，围绕“十四五”规划目标推进工作。"


def test_a_report_on_2026_cites_three_expired_plans() -> None:
    rules = sorted(f.rule for f in found(CURRENT, "ref.", year=2026))
    assert rules == ["ref.old-five-year-plan", "ref.old-pufa", "ref.superseded-outline"]
    outline = next(f for f in found(CURRENT, "ref.superseded-outline", year=2026))
    assert outline.severity == "warning"  # the successor is not verified: a warning, not an error
    assert "新纲要" in outline.message


@pytest.mark.parametrize("year", [2021, 2024, 2025])
def test_the_same_sentence_is_current_until_2025(year: int) -> None:
    assert found(CURRENT, "ref.", year=year) == []


def test_an_unknown_year_judges_nothing() -> None:
    assert found(CURRENT, "ref.", year=None) == []


@pytest.mark.parametrize("text", [
    "“十四五”期间累计办理行政复议案件1,200件。",
    "“八五”普法期间形成的经验做法得到推广。",
    "认真总结“八五”普法经验，谋划“九五”普法。",
    "2025年，“十四五”规划和“八五”普法规划圆满收官。",
    "全面总结《法治政府建设实施纲要（2021—2025年）》实施情况。",
    "在“十四五”打下的基础上，开启“十五五”新征程。",
])
def test_looking_back_in_2026_is_not_stale(text: str) -> None:
    assert found(text, "ref.", year=2026) == []


def test_looking_back_is_judged_per_clause() -> None:
    text = "“八五”普法期间成效明显，今年继续深入实施“八五”普法规划。"
    [finding] = found(text, "ref.old-pufa", year=2026)
    assert finding.column == text.rindex("“八五”") + 1


def test_a_review_of_the_seventh_plan_is_not_a_citation() -> None:
    text = "在“七五”普法圆满完成的基础上，启动“八五”普法。"
    assert found(text, "ref.", year=2021) == []
    assert found("继续实施“七五”普法规划。", "ref.old-pufa", year=2021)


def test_plenum_list_that_stops_early_is_information() -> None:
    [finding] = found("深入学习贯彻党的二十大和二十届二中、三中全会精神。", "ref.old-congress", year=2025)
    assert finding.severity == "info" and "四中全会" in finding.message
    assert found("深入学习贯彻党的二十大和二十届二中、三中、四中全会精神。", "ref.", year=2025) == []


@pytest.mark.parametrize(("text", "fires"), [
    ("对照《法治政府建设实施纲要（2021—2035年）》查漏补缺。", True),
    ("落实《法治社会建设实施纲要（2021—2025年）》。", True),
    ("实施“八五”普法规划（2021—2026年）。", True),
    ("落实《法治社会建设实施纲要（2020—2025年）》和《法治中国建设规划（2020—2025年）》。", False),
    ("落实《国土空间总体规划（2021—2035年）》。", False),
    ("对照《法治政府建设实施纲要（2026—2030年）》部署任务。", False),
])
def test_mistyped_periods(text: str, fires: bool) -> None:
    assert bool(found(text, "ref.year-range")) is fires


# ---------------------------------------------------------------- placeholders

@pytest.mark.parametrize("text", [
    "全年调解矛盾纠纷【填写】件。",
    "全年办理案件【数据待补】件。",
    "全年办理行政复议案件××件。",
    "纠错率XX%。",
    "县司法局某某同志作辅导。",
    "于20××年××月召开会议。",
])
def test_placeholders(text: str) -> None:
    assert found(text, "text.placeholder")


@pytest.mark.parametrize("text", [
    "调解张某某与李某某土地纠纷。",
    "二〇〇〇年以来建成调解组织三百个。",
    "【打印本页】【关闭窗口】",
    "**一是强化组织领导。**压实责任。",
    "推行“X+Y”执法模式。",
])
def test_not_placeholders(text: str) -> None:
    assert found(text, "text.placeholder") == []


# ---------------------------------------------------------------- punctuation

def test_nested_titles_and_quotes() -> None:
    [title] = found("学习《关于修改《行政复议法》的决定》。", "punct.unbalanced")
    assert "〈〉" in title.message
    [quote] = found("提出“落实“谁执法谁普法”责任制”的要求。", "punct.unbalanced")
    assert "‘’" in quote.message
    assert found("学习《关于修改〈行政复议法〉的决定》。", "punct.") == []


def test_an_open_quote_is_reported_as_open_not_as_nested() -> None:
    [finding] = found("开展“综治宣传月、“12·4”国家宪法日活动。", "punct.unbalanced")
    assert "没有对应" in finding.message


@pytest.mark.parametrize(("text", "rule"), [
    ("围绕一个目标—建设法治政府示范县。", "punct.dash"),
    ("开展送法进企业、进校园......活动。", "punct.ellipsis"),
    ("开展送法进企业、进校园。。。", "punct.ellipsis"),
    ("开展“12.4”国家宪法日宣传。", "punct.interpunct"),
    ("落实《示例省实施方案（2021-2025年）》。", "punct.range-dash"),
])
def test_punctuation_errors(text: str, rule: str) -> None:
    assert found(text, rule)


@pytest.mark.parametrize("text", [
    "推进“互联网+政务服务”，构建“1+N”法律服务体系。",
    "上线执法监督平台2.0版。",
    "推动成都—重庆经济圈一体化发展。",
    "落实《法治政府建设实施纲要（2021—2025年）》。",
    "发布日期：2025-03-28。",
    "开展送法进企业、进校园……活动。",
])
def test_correct_punctuation_is_silent(text: str) -> None:
    assert found(text, "punct.") == []


# ---------------------------------------------------------------- entry examples are tests

def test_a_wrong_entry_example_fails_the_rule_test(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "pack: p\nname: 测试\nversion: '1'\nextends: fazhi-annual\n"
        "extend_lists:\n  term.confusables:\n    table:\n"
        "      - wrong: 按装\n        right: 安装\n        reason: 测试\n        source: yaowen\n"
        "        examples: {fire: ['安装设备。'], pass: ['安装设备。']}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(folder)])
    assert result.exit_code != 0
    assert "按装" in result.output and "安装设备" in result.output


def test_a_placeholder_inside_a_longer_one_is_reported_once() -> None:
    import checker

    found = [f for f in checker.check_text("县政府主要负责同志带队到×××乡督导执法工作。")["findings"]
             if f["rule"] == "text.placeholder"]
    assert [f["excerpt"] for f in found] == ["×××乡"]
