"""Baselines: the findings a team already knows about, so that only new ones fail the gate.

``checker baseline REPORTS… -o baseline.json`` writes, per report, each finding's
rule and fingerprint (see :mod:`checker.gate.fingerprint`: the passage, not the line)
with a count. ``checker check --baseline baseline.json`` marks up to that many
matching findings as suppressed (kind ``baseline``); the rest are new. Report
paths are stored relative to the baseline file, so the file can be committed
next to the reports and used from any working folder.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.model import Finding

FORMAT_VERSION = 1


@dataclass
class Baseline:
    path: str
    entries: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    def mark(self, report_path: str, findings: list[Finding]) -> list[Finding]:
        """Mark the known findings of one report as suppressed; the rest stay new."""
        known = Counter(self.entries.get(_key(report_path), Counter()))
        out: list[Finding] = []
        for finding in findings:
            key = (finding.rule, finding.fingerprint or "")
            if not finding.suppressed and known[key] > 0:
                known[key] -= 1
                finding = dataclasses.replace(finding, suppressed=True, suppression={
                    "kind": "baseline",
                    "justification": "基线中已有的问题",
                    "source": self.path,
                })
            out.append(finding)
        return out

    def gone(self, report_path: str, findings: list[Finding]) -> int:
        """How many baseline findings of this report no longer occur (fixed, or reworded)."""
        known = self.entries.get(_key(report_path), Counter())
        seen = Counter((f.rule, f.fingerprint or "") for f in findings)
        return sum(max(count - seen[key], 0) for key, count in known.items())


def _key(report_path: str) -> str:
    return str(Path(report_path).resolve())


def load(path: str) -> Baseline:
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{file}：基线文件不存在（可用 checker baseline 生成）") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{file}：无法读取基线文件（{exc}）") from None
    if not isinstance(data, dict) or data.get("checker_baseline") != FORMAT_VERSION \
            or not isinstance(data.get("reports"), dict):
        raise UsageError(f"{file}：不是 checker 基线文件（应由 checker baseline 生成）")
    baseline = Baseline(str(file))
    for report, items in data["reports"].items():
        counts: Counter[tuple[str, str]] = Counter()
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and "rule" in item and "fingerprint" in item:
                counts[(str(item["rule"]), str(item["fingerprint"]))] += int(item.get("count", 1))
        baseline.entries[_key(str(file.parent / report))] = counts
    return baseline


def build(document: dict[str, Any], out_path: str) -> dict[str, Any]:
    """The baseline for the JSON document of a run (unsuppressed findings of each report)."""
    folder = Path(out_path).resolve().parent
    reports: dict[str, list[dict[str, Any]]] = {}
    for report in document["reports"]:
        if report.get("error"):
            continue
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for finding in report["findings"]:
            if finding.get("suppressed"):
                continue
            key = (finding["rule"], finding.get("fingerprint", ""))
            if key in grouped:
                grouped[key]["count"] += 1
                continue
            grouped[key] = {"rule": key[0], "fingerprint": key[1], "count": 1,
                            "excerpt": finding.get("excerpt"), "message": finding["message"]}
        reports[_relative(report["path"], folder)] = sorted(
            grouped.values(), key=lambda item: (item["rule"], item["fingerprint"]))
    return {
        "checker_baseline": FORMAT_VERSION,
        "tool": f"{document['tool']['name']} {document['tool']['version']}",
        "pack": {"id": document["pack"]["id"], "version": document["pack"]["version"]},
        "reports": dict(sorted(reports.items())),
    }


def _relative(report_path: str, folder: Path) -> str:
    resolved = Path(report_path).resolve()
    try:
        return resolved.relative_to(folder).as_posix()
    except ValueError:
        import os

        try:
            return Path(os.path.relpath(resolved, folder)).as_posix()
        except ValueError:  # another drive on Windows
            return resolved.as_posix()
