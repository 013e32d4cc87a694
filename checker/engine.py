"""The pipeline: read → normalise → outline → metadata → template → rules → score.

The engine returns a :class:`~checker.model.ReportResult` and never prints.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checker import kinds
from checker.context import Context, Hit, Span, Verdict
from checker.errors import ReadError
from checker.gate import suppress
from checker.model import (
    SEVERITY_NAME,
    SEVERITY_RANK,
    ElementResult,
    Evidence,
    Finding,
    FrozenRecord,
    Metric,
    ReportResult,
    ScorePart,
)
from checker.pack.loader import Pack, Rule, load_pack, per_pack
from checker.readers import read_path
from checker.scoring import grade, score
from checker.templating import assign_sections, heading_predicate, select_template
from checker.text.document import Document
from checker.text.normalize import MatchView, build_view, title_ends_pattern
from checker.text.outline import build_outline
from checker.text.patterns import (
    REPORT_BUDGET,
    RULE_BUDGET,
    PatternTimeout,
    alarms,
    any_of,
    forget,
    occurs,
    rule_budget,
    search,
)

WEAKER = {"error": "warning", "warning": "info", "info": "info"}
VERDICT_KINDS = ("element", "metadata", "metric")


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Options(FrozenRecord):
    """How to check: which pack and template, and what makes a report fail."""

    pack: str | None = None
    template: str | None = None
    fail_on: str = "error"
    min_score: float | None = None
    use_cache: bool = True
    max_bytes: int | None = None
    year: int | None = None
    # Waivers and baseline of the run (checker.gate.suppress.Policy); in-source directives always apply.
    policy: Any = None
    # Seconds each rule may spend in regular-expression searches (default: patterns.RULE_BUDGET).
    time_limit: float | None = None
    # Seconds the rules of a user's pack may spend together on one report (default:
    # patterns.REPORT_BUDGET); past it the remaining user rules are skipped with a warning.
    report_time_limit: float | None = None

    def __init__(
        self, pack: str | None = None, template: str | None = None, fail_on: str = "error",
        min_score: float | None = None, use_cache: bool = True, max_bytes: int | None = None,
        year: int | None = None, policy: Any = None, time_limit: float | None = None,
        report_time_limit: float | None = None,
    ) -> None:
        vars(self).update(
            pack=pack, template=template, fail_on=fail_on, min_score=min_score, use_cache=use_cache,
            max_bytes=max_bytes, year=year, policy=policy, time_limit=time_limit,
            report_time_limit=report_time_limit)


def check_path(path: str, **options: Any) -> ReportResult:
    """Check one file. An unreadable file, or a defect met while checking it, gives a
    result with ``error`` set, not an exception; a broken pack still raises."""
    opts = Options(**options)
    pack = load_pack(opts.pack, use_cache=opts.use_cache)
    try:
        return check_document(read_path(path, opts.max_bytes), pack, opts)
    except Exception as exc:
        return failed(path, exc)


def check_text(text: str, path: str = "<text>", fmt: str = "txt", **options: Any) -> ReportResult:
    """Check a report given as text; never raises for any ``str`` (see :func:`check_path`)."""
    opts = Options(**options)
    pack = load_pack(opts.pack, use_cache=opts.use_cache)
    try:
        document = Document(path=path, text=text.replace("\r\n", "\n"), format=fmt)
        return check_document(document, pack, opts)
    except Exception as exc:
        return failed(path, exc)


def failed(path: str, exc: Exception) -> ReportResult:
    """The result for a report that could not be checked: this report's error, not the run's.

    A :class:`ReadError` is the file's fault and says why; anything else is a
    defect met on this report, said plainly in Chinese, with the exception and
    where it was raised kept in ``error_detail`` (shown with ``--verbose``).
    """
    if isinstance(exc, ReadError):
        return ReportResult(path=path, error=exc.reason)
    if isinstance(exc, ImportError):
        # A reader's library missing from this installation costs this file only.
        return ReportResult(path=path, error=f"缺少读取此类文件所需的组件（{exc.name or exc}），请重新安装 checker")
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        file = frames[-1].filename.replace("\\", "/")
        file = file[file.rfind("/checker/") + 1:] if "/checker/" in file else file.rsplit("/", 1)[-1]
        where = f"{file}:{frames[-1].lineno} {frames[-1].name}"
    detail = f"{type(exc).__name__}: {str(exc)[:300]}" + (f" ({where})" if where else "")
    return ReportResult(path=path, error="内部错误：检查这份报告时程序出错，其他报告不受影响；"
                                         "请把这份文件和 --verbose 显示的详情报告给维护者",
                        error_detail=detail)


def check_document(document: Document, pack: Pack, opts: Options | None = None) -> ReportResult:
    return check_document_with_context(document, pack, opts)[0]


def check_document_with_context(document: Document, pack: Pack, opts: Options | None = None
                                ) -> tuple[ReportResult, Context]:
    """Like :func:`check_document`, and also return the :class:`Context` the rules saw.

    For callers that need more than the JSON contract without re-parsing the
    report: the matching view, the outline and ``ctx.assignment`` (template
    section id -> the report sections carrying it). ``checker audit`` uses them
    for copy detection and the year-over-year comparison.
    """
    with alarms():  # one alarm handler for all the report's rule budgets
        return _check(document, pack, opts)


def _check(document: Document, pack: Pack, opts: Options | None) -> tuple[ReportResult, Context]:
    opts = opts or Options()
    ctx = build_context(document, pack)
    ctx.meta.given_year = opts.year
    result = ReportResult(path=document.path, format=document.format,
                          warnings=list(document.warnings))
    verdicts: dict[str, tuple[Rule, Verdict]] = {}
    hits: list[tuple[Rule, Hit]] = []

    order = _order(pack)
    templated = False
    wanted: list[str] = []  # the elements the template asks for, known once it is chosen
    clock = UserClock(opts)
    for rule in order.rules:
        if not templated and kinds.phase(rule.kind) > 0:
            _after_metadata(ctx, opts)
            wanted = _element_ids(ctx)
            templated = True
        if ctx.template is not None and not rule.applies_to(ctx.template.id):
            continue
        if rule.kind in ("element", "metric") and _judges_element(rule) \
                and rule.id not in wanted:
            continue
        limit = clock.limit(rule)
        if limit <= 0:
            continue  # the user rules' budget for this report is spent
        started = time.monotonic()
        try:
            with rule_budget(limit):
                outputs = list(kinds.runner(rule.kind)(rule, ctx))
        except PatternTimeout as exc:
            shown = f"：{exc.pattern[:60]}" if exc.pattern else ""
            result.warnings.append(f"规则 {rule.id} 的正则表达式超时，已跳过{shown}")
            continue
        finally:
            clock.spent(rule, time.monotonic() - started)
        for output in outputs:
            if isinstance(output, Verdict):
                verdicts[rule.id] = (rule, output)
                ctx.elements[rule.id] = _element(rule, output, ctx)
            elif isinstance(output, Metric):
                ctx.metrics.append(output)
            else:
                hits.append((rule, output))
    if not templated:
        _after_metadata(ctx, opts)
        wanted = _element_ids(ctx)
    if clock.skipped:
        shown = "、".join(clock.skipped[:5]) + ("等" if len(clock.skipped) > 5 else "")
        result.warnings.append(f"自定义规则在这份报告上共用时已达 {clock.budget:g} 秒上限，"
                               f"其余 {len(clock.skipped)} 条自定义规则未运行（{shown}）")

    result.elements = [ctx.elements[e] for e in wanted if e in ctx.elements]
    findings = [_finding(rule, _on_inferred_year(hit, ctx), ctx.view) for rule, hit in hits]
    findings.extend(_element_findings(verdicts, wanted, ctx.view))
    findings = _soften_ocr(findings, document, pack)
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.rule))
    # The one step between the rules and the score: fingerprints, then in-source
    # directives, waivers and the baseline mark findings suppressed (never drop them).
    result.findings, notes = suppress.apply(document, _dedupe(findings),
                                            order.ids, opts.policy)
    result.warnings.extend(notes)
    result.metrics = ctx.metrics
    _fill_meta(result, ctx)

    raw, result.score_parts = score(result.elements, result.findings, pack.scoring,
                                    order.deductions, order.element_rules)
    graded = grade(raw, result.elements, result.findings, pack.scoring.get("grades"))
    if graded.score < raw:
        result.score_parts.append(ScorePart("cap", f"封顶：{'；'.join(graded.reasons)}",
                                            graded.score - raw, 0.0))
    result.score, result.grade, result.grade_reasons = graded.score, graded.grade, list(graded.reasons)
    result.fail_reasons = fail_reasons(result, opts.fail_on, opts.min_score, pack.scoring.get("grades"))
    result.passed = not result.fail_reasons
    forget()  # no report's text stays behind in the search memo
    return result, ctx


@dataclass(frozen=True, eq=False)
class _Order:
    """What the engine derives from a pack's rules for every report, derived once per pack."""

    rules: tuple[Rule, ...]  # by phase (metadata first), in pack order within a phase
    ids: frozenset[str]
    deductions: Mapping[tuple[str, str], float]  # (rule id, severity) -> weight (never changed)
    element_rules: frozenset[str]  # the rules whose findings restate an element verdict


