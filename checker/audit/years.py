"""Year over year: did this year's report follow up last year's plan, and repeat its problems?

For an issuer with reports for consecutive years Y and Y+1 in the batch:

* **Plan follow-up.** Each item of year Y's 下一年度安排 (its subsections, or
  its 一是/二是 items, or its sentences) is compared with each paragraph of
  year Y+1's 举措 section. The measure is the share of the item's *content
  bigrams* (pairs of adjacent Chinese characters, e.g. 复议, 议体, 体制) that the
  paragraph also holds. Bigrams that occur in more than half of Y+1's measures
  paragraphs (法治, 推进, 建设 …) say nothing about which task a paragraph is
  about and are left out first. An item whose best paragraph holds at least
  :data:`REPORTED_SHARE` of its content bigrams (and at least
  :data:`MIN_COMMON` of them) counts as reported on; the paragraph is cited so
  that a reader can judge.
* **Repeated problems and plans.** Sentences of Y+1's 不足 section that also
  stand in Y's 不足 section, and sentences of Y+1's 安排 that also stand in Y's
  安排 (a plan carried over word for word), word for word once normalised (place
  names and numbers ignored, as for copy detection).

Reports are matched by issuer exactly as the engine read it (发文机关); when an
issuer has two reports for one year, the higher-scoring one is compared.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import regex

from checker.audit.features import PLAN, SHORTCOMINGS

REPORTED_SHARE = 0.4
MIN_COMMON = 3
GENERIC_SHARE = 0.5
HAN_RUN = regex.compile(r"\p{Han}+")
SHOWN_CHARS = 120
SHOWN_COMMON = 8  # bigrams kept to explain a match


@dataclass
class PlanFollowUp:
    item: str
    line: int | None
    share: float
    reported: bool
    match: str | None = None
    match_line: int | None = None
    common: list[str] = field(default_factory=list)


@dataclass
class YearPair:
    issuer: str
    earlier: int
    later: int
    earlier_year: int
    later_year: int
    plan: list[PlanFollowUp] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    repeated_plan: list[str] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return sum(1 for p in self.plan if p.reported)

    def to_dict(self) -> dict[str, Any]:
        """The comparison without the batch positions, for the cache."""
        return {"issuer": self.issuer, "years": [self.earlier_year, self.later_year],
                "plan": [asdict(p) for p in self.plan], "repeated": self.repeated,
                "repeated_plan": self.repeated_plan}

    @classmethod
    def from_dict(cls, data: dict[str, Any], earlier: int, later: int) -> YearPair:
        return cls(data["issuer"], earlier, later, data["years"][0], data["years"][1],
                   [PlanFollowUp(**p) for p in data["plan"]], data["repeated"], data.get("repeated_plan", []))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str, earlier: int, later: int) -> YearPair:
        return cls.from_dict(json.loads(text), earlier, later)


@dataclass(slots=True)
class YearSummary:
    """What the batch keeps in memory of a comparison; the details wait on disk (``source``: an
    offset in the batch's store or the key of its cache entry), read by ``Audit.year_pair``."""

    issuer: str
    earlier: int
    later: int
    earlier_year: int
    later_year: int
    planned: int
    reported: int
    repeated: int
    source: int | str
    repeated_plan: int = 0  # last: a batch summary cached before it was kept reads as none

    @classmethod
    def of(cls, pair: YearPair, source: int | str) -> YearSummary:
        return cls(pair.issuer, pair.earlier, pair.later, pair.earlier_year, pair.later_year,
                   len(pair.plan), pair.reported, len(pair.repeated), source, len(pair.repeated_plan))

    def to_list(self) -> list[Any]:
        return [self.issuer, self.earlier, self.later, self.earlier_year, self.later_year, self.planned,
                self.reported, self.repeated, self.source, self.repeated_plan]


def pairs_to_compare(reports: list[tuple[int, str | None, int | None, float]]) -> list[tuple[int, int]]:
    """(earlier, later) indexes from (index, issuer, year, score) of the checked reports."""
    best: dict[tuple[str, int], tuple[float, int]] = {}
    for index, issuer, year, score in reports:
        if not issuer or year is None:
            continue
        key = (issuer.strip(), year)
        if key not in best or (score, -index) > (best[key][0], -best[key][1]):
            best[key] = (score, index)
    found = []
    for (issuer, year), (_, index) in sorted(best.items()):
        following = best.get((issuer, year + 1))
        if following is not None:
            found.append((index, following[1]))
    return found


def compare(issuer: str, earlier: dict[str, Any], later: dict[str, Any], years: tuple[int, int],
            indexes: tuple[int, int]) -> YearPair:
    """Compare the features of one issuer's reports for ``years`` (Y, Y+1)."""
    pair = YearPair(issuer, indexes[0], indexes[1], years[0], years[1])
    units = later.get("measure_units", [])
    unit_grams = [_pairs(u["text"]) for u in units]
    limit = max(2, GENERIC_SHARE * len(units))
    generic: dict[tuple[str, str], bool] = {}  # only the plan items' bigrams are ever asked about

    def is_generic(gram: tuple[str, str]) -> bool:
        if gram not in generic:
            generic[gram] = sum(1 for grams in unit_grams if gram in grams) > limit
        return generic[gram]

    for item in earlier.get("plan_items", []):
        wanted = {g for g in _pairs(item["text"]) if not is_generic(g)}
        pair.plan.append(_follow_up(item, wanted, units, unit_grams))
    pair.repeated = _repeated(earlier, later, SHORTCOMINGS)
    pair.repeated_plan = _repeated(earlier, later, PLAN)
    return pair


def _repeated(earlier: dict[str, Any], later: dict[str, Any], bit: int) -> list[str]:
    """The later report's sentences of the section ``bit`` marks that the earlier one's holds too."""
    previous = {s[0] for s in earlier.get("sentences", []) if s[1] & bit}
    return [s[2] for s in later.get("sentences", []) if s[1] & bit and s[0] in previous]


def bigrams(text: str) -> set[str]:
    return {"".join(pair) for pair in _pairs(text)}


def _pairs(text: str) -> set[tuple[str, str]]:
    """The bigrams as character pairs (built in C; joined only for display)."""
    grams: set[tuple[str, str]] = set()
    for run in HAN_RUN.findall(text):
        grams.update(itertools.pairwise(run))
    return grams


def _follow_up(item: dict[str, Any], wanted: set[tuple[str, str]], units: list[dict[str, Any]],
               unit_grams: list[set[tuple[str, str]]]) -> PlanFollowUp:
    best_share, best = 0.0, -1
    for k, grams in enumerate(unit_grams):
        share = len(wanted & grams) / len(wanted) if wanted else 0.0
        if share > best_share:
            best_share, best = share, k
    if best < 0:
        return PlanFollowUp(item["text"], item.get("line"), 0.0, False)
    common = sorted("".join(pair) for pair in wanted & unit_grams[best])[:SHOWN_COMMON]
    reported = best_share >= REPORTED_SHARE and len(common) >= MIN_COMMON
    unit = units[best]
    return PlanFollowUp(item["text"], item.get("line"), round(best_share, 2), reported,
                        _short(unit["text"]), unit.get("line"), common)


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"
