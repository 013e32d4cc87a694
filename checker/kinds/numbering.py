"""Kind ``numbering``: heading and 一是/二是 sequences without gaps, repeats or wrong order.

Siblings are the headings of one numbering style under one parent (一、二、三、
under the report; （一）（二） under each 一、), so a list that restarts under a
new parent is correct. Enumerations (一是、二是) run within the deepest section
that holds them and restart at every 一是. With ``bracket_widths``, a level that
mixes （一） and (一) is reported at the minority spelling.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.normalize import clipped
from checker.text.outline import Enumeration, Heading, Section

PHASE = 1
CN = "零一二三四五六七八九十"
MARKER_EXCERPT = 8
TITLE_EXCERPT = 9  # of a heading named in a message: 8 characters and …


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    if rule.get("headings", True):
        levels = tuple(rule.get("levels", ()))
        # an appendix after the signature (附件 一、重大行政决策事项) numbers its own headings
        body_end = ctx.meta.body_end
        for section in [ctx.outline.root, *ctx.outline.sections()]:
            if body_end is None or section.start < body_end:
                yield from _heading_runs(section, ctx.view.text, levels, body_end)
    if rule.get("enumerations", True):
        yield from _enumeration_runs(ctx)
    if rule.get("bracket_widths", True):
        yield from _bracket_widths(ctx)


def numeral(number: int, style: str) -> str:
    """How the sequence's number ``number`` is written in ``style`` (for messages)."""
    if style.startswith("arabic"):
        return str(number)
    if number <= 10:
        return CN[number]
    tens, ones = divmod(number, 10)
    return (CN[tens] if tens > 1 else "") + "十" + (CN[ones] if ones else "")


def marker_text(number: int, style: str) -> str:
    """The marker of item ``number`` as it would be written in ``style``."""
    shown = numeral(number, style)
    return {"cn-dun": f"{shown}、", "cn-paren": f"（{shown}）", "arabic-dot": f"{shown}.",
            "arabic-paren": f"（{shown}）", "enumeration": f"{shown}是",
            "part": f"第{shown}"}.get(style, shown)


def _heading_runs(section: Section, text: str, levels: tuple[str, ...] = (),
                  body_end: int | None = None) -> Iterator[Hit]:
    """Breaks in each style's run of ``section``'s sub-headings, and sub-headings numbered in
    the section's own style. ``levels``: the first marker of each level in order (the rule's
    ``levels``), to name the one the sub-headings should take; ``body_end``: where the report's
    own text ends (the headings after it are an appendix's)."""
    by_style: dict[str, list[Heading]] = defaultdict(list)
    for child in section.children:
        if body_end is not None and child.start >= body_end:
            break
        if child.heading is not None and child.heading.number is not None:
            by_style[child.heading.style].append(child.heading)
    own = section.heading
    if own is not None and own.number is not None and by_style.get(own.style):
        # （二）下一步打算 with its items numbered （一）（二）（三）again: the outline nests them
        # under it (they follow it directly), and the reader sees one level written twice.
        first = by_style[own.style][0]
        level = marker_text(1, own.style)
        below = levels[levels.index(level) + 1] if level in levels[:-1] else None
        yield Hit(first.start, first.start + len(first.marker),
                  message=f"层级不清：“{own.marker}{clipped(own.title, TITLE_EXCERPT)}”下的小标题又用"
                          f"“{first.marker}”编号，与上一层级序号相同",
                  suggestion=f"下一层级改用“{below}”编号" if below else None)
    for style, headings in by_style.items():
        yield from _sequence([(h.number or 0, h.start, h.marker, style) for h in headings],
                             "标题序号", text, section.body_start)


def _enumeration_runs(ctx: Context) -> Iterator[Hit]:
    by_section: dict[int, list[Enumeration]] = defaultdict(list)
    floors: dict[int, int] = {}
    for item in ctx.outline.enumerations:
        section = ctx.outline.section_at(item.start)
        by_section[id(section)].append(item)
        floors[id(section)] = section.body_start
    for key, items in by_section.items():
        yield from _sequence([(i.number, i.start, i.marker, "enumeration") for i in items],
                             "“一是、二是”序号", ctx.view.text, floors[key], restart_at_one=True)


def _sequence(items: list[tuple[int, int, str, str]], what: str, text: str, floor: int,
              restart_at_one: bool = False) -> Iterator[Hit]:
    """Report each break in a run: a gap, a repeat, or a step backwards.

    A gap is not reported when the missing marker is written in the text between
    the two items (an item the outline could not see as one, e.g. mid-line after
    a page join): the numbering may well be right, and silence is cheaper.
    """
    previous: int | None = None
    since = floor
    for number, start, marker, style in items:
        if restart_at_one and number == 1:
            previous = 1
            continue
        expected = 1 if previous is None else previous + 1
        if number != expected:
            shown = numeral(number, style)
            if previous is not None and number == previous:
                message = f"{what}“{marker}”重复"
            elif previous is not None and number < previous:
                message = f"{what}“{marker}”排在“{numeral(previous, style)}”之后，顺序颠倒"
            elif any(marker_text(m, style) in text[since:start] for m in range(expected, number)):
                previous, since = number, start
                continue
            else:
                missing = numeral(expected, style)
                message = f"{what}从“{shown}”开始，缺少“{missing}”" if previous is None \
                    else f"{what}跳号：“{numeral(previous, style)}”之后是“{shown}”，缺少“{missing}”"
            yield Hit(start, start + len(marker), message=message)
        previous, since = number, start


def _bracket_widths(ctx: Context) -> Iterator[Hit]:
    """A numbering level written with both （一） and (一)."""
    raw = ctx.doc.text
    by_style: dict[str, list[tuple[Heading, bool]]] = defaultdict(list)
    for heading in ctx.outline.headings:
        if heading.style not in ("cn-paren", "arabic-paren"):
            continue
        original = raw[ctx.view.origin[heading.start]] if ctx.view.origin else ""
        by_style[heading.style].append((heading, original == "("))
    for entries in by_style.values():
        half = [h for h, is_half in entries if is_half]
        full = [h for h, is_half in entries if not is_half]
        if not half or not full:
            continue
        minority, width = (half, "半角") if len(half) <= len(full) else (full, "全角")
        other = "全角" if width == "半角" else "半角"
        for heading in minority:
            yield Hit(heading.start, heading.start + min(len(heading.marker), MARKER_EXCERPT),
                      message=f"同一层级标题的括号宽度不一致：此处为{width}括号，其余为{other}括号",
                      suggestion="统一使用全角括号“（一）”")
