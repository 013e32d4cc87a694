"""Arithmetic on a report's figures: rates, breakdowns, growth, rates above 100%, repeats.

Each test checks one sentence (or two) written for the purpose; a finding must
show its arithmetic, and the traps (a rate over the concluded cases, a list
that breaks down a sub-total, a partial 其中 list, approximate figures, growth
over last year's base) must stay silent.
"""

from __future__ import annotations

from typing import Any

import pytest

from checker.model import Finding
from tests.conftest import check


def findings(text: str, rule: str, year: int | None = None) -> list[Finding]:
    return [f for f in check(text, year=year).findings if f.rule == rule]


def only(text: str, rule: str) -> Finding:
    found = findings(text, rule)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def roles(finding: Finding) -> dict[str, Any]:
    assert finding.details is not None
    return {fig["role"]: fig for fig in finding.details["figures"]}


# ---------------------------------------------------------------- rates

RATE = "metric.rate-mismatch"


def test_wrong_mediation_rate_is_reported_with_its_arithmetic() -> None:
    text = "人民调解组织受理矛盾纠纷2,460件，调解成功2,398件，调解成功率97.8%。"
    finding = only(text, RATE)
    assert finding.excerpt == "调解成功率97.8%"
    assert finding.line == 1
    figures = roles(finding)
    assert figures["numerator"]["value"] == 2398 and figures["denominator"]["value"] == 2460
    assert figures["numerator"]["column"] == text.index("2,398") + 1
    assert finding.details is not None
    assert finding.details["implied"] == pytest.approx(97.48, abs=0.01)
    assert finding.details["tolerance"] == pytest.approx(0.05)
    assert finding.details["interval"] == pytest.approx([97.75, 97.85])
    assert "2,398件" in finding.details["explanation"] and "97.48%" in finding.details["explanation"]


@pytest.mark.parametrize("text", [
    # 645/655 = 98.47…, shown as 98.5%
    "排查受理矛盾纠纷655件，成功调解645件，成功率98.5%。",
    # a correct rate over the concluded cases (2/23 = 8.7%), not over all 25
    "发生一审行政诉讼案件25件，结案23件，败诉2件，败诉率8.7%。",
    # truncated rather than rounded: 1205/1231 = 97.888 → 97.88
    "调处矛盾纠纷1231件，调解成功1205件，调解成功率97.88%。",
    # the numerator is the sum of the correcting outcomes: (9+4)/71 = 18.3%
    "审结行政复议案件71件，其中维持52件、撤销9件、确认违法4件、驳回6件，纠错率18.3%。",
    # both bases are plausible: 9/45 = 20%
    "全年受理行政复议案件50件，审结45件，纠错9件，纠错率20%。",
    # a zero rate with no corrections
    "受理行政复议案件15件，办结12件，3件正在办理，纠错率0。",
    "审核规范性文件42件，报送备案42件，备案率100%。",
])
def test_consistent_rates_are_silent(text: str) -> None:
    assert findings(text, RATE) == []


@pytest.mark.parametrize(("text", "why"), [
    ("受理矛盾纠纷1,000余件，调解成功960件，调解成功率97%。", "approximate denominator"),
    ("受理矛盾纠纷1,000件，调解成功近千件，调解成功率97%。", "approximate numerator"),
    ("调处矛盾纠纷500件，调解成功率98%。", "no numerator"),
    ("调解成功490件，调解成功率98%。", "no denominator"),
    ("一审行政诉讼案件40件，败诉2件，败诉率4.4%。", "only all cases given, the rate is over concluded ones"),
    ("应办结诉求400件，已办结400件，按期办结率97.5%，办结率100%。", "按期办结率 is another rate"),
    ("办结人大代表建议64件，办结率92.7%。", "the concluded count is not a denominator"),
    ("调解成功率约97%，受理纠纷100件，调解成功90件。", "rate before its figures, approximate"),
])
def test_uncertain_rates_are_not_reported(text: str, why: str) -> None:
    assert findings(text, RATE) == [], why


def test_figures_of_an_earlier_rate_do_not_feed_a_later_one() -> None:
    text = "受理纠纷100件，办结95件，办结率95%，调解成功90件，调解成功率94.7%。"
    assert findings(text, RATE) == []


def test_wrong_rate_over_concluded_cases_is_reported() -> None:
    finding = only("行政诉讼案件36件，审结30件，败诉2件，败诉率8.7%。", RATE)
    assert roles(finding)["denominator"]["value"] == 30


