"""Speed-ups that must not change a result: each faster path against the plain one it replaced."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.gate import fingerprint
from checker.text.markers import HEADING_START
from checker.text.normalize import fold_char
from tests.conftest import squeeze_by_definition
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

    text, offsets = _fold_line(line, start)
    assert list(zip(text, offsets, strict=True)) == _fold_line_per_character(line, start)


HAN_EDGES = st.sampled_from([*"法治，a1 ", "\u33ff", "\u3400", "\u4d00", "\u4dbf", "\u4dc0", "\u4dff", "\u4e00",
                             "\u9fff", "\ua000", "\uf8ff", "\uf900", "\ufaff", "\ufb00", "\U00020000", "\ud800"])


@settings(max_examples=500)
@given(st.text(alphabet=HAN_EDGES, max_size=30), st.integers(0, 35), st.integers(0, 35))
def test_chinese_characters_are_counted_as_is_han_counts_them(text: str, start: int, end: int) -> None:
    from checker.text.normalize import han_count, is_han

    assert han_count(text, start, end) == sum(1 for ch in text[start:end] if is_han(ch))
    assert han_count(text) == sum(1 for ch in text if is_han(ch))


def _measure_clause_by_clause(text: str, sentences: list[tuple[int, int]],
                              cues: Any) -> tuple[int, int, int, list[Any]]:
    """text.substance.measure without its memo of searches: each sentence and then each of its
    clauses masked and searched on its own."""
    from checker.text.substance import CLAUSE, ENOUGH_HAN

    def figure_counts(clause: str) -> bool:
        """A specific sign that counts: with ``measured``, not in generic wording with nothing measured."""
        if cues.specific is None or cues.specific.search(clause) is None:
            return False
        if cues.measured is None or cues.generic is None:
            return True
        return cues.generic.search(clause) is None or cues.measured.search(clause) is not None

    def specific(sentence: str) -> bool:
        if cues.ignore is not None:
            sentence = cues.ignore.sub(lambda m: "□" * len(m.group(0)), sentence)
        if cues.specific is not None and cues.specific.search(sentence) is not None \
                and (cues.measured is None or any(figure_counts(clause) for clause in CLAUSE.split(sentence))):
            return True
        return cues.actions is not None and any(
            cues.actions.search(clause) is not None and (cues.generic is None or cues.generic.search(clause) is None)
            for clause in CLAUSE.split(sentence))

    def items(clause: str) -> int:
        """A specific clause's facts: its 、 items with a specific sign of their own, at least one."""
        if cues.ignore is not None:
            clause = cues.ignore.sub(lambda m: "□" * len(m.group(0)), clause)
        if cues.specific is None:
            return 1
        return max(1, sum(1 for item in clause.split("、") if cues.specific.search(item) is not None))

    counted = specifics = facts = 0
    kinds: list[Any] = []
    skipping, to_end, last_end = False, False, -1
    for start, end in sentences:
        if skipping and (last_end < 0 or "\n" in text[max(0, last_end - 1):start]):
            skipping = False  # a new paragraph
        last_end = end
        if ENOUGH_HAN.search(text, start, end) is None:
            continue
        if skipping:
            if to_end or cues.skip_until is None or cues.skip_until.search(text[start:end].lstrip()) is None:
                continue
            skipping = False
        if cues.skip is not None and cues.skip.search(text[start:end].lstrip()) is not None:
            skipping = cues.skip_until is not None
            to_end = skipping and any(cues.skip_until.search(clause.lstrip()) is not None
                                      for clause in CLAUSE.split(text[start:end])[1:])
            continue
        counted += 1
        sentence = text[start:end]
        if specific(sentence):
            specifics += 1
            facts += max(1, sum(items(clause) for clause in CLAUSE.split(sentence) if specific(clause)))
            kinds.append(("specific", start, end))
        else:
            kinds.append(("generic", start, end))
    return counted, specifics, facts, kinds


SENTENCE_PIECES = st.sampled_from([
    "12项", "3月", "两个维护", "三项制度", "，", "：", ",", "召开专题会议", "培训", "水平不断提升", "高度重视",
    "制定《示例办法》", "“法治”活动", "建成", "不够", "有待提高", "。", "；", "\n", " ", "究其原因", "进一步加强",
    "依法行政", "执法", "率", "1", "一", "个", "维护", "法治政府建设工作", "、", "“双随机、一公开”"])


