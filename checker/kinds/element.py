"""Kind ``element``: is a required content there, as a section of its own with substance?

The verdict, from best to worst:

* **present** — a section of its own (assigned to the rule's template
  ``section``, or under a heading matching ``headings``) that says something
  concrete. With a ``substance`` spec, enough of its sentences are specific (see
  :mod:`checker.kinds.substance`: figures, dates, documents, named programmes,
  concrete actions — not slogans), however long the section is, and when the spec
  names ``requires`` cue sets at least one sentence matches them (a shortcomings
  section owns up to something: 整改问题126个 alone is work done); without one, the
  body has ``min_chars`` Chinese characters, or half as many and specific content.
  With ``require_strong`` (the causes, analysed inside the shortcomings section),
  the section must hold the analysis itself: a ``strong`` phrase whose passage
  runs to ``min_chars`` characters, ``min_sites`` separate analyses (a cause under
  each problem), ``min_clauses`` causes named (or ``min_clauses_with_figures`` of them
  holding a figure), or a sub-heading of its own
  (``headings``); clauses of stock wording (``boilerplate`` phrases such as 思想认识不到位
  and ``boilerplate_words``, :mod:`checker.kinds.stock`) count toward none of these;
* **weak** — a section that is thin or generic, one sentence of analysis, a heading
  that promises the element (``promise``) with nothing behind it, only ``weak``
  phrases inside its section, or only a passing mention (a ``strong`` phrase)
  elsewhere in the report;
* **missing** — none of these. A heading with nothing under it (or only drafting
  hints, which the matching view leaves out) is not a section of its own.

Where the report gives an element no heading at all, a paragraph about it from its
first words (an ``opens`` lead-in: 区长认真履行……第一责任人职责，……) stands for the
section and is judged by the same substance spec (:mod:`checker.kinds.paragraphs`);
anything less is a mention.

The verdict cites the heading or passages it judged, or says what was searched
for and where.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from checker.context import Context, Span, Verdict
from checker.kinds.paragraphs import (
    LEAD_IN_ENDS,
    opening_rules,
    own_paragraphs,
    part_at,
    parts,
    recalls_the_year,
    year_fits,
)
from checker.kinds.restate import Loose, restates
from checker.kinds.stock import CLAUSE_SPLIT, DIGIT, StockWording, clauses
from checker.kinds.substance import cue_set, cues_for, measure_sections
from checker.model import FrozenRecord
from checker.pack.loader import Rule
from checker.templating import is_heading_for
from checker.text import levels, regex_cache
from checker.text.markers import ITEM_MARKER
from checker.text.normalize import clipped, han_count
from checker.text.numbers import named_years
from checker.text.outline import Section
from checker.text.patterns import any_of, finditer, match_spans, search, search_text
from checker.text.spans import SpanIndex, subtract
from checker.text.substance import Substance, measure

PHASE = 1
MAX_EVIDENCE = 3
HOME_LEAD = 12  # characters of the next paragraph within which its analysis may begin
# What makes a short section specific when a rule has no substance spec (see _specifics).
SPECIFIC_PHRASES = 2
SPECIFIC_ITEMS = 2
SPECIFIC_FIGURES = 2
PLENTY = 10
CLAUSE_HAN = 4
# A body that says nothing is short (无。, 详见附件1, 经自查，未发现明显问题。): longer ones say something.
NOTHING_MAX = 300
SENTENCE_MARK = regex_cache.compiled(r"[。！？；]")
# Where a sentence ends, for the analysis a closing cue looks back over (the clauses before a
# ；are part of it: 编制有限；培训不足，是主要原因).
SENTENCE_END = regex_cache.compiled(r"[。！？?!]")
# The characters a cue may leave after it and still close its sentence (……是重要原因之一。)
CLOSING_TAIL = 3
# How far back the sentence before a mention may begin (``mentions_near``).
NEAR_BACK = 200
FIGURE = regex_cache.compiled(r"\d+(?:\.\d+)?\s*(?:%|[次件项个人期场份名家])")


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Patterns(FrozenRecord):
    strong: regex.Pattern[str] | None
    weak: regex.Pattern[str] | None
    promise: regex.Pattern[str] | None
    # the opening of a sentence that points back to the one before (这是……的根本原因。)
    refers_back: regex.Pattern[str] | None
    # cues that are an analysis only in several places (受……影响，…… under each problem)
    sited: regex.Pattern[str] | None

    def __init__(
        self, strong: regex.Pattern[str] | None, weak: regex.Pattern[str] | None,
        promise: regex.Pattern[str] | None, refers_back: regex.Pattern[str] | None = None,
        sited: regex.Pattern[str] | None = None,
    ) -> None:
        vars(self).update(strong=strong, weak=weak, promise=promise, refers_back=refers_back, sited=sited)

    @classmethod
    def of(cls, rule: Rule) -> Patterns:
        return cls(*(any_of(tuple(rule.get(key, [])))
                     for key in ("strong", "weak", "promise", "refers_back", "sited")))


def run(rule: Rule, ctx: Context) -> Iterator[Verdict]:
    yield judge(rule, ctx)


def judge(rule: Rule, ctx: Context) -> Verdict:
    found = _own_sections(rule, ctx)
    nothing = any_of(tuple(rule.get("nothing", [])))
    own = [s for s in found if _says_something(ctx.view.text, s, nothing)]
    patterns = Patterns.of(rule)
    if own:
        verdict = _require_strong(rule, ctx, own, patterns) if rule.get("require_strong") \
            else _section(rule, ctx, own, patterns)
        if verdict is not None:
            return verdict
    elif rule.get("require_strong"):
        verdict = _in_home_paragraph(rule, ctx, patterns)
        if verdict is not None:
            return verdict
    paragraph = _paragraph(rule, ctx, found) if rule.get("opens") else None
    if paragraph is not None:
        return paragraph
    # Elsewhere: outside every section of its own, the empty ones too (their headings
    # name the element; that is no mention of it), and outside the sections where a mention
    # reports nothing (一是落实第一责任人职责 in next year's plan is a pledge).
    unreported = [s for key in rule.get("mentions_not_in", ()) for s in ctx.sections_for(key)]
    hits = _hits(patterns.strong, ctx.view.text, _outside([*found, *unreported], _body_end(ctx)))
    # a mention that names a year names a later one, where the rule's lead-ins must (2024年，我局将
    # 执法培训纳入年度计划 in a report on 2024 is work done, not a plan)
    hits = [h for h in hits if year_fits(rule, ctx, ctx.view.text[h.start:h.end])]
    near = cue_set(ctx.pack, rule.get("mentions_near", [])) if hits else None
    dropped: list[Span] = []
    if near is not None:  # 这主要是因为乡党委高度重视 after a success names the cause of no shortcoming
        # (a lead-in that says whose causes it gives, 究其原因 or 产生上述问题的原因, needs no neighbour)
        anywhere = any_of(tuple(rule.get("mentions_anywhere", [])))
        kept = [h for h in hits if _near(near, ctx.view.text, h.start)
                or (anywhere is not None and search(anywhere, ctx.view.text, h.start, h.end) is not None)]
        dropped, hits = [h for h in hits if h not in kept], kept
    if hits:
        # Outside its own section only a strong phrase counts: generic words such as
        # 由于 or 导致 in the measures say nothing about the element.
        places = "、".join(dict.fromkeys(f"“{_title(ctx.outline.section_at(h.start))}”"
                                         for h in hits[:MAX_EVIDENCE])) if ctx.outline.headings else "正文"
        # A passing mention lacks the section itself: the suggestion is how to add it (单列一节),
        # not how to fill a section that is not there.
        return Verdict("weak", hits[:MAX_EVIDENCE], f"没有专门章节，仅在{places}中提及",
                       suggestion=rule.suggestion, hollow=_says_nothing_specific(rule, ctx, hits))
    empty = [s for s in found if s not in own]
    if empty:
        said = "、".join(f"“{body}”" for body in dict.fromkeys(
            _what_it_says(ctx.view.text[s.body_start:s.end]) for s in empty) if body)
        return Verdict("missing", _headings(empty),
                       f"章节{_where(empty)}下没有实际内容（只写了{said}）" if said
                       else f"章节{_where(empty)}下没有内容")
    section_name = ""
    if ctx.template and rule.get("section"):
        template_section = ctx.template.section(rule.get("section"))
        section_name = template_section.name if template_section else ""
    looks_for = rule.get("looks_for", rule.name)
    if dropped:  # the words are there, said of no shortcoming: not "nothing in the whole text"
        where = f"文中“{ctx.view.text[dropped[0].start:dropped[0].end]}”一类的说法讲的不是不足的原因"
        where = (f"章节{_where(own)}中没有相应内容，" if own else "") + where
    elif own:  # the section is there (the causes' home, the shortcomings): it says nothing of this
        where = f"章节{_where(own)}中没有相应内容，全文也没有相应表述"
    elif section_name:
        where = f"没有标题为“{section_name}”一类的章节，全文也没有相应表述"
    else:
        where = "全文没有相应表述"
    return Verdict("missing", [], f"未找到{looks_for}：{where}")


def _section(rule: Rule, ctx: Context, own: list[Section], patterns: Patterns) -> Verdict:
    """A section of its own: present when it says something concrete."""
    text = ctx.view.text
    bodies = [(s.body_start, s.end) for s in own]
    headings = _headings(own) or _first(bodies)
    # A report with no headings at all is judged whole: it has no section of its own to name.
    own_kind = "有专门章节" if any(s.heading for s in own) \
        else "报告未分章节，按全文判断" if not ctx.outline.headings else "见第一个小标题之前的部分"
    size = sum(han_count(text, a, b) for a, b in bodies)
    min_chars = int(rule.get("min_chars", 0))
    spec = rule.get("substance")
    if spec is None:
        if size >= min_chars:
            return Verdict("present", headings, f"{own_kind}，正文 {size} 字")
        signs = _specifics(ctx, own, patterns.strong, bodies)
        if size >= min_chars // 2 and signs:
            return Verdict("present", headings, f"{own_kind}，正文 {size} 字，内容具体：{signs}")
        return Verdict("weak", headings, f"{own_kind}，但正文仅 {size} 字，应不少于 {min_chars} 字")
    if spec.get("shared_requires") and _shared(rule, ctx, own, spec.get("shared_with")):
        spec = {**spec, "requires": spec["shared_requires"],
                "requires_note": spec.get("shared_requires_note", spec.get("requires_note"))}
    ahead = cue_set(ctx.pack, spec["requires"]) if spec.get("requires") else None
    recalled: list[int] = []
    theirs = _left_to_others(rule, ctx, own)

    def counts(start: int, end: int) -> bool:
        if any(a <= start < b for a, b in theirs):
            return False
        if recalls_the_year(rule, ctx, start, end, ahead):
            recalled.append(start)
            return False
        return True

    cues = cues_for(ctx.pack, spec)
    counted = measure_sections(ctx, own, cues, counts)
    if counted.sentences < int(spec.get("min_sentences", 1)):
        # Items whose run-in titles are the content (（一）部分执法人员法治意识不强，执法程序不规范。
        # with only its cause after it): with too little body besides, the titles are read too.
        counted = max(counted, measure_sections(ctx, own, cues, counts, titles_too=True),
                      key=lambda measured: measured.sentences)
    if counted.sentences < int(spec.get("min_sentences", 1)):
        if counted.sentences == 0 and recalled:
            # every sentence opens with the year reported on and looks nowhere ahead
            return Verdict("weak", headings, f"{own_kind}，但写的都是{ctx.meta.year}年已经做的工作，"
                                             "没有写出下一年度要做什么", hollow=True)
        if counted.sentences == 0:
            # every piece too short to be a sentence (一是加强学习。二是强化执法。)
            return Verdict("weak", headings, f"{own_kind}，但只有几个短语，没有成句的内容，正文 {size} 字",
                           hollow=True)
        return Verdict("weak", headings, f"{own_kind}，但只有 {counted.sentences} 句话，正文 {size} 字",
                       hollow=counted.specific == 0)
    if not _says_what_it_must(spec, counted) and counted.specific > 0:
        # the run-in titles may say it (（一）执法力量不足。在编执法人员11人，需承担1400余家……: the title owns
        # up to the want its body measures)
        titled = measure_sections(ctx, own, cues, counts, titles_too=True)
        if _says_what_it_must(spec, titled):
            counted = titled
    if not _says_what_it_must(spec, counted) and counted.specific > 0:
        # figures of work done (整改问题126个) under a shortcomings heading own up to nothing;
        # a section with nothing specific at all is told so below (its slogans are the matter)
        note = spec.get("requires_note", "没有写出相应内容")
        return Verdict("weak", headings, f"{own_kind}，但{note}", hollow=True)
    stale = _stale_heading(rule, ctx, own)
    # (四、2024年工作打算 over 一是2025年上半年……: the heading's year is a slip, reported as such by the
    # heading-year rule; the plan under it is the year ahead's)
    if stale is not None and ctx.meta.year is not None \
            and not any(f"{ctx.meta.year + 1}年" in ctx.view.text[s.body_start:s.end] for s in own):
        # 四、2024年工作安排 in a report on 2024: last year's plan kept, the year ahead unplanned
        return Verdict("weak", headings,
                       f"{own_kind}，但标题写的是{stale}年，不是下一年度（{ctx.meta.year + 1}年）的安排")
    copied = _copied_from(ctx, spec, counted)
    if copied is not None:
        return Verdict("weak", headings, f"{own_kind}，但有数据的句子都与“{copied}”中的原句相同，"
                                         "写的是已经做了的工作")
    if not _names_whom_it_must(ctx, spec, bodies) and counted.specific > 0:
        # the committee's meetings and the justice bureau's inspections, under the head's heading,
        # are not the head's own acts (a section naming only a deputy says nothing of the head either)
        return Verdict("weak", headings, f"{own_kind}，但{spec.get('names_note', '没有写出相应的主体')}")
    if size < min_chars // 2 and not counted.has_facts(int(spec.get("dense", 1_000_000))):
        # too little to report the year's work (hollow when none of it is concrete)
        return Verdict("weak", headings, f"{own_kind}，但正文仅 {size} 字，应不少于 {min_chars} 字",
                       hollow=counted.specific == 0)
    if _concrete(spec, counted):
        return Verdict("present", headings, f"{own_kind}，{_specific_share(counted)}有数据或具体事例")
    sample = [Span(a, b) for a, b in counted.generic_spans[:1]]
    if counted.specific == 0:
        why = (f" {counted.sentences} 句均为概括性表述" if counted.sentences > 1 else "只有一句概括性表述") \
            + "，没有数据或具体事例"
    elif counted.specific < int(spec.get("min_specific_sentences", 0)):
        why = f"只有 {counted.specific} 句有数据或具体事例，其余 {counted.generic} 句为概括性表述"
    elif counted.facts < int(spec.get("min_specific", 1)):
        why = f"只有 {counted.facts} 处数据或具体事例，应不少于 {int(spec.get('min_specific', 1))} 处"
    else:
        why = f" {counted.sentences} 句中 {counted.generic} 句为概括性表述，只有 {counted.specific} 句有数据或具体事例"
    return Verdict("weak", [*headings[:2], *sample], f"{own_kind}，但{why}", hollow=counted.specific == 0)


def _left_to_others(rule: Rule, ctx: Context, own: list[Section]) -> list[tuple[int, int]]:
    """The sub-sections of ``own`` that the rules the rule ``leaves`` have for their own (（二）原因分析
    under 三、存在的不足和原因 is the causes', not the shortcomings')."""
    spans: list[tuple[int, int]] = []
    leaves = set(rule.get("leaves", ()))
    for other in (r for r in ctx.pack.rules if r.id in leaves):  # (a pack may have disabled one)
        spans.extend((sub.start, sub.end) for sub in _dedicated(other, own)
                     if all(sub is not section for section in own))
    return spans


def _shared(rule: Rule, ctx: Context, own: list[Section], only_with: list[str] | None = None) -> bool:
    """Whether every one of ``own`` is also another content's whole section (one heading names
    both, and no lead-in divides the body: 三、存在的问题及整改措施); with ``only_with``, one of
    those template sections' (the measures', not the plan's)."""
    spans = {(s.start, s.end, s.body_start) for s in own}
    others = {(s.start, s.end, s.body_start) for key, sections in ctx.assignment.items()
              if key != rule.get("section") and (only_with is None or key in only_with) for s in sections}
    return bool(spans) and spans <= others


