"""Kind ``substance``: does the report say what was done, or only that it was done well?

The rule holds the pack's cue sets (``cues``: named lists of patterns) and its own
``substance`` choice of them. It reports one finding when the sentences of the
template sections it names (``sections``) are mostly generic — fewer than
``min_share`` of them specific, over at least ``min_sentences`` sentences — and
cites the sections with the fewest specifics.

The element kind judges each required section with the same cue sets (its own
``substance`` key names them): :func:`cues_for` and :func:`measure_sections` are
shared for that.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

import regex

from checker.context import Context, Hit
from checker.errors import PackError
from checker.pack.loader import Pack, Rule, per_pack
from checker.text.normalize import clipped
from checker.text.outline import Section
from checker.text.patterns import any_of
from checker.text.substance import Cues, Substance, measure

PHASE = 1
WORST_SHOWN = 3
TIERS = ("specific", "actions", "generic", "ignore", "skip", "requires", "skip_until", "measured")
_SETS: dict[int, tuple[Pack, dict[str, tuple[str, ...]]]] = {}


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    spec = rule.get("substance", {})
    cues = cues_for(ctx.pack, spec)
    parts: list[tuple[Section, Substance]] = []
    for section_id in rule.get("sections", []):
        for section in ctx.sections_for(section_id):
            for part in _parts(section):
                parts.append((part, measure_sections(ctx, [part], cues)))
    total = Substance()
    for _, counted in parts:
        total.add(counted)
    if total.sentences < int(spec.get("min_sentences", 1)):
        return
    share = total.specific / total.sentences
    if share >= float(spec.get("min_share", 0.0)):
        return
    worst = sorted((p for p in parts if p[1].sentences), key=lambda p: (p[1].specific / p[1].sentences,
                                                                         -p[1].sentences))
    names = "、".join(f"“{_title(s)}”" for s, _ in worst[:WORST_SHOWN])
    first = worst[0][0] if worst else None
    yield Hit(
        first.start if first else None,
        first.heading.title_end if first and first.heading else None,
        message=f"{rule.message}：{_share(total)}；最概括的章节：{names}",
        details={"sentences": total.sentences, "specific": total.specific,
                 "worst": [_title(s) for s, _ in worst[:WORST_SHOWN]]},
    )


def _share(total: Substance) -> str:
    if total.specific == 0:
        return f"{total.sentences} 句均为概括性表述，没有数据或具体事例"
    return f"{total.sentences} 句中 {total.generic} 句为概括性表述，只有 {total.specific} 句有数据或具体事例"


def _parts(section: Section) -> list[Section]:
    """A section judged piece by piece: its sub-sections, or itself when it has none."""
    return section.children or [section]


def cues_for(pack: Pack, spec: dict[str, Any]) -> Cues:
    """Compile the cue sets a ``substance`` spec names, from the pack's substance rule."""
    compiled = []
    parts: dict[str, tuple[str, ...]] = {}
    for tier in TIERS:
        patterns = _named_patterns(pack, spec.get(tier, []), f"substance.{tier} ")
        compiled.append(any_of(patterns))
        parts[tier] = patterns
    specific, actions, generic, ignore, skip, requires, skip_until, measured = compiled
    return Cues(specific, actions, generic, ignore, skip, requires, skip_until, ignore_parts=parts["ignore"],
                measured=measured)


def cue_set(pack: Pack, names: list[str]) -> regex.Pattern[str] | None:
    """The alternation of the named cue sets (an unknown name is a pack error, as in cues_for)."""
    return any_of(_named_patterns(pack, names))


def _named_patterns(pack: Pack, names: list[str], where: str = "") -> tuple[str, ...]:
    sets = _cue_sets(pack)
    patterns: list[str] = []
    for name in names:
        if name not in sets:
            known = "、".join(sorted(sets)) or "无"
            raise PackError(f"{where}引用了未定义的线索集“{name}”（已定义：{known}）")
        patterns.extend(sets[name])
    return tuple(patterns)


def _cue_sets(pack: Pack) -> dict[str, tuple[str, ...]]:
    return per_pack(_SETS, pack, _gather_cue_sets, most=8)


def _gather_cue_sets(pack: Pack) -> dict[str, tuple[str, ...]]:
    """The pack's named cue sets, from every ``substance`` rule's ``cues``."""
    sets: dict[str, tuple[str, ...]] = {}
    for rule in pack.rules:
        if rule.kind == "substance":
            for name, patterns in rule.get("cues", {}).items():
                sets[name] = sets.get(name, ()) + tuple(patterns)
    return sets


def measure_sections(ctx: Context, sections: list[Section], cues: Cues,
                     counts: Callable[[int, int], bool] | None = None, titles_too: bool = False) -> Substance:
    """Count the body sentences of ``sections``; a sub-heading's title is not one of them
    (:attr:`Context.body_titles`) unless ``titles_too``, nor a sentence ``counts`` refuses.
    Indexed once per report: asked per section and element."""
    total = Substance()
    titles = ctx.body_titles
    for section in sections:
        spans = [span for span in ctx.sentences_in(section.body_start, section.end)
                 if (titles_too or not titles.holds(span[0])) and (counts is None or counts(*span))]
        running = _sentence_running_into(ctx, section.body_start, section.end)
        total.add(measure(ctx.view.text, [running, *spans] if running else spans, cues))
    return total


def _sentence_running_into(ctx: Context, body_start: int, end: int) -> tuple[int, int] | None:
    """The part after ``body_start`` of a sentence that began before it: a body that starts after a
    heading's colon (一、书记县长履职情况：县委书记……。) within the sentence the heading opened."""
    k = bisect_right(ctx.sentence_starts, body_start) - 1
    if k < 0:
        return None
    start, stop = ctx.sentences[k]
    return (body_start, min(stop, end)) if start < body_start < stop else None


def _title(section: Section) -> str:
    title = section.title or "开头部分"
    return clipped(title, 20)
