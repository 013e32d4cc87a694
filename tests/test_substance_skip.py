"""Which sentences the measures leave out of the count (``skip``): the filer's profile, the
economy's figures as a sentence's own matter, a central document's directions to everyone; and
which look alike and are rule-of-law work all the same."""

from __future__ import annotations

import pytest

from checker.kinds.substance import cues_for
from checker.pack.loader import load_pack
from checker.text.substance import measure


@pytest.fixture(scope="module")
def measures_cues():  # type: ignore[no-untyped-def]
    pack = load_pack()
    return cues_for(pack, pack.rule("content.measures").get("substance"))


@pytest.mark.parametrize(("sentence", "skipped"), [
    ("全年完成重点项目投资8.3亿元，同比增长12%。", True),
    ("新建高标准农田6000亩，粮食总产量稳定在5万吨以上。", True),
    ("硬化村组道路15公里，新建桥梁3座。", True),
    ("全年引进项目12个，签约资金18.6亿元，新增个体工商户230户。", True),
    ("新增城镇就业岗位320个，完成棚户区改造86户，城乡居民医保参保率98.6%。", True),
    ("2025年年底前，各地区各部门要全面完成权责清单编制工作。", True),
    # the law's work on roads, projects and others' documents: counted
    ("对新改建公路6条开展路政巡查，查处超限运输车辆126台次。", False),
    ("对签约金额12.6亿元的4个公路建设项目合同开展合法性审查，提出修改意见31条。", False),
    ("督促各地区各部门清理行政规范性文件416件，废止37件。", False),
    ("根据工作需要制定《示例市公路路政巡查工作规程》，明确巡查频次和处置时限。", False),
])
def test_what_the_measures_count(measures_cues, sentence: str, skipped: bool) -> None:  # type: ignore[no-untyped-def]
    counted = measure(sentence, [(0, len(sentence))], measures_cues)
    assert counted.sentences == (0 if skipped else 1)
    if not skipped:
        assert counted.specific == 1


@pytest.mark.parametrize("sentence", [
    "按照县政府印发的《示例县2025年法治政府建设工作要点》要求抓好各项任务落实。",
    "根据省政府出台的《示例省重大行政决策程序规定》履行决策程序。",
])
def test_a_superiors_document_followed_is_no_fact_of_the_filers(measures_cues, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert measure(sentence, [(0, len(sentence))], measures_cues).specific == 0


@pytest.fixture(scope="module")
def shortcomings_cues():  # type: ignore[no-untyped-def]
    pack = load_pack()
    return cues_for(pack, pack.rule("content.shortcomings").get("substance"))


def _sentences(text: str) -> list[tuple[int, int]]:
    """The spans of text's sentences, ended by 。 or ； (as the outline cuts them)."""
    spans, start = [], 0
    for i, char in enumerate(text):
        if char in "。；\n":
            if text[start:i + 1].strip():
                spans.append((start, i + 1))
            start = i + 1
    return spans


@pytest.mark.parametrize(("text", "counted"), [
    # the analysis opens its own list: its 二是 is its second cause, not a second problem
    ("部分干部法治意识不够强。究其原因，一是乡镇编制三年未增，司法所平均只有1.6人；"
     "二是征地补偿细则仍沿用2016年版本，未作调整。", 1),
    # the analysis of the first problem ends at the next problem's own item
    ("一是乡镇合法性审查力量薄弱，6个乡镇没有专职人员。究其原因是编制三年未增。"
     "二是行政复议纠错9件，其中5件涉及征地补偿程序。", 2),
    # a new paragraph ends the analysis either way
    ("部分干部法治意识不够强。究其原因，一是编制三年未增；二是细则未作调整。\n"
     "二是行政复议纠错9件，其中5件涉及征地补偿程序。", 2),
], ids=["own-list", "next-problem", "new-paragraph"])
def test_the_causes_analysed_are_no_shortcomings(shortcomings_cues, text: str, counted: int) -> None:  # type: ignore[no-untyped-def]
    assert measure(text, _sentences(text), shortcomings_cues).sentences == counted
