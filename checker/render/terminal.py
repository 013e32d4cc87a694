"""The gap report for people: what was checked, the score, each element, each finding.

Every verdict cites line and passage; a missing element says what was searched for and
where. The report is written as rich console markup to a writer:
:class:`checker.render.plain.PlainWriter`, which prints rich's bytes (colour codes included)
without importing rich, and gives the report to rich's console (:class:`RichWriter`; rich is
imported here only) for anything it cannot promise to print alike.
"""

from __future__ import annotations

import io
import re
import sys
from collections import defaultdict
from typing import Any, Protocol

from checker.render import RenderOptions, labels
from checker.render.labels import SEVERITY, STATUS, where
from checker.render.markup import Unsupported, escape
from checker.render.safe import cleaned
from checker.render.wrap import NO_BREAK_SPACE as NBSP
from checker.render.wrap import keep, wrap, wrap_plain

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"present": "green", "weak": "yellow", "missing": "bold red"}
COLLAPSE_AFTER = 3
NUMBER_CHAR = re.compile(r"[0-9０-９.,%．，]")


def render(document: dict[str, Any], options: RenderOptions) -> str:
    # Report text and file names are shown, never obeyed: no control codes, no markup.
    document = cleaned(document, escape)
    # A legacy Windows console makes rich draw other boxes: the plain writer draws rich's usual ones.
    if sys.platform != "win32":
        from checker.render.plain import PlainWriter

        try:
            writer = PlainWriter(options.width, options.color)
            _write(writer, document, options)
            return writer.getvalue()
        except Unsupported:
            pass
    rich_writer = RichWriter(options)
    _write(rich_writer, document, options)
    return rich_writer.getvalue()


class Writer(Protocol):
    """Where the report's lines go: rich's console (:class:`RichWriter`) or the plain writer."""

    width: int

    def blank(self) -> None: ...

    def line(self, markup: str) -> None: ...

    def say(self, markup: str, indent: int) -> None: ...

    def rule(self, title: str) -> None: ...

    def cells(self, text: str) -> int: ...

    def table(self, title: str, columns: list[tuple[str, int, bool]], rows: list[tuple[str, ...]]) -> None: ...


class RichWriter:
    """The report's lines through rich's console (colour, and whatever the plain writer gives up)."""

    def __init__(self, options: RenderOptions) -> None:
        from rich.console import Console

        self.buffer = io.StringIO()
        self.console = Console(file=self.buffer, width=options.width,
                               color_system="standard" if options.color else None,
                               force_terminal=options.color, no_color=not options.color,
                               highlight=False, emoji=False, soft_wrap=False)
        self.width: int = self.console.width

    def getvalue(self) -> str:
        return self.buffer.getvalue()

    def blank(self) -> None:
        self.console.print()

    def line(self, markup: str) -> None:
        """One line of markup, wrapped by rich if it is too long."""
        self.console.print(markup)

    def say(self, markup: str, indent: int) -> None:
        from rich.text import Text

        self.console.print(wrap(Text.from_markup(markup), self.console.width, indent), soft_wrap=True)

    def rule(self, title: str) -> None:
        from rich.rule import Rule

        self.console.print(Rule(title, align="left"))

    def cells(self, text: str) -> int:
        from rich.cells import cell_len

        return cell_len(text)

    def table(self, title: str, columns: list[tuple[str, int, bool]], rows: list[tuple[str, ...]]) -> None:
        """Columns (header, width, folded: long lines fold rather than being cut)."""
        from rich.table import Table

        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        for header, width, folded in columns:
            if folded:
                table.add_column(header, width=width, overflow="fold")
            else:
                table.add_column(header, no_wrap=True, width=width)
        for row in rows:
            table.add_row(*row)
        self.console.print(table)


def _write(out: Writer, document: dict[str, Any], options: RenderOptions) -> None:
    tool = document.get("tool", {})
    reports = document.get("reports", [])
    names = {rule["id"]: rule.get("name", rule["id"]) for rule in document.get("rules", [])}
    for index, report in enumerate(reports):
        if index:
            out.blank()
        _report(out, report, options, names)
    if len(reports) > 1:
        _summary(out, reports)
    out.line(f"[dim]checker {tool.get('version', '')}[/dim]")


