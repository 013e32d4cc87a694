"""Choosing the template a report is judged against, and fitting its sections to it.

Detection weighs what the template files say: who issued the report, what its
title says and how it speaks of itself (我局/我办 for a department, 全县/我区 for
a government). Assignment maps the report's top-level sections onto the
template's sections by heading; top-level sections no section claims go to the
template's fallback section (the measures, in a report organised by theme).
"""

from __future__ import annotations

from dataclasses import replace

from checker.context import Context
from checker.errors import UsageError
from checker.kinds.paragraphs import opening_rules, opens_sentence
from checker.kinds.substance import cue_set
from checker.pack.loader import Pack, Rule, Template, TemplateSection
from checker.text.markers import HEADING_START
from checker.text.normalize import han_count
from checker.text.numbers import named_years
from checker.text.outline import LABEL, TITLE_END, Section
from checker.text.patterns import any_of, finditer, occurs, search
from checker.text.regex_cache import lazy

SUBHEADING_MAX = 30


def select_template(ctx: Context, requested: str | None) -> tuple[Template, str]:
    """The template to use and why (in Chinese, for the report header)."""
    pack = ctx.pack
    if requested:
        if requested not in pack.templates:
            known = "、".join(sorted(pack.templates))
            raise UsageError(f"未知的模板“{requested}”（可用模板：{known}）")
        return pack.templates[requested], "由 --template 指定"
    scored: list[tuple[float, bool, str, list[str]]] = []
    for template in pack.templates.values():
        points, reasons = _detect_points(ctx, template)
        scored.append((points, template.default, template.id, reasons))
    scored.sort(key=lambda item: (-item[0], not item[1], item[2]))
    best = scored[0]
    template = pack.templates[best[2]]
    if len(scored) > 1 and scored[1][0] == best[0]:
        default = next((t for t in pack.templates.values() if t.default), template)
        return default, "无法从报告判断，按默认模板"
    reason = "；".join(best[3]) if best[3] else "按默认模板"
    return template, reason


def _detect_points(ctx: Context, template: Template) -> tuple[float, list[str]]:
    points = 0.0
    reasons: list[str] = []
    detect = template.detect
    targets = {
        "issuer": ctx.meta.issuer or "",
        "title": ctx.meta.title or "",
        "wording": ctx.view.text,
    }
    labels = {"issuer": "发文机关", "title": "标题", "wording": "用语"}
    for key, target in targets.items():
        spec = detect.get(key)
        if not spec or not target:
            continue
        pattern = any_of(tuple(spec["patterns"]))
        if pattern is None:
            continue
        # A joint signature (中共示例县委、示例县人民政府) is matched name by name: each pattern
        # is anchored at a name's end.
        parts = target.split("、") if key == "issuer" else [target]
        hits = [m.group(0) for part in parts for m in finditer(pattern, part)]
        if not hits:
            continue
        gained = min(len(hits) * spec["points"], spec.get("cap", spec["points"]))
        if key != "wording":
            gained = spec["points"]
        points += gained
        sample = "、".join(dict.fromkeys(hits))
        reasons.append(f"{labels[key]}“{sample[:24]}”")
    return points, reasons


