"""Tables of figures: a unit in a row label or column header goes with each bare number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import checker
from checker.readers import read_path
from checker.readers.tables import UnitCarrier

TITLE = "示例县人民政府关于2024年度法治政府建设情况的报告"


def rows(*table: list[str]) -> list[list[str]]:
    carrier = UnitCarrier()
    return [carrier.row(cells) for cells in table]


def test_a_unit_in_the_row_label_goes_with_its_numbers_and_leaves_the_label() -> None:
    out = rows(["指标", "2024年", "2023年"], ["行政复议案件（件）", "41", "36"], ["出庭应诉率（%）", "100", "98.5"])
    assert out[0] == ["指标", "2024年", "2023年"]  # the header is as written
    assert out[1] == ["行政复议案件", "41件", "36件"]
    assert out[2] == ["出庭应诉率", "100%", "98.5%"]


def test_a_unit_in_a_column_header_goes_down_its_column_only() -> None:
    out = rows(["单位", "案件数（件）", "备注"], ["县司法局", "41", "3"], ["县市场监管局", "", "无"])
    assert out[1] == ["县司法局", "41件", "3"]  # 备注 names no unit: its 3 stays bare
    assert out[2] == ["县市场监管局", "", "无"]


def test_numbers_with_their_own_words_are_left_alone() -> None:
    out = rows(["项目", "数量（件）"], ["行政复议", "41件"], ["行政诉讼", "约30"], ["年度", "2024年"])
    assert [row[1] for row in out[1:]] == ["41件", "约30", "2024年"]


def metric_statuses(result: dict[str, object]) -> dict[str, str]:
    elements = result["elements"]
    assert isinstance(elements, list)
    return {e["id"]: e["status"] for e in elements if e["id"].startswith("metric.")}


def file_metric_statuses(path: Path, text: str) -> dict[str, str]:
    path.write_text(text, encoding="utf-8")
    return metric_statuses(checker.check_path(str(path)))


def word_report_with_table(path: Path, title: str, rows: list[tuple[str, ...]], lead: str = "") -> Path:
    """A Word file: the title, a measures heading (and a lead-in line), then a table of ``rows``."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in (title, "一、主要举措和成效", lead):
        if line:
            document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_word_table_figures_are_the_reports_data(tmp_path: Path) -> None:
    path = word_report_with_table(tmp_path / "report.docx", TITLE, [
        ("指标", "2024年", "2023年"), ("行政复议案件（件）", "41", "36"), ("行政诉讼一审案件（件）", "35", "30")],
        lead="全年主要数据见下表。")
    found = metric_statuses(checker.check_path(str(path)))
    assert found["metric.reconsideration"] == "present"
    assert found["metric.litigation"] == "present"


def test_web_page_table_figures_are_the_reports_data(tmp_path: Path) -> None:
    page = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            "<p>一、主要举措和成效</p><p>全年主要数据见下表。</p>"
            "<table><tr><th>指标</th><th>数量（件）</th></tr><tr><td>行政复议案件</td><td>41</td></tr>"
            "<tr><td>行政诉讼一审案件</td><td>35</td></tr></table></body></html>")
    found = file_metric_statuses(tmp_path / "report.html", page)
    assert found["metric.reconsideration"] == found["metric.litigation"] == "present"


def test_markdown_table_figures_take_the_unit_of_their_row_label(tmp_path: Path) -> None:
    # the readers of Word and web pages carry a row label's （件） into its cells; a Markdown or
    # plain-text table keeps it in the label, where the figures now find it (they were no counts)
    text = (TITLE + "\n一、主要举措和成效\n全年主要数据如下：\n| 指标 | 2024年 | 2023年 |\n| --- | --- | --- |\n"
            "| 行政复议收案（件） | 41 | 36 |\n| 行政诉讼一审案件（件） | 35 | 30 |\n| 负责人出庭应诉率 | 100 | 96 |\n")
    found = file_metric_statuses(tmp_path / "report.md", text)
    assert found["metric.reconsideration"] == found["metric.litigation"] == "present"
    assert found["metric.appearance-rate"] == "present"
    # a row whose label names no classifier stays bare
    bare = text.replace("行政诉讼一审案件（件）", "行政诉讼一审案件")
    assert metric_statuses(checker.check_text(bare))["metric.litigation"] != "present"