# Each loaded pack's order: sorting the rules and gathering their ids cost every report as much as
# a small rule.
_ORDERS: dict[int, tuple[Pack, _Order]] = {}


def _order(pack: Pack) -> _Order:
    return per_pack(_ORDERS, pack, _derive_order)


def _derive_order(pack: Pack) -> _Order:
    return _Order(
        rules=tuple(sorted(pack.rules, key=lambda r: kinds.phase(r.kind))),
        ids=frozenset(r.id for r in pack.rules),
        deductions={(r.id, r.severity): r.weight for r in pack.rules if r.weight >= 0},
        element_rules=frozenset(r.id for r in pack.rules if _judges_element(r)))


class UserClock:
    """The time the user's rules have spent on one report, against their shared budget.

    The rules shipped with the tool are bounded one by one; a user's pack of
    forty slow patterns would still cost minutes per report, so its rules also
    share :data:`~checker.text.patterns.REPORT_BUDGET` seconds: each gets at most
    what is left, and once it is spent the rest are skipped (and named).
    """

    def __init__(self, opts: Options) -> None:
        self.rule_limit = opts.time_limit if opts.time_limit is not None else RULE_BUDGET
        self.budget = opts.report_time_limit if opts.report_time_limit is not None else REPORT_BUDGET
        self.used = 0.0
        self.skipped: list[str] = []

    def limit(self, rule: Rule) -> float:
        """Seconds ``rule`` may take; 0: skip it."""
        if not rule.user:
            return self.rule_limit
        left = self.budget - self.used
        if left <= 0:
            self.skipped.append(rule.id)
            return 0.0
        return min(self.rule_limit, left)

    def spent(self, rule: Rule, seconds: float) -> None:
        if rule.user:
            self.used += seconds


