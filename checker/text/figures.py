"""Figures: the report's numbers with the words that say what they count.

A figure is a statistic (a count in a classifier, or a rate) together with its
sentence, its clause and its *label*: the words of its clause before it
(``受理行政复议案件`` in ``受理行政复议案件32件``) and, when the clause goes on,
after it (``正在办理`` in ``3件正在办理``). Its *topic* is the subject the
sentence is talking about at that point: the last topic keyword before the
figure in the same sentence (``行政复议`` … ``行政诉讼`` switch the topic
mid-sentence), so that ``结案23件`` after ``一审行政诉讼案件25件`` belongs to
litigation. The topics and the table that names figures (metric ids) are data
in the ``metric`` rules; this module only applies them.

A Markdown table is read cell by cell: a cell that holds nothing but a number
takes its label from the row's first cell and the column's header
(``|行政复议|156|`` under ``|类别|收案（件）|`` is ``收案（件）行政复议`` 156件), and its
classifier from the header when it has none of its own (件数, （件）, 人数, （%）, …率).

Used by the ``metric`` kind (element verdicts, extracted metrics) and the
``arithmetic`` kind (rates, breakdowns, growth).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import Any, NamedTuple

import regex

from checker.model import FrozenRecord, Record
from checker.text import regex_cache
from checker.text.gates import literal_alternatives
from checker.text.normalize import sentence_spans
from checker.text.numbers import COUNT_UNITS, COUNTED, Number, find_numbers
from checker.text.patterns import any_of, finditer, search, search_text
from checker.text.spans import SpanIndex

SENTENCE_ENDS = "。！？\n"
CLAUSE_MARKS = "，,、：:；;（）()"
# A rate written without % is still a rate when it is zero: 纠错率0, 败诉率为零.
ZERO_RATE = regex_cache.lazy(r"率(?:为|是|均为)?$")


class Figure(NamedTuple):
    """A number in its sentence, with the words that say what it counts (a named tuple, as
    :class:`~checker.text.numbers.Number` is: a report's figures are built at tuple speed)."""

    number: Number
    sentence: tuple[int, int]
    clause: tuple[int, int]
    before: str
    after: str
    topic: str | None = None
    rate: bool = False

    @property
    def start(self) -> int:
        return self.number.start

    @property
    def end(self) -> int:
        return self.number.end

    @property
    def value(self) -> float:
        return self.number.value

    @property
    def label(self) -> str:
        return self.before + self.after

    @property
    def unit(self) -> str:
        return "%" if self.rate else self.number.unit

    @property
    def is_count(self) -> bool:
        return self.number.is_count and not self.rate

    @property
    def exact(self) -> bool:
        return self.number.exact

    def bounds(self) -> tuple[float, float]:
        return self.number.bounds()

    def shown(self) -> str:
        """The figure as the report writes it (for messages)."""
        return self.number.text


_new_figure = tuple.__new__


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Topic(FrozenRecord):
    name: str
    pattern: regex.Pattern[str]
    # the topic this one is a part of (an appearance is in a lawsuit): a figure of this topic that no
    # row of its own names, and whose label has no word of this topic, is read as the wider one's
    within: str | None = None

    def __init__(self, name: str, pattern: regex.Pattern[str], within: str | None = None) -> None:
        vars(self).update(name=name, pattern=pattern, within=within)

    @property
    def words(self) -> tuple[str, ...] | None:
        """The strings the pattern matches, when it is a list of words (every topic of the
        shipped pack): found with ``str.find``, as the overlapped scan would find them."""
        if self.pattern.flags & (regex.IGNORECASE | regex.VERBOSE):
            return None
        return literal_alternatives(self.pattern.pattern)


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class MetricSpec(FrozenRecord):
    """One row of the extraction table: which figures get the metric id ``id``."""

    id: str
    topic: str
    units: tuple[str, ...]
    cues: regex.Pattern[str] | None = None
    exclude: regex.Pattern[str] | None = None

    def __init__(
        self, id: str, topic: str, units: tuple[str, ...], cues: regex.Pattern[str] | None = None,
        exclude: regex.Pattern[str] | None = None,
    ) -> None:
        vars(self).update(id=id, topic=topic, units=units, cues=cues, exclude=exclude)

    def accepts(self, figure: Figure, label: str | None = None) -> bool:
        """Whether this row names ``figure`` (``label``: its label, when already joined)."""
        if figure.topic != self.topic or figure.unit not in self.units:
            return False
        if not (figure.rate or figure.is_count):
            return False
        label = figure.label if label is None else label
        # Whole strings cut out for the search: no memo to keep (see search_text).
        if self.cues is not None and search_text(self.cues, figure.before if figure.rate else label) is None:
            return False
        return self.exclude is None or search_text(self.exclude, label) is None


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Table(Record):
    """Topics and metric specs gathered from the pack's extraction rules."""

    topics: list[Topic] = field(default_factory=list)
    specs: list[MetricSpec] = field(default_factory=list)
    targets: regex.Pattern[str] | None = None
    continues: regex.Pattern[str] | None = None
    # A change between two figures (由上年的92.1%提高到100%): how the first one's label ends, and
    # the whole label of the second.
    change_from: regex.Pattern[str] | None = None
    change_to: regex.Pattern[str] | None = None
    # A change, not a count (同比增加56件); last year's figure (上年受理……360件); the filer's own restating
    # the figure before (……92.3%，我县为100%); figures in the order of the names before (分别为).
    changes: regex.Pattern[str] | None = None
    last_year: regex.Pattern[str] | None = None
    same_as_before: regex.Pattern[str] | None = None
    respectively: regex.Pattern[str] | None = None
    own_subject: regex.Pattern[str] | None = None  # a label naming the filer (我县……, 其中我县)
    averages: regex.Pattern[str] | None = None  # a per-head figure, never a total (人均结案28件)
    # A comparison inside a sentence (是同期一审行政诉讼案件的3.4倍, 比行政诉讼案件多): its words name
    # what the subject is measured against, not the subject.
    comparisons: regex.Pattern[str] | None = None
    _rows_by_topic: dict[str | None, list[MetricSpec]] | None = None
    _wider_topics: dict[str, str] | None = None

    def __init__(
        self, topics: list[Topic] | None = None, specs: list[MetricSpec] | None = None,
        targets: regex.Pattern[str] | None = None, continues: regex.Pattern[str] | None = None,
        change_from: regex.Pattern[str] | None = None, change_to: regex.Pattern[str] | None = None,
        _rows_by_topic: dict[str | None, list[MetricSpec]] | None = None,
    ) -> None:
        self.topics = [] if topics is None else topics
        self.specs = [] if specs is None else specs
        self.targets = targets
        self.continues = continues
        self.change_from = change_from
        self.change_to = change_to
        self.changes = self.last_year = self.same_as_before = self.respectively = self.own_subject = None
        self.averages = None
        self.comparisons = None
        self._rows_by_topic = _rows_by_topic
        self._wider_topics = None

    @classmethod
    def from_rules(cls, rules: Iterable[Any]) -> Table:
        table = cls()
        targets: list[str] = []
        continues: list[str] = []
        change_from: list[str] = []
        change_to: list[str] = []
        comparisons: list[str] = []
        refinements: dict[str, list[str]] = {key: [] for key in REFINEMENTS}
        for rule in rules:
            targets.extend(rule.get("targets", []))
            continues.extend(rule.get("continues", []))
            change_from.extend(rule.get("change_from", []))
            change_to.extend(rule.get("change_to", []))
            comparisons.extend(rule.get("comparisons", []))
            for key, patterns in refinements.items():
                patterns.extend(rule.get(key, []))
            for topic in rule.get("topics", []):
                pattern = any_of(tuple(topic["patterns"]))
                if pattern is not None:
                    table.topics.append(Topic(topic["name"], pattern, topic.get("within")))
            for row in rule.get("extract", []):
                table.specs.append(MetricSpec(
                    id=row["id"],
                    topic=row["topic"],
                    units=tuple(row["units"]),
                    cues=any_of(tuple(row.get("cues", []))),
                    exclude=any_of(tuple(row.get("exclude", []))),
                ))
        table.targets = any_of(tuple(targets))
        table.continues = any_of(tuple(continues))
        table.change_from = any_of(tuple(change_from))
        table.change_to = any_of(tuple(change_to))
        table.comparisons = any_of(tuple(comparisons))
        for key, patterns in refinements.items():
            setattr(table, key, any_of(tuple(patterns)))
        return table

    def metric_id(self, figure: Figure, text: str, targets: bool = True) -> str | None:
        """The id of the first row accepting ``figure``; None for a target (力争…达到100%),
        unless ``targets`` is False (the caller has looked for one itself)."""
        rows = self._by_topic().get(figure.topic)
        wider = self._wider().get(figure.topic) if figure.topic is not None else None
        if not rows and wider is None:
            return None  # most topics name no figure: no need to look for a target
        if targets and self.targets is not None and search(self.targets, text, *figure.clause):
            return None
        label = figure.label
        found = next((s.id for s in rows if s.accepts(figure, label)), None) if rows else None
        if found is None and wider is not None and not self._own_words(figure.topic, rows or [], label):
            # 开庭审理的48件案件中，负责人出庭47件。审结58件，败诉3件: the lawsuits' figures, where the
            # appearances were last named and no row of theirs counts them (应出庭的158件 is theirs:
            # the cases due, that a row's exclusion left unnamed)
            moved = figure._replace(topic=wider)
            found = next((s.id for s in self._by_topic().get(wider, []) if s.accepts(moved, label)), None)
        return found

    def _own_words(self, topic: str | None, rows: list[MetricSpec], label: str) -> bool:
        """Whether ``label`` holds a word of ``topic`` (a keyword, or a cue of one of its rows)."""
        return any(t.name == topic and search_text(t.pattern, label) is not None for t in self.topics) \
            or any(s.cues is not None and search_text(s.cues, label) is not None for s in rows)

    def _wider(self) -> dict[str, str]:
        """The topic each topic is a part of (``within``)."""
        if self._wider_topics is None:
            self._wider_topics = {t.name: t.within for t in self.topics if t.within is not None}
        return self._wider_topics

    def _by_topic(self) -> dict[str | None, list[MetricSpec]]:
        """The rows for each topic, in table order (a row accepts only figures of its topic)."""
        if self._rows_by_topic is None:
            rows: dict[str | None, list[MetricSpec]] = {}
            for spec in self.specs:
                rows.setdefault(spec.topic, []).append(spec)
            self._rows_by_topic = rows
        return self._rows_by_topic


REFINEMENTS = ("changes", "last_year", "same_as_before", "respectively", "own_subject", "averages")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, split at 。！？ and paragraph ends (not at ；: one statement may hold several)."""
    return sentence_spans(text, SENTENCE_ENDS, keep_end=False)


def _clause(stops: list[int], pos: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """:func:`clause_at` from the sorted offsets of the text's clause marks."""
    k = bisect_left(stops, pos)  # the first mark at or after pos
    start = max(sentence[0], stops[k - 1] + 1) if k else sentence[0]
    end = min(sentence[1], stops[k]) if k < len(stops) else sentence[1]
    return start, end


def clause_at(text: str, pos: int, sentence: tuple[int, int]) -> tuple[int, int]:
    start, end = pos, pos
    while start > sentence[0] and text[start - 1] not in CLAUSE_MARKS:
        start -= 1
    while end < sentence[1] and text[end] not in CLAUSE_MARKS:
        end += 1
    return start, end


CONTINUES = regex_cache.lazy(r"(?:其中|分别)")
# The standard library's engine: a third cheaper per match than the regex module's here.
_CLAUSE_MARK = re.compile("[" + re.escape(CLAUSE_MARKS) + "]")


# ---------------------------------------------------------------- Markdown tables

# Plain patterns, compiled with the standard library: they cost nothing at start-up.
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADER_UNIT = re.compile(r"[（(]\s*(%|[^（）()%\s]{1,3})\s*[）)]\s*$|([\u4e00-\u9fff])数$|率$")


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Cell(FrozenRecord):
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        vars(self).update(start=start, end=end, text=text)


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class MarkdownTable(FrozenRecord):
    """A Markdown table of the matching view: its header cells and its body rows."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __init__(self, header: tuple[Cell, ...], rows: tuple[tuple[Cell, ...], ...]) -> None:
        vars(self).update(header=header, rows=rows)

    def column_unit(self, column: int) -> tuple[str, bool]:
        """The classifier a column's header names (件数 → 件, （%）/…率 → %), and whether it is a rate."""
        if column >= len(self.header):
            return "", False
        return named_unit(self.header[column].text)


def named_unit(label: str) -> tuple[str, bool]:
    """The classifier a table label names (件数, （件）, （%）, …率), and whether it is a rate."""
    match = _HEADER_UNIT.search(label)
    if match is None:
        return "", False
    unit = match.group(1) or match.group(2) or "%"
    if unit == "%":
        return "%", True
    return (unit, False) if unit in COUNT_UNITS else ("", False)


def _cells(text: str, start: int, end: int) -> tuple[Cell, ...]:
    line = text[start:end]
    inner_start = start + (1 if line.startswith("|") else 0)
    inner_end = end - (1 if line.rstrip().endswith("|") else 0) - (len(line) - len(line.rstrip()))
    cells: list[Cell] = []
    cursor = inner_start
    for piece in text[inner_start:inner_end].split("|"):
        stripped = piece.strip()
        offset = cursor + (len(piece) - len(piece.lstrip()))
        cells.append(Cell(offset, offset + len(stripped), stripped))
        cursor += len(piece) + 1
    return tuple(cells)


def markdown_tables(text: str) -> list[MarkdownTable]:
    """Every table written in Markdown: a header row, a ``|---|`` row, then body rows."""
    if "|" not in text:
        return []
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, position + len(line)))
        position += len(line) + 1
    tables: list[MarkdownTable] = []
    k = 1
    while k < len(lines):
        start, end = lines[k]
        head_start, head_end = lines[k - 1]
        if not (_TABLE_SEPARATOR.match(text[start:end]) and text[head_start:head_end].lstrip().startswith("|")):
            k += 1
            continue
        rows: list[tuple[Cell, ...]] = []
        k += 1
        while k < len(lines) and text[lines[k][0]:lines[k][1]].lstrip().startswith("|"):
            rows.append(_cells(text, *lines[k]))
            k += 1
        tables.append(MarkdownTable(_cells(text, head_start, head_end), tuple(rows)))
    return tables


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class _CellReading(FrozenRecord):
    label: str
    cell: tuple[int, int]
    unit: str
    rate: bool

    def __init__(self, label: str, cell: tuple[int, int], unit: str, rate: bool) -> None:
        vars(self).update(label=label, cell=cell, unit=unit, rate=rate)


