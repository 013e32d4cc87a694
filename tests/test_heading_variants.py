"""The names filers give the five contents: each variant finds its section (reports written here).

One report with concrete content under every heading; only the heading of one section
changes per case, so a variant the templates do not know shows as that element weak.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import checker

MEASURES = ("修订《示例县重大行政决策程序规定》，全年审议重大决策事项9项。组织行政执法案卷评查2次，评查案卷210卷。"
            "县政府办理行政复议案件41件，审结38件。全县行政诉讼一审案件35件，负责人出庭应诉35件，出庭应诉率100%。"
            "开展宪法宣传活动36场，发放资料2.1万份。培训执法人员520人次，考试合格率99.2%。新建公共法律服务站12个。"
            "推行柔性执法，对61家市场主体首违不罚。清理规范性文件12件，废止3件，备案审查纠正文件2件。")
PROBLEMS = ("一是执法人员不足，全县乡镇平均执法人员仅3名；二是3个部门规范性文件未按期清理。"
            "究其原因，主要是编制紧张、人员流动大，部分部门对合法性审核重视不够，培训针对性不强。")
DUTY = "县长主持召开县政府常务会议专题学法6次，研究法治政府建设议题3次，带头旁听庭审1次，对3个部门开展法治督察。"
PLAN = ("一是制定《示例县行政执法监督办法》；二是开展执法人员轮训2期，培训不少于400人次；"
        "三是完成县级规范性文件全面清理。")
DEFAULTS = {"measures": "主要举措和成效", "shortcomings": "存在的不足和原因",
            "first-responsible": "党政主要负责人履行推进法治建设第一责任人职责情况", "next-year": "下一年度工作安排"}


def report(**headings: str) -> str:
    names = {**DEFAULTS, **{key.replace("_", "-"): value for key, value in headings.items()}}
    return ("示例县人民政府关于2024年度法治政府建设情况的报告\n\n"
            f"一、{names['measures']}\n{MEASURES}\n二、{names['shortcomings']}\n{PROBLEMS}\n"
            f"三、{names['first-responsible']}\n{DUTY}\n四、{names['next-year']}\n{PLAN}\n\n"
            "示例县人民政府\n2025年2月10日\n")


def report_of(*sections: tuple[str, str]) -> str:
    """A report of these (heading, body) top sections, numbered 一、二、…, signed."""
    numbered = "".join(f"{'一二三四五六'[k]}、{heading}\n{body}\n" for k, (heading, body) in enumerate(sections))
    return f"示例县人民政府关于2024年度法治政府建设情况的报告\n\n{numbered}\n示例县人民政府\n2025年2月10日\n"


def statuses(text: str) -> dict[str, str]:
    return {e["id"]: e["status"] for e in checker.check_text(text)["elements"]}


def test_the_default_headings_give_every_content_present() -> None:
    found = statuses(report())
    assert all(found[f"content.{key}"] == "present" for key in (*DEFAULTS, "causes"))


@pytest.mark.parametrize("heading", ["工作开展情况", "主要工作及成效", "工作成效", "主要做法",
                                     "2024年法治政府建设工作情况", "推进法治政府建设的主要举措", "取得的成效",
                                     "亮点工作", "特色做法"])
def test_measures_headings(heading: str) -> None:
    assert statuses(report(measures=heading))["content.measures"] == "present"


@pytest.mark.parametrize("heading", ["存在的短板和弱项", "存在的困难和问题", "问题与不足", "工作中存在的不足",
                                     "存在的主要问题", "不足之处", "面临的问题和挑战", "困难和挑战", "问题与反思",
                                     "需要改进的地方", "存在的风险和挑战", "问题短板", "有待改进的方面",
                                     "需要解决的问题", "工作短板", "问题清单", "自查发现的问题", "检视问题",
                                     "仍需努力的方面", "工作中存在的薄弱点", "困难问题", "问题剖析",
                                     "当前存在的突出问题", "存在的深层次问题", "工作中的差距", "短板和弱项",
                                     "差距与不足", "做得不够的地方", "短板", "发现的问题", "对照检查发现的问题",
                                     "检查中发现的问题", "工作中发现的问题和不足", "问题", "主要问题", "主要困难",
                                     "工作中的问题", "法治政府建设中发现的问题", "2024年对照检查发现的问题",
                                     "与先进地区的差距", "执法中的短板", "差距：", "发现的问题：", "问题剖析：",
                                     "几点反思", "工作反思", "问题分析", "差距分析", "不足分析"])
def test_shortcomings_headings_and_three_causes_in_one_sentence(heading: str) -> None:
    found = statuses(report(shortcomings=heading))
    assert found["content.shortcomings"] == "present"
    assert found["content.causes"] == "present"  # 编制紧张、人员流动大……培训针对性不强


@pytest.mark.parametrize("heading", ["2025年工作思路", "下一步工作举措", "今后工作打算", "下步工作", "2025年重点工作",
                                     "下一步工作计划", "2025年工作打算", "下一步努力方向", "2025年工作要点",
                                     "2025年工作目标", "2025年主要任务", "2025年工作举措", "展望2025年", "未来工作方向",
                                     "对2025年工作的建议", "下年度打算", "今后打算", "二〇二五年重点任务",
                                     "今后一个时期的工作", "2025年工作安排："])
def test_plan_headings(heading: str) -> None:
    assert statuses(report(next_year=heading))["content.next-year"] == "present"


@pytest.mark.parametrize("heading", ["主要负责人履行第一责任人职责情况", "党政主要负责人履职情况",
                                     "领导干部履行法治建设职责情况", "党政主要负责人述法情况", "主要领导履职尽责情况",
                                     "一把手抓法治情况", "主要领导抓法治建设情况", "压实法治建设第一责任",
                                     "县长履职尽责情况", "领导带头尊法学法守法用法情况", "落实法治建设责任制情况",
                                     "书记县长抓法治", "领导带头抓法治情况", "县长履行法治建设职责情况",
                                     "局长履行推进法治建设第一责任人职责情况", "领导班子履行法治建设职责情况",
                                     "党组书记、主任履职情况", "县长履职情况", "“一把手”履职情况", "“四个亲自”落实情况",
                                     "履行“四个亲自”情况", "领导班子带头学法用法情况", "带头学法用法情况",
                                     "履行推进法治建设职责情况", "切实履行法治政府建设职责"])
def test_first_responsible_headings(heading: str) -> None:
    assert statuses(report(first_responsible=heading))["content.first-responsible"] == "present"


@pytest.mark.parametrize("heading", ["2024年重点工作完成情况", "2024年主要任务完成情况", "2024年工作要点落实情况"])
def test_a_heading_on_the_years_tasks_done_is_the_measures_not_the_plan(heading: str) -> None:
    found = statuses(report(measures=heading))
    assert found["content.measures"] == "present"
    assert found["content.next-year"] == "present"  # the real plan section, not the measures


def test_one_or_two_causes_in_a_short_sentence_stay_weak() -> None:
    three = PROBLEMS[PROBLEMS.index("究其原因"):]
    for causes in ("究其原因，主要是对法治建设的重要性认识还不够到位。",
                   "究其原因，主要是思想认识不到位，工作落实不够有力。"):
        text = report().replace(three, causes)
        assert statuses(text)["content.causes"] == "weak", causes


def test_missing_causes_name_the_reports_own_shortcomings_section() -> None:
    text = report(shortcomings="存在的问题").replace(PROBLEMS[PROBLEMS.index("究其原因"):], "")
    causes = next(e for e in checker.check_text(text)["elements"] if e["id"] == "content.causes")
    assert causes["status"] == "missing"
    assert "章节“二、存在的问题”中没有相应内容" in causes["note"] and "没有标题为" not in causes["note"]


def test_a_duty_section_with_one_fact_says_how_many_it_needs() -> None:
    text = report().replace(DUTY, "县政府主要负责同志认真履行推进法治建设第一责任人职责，坚持重要工作亲自部署、"
                                  "重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，全年主持召开常务会议研究法治工作3次。")
    duty = next(e for e in checker.check_text(text)["elements"] if e["id"] == "content.first-responsible")
    assert duty["status"] == "weak"
    assert duty["note"] == "有专门章节，但只有 1 处数据或具体事例，应不少于 2 处"


def unnumbered(mark: str = "", preamble: str = "") -> str:
    """The same report with plain (or decorated) heading lines: 主要举措和成效, ◆存在的不足和原因 …"""
    text = report()
    for number in "一二三四":
        text = text.replace(f"\n{number}、", f"\n{mark}", 1)
    title, rest = text.split("\n\n", 1)
    return f"{title}\n{preamble}{rest}" if preamble else f"{title}\n{rest}"


@pytest.mark.parametrize("mark", ["", "◆", "■"])
def test_unnumbered_headings_with_no_preamble_make_the_first_one_a_heading_too(mark: str) -> None:
    found = statuses(unnumbered(mark))
    assert all(found[f"content.{key}"] == "present" for key in (*DEFAULTS, "causes")), found


def test_the_title_on_two_lines_is_not_taken_for_a_heading() -> None:
    from checker.engine import check_document_with_context
    from checker.pack.loader import load_pack
    from checker.text.document import Document

    text = unnumbered().replace("示例县人民政府关于", "示例县人民政府\n关于", 1)
    _, ctx = check_document_with_context(Document("<text>", text), load_pack())
    titles = [heading.title for heading in ctx.outline.headings]
    assert titles[0] == DEFAULTS["measures"] and not any("报告" in title for title in titles), titles
    assert statuses(text)["content.measures"] == "present"


def test_word_heading_styles_with_no_numbers_and_no_preamble(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("示例县人民政府关于2024年度法治政府建设情况的报告", style="Title")
    for key, body in zip(("measures", "shortcomings", "first-responsible", "next-year"),
                         (MEASURES, PROBLEMS, DUTY, PLAN), strict=True):
        document.add_paragraph(DEFAULTS[key], style="Heading 1")
        document.add_paragraph(body)
    document.add_paragraph("示例县人民政府")
    document.add_paragraph("2025年2月10日")
    path = tmp_path / "report.docx"
    document.save(str(path))
    elements = {e["id"]: e for e in checker.check_path(str(path))["elements"]}
    assert elements["content.measures"]["status"] == "present"
    assert elements["content.measures"]["note"].startswith("有专门章节")


DEPT = ("示例县交通运输局2024年度法治政府建设工作报告\n\n"
        "2024年，我局坚持以习近平法治思想为指导，认真落实县委、县政府关于法治政府建设的部署。现将有关情况报告如下。\n\n"
        "一、2024年度法治政府建设工作开展情况\n"
        "（一）强化组织领导。{duty}\n"
        "（二）规范行政执法。全年办理交通运输行政处罚案件126件，罚没款38.6万元。组织案卷评查2次，评查案卷80卷。\n"
        "二、存在的问题\n" + PROBLEMS + "\n三、2025年工作计划\n" + PLAN + "\n\n示例县交通运输局\n2025年1月15日\n")
HEAD_FIRST = ("局党组书记、局长切实履行推进法治建设第一责任人职责，全年主持召开党组会议专题研究法治工作4次，"
              "带头开展会前学法10次，带队开展执法检查3次，年底向县委依法治县办书面述法。")
HEAD_INSIDE = ("局党组将法治政府建设纳入年度重点工作，印发工作要点，细化21项任务。局主要负责同志切实履行推进法治建设"
               "第一责任人职责，主持党组会议研究法治工作4次。调整充实领导小组，将法治建设纳入科室年度考核。")


@pytest.mark.parametrize("layout", ["inline", "own line"])
def test_a_sub_section_given_over_to_the_heads_duty_counts_in_either_layout(layout: str) -> None:
    text = DEPT.format(duty=HEAD_FIRST)
    if layout == "own line":
        text = text.replace("（一）强化组织领导。", "（一）强化组织领导\n")
    duty = next(e for e in checker.check_text(text)["elements"] if e["id"] == "content.first-responsible")
    assert duty["status"] == "present"
    assert duty["note"].startswith("没有专门标题，但有专门一段")


def test_the_heads_duty_in_the_middle_of_a_sub_section_stays_a_mention() -> None:
    duty = next(e for e in checker.check_text(DEPT.format(duty=HEAD_INSIDE))["elements"]
                if e["id"] == "content.first-responsible")
    assert duty["status"] == "weak"


def test_an_admission_in_the_overview_is_no_shortcomings_section() -> None:
    # No shortcomings section at all; the opening paragraph says there are some.
    text = report().replace(f"二、{DEFAULTS['shortcomings']}\n{PROBLEMS}\n", "").replace(
        "报告\n\n", "报告\n\n2024年，我县法治政府建设取得积极成效，但也清醒认识到还存在一些不足和薄弱环节。"
                   "现将有关情况报告如下。\n\n", 1)
    found = statuses(text)
    assert found["content.shortcomings"] == "weak"
    assert found["content.causes"] == "missing"


@pytest.mark.parametrize("body", ["无。", "（略）", "详见附件1。", "（另附）", "待补充"])
def test_a_section_that_only_says_nothing_is_empty(body: str) -> None:
    duty = next(e for e in checker.check_text(report().replace(DUTY, body))["elements"]
                if e["id"] == "content.first-responsible")
    assert duty["status"] == "missing"
    assert duty["note"].endswith(f"下没有实际内容（只写了“{body}”）")


def test_a_section_with_one_short_fact_is_thin_not_empty() -> None:
    assert statuses(report().replace(DUTY, "县长述法1次。"))["content.first-responsible"] == "weak"


@pytest.mark.parametrize("problems", [
    "一是复议案件同比增长35%，办案压力加大。二是乡镇执法人员平均每镇3名，全县执法车辆仅有5台。",
    "行政执法数字化平台只覆盖了全县12个部门中的4个，其余部门仍靠纸质案卷。",
    "全年行政机关败诉案件5件，败诉率14.3%，高于全市平均水平。",
])
def test_shortcomings_stated_as_plain_facts_are_present(problems: str) -> None:
    text = report().replace(PROBLEMS[:PROBLEMS.index("究其原因")], problems)
    assert statuses(text)["content.shortcomings"] == "present"


def test_a_shortcomings_section_of_work_done_owns_up_to_nothing() -> None:
    text = report().replace(PROBLEMS, "我县始终坚持问题导向，对照督察反馈意见，全年排查整改问题126个，整改完成率100%。"
                                      "对群众反映强烈的执法问题开展专项整治3次，查处违规执法案件12件。")
    shortcomings = next(e for e in checker.check_text(text)["elements"] if e["id"] == "content.shortcomings")
    assert shortcomings["status"] == "weak"
    assert shortcomings["note"].endswith("写的是已做的工作或下一步打算，没有写出存在的不足")


def test_the_heads_own_acts_in_other_words_are_present() -> None:
    duty = ("县长全年审签规范性文件12件，对其中3件提出修改意见，率队赴5个乡镇督查行政执法工作，"
            "年底向县委述职时专门报告法治建设情况。")
    assert statuses(report().replace(DUTY, duty))["content.first-responsible"] == "present"


@pytest.mark.parametrize("heading", ["主要做法、成效及存在的问题", "工作成效和存在的不足"])
def test_a_heading_listing_the_measures_and_the_problems_carries_both(heading: str) -> None:
    # 一、主要做法、成效及存在的问题: the measures, then the problems from 还存在一些不足 on
    text = report_of((heading, f"{MEASURES}\n我县法治政府建设还存在一些不足：{PROBLEMS}"),
                     (DEFAULTS["first-responsible"], DUTY), (DEFAULTS["next-year"], PLAN))
    found = statuses(text)
    assert found["content.measures"] == "present"
    assert found["content.shortcomings"] == "present"
    assert found["content.causes"] == "present"
    generic = text.replace(PROBLEMS, "依法行政能力有待提升，法治宣传的针对性有待加强。究其原因，主要是学习不够深入、"
                                     "重视程度不够、推进不够有力。")
    assert statuses(generic)["content.shortcomings"] == "weak"  # the measures' figures are not its own


@pytest.mark.parametrize("heading", ["2024年工作情况和2025年工作打算", "2024年工作情况及2025年工作安排"])
def test_a_heading_on_the_years_work_and_next_years_plan_carries_both_by_its_sub_headings(heading: str) -> None:
    # the plan's pattern (2024年……打算) spans the whole heading: the year's work is still listed first
    text = report_of((heading, f"（一）主要举措和成效\n{MEASURES}\n（二）2025年工作打算\n{PLAN}"),
                     (DEFAULTS["shortcomings"], PROBLEMS), (DEFAULTS["first-responsible"], DUTY))
    found = statuses(text)
    assert found["content.measures"] == "present"
    assert found["content.next-year"] == "present"
    assert found["metric.reconsideration"] == "present"  # the measures' figures are no plan's targets


PLAN_ONE = "6月底前为每个乡镇配备2名专职审核人员，年底前完成全县审核人员业务轮训并组织考试"
PLAN_TWO = "全年组织执法人员轮训2期，每季度开展一次案卷交叉评查，评查结果纳入年度法治考核"


@pytest.mark.parametrize("heading", ["问题、原因及对策", "存在的问题、原因及2025年工作安排"])
def test_each_problems_plan_run_in_after_it_is_the_plan(heading: str) -> None:
    items = (f"（一）问题：3个乡镇未配备专职法制审核人员。主要原因是编制紧张。对策：{PLAN_ONE}。\n"
             f"（二）问题：执法案卷评查发现不合格案卷14卷。主要原因是培训不够系统。对策：{PLAN_TWO}。\n")
    text = report_of((DEFAULTS["measures"], MEASURES), (DEFAULTS["first-responsible"], DUTY), (heading, items))
    found = statuses(text)
    assert found["content.shortcomings"] == "present"
    assert found["content.next-year"] == "present"
    # the plan is what the 对策 say, not the problems' figures beside them
    stock = text.replace(PLAN_ONE, "进一步加强队伍建设").replace(PLAN_TWO, "持续加强培训")
    assert statuses(stock)["content.next-year"] == "weak"


def test_a_plan_heading_with_the_measures_words_inside_its_phrase_stays_the_plan() -> None:
    found = statuses(report(next_year="下一步主要工作"))
    assert found["content.next-year"] == "present"


@pytest.mark.parametrize("sub", ["（三）着力解决群众急难愁盼困难问题", "（三）补齐基层法治短板",
                                 "（三）着力解决执法中存在的问题", "（三）补齐基层法治力量不足的短板",
                                 "（三）上年度存在问题的整改情况", "（三）问题整改落实情况", "（三）存在问题整改",
                                 "（三）针对上年度不足的改进情况", "（三）聚焦短板弱项精准发力", "（三）补短板、强弱项",
                                 "（三）紧盯执法薄弱环节", "（三）针对薄弱环节强化执法监督", "（三）聚力突破薄弱环节",
                                 "（三）强化薄弱环节监管", "（三）短板弱项攻坚行动"])
def test_a_measures_sub_heading_on_problems_solved_is_no_shortcomings_section(sub: str) -> None:
    body = "全年化解群众反映的问题320件，新建村级法律服务点18个，培训乡镇执法人员260人次。"
    text = report().replace("一、主要举措和成效\n", f"一、主要举措和成效\n{sub}\n{body}\n", 1)
    text = text.replace(f"二、{DEFAULTS['shortcomings']}\n{PROBLEMS}\n", "")  # a report without its problems
    assert statuses(text)["content.shortcomings"] == "missing"


@pytest.mark.parametrize("heading", ["存在问题整改", "存在问题及整改措施", "存在问题整改措施",
                                     "存在的不足和问题整改情况"])
def test_a_top_heading_on_problems_and_their_fixes_is_the_shortcomings(heading: str) -> None:
    assert statuses(report(shortcomings=heading))["content.shortcomings"] == "present"


def labelled(colon: str = "：") -> str:
    """No numbered heading: the year's work first, then each content under a label line."""
    return ("示例县人民政府关于2024年度法治政府建设情况的报告\n\n"
            f"2024年，我县主要做了以下工作{colon}\n{MEASURES}\n{MEASURES.replace('9项', '11项')}\n"
            f"存在的问题{colon}\n{PROBLEMS}\n县长履行第一责任人职责情况{colon}\n{DUTY}\n"
            f"2025年，我们将{colon}\n{PLAN}\n\n示例县人民政府\n2025年2月10日\n")


