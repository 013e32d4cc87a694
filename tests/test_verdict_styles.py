"""Verdicts on reports written in the styles real filers use (reports written for these tests).

Each report in tests/fixtures/styles/ is a whole filing in one style: slogans only,
causes woven into each problem, Markdown with bulleted plans, a department head in
the first person, 第一部分 parts with unnumbered paragraphs, no stated year, a weak and
late filing. The assertions are what a careful reviewer would say of each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import checker
from checker.model import ElementResult, Finding
from checker.scoring import grade

STYLES = Path(__file__).parent / "fixtures" / "styles"
CONTENT = ("content.measures", "content.shortcomings", "content.causes", "content.first-responsible",
           "content.next-year")


def report(name: str, **options: Any) -> dict[str, Any]:
    return checker.check_path(str(STYLES / name), **options)


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["status"] for e in result["elements"]}


def element(result: dict[str, Any], element_id: str) -> dict[str, Any]:
    return next(e for e in result["elements"] if e["id"] == element_id)


def test_boilerplate_is_weak_everywhere_and_never_ranks_as_good() -> None:
    result = report("boilerplate_county_2024.txt")
    assert {e: statuses(result)[e] for e in CONTENT} == dict.fromkeys(CONTENT, "weak")
    measures = element(result, "content.measures")
    assert "概括性表述" in measures["note"] and "没有数据或具体事例" in measures["note"]
    generic = [f for f in result["findings"] if f["rule"] == "content.substance"]
    assert len(generic) == 1  # one finding for the report, citing the worst sections
    assert "最概括的章节" in generic[0]["message"] and generic[0]["details"]["specific"] == 0
    assert result["grade"] == "不合格" and result["score"] < 60 and not result["passed"]
    # A weak section is told what to write, not to add a section it has.
    advice = next(f for f in result["findings"] if f["rule"] == "content.measures")
    assert "单列" not in advice["suggestion"] and "具体做法、数据和成效" in advice["suggestion"]


def test_causes_woven_under_each_problem_are_present() -> None:
    result = report("woven_causes_district_2024.txt")
    causes = element(result, "content.causes")
    assert causes["status"] == "present" and "3 处分析" in causes["note"]
    assert result["grade"] == "优秀"


def test_markdown_department_report_first_person_and_bulleted_plan() -> None:
    result = report("dept_first_person_2024.md")
    assert result["template"] == "dept-annual"
    assert statuses(result) == {**statuses(result), **dict.fromkeys(CONTENT, "present")}
    duty = element(result, "content.first-responsible")
    assert duty["evidence"][0]["text"].endswith("主要负责人履职情况")
    plan = element(result, "content.next-year")
    assert plan["evidence"][0]["text"] == "2025年工作思路"
    causes = element(result, "content.causes")
    assert "原因分析" in causes["note"]  # the analysis under a sub-heading of its own


def test_parts_with_unnumbered_paragraphs() -> None:
    result = report("parts_unnumbered_2024.txt")
    assert {e: statuses(result)[e] for e in CONTENT} == dict.fromkeys(CONTENT, "present")
    assert result["grade"] == "优秀"


def test_a_year_never_stated_is_inferred_with_its_source() -> None:
    result = report("yearless_county.txt")
    assert result["year"] == 2024 and result["year_source"] == "inferred"
    assert result["year_note"].startswith("推断：") and "2025年工作安排" in result["year_note"]
    assert element(result, "meta.year")["status"] == "weak"
    stale = [f for f in result["findings"] if f["rule"] == "ref.superseded-outline"]
    # The staleness it would otherwise keep silent: reported, but only as a hint.
    assert stale and all(f["severity"] == "info" and "推断" in f["message"] for f in stale)


def test_the_year_given_on_the_command_line_wins_and_clears_the_finding() -> None:
    result = report("yearless_county.txt", year=2024)
    assert result["year_source"] == "option" and result["year_note"] is None
    assert element(result, "meta.year")["status"] == "present"
    assert "命令行指定" in element(result, "meta.year")["note"]
    assert not [f for f in result["findings"] if f["rule"] == "meta.year"]
    stale = [f for f in result["findings"] if f["rule"] == "ref.superseded-outline"]
    assert stale and all(f["severity"] == "error" for f in stale)


def test_a_weak_late_report_is_not_acceptable() -> None:
    result = report("weak_late_county_2024.txt")
    assert statuses(result)["content.causes"] == "missing"
    assert statuses(result)["content.shortcomings"] == "weak"
    assert statuses(result)["content.first-responsible"] == "weak"
    assert any(f["rule"].startswith("timing.") for f in result["findings"])
    assert result["grade"] == "不合格" and result["score"] <= 59.9
    assert result["grade_reasons"][0] == "缺少必备内容：不足的原因"
    cap = next(p for p in result["score_breakdown"] if p["item"] == "cap")
    assert cap["points"] < 0 and "封顶" in cap["label"]


# ---------------------------------------------------------------- grade bands and caps

def grading() -> dict[str, Any]:
    from checker.pack.loader import load_pack

    grades: dict[str, Any] = load_pack().scoring["grades"]
    return grades


def elements(**status: str) -> list[ElementResult]:
    out = []
    for element_id in CONTENT:
        short = element_id.split(".")[1].split("-")[0]
        out.append(ElementResult(element_id, short, status.get(short, "present")))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(("score", "expected"), [(96.0, "优秀"), (90.0, "优秀"), (85.5, "良好"),
                                                 (72.0, "合格"), (60.0, "合格"), (41.0, "不合格")])
def test_each_score_band_has_its_grade(score: float, expected: str) -> None:
    graded = grade(score, elements(), [], grading())
    assert (graded.grade, graded.score, graded.reasons) == (expected, score, ())


def test_a_missing_content_caps_at_fail_and_lowers_the_score() -> None:
    graded = grade(93.0, elements(causes="missing"), [], grading())
    assert graded.grade == "不合格" and graded.score == 59.9
    assert graded.reasons == ("缺少必备内容：causes",)


def test_two_weak_contents_cap_at_pass_three_at_fail() -> None:
    two = grade(93.0, elements(measures="weak", next="weak"), [], grading())
    assert (two.grade, two.score) == ("合格", 79.9)
    three = grade(93.0, elements(measures="weak", next="weak", first="weak"), [], grading())
    assert (three.grade, three.score) == ("不合格", 59.9)
    assert len(three.reasons) == 1  # the weaker cap on the same elements is not repeated


def test_three_thin_contents_fail_only_with_the_core_among_them() -> None:
    # concrete measures and shortcomings with a thin analysis, duty and plan: what most filers
    # send, passed (合格); with the measures or the shortcomings thin too, it fails
    lesser = grade(93.0, elements(causes="weak", first="weak", next="weak"), [], grading())
    assert (lesser.grade, lesser.score) == ("合格", 79.9)
    core = grade(93.0, elements(shortcomings="weak", first="weak", next="weak"), [], grading())
    assert (core.grade, core.score) == ("不合格", 59.9)


def test_three_contents_in_name_only_fail_even_beside_a_concrete_core() -> None:
    def hollow(*names: str) -> list[ElementResult]:
        return [ElementResult(e.id, e.name, "weak", hollow=True) if e.name in names else e for e in elements()]
    assert grade(93.0, hollow("causes", "first", "next"), [], grading()).grade == "不合格"
    assert grade(93.0, hollow("causes", "first"), [], grading()).grade == "合格"


def test_one_hollow_content_caps_at_pass_one_thin_content_at_good() -> None:
    hollow = elements()
    hollow[4] = ElementResult("content.next-year", "next", "weak", hollow=True)
    graded = grade(93.0, hollow, [], grading())
    assert (graded.grade, graded.score) == ("合格", 79.9)
    assert graded.reasons == ("必备内容缺少实质内容：next",)
    thin = grade(93.0, elements(next="weak"), [], grading())
    assert (thin.grade, thin.score) == ("良好", 89.9)


def test_an_error_left_in_the_text_holds_a_complete_report_at_good() -> None:
    wording = Finding("term.fazhi-zhengfu", "error", "“法制政府”应为“法治政府”")  # type: ignore[arg-type]
    graded = grade(97.0, elements(), [wording], grading())
    assert (graded.grade, graded.score, graded.reasons) == ("良好", 89.9, ("有需要改正的错误",))
    # a warning does not; nor does an error the suppressions took out of the report
    warned = Finding("term.fazhi-zhengfu", "warning", "提示")  # type: ignore[arg-type]
    assert grade(97.0, elements(), [warned], grading()).grade == "优秀"
    waived = Finding("term.fazhi-zhengfu", "error", "问题", suppressed=True,  # type: ignore[arg-type]
                     suppression={"kind": "inSource"})
    assert grade(97.0, elements(), [waived], grading()).grade == "优秀"
    # a missing content's own error finding is capped by its own cap, with its own reason only
    missing = Finding("content.causes", "error", "缺少原因")  # type: ignore[arg-type]
    graded = grade(93.0, elements(causes="missing"), [missing], grading())
    assert graded.reasons == ("缺少必备内容：causes",)


GOOD_MEASURES = ("全年审核县政府规范性文件12件，备案率100%；办理行政复议案件41件，审结38件，纠错率9.8%。"
                 "行政诉讼一审案件35件，败诉2件，行政机关负责人出庭应诉率100%。人民调解组织受理纠纷1200件，"
                 "调解成功1180件。修订《示例县重大行政决策程序规定》，8个重大行政决策事项全部经过合法性审查。"
                 "组织行政执法案卷评查2次，评查案卷210卷，发现问题46个，已全部整改。新建公共法律服务站12个。"
                 "全年培训行政执法人员520人次，考试合格率99.2%；为128个村（社区）各聘请1名法律顾问，"
                 "法律顾问参与审查合同和文件160余份，出具法律意见书58份。开展宪法宣传活动36场，发放资料2.1万份。"
                 "政务服务事项“一网通办”率达到98%，取消证明事项31项；全年办理政府信息公开申请86件，全部按期答复。"
                 "11个乡镇综合行政执法队完成组建，下放执法事项126项，组织乡镇执法人员跟班学习3期。\n")
GOOD_SHORTCOMINGS = ("一是乡镇合法性审查力量薄弱，12个乡镇中仍有5个没有专职审查人员；二是3个部门规范性文件未按期清理。"
                     "究其原因，主要是乡镇编制总量有限，审查岗位只能兼任，部门法制机构人员流动大，清理工作没有纳入考核。\n")
GOOD_DUTY = "县长主持召开县政府常务会议专题学法6次，研究法治政府建设议题3次，带头旁听庭审1次，对3个部门开展法治督察。\n"
GOOD_PLAN = "一是6月底前完成全县规范性文件清理；二是为12个乡镇各配备1名专职审查人员；三是开展执法人员轮训2期。\n"


def hollow_variant(duty_heading: str, duty: str, shortcomings_heading: str = "二、存在的不足和原因",
                   shortcomings: str = GOOD_SHORTCOMINGS) -> dict[str, Any]:
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n" + GOOD_MEASURES + duty
            + shortcomings_heading + "\n" + shortcomings + duty_heading + GOOD_PLAN
            + "示例县人民政府\n2025年2月10日\n")
    return checker.check_text(text)


def test_a_content_in_name_only_holds_a_good_report_at_pass() -> None:
    duty_section = "三、党政主要负责人履行推进法治建设第一责任人职责情况\n{}四、2025年工作安排\n"
    good = hollow_variant(duty_section.format(GOOD_DUTY), "")
    assert good["grade"] == "优秀"
    # the duty's section one stock sentence: weak and hollow
    slogan = hollow_variant(duty_section.format("县长认真履行推进法治建设第一责任人职责，带头尊法学法守法用法。\n"), "")
    duty = next(e for e in slogan["elements"] if e["id"] == "content.first-responsible")
    assert (duty["status"], duty.get("hollow")) == ("weak", True)
    assert slogan["grade"] == "合格" and "必备内容缺少实质内容：第一责任人职责履行情况" in slogan["grade_reasons"]
    # no section, one stock sentence among the measures: the same (it was 良好, and 不合格 without it)
    passing = hollow_variant("三、2025年工作安排\n",
                             "县政府主要负责同志高度重视，认真履行推进法治建设第一责任人职责。\n")
    duty = next(e for e in passing["elements"] if e["id"] == "content.first-responsible")
    assert (duty["status"], duty.get("hollow"), passing["grade"]) == ("weak", True, "合格")
    # no section, one sentence with what the head did: thin, not hollow
    concrete = hollow_variant("三、2025年工作安排\n",
                              "县长认真履行推进法治建设第一责任人职责，全年主持常务会议专题学法6次。\n")
    duty = next(e for e in concrete["elements"] if e["id"] == "content.first-responsible")
    assert duty["status"] == "weak" and "hollow" not in duty and concrete["grade"] == "良好"


def test_causes_promised_by_the_heading_only_hold_the_report_at_pass() -> None:
    problems = "一是乡镇合法性审查力量薄弱，12个乡镇中仍有5个没有专职审查人员；二是3个部门规范性文件未按期清理。\n"
    duty_section = "三、党政主要负责人履行推进法治建设第一责任人职责情况\n" + GOOD_DUTY + "四、2025年工作安排\n"
    promised = hollow_variant(duty_section, "", shortcomings=problems)
    causes = next(e for e in promised["elements"] if e["id"] == "content.causes")
    assert (causes["status"], causes.get("hollow"), promised["grade"]) == ("weak", True, "合格")
    # the heading not naming causes: missing, and the report fails
    unnamed = hollow_variant(duty_section, "", shortcomings_heading="二、存在的问题", shortcomings=problems)
    assert statuses(unnamed)["content.causes"] == "missing" and unnamed["grade"] == "不合格"


def test_mostly_generic_text_cannot_rank_as_good() -> None:
    finding = Finding("content.substance", "warning", "…")
    assert grade(88.0, elements(), [finding], grading()).grade == "合格"
    excused = Finding("content.substance", "warning", "…", suppressed=True, suppression={"kind": "inSource"})
    assert grade(88.0, elements(), [excused], grading()).grade == "良好"  # a directive in the report
    waived = Finding("content.substance", "warning", "…", suppressed=True, suppression={"kind": "external"})
    assert grade(88.0, elements(), [waived], grading()).grade == "合格"  # a waiver changes what fails only


def test_a_pack_without_grade_bands_has_no_grade() -> None:
    assert grade(88.0, elements(), [], None).grade is None


def bracket_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "（(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "）)":
            depth = max(depth - 1, 0)
    return deepest


@pytest.mark.parametrize("name", sorted(p.name for p in STYLES.iterdir()))
def test_what_a_drafter_reads_has_no_nested_brackets(name: str) -> None:
    result = report(name)
    texts = [f["message"] for f in result["findings"]] + [e["note"] for e in result["elements"]]
    texts += [f["suggestion"] or "" for f in result["findings"]] + result["grade_reasons"]
    nested = [t for t in texts if bracket_depth(t) > 1]
    assert not nested, nested


def test_an_impossible_date_is_reported_as_invalid_with_why() -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n全面推行行政执法三项制度。\n"
            "示例县人民政府\n2026年2月30日\n")
    result = checker.check_text(text)
    date = element(result, "meta.date")
    assert date["status"] == "missing" and date["evidence"][0]["text"] == "2026年2月30日"
    assert "不是有效日期：2026年2月只有28天" in date["note"]
    finding = next(f for f in result["findings"] if f["rule"] == "meta.date")
    assert finding["severity"] == "warning" and finding["line"] == 5


def test_closing_paragraphs_of_their_own_with_facts_are_present() -> None:
    # No heading for the shortcomings, the head's duty or the plan: each is a closing
    # paragraph about it from its first words, with figures and named measures.
    result = report("closing_paragraphs_district_2025.txt")
    found = statuses(result)
    for element_id in ("content.shortcomings", "content.first-responsible", "content.next-year"):
        assert found[element_id] == "present", element_id
        assert "没有专门标题，但有专门一段" in element(result, element_id)["note"]
    plan = element(result, "content.next-year")["evidence"][0]
    assert plan["text"].startswith("2026年，我们将重点抓好以下工作")
    # The causes, in the shortcomings paragraph, are judged there as in a section of its own.
    # 之所以出现这些问题，主要在于部分干部对法治建设重要性认识不足 is the stock cause (whose: no one in
    # particular); one cause of its own beside it (培训覆盖面不广) is a thin analysis, not a full one.
    causes = element(result, "content.causes")
    assert causes["status"] == "weak" and not causes.get("hollow")
    assert causes["note"].startswith("“在肯定成绩的同时，我们也…”一段中的分析“之所以”")
    assert "除去套话，具体的原因只有" in causes["note"]
    # No heading anywhere: the measures are judged on the whole text, and say so.
    assert element(result, "content.measures")["note"].startswith("报告未分章节，按全文判断")
    assert result["grade"] == "良好" and result["grade_reasons"] == ["必备内容不充分：不足的原因"]
    # Without that one cause only the stock one is left: causes in name only, and the grade says so.
    thin = checker.check_text(STYLES.joinpath("closing_paragraphs_district_2025.txt").read_text(encoding="utf-8")
                              .replace("，基层执法人员专业培训覆盖面不广", ""))
    assert element(thin, "content.causes")["status"] == "weak" and element(thin, "content.causes")["hollow"]
    assert thin["grade"] == "合格" and thin["grade_reasons"] == ["必备内容缺少实质内容：不足的原因"]


def test_closing_sentences_without_facts_and_mentions_in_measures_stay_weak() -> None:
    # The same places holding only slogans, and the duty named inside a measures
    # paragraph: mentions, not paragraphs of their own.
    result = report("closing_mentions_county_2025.txt")
    found = statuses(result)
    assert found["content.shortcomings"] == "weak"
    assert found["content.first-responsible"] == "weak"
    assert found["content.next-year"] == "weak"
    assert found["content.causes"] == "missing"
    assert not any("有专门一段" in e["note"] for e in result["elements"])
    assert not result["passed"]


def test_a_short_section_dense_with_facts_is_present_and_a_short_thin_one_weak() -> None:
    # A department's 44-character duty section with three counted facts: present. A
    # measures section under half its length floor stays thin however dense: a year's
    # work is not told in 139 characters.
    result = report("dept_short_dense_2024.txt")
    found = statuses(result)
    assert found["content.first-responsible"] == "present"
    assert found["content.measures"] == "weak"
    assert any("既有客观因素" in cited["text"] for cited in element(result, "content.causes")["evidence"])
    # The same duty section with one fact left is too little to report a year's work.
    thin = (STYLES / "dept_short_dense_2024.txt").read_text(encoding="utf-8").replace(
        "局长带头学法，全年主持党组理论学习中心组集体学法4次，听取法治工作汇报2次，亲自审定重大执法决定17件。",
        "局长带头学法，全年主持党组理论学习中心组集体学法4次，认真履行职责。")
    duty = element(checker.check_text(thin), "content.first-responsible")
    assert duty["status"] == "weak" and "正文仅" in duty["note"]


def test_a_plan_of_further_strengthening_slogans_is_weak_and_named_tasks_are_present() -> None:
    # 一是进一步加强组织领导…四是进一步强化监督问责: four items, no task a reader could check.
    path = STYLES / "slogan_plan_county_2024.txt"
    result = report(path.name)
    plan = element(result, "content.next-year")
    assert plan["status"] == "weak" and "4 句均为概括性表述" in plan["note"]
    assert statuses(result)["content.first-responsible"] == "weak"  # the 四个亲自 formula only
    assert not result["passed"]
    head, _ = path.read_text(encoding="utf-8").split("四、下一年度工作安排")
    named = checker.check_text(head + "四、下一年度工作安排\n一是进一步修订《平湖县行政执法监督办法》。"
                               "二是开展执法人员轮训2期。三是完成规范性文件清理。\n")
    assert element(named, "content.next-year")["status"] == "present"
    # Four two-word items are too short to be sentences: the note says so, not "0 句话".
    phrases = checker.check_text(head + "四、下一年度工作安排\n"
                                 "一是加强学习。二是强化执法。三是深化普法。四是严格监督。\n")
    plan = element(phrases, "content.next-year")
    assert plan["status"] == "weak" and "只有几个短语" in plan["note"] and "0 句" not in plan["note"]


def test_a_combined_section_is_judged_by_its_parts() -> None:
    # 二、存在的问题及下一步打算 with （一）存在的问题 (slogans only) and （二）下一步打算
    # (figures): the plan's figures are no shortcomings.
    result = report("combined_generic_problems_city_2024.txt")
    problems = element(result, "content.shortcomings")
    assert problems["status"] == "weak"
    assert problems["evidence"][0]["text"].startswith("（一）存在的问题")
    plan = element(result, "content.next-year")
    assert plan["status"] == "present" and plan["evidence"][0]["text"].startswith("（二）下一步打算")


COMBINED = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "全年审核规范性文件11件，备案率100%；收到行政复议申请58件，审结49件；一审行政诉讼案件43件，"
            "败诉3件；行政机关负责人出庭应诉率100%；评查执法案卷320卷，发现问题41个并全部整改。\n"
            "二、县长履行推进法治建设第一责任人职责情况\n县长主持召开县政府常务会议专题研究法治政府建设3次，"
            "带头参加会前学法12次，年底向县委述法。\n"
            "三、存在的问题及下一步打算\n{problems}\n{plan}\n示例县人民政府\n2026年2月26日\n")
SPECIFIC_PROBLEMS = ("我县法治政府建设还存在一些短板：一是16个乡镇中有7个未配备专职合法性审查人员；"
                     "二是评查不合格率达到8%。"
                     "主要原因是乡镇编制紧张，执法人员培训不够系统，考核约束不够有力。")
GENERIC_PROBLEMS = ("我县法治政府建设还存在一些不足，主要是依法行政能力有待提升，法治宣传的针对性有待加强。"
                    "主要原因是学习不够深入，重视程度不够，工作推进不够有力。")
SPECIFIC_PLAN = ("2026年，我县将重点抓好以下工作：一是年内为每个乡镇配备1名专职合法性审查人员；"
                 "二是开展执法人员轮训，全年培训不少于1200人次；三是6月底前完成全县行政执法案卷集中评查。")
GENERIC_PLAN = "2026年，我县将继续深入学习贯彻习近平法治思想，进一步加强组织领导，推动法治政府建设再上新台阶。"


@pytest.mark.parametrize(("problems", "plan", "expected"), [
    (SPECIFIC_PROBLEMS, SPECIFIC_PLAN, ("present", "present", "present")),
    (SPECIFIC_PROBLEMS, GENERIC_PLAN, ("present", "weak", "present")),
    # 学习不够深入，重视程度不够，工作推进不够有力: the causes every report gives
    (GENERIC_PROBLEMS, SPECIFIC_PLAN, ("weak", "present", "weak")),
], ids=["both specific", "generic plan", "generic problems"])
def test_a_combined_section_without_sub_headings_is_split_where_the_plan_begins(
        problems: str, plan: str, expected: tuple[str, str, str]) -> None:
    # 三、存在的问题及下一步打算 with no (一)(二): the problems' figures are no plan, the plan's no problems.
    found = statuses(checker.check_text(COMBINED.format(problems=problems, plan=plan)))
    assert (found["content.shortcomings"], found["content.next-year"], found["content.causes"]) == expected


@pytest.mark.parametrize(("after_problems", "expected"), [
    ("", "missing"),  # the heading promised a plan; none was written
    ("下一步，我们将在6月底前为16个乡镇各配备1名专职合法性审查人员，全年轮训执法人员不少于1200人次。", "present"),
])
def test_a_combined_section_with_only_the_problems_sub_heading_has_no_plan_of_the_problems(
        after_problems: str, expected: str) -> None:
    # 三、存在的问题及下一步打算 over （一）存在的问题 alone: the problems' figures made a plan that was never
    # written "present"; a plan paragraph after them is still found
    text = COMBINED.format(problems="（一）存在的问题\n" + SPECIFIC_PROBLEMS, plan=after_problems)
    found = statuses(checker.check_text(text))
    assert found["content.next-year"] == expected
    assert found["content.shortcomings"] == "present"


APPENDIX = ("\n附件\n示例县2025年法治政府建设主要指标\n| 指标 | 数值 |\n| --- | --- |\n"
            + "".join(f"| {name} | {value} |\n" for name, value in [
                ("行政复议申请（件）", 58), ("受理（件）", 52), ("审结（件）", 49), ("一审行政诉讼案件（件）", 43),
                ("负责人出庭应诉率（%）", 100), ("规范性文件备案率（%）", 100), ("执法案卷评查（卷）", 320)]))


def test_an_appendix_after_the_signature_is_no_part_of_the_plan_and_hides_no_date() -> None:
    # 附件 tables after the 落款: the date is still found, and their figures make no plan specific
    separate = COMBINED.replace("三、存在的问题及下一步打算\n{problems}\n",
                                "三、存在的问题\n{problems}\n四、2026年工作安排\n")
    text = separate.format(problems=SPECIFIC_PROBLEMS, plan=GENERIC_PLAN) + APPENDIX
    result = checker.check_text(text)
    found = statuses(result)
    assert found["content.next-year"] == "weak"
    assert found["meta.date"] == "present" and found["meta.issuer"] == "present"
    assert element(result, "metric.appearance-rate")["status"] == "present"  # the appendix is still data


UNHEADED = ("示例县司法局2025年度法治政府建设工作报告\n\n"
            "2025年，我局认真履行法治政府建设职责。一是全年审核县政府规范性文件11件、合同协议86份，提出审核意见132条，"
            "备案率100%；二是办理行政复议案件52件，审结49件，纠错率12.2%；三是指导全县一审行政诉讼案件43件应诉，"
            "行政机关负责人出庭应诉率100%；四是开展“法律明白人”培训8期，培训1260人次。\n\n"
            "{lead}乡镇司法所平均仅有工作人员1.6名，14个司法所中有5个为“一人所”；行政复议案件平均办理周期48天，"
            "比全市平均长9天。{causes}\n\n"
            "局党组书记、局长切实履行推进法治建设第一责任人职责，全年主持召开局党组会议专题研究法治工作5次，"
            "带头讲授法治课1次，带队督查基层司法所建设4次，年初向县委述法。\n\n"
            "2026年，我局将重点抓好以下工作：一是年内为5个“一人所”各增配1名工作人员；二是出台行政复议案件繁简分流办法，"
            "平均办理周期压缩到40天以内。\n\n示例县司法局\n2026年1月20日\n")
UNHEADED_CAUSES = ("究其原因，一方面是政法专项编制长期未调整，人员补充渠道不畅；"
                   "另一方面是复议案件增长较快，办案人员只有4名。")


@pytest.mark.parametrize("lead", ["在肯定成绩的同时，我们也清醒认识到还存在一些不足：", "存在的问题主要是：",
                                  "问题和不足主要有：", "对照上级要求，我局工作还有差距，主要表现在："])
def test_a_report_without_headings_has_its_causes_in_the_shortcomings_paragraph(lead: str) -> None:
    found = statuses(checker.check_text(UNHEADED.format(lead=lead, causes=UNHEADED_CAUSES)))
    assert found["content.shortcomings"] == "present"
    assert found["content.causes"] == "present"  # it was weak: no section of its own to look in
    found = statuses(checker.check_text(UNHEADED.format(lead=lead, causes="")))
    assert found["content.causes"] == "missing"


def test_causes_in_the_paragraph_after_the_shortcomings_may_open_with_a_long_cue() -> None:
    # 一方面，……；另一方面，…… is one cue that runs on: it begins the next paragraph
    causes = ("\n\n一方面，政法专项编制长期未调整，人员补充渠道不畅；另一方面，复议案件增长较快，"
              "办案人员只有4名。")
    found = statuses(checker.check_text(UNHEADED.format(lead="存在的问题主要是：", causes=causes)))
    assert found["content.causes"] == "present"


def test_measures_paragraphs_that_look_like_lead_ins_stay_measures() -> None:
    # 清醒认识到 the importance of the work, and 2025年重点工作 in a 2025 report, open
    # measures paragraphs: neither is a shortcomings or plan paragraph of its own.
    path = STYLES / "closing_paragraphs_district_2025.txt"
    text = path.read_text(encoding="utf-8")
    start = text.index("在肯定成绩的同时")
    end = text.index("青石区人民政府\n2026")
    tampered = text[:start] + (
        "我们清醒认识到法治政府建设的重要性，全年召开专题会议5次，印发《青石区法治政府建设工作要点》。\n\n"
        "2025年重点工作推进顺利：完成区级规范性文件清理86件，新建公共法律服务站12个。\n\n") + text[end:]
    found = statuses(checker.check_text(tampered))
    assert found["content.shortcomings"] == "missing"
    assert found["content.next-year"] in ("weak", "missing")
    assert found["content.first-responsible"] == "present"  # its own paragraph is untouched


@pytest.mark.parametrize(("sentence", "expected"), [
    # what is still undone, owned up to inside a measures item: a mention
    ("开展执法监督检查4次，发现问题53个，已整改49个，仍有4个问题因涉及多部门职责尚未整改到位。", "weak"),
    # work done about others' problems: no admission at all
    ("开展执法监督检查4次，对存在问题尚未整改到位的3个单位进行约谈。", "missing"),
])
def test_an_admission_in_passing_is_a_mention_and_work_on_others_problems_is_none(
        sentence: str, expected: str) -> None:
    text = ("示例区人民政府2025年法治政府建设工作报告\n"
            "一、2025年法治政府建设主要工作\n"
            f"（一）加强行政执法监督。{sentence}\n"
            "（二）行政复议和应诉。区政府收到行政复议申请102件，受理96件，办结90件；行政诉讼一审案件61件。\n"
            "二、区长履行推进法治建设第一责任人职责情况\n"
            "区长全年主持区政府常务会议学法9次，专题研究法治工作2次，带头出庭应诉1件。\n"
            "三、2026年工作打算\n"
            "一是出台《示例区行政执法监督办法》；二是一季度内完成剩余问题整改。\n"
            "示例区人民政府\n2026年2月3日\n")
    result = checker.check_text(text)
    assert statuses(result)["content.shortcomings"] == expected
    if expected == "weak":
        # a mention is no section: the drafter is told to add one, not to fill one that is not there
        finding = next(f for f in result["findings"] if f["rule"] == "content.shortcomings")
        assert finding["suggestion"].startswith("单列"), finding


def test_the_last_plan_item_on_a_line_of_its_own_counts_though_the_signature_follows_it() -> None:
    # （二）……。 then 示例县人民政府 / 2026年2月26日: the signature is no body of the item, so its line is
    # the item itself and its figure counts (the plan had "only 1" fact of 2)
    text = COMBINED.replace("三、存在的问题及下一步打算\n{problems}\n{plan}\n",
                            "三、存在的问题\n{problems}\n四、2026年工作安排\n{plan}\n")
    plan = ("（一）完善依法决策机制，6月底前出台《示例县重大行政决策目录管理办法》。\n"
            "（二）提升执法质量，全年评查案卷不少于300卷。\n")
    found = statuses(checker.check_text(text.format(problems=SPECIFIC_PROBLEMS, plan=plan)))
    assert found["content.next-year"] == "present"


def test_facts_listed_with_pause_marks_count_one_by_one() -> None:
    # 学法4次、听取汇报2次、审定决定17件 are three facts, as they are when commas divide them; a
    # list whose other items carry no figure of their own stays one fact.
    original = (STYLES / "dept_short_dense_2024.txt").read_text(encoding="utf-8")
    facts = "局长带头学法，全年主持党组理论学习中心组集体学法4次，听取法治工作汇报2次，亲自审定重大执法决定17件。"
    assert facts in original
    listed = original.replace(facts, facts.replace("4次，", "4次、").replace("2次，", "2次、"))
    assert element(checker.check_text(listed), "content.first-responsible")["status"] == "present"
    routine = original.replace(
        facts, "局长带头学法，全年主持党组理论学习中心组集体学法4次、听取法治工作汇报、审定重大执法决定。")
    duty = element(checker.check_text(routine), "content.first-responsible")
    assert duty["status"] == "weak" and "正文仅" in duty["note"]


def _pledging(*, measure: str = "", causes: str = "", duty: str = "", pledge: str) -> str:
    """A report written here whose plan opens with ``pledge``; ``measure`` ends the measures,
    ``causes`` follows the problems, ``duty`` is a duty section of its own (none when empty)."""
    return ("示例县人民政府关于2024年度法治政府建设情况的报告\n"
            "一、主要举措和成效\n全年审核规范性文件42件，备案率100%，废止8件。组织行政执法案卷评查2次，"
            "评查案卷320卷。收到行政复议申请86件，审结71件。行政诉讼一审案件64件，负责人出庭应诉61件次。"
            f"开展普法活动160场。{measure}\n"
            f"二、存在的问题\n一是12个乡镇中有5个没有专职审查人员；二是3个部门规范性文件未按期清理。{causes}\n"
            + (f"三、县长履行推进法治建设第一责任人职责情况\n{duty}\n" if duty else "")
            + f"四、2025年主要安排\n（一）{pledge}（二）为12个乡镇各配备1名专职审查人员。（三）开展执法案卷评查2轮。\n"
            "示例县人民政府\n2025年2月20日\n")


CAUSES = "究其原因，主要是编制紧张、人员流动大，合法性审查培训全年只有1期。"


def test_a_duty_pledged_only_in_the_plan_is_missing_and_one_told_in_the_measures_is_a_mention() -> None:
    # No duty section: 落实第一责任人职责 among next year's tasks reports nothing of the year's.
    pledge = "落实党政主要负责人履行推进法治建设第一责任人职责，把法治建设纳入年度考核。"
    pledged = checker.check_text(_pledging(causes=CAUSES, pledge=pledge))
    assert statuses(pledged)["content.first-responsible"] == "missing"
    assert pledged["grade"] == "不合格"
    told = checker.check_text(_pledging(
        measure="县长主持召开县政府常务会议专题研究法治政府建设4次，带头述法。", causes=CAUSES, pledge=pledge))
    duty = element(told, "content.first-responsible")
    assert duty["status"] == "weak" and "仅在" in duty["note"]


def test_causes_pledged_only_in_the_plan_are_missing() -> None:
    # 针对上述问题，深入剖析原因 among next year's tasks promises an analysis the report never gives.
    duty = "县长主持召开常务会议专题学法6次，研究法治议题3次，带头述法。"
    pledge = "针对上述问题，深入剖析原因，逐项制定整改措施。"
    result = checker.check_text(_pledging(duty=duty, pledge=pledge))
    assert statuses(result)["content.causes"] == "missing"
    assert result["grade"] == "不合格"
    # The same lead-in inside the problems section is an analysis begun (a mention at least).
    analysis = "深入剖析原因，乡镇法制员岗位在机构改革中被撤销，审核由党政办兼管。"
    inside = _pledging(causes=analysis, duty=duty, pledge=pledge)
    assert statuses(checker.check_text(inside))["content.causes"] != "missing"


def test_plan_items_run_on_in_one_paragraph_are_each_counted() -> None:
    # （一）……。（二）……。（三）……。 on one line is a list, not a sub-heading whose title (the first
    # item, with its figure) is left out of the count: the plan read as "only 1" fact of 2
    duty = "县长主持召开常务会议专题学法6次，研究法治议题3次，带头述法。"
    pledge = "在12个乡镇全部组建综合执法队。"
    inline = checker.check_text(_pledging(causes=CAUSES, duty=duty, pledge=pledge).replace(
        "（二）为12个乡镇各配备1名专职审查人员。（三）开展执法案卷评查2轮。",
        "（二）修订《示例县重大行政决策程序规定》。（三）开展执法案卷评查。"))
    assert statuses(inline)["content.next-year"] == "present"
    # the same items under a sub-heading of slogans stay what they are: one task is not a plan
    slogans = checker.check_text(_pledging(causes=CAUSES, duty=duty, pledge="持续深化依法行政。").replace(
        "（二）为12个乡镇各配备1名专职审查人员。", "（二）进一步提升法治建设水平。"))
    assert statuses(slogans)["content.next-year"] == "weak"


def _with_causes_section(causes: str) -> str:
    return ("示例县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全年审核规范性文件42件，"
            "组织案卷评查2次，评查案卷320卷。\n二、存在的问题\n一是12个乡镇中有5个没有专职审查人员；"
            f"二是执法案卷评查发现不合格案卷14卷。\n（二）原因分析\n{causes}\n"
            "三、下一步工作打算\n（一）为12个乡镇各配备1名专职审查人员。（二）开展执法案卷评查2轮。\n"
            "示例县人民政府\n2025年2月20日\n")


@pytest.mark.parametrize(("causes", "status", "said"), [
    # three numbered stock causes: the markers 一是/二是 are no part of what a clause says
    ("一是思想认识不到位，个别干部依法行政意识不强。\n二是工作机制不健全，相关制度落实不够。\n"
     "三是能力素质不适应，干部学法用法不够深入。", "weak", "笼统的表述"),
    # a sub-section of its own too short to be the analysis is thin, not absent
    ("乡镇审查人员全部是兼职。", "weak", "正文仅 11 字"),
    ("主要是学习还不够深入，认识还不够到位。", "weak", "笼统的表述"),
    # short too, but three causes named: an analysis (as three after 究其原因 are)
    ("乡镇机构改革后法制员岗位被撤销，审核由党政办兼管，新进执法人员没有经过系统培训。", "present", "列出 3 条原因"),
])
def test_a_causes_sub_section_is_judged_by_what_it_says(causes: str, status: str, said: str) -> None:
    causes_element = element(checker.check_text(_with_causes_section(causes)), "content.causes")
    assert causes_element["status"] == status and said in causes_element["note"], causes_element


@pytest.mark.parametrize(("sentence", "status"), [
    # next year's plan told mid-paragraph in the measures: a mention, not nothing
    ("2025年，我局将在3月底前公布学区划分方案，配备不少于5名专职执法人员。", "weak"),
    # the report's own year: work done (将 is 把), no plan at all
    ("2024年，我局将执法人员培训纳入年度工作计划，全年培训216人次。", "missing"),
])
def test_a_plan_mentioned_mid_paragraph_counts_only_for_a_later_year(sentence: str, status: str) -> None:
    text = _department_report("示例县教育局", "2024年工作开展情况",
                              f"2024年，我局查处校外培训机构违规行为42起，取缔无证培训机构11家。{sentence}",
                              dated="2025年1月24日")
    assert statuses(checker.check_text(text))["content.next-year"] == status


def _department_report(issuer: str, heading: str, body: str, rest: str = "", dated: str = "2025年1月20日") -> str:
    """A department's short filing: its title, one section, what follows it, its signature."""
    return f"{issuer}关于2024年度法治政府建设情况的报告\n一、{heading}\n{body}\n{rest}{issuer}\n{dated}\n"


