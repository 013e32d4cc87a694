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
    names = {rule["id"]: rule.get("name", rule["id"]) for rule in document.get("rules", [])}
    for index, report in enumerate(reports):
        if index:
            console.print()
        _report(console, report, options, names)
    if len(reports) > 1:
        _summary(console, reports)
    console.print(f"[dim]checker {tool.get('version', '')}[/dim]")
    return buffer.getvalue()


def _report(console: Any, report: dict[str, Any], options: RenderOptions, names: dict[str, str]) -> None:
    from rich.rule import Rule

    console.print(Rule(f"报告：{report['path']}", align="left"))
    if report.get("error"):
        console.print(f"[bold red]无法检查：[/bold red]{report['error']}")
        if options.verbose and report.get("error_detail"):
            console.print(f"[dim]      详情：{report['error_detail']}[/dim]")
        return
    _header(console, report)
    _elements(console, report)
    _score(console, report, names)
    _findings(console, report, options, names)


def _header(console: Any, report: dict[str, Any]) -> None:
    year = report.get("year")
    source = YEAR_SOURCE.get(report.get("year_source") or "", "")
    year_text = f"{year}（{source}）" if year else "未写明"
    if year and report.get("year_source") == "inferred":
        year_text = f"{year}（推断，依据见“报告年度”）"
    console.print(f"模板：{report.get('template')}（{report.get('template_reason') or '默认'}）")
    console.print(f"年度：{year_text}    发文机关：{report.get('issuer') or '未找到'}    "
                  f"成文日期：{report.get('date') or '未找到'}")
    verdict = "[green]通过[/green]" if report.get("passed") else f"[red]未通过[/red]（{_fail_reasons(report)}）"
    grade = f"    等级：[bold]{report['grade']}[/bold]" if report.get("grade") else ""
    console.print(f"得分：[bold]{report['score']}[/bold] / 100{grade}    {verdict}")
    for reason in report.get("grade_reasons", []):
        console.print(f"  [yellow]等级受限：[/yellow]{reason}")
    for warning in report.get("warnings", []):
        console.print(f"[yellow]注意：[/yellow]{warning}")


def _fail_reasons(report: dict[str, Any]) -> str:
    """Why the report failed the gate: findings at the gate's level, the score, the grade."""
    gate = report.get("gate") or {}
    level = gate.get("fail_on", "error")
    ranks = {"info": 0, "warning": 1, "error": 2}
    counted = sum(1 for f in report["findings"] if not f.get("suppressed")
                  and ranks[f["severity"]] >= ranks.get(level, 2))
    reasons = []
    if counted:
        reasons.append(f"{SEVERITY[level]}{'' if level == 'error' else '及以上'} {counted} 个")
    if gate.get("min_score") is not None and report["score"] < gate["min_score"]:
        reasons.append(f"得分 {report['score']} 低于 {gate['min_score']}")
    if not reasons and report.get("grade"):
        reasons.append(f"等级为{report['grade']}")
    return "；".join(reasons) or "未达到通过条件"


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


def _score(console: Any, report: dict[str, Any], names: dict[str, str]) -> None:
    parts = report.get("score_breakdown", [])
    elements = [p for p in parts if p["max"] > 0 and p["item"] != "findings"]
    deductions = [p for p in parts if p["points"] < 0 and p["item"] != "cap"]
    cap = next((p for p in parts if p["item"] == "cap"), None)
    kept = next((p for p in parts if p["item"] == "findings"), None)
    earned = sum(p["points"] for p in elements)
    possible = sum(p["max"] for p in elements)
    console.print(f"得分构成：要素 {earned:.1f} / {possible:.0f}", end="")
    if kept:
        console.print(f" + 规范性 {kept['points']:.1f} / {kept['max']:.0f}", end="")
    if cap:
        console.print(f" {cap['points']:.1f}（封顶）", end="")
    console.print(f" = {report['score']}")
    lost = [f"{p['label']}" for p in elements if p["points"] < p["max"]]
    if lost:
        detail = "、".join(f"{p['label']} {p['points']:.1f}/{p['max']:.1f}"
                          for p in elements if p["points"] < p["max"])
        console.print(f"  要素失分：{detail}")
    if deductions:
        detail = "、".join(f"{names.get(p['item'], p['item'])} {p['points']:.0f}（{p['label']}）"
                          for p in deductions)
        console.print(f"  规范性扣分：{detail}")


def _findings(console: Any, report: dict[str, Any], options: RenderOptions, names: dict[str, str]) -> None:
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
        # A drafter reads the rule's name; its id is for --verbose and the machine formats.
        label = f"{names.get(rule, rule)} {rule}" if options.verbose else names.get(rule, rule)
        console.print(f"[{style}]{SEVERITY[finding['severity']]}[/] {place}  "
                      f"[dim]{label}[/dim]  {finding['message']}")
        passage = finding.get("context") or finding.get("excerpt")
        if passage:
            console.print(f"      原文：{passage}")
        details = finding.get("details") or {}
        if details.get("explanation"):
            console.print(f"      计算：{details['explanation']}")
        if finding.get("suggestion"):
            console.print(f"      建议：{finding['suggestion']}")
    for rule, count in hidden.items():
        console.print(f"[dim]      “{names.get(rule, rule)}”另有 {count} 处同类提示"
                      "（加 --verbose 或用 --format json 查看全部）[/dim]")
    fixable = sum(1 for f in findings if f.get("fix") is not None)
    if fixable:
        console.print(f"其中 {fixable} 个问题可自动修改：运行 checker fix 查看，加 --write 写回"
                      "（Word 文件另存为修订稿）。")
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
