"""A change of a rate in percentage points, against the two rates it lies between.

    行政复议纠错率由上年的15.2%下降到12.1%，下降3.1个百分点

The earlier rate follows one of the rule's ``from_cues`` (由, 从上年的), the later one follows a
``to_cues`` word right after it (下降到, 提高至), and the change follows them in the same clause or the
next, as a number of 个百分点 after an ``increase`` or ``decrease`` word, with no other rate
(``other_rates``: 率, 比例) named before it. A sentence with two such pairs (……分别回落7.7个百分点、
提高6个百分点) is not judged. The change must be the difference of the two rates, within what their
rounding allows; a change the wrong way (下降 while the rate rose) is reported too. Anything else (the
rates apart, a change with no 由……到……) is left alone: an ambiguous sentence is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import regex

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.figures import Figure
from checker.text.numbers import POINT_UNITS, decimal_shown, find_numbers
from checker.text.patterns import any_of, search

CHANGE_REACH = 12  # characters from the later rate to its change in points, at most


def points(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> Iterator[Hit]:
    text = ctx.view.text
    from_cue = any_of(tuple(rule.get("from_cues", [])))
    to_cue = any_of(tuple(rule.get("to_cues", [])))
    up = any_of(tuple(rule.get("increase", [])))
    down = any_of(tuple(rule.get("decrease", [])))
    other_rates = any_of(tuple(rule.get("other_rates", [])))
    if from_cue is None or to_cue is None or up is None or down is None:
        return
    for figures in sentences:
        rates = [f for f in figures if f.rate]
        pairs = [(base, current) for base, current in pairwise(rates)
                 if search(from_cue, text[base.clause[0]:base.start]) is not None
                 and search(to_cue, text[base.end:current.start]) is not None
                 and current.start - base.end <= CHANGE_REACH]
        if len(pairs) != 1:  # two rates changing, their changes 分别 after both: which is whose is a guess
            continue
        base, current = pairs[0]
        change = _change_after(text, current, up, down, other_rates) if base.exact and current.exact else None
        if change is not None:
            hit = _judge(ctx, base, current, *change)
            if hit is not None:
                yield hit


def _change_after(text: str, current: Figure, up: regex.Pattern[str], down: regex.Pattern[str],
                  other_rates: regex.Pattern[str] | None) -> tuple[float, float, int, int, bool] | None:
    """The change in points said right after the later rate: its value, half-width, span and
    whether it is a rise; None when there is none, or it is approximate or says no direction."""
    stop = min(len(text), current.end + CHANGE_REACH + 8)
    window = text[current.end:stop]
    for number in find_numbers(window):
        if number.unit not in POINT_UNITS:
            continue
        if number.approximate:
            return None
        lead = window[:number.start]
        rising, falling = search(up, lead) is not None, search(down, lead) is not None
        # (……由12.4%降至8.9%，行政诉讼败诉率下降2.1个百分点: another rate's change)
        if rising == falling or number.start > CHANGE_REACH \
                or (other_rates is not None and search(other_rates, lead) is not None):
            return None
        return number.value, number.half_width, current.end + number.start, current.end + number.end, rising
    return None


def _judge(ctx: Context, base: Figure, current: Figure, value: float, half: float, start: int, end: int,
           rising: bool) -> Hit | None:
    b_low, b_high = base.bounds()
    c_low, c_high = current.bounds()
    low, high = c_low - b_high, c_high - b_low  # the difference the two rounded rates allow
    signed_low, signed_high = (value - half, value + half) if rising else (-value - half, -value + half)
    if signed_high >= low - 1e-9 and signed_low <= high + 1e-9:
        return None
    difference = current.value - base.value
    word = "提高" if rising else "下降"
    if difference != 0 and (difference > 0) != rising:
        message = (f"文中说{word}{decimal_shown(value)}个百分点，但比率由{base.shown()}变为{current.shown()}，"
                   f"是{'下降' if difference < 0 else '提高'}")
    else:
        message = (f"变化{decimal_shown(value)}个百分点与前后比率不符：{current.shown()}与{base.shown()}"
                   f"相差{decimal_shown(abs(difference))}个百分点")
    line, column = ctx.view.position(start)
    return Hit(base.clause[0], end, message=message, details={
        "check": "points",
        "base": base.value, "current": current.value, "stated": value if rising else -value,
        "implied": round(difference, 4), "line": line, "column": column,
        "explanation": (f"{current.shown()} − {base.shown()} = {difference:+.2f} 个百分点；"
                        f"文中写的是{word}{decimal_shown(value)}个百分点"),
    })