def _cue_sets() -> list[Any]:
    """The pack's own cue sets, and some with masks across a comma, anchors, a lookaround of
    a comma, or masks of what the others look for."""
    from checker.kinds.substance import TIERS, cues_for
    from checker.pack.loader import load_pack
    from checker.text.patterns import any_of
    from checker.text.substance import Cues

    pack = load_pack()
    specs = [r.get("substance") for r in pack.rules if r.kind in ("substance", "element") and r.get("substance")]
    cues = [cues_for(pack, spec) for spec in specs]
    assert len({tuple(sorted((k, tuple(v)) for k, v in spec.items() if k in TIERS)) for spec in specs}) >= 3
    made = [
        ("12项|\\d月", "召开|建成", "水平", "两个维护", None),
        ("(?<!\\d)\\d项", "(?<!，)建成|^召开", "提升$", "维护，|三项", "^究其", None, "^一"),
        ("项$|《[^》]+》", "建成(?!率)|培训", "^进一步", "(?<!两)个维护", None),
        (None, "建成|召开", None, "法治政府", None),
        ("1", None, None, None, None),
    ]
    cues.extend(Cues(*(any_of((p,)) if p else None for p in row)) for row in made)
    return cues


CUE_SETS = _cue_sets()


@settings(max_examples=400)
@given(st.lists(SENTENCE_PIECES, max_size=40))
def test_substance_is_measured_as_clause_by_clause_measuring_did(pieces: list[str]) -> None:
    from checker.text import patterns
    from checker.text.normalize import sentence_spans
    from checker.text.substance import measure

    text = "".join(pieces)
    sentences = sentence_spans(text, "。！？；\n", keep_end=True)
    for cues in CUE_SETS:
        got = measure(text, sentences, cues)
        kinds = sorted([("specific", a, b) for a, b in got.specific_spans]
                       + [("generic", a, b) for a, b in got.generic_spans], key=lambda k: k[1])
        assert (got.sentences, got.specific, got.facts, kinds) == _measure_clause_by_clause(text, sentences, cues)
    patterns.forget()


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCE_PIECES, max_size=40), st.integers(0, 8))
def test_at_least_n_facts_is_answered_as_counting_them_all_does(pieces: list[str], least: int) -> None:
    """has_facts answers from the specific sentences when it can, before any clause is judged."""
    from checker.text import patterns
    from checker.text.normalize import sentence_spans
    from checker.text.substance import Substance, measure

    text = "".join(pieces)
    sentences = sentence_spans(text, "。！？；\n", keep_end=True)
    parts = [sentences[:len(sentences) // 2], sentences[len(sentences) // 2:]]
    for cues in CUE_SETS:
        halves = [measure(text, part, cues) for part in parts]
        total = Substance()
        for half in halves:
            total.add(half)
        answer = total.has_facts(least)  # asked first, while the clauses are not judged yet
        # (each half measured on its own, as sections are: a skipped sentence's paragraph is skipped
        # only within its half, 究其原因…。 | 12项…)
        counted = sum(_measure_clause_by_clause(text, part, cues)[2] for part in parts)
        assert answer == (counted >= least)
        assert total.facts == counted
    patterns.forget()


Chars = list[tuple[str, int]]


def _line_as_pairs(line: str, start: int, listed: bool, hinted: bool) -> Chars:
    """A line normalised as build_view did with a (character, offset) pair per character."""
    import regex

    from checker.text.normalize import BOLD_MAX, BULLETS, balanced

    chars = _fold_line_per_character(line, start)
    if listed and not hinted:
        k = 0
        while k < len(chars) and chars[k][0] == " ":
            k += 1
        if k + 1 < len(chars) and chars[k][0] in BULLETS and chars[k + 1][0] == " ":
            k += 1
            while k < len(chars) and chars[k][0] == " ":
                k += 1
            chars = chars[k:] if k < len(chars) else chars
    text = "".join(c for c, _ in chars)
    marks = [m.start() for m in regex.finditer(r"(?<!\*)\*\*(?!\*)", text)]
    drop: set[int] = set()
    i = 0
    while i + 1 < len(marks):
        inner = text[marks[i] + 2:marks[i + 1]]
        if 0 < len(inner) <= BOLD_MAX and inner.strip() == inner and balanced(inner):
            drop.update((marks[i], marks[i] + 1, marks[i + 1], marks[i + 1] + 1))
            i += 2
        else:
            i += 1
    out = squeeze_by_definition([c for k, c in enumerate(chars) if k not in drop])
    if hinted:
        k = 0
        while k < len(out) and out[k][0] == "#":
            k += 1
        while k < len(out) and out[k][0] == " ":
            k += 1
        out = out[k:] if k < len(out) else out
    return out


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from([*" *#-•法治（）,:ab12\u3000"]), max_size=24),
       st.integers(0, 100), st.booleans(), st.booleans())