def _says_nothing_specific(rule: Rule, ctx: Context, hits: list[Span]) -> bool:
    """Whether the sentences that mention the element (outside any section of its own) are all
    generic by its ``substance`` cues (主要负责同志认真履行第一责任人职责 and nothing more);
    False for an element measured without them."""
    spec = rule.get("substance")
    if spec is None:
        return False
    spans = sorted({span for h in hits if (span := ctx.sentence_at(h.start)) is not None})
    return measure(ctx.view.text, spans, cues_for(ctx.pack, spec)).specific == 0


def _concrete(spec: dict[str, Any], counted: Substance) -> bool:
    """Enough concrete facts, in enough of the sentences: a long section of slogans with
    one figure is still generic; a short one with three figures is not."""
    by_share = counted.specific >= math.ceil(float(spec.get("min_share", 0.0)) * counted.sentences)
    if counted.specific < int(spec.get("min_specific_sentences", 0)):
        return False
    return counted.has_facts(int(spec.get("min_specific", 1))) and (
        by_share or counted.specific >= int(spec.get("plenty", PLENTY)))


def _says_what_it_must(spec: dict[str, Any], counted: Substance) -> bool:
    """A sentence matching the spec's ``requires`` cue sets, when it names any; with
    ``requires_specific``, a specific one (the head's 亲自部署 beside the department's own figures,
    全局办理处罚案件386件, says nothing the head did that can be checked)."""
    if not spec.get("requires"):
        return True
    return (counted.required_specific if spec.get("requires_specific") else counted.required_sentences) > 0


