"""Kind ``metric``: the figures supervisors look for, as elements and as data.

Two shapes of rule share this kind:

* an **extraction** rule (``topics`` and an ``extract`` table) names the
  figures of the report: each row gives a metric id to the figures of a topic
  whose label holds one of its ``cues`` and whose unit is one of its ``units``
  (``受理行政复议案件32件`` → ``reconsideration.accepted``). It yields the
  figures as :class:`~checker.model.Metric` (the JSON ``metrics`` list);
* an **element** rule judges one required metric from those figures:
  **present** when a figure with one of the ``figures`` ids is stated (the
  value is cited), or a ``zero`` phrase states that there were none
  (未发生行政复议案件); **weak** when only a ``weak_figures`` figure is there
  (a count of appearances without the rate) or the metric is named without a
  figure (a ``weak`` phrase such as 出庭应诉率不断提高); **missing** otherwise —
  a sentence about the work with no figure (认真落实行政机关负责人出庭应诉制度)
  states nothing. A figure may be stated in words: an ``in_words`` phrase
  (行政诉讼案件均由局主要负责人出庭应诉) gives its value (a rate of 100%), unless
  its clause limits it to some cases (重大案件均由……).

The extraction is computed once per report and shared with the
``arithmetic`` kind (:func:`report_figures`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.context import Context, Hit, Span, Verdict
from checker.model import Metric
from checker.pack.loader import Rule
from checker.text import levels, regex_cache
from checker.text.figures import Figure, Table, all_topic_marks, find_figures, overlaps
from checker.text.metric_columns import metric_rows
from checker.text.normalize import MatchView
from checker.text.numbers import find_numbers
from checker.text.patterns import any_of, compiled, finditer, match_spans, search
from checker.text.spans import SpanIndex, after_last
from checker.text.year_columns import year_rows

PHASE = 1
MAX_EVIDENCE = 3
YEAR = regex_cache.compiled(r"(?<!\d)((?:19|20)\d\d)年")
# The words of a figure's scope and year, dropped from its name before names are compared
# (全县行政机关负责人出庭应诉率 is 行政机关负责人出庭应诉率); a level the filer's name does not hold is
# the figure's scope (a county's 全省 figure is the province's, never a restatement of its own).
SCOPE_WORD = regex_cache.compiled(r"全(?P<level>国|省|市|州|盟|县|区|旗|镇|乡)|全年|今年|本年度?|年内")
FILLERS = regex_cache.compiled(r"(?:均|始终|保持|稳定)?(?:为|是|达到?了?|在|约)?$")
# a scope's figures, not its words
_NUMBERS = regex_cache.compiled(r"[\d.,，%]+(?:余|多)?(?:件|起|宗|人次|次|个|万|项)?")

_last: tuple[MatchView, str, list[tuple[Figure, str | None]]] | None = None


def run(rule: Rule, ctx: Context) -> Iterator[Verdict | Metric | Hit]:
    if rule.get("extract") is not None:
        yield from _metrics(ctx)
        yield from _conflicts(rule, ctx)
    else:
        verdict, worded = _judge(rule, ctx)
        if worded is not None:  # the figure is stated in words: name it as a metric too
            entry, (begin, end) = worded
            line, _ = ctx.view.position(begin)
            yield Metric(id=str(entry["metric"]), value=float(entry["value"]), unit=str(entry["unit"]),
                         line=line, text=ctx.view.excerpt(begin, end))
        yield verdict


def extraction_rules(ctx: Context) -> list[Rule]:
    return [r for r in ctx.pack.rules if r.kind == "metric" and r.get("extract") is not None]


# The extraction table of each loaded pack (config may derive variants with other digests).
_TABLES: dict[str, Table] = {}


def report_figures(ctx: Context) -> list[tuple[Figure, str | None]]:
    """The report's figures with their metric ids (None when no row names them); cached."""
    global _last
    if _last is not None and _last[0] is ctx.view and _last[1] == ctx.pack.digest:
        return _last[2]
    table = _TABLES.get(ctx.pack.digest)
    if table is None:
        table = _TABLES[ctx.pack.digest] = Table.from_rules(extraction_rules(ctx))
    figures = find_figures(ctx.view.text, table.topics, table.continues, table.comparisons)
    named = [(f, table.metric_id(f, ctx.view.text)) for f in figures]
    _name_changes(named, table, ctx.view.text)
    _refine(named, ctx, table)
    if ctx.meta.year is not None:
        _name_by_year(named, ctx, table)
        named = _by_year_columns(named, ctx)
        named = _by_metric_columns(named, ctx, table)
    _last = (ctx.view, ctx.pack.digest, named)
    return named


