"""The matching view: what it folds, what it keeps, and that every offset maps back."""

from __future__ import annotations

import pytest

from checker.pack.loader import load_pack
from checker.text.document import Document
from checker.text.normalize import build_view, original_view, title_ends_pattern

# the pack's heading-title words (headings.title_ends), as the engine passes them
TITLE_ENDS = title_ends_pattern(load_pack().headings["title_ends"])


def view_of(text: str) -> tuple[str, object]:
    view = build_view(Document("<t>", text))
    return view.text, view


@pytest.mark.parametrize(("raw", "expected"), [
    ("受理案件 32 件", "受理案件32件"),            # spaces next to Chinese are PDF artefacts
    ("２０２３年", "2023年"),                       # full-width digits fold
    ("成功率９８．５％", "成功率98.5%"),
    ("出庭应诉率 95.3 %", "出庭应诉率95.3%"),        # a space before the sign is one too
    ("增长 3 ‰，共 12 %", "增长3‰，共12%"),
    ("ISO 9001 % 5", "ISO 9001% 5"),
    ("县(区)", "县（区）"),                          # ASCII brackets become full-width
    ("共1,021件", "共1,021件"),                     # a thousands comma stays
    ("2023年以来,在县委", "2023年以来，在县委"),
    ("⽣态", "生态"),                                # a Kangxi radical from a PDF font
    ("**二是主动担当。**按照要求", "二是主动担当。按照要求"),
    ("《**县县创建方案》", "《**县县创建方案》"),     # a lone ** is a placeholder, kept
    ("open source software", "open source software"),
    # a scan's misreads pasted in: 丶 for 、, and a heading's or enumeration's 一 read as a dash
    ("三丶存在的不足和原因", "三、存在的不足和原因"),
    ("-、主要举措和成效", "一、主要举措和成效"),
    ("　—是加强学习", "一是加强学习"),
    ("2021-2025年", "2021-2025年"),                 # a dash elsewhere is no marker
    ("- 加强学习", "-加强学习"),                    # nor a bullet
    ("2O26年2月1O曰", "2026年2月10日"),             # a date's 0 read as O, 日 as 曰
    ("二O二五年二月", "二〇二五年二月"), ("二OO五年", "二〇〇五年"),
    ("ISO 9001", "ISO 9001"), ("2000年", "2000年"), ("曰常", "曰常"),
    ("4O件，备案率1OO%", "40件，备案率100%"),            # ……and before a unit
    ("H2O2、Fe2O3", "H2O2、Fe2O3"), ("政务O2O", "政务O2O"), ("3月O2O平台", "3月O2O平台"),  # formulas and codes
    ("-是否按期办结", "-是否按期办结"),                   # a bullet before 是否, no 一是
    ("败诉数 1 0 1 0", "败诉数1 0 1 0"),                  # a table's row of one-digit cells, no spaced line
    # a letter-spaced line (a scan's text, a spaced title): its digits are one number
    ("关 于 2 0 2 4 年 度 的 报 告", "关于2024年度的报告"),
    ("2 0 2 5 年 2 月 1 8 日", "2025年2月18日"),
    ("一审行政诉讼案件（件） 9 4", "一审行政诉讼案件（件）9 4"),   # a table's row keeps its columns
    ("审结（件）　　　　118　　117", "审结（件）118 117"),
    ("1 2 3 4 5 6", "1 2 3 4 5 6"),                  # digits alone: no Chinese to be spaced like
])
def test_folding(raw: str, expected: str) -> None:
    assert view_of(raw)[0] == expected


def test_sentence_broken_across_a_page_is_joined() -> None:
    text, _ = view_of("一、主要工作\n制定规则。坚持把\n\n学习贯彻二十大精神作为首要任务。\n二、存在的问题")
    assert "坚持把学习贯彻" in text
    assert text.split("\n")[0] == "一、主要工作"


def test_title_lines_are_not_joined_to_the_body() -> None:
    text, _ = view_of("2024年度示例县法治政府建设情况报告\n\n2024年，我县深入推进依法行政。")
    assert text.split("\n") == ["2024年度示例县法治政府建设情况报告", "2024年，我县深入推进依法行政。"]


def test_a_heading_is_never_joined_to_the_next_line() -> None:
    text, _ = view_of("一、单位负责人履行推进法治建设第一责任人职责情况\n我办严格履行职责。")
    assert len(text.split("\n")) == 2


def names_section(text: str) -> bool:  # as the templates' heading words would say
    return text.endswith(("安排", "职责情况"))


