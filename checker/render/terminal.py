"""The gap report for people: what was checked, the score, each element, each finding.

Rich is imported here only. Every verdict cites line and passage; a missing
element says what was searched for and where.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from checker.render import RenderOptions
from checker.render.labels import SEVERITY, STATUS, YEAR_SOURCE, where
from checker.render.safe import cleaned

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"present": "green", "weak": "yellow", "missing": "bold red"}
COLLAPSE_AFTER = 3


def render(document: dict[str, Any], options: RenderOptions) -> str:
    from rich.console import Console
    from rich.markup import escape

    # Report text and file names are shown, never obeyed: no control codes, no markup.
    document = cleaned(document, escape)
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width, color_system="standard" if options.color
                      else None, force_terminal=options.color, no_color=not options.color,
                      highlight=False, emoji=False, soft_wrap=False)
    tool = document.get("tool", {})
    reports = document.get("reports", [])
    for index, report in enumerate(reports):
        if index:
            console.print()
        _report(console, report, options)
    if len(reports) > 1:
        _summary(console, reports)
    console.print(f"[dim]checker {tool.get('version', '')}[/dim]")
    return buffer.getvalue()


def _report(console: Any, report: dict[str, Any], options: RenderOptions) -> None:
    from rich.rule import Rule

    console.print(Rule(f"报告：{report['path']}", align="left"))
    if report.get("error"):
        console.print(f"[bold red]无法检查：[/bold red]{report['error']}")
        if options.verbose and report.get("error_detail"):
            console.print(f"[dim]      详情：{report['error_detail']}[/dim]")
        return
    _header(console, report)
    _elements(console, report)
    _score(console, report)
    _findings(console, report, options)


def _header(console: Any, report: dict[str, Any]) -> None:
    year = report.get("year")
    source = YEAR_SOURCE.get(report.get("year_source") or "", "")
    year_text = f"{year}（{source}）" if year else "未写明"
    console.print(f"模板：{report.get('template')}（{report.get('template_reason') or '默认'}）")
    console.print(f"年度：{year_text}    发文机关：{report.get('issuer') or '未找到'}    "
                  f"成文日期：{report.get('date') or '未找到'}")
    errors = sum(1 for f in report["findings"] if f["severity"] == "error" and not f.get("suppressed"))
    verdict = "[green]通过[/green]" if report.get("passed") else f"[red]未通过[/red]（错误 {errors} 个）"
    console.print(f"得分：[bold]{report['score']}[/bold] / 100    {verdict}")
    for warning in report.get("warnings", []):
        console.print(f"[yellow]注意：[/yellow]{warning}")


def _elements(console: Any, report: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="必备要素", title_justify="left", show_lines=False, expand=True)
    table.add_column("要素", no_wrap=True)
    table.add_column("状态", no_wrap=True)
    table.add_column("依据（位置与原文）", ratio=1)
    for element in report["elements"]:
        status = element["status"]
        evidence = element.get("evidence") or []
        cited = "；".join(f"{where(e['line'], None, e.get('location'))}“{_short(e['text'], 30)}”"
                         for e in evidence[:2])
        basis = f"{cited} — {element['note']}" if cited else element["note"]
        table.add_row(element["name"], f"[{STATUS_STYLE[status]}]{STATUS[status]}[/]", basis)
    console.print(table)


def _score(console: Any, report: dict[str, Any]) -> None:
    parts = report.get("score_breakdown", [])
    elements = [p for p in parts if p["max"] > 0 and p["item"] != "findings"]
    deductions = [p for p in parts if p["points"] < 0]
    kept = next((p for p in parts if p["item"] == "findings"), None)
    earned = sum(p["points"] for p in elements)
    possible = sum(p["max"] for p in elements)
    console.print(f"得分构成：要素 {earned:.1f} / {possible:.0f}", end="")
    if kept:
        console.print(f" + 规范性 {kept['points']:.1f} / {kept['max']:.0f}", end="")
    console.print(f" = {report['score']}")
    lost = [f"{p['label']}" for p in elements if p["points"] < p["max"]]
    if lost:
        detail = "、".join(f"{p['label']} {p['points']:.1f}/{p['max']:.1f}"
                          for p in elements if p["points"] < p["max"])
        console.print(f"  要素失分：{detail}")
    if deductions:
        detail = "、".join(f"{p['item']} {p['points']:.0f}（{p['label']}）" for p in deductions)
        console.print(f"  规范性扣分：{detail}")


def _findings(console: Any, report: dict[str, Any], options: RenderOptions) -> None:
    findings = [f for f in report["findings"] if not f.get("suppressed")]
    known = sum(1 for f in report["findings"]
                if f.get("suppressed") and (f.get("suppression") or {}).get("kind") == "baseline")
    suppressed = len(report["findings"]) - len(findings) - known
    counts: dict[str, int] = defaultdict(int)
    for finding in findings:
        counts[finding["severity"]] += 1
    summary = "，".join(f"{SEVERITY[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    console.print()
    console.print(f"[bold]问题清单[/bold]（{summary or '无'}" +
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
        console.print(f"[{style}]{SEVERITY[finding['severity']]}[/] {place}  "
                      f"[dim]{rule}[/dim]  {finding['message']}")
        passage = finding.get("context") or finding.get("excerpt")
        if passage:
            console.print(f"      原文：{passage}")
        details = finding.get("details") or {}
        if details.get("explanation"):
            console.print(f"      计算：{details['explanation']}")
        if finding.get("suggestion"):
            console.print(f"      建议：{finding['suggestion']}")
    for rule, count in hidden.items():
        console.print(f"[dim]      {rule} 另有 {count} 处同类提示（加 --verbose 或用 --format json 查看全部）[/dim]")
    if options.verbose:
        for finding in report["findings"]:
            if finding.get("suppressed"):
                why = (finding.get("suppression") or {}).get("justification", "")
                place = where(finding["line"], finding["column"], finding.get("location"))
                console.print(f"[dim]已豁免 {place}  {finding['rule']}  {finding['message']}"
                              f"（{why}）[/dim]")


def _summary(console: Any, reports: list[dict[str, Any]]) -> None:
    checked = [r for r in reports if not r.get("error")]
    failed = sum(1 for r in checked if not r.get("passed"))
    broken = len(reports) - len(checked)
    console.print()
    console.print(f"[bold]合计[/bold]：{len(reports)} 份报告，检查 {len(checked)} 份，"
                  f"未通过 {failed} 份，无法检查 {broken} 份")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
