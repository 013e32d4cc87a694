"""The required metrics as elements, and the figures extracted into the JSON ``metrics`` list."""

from __future__ import annotations

import pytest

from checker.model import ReportResult
from tests.conftest import check, element

HEADER = "示例县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
DEPT_HEADER = "示例县市场监督管理局关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n我局认真落实各项制度。\n"


def status(text: str, element_id: str) -> str:
    return str(element(check(HEADER + text), element_id).status)


def metrics(result: ReportResult) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for metric in result.metrics:
        found.setdefault(metric.id, []).append(metric.value)
    return found


@pytest.mark.parametrize(("text", "expected"), [
    ("全年受理行政复议案件32件。", "present"),
    ("全县行政复议案件累计受理15件，办结12件，3件正在办理。", "present"),
    ("截至目前，正在办理行政复议案件1件。", "present"),
    ("全年共收到行政复议申请四十件。", "present"),
    ("全年未发生行政复议案件。", "present"),
    ("全县行政复议纠错率为8%。", "weak"),
    ("持续深化行政复议体制改革，畅通行政复议渠道。", "missing"),
    # a figure about another subject in the same sentence does not count
    ("开展涉及行政复议等方面规范性文件清理工作2件。", "missing"),
    # a target is not a result
    ("力争行政复议案件办结30件。", "missing"),
])
def test_reconsideration(text: str, expected: str) -> None:
    assert status(text, "metric.reconsideration") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("全年应诉行政诉讼案件14件。", "present"),
    ("依法办理区政府作为应诉机关的行政应诉一审案件22件。", "present"),
    ("发生一审行政诉讼案件25件，结案23件，败诉2件，败诉率8.7%。", "present"),
    ("全县行政诉讼败诉率为5%。", "weak"),
    ("支持人民法院依法受理和审理行政案件，切实履行生效裁判。", "missing"),
])
def test_litigation(text: str, expected: str) -> None:
    assert status(text, "metric.litigation") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("行政负责人出庭应诉率100%。", "present"),
    ("行政机关负责人出庭应诉15件次，出庭应诉率达到百分之百。", "present"),
    ("行政机关负责人出庭应诉15件次。", "weak"),
    ("行政机关负责人出庭应诉率不断提高。", "weak"),
    ("落实行政机关负责人出庭应诉率“两提两核一直达”要求。", "weak"),
    ("认真落实行政机关负责人出庭应诉制度。", "missing"),
    ("力争行政机关负责人出庭应诉率达到100%。", "weak"),
])
def test_appearance_rate(text: str, expected: str) -> None:
    assert status(text, "metric.appearance-rate") == expected


def test_present_element_cites_the_figure() -> None:
    result = check(HEADER + "全年收到行政复议申请86件，受理78件，审结71件。")
    found = element(result, "metric.reconsideration")
    assert found.value == 86
    assert found.evidence[0].text == "全年收到行政复议申请86件"
    assert found.evidence[0].line == 3
    assert found.note == "数字：86件、78件、71件"


def test_missing_element_is_a_finding_without_evidence() -> None:
    result = check(HEADER + "认真落实行政机关负责人出庭应诉制度。")
    finding = next(f for f in result.findings if f.rule == "metric.appearance-rate")
    assert "缺失" in finding.message and finding.line is None


def test_government_report_requires_the_three_metrics() -> None:
    ids = {e.id for e in check(HEADER + "全面推行行政执法三项制度。").elements}
    assert {"metric.reconsideration", "metric.litigation", "metric.appearance-rate"} <= ids


def test_department_report_requires_them_only_where_its_work_includes_them() -> None:
    quiet = check(DEPT_HEADER + "全面推行行政执法三项制度，组织执法人员培训3次。")
    assert quiet.template == "dept-annual"
    assert not any(e.id.startswith("metric.") for e in quiet.elements)
    busy = check(DEPT_HEADER + "我局作为被申请人的行政复议案件5件，均已审结。")
    ids = {e.id for e in busy.elements}
    assert "metric.reconsideration" in ids and "metric.litigation" not in ids
    assert element(busy, "metric.reconsideration").status == "present"
    # the cases said to be handled, without their figures: asked for, and weak
    vague = check(DEPT_HEADER + "全年办理行政处罚案件46件，认真做好行政复议和行政应诉工作。")
    assert {e.id: e.status for e in vague.elements if e.id.startswith("metric.")} == {
        "metric.reconsideration": "weak", "metric.litigation": "weak"}