def assign_sections(ctx: Context, template: Template) -> dict[str, list[Section]]:
    """Template section id -> the report sections that carry it."""
    assignment: dict[str, list[Section]] = {s.id: [] for s in template.sections}
    top = ctx.outline.top
    fallback = next((s.id for s in template.sections if s.fallback), None)
    for section in top:
        matched = _matching_sections(section, template)
        by_heading = _combined_parts(section, matched, template)
        parts = by_heading or _parts_by_lead_in(ctx, section, matched)
        for section_id in matched:
            own = parts.get(section_id)
            if own is None and by_heading:
                # 三、存在的问题和下一步打算 over （一）存在的问题 alone: the plan is what the problems'
                # subsection leaves, not the problems' figures (a plan never written was "present").
                # With nothing left, the heading alone stays: it promised the content, and judged
                # empty it says so (章节……下没有内容), where a mention search would cite the heading.
                own = _without_claimed(ctx, [section], [s for taken in by_heading.values() for s in taken]) \
                    or _opened_inside(ctx, section, section_id) \
                    or [Section(section.heading, section.level, section.start, section.body_start)]
            assignment[section_id].extend([section] if own is None else own)
        if not matched and fallback:
            # a heading in words of its own (四、聚焦目标任务，奋力开创2026年法治政府建设新局面) whose body
            # opens as a content does (2026年，我县将重点抓好以下工作：) is that content
            assignment[_opened_by_its_body(ctx, section, template) or fallback].append(section)
    # A template section with no top-level home may be a subsection of its own.
    for template_section in template.sections:
        if assignment[template_section.id]:
            continue
        for section in ctx.outline.sections():
            if section.level > 1 and section.heading \
                    and _heading_carries(template_section, section.heading.text) \
                    and _subsection_may_carry(assignment, template, section, template_section.id):
                assignment[template_section.id].append(section)
    if fallback:
        assignment[fallback] = _without_claimed(ctx, assignment[fallback], [
            section for key, sections in assignment.items() if key != fallback for section in sections])
    if fallback and not top and ctx.outline.root.end > 0:
        assignment[fallback].append(ctx.outline.root)
    elif fallback and not assignment[fallback] and top and all(_labelled(s) for s in top):
        # 一年来主要做了以下工作：…… before the first label (存在的问题：): the year's work
        preamble = _preamble(ctx, top[0].start)
        if preamble is not None:
            assignment[fallback].append(preamble)
    if ctx.meta.body_end is not None:
        return {key: _before(sections, ctx.meta.body_end) for key, sections in assignment.items()}
    return assignment


def _without_claimed(ctx: Context, sections: list[Section], claimed: list[Section]) -> list[Section]:
    """The year's work without the subsections another content holds: under 一、2025年工作情况,
    （二）主要负责人履职情况 and （三）存在的问题 are the duty and the shortcomings, and their figures
    are no measures (a slogan （一）主要工作及成效 was "present" by them). A section that holds a
    claimed one is replaced by the text before its first subsection and its other subsections."""
    kept: list[Section] = []
    for section in sections:
        inside = [c for c in claimed if c is not section and section.start <= c.start and c.end <= section.end]
        if not inside or not section.children:
            kept.append(section)
            continue
        first = section.children[0].start
        if section.heading is not None and han_count(ctx.view.text, section.body_start, first) > 0:
            kept.append(Section(section.heading, section.level, section.start, first))
        kept.extend(_without_claimed(ctx, [c for c in section.children if not any(c is x for x in claimed)],
                                     claimed))
    return kept


def _opened_by_its_body(ctx: Context, section: Section, template: Template) -> str | None:
    """The content whose lead-in opens the first sentence of the section's body, or the plan when the
    heading names the year after the report's and no other (四、……奋力谱写2026年法治青石新篇章: the
    plan is the section whose skeleton heading is the next year's); else None."""
    first = next(iter(ctx.sentences_in(section.body_start, section.end)), None)
    if first is None or section.heading is None:
        return None
    text = ctx.view.text
    for template_section in template.sections:
        rules = [] if template_section.fallback else opening_rules(ctx, template_section.id)
        # the lead-in opens the sentence (为做好下一步工作打牢基础，2025年…… opens nothing)
        if any(opens_sentence(r, ctx, *first) and _opens_at_start(r, text, *first) for r in rules):
            return template_section.id
    year = ctx.meta.year
    plan = next((s for s in template.sections if "{next_year}" in s.skeleton_heading), None)
    opening = ctx.sentences_in(section.body_start, section.end)[:2]  # (2026年是……开局之年。县政府将……)
    if year is not None and plan is not None and set(named_years(section.heading.text)) == {year + 1} \
            and any(_looks_ahead(ctx, plan.id, *sentence) for sentence in opening):
        return plan.id  # (为2026年开好局打下坚实基础 over the year's work is the measures)
    return None


def _opens_at_start(rule: Rule, text: str, start: int, end: int) -> bool:
    """Whether the rule's lead-in begins the sentence, an item's marker (一是, （一）) aside."""
    lead = search(any_of(tuple(rule.get("opens", []))), text, start, end)
    if lead is None:
        return False
    before = text[start:lead.start()]
    marker = HEADING_START.match(before)
    return not before[marker.end() if marker else 0:].strip()


