"""JUnit XML for CI dashboards: a test suite per report, a test case per element and per rule.

Each required element is a test case, and so is each other rule that found
something. A case fails when it has a finding at or above the report's gate
(``--fail-on``); findings below the gate are listed in its output; a case whose
findings were all suppressed is skipped, with the justification. The score
against ``--min-score`` is a case of its own, and a report that could not be
read is one case in error. Suite properties carry score, grade, template and year.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from xml.etree import ElementTree as ET

from checker.model import SEVERITY_RANK
from checker.render import RenderOptions
from checker.render.labels import SEVERITY, STATUS, fail_reasons, verdict, where
from checker.render.safe import cleaned


def render(document: dict[str, Any], options: RenderOptions) -> str:
    document = cleaned(document)  # XML 1.0 has no control characters: escaped, visibly
    names = {rule["id"]: rule["name"] for rule in document.get("rules", [])}
    suites = ET.Element("testsuites", name="checker")
    totals: dict[str, int] = defaultdict(int)
    for report in document["reports"]:
        suite = _suite(report, names)
        suites.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _suite(report: dict[str, Any], names: dict[str, str]) -> ET.Element:
    suite = ET.Element("testsuite", name=report["path"])
    if report.get("error"):
        case = ET.SubElement(suite, "testcase", classname=report["path"], name="读取报告")
        ET.SubElement(case, "error", message=report["error"], type="read-error")
        _count(suite, tests=1, errors=1)
        return suite
    gate = report.get("gate") or {}
    threshold = SEVERITY_RANK[gate.get("fail_on", "error")]
    properties = ET.SubElement(suite, "properties")
    for key in ("score", "grade", "template", "year", "passed"):
        ET.SubElement(properties, "property", name=key, value=_text(report.get(key)))
    if not report.get("passed"):
        ET.SubElement(properties, "property", name="fail_reasons", value="；".join(fail_reasons(report)))
    for key in ("fail_on", "min_score", "profile"):
        if key in gate:
            ET.SubElement(properties, "property", name=key, value=_text(gate[key]))

    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in report["findings"]:
        by_rule[finding["rule"]].append(finding)
    elements = {e["id"]: e for e in report["elements"]}
    # Case names stay the same from run to run (the status goes in the output), so that
    # a dashboard can follow one element's history.
    cases = [(e["id"], e["name"]) for e in report["elements"]]
    cases += [(rule, names.get(rule, rule)) for rule in by_rule if rule not in elements]
    failures = skipped = 0
    for rule, label in cases:
        case = ET.SubElement(suite, "testcase", classname=rule, name=f"{rule} {label}")
        findings = by_rule.get(rule, [])
        output: list[str] = []
        if rule in elements:
            element = elements[rule]
            output.append(f"{STATUS[element['status']]}：{element.get('note', '')}")
        live = [f for f in findings if not f.get("suppressed")]
        failing = [f for f in live if SEVERITY_RANK[f["severity"]] >= threshold]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", message=failing[0]["message"],
                                    type=failing[0]["severity"])
            failure.text = "\n".join(_line(f) for f in failing)
        elif findings and not live:
            skipped += 1
            reason = (findings[0].get("suppression") or {}).get("justification", "已豁免")
            ET.SubElement(case, "skipped", message=reason)
        output.extend(_line(f) for f in live if f not in failing)
        if output:
            ET.SubElement(case, "system-out").text = "\n".join(output)
    tests = len(cases)
    if "min_score" in gate:
        tests += 1
        case = ET.SubElement(suite, "testcase", classname="score", name=f"得分不低于 {gate['min_score']:g}")
        if report["score"] < gate["min_score"]:
            failures += 1
            ET.SubElement(case, "failure", message=f"得分 {report['score']} 低于 {gate['min_score']:g}",
                          type="score")
    # The verdict itself, always present (a stable name): a report can fail on its grade alone,
    # with no failing case above; the message gives every reason, as the other outputs do.
    tests += 1
    case = ET.SubElement(suite, "testcase", classname="gate", name="通过条件")
    if not report.get("passed"):
        failures += 1
        ET.SubElement(case, "failure", message=verdict(report), type="gate")
    if report.get("warnings"):
        ET.SubElement(suite, "system-err").text = "\n".join(report["warnings"])
    _count(suite, tests=tests, failures=failures, skipped=skipped)
    return suite


def _line(finding: dict[str, Any]) -> str:
    text = f"{SEVERITY[finding['severity']]} {where(finding['line'], finding['column'])}：{finding['message']}"
    if finding.get("excerpt"):
        text += f"（原文：{finding['excerpt']}）"
    return text


def _count(suite: ET.Element, tests: int, failures: int = 0, errors: int = 0, skipped: int = 0) -> None:
    for key, value in (("tests", tests), ("failures", failures), ("errors", errors),
                       ("skipped", skipped)):
        suite.set(key, str(value))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
