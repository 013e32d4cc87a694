"""The audit as JSON: the ``check --format json`` document plus an ``audit`` object.

``reports`` follow the JSON contract (checker/schemas/report.schema.json), in
ranked order, each element's evidence with its ``context``; ``audit`` holds the
ranking, the batch statistics, the copy pairs and the year-over-year
comparisons, with reports named by path. Written report by report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker import __version__
from checker.audit.batch import Audit
from checker.audit.exports import atomic_file
from checker.audit.features import TAGS
from checker.audit.years import YearPair
from checker.render.labels import remedy


def write(audit: Audit, path: Path) -> None:
    head = {"tool": {"name": "checker", "version": __version__},
            "pack": {"id": audit.pack.id, "name": audit.pack.name, "version": audit.pack.version}}
    with atomic_file(path) as handle:
        handle.write(_dumps(head)[:-1] + ',"reports":[')
        for k, row in enumerate(audit.rows):
            handle.write(("," if k else "") + "\n" + _dumps(audit.report(row)))
        handle.write('\n],"audit":' + _dumps(summary(audit)) + "}\n")


def summary(audit: Audit) -> dict[str, Any]:
    path = {r.index: r.path for r in audit.rows}
    return {
        # an unreadable file has no score (null, not 0.0: it was not scored) and says what to do
        "ranking": [{"rank": r.rank, "path": r.path, "score": None if r.error else r.score, "grade": r.grade,
                     "passed": None if r.error else r.passed, "not_report": r.excluded,
                     "remedy": remedy(r.error, r.path) if r.error else None, "deadline": r.deadline,
                     "timing": r.timing or None, "copy_share": r.copy_share, "copy_group": r.group,
                     "cached": r.cached} for r in audit.rows],
        "elements": {e: dict(audit.element_counts.get(e, {})) for e, _ in audit.elements},
        "rules": {rule: {"reports": n, "findings": m} for rule, (n, m) in sorted(audit.rule_counts.items())},
        "score_bins": dict(audit.score_bins()),
        "timing": audit.timing_counts(),
        "copy_groups": [{"members": [path[m] for m in g.members], "shares": g.shares, "examples": g.examples}
                        for g in audit.groups],
        "copies": [{"a": path[p.a], "b": path[p.b], "shared": p.shared,
                    "share_a": round(p.share_a, 3), "share_b": round(p.share_b, 3),
                    "sections": [{"path": path[s.report], "element": TAGS[s.bit], "shared": s.shared,
                                  "sentences": s.size} for s in p.sections],
                    "examples": p.examples} for p in audit.copies],
        "year_over_year": [_year(audit, audit.year_pair(y), path) for y in audit.years],
        "elapsed_seconds": round(audit.elapsed, 3),
        "copy_seconds": round(audit.copy_seconds, 3),
    }


def _year(audit: Audit, pair: YearPair, path: dict[int, str]) -> dict[str, Any]:
    return {"issuer": pair.issuer, "earlier": path[pair.earlier], "later": path[pair.later],
            "earlier_year": pair.earlier_year, "later_year": pair.later_year,
            "plan": [{"item": i.item, "line": i.line, "share": i.share, "reported": i.reported,
                      "match": i.match, "match_line": i.match_line, "common": i.common} for i in pair.plan],
            "repeated_problems": pair.repeated, "repeated_plans": pair.repeated_plan}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