@pytest.mark.parametrize(("measure", "status"), [
    # why a success came about is no cause of a shortcoming
    ("全县信访总量下降30%，这主要是因为县委县政府高度重视。", "missing"),
    ("全县信访总量下降30%。这主要是因为县委县政府高度重视。", "missing"),
    # a cause given for a shortcoming in the measures is a passing mention
    ("乡镇审查力量仍然不足，这主要是因为编制少、人员流动快。", "weak"),
])
def test_a_cause_mentioned_elsewhere_counts_only_beside_a_shortcoming(measure: str, status: str) -> None:
    duty = "县长主持召开常务会议专题学法6次，研究法治议题3次，带头述法。"
    result = checker.check_text(_pledging(measure=measure, duty=duty, pledge="开展执法人员轮训2期。"))
    assert statuses(result)["content.causes"] == status


def test_a_section_written_on_its_headings_line_after_a_colon_is_judged_by_that_text() -> None:
    # 三、书记县长履职情况：县委书记……。 — the whole line was the heading and the duty had no body
    text = _pledging(duty="", causes=CAUSES, pledge="开展执法人员轮训2期。").replace(
        "四、2025年主要安排",
        "三、书记县长履职情况：县委书记、县长履行推进法治建设第一责任人职责，县政府常务会议学法11次，"
        "县长专题听取法治建设汇报3次，主持审议年度报告，年底在县委依法治县委员会会议上述法。\n四、2025年主要安排")
    duty = element(checker.check_text(text), "content.first-responsible")
    assert duty["status"] == "present", duty


