"""Contents a report does not have are missing, not weak: words that only look like the content
(another duty's 第一责任人, the year's work setting its 下一步, the response to the problems after
出现上述问题) must not lift a report that lacks it from 不合格 to 良好. Reports written for these
tests; a rule example can only say that a finding fires, these say which verdict."""

from __future__ import annotations

import pytest

import checker

TITLE = "示例县人民政府关于2025年度法治政府建设情况的报告\n"
MEASURES = ("一、主要举措和成效\n全年审核规范性文件16件，办理行政复议案件45件，组织执法人员培训6期，"
            "开展案卷评查2次，行政机关负责人出庭应诉率100%。\n")
PROBLEMS = ("二、存在的不足和原因\n一是全县12个乡镇中有5个没有专职法制审核人员。究其原因，主要是乡镇审核岗位"
            "没有单独核定编制，新进人员未经培训。\n")
DUTY = ("三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "县长主持县政府常务会议学法6次，专题听取法治政府建设工作汇报2次，年终述法。\n")
PLAN = "四、2026年工作安排\n6月底前出台《示例县行政执法监督办法》，年内组织执法人员轮训2期。\n"
SIGNED = "\n示例县人民政府\n2026年2月10日\n"


def status(text: str, element: str) -> str:
    found = checker.check_text(text)["elements"]
    return str(next(e["status"] for e in found if e["id"] == element))


@pytest.mark.parametrize("other_duty", [
    "各乡镇党委书记为本辖区防汛抗旱第一责任人。",
    "县级河长为所辖河流管理保护第一责任人。",
    "各乡镇党政主要负责人为本辖区安全生产第一责任人。",
    "县政府主要负责人主持召开常务会议审议通过《示例县国有资产管理办法》。",
    "各乡镇党委书记为本辖区防汛抗旱第一责任人，依法启动防汛应急响应3次。",  # 依法: how, not which duty
])
def test_another_duty_or_an_ordinary_meeting_is_no_first_responsible_mention(other_duty: str) -> None:
    text = TITLE + MEASURES.replace("100%。", "100%。" + other_duty) + PROBLEMS + PLAN + SIGNED
    assert status(text, "content.first-responsible") == "missing"


@pytest.mark.parametrize(("mention", "expected"), [
    ("县长切实履行第一责任人职责，带头学法。", "weak"),  # the duty carried out, in passing
    ("县长履行推进法治建设第一责任人职责。", "weak"),
    ("县政府主要负责人主持召开常务会议专题研究法治政府建设工作。", "weak"),
    ("县政府主要负责人主持召开常务会议审议重大行政决策事项6项。", "weak"),
    ("县长切实担负起第一责任人的职责。", "weak"),
])
def test_the_rule_of_law_duty_in_passing_is_still_a_mention(mention: str, expected: str) -> None:
    text = TITLE + MEASURES.replace("100%。", "100%。" + mention) + PROBLEMS + PLAN + SIGNED
    assert status(text, "content.first-responsible") == expected


@pytest.mark.parametrize("past", ["对督察反馈的3个问题逐一明确下一步整改措施，已全部整改到位。",
                                  "县政府常务会议研究部署下一步工作。",
                                  "为今后工作打下了基础。", "年底对下一步工作作出部署。", "研究明年重点工作。"])
def test_the_years_work_setting_its_next_step_is_no_plan(past: str) -> None:
    text = TITLE + MEASURES.replace("100%。", "100%。" + past) + PROBLEMS + DUTY + SIGNED
    assert status(text, "content.next-year") == "missing"


def test_a_closing_sentence_on_the_next_step_is_a_plan_in_passing() -> None:
    text = TITLE + MEASURES + PROBLEMS + DUTY + "下一步，我们将继续深化行政执法规范化建设。\n" + SIGNED
    assert status(text, "content.next-year") == "weak"


@pytest.mark.parametrize(("after", "expected"), [
    ("出现上述问题，县政府高度重视，已列入督查事项清单，按月调度。", "missing"),
    ("出现上述问题，主要是乡镇审核岗位没有单独核定编制，审核工作由党政办兼管，新进人员未经培训。", "present"),
])
def test_the_response_to_the_problems_is_no_cause(after: str, expected: str) -> None:
    problems = f"二、存在的问题\n一是全县12个乡镇中有5个没有专职法制审核人员；二是行政复议纠错率为13.0%。\n{after}\n"
    text = TITLE + MEASURES + problems + DUTY + PLAN + SIGNED
    assert status(text, "content.causes") == expected


def _causes_of(analysis: str) -> dict[str, str]:
    problems = ("二、存在的不足和原因\n（一）存在的不足\n一是全县12个乡镇中有5个没有专职法制审核人员。\n"
                f"（二）原因分析\n{analysis}\n")
    found = checker.check_text(TITLE + MEASURES + problems + DUTY + PLAN + SIGNED)["elements"]
    return next(e for e in found if e["id"] == "content.causes")


def test_a_causes_sub_section_that_says_nothing_is_only_a_promise() -> None:
    # (the section's heading 存在的不足和原因 promises the causes: weak, with nothing in the text)
    empty = _causes_of("（略）")
    assert empty["status"] == "weak" and "正文中未见相应内容" in empty["note"]


def test_the_note_quotes_only_stock_phrases_the_report_wrote() -> None:
    stock = _causes_of("主要是思想认识不到位。")
    assert stock["status"] == "weak" and "“思想认识不到位”" in stock["note"]
    short = _causes_of("原因较多。")
    assert short["status"] == "weak" and "只有笼统的表述" in short["note"]
    assert "“" not in short["note"].split("只有笼统的表述")[1]  # no phrase the report never wrote


@pytest.mark.parametrize(("paragraph", "expected"), [
    # under a heading that names no shortcomings, 究其原因 says whose causes it gives
    ("街道执法队报送的案卷，评查时多数被退回重做。究其原因，主要是街道执法队人员流动快，案卷由队长一人审签，"
     "评查结果与考核脱节。", "weak"),
    # ……but not a success's
    ("全年复议纠错率下降到6%。取得这些成绩，究其原因在于县委县政府高度重视。", "missing"),
])
def test_a_lead_in_that_names_its_causes_stands_without_a_problem_beside_it(paragraph: str, expected: str) -> None:
    text = TITLE + MEASURES + f"二、值得注意的几个情况\n{paragraph}\n" + DUTY + PLAN + SIGNED
    assert status(text, "content.causes") == expected


def test_a_cause_of_a_success_is_named_in_the_note_not_denied() -> None:
    measures = MEASURES.replace("100%。", "100%。全年复议纠错率下降到6%，这主要是因为县委县政府高度重视。")
    found = checker.check_text(TITLE + measures + DUTY.replace("三、", "二、") + SIGNED)["elements"]
    causes = next(e for e in found if e["id"] == "content.causes")
    assert causes["status"] == "missing"
    assert "“这主要是因为”一类的说法讲的不是不足的原因" in causes["note"] and "全文也没有" not in causes["note"]


def test_a_department_with_no_cases_of_either_kind_reports_all_three_metrics() -> None:
    text = ("示例县市场监督管理局关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "全年办理行政处罚案件312件，组织执法培训6期。全年未发生行政复议和行政诉讼案件。\n"
            "二、2026年工作安排\n6月底前出台《示例县市场监管行政裁量权基准》。\n\n示例县市场监督管理局\n2026年2月10日\n")
    result = checker.check_text(text)
    found = {e["id"]: e["status"] for e in result["elements"]}
    assert result["template"] == "dept-annual"
    assert [found.get(m) for m in ("metric.reconsideration", "metric.litigation", "metric.appearance-rate")] \
        == ["present", "present", "present"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("全年发生一审行政诉讼案件2件，乡长出庭应诉。", "weak"),  # the head's appearance said, with no rate
    ("认真落实行政机关负责人出庭应诉制度。", "missing"),  # the rule followed: no appearance said
])
def test_the_heads_appearance_without_a_rate_is_a_mention(sentence: str, expected: str) -> None:
    text = TITLE + MEASURES.replace("行政机关负责人出庭应诉率100%。", sentence) + PROBLEMS + DUTY + PLAN + SIGNED
    assert status(text, "metric.appearance-rate") == expected