def _table_readings(text: str, numbers: list[Number]) -> dict[int, _CellReading]:
    """For each number that fills a table cell on its own: its label, cell and header classifier."""
    readings: dict[int, _CellReading] = {}
    tables = markdown_tables(text)
    if not tables:
        return readings
    by_start = {n.start: n for n in numbers}
    for table in tables:
        for row in table.rows:
            if not row:
                continue
            for column, cell in enumerate(row[1:], start=1):
                number = by_start.get(cell.start)
                if number is None or number.end != cell.end:
                    continue
                # the column's header names the classifier (收案（件）), or else the row's label
                # does (| 行政诉讼一审案件（件） | 35 | 30 | under | 指标 | 2024年 | 2023年 |)
                unit, rate = table.column_unit(column)
                if not unit:
                    unit, rate = named_unit(row[0].text)
                header = table.header[column].text if column < len(table.header) else ""
                readings[cell.start] = _CellReading(header + row[0].text, (cell.start, cell.end),
                                                    unit, rate)
    return readings


RUN_IN_HEADING_MAX = 12  # characters of a sentence that only names a topic (6.行政复议。)
# (a row typed with bars, 行政复议新收案件（件） | 1846 | 1602, is read as one in columns)
_ROW_VALUE_CHARS = "0123456789.,% \t\u3000|｜"
_ROW_BEFORE = frozenset("）) \t\u3000|｜")
_ROW_GAP = " \t\u3000|｜"  # what stands between a row's label and its first number