@pytest.mark.parametrize(("head", "title"), [
    # a title wrapped after its year: the year is the title's, not inferred
    ("南陵区人民政府2024年度\n法治政府建设情况的报告", "南陵区人民政府2024年度法治政府建设情况的报告"),
    ("南陵区人民政府\n关于2024年度法治政府建设情况的报告", "南陵区人民政府关于2024年度法治政府建设情况的报告"),
    # a header over a title that names its issuer itself stays a header
    ("嵩桥县南陵乡人民政府\n南陵乡人民政府关于2024年度法治政府建设情况的报告",
     "南陵乡人民政府关于2024年度法治政府建设情况的报告"),
])
def test_a_title_wrapped_over_two_lines_is_read_whole(head: str, title: str) -> None:
    result = checker.check_text(f"{head}\n\n一、主要举措和成效\n区政府收到行政复议申请63件，办结59件。\n"
                                "\n南陵区人民政府\n2025年3月1日\n")
    assert result["title"] == title and result["year"] == 2024 and result["year_source"] == "title"


@pytest.mark.parametrize("admission", [
    "但执法人员持证率仍未达到100%，原因是新进人员较多",
    "但部分单位存在先决策后审查的问题，原因是合法性审查人员只有1名",
    "但短板在于基层审查力量，原因是乡镇法制员岗位被撤销",
])
def test_a_shortcoming_and_its_cause_said_in_passing_in_one_paragraph_are_mentions(admission: str) -> None:
    text = ("示例县市场监督管理局2024年度法治政府建设情况报告\n"
            f"2024年，我局办理行政处罚案件386件，审核规范性文件6件；{admission}；2025年我局将组织执法资格考试。\n"
            "示例县市场监督管理局\n2025年1月20日\n")
    found = statuses(checker.check_text(text))
    assert found["content.shortcomings"] == "weak" and found["content.causes"] == "weak", found