def _looks_ahead(ctx: Context, section_id: str, start: int, end: int) -> bool:
    """Whether the sentence says what is to be done (将, 计划, 力争: the plan rule's ``requires``)."""
    for rule in opening_rules(ctx, section_id):
        spec = rule.get("substance") or {}
        ahead = cue_set(ctx.pack, spec["requires"]) if spec.get("requires") else None
        if ahead is not None and search(ahead, ctx.view.text, start, end) is not None:
            return True
    return False


def _opened_inside(ctx: Context, section: Section, section_id: str) -> list[Section]:
    """For a content its sub-headings leave nothing of, the parts of the section its lead-ins open,
    each to the end of its paragraph (三、问题、原因及对策 over （一）问题：……。对策：……, each item's
    plan run in after its problem); else nothing."""
    if section.heading is None:
        return []
    rules = opening_rules(ctx, section_id)
    view = ctx.view
    parts: list[Section] = []
    for a, b in ctx.sentences_in(section.body_start, section.end):
        rule = next((r for r in rules if opens_sentence(r, ctx, a, b)), None)
        if rule is None or (parts and a < parts[-1].end):
            continue
        # from the lead-in to the end of its paragraph (the item's plan; the next item is a problem),
        # under the section's heading
        end = min(view.paragraphs[view.paragraph_at(a)][1], section.end)
        parts.append(Section(replace(section.heading, body_start=a), section.level, section.start, end))
    return parts


def _labelled(section: Section) -> bool:
    return section.heading is not None and section.heading.style == LABEL


def _preamble(ctx: Context, end: int) -> Section | None:
    """The text before the first heading, without the title's lines (no sentence ends in them)."""
    view = ctx.view
    body = [(a, b) for a, b in view.paragraphs if b <= end and TITLE_END.search(view.text, a, b)]
    return Section(None, 1, body[0][0], end) if body else None


def _before(sections: list[Section], body_end: int) -> list[Section]:
    """The sections cut at the appendix after the signature: its tables are no plan of the year."""
    kept: list[Section] = []
    for section in sections:
        if section.start >= body_end:
            continue
        if section.end > body_end:
            section = Section(section.heading, section.level, section.start, body_end,
                              [c for c in section.children if c.start < body_end])
        kept.append(section)
    return kept


def _combined_parts(section: Section, matched: list[str], template: Template) -> dict[str, list[Section]]:
    """For a section that carries several contents (二、存在的问题及下一步打算), the
    sub-sections that carry each one on their own ((一)存在的问题, (二)下一步打算), so
    that the plan's figures are not counted as shortcomings, nor the problems as plans."""
    if len(matched) < 2:
        return {}
    parts: dict[str, list[Section]] = {}
    for child in section.children:
        carried = [i for i in _matching_sections(child, template) if i in matched]
        if len(carried) == 1:
            parts.setdefault(carried[0], []).append(child)
    return parts


def _parts_by_lead_in(ctx: Context, section: Section, matched: list[str]) -> dict[str, list[Section]]:
    """For a section that carries several contents with no sub-heading of each (七、存在的问题及下一步打算:
    the problems, then 2026年，我县将重点抓好以下工作：……), each content's part: from the sentence
    that opens it (an element rule's ``opens`` lead-in) to the next one's; the first content named
    in the template's order holds the start. Without such a sentence every content gets the whole
    section, as before: the plan's figures then count for the problems too."""
    if len(matched) < 2 or section.heading is None:
        return {}
    cuts: list[tuple[int, str]] = []
    sentences = ctx.sentences_in(section.body_start, section.end)
    for section_id in matched[1:]:
        rules = opening_rules(ctx, section_id)
        cut = next((a for a, b in sentences[1:] if any(opens_sentence(r, ctx, a, b) for r in rules)), None)
        if cut is not None:
            cuts.append((cut, section_id))
    if not cuts:
        return {}
    cuts.sort()
    bounds = [(section.body_start, matched[0]), *cuts]
    parts: dict[str, list[Section]] = {}
    for k, (start, section_id) in enumerate(bounds):
        end = bounds[k + 1][0] if k + 1 < len(bounds) else section.end
        heading = replace(section.heading, body_start=start)
        # The part's span starts at the shared heading (its evidence), its body where its content does.
        children = [c for c in section.children if start <= c.start and c.end <= end]
        parts.setdefault(section_id, []).append(Section(heading, section.level, section.start, end, children))
    return parts


