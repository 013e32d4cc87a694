"""An element written as a paragraph of its own, where the report gives it no heading.

Many filers write the first-responsible duty, the shortcomings or next year's plan
as one paragraph of the closing part (区长认真履行……第一责任人职责，全年主持……;
2026年，我们将重点抓好以下工作：……) and never give it a heading. Such a paragraph
is not a passing mention: it is about the element from its first sentence on. An
element rule's ``opens`` patterns name the lead-ins that make a paragraph its own
(beginning within ``opens_within`` characters of the paragraph's start);
the paragraph (with the list a lead-in ending in a colon introduces) is then judged
by the rule's ``substance`` spec exactly as a section would be. A sentence inside a
paragraph about something else stays a mention (weak): only the first sentence of a
paragraph is looked at (or its second, after one short sentence that sets the scene: 市政府把法治
政府建设列入年度重点工作清单。市长全年主持……); a paragraph that is a heading is a section's, and a sub-heading
with its body on the same line (（一）强化组织领导。局长……) is read from its body. A report
with no headings at all is read by its parts instead (:func:`parts`): a sentence that opens
a part about an element begins one, as a paragraph would.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import regex

from checker.context import Context, Span
from checker.kinds.substance import cues_for
from checker.model import FrozenRecord
from checker.pack.loader import Rule
from checker.text.numbers import YEAR_DIGITS, year_value
from checker.text.patterns import any_of, search, search_text
from checker.text.spans import SpanIndex
from checker.text.substance import Substance, measure

OPENS_WITHIN = 30  # characters from the paragraph's start where its lead-in must begin
LEAD_SCENE = 30  # characters at most of a sentence before the lead-in that leaves the paragraph its own
YEAR = re.compile(rf"(19\d\d|{YEAR_DIGITS})年")  # 2025年, 二〇二五年
LEAD_IN_ENDS = ("：", ":")  # a paragraph ending so introduces the items that follow


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class OwnParagraph(FrozenRecord):
    lead: Span  # the first sentence, which names the element
    start: int
    end: int  # the paragraph's end, or the end of the list its lead-in introduces
    counted: Substance

    def __init__(self, lead: Span, start: int, end: int, counted: Substance) -> None:
        vars(self).update(lead=lead, start=start, end=end, counted=counted)


def own_paragraphs(rule: Rule, ctx: Context, outside: list[tuple[int, int]]) -> list[OwnParagraph]:
    """The paragraphs in ``outside`` (the text beyond the element's own sections) that open
    with one of the rule's ``opens`` lead-ins, measured by its substance spec."""
    opens = any_of(tuple(rule.get("opens", [])))
    spec: dict[str, Any] | None = rule.get("substance")
    if opens is None or spec is None:
        return []
    view, text = ctx.view, ctx.view.text
    # The opening part of a report with headings is its overview (取得积极成效，但也清醒认识到
    # 还存在一些不足。现将有关情况报告如下): it names what the sections will tell, never one of them.
    overview_end = ctx.outline.first_heading_start() if ctx.outline.headings else 0
    allowed = SpanIndex([(max(a, overview_end), b) for a, b in outside if b > overview_end])
    heading_starts = {h.start for h in ctx.outline.headings}
    # A sub-heading with its body on the same line (（一）强化组织领导。局长切实履行……) is
    # read from its body, as the same body on a line of its own would be.
    inline_bodies = {h.start: h.body_start for h in ctx.outline.headings
                     if h.level >= 2 and h.body_start > h.title_end}
    cues = cues_for(ctx.pack, spec)
    found: list[OwnParagraph] = []
    paragraphs = view.paragraphs if ctx.outline.headings else parts(ctx)
    k = 0
    while k < len(paragraphs):
        start, end = paragraphs[k]
        k += 1
        if not allowed.holds(start):
            continue
        if start in heading_starts:
            if start not in inline_bodies or inline_bodies[start] >= end:
                continue
            start = inline_bodies[start]
        own = ctx.sentences_in(start, end)
        first = own[0][1] if own else end
        if not opens_sentence(rule, ctx, start, first):
            # one short sentence may set the scene before the element's lead-in (市政府把法治政府建设
            # 列入年度重点工作清单。市长全年主持……): the paragraph is the element's from its second sentence
            if len(own) < 2 or own[0][1] - own[0][0] > LEAD_SCENE \
                    or not opens_sentence(rule, ctx, *own[1], own_line=True):
                continue
            start, first = own[1][0], own[1][1]
        if text[start:end].rstrip().endswith(LEAD_IN_ENDS):
            # The items the lead-in introduces, up to the next heading or the section's end.
            limit = ctx.outline.section_at(start).end
            while k < len(paragraphs) and paragraphs[k][0] < limit and paragraphs[k][0] not in heading_starts:
                end = paragraphs[k][1]
                k += 1
        found.append(OwnParagraph(Span(start, first), start, end, measure(text, ctx.sentences_in(start, end), cues)))
    return found


def parts(ctx: Context) -> list[tuple[int, int]]:
    """The paragraphs of a report without headings, each cut where a sentence inside it opens a
    part about an element (同时也要看到，……; 局长认真履行……第一责任人职责，……; 2026年，我们将……): a
    report written as one block (or pasted from a page that lost its paragraph marks) tells its
    parts so, as another does by its paragraphs. (Kept on the context: asked once per rule.)"""
    kept: list[tuple[int, int]] | None = vars(ctx).get("_parts")
    if kept is None:
        kept = vars(ctx)["_parts"] = _cut_parts(ctx)
    return kept


def part_at(ctx: Context, at: int) -> tuple[int, int]:
    """The paragraph holding ``at``; in a report without headings, the part of it (:func:`parts`)."""
    view = ctx.view
    if ctx.outline.headings:
        return view.paragraphs[view.paragraph_at(at)]
    cut = parts(ctx)
    index = max(bisect_right([a for a, _ in cut], at) - 1, 0)
    return cut[index]


def _cut_parts(ctx: Context) -> list[tuple[int, int]]:
    rules = opening_rules(ctx, None, any_section=True)
    cut: list[tuple[int, int]] = []
    for start, end in ctx.view.paragraphs:
        begins = start
        for sentence_start, sentence_end in ctx.sentences_in(start, end)[1:]:
            if any(opens_sentence(rule, ctx, sentence_start, sentence_end) for rule in rules):
                cut.append((begins, sentence_start))
                begins = sentence_start
        cut.append((begins, end))
    return cut


def opening_rules(ctx: Context, section_id: str | None, besides: Rule | None = None,
                  any_section: bool = False) -> list[Rule]:
    """The element rules of a template section whose ``opens`` lead-ins begin a part about it."""
    template = ctx.template.id if ctx.template else None
    return [r for r in ctx.pack.rules if r.kind == "element" and r is not besides and r.get("opens")
            and (any_section or r.get("section") == section_id) and r.applies_to(template)]


def opens_sentence(rule: Rule, ctx: Context, start: int, end: int, own_line: bool = False) -> bool:
    """Whether the sentence [start, end) opens with one of the rule's ``opens`` lead-ins (the
    first words of a part about the element: 2026年，我县将重点抓好以下工作). With ``own_line``, the
    sentence is read as if it began its line (a lead-in anchored by ^ may open it mid-paragraph)."""
    opens = any_of(tuple(rule.get("opens", [])))
    if opens is None:
        return False
    text = ctx.view.text
    lead = search_text(opens, text[start:end]) if own_line else search(opens, text, start, end)
    begins = 0 if own_line else start
    return lead is not None and lead.start() - begins <= int(rule.get("opens_within", OPENS_WITHIN)) \
        and year_fits(rule, ctx, lead.group(0))


def year_fits(rule: Rule, ctx: Context, lead: str) -> bool:
    """With ``opens_year: later``, every year the lead-in (or a mention) names is after the report's
    year."""
    year = ctx.meta.year
    if rule.get("opens_year") != "later" or year is None:
        return True
    return all((year_value(found) or 0) > year for found in YEAR.findall(lead))


# A sentence opening with a year (2024年，全县共审核……; 二、2024年……; 对策：2025年5月已建立……).
OPENING_YEAR = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]|[一二三四五六七八九十]是)?\s*"
                          r"(?:[\u4e00-\u9fff]{2,6}[：:])?"
                          rf"(?:19\d\d|{YEAR_DIGITS})年")


def recalls_the_year(rule: Rule, ctx: Context, start: int, end: int,
                     ahead: regex.Pattern[str] | None = None) -> bool:
    """With ``opens_year: later``, whether the sentence ``start``–``end`` opens with a year, names none
    after the report's and says nothing ``ahead`` (a deadline, 将): 2024年，全县共审核规范性文件16件
    under the plan of a report on 2024 is the year's work recalled, not a task (2024年已完成试点，
    2025年将全面推开 names the plan's year; 2024年6月底前完成 is a task, its year wrong)."""
    year = ctx.meta.year
    if rule.get("opens_year") != "later" or year is None:
        return False
    text = ctx.view.text
    if OPENING_YEAR.match(text, start, end) is None:
        return False
    if ahead is not None and search(ahead, text, start, end) is not None:
        return False
    return all((year_value(found) or 0) <= year for found in YEAR.findall(text, start, end))