@pytest.mark.parametrize(("other", "status"), [
    ("本局不存在需要专门说明的问题。", "missing"),  # a denial names no shortcoming
    ("本局还存在执法记录仪配备不齐的问题。", "weak"),  # owned up to in passing
])
def test_a_denial_in_the_other_matters_is_no_mention_of_a_shortcoming(other: str, status: str) -> None:
    text = ("示例县市场监督管理局2024年度法治政府建设情况报告\n一、主要举措和成效\n"
            "全年办理行政处罚案件386件，审核规范性文件6件，组织执法培训4期。\n"
            f"二、2025年工作安排\n3月前完成执法案卷评查。\n三、其他需要报告的情况\n{other}\n"
            "示例县市场监督管理局\n2025年1月20日\n")
    assert statuses(checker.check_text(text))["content.shortcomings"] == status


DUTY_ACTS = "全年主持局务会议专题研究法治工作4次，对败诉案件逐件听取汇报，督办整改问题7个。"


@pytest.mark.parametrize(("duty", "status"), [
    # the head, by any title or in the first person, or no subject under the head's heading
    (f"城管局长{DUTY_ACTS}", "present"), (f"税务局长{DUTY_ACTS}", "present"), (f"秘书长{DUTY_ACTS}", "present"),
    (f"单位负责人{DUTY_ACTS}", "present"), (f"支队长、政委{DUTY_ACTS}", "present"),
    (f"一年来，我始终把法治建设摆在突出位置，{DUTY_ACTS}", "present"), (DUTY_ACTS, "present"),
    (f"局党组{DUTY_ACTS}", "present"),
    # someone else at work and no word of the head
    (f"分管副局长{DUTY_ACTS}法规科主任牵头组织执法培训4期。", "weak"),
    # the head's own acts upon others: 听取县司法局汇报, 责成局办公室建立台账; 他 under the head's heading
    (f"{DUTY_ACTS}3月听取县司法局专题汇报，责成局办公室建立督办台账。", "present"),
    (f"他{DUTY_ACTS}要求分管领导每季度报告一次。", "present"),
    (f"市长助理{DUTY_ACTS}", "weak"),
    (f"党组成员、副局长{DUTY_ACTS}", "weak"),
    (f"机关党委副书记{DUTY_ACTS}法规股牵头开展案卷评查2次。", "weak"),
    ("县委依法治县委员会办公室牵头开展法治督察2轮，督促整改问题29个，县司法局组织执法培训4期、培训420人次。", "weak"),
])
def test_the_duty_is_the_heads_own_unless_the_section_names_only_others(duty: str, status: str) -> None:
    text = ("示例县城市管理局关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "全年办理行政处罚案件386件，审核规范性文件6件，组织执法培训4期。\n"
            f"二、主要负责人履行推进法治建设第一责任人职责情况\n{duty}\n"
            "三、2025年工作安排\n3月前完成执法案卷评查，评查案卷不少于150卷。\n"
            "示例县城市管理局\n2025年1月20日\n")
    assert statuses(checker.check_text(text))["content.first-responsible"] == status


