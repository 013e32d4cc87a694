"""Tables of figures: a unit in a row label or column header goes with each bare number."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker
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


def test_word_table_figures_are_the_reports_data(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、主要举措和成效")
    document.add_paragraph("全年主要数据见下表。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "2024年", "2023年"), ("行政复议案件（件）", "41", "36"),
                             ("行政诉讼一审案件（件）", "35", "30")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "report.docx"
    document.save(str(path))
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
