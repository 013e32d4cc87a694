"""The audit in the terminal: the ranked table, then the batch summary.

The summary is printed with rich (imported here and in the command only); the
table is plain padded text, fast for ten thousand rows and fitted to the
terminal's width (:mod:`checker.audit.table`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from checker.audit import table
from checker.audit.batch import Audit
from checker.audit.labels import PLAN_UNMATCHED_NOTE, PLAN_UNMATCHED_SHORT, group_text, pair_text, short

WRITE_LINES = 2000
TOP_RULES = 10
SHOWN_PAIRS = 20
BAR_WIDTH = 40


def render(console: Any, audit: Audit, limit: int | None = None) -> None:
    _table(console, audit, limit)
    _summary(console, audit)


def _table(console: Any, audit: Audit, limit: int | None) -> None:
    """The ranked table, fitted to the console's width (see :mod:`checker.audit.table`)."""
    color = console.is_terminal and not console.no_color
    rows = audit.rows if not limit else audit.rows[:limit]
    out = [f"报告排名（{len(audit.rows)} 份，按得分从高到低）"]
    for line in table.lines(audit, rows, console.width, color):
        out.append(line)
        if len(out) >= WRITE_LINES:
            console.file.write("\n".join(out) + "\n")
            out = []
    console.file.write("\n".join(out) + "\n")
    if limit and len(audit.rows) > limit:
        console.print(f"[dim]（仅显示前 {limit} 份，共 {len(audit.rows)} 份；完整排名见导出文件）[/dim]")


def _summary(console: Any, audit: Audit) -> None:
    checked = audit.checked
    console.print()
    passed = sum(1 for r in checked if r.passed)
    cached = sum(1 for r in audit.rows if r.cached)
    console.print(f"[bold]合计[/bold]：{len(audit.rows)} 份报告，检查 {len(checked)} 份（通过 {passed} 份），"
                  f"无法检查 {len(audit.failed)} 份"
                  + (f"，不像年度报告 {len(audit.excluded)} 份" if audit.excluded else "")
                  + f"；用时 {audit.elapsed:.1f} 秒"
                  + (f"，其中 {cached} 份取自缓存" if cached else ""))
    if not checked:
        return
    console.print()
    console.print("[bold]要素缺失情况[/bold]（缺失 / 薄弱 份数）")
    width = max(len(name) for _, name in audit.elements) if audit.elements else 0
    for element, name in audit.elements:
        counts = audit.element_counts.get(element, Counter())
        total = sum(counts.values())
        console.print(f"  {_shown(name)}{'　' * (width - len(name))}  缺失 {counts.get('missing', 0):>4}  "
                      f"薄弱 {counts.get('weak', 0):>4}  （共 {total} 份要求此项）")
    _rules(console, audit)
    console.print()
    console.print("[bold]得分分布[/bold]")
    bins = audit.score_bins()
    most = max(n for _, n in bins) or 1
    for label, count in reversed(bins):
        bar = "█" * round(count / most * BAR_WIDTH)
        console.print(f"  {label:>6}  {bar} {count}")
    grades = Counter(r.grade for r in checked if r.grade)
    if grades:
        console.print()
        console.print("[bold]等级[/bold]：" + "，".join(f"{g} {n} 份" for g, n in grades.most_common()))
    timing = audit.timing_counts()
    console.print()
    console.print("[bold]报送时间[/bold]：" + "，".join(f"{k} {v} 份" for k, v in timing.items() if v))
    _copies(console, audit)
    _years(console, audit)


def _rules(console: Any, audit: Audit) -> None:
    if not audit.rule_counts:
        return
    names = {r.id: r.name for r in audit.pack.rules}
    ranked = sorted(audit.rule_counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    console.print()
    console.print("[bold]高频问题[/bold]（按规则：涉及报告 / 出现次数）")
    for rule, (reports, occurrences) in ranked[:TOP_RULES]:
        console.print(f"  {reports:>4} 份 / {occurrences:>4} 处  {_shown(names.get(rule, rule))}  "
                      f"[dim]{_shown(rule)}[/dim]")
    if len(ranked) > TOP_RULES:
        console.print(f"  [dim]另有 {len(ranked) - TOP_RULES} 条规则的问题，见导出文件[/dim]")


def _copies(console: Any, audit: Audit) -> None:
    from rich.markup import escape

    console.print()
    if not audit.copies and not audit.groups:
        console.print("[bold]报告雷同[/bold]：未发现")
        return
    counts = "，".join(part for part in (f"{len(audit.groups)} 组正文基本相同" if audit.groups else "",
                                         f"{len(audit.copies)} 对部分相同" if audit.copies else "") if part)
    console.print(f"[bold]报告雷同[/bold]（{counts}；地名、数字、个别字词不同也视为相同，套话不计）")
    for number, group in enumerate(audit.groups[:SHOWN_PAIRS], 1):
        head, members = group_text(audit, group, number)
        console.print(f"  [red]{escape(head)}[/red]")
        console.print(f"    {escape(table.clean(members))}")
        for example in group.examples[:2]:
            console.print(f"      例：“{escape(short(table.clean(example), 60))}”")
    for pair in audit.copies[:SHOWN_PAIRS]:
        console.print(f"  [yellow]{escape(pair_text(audit, pair))}[/yellow]")
        for example in pair.examples:
            console.print(f"      例：“{escape(short(table.clean(example), 60))}”")
    _more(console, max(len(audit.copies), len(audit.groups)))


def _years(console: Any, audit: Audit) -> None:
    if not audit.years:
        return
    console.print()
    console.print("[bold]逐年对比[/bold]（上年“下一年度安排”在本年“主要举措”中的落实，本年重复上年的问题）")
    detailed = len(audit.years) <= SHOWN_PAIRS
    if any(s.reported < s.planned for s in audit.years):
        console.print(f"  [dim]{PLAN_UNMATCHED_NOTE}[/dim]")
    for summary in audit.years[:SHOWN_PAIRS]:
        repeated = (f"，原样重复上年问题 {summary.repeated} 句" if summary.repeated else "") + \
            (f"，原样重复上年安排 {summary.repeated_plan} 句" if summary.repeated_plan else "")
        console.print(f"  {_shown(summary.issuer)}：{summary.earlier_year} 年报告安排 {summary.planned} 项，"
                      f"{summary.later_year} 年报告中见到 {summary.reported} 项{repeated}")
        if not detailed:
            continue
        pair = audit.year_pair(summary)
        for item in pair.plan:
            if not item.reported:
                _item(console, PLAN_UNMATCHED_SHORT, "yellow", item.item)
        for sentence in pair.repeated:
            _item(console, "问题原样重复", "red", sentence)
        for sentence in pair.repeated_plan:
            _item(console, "安排原样重复", "red", sentence)
    _more(console, len(audit.years))


def _item(console: Any, label: str, style: str, text: str) -> None:
    """One line of a comparison's details, the text cut to the console's width (never wrapped)."""
    room = console.width - 6 - table.display_width(label) - 2
    console.print(f"      [{style}]{label}[/{style}]：{_shown(table.fit(table.clean(text), max(room, 10)))}")


def _more(console: Any, count: int) -> None:
    if count > SHOWN_PAIRS:
        console.print(f"  [dim]另有 {count - SHOWN_PAIRS} 对，详见 --html / --xlsx / --json 导出文件[/dim]")


def _shown(text: str) -> str:
    """Report or pack text for ``console.print``: no control codes, and brackets shown, not obeyed."""
    from rich.markup import escape

    return escape(table.clean(text))
