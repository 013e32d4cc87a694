"""The stages that were quadratic, pinned by what they do rather than by how long they take.

Speed itself is measured in ``benchmarks/bench_scaling.py``; here each fixed
algorithm is checked to give the old answers (against the plain definition) and
to look at each item a bounded number of times (counted, not timed), so that a
return of the quadratic version fails a test on any machine.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.text import numbers
from checker.text.document import Document
from checker.text.normalize import CONTINUING, _squeeze_spaces, build_view
from checker.text.outline import Section
from tests.conftest import squeeze_by_definition

# ---------------------------------------------------------------- MatchView.paragraph_at


class CountingList(list):  # type: ignore[type-arg]
    iterations = 0

    def __iter__(self) -> Any:
        CountingList.iterations += 1
        return super().__iter__()


def test_the_paragraph_of_each_finding_is_found_without_rescanning_the_paragraphs() -> None:
    view = build_view(Document(path="x", text="\n".join(f"第{k}段。" for k in range(3000))))
    view.paragraphs = CountingList(view.paragraphs)
    CountingList.iterations = 0
    found = [view.paragraph_at(view.paragraphs[k][0] + 1) for k in range(0, 3000, 3)]
    assert found == list(range(0, 3000, 3))
    assert CountingList.iterations <= 1
    assert view.context(view.paragraphs[10][0], view.paragraphs[10][0] + 2).startswith("第10段")


# ---------------------------------------------------------------- dates under numbers


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.integers(0, 50), max_size=12), st.integers(-2, 120))
def test_inside_span_agrees_with_scanning_every_span(cuts: list[int], offset: int) -> None:
    points = sorted(set(cuts))
    disjoint = [(points[k], points[k + 1]) for k in range(0, len(points) - 1, 2)]
    expected = any(a <= offset < b for a, b in disjoint)
    assert numbers._inside_span(disjoint, offset) == expected


class CountingSpans(list):  # type: ignore[type-arg]
    reads = 0

    def __getitem__(self, index: Any) -> Any:
        CountingSpans.reads += 1
        return super().__getitem__(index)

    def __iter__(self) -> Any:
        CountingSpans.reads += len(self)
        return super().__iter__()


def test_each_number_looks_up_the_iso_dates_by_binary_search() -> None:
    dates = CountingSpans((k * 20, k * 20 + 10) for k in range(20_000))
    CountingSpans.reads = 0
    for offset in range(0, 400_000, 400):
        numbers._inside_span(dates, offset)
    assert CountingSpans.reads < 1000 * 20  # scanning the list: 1000 × 20,000


def test_iso_dates_still_mark_their_numbers_as_dates() -> None:
    found = numbers.find_numbers("2024-03-05完成，2024年受理86件；" * 3)
    assert [n.date for n in found if n.text.startswith("03") or n.text.startswith("05")] == [True] * 6
    assert [n.is_count for n in found if n.unit == "件"] == [True] * 3


# ---------------------------------------------------------------- spaces and joined lines


class CountingOffsets(list):  # type: ignore[type-arg]
    reads = 0

    def __getitem__(self, index: Any) -> Any:
        CountingOffsets.reads += 1
        return super().__getitem__(index)


def test_a_long_run_of_spaces_is_squeezed_in_one_pass() -> None:
    line = "a" + " " * 20_000 + "b"
    offsets = CountingOffsets(range(len(line)))
    CountingOffsets.reads = 0
    assert _squeeze_spaces((line, offsets)) == ("a b", [0, 1, 20_001])
    assert CountingOffsets.reads < 10  # the run is taken whole: offsets read as slices, not one by one


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=" ab法治1，", max_size=30))
def test_squeezing_spaces_gives_what_it_gave_before(line: str) -> None:
    text, offsets = _squeeze_spaces((line, list(range(len(line)))))
    assert list(zip(text, offsets, strict=True)) == squeeze_by_definition([(ch, k) for k, ch in enumerate(line)])


LINE_PARTS = ["一、总体情况", "（二）加强学习", "全面推进依法行政", "加快建设法治政府，", "取得成效。",
              "四、2026年推进法治政府建设的主要", "安排", "对照《纲要（2021—", "2025年）》",
              "究其原因，一是部分领导干部运用法治思维推动工作的意识",
              "|行政复议收案|156件|较2023年增加26件，增长20.0%|", "青川县人民政府",
              "2024年3月5日", "“放管服”", "改革）", "一是", *CONTINUING,
              "坚持以习近平法治思想为指导深入推进法治政府建设各项工作任务落实落地"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(LINE_PARTS), max_size=12))
def test_lines_are_joined_into_the_paragraphs_they_were_joined_into_before(lines: list[str]) -> None:
    from checker.text.normalize import (
        CLAUSE_JOIN_MIN,
        DATE_LINE,
        HEADING_START,
        JOIN_MIN_LENGTH,
        NEVER_OPENS,
        SENTENCE_BREAK_RE,
        _ends_open,
        _unclosed,
    )

    def joins(a: list[str], b: str) -> bool:  # the rule, on the whole paragraph's lines so far
        whole, last = "".join(a), a[-1]
        if HEADING_START.match(b) or DATE_LINE.match(b):
            return False
        if b[:1] in NEVER_OPENS and not (HEADING_START.match(whole) and SENTENCE_BREAK_RE.search(whole) is None):
            return True  # a line never begins with a closing mark
        if not _ends_open(whole):
            return False
        if whole[-1] in CONTINUING or _unclosed(last):
            return True
        has_break = SENTENCE_BREAK_RE.search(whole) is not None
        if HEADING_START.match(whole) and not has_break:
            return False  # (a wrapped heading's tail is joined only where the section names are known)
        if has_break or len(whole) >= JOIN_MIN_LENGTH:
            return True
        return "，" in whole and len(whole) >= CLAUSE_JOIN_MIN and not whole.startswith("|")

    def signs(line: str, below: str | None) -> bool:  # an issuer's line above the date stands apart
        return below is not None and len(line) <= 30 and not any(mark in line for mark in "，。；：！？、（）()【】") \
            and DATE_LINE.match(below) is not None

    kept = [x for x in lines if x]
    paragraphs: list[list[str]] = []
    for k, line in enumerate(kept):
        below = kept[k + 1] if k + 1 < len(kept) else None
        if paragraphs and not signs(line, below) and joins(paragraphs[-1], line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    expected = ["".join(p) for p in paragraphs]
    view = build_view(Document(path="x", text="\n".join(lines)))
    assert view.text.split("\n") == (expected or [""])
    assert len(view.origin) == len(view.text)


# ---------------------------------------------------------------- repeated figures


def test_a_figure_repeated_a_thousand_times_is_compared_a_bounded_number_of_times(monkeypatch: Any) -> None:
    from checker.kinds import metric
    from tests.conftest import check

    calls = [0]
    real = metric.overlaps

    def counting(a: tuple[float, float], b: tuple[float, float], slack: float = 1e-9) -> bool:
        calls[0] += 1
        return real(a, b, slack)

    monkeypatch.setattr(metric, "overlaps", counting)
    sentence = "全县行政机关负责人出庭应诉率为95.3%。"
    result = check("青禾县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措\n"
                   + sentence * 1000 + "全县行政机关负责人出庭应诉率为92%。\n")
    clashes = [f for f in result.findings if (f.details or {}).get("check") == "repeated-metric"]
    assert len(clashes) == 1 and "92%" in clashes[0].message
    assert calls[0] < 10 * 1000


# ---------------------------------------------------------------- spans asked per match


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=10), st.integers(-2, 40),
       st.integers(0, 6))
def test_span_index_answers_what_scanning_the_spans_answers(pairs: list[tuple[int, int]], start: int,
                                                           length: int) -> None:
    from checker.text.spans import SpanIndex

    spans = [(a, a + n) for a, n in pairs]  # overlapping, touching and empty ones included
    index = SpanIndex(spans)
    end = start + length
    assert index.holds(start) == any(a <= start < b for a, b in spans)
    assert index.covers(start, end) == any(a <= start and end <= b for a, b in spans)


def test_the_section_at_an_offset_is_the_deepest_containing_one() -> None:
    from checker.text.outline import build_outline

    text = "\n".join(f"{'一二三四五六七八九'[k % 9]}、第{k}部分\n（一）小节{k}。\n正文{k}。" for k in range(300))
    view = build_view(Document(path="x", text=text))
    outline = build_outline(view)

    def by_scan(index: int) -> Section:
        current = outline.root
        while True:
            inner = next((c for c in current.children if c.start <= index < c.end), None)
            if inner is None:
                return current
            current = inner

    for offset in range(0, len(view.text), 7):
        assert outline.section_at(offset) is by_scan(offset)


# ---------------------------------------------------------------- figures in a long sentence


def topic_by_definition(marks: list[tuple[int, int, str]], label_start: int, position: int,
                        label_end: int) -> str | None:
    """The old per-figure scan of the sentence's topic keywords."""
    from checker.text.figures import _latest

    before = [m for m in marks if m[1] <= position]
    inside = [m for m in before if m[0] >= label_start]
    if inside:
        return _latest(inside)
    after = [m for m in marks if m[0] >= position and m[1] <= label_end]
    if after:
        return min(after, key=lambda m: (m[0], -(m[1] - m[0])))[2]
    return _latest(before) if before else None