def test_figures_are_extracted_as_data() -> None:
    text = HEADER + (
        "全年审核规范性文件42件，报送备案42件，备案率100%。"
        "政府法律顾问参与合法性审查78次，出具法律意见书78份。"
        "全县持证行政执法人员1,208人。"
        "人民调解组织受理矛盾纠纷2,460件，调解成功2,398件，调解成功率97.5%。"
        "全年收到行政复议申请86件，受理78件，审结71件，纠错率18.3%。"
        "全县行政诉讼一审案件64件，审结60件，败诉3件，败诉率5%。"
        "政府法律顾问提供法律服务160余次。"
    )
    result = check(text)
    found = metrics(result)
    assert found["normative.reviewed"] == [42]
    assert found["normative.filed"] == [42]
    assert found["normative.filing-rate"] == [100]
    assert found["counsel.participation"] == [78, 160]
    assert found["counsel.opinions"] == [78]
    assert found["enforcement.certified"] == [1208]
    assert found["mediation.received"] == [2460]
    assert found["mediation.success"] == [2398]
    assert found["mediation.success-rate"] == [97.5]
    assert found["reconsideration.correction-rate"] == [18.3]
    assert found["litigation.loss-rate"] == [5]
    as_json = [m.to_dict() for m in result.metrics]
    opinions = next(m for m in as_json if m["id"] == "counsel.opinions")
    assert opinions == {"id": "counsel.opinions", "value": 78, "unit": "份", "line": 3,
                        "text": "出具法律意见书78份"}
    approximate = next(m for m in as_json if m["value"] == 160)
    assert approximate["approximate"] is True


def test_topic_switches_mid_sentence() -> None:
    text = HEADER + ("全县行政复议案件累计受理15件，办结12件，纠错率0，发生一审行政诉讼案件25件，"
                     "结案23件，败诉2件，败诉率8.7%，行政机关负责人出庭应诉率100%。")
    found = metrics(check(text))
    assert found["reconsideration.concluded"] == [12]
    assert found["litigation.concluded"] == [23]
    assert found["reconsideration.correction-rate"] == [0]
    assert found["appearance.rate"] == [100]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("全县行政机关负责人出庭应诉率由上年的92.1%提高到100%。", {"appearance.rate": [100]}),
    ("全县行政机关负责人出庭应诉率从92.1%提升至100%。", {"appearance.rate": [100]}),
    ("全县行政复议纠错率由上年的8.1%上升到12.2%。", {"reconsideration.correction-rate": [12.2]}),
    ("全年受理行政复议案件由上年的45件增加到52件。", {"reconsideration.accepted": [52]}),
    # a target stays a target, change or not
    ("力争行政机关负责人出庭应诉率由上年的92.1%提高到100%。", {}),
])
def test_a_change_names_this_years_figure_not_last_years(sentence: str, expected: dict[str, list[float]]) -> None:
    assert metrics(check(HEADER + sentence)) == expected


def test_a_chinese_numeral_without_its_classifier_does_not_cut_the_label() -> None:
    # 一审 and 三级 are words: the quoted statement starts where the label does
    result = check(HEADER + "全年收到行政复议申请58件；一审行政诉讼案件43件。"
                            "县乡村三级调解组织全年共调解矛盾纠纷3820件。")
    quoted = {m.id: m.text for m in result.metrics}
    assert quoted["litigation.cases"].startswith("一审行政诉讼案件43件")
    assert quoted["mediation.received"].startswith("县乡村三级调解组织")


def test_figures_about_other_work_are_not_named() -> None:
    text = HEADER + "受理法律援助案件232件，办理公证案件198件，调解员445人，调委会122个。"
    assert metrics(check(text)) == {}


def test_a_plan_to_raise_the_rate_is_not_a_mention() -> None:
    text = HEADER + ("认真落实行政机关负责人出庭应诉制度。\n二、2025年主要安排\n"
                     "（一）进一步提高行政机关负责人出庭应诉率，深化行政复议体制改革。")
    assert element(check(text), "metric.appearance-rate").status == "missing"
    text = HEADER + "行政机关负责人出庭应诉率不断提高。\n二、2025年主要安排\n（一）深化行政复议体制改革。"
    assert element(check(text), "metric.appearance-rate").status == "weak"