def test_wrong_zero_rate_is_reported() -> None:
    finding = only("审结行政复议案件20件，纠错2件，纠错率0。", RATE)
    assert roles(finding)["numerator"]["value"] == 2


# ---------------------------------------------------------------- breakdowns

BREAKDOWN = "metric.breakdown"


def test_bracketed_parts_must_add_up() -> None:
    text = "全年办理法律援助案件320件（刑事案件120件、民事案件150件、行政案件30件）。"
    finding = only(text, BREAKDOWN)
    assert finding.details is not None
    assert finding.details["implied"] == 300 and finding.details["complete"] is True
    assert roles(finding)["total"]["value"] == 320
    assert "120件 + " in finding.details["explanation"]


def test_breakdown_of_a_sub_total_is_recognised() -> None:
    # 30+6+9+7 = 52 breaks down 审结 52, not the 70 received
    text = "受理行政复议案件70件（审结52件、维持30件、撤销6件、驳回9件、终止7件）。"
    assert findings(text, BREAKDOWN) == []


def test_sub_total_found_by_its_sum_without_a_label_cue() -> None:
    text = "建成服务站88个（村级63个、A类38个、B类1个、C类8个、D类3个、E类13个）。"
    assert findings(text, BREAKDOWN) == []


def test_a_part_that_only_happens_to_equal_a_run_further_off_is_no_sub_total() -> None:
    # 12 = 5+7, but 12 is not beside them: the six outcomes of 80 cases add up to 84
    text = "受理行政复议申请80件，其中维持45件、撤销12件、确认违法6件、驳回9件、终止5件、责令履行7件。"
    finding = only(text, BREAKDOWN)
    assert finding.details is not None and finding.details["implied"] == 84
    # the same figures with the sub-total right before its parts are a sub-total
    assert findings("受理行政复议申请80件，其中审结64件、维持45件、撤销12件、驳回7件。", BREAKDOWN) == []


def test_partial_list_under_its_total_is_fine() -> None:
    assert findings("受理法律援助案件232件，其中农民工案件134件。", BREAKDOWN) == []
    assert findings("审结71件，其中维持52件、撤销9件，纠错率12.7%。", BREAKDOWN) == []


def test_partial_list_above_its_total_is_reported() -> None:
    finding = only("开展执法检查120次，其中联合检查70次、专项检查60次。", BREAKDOWN)
    assert finding.details is not None and finding.details["implied"] == 130


def test_a_part_larger_than_the_total_is_reported() -> None:
    finding = only("聘请法律顾问12名，其中律师15名。", BREAKDOWN)
    assert "大于总数" in finding.message


def test_overlapping_categories_are_not_summed() -> None:
    assert findings("培训执法人员600人，其中女性250人、党员400人。", BREAKDOWN) == []


def test_list_ending_with_the_rest_must_add_up() -> None:
    text = "清理规范性文件60件，其中继续有效40件、修改8件、废止7件、其余3件。"
    assert only(text, BREAKDOWN).details is not None
    fine = "清理规范性文件74件，其中继续执行26件，修改2件，废止13件，其他33件。"
    assert findings(fine, BREAKDOWN) == []


def test_mixed_classifiers_add_up_or_stay_silent() -> None:
    assert findings("配备执法装备300台（执法记录仪200台、照相机50台、录音笔20支、其他30台）。",
                    BREAKDOWN) == []
    assert findings("配备执法装备300台（执法记录仪200台、照相机50台、录音笔20支）。", BREAKDOWN) == []
    assert findings("组建应急救援队伍15支（480人）。", BREAKDOWN) == []


def test_approximate_parts_are_not_judged() -> None:
    assert findings("服务群众500人（城区300余人、农村100余人）。", BREAKDOWN) == []


def test_bracket_that_says_it_is_partial() -> None:
    assert findings("审结60件（含维持30件、撤销5件）。", BREAKDOWN) == []


def test_respectively_list_is_partial_unless_it_ends_with_the_rest() -> None:
    text = "共检查30次，发现问题、整改问题分别为12次、10次。"
    assert findings(text, BREAKDOWN) == []


# ---------------------------------------------------------------- growth

GROWTH = "metric.growth"


def test_growth_uses_last_years_base() -> None:
    # base 34,450 − 5,662 = 28,788; 5,662 / 28,788 = 19.67%
    assert findings("接收群众诉求共34450件，同比增加5662件，上升19.67%。", GROWTH) == []
    assert findings("受理案件400件，同比减少100件，下降20%。", GROWTH) == []