@pytest.mark.parametrize("colon", ["：", ":"])
def test_label_lines_head_their_contents_where_no_heading_is_numbered(colon: str) -> None:
    # 存在的问题： on a line of its own was no heading (a colon): shortcomings and causes were
    # only "mentioned"; the work before the first label is the measures
    result = checker.check_text(labelled(colon))
    found = {e["id"]: e for e in result["elements"]}
    assert all(found[f"content.{key}"]["status"] == "present" for key in (*DEFAULTS, "causes")), found
    assert found["content.measures"]["note"].startswith("见第一个小标题之前的部分")
    assert found["content.shortcomings"]["note"].startswith("有专门章节")


def test_a_label_line_beside_numbered_headings_is_no_heading() -> None:
    from checker.engine import check_document_with_context
    from checker.pack.loader import load_pack
    from checker.text.document import Document

    text = report().replace(PROBLEMS, "存在的问题：\n" + PROBLEMS)
    _, ctx = check_document_with_context(Document("<text>", text), load_pack())
    assert [heading.title[:2] for heading in ctx.outline.headings] == ["主要", "存在", "党政", "下一"]
    assert statuses(text)["content.shortcomings"] == "present"


# The bureau's own head at work (县长 in a bureau's report is the county's head, not the bureau's).
BUREAU_DUTY = "局长主持召开局党组会议专题学法6次，研究法治建设议题3次，带头旁听庭审1次，对3个股室开展法治督察。"


