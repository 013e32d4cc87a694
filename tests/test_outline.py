"""Headings, levels and enumerations from Chinese numbering."""

from __future__ import annotations

import pytest

from checker.pack.loader import load_pack
from checker.text.document import Document
from checker.text.normalize import build_view, title_ends_pattern
from checker.text.outline import build_outline, chinese_ordinal

# the pack's heading-title words (headings.title_ends), as the engine passes them
TITLE_ENDS = title_ends_pattern(load_pack().headings["title_ends"])


def outline_of(text: str, hints: dict[int, int] | None = None):  # type: ignore[no-untyped-def]
    return build_outline(build_view(Document("<t>", text, heading_levels=hints or {})))


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("12", 12),
    ("两", 2), ("", None), ("百", None), ("十十", None),
])
def test_chinese_ordinal(text: str, value: int | None) -> None:
    assert chinese_ordinal(text) == value


def test_levels_nest_by_numbering_style() -> None:
    outline = outline_of("一、主要举措\n（一）放管服改革。内容。\n1.取消证明。\n（1）告知承诺。\n"
                         "（二）执法。内容。\n二、存在的问题\n内容。")
    assert [(s.level, s.heading.marker) for s in outline.sections()] == [
        (1, "一、"), (2, "（一）"), (3, "1."), (4, "（1）"), (2, "（二）"), (1, "二、")]


def test_a_list_first_seen_deeper_keeps_its_items_siblings_where_it_recurs_shallower() -> None:
    # 1. 2. under （一） of section 二, then 1. 2. 3. straight under 四: siblings there, not nested
    outline = outline_of("一、主要举措\n内容。\n二、存在的不足\n（一）存在的不足\n1.审查力量薄弱。\n2.案卷质量不高。\n"
                         "三、主要安排\n1.配齐审查人员。\n2.开展执法人员轮训。\n3.6月底前完成案卷评查。\n")
    plan = outline.top[2]
    assert [(s.level, s.heading.marker, s.heading.title) for s in plan.children] == [
        (2, "1.", "配齐审查人员"), (2, "2.", "开展执法人员轮训"), (2, "3.", "6月底前完成案卷评查")]


def test_a_list_numbered_again_right_after_a_bare_heading_of_its_style_is_that_headings_items() -> None:
    # （二）下一步打算 on a line of its own, then （一）（二）（三） again: the plan's items, one level down
    outline = outline_of("一、主要举措\n内容。\n二、存在的问题和下一步打算\n（一）存在的问题\n审查力量薄弱。\n"
                         "（二）下一步打算\n（一）配齐审查人员。\n（二）开展执法人员轮训。\n三、其他\n内容。")
    shared = outline.top[1]
    assert [(s.level, s.heading.text) for s in shared.children] == [(2, "（一）存在的问题"), (2, "（二）下一步打算")]
    plan = shared.children[1]
    assert [(s.level, s.heading.title) for s in plan.children] == [(3, "配齐审查人员"), (3, "开展执法人员轮训")]
    assert outline.top[2].heading.text == "三、其他"
    # with a sentence of its own (run-in), or numbered from （二）, the next heading is its sibling as before
    for body in ("（二）下一步打算。内容。\n（一）配齐审查人员。\n", "（二）下一步打算\n（三）配齐审查人员。\n"):
        siblings = outline_of("二、存在的问题\n（一）存在的问题\n审查力量薄弱。\n" + body).top[0]
        assert [s.level for s in siblings.children] == [2, 2, 2]


def test_a_decimal_at_a_line_start_is_no_item() -> None:
    outline = outline_of("一、主要举措\n3.6%的案件当场办结。\n1.5万人次参加培训。\n")
    assert [s.heading.marker for s in outline.sections()] == ["一、"]


def test_a_year_right_after_the_dot_is_a_heading_of_its_own() -> None:
    # 4.2025年工作打算: item 4 and the plan's year, not the decimal 4.2025 (the plan was read as
    # the body of the heading before it)
    outline = outline_of("3.存在的不足\n执法不规范。\n4.2025年工作打算\n一是评查案卷20卷。\n")
    assert [(s.heading.marker, s.heading.title) for s in outline.sections()] == [
        ("3.", "存在的不足"), ("4.", "2025年工作打算")]


def test_either_bracket_width_is_the_same_level() -> None:
    outline = outline_of("一、主要举措\n(一)放管服改革。\n（二）执法。\n")
    assert [s.heading.number for s in outline.top[0].children] == [1, 2]


