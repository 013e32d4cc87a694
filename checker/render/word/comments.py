"""The annotated copy (批注稿): every finding as a Word comment on the passage it cites.

A first comment on the title gives the score, the grade (when the report has
one) and a one-line summary; each finding follows, anchored on its passage
(message, suggestion, basis). A finding without a passage — a missing element —
is a comment on the heading of the section where it belongs (the contract's
``section`` of the element), or on the title when the report has no such
section; one whose passage cannot be found in the runs (inside a text box, say)
is a comment on its whole paragraph. For a Word report the copy
keeps everything of the original (styles, numbering, tables, headers); for any
other input the copy is a Word file of the extracted text.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.render import labels
from checker.render.labels import SEVERITY
from checker.render.word import AUTHOR, INITIALS
from checker.render.word.body import Anchor, Body
from checker.render.word.runs import anchor_runs

SUFFIX = ".批注.docx"


@dataclass(frozen=True)
class Placed:
    """Where one comment went: the finding (None for the summary) and the text it covers."""

    finding: dict[str, Any] | None
    anchor: str
    exact: bool  # on the cited passage itself (not on its paragraph or the title)


def annotated_name(path: str | Path) -> str:
    """报告.docx → 报告.批注.docx (any input: 报告.pdf → 报告.批注.docx)."""
    return Path(path).stem + SUFFIX


def annotate(report: dict[str, Any], source: str | Path | bytes, *, rules: list[dict[str, Any]] | None = None,
             text: str | None = None) -> bytes:
    """The annotated copy of the report checked as ``report`` (the JSON contract's report).

    ``source``: the original file (a path, or its bytes); it is read, never written.
    ``rules``: the contract's rule table, for each finding's basis. ``text``: the
    extracted text, for a non-Word input given as bytes (read from ``source`` otherwise).
    """
    return annotate_with_places(report, source, rules=rules, text=text)[0]


def annotate_with_places(report: dict[str, Any], source: str | Path | bytes, *,
                         rules: list[dict[str, Any]] | None = None,
                         text: str | None = None) -> tuple[bytes, list[Placed]]:
    """:func:`annotate`, also saying where each comment was anchored (for tests and the web page)."""
    document, body = open_body(report, source, text)
    basis = {r["id"]: r.get("basis", "") for r in rules or []}
    title = _title_anchor(report, body)
    headings = {e["id"]: e["section"] for e in report.get("elements", []) if e.get("section")}
    placed: list[Placed] = []
    _comment(document, title, summary(report), placed, None, exact=True)
    for finding in report.get("findings", []):
        if finding.get("suppressed"):
            continue
        anchor, exact = _finding_anchor(finding, body, headings.get(finding["rule"]))
        _comment(document, anchor or title, comment_text(finding, basis.get(finding["rule"])), placed,
                 finding, exact=exact and anchor is not None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed


def open_body(report: dict[str, Any], source: str | Path | bytes, text: str | None = None) -> tuple[Any, Body]:
    """The document to write into and its line map: the Word original, or a Word file of the text."""
    name = str(source) if not isinstance(source, bytes) else str(report.get("path", ""))
    is_word = (report.get("format") == "docx") if report.get("format") else name.lower().endswith(".docx")
    if is_word:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        from checker.readers.docx import _check_container, _open

        _check_container(data, name)  # the same guards as reading it (zip bombs, .doc, encryption)
        document = _open(data, name)
        return document, Body(document)
    from checker.render.word.build import build

    headings: dict[int, int] = {}
    if text is None:
        from checker.readers import read_bytes

        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        extracted = read_bytes(data, name, Path(name).suffix.lower())
        text, headings = extracted.text, extracted.heading_levels
    return build(text, report.get("title"), headings)


def _title_anchor(report: dict[str, Any], body: Body) -> Anchor | None:
    title = next((e for e in report.get("elements", []) if e["id"] == "meta.title"), None)
    for evidence in (title or {}).get("evidence", []):
        anchor = body.find(evidence.get("line"), evidence.get("column"), evidence.get("text"))
        if anchor is not None:
            return anchor
    for line in sorted(body.places):
        anchor = body.whole(line + 1)
        if anchor is not None:
            return anchor
    return None


def _finding_anchor(finding: dict[str, Any], body: Body,
                    heading: dict[str, Any] | None) -> tuple[Anchor | None, bool]:
    """The cited passage (exact); else its paragraph, or for a missing element its section's heading."""
    line = finding.get("line")
    if not line:
        if heading is None:
            return None, False
        return body.find(heading.get("line"), heading.get("column"), heading.get("text")), False
    anchor = body.find(line, finding.get("column"), finding.get("excerpt"))
    if anchor is not None:
        return anchor, True
    return body.whole(line), False


def _comment(document: Any, anchor: Anchor | None, text: str, placed: list[Placed],
             finding: dict[str, Any] | None, exact: bool) -> None:
    if anchor is None:
        return  # an empty document: nothing to hang a comment on
    runs = anchor_runs(anchor)
    if runs is None:
        return
    from docx.text.run import Run

    first, last = (Run(r, document.part) for r in runs)
    document.add_comment([first, last], text=text, author=AUTHOR, initials=INITIALS)
    placed.append(Placed(finding, anchor.text, exact))


def summary(report: dict[str, Any]) -> str:
    """The first comment: score, grade, verdict, counts and what to do first."""
    findings = [f for f in report.get("findings", []) if not f.get("suppressed")]
    counts = Counter(f["severity"] for f in findings)
    grade = f"，等级：{report['grade']}" if report.get("grade") else ""
    verdict = labels.verdict(report)
    lines = [f"检查结果：{report.get('score', 0)} 分{grade}，{verdict}。"]
    tally = "、".join(f"{SEVERITY[s]} {counts[s]} 处" for s in ("error", "warning", "info") if counts[s])
    where = "每处问题在相应原文上有一条批注；缺失的内容批注在所属章节或报告的标题上。" if findings else ""
    lines.append(f"问题：{tally or '无'}。{where}")
    missing = [e["name"] for e in report.get("elements", []) if e["status"] == "missing"]
    weak = [e["name"] for e in report.get("elements", []) if e["status"] == "weak"]
    todo = "；".join(part for part in (
        f"补写{'、'.join(missing)}" if missing else "", f"充实{'、'.join(weak)}" if weak else "") if part)
    if todo:
        lines.append(f"首先：{todo}。")
    lines.extend(f"等级说明：{reason}" for reason in report.get("grade_reasons") or [])
    return "\n".join(lines)


def comment_text(finding: dict[str, Any], basis: str | None) -> str:
    lines = [f"{SEVERITY[finding['severity']]}：{finding['message']}"]
    explanation = (finding.get("details") or {}).get("explanation")
    if explanation:
        lines.append(f"计算：{explanation}")
    if finding.get("suggestion"):
        lines.append(f"建议：{finding['suggestion']}")
    if basis:
        lines.append(f"依据：{basis}")
    return "\n".join(lines)