def _report(out: Writer, report: dict[str, Any], options: RenderOptions, names: dict[str, str]) -> None:
    out.rule(f"报告：{report['path']}")
    if report.get("error"):
        _say(out, f"[bold red]无法检查：[/bold red]{report['error']}", indent=10)
        fix = labels.remedy(report["error"], str(report.get("path", "")))
        if fix:
            _say(out, f"处理办法：{fix}", indent=10)
        if options.verbose and report.get("error_detail"):
            _say(out, f"[dim]      详情：{report['error_detail']}[/dim]", indent=12)
        return
    _header(out, report)
    _elements(out, report)
    _score(out, report, names)
    _findings(out, report, options, names)


def _header(out: Writer, report: dict[str, Any]) -> None:
    _say(out, f"模板：{labels.template_text(report)}", indent=6)
    _say(out, f"年度：{labels.year_text(report)}    发文机关：{report.get('issuer') or '未找到'}    "
                  f"成文日期：{labels.date_text(report)}")
    verdict = f"[{'green' if report.get('passed') else 'red'}]{labels.verdict(report)}[/]"
    grade = f"    等级：[bold]{report['grade']}[/bold]" if report.get("grade") else ""
    _say(out, f"得分：[bold]{report['score']}[/bold] / 100{grade}    {verdict}", indent=6)
    for reason in report.get("grade_reasons", []):
        _say(out, f"  [yellow]等级受限：[/yellow]{reason}", indent=12)
    for warning in report.get("warnings", []):
        _say(out, f"[yellow]注意：[/yellow]{warning}", indent=6)


def _elements(out: Writer, report: dict[str, Any]) -> None:
    rows = []
    for element in report["elements"]:
        status = element["status"]
        evidence = element.get("evidence") or []
        cited = "；".join(f"{where(e['line'], None, e.get('location'))}“{_short(e['text'], 30)}”"
                         for e in evidence[:2])
        basis = f"{cited} — {element['note']}" if cited else element["note"]
        rows.append((element["name"], f"[{STATUS_STYLE[status]}]{STATUS[status]}[/]", basis))
    # The basis column gets what the two narrow columns leave (3 columns: 6 cells of padding,
    # 4 of rules), and its text is wrapped here, as Chinese text is, not by rich.
    name_width = max([out.cells("要素"), *(out.cells(name) for name, _, _ in rows)])
    status_width = max(out.cells(text) for text in ("状态", *STATUS.values()))
    basis_width = max(20, out.width - name_width - status_width - 10)
    out.table("必备要素", [("要素", name_width, False), ("状态", status_width, False),
                          ("依据（位置与原文）", basis_width, True)],
              [(name, status, wrap_plain(basis, basis_width)) for name, status, basis in rows])


def _score(out: Writer, report: dict[str, Any], names: dict[str, str]) -> None:
    parts = report.get("score_breakdown", [])
    elements = [p for p in parts if p["max"] > 0 and p["item"] != "findings"]
    deductions = [p for p in parts if p["points"] < 0 and p["item"] != "cap"]
    cap = next((p for p in parts if p["item"] == "cap"), None)
    kept = next((p for p in parts if p["item"] == "findings"), None)
    earned = round(sum(p["points"] for p in elements), 1)
    possible = sum(p["max"] for p in elements)
    line = f"得分构成：要素 {earned:.1f} / {possible:.0f}"
    if kept:
        line += f" + 规范性 {kept['points']:.1f} / {kept['max']:.0f}"
    if cap:
        # the cap as the shown parts leave it, so that the line adds up as printed (each part
        # rounded on its own would be off by 0.1: 59.2 + 10.0 − 9.2 = 59.9)
        shown = round(float(report["score"]) - earned - round(kept["points"] if kept else 0.0, 1), 1)
        line += f" {shown:.1f}（等级封顶）"
    _say(out, f"{line} = {report['score']}", indent=10)
    lost = [f"{p['label']}" for p in elements if p["points"] < p["max"]]
    if lost:
        detail = "、".join(keep(f"{p['label']}{NBSP}{p['points']:.1f}/{p['max']:.1f}")
                          for p in elements if p["points"] < p["max"])
        _say(out, f"  要素未得满分：{detail}", indent=16)
    if deductions:
        detail = "、".join(keep(f"{names.get(p['item'], p['item'])}{NBSP}{p['points']:.0f}"
                               f"（{p['label'].replace(' ', NBSP)}）") for p in deductions)
        _say(out, f"  规范性扣分：{detail}", indent=14)