def test_labels_over_numbered_subheadings_are_the_sections() -> None:
    # 主要举措和成效： over （一）……（二）, then 存在的不足：, 主要负责人履职情况：: the labels come
    # first, so they are the report's sections and the numbered items nest under them (the
    # duty was "only mentioned in （二）" when every label was taken for a lead-in)
    from checker.engine import check_document_with_context
    from checker.pack.loader import load_pack
    from checker.text.document import Document

    first, second = MEASURES.split("县政府办理", 1)
    text = ("示例县农业农村局2024年度法治政府建设情况报告\n\n"
            f"主要举措和成效：\n（一）健全决策机制。{first}\n（二）化解行政争议。县政府办理{second}\n"
            f"存在的不足：\n{PROBLEMS}\n主要负责人履职情况：\n{BUREAU_DUTY}\n下一年度工作安排：\n{PLAN}\n\n"
            "示例县农业农村局\n2025年1月15日\n")
    _, ctx = check_document_with_context(Document("<text>", text), load_pack())
    top = [section.heading.title for section in ctx.outline.root.children if section.heading]
    assert top == ["主要举措和成效：", "存在的不足：", "主要负责人履职情况：", "下一年度工作安排："]
    assert [child.heading.title for child in ctx.outline.root.children[0].children] == ["健全决策机制", "化解行政争议"]
    found = statuses(text)
    assert all(found[f"content.{key}"] == "present" for key in (*DEFAULTS, "causes")), found


