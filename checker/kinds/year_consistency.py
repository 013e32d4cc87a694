"""Kind ``year-consistency``: headings that name the wrong year.

With the reporting year Y stated, a heading of the sections about the year
reported on that names a year other than Y, or a heading of the plan section
that names a year other than Y+1, shows a text copied from another year. A plan
section that names no year at all is reported at ``unnamed_severity``. Year
ranges (2021—2025年) and target dates in the body are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text import regex_cache
from checker.text.outline import Section

PHASE = 1
YEAR = regex_cache.compiled(r"(?<![\d—–\-－~至到])(20\d\d)\s*年(?!\s*[—–\-－~至到]\s*20\d\d)")


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    year = ctx.meta.year
    if year is None or ctx.template is None:
        return
    plan_ids = set(rule.get("plan_sections", ["next-year"]))
    past_ids = set(rule.get("report_sections", []))
    for section_id, sections in ctx.assignment.items():
        if section_id in plan_ids:
            expected = year + 1
        elif section_id in past_ids:
            expected = year
        else:
            continue
        for section in sections:
            yield from _check_heading(section, expected, section_id in plan_ids, ctx, rule)


def _check_heading(section: Section, expected: int, plan: bool, ctx: Context,
                   rule: Rule) -> Iterator[Hit]:
    heading = section.heading
    if heading is None:
        return
    found = list(YEAR.finditer(ctx.view.text, heading.start, heading.title_end))
    for match in found:
        named = int(match.group(1))
        if named != expected:
            what = "下一年度安排" if plan else f"{ctx.meta.year}年度情况"
            yield Hit(match.start(), match.end(), year_bound=True,
                      message=f"标题写的是{named}年，但这一部分应是{what}（{expected}年）",
                      suggestion=f"{expected}年")
    if plan and not found:
        body = ctx.view.text[section.body_start:section.end]
        if f"{expected}年" not in body:
            yield Hit(heading.start, heading.title_end, year_bound=True,
                      severity=rule.get("unnamed_severity", "info"),
                      message=f"下一年度安排未写明年度（应为{expected}年）",
                      suggestion=f"如“{expected}年推进法治政府建设的主要安排”")