def test_a_report_that_starts_at_the_second_level_has_it_as_top() -> None:
    outline = outline_of("（一）放管服改革。内容。\n（二）执法。内容。")
    assert [s.level for s in outline.top] == [1, 1]


def test_run_in_heading_title_stops_at_the_first_full_stop() -> None:
    outline = outline_of("（一）加强组织领导，着力推进法治建设。始终注重学法用法。")
    heading = outline.headings[0]
    assert heading.title == "加强组织领导，着力推进法治建设"


@pytest.mark.parametrize("items", [
    "（一）组建综合执法队12支。（二）修订《决策程序规定》。（三）开展案卷评查。",
    "1.组建综合执法队12支。2.修订《决策程序规定》。",
    "(1)组建综合执法队12支；(2)修订《决策程序规定》。",
])
def test_items_run_on_in_one_paragraph_are_content_not_a_heading(items: str) -> None:
    outline = outline_of(f"四、下一步安排\n{items}\n五、其他\n无。")
    assert [s.heading.marker for s in outline.sections()] == ["四、", "五、"]


def test_a_run_in_heading_whose_body_names_another_number_is_still_a_heading() -> None:
    # the next marker must be the next number: （三） after （一） is a figure's context, not an item
    outline = outline_of("四、安排\n（一）深化执法改革。落实（三）类事项清单。\n（二）加强监督。内容。")
    assert [s.heading.marker for s in outline.sections()] == ["四、", "（一）", "（二）"]


@pytest.mark.parametrize(("line", "title"), [
    # the body on the heading's own line after a colon, with no full stop within a title's length
    ("一、书记县长履职情况：县委书记、县长履行推进法治建设第一责任人职责，常务会议学法11次，专题听取汇报3次，"
     "主持审议年度报告，年底述法，督促各乡镇主要负责人履职。", "书记县长履职情况"),
    ("二、存在问题：部分乡镇合法性审查人员仅1名。", "存在问题"),
    # a long title of one phrase: 26 characters with no clause mark before the colon
    ("三、党政主要负责人履行推进法治建设第一责任人职责情况：县长全年主持召开县政府常务会议专题研究法治政府建设4次。",
     "党政主要负责人履行推进法治建设第一责任人职责情况"),
    # a colon with little after it, or far into the line, leaves the title as it was
    ("三、下步打算：", "下步打算："),
    ("（一）推进严格规范公正文明执法，全面落实三项制度：公示、记录、审核。",
     "推进严格规范公正文明执法，全面落实三项制度：公示、记录、审核"),
])
def test_a_title_ends_at_a_colon_when_its_body_follows_on_the_line(line: str, title: str) -> None:
    assert outline_of(f"{line}\n").headings[0].title == title


def test_enumerations_are_found_after_sentence_ends_only() -> None:
    outline = outline_of("一、措施\n一是学法。二是用法。做到一是一、二是二。")
    assert [e.number for e in outline.enumerations] == [1, 2]


def test_markdown_heading_hint_without_numbering() -> None:
    outline = outline_of("# 报告\n正文。\n## 存在的问题\n内容。", hints={0: 1, 2: 2})
    assert [s.heading.title for s in outline.sections()][-1] == "存在的问题"


def test_sections_end_where_the_next_sibling_starts() -> None:
    outline = outline_of("一、甲\n内容一。\n二、乙\n内容二。")
    first, second = outline.top
    assert first.end == second.start


def test_a_styled_title_before_any_sentence_is_not_a_section() -> None:
    outline = outline_of("# 示例县2024年度法治政府建设情况报告\n2024年，我县推进依法行政。\n"
                         "## 一、主要举措\n内容。\n## 二、存在的问题\n内容。", hints={0: 1, 2: 2, 4: 2})
    assert [(s.level, s.heading.marker) for s in outline.sections()] == [(1, "一、"), (1, "二、")]


def test_enumerations_after_commas_are_found_too() -> None:
    outline = outline_of("一、措施\n主要做法：一是学法，二是用法，三是守法。")
    assert [e.number for e in outline.enumerations] == [1, 2, 3]