def _by_metric_columns(named: list[tuple[Figure, str | None]], ctx: Context,
                       table: Table) -> list[tuple[Figure, str | None]]:
    """A table of years' rows under a header of metrics (年度 行政复议收案（件） 出庭应诉率（%）): the row
    of the year reported on gives a figure per column, named by its header (its unit from the
    header's （件）, a rate from its 率 or （%）); a column with no topic of its own takes the one
    before it (行政复议收案 审结). The other years' rows are no data of the year."""
    view = ctx.view
    rows = metric_rows(view.text, view.doc.text, view.origin, view.paragraphs)
    if not rows:
        return named
    ranks = levels.of(ctx.pack)
    # a cell's number already named in its own words keeps its name (a row label's （件） gave
    # it a unit, and no topic: it is the column's)
    known = {f.start for f, metric_id in named if metric_id is not None}
    added: list[tuple[Figure, str | None]] = []
    numbers = {n.start: n for n in find_numbers(view.text)}
    for year, columns in rows:
        if year != ctx.meta.year:
            continue
        row = (columns[0].start, columns[-1].end)
        topic = None
        for column in columns:
            number = numbers.get(column.start)
            topic = _latest_topic(column.header, table, topic)
            if number is None or column.start in known or topic is None:
                continue
            if (table.targets is not None and table.targets.search(column.header)) \
                    or (ctx.meta.issuer and _label_and_scope(column.header, ctx.meta.issuer, ranks)[1]):
                continue  # a target's column (目标出庭应诉率), another level's (全市行政复议收案)
            rate = number.percent or RATE_HEADER.search(column.header) is not None
            unit = number.unit or next((u for u in HEADER_UNITS if f"（{u}）" in column.header
                                        or f"({u})" in column.header), "")
            figure = Figure(number._replace(unit=unit), row, (column.start, column.end), column.header, "",
                            topic, rate)
            added.append((figure, table.metric_id(figure, view.text, targets=False)))
    if not added:
        return named
    replaced = {f.start for f, _ in added}
    return sorted([*(p for p in named if p[0].start not in replaced), *added], key=lambda pair: pair[0].start)


RATE_HEADER = regex_cache.compiled(r"率|比例|比率|[（(][%％][)）]")
HEADER_UNITS = ("件", "起", "宗", "人次", "次", "个", "项", "份", "卷", "人")


def _by_year_columns(named: list[tuple[Figure, str | None]], ctx: Context) -> list[tuple[Figure, str | None]]:
    """A table of two years' columns (指标 2024年 2025年): the row's label names the metric of the
    year reported on's column; the other year's column is no data of the year."""
    rows = year_rows(ctx.view.text, ctx.view.paragraphs, [f.start for f, _ in named])
    if not rows:
        return named
    ids = dict((f.start, m) for f, m in named)
    for row in rows:
        row_id = next((ids[start] for start, _ in row if ids[start] is not None), None)
        for start, year in row:
            ids[start] = row_id if year == ctx.meta.year else None
    return [(f, ids[f.start]) for f, _ in named]