def _row_label_unit(text: str, line_start: int, start: int, end: int) -> _CellReading | None:
    """The classifier a row's label names (行政复议申请（件）186, ……（件） 94 102: the numbers after the
    label, one per column), as a table cell's header gives it; None when the text before the number
    is no such label."""
    if start == 0 or text[start - 1] not in _ROW_BEFORE:
        return None  # (most bare numbers: 第3, 3.5万 — no row label's bracket or column gap before them)
    line_start = max(line_start, text.rfind("\n", 0, start) + 1)
    head = text[line_start:start]
    label = head.rstrip(_ROW_VALUE_CHARS)  # the earlier numbers of the row (a linear strip, no backtracking)
    if not label.endswith(("）", ")")):
        return None
    unit, rate = named_unit(label)
    if not unit:
        return None
    # the first number keeps its label; the next ones in the row stand after it with none
    own = label if len(label) == len(head.rstrip(_ROW_GAP)) else ""
    return _CellReading(own, (line_start, end), unit, rate)


def _in_cell(number: Number, reading: _CellReading) -> Number:
    """A number read with its column's classifier when it has none of its own."""
    if number.unit or number.percent or not reading.unit:
        return number
    if reading.rate:
        decimals = len(number.text.split(".", 1)[1]) if "." in number.text else 0
        return number._replace(unit="%", percent=True, half_width=0.5 / pow(10.0, decimals))
    return number._replace(unit=reading.unit)