def _on_inferred_year(hit: Hit, ctx: Context) -> Hit:
    """A finding that depends on the year, when the year is only inferred: info, and says so."""
    if not hit.year_bound or ctx.meta.year_source != "inferred":
        return hit
    note = f"报告未写明年度，此处按推断的 {ctx.meta.year} 年判断，仅供参考"
    message = f"{hit.message}。{note}" if hit.message else None
    return dataclasses.replace(hit, severity="info", message=message,
                               details={**(hit.details or {}), "year_inferred": ctx.meta.year})


def passes(result: ReportResult, fail_on: str, min_score: float | None,
           grading: dict[str, Any] | None = None) -> bool:
    """No finding at the gate's severity, the score at least ``min_score``, the grade at least
    the pack's passing grade (``grades.pass``: a 不合格 report never passes)."""
    return not result.error and not fail_reasons(result, fail_on, min_score, grading)


def fail_reasons(result: ReportResult, fail_on: str, min_score: float | None,
                 grading: dict[str, Any] | None = None) -> list[str]:
    """Why the report fails the gate, one short Chinese phrase per reason (empty: it passes).

    Every output states these words (``fail_reasons`` in the JSON contract), so that the
    terminal, CI formats, the web page and the annotated Word copy give the same reasons.
    """
    reasons = []
    threshold = SEVERITY_RANK[fail_on]
    counted = sum(1 for f in result.findings
                  if not f.suppressed and SEVERITY_RANK[f.severity] >= threshold)
    if counted:
        level = SEVERITY_NAME[fail_on] + ("" if fail_on == "error" else "及以上")
        reasons.append(f"{level} {counted} 个")
    if min_score is not None and result.score < min_score:
        shown = round(result.score, 1)  # as the report shows it, unless that hides the shortfall
        reasons.append(f"得分 {shown if shown < min_score else f'{result.score:.2f}'} 低于 {min_score:g}")
    if grading and grading.get("pass") and result.grade:
        order = [band["grade"] for band in grading["bands"]]
        if result.grade in order and grading["pass"] in order \
                and order.index(result.grade) > order.index(grading["pass"]):
            reasons.append(f"等级为{result.grade}，须达到{grading['pass']}")
    return reasons