@pytest.mark.parametrize("heading", ["差距和下一步工作", "问题和建议", "不足与下一步打算"])
def test_a_chapter_of_the_problems_and_what_comes_next_carries_the_shortcomings(heading: str) -> None:
    text = report().replace(f"二、{DEFAULTS['shortcomings']}\n{PROBLEMS}\n", f"二、{heading}\n{PROBLEMS}\n")
    found = statuses(text)
    assert found["content.shortcomings"] == "present" and found["content.causes"] == "present", found


@pytest.mark.parametrize("heading", ["亮点工作", "特色做法", "主要举措和成效"])
def test_a_bare_line_naming_the_measures_heads_them(heading: str) -> None:
    text = (f"示例县人民政府关于2024年度法治政府建设情况的报告\n\n{heading}\n{MEASURES}\n存在的不足和原因\n{PROBLEMS}\n"
            f"党政主要负责人履行推进法治建设第一责任人职责情况\n{DUTY}\n下一年度工作安排\n{PLAN}\n\n"
            "示例县人民政府\n2025年2月10日\n")
    assert statuses(text)["content.measures"] == "present"


@pytest.mark.parametrize("marker", ["（四）", "4."])
def test_a_plan_heading_numbered_in_another_style_after_the_third_top_heading_is_the_plan(marker: str) -> None:
    text = report().replace("四、下一年度工作安排", f"{marker}下一年度工作安排")
    found = statuses(text)
    assert found["content.next-year"] == "present" and found["content.first-responsible"] == "present", found