def _refine(named: list[tuple[Figure, str | None]], ctx: Context, table: Table) -> None:
    """What a figure's own words do not tell: a change is no count (同比增加56件), nor a per-head average
    (人均结案28件); last year's figure no data of the year (上年受理……360件), nor another level's (全省……92.3%
    in a county's report); the
    filer's own restating it takes its name (……，我县为100%); figures in the order of the names
    before them take theirs (收到行政复议申请、一审行政诉讼案件分别为97件、36件)."""
    text = ctx.view.text
    ranks = levels.of(ctx.pack)
    named_as = [metric_id for _, metric_id in named]  # (before any is dropped: 我县为 takes 全省's)
    # the sentence of another level's figure: the figures after it are that level's too (全县……52件，
    # 出庭应诉率96.2% in a township's report), up to one whose label names the filer (我县……, 其中我县)
    elsewhere: tuple[int, int] | None = None
    for k, (figure, metric_id) in enumerate(named):
        words = "".join(HAN_RUN.findall(figure.before))
        if figure.sentence == elsewhere and ((table.own_subject is not None and table.own_subject.match(words))
                                             or SCOPE_WORD.match(words)):
            elsewhere = None
        foreign = bool(ctx.meta.issuer) and bool(_label_and_scope(figure.before, ctx.meta.issuer, ranks)[1])
        if foreign and metric_id is not None:
            elsewhere = figure.sentence
        if figure.sentence == elsewhere:
            named[k] = (figure, None)
            continue
        if metric_id is None:
            if table.same_as_before is None or not table.same_as_before.fullmatch(figure.before.strip()):
                continue
            metric_id = next((named_as[j] for j in range(k - 1, -1, -1) if named[j][0].sentence == figure.sentence
                              and named[j][0].unit == figure.unit and named_as[j] is not None), None)
            named[k] = (figure, metric_id)
            if metric_id is None:
                continue
        opening = text[figure.clause[0]:figure.start]
        if foreign or (table.changes is not None and table.changes.search(figure.before)) \
                or (table.averages is not None and table.averages.search(figure.before)) \
                or (table.last_year is not None and table.last_year.search(opening)):
            named[k] = (figure, None)
    if table.respectively is not None:
        _name_respectively(named, table, text, ctx.meta.issuer, ranks, ctx.meta.year)


def _name_by_year(named: list[tuple[Figure, str | None]], ctx: Context, table: Table) -> None:
    """行政复议收到申请：2024年79件，2025年88件 (or ；, or 2025年为88件): figures each opening with a year
    only, listed after a name and a colon: the year reported on takes the name, the other years' are
    theirs (no name); in the plan, or under a target's name (出庭应诉率目标：), they are targets."""
    text = ctx.view.text
    plan = _plan(ctx)
    for k, (figure, metric_id) in enumerate(named):
        # (most figures are named, or have no 年 just before them: one slice, no pattern)
        if metric_id is not None or "年" not in text[max(0, figure.start - 4):figure.start]:
            continue
        if FILLERS.sub("", figure.before).strip() or plan.holds(figure.start):
            continue
        year = YEAR_ITEM.fullmatch(text, figure.clause[0], figure.start)
        if year is not None:
            words = _year_list_name(text, figure.clause[0])
        else:  # the name run into the item's own clause (出庭应诉率2025年为100%)
            year = NAMED_YEAR_ITEM.fullmatch(text, figure.clause[0], figure.start)
            words = year.group(1) if year is not None else None
        if year is None or int(year.group("year")) != ctx.meta.year:
            continue
        if words is None or (table.targets is not None and table.targets.search(words)):
            continue
        named[k] = (figure, _named_by(figure, words, table, text))


