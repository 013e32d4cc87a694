"""Kind ``arithmetic``: do the report's figures add up?

Figures are compared as intervals of their displayed precision, as XBRL
calculation checks do: 98.5% stands for [98.45, 98.55], 97.87% for
[97.865, 97.875], 3.2万 for [31 500, 32 500]; a plain count is exact. A rate
also agrees when it was truncated instead of rounded (97.87 for 97.879), since
both are common in reports. A rule's ``check`` chooses one of:

* ``rate`` — a rate stated with its numerator and denominator in the same
  sentence (the figures since the previous rate): the numerator and the
  candidate denominators are found by their label cues (``rates`` table), and
  the rate is reported only when every plausible pairing disagrees;
* ``breakdown`` — parts listed after a total: a bracketed list, a list ending
  with 其他/其余, a 分别为 list right after its total (共100件，分别为…) must add
  up; a 其中 (or 包括) list, also in the shape 其中A、B分别为a、b, must not exceed
  the total; no part may exceed it. A list laid out one item per line after a
  total that ends its line with a colon (共120件：/——维持80件；/——撤销20件) counts as
  a 其中 list. A list that breaks down a sub-total (结案63件、维持38件… with
  38+…=63) or mixes classifiers that do not add up is left alone;
  In a Markdown table, the rows above a 合计 row must add up to it, column by column;
* ``growth`` — 同比增加N件，上升P%: P is N over last year's figure, the total
  minus the increase (or plus the decrease); and a change between two stated
  figures, 受理112件，较上年的128件下降P% or 由128件降至112件，下降P%: P is the
  difference over the earlier figure, in the direction the words say;
* ``bounded-rate`` — a rate that cannot exceed 100% (成功率, 办结率 …) does.

Nothing is reported when a figure involved is approximate (余, 近, 约, 左右 …).
Each finding's ``details`` give the figures used with their positions, the
value they imply, the tolerance and a Chinese ``explanation``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import Any

import regex

from checker.context import Context, Hit
from checker.kinds.metric import report_figures
from checker.kinds.rate_points import points
from checker.model import FrozenRecord
from checker.pack.loader import Rule
from checker.text.figures import (
    CLAUSE_MARKS,
    Cell,
    Figure,
    markdown_tables,
    overlaps,
    units_compatible,
)
from checker.text.normalize import MatchView
from checker.text.numbers import decimal_shown
from checker.text.patterns import any_of, compiled, finditer, search

PHASE = 1
RATE_FILLER = r"(?:均|始终|保持|稳定)?(?:为|是|达到?了?|在|实现)?$"
SEPARATORS = "，,、；;：:"


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class WholeBase(FrozenRecord):
    """A rate checked beside its count alone (``whole_base``): the metrics the rate and its count
    must be named as, and the words of the count's clause that make it some other count."""
    rate_metric: str
    numerator_metric: str
    unless: regex.Pattern[str] | None
    units: tuple[str, ...]

    def __init__(self, rate_metric: str, numerator_metric: str, unless: regex.Pattern[str] | None,
                 units: tuple[str, ...] = ()) -> None:
        vars(self).update(rate_metric=rate_metric, numerator_metric=numerator_metric, unless=unless, units=units)


class RateSpec(FrozenRecord):
    name: str
    match: regex.Pattern[str]
    numerator: regex.Pattern[str]
    parts: regex.Pattern[str] | None
    denominator: regex.Pattern[str]
    denominator_also: regex.Pattern[str] | None
    whole_base: WholeBase | None
    # the rule's ``scopes``: label cues of a part of the filer and of its whole (see _part_of_whole)
    part: regex.Pattern[str] | None
    whole: regex.Pattern[str] | None

    def __init__(
        self, name: str, match: regex.Pattern[str], numerator: regex.Pattern[str],
        parts: regex.Pattern[str] | None, denominator: regex.Pattern[str],
        denominator_also: regex.Pattern[str] | None, whole_base: WholeBase | None = None,
        part: regex.Pattern[str] | None = None, whole: regex.Pattern[str] | None = None,
    ) -> None:
        vars(self).update(
            whole_base=whole_base, part=part, whole=whole,
            name=name, match=match, numerator=numerator, parts=parts, denominator=denominator,
            denominator_also=denominator_also)


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    checks: dict[str, Callable[[Rule, Context, list[list[Figure]]], Iterator[Hit]]] = {
        "rate": _rates,
        "breakdown": _breakdowns,
        "growth": _growth,
        "bounded-rate": _bounded,
        "points": points,
    }
    yield from checks[rule.get("check")](rule, ctx, _by_sentence(ctx))


_grouped: tuple[list[tuple[Figure, str | None]], list[list[Figure]], dict[int, str | None]] | None = None


def _by_sentence(ctx: Context) -> list[list[Figure]]:
    """The report's figures, sentence by sentence; grouped once for the four checks."""
    return _figures_of(ctx)[1]


def _metric_ids(ctx: Context) -> dict[int, str | None]:
    """Each figure's metric id by its start (the metric layer's naming)."""
    return _figures_of(ctx)[2]


def _figures_of(ctx: Context) -> tuple[list[tuple[Figure, str | None]], list[list[Figure]], dict[int, str | None]]:
    """The metric layer's named figures, grouped by sentence and indexed by start, once a report."""
    global _grouped
    named = report_figures(ctx)
    if _grouped is None or _grouped[0] is not named:
        figures = [figure for figure, _ in named]
        _grouped = (named, [list(group) for _, group in groupby(figures, key=lambda f: f.sentence)],
                    {figure.start: metric_id for figure, metric_id in named})
    return _grouped


# ---------------------------------------------------------------- shared helpers


def _pattern(patterns: list[str] | None) -> regex.Pattern[str] | None:
    return any_of(tuple(patterns or ()))