def _stale_heading(rule: Rule, ctx: Context, own: list[Section]) -> int | None:
    """With ``opens_year: later``, the year the section's headings name when none names a later
    year than the report's (四、2024年工作安排 in a report on 2024); None otherwise."""
    if rule.get("opens_year") != "later" or ctx.meta.year is None:
        return None
    headed = [s for s in own if s.heading is not None]
    # a heading another content shares (三、2024年存在的问题和下一步打算) names the problems' year
    if not headed or any(ctx.heads_two_contents(s) for s in headed):
        return None
    years = [y for s in headed if s.heading is not None
             for y in named_years(ctx.view.text, s.heading.start, s.heading.title_end)]
    return max(years) if years and max(years) <= ctx.meta.year else None


COPIED_MIN = 30  # characters of Chinese the copied sentences hold at least (短句 coincide)


def _copied_from(ctx: Context, spec: dict[str, Any], counted: Substance) -> str | None:
    """The name of the content (``not_copied_from``) whose sentences every specific sentence of
    the section repeats word for word (a plan pasted from the year's measures); None otherwise."""
    names = spec.get("not_copied_from")
    if not names or not counted.specific_spans or ctx.template is None:
        return None
    text = ctx.view.text
    own = [_unmarked(text[a:b]) for a, b in counted.specific_spans]
    if sum(han_count(sentence) for sentence in own) < COPIED_MIN:
        return None
    for name in names:
        said = {_unmarked(text[a:b]) for section in ctx.sections_for(name)
                for a, b in ctx.sentences_in(section.body_start, section.end)}
        if said and all(sentence in said for sentence in own):
            other = ctx.template.section(name)
            return other.name if other is not None else name
    return None