def figures_by_definition(text: str, topics: Any, continues: Any, comparisons: Any = None) -> list[Any]:
    """The old find_figures: every earlier and later number of the sentence scanned per number."""
    from bisect import bisect_left

    from checker.text import figures as f

    opening = continues or f.CONTINUES
    found_numbers = numbers.find_numbers(text)
    all_marks = f.all_topic_marks(text, topics)
    # a comparison's keywords are no subject; a figure inside one takes its keyword before it
    spans = [m.span() for m in comparisons.finditer(text)] if comparisons is not None else []
    inside = [m for m in all_marks if any(a <= m[0] and m[1] <= b for a, b in spans)]
    all_marks = [m for m in all_marks if m not in inside]
    mark_starts = [m[0] for m in all_marks]
    out: list[Any] = []
    carried = None
    headed = None  # a run-in heading's topic (行政复议。86件)
    k = 0
    for sentence in f.sentences(text):
        s_start, s_end = sentence
        in_sentence = []
        while k < len(found_numbers) and found_numbers[k].start < s_end:
            if found_numbers[k].start >= s_start:
                in_sentence.append(found_numbers[k])
            k += 1
        first = bisect_left(mark_starts, s_start)
        marks = sorted((m for m in all_marks[first:bisect_left(mark_starts, s_end)] if m[1] <= s_end),
                       key=lambda m: (m[1], -(m[1] - m[0])))
        last_topic = carried if headed or opening.match(text, s_start, s_end) is not None else None
        had = len(out)
        for index, number in enumerate(in_sentence):
            clause = f.clause_at(text, number.start, sentence)
            prev_end = max([clause[0]] + [n.end for n in in_sentence[:index] if n.end <= number.start])
            following = [n.start for n in in_sentence[index + 1:] if n.start >= number.end]
            next_start = min([clause[1], *following])
            before = text[prev_end:number.start]
            if not before and prev_end == clause[0] > s_start and text[clause[0] - 1] in "：:":
                colon = clause[0] - 1  # 一审行政应诉案件：131件: the label before its colon
                label = f.clause_at(text, colon, sentence)
                before = text[max([label[0]] + [n.end for n in in_sentence[:index] if n.end <= colon]):colon]
            rate = number.is_rate or (number.value == 0 and not number.unit
                                      and f.ZERO_RATE.search(before) is not None)
            if not (rate or number.is_count):
                continue
            topic = topic_by_definition(marks, prev_end, number.start, next_start) or last_topic
            holding = [(a, b) for a, b in spans if a <= number.start < b] if inside else []
            if holding:
                aside = [m for m in inside if holding[0][0] <= m[0] and m[1] <= number.start]
                topic = f._latest(aside) if aside else None
            out.append(f.Figure(number, sentence, clause, before, text[number.end:next_start], topic, rate))
        if not in_sentence and not marks:
            continue  # a sentence with neither number nor keyword changes nothing
        headed = None
        if marks:
            carried = f._latest(marks)
            if len(out) == had and s_end - s_start <= f.RUN_IN_HEADING_MAX:
                headed = carried
        elif out and out[-1].sentence == sentence:
            carried = out[-1].topic
    return out


