"""Speed-ups that must not change a result: each faster path against the plain one it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.gate import fingerprint
from checker.text.markers import HEADING_START
from checker.text.normalize import fold_char
from tests.test_robust_linear import figures_by_definition  # the plain definition of find_figures

# Characters fold_char treats specially (full-width letters and digits, radicals, compatibility
# ideographs, odd spaces) among ordinary Chinese and ASCII text.
FOLDED_ALPHABET = st.sampled_from(
    [chr(c) for c in [*range(0x20, 0x7F), *range(0xFF01, 0xFF5F), *range(0x2F00, 0x2F10), *range(0xF900, 0xF910),
                      0x3000, 0xA0, 0x09, 0x2002, 0x2003, 0x200B, 0xFEFF]] + list("法治政府建设一二三（）、。…"))


@settings(max_examples=300)
@given(st.text(alphabet=FOLDED_ALPHABET, max_size=40))
def test_fingerprint_normalisation_folds_as_one_call_per_character_did(text: str) -> None:
    plain = "".join(fold_char(ch) for ch in text)
    expected = HEADING_START.sub("", fingerprint.IGNORED.sub("", plain), count=1)
    assert fingerprint.normalise(text) == expected


HAN_AND_OTHERS = st.text(alphabet=st.sampled_from([*"法治政府建设一二三，。：；、（）ab12 \n", "\u3400", "\uf900"]),
                         max_size=40)


@settings(max_examples=300)
@given(HAN_AND_OTHERS, st.integers(0, 40), st.integers(0, 40))
def test_enough_chinese_is_found_as_counting_them_all_did(text: str, start: int, end: int) -> None:
    from checker.audit import features
    from checker.text import substance

    few = len(substance.HAN.findall(text, start, end)) < substance.MIN_SENTENCE_HAN
    assert (substance.ENOUGH_HAN.search(text, start, end) is None) == few
    few_items = len(features.HAN.findall(text, start, end)) < features.MIN_ITEM_HAN
    assert (features.ENOUGH_HAN.search(text, start, end) is None) == few_items


def _fold_line_per_character(line: str, start: int) -> list[tuple[str, int]]:
    """normalize._fold_line as it was: fold_char per character, then every character visited."""
    from checker.text.normalize import ASCII_TO_FULL, is_cjk_punct, is_han

    chars = [(fold_char(ch), start + i) for i, ch in enumerate(line)]
    for i, (ch, off) in enumerate(chars):
        if ch in ASCII_TO_FULL:
            prev = chars[i - 1][0] if i else ""
            nxt = chars[i + 1][0] if i + 1 < len(chars) else ""
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                continue
            if any(c and (is_han(c) or is_cjk_punct(c)) for c in (prev, nxt)) or ch in "()":
                chars[i] = (ASCII_TO_FULL[ch], off)
    return chars


LINE_ALPHABET = st.sampled_from([*",;:()!?.%１２３４５ａＡ％．", *"法治，。（）1234 ab", "\u3000", "\u2f00", "\uf900"])


@settings(max_examples=500)
@given(st.text(alphabet=LINE_ALPHABET, max_size=30), st.integers(0, 1000))
def test_a_line_folds_as_it_did_character_by_character(line: str, start: int) -> None:
    from checker.text.normalize import _fold_line

    assert _fold_line(line, start) == _fold_line_per_character(line, start)


# ---------------------------------------------------------------- numbers and figures

# Numerals of both kinds, 万/亿, percentages, ranges, dates, units, approximations, quotation
# marks and book titles, codes: the shapes the number reader treats specially.
NUMBER_PIECES = st.sampled_from([
    "0", "7", "32", "1,021", "98.5", "2024", "2015", "三", "十二", "一百二十三", "两千", "三四", "一两", "二〇二三",
    "三点五", "万", "亿", "3.2万", "12万5千", "百分之", "千分之", "%", "件", "个", "个百分点", "人次", "年", "年度",
    "月", "日", "号", "余", "多", "多元", "来", "左右", "以上", "以下", "许", "约", "近", "超过", "上", "数", "第",
    "-", "—", "～", "至", "“", "”", "《", "》", "‘", "’", "\"", "\n", "G", "统一", "百姓", "受理", "案件", "，", "。",
    "（", "）", "2024-03-05", "/",
])
NUMBER_TEXT = st.lists(NUMBER_PIECES, max_size=30).map("".join)


def quoted_spans_by_line_ends(text: str) -> list[tuple[int, int]]:
    """numbers._quoted_spans as it was: every line end visited, closing what is open."""
    from checker.text.numbers import _OPENER_OF, _QUOTES, QUOTE_MAX

    spans: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for i, ch in enumerate(text):
        if ch not in _OPENER_OF and ch not in _QUOTES and ch != "\n":
            continue
        opener = _OPENER_OF.get(ch)
        closer_of = opener if opener is not None and opener in open_at else None
        if closer_of is not None and (closer_of != ch or i > open_at[closer_of]):
            start = open_at.pop(closer_of)
            if closer_of == "《" or i - start <= QUOTE_MAX:
                spans.append((start, i + 1))
            continue
        if ch in _QUOTES:
            open_at[ch] = i
        elif ch == "\n":
            open_at.clear()
    return spans


@settings(max_examples=500)
@given(NUMBER_TEXT)
def test_quotations_are_found_as_visiting_every_line_end_did(text: str) -> None:
    from checker.text.numbers import _quoted_spans

    assert _quoted_spans(text) == quoted_spans_by_line_ends(text)


@settings(max_examples=300)
@given(NUMBER_TEXT)
def test_units_and_approximations_are_read_as_the_alternation_did(text: str) -> None:
    import regex

    from checker.text.numbers import _APPROX, _UNITS, APPROX_SUFFIX, COUNT_UNITS, DATE_UNITS, _word_at

    units = regex.compile("|".join(regex.escape(u) for u in (*COUNT_UNITS, *DATE_UNITS)))
    approx = regex.compile("|".join(regex.escape(s) for s in APPROX_SUFFIX))
    for pos in range(len(text) + 1):
        for table, pattern in ((_UNITS, units), (_APPROX, approx)):
            match = pattern.match(text, pos)
            assert _word_at(text, pos, table) == (match.group() if match else "")


@settings(max_examples=300)
@given(NUMBER_TEXT)
def test_each_number_is_placed_and_valued_as_its_match_groups_say(text: str) -> None:
    """_read takes offsets from the groups' lengths, Chinese-ness from the first character and
    the value from a cache: each as the match object and the parser say."""
    from checker.text.numbers import CN_DIGITS, FINDER, ZEROS, _core, _half_width, parse_chinese

    for match in FINDER.finditer(text):
        prefix, pct, pval, core, _ = match.groups()
        core = pval if pct else core
        assert match.start() + len(prefix or "") + len(pct or "") == match.start("pval" if pct else "core")
        assert (not core[0].isdigit()) == (not any(ch.isdigit() for ch in core))
        for percent in (False, True):
            value = parse_chinese(core)
            pair = len(core) == 2 and all(c in CN_DIGITS for c in core) and not any(c in ZEROS for c in core)
            expected = None if value is None else (float(CN_DIGITS[core[0]]) if pair else value,
                                                   _half_width(core, percent), pair)
            assert _core(core, percent) == expected
            assert _core(core, percent) == expected  # kept: the same answer again


FIGURE_TEXT = st.lists(st.sampled_from([
    "行政复议", "行政诉讼", "出庭应诉", "负责人出庭应诉率", "受理", "审结", "其中", "分别", "86件", "12件", "95.3%",
    "0", "纠错率为", "3.2万", "1-2部", "三十六件", "百分之九十", "2021—2025年", "“三项制度”", "《2024年工作要点》",
    "2024-03-05", "十二个", "约30件", "，", "、", "；", "：", "（", "）", "。", "\n", "全年", "案件",
    "\n|类别|收案（件）|办结率|\n|---|---|---|\n|行政复议|156|98.5|\n",
]), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(FIGURE_TEXT)
def test_figures_are_read_as_by_definition_in_every_shape(text: str) -> None:
    """find_figures visits only the sentences holding a number or a keyword and finds clause
    marks once per report; the plain definition walks every sentence and character."""
    from checker.pack.loader import load_pack
    from checker.text.figures import Table, find_figures

    table = Table.from_rules([r for r in load_pack().rules if r.kind == "metric" and r.get("extract") is not None])
    found = find_figures(text, table.topics, table.continues)
    if "|---|" not in text:  # the definition knows no tables
        assert found == figures_by_definition(text, table.topics, table.continues)
    assert [f.start for f in found] == sorted(f.start for f in found)


SORTED_OFFSETS = st.lists(st.integers(0, 60), max_size=30).map(sorted)
DISJOINT_SPANS = st.lists(st.integers(0, 60), max_size=20).map(
    lambda cuts: [(a, b) for a, b in zip(sorted(set(cuts))[::2], sorted(set(cuts))[1::2], strict=False)])


@settings(max_examples=500)
@given(DISJOINT_SPANS, SORTED_OFFSETS)
def test_each_offset_finds_its_span_in_one_walk(spans: list[tuple[int, int]], offsets: list[int]) -> None:
    from checker.text.figures import _holding

    expected = [next((k for k, (a, b) in enumerate(spans) if a <= o < b), -1) for o in offsets]
    assert _holding(spans, offsets) == expected


@settings(max_examples=500)
@given(DISJOINT_SPANS, SORTED_OFFSETS)
def test_the_marks_of_each_paragraph_are_those_inside_it(spans: list[tuple[int, int]], offsets: list[int]) -> None:
    from checker.kinds.balance import _by_paragraph

    positions = sorted(set(offsets))
    expected = [(a, b, [p for p in positions if a <= p < b]) for a, b in spans]
    assert list(_by_paragraph(positions, spans)) == [e for e in expected if e[2]]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("，,、；;：:（）()。法治12")), max_size=30),
       st.integers(0, 32), st.integers(0, 32))
def test_separators_are_counted_as_one_by_one(text: str, start: int, end: int) -> None:
    from checker.kinds.arithmetic import SEPARATORS, _gap

    assert _gap(text, start, end) == sum(1 for ch in text[start:end] if ch in SEPARATORS or ch in "（）()")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["受理案件12件", "审结10件", "，", "：", "\n", "\n\n", "——维持3件", "其中"]),
                max_size=25))
def test_the_figures_of_a_paragraph_are_those_paragraph_at_places_there(parts: list[str]) -> None:
    from checker.kinds.arithmetic import _ParagraphFigures
    from checker.pack.loader import load_pack
    from checker.text.document import Document
    from checker.text.figures import Table, find_figures
    from checker.text.normalize import build_view

    view = build_view(Document(path="x.txt", text="".join(parts)))
    table = Table.from_rules([r for r in load_pack().rules if r.kind == "metric" and r.get("extract") is not None])
    figures = find_figures(view.text, table.topics, table.continues)
    in_paragraph = _ParagraphFigures(view, figures)
    for k in range(len(view.paragraphs)):
        assert in_paragraph[k] == [f for f in figures if view.paragraph_at(f.start) == k]