def test_a_heading_wrapped_at_the_pages_width_takes_its_tail_when_only_both_name_a_section() -> None:
    view = build_view(Document("<t>", "四、2026年推进法治政府建设的主要\n安排\n一是开展质量提升行动。"),
                      names_section, TITLE_ENDS)
    assert view.text.split("\n")[0] == "四、2026年推进法治政府建设的主要安排"
    view = build_view(Document("<t>", "三、党政主要负责人履行推进法治建设第一责任人职责情况\n待补充"),
                      names_section, TITLE_ENDS)
    assert len(view.text.split("\n")) == 2  # the heading names its section alone: 待补充 is its body
    view = build_view(Document("<t>", "四、2026年推进法治政府建设的主要\n安排"))
    assert len(view.text.split("\n")) == 2  # no section names known: nothing to join by


@pytest.mark.parametrize(("first", "tail"), [
    ("一、2024年推进法治政府建设的主要举措", "和成效"),        # the heading alone names a section too
    ("三、党政主要负责人履行推进法治建设第一责任人", "职责情况"),
    ("四、2025年推进法治政府", "建设的主要安排"),              # wrapped short (a larger type)
])
def test_a_tail_that_goes_on_with_the_headings_words_is_joined(first: str, tail: str) -> None:
    def names(text: str) -> bool:  # the heading alone names a section as well as the whole does
        return any(word in text for word in ("举措", "第一责任人", "2025年"))

    view = build_view(Document("<t>", f"{first}\n{tail}\n全年审核规范性文件31件。"), names, TITLE_ENDS)
    assert view.text.split("\n")[0] == first + tail
    view = build_view(Document("<t>", f"{first}\n待补充"), names, TITLE_ENDS)
    assert len(view.text.split("\n")) == 2  # a body, though short and unpunctuated


def test_a_sub_heading_of_its_own_under_a_heading_is_not_its_tail() -> None:
    def names(text: str) -> bool:
        return "第一责任人" in text or text.endswith("履职情况")

    view = build_view(Document("<t>", "二、党政主要负责人履行推进法治建设第一责任人职责情况\n县委书记履职情况\n"
                                      "主持召开县委常委会会议3次。"), names, TITLE_ENDS)
    assert view.text.split("\n")[:2] == ["二、党政主要负责人履行推进法治建设第一责任人职责情况", "县委书记履职情况"]


@pytest.mark.parametrize(("raw", "joined"), [
    # a paragraph hard-wrapped at 28 characters: its first line already holds a comma
    ("究其原因，一是部分领导干部运用法治思维推动工作的意识\n不够强；二是培训不够系统。",
     "究其原因，一是部分领导干部运用法治思维推动工作的意识不够强；二是培训不够系统。"),
    # a title wrapped inside its brackets
    ("对照《法治政府建设实施纲要（2021—\n2025年）》，全年审核文件46件。",
     "对照《法治政府建设实施纲要（2021—2025年）》，全年审核文件46件。"),
    # a line broken before the 》 of a title that ends in （草案）: no line begins with a closing mark
    ("起草《示例县扬尘污染防治条例（草案）\n》并提请县政府常务会议审议。",
     "起草《示例县扬尘污染防治条例（草案）》并提请县政府常务会议审议。"),
    ("县政府印发“法治护航（试行）\n”工作方案。", "县政府印发“法治护航（试行）”工作方案。"),
])
def test_lines_wrapped_mid_heading_mid_sentence_or_mid_title_are_joined(raw: str, joined: str) -> None:
    assert view_of(raw)[0].split("\n")[0] == joined


@pytest.mark.parametrize("number", ["— 2 —", "-3-", "－ 12 －", "第 1 页 共 3 页", "共3页，第2页"])
def test_a_pasted_page_number_splitting_a_paragraph_is_dropped_and_the_paragraph_joined(number: str) -> None:
    raw = (f"（一）强化组织领导。局党组书记、局长认真履行推进法治建设第一责\n{number}\n"
           "任人职责，全年主持召开党组会议3次。")
    text, view = view_of(raw)
    assert text == "（一）强化组织领导。局党组书记、局长认真履行推进法治建设第一责任人职责，全年主持召开党组会议3次。"
    assert raw[view.origin[text.index("任人")]:].startswith("任人")  # offsets skip the dropped line


@pytest.mark.parametrize("line", ["12", "1/3", "2025年", "— 2 — 3"])
def test_a_number_that_may_be_content_is_no_page_number(line: str) -> None:
    assert len(view_of(f"全年审核规范性文件。\n{line}\n备案率100%。")[0].split("\n")) == 3


