"""The audit in the terminal: the ranked table, then the batch summary.

The summary is printed with rich (imported here and in the command only); the
table is plain padded text, fast for ten thousand rows. Elements are numbered
columns (①… would be drawn two columns wide by some terminals and break the
alignment), with a legend under the table.
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

from checker.audit.batch import Audit
from checker.audit.labels import (
    NOT_REQUIRED,
    pair_text,
    percent,
    short,
    template_label,
)
from checker.render.safe import printable

STATUS_STYLE = {"✔": "green", "△": "yellow", "✘": "red", NOT_REQUIRED: "dim"}
TIMING_STYLE = {"按期": "green", "逾期": "red", "未注明": "yellow", "年度不明": "yellow"}
ANSI = {"green": "\x1b[32m", "yellow": "\x1b[33m", "red": "\x1b[1;31m", "dim": "\x1b[2m", "bold": "\x1b[1m"}
ISSUER_WIDTH, FILE_WIDTH = 24, 28
WRITE_LINES = 2000
TOP_RULES = 10
SHOWN_PAIRS = 20
BAR_WIDTH = 40


def render(console: Any, audit: Audit, limit: int | None = None) -> None:
    _table(console, audit, limit)
    _summary(console, audit)


def _table(console: Any, audit: Audit, limit: int | None) -> None:
    """The ranked table, written as plain padded lines: a rich Table of 10,000 rows takes
    minutes, these take a fraction of a second."""
    color = console.is_terminal and not console.no_color
    count = len(audit.elements)
    heads = ["排名", "发文机关", "文件", "年度", "模板", "得分", *(str(n) for n in range(1, count + 1)),
             "错误", "警告", "成文日期", "报送", "雷同"]
    right = {0, 3, 5, count + 6, count + 7, count + 10}
    rows = audit.rows if not limit else audit.rows[:limit]
    table: list[list[str]] = []
    for row in rows:
        # File names, issuers and reasons come from the reports: shown, never obeyed.
        name = _fit(printable(os.path.basename(row.path)), FILE_WIDTH)
        if row.error:
            table.append(["—", "无法检查", name, printable(row.error)])
            continue
        table.append([str(row.rank), _fit(printable(row.issuer or "（未找到）"), ISSUER_WIDTH), name,
                      str(row.year) if row.year else "不明", template_label(audit, row.template),
                      f"{row.score:.1f}", *row.marks(audit.elements), str(row.errors), str(row.warnings),
                      row.date or "", row.timing, percent(row.copy_share)])
    full = [line for line in table if len(line) == len(heads)]
    widths = [max([display_width(heads[k]), *(display_width(line[k]) for line in full)])
              for k in range(len(heads))]
    styled = {k: STATUS_STYLE for k in range(6, 6 + count)} | {count + 9: TIMING_STYLE}
    out = [f"报告排名（{len(audit.rows)} 份，按得分从高到低）",
           _line(heads, widths, right, color, {k: {head: "bold"} for k, head in enumerate(heads)}),
           "─" * (sum(widths) + 2 * (len(widths) - 1))]
    for line in table:
        if len(line) < len(heads):  # an unreadable file: its reason runs on after the file name
            cells = _line(line[:3], widths, right, False, {})
            out.append(f"{cells}  {_paint(line[3], 'red', color)}".replace("无法检查", _paint("无法检查", "red",
                                                                                                  color), 1))
        else:
            out.append(_line(line, widths, right, color, styled))
        if len(out) >= WRITE_LINES:
            console.file.write("\n".join(out) + "\n")
            out = []
    console.file.write("\n".join(out) + "\n")
    if limit and len(audit.rows) > limit:
        console.print(f"[dim]（仅显示前 {limit} 份，共 {len(audit.rows)} 份；完整排名见导出文件）[/dim]")
    legend = "  ".join(f"{n} {_shown(name)}" for n, (_, name) in enumerate(audit.elements, 1))
    console.print(f"要素：{legend}")
    console.print("      ✔ 具备  △ 薄弱  ✘ 缺失  — 该模板不要求；报送：成文日期与模板规定期限（报告年度次年）比较")


def _line(cells: list[str], widths: list[int], right: set[int], color: bool,
          styles: dict[int, dict[str, str]]) -> str:
    parts = []
    for k, text in enumerate(cells):
        pad = " " * (widths[k] - (len(text) if text.isascii() else display_width(text)))
        shown = _paint(text, styles[k].get(text, ""), color) if color and k in styles else text
        parts.append(pad + shown if k in right else shown + pad)
    return "  ".join(parts).rstrip()


@lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    if not width or display_width(text) <= width:
        return text
    while display_width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _paint(text: str, style: str, color: bool) -> str:
    if not color or not style or not text:
        return text
    return f"{ANSI[style]}{text}\x1b[0m"


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
    console.print()
    if not audit.copies:
        console.print("[bold]报告雷同[/bold]：未发现")
        return
    console.print(f"[bold]报告雷同[/bold]（{len(audit.copies)} 对；地名、数字不同也视为相同）")
    for pair in audit.copies[:SHOWN_PAIRS]:
        console.print(f"  [yellow]{_shown(pair_text(audit, pair))}[/yellow]")
        for example in pair.examples:
            console.print(f"      例：“{_shown(short(example, 60))}”")
    _more(console, len(audit.copies))


def _years(console: Any, audit: Audit) -> None:
    if not audit.years:
        return
    console.print()
    console.print("[bold]逐年对比[/bold]（上年“下一年度安排”在本年“主要举措”中的落实，本年重复上年的问题）")
    detailed = len(audit.years) <= SHOWN_PAIRS
    for summary in audit.years[:SHOWN_PAIRS]:
        repeated = f"，原样重复上年问题 {summary.repeated} 句" if summary.repeated else ""
        console.print(f"  {_shown(summary.issuer)}：{summary.earlier_year} 年报告安排 {summary.planned} 项，"
                      f"{summary.later_year} 年报告中见到 {summary.reported} 项{repeated}")
        if not detailed:
            continue
        pair = audit.year_pair(summary)
        for item in pair.plan:
            if not item.reported:
                console.print(f"      [yellow]未见报告[/yellow]：{_shown(short(item.item, 50))}")
        for sentence in pair.repeated:
            console.print(f"      [red]问题原样重复[/red]：{_shown(short(sentence, 60))}")
    _more(console, len(audit.years))


def _shown(text: str) -> str:
    """Report or pack text for ``console.print``: no control codes, and brackets shown, not obeyed."""
    from rich.markup import escape

    return escape(printable(text))


def _more(console: Any, count: int) -> None:
    if count > SHOWN_PAIRS:
        console.print(f"  [dim]另有 {count - SHOWN_PAIRS} 对，详见 --html / --xlsx / --json 导出文件[/dim]")