def test_a_gap_whose_missing_item_is_written_mid_line_is_not_reported() -> None:
    from tests.conftest import check

    text = ("一、主要举措和成效\n一是学法。二是用法。“三是守法”也有落实。四是普法。\n"
            "二、存在的不足和原因\n内容。")
    assert not [f for f in check(text).findings if f.rule == "structure.numbering"]
    gap = "一、主要举措和成效\n一是学法。二是用法。四是普法。\n二、存在的不足和原因\n内容。"
    assert [f for f in check(gap).findings if f.rule == "structure.numbering"]


# ---------------------------------------------------------------- Markdown and other shapes

def markdown_outline(text: str):  # type: ignore[no-untyped-def]
    from checker.readers import markdown

    document = markdown.read(text.encode("utf-8"), "<t>.md")
    return document, build_outline(build_view(document))


def test_markdown_marks_make_numbered_and_unnumbered_headings_siblings() -> None:
    _, outline = markdown_outline(
        "# 示例县人民政府关于2024年度法治政府建设情况的报告\n\n正文开头。\n\n"
        "## 一、主要举措和成效\n\n### （一）深化改革\n内容一。\n\n### 强化执法监督\n内容二。\n\n"
        "## 二、存在的不足和原因\n内容三。\n\n## 下一步工作打算\n\n- 制定工作要点；\n- 开展专项行动。\n")
    assert [(s.level, s.title) for s in outline.sections()] == [
        (1, "主要举措和成效"), (2, "深化改革"), (2, "强化执法监督"),
        (1, "存在的不足和原因"), (1, "下一步工作打算")]


def test_markdown_hashes_without_a_space_still_make_a_heading() -> None:
    document, outline = markdown_outline("正文开头。\n\n## 一、主要举措\n###（一）深化改革\n内容。\n")
    assert document.heading_levels == {2: 2, 3: 3}
    assert [(s.level, s.title) for s in outline.sections()] == [(1, "主要举措"), (2, "深化改革")]


def test_markdown_list_items_are_content_never_headings_nor_joined() -> None:
    document, outline = markdown_outline(
        "正文开头。\n\n## 下一步工作打算\n\n1. 制定2025年法治政府建设工作要点\n"
        "2. 开展行政执法质量提升行动\n- 推进行政复议规范化建设\n")
    assert document.list_items == {4, 5, 6}
    assert [s.title for s in outline.sections()] == ["下一步工作打算"]
    view = build_view(document)
    assert [view.paragraph_text(k) for k in range(len(view.paragraphs))][-1] == "推进行政复议规范化建设"


def test_markdown_front_matter_is_metadata_not_text() -> None:
    document, _ = markdown_outline("---\ntitle: 示例局2024年度法治政府建设情况报告\ndate: 2025-02-20\n---\n正文。\n")
    assert document.metadata["title"] == "示例局2024年度法治政府建设情况报告"
    assert document.metadata["published"] == "2025-02-20"
    assert document.text.split("\n")[:4] == ["", "", "", ""]  # lines keep their numbers


def test_a_lead_in_line_is_not_an_unnumbered_heading_and_the_next_heading_keeps_its_level() -> None:
    text = ("一、主要举措\n内容。\n二、存在的不足和原因\n一是问题。\n究其原因，主要有以下几个方面：\n"
            "一是认识不到位。\n三、下一年度安排\n内容。")
    outline = build_outline(build_view(Document("<t>", text)), lambda t: "原因" in t or "安排" in t)
    assert [(s.level, s.heading.marker) for s in outline.sections()] == [(1, "一、"), (1, "二、"), (1, "三、")]


def test_a_numbering_style_returns_to_the_level_where_it_first_appeared() -> None:
    text = "一、主要举措\n内容。\n二、存在的问题\n内容。\n原因分析\n内容。\n三、下一步打算\n内容。"
    outline = build_outline(build_view(Document("<t>", text)), lambda t: t in ("原因分析",))
    assert [(s.level, s.title) for s in outline.sections()] == [
        (1, "主要举措"), (1, "存在的问题"), (1, "原因分析"), (1, "下一步打算")]


def test_every_heading_style_opens_with_a_character_the_quick_test_knows() -> None:
    from checker.text.markers import HEADING_FIRST, HEADING_STYLES

    # Each style's pattern, tried on lines opening with every character of the BMP: a match
    # must open with one the outline looks for (else its first-character test would lose it).
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        if ch in HEADING_FIRST or ch.isdigit():
            continue
        for tail in ("、", "一部分", ".", "一）", "1）"):  # what follows each style's first character
            assert not any(pattern.match(ch + tail) for _, pattern in HEADING_STYLES), ch


