"""Suppressions in the report (checker-disable comments), fingerprints, and the gate they feed."""

from __future__ import annotations

import dataclasses

from checker.engine import Options, check_document
from checker.gate.fingerprint import fingerprint
from checker.model import Finding, ReportResult
from checker.pack.loader import load_pack
from checker.text.document import Document
from tests.conftest import EXAMPLES

BASE = (EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8")


def _check(text: str, **options: object) -> ReportResult:
    return check_document(Document(path="r.md", text=text, format="md"), load_pack(),
                          Options(**options))  # type: ignore[arg-type]


def _with(before: str, insert: str) -> str:
    """The example report with ``insert`` (lines) placed before the line starting with ``before``."""
    at = BASE.index(before)
    return BASE[:at] + insert + BASE[at:]


def _findings(result: ReportResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule == rule]


def test_disable_block_suppresses_only_inside() -> None:
    text = _with("（四）健全行政执法", "<!-- checker-disable text.approx-count -- 原文如此 -->\n") \
        + "培训45余次。\n"
    text = text.replace("（五）健全社会矛盾", "<!-- checker-enable -->\n（五）健全社会矛盾")
    result = _check(text)
    inside, outside = _findings(result, "text.approx-count")
    assert inside.suppressed and inside.suppression == {
        "kind": "inSource", "justification": "原文如此", "source": "r.md:11"}
    assert not outside.suppressed
    # Other rules on the suppressed line still count.
    assert not _findings(result, "term.fazhi-xuanchuan")[0].suppressed


def test_family_prefix_and_next_line_skipping_blank_lines() -> None:
    text = _with("（四）健全行政执法", "<!-- checker-disable-next-line term, text -->\n\n")
    result = _check(text)
    assert all(f.suppressed for f in result.findings if f.line == 13)
    assert {f.rule for f in result.findings if f.suppressed} == {"term.fazhi-xuanchuan",
                                                                 "text.approx-count"}


def test_disable_without_ids_covers_every_rule_to_the_end() -> None:
    result = _check(_with("（四）健全行政执法", "<!-- checker-disable -->\n"))
    assert result.findings and all(f.suppressed for f in result.findings if f.line)


def test_suppressed_findings_do_not_count_toward_gate_or_score() -> None:
    plain = _check(BASE, fail_on="warning")
    # The example's warnings: wording and 余 on the （四） line, the 调解成功率 on the （五） line.
    text = _with("（四）健全行政执法", "<!-- checker-disable-next-line term text -->\n")
    text = text.replace("（五）健全社会矛盾", "<!-- checker-disable-next-line metric -->\n（五）健全社会矛盾")
    quiet = _check(text, fail_on="warning")
    assert not plain.passed and plain.score < 100
    assert quiet.passed and quiet.score == 100
    assert len(quiet.findings) == len(plain.findings)  # shown as suppressed, never dropped
    assert quiet.to_dict()["findings"][0]["suppressed"] is True


def test_directive_lines_are_not_report_content() -> None:
    # ASCII punctuation and a placeholder inside a comment trigger nothing ...
    noisy = _with("一、2024年", "<!-- checker-disable-next-line ref -- 说明:XX县,见附件 -->\n")
    assert {f.rule for f in _check(noisy).findings} == {f.rule for f in _check(BASE).findings}
    # ... and a comment full of cause analysis does not make the causes element present.
    bare = "\n".join(line for line in BASE.splitlines() if not line.startswith("究其原因"))
    commented = bare.replace("三、党政主要负责人", "<!-- 究其原因，主要是学法不够经常，考核导向作用发挥不充分，"
                             "乡镇法治机构人员编制少、流动快。 -->\n三、党政主要负责人")
    causes = next(e for e in _check(commented).elements if e.id == "content.causes")
    assert causes.status != "present"


def test_unknown_rules_and_unused_directives_are_reported() -> None:
    text = _with("一、2024年", "<!-- checker-disable-next-line term.no-such -->\n"
                 "<!-- checker-disable-next-line ref -->\n")
    warnings = _check(text).warnings
    assert any("未知的规则“term.no-such”" in w for w in warnings)
    assert any("第8行的 checker-disable-next-line 指令（ref）没有抑制任何问题" in w for w in warnings)


def test_fingerprint_ignores_the_line_but_not_the_passage() -> None:
    plain = _findings(_check(BASE), "term.fazhi-xuanchuan")[0]
    moved = _findings(_check("补充说明一段文字。\n\n" + BASE), "term.fazhi-xuanchuan")[0]
    elsewhere = _findings(_check(BASE.replace("完善行政复议工作机制", "完善复议机制")),
                          "term.fazhi-xuanchuan")[0]
    edited = _findings(_check(BASE.replace("加大法制宣传力度", "持续加大法制宣传工作力度")),
                       "term.fazhi-xuanchuan")[0]
    assert plain.line != moved.line
    assert plain.fingerprint == moved.fingerprint == elsewhere.fingerprint
    assert plain.fingerprint != edited.fingerprint
    assert plain.fingerprint and len(plain.fingerprint) == 16


def test_fingerprint_of_a_heading_ignores_its_number_and_whole_report_findings_use_the_rule() -> None:
    first = Finding("content.causes", "warning", "m", 3, 1, "二、存在的不足和原因", context="二、存在的不足和原因")
    renumbered = dataclasses.replace(first, line=9, excerpt="三、存在的不足和原因",
                                     context="三、存在的不足和原因")
    assert fingerprint(first) == fingerprint(renumbered)
    whole = Finding("content.causes", "error", "缺失：…")
    assert fingerprint(whole) == fingerprint(dataclasses.replace(whole, message="缺失：另一说明"))
    assert fingerprint(whole) != fingerprint(dataclasses.replace(whole, rule="content.measures"))