def test_wrong_growth_is_reported_with_its_base() -> None:
    finding = only("全年受理群众诉求12,000件，同比增加2,000件，增长25%。", GROWTH)
    assert finding.details is not None
    assert finding.details["base"] == 10000
    assert finding.details["implied"] == pytest.approx(20.0)
    assert "10,000" in finding.details["explanation"]


def test_growth_without_a_change_count_is_not_judged() -> None:
    assert findings("取消行政审批事项183项，减幅达73.2%。", GROWTH) == []
    assert findings("受理案件400件，同比增长20%。", GROWTH) == []


def test_growth_in_percentage_points_is_not_a_rate_of_growth() -> None:
    assert findings("受理案件400件，同比增加100件，提高5个百分点。", GROWTH) == []


# ---------------------------------------------------------------- rates above 100%

BOUNDED = "metric.rate-over-100"


def test_rate_above_100_is_reported() -> None:
    finding = only("全年调解矛盾纠纷300件，调解成功率101.5%。", BOUNDED)
    assert "超过100%" in finding.message


@pytest.mark.parametrize("text", [
    "调解成功率100%。",
    "调解成功率百分之百。",
    "招商引资完成率120%。",
    "同比增长150%。",
])
def test_rates_that_may_reach_or_pass_100_are_silent(text: str) -> None:
    assert findings(text, BOUNDED) == []


# ---------------------------------------------------------------- the same metric twice

REPEAT = "metric.figures"


def test_same_rate_twice_with_different_values() -> None:
    text = ("全县行政机关负责人出庭应诉率为96.5%。\n"
            "（三）强化监督。行政机关负责人出庭应诉率为92%。")
    finding = only(text, REPEAT)
    assert finding.line == 2
    assert finding.details is not None and [f["line"] for f in finding.details["figures"]] == [1, 2]


@pytest.mark.parametrize("text", [
    "出庭应诉率为96.5%。\n行政机关负责人出庭应诉率为96.5%。",
    "全县行政机关负责人出庭应诉率为96.5%。\n2022年全县行政机关负责人出庭应诉率为92%。",
    "全县行政机关负责人出庭应诉率为96.5%。\n县政府负责人出庭应诉率为100%。",
    "全县行政机关负责人出庭应诉率为96.5%。\n较上年，出庭应诉率为92%。",
    "全县行政机关负责人出庭应诉率为96.5%。\n力争行政机关负责人出庭应诉率达到100%。",
    "全县行政机关负责人出庭应诉率为96.5%。\n县政府负责同志带头出庭，出庭应诉率为100%。",
])
def test_repeats_that_are_not_conflicts(text: str) -> None:
    assert findings(text, REPEAT) == []


def test_list_ends_where_its_separator_changes() -> None:
    # the 、-list holds two parts; 调解成功180件 after the comma is another statement
    text = "受理纠纷200件，其中婚姻家庭纠纷50件、邻里纠纷60件，调解成功180件。"
    assert findings(text, BREAKDOWN) == []


def test_a_change_is_not_a_part() -> None:
    assert findings("受理纠纷200件，其中婚姻家庭纠纷50件，同比增加300件。", BREAKDOWN) == []


def test_bracket_with_two_dimensions() -> None:
    text = "受理案件100件（行政案件60件、民事案件40件；一审80件、二审20件）。"
    assert findings(text, BREAKDOWN) == []
    wrong = "受理案件100件（行政案件60件、民事案件30件；一审80件、二审20件）。"
    assert only(wrong, BREAKDOWN).details is not None


def test_people_lists_are_not_summed() -> None:
    assert findings("培训执法人员600人，其中业务骨干450人、新入职人员200人。", BREAKDOWN) == []


def test_bracket_holding_a_rate_is_not_a_breakdown() -> None:
    assert findings("查处案件100件（同比上升10%）。", BREAKDOWN) == []


def test_rate_over_the_sum_of_listed_bases() -> None:
    text = "受理民事纠纷800件、行政纠纷300件，调解成功700件，调解成功率63.6%。"
    assert findings(text, RATE) == []


def test_growth_of_an_earlier_total_in_the_sentence() -> None:
    # the change is the 120's (20/100 = 20%), not the 60's
    text = "共受理案件120件，其中行政案件60件，同比增加20件，增长20%。"
    assert findings(text, GROWTH) == []


# ---------------------------------------------------------------- more shapes of lists and changes


def test_respectively_list_after_其中_may_not_exceed_its_total() -> None:
    text = "共排查化解矛盾纠纷1,000件，其中婚姻家庭、邻里纠纷分别为600件、500件。"
    finding = only(text, BREAKDOWN)
    assert finding.details is not None and finding.details["implied"] == 1100
    assert findings("共排查化解矛盾纠纷1,000件，其中婚姻家庭、邻里纠纷分别为400件、500件。", BREAKDOWN) == []


