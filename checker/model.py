"""Immutable result types shared by the engine, the kinds and the renderers.

The JSON contract (``checker/schemas/report.schema.json``) is the serialised form
of :class:`ReportResult`; renderers read only these types or that JSON.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Status = Literal["present", "weak", "missing"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
SEVERITY_NAME: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_CREDIT: dict[str, float] = {"present": 1.0, "weak": 0.5, "missing": 0.0}


class Record:
    """Equality and repr by fields, as a dataclass generates them, without generating code.

    A dataclass compiles each method it generates when its class is defined: 1.5-2 ms a class
    on a slow machine, which a cold ``checker check`` paid for every type it imports. The types
    on that path are still dataclasses (``dataclasses.fields`` and ``replace`` work on them), declared
    ``@dataclass(init=False, repr=False, eq=False)`` with an ``__init__`` of their own, and take
    the rest from here. Their fields are plain fields (no ``ClassVar``, ``InitVar`` or
    ``compare=False``), so comparing all of them is what the generated ``__eq__`` did.
    """

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _field_names(type(self)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _field_names(type(self)))
        return f"{type(self).__qualname__}({shown})"


class FrozenRecord(Record):
    """A :class:`Record` whose fields cannot be set after ``__init__`` (which writes ``__dict__``),
    hashed by its fields: what ``@dataclass(frozen=True)`` generates."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names



@dataclass(init=False, repr=False, eq=False)
class Evidence(FrozenRecord):
    """A passage that decided a verdict: 1-based line/column in the extracted text."""

    line: int | None
    column: int | None
    text: str
    location: dict[str, int] | None = None

    def __init__(self, line: int | None, column: int | None, text: str,
                 location: dict[str, int] | None = None) -> None:
        vars(self).update(line=line, column=column, text=text, location=location)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "column": self.column, "text": self.text}
        if self.location:
            out["location"] = self.location
        return out


@dataclass(init=False, repr=False, eq=False)
class Finding(FrozenRecord):
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

    def __init__(self, rule: str, severity: Severity, message: str, line: int | None = None,
                 column: int | None = None, excerpt: str | None = None, suggestion: str | None = None,
                 location: dict[str, int] | None = None, details: dict[str, Any] | None = None,
                 suppressed: bool = False, context: str | None = None, fingerprint: str | None = None,
                 suppression: dict[str, Any] | None = None, fix: str | None = None) -> None:
        vars(self).update(rule=rule, severity=severity, message=message, line=line, column=column,
                          excerpt=excerpt, suggestion=suggestion, location=location, details=details,
                          suppressed=suppressed, context=context, fingerprint=fingerprint,
                          suppression=suppression, fix=fix)

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


@dataclass(init=False, repr=False, eq=False)
class ElementResult(FrozenRecord):
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
    hollow: bool = False

    def __init__(self, id: str, name: str, status: Status, evidence: tuple[Evidence, ...] = (),
                 note: str = "", weight: float = 0.0, value: Any = None,
                 section: Evidence | None = None, hollow: bool = False) -> None:
        vars(self).update(id=id, name=name, status=status, evidence=evidence, note=note, weight=weight,
                          value=value, section=section, hollow=hollow)

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
        if self.hollow:
            out["hollow"] = True
        return out


@dataclass(init=False, repr=False, eq=False)
class Metric(FrozenRecord):
    """A figure extracted from the report (a count or a rate)."""

    id: str
    value: float
    unit: str
    line: int | None
    text: str
    approximate: bool = False

    def __init__(self, id: str, value: float, unit: str, line: int | None, text: str,
                 approximate: bool = False) -> None:
        vars(self).update(id=id, value=value, unit=unit, line=line, text=text, approximate=approximate)

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


@dataclass(init=False, repr=False, eq=False)
class ScorePart(FrozenRecord):
    """One line of the score's explanation."""

    item: str
    label: str
    points: float
    max_points: float

    def __init__(self, item: str, label: str, points: float, max_points: float) -> None:
        vars(self).update(item=item, label=label, points=points, max_points=max_points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "label": self.label,
            "points": round(self.points, 2),
            "max": round(self.max_points, 2),
        }


@dataclass(init=False, repr=False, eq=False)
class ReportResult(Record):
    """Everything the engine says about one report (the JSON contract's report)."""

    path: str
    template: str | None = None
    template_reason: str = ""
    template_name: str = ""  # the template's Chinese name, as a drafter reads it
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

    def __init__(self, path: str, template: str | None = None, template_reason: str = "", template_name: str = "",
                 year: int | None = None, year_source: str | None = None, issuer: str | None = None,
                 title: str | None = None, date: str | None = None, format: str | None = None,
                 score: float = 0.0, grade: str | None = None, grade_reasons: list[str] | None = None,
                 year_note: str | None = None, passed: bool = False, fail_reasons: list[str] | None = None,
                 elements: list[ElementResult] | None = None, findings: list[Finding] | None = None,
                 metrics: list[Metric] | None = None, score_parts: list[ScorePart] | None = None,
                 warnings: list[str] | None = None, error: str | None = None,
                 error_detail: str | None = None) -> None:
        self.path = path
        self.template = template
        self.template_reason = template_reason
        self.template_name = template_name
        self.year = year
        self.year_source = year_source
        self.issuer = issuer
        self.title = title
        self.date = date
        self.format = format
        self.score = score
        self.grade = grade
        self.grade_reasons = [] if grade_reasons is None else grade_reasons
        self.year_note = year_note
        self.passed = passed
        self.fail_reasons = [] if fail_reasons is None else fail_reasons
        self.elements = [] if elements is None else elements
        self.findings = [] if findings is None else findings
        self.metrics = [] if metrics is None else metrics
        self.score_parts = [] if score_parts is None else score_parts
        self.warnings = [] if warnings is None else warnings
        self.error = error
        self.error_detail = error_detail

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "template": self.template,
            "template_reason": self.template_reason,
            "template_name": self.template_name,
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