def test_figures_in_a_markdown_table_take_row_and_header() -> None:
    text = HEADER + (
        "| 类别 | 收案（件） | 审结（件） | 纠错率（%） |\n"
        "| --- | --- | --- | --- |\n"
        "| 行政复议 | 120 | 110 | 12.7 |\n"
        "| 行政诉讼 | 80 | 70 | — |\n"
    )
    found = metrics(check(text, fmt="md"))
    assert found["reconsideration.received"] == [120]
    assert found["reconsideration.concluded"] == [110]
    assert found["reconsideration.correction-rate"] == [12.7]
    assert found["litigation.cases"] == [80]
    assert found["litigation.concluded"] == [70]


def test_a_table_cell_with_words_keeps_its_own_label() -> None:
    text = HEADER + "| 项目 | 备注 |\n| --- | --- |\n| 行政复议 | 审结110件，纠错率12.7% |\n"
    found = metrics(check(text, fmt="md"))
    assert found["reconsideration.concluded"] == [110]
    assert found["reconsideration.correction-rate"] == [12.7]


def test_cases_in_宗_are_case_counts() -> None:
    found = metrics(check(HEADER + "全年共收到行政复议申请312宗，审结281宗次。"))
    assert found["reconsideration.received"] == [312]
    assert found["reconsideration.concluded"] == [281]


def test_the_work_named_without_its_figures_is_weak() -> None:
    text = HEADER + "依法做好行政复议和行政应诉工作，行政争议实质性化解工作扎实推进。"
    result = check(text)
    assert element(result, "metric.reconsideration").status == "weak"
    assert element(result, "metric.litigation").status == "weak"


def test_a_reconsideration_closed_by_mediation_is_no_mediation_figure() -> None:
    import checker

    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "全年审结行政复议案件80件，调解和解后终止9件。\n")
    ids = {m["id"] for m in checker.check_text(text)["metrics"]}
    assert "reconsideration.withdrawn" in ids and not any(i.startswith("mediation.") for i in ids), ids


def test_a_run_in_heading_gives_its_topic_to_the_figures_after_it() -> None:
    # 6.行政复议。 names the topic; 收到申请96件 counts its cases
    text = "6.行政复议。收到申请96件，受理88件，审结84件。\n7.行政应诉。一审案件75件，负责人出庭72件。"
    assert status(text, "metric.reconsideration") == "present"
    assert status(text, "metric.litigation") == "present"


