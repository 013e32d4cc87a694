"""Kind ``coverage``: which of a list of task areas the report's measures leave out.

Each area is a name and phrases (data in the rule). An area is covered when its
phrases occur in the ``sections`` named (the measures and the first-responsible
part). A list tied to a period (``after_year``, ``before_year``) applies only to
reports that state a year inside it, and one tied to levels (``filer_levels``) only to filers
of those levels (a township does not legislate). Only a report that
is organised along the list — at least ``min_covered`` areas covered — is told
which areas it leaves out, in one finding: a report on a few themes of its own
is not measured against a list it does not follow.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context, Hit
from checker.pack.loader import Rule
from checker.text import levels
from checker.text.patterns import any_of, search

PHASE = 1


def run(rule: Rule, ctx: Context) -> Iterator[Hit]:
    after, before = rule.get("after_year"), rule.get("before_year")
    if after is not None and (ctx.meta.year is None or ctx.meta.year <= after):
        return
    if before is not None and (ctx.meta.year is None or ctx.meta.year >= before):
        return  # the list's period is over: a report on 2026 is not held to the 2021—2025 纲要
    wanted = rule.get("filer_levels")
    if wanted is not None:
        own = levels.of(ctx.pack).own_level(ctx.meta.issuer)
        if own is not None and own not in wanted:
            return  # a township's report is not held to the tasks of a county's government
    sections = [s for section_id in rule.get("sections", []) for s in ctx.sections_for(section_id)]
    sections.sort(key=lambda s: s.start)
    # Headings too: 八、健全行政权力制约和监督体系 names its area even when its body speaks
    # only of what was done (办理人大代表建议215件).
    spans = [(s.start, s.end) for s in sections] or [(0, len(ctx.view.text))]
    covered: list[str] = []
    missing: list[str] = []
    for area in rule.get("areas", []):
        pattern = any_of(tuple(area["phrases"]))
        hit = pattern is not None and any(search(pattern, ctx.view.text, a, b) for a, b in spans)
        (covered if hit else missing).append(area["name"])
    if missing and len(covered) >= int(rule.get("min_covered", 0)):
        anchor = sections[0] if sections else None
        start = anchor.start if anchor else None
        end = anchor.heading.title_end if anchor and anchor.heading else None
        yield Hit(start, end, year_bound=True,
                  message=f"{rule.message}：未涉及{'、'.join(missing)}"
                  f"（已涉及 {len(covered)}/{len(covered) + len(missing)} 个方面）",
                  details={"covered": covered, "missing": missing})