FIGURE_PARTS = ["行政复议", "行政诉讼", "出庭应诉", "负责人出庭应诉率", "受理", "审结", "其中", "分别",
                "86件", "12件", "95.3%", "0", "纠错率为", "3.2万", "1-2部", "，", "、", "；", "：", "（", "）",
                "。", "\n", "全年", "案件", "2024年", "是", "的3倍", "比", "多"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(FIGURE_PARTS), max_size=40))
def test_figures_are_read_as_they_were_before(parts: list[str]) -> None:
    from checker.pack.loader import load_pack
    from checker.text.figures import Table, find_figures

    pack = load_pack()
    table = Table.from_rules([r for r in pack.rules if r.kind == "metric" and r.get("extract") is not None])
    assert table.topics
    text = "".join(parts)
    assert find_figures(text, table.topics, table.continues, table.comparisons) == figures_by_definition(
        text, table.topics, table.continues, table.comparisons)


class CountingMarks(list):  # type: ignore[type-arg]
    reads = 0

    def __getitem__(self, index: Any) -> Any:
        CountingMarks.reads += len(range(len(self))[index]) if isinstance(index, slice) else 1
        return super().__getitem__(index)

    def __iter__(self) -> Any:
        CountingMarks.reads += len(self)
        return super().__iter__()