def find_figures(text: str, topics: Sequence[Topic] = (),
                 continues: regex.Pattern[str] | None = None,
                 comparisons: regex.Pattern[str] | None = None) -> list[Figure]:
    """Every statistic of ``text`` (counts and rates; not years, dates, ordinals or names).

    A sentence without a topic word of its own keeps the previous sentence's
    topic only when it opens with a ``continues`` phrase (其中…, 已审结…).

    A ``comparisons`` match (是同期一审行政诉讼案件的3.4倍, 比行政诉讼案件多) names what the
    subject is measured against: its topic keywords are not the sentence's, so neither the
    figures after it nor the next sentence take them; a figure inside it (比行政诉讼案件62件多)
    is the other thing's, told in passing: it takes the topic of the comparison's own keyword
    before it, or none.
    """
    opening = continues or CONTINUES
    numbers = find_numbers(text)
    cells = _table_readings(text, numbers)
    stops = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    figures: list[Figure] = []
    carried: str | None = None
    headed: str | None = None  # the topic of a run-in heading just before (6.行政复议。收到申请96件)
    marks_found = all_topic_marks(text, topics)
    compared = comparison_spans(text, comparisons) if comparisons is not None and marks_found else []
    aside: list[tuple[int, int, str]] = []  # the keywords inside comparisons
    if compared:
        inside = SpanIndex(compared)
        aside = [m for m in marks_found if inside.covers(m[0], m[1])]
        if aside:
            marks_found = [m for m in marks_found if not inside.covers(m[0], m[1])]
        else:
            compared = []  # no comparison names a topic: nothing changes
    for sentence, in_sentence, marks in _sentences_with(text, numbers, marks_found):
        had = len(figures)
        if in_sentence:
            last_topic = carried if headed or opening.match(text, *sentence) is not None else None
            figures += _sentence_figures(text, sentence, in_sentence, marks, stops, cells, last_topic)
            if compared:
                for k in range(had, len(figures)):
                    span = _holding_span(compared, figures[k].start)
                    if span is not None:
                        figures[k] = figures[k]._replace(topic=_aside_topic(aside, span, figures[k].start))
        headed = None
        if marks:
            carried = _latest(marks)
            if len(figures) == had and sentence[1] - sentence[0] <= RUN_IN_HEADING_MAX:
                headed = carried
        elif figures and figures[-1].sentence == sentence:
            carried = figures[-1].topic
    return figures