def _findings(out: Writer, report: dict[str, Any], options: RenderOptions, names: dict[str, str]) -> None:
    findings = [f for f in report["findings"] if not f.get("suppressed")]
    known = sum(1 for f in report["findings"]
                if f.get("suppressed") and (f.get("suppression") or {}).get("kind") == "baseline")
    suppressed = len(report["findings"]) - len(findings) - known
    counts: dict[str, int] = defaultdict(int)
    for finding in findings:
        counts[finding["severity"]] += 1
    summary = "，".join(f"{SEVERITY[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    out.blank()
    out.line(f"[bold]问题清单[/bold]（{summary or '无'}" +
                  (f"；已豁免 {suppressed}" if suppressed else "") +
                  (f"；基线中已有 {known}" if known else "") + "）")
    shown: dict[str, int] = defaultdict(int)
    hidden: dict[str, int] = defaultdict(int)
    for finding in findings:
        rule = finding["rule"]
        if finding["severity"] == "info" and not options.verbose and shown[rule] >= COLLAPSE_AFTER:
            hidden[rule] += 1
            continue
        shown[rule] += 1
        style = SEVERITY_STYLE[finding["severity"]]
        place = where(finding["line"], finding["column"], finding.get("location"))
        # A drafter reads the rule's name; its id is for --verbose and the machine formats.
        label = f"{names.get(rule, rule)} {rule}" if options.verbose else names.get(rule, rule)
        _say(out, f"[{style}]{SEVERITY[finding['severity']]}[/] {place}  "
                      f"[dim]{label}[/dim]  {finding['message']}", indent=6)
        passage = finding.get("context") or finding.get("excerpt")
        if passage:
            _say(out, f"      原文：{passage}", indent=12)
        details = finding.get("details") or {}
        if details.get("explanation"):
            _say(out, f"      计算：{details['explanation']}", indent=12)
        if finding.get("suggestion"):
            _say(out, f"      建议：{finding['suggestion']}", indent=12)
    for rule, count in hidden.items():
        _say(out, f"[dim]      “{names.get(rule, rule)}”另有 {count} 处同类提示"
                      "（加 --verbose 或用 --format json 查看全部）[/dim]", indent=6)
    fixable = sum(1 for f in findings if f.get("fix") is not None)
    if fixable:
        _say(out, f"其中 {fixable} 个问题可自动修改：运行 checker fix 查看，加 --write 写回"
                      "（Word 文件另存为修订稿）。")
    if options.verbose:
        for finding in report["findings"]:
            if finding.get("suppressed"):
                why = (finding.get("suppression") or {}).get("justification", "")
                place = where(finding["line"], finding["column"], finding.get("location"))
                _say(out, f"[dim]已豁免 {place}  {finding['rule']}  {finding['message']}"
                              f"（{why}）[/dim]", indent=6)


def _summary(out: Writer, reports: list[dict[str, Any]]) -> None:
    checked = [r for r in reports if not r.get("error")]
    failed = sum(1 for r in checked if not r.get("passed"))
    broken = len(reports) - len(checked)
    out.blank()
    out.line(f"[bold]合计[/bold]：{len(reports)} 份报告，检查 {len(checked)} 份，"
                  f"未通过 {failed} 份，无法检查 {broken} 份")


def _say(out: Writer, markup: str, indent: int = 0) -> None:
    """Print a line of console markup wrapped as Chinese text is (checker.render.wrap), the lines
    after the first indented by ``indent`` cells."""
    out.say(markup, indent)


def _short(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut before a number rather than inside it (正文仅 5… 字)."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and NUMBER_CHAR.match(text[cut - 1]) and NUMBER_CHAR.match(text[cut]):
        cut -= 1
    return text[:cut] + "…"