@pytest.mark.parametrize(("plan", "severity"), [
    ("四、2024年工作安排\n6月底前出台《示例县行政执法监督办法》。", "error"),  # last year's plan kept
    # a plan opening with the year reported (a heuristic: a warning) or naming a later one (2035年，我国将……)
    ("四、下一步工作打算\n2024年，我县将出台《示例县行政执法监督办法》。", "warning"),
    ("四、2025年工作安排\n2035年，我国将基本建成法治政府。6月底前出台《示例县行政执法监督办法》。", None),
    ("四、2025年工作安排\n6月底前出台《示例县行政执法监督办法》。", None),
])
def test_a_plan_for_the_wrong_year_is_an_error(plan: str, severity: str | None) -> None:
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n一、2024年主要举措和成效\n"
            "全年收到行政复议申请90件，受理85件，审结80件。\n" + plan + "\n示例县人民政府\n2025年2月10日\n")
    found = [f["severity"] for f in checker.check_text(text)["findings"] if f["rule"] == "timing.heading-year"]
    assert found == ([severity] if severity else [])


@pytest.mark.parametrize(("body", "status"), [
    ("6月底前出台《示例县行政执法监督办法》，年内组织执法人员轮训2期。", "weak"),  # last year's plan kept
    # the heading's year a slip: the plan under it is for the year ahead (the slip is reported as such)
    ("一是2025年6月底前出台《示例县行政执法监督办法》；二是2025年内组织执法人员轮训2期。", "present"),
])
def test_a_plan_under_last_years_heading_is_thin_unless_it_names_the_year_ahead(body: str, status: str) -> None:
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n一、2024年主要举措和成效\n"
            "全年收到行政复议申请90件，受理85件，审结80件。\n四、2024年工作安排\n" + body
            + "\n示例县人民政府\n2025年2月10日\n")
    result = checker.check_text(text)
    assert statuses(result)["content.next-year"] == status
    assert [f["severity"] for f in result["findings"] if f["rule"] == "timing.heading-year"] == ["error"]


