"""Element verdicts on report shapes met in practice (texts written for these tests)."""

from __future__ import annotations

import pytest

from tests.conftest import check, element

MEASURES = (
    "（一）深化放管服改革。全面推行政务服务事项清单管理，公布依申请事项六百余项，"
    "一网通办比例持续提高，企业开办时间压缩到一个工作日以内，群众办事更加便利。"
    "推行证明事项告知承诺制，取消各类证明材料三十多项，营商环境评价位居全市前列。\n"
    "（二）严格规范行政执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核"
    "三项制度，组织开展行政执法案卷评查两次，评查案卷一百余卷，对发现的问题逐一反馈整改。"
    "组织全县执法人员参加培训考试，执法人员持证上岗率达到百分之百，执法规范化水平明显提升。\n"
    "（三）强化行政权力监督。自觉接受人大监督和政协民主监督，认真办理人大代表建议和政协委员"
    "提案，办复率和满意率均达到要求。推进政务公开，主动公开政府信息两千余条，依法办理政府"
    "信息公开申请，没有因信息公开引发行政复议被纠错的情况。\n"
)
DUTY = (
    "县政府主要负责同志对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、"
    "重要任务亲自督办。全年主持召开县政府常务会议专题听取法治政府建设工作汇报三次，研究解决"
    "行政执法体制改革、合法性审查力量不足等问题；坚持常务会议会前学法制度，全年学法十二次。\n"
)
PLAN = (
    "（一）深入学习贯彻习近平法治思想，把法治政府建设纳入年度考核。\n"
    "（二）严格落实重大行政决策程序，完善合法性审查机制，提高规范性文件备案审查质量。\n"
    "（三）深化行政执法体制改革，开展行政执法质量提升行动，推进行政复议规范化建设。\n"
)
TITLE = "示例县人民政府关于2024年度法治政府建设情况的报告\n"
PROBLEMS = ("一是基层执法力量较为薄弱，乡镇综合执法队伍人员少、流动快，执法人员能力有待提高。"
            "二是部门合法性审查力量不足，个别规范性文件未经审查即提交会议。\n")


@pytest.mark.parametrize("heading", ["三、存在的问题及下一步工作打算", "三、存在的问题及整改措施", "三、问题与打算",
                                     "三、存在的问题及对策"])
def test_a_combined_section_of_problems_only_has_no_plan(heading: str) -> None:
    # the problems' figures were counted as the plan's: the plan was present
    text = (TITLE + "一、主要工作开展情况\n" + MEASURES
            + "二、党政主要负责人履行推进法治建设第一责任人职责情况\n" + DUTY + heading + "\n"
            + "一是基层执法力量较为薄弱，12个乡镇中有5个执法人员不足3名；二是3个部门规范性文件未按期清理。"
              "究其原因，主要是乡镇执法队伍编制少、人员流动快，专业培训不够系统。\n")
    result = check(text)
    plan = element(result, "content.next-year")
    assert plan.status == "weak" and plan.hollow and "没有写出下一年度要做什么" in plan.note
    assert element(result, "content.shortcomings").status == "present"
    # with its tasks listed after the problems (no lead-in), the plan is there
    planned = check(text + "一是为12个乡镇各配备1名专职执法人员；二是制定《规范性文件清理办法》，6月底前完成清理。\n")
    assert element(planned, "content.next-year").status == "present"


def test_combined_problems_and_plan_section_carries_both() -> None:
    text = (TITLE + "一、主要工作开展情况\n" + MEASURES
            + "二、党政主要负责人履行推进法治建设第一责任人职责情况\n" + DUTY
            + "三、存在的问题及下一步工作打算\n"
            + "一是基层执法力量较为薄弱，12个乡镇中有5个执法人员不足3名。究其原因，主要是乡镇执法队伍编制少、"
              "人员流动快，专业培训不够系统，考核导向作用发挥不充分。\n" + PLAN)
    result = check(text)
    assert element(result, "content.shortcomings").status == "present"
    assert element(result, "content.causes").status == "present"
    assert element(result, "content.next-year").status == "present"


