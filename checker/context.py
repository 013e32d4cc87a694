"""What every check kind sees: the report, its outline, template and metadata.

Kinds report through three small types: a :class:`Hit` (a finding, before the
engine stamps the rule on it), a :class:`Verdict` (an element's status) and a
:class:`~checker.model.Metric`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from datetime import date as Date  # (Meta.__init__ has a parameter named date)
from functools import cached_property
from typing import Any

from checker.model import ElementResult, FrozenRecord, Metric, Record, Status
from checker.pack.loader import Pack, Template
from checker.text.document import Document
from checker.text.normalize import MatchView, han_count, has_instructions, original_view, sentence_spans
from checker.text.outline import Outline, Section
from checker.text.regex_cache import lazy
from checker.text.spans import SpanIndex
from checker.text.substance import HAN

SENTENCE_ENDS = "。！？；\n"
# A sub-heading's body has a sentence, or more Chinese than a signature block (a joint one:
# 中共示例县委 示例县人民政府, a date) holds.
SENTENCE_MARK = lazy("[" + SENTENCE_ENDS.strip() + "!?;]")
SIGNATURE_HAN = 30


def _has_body(text: str, start: int, end: int) -> bool:
    if SENTENCE_MARK.search(text, start, end):
        return HAN.search(text, start, end) is not None
    return han_count(text, start, end) > SIGNATURE_HAN


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Span(FrozenRecord):
    """A stretch of a view: ``view.text[start:end]``."""

    start: int
    end: int
    view: MatchView | None = None

    def __init__(self, start: int, end: int, view: MatchView | None = None) -> None:
        vars(self).update(start=start, end=end, view=view)


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Hit(Record):
    """A finding as a kind reports it; the engine adds rule id, severity and location."""

    start: int | None
    end: int | None
    message: str | None = None
    suggestion: str | None = None
    severity: str | None = None
    details: dict[str, Any] | None = None
    view: MatchView | None = None
    # Judged against the reporting year (staleness, headings' years, the deadline): when the
    # year is only inferred, the engine lowers it to info.
    year_bound: bool = False
    # The replacement for the cited original text, when the rule marks the correction safe.
    fix: str | None = None

    def __init__(
        self, start: int | None, end: int | None, message: str | None = None, suggestion: str | None = None,
        severity: str | None = None, details: dict[str, Any] | None = None, view: MatchView | None = None,
        year_bound: bool = False, fix: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.suggestion = suggestion
        self.severity = severity
        self.details = details
        self.view = view
        self.year_bound = year_bound
        self.fix = fix


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Verdict(Record):
    """An element's status with the passages that decided it."""

    status: Status
    evidence: list[Span] = field(default_factory=list)
    note: str = ""
    value: Any = None
    # The finding's own words when the rule's message does not fit the case (a date that is
    # written but impossible is not "no date"); None: the rule's message and suggestion.
    message: str | None = None
    suggestion: str | None = None
    # weak, and what was found says nothing specific (slogans, stock causes): the grade's caps
    # tell it from a content that is there but thin
    hollow: bool = False

    def __init__(
        self, status: Status, evidence: list[Span] | None = None, note: str = "", value: Any = None,
        message: str | None = None, suggestion: str | None = None, hollow: bool = False,
    ) -> None:
        self.status = status
        self.evidence = [] if evidence is None else evidence
        self.note = note
        self.value = value
        self.message = message
        self.suggestion = suggestion
        self.hollow = hollow


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Meta(Record):
    """Report metadata, filled by the ``metadata`` rules before any other rule runs."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    year: int | None = None
    year_source: str | None = None
    # How an inferred year was inferred (推断：……); the year the user gave (--year).
    year_note: str | None = None
    given_year: int | None = None
    issuer: str | None = None
    date: date | None = None
    date_text: str | None = None
    date_kind: str | None = None
    doc_number: str | None = None
    # Where an appendix after the signature begins (附件：主要指标统计表): the sections end there.
    body_end: int | None = None

    def __init__(
        self, title: str | None = None, title_span: tuple[int, int] | None = None, year: int | None = None,
        year_source: str | None = None, year_note: str | None = None, given_year: int | None = None,
        issuer: str | None = None, date: Date | None = None, date_text: str | None = None,
        date_kind: str | None = None, doc_number: str | None = None, body_end: int | None = None,
    ) -> None:
        self.title = title
        self.title_span = title_span
        self.year = year
        self.year_source = year_source
        self.year_note = year_note
        self.given_year = given_year
        self.issuer = issuer
        self.date = date
        self.date_text = date_text
        self.date_kind = date_kind
        self.doc_number = doc_number
        self.body_end = body_end


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Context(Record):
    doc: Document
    view: MatchView
    outline: Outline
    pack: Pack
    meta: Meta = field(default_factory=Meta)
    template: Template | None = None
    template_reason: str = ""
    assignment: dict[str, list[Section]] = field(default_factory=dict)
    elements: dict[str, ElementResult] = field(default_factory=dict)
    metrics: list[Metric] = field(default_factory=list)

    def __init__(
        self, doc: Document, view: MatchView, outline: Outline, pack: Pack, meta: Meta | None = None,
        template: Template | None = None, template_reason: str = "",
        assignment: dict[str, list[Section]] | None = None, elements: dict[str, ElementResult] | None = None,
        metrics: list[Metric] | None = None,
    ) -> None:
        self.doc = doc
        self.view = view
        self.outline = outline
        self.pack = pack
        self.meta = Meta() if meta is None else meta
        self.template = template
        self.template_reason = template_reason
        self.assignment = {} if assignment is None else assignment
        self.elements = {} if elements is None else elements
        self.metrics = [] if metrics is None else metrics

    @cached_property
    def original(self) -> MatchView:
        return original_view(self.doc)

    @cached_property
    def whole(self) -> MatchView:
        """The document's text with drafting hints and comments kept: what was left in (the
        original view itself when the report has none: the same text, built once)."""
        if not has_instructions(self.doc.text):
            return self.original
        return original_view(self.doc, keep_instructions=True)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the matching view (split at 。！？； and paragraph ends)."""
        return sentence_spans(self.view.text, SENTENCE_ENDS, keep_end=True)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Where each of :attr:`sentences` starts, for a binary search."""
        return [start for start, _ in self.sentences]

    def sentence_at(self, index: int) -> tuple[int, int] | None:
        """The sentence that holds ``index`` (binary search), or None between sentences."""
        k = bisect_right(self.sentence_starts, index) - 1
        if k >= 0 and index < self.sentences[k][1]:
            return self.sentences[k]
        return None

    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences starting in ``[start, end)``, cut at ``end`` (both ends found by binary
        search: one slice of just those, in C)."""
        starts = self.sentence_starts
        first = bisect_left(starts, start)
        spans = self.sentences[first:bisect_left(starts, end, first)]
        # Sorted and disjoint: only the last one can run past the end.
        if spans and spans[-1][1] > end:
            spans[-1] = (spans[-1][0], end)
        return spans

    @cached_property
    def body_titles(self) -> SpanIndex:
        """The titles of the sub-headings that have text after them: not sentences of a body
        (an item that is only its own line, such as （一）制定……。 in a plan, is one). The
        signature under the last item (示例县人民政府 / 2025年2月20日) is no text after it: a body
        holds a sentence (an end mark) or runs longer than a signature."""
        text = self.view.text
        return SpanIndex((s.start, s.heading.title_end) for s in self.outline.sections()
                         if s.heading and _has_body(text, s.body_start, s.end))

    def sections_for(self, section_id: str | None) -> list[Section]:
        return list(self.assignment.get(section_id, [])) if section_id else []

    def heads_two_contents(self, section: Section) -> bool:
        """Whether the section's heading heads another content too (2024年存在的问题和下一步打算)."""
        heading = section.heading
        return heading is not None and sum(
            1 for sections in self.assignment.values() for other in sections
            if other.heading is not None and other.heading.start == heading.start) > 1

    def preamble_end(self) -> int:
        return self.outline.first_heading_start()