def _year_list_name(text: str, clause_start: int) -> str | None:
    """The name of the year list whose item opens at ``clause_start``: before the list's colon
    (行政复议收到申请：2024年79件，2025年88件; the list may run over a ；), or run into the first
    item's clause (出庭应诉率2024年为95%，2025年为100%). None: no list of years' figures."""
    left = after_last(text, "。！？\n", 0, clause_start)
    colon = after_last(text, "：:", left, clause_start) - 1
    if colon >= left and YEAR_ITEMS.fullmatch(text, colon + 1, clause_start):
        # between the colon and this item only other years' figures (2024年79件，)
        return text[after_last(text, "，,；;", left, colon):colon]
    # run in: the nearest clause that opens with a name and goes on with years' figures to this item
    start = clause_start
    while start > left:
        start = after_last(text, "，,；;：:", left, start - 1)
        run_in = RUN_IN_YEARS.fullmatch(text, start, clause_start)
        if run_in is not None:
            return str(run_in.group(1))
        if not YEAR_ITEMS.fullmatch(text, start, clause_start):
            break
    return None


YEAR_ITEM = regex_cache.compiled(r"\s*(?P<year>(?:19|20)\d\d)年(?:度)?(?:全年)?(?:为|是|达到?|共)?\s*")
# other years' figures before it: 2024年79件， 2024年为79件（同比下降5%）；
YEAR_ITEMS = regex_cache.compiled(
    r"(?:\s*(?:19|20)\d\d年(?:度)?(?:全年)?(?:为|是|达到?|共)?\s*\d+(?:\.\d+)?\s*[\p{Han}%％]{0,3}"
    r"(?:[（(][^（）()]{0,20}[）)])?[，,、；;]\s*)*")
# a name, then the first year's figure in its clause (出庭应诉率2024年为95%，): the name ends in a
# word, holds no figure and is no year list's own colon
RUN_IN_YEARS = regex_cache.compiled(r"([^，,；;：:。\d]*\p{Han})(?=(?:19|20)\d\d年)" + YEAR_ITEMS.pattern)
NAMED_YEAR_ITEM = regex_cache.compiled(r"([^，,；;：:。\d]*\p{Han})" + YEAR_ITEM.pattern)


def _name_respectively(named: list[tuple[Figure, str | None]], table: Table, text: str,
                       issuer: str | None = None, ranks: levels.Levels | None = None,
                       year: int | None = None) -> None:
    """收到行政复议申请、一审行政诉讼案件分别为97件、36件: each figure of the 、-list after 分别为 named by the
    name in its place, when there are as many names as figures."""
    for k, (figure, _) in enumerate(named):
        cue = table.respectively.search(figure.before) if table.respectively is not None else None
        if cue is None:
            continue
        # the names: the words of the sentence's clause up to the cue, across their 、 (a label ends at it,
        # or at the colon before the figures: 分别为：8件；4件)
        label_end = figure.start if text.endswith(figure.before, 0, figure.start) \
            else text.rfind(figure.before, figure.sentence[0], figure.start) + len(figure.before)
        opening = after_last(text, "，,；;：:", figure.sentence[0], label_end)
        names = [n for n in NAME_LIST.split(text[opening:label_end - len(figure.before) + cue.start()]) if n]
        run = [k]
        while len(run) < len(names) and run[-1] + 1 < len(named):
            following = named[run[-1] + 1][0]
            if following.sentence != figure.sentence \
                    or text[named[run[-1]][0].end:following.start].strip() not in FIGURE_LIST_MARKS:
                break
            run.append(run[-1] + 1)
        if len(names) < 2:
            continue
        if len(run) != len(names):
            named[k] = (figure, None)  # names and figures that do not pair: whose each is, is not known
            continue
        names = _years_named(names, year)
        for j, words in zip(run, names, strict=True):
            if words is None:
                named[j] = (named[j][0], None)  # 行政复议收案2024年、2025年分别为……: another year's
                continue
            each = named[j][0]
            if issuer and _label_and_scope(words, issuer, ranks)[1]:
                named[j] = (each, None)  # 全省、全市……分别为12.1%、10.4%: another level's each
                continue
            named[j] = (each, _named_by(each, words, table, text))