def test_first_responsible_subsection_of_its_own_is_present() -> None:
    text = (TITLE + "一、2024年推进法治政府建设的主要举措和成效\n"
            + "（一）党政主要负责人履行第一责任人职责情况\n" + DUTY + MEASURES
            + "二、存在的不足和原因\n" + PROBLEMS + "究其原因，主要是编制少。\n"
            + "三、2025年主要安排\n" + PLAN)
    result = check(text)
    assert element(result, "content.shortcomings").status == "present"
    first = element(result, "content.first-responsible")
    assert first.status == "present"
    assert "第一责任人职责情况" in first.evidence[0].text


@pytest.mark.parametrize(("sentence", "expected"), [
    # another duty's first responsible person, held by others: no mention of the head's duty
    ("明确各所队长为执法质量第一责任人，全年评查案卷240卷。", "missing"),
    ("局长作为安全生产第一责任人，全年带队检查企业12家。", "missing"),
    ("局长切实履行党风廉政建设第一责任人职责，全年开展廉政谈话16次。", "missing"),
    # the head in person in a lawsuit is the law's work
    ("局长亲自过问行政诉讼案件12件。", "weak"),
    # the head in person, in work that is not the law's
    ("局党委书记、局长亲自部署、亲自督办打击治理电信网络诈骗专项行动，破获案件1342件。", "missing"),
    # the head's rule-of-law duty, in passing: a mention
    ("局长作为推进法治建设第一责任人，全年带队检查企业12家。", "weak"),
    ("局长亲自部署行政执法案卷评查，评查案卷240卷。", "weak"),
    ("局主要负责同志高度重视法治政府建设工作，亲自部署年度重点任务。", "weak"),
])
def test_another_duty_in_person_is_no_mention_of_the_first_responsible_duty(sentence: str, expected: str) -> None:
    text = ("示例市公安局关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n" + MEASURES + sentence + "\n"
            + "二、存在的不足和原因\n一是基层执法力量较为薄弱。究其原因，主要是编制少。\n"
            + "三、2025年主要安排\n" + PLAN)
    assert element(check(text), "content.first-responsible").status == expected


DUTY_OF_GOVERNMENT_HEAD = ("二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                           "县政府主要负责同志全年专题听取法治政府建设工作汇报3次，主持县政府常务会议学法6次，"
                           "6月带队调研征地补偿工作，协调解决补偿标准问题2个。\n")


def test_a_bureaus_duty_section_about_the_governments_head_names_someone_else() -> None:
    text = ("示例县司法局关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n" + MEASURES
            + DUTY_OF_GOVERNMENT_HEAD + "三、存在的不足和原因\n一是基层执法力量薄弱。究其原因，主要是编制少。\n"
            + "四、2025年主要安排\n" + PLAN + "示例县司法局\n2025年1月20日\n")
    duty = element(check(text), "content.first-responsible")
    assert duty.status == "weak" and "其他机构" in duty.note


def test_the_governments_report_signed_by_its_bureau_keeps_the_governments_head() -> None:
    # a 司法局 drafts and signs its government's report: 县政府主要负责同志 is the filer's head
    text = ("示例县2024年度法治政府建设情况报告\n一、主要举措和成效\n" + MEASURES
            + DUTY_OF_GOVERNMENT_HEAD + "三、存在的不足和原因\n一是基层执法力量薄弱。究其原因，主要是编制少。\n"
            + "四、2025年主要安排\n" + PLAN + "示例县司法局\n2025年1月20日\n")
    result = check(text)
    assert result.template == "gov-annual"
    assert element(result, "content.first-responsible").status == "present"


def test_plan_item_naming_the_duty_is_not_a_first_responsible_section() -> None:
    text = (TITLE + "一、主要举措和成效\n" + MEASURES
            + "二、存在的不足和原因\n一是基层执法力量较为薄弱。究其原因，主要是编制少。\n"
            + "三、2025年主要安排\n（一）落实党政主要负责人履行推进法治建设第一责任人职责\n" + PLAN)
    # nor a mention of it: a pledge for next year reports nothing of this year's duty
    assert element(check(text), "content.first-responsible").status == "missing"