def _unmarked(sentence: str) -> str:
    """A sentence without the item marker it opens with: 一是全年办理……。 pasted under the plan is the
    measures' 全年办理……。 all the same (and so after a lead-in: 重点做好以下工作：一是……)."""
    sentence = sentence.strip()
    colon = sentence.find("：")
    if colon >= 0 and ITEM_MARKER.match(sentence, colon + 1) is not None:
        sentence = sentence[colon + 1:]
    marker = ITEM_MARKER.match(sentence)
    return sentence[marker.end():].lstrip() if marker is not None else sentence


def _names_whom_it_must(ctx: Context, spec: dict[str, Any], bodies: list[tuple[int, int]]) -> bool:
    """Whether the bodies name someone of the spec's ``names`` cue sets somewhere (the duty's
    principal leader: 县长, 党组书记、局长, 主要负责同志, 我), or, with ``others``, name none of those
    either (全年主持局务会议…… with no subject is the head's, under a heading naming the head)."""
    pattern = cue_set(ctx.pack, spec["names"]) if spec.get("names") else None
    if pattern is None:
        return True
    text = ctx.view.text
    foreign = cue_set(ctx.pack, spec["foreign"]) if spec.get("foreign") else None
    if foreign is None and any(search(pattern, text, a, b) is not None for a, b in bodies):
        return True
    others = cue_set(ctx.pack, spec["others"]) if spec.get("others") else None

    def someone_else() -> bool:  # (a search of every body: asked only where it decides)
        return others is not None and any(search(others, text, a, b) is not None for a, b in bodies)

    if foreign is not None:
        named = [(m, a) for a, b in bodies for m in finditer(pattern, text, a, b)]
        led = cue_set(ctx.pack, spec["led"]) if spec.get("led") else None
        led_only = False  # the filer's own heads named so far are all bodies it leads (常务会议)
        for match, floor in named:
            if _someone_elses(ctx, spec, foreign, match, floor):
                continue
            if led is None or not led.fullmatch(match.group(0)):
                return True  # the filer's own head in person
            led_only = True
        if led_only:
            return not someone_else()  # the bodies the head leads, beside a deputy's work: the deputy's
        if named:
            return False  # only other bodies' heads (县人大常委会主任主持……): someone else at work
    return others is not None and not someone_else()


FOREIGN_REACH = 24  # characters before a head's title where another body's name may begin


def _someone_elses(ctx: Context, spec: dict[str, Any], foreign: regex.Pattern[str], head: regex.Match[str],
                   floor: int) -> bool:
    """Whether the head's title ``head`` is another body's head: it follows another body's name
    (县司法局局长, 县委办公室主任, 依法治县办主任会议: the cue set's group ``body``), unless the filer is that
    body in any length (县市场监管局局长 or 县人社局局长 in the bureau's own report); or it is a bare title
    of a level (县长, 县委书记: the group ``level``) the filer is not the government of (a township's
    report, a department's). With no issuer known, a bare title is not judged."""
    text = ctx.view.text
    start = max(floor, head.start() - FOREIGN_REACH)
    found = next((f for f in finditer(foreign, text, start, head.end()) if f.end() == head.end()), None)
    if found is None:
        return False
    groups = found.groupdict()
    filers = [name for name in (ctx.meta.issuer or "").split("、") if name]
    own_level = cue_set(ctx.pack, spec["own_level"]) if spec.get("own_level") else None
    if groups.get("level"):
        # (a 司法局 that signs its government's report: the government's own level is the bureau's)
        if ctx.template is not None and ctx.template.filer == "government" \
                and any(levels.of(ctx.pack).own_level(name) == groups["level"] for name in filers):
            return False
        return bool(filers) and not any(_level_of(own_level, name) == groups["level"] for name in filers)
    # (of the filer's own level's head, named by its level: 县委书记 and 县长 are the county's, 镇党委书记 a township's)
    body = groups.get("body") or found.group(0)
    lead_ins = cue_set(ctx.pack, spec["lead_ins"]) if spec.get("lead_ins") else None
    ranks = levels.of(ctx.pack)
    return not any(_same_body(own_level, lead_ins, ranks, body, name) for name in filers)


def _level_of(own_level: regex.Pattern[str] | None, name: str) -> str | None:
    """The level of a government or party committee's name (柳溪县人民政府, 中共柳溪县委, 县政府 → 县; a
    department → None), by the spec's ``own_level`` cue sets (their group ``level``)."""
    found = None if own_level is None else own_level.search(name)
    return found.group("level") if found is not None and found.group("level") else None