@pytest.mark.parametrize("leader", ["……………", "........", "·······", "－－－－"])
def test_a_table_of_contents_entry_is_no_heading(leader: str) -> None:
    outline = outline_of(f"示例县关于2024年度法治政府建设情况的报告\n目录\n一、主要举措和成效{leader}1\n"
                         f"二、存在的问题{leader}  3\n一、主要举措和成效\n内容。\n二、存在的问题\n内容。")
    assert [s.heading.title for s in outline.sections()] == ["主要举措和成效", "存在的问题"]
    assert [s.heading.paragraph for s in outline.sections()] == [4, 6]  # the body's lines, not the TOC's


def _names_content(text: str) -> bool:
    return any(word in text for word in ("第一责任人", "不足", "打算"))


def _glued_outline(text: str):  # type: ignore[no-untyped-def]
    view = build_view(Document("<t>", text), _names_content, TITLE_ENDS)
    return view, build_outline(view, _names_content, TITLE_ENDS)


@pytest.mark.parametrize(("text", "glued"), [
    # pasted onto the last sentence of the paragraph before, numbered next: a heading, its body below
    ("一、主要举措和成效\n（一）依法决策。审核合同31份。\n（二）政务公开。公开信息213条。"
     "二、党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记全年专题研究法治工作3次。\n",
     "二、党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("一、主要举措和成效\n审核合同31份。\n二、党政主要负责人职责情况\n书记述法1次。三、存在的不足和原因\n"
     "一是执法人员仅7人持证。\n", "三、存在的不足和原因"),
    # not numbered next after the heading of its style before it: words of the paragraph
    ("一、主要举措和成效\n审核合同31份。三、存在的不足和原因\n执法人员仅7人持证。\n", None),
    # a clause mark inside, or no section named: a sentence going on to the next line
    ("一、主要举措和成效\n审核合同31份。二、存在的不足，主要是\n执法人员仅7人持证。\n", None),
    ("一、主要举措和成效\n审核合同31份。二、全年开展的工作\n执法人员仅7人持证。\n", None),
    # the last item of a list in one paragraph, without its full stop; 三、四季度: two quarters
    ("一、主要举措和成效\n重点抓了两件事：一、审核文件21件。二、落实领导干部第一责任人职责情况\n书记述法1次。\n", None),
    ("一、主要举措和成效\n（一）审核文件21件。（二）配备审查人员5名。\n二、下一步打算\n（一）出台办法。（二）做好全年打算\n"
     "三、存在的不足\n执法人员仅7人持证。\n", None),
    ("一、主要举措和成效\n书记述法1次。二、三季度第一责任人督办的不足\n执法人员仅7人持证。\n", None),
    # the glued heading's title wrapped once (a PDF's line width), inside it or after a heading's word
    ("一、主要举措和成效\n审核合同31份。二、党政主要负责人履行推进法治建设第一\n责任人职责情况\n书记述法1次。\n",
     "二、党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("一、主要举措和成效\n审核合同31份。二、存在的不足\n和原因\n执法人员仅7人持证，原因是编制紧张。\n",
     "二、存在的不足和原因"),
    # a title naming no content: a heading when the next heading of its style goes on from it
    ("一、主要举措和成效\n评查案卷120卷。二、行政复议和行政诉讼情况\n收到行政复议申请40件。\n三、存在的不足\n"
     "执法人员仅7人持证。\n", "二、行政复议和行政诉讼情况"),
    ("一、主要举措和成效\n评查案卷120卷。二、行政复议和行政诉讼情况\n收到行政复议申请40件。\n四、存在的不足\n"
     "执法人员仅7人持证。\n", None),
])
def test_a_heading_pasted_onto_the_paragraph_before_it(text: str, glued: str | None) -> None:
    view, outline = _glued_outline(text)
    if glued is None:
        assert not any(view.text[heading.start - 1] == "。" for heading in outline.headings if heading.start)
        assert not any("执法人员" in view.text[heading.start:heading.body_start] for heading in outline.headings)
    else:
        heading = next(heading for heading in outline.headings if heading.text == glued)
        assert view.text[heading.start - 1] == "。"  # on the line of the paragraph before it
        body = next(section for section in outline.sections() if section.heading is heading)
        assert view.text[body.body_start:body.end].strip()  # its body: the next line