def test_difficulties_heading_and_short_plan_heading_are_recognised() -> None:
    text = (TITLE + "一、基本情况\n" + MEASURES + "二、工作中的困难和问题\n"
            + PROBLEMS
            + "三、下步打算\n" + PLAN)
    result = check(text)
    assert element(result, "content.measures").status == "present"
    assert element(result, "content.shortcomings").status == "present"
    assert element(result, "content.next-year").status == "present"


def test_bold_unnumbered_headings_in_markdown_style() -> None:
    text = (TITLE + "2024年，我县深入推进依法行政，现将有关情况报告如下。\n"
            + "**主要举措和成效**\n" + MEASURES + "**存在的问题**\n"
            + PROBLEMS
            + "**下一步工作打算**\n" + PLAN)
    result = check(text)
    assert element(result, "content.shortcomings").status == "present"
    assert element(result, "content.next-year").status == "present"
    assert element(result, "content.causes").status == "missing"


def test_nothing_about_the_plan_is_missing_with_a_note_of_what_was_searched() -> None:
    text = TITLE + "一、主要举措和成效\n" + MEASURES
    plan = element(check(text), "content.next-year")
    assert plan.status == "missing"
    assert "全文也没有相应表述" in plan.note and "下一年度主要安排" in plan.note and plan.evidence == ()


def test_department_report_is_judged_as_a_department() -> None:
    text = ("示例县市场监督管理局关于2024年度法治政府建设情况的报告\n"
            "2024年，我局深入推进依法行政。\n一、主要举措和成效\n" + MEASURES.replace("全县", "全局")
            + "二、存在的不足和原因\n一是我局执法人员能力有待提高。究其原因，主要是培训少。\n"
            + "三、2025年主要安排\n" + PLAN + "示例县市场监督管理局\n2025年2月10日\n")
    result = check(text)
    assert result.template == "dept-annual"
    assert result.issuer == "示例县市场监督管理局"


def test_report_without_a_stated_year_has_null_year_and_no_staleness() -> None:
    text = ("关于法治政府建设情况的报告\n今年以来，县政府按照《法治政府建设实施纲要（2015—2020年）》"
            "要求推进依法行政。\n一、主要举措和成效\n" + MEASURES)
    result = check(text)
    assert result.year is None
    assert element(result, "meta.year").status == "missing"
    assert not [f for f in result.findings if f.rule.startswith("ref.")]


def test_a_short_but_specific_section_is_present_and_a_short_general_one_weak() -> None:
    specific = ("区政府主要负责同志全年主持常务会议学法11次，专题研究法治政府建设工作3次，"
                "对重要工作亲自部署、重大问题亲自过问，年终述职中专项述法。\n")
    general = "区政府主要负责同志认真履行推进法治建设第一责任人职责，统筹推进法治政府建设各项工作。\n"
    for body, expected in ((specific, "present"), (general, "weak")):
        text = (TITLE + "一、主要举措和成效\n" + MEASURES
                + "二、主要负责人履行推进法治建设第一责任人职责情况\n" + body
                + "三、存在的不足和原因\n" + PROBLEMS + "究其原因，主要是编制少。\n"
                + "四、2025年主要安排\n" + PLAN)
        assert element(check(text), "content.first-responsible").status == expected, body


def plan_status(plan: str) -> str:
    text = (TITLE + "一、主要举措和成效\n" + MEASURES + "二、存在的不足和原因\n" + PROBLEMS
            + "究其原因，主要是编制少。\n三、2025年工作安排\n" + plan)
    return element(check(text), "content.next-year").status


def test_a_short_plan_with_items_of_its_own_is_present() -> None:
    plan = ("（一）修订《示例区行政复议案件办理规程》，提高办案质量。\n（二）开展行政执法质量提升行动，"
            "全年评查案卷不少于200卷。\n（三）为8个街道各配备1名法律顾问。\n")
    assert plan_status(plan) == "present"