def _where(ctx: Context, figure: Figure, role: str) -> dict[str, Any]:
    line, column = ctx.view.position(figure.start)
    low, high = figure.bounds()
    return {"role": role, "text": figure.shown(), "label": figure.label, "value": _plain(figure.value),
            "unit": figure.unit, "line": line, "column": column, "interval": [_plain(low), _plain(high)]}


def _plain(value: float) -> float | int:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


_fmt = decimal_shown


def _named(figure: Figure) -> str:
    """A figure with its label, for explanations: 调解成功2,398件."""
    label = regex.sub(r"^(?:其中|分别为|分别是)[，,：:]?", "",
                      figure.before.lstrip("".join(CLAUSE_MARKS) + "—-·•*"))
    return f"{label[-12:]}{figure.shown()}"


def _accepted(rate: Figure) -> tuple[float, float]:
    """The true values a displayed rate may stand for: rounded, or truncated."""
    low, high = rate.bounds()
    return low, high + rate.number.half_width


def _ratio(numerator: tuple[float, float], denominator: tuple[float, float]) -> tuple[float, float]:
    return numerator[0] / denominator[1] * 100, numerator[1] / denominator[0] * 100


# A plain character class: the standard library's engine finds it at least as fast, and
# counting in C beats a generator over the characters.
_SEPARATOR = re.compile("[" + re.escape(SEPARATORS + "（）()") + "]")


def _gap(text: str, start: int, end: int) -> int:
    """How many clause separators lie between two positions (0: same clause)."""
    return len(_SEPARATOR.findall(text, start, end)) if end > start else 0


# ---------------------------------------------------------------- rates


def _rate_specs(rule: Rule) -> list[RateSpec]:
    specs: list[RateSpec] = []
    scopes = rule.get("scopes")
    part, whole_scope = (_pattern(scopes["part"]), _pattern(scopes["whole"])) if scopes else (None, None)
    for row in rule.get("rates", []):
        numerator = _pattern(row["numerator"])
        denominator = _pattern(row["denominator"])
        if numerator is None or denominator is None:
            continue
        whole = row.get("whole_base")
        whole_base = WholeBase(whole["rate_metric"], whole["numerator_metric"], _pattern(whole.get("unless")),
                               tuple(whole.get("units", ()))) if whole else None
        specs.append(RateSpec(row["name"], compiled(f"(?:{row['match']}){RATE_FILLER}"),
                              numerator, _pattern(row.get("numerator_parts")), denominator,
                              _pattern(row.get("denominator_also")), whole_base, part, whole_scope))
    return specs