FORM = [
    ("项目", "内容"),
    ("主要举措和成效", "全年办理取水许可82件，按时办结率100%；查处河道非法采砂案件14起，罚款126万元；"
     "修订《示例县河道管理范围内建设项目审批规程》；组织执法人员培训3期，参训186人次；开展“世界水日”普法活动9场；评查执法案卷64卷，"
     "发现问题11个，已全部整改；聘请法律顾问2名，审查合同协议37份；清理规范性文件6件，废止1件；公开行政处罚决定14件。"
     "办理人大代表建议9件、政协委员提案12件，办复率100%；建成水利执法信息平台，执法全过程记录设备配备率100%。"),
    ("存在的不足和原因", "一是局机关只有1名具有法律职业资格的工作人员，合法性审核主要依靠外聘律师；"
     "二是14起采砂案件中有3起因证据不足被复议机关撤销。原因是执法人员多从工程技术岗位转岗，取证培训全年只有1期，没有跟上执法需要。"),
    ("主要负责人履行推进法治建设第一责任人职责情况", "局长主持召开局党组会议专题研究法治工作3次，带队开展河道执法"
     "检查5次，对3起被撤销案件逐件听取汇报并批示整改，在县政府述法会上专题述法。"),
    ("下一年度主要安排", "一是2026年6月底前招录法律专业人员1名；二是开展执法取证专题培训2期；三是建立被撤销案件"
     "复盘制度，每季度通报一次。"),
]
FORM_STATUSES = dict.fromkeys(("content.measures", "content.shortcomings", "content.causes",
                               "content.first-responsible", "content.next-year"), "present")
FORM_TITLE = "示例县水利局2025年度法治政府建设情况报告"


def _content(result: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["status"] for e in result["elements"] if e["id"] in FORM_STATUSES}


def test_a_report_filled_into_a_form_table_in_word_has_each_row_as_its_section(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(FORM_TITLE)
    table = document.add_table(rows=len(FORM), cols=2)
    for i, (label, text) in enumerate(FORM):
        table.cell(i, 0).text, table.cell(i, 1).text = label, text
    document.add_paragraph("示例县水利局")
    document.add_paragraph("2026年1月18日")
    path = tmp_path / "form.docx"
    document.save(str(path))
    result = checker.check_path(str(path))
    assert _content(result) == FORM_STATUSES
    # a row of figures (行政复议申请 | 86件) is no form's row: the label stays beside its number
    from checker.readers.tables import form_row
    assert form_row(["行政复议申请", "86件"]) is None
    assert form_row(["1", "主要举措和成效", FORM[1][1]]) == ("主要举措和成效", FORM[1][1])


def test_a_form_table_on_a_web_page_has_each_row_as_its_section(tmp_path: Path) -> None:
    rows_html = "".join(f"<tr><td>{label}</td><td>{text}</td></tr>" for label, text in FORM)
    page = (f"<html><head><title>{FORM_TITLE}</title></head><body><h1>{FORM_TITLE}</h1>"
            f"<table>{rows_html}</table><p>示例县水利局</p><p>2026年1月18日</p></body></html>")
    path = tmp_path / "form.html"
    path.write_text(page, encoding="utf-8")
    assert _content(checker.check_path(str(path))) == FORM_STATUSES


@pytest.mark.parametrize("table", [
    "项目              2024年     2025年\n行政复议收案      230件      268件\n负责人出庭应诉率  95%        100%\n",
    "指标 2024年 2025年\n行政复议收案 230件 268件\n负责人出庭应诉率 95% 100%\n",  # a Word table's rows
    "指标\t2024年\t2025年\t同比增减\n行政复议收案\t230件\t268件\t38件\n负责人出庭应诉率\t95%\t100%\t5%\n",
    "指标\t2024\t2025\n行政复议收案\t230件\t268件\n负责人出庭应诉率\t95%\t100%\n",  # the years without 年
    "| 指标 | 2024年 | 2025年 |\n|---|---|---|\n| 行政复议收案 | 230件 | 268件 |\n| 负责人出庭应诉率 | 95% | 100% |\n",
    # a row with a cell left empty is no one year's: the rest of the table still is
    "指标\t2024年\t2025年\n行政诉讼一审\t94件\t\n行政复议收案\t230件\t268件\n负责人出庭应诉率\t95%\t100%\n",
])
def test_a_table_of_two_years_gives_the_metrics_of_the_year_reported_on(table: str) -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n" + table
            + "示例县人民政府\n2026年1月22日\n")
    values = {m["id"]: m["value"] for m in checker.check_text(text)["metrics"]}
    assert values["reconsideration.received"] == 268
    assert values["appearance.rate"] == 100


@pytest.mark.parametrize("rows", [
    # a PDF's table row reads as one line: the label, then one bare number per column
    "行政复议申请（件） 186\n一审行政诉讼案件（件） 94 102\n",
    # a table typed with bars, with or without the outer ones
    "项目 | 2025年 | 2024年\n行政复议申请（件） | 186 | 160\n一审行政诉讼案件（件） | 94 | 102\n",
    "| 项目 | 2025年 | 2024年 |\n| 行政复议申请（件） | 186 | 160 |\n| 一审行政诉讼案件（件） | 94 | 102 |\n",
])
def test_a_row_label_naming_its_classifier_gives_the_rows_numbers_their_unit(rows: str) -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
            + rows + "示例县人民政府\n2026年1月22日\n")
    values = {m["id"]: m["value"] for m in checker.check_text(text)["metrics"]}
    assert values == {"reconsideration.received": 186, "litigation.cases": 94}