def test_item_markers_do_not_change_a_plan_verdict() -> None:
    # A verb and a short object (完善合法性审查机制) names no task after 一是 or after （一）.
    items = ("推进行政复议规范化建设，提高办案质量。", "开展行政执法质量提升行动，加强执法培训。",
             "完善合法性审查机制，发挥法律顾问作用。")
    verdicts = {plan_status("".join(f"{marker}{item}\n" for marker, item in zip(markers, items, strict=True)))
                for markers in (("一是", "二是", "三是"), ("（一）", "（二）", "（三）"), ("1.", "2.", "3."))}
    assert verdicts == {"weak"}


def test_causes_in_a_section_of_their_own_after_the_problems() -> None:
    text = (TITLE + "一、主要举措和成效\n" + MEASURES + "二、存在的问题\n" + PROBLEMS
            + "三、问题产生的原因\n一是思想认识不到位，部分干部认为法治建设是软任务。二是保障不到位，"
            "乡镇法治机构人员编制少、流动快，专业人才补充渠道不畅。\n"
            + "四、2025年主要安排\n" + PLAN)
    result = check(text)
    assert element(result, "content.causes").status == "present"
    assert element(result, "content.measures").status == "present"
    assert element(result, "content.shortcomings").status == "present"


def test_a_heading_listing_causes_beside_problems_only_promises_them() -> None:
    text = (TITLE + "一、主要举措和成效\n" + MEASURES + "二、存在问题及原因分析\n" + PROBLEMS
            + "三、2025年主要安排\n" + PLAN)
    assert element(check(text), "content.causes").status == "weak"


def test_a_street_office_files_as_a_government_and_is_recognised_as_one() -> None:
    text = ("东湖街道办事处关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n" + MEASURES
            + "二、存在的不足和原因\n" + PROBLEMS + "三、2025年主要安排\n" + PLAN + "东湖街道办事处\n2025年2月10日\n")
    result = check(text)
    assert result.template == "gov-annual"
    assert "街道办事处" in result.template_reason and "无法从报告判断" not in result.template_reason


def test_a_department_speaking_of_its_whole_county_system_is_still_a_department() -> None:
    text = ("示例县教育局关于2024年度法治政府建设情况的报告\n"
            "2024年，全县教育系统深入推进依法治校，全县教育系统干部职工学法考试合格率100%。\n"
            "一、主要举措和成效\n" + MEASURES + "二、存在的不足和原因\n" + PROBLEMS
            + "究其原因，主要是培训少。\n三、2025年主要安排\n" + PLAN
            + "示例县教育局\n2025年2月10日\n")
    assert check(text).template == "dept-annual"


def test_a_justice_bureau_reporting_the_countys_mediation_and_legal_aid_is_a_department() -> None:
    # (全县人民调解、法律援助 are the bureau's own work; its title names it before 关于)
    text = ("示例县司法局\n关于2024年度法治政府建设情况的报告\n"
            "一、主要举措和成效\n全县共有人民调解委员会226个，全县公证机构办理公证事项4,312件，"
            "全县法律援助机构办理案件520件，全县社区矫正对象312人。县政府常务会议学法12次。\n" + MEASURES
            + "二、存在的不足和原因\n" + PROBLEMS + "究其原因，主要是培训少。\n三、2025年主要安排\n" + PLAN)
    assert check(text).template == "dept-annual"


def _causes_of(analysis: str) -> tuple[str, str]:
    text = (TITLE + "一、主要举措和成效\n" + MEASURES + "二、存在的问题\n" + PROBLEMS.rstrip("\n")
            + analysis + "\n三、2025年主要安排\n" + PLAN)
    verdict = element(check(text), "content.causes")
    return verdict.status, verdict.note