def _rates(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> Iterator[Hit]:
    specs = _rate_specs(rule)
    for figures in sentences:
        group: list[Figure] = []
        for figure in figures:
            if not figure.rate:
                group.append(figure)
                continue
            for spec in specs:
                match = search(spec.match, figure.before)
                if match is not None:
                    hit = _judge_rate(ctx, spec, figure, group, len(figure.before) - match.start())
                    if hit is not None:
                        yield hit
                    break
            group = []


def _judge_rate(ctx: Context, spec: RateSpec, rate: Figure, group: list[Figure],
                name_length: int) -> Hit | None:
    counts = [f for f in group if f.is_count]
    numerators = [f for f in counts if search(spec.numerator, f.label)]
    parts = [f for f in counts if spec.parts is not None and search(spec.parts, f.label)
             and f not in numerators]
    others = [f for f in counts if f not in numerators and f not in parts]
    denominators = [f for f in others if search(spec.denominator, f.label)]
    plausible = denominators + [f for f in others if f not in denominators
                                and spec.denominator_also is not None
                                and search(spec.denominator_also, f.label)]
    if not numerators or not rate.exact:
        return None
    if not denominators:
        return _no_whole_base(ctx, spec, rate, numerators, parts, plausible, name_length)
    # a part of a base's 其中 list may be the rate's base (印发46件，其中县政府12件……备案12件，备案率100%):
    # only to accept, as the other bases
    plausible += [f for f in others if f not in plausible and _listed_under(ctx.view.text, plausible, f)]
    if not all(f.exact for f in (*numerators, *parts, *plausible)):
        return None
    candidates: list[tuple[tuple[float, float], list[Figure]]] = [(n.bounds(), [n]) for n in numerators]
    candidates += [(p.bounds(), [p]) for p in parts]
    # Sums too (they can only clear a rate, never fault one): the parts (撤销5件、变更1件), two
    # numerators (直接纠错5件，调解后自行纠正1件), a part and a numerator (撤销5件，责令纠正1件).
    for summed in (parts, numerators, numerators + parts):
        if len(summed) > 1:
            candidates.append(((sum(f.bounds()[0] for f in summed), sum(f.bounds()[1] for f in summed)),
                               summed))
    accepted = _accepted(rate)
    tried: list[tuple[float, Figure, Figure, tuple[float, float]]] = []
    for bounds, used in candidates:
        for base, denominator in _bases(ctx.view.text, plausible):
            if not units_compatible(used[0].unit, denominator.unit):
                continue
            if base[1] <= 0 or bounds[0] > base[1]:
                continue  # a numerator larger than the denominator is not this rate's pair
            implied = _ratio(bounds, base)
            if overlaps(implied, accepted):
                return None
            if len(used) == 1 and used[0] in numerators and denominator in denominators \
                    and base == denominator.bounds():
                tried.append((abs((implied[0] + implied[1]) / 2 - rate.value), used[0], denominator,
                              implied))
    if not tried:
        return None
    _, numerator, denominator, implied = min(tried, key=lambda t: t[0])
    if _part_of_whole(numerator, denominator, spec.part, spec.whole):
        return None
    return _rate_hit(ctx, spec, rate, numerator, denominator, implied, name_length)


def _part_of_whole(numerator: Figure, denominator: Figure, part: regex.Pattern[str] | None,
                   whole: regex.Pattern[str] | None) -> bool:
    """报市人大常委会备案的市政府规范性文件14件 over 市政府及其部门制定规范性文件52件: the numerator names a
    part of what the denominator counts (the rule's ``scopes``), and the part's own base is unsaid:
    the rate may be right."""
    if part is None or whole is None:
        return False
    return search(part, numerator.label) is not None and search(whole, denominator.label) is not None \
        and search(whole, numerator.label) is None


def _no_whole_base(ctx: Context, spec: RateSpec, rate: Figure, numerators: list[Figure], parts: list[Figure],
                   plausible: list[Figure], name_length: int) -> Hit | None:
    """A rate stated beside its count alone (出庭应诉15件，出庭应诉率88.9%) that no whole number of
    cases gives: 15÷17 = 88.2%, 15÷16 = 93.8%. Whatever the base the text leaves unsaid, the rate or
    the count is wrong. Only for a rate whose row opts in (``whole_base``), one count, exact and whole,
    in the row's ``units``, and a rate below 100% that none of the figures the text gives as a
    possible base accepts."""
    whole = spec.whole_base
    if whole is None or len(numerators) != 1 or parts or not 0 < rate.value < 100:
        return None
    numerator = numerators[0]
    count = numerator.value
    if not numerator.exact or not numerator.is_count or not float(count).is_integer() or count < 1 \
            or (whole.units and numerator.unit not in whole.units):
        return None
    # the filer's own rate and its own count of that rate's cases, as the metrics name them (another
    # level's rate, a change, last year's figure name none), in no clause that makes the count some
    # other one (未出庭, 需要出庭的, 主要负责人出庭, 近三年累计)
    named = _metric_ids(ctx)
    if named.get(rate.start) != whole.rate_metric or named.get(numerator.start) != whole.numerator_metric:
        return None
    text = ctx.view.text
    if whole.unless is not None and (search(whole.unless, text, numerator.clause[0], numerator.end)
                                     or search(whole.unless, text, rate.clause[0], rate.end)):
        return None
    low, high = _accepted(rate)
    if any(f.exact and overlaps(_ratio(numerator.bounds(), f.bounds()), (low, high)) for f in plausible):
        return None
    # the whole bases between count÷high and count÷low (a rate's interval is closed at both ends)
    fewest, most = math.ceil(count * 100 / high - 1e-9), math.floor(count * 100 / low + 1e-9)
    if fewest <= most:
        return None
    # the nearest bases on either side of the rate: the fewest above it, the one before (most)
    bases = [base for base in (fewest, most) if base >= count]
    nearest = "、".join(f"{_fmt(count)}÷{base}={count / base * 100:.1f}%" for base in bases)
    return Hit(
        rate.start - name_length, rate.end,
        message=f"{spec.name}{rate.shown()}与{_named(numerator)}不符：任何整数件数都算不出这个比率（{nearest}）",
        suggestion=f"核对{spec.name}和{_named(numerator)}：写明分母，按“分子÷分母”重新计算。",
        details={
            "check": "rate-base",
            "rate": spec.name,
            "figures": [_where(ctx, rate, "rate"), _where(ctx, numerator, "numerator")],
            "interval": [_plain(low), _plain(high)],
            "nearest_bases": bases,
        },
    )


def _listed_under(text: str, bases: list[Figure], figure: Figure) -> bool:
    """Whether ``figure`` is a part of one of ``bases``' 其中 lists: after it, past 其中, in its sentence."""
    return any(base.end <= figure.start and "其中" in text[base.end:figure.start]
               and not LIST_ENDS.intersection(text[base.end:figure.start]) for base in bases)


LIST_ENDS = set("。；;！？\n")


def _bases(text: str, plausible: list[Figure]) -> Iterator[tuple[tuple[float, float], Figure]]:
    """Each candidate denominator, and the sum of each 、-list of them (受理民事纠纷800件、
    行政纠纷300件: the rate may be over 1,100), the latter only to accept. Figures in
    separate clauses (一审40件，审结35件) are a total and its part, not addends."""
    for denominator in plausible:
        yield denominator.bounds(), denominator
    for i in range(len(plausible)):
        for j in range(i + 2, len(plausible) + 1):
            run = plausible[i:j]
            listed = all(text[a.end:b.start].count("、") == 1 and _gap(text, a.end, b.start) == 1
                         for a, b in pairwise(run))
            if listed and all(units_compatible(f.unit, run[0].unit) for f in run):
                yield (sum(f.bounds()[0] for f in run), sum(f.bounds()[1] for f in run)), run[0]


def _rate_hit(ctx: Context, spec: RateSpec, rate: Figure, numerator: Figure, denominator: Figure,
              implied: tuple[float, float], name_length: int) -> Hit:
    value = (implied[0] + implied[1]) / 2
    low, high = rate.bounds()
    tolerance = rate.number.half_width
    shown = _outside(value, low, high)
    explanation = (f"{_named(numerator)} ÷ {_named(denominator)} = {shown}%，而文中为{rate.shown()}"
                   f"（按显示精度应在 {_fmt(low)}%～{_fmt(high)}% 之间）")
    return Hit(
        rate.start - name_length, rate.end,
        message=(f"{spec.name}{rate.shown()}与文中数字不符：{numerator.shown()}÷{denominator.shown()}"
                 f"={shown}%"),
        suggestion=f"核对{spec.name}：按文中数字应为 {value:.{_decimals(rate)}f}%。",
        details={
            "check": "rate",
            "rate": spec.name,
            "figures": [_where(ctx, rate, "rate"), _where(ctx, numerator, "numerator"),
                        _where(ctx, denominator, "denominator")],
            "implied": round(value, 4),
            "tolerance": tolerance,
            "interval": [_plain(low), _plain(high)],
            "accepted": [_plain(low), _plain(high + tolerance)],
            "explanation": explanation,
        },
    )


def _outside(value: float, low: float, high: float) -> str:
    """``value`` with two decimals, or more when two would round it into the interval it lies
    outside of (7÷39 = 17.949%, not 17.95%, against 17.95%～18.05%)."""
    for places in range(2, 7):
        text = f"{value:.{places}f}"
        if not low <= float(text) <= high:
            return text
    return f"{value:.6f}"


def _decimals(figure: Figure) -> int:
    shown = figure.shown()
    return len(shown.split(".")[1].rstrip("%")) if "." in shown else 0


# ---------------------------------------------------------------- breakdowns


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Listing(FrozenRecord):
    total: Figure
    parts: list[Figure]
    complete: bool
    kind: str
    allow_sum_excess: bool = True

    def __init__(
        self, total: Figure, parts: list[Figure], complete: bool, kind: str, allow_sum_excess: bool = True,
    ) -> None:
        vars(self).update(
            total=total, parts=parts, complete=complete, kind=kind, allow_sum_excess=allow_sum_excess)


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class ListCues(FrozenRecord):
    """The patterns a ``breakdown`` rule lists sentences with, looked up once per report
    rather than once per sentence."""

    rest: regex.Pattern[str] | None
    stop: regex.Pattern[str] | None
    intro: regex.Pattern[str] | None
    complete_intro: regex.Pattern[str] | None
    partial_marks: regex.Pattern[str] | None
    total_cues: regex.Pattern[str] | None

    def __init__(
        self, rest: regex.Pattern[str] | None, stop: regex.Pattern[str] | None,
        intro: regex.Pattern[str] | None, complete_intro: regex.Pattern[str] | None,
        partial_marks: regex.Pattern[str] | None, total_cues: regex.Pattern[str] | None,
    ) -> None:
        vars(self).update(
            rest=rest, stop=stop, intro=intro, complete_intro=complete_intro, partial_marks=partial_marks,
            total_cues=total_cues)

    @classmethod
    def of(cls, rule: Rule) -> ListCues:
        return cls(*(_pattern(rule.get(key)) for key in
                     ("rest", "stop", "intro", "complete_intro", "partial_marks", "total_cues")))


def _breakdowns(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> Iterator[Hit]:
    text = ctx.view.text
    cues = ListCues.of(rule)
    listings: list[Listing] = []
    for figures in sentences:
        counts = [f for f in figures if f.is_count]
        if len(counts) >= 2:  # a listing needs a total and a part, both counts of its sentence
            listings += _listings(cues, text, figures, counts)
    listings += _line_lists(rule, ctx, sentences)
    listings += _table_totals(rule, ctx, sentences)
    for listing in listings:
        hit = _judge_listing(rule, ctx, listing)
        if hit is not None:
            yield hit


def _table_totals(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> list[Listing]:
    """A Markdown table with a 合计 row: in each column, the rows above it must add up to it.

    A column is left alone when a row above is itself a breakdown (其中…, 小计) or a
    cell holds something other than one count.
    """
    total_row = _pattern(rule.get("table_total"))
    nested_row = _pattern(rule.get("table_partial"))
    if total_row is None:
        return []
    tables = markdown_tables(ctx.view.text)
    if not tables:
        return []
    by_start = {f.start: f for figures in sentences for f in figures}
    found: list[Listing] = []
    for table in tables:
        body: list[tuple[Cell, ...]] = []
        for row in table.rows:
            if not row or search(total_row, row[0].text) is None:
                body.append(row)
                continue
            if body and not any(nested_row is not None and search(nested_row, r[0].text) for r in body):
                found += _column_sums(row, body, by_start)
            body = []
    return found


def _column_sums(total_row: tuple[Cell, ...], body: list[tuple[Cell, ...]],
                 by_start: dict[int, Figure]) -> list[Listing]:
    found: list[Listing] = []
    for column in range(1, len(total_row)):
        total = by_start.get(total_row[column].start)
        parts = [by_start.get(r[column].start) if column < len(r) else None for r in body]
        if total is None or not total.is_count or len(parts) < 2:
            continue
        if any(p is None or not p.is_count for p in parts):
            continue
        found.append(Listing(total, [p for p in parts if p is not None], True, "表格“合计”行以上各行"))
    return found


LINE_ITEM_MAX = 30


def _line_lists(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> list[Listing]:
    """A total at the end of a line that ends with a colon, then one short item per line.

    ``共办理案件120件，具体如下：`` / ``——维持80件；`` / ``——撤销20件。``: each following
    paragraph that opens with a ``line_items`` marker, is one short clause and holds
    exactly one count is a part. The list is a 其中 list (its sum may not exceed the total) unless
    the intro says 分别为 or the last item is 其他/其余 (then it must add up).
    """
    marker = _pattern(rule.get("line_items"))
    if marker is None:
        return []
    view = ctx.view
    text = view.text
    # Only the lines ending with a colon can open such a list: a few per report.
    opening = [k for k, (start, end) in enumerate(view.paragraphs) if text[start:end].rstrip().endswith(("：", ":"))]
    if not opening:
        return []
    in_paragraph = _ParagraphFigures(view, [f for figures in sentences for f in figures])
    complete_intro = _pattern(rule.get("complete_intro"))
    rest = _pattern(rule.get("rest"))
    found: list[Listing] = []
    for k in opening:
        figures = in_paragraph[k]
        start, end = view.paragraphs[k]
        line = text[start:end].rstrip()
        counts = [f for f in figures if f.is_count]
        if not counts:
            continue
        total = counts[-1]
        if _gap(text, total.end, start + len(line) - 1) > 1 or total is not figures[-1]:
            continue
        parts: list[Figure] = []
        j = k + 1
        while j < len(view.paragraphs) and in_paragraph[j]:
            item_start, item_end = view.paragraphs[j]
            item = in_paragraph[j]
            one_clause = not any(ch in "，,；;。" for ch in text[item_start:item_end].rstrip("，,；;。"))
            if item_end - item_start > LINE_ITEM_MAX or not one_clause or len(item) != 1 \
                    or not item[0].is_count or search(marker, text, item_start, item_end) is None:
                break
            parts.append(item[0])
            j += 1
        if len(parts) < 2:
            continue
        tail = text[total.end:start + len(line)]
        says_complete = complete_intro is not None and search(complete_intro, tail) is not None
        last = text[view.paragraphs[j - 1][0]:parts[-1].start]
        ends_with_rest = rest is not None and search(rest, regex.sub(r"^\W+", "", last)) is not None
        complete = says_complete or ends_with_rest
        found.append(Listing(total, parts, complete, "逐行列出的分项" if not ends_with_rest
                             else "以“其他”“其余”收尾的列举"))
    return found


class _ParagraphFigures:
    """The figures of each paragraph, as ``view.paragraph_at`` places them, found by binary
    search over the figures' starts (``figures`` in text order): only the paragraphs asked."""

    def __init__(self, view: MatchView, figures: list[Figure]) -> None:
        self.figures = figures
        self.starts = [f.start for f in figures]
        self.paragraph_starts = [s for s, _ in view.paragraphs]

    def __getitem__(self, k: int) -> list[Figure]:
        # paragraph_at: the last paragraph starting at or before the offset (the first one
        # for anything before it).
        low = bisect_left(self.starts, self.paragraph_starts[k]) if k else 0
        high = bisect_left(self.starts, self.paragraph_starts[k + 1]) \
            if k + 1 < len(self.paragraph_starts) else len(self.starts)
        return self.figures[low:high]


def _listings(cues: ListCues, text: str, figures: list[Figure], counts: list[Figure]) -> Iterator[Listing]:
    """The listings of one sentence (``counts``: its figures that are counts)."""
    rest = cues.rest
    for count in counts:
        if count.end < count.sentence[1] and text[count.end] in "（(":  # most counts: no bracket
            yield from _bracketed(cues, text, count, figures)
    if not figures:
        return
    sentence = figures[0].sentence
    for pattern, complete_claim in ((cues.intro, False), (cues.complete_intro, True)):
        if pattern is None:
            continue
        for match in finditer(pattern, text, *sentence):
            parts = _items_after(text, figures, match.end(), cues.stop, whole=complete_claim)
            if not parts:
                continue
            last = parts[-1].before.lstrip("，、,：:")
            ends_with_rest = rest is not None and search(rest, last) is not None and len(parts) > 1
            if complete_claim:
                listing = _respectively(cues, text, counts, sentence[0], match.start(), parts,
                                        ends_with_rest)
                if listing is not None:
                    yield listing
                continue
            total = _total_before(cues, text, counts, match.start(), False)
            if total is None:
                continue
            kind = "以“其他”“其余”收尾的列举" if ends_with_rest else "“其中”所列分项"
            yield Listing(total, parts, ends_with_rest, kind)


def _respectively(cues: ListCues, text: str, counts: list[Figure], sentence_start: int, at: int,
                  parts: list[Figure], ends_with_rest: bool) -> Listing | None:
    """The total a 分别为 list refers to, and what the list claims.

    Right after its total (共100件，分别为刑事40件、…) the list is the breakdown of
    that total and must add up. After 其中 and the names of the categories (其中A、B
    分别为a、b) it is a 其中 list: its parts may not exceed the total. Otherwise
    (发现问题、整改问题分别为12次、10次) the items need not be parts of any total: only
    a part larger than a labelled total is certain.
    """
    before = [f for f in counts if f.end <= at]
    if before and not text[before[-1].end:at].strip("，,：: "):
        kind = "以“其他”“其余”收尾的列举" if ends_with_rest else "紧接总数的“分别为”所列分项"
        return Listing(before[-1], parts, True, kind)
    intro = cues.intro
    opened = [m for m in finditer(intro, text, sentence_start, at)] if intro is not None else []
    if opened and not any(opened[-1].end() <= f.start < at for f in counts):
        total = _total_before(cues, text, counts, opened[-1].start(), False)
        if total is not None:
            return Listing(total, parts, ends_with_rest, "“其中……分别为”所列分项")
    total = _total_before(cues, text, counts, at, True)
    if total is None:
        return None
    return Listing(total, parts, ends_with_rest, "“分别为”所列分项", allow_sum_excess=False)


def _bracketed(cues: ListCues, text: str, total: Figure, figures: list[Figure]) -> Iterator[Listing]:
    """``88件（结案63件、维持38件…）``: a bracket right after the total, holding only parts.

    A bracket split by ； lists the parts along several dimensions (行政60件、民事40件；
    一审80件、二审20件): each group is a listing of its own.
    """
    opener = total.end
    if opener >= total.sentence[1] or text[opener] not in "（(":
        return
    close = _closing(text, opener, total.sentence[1])
    if close is None:
        return
    content = text[opener + 1:close]
    partial = cues.partial_marks
    is_partial = partial is not None and search(partial, content) is not None
    group_start = opener + 1
    for group in regex.split(r"[；;]", content):
        group_end = group_start + len(group)
        inside = [f for f in figures if group_start <= f.start < group_end]
        segments = [s for s in regex.split(r"[、，,]", group) if s]
        group_start = group_end + 1
        if len(inside) < 2 or len(segments) != len(inside) or any(not f.is_count for f in inside):
            continue
        if any(_gap(text, a.end, b.start) != 1 for a, b in pairwise(inside)):
            continue  # two figures in one segment: not a list of parts
        yield Listing(total, inside, not is_partial, "括号内的分项")


def _closing(text: str, opener: int, limit: int) -> int | None:
    depth = 0
    for i in range(opener, limit):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i
    return None


def _items_after(text: str, figures: list[Figure], position: int,
                 stop: regex.Pattern[str] | None, whole: bool = False) -> list[Figure]:
    """The counts listed one per clause after ``position``; with ``whole`` (a list that claims
    to be complete, 分别为), none when a semicolon cuts it (分别是春季1次；夏季1次；秋季2次 may go on
    past it: its sum is not known).

    The list ends at the first clause that is not a part: no count, two figures,
    a ``stop`` word (同比增加…), or a separator other than the list's own
    (其中A50件、B60件，调解成功180件: the comma ends a list built with 、). A semicolon ends
    it too, unless a colon opens the list (其中：A50件；B60件): 召开党组会议3次，其中1次专题研究
    整治方案；组织集体学法5次 goes on to the next act, not to a part.
    """
    items: list[Figure] = []
    cursor = position
    separator: str | None = None
    colon_list = text[position:position + 2].lstrip("，, ")[:1] in ("：", ":")
    # Figures are in order: start at the first after ``position`` (a sentence of many
    # listings must not scan all its figures for each one).
    for k in range(bisect_left(figures, position, key=lambda f: f.start), len(figures)):
        figure = figures[k]
        between = text[cursor:figure.start]
        gap = _gap(text, cursor, figure.start)
        if not figure.is_count or gap > 1 or (items and gap == 0):
            break
        if stop is not None and search(stop, figure.label):
            break
        if not items and not colon_list and ("；" in between or ";" in between):
            break  # 规章2件，分别是《……》《……》；规范性文件17件: the list of names ended at the ；
        if items:
            mark = next(ch for ch in between if ch in SEPARATORS or ch in "（）()")
            if mark in "；;" and not colon_list:
                return [] if whole else items
            if separator is None:
                separator = mark
            elif mark != separator:
                break
        items.append(figure)
        cursor = figure.end
    return items


def _total_before(cues: ListCues, text: str, counts: list[Figure], position: int,
                  needs_cue: bool) -> Figure | None:
    """The total a list refers to: the last count in the clause just before it (其中), or the
    last count labelled as a total (分别为)."""
    # From the last count starting before ``position`` backwards: the first one found is the
    # last of those ending before it (counts are in order; one overlapping another is rare).
    earlier = range(bisect_left(counts, position, key=lambda f: f.start) - 1, -1, -1)
    before = (counts[k] for k in earlier if counts[k].end <= position)
    if needs_cue:
        cue = cues.total_cues
        if cue is None:
            return None
        return next((f for f in before if search(cue, f.label)), None)
    last = next(before, None)
    if last is None or _gap(text, last.end, position) > 1:
        return None
    # a change (比2024年增加432件，其中市本级……) or an average is no total: the list's lies further back
    return None if cues.stop is not None and search(cues.stop, last.label) is not None else last


def _judge_listing(rule: Rule, ctx: Context, listing: Listing) -> Hit | None:
    total, parts = listing.total, listing.parts
    if not total.exact or not all(p.exact for p in parts):
        return None
    same = [p for p in parts if units_compatible(p.unit, total.unit)]
    if not same:
        return None  # 20支（612人）: not parts of the total
    tolerance = total.number.half_width + sum(p.number.half_width for p in parts)
    biggest = max(same, key=lambda p: p.value)
    if biggest.bounds()[0] > total.bounds()[1]:
        return _listing_hit(ctx, listing, "part", biggest.value, tolerance, [biggest])
    if len(same) < len(parts):
        # Parts in another classifier (录音笔29支 among 台): fine if everything adds up,
        # otherwise the relation is not certain.
        return None
    if _structured(rule, total, parts):
        return None
    whole = sum(p.value for p in parts)
    if listing.complete and abs(whole - total.value) > tolerance + 1e-9:
        return _listing_hit(ctx, listing, "sum", whole, tolerance, parts)
    overlap = _pattern(rule.get("overlap"))
    people = total.unit in rule.get("overlap_units", [])
    if not listing.complete and listing.allow_sum_excess and not people \
            and whole > total.value + tolerance + 1e-9 \
            and not any(overlap is not None and search(overlap, p.label) for p in parts):
        return _listing_hit(ctx, listing, "excess", whole, tolerance, parts)
    return None


def _structured(rule: Rule, total: Figure, parts: list[Figure]) -> bool:
    """The parts are not one flat breakdown of the total.

    A part labelled as a sub-total (结案63件), a part that is the sum of a run of the
    parts right after or right before it (审结63件、维持38件、撤销25件: 63 = 38+25), or a run of
    parts that already adds up to the total (the rest then breaks it down along another
    dimension). A part that only happens to equal a run further off (维持12件、驳回3件、终止5件、
    责令履行7件: 12 = 5+7) is no sub-total: small counts make such sums common.
    """
    cue = _pattern(rule.get("subtotal"))
    if cue is not None and any(search(cue, p.label) for p in parts):
        return True
    values = [p.value for p in parts]
    for i in range(len(values)):
        for j in range(i + 2, len(values) + 1):
            if j - i == len(values):
                continue  # the whole list: that is the check itself
            run = sum(values[i:j])
            beside = [values[k] for k in (i - 1, j) if 0 <= k < len(values)]
            if any(abs(run - t) < 1e-9 for t in (*beside, total.value)):
                return True
    return False


def _listing_hit(ctx: Context, listing: Listing, problem: str, value: float, tolerance: float,
                 used: list[Figure]) -> Hit:
    total = listing.total
    terms = " + ".join(_named(p) for p in used)
    if problem == "part":
        message = f"分项{used[0].shown()}大于总数{total.shown()}"
        explanation = f"{_named(used[0])} > {_named(total)}：分项不能大于总数"
    elif problem == "sum":
        message = f"各分项之和为{_fmt(value)}，与总数{total.shown()}不符"
        explanation = (f"{terms} = {_fmt(value)}{total.unit}，而{_named(total)}；"
                       f"{listing.kind}是全部分项，合计应等于总数（容差 {_fmt(tolerance)}）")
    else:
        which = "“其中”各项" if listing.kind == "“其中”所列分项" else "各分项"
        message = f"{which}之和{_fmt(value)}超过总数{total.shown()}"
        explanation = (f"{terms} = {_fmt(value)}{total.unit} > {_named(total)}：{listing.kind}"
                       f"之和不能超过总数（容差 {_fmt(tolerance)}）")
    end = max(p.end for p in listing.parts)
    return Hit(
        total.start - len(total.before), end,
        message=message,
        details={
            "check": "breakdown",
            "list": listing.kind,
            "complete": listing.complete,
            "figures": [_where(ctx, total, "total")] + [_where(ctx, p, "part") for p in listing.parts],
            "implied": _plain(value),
            "tolerance": _plain(tolerance),
            "explanation": explanation,
        },
    )


# ---------------------------------------------------------------- growth


def _growth(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> Iterator[Hit]:
    text = ctx.view.text
    up = _pattern(rule.get("increase"))
    down = _pattern(rule.get("decrease"))
    compare = _pattern(rule.get("compare"))
    if up is None or down is None or compare is None:
        return
    # a rate reached, not a rate of change (优秀案卷比例提高到62%: a level)
    level = _pattern(rule.get("to_cues"))
    # the second of the pair says only that it is the change (，同比增长; not 其中企业增长)
    bare = _pattern(rule.get("change_lead"))
    # a count stated as last year's (较上年的360件) is the base itself
    base_cue = _pattern(rule.get("base_cues"))
    for figures in sentences:
        yield from _between_figures(rule, ctx, figures, up, down)
    for figures in sentences:
        for i, first in enumerate(figures[:-1]):
            second = figures[i + 1]
            # the increase and its rate side by side, in either order (增加20件，增长20%;
            # 增长20%，增加20件)
            delta, rate = (second, first) if first.rate else (first, second)
            if not rate.rate or not delta.is_count or _gap(text, first.end, second.start) > 1:
                continue
            rising = search(up, delta.before) is not None
            falling = search(down, delta.before) is not None
            if rising == falling or search(compare, text, delta.sentence[0], delta.start) is None:
                continue
            if search(up if rising else down, rate.before) is None \
                    or (level is not None and search(level, rate.before) is not None) \
                    or (bare is not None and bare.fullmatch(second.before.strip()) is None):
                continue
            totals = [f for f in figures[:i] if f.is_count and units_compatible(f.unit, delta.unit)
                      and search(up, f.before) is None and search(down, f.before) is None]
            if not totals or _gap(text, totals[-1].end, first.start) > 1:
                continue
            stated = [base_cue is not None and search(base_cue, text[t.clause[0]:t.start]) is not None
                      for t in totals]
            if any(_growth_agrees(t, delta, rate, rising, s) for t, s in zip(totals, stated, strict=True)):
                continue
            hit = _judge_growth(ctx, totals[-1], delta, rate, rising, stated[-1])
            if hit is not None:
                yield hit


def _base(total: Figure, delta: Figure, rising: bool, stated: bool = False) -> tuple[float, float]:
    """Last year's figure: this year's total minus the increase (plus the decrease); ``stated``:
    ``total`` is last year's own figure (较上年的360件)."""
    t_low, t_high = total.bounds()
    if stated:
        return t_low, t_high
    d_low, d_high = delta.bounds()
    return (t_low - d_high, t_high - d_low) if rising else (t_low + d_low, t_high + d_high)


def _growth_agrees(total: Figure, delta: Figure, rate: Figure, rising: bool, stated: bool = False) -> bool:
    """The change over last year's figure agrees with the rate: ``total`` less the increase, or
    ``total`` itself where it is stated as last year's (``stated``). This year's total is no base:
    420件，同比增加60件，上升14.3% divides by the wrong year (60 ÷ 360 = 16.7%). Any earlier count of
    the sentence may be the one the change refers to."""
    base = _base(total, delta, rising, stated)
    return base[0] <= 0 or overlaps(_ratio(delta.bounds(), base), _accepted(rate))


def _judge_growth(ctx: Context, total: Figure, delta: Figure, rate: Figure, rising: bool,
                  stated: bool = False) -> Hit | None:
    if not (total.exact and delta.exact and rate.exact):
        return None
    base = _base(total, delta, rising, stated)
    if base[0] <= 0:
        return None
    implied = _ratio(delta.bounds(), base)
    value = (implied[0] + implied[1]) / 2
    base_value = total.value if stated else total.value - delta.value if rising else total.value + delta.value
    sign = "−" if rising else "+"
    low, high = rate.bounds()
    base_said = f"上年数 = {_named(total)}（文中所写）" if stated else \
        f"上年数 = {_named(total)} {sign} {delta.shown()} = {_fmt(base_value)}{total.unit}"
    explanation = (f"{base_said}；"
                   f"{delta.shown()} ÷ {_fmt(base_value)}{total.unit} = {value:.2f}%；"
                   f"文中“{rate.shown()}”应在 {_fmt(low)}%～{_fmt(high)}% 之间，两者不符")
    return Hit(
        delta.start - len(delta.before), rate.end,
        message=f"{'增幅' if rising else '降幅'}{rate.shown()}与增减数量不符：按上年数计算应为{value:.2f}%",
        details={
            "check": "growth",
            "figures": [_where(ctx, total, "total"), _where(ctx, delta, "change"),
                        _where(ctx, rate, "rate")],
            "base": _plain(base_value),
            "implied": round(value, 4),
            "tolerance": rate.number.half_width,
            "explanation": explanation,
        },
    )


def _between_figures(rule: Rule, ctx: Context, figures: list[Figure],
                     up: regex.Pattern[str], down: regex.Pattern[str]) -> Iterator[Hit]:
    """A change stated with both figures: 受理112件，较上年的128件下降12.5% (the earlier
    figure after 较…的 or 上年为, the current one the count before it), or 由128件降至112件，
    下降12.5% (the earlier after 由/从, the current after 降至/增至)."""
    last_rate = max((i for i, f in enumerate(figures) if f.rate), default=-1)
    if last_rate < 0:
        return  # most sentences: nothing to check, and no pattern need run
    text = ctx.view.text
    base_cue = _pattern(rule.get("base_cues"))
    from_cue = _pattern(rule.get("from_cues"))
    to_cue = _pattern(rule.get("to_cues"))
    for i, base in enumerate(figures[:last_rate]):  # a change is stated before its rate
        if not base.is_count:
            continue
        prefix = text[base.clause[0]:base.start]
        anchor = base
        currents: list[Figure] = []
        if base_cue is not None and search(base_cue, prefix) is not None:
            currents = [f for f in figures[:i] if f.is_count and units_compatible(f.unit, base.unit)]
            if not currents or _gap(text, currents[-1].end, base.start) > 1:
                continue
        elif from_cue is not None and search(from_cue, prefix) is not None and i + 1 < len(figures):
            after = figures[i + 1]
            if not (after.is_count and units_compatible(after.unit, base.unit)
                    and _gap(text, base.end, after.start) == 0 and to_cue is not None
                    and search(to_cue, text[base.end:after.start]) is not None):
                continue
            currents, anchor = [after], after
        else:
            continue
        rate = next((f for f in figures if f.start >= anchor.end), None)
        if rate is None or not rate.rate or _gap(text, anchor.end, rate.start) > 1:
            continue
        rising = search(up, rate.before) is not None
        if rising == (search(down, rate.before) is not None):
            continue
        if not all(f.exact for f in (base, rate, *currents)):
            continue
        if any(_change_agrees(current, base, rate, rising) for current in currents):
            continue
        yield _change_hit(ctx, currents[-1], base, rate, rising)


def _change(current: Figure, base: Figure) -> tuple[float, float] | None:
    """The interval of (current − base) ÷ base × 100, or None when base may be zero."""
    c_low, c_high = current.bounds()
    b_low, b_high = base.bounds()
    if b_low <= 0:
        return None
    values = [(c - b) / b * 100 for c in (c_low, c_high) for b in (b_low, b_high)]
    return min(values), max(values)


def _change_agrees(current: Figure, base: Figure, rate: Figure, rising: bool) -> bool:
    change = _change(current, base)
    if change is None:
        return True
    signed = change if rising else (-change[1], -change[0])
    return overlaps(signed, _accepted(rate))


def _change_hit(ctx: Context, current: Figure, base: Figure, rate: Figure, rising: bool) -> Hit:
    change = _change(current, base) or (0.0, 0.0)
    value = (change[0] + change[1]) / 2
    word = "增幅" if rising else "降幅"
    low, high = rate.bounds()
    arithmetic = f"({current.shown()} − {base.shown()}) ÷ {base.shown()} = {value:+.2f}%"
    if (value < 0) == rising and abs(value) > 1e-9:
        message = (f"文中说{'增长' if rising else '下降'}{rate.shown()}，但{current.shown()}比"
                   f"{base.shown()}{'少' if rising else '多'}")
    else:
        message = f"{word}{rate.shown()}与前后数字不符：按两年数字计算应为{abs(value):.2f}%"
    return Hit(
        base.clause[0], rate.end,
        message=message,
        details={
            "check": "growth",
            "figures": [_where(ctx, current, "total"), _where(ctx, base, "base"),
                        _where(ctx, rate, "rate")],
            "base": _plain(base.value),
            "implied": round(value, 4),
            "tolerance": rate.number.half_width,
            "explanation": (f"{arithmetic}；文中“{rate.shown()}”应在 {_fmt(low)}%～{_fmt(high)}% 之间，"
                            "两者不符"),
        },
    )


# ---------------------------------------------------------------- rates above 100%


def _bounded(rule: Rule, ctx: Context, sentences: list[list[Figure]]) -> Iterator[Hit]:
    names = _pattern(rule.get("names"))
    if names is None:
        return
    ending = compiled(f"(?:{names.pattern}){RATE_FILLER}")
    for figures in sentences:
        for figure in figures:
            if not figure.rate or not figure.exact:
                continue
            match = search(ending, figure.before)
            if match is None or figure.bounds()[0] <= 100:
                continue
            name = regex.sub(RATE_FILLER, "", match.group(0))
            yield Hit(
                figure.start - (len(figure.before) - match.start()), figure.end,
                message=f"“{name}”为{figure.shown()}，超过100%",
                details={
                    "check": "bounded-rate",
                    "figures": [_where(ctx, figure, "rate")],
                    "tolerance": figure.number.half_width,
                    "explanation": f"{name}是部分占总数的比例，不可能超过100%；文中为{figure.shown()}",
                },
            )
