"""One report as one self-contained HTML page (``checker check 报告 --format html -o 结果.html``).

The page holds the score (and grade, when the report carries one), the element
table, the findings, and the report's text with each cited passage in
``<mark>`` and its finding beside it, like comments in a word processor's
margin. It has no script: links jump from a finding to its passage and back,
and ``:target`` shows where they landed. A Content-Security-Policy forbids
every request and every script; all report text is escaped.

:func:`page` is the plain function (a report, optionally its text → HTML);
:func:`render` is the renderer ``--format html`` calls with the JSON contract,
reading each report's text from its file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from checker.render import RenderOptions
from checker.render.html_parts import PAGE_STYLE, elements_table, esc, finding_item
from checker.render.labels import SEVERITY, date_text, fail_reasons, remedy, template_text, year_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
STYLE = PAGE_STYLE + """
.doc{border:1px solid #d0d7de;border-radius:6px;padding:4px 0}
.row{display:grid;grid-template-columns:3.2em minmax(0,1fr) minmax(220px,34%);gap:0 12px;padding:1px 8px}
.row.has{background:#fffdf3}.ln{color:#8c959f;text-align:right;font-size:.8em;padding-top:.25em;user-select:none}
.line{white-space:pre-wrap;overflow-wrap:anywhere}.notes{font-size:.88em}
.notes div{border-left:3px solid #d9822b;padding:0 6px;margin:2px 0}.notes div.error{border-color:#a40e26}
.notes div.info{border-color:#0969da}.notes b{margin-right:4px}
sup.ref{font-size:.7em;color:#9a6700;margin-left:1px}
mark.error{background:#ffcecb}mark.info{background:#ddf4ff}
:target{outline:2px solid #0969da;outline-offset:1px}
.grade-reasons li{margin:2px 0}table.elements td:nth-child(2){white-space:nowrap}
.fail-reasons{color:#a40e26;font-weight:600}
ol.findings li.error{color:inherit}
@media (max-width:900px){.row{grid-template-columns:2.6em minmax(0,1fr)}.notes{grid-column:2}}
@media print{.row{break-inside:avoid}thead th{position:static}}
"""
RANK = {"error": 2, "warning": 1, "info": 0}


@dataclass(frozen=True)
class Placed:
    """A finding placed in the text: its number in the list and its span in the text."""

    number: int
    finding: dict[str, Any]
    start: int
    end: int


def render(document: dict[str, Any], options: RenderOptions) -> str:
    """The page for every report of the JSON contract (one section each), texts read from their files."""
    reports = document.get("reports", [])
    rules = {r["id"]: r for r in document.get("rules", [])}
    sections = [_report(report, _read(report), rules, options.verbose, f"r{k}-" if len(reports) > 1 else "")
                for k, report in enumerate(reports)]
    title = _title(reports[0]) if len(reports) == 1 else f"{len(reports)} 份报告的检查结果"
    return _document(title, "\n".join(sections), document)


def page(report: dict[str, Any], text: str | None = None, *, rules: list[dict[str, Any]] | None = None,
         tool: dict[str, Any] | None = None, verbose: bool = False) -> str:
    """The page for one report of the JSON contract. ``text``: the report's extracted text
    (as the readers give it; read from ``report["path"]`` when not given)."""
    body = article(report, text, rules=rules, verbose=verbose)
    return _document(_title(report), body, {"tool": tool or {}})


def article(report: dict[str, Any], text: str | None = None, *, rules: list[dict[str, Any]] | None = None,
            verbose: bool = False, prefix: str = "") -> str:
    """The report's ``<article>`` alone, for a page that holds it among other things (``checker serve``).

    ``prefix`` starts every id in it, so that several reports share one page; the
    article needs :data:`STYLE`."""
    table = {r["id"]: r for r in rules or []}
    return _report(report, text if text is not None else _read(report), table, verbose, prefix)


def _read(report: dict[str, Any]) -> str | None:
    if report.get("error"):
        return None
    from checker.errors import ReadError
    from checker.readers import read_path

    try:
        return read_path(report["path"]).text
    except (ReadError, OSError):
        return None


def _title(report: dict[str, Any]) -> str:
    return str(report.get("title") or Path(str(report.get("path", ""))).name or "报告")


def _document(title: str, body: str, document: dict[str, Any]) -> str:
    version = (document.get("tool") or {}).get("version", "")
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="referrer" content="no-referrer"><title>{esc(title)} — 检查结果</title>'
            f"<style>{STYLE}</style></head><body>\n{body}\n"
            f'<footer class="muted">checker {esc(version)}</footer></body></html>\n')


def _report(report: dict[str, Any], text: str | None, rules: dict[str, dict[str, Any]], verbose: bool,
            prefix: str) -> str:
    out = [f'<article id="{prefix}report"><header><h1>{esc(_title(report))}</h1>'
           f'<p class="muted">文件：{esc(report.get("path"))}</p></header>']
    if report.get("error"):
        fix = remedy(report["error"], str(report.get("path", "")))
        out.append(f'<p class="error">无法检查：{esc(report["error"])}</p>'
                   + (f"<p>处理办法：{esc(fix)}</p>" if fix else "") + "</article>")
        return "".join(out)
    findings = [f for f in report.get("findings", []) if not f.get("suppressed")]
    headings = {e["id"]: e["section"] for e in report.get("elements", []) if e.get("section")}
    placed = _place(findings, text, headings)
    out.append(_summary(report, findings))
    out.append(f'<section id="{prefix}elements"><h2>必备要素</h2>'
               + elements_table(report, link=lambda e: _line_link(e.get("line"), prefix, text)) + "</section>")
    out.append(_findings(findings, placed, rules, verbose, prefix))
    if text is not None:
        out.append(_text(text, placed, prefix))
    else:
        out.append('<section><h2>报告原文</h2><p class="note">无法读取报告原文（文件已移动或不可读），'
                   "只显示问题清单。</p></section>")
    out.append("</article>")
    return "".join(out)


def _summary(report: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    counts = Counter(f["severity"] for f in findings)
    cards = [("得分", f"{report.get('score', 0)}"), ("结论", "通过" if report.get("passed") else "未通过")]
    if report.get("grade"):
        cards.insert(1, ("等级", str(report["grade"])))
    cards += [(SEVERITY[s], str(counts.get(s, 0))) for s in ("error", "warning", "info")]
    out = ['<section class="summary"><div class="cards">'
           + "".join(f'<div class="card"><b>{esc(v)}</b>{esc(k)}</div>' for k, v in cards) + "</div>"
           f"<p>模板：{esc(template_text(report))}；"
           f"年度：{esc(year_text(report))}；发文机关：{esc(report.get('issuer') or '未找到')}；"
           f"成文日期：{esc(date_text(report))}</p>"]
    failed = fail_reasons(report)
    if failed:
        out.append(f'<p class="fail-reasons">未通过的原因：{esc("；".join(failed))}</p>')
    reasons = report.get("grade_reasons") or []
    if reasons:
        out.append('<ul class="grade-reasons">' + "".join(f"<li>{esc(r)}</li>" for r in reasons) + "</ul>")
    for warning in report.get("warnings", []):
        out.append(f'<p class="warn">注意：{esc(warning)}</p>')
    out.append("</section>")
    return "".join(out)


def _findings(findings: list[dict[str, Any]], placed: dict[int, Placed], rules: dict[str, dict[str, Any]],
              verbose: bool, prefix: str) -> str:
    out = [f'<section id="{prefix}findings"><h2>问题清单（{len(findings)} 个）</h2>']
    if not findings:
        out.append("<p>未发现问题。</p>")
    else:
        out.append('<p class="note">点击“看原文”跳到报告原文中标出的位置。</p><ol class="findings">')
        for number, finding in enumerate(findings, start=1):
            link = (f' <a href="#{prefix}m{number}">看原文</a>' if number in placed else "")
            basis = (rules.get(finding["rule"]) or {}).get("basis")
            out.append(finding_item(finding, show_rule=verbose, basis=basis, link=link,
                                    attributes=f' id="{prefix}f{number}"'))
        out.append("</ol>")
    out.append("</section>")
    return "".join(out)


def _line_link(line: int | None, prefix: str, text: str | None) -> str:
    return f' <a href="#{prefix}L{line}">看原文</a>' if line and text is not None else ""


# ---------------------------------------------------------------- the text with its marks


def _place(findings: list[dict[str, Any]], text: str | None,
           headings: dict[str, dict[str, Any]]) -> dict[int, Placed]:
    """Where each finding's excerpt is in the text (by its line and column); number -> span.
    A missing element is placed on the heading of the section where it belongs, if there is one."""
    if text is None:
        return {}
    starts = _line_starts(text)
    placed: dict[int, Placed] = {}
    for number, finding in enumerate(findings, start=1):
        where = finding if finding.get("line") else headings.get(finding["rule"], {})
        span = locate(text, starts, where.get("line"), where.get("column"), where.get("excerpt", where.get("text")))
        if span is not None:
            placed[number] = Placed(number, finding, *span)
    return placed


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def locate(text: str, starts: list[int], line: int | None, column: int | None,
           excerpt: str | None) -> tuple[int, int] | None:
    """The span of ``excerpt`` at (line, column) of ``text``; line breaks inside it are skipped
    (the engine removes them from excerpts). None when the text there is not the excerpt."""
    if not line or not excerpt or line > len(starts):
        return None
    at = starts[line - 1] + max((column or 1) - 1, 0)
    while at < len(text) and text[at] in " \t\u3000" and not excerpt[0].isspace():
        at += 1
    start, k = at, 0
    while k < len(excerpt) and at < len(text):
        if text[at] == excerpt[k]:
            k += 1
        elif text[at] != "\n":
            return None
        at += 1
    return (start, at) if k == len(excerpt) else None


def _text(text: str, placed: dict[int, Placed], prefix: str) -> str:
    starts = _line_starts(text)
    by_line: dict[int, list[Placed]] = {}
    for item in placed.values():
        first = _line_index(starts, item.start)
        last = _line_index(starts, max(item.end - 1, item.start))
        for index in range(first, last + 1):
            by_line.setdefault(index, []).append(item)
    rows = []
    for index, start in enumerate(starts):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        line = text[start:end]
        if not line.strip():
            continue
        items = by_line.get(index, [])
        notes = "".join(_note(item, prefix) for item in items if _line_index(starts, item.start) == index)
        rows.append(f'<div class="row{" has" if items else ""}" id="{prefix}L{index + 1}">'
                    f'<span class="ln">{index + 1}</span><div class="line">{_marked(line, start, items, prefix)}</div>'
                    f'<aside class="notes">{notes}</aside></div>')
    return (f'<section id="{prefix}text"><h2>报告原文</h2><p class="note">底纹标出问题所在，右侧是对应的问题；'
            '左侧数字是本页的行号；问题清单中的位置按原文件计（Word 第几段，PDF 第几页第几行）。</p>'
            '<div class="doc">' + "".join(rows) + "</div></section>")


def _line_index(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1


def _marked(line: str, offset: int, items: list[Placed], prefix: str) -> str:
    """The line with each placed finding's part of it in <mark>; overlapping findings share marks."""
    cuts = {0, len(line)}
    for item in items:
        cuts.add(min(max(item.start - offset, 0), len(line)))
        cuts.add(min(max(item.end - offset, 0), len(line)))
    bounds = sorted(cuts)
    out: list[str] = []
    opened: set[int] = set()
    for a, b in pairwise(bounds):
        covering = [i for i in items if i.start - offset < b and i.end - offset > a]
        piece = esc(line[a:b])
        if not covering:
            out.append(piece)
            continue
        worst = max(covering, key=lambda i: RANK[i.finding["severity"]]).finding["severity"]
        starting = [i.number for i in covering if i.number not in opened]
        opened.update(starting)
        # An element has one id: a second finding starting here gets an empty anchor of its own.
        out.extend(f'<span id="{prefix}m{n}"></span>' for n in starting[1:])
        ids = f' id="{prefix}m{starting[0]}"' if starting else ""
        title = "；".join(f"{i.number}. {i.finding['message']}" for i in covering)
        out.append(f'<mark class="{esc(worst)}"{ids} title="{esc(title)}">{piece}</mark>')
        for item in covering:
            if item.end - offset == b:
                out.append(f'<sup class="ref"><a href="#{prefix}n{item.number}">{item.number}</a></sup>')
    return "".join(out)


def _note(item: Placed, prefix: str) -> str:
    finding = item.finding
    severity = finding["severity"]
    advice = f"<br>建议：{esc(finding['suggestion'])}" if finding.get("suggestion") else ""
    return (f'<div class="{esc(severity)}" id="{prefix}n{item.number}"><b><a href="#{prefix}f{item.number}">'
            f"{item.number}</a></b>{esc(SEVERITY[severity])}：{esc(finding['message'])}{advice}</div>")

