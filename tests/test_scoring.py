"""The score: deterministic, explained, high for a complete report and low for a thin one."""

from __future__ import annotations

from checker.model import ElementResult, Finding
from checker.scoring import score

SCORING = {"element_points": 85, "finding_points": 15,
           "deduction": {"error": 3, "warning": 1, "info": 0}, "per_rule_cap": 6}


def elements(*statuses: str) -> list[ElementResult]:
    return [ElementResult(f"content.e{i}", f"要素{i}", s, weight=10)  # type: ignore[arg-type]
            for i, s in enumerate(statuses)]


def finding(rule: str, severity: str = "error", suppressed: str | None = None) -> Finding:
    """``suppressed``: the suppression's kind (inSource, external, baseline), or None."""
    return Finding(rule, severity, "问题", suppressed=suppressed is not None,  # type: ignore[arg-type]
                   suppression={"kind": suppressed} if suppressed else None)


def test_complete_report_without_findings_scores_100() -> None:
    total, parts = score(elements("present", "present"), [], SCORING, {}, set())
    assert total == 100.0
    assert sum(p.points for p in parts if p.item != "findings") == 85


def test_weak_earns_half_and_missing_nothing() -> None:
    total, _ = score(elements("present", "weak", "missing", "present"), [], SCORING, {}, set())
    assert total == round(85 * 2.5 / 4 + 15, 1)


def test_findings_deduct_by_severity_with_a_cap_per_rule() -> None:
    many = [finding("term.x") for _ in range(5)] + [finding("text.y", "warning"),
                                                    finding("punct.z", "info")]
    total, parts = score(elements("present"), many, SCORING, {}, set())
    assert total == 85 + 15 - 6 - 1
    assert sorted(p.points for p in parts if p.points < 0) == [-6, -1]


def test_rule_weight_overrides_the_severity_deduction_only_at_its_own_severity() -> None:
    found = [finding("timing.d", "warning"), finding("timing.d", "info")]
    total, _ = score(elements("present"), found, SCORING, {("timing.d", "warning"): 2}, set())
    assert total == 100 - 2


def test_findings_suppressed_in_the_report_and_element_findings_do_not_deduct() -> None:
    found = [finding("term.x", suppressed="inSource"), finding("content.e0")]
    total, _ = score(elements("present"), found, SCORING, {}, {"content.e0"})
    assert total == 100


def test_waived_and_baseline_findings_still_deduct() -> None:
    """The score is the report's: a waiver file or a baseline only decides what fails."""
    found = [finding("term.x", suppressed="external"), finding("text.y", "warning", suppressed="baseline")]
    total, _ = score(elements("present"), found, SCORING, {}, set())
    assert total == 100 - 3 - 1


def test_thin_report_scores_low() -> None:
    total, _ = score(elements("present", "missing", "missing", "weak", "missing"),
                     [finding("term.x"), finding("ref.y")], SCORING, {}, set())
    assert total < 50