def _same_body(own_level: regex.Pattern[str] | None, lead_ins: regex.Pattern[str] | None,
               ranks: levels.Levels, body: str, filer: str) -> bool:
    """Whether ``body`` names the filer in some length: a government or party committee of the filer's
    level whose place the filer's name holds (县委, 柳溪县委 and 县政府 for 柳溪县人民政府); any other body
    when one name is the other's abbreviation (the filer's from where the body's begins), its characters
    in order and ending alike (县人社局 and 柳溪县人力资源和社会保障局; 县市场监督管理局 and 示例县市场监管局;
    县政府办公室 is not 县人民政府, nor 柳溪县司法局 柳溪县人民政府). Words before the name (一年来县政府, 中共
    柳溪县委) are none of it; a body of a level above the filer's (市司法局 in 青石市柳溪区司法局's report) is
    never the filer."""
    filer = filer[:-3] + "委" if filer.endswith("委员会") else filer
    while lead_ins is not None and (lead := lead_ins.match(body)) is not None and 0 < lead.end() < len(body) - 1:
        body = body[lead.end():]
    mine = ranks.own_level(filer)
    if any(ranks.higher_than(level, mine) for _, level in ranks.levels_in(body, whole=False)):
        return False
    level = _level_of(own_level, body)
    if level is not None and own_level is not None:
        found = own_level.search(body)
        # the place before the name's end (柳溪县 of 柳溪县委; 县 of 县委县政府, a joint name matched whole)
        place = body[:found.start()] + level if found is not None else body
        return level == _level_of(own_level, filer) and _in_order(place, filer)
    if body[-1] != filer[-1]:
        return False
    # the filer's name from where the body's begins: its place may stand before (示例县市场监管局, 县市场监督管理局)
    tail = filer[max(filer.find(body[0]), 0):]
    return _in_order(body, filer) or _in_order(tail, body)


def _in_order(short: str, long: str) -> bool:
    """Whether ``short``'s characters all occur in ``long`` in their order (an abbreviation)."""
    chars = iter(long)
    return all(ch in chars for ch in short)


def _specific_share(counted: Substance) -> str:
    if counted.sentences == 1:
        return ""
    if counted.specific == counted.sentences:
        return f"{counted.sentences} 句均"
    return f"{counted.sentences} 句中 {counted.specific} 句"


def _paragraph(rule: Rule, ctx: Context, found: list[Section]) -> Verdict | None:
    """A paragraph of its own with substance, where the report has no section for the element."""
    spec = rule.get("substance")
    if spec is None:
        return None
    min_chars = int(rule.get("min_chars", 0))
    text = ctx.view.text
    for paragraph in own_paragraphs(rule, ctx, _outside(found, _body_end(ctx))):
        counted = paragraph.counted
        if counted.sentences < int(spec.get("min_sentences", 1)) \
                or han_count(text, paragraph.start, paragraph.end) < min_chars // 2:
            continue
        if _concrete(spec, counted) and _says_what_it_must(spec, counted):
            return Verdict("present", [paragraph.lead],
                           f"没有专门标题，但有专门一段，{_specific_share(counted)}有数据或具体事例")
    return None


def _in_home_paragraph(rule: Rule, ctx: Context, patterns: Patterns) -> Verdict | None:
    """Where the element's home (the shortcomings) is a paragraph of its own and no section (a
    report without headings: 在肯定成绩的同时……还存在一些不足：……究其原因，……), the analysis is
    looked for in that paragraph and in the next one when it opens with the analysis."""
    text = ctx.view.text
    paragraphs = ctx.view.paragraphs if ctx.outline.headings else parts(ctx)
    for home in opening_rules(ctx, rule.get("section"), besides=rule):
        for paragraph in own_paragraphs(home, ctx, [(0, len(text))]):
            end = paragraph.end
            after = next((p for p in paragraphs if p[0] > end), None)
            # the next paragraph opens with the analysis: its cue begins within its first words (it
            # may run on: 一方面，……；另一方面，…… is one cue)
            lead = search(patterns.strong, text, after[0], after[1]) \
                if after is not None and patterns.strong is not None else None
            if after is not None and lead is not None and lead.start() - after[0] <= HOME_LEAD:
                end = after[1]
            verdict = _require_strong(rule, ctx, [Section(None, 1, paragraph.start, end)], patterns,
                                      where=f"“{_excerpt(text, paragraph.start)}”一段")
            if verdict is not None:
                return verdict
    return None


def _excerpt(text: str, start: int) -> str:
    line_end = text.find("\n", start)
    line = text[start:line_end if line_end >= 0 else len(text)]
    return line if len(line) <= 12 else line[:12] + "…"