@pytest.mark.parametrize(("text", "expected"), [
    # figures in the order of the names before 分别为
    ("全年收到行政复议申请、一审行政诉讼案件分别为97件、36件。",
     {"reconsideration.received": [97], "litigation.cases": [36]}),
    # a change is no count of the year
    ("全年行政复议申请同比增加56件，上升19.6%。", {}),
    # last year's figure, opening its clause, is no data of the year
    ("上年受理行政复议案件360件，今年受理312件。", {"reconsideration.accepted": [312]}),
    # another level's figure (the province's) is no data of the county; the county's restates its name
    ("全省行政机关负责人出庭应诉率为92.3%，我县为100%。", {"appearance.rate": [100]}),
    ("全县行政机关负责人出庭应诉率为96.5%。", {"appearance.rate": [96.5]}),  # the filer's own level
    # a reconsideration's outcome and kind in its list are no other subject: the rate after them is its own
    ("审结行政复议案件63件，其中维持38件、调解终止8件，纠错率17.5%。",
     {"reconsideration.concluded": [63], "reconsideration.upheld": [38], "reconsideration.withdrawn": [8],
      "reconsideration.correction-rate": [17.5]}),
    ("全年共受理行政复议案件75件，其中政府信息公开类9件；审结70件。",
     {"reconsideration.accepted": [75], "reconsideration.concluded": [70]}),
    # the filer's own figures after another level's in one sentence are its own
    ("全市共收到行政复议申请1260件，我县收到行政复议申请86件，受理80件。",
     {"reconsideration.received": [86], "reconsideration.accepted": [80]}),
    ("全市共发生一审行政诉讼案件890件，其中我县52件，败诉3件。", {"litigation.cases": [52], "litigation.lost": [3]}),
    ("全国行政机关负责人出庭应诉率为85%，全县为100%。", {"appearance.rate": [100]}),
    # years as a 分别为 list's names: the year reported on takes the name before them
    ("行政复议收案2023年、2024年分别为：79件；88件。", {"reconsideration.received": [88]}),
    ("行政复议收案2024年、2023年分别为88件、79件。", {"reconsideration.received": [88]}),
    # a goal set at the year's start is no result
    ("全县一审行政诉讼案件38件。年初确定出庭应诉率2024年为90%以上。", {"litigation.cases": [38]}),
    # the ones still to be certified are not the certified
    ("全县行政执法人员890人，其中待取得执法证的新进人员34人。", {}),
    ("全县行政执法人员890人，不断扩大持证执法人员队伍至856人。", {"enforcement.certified": [856]}),
    # several years' total is no figure of the year
    ("“十三五”期间累计办理行政复议案件412件，全年受理行政复议案件86件。", {"reconsideration.accepted": [86]}),
    ("近三年累计办理行政复议案件240件。", {}),
    # the figures after a colon, between ；
    ("全年行政复议和行政诉讼案件分别为：8件；4件。", {"reconsideration.cases": [8], "litigation.cases": [4]}),
    # names and figures that do not pair name nothing
    ("全年收到行政复议申请、一审行政诉讼案件分别为97件和36件。",
     {"reconsideration.received": [97], "litigation.cases": [36]}),
    # this year's figure after last year's; other levels' in a 分别为 list
    ("上年全县一审行政诉讼案件60件，今年57件。", {"litigation.cases": [57]}),
    ("全省、全市行政复议纠错率分别为12.1%、10.4%，我县为8.3%。", {"reconsideration.correction-rate": [8.3]}),
    # each year's figure after a name and a colon: the year reported on takes the name, in either order
    ("行政复议收到申请：2023年79件，2024年88件；一审行政诉讼案件：2024年23件，2023年19件。",
     {"reconsideration.received": [88], "litigation.cases": [23]}),
    # no other year before: a year that is not the report's names nothing
    ("行政复议收到申请：2023年79件。", {}),
    # 为 after the year, a ； between the years, an aside after a figure
    ("行政复议收到申请：2023年79件，2024年为88件。", {"reconsideration.received": [88]}),
    ("一审行政诉讼案件：2023年30件；2024年36件。", {"litigation.cases": [36]}),
    ("行政复议收到申请：2023年79件（同比下降5%），2024年88件。", {"reconsideration.received": [88]}),
    # the name run into the first year's clause, without a colon
    ("行政机关负责人出庭应诉率2023年为95%，2024年为100%。", {"appearance.rate": [100]}),
    ("行政机关负责人出庭应诉率2024年为100%。", {"appearance.rate": [100]}),
    ("行政机关负责人出庭应诉率2023年为95%。", {}),
    # a target's name: next years' aims, not the year's figure
    ("行政机关负责人出庭应诉率目标：2024年95%，2025年100%。", {}),
    ("行政机关负责人出庭应诉率目标2024年95%，2025年100%。", {}),
    # the cases due and the ones without are no appearances; a rate's rise is no rate
    ("法院通知出庭的案件15件，负责人出庭12件。", {"appearance.count": [12]}),
    ("负责人未出庭2件，出庭应诉率同比提高8.9%。", {}),
    # the ones without a certificate are not the certified
    ("全县执法人员1120人，持证1086人，未持证34人。", {"enforcement.certified": [1086]}),
    ("尚未取得执法资格的3人已安排补考。", {}),
    # a suit dismissed is a part of the cases, not their count
    ("一审行政诉讼案件36件，其中裁定驳回起诉10件。", {"litigation.cases": [36]}),
    # the ones closed by a settlement are a part of the concluded, not their count
    ("审结行政复议案件96件，其中调解和解结案21件。",
     {"reconsideration.concluded": [96], "reconsideration.withdrawn": [21]}),
    ("审结行政复议案件96件，通过调解和解方式结案21件。",
     {"reconsideration.concluded": [96], "reconsideration.withdrawn": [21]}),
    # the work's name alone before its count
    ("全年因政府信息公开引发的行政复议2件、行政诉讼1件，均未被纠错。",
     {"reconsideration.cases": [2], "litigation.cases": [1]}),
])
def test_what_a_figures_own_words_do_not_tell_is_read_from_its_sentence(
        text: str, expected: dict[str, list[float]]) -> None:
    assert metrics(check(HEADER + text)) == expected