def test_causes_padded_with_stock_phrases_say_how_little_is_specific() -> None:
    # Stock phrases alone: the note says the analysis is only general.
    status, note = _causes_of("究其原因，主要是思想认识还不够到位，学习贯彻还不够深入，工作措施还不够有力，"
                              "统筹协调还不够顺畅。")
    assert status == "weak" and "笼统" in note and "只有" in note
    status, note = _causes_of("究其原因，主要是思想认识不到位，学习不够深入。")  # short, and only that
    assert status == "weak" and "笼统" in note and "共 4 字" not in note
    # A lead-in and labels padding one short cause: the note counts what is left.
    status, note = _causes_of("产生上述问题，既有客观因素，也有主观原因，主要是思想认识还不够到位，"
                              "工作措施还不够有力，乡镇编制总量有限，审核岗位无法单设。")
    assert status == "weak" and "除去套话，具体的原因只有" in note
    # Stock phrases before a cue that closes the sentence: the cue's own words are no cause.
    status, note = _causes_of("思想认识还不够到位，工作措施还不够有力，统筹协调还不够顺畅，是产生上述问题的主要原因。")
    assert status == "weak" and "笼统" in note
    # The causes before that cue are its analysis (it was 4 characters: 主要原因).
    status, note = _causes_of("乡镇编制总量有限，审查岗位只能由其他岗位人员兼任，执法培训每年只有一次，"
                              "是出现上述问题的主要原因。")
    assert status == "present", note
    # A stock predicate with what was neglected named is a cause (says what went wrong).
    status, _ = _causes_of("深层次看，是一些领导干部对程序规范重视不够，考核中法治指标权重仅占2%，"
                           "执法培训全年仅2期。")
    assert status == "present"


