"""Immutable result types shared by the engine, the kinds and the renderers.

The JSON contract (``checker/schemas/report.schema.json``) is the serialised form
of :class:`ReportResult`; renderers read only these types or that JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Status = Literal["present", "weak", "missing"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
SEVERITY_NAME: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_CREDIT: dict[str, float] = {"present": 1.0, "weak": 0.5, "missing": 0.0}


@dataclass(frozen=True)
class Evidence:
    """A passage that decided a verdict: 1-based line/column in the extracted text."""

    line: int | None
    column: int | None
    text: str
    location: dict[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "column": self.column, "text": self.text}
        if self.location:
            out["location"] = self.location
        return out


@dataclass(frozen=True)
class Finding:
    """One problem found in a report.

    ``rule`` and ``severity`` are stamped by the engine from the rule, so that a
    kind cannot get them wrong; ``details`` carries a kind's explanation (for
    arithmetic: the figures used and the tolerance). ``fingerprint`` (rule +
    cited passage, not the line) and ``suppressed``/``suppression`` (why: an
    in-report directive, a waiver or the baseline) are set by
    :func:`checker.gate.suppress.apply` before the score is computed. ``fix``
    is the replacement for ``excerpt`` when the rule marks the correction safe
    to apply (``checker fix``).
    """

    rule: str
    severity: Severity
    message: str
    line: int | None = None
    column: int | None = None
    excerpt: str | None = None
    suggestion: str | None = None
    location: dict[str, int] | None = None
    details: dict[str, Any] | None = None
    suppressed: bool = False
    context: str | None = None
    fingerprint: str | None = None
    suppression: dict[str, Any] | None = None
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
        }
        if self.location:
            out["location"] = self.location
        if self.details:
            out["details"] = self.details
        if self.context:
            out["context"] = self.context
        if self.fingerprint:
            out["fingerprint"] = self.fingerprint
        if self.suppressed:
            out["suppressed"] = True
        if self.suppression:
            out["suppression"] = self.suppression
        if self.fix is not None:
            out["fix"] = self.fix
        return out


@dataclass(frozen=True)
class ElementResult:
    """A required element's verdict, with the passages that decided it.

    ``note`` explains the verdict in Chinese; for a missing element it says what
    was searched for and where. ``section``: for an element without evidence, the
    heading of the report's section where it belongs, when the report has one.
    """

    id: str
    name: str
    status: Status
    evidence: tuple[Evidence, ...] = ()
    note: str = ""
    weight: float = 0.0
    value: Any = None
    section: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
            "note": self.note,
        }
        if self.value is not None:
            out["value"] = self.value
        if self.section is not None:
            out["section"] = self.section.to_dict()
        return out


@dataclass(frozen=True)
class Metric:
    """A figure extracted from the report (a count or a rate)."""

    id: str
    value: float
    unit: str
    line: int | None
    text: str
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        out: dict[str, Any] = {
            "id": self.id,
            "value": value,
            "unit": self.unit,
            "line": self.line,
            "text": self.text,
        }
        if self.approximate:
            out["approximate"] = True
        return out


@dataclass(frozen=True)
class ScorePart:
    """One line of the score's explanation."""

    item: str
    label: str
    points: float
    max_points: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "label": self.label,
            "points": round(self.points, 2),
            "max": round(self.max_points, 2),
        }


@dataclass
class ReportResult:
    """Everything the engine says about one report (the JSON contract's report)."""

    path: str
    template: str | None = None
    template_reason: str = ""
    year: int | None = None
    year_source: str | None = None
    issuer: str | None = None
    title: str | None = None
    date: str | None = None
    format: str | None = None
    score: float = 0.0
    # 优秀 / 良好 / 合格 / 不合格 (the pack's grade bands), with what capped it, if anything.
    grade: str | None = None
    grade_reasons: list[str] = field(default_factory=list)
    # How the year was found, in words, when it was inferred (推断：……).
    year_note: str | None = None
    passed: bool = False
    # Why it did not pass (错误 2 个；得分 56.0 低于 60；等级为不合格，须达到合格); empty when it passed.
    fail_reasons: list[str] = field(default_factory=list)
    elements: list[ElementResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    score_parts: list[ScorePart] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    # An internal error's exception and where it was raised (for a bug report; --verbose).
    error_detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "template": self.template,
            "template_reason": self.template_reason,
            "year": self.year,
            "year_source": self.year_source,
            "year_note": self.year_note,
            "issuer": self.issuer,
            "title": self.title,
            "date": self.date,
            "format": self.format,
            "score": round(self.score, 1),
            "grade": self.grade,
            "grade_reasons": list(self.grade_reasons),
            "passed": self.passed,
            "fail_reasons": list(self.fail_reasons),
            "score_breakdown": [p.to_dict() for p in self.score_parts],
            "elements": [e.to_dict() for e in self.elements],
            "findings": [f.to_dict() for f in self.findings],
            "metrics": [m.to_dict() for m in self.metrics],
            "warnings": list(self.warnings),
            "error": self.error,
        }
        if self.error_detail:
            out["error_detail"] = self.error_detail
        return out