def _require_strong(rule: Rule, ctx: Context, own: list[Section], patterns: Patterns,
                    where: str | None = None) -> Verdict | None:
    """An analysis inside the section (the causes of the shortcomings), or None to look elsewhere.
    ``where`` names the place in notes (default: the sections' headings)."""
    place = where or f"章节{_where(own)}"
    text = ctx.view.text
    min_chars = int(rule.get("min_chars", 0))
    # (（二）成因 over （略） is a heading with nothing under it)
    nothing = any_of(tuple(rule.get("nothing", [])))
    dedicated = [s for s in _dedicated(rule, own) if _says_something(text, s, nothing)]
    long_enough = sum(han_count(text, s.body_start, s.end) for s in dedicated) >= min_chars
    bodies = [(s.body_start, s.end) for s in own]
    if dedicated and long_enough:
        return _sub_section(rule, text, dedicated, long_enough, bodies)
    hits = _hits(patterns.strong, text, bodies)
    if hits:
        passages = _passages(ctx, hits, patterns.refers_back)
        # What every report says (思想认识不到位, 工作措施不够有力) names no cause: such clauses
        # count for neither the length, the sites nor the causes named.
        stock = StockWording.of(rule)
        sizes = [_substantive_han(text, a, b, stock) for a, b in passages]
        size = sum(sizes)
        sites = len(passages) if stock is None else sum(1 for n in sizes if n > CLAUSE_HAN)
        quoted = _quote(text, hits)
        named = _causes_named(text, hits, passages, stock, _long_han(rule))
        if _restates(rule, text, hits, passages, bodies, stock):
            return Verdict("weak", hits[:MAX_EVIDENCE],
                           f"{place}中的分析{quoted}只是把上文所列的不足又说了一遍，没有说出原因", hollow=True)
        if size >= min_chars or sites >= int(rule.get("min_sites", 2)) or named.enough(rule):
            where = f"{sites} 处分析" if sites > 1 else f"分析 {size} 字" if size >= min_chars \
                else f"列出 {named.clauses} 条原因"
            return Verdict("present", hits[:MAX_EVIDENCE], f"见{place}：{quoted}，{where}")
        # Only boilerplate, however long: say so, not "one sentence of 4 characters"; long
        # enough, or in enough places, but for its boilerplate: how little is specific
        # (客观上是编制有限；主观上是重视不够); else the one short sentence as written.
        written = sum(han_count(text, a, b) for a, b in passages)
        if stock is not None and size < written:
            # the cue's own words are no cause (……不够有力，是产生上述问题的主要原因)
            if size - _cue_han(text, hits, passages, stock) <= 2 * CLAUSE_HAN:
                return Verdict("weak", hits[:MAX_EVIDENCE], f"{place}中的分析{quoted}"
                               + _stock_note(rule, text, passages, stock), hollow=True)
            if written >= min_chars or len(passages) >= int(rule.get("min_sites", 2)):
                return Verdict("weak", hits[:MAX_EVIDENCE],
                               f"{place}中的分析{quoted}除去套话，具体的原因只有 {size} 字")
        return Verdict("weak", hits[:MAX_EVIDENCE],
                       f"{place}中只有一句分析：{quoted}，共 {written} 字")
    # A cause given under each problem by a cue that alone is a passing one (受2025年镇机构改革影响，……；
    # 受镇级财力影响，……): an analysis, as ``min_sites`` strong ones are.
    sited = _sited(ctx, rule, _hits(patterns.sited, text, bodies))
    if len(sited) >= int(rule.get("min_sites", 2)):
        return Verdict("present", sited[:MAX_EVIDENCE], f"见{place}：{_quote(text, sited)}，{len(sited)} 处分析")
    # ……or one that opens an analysis as long and as full as a strong cue's (受乡镇机构改革影响，审查职责
    # 由党政办兼管，审查人员每人还承担5项其他工作；加之……)
    leading = any_of(tuple(rule.get("sited_lead_ins", [])))
    # (a cause follows what it explains: 受机构改革影响，部分职责划转尚未完成 opening the section states
    # the problem, with its cause in passing)
    opening = [h for h in sited if _after_a_sentence(text, bodies, h.start)
               and (leading is None or search(leading, text, h.start, _sentence_end(text, h.end)) is None)]
    if opening:
        stock = StockWording.of(rule)
        passages = _passages(ctx, opening, patterns.refers_back)
        size = sum(_substantive_han(text, a, b, stock) for a, b in passages)
        # (受……影响， and the problems pasted again names one stock cause, no analysis)
        if size >= min_chars and _causes_named(text, opening, passages, stock, _long_han(rule)).enough(rule) \
                and not _restates(rule, text, opening, passages, bodies, stock):
            return Verdict("present", opening[:MAX_EVIDENCE], f"见{place}：{_quote(text, opening)}，分析 {size} 字")
    # A cause said in passing (受机构改革影响，……尚未完成) is something, if thin: before the heading's
    # promise, which alone would say the causes are there in name only.
    weak_hits = _hits(patterns.weak, text, bodies)
    if weak_hits:
        return Verdict("weak", weak_hits[:MAX_EVIDENCE],
                       f"{place}中只有零星表述：{_quote(text, weak_hits)}")
    if dedicated:  # a sub-section of its own, too short to be the analysis: thin, not absent
        return _sub_section(rule, text, dedicated, long_enough, bodies)
    headings = _headings(own)
    promised = [h for h in headings if patterns.promise is not None
                and search(patterns.promise, text, h.start, h.end)]
    if promised:
        looks_for = rule.get("looks_for", rule.name)
        return Verdict("weak", promised[:MAX_EVIDENCE], f"标题提到了{looks_for}，但正文中未见相应内容",
                       hollow=True)
    return None


def _sited(ctx: Context, rule: Rule, hits: list[Span]) -> list[Span]:
    """The ``sited`` cues that give a cause of their own: one per sentence, each followed in its
    sentence by more than ``CLAUSE_HAN`` characters outside stock clauses (受多种因素影响 alone is none)."""
    text = ctx.view.text
    stock = StockWording.of(rule)
    found: list[Span] = []
    taken: set[int] = set()
    for hit in hits:
        index = bisect_right(ctx.sentence_starts, hit.start) - 1
        if index < 0 or ctx.sentences[index][0] in taken:
            continue
        sentence = ctx.sentences[index]
        if _substantive_han(text, hit.end, sentence[1], stock) > CLAUSE_HAN:
            taken.add(sentence[0])
            found.append(hit)
    return found


def _restates(rule: Rule, text: str, hits: list[Span], passages: list[tuple[int, int]],
              bodies: list[tuple[int, int]], stock: StockWording | None) -> bool:
    """With ``no_restating``, whether the analysis only repeats the shortcomings above it
    (:mod:`checker.kinds.restate`)."""
    if not rule.get("no_restating"):
        return False
    cues = [cue for a, b in passages for cue in _one_clause_cues(text, hits, a, b)]
    marks = {p: stock.in_passage(text, *p) if stock is not None else None for p in passages}
    return restates(text, passages, bodies, cues, marks, CLAUSE_HAN, _loose(rule))


def _loose(rule: Rule) -> Loose | None:
    spec = rule.get("no_restating")
    if not isinstance(spec, dict):
        return None
    filler = any_of(tuple(spec["filler"]))
    return None if filler is None else Loose(filler, float(spec["share"]))


def _sub_section(rule: Rule, text: str, dedicated: list[Section], long_enough: bool,
                 around: list[tuple[int, int]]) -> Verdict:
    """A sub-section of its own (原因分析): the analysis, unless all it says, a word or two aside, is
    stock wording (主要是思想认识不到位，重视程度不够……) or the shortcomings of ``around`` again; one
    shorter than ``min_chars`` is thin unless it names causes enough (编制紧张，审核由党政办兼管，新进
    人员未经培训: three)."""
    stock = StockWording.of(rule)
    bodies = [(s.body_start, s.end) for s in dedicated]
    where = _where(dedicated)
    size = sum(_substantive_han(text, a, b, stock) for a, b in bodies)
    if size <= 2 * CLAUSE_HAN:
        return Verdict("weak", _headings(dedicated), f"小节{where}中" + _stock_note(rule, text, bodies, stock),
                       hollow=True)
    if _restates(rule, text, [], bodies, around, stock):
        return Verdict("weak", _headings(dedicated), f"小节{where}只是把上文所列的不足又说了一遍，没有说出原因",
                       hollow=True)
    # long enough for its own words, not for its stock ones: the heading is no analysis by itself
    # (原因分析。主要是思想认识还不够到位，……能力还有待进一步提高 is as thin as after 究其原因)
    if size >= int(rule.get("min_chars", 0)):
        return Verdict("present", _headings(dedicated), f"有专门的小节{where}")
    named = _causes_named(text, [], bodies, stock, _long_han(rule))
    if named.enough(rule):
        return Verdict("present", _headings(dedicated), f"有专门的小节{where}，列出 {named.clauses} 条原因")
    written = sum(han_count(text, a, b) for a, b in bodies)
    if long_enough:
        return Verdict("weak", _headings(dedicated), f"小节{where}中除去套话，具体的原因只有 {size} 字")
    return Verdict("weak", _headings(dedicated), f"有专门的小节{where}，但正文仅 {written} 字，"
                   f"应不少于 {int(rule.get('min_chars', 0))} 字", hollow=True)