def test_respectively_list_right_after_its_total_must_add_up() -> None:
    text = "共办理法律援助案件320件，分别为刑事案件120件、民事案件150件、行政案件30件。"
    finding = only(text, BREAKDOWN)
    assert finding.details is not None and finding.details["complete"] is True
    fine = "共办理法律援助案件300件，分别为刑事案件120件、民事案件150件、行政案件30件。"
    assert findings(fine, BREAKDOWN) == []


def test_includes_list_is_partial() -> None:
    assert findings("受理案件100件，包括刑事案件40件、民事案件30件。", BREAKDOWN) == []
    assert only("受理案件100件，包括刑事案件40件、民事案件70件。", BREAKDOWN).details is not None


def test_cases_counted_in_宗_and_件_are_one_quantity() -> None:
    finding = only("全年受理行政复议申请100宗，其中行政处罚类60件、行政许可类50件。", BREAKDOWN)
    assert finding.details is not None and finding.details["implied"] == 110


def test_list_one_item_per_line() -> None:
    wrong = "全年共办理行政复议案件120件，具体如下：\n——维持80件；\n——撤销30件；\n——驳回15件。"
    finding = only(wrong, BREAKDOWN)
    assert finding.details is not None and finding.details["list"] == "逐行列出的分项"
    fine = "全年共办理行政复议案件120件，具体如下：\n——维持80件；\n——撤销20件；\n——驳回15件。"
    assert findings(fine, BREAKDOWN) == []
    complete = "全年共办理行政复议案件120件，分别为：\n1.维持80件；\n2.撤销20件；\n3.驳回15件。"
    assert only(complete, BREAKDOWN).details["complete"] is True  # type: ignore[index]


def test_long_paragraphs_after_a_colon_are_not_a_list() -> None:
    text = ("全年共办理行政复议案件120件，主要做法如下：\n"
            "1.健全行政复议案件办理机制，优化受理流程，全年组织听证审理行政复议案件80件；\n"
            "2.加强行政复议决定履行监督，推动行政机关自行纠正违法行为，督促整改问题50件。")
    assert findings(text, BREAKDOWN) == []


def test_markdown_table_total_row() -> None:
    table = "| 类别 | 件数 |\n| --- | --- |\n| 维持 | 80 |\n| 撤销 | 20 |\n| 合计 | {} |"
    assert findings(table.format(100), BREAKDOWN) == []
    finding = only(table.format(110), BREAKDOWN)
    assert finding.details is not None and finding.details["implied"] == 100


def test_growth_between_two_stated_figures() -> None:
    finding = only("全年收到行政复议申请1,526件，较上年的1,287件同比增长23.6%。", GROWTH)
    assert finding.details is not None
    assert finding.details["implied"] == pytest.approx(18.57, abs=0.01)
    assert findings("全年收到行政复议申请112件，较2023年的128件下降12.5%。", GROWTH) == []
    assert findings("收到行政复议申请112件，上年同期为128件，同比下降12.5%。", GROWTH) == []


def test_growth_from_one_figure_to_another() -> None:
    assert findings("行政诉讼案件由128件降至112件，下降12.5%。", GROWTH) == []
    assert only("行政诉讼案件由128件降至112件，下降15%。", GROWTH).details is not None
    assert findings("行政诉讼案件从100件增加到120件，增长20%。", GROWTH) == []


def test_growth_in_the_wrong_direction() -> None:
    finding = only("全年收到行政复议申请140件，较2023年的128件下降12.5%。", GROWTH)
    assert "多" in finding.message


@pytest.mark.parametrize("text", [
    "受理案件1,526件，较上年的1,300余件增长17%。",
    "受理案件1,526件，较上年的1,287件增加。",
    "受理案件1,526件，较上年的1,287件增长近两成。",
])
def test_uncertain_changes_stay_silent(text: str) -> None:
    assert findings(text, GROWTH) == []


def test_the_implied_rate_is_shown_precisely_enough_to_lie_outside_the_interval() -> None:
    import checker

    text = "审结行政复议案件39件，纠错7件，纠错率18.0%。"
    hit = next(f for f in checker.check_text(text)["findings"] if f["rule"] == "metric.rate-mismatch")
    assert "7件÷39件=17.949%" in hit["message"]  # 17.95% would read as inside 17.95%～18.05%
    assert "17.949%" in hit["details"]["explanation"]