def _subsection_may_carry(assignment: dict[str, list[Section]], template: Template,
                          section: Section, section_id: str) -> bool:
    """A short subsection heading, not inside another specific template section.

    A plan item such as （一）落实第一责任人职责，把法治政府建设纳入考核 inside the
    next-year section is a plan, not the first-responsible report; a long run-in
    heading is a sentence, not a heading of its own.
    """
    if section.heading is None or len(section.heading.title) > SUBHEADING_MAX:
        return False
    for other_id, sections in assignment.items():
        if other_id == section_id or _is_fallback(template, other_id):
            continue
        if any(s.start <= section.start < s.end for s in sections):
            return False
    return True


def is_heading_for(ctx: Context, section: Section, section_id: str | None) -> bool:
    """May ``section``'s heading show a section of its own for template section ``section_id``?"""
    if ctx.template is None or section.level <= 1:
        return True
    return _subsection_may_carry(ctx.assignment, ctx.template, section, section_id or "")


def _matching_sections(section: Section, template: Template) -> list[str]:
    if section.heading is None:
        return []
    # 二、差距： on its own line: the patterns anchored at a heading's end read it without the colon;
    # and 二、“一把手”履职情况 as 一把手履职情况 (the patterns name the words, not their quotes)
    text = QUOTE_MARKS.sub("", section.heading.text).rstrip(HEADING_END_MARKS)
    matched: list[str] = []
    for template_section in template.sections:
        if template_section.fallback and matched:
            continue
        if _heading_carries(template_section, text):
            matched.append(template_section.id)
    # The fallback's own heading words (主要举措, 工作情况) lose to a specific section, unless the
    # heading lists them first (一、主要做法、成效及存在的问题: the measures and the problems).
    specific = [m for m in matched if not _is_fallback(template, m)]
    if specific and len(specific) < len(matched) and _lists_fallback_first(text, template, specific):
        return matched
    return specific or matched


LISTING = lazy(r"[、，及和与并]")
HEADING_END_MARKS = "：:。．.；;，,！!？?　 "
QUOTE_MARKS = lazy(r"[“”‘’\"'「」『』]")


def _lists_fallback_first(text: str, template: Template, specific: list[str]) -> bool:
    """Whether the heading lists the fallback's words in a part of their own before a part naming
    a specific section, the parts joined by a conjunction (主要做法、成效及存在的问题; 2025年工作情况
    和2026年工作打算, where the plan's pattern, 2025年……打算, also spans the first part), not inside
    one phrase (下一步主要工作)."""
    fallback = next((s for s in template.sections if s.fallback), None)
    if fallback is None:
        return False
    sections = [s for s in template.sections if s.id in specific]
    for part in (p for p in LISTING.split(text) if p):
        if any(_heading_carries(s, part) for s in sections):
            return False  # a specific part first
        if _heading_carries(fallback, part):
            return True
    return False


def _heading_carries(template_section: TemplateSection, text: str) -> bool:
    """Does a heading's text name the template section (and none of its ``not_headings``)?"""
    # occurs(): whether, not where (a long alternation searched only in the branches whose strings
    # the heading holds: 181 µs a report for the forty headings' tests, against 211 searched whole)
    pattern = any_of(template_section.headings)
    if pattern is None or not occurs(pattern, text):
        return False
    unless = any_of(template_section.not_headings)
    return unless is None or not occurs(unless, text)


def _is_fallback(template: Template, section_id: str) -> bool:
    section = template.section(section_id)
    return bool(section and section.fallback)


def heading_predicate(pack: Pack) -> tuple[str, ...]:
    """Every template's section headings: short unnumbered lines matching one are headings."""
    patterns: list[str] = []
    for template in pack.templates.values():
        for section in template.sections:
            patterns.extend(section.headings)
    return tuple(dict.fromkeys(patterns))