@pytest.mark.parametrize(("sentence", "element"), [
    ("全年被申请行政复议5件，均维持。", "metric.reconsideration"),
    ("本局被提起行政诉讼3件，一审审结3件，败诉0件，局长出庭应诉3件，出庭应诉率100%。", "metric.litigation"),
])
def test_a_departments_own_cases_by_their_figures_bring_their_metric(sentence: str, element: str) -> None:
    text = _department_report("示例县市场监督管理局", "主要举措和成效",
                              f"全年办理行政处罚案件386件，审核规范性文件6件。{sentence}",
                              rest="二、2025年工作安排\n3月前完成执法案卷评查。\n")
    assert statuses(checker.check_text(text)).get(element) == "present"


def test_a_copied_web_pages_menu_before_the_title_leaves_the_title_found() -> None:
    menu = "\n".join(["南湖区人民政府", "首页", "政务公开", "政务服务", "互动交流", "当前位置：首页 > 政务公开",
                      "法治政府建设", "年度报告", "执法公示", "权责清单"])
    text = (f"{menu}\n南湖区住房和城乡建设局2024年度法治政府建设情况报告\n一、主要举措和成效\n"
            "全年办理行政处罚案件386件，审核规范性文件6件。\n南湖区住房和城乡建设局\n2025年1月20日\n")
    result = checker.check_text(text)
    assert result["title"] == "南湖区住房和城乡建设局2024年度法治政府建设情况报告"
    assert result["issuer"] == "南湖区住房和城乡建设局" and result["template"] == "dept-annual"


