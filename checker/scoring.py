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
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from checker.model import SEVERITY_RANK, STATUS_CREDIT, ElementResult, Finding, FrozenRecord, ScorePart


def score(
    elements: list[ElementResult],
    findings: list[Finding],
    scoring: dict[str, Any],
    deductions: Mapping[tuple[str, str], float],
    element_rules: AbstractSet[str],
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


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Grade(FrozenRecord):
    """The grade of a report, the score after caps, and why a cap held it down."""

    grade: str | None
    score: float
    reasons: tuple[str, ...] = ()

    def __init__(self, grade: str | None, score: float, reasons: tuple[str, ...] = ()) -> None:
        vars(self).update(grade=grade, score=score, reasons=reasons)


def grade(score_value: float, elements: list[ElementResult], findings: list[Finding],
          grading: dict[str, Any] | None) -> Grade:
    """The pack's grade band for ``score_value``, after the caps that apply.

    A cap names the best grade a report can have when, say, a required content is
    missing; a capped score is lowered to the top of that band, so that score and
    grade say the same thing. Without grade bands in the pack, there is no grade.
    """
    if not grading or not grading.get("bands"):
        return Grade(None, score_value)
    bands = list(grading["bands"])
    rank = {band["grade"]: index for index, band in enumerate(bands)}
    found = next((band["grade"] for band in bands if score_value >= band["min"]), bands[-1]["grade"])
    worst = rank[found]
    reasons: list[str] = []
    names = {e.id: e.name for e in elements}
    status: dict[str, str] = {e.id: e.status for e in elements}
    hollow = {e.id for e in elements if e.hollow}
    # each rule that fired with its most severe finding (waivers and baselines leave the grade too),
    # for caps on errors (a placeholder left, a rate over 100%)
    worst_of: dict[str, int] = {}
    for f in findings:
        if not in_report(f):
            worst_of[f.rule] = max(worst_of.get(f.rule, 0), SEVERITY_RANK[f.severity])
    said: list[set[str]] = []
    for cap in grading.get("caps", []):
        triggered = _cap_triggers(cap, status, hollow, worst_of)
        if not triggered or cap["grade"] not in rank:
            continue
        if any(set(triggered) <= earlier for earlier in said):
            continue  # a stronger cap said it already (caps are listed strongest first)
        said.append(set(triggered))
        label = "、".join(names.get(t, t) for t in triggered)
        reasons.append(cap["reason"].replace("{names}", label))
        worst = max(worst, rank[cap["grade"]])
    if worst == rank[found]:
        return Grade(found, score_value, tuple(reasons))
    band = bands[worst]
    return Grade(band["grade"], round(min(score_value, float(band["max"])), 1), tuple(reasons))


def _cap_triggers(cap: dict[str, Any], status: dict[str, str], hollow: set[str],
                  worst_of: dict[str, int]) -> list[str]:
    """What makes a cap apply (element ids or rule ids), or [] when it does not (``worst_of``: each
    rule that fired, with its most severe finding)."""
    if "severity" in cap:  # a finding this severe, of the listed rules or of any but the elements'
        least = SEVERITY_RANK[cap["severity"]]
        spared = set(cap.get("except", []))
        return [rule for rule, rank in worst_of.items() if rank >= least and rule not in spared
                and ("findings" not in cap or rule in cap["findings"])]
    missing = [e for e in cap.get("missing", []) if status.get(e) == "missing"]
    if missing:
        return missing
    empty = [e for e in cap.get("hollow", []) if e in hollow]
    if empty and len(empty) >= int(cap.get("hollow_count", 1)):
        return empty
    if "weak" in cap:
        short = [e for e in cap["weak"] if status.get(e) == "weak"]
        core = cap.get("among")
        if len(short) >= int(cap.get("weak_count", 1)) and (core is None or any(e in short for e in core)):
            return short
    return [rule for rule in cap.get("findings", []) if rule in worst_of]
