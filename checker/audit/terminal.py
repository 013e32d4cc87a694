"""The audit in the terminal: the ranked table, then the batch summary.

Rich is imported here and in the command only. Elements are numbered columns
(①… would be drawn two columns wide by some terminals and break the borders),
with a legend under the table.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from checker.audit.batch import Audit
from checker.audit.labels import (
    MARK,
    NOT_REQUIRED,
    pair_text,
    percent,
    short,
    template_label,
)

STATUS_STYLE = {"✔": "green", "△": "yellow", "✘": "bold red", NOT_REQUIRED: "dim"}
TIMING_STYLE = {"按期": "green", "逾期": "bold red", "未注明": "yellow", "年度不明": "yellow"}
TOP_RULES = 10
BAR_WIDTH = 40


def render(console: Any, audit: Audit, limit: int | None = None) -> None:
    _table(console, audit, limit)
    _summary(console, audit)


def _table(console: Any, audit: Audit, limit: int | None) -> None:
    from rich.table import Table

    table = Table(title=f"报告排名（{len(audit.rows)} 份，按得分从高到低）", title_justify="left",
                  show_lines=False, pad_edge=False)
    for header, justify in (("排名", "right"), ("发文机关", "left"), ("文件", "left"),
                            ("年度", "right"), ("模板", "left"), ("得分", "right")):
        table.add_column(header, justify=justify, no_wrap=header != "发文机关",  # type: ignore[arg-type]
                         max_width=24 if header in ("文件", "发文机关") else None,
                         overflow="ellipsis" if header == "文件" else "fold")
    for number in range(1, len(audit.elements) + 1):
        table.add_column(str(number), justify="center", no_wrap=True)
    for header in ("错误", "警告", "成文日期", "报送", "雷同"):
        table.add_column(header, justify="right" if header in ("错误", "警告", "雷同") else "left",
                         no_wrap=True)
    rows = audit.rows if not limit else audit.rows[:limit]
    for row in rows:
        name = os.path.basename(row.path)
        if row.error:
            cells = ["—", f"[bold red]无法检查[/]：{row.error}", name, "", "", ""]
            cells += [""] * len(audit.elements) + ["", "", "", "", ""]
        else:
            marks = [MARK.get(row.elements.get(e, ""), NOT_REQUIRED) for e, _ in audit.elements]
            cells = [str(row.rank), row.issuer or "（未找到）", name,
                     str(row.year) if row.year else "不明", template_label(audit, row.template),
                     f"{row.score:.1f}"]
            cells += [f"[{STATUS_STYLE[m]}]{m}[/]" for m in marks]
            cells += [str(row.counts.get("error", 0)), str(row.counts.get("warning", 0)),
                      row.date or "", _timing(row.timing), percent(row.copy_share)]
        table.add_row(*cells)
    console.print(table)
    if limit and len(audit.rows) > limit:
        console.print(f"[dim]（仅显示前 {limit} 份，共 {len(audit.rows)} 份；完整排名见导出文件）[/dim]")
    legend = "  ".join(f"{n} {name}" for n, (_, name) in enumerate(audit.elements, 1))
    console.print(f"要素：{legend}")
    console.print("      ✔ 具备  △ 薄弱  ✘ 缺失  — 该模板不要求；报送：成文日期与模板规定期限（报告年度次年）比较")


def _timing(label: str) -> str:
    return f"[{TIMING_STYLE[label]}]{label}[/]" if label in TIMING_STYLE else label


def _summary(console: Any, audit: Audit) -> None:
    checked = audit.checked
    console.print()
    passed = sum(1 for r in checked if r.passed)
    cached = sum(1 for r in audit.rows if r.cached)
    console.print(f"[bold]合计[/bold]：{len(audit.rows)} 份报告，检查 {len(checked)} 份（通过 {passed} 份），"
                  f"无法检查 {len(audit.failed)} 份；用时 {audit.elapsed:.1f} 秒"
                  + (f"，其中 {cached} 份取自缓存" if cached else ""))
    if not checked:
        return
    console.print()
    console.print("[bold]要素缺失情况[/bold]（缺失 / 薄弱 份数）")
    width = max(len(name) for _, name in audit.elements) if audit.elements else 0
    for element, name in audit.elements:
        counts = audit.element_counts.get(element, Counter())
        total = sum(counts.values())
        console.print(f"  {name}{'　' * (width - len(name))}  缺失 {counts.get('missing', 0):>4}  "
                      f"薄弱 {counts.get('weak', 0):>4}  （共 {total} 份要求此项）")
    _rules(console, audit)
    console.print()
    console.print("[bold]得分分布[/bold]")
    bins = audit.score_bins()
    most = max(n for _, n in bins) or 1
    for label, count in reversed(bins):
        bar = "█" * round(count / most * BAR_WIDTH)
        console.print(f"  {label:>6}  {bar} {count}")
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
        console.print(f"  {reports:>4} 份 / {occurrences:>4} 处  {names.get(rule, rule)}  [dim]{rule}[/dim]")
    if len(ranked) > TOP_RULES:
        console.print(f"  [dim]另有 {len(ranked) - TOP_RULES} 条规则的问题，见导出文件[/dim]")


def _copies(console: Any, audit: Audit) -> None:
    console.print()
    if not audit.copies:
        console.print("[bold]报告雷同[/bold]：未发现")
        return
    console.print(f"[bold]报告雷同[/bold]（{len(audit.copies)} 对；地名、数字不同也视为相同）")
    for pair in audit.copies:
        console.print(f"  [yellow]{pair_text(audit, pair)}[/yellow]")
        for example in pair.examples:
            console.print(f"      例：“{short(example, 60)}”")


def _years(console: Any, audit: Audit) -> None:
    if not audit.years:
        return
    console.print()
    console.print("[bold]逐年对比[/bold]（上年“下一年度安排”在本年“主要举措”中的落实，本年重复上年的问题）")
    for pair in audit.years:
        console.print(f"  {pair.issuer}：{pair.earlier_year} 年报告安排 {len(pair.plan)} 项，"
                      f"{pair.later_year} 年报告中见到 {pair.reported} 项")
        for item in pair.plan:
            if not item.reported:
                console.print(f"      [yellow]未见报告[/yellow]：{short(item.item, 50)}")
        for sentence in pair.repeated:
            console.print(f"      [red]问题原样重复[/red]：{short(sentence, 60)}")
