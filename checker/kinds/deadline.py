"""Kind ``deadline``: the report's date against the filing deadline for its filer.

The deadline is the template's (``deadline: {month, day}``, in the year after the
reporting year), unless one of the rule's ``filers`` matches the issuer (a
province files with the Centre by 1 April). A date after the deadline is a
warning; a date before the reporting year is over is reported at ``early``
severity (the report cannot yet cover the whole year), and one before ``premature_before``
(most of the year still ahead) at ``premature_severity``: last year's report kept. Without a stated year
and a date nothing is judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text.patterns import any_of, search

PHASE = 1


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    meta = ctx.meta
    if meta.year is None or meta.date is None or ctx.template is None or meta.date_kind == "meeting":
        return  # (a speech's meeting date is no filing date)
    month, day, who = _deadline_for(rule, ctx)
    if month is None or day is None:
        return
    if meta.date_kind == "published":
        month, day = rule.get("publication", {}).get("month", month), \
            rule.get("publication", {}).get("day", day)
        what = "发布日期"
    else:
        what = "成文日期"
    deadline = date(meta.year + 1, month, day)
    span = _date_span(ctx)
    if meta.date > deadline:
        late = (meta.date - deadline).days
        yield Hit(*span, year_bound=True, message=f"{what} {meta.date_text} 晚于{who}报送时限"
                  f"（{deadline.year}年{deadline.month}月{deadline.day}日），逾期 {late} 天",
                  details={"deadline": deadline.isoformat(), "date": meta.date.isoformat(),
                           "days_late": late})
    elif _premature(rule, meta.year, meta.date):
        # 2024年2月18日 on a report on 2024: written before most of the year had passed, it reports
        # the year before (last year's report with its title's year changed)
        yield Hit(*span, year_bound=True, severity=rule.get("premature_severity", "warning"),
                  message=f"{what} {meta.date_text} 时{meta.year}年度还远未过完，不可能是这一年度的报告："
                  f"可能沿用了上一年的报告", suggestion=f"核对报告年度和成文日期（应在{meta.year + 1}年）",
                  details={"date": meta.date.isoformat()})
    elif meta.date <= date(meta.year, 12, 31):
        yield Hit(*span, year_bound=True, severity=rule.get("early_severity", "info"),
                  message=f"{what} {meta.date_text} 早于{meta.year}年度结束，"
                  f"报告尚不能反映全年情况", suggestion="年度结束后再定稿，或核对成文日期",
                  details={"date": meta.date.isoformat()})


def _premature(rule: Rule, year: int, day: date) -> bool:
    """Whether ``day`` comes before the rule's ``premature_before`` day of the reporting year."""
    before = rule.get("premature_before")
    return bool(before) and day < date(year, int(before["month"]), int(before["day"]))


def _deadline_for(rule: Rule, ctx: Context) -> tuple[int | None, int | None, str]:
    issuer = ctx.meta.issuer or ""
    for filer in rule.get("filers", []):
        pattern = any_of(tuple(filer.get("issuer", [])))
        if pattern is not None and issuer and search(pattern, issuer):
            return filer["month"], filer["day"], filer.get("name", "")
    template: dict[str, Any] = ctx.template.deadline if ctx.template else {}
    return template.get("month"), template.get("day"), ""


def _date_span(ctx: Context) -> tuple[int | None, int | None]:
    """Where the date stands in the text (the signature block), if it is in the text."""
    text = ctx.meta.date_text or ""
    if ctx.meta.date_kind != "signed" or not text:
        return None, None
    at = ctx.view.text.rfind(text)
    return (at, at + len(text)) if at >= 0 else (None, None)