def comparison_spans(text: str, comparisons: regex.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of the comparisons of ``text`` (是……的3.4倍, 比……多), by start, none inside another."""
    spans: list[tuple[int, int]] = []
    for match in finditer(comparisons, text):
        if match.end() > match.start():
            spans.append(match.span())
    return spans


def _holding_span(spans: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The one of ``spans`` (sorted, disjoint) that holds ``position``."""
    k = bisect_left(spans, (position + 1,)) - 1
    return spans[k] if k >= 0 and spans[k][0] <= position < spans[k][1] else None


def _aside_topic(aside: list[tuple[int, int, str]], span: tuple[int, int], position: int) -> str | None:
    """The topic of a figure inside a comparison: the comparison's own keyword ending last before it."""
    before = [m for m in aside if span[0] <= m[0] and m[1] <= position]
    return _latest(before) if before else None


def _sentences_with(text: str, numbers: list[Number], all_marks: list[tuple[int, int, str]]
                    ) -> Iterator[tuple[tuple[int, int], list[Number], list[tuple[int, int, str]]]]:
    """Each sentence holding a number or a whole topic keyword, with those numbers (in order)
    and keywords (by end, the longer first on a tie).

    A sentence with neither changes nothing, so only these are visited.
    """
    spans = sentences(text)
    numbers_in: dict[int, list[Number]] = {}
    for k, number in zip(_holding(spans, [n.start for n in numbers]), numbers, strict=True):
        if k >= 0:
            numbers_in.setdefault(k, []).append(number)
    marks_in: dict[int, list[tuple[int, int, str]]] = {}
    for k, mark in zip(_holding(spans, [m[0] for m in all_marks]), all_marks, strict=True):
        if k >= 0 and mark[1] <= spans[k][1]:
            marks_in.setdefault(k, []).append(mark)
    for k in sorted(numbers_in.keys() | marks_in.keys()):
        marks = marks_in.get(k, [])
        if len(marks) > 1:
            marks.sort(key=lambda m: (m[1], -(m[1] - m[0])))
        yield spans[k], numbers_in.get(k, []), marks


def _holding(spans: list[tuple[int, int]], offsets: list[int]) -> list[int]:
    """For each of ``offsets`` (in order), the index of the span holding it, or -1: one walk
    along both (the spans sorted and disjoint)."""
    found: list[int] = []
    k = 0
    for offset in offsets:
        while k < len(spans) and spans[k][1] <= offset:
            k += 1
        found.append(k if k < len(spans) and spans[k][0] <= offset else -1)
    return found


def _sentence_figures(text: str, sentence: tuple[int, int], in_sentence: list[Number],
                      marks: list[tuple[int, int, str]], stops: list[int],
                      cells: dict[int, _CellReading], last_topic: str | None) -> Iterator[Figure]:
    """The figures among the numbers of one sentence.

    Per number, by binary search and running values (a sentence of ten thousand
    numbers must not cost ten thousand squared): its clause (``stops``: the offsets of the
    text's clause marks), the end of the last earlier number before it, the start of the
    next number after it.
    """
    finder = _Topics(marks) if marks else None
    starts = [n.start for n in in_sentence]
    pending: list[int] = []  # ends of earlier numbers not yet passed
    passed = -1
    first, last = sentence
    for index, number in enumerate(in_sentence):
        # The fields at once (one step, where each property or attribute is a call of its own).
        value, start, end, _, unit, percent, _, _, year, date, ordinal, quoted, _ = number
        while pending and pending[0] <= start:
            passed = max(passed, heappop(pending))
        heappush(pending, end)
        reading = cells.get(start)
        if reading is None and not (unit or percent or year or date or ordinal or quoted):
            # a PDF's table row: 一审行政诉讼案件（件） 94 102, the classifier in its label
            reading = _row_label_unit(text, first, start, end)
        maybe_zero_rate = value == 0 and not unit
        is_rate = percent and not (quoted or ordinal)  # Number.is_rate
        is_count = not percent and unit in COUNTED and not (year or date or ordinal or quoted)  # Number.is_count
        if reading is None and not (is_rate or is_count or maybe_zero_rate):
            continue  # a year, a date, a name: never a figure (half the numbers of a report)
        k = bisect_left(stops, start)  # the clause (_clause): the first mark at or after the number
        clause = (max(first, stops[k - 1] + 1) if k else first, min(last, stops[k]) if k < len(stops) else last)
        prev_end = max(clause[0], passed)
        later = bisect_left(starts, end, index + 1)
        next_start = min(clause[1], starts[later]) if later < len(starts) else clause[1]
        before = text[prev_end:start]
        if not before and k >= 1 and prev_end == stops[k - 1] + 1 > first and text[stops[k - 1]] in "：:":
            # 一审行政应诉案件：131件 — the label stands before its colon
            label_start = max(first, stops[k - 2] + 1) if k >= 2 else first
            before = text[max(label_start, passed):stops[k - 1]]
        after = text[end:next_start]
        if reading is not None:
            number = _in_cell(number, reading)
            clause, before, after = reading.cell, reading.label, ""
            is_rate, is_count = number.is_rate, number.is_count
            maybe_zero_rate = number.value == 0 and not number.unit
        rate = is_rate or (maybe_zero_rate and ZERO_RATE.search(before) is not None)
        if not (rate or is_count):
            continue
        topic = (finder.topic(prev_end, start, next_start) if finder else None) or last_topic
        # tuple.__new__ with every field: the named tuple's own __new__ is one Python call more.
        yield _new_figure(Figure, (number, sentence, clause, before, after, topic, rate))


def all_topic_marks(text: str, topics: Sequence[Topic]) -> list[tuple[int, int, str]]:
    """(start, end, topic) of every topic keyword in ``text``, by start.

    Searched once per report, then taken sentence by sentence (a keyword has no
    sentence end inside it). Matches overlap: in 负责人出庭应诉率 both 负责人出庭 and
    出庭应诉 count, so that 出庭应诉 ties with litigation's 应诉 at the same end and
    wins as the longer.
    """
    marks: list[tuple[int, int, str]] = []
    for topic in topics:
        words = topic.words
        if words is not None:
            marks.extend((start, end, topic.name) for start, end in word_spans(words, text))
            continue
        # Through patterns.finditer: its time limit (the rule's alarm in the engine, else a
        # search timeout) and its PatternTimeout naming the pattern.
        spans = [m.span() for m in finditer(topic.pattern, text, overlapped=True)]
        marks.extend((start, end, topic.name) for start, end in spans if end > start)
    marks.sort()
    return marks


def word_spans(words: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """What an overlapped scan of the alternation of ``words`` (non-empty strings) finds: at each
    position where one of them is written, the first of them written there, by start. One
    ``str.find`` pass per word instead of every branch tried at every character."""
    first: dict[int, int] = {}  # position -> the index of the first word written there
    for k, word in enumerate(words):
        at = text.find(word)
        while at >= 0:
            first.setdefault(at, k)  # words in order: an earlier one took it already
            at = text.find(word, at + 1)
    return [(at, at + len(words[first[at]])) for at in sorted(first)]


class _Topics:
    """The topic of each figure of one sentence, asked in order of position.

    The last keyword in the words before a figure wins (受理行政复议案件32件); failing
    that, the first in the words after it in its clause (304名行政执法人员执法证
    换发); failing that, the last one earlier in the sentence (…受理15件，办结12件).

    ``marks`` come sorted by end (the longer first on a tie). Asked with positions
    and label starts that never go back, as :func:`find_figures` asks, each mark
    enters and leaves a heap once: n log n for the sentence, not figures × marks.
    """

    def __init__(self, marks: list[tuple[int, int, str]]) -> None:
        self.marks = marks
        self.entered = 0  # marks[:entered] end at or before the position asked
        self.heap: list[tuple[int, int, int]] = []  # (-end, -length, k): the latest on top
        self.by_start: list[int] | None = None  # mark indices by start: sorted when first needed
        self.after_from = 0  # by_start[after_from:] start at or after the position asked
        self.latest: tuple[int, int, str] | None = None  # _latest(marks[:entered])

    def topic(self, label_start: int, position: int, label_end: int) -> str | None:
        marks = self.marks
        while self.entered < len(marks) and marks[self.entered][1] <= position:
            start, end, _ = marks[self.entered]
            heappush(self.heap, (-end, -(end - start), self.entered))
            best = self.latest
            if best is None or (end, end - start) > (best[1], best[1] - best[0]):
                self.latest = marks[self.entered]
            self.entered += 1
        while self.heap and marks[self.heap[0][2]][0] < label_start:
            heappop(self.heap)  # starts before this label: before every later label too
        if self.heap:
            return marks[self.heap[0][2]][2]
        if self.by_start is None:  # most figures have a keyword before them: no need to sort
            self.by_start = sorted(range(len(marks)), key=lambda k: (marks[k][0], -(marks[k][1] - marks[k][0]), k))
        by_start = self.by_start
        while self.after_from < len(by_start) and marks[by_start[self.after_from]][0] < position:
            self.after_from += 1
        for index in range(self.after_from, len(by_start)):  # indices: a slice would copy
            start, end, name = marks[by_start[index]]
            if start >= label_end:
                break
            if end <= label_end:
                return name
        return self.latest[2] if self.latest is not None else None


def _latest(marks: list[tuple[int, int, str]]) -> str:
    """The keyword ending last (the longer one on a tie: 出庭应诉 over 应诉)."""
    return max(marks, key=lambda m: (m[1], m[1] - m[0]))[2]


# Classifiers that count the same things: a case is 件 in most reports, 宗 in Guangdong's,
# 起 for incidents; a person is 人 or 名 (位 in formal lists).
SAME_UNITS = ({"件", "宗", "起", "件次", "宗次"}, {"人", "名", "位", "人次"})


def units_compatible(a: str, b: str) -> bool:
    """件 and 件次, 件 and 宗, 人 and 名 count the same things; 台 and 支 do not."""
    if a == b or a + "次" == b or b + "次" == a:
        return True
    return any(a in group and b in group for group in SAME_UNITS)


def overlaps(a: tuple[float, float], b: tuple[float, float], slack: float = 1e-9) -> bool:
    """Two closed intervals share a point (with a hair of slack for floating point)."""
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack
