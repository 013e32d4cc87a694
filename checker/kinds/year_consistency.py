"""Kind ``year-consistency``: headings that name the wrong year.

With the reporting year Y stated, a heading of the sections about the year
reported on that names a year other than Y, or a heading of the plan section
that names a year other than Y+1, shows a text copied from another year. A plan
section that names no year at all is reported at ``unnamed_severity``. A plan
section whose first sentence opens with a year and says what will be done
(``plan_cues``: 2025年，我镇将…… in a report on 2025) names the wrong year too,
whatever its heading says; so does a section on the year reported, or a paragraph of
the preamble, whose first sentence opens with another year and reviews work done
(``report_cues``: 2025年，我县坚持…… in a report on 2026, last year's text kept).
A plan naming the wrong year is reported at ``plan_severity`` (last year's plan kept: the
report has no plan for the year ahead). A deadline in the plan's body (``deadlines``:
2025年6月底前 in the plan of a report on 2025) set in a year before the plan's has passed:
last year's plan kept. Year ranges (2021—2025年) are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text import regex_cache
from checker.text.numbers import NAMED_YEAR, YEAR_DIGITS, named_years, year_value
from checker.text.outline import Section
from checker.text.patterns import any_of, finditer

PHASE = 1
# The plan's first sentence opening with its year: 2026年，我县将…… / 2026年是……之年，我们将……
LEAD_YEAR = regex_cache.compiled(rf"\s*({YEAR_DIGITS})\s*年(?:[，,]|(?=是|我|全|要|将|重点))[^。；！\n]*")


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    year = ctx.meta.year
    if year is None or ctx.template is None:
        return
    plan_ids = set(rule.get("plan_sections", ["next-year"]))
    past_ids = set(rule.get("report_sections", []))
    yield from _check_preamble(ctx, rule, year)
    for section_id, sections in ctx.assignment.items():
        if section_id in plan_ids:
            expected = year + 1
        elif section_id in past_ids:
            expected = year
        else:
            continue
        checked: set[int] = set()  # a heading once, though its section comes in parts (its items' 对策)
        for section in sections:
            if section.heading is None or section.heading.start in checked:
                continue  # (_check_heading reads the heading: a section without one has nothing to check)
            checked.add(section.heading.start)
            yield from _check_heading(section, expected, section_id in plan_ids, ctx, rule)


def _check_heading(section: Section, expected: int, plan: bool, ctx: Context,
                   rule: Rule) -> Iterator[Hit]:
    heading = section.heading
    if heading is None:
        return
    found = list(NAMED_YEAR.finditer(ctx.view.text, heading.start, heading.title_end))
    wrong = [m for m in found if year_value(m.group(1)) not in (None, expected)]
    if plan and (any((year_value(m.group(1)) or 0) >= expected for m in found) or ctx.heads_two_contents(section)):
        # a plan heading naming its year beside another (落实2024年督察反馈意见整改及2025年工作安排,
        # 2025年和2026年工作打算), or shared with the problems (2024年存在的问题和下一步打算)
        wrong = []
    for match in wrong:
        named = year_value(match.group(1))
        if named is not None:
            what = "下一年度安排" if plan else f"{ctx.meta.year}年度情况"
            yield Hit(match.start(), match.end(), year_bound=True,
                      severity=rule.get("plan_severity") if plan else None,
                      message=f"标题写的是{named}年，但这一部分应是{what}（{expected}年）",
                      suggestion=f"{expected}年")
    if plan:
        yield from _past_deadlines(section, expected, ctx, rule)
    lead = _lead_year(ctx, rule, "plan_cues" if plan else "report_cues", section.body_start, section.end)
    named = year_value(lead.group(1)) if lead is not None else None
    # (a plan opening with a later year looks further ahead: 2035年，我国将基本建成法治政府)
    if lead is not None and named is not None and named != expected and not (plan and named > expected):
        yield _lead_hit(lead, expected, plan)
    # (the heading's text too: 2025年至2026年工作安排, a range opening with the plan's year, names it)
    elif plan and not found and not _names_year(
            ctx.view.text[heading.start:heading.title_end] + _body_without_signature_date(section, ctx), expected):
        yield Hit(heading.start, heading.title_end, year_bound=True,
                  severity=rule.get("unnamed_severity", "info"),
                  message=f"下一年度安排未写明年度（应为{expected}年）",
                  suggestion=f"如“{expected}年推进法治政府建设的主要安排”")


def _past_deadlines(section: Section, expected: int, ctx: Context, rule: Rule) -> Iterator[Hit]:
    """Deadlines of the plan (``deadlines``, group ``y``) set in a year before the plan's own:
    二是2025年6月底前完成…… in the plan of a report on 2025 has passed already."""
    deadlines = any_of(tuple(rule.get("deadlines", [])))
    if deadlines is None:
        return
    text = ctx.view.text
    for match in finditer(deadlines, text, section.body_start, section.end):
        named = int(match.group("y"))
        if named < expected:
            said = match.group(0)
            yield Hit(match.start(), match.end(), year_bound=True,
                      message=f"下一年度安排中的期限“{said}”在{named}年，已经过去（安排应是{expected}年的）",
                      suggestion=said.replace(str(named), str(expected), 1))


def _body_without_signature_date(section: Section, ctx: Context) -> str:
    """The section's body without the report's own date (the last section runs to the
    signature: its 2025年2月1日 names no year of the plan)."""
    body = ctx.view.text[section.body_start:section.end]
    signed = ctx.meta.date_text if ctx.meta.date_kind == "signed" else None
    at = body.rfind(signed) if signed else -1
    return body if at < 0 or signed is None else body[:at] + body[at + len(signed):]


def _names_year(text: str, year: int) -> bool:
    """Whether ``text`` names ``year`` (in digits or in Chinese)."""
    return f"{year}年" in text or year in named_years(text)


def _check_preamble(ctx: Context, rule: Rule, year: int) -> Iterator[Hit]:
    """The preamble's paragraphs (before the first heading) that open reviewing another year."""
    end = ctx.preamble_end()
    after_title = ctx.meta.title_span[1] if ctx.meta.title_span is not None else 0
    for start, stop in ctx.view.paragraphs:
        if start >= end:
            return
        lead = _lead_year(ctx, rule, "report_cues", max(start, after_title), stop) \
            if stop > after_title else None
        if lead is not None and year_value(lead.group(1)) != year:
            yield _lead_hit(lead, year, False)
            return  # one paragraph says it: the preamble was kept from another year


def _lead_hit(lead: regex.Match[str], expected: int, plan: bool) -> Hit:
    what = "下一年度安排" if plan else "这一部分"
    return Hit(lead.start(1), lead.end(), year_bound=True,
               message=f"{what}写的是{year_value(lead.group(1))}年的工作，但应是{expected}年",
               suggestion=f"{expected}年")


def _lead_year(ctx: Context, rule: Rule, key: str, start: int, end: int) -> regex.Match[str] | None:
    """The year the text from ``start`` opens with, when its first sentence says one of the rule's
    ``key`` cues: what will be done (``plan_cues``: 2025年，我镇将…… in a report on 2025 is last
    year's plan copied) or what was done (``report_cues``)."""
    cues = any_of(tuple(rule.get(key, [])))
    if cues is None:
        return None
    lead = LEAD_YEAR.match(ctx.view.text, start, end)
    if lead is None or not cues.search(_opening_clause(lead)):
        return None
    return lead


OWN_CLAUSE_END = regex_cache.compiled(r"[，,；：:]")


def _opening_clause(lead: regex.Match[str]) -> str:
    """The words the year opens: its own clause, and the next one when a comma follows the year
    (2025年，我镇将……), not the sentence's later clauses (2025年，……圆满完成，新的一年我们将再接再厉
    recalls the year and looks ahead: it copies nothing)."""
    said: str = lead.group(0)
    year_end = lead.end(1) - lead.start(0)
    rest = said[year_end:].lstrip("年 ")
    offset = len(said) - len(rest)
    if rest[:1] in ("，", ","):
        offset += 1
        rest = rest[1:]
    stop = OWN_CLAUSE_END.search(rest)
    return said[:offset + (stop.start() if stop else len(rest))]