@pytest.mark.parametrize("table", [
    "年度 行政复议收案（件） 行政诉讼一审（件） 出庭应诉率（%）\n2024年 61 47 93.5\n2025年 74 52 96.2\n",
    "年度\t行政复议收案（件）\t行政诉讼一审（件）\t出庭应诉率（%）\n2024\t61\t47\t93.5\n2025\t74\t52\t96.2\n",
    "| 年度 | 行政复议收案（件） | 行政诉讼一审（件） | 出庭应诉率（%） |\n|---|---|---|---|\n"
    "| 2024年 | 61 | 47 | 93.5 |\n| 2025年 | 74 | 52 | 96.2 |\n",
    "年份    行政复议收案    行政诉讼一审    出庭应诉率\n2024年  61件  47件  93.5%\n2025年  74件  52件  96.2%\n",
])
def test_a_table_of_years_rows_under_metric_headers_gives_the_year_reported_ons_row(table: str) -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n近两年行政争议情况：\n" + table
            + "示例县人民政府\n2026年1月22日\n")
    result = checker.check_text(text)
    values = {m["id"]: m["value"] for m in result["metrics"]}
    assert values == {"reconsideration.received": 74, "litigation.cases": 52, "appearance.rate": 96.2}
    assert metric_statuses(result) == dict.fromkeys(
        ("metric.reconsideration", "metric.litigation", "metric.appearance-rate"), "present")


@pytest.mark.parametrize("row", [
    "2025年 74 52",              # a cell left empty: which column is which is not known
    "2025年 74 52 96.2 3",       # a number too many
    "2025年 较上年增加 52 96.2",  # words in a cell
])
def test_a_years_row_that_is_not_one_number_per_metric_names_nothing(row: str) -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
            f"年度 行政复议收案（件） 行政诉讼一审（件） 出庭应诉率（%）\n{row}\n示例县人民政府\n2026年1月22日\n")
    assert checker.check_text(text)["metrics"] == []


def test_a_word_table_of_years_rows_gives_the_year_reported_ons_row(tmp_path: Path) -> None:
    path = word_report_with_table(tmp_path / "report.docx", "示例县人民政府关于2025年度法治政府建设情况的报告", [
        ("年度", "行政复议收案（件）", "出庭应诉率（%）"), ("2024年", "61", "93.5"), ("2025年", "74", "96.2")])
    values = {m["id"]: m["value"] for m in checker.check_path(str(path))["metrics"]}
    assert values == {"reconsideration.received": 74, "appearance.rate": 96.2}


@pytest.mark.parametrize("header", ["年度 全市行政复议收案（件） 本县行政复议收案（件）",
                                    "年度 目标行政复议收案（件） 本县行政复议收案（件）"])
def test_another_levels_and_a_targets_column_are_no_data_of_the_year(header: str) -> None:
    text = ("柳溪县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
            f"{header}\n2024年 1180 61\n2025年 1236 57\n柳溪县人民政府\n2026年2月26日\n")
    values = [(m["id"], m["value"]) for m in checker.check_text(text)["metrics"]]
    assert values == [("reconsideration.received", 57)]


@pytest.mark.parametrize("unit", ["（件）", "(件)"])
def test_a_year_header_naming_its_unit_is_still_a_years_column(tmp_path: Path, unit: str) -> None:
    # 2024年（件） | 2025年（件）: the unit goes down to the bare cells, and the columns are still
    # years: the figures reported are the 2025 column's, not the first one met in the row
    path = word_report_with_table(tmp_path / "report.docx", "示例县人民政府关于2025年度法治政府建设情况的报告", [
        ("项目", f"2024年{unit}", f"2025年{unit}"), ("行政复议收到申请", "79", "88"), ("行政诉讼一审案件", "19", "23")])
    values = {m["id"]: m["value"] for m in checker.check_path(str(path))["metrics"]}
    assert values["reconsideration.received"] == 88
    assert values["litigation.cases"] == 23


def test_a_text_table_whose_year_headers_name_their_unit_gives_the_year_reported_on() -> None:
    text = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n"
            "指标\t2024年（件）\t2025年（件）\n行政复议收案\t230件\t268件\n行政诉讼一审\t94件\t102件\n"
            "示例县人民政府\n2026年1月22日\n")
    values = {m["id"]: m["value"] for m in checker.check_text(text)["metrics"]}
    assert values["reconsideration.received"] == 268
    assert values["litigation.cases"] == 102