def _years_named(names: list[str], year: int | None) -> list[str | None]:
    """A 分别为 list's names that are years (行政复议收案2024年、2025年分别为79件、88件): the year reported on
    takes the name before the first year, each other year's figure names nothing. Other names as given."""
    years = [m for m in map(YEAR_NAME.search, names) if m is not None]
    if len(names) < 2 or len(years) < len(names) or year is None:
        return list(names)
    subject = names[0][:years[0].start()]  # the name before the first year
    return [((subject if k else "") + name[:m.start()]) if int(m.group(1)) == year else None
            for k, (name, m) in enumerate(zip(names, years, strict=True))]


YEAR_NAME = regex_cache.compiled(r"((?:19|20)\d\d)年度?$")


def _named_by(figure: Figure, words: str, table: Table, text: str) -> str | None:
    """The metric id of ``figure`` read as named by ``words`` written elsewhere in its sentence (a
    分别为 list's names, a year list's name before its colon); its topic as those words give it."""
    topic = _latest_topic(words, table, figure.topic)
    return table.metric_id(figure._replace(before=words, after="", topic=topic), text, targets=False)


def _latest_topic(words: str, table: Table, default: str | None) -> str | None:
    """The topic of ``words`` as a figure after them would take it (the keyword ending last, the
    longer on a tie: 负责人出庭应诉率 is the appearance's), else ``default``."""
    marks = all_topic_marks(words, table.topics)
    return max(marks, key=lambda m: (m[1], m[1] - m[0]))[2] if marks else default


NAME_LIST = regex_cache.compiled(r"[、和及与]")
HAN_RUN = regex_cache.compiled(r"\p{Han}+")
FIGURE_LIST_MARKS = ("、", "和", "及", "与", "；", ";")


def _name_changes(named: list[tuple[Figure, str | None]], table: Table, text: str) -> None:
    """由上年的92.1%提高到100%: the first figure is last year's and names nothing; the second is
    this year's, named as the first one's label says (the change's 提高到 is no target; a
    target word before the first figure, 力争由……提高到, still is)."""
    since, until = table.change_from, table.change_to
    if since is None or until is None:
        return
    for k in range(len(named) - 1):
        first, second = named[k][0], named[k + 1][0]
        if first.sentence != second.sentence or first.unit != second.unit \
                or until.fullmatch(second.before) is None or since.search(first.before) is None:
            continue
        target = table.targets is not None and table.targets.search(first.before) is not None
        named[k] = (first, None)
        named[k + 1] = (second, None if target else table.metric_id(first, text, targets=False))


def _metrics(ctx: Context) -> Iterator[Metric]:
    view = ctx.view
    for figure, metric_id in report_figures(ctx):
        if metric_id is None:
            continue
        line, _ = view.position(figure.start)
        yield Metric(
            id=metric_id,
            value=figure.value,
            unit=figure.unit,
            line=line,
            text=view.excerpt(*_statement(figure)),
            approximate=figure.number.approximate,
        )


def _statement(figure: Figure) -> tuple[int, int]:
    """The clause around a figure, from the start of its label to the end of its unit."""
    start = figure.start - len(figure.before)
    end = figure.end + len(figure.after)
    return start, end


