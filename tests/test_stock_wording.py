"""Stock wording in an analysis (checker.kinds.stock): which clauses name no cause."""

from __future__ import annotations

import pytest

from checker.kinds.stock import StockWording, clauses
from tests.conftest import check, element

RULE = {
    "boilerplate": ["(?:重视程度|重视)[^，；。、]{0,4}(?:不够|不足)",
                    "(?:(?:长期性|艰巨性|复杂性)[、和]?){1,3}认识不足",
                    "^(?:既有|也有)?(?:客观|主观)(?:因素|原因)$"],
    "boilerplate_words": ["法治政府建设"],
}


def stock_clauses(passage: str) -> list[str]:
    stock = StockWording.of(RULE)
    assert stock is not None
    marks = stock.in_passage(passage, 0, len(passage))
    return [passage[a:b] for a, b in clauses(passage, 0, len(passage)) if marks.holds(a, b)]


def test_a_subject_stays_stock_and_a_named_object_does_not() -> None:
    assert stock_clauses("部分执法人员重视不够。") == ["部分执法人员重视不够"]
    assert stock_clauses("一些领导干部对重大行政决策合法性审查重视不够。") == []


def test_stock_objects_count_only_beside_a_stock_phrase() -> None:
    assert stock_clauses("对法治政府建设工作重视不够。") == ["对法治政府建设工作重视不够"]
    # the words alone make nothing stock
    assert stock_clauses("法治政府建设经费缺口较大。") == []


def test_a_phrase_runs_over_a_comma_of_enumeration_and_a_label_is_one_clause() -> None:
    assert stock_clauses("对法治政府建设的长期性、艰巨性、复杂性认识不足。") == [
        "对法治政府建设的长期性", "艰巨性", "复杂性认识不足"]
    assert stock_clauses("既有客观因素，也有主观原因，主要是编制紧张。") == ["既有客观因素", "也有主观原因"]


def test_a_figure_of_the_want_is_no_stock_but_a_count_of_whom_is() -> None:
    # a figure in or after the stock phrase measures the want; one before it counts who has it
    assert stock_clauses("重视不够的单位有3个。") == []
    assert stock_clauses("3个部门重视不够。") == ["3个部门重视不够"]
    assert stock_clauses("全县1137名执法人员重视不够。") == ["全县1137名执法人员重视不够"]


def test_a_year_or_a_document_before_the_stock_phrase_names_the_cause() -> None:
    # (2024年 says since when; 《行政处罚法》 names what was neglected)
    assert stock_clauses("2024年机构改革后重视不够。") == []
    assert stock_clauses("对新《行政处罚法》重视不够。") == []


def test_an_item_marker_is_no_word_of_the_clause() -> None:
    # (eight characters of subject are a subject's worth; 四是 before them is not a ninth and tenth)
    assert stock_clauses("四是部分乡镇执法人员重视不够。") == ["四是部分乡镇执法人员重视不够"]
    assert stock_clauses("四是部分乡镇的执法人员重视不够。") == []


def test_a_rule_without_boilerplate_has_no_stock_wording() -> None:
    assert StockWording.of({}) is None



@pytest.mark.parametrize("wording", ["思想认识不到位", "思想认识不够到位", "思想认识还不够深入",
                                     "学习的主动性、自觉性有待增强", "推进力度有待加大"])
def test_causes_of_stock_wording_only_are_hollow(wording: str) -> None:
    # (思想认识不够到位: 到位, left over after 思想认识不够, was counted as words of a cause)
    result = check(f"""示例县人民政府关于2024年度法治政府建设情况的报告
一、主要举措和成效
全面推行行政执法三项制度。
二、存在的不足和原因
一是12个乡镇中有5个没有专职审查人员；二是评查发现不合格案卷14卷。以上问题的原因主要是{wording}，学习还不够深入。
三、下一步工作打算
持续深化行政复议体制改革。""")
    causes = element(result, "content.causes")
    assert causes.status == "weak" and causes.hollow


@pytest.mark.parametrize("sentence", ["上述问题的原因还有待进一步深入分析。",
                                      "受多种因素影响，上述问题短期内难以彻底解决。"])
def test_an_analysis_put_off_or_of_factors_unnamed_is_hollow(sentence: str) -> None:
    # (one sentence after the problems that names no cause: the heading's 原因 promised it only)
    result = check(f"""示例县人民政府关于2024年度法治政府建设情况的报告
一、主要举措和成效
全面推行行政执法三项制度。
二、存在的不足和原因
一是12个乡镇中有5个没有专职审查人员；二是评查发现不合格案卷14卷。{sentence}
三、下一步工作打算
持续深化行政复议体制改革。""")
    causes = element(result, "content.causes")
    assert causes.status == "weak" and causes.hollow