def test_a_header_over_two_rows_gives_its_unit_to_every_column_it_spans() -> None:
    # 项目 | 案件数（件） spanning two columns, over 2024年 | 2025年: the second row is still the header
    carrier = UnitCarrier()
    assert carrier.row(["项目", "案件数（件）"], spans=[1, 2]) == ["项目", "案件数（件）"]
    assert carrier.row(["", "2024年", "2025年"]) == ["", "2024年", "2025年"]
    assert carrier.row(["行政复议收到申请", "79", "88"]) == ["行政复议收到申请", "79件", "88件"]
    # a lower header row naming a unit of its own replaces the one above for its columns
    carrier = UnitCarrier()
    carrier.row(["项目", "2025年"], spans=[1, 2])
    carrier.row(["", "收案（件）", "纠错率（%）"])
    assert carrier.row(["行政复议", "88", "11.8"]) == ["行政复议", "88件", "11.8%"]
    # a row of figures ends the header: a later row of words is data, not a header
    carrier = UnitCarrier()
    carrier.row(["单位", "案件数（件）"])
    carrier.row(["县司法局", "41"])
    assert carrier.row(["小计（人）", "9"]) == ["小计", "9人"]


def _merged_table_report(path: Path, rows: list[tuple[str, ...]],
                         merges: tuple[tuple[int, int, int, int], ...]) -> Path:
    """A Word report with one table of ``rows``; each of ``merges`` (top row, left column, bottom
    row, right column) merges that range of cells into one holding the top left cell's text, as
    Word does: across columns with gridSpan, down rows with vMerge."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ("示例县人民政府关于2025年度法治政府建设情况的报告", "一、主要举措和成效", "全年主要数据见下表。"):
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for top, left, bottom, right in merges:
        text = table.cell(top, left).text
        table.cell(top, left).merge(table.cell(bottom, right)).text = text
    document.add_paragraph("示例县人民政府")
    document.add_paragraph("2026年1月22日")
    document.save(str(path))
    return path


def test_a_word_table_with_a_merged_unit_header_over_its_years_gives_the_years_counts(tmp_path: Path) -> None:
    path = _merged_table_report(tmp_path / "report.docx", [
        ("项目", "案件数（件）", ""), ("", "2024年", "2025年"),
        ("行政复议收到申请", "79", "88"), ("行政诉讼一审案件", "19", "23")],
        merges=((0, 1, 0, 2), (0, 0, 1, 0)))
    result = checker.check_path(str(path))
    values = {m["id"]: m["value"] for m in result["metrics"]}
    assert values["reconsideration.received"] == 88
    assert values["litigation.cases"] == 23
    assert metric_statuses(result)["metric.reconsideration"] == "present"


def test_a_vertically_merged_row_label_names_every_row_it_spans(tmp_path: Path) -> None:
    path = _merged_table_report(tmp_path / "report.docx", [
        ("类别", "项目", "2024年", "2025年"), ("行政复议", "收到申请", "79件", "88件"), ("", "办结", "70件", "76件"),
        ("行政诉讼", "一审案件", "19件", "23件"), ("", "败诉", "3件", "2件")],
        merges=((1, 0, 2, 0), (3, 0, 4, 0)))
    lines = read_path(str(path)).text.split("\n")
    assert "行政复议 办结 70件 76件" in lines
    assert "行政诉讼 败诉 3件 2件" in lines
    values = {m["id"]: m["value"] for m in checker.check_path(str(path))["metrics"]}
    assert values["litigation.lost"] == 2


def test_a_figure_merged_down_several_rows_is_said_once(tmp_path: Path) -> None:
    # a total spanning the rows it sums is theirs together: repeated in each row it would count twice
    path = _merged_table_report(tmp_path / "report.docx", [
        ("项目", "2025年", "合计"), ("行政复议收到申请", "88件", "111件"), ("行政诉讼一审案件", "23件", "")],
        merges=((1, 2, 2, 2),))
    lines = read_path(str(path)).text.split("\n")
    assert "行政复议收到申请 88件 111件" in lines
    assert "行政诉讼一审案件 23件" in lines


def test_a_web_page_header_spanning_its_year_columns_gives_them_its_unit(tmp_path: Path) -> None:
    page = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            "<p>一、主要举措和成效</p><p>全年主要数据见下表。</p><table>"
            "<tr><th rowspan='2'>项目</th><th colspan='2'>案件数（件）</th></tr><tr><th>2023年</th><th>2024年</th></tr>"
            "<tr><td>行政复议收到申请</td><td>79</td><td>88</td></tr>"
            "<tr><td>行政诉讼一审案件</td><td>19</td><td>23</td></tr></table></body></html>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    values = {m["id"]: m["value"] for m in checker.check_path(str(path))["metrics"]}
    assert values["reconsideration.received"] == 88
    assert values["litigation.cases"] == 23
