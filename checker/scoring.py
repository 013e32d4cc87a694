"""The score: a pure function of element verdicts, findings and the pack's weights.

``element_points`` (85 by default) are shared among the template's required
elements in proportion to their rules' weights: present earns all of an
element's share, weak half, missing nothing. ``finding_points`` (15) start full
and lose, per finding, the rule's weight (or the pack's deduction for its
severity), capped per rule so that one repeated slip cannot sink a report.
Findings that restate an element verdict do not deduct again. Every share is
returned, so the report can show how the score was composed.

The score is a property of the report: a finding suppressed by a directive in
the report itself does not deduct, but one suppressed by a waiver file or a
baseline still does — those decide only whether the report fails the gate.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from checker.model import STATUS_CREDIT, ElementResult, Finding, ScorePart


def score(
    elements: list[ElementResult],
    findings: list[Finding],
    scoring: dict[str, Any],
    deductions: dict[tuple[str, str], float],
    element_rules: set[str],
) -> tuple[float, list[ScorePart]]:
    """Return (score 0-100, its parts).

    ``deductions``: (rule id, severity) -> points per finding, for rules with a
    weight of their own; other findings lose the pack's deduction for their
    severity (a rule may report at a lower severity than its own, e.g. info for
    a date before the year's end).
    """
    parts: list[ScorePart] = []
    element_points = float(scoring["element_points"])
    finding_points = float(scoring["finding_points"])
    total_weight = sum(e.weight for e in elements)
    for element in elements:
        share = element_points * element.weight / total_weight if total_weight else 0.0
        parts.append(ScorePart(element.id, element.name, share * STATUS_CREDIT[element.status],
                               share))
    counted = [f for f in findings if f.rule not in element_rules and not in_report(f)]
    counts = Counter(f.rule for f in counted)
    owed: dict[str, float] = {}
    for finding in counted:
        owed[finding.rule] = owed.get(finding.rule, 0.0) + deductions.get(
            (finding.rule, finding.severity), float(scoring["deduction"][finding.severity]))
    cap = float(scoring["per_rule_cap"])
    lost = 0.0
    for rule_id, count in sorted(counts.items()):
        if owed[rule_id] <= 0:
            continue
        taken = min(owed[rule_id], cap)
        lost += taken
        parts.append(ScorePart(rule_id, f"{count} 处", -taken, 0.0))
    kept = max(finding_points - lost, 0.0)
    parts.append(ScorePart("findings", "规范性（扣分后）", kept, finding_points))
    earned = sum(p.points for p in parts if p.max_points > 0 and p.item != "findings") + kept
    if not elements:
        earned = kept / finding_points * 100 if finding_points else 0.0
    return round(min(max(earned, 0.0), 100.0), 1), parts


def in_report(finding: Finding) -> bool:
    """Suppressed by a directive in the report (not by a waiver or a baseline, which leave the score)."""
    return finding.suppressed and (finding.suppression or {}).get("kind") == "inSource"