def test_the_topics_of_a_sentence_are_found_in_n_log_n() -> None:
    from checker.text.figures import _Topics

    count = 4000
    marks = CountingMarks(sorted(((10 * k, 10 * k + 4, f"t{k % 3}") for k in range(count)),
                                 key=lambda m: (m[1], -(m[1] - m[0]))))
    finder = _Topics(marks)
    CountingMarks.reads = 0
    answers = [finder.topic(10 * k + 6, 10 * k + 6, 10 * k + 9) for k in range(count)]
    reads = CountingMarks.reads
    plain = list(marks)
    assert answers == [topic_by_definition(plain, 10 * k + 6, 10 * k + 6, 10 * k + 9) for k in range(count)]
    assert reads < 20 * count  # the scan reads every mark per figure: count²


# ---------------------------------------------------------------- substance of many sections


def sentences_by_definition(ctx: Any, section: Section) -> list[tuple[int, int]]:
    """The old per-section scan: the titles of its own sub-headings, every sentence against each."""
    from checker.text.substance import HAN

    text = ctx.view.text
    titles = [(s.start, s.heading.title_end) for s in section.walk()
              if s.heading and HAN.search(text, s.body_start, s.end)]
    return [(start, min(end, section.end)) for start, end in ctx.sentences
            if section.body_start <= start < section.end and not any(a <= start < b for a, b in titles)]


def test_each_section_measures_the_sentences_it_measured_before(monkeypatch: Any) -> None:
    from checker import engine
    from checker.kinds import substance
    from checker.pack.loader import load_pack

    body = "".join(f"（{'一二三'[k % 3]}）第{k}项工作。\n开展检查{k}次，印发《办法》。\n（四）单独一行的事项。\n"
                   for k in range(40))
    text = ("示例县人民政府关于2024年度法治政府建设情况的报告\n"
            + "".join(f"{'一二三四五'[k]}、第{k}部分\n{body}" for k in range(5)))
    _, ctx = engine.check_document_with_context(Document(path="t.txt", text=text, format="txt"),
                                                load_pack(), engine.Options())
    seen: list[list[tuple[int, int]]] = []
    monkeypatch.setattr(substance, "measure", lambda _t, spans, _c: seen.append(spans) or substance.Substance())
    sections = ctx.outline.sections()
    assert len(sections) > 100
    for section in sections:
        substance.measure_sections(ctx, [section], substance.Cues(None, None, None, None, None))
    assert seen == [sentences_by_definition(ctx, s) for s in sections]
    # Titles were left out: a part holds fewer sentences than its stretch of text.
    top = sections[0]
    every = [span for span in ctx.sentences if top.body_start <= span[0] < top.end]
    assert top.children and 0 < len(seen[0]) < len(every)