def _conflicts(rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A rate stated twice, in the same words and for the same year, with values that differ.

    Statements in the plan section, in a sentence about another year or with a
    ``skip`` word (a comparison, a breakdown, another scope) are not compared,
    nor are statements whose labels differ (县政府负责人… vs 行政机关负责人…).
    """
    compare = any_of(tuple(rule.get("compare", [])))
    if compare is None:
        return
    skip = any_of(tuple(rule.get("skip", [])))
    scoped_max = int(rule.get("scoped_label_max", -1))
    view = ctx.view
    plan = _plan(ctx)
    # Statements are compared only with earlier ones of the same metric named in the same
    # words (全县 and 全年 aside); of those stating the same interval, two in different
    # sentences are kept, as a later one could never be the first clash. A report that
    # repeats a figure a thousand times costs a thousand steps, not a million.
    seen: dict[tuple[str, str], list[tuple[Figure, str | None]]] = {}
    issuer = ctx.meta.issuer
    ranks = levels.of(ctx.pack)
    for figure, metric_id in report_figures(ctx):
        if metric_id is None or not compare.fullmatch(metric_id) or not figure.exact:
            continue
        if skip is not None and search(skip, view.text, *figure.sentence):
            continue
        if _other_year(ctx, figure) or plan.holds(figure.start):
            continue
        label, scope = _label_and_scope(figure.before, issuer, ranks)
        if not label:
            continue  # unnamed: comparable with nothing
        if len(label) <= scoped_max:
            label += "|" + _label_and_scope(_NUMBERS.sub("", view.text[figure.sentence[0]:figure.clause[0]]),
                                            issuer, ranks)[0]
        kept = seen.setdefault((metric_id, label), [])
        # (a figure of another scope, 全省 in a county's report, is the province's: never a clash)
        clash = next((e for e, other in kept if e.sentence != figure.sentence
                      and not overlaps(e.bounds(), figure.bounds())
                      and (scope is None or other is None or scope == other)), None)
        if clash is not None:
            yield _conflict(ctx, clash, figure)
        same = [e for e, _ in kept if e.bounds() == figure.bounds()]
        if len(same) < 2 and all(e.sentence != figure.sentence for e in same):
            kept.append((figure, scope))


def _other_year(ctx: Context, figure: Figure) -> bool:
    years = {int(y) for y in YEAR.findall(ctx.view.text, *figure.sentence)}
    return bool(years - {ctx.meta.year}) if ctx.meta.year else bool(years)


def _label_and_scope(before: str, issuer: str | None = None,
                     ranks: levels.Levels | None = None) -> tuple[str, str | None]:
    """The words naming a figure, without fillers, punctuation and the scope and year words it opens
    with (全县行政机关负责人出庭应诉率为 → 行政机关负责人出庭应诉率); and its scope's level when that is not
    the filer's own (全省 in 示例县人民政府's report: 省; the filer's own: ""; None: no issuer known, and
    no level named)."""
    words = "".join(HAN_RUN.findall(FILLERS.sub("", before)))
    # with the issuer known a figure is its own ("") unless it names another level; with none known,
    # only the level it names, if any (None: comparable with any)
    end, scope = 0, None if issuer is None else ""
    mine = ranks.own_level(issuer) if ranks is not None else None
    for word in SCOPE_WORD.finditer(words):
        if word.start() != end:
            break
        level = word.group("level")
        if level and (issuer is None or (level != mine if mine is not None else level not in issuer)):
            scope = level  # (the filer's own: the lowest level its name names, 区 of 青石市柳溪区人民政府)
        end = word.end()
    return words[end:], scope


def _label_key(before: str) -> str:
    return _label_and_scope(before)[0]


def _conflict(ctx: Context, first: Figure, second: Figure) -> Hit:
    view = ctx.view
    line1, _ = view.position(first.start)
    line2, _ = view.position(second.start)
    name = _label_key(second.before) or "该数据"
    explanation = (f"第{line1}行“{view.excerpt(*_statement(first))}”与第{line2}行"
                   f"“{view.excerpt(*_statement(second))}”是同一指标，"
                   f"数值 {first.shown()} 与 {second.shown()} 在显示精度内不相等")
    return Hit(
        *_statement(second),
        message=f"“{name}”前后不一致：第{line1}行为{first.shown()}，第{line2}行为{second.shown()}",
        details={
            "check": "repeated-metric",
            "figures": [_where(ctx, first), _where(ctx, second)],
            "explanation": explanation,
        },
    )


def _where(ctx: Context, figure: Figure) -> dict[str, object]:
    line, column = ctx.view.position(figure.start)
    low, high = figure.bounds()
    return {"text": figure.shown(), "label": figure.before, "value": _plain(figure.value),
            "unit": figure.unit, "line": line, "column": column, "interval": [low, high]}


def judge(rule: Rule, ctx: Context) -> Verdict:
    return _judge(rule, ctx)[0]


Worded = tuple[dict[str, Any], tuple[int, int]]  # the entry, and the phrase's span


def _judge(rule: Rule, ctx: Context) -> tuple[Verdict, Worded | None]:
    """The verdict, and the ``in_words`` phrase it rests on (None: it rests on no such phrase)."""
    view = ctx.view
    wanted = any_of(tuple(rule.get("figures", [])))
    lesser = any_of(tuple(rule.get("weak_figures", [])))
    looks_for = rule.get("looks_for", rule.name)
    # The plan's figures are targets (受理案件达到50件以上, 出庭应诉率保持在100%), not the year's data.
    plan = _plan(ctx)
    named = [(f, m) for f, m in report_figures(ctx) if not plan.holds(f.start)]
    strong = [f for f, m in named if m and wanted is not None and wanted.fullmatch(m)]
    if strong:
        shown = "、".join(f.shown() for f in strong[:MAX_EVIDENCE])
        more = f"等 {len(strong)} 项" if len(strong) > MAX_EVIDENCE else ""
        return Verdict("present", [Span(*_statement(f)) for f in strong[:MAX_EVIDENCE]],
                       f"数字：{shown}{more}", _plain(strong[0].value)), None
    worded = _in_words(rule, ctx, plan)
    if worded is not None:
        entry, (begin, end) = worded
        shown = f"{_plain(float(entry['value']))}{entry['unit']}"
        return Verdict("present", [Span(begin, end)],
                       f"文字表述：“{view.text[begin:end]}”，即 {shown}", _plain(float(entry["value"]))), worded
    for pattern in rule.get("zero", []):
        match = next(iter(finditer(compiled(pattern), view.text)), None)
        if match is not None:
            return Verdict("present", [Span(match.start(), match.end())], "写明全年没有此类案件", 0), None
    weaker = [f for f, m in named if m and lesser is not None and lesser.fullmatch(m)]
    if weaker:
        return Verdict("weak", [Span(*_statement(f)) for f in weaker[:MAX_EVIDENCE]],
                       f"有相关数字，但未写明{looks_for}", None), None
    mention = any_of(tuple(rule.get("weak", [])))
    if mention is not None:
        # A plan to raise the rate says nothing about the year's figure.
        hits = [m for m in finditer(mention, view.text) if m.end() > m.start() and not plan.holds(m.start())]
        if hits:
            return Verdict("weak", [Span(m.start(), m.end()) for m in hits[:MAX_EVIDENCE]],
                           "提到了，但没有具体数字", None), None
    return Verdict("missing", [], f"全文未找到{looks_for}的具体数字"), None


def _plan(ctx: Context) -> SpanIndex:
    """The plan's sections: its figures and words are next year's, not the year's data."""
    return SpanIndex((s.start, s.end) for s in ctx.sections_for("next-year"))


def _in_words(rule: Rule, ctx: Context, plan: SpanIndex) -> Worded | None:
    """The first ``in_words`` phrase stating the figure, outside the plan section and not in a
    clause that limits it to some cases; with its entry."""
    entries = rule.get("in_words", [])
    if not entries:
        return None
    view = ctx.view
    for entry in entries:
        unless = any_of(tuple(entry.get("unless", [])))
        phrases = any_of(tuple(entry["patterns"]))
        if phrases is None:
            continue
        # The branches one by one (match_spans): one may open with the clause before the phrase.
        for begin, end in match_spans(phrases, view.text, least=2):
            if plan.holds(begin):
                continue
            start = after_last(view.text, "。；，\n", 0, begin)
            if unless is not None and search(unless, view.text, start, end):
                continue
            return entry, (begin, end)
    return None


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