@pytest.mark.parametrize(("heading", "opening"), [
    # names no section; its first sentence opens the plan
    ("聚焦目标任务，奋力开创2025年法治政府建设新局面", "2025年，我县将重点抓好以下工作："),
    # names only the year after the report's, and looks ahead
    ("乘势而上、奋楫笃行，奋力谱写2025年法治示例新篇章", "县政府将重点抓好四件事："),
])
def test_a_heading_in_words_of_its_own_over_the_plan_is_the_plan(heading: str, opening: str) -> None:
    text = report_of((DEFAULTS["measures"], MEASURES), (DEFAULTS["shortcomings"], PROBLEMS),
                     (DEFAULTS["first-responsible"], DUTY), (heading, opening + PLAN))
    result = checker.check_text(text)
    assert {e["id"]: e["status"] for e in result["elements"]}["content.next-year"] == "present"
    assert not [f for f in result["findings"] if f["rule"] == "timing.heading-year"]


def test_a_duty_heading_without_the_duty_s_name_still_heads_a_section_of_only_the_deputy() -> None:
    # 履行推进法治建设职责情况 names the duty without 第一责任人: its section is the duty's, weak for
    # telling only the deputy's work (not missing, as if nothing were written)
    deputy = "常务副县长主持召开领导小组办公室会议3次，带队督察乡镇综合执法工作4次，协调解决复议办案场所问题1个。"
    text = report(first_responsible="履行推进法治建设职责情况").replace(DUTY, deputy)
    duty = next(e for e in checker.check_text(text)["elements"] if e["id"] == "content.first-responsible")
    assert duty["status"] == "weak" and "分管领导" in duty["note"], duty