def build_context(document: Document, pack: Pack) -> Context:
    bare = any_of(heading_predicate(pack))
    names_section = (lambda t: occurs(bare, t)) if bare else None  # whether, not where (see _heading_carries)
    title_ends = title_ends_pattern(pack.headings.get("title_ends", ()))
    view = build_view(document, names_section, title_ends)
    outline = build_outline(view, names_section, title_ends)
    return Context(document, view, outline, pack)


def _after_metadata(ctx: Context, opts: Options) -> None:
    """Apply a year given by the user, then choose the template and fit the sections."""
    if opts.year is not None:  # also when the pack has no year rule
        ctx.meta.year = opts.year
        ctx.meta.year_source = "option"
    ctx.template, ctx.template_reason = select_template(ctx, opts.template)
    ctx.assignment = assign_sections(ctx, ctx.template)


def _judges_element(rule: Rule) -> bool:
    """Whether a rule's findings restate an element verdict.

    A ``metric`` rule with an ``extract`` table is not an element: it names the
    report's figures for every template and reports figures that disagree.
    """
    return rule.kind in VERDICT_KINDS and not (rule.kind == "metric" and "extract" in rule.spec)


def _element_ids(ctx: Context) -> list[str]:
    """The template's required elements, plus conditional ones the report's work calls for."""
    if ctx.template is None:
        return []
    wanted = list(ctx.template.required)
    for element, phrases in ctx.template.when_mentioned.items():
        pattern = any_of(phrases)
        if pattern is not None and search(pattern, ctx.view.text):
            wanted.append(element)
    return wanted


def _evidence(span: Span, view: MatchView) -> Evidence:
    source = span.view or view
    line, column = source.position(span.start)
    return Evidence(line, column, source.excerpt(span.start, span.end), source.location(span.start))


def _element(rule: Rule, verdict: Verdict, ctx: Context) -> ElementResult:
    weight = rule.weight if rule.weight >= 0 else 1.0
    return ElementResult(
        id=rule.id,
        name=rule.name,
        status=verdict.status,
        evidence=tuple(_evidence(s, ctx.view) for s in verdict.evidence),
        note=verdict.note,
        weight=weight,
        value=verdict.value,
        section=_section_heading(rule, verdict, ctx),
        hollow=verdict.hollow and verdict.status == "weak",
    )


def _section_heading(rule: Rule, verdict: Verdict, ctx: Context) -> Evidence | None:
    """For an element judged without a passage: the heading of the report section where it belongs."""
    if verdict.evidence or verdict.status == "present":
        return None
    for section in ctx.sections_for(rule.get("section")):
        if section.heading is not None:
            return _evidence(Span(section.start, section.heading.title_end), ctx.view)
    return None