@pytest.mark.parametrize("raw", [
    "一、2025年推进法治政府建设的主要举措和成效\n（一）强化学习。",  # the next heading stands apart
    "一、主要举措和成效\n依法决策",                                   # a short heading takes no tail
    "一、2025年推进法治政府建设的主要举措和成效\n依法决策",              # nor one with no section names
    "附：行政复议、行政应诉情况统计表\nXX县人民政府",                  # a short line with a comma: no wrap
    "|行政复议收案|156件|较2023年增加26件，增长20.0%|\n|行政复议审结|149件|—|",  # table rows
])
def test_lines_that_only_look_wrapped_stay_apart(raw: str) -> None:
    assert len(view_of(raw)[0].split("\n")) == 2


def test_every_view_offset_maps_back_to_the_original_character() -> None:
    raw = "关于 2023 年度的报告\n\n**一是学法。**坚持把\n\n学习摆在首位，受理 ３２ 件。"
    view = build_view(Document("<t>", raw))
    for index, ch in enumerate(view.text):
        if ch == "\n":
            continue
        original = raw[view.origin[index]]
        assert original == ch or ch in "，（）%." or original in "３２", (index, ch, original)


def test_positions_and_excerpts_cite_the_original() -> None:
    raw = "标题\n\n2023 年,受理行政复议 32 件。"
    view = build_view(Document("<t>", raw))
    start = view.text.index("受理")
    end = start + len("受理行政复议32件")
    assert view.position(start) == (3, 8)
    assert view.excerpt(start, end) == "受理行政复议 32 件"


def test_original_view_is_the_text_itself() -> None:
    view = original_view(Document("<t>", "甲,乙\n\n丙"))
    assert view.text == "甲,乙\n\n丙"
    assert view.position(5) == (3, 1)
    assert view.paragraphs == [(0, 3), (5, 6)]


def test_the_fast_path_gives_the_same_view_as_the_full_fold() -> None:
    from checker.text import normalize

    lines = ["一、主要举措和成效", "全面推行行政执法三项制度，组织案卷评查两次。", "受理 32 件", "县(区)",
             "**二是履职。**按照要求", "２０２３年", "甲\u3000乙", "⽣态"]
    for line in lines:
        fast = normalize.NEEDS_WORK.search(line) is None
        text, offsets = normalize._squeeze_spaces(normalize._drop_bold_markers(normalize._fold_line(line, 0)))
        full = (text, list(offsets))  # a range while nothing was dropped
        if fast:
            assert full == (line, list(range(len(line)))), line
        else:
            assert full != (line, list(range(len(line)))), line


def test_lines_the_fast_path_takes_are_unchanged_by_the_full_fold() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checker.text import normalize

    alphabet = st.sampled_from(list("一二三县政府法治是，。、“”《》（）12345abcAB%.-—　 ,;:()!?*２％⽣丽丶\t"))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=30))
    def same(line: str) -> None:
        if normalize.NEEDS_WORK.search(line) is None:
            text, offsets = normalize._squeeze_spaces(normalize._drop_bold_markers(normalize._fold_line(line, 0)))
            assert (text, list(offsets)) == (line, list(range(len(line))))

    same()


def test_sentence_spans_keep_or_leave_the_end_mark() -> None:
    from checker.text.normalize import sentence_spans

    text = "甲。乙；丙\n丁"
    assert sentence_spans(text, "。！？；\n", keep_end=True) == [(0, 2), (2, 4), (4, 5), (6, 7)]
    assert sentence_spans(text, "。！？\n", keep_end=False) == [(0, 1), (2, 5), (6, 7)]


def test_every_character_the_fold_changes_is_one_the_quick_test_looks_for() -> None:
    from checker.text import normalize

    changed = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF
               and normalize.fold_char(chr(code)) != chr(code)]
    assert len(changed) > 100  # full-width digits and letters, radicals, spaces
    assert all(normalize._FOLDS.search(ch) for ch in changed)
    assert normalize._fold_line("２０２３年　县", 5) == ("2023年 县", range(5, 12))


def test_bold_markers_are_dropped_with_their_offsets() -> None:
    from checker.text import normalize

    text = "**一是**推进，**（二）**落实**无"
    folded, offsets = normalize._drop_bold_markers((text, range(len(text))))
    assert folded == "一是推进，（二）落实**无"
    assert [text[k] for k in offsets] == list(folded)


def test_the_issuer_above_the_date_never_goes_on_an_open_last_line() -> None:
    raw = "县政府将以更高标准推进法治政府建设，为建设更高水平的法治青川作出新的更大贡献\n青川县人民政府\n2026年1月22日"
    assert view_of(raw)[0].split("\n") == raw.split("\n")


def test_a_web_pages_chrome_line_ending_in_its_buttons_stays_apart_from_the_title() -> None:
    raw = ("发布时间：2026-02-10  来源：清河县司法局  浏览次数：328  【字体：大 中 小】【打印】【关闭】\n"
           "清河县人民政府关于2025年度法治政府建设工作情况的报告")
    assert len(view_of(raw)[0].split("\n")) == 2