def test_a_plan_of_nothing_but_the_years_work_says_so() -> None:
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "全年收到行政复议申请90件，受理85件，审结80件；审核规范性文件16件，评查执法案卷240卷。\n"
            "二、下一步工作打算\n2024年，全县共审核规范性文件16件，办理行政复议案件79件，评查执法案卷240卷。\n"
            "示例县人民政府\n2025年2月10日\n")
    plan = element(checker.check_text(text), "content.next-year")
    assert plan["status"] == "weak" and "写的都是2024年已经做的工作" in plan["note"], plan


@pytest.mark.parametrize(("problems", "expected"), [
    # each problem is its item's run-in title, and only its cause follows: the titles are the content
    ("（一）部分执法人员法治意识不强，执法程序不规范的问题仍有发生。主要原因是培训针对性不强，考核机制不健全。\n"
     "（二）基层法治力量薄弱，乡镇合法性审核人员不足。原因在于编制有限，专业人员流失较多。\n", "present"),
    # the same shape with stock phrases for titles: read too, and found to say nothing concrete
    ("（一）学习贯彻还不够深入，法治意识有待进一步提高。主要原因是培训针对性不强，考核机制不健全。\n"
     "（二）工作推进还不够平衡，与上级要求相比仍有差距。原因在于编制有限，专业人员流失较多。\n", "weak"),
], ids=["concrete-titles", "stock-titles"])
def test_problems_stated_as_run_in_titles_over_their_causes_are_read(problems: str, expected: str) -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n"
            "一、主要举措和成效\n"
            "全年审核规范性文件23件，备案率100%；办理行政复议案件58件，纠错9件；一审行政诉讼案件42件。\n"
            "二、存在的不足和原因\n"
            f"{problems}"
            "三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            "县长主持召开县政府常务会议学法6次，专题听取法治政府建设工作汇报2次，带头述法。\n"
            "四、2026年工作安排\n"
            "一是6月底前制定重大行政决策事项目录；二是全年培训执法人员不少于500人次。\n"
            "示例县人民政府\n2026年1月20日\n")
    shortcomings = element(checker.check_text(text), "content.shortcomings")
    assert shortcomings["status"] == expected, shortcomings
    assert "没有成句的内容" not in shortcomings["note"]