def test_a_districts_figures_and_its_citys_are_not_one_metric_twice() -> None:
    # signed with the city's name: 全市 is the city's, 全区 the district's own
    result = check("青石市柳溪区人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
                   "全区行政机关负责人出庭应诉率为100%。\n全市行政机关负责人出庭应诉率为85.2%。\n"
                   "青石市柳溪区人民政府\n2026年2月26日\n")
    assert metrics(result).get("appearance.rate") == [100]
    assert not [f for f in result.findings if f.rule == "metric.figures"]


@pytest.mark.parametrize(("text", "expected"), [
    # the subject is the reconsiderations; the lawsuits are only what they are measured against
    ("全年收到行政复议申请150件，复议案件数是同期一审行政诉讼案件的2.5倍。审结141件，纠错12件，纠错率8.5%。",
     {"reconsideration.received": [150], "reconsideration.concluded": [141], "reconsideration.corrected": [12],
      "reconsideration.correction-rate": [8.5]}),
    ("全年收到行政复议申请150件，相当于一审行政诉讼案件的三倍，审结141件。",
     {"reconsideration.received": [150], "reconsideration.concluded": [141]}),
    ("全年收到行政复议申请150件，首次超过一审行政诉讼案件数量。审结141件。",
     {"reconsideration.received": [150], "reconsideration.concluded": [141]}),
    # a figure inside the comparison is the other thing's; the difference is no count
    ("全年收到行政复议申请150件，比一审行政诉讼案件60件多90件，审结141件。",
     {"reconsideration.received": [150], "litigation.cases": [60], "reconsideration.concluded": [141]}),
    ("全年收到行政复议申请150件，比行政诉讼案件多出90件，审结141件。",
     {"reconsideration.received": [150], "reconsideration.concluded": [141]}),
    # the subject after a comparison is its own again
    ("与行政复议相比，一审行政诉讼案件48件，审结45件。", {"litigation.cases": [48], "litigation.concluded": [45]}),
])
def test_a_comparison_does_not_change_the_subject(text: str, expected: dict[str, list[float]]) -> None:
    assert metrics(check(HEADER + text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the lawsuits' figures after the appearances, in the next sentence or the same one
    ("开庭审理的20件案件中，行政机关负责人出庭19件，出庭应诉率95%。审结18件，败诉1件，败诉率5.6%。",
     {"appearance.count": [19], "appearance.rate": [95], "litigation.concluded": [18], "litigation.lost": [1],
      "litigation.loss-rate": [5.6]}),
    ("全县一审行政诉讼案件30件，行政机关负责人出庭应诉30件，出庭应诉率100%，败诉2件。",
     {"litigation.cases": [30], "appearance.count": [30], "appearance.rate": [100], "litigation.lost": [2]}),
    # the cases due for an appearance are no count of the lawsuits
    ("行政机关负责人出庭应诉率100%，应出庭的15件案件负责人全部出庭。", {"appearance.rate": [100]}),
])
def test_the_lawsuits_figures_after_the_appearances_are_the_lawsuits(
        text: str, expected: dict[str, list[float]]) -> None:
    assert metrics(check(HEADER + text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a per-head average is no total
    ("行政复议审理人员7人，人均结案28件，平均每人办理行政诉讼案件9件。", {}),
    ("全年审结行政复议案件196件，人均结案28件。", {"reconsideration.concluded": [196]}),
    # one head's own appearances are a part of them all, not their count
    ("区长主持区政府常务会议学法6次，带头出庭应诉2件。", {}),
    ("全县行政机关负责人出庭应诉47件，其中县长出庭应诉1次、主要负责人出庭5件。", {"appearance.count": [47]}),
    ("局长本人出庭应诉3件，负责人出庭应诉率100%。", {"appearance.rate": [100]}),
])
def test_an_average_or_one_heads_own_count_is_no_total(text: str, expected: dict[str, list[float]]) -> None:
    assert metrics(check(HEADER + text)) == expected


def test_one_heads_own_appearances_leave_the_rate_weak() -> None:
    result = check(HEADER + "区长主持区政府常务会议学法6次，带头出庭应诉2件。")
    assert element(result, "metric.appearance-rate").status == "weak"