QUESTIONS = {"measures": ["全年做了什么", "今年做了哪些工作", "一年来我们干了些什么", "工作做得怎么样",
                          "取得了哪些进展"],
             "shortcomings": ["还有哪些短板", "存在哪些不足", "还存在哪些问题", "问题出在哪里", "哪些地方做得还不够"],
             "first-responsible": ["县长怎样抓法治", "主要负责人如何履职"],
             "next-year": ["2025年准备怎样做", "下一步怎么干", "明年要做哪些事", "接下来的打算", "今后怎么干"]}


@pytest.mark.parametrize(("key", "heading"), [(key, h) for key, hs in QUESTIONS.items() for h in hs])
@pytest.mark.parametrize("numbered", [True, False])
def test_headings_asked_as_questions_or_in_plain_speech_head_their_contents(key: str, heading: str,
                                                                          numbered: bool) -> None:
    # (a plain line 全年做了什么 was no heading and 二、还有哪些短板 named no content: three contents
    # "missing", "全文也没有相应表述")
    text = report(**{key.replace("-", "_"): heading})
    if not numbered:
        text = text.replace("\n\n一、", "\n2024年，我县深入推进依法行政，现将有关情况报告如下。\n一、")
        for number in "一二三四":
            text = text.replace(f"\n{number}、", "\n", 1)
    found = statuses(text)
    assert all(found[f"content.{k}"] == "present" for k in (*DEFAULTS, "causes")), found


