"""Kind ``element``: is a required content there, as a section of its own with substance?

The verdict, from best to worst:

* **present** — a section of its own (assigned to the rule's template
  ``section``, or under a heading matching ``headings``) whose body has at least
  ``min_chars`` Chinese characters, or at least half as many and specific content
  (two different ``strong`` phrases, two items of its own, or figures); with ``require_strong``, the body must also
  hold ``min_strong`` of the ``strong`` phrases (causes are analysed inside the
  shortcomings section, so the section alone proves nothing);
* **weak** — a section with too little under it, a heading that promises the
  element (``promise``) with nothing behind it, only ``weak`` phrases inside its
  section, or only a passing mention (a ``strong`` phrase) elsewhere in the report;
* **missing** — none of these.

The verdict cites the heading or phrases it judged, or says what was searched
for and where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from checker.context import Context, Span, Verdict
from checker.pack.loader import Rule
from checker.templating import is_heading_for
from checker.text.outline import Section, outermost
from checker.text.patterns import any_of, finditer, search
from checker.text.spans import SpanIndex

PHASE = 1
MAX_EVIDENCE = 3
# What makes a short section specific (see _specifics).
SPECIFIC_PHRASES = 2
SPECIFIC_ITEMS = 2
SPECIFIC_FIGURES = 2
FIGURE = regex.compile(r"\d+(?:\.\d+)?\s*(?:%|[次件项个人期场份名家])")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # normalize.is_han


def run(rule: Rule, ctx: Context) -> Iterator[Verdict]:
    yield judge(rule, ctx)


def judge(rule: Rule, ctx: Context) -> Verdict:
    own = _own_sections(rule, ctx)
    strong = any_of(tuple(rule.get("strong", [])))
    weak = any_of(tuple(rule.get("weak", [])))
    promise = any_of(tuple(rule.get("promise", [])))
    min_chars = int(rule.get("min_chars", 0))
    min_strong = int(rule.get("min_strong", 1))
    looks_for = rule.get("looks_for", rule.name)
    view = ctx.view

    if own:
        bodies = [(s.body_start, s.end) for s in own]
        headings = [Span(s.start, s.heading.title_end) for s in own if s.heading]
        size = sum(_han_count(view.text, a, b) for a, b in bodies)
        where = "、".join(f"“{_title(s)}”" for s in own)
        if not rule.get("require_strong"):
            if size >= min_chars:
                return Verdict("present", headings[:MAX_EVIDENCE] or _first(view, bodies),
                               f"有专门章节，正文 {size} 字")
            signs = _specifics(ctx, own, strong, bodies)
            if size >= min_chars // 2 and signs:
                return Verdict("present", headings[:MAX_EVIDENCE] or _first(view, bodies),
                               f"有专门章节，正文 {size} 字，内容具体（{signs}）")
            return Verdict("weak", headings[:MAX_EVIDENCE],
                           f"有专门章节，但正文仅 {size} 字（应不少于 {min_chars} 字）")
        dedicated = _dedicated(rule, own)
        if dedicated and sum(_han_count(view.text, s.body_start, s.end)
                             for s in dedicated) >= min_chars:
            return Verdict("present", [Span(s.start, s.heading.title_end)
                                       for s in dedicated if s.heading],
                           "有专门章节")
        hits = _hits(strong, view.text, bodies)
        if len(hits) >= min_strong:
            return Verdict("present", hits[:MAX_EVIDENCE], f"见章节 {where}")
        promised = [h for h in headings if promise is not None
                    and search(promise, view.text, h.start, h.end)]
        if promised:
            return Verdict("weak", promised[:MAX_EVIDENCE],
                           f"标题提到了{looks_for}，但正文中未见相应内容")
        weak_hits = _hits(weak, view.text, bodies)
        if weak_hits:
            return Verdict("weak", weak_hits[:MAX_EVIDENCE],
                           f"章节 {where} 中只有零星表述（{_quote(view.text, weak_hits)}）")

    # Outside its own section only a strong phrase counts: generic words such as
    # 由于 or 导致 in the measures say nothing about the element.
    hits = _hits(strong, view.text, _outside(own, len(view.text)))
    if hits:
        places = "、".join(dict.fromkeys(f"“{_title(ctx.outline.section_at(h.start))}”"
                                         for h in hits[:MAX_EVIDENCE]))
        return Verdict("weak", hits[:MAX_EVIDENCE], f"没有专门章节，仅在 {places} 中提及")
    section_name = ""
    if ctx.template and rule.get("section"):
        template_section = ctx.template.section(rule.get("section"))
        section_name = template_section.name if template_section else ""
    searched = f"标题为“{section_name}”一类的章节，或" if section_name else ""
    return Verdict("missing", [], f"未找到{searched}{looks_for}的表述（检索范围：全文）")


def _specifics(ctx: Context, own: list[Section], strong: regex.Pattern[str] | None,
               bodies: list[tuple[int, int]]) -> str:
    """Why a short section still has real content, or "" when it has none.

    A short section counts when it is specific: two different strong phrases
    (亲自部署 and 述法), two or more items of its own (（一）（二）, 一是、二是), or
    figures (学法12次). One general sentence has none of these.
    """
    text = ctx.view.text
    phrases = {text[h.start:h.end] for h in _hits(strong, text, bodies)}
    if len(phrases) >= SPECIFIC_PHRASES:
        return "、".join(sorted(phrases)[:3])
    inside = SpanIndex(bodies)
    items = sum(len(s.children) for s in own) + sum(
        1 for e in ctx.outline.enumerations if inside.holds(e.start))
    if items >= SPECIFIC_ITEMS:
        return f"{items} 项具体内容"
    figures = sum(len(FIGURE.findall(text, a, b)) for a, b in bodies)
    if figures >= SPECIFIC_FIGURES:
        return f"{figures} 处具体数字"
    return ""


def _own_sections(rule: Rule, ctx: Context) -> list[Section]:
    sections = ctx.sections_for(rule.get("section"))
    headings = any_of(tuple(rule.get("headings", [])))
    if headings is not None:
        chosen = {id(s) for s in sections}  # by identity: comparing sections compares whole subtrees
        for section in ctx.outline.sections():
            if section.heading and search(headings, section.heading.text) \
                    and id(section) not in chosen \
                    and is_heading_for(ctx, section, rule.get("section")):
                sections.append(section)
                chosen.add(id(section))
    # Drop sections nested inside another chosen section: their text is counted already.
    return outermost(sections)


def _dedicated(rule: Rule, own: list[Section]) -> list[Section]:
    headings = any_of(tuple(rule.get("headings", [])))
    if headings is None:
        return []
    found: list[Section] = []
    seen: set[int] = set()
    for section in own:
        for sub in [section, *section.walk()]:
            if sub.heading and search(headings, sub.heading.text) and id(sub) not in seen:
                found.append(sub)
                seen.add(id(sub))
    return found


def _hits(pattern: regex.Pattern[str] | None, text: str, spans: list[tuple[int, int]]) -> list[Span]:
    if pattern is None:
        return []
    found: list[Span] = []
    for start, end in spans:
        for match in finditer(pattern, text, start, end):
            if match.end() > match.start():
                found.append(Span(match.start(), match.end()))
    return found


def _outside(own: list[Section], length: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for section in sorted(own, key=lambda s: s.start):
        if section.start > cursor:
            spans.append((cursor, section.start))
        cursor = max(cursor, section.end)
    if cursor < length:
        spans.append((cursor, length))
    return spans


def _han_count(text: str, start: int, end: int) -> int:
    """Characters for which ``is_han`` holds, counted in C (the same three ranges)."""
    return len(HAN.findall(text, start, end))


def _title(section: Section) -> str:
    if section.heading is None:
        return "开头部分"
    title = section.heading.text
    return title if len(title) <= 24 else title[:23] + "…"


def _first(view: object, bodies: list[tuple[int, int]]) -> list[Span]:
    return [Span(bodies[0][0], min(bodies[0][0] + 20, bodies[0][1]))] if bodies else []


def _quote(text: str, hits: list[Span]) -> str:
    return "、".join(dict.fromkeys(f"“{text[h.start:h.end]}”" for h in hits[:MAX_EVIDENCE]))