# ---------------------------------------------------------------- a report written as one block

ONE_BLOCK = ("青川县自然资源局2025年度法治政府建设情况报告\n"
             "2025年，县自然资源局全年办理土地违法案件54件，收缴罚没款312万元，审核重大行政执法决定19件，"
             "组织执法人员培训5期、培训210人次。局党组书记、局长认真履行推进法治建设第一责任人职责，"
             "全年主持局党组会议专题研究法治工作4次，带头旁听庭审1次，亲自协调解决征地补偿争议3起。"
             "{problems}"
             "2026年，我局将重点抓好以下工作：6月底前完成全部执法案卷自查，年内组织执法人员轮训2期，"
             "12月底前实现土地执法案件网上办理率达到95%。\n"
             "青川县自然资源局\n2026年2月9日\n")
CONCRETE_PROBLEMS = ("同时也要看到，工作中还存在一些不足：全县11个乡镇中有4个没有专职国土执法人员，"
                     "全年卫片执法发现的违法图斑有17宗超期未处置。究其原因，主要是乡镇机构改革后国土所并入综合执法队，"
                     "编制减少6名；卫片核查系统与乡镇平台尚未对接，图斑要靠人工转交。")
STOCK_PROBLEMS = ("同时也要看到，工作中还存在一些差距和不足，主要是法治意识有待进一步增强，执法规范化水平还需提升。"
                  "究其原因，主要是思想认识还不够到位，工作措施不够有力。")


@pytest.mark.parametrize(("problems", "expected"), [
    (CONCRETE_PROBLEMS, "present"),
    (STOCK_PROBLEMS, "weak"),
], ids=["concrete", "stock"])
def test_a_report_written_as_one_block_is_read_by_its_lead_ins(problems: str, expected: str) -> None:
    # no headings and no paragraph marks: 局长认真履行……, 同时也要看到, 2026年，我局将 open its parts
    found = statuses(checker.check_text(ONE_BLOCK.format(problems=problems)))
    assert found["content.first-responsible"] == "present"
    assert found["content.next-year"] == "present"
    assert (found["content.shortcomings"], found["content.causes"]) == (expected, expected)