def _finding(rule: Rule, hit: Hit, view: MatchView) -> Finding:
    source = hit.view or view
    line = column = None
    excerpt = context = None
    location = None
    if hit.start is not None:
        end = hit.end if hit.end is not None else hit.start
        line, column = source.position(hit.start)
        excerpt = source.excerpt(hit.start, end)
        context = source.context(hit.start, end)
        location = source.location(hit.start)
    severity = hit.severity or rule.severity
    return Finding(
        rule=rule.id,
        severity=severity,  # type: ignore[arg-type]
        message=hit.message or rule.message,
        line=line,
        column=column,
        excerpt=excerpt,
        suggestion=hit.suggestion if hit.suggestion is not None else rule.suggestion,
        location=location,
        details=hit.details,
        context=context,
        fix=hit.fix if excerpt else None,
    )


def _element_findings(verdicts: dict[str, tuple[Rule, Verdict]], wanted: list[str],
                      view: MatchView) -> list[Finding]:
    """Weak and missing elements are findings too, so that gates and CI see them."""
    findings: list[Finding] = []
    for element_id in wanted:
        if element_id not in verdicts:
            continue
        rule, verdict = verdicts[element_id]
        if verdict.status == "present":
            continue
        severity = rule.severity if verdict.status == "missing" else WEAKER[rule.severity]
        first = verdict.evidence[0] if verdict.evidence else None
        line = column = None
        excerpt = location = None
        if first is not None:
            evidence = _evidence(first, view)
            line, column, excerpt, location = (evidence.line, evidence.column, evidence.text,
                                               evidence.location)
        # Missing: say what the report must hold. Weak: the section is there, so say what it lacks
        # and how to fill it (写出具体做法、数据和成效), not how to add it (单列一节).
        if verdict.message:
            message, suggestion = verdict.message, verdict.suggestion or rule.suggestion
        elif verdict.status == "missing":
            message, suggestion = f"{rule.message}。缺失：{verdict.note}", verdict.suggestion or rule.suggestion
        else:
            message = f"{rule.name}薄弱：{verdict.note}"
            suggestion = verdict.suggestion or rule.get("weak_suggestion") or rule.suggestion
        findings.append(Finding(
            rule=rule.id,
            severity=severity,  # type: ignore[arg-type]
            message=message,
            line=line,
            column=column,
            excerpt=excerpt,
            suggestion=suggestion,
            location=location,
        ))
    return findings


def _soften_ocr(findings: list[Finding], document: Document, pack: Pack) -> list[Finding]:
    """On text read by OCR a recogniser's slip looks like a typo: findings of the families
    the pack names (``ocr.soften``) there are hints with the pack's note; elements,
    figures, the year and dates are judged as usual."""
    families = set(pack.ocr.get("soften", ()))
    if not document.ocr_lines or not families:
        return findings
    whole = len(document.ocr_lines) >= document.line_count
    note = pack.ocr.get("note", "")

    def soft(finding: Finding) -> bool:
        on_ocr = finding.line - 1 in document.ocr_lines if finding.line else whole
        return on_ocr and finding.rule.split(".", 1)[0] in families

    return [dataclasses.replace(f, severity="info", message=f.message + note) if soft(f) else f
            for f in findings]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int | None, int | None, str | None]] = set()
    out: list[Finding] = []
    for finding in findings:
        key = (finding.rule, finding.line, finding.column, finding.excerpt)
        if key in seen:
            continue
        seen.add(key)
        out.append(finding)
    return out


def _fill_meta(result: ReportResult, ctx: Context) -> None:
    meta = ctx.meta
    result.template = ctx.template.id if ctx.template else None
    result.template_reason = ctx.template_reason
    result.template_name = ctx.template.name if ctx.template else ""
    result.year = meta.year
    result.year_source = meta.year_source
    result.year_note = meta.year_note
    result.issuer = meta.issuer
    result.title = meta.title
    result.date = meta.date.isoformat() if meta.date else None
