"""SARIF 2.1.0, written by hand (sarif-om is unmaintained and emits invalid SARIF).

One run: the tool with the metadata of every rule the reports cite (name, what it
checks, its basis as help text), one result per finding with its location in the
report, the passage as snippet, a fingerprint of the passage, and — for a
suppressed finding — a ``suppressions`` entry (``inSource`` for a directive in
the report, ``external`` for a waiver or the baseline). Reports that could not be
read, and report warnings, become tool notifications. tests/test_render_ci.py
validates the output against the official schema.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from checker.render import RenderOptions
from checker.render.labels import fail_reasons

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "checkerPassage/v1"


def render(document: dict[str, Any], options: RenderOptions) -> str:
    rules = document.get("rules", [])
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in document["reports"]:
        if report.get("error"):
            notifications.append(_notification("error", report["error"], report["path"]))
            continue
        notifications.extend(_notification("warning", w, report["path"])
                             for w in report.get("warnings", []))
        baseline = bool((report.get("gate") or {}).get("baseline"))
        results.extend(_result(f, report["path"], index, baseline) for f in report["findings"])
    tool = document["tool"]
    driver: dict[str, Any] = {"name": tool["name"], "version": tool["version"],
                              "semanticVersion": tool["version"], "rules": [_rule(r) for r in rules]}
    homepage = _homepage()
    if homepage:
        driver["informationUri"] = homepage
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{
            "executionSuccessful": not any(r.get("error") for r in document["reports"]),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
        # Per report: the score and grade a reviewer reads (SARIF has no place of its own for them).
        "properties": {"reports": [
            {"path": r["path"], "score": r.get("score"), "grade": r.get("grade"),
             "gradeReasons": r.get("grade_reasons", []), "passed": r.get("passed"),
             "failReasons": fail_reasons(r)}
            for r in document["reports"] if not r.get("error")]},
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    help_lines = [rule.get("description") or rule["message"], f"依据：{rule['basis']}"]
    if rule.get("suggestion"):
        help_lines.append(f"建议：{rule['suggestion']}")
    return {
        "id": rule["id"],
        "name": rule["name"],
        "shortDescription": {"text": rule["name"]},
        "fullDescription": {"text": rule.get("description") or rule["message"]},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVEL[rule["severity"]]},
        "properties": {"kind": rule["kind"], "tags": [rule["id"].split(".", 1)[0]],
                       "basis": rule["basis"]},
    }


def _result(finding: dict[str, Any], path: str, index: dict[str, int],
            baseline: bool) -> dict[str, Any]:
    message = finding["message"]
    if finding.get("suggestion"):
        message += f"（建议：{finding['suggestion']}）"
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if finding.get("line"):
        region: dict[str, Any] = {"startLine": finding["line"]}
        if finding.get("column"):
            region["startColumn"] = finding["column"]
        if finding.get("excerpt"):
            region["snippet"] = {"text": finding["excerpt"]}
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "level": LEVEL[finding["severity"]],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
    }
    if finding["rule"] in index:
        result["ruleIndex"] = index[finding["rule"]]
    if finding.get("fingerprint"):
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding["fingerprint"]}
    suppression = finding.get("suppression") or {}
    if finding.get("suppressed"):
        entry: dict[str, Any] = {
            "kind": "inSource" if suppression.get("kind") == "inSource" else "external",
            "status": "accepted",
        }
        if suppression.get("justification"):
            entry["justification"] = suppression["justification"]
        extra = {k: suppression[k] for k in ("who", "until", "source") if k in suppression}
        if suppression.get("kind"):
            extra["checkerKind"] = suppression["kind"]
        if extra:
            entry["properties"] = extra
        result["suppressions"] = [entry]
    if baseline:
        result["baselineState"] = "unchanged" if suppression.get("kind") == "baseline" else "new"
    return result


def _notification(level: str, text: str, path: str) -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
    }


def artifact_uri(path: str) -> str:
    """A relative path stays relative (as code-scanning services expect); both percent-encoded."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix() if pure.as_posix().startswith("/")
                                 else "/" + pure.as_posix())
    return quote(pure.as_posix())


def _homepage() -> str | None:
    """The project's home page from the installed package's metadata, when it declares one."""
    from importlib import metadata

    try:
        meta = metadata.metadata("checker")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return str(url.strip())
    home = meta.get_all("Home-page") or []
    return str(home[0]) if home else None