def test_a_line_is_normalised_as_it_was_pair_by_pair(line: str, start: int, listed: bool, hinted: bool) -> None:
    from checker.text import normalize

    folded = normalize._fold_line(line, start)
    if listed and not hinted:
        folded = normalize._strip_bullet(folded)
    folded = normalize._squeeze_spaces(normalize._drop_bold_markers(folded))
    if hinted:
        folded = normalize._strip_markdown_hashes(folded)
    assert list(zip(*folded, strict=True)) == _line_as_pairs(line, start, listed, hinted)


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
    "是", "的3倍", "比", "多", "相当于",
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
    found = find_figures(text, table.topics, table.continues, table.comparisons)
    if "|---|" not in text:  # the definition knows no tables
        assert found == figures_by_definition(text, table.topics, table.continues, table.comparisons)
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


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["法治政府建设", "【提示：填写数字】", "  【填写提示：略】 ", "<!-- 注释 -->",
                                 "<!-- 未完", "【重点】工作", "", " ", "一、主要举措"]), max_size=8))
def test_the_whole_view_is_the_one_built_with_hints_kept(lines: list[str]) -> None:
    """Context.whole is the original view itself when there is nothing to keep."""
    from checker.context import Context
    from checker.pack.loader import load_pack
    from checker.text.document import Document
    from checker.text.normalize import build_view, original_view
    from checker.text.normalize import is_instruction as is_hint
    from checker.text.outline import build_outline

    doc = Document(path="x.txt", text="\n".join(lines), format="text")
    view = build_view(doc)
    ctx = Context(doc, view, build_outline(view), load_pack())
    expected = original_view(doc, keep_instructions=True)
    whole = ctx.whole
    assert (whole.text, whole.origin, whole.paragraphs, whole.paragraph_lines) == (
        expected.text, expected.origin, expected.paragraphs, expected.paragraph_lines)
    if not any(is_hint(line) for line in lines):
        assert whole is ctx.original  # built once


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("甲乙。；！？\n")), max_size=40), st.data())
def test_sentences_in_takes_the_sentences_starting_in_the_range_cut_at_its_end(text: str, data: Any) -> None:
    from checker.context import Context
    from checker.pack.loader import load_pack
    from checker.text.document import Document
    from checker.text.normalize import build_view
    from checker.text.outline import build_outline

    doc = Document(path="x.txt", text=text, format="text")
    view = build_view(doc)
    ctx = Context(doc, view, build_outline(view), load_pack())
    start = data.draw(st.integers(0, len(view.text) + 1))
    end = data.draw(st.integers(start, len(view.text) + 2))
    before = list(ctx.sentences)
    expected = [(a, min(b, end)) for a, b in before if start <= a < end]
    assert ctx.sentences_in(start, end) == expected
    assert ctx.sentences == before  # the cut is made on the copy, not on the report's own list


WORD_PIECES = ["行政", "复议", "案件", "应诉", "出庭", "出庭应诉", "调解", "人民", "a", "ab", "b"]


@settings(max_examples=400)
@given(st.lists(st.lists(st.sampled_from(WORD_PIECES), min_size=1, max_size=3).map("".join), min_size=1,
                max_size=6),
       st.lists(st.sampled_from([*WORD_PIECES, "，", "。", "\n", "法"]), max_size=20).map("".join))
def test_a_list_of_words_is_found_as_the_overlapped_scan_finds_it(words: list[str], text: str) -> None:
    from checker.text import figures, gates, patterns

    pattern = patterns.any_of(tuple(words))
    assert pattern is not None
    listed = gates.literal_alternatives(pattern.pattern)
    assert listed == tuple(words)
    scanned = [m.span() for m in pattern.finditer(text, overlapped=True)]
    assert figures.word_spans(listed, text) == scanned


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["行政", "复议", "(?:案件|申请)", "(?:机关|(?:机构|单位))", "(?:a|ab)", "b"]),
                min_size=1, max_size=4).map("".join),
       st.lists(st.sampled_from(["行政", "复议", "案件", "申请", "机关", "机构", "单位", "a", "b", "。"]),
                max_size=16).map("".join))
def test_nested_groups_of_words_are_listed_in_the_order_they_are_tried(source: str, text: str) -> None:
    from checker.text import figures, gates, patterns

    listed = gates.literal_alternatives(source)
    assert listed is not None
    scanned = [m.span() for m in patterns.compiled(source).finditer(text, overlapped=True)]
    assert figures.word_spans(listed, text) == scanned
