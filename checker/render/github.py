"""GitHub Actions workflow commands: one annotation per finding, on the report's line.

``::error file=报告.md,line=12,col=3,title=…::message``. Errors, warnings and hints
become ``error``, ``warning`` and ``notice``; suppressed findings are not
annotated (they are counted in the closing summary). Values are escaped as the
runner expects: ``%``, CR and LF in the message, and also ``:`` and ``,`` in
properties.
"""

from __future__ import annotations

from typing import Any

from checker.render import RenderOptions, labels
from checker.render.labels import SEVERITY
from checker.render.safe import cleaned

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: Any) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def render(document: dict[str, Any], options: RenderOptions) -> str:
    document = cleaned(document)  # a CI log is a terminal too: no control codes from a report
    names = {rule["id"]: rule["name"] for rule in document.get("rules", [])}
    lines: list[str] = []
    for report in document["reports"]:
        path = report["path"]
        if report.get("error"):
            lines.append(command("error", report["error"], file=path, title="无法检查"))
            continue
        for warning in report.get("warnings", []):
            lines.append(command("warning", warning, file=path, title="checker 提示"))
        for finding in report["findings"]:
            if finding.get("suppressed"):
                continue
            lines.append(command(
                COMMAND[finding["severity"]], _message(finding), file=path,
                line=finding.get("line"), col=finding.get("column"),
                title=f"{names.get(finding['rule'], finding['rule'])}（{finding['rule']}）"))
        suppressed = sum(1 for f in report["findings"] if f.get("suppressed"))
        verdict = labels.verdict(report)
        grade = f"，等级 {report['grade']}" if report.get("grade") else ""
        summary = f"{path}：得分 {report['score']}{grade}，{verdict}" + (
            f"，已豁免 {suppressed} 个问题" if suppressed else "")
        lines.append(command("notice" if report.get("passed") else "error", summary, file=path,
                             title="checker 检查结果"))
    return "\n".join(lines) + "\n"


def _message(finding: dict[str, Any]) -> str:
    parts = [f"{SEVERITY[finding['severity']]}：{finding['message']}"]
    passage = finding.get("context") or finding.get("excerpt")
    if passage:
        parts.append(f"原文：{passage}")
    if finding.get("suggestion"):
        parts.append(f"建议：{finding['suggestion']}")
    return "\n".join(parts)