def _stock_note(rule: Rule, text: str, passages: list[tuple[int, int]], stock: StockWording | None) -> str:
    """What the note says of an analysis of stock wording only, quoting the report's own stock
    phrases where the rule's ``boilerplate_note`` has a place for them (``{examples}``)."""
    note = str(rule.get("boilerplate_note", "只有笼统的表述，没有说出具体原因"))
    if "{examples}" not in note:
        return note
    found = stock.examples(text, passages) if stock is not None else []
    if not found:  # quote only what the report wrote: the aside that would quote it goes
        aside: str = regex.sub(r"（[^（）]*\{examples\}[^（）]*）", "", note)
        return aside.replace("{examples}", "")
    return note.replace("{examples}", "".join(f"“{phrase}”" for phrase in found))


def _passages(ctx: Context, hits: list[Span], refers_back: regex.Pattern[str] | None = None,
              ) -> list[tuple[int, int]]:
    """Each analysis runs from its cue to the end of its paragraph; overlapping ones are one.

    A cue that leads in (究其原因，主要有以下几个方面：) runs on over the paragraphs
    that follow, to the end of its section. A cue that closes its sentence (编制有限、审查
    岗位只能兼任，是出现上述问题的主要原因。) names what came before it: that analysis
    begins with its sentence, or with the sentence before when all its own words before the
    cue point back (``refers_back``: ……没有经过系统培训。这是上述问题产生的根本原因。).
    """
    view = ctx.view
    spans: list[tuple[int, int]] = []
    for hit in hits:
        paragraph_start, end = part_at(ctx, hit.start)
        start = hit.start
        if _closes_sentence(view.text, hit, end):
            start = _sentence_start(view.text, paragraph_start, hit.start)
            if start > paragraph_start and refers_back is not None \
                    and refers_back.fullmatch(view.text, start, hit.start) is not None:
                start = _sentence_start(view.text, paragraph_start, start - 1)
        if view.text[end - 1:end] in LEAD_IN_ENDS:
            end = ctx.outline.section_at(hit.start).end
        spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _closes_sentence(text: str, hit: Span, paragraph_end: int) -> bool:
    """Whether at most ``CLOSING_TAIL`` characters (之一, 所在) follow the cue in its sentence."""
    stop = SENTENCE_MARK.search(text, hit.end, paragraph_end)
    return han_count(text, hit.end, stop.start() if stop else paragraph_end) <= CLOSING_TAIL


def _sentence_start(text: str, paragraph_start: int, at: int) -> int:
    """Where the sentence holding ``at`` begins (after 。！？, or at its paragraph)."""
    marks = [m.end() for m in SENTENCE_END.finditer(text, paragraph_start, at)]
    return marks[-1] if marks else paragraph_start


class Named(NamedTuple):
    """What an analysis names: its clauses, those holding a figure, those of ``long_clauses``'s
    length (a cause said in full: 乡镇法制审核岗位没有单独核定编制)."""

    clauses: int
    figured: int
    long: int

    def enough(self, rule: Rule) -> bool:
        """Whether the rule's counts (``min_clauses``, ``min_clauses_with_figures``,
        ``long_clauses``) make these an analysis, however short."""
        long = rule.get("long_clauses") or {}
        return self.clauses >= int(rule.get("min_clauses", 1_000_000)) \
            or self.figured >= int(rule.get("min_clauses_with_figures", 1_000_000)) \
            or (bool(long) and self.long >= int(long["count"]))


def _causes_named(text: str, hits: list[Span], passages: list[tuple[int, int]],
                  stock: StockWording | None = None, long_han: int = 1_000_000) -> Named:
    """How many things a passage names: its clauses (split at ，；、) with at least
    ``CLAUSE_HAN`` characters besides the cue words (主要是编制紧张、人员流动大，培训针对性不强:
    three). A cue that is a list itself (与编制紧张、人员流动频繁有关) names what it lists, so only
    a cue of one clause (究其原因, 主要原因是) is left out of the count; nor does a clause of
    stock wording. Second: how many of them hold a figure (法治指标权重仅占2%, 培训全年仅2期),
    each a measured fact however short the passage. Third: how many have ``long_han`` characters
    of their own."""
    most = most_figured = most_long = 0
    for start, end in passages:
        cues = _one_clause_cues(text, hits, start, end)
        marks = stock.in_passage(text, start, end) if stock is not None else None
        named = figured = long = 0
        for piece_start, stop in clauses(text, start, end):
            if marks is not None and marks.holds(piece_start, stop):
                continue
            own = han_count(text, piece_start, stop) - sum(
                han_count(text, max(a, piece_start), min(b, stop)) for a, b in cues
                if a < stop and b > piece_start)
            if own >= CLAUSE_HAN:
                named += 1
                figured += DIGIT.search(text, piece_start, stop) is not None
                # (a long clause around a stock phrase is stock said at length: 部分领导干部运用
                # 法治思维和法治方式推动工作的意识还不够强)
                long += own >= long_han and (marks is None or not marks.reaches(piece_start, stop))
        most = max(most, named)
        most_figured = max(most_figured, figured)
        most_long = max(most_long, long)
    return Named(most, most_figured, most_long)


def _long_han(rule: Rule) -> int:
    long = rule.get("long_clauses") or {}
    return int(long.get("han", 1_000_000))