@pytest.mark.parametrize("mark", ["？", "?"])
def test_a_question_on_a_line_of_its_own_heads_its_content_where_no_heading_is_numbered(mark: str) -> None:
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n\n2024年，我县深入推进依法行政，现将有关情况报告如下。\n"
            f"全年做了什么{mark}\n{MEASURES}\n还有哪些短板{mark}\n{PROBLEMS}\n"
            f"县长怎样抓法治{mark}\n{DUTY}\n2025年准备怎样做{mark}\n{PLAN}\n\n示例县人民政府\n2025年2月10日\n")
    found = statuses(text)
    assert all(found[f"content.{k}"] == "present" for k in (*DEFAULTS, "causes")), found


def test_a_question_line_beside_numbered_headings_is_a_lead_in_not_a_heading() -> None:
    # (还存在哪些问题？ inside 一、 is the writer's own question, as 存在的问题： is a lead-in there)
    text = report().replace(f"{MEASURES}\n二、", f"{MEASURES}\n还存在哪些问题？\n下面逐项说明。\n二、", 1)
    from checker.engine import build_context
    from checker.pack.loader import load_pack
    from checker.text.document import Document
    ctx = build_context(Document(path="<t>", text=text, format="txt"), load_pack())
    assert [h.title for h in ctx.outline.headings if h.level == 1] == [
        DEFAULTS["measures"], DEFAULTS["shortcomings"], DEFAULTS["first-responsible"], DEFAULTS["next-year"]]