def test_a_duty_section_of_slogans_is_called_general_not_the_regions_work() -> None:
    # Nothing the head did and nothing specific at all: the note names the slogans, not
    # "the region's work" (kept for figures of the county's own work, 全县审查文件12件).
    slogans = ("县政府主要负责人严格落实第一责任人职责规定，认真履行法治建设第一责任人职责，"
               "不断提高运用法治思维和法治方式推动工作的能力。\n")
    text = (TITLE + "一、主要举措和成效\n" + MEASURES + "二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            + slogans + "三、存在的问题\n" + PROBLEMS + "四、2025年主要安排\n" + PLAN)
    duty = element(check(text), "content.first-responsible")
    assert duty.status == "weak" and "概括性表述" in duty.note and "本地区" not in duty.note
    county = text.replace(slogans, "全县审查规范性文件12件，办理行政复议案件41件，组织执法培训3期，"
                                   "培训执法人员420人次，评查案卷86卷。\n")
    duty = element(check(county), "content.first-responsible")
    assert duty.status == "weak" and "本地区" in duty.note


def full_report(plan: str, duty: str = DUTY, problems: str = PROBLEMS + "究其原因，主要是编制少。\n") -> str:
    return (TITLE + "一、主要举措和成效\n" + MEASURES
            + "二、党政主要负责人履行推进法治建设第一责任人职责情况\n" + duty
            + "三、存在的不足和原因\n" + problems
            + "四、2025年工作安排\n" + plan + "\n示例县人民政府\n2025年2月10日\n")


def test_the_closing_formula_alone_is_an_empty_plan_and_after_the_plan_ends_it() -> None:
    # 特此报告。 under the plan's heading, then the signature: the plan is missing, and the note
    # quotes the formula, not the signature.
    empty = element(check(full_report("特此报告。")), "content.next-year")
    assert empty.status == "missing" and "只写了“特此报告。”" in empty.note
    # The same formula as the last line of a real plan leaves the plan as it is (a line that is
    # a word for nothing among sentences does not empty a section).
    plan = ("一是6月底前制定《示例县行政执法监督办法》；二是开展执法人员轮训2期，培训不少于400人次；"
            "三是年底前完成县级规范性文件全面清理。\n特此报告。")
    assert element(check(full_report(plan)), "content.next-year").status == "present"
    assert element(check(full_report(plan.replace("\n特此报告。", "\n无。"))), "content.next-year").status == "present"


def test_a_section_that_points_elsewhere_or_is_filed_later_is_empty() -> None:
    duty = element(check(full_report(PLAN, duty="见第一部分。\n")), "content.first-responsible")
    assert duty.status == "missing" and "只写了“见第一部分。”" in duty.note
    assert element(check(full_report("（另行报送）")), "content.next-year").status == "missing"


def test_a_plan_sentence_under_the_shortcomings_heading_owns_up_to_nothing() -> None:
    problems = "下一步，我们将针对执法人员不足的问题，为每个乡镇配备2名执法人员。\n"
    shortcomings = element(check(full_report(PLAN, problems=problems)), "content.shortcomings")
    assert shortcomings.status == "weak" and "下一步打算" in shortcomings.note


def test_a_cause_said_in_passing_under_a_heading_that_promises_causes_is_thin_not_absent() -> None:
    # 受机构改革影响，……尚未完成: a cause, if thin; the heading's promise alone would have made
    # the causes "in name only" (hollow), holding the grade at 合格
    text = (TITLE + "一、主要工作开展情况\n" + MEASURES + "二、存在的不足和原因\n"
            + "受机构改革影响，部分执法职责划转尚未完成，涉及12项执法事项；3个乡镇未配备专职法制审核人员。\n"
            + "三、党政主要负责人履行推进法治建设第一责任人职责情况\n" + DUTY + "四、2025年工作安排\n" + PLAN)
    causes = element(check(text), "content.causes")
    assert causes.status == "weak" and not causes.hollow
    assert "只有零星表述：“受机构改革影响”" in causes.note
    promised_only = element(check(text.replace("受机构改革影响，", "")), "content.causes")
    assert promised_only.status == "weak" and promised_only.hollow


def test_the_duty_and_problems_under_the_years_work_heading_are_no_measures() -> None:
    # 一、2025年工作情况 holding （一）主要工作及成效, （二）主要负责人履职情况, （三）存在的问题: the
    # duty's and the problems' figures made a slogan （一） "present" (the report scored 优秀 100)
    def nested(work: str) -> str:
        return ("示例县交通运输局2025年度法治政府建设工作报告\n一、2025年度法治政府建设工作情况\n（一）主要工作及成效\n"
                + work + "\n（二）主要负责人履行推进法治建设第一责任人职责情况\n"
                "局长主持局党组会议研究法治工作3次，带头开展专题学法4次，审签重大执法决定9件，年终述法。\n"
                "（三）存在的问题及原因\n一是4个治超站点夜班平均只有2名执法人员；二是11份执法文书法律条款引用不全。"
                "原因主要是：执法编制10年未增，协管员不能单独执法；新版文书模板推行后没有组织集中培训。\n"
                "二、2026年工作打算\n（一）争取增加执法编制3名，确保夜班每站不少于3人。\n（二）一季度组织执法文书制作专题培训。\n")
    slogan = check(nested("我局坚持以习近平法治思想为指导，认真贯彻落实上级决策部署，依法行政水平不断提升，"
                          "执法规范化建设取得明显成效，营造了良好的法治氛围。"))
    measures = element(slogan, "content.measures")
    assert measures.status == "weak" and measures.hollow
    assert element(slogan, "content.first-responsible").status == "present"
    assert element(slogan, "content.shortcomings").status == "present"
    concrete = check(nested("全年办理道路运输行政许可1,386件，办结率100%。查处超限超载车辆214台次，卸载货物3,100吨。"
                            "开展执法案卷评查2次，评查案卷80卷，优良率88%。修订《行政执法公示办法》，"
                            "公示执法信息2,630条。组织执法人员培训4期，培训310人次，考试合格率97%。"
                            "行政复议案件3件，均维持；行政诉讼案件1件，胜诉，局长出庭应诉。"
                            "推行轻微违法首违不罚，不予处罚46件，当事人满意率98%。"
                            "聘请法律顾问2名，审查合同和重大执法决定57件，提出法律意见103条，全部被采纳。"))
    assert element(concrete, "content.measures").status == "present"