def _cue_han(text: str, hits: list[Span], passages: list[tuple[int, int]], stock: StockWording) -> int:
    """The characters of the one-clause cues (主要原因, 出现这些问题，) in the clauses that
    :func:`_substantive_han` counts: what is left of those clauses without them may be nothing."""
    total = 0
    for start, end in passages:
        cues = _one_clause_cues(text, hits, start, end)
        if not cues:
            continue
        marks = stock.in_passage(text, start, end)
        for a, b in clauses(text, start, end):
            if not marks.holds(a, b):
                total += sum(han_count(text, max(a, c), min(b, d)) for c, d in cues if c < b and d > a)
    return total


def _one_clause_cues(text: str, hits: list[Span], start: int, end: int) -> list[tuple[int, int]]:
    """The cues in ``text[start:end]`` of one clause (究其原因, 出现这些问题，), without the mark
    they end on; a cue that is a list itself (与编制紧张、人员流动频繁有关) names causes."""
    return [(h.start, _stripped_end(text, h)) for h in hits
            if start <= h.start < end and not CLAUSE_SPLIT.search(text, h.start, _stripped_end(text, h))]


def _stripped_end(text: str, hit: Span) -> int:
    """The end of a cue without the clause mark it ends on (出现这些问题， is one clause)."""
    end = hit.end
    while end > hit.start and CLAUSE_SPLIT.match(text, end - 1):
        end -= 1
    return end


def _substantive_han(text: str, start: int, end: int, stock: StockWording | None) -> int:
    """The Chinese characters of a passage outside its clauses of stock wording, and outside the
    item markers that open them (二是工作机制不健全 says five characters' worth, not seven)."""
    if stock is None:
        return han_count(text, start, end)
    marks = stock.in_passage(text, start, end)
    return sum(han_count(text, a, b) - _marker_han(text, a, b)
               for a, b in clauses(text, start, end) if not marks.holds(a, b))


def _marker_han(text: str, start: int, end: int) -> int:
    marker = ITEM_MARKER.match(text, start, end)
    return 0 if marker is None else han_count(text, marker.start(), marker.end())


def _specifics(ctx: Context, own: list[Section], strong: regex.Pattern[str] | None,
               bodies: list[tuple[int, int]]) -> str:
    """Why a short section still has real content, or "" when it has none.

    A short section counts when it is specific: two different strong phrases,
    two or more items of its own (（一）（二）, 一是、二是), or figures (学法12次).
    One general sentence has none of these.
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
    # Drop sections whose text is counted already: nested inside another chosen section, or the
    # whole of a section a part of which is chosen. Sorted by start, a nested section follows its
    # container; one pass keeps the first. (Parts of one section under its heading, its items'
    # 对策, share its start: their bodies are apart, and each is kept.)
    kept: list[Section] = []
    for section in sorted(sections, key=lambda s: (s.start, -s.end)):
        if kept and section.body_start < kept[-1].end and kept[-1].body_start < section.end:
            continue
        kept.append(section)
    return kept


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


def _after_a_sentence(text: str, bodies: list[tuple[int, int]], at: int) -> bool:
    """Whether a sentence of the bodies (the shortcomings, a causes section of their own beside them)
    ends before ``at``."""
    return any(a < at and SENTENCE_END.search(text, a, min(b, at)) is not None for a, b in bodies)


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends (its 。 included), or the text's end."""
    end = SENTENCE_END.search(text, at)
    return end.end() if end else len(text)


def _near(pattern: regex.Pattern[str], text: str, at: int) -> bool:
    """Whether the sentence holding ``at``, or the sentence before it, matches ``pattern``."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(0, at - NEAR_BACK), at)]
    start = ends[-2] if len(ends) >= 2 else max(0, at - NEAR_BACK)
    after = SENTENCE_END.search(text, at)
    return search(pattern, text, start, after.end() if after else len(text)) is not None


def _hits(pattern: regex.Pattern[str] | None, text: str, spans: list[tuple[int, int]]) -> list[Span]:
    if pattern is None:
        return []
    found: list[Span] = []
    for start, end in spans:
        found.extend(Span(a, b) for a, b in match_spans(pattern, text, start, end))
    return found


def _says_something(text: str, section: Section, nothing: regex.Pattern[str] | None) -> bool:
    """A body with Chinese text that is not only a word for nothing (无。（略） 详见附件1).

    The ``nothing`` patterns must match the whole body, or its first line when what follows
    holds no sentence (the signature and date after 特此报告。 in the last section): a line
    无。 among the sentences of a section leaves it a section with content.
    """
    if han_count(text, section.body_start, section.end) == 0:
        return False
    body = text[section.body_start:section.end].strip()
    if nothing is None or len(body) > NOTHING_MAX:
        return True
    for candidate in dict.fromkeys((body, _what_it_says(body))):
        found = search_text(nothing, candidate)
        if found is not None and found.start() == 0 and found.end() == len(candidate):
            return False
    return True


def _what_it_says(body: str) -> str:
    """A body without the signature: its first line when what follows holds no sentence
    (the signature and date after 特此报告。), else all of it."""
    first, _, rest = body.strip().partition("\n")
    return first.rstrip() if SENTENCE_MARK.search(rest) is None else body.strip()


def _body_end(ctx: Context) -> int:
    """Where the report's own text ends: an appendix after the signature (附件：主要文件目录, its
    《……第一责任人职责清单》) mentions no content of the report."""
    return len(ctx.view.text) if ctx.meta.body_end is None else ctx.meta.body_end


def _outside(own: list[Section], length: int) -> list[tuple[int, int]]:
    return subtract([(0, length)], [(s.start, s.end) for s in own])


def _headings(sections: list[Section]) -> list[Span]:
    spans = dict.fromkeys((s.start, s.heading.title_end) for s in sections if s.heading)  # (parts share one)
    return [Span(a, b) for a, b in spans][:MAX_EVIDENCE]


def _where(sections: list[Section]) -> str:
    return "、".join(f"“{_title(s)}”" for s in sections[:MAX_EVIDENCE])


def _title(section: Section) -> str:
    if section.heading is None:
        return "开头部分"
    title = section.heading.text
    return clipped(title, 24)


def _first(bodies: list[tuple[int, int]]) -> list[Span]:
    return [Span(bodies[0][0], min(bodies[0][0] + 20, bodies[0][1]))] if bodies else []


def _quote(text: str, hits: list[Span]) -> str:
    return "、".join(dict.fromkeys(f"“{text[h.start:h.end]}”" for h in hits[:MAX_EVIDENCE]))