@pytest.mark.parametrize("sub", ["（三）着力解决执法中存在的问题", "（三）解决了哪些问题",
                                 "（三）群众反映的问题怎样解决", "（三）企业遇到什么困难就帮着解决什么困难",
                                 "（三）哪里有短板就往哪里发力"])
def test_a_measures_sub_heading_on_problems_dealt_with_stays_in_the_measures(sub: str) -> None:
    body = "全年化解群众反映的问题320件，新建村级法律服务点18个，培训乡镇执法人员260人次。"
    text = report().replace("一、主要举措和成效\n", f"一、主要举措和成效\n{sub}\n{body}\n", 1)
    text = text.replace(f"二、{DEFAULTS['shortcomings']}\n{PROBLEMS}\n", "")
    assert statuses(text)["content.shortcomings"] == "missing"


BRACKETED = {"measures": "【全年做了什么】", "shortcomings": "【还有哪些短板】",
             "first-responsible": "【县长怎样抓法治】", "next-year": "【2025年怎么干】"}


@pytest.mark.parametrize(("key", "heading"), [
    ("next-year", "【2025年这样干】"), ("next-year", "〖下一步工作打算〗"), ("next-year", "【2025年怎么干】"),
    ("shortcomings", "【还有哪些短板】"), ("measures", "【全年做了什么】"),
])
def test_a_heading_in_brackets_of_emphasis_is_read_by_its_words(key: str, heading: str) -> None:
    """A report whose every heading is set in 【】 and none is numbered."""
    headings = {**BRACKETED, key: heading}
    bodies = {"measures": MEASURES, "shortcomings": PROBLEMS, "first-responsible": DUTY, "next-year": PLAN}
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n\n"
            + "".join(f"{headings[k]}\n{bodies[k]}\n" for k in bodies) + "\n示例县人民政府\n2025年2月10日\n")
    found = statuses(text)
    assert found[f"content.{key}"] == "present"
