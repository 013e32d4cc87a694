"""The gate before a whole-text scan (checker.text.gates): a necessary search, so never a lost match."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.text import gates, patterns

DOC_NUMBER = r"\p{Han}{1,10}+[\[［(（【]\s*20\d\d\s*[\]］)）】]\s*第?\s*\d{1,4}\s*号"


@pytest.mark.parametrize(("pattern", "expected"), [
    (DOC_NUMBER, r"[\[［(（【]\s*20\d\d\s*[\]］)）】]\s*第?\s*\d{1,4}\s*号"),
    (r"\p{Han}{1,10}〔\s*20\d\d\s*〕\s*0\d*\s*号", r"〔\s*20\d\d\s*〕\s*0\d*\s*号"),
    (r"^\d{1,2}、", "、"),
    (r"(?<![\d年])\d{2}年\d{1,2}月", r"年\d{1,2}月"),
    (r"(?<!\d)[一二]+(?>月份)", "(?>月份)"),  # a group after the repeats is a gate, not its start
])
def test_the_gate_is_what_follows_the_opening_repeats(pattern: str, expected: str) -> None:
    source = gates.gate_source(pattern)
    if expected.startswith("(?>"):
        assert source is None  # it must open with a literal or a set of literals
    else:
        assert source == expected


@pytest.mark.parametrize("pattern", [
    r"(\p{Han}{1,10})[（(]\1号",  # a back-reference
    r"(?i)\w+abc",  # a flag for the whole pattern
    r"\p{Han}{1,10}[（(]|号",  # a top-level alternation
    r"(?:\p{Han}{1,10}){e<=1}号",  # a fuzzy constraint
    r"\p{Han}+{号",  # a brace that is no repeat
    r"[[:alpha:]]+号",  # a POSIX class
    r"\p{Han}+\d号",  # the rest opens with a broad class
    r"\p{Han}+[^号]号",  # ... or a negated set
    r"号\p{Han}+",  # no opening repeat
    r"\p{Han}+(?=号)",  # nothing consuming after it
    r"\p{Han}+号?",  # the rest may match nothing
    r"\p{Han}+\012",  # an octal escape
    r"(?|(a)|(b))+号",  # a branch reset
    r"(?(1)a|b)+号",  # a conditional
    r"\p{Han}{1,10}(?#note)号",  # a comment
])
def test_patterns_outside_the_plain_subset_get_no_gate(pattern: str) -> None:
    assert gates.gate_source(pattern) is None


def test_a_verbose_pattern_gets_no_gate() -> None:
    assert gates.gate(regex.compile(r"\p{Han}+ 号", regex.VERBOSE)) is None


# Patterns with a gate, among them lookarounds on both sides of the cut, possessive and atomic
# repeats and anchors, searched on texts of the characters they look for.
GATED = [
    DOC_NUMBER,
    r"\p{Han}{1,10}〔\s*20\d\d\s*〕\s*第\s*\d{1,4}\s*号",
    r"\p{Han}{1,3}+(?<=发)[（(]\d+[)）]号",
    r"(?<!\d)\d{1,2}+月(?:\d{1,2}日|份)?",
    r"^(?:示|政)+[（(](?=\d)\d+(?>[)）])$",
    r"[^（]{2,}（\d+）(?!号)",
    r"\d*+\p{Han}{2,}?[（(](?:20\d\d|\d)[）)]\s*号$",
]
ALPHABET = st.sampled_from([*"示政发第号月日份（）()[]〔〕20219 \n", "【", "】"])


@pytest.mark.parametrize("pattern", GATED)
def test_each_made_pattern_has_a_gate(pattern: str) -> None:
    assert gates.gate_source(pattern) is not None


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["示政发", "〔2024〕", "[2024]", "（2024）", "第", "3", "03", "号", "月", "12", "份",
                                 "（", "）", "\n", " ", "政"]), max_size=16),
       st.text(alphabet=ALPHABET, max_size=12))
def test_a_gated_scan_finds_what_the_plain_scan_finds(pieces: list[str], noise: str) -> None:
    text = "".join(pieces) + noise
    for source in GATED:
        pattern = patterns.compiled(source)
        gate = gates.gate(pattern)
        assert gate is not None
        plain = [m.span() for m in pattern.finditer(text)]
        if gate.search(text) is None:
            assert plain == []  # the gate is necessary: no match is lost
        assert [m.span() for m in patterns.finditer(pattern, text)] == plain
        overlapped = [m.span() for m in pattern.finditer(text, overlapped=True)]
        assert [m.span() for m in patterns.finditer(pattern, text, overlapped=True)] == overlapped


def test_a_document_number_is_found_through_its_gate_and_a_text_without_one_is_skipped() -> None:
    pattern = patterns.compiled(DOC_NUMBER)
    gate = gates.gate(pattern)
    assert gate is not None
    text = "依据示政发[2024]3号文件，落实纲要（2021—2025年）。"
    assert [m.group(0) for m in patterns.finditer(pattern, text)] == ["依据示政发[2024]3号"]
    without = "落实纲要（2021—2025年），示政发〔2024〕3号。"
    assert gate.search(without) is None and pattern.search(without) is None
    assert list(patterns.finditer(pattern, without)) == []


@pytest.mark.parametrize(("pattern", "free"), [
    ("召开|举办", True),
    (r"(?:召开|举办)[^。；，]{0,16}(?:会议|培训)", True),
    (r"(?P<what>建成|上线)\d+个", True),
    (r"不(?!断)", False),  # a lookahead looks past the match
    (r"(?<=县)召开", False),
    (r"^进一步", False),
    (r"提升$", False),
    (r"\b法治", False),
    (r"(?>建成)", False),
    (r"[^，]++号", False),  # a possessive repeat may run past a piece's end in the whole string
    (r"(建)\1", False),  # a back-reference: outside the subset
    (r"(?i)abc", False),
    (r"(?:召开", False),  # unbalanced
    (r"召开)", False),
])
def test_context_free_patterns(pattern: str, free: bool) -> None:
    assert gates.context_free(pattern) is free


PIECE_ALPHABET = st.sampled_from([*"召开会议建成培训，。号县不断12", "\n"])
CONTEXT_FREE = ["召开|建成", r"(?:召开|举办)[^。，]{0,4}(?:会议|培训)", r"[^，]+号", r"\d+(?:个|号)?", r"县.?不"]


@settings(max_examples=300)
@given(st.text(alphabet=PIECE_ALPHABET, max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_a_context_free_pattern_matching_a_piece_matches_the_whole(text: str, start: int, end: int) -> None:
    piece = text[min(start, end):max(start, end)]
    for source in CONTEXT_FREE:
        assert gates.context_free(source)
        pattern = patterns.compiled(source)
        if pattern.search(piece) is not None:
            assert pattern.search(text) is not None


# ---------------------------------------------------------------- needed strings

CONCESSION = r"[^。；，：]{0,30}?(?:组织|开展|举办)[^。；，]{0,30}?(?=[，,]\s*(?:但是?|可是|然而|不过))"
NEEDING = [
    CONCESSION,
    r"(?:虽然|尽管|虽)[^。；]{0,60}?(?=[，,]\s*(?:但是?|可是|却|仍))",
    r"两个(?:维护|确立)",
    r"“(?:放管服|[六七八]五|一网通办)”",
    r"[三四五]个(?:意识|自信|一)",
    r"(?<=[但却])[^，]{1,3}(?!不过)开展+",
    r"(?P<x>三|四)?项制度|\x41B{2,}[，,]",
    r"^虽\s*然$|却\b",
]


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"两个(?:维护|确立)", (("两个",), ("确立", "维护"))),
    (r"ab(?!c)d", (("ab",), ("d",))),
    (r"a*|b", ()),  # one alternative requires nothing
    (r"[a-c]+d", (("d",), ("a", "b", "c"))),
])
def test_what_a_match_needs(pattern: str, expected: tuple[tuple[str, ...], ...]) -> None:
    assert gates.needed_strings(pattern) == expected


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?i)abc", r"a{e<=1}", r"[[:alpha:]]b", r"a\N{DIGIT ONE}",
                                     r"[a-\x41]"])
def test_a_pattern_outside_the_subset_needs_nothing_known(pattern: str) -> None:
    assert gates.needed_strings(pattern) is None


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["虽然", "虽", "尽管", "组织", "开展", "举办", "培训", "，", ",", "但", "但是",
                                 "可是", "不过", "却", "仍", "两个", "维护", "确立", "“", "”", "放管服", "七五",
                                 "三", "个", "意识", "一", "项制度", "AB", "BB", "A", "。", " ", "\n", "问题"]),
                max_size=14))
def test_a_string_with_a_match_meets_every_requirement(pieces: list[str]) -> None:
    text = "".join(pieces)
    for source in NEEDING:
        needs = gates.needed_strings(source)
        assert needs is not None, source
        if patterns.compiled(source).search(text) is not None:
            assert all(any(s in text for s in requirement) for requirement in needs), (source, text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["虽然", "尽管", "组织", "开展", "举办", "，", "但", "但是", "不过", "两个", "维护",
                                 "“", "”", "放管服", "三", "个", "意识", "项制度", "AB", "BB", "。", "问题"]),
                max_size=14))
def test_masking_with_the_alternatives_that_can_match_masks_the_same(pieces: list[str]) -> None:
    from checker.text import substance

    text = "".join(pieces)
    ignore = patterns.any_of(tuple(NEEDING))
    assert ignore is not None
    assert substance._masked(ignore, text, tuple(NEEDING)) == ignore.sub(substance._blank, text)
    patterns.forget()


# Patterns with lookarounds on both sides, anchors and alternations, for the prefilter of a search.
PREFILTERED = [*NEEDING, r"(?<=[。，])(?:分析|查找)[^。]{0,4}原因|问题出在", r"(?:由|从)$", r"^(?:其他)(?:报告|说明)",
               r"(?<!及时)备案率(?=为|是)"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["虽然", "虽", "尽管", "组织", "开展", "举办", "，", ",", "但", "但是", "不过", "却",
                                 "两个", "维护", "“", "”", "放管服", "三", "个", "意识", "项制度", "AB", "BB", "。",
                                 "\n", "分析", "原因", "问题出在", "由", "从", "其他", "报告", "及时", "备案率", "为"]),
                max_size=14), st.integers(0, 30), st.integers(0, 30))
def test_a_search_ruled_out_by_its_prefilter_finds_nothing(pieces: list[str], start: int, stop: int) -> None:
    text = "".join(pieces)
    start, stop = min(start, len(text)), min(max(start, stop), len(text))
    for source in PREFILTERED:
        pattern = patterns.compiled(source)
        whole_strings, sliced_strings = gates.prefilter(pattern), gates.prefilter(pattern, whole=False)
        assert whole_strings is not None and sliced_strings is not None, source
        whole, sliced = gates.literal_scan(whole_strings), gates.literal_scan(sliced_strings)
        if whole.search(text) is None:
            assert pattern.search(text) is None, (source, text)
        if sliced.search(text, start, stop) is None:
            assert pattern.search(text, start, stop) is None, (source, text, start, stop)
        # A prefilter's first tests use str.find, the later ones the compiled scan: the same answer.
        test = patterns._Prefilter(sliced_strings)
        for tried in (0, patterns.SCAN_AFTER):
            test.tried = tried
            assert test.finds(text, start, stop) == (sliced.search(text, start, stop) is not None)
        # Through the wrappers, the prefilters kept or dropped: the same result as the plain search.
        assert (patterns.search_text(pattern, text) is None) == (pattern.search(text) is None)
        found = patterns.search(pattern, text, start, stop)
        plain = pattern.search(text, start, stop)
        assert (found.span() if found else None) == (plain.span() if plain else None)
    patterns.forget()


def test_a_prefilter_that_spares_no_search_is_dropped() -> None:
    pattern = patterns.compiled("(?:召开|举办)会议")
    for _ in range(patterns.PREFILTER_TRIAL):
        assert patterns.search_text(pattern, "召开会议") is not None
    assert patterns._prefilters[(pattern, True)] is None
    assert patterns.search_text(pattern, "举办会议") is not None
    assert patterns.search_text(pattern, "没有") is None


def test_case_folding_and_verbose_patterns_get_no_prefilter() -> None:
    assert gates.prefilter(regex.compile("abc", regex.IGNORECASE)) is None
    assert gates.prefilter(regex.compile("a b c", regex.VERBOSE)) is None
    assert gates.prefilter(regex.compile(r"a|\w")) is None  # one alternative requires nothing


# A long alternation (at least PLAN_PARTS branches), some opening with a class or an anchor.
BRANCHES = [*PREFILTERED, r"\p{Han}{1,2}性(?!文件)有待(?:提高|加强)", r"^(?:[一二三]是)?加强[^。；，]{1,6}$",
            r"(?:还|仍)?不够(?:健全|规范)", r"[^。]{0,4}(?:问题|不足)$", r"培训\d+期", r"(?:但|却)",
            r"不够健全的?问题"]


def test_a_long_alternation_is_searched_branch_by_branch() -> None:
    assert len(BRANCHES) >= patterns.PLAN_PARTS
    pattern = patterns.any_of(tuple(BRANCHES))
    assert pattern is not None
    assert patterns.occurs(pattern, "培训12期")
    assert patterns._plans[(pattern, True)] is not None  # the plan was made (the branches are in the subset)
    outside = patterns.any_of((*BRANCHES, r"x\N{DIGIT ONE}"))  # a branch outside the subset: searched whole
    assert outside is not None and patterns.occurs(outside, "x1") and patterns._plans[(outside, True)] is None


# Pieces of the strings the long alternation is searched in: its branches' words, and the marks around them.
BRANCH_PIECES = st.sampled_from([
    "虽然", "尽管", "组织", "开展", "，", "但", "但是", "不过", "却", "两个", "维护", "“", "”", "放管服", "三",
    "个", "意识", "项制度", "AB", "BB", "。", "\n", "分析", "原因", "问题出在", "由", "从", "其他", "报告",
    "备案率", "为", "系统性", "有待", "提高", "一是", "加强", "还", "不够", "健全", "问题", "不足", "培训", "12",
    "期", "的"])


@settings(max_examples=500)
@given(st.lists(BRANCH_PIECES, max_size=12))
def test_a_long_alternation_matches_where_one_of_its_branches_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = patterns.any_of(tuple(BRANCHES))
    assert pattern is not None
    assert patterns.occurs(pattern, text) == (pattern.search(text) is not None), text
    with patterns.rule_budget():  # under the rule's alarm: the branches without the regex timeout
        assert patterns.occurs(pattern, text) == (pattern.search(text) is not None), text


@settings(max_examples=500)
@given(st.lists(BRANCH_PIECES, max_size=16), st.integers(0, 40), st.integers(0, 40), st.booleans())
def test_a_long_alternation_finds_the_spans_its_scan_finds(pieces: list[str], start: int, stop: int,
                                                           empty: bool) -> None:
    text = "".join(pieces)
    start, stop = min(start, len(text)), min(max(start, stop), len(text))
    # With a branch that may match nothing (x?) the plain scan is used: the same spans either way.
    pattern = patterns.any_of((*BRANCHES, "x?") if empty else tuple(BRANCHES))
    assert pattern is not None
    plain = [m.span() for m in pattern.finditer(text, start, stop) if m.end() > m.start()]
    assert patterns.match_spans(pattern, text, start, stop) == plain, (text, start, stop)
    whole = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    assert patterns.match_spans(pattern, text) == whole, text
    with patterns.rule_budget():
        assert patterns.match_spans(pattern, text, start, stop) == plain, (text, start, stop)
    patterns.forget()


@settings(max_examples=500)
@given(st.lists(BRANCH_PIECES, max_size=16), st.booleans())
def test_the_first_span_of_a_long_alternation_is_its_search_s(pieces: list[str], empty: bool) -> None:
    text = "".join(pieces)
    # (x? may match the empty string first: then there is no span, as the plain search says)
    pattern = patterns.any_of(("x?", *BRANCHES) if empty else tuple(BRANCHES))
    assert pattern is not None
    match = pattern.search(text)
    expected = match.span() if match is not None and match.end() > match.start() else None
    assert patterns.first_span(pattern, text) == expected, text
    with patterns.rule_budget():
        assert patterns.first_span(pattern, text) == expected, text


@pytest.mark.parametrize(("text", "start", "expected"), [
    ("不够健全的问题", 0, [(0, 4), (4, 7)]),  # two branches match at 不: the earlier one, as the scan tries it first
    ("还不够健全的问题", 1, [(1, 5), (5, 8)]),
    ("但组织开展", 1, [(1, 5)]),  # the lookbehind sees 但 before the slice: the branch is not ruled out
    ("但组织开展", 0, [(0, 1), (1, 5)]),
])
def test_the_spans_of_a_long_alternation_in_a_slice(text: str, start: int, expected: list[tuple[int, int]]) -> None:
    pattern = patterns.any_of(tuple(BRANCHES))
    assert pattern is not None
    assert [m.span() for m in pattern.finditer(text, start)] == expected
    assert patterns.match_spans(pattern, text, start, len(text)) == expected


# A short table whose last branch opens with the clause before its phrase (as the rates stated in
# words do): match_spans with a low ``least`` searches the branches one by one.
OPENING_CLAUSE = (
    "(?:均|全部)由[^。，]{0,8}负责人出庭",
    "负责人出庭(?:实现)?全覆盖",
    "(?:[^。，]{0,10}(?:案件|诉讼)[^。，]{0,6}[，])?负责人均出庭(?:应诉)?",
)
CLAUSE_PIECES = st.sampled_from(["案件", "诉讼", "，", "。", "负责人", "均", "出庭", "应诉", "全覆盖", "由",
                                 "全部", "实现", "重大", "行政", "2件"])


@settings(max_examples=500)
@given(st.lists(CLAUSE_PIECES, max_size=14), st.integers(0, 30))
def test_a_short_alternation_found_branch_by_branch_has_its_scans_spans(pieces: list[str], start: int) -> None:
    text = "".join(pieces)
    start = min(start, len(text))
    pattern = patterns.any_of(OPENING_CLAUSE)
    assert pattern is not None
    plain = [m.span() for m in pattern.finditer(text, start) if m.end() > m.start()]
    assert patterns.match_spans(pattern, text, start, least=2) == plain, (text, start)
    assert patterns.match_spans(pattern, text, least=2) == [m.span() for m in pattern.finditer(text)], text
    patterns.forget()


def test_a_short_alternation_is_searched_branch_by_branch_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = patterns.any_of(OPENING_CLAUSE)
    assert pattern is not None
    calls: list[int] = []
    spans = patterns._Plan.spans

    def counted(self: patterns._Plan, *args: object) -> list[tuple[int, int]] | None:
        calls.append(1)
        return spans(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(patterns._Plan, "spans", counted)
    text = "行政诉讼案件2件，负责人均出庭应诉。"
    assert patterns.match_spans(pattern, text) == [(0, 17)] and not calls  # three branches: one scan
    assert patterns.match_spans(pattern, text, least=2) == [(0, 17)] and calls == [1]


# A short alternation with a branch that opens loosely ((?:^|(?<=，))…): occurs() searches only the
# branches whose strings the text holds, as it does for long alternations, with the same answers.
LOOSE = patterns.any_of(("(?:^|(?<=[，,；]))(?:全年|今年)?(?:完成)?(?:项目|产业)投资[^。；，]{0,8}亿元",
                         "^[^。；]{0,12}(?:下辖|辖)\\d+个", "各地区各部门(?:要|应当)", "市场主体(?:达到|新增)"))


def test_a_short_alternation_opening_loosely_is_searched_by_its_branches() -> None:
    assert LOOSE is not None
    patterns.occurs(LOOSE, "")
    assert patterns._occurs_plans[LOOSE] is not None


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["全年", "完成", "项目", "投资", "12", "亿元", "，", "；", "。", "下辖", "个",
                                 "各地区各部门", "要", "市场主体", "新增", "对", "签约"]), max_size=14))
def test_occurs_on_a_loose_short_alternation_answers_as_the_plain_search(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert LOOSE is not None
    assert patterns.occurs(LOOSE, text) == (LOOSE.search(text) is not None)
