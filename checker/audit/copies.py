"""Copy detection (报告雷同): reports in the batch that share their sentences.

Every report contributes the 63-bit fingerprints of its normalised sentences
(see :mod:`checker.audit.features`). An inverted index maps each fingerprint to
the reports holding it; it is built one hash bucket at a time (1/16 of the
fingerprints per pass), so its peak size is a sixteenth of the batch's
sentences and no pair of reports is ever compared string by string.

* A sentence held by more than ``max_df`` reports (√N, at least 5) is common
  wording (套话, a superior's template), not evidence that two reports copied
  each other; it is ignored. The other sentences are a report's *distinctive*
  sentences.
* A **pair** is reported when the two share at least :data:`MIN_SHARED`
  distinctive sentences and these make at least :data:`MIN_SHARE` of either
  report's distinctive sentences.
* A **section** (不足, 安排) is flagged when more than :data:`SECTION_SHARE` of its
  distinctive sentences (and at least :data:`MIN_SECTION` of them) also appear
  in one other report: it shares most of its sentences with that report.

Pairs of the same issuer in different years are left to the year-over-year
comparison, which reports repeated problems itself.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from checker.audit.features import PLAN, SHORTCOMINGS

BUCKETS = 16
MIN_SHARED = 3
MIN_SHARE = 0.3
SECTION_SHARE = 0.5
MIN_SECTION = 2
FLAGGED = (SHORTCOMINGS, PLAN)


@dataclass
class SectionCopy:
    """``report``'s section (tag bit) shares ``share`` of its sentences with the other report."""

    report: int
    bit: int
    shared: int
    size: int

    @property
    def share(self) -> float:
        return self.shared / self.size if self.size else 0.0


@dataclass
class CopyPair:
    a: int
    b: int
    shared: int
    share_a: float
    share_b: float
    sections: list[SectionCopy] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return max(self.share_a, self.share_b)


@dataclass
class _Report:
    hashes: array[int]
    offsets: array[int]
    tagged: dict[int, array[int]]
    issuer: str
    year: int | None


class CopyIndex:
    """Fingerprints of every report in the batch, compact: about 8 bytes per sentence."""

    def __init__(self) -> None:
        self._reports: list[_Report] = []
        self.shared_df: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._reports)

    def add(self, hashes: list[int], tags: list[int], issuer: str = "", year: int | None = None) -> int:
        """Add one report's fingerprints (``tags``: section bits per hash); return its index."""
        order = sorted(range(len(hashes)), key=lambda i: hashes[i] % BUCKETS)
        ordered = array("q", (hashes[i] for i in order))
        offsets = array("I", [0] * (BUCKETS + 1))
        for h in ordered:
            offsets[h % BUCKETS + 1] += 1
        for b in range(BUCKETS):
            offsets[b + 1] += offsets[b]
        tagged = {bit: array("q", (h for h, t in zip(hashes, tags, strict=True) if t & bit)) for bit in FLAGGED}
        self._reports.append(_Report(ordered, offsets, {b: a for b, a in tagged.items() if a}, issuer, year))
        return len(self._reports) - 1

    def hashes(self, report: int) -> set[int]:
        return set(self._reports[report].hashes)

    def max_df(self) -> int:
        return max(5, round(math.sqrt(len(self._reports))))

    def find(self) -> list[CopyPair]:
        """Pairs and flagged sections, the most shared first."""
        reports = self._reports
        limit = self.max_df()
        distinct = [0] * len(reports)
        pair_shared: dict[tuple[int, int], int] = defaultdict(int)
        section_size: dict[tuple[int, int], int] = defaultdict(int)
        section_shared: dict[tuple[int, int, int], int] = defaultdict(int)
        self.shared_df = {}
        for bucket in range(BUCKETS):
            postings: dict[int, list[int]] = {}
            for r, report in enumerate(reports):
                for h in report.hashes[report.offsets[bucket]:report.offsets[bucket + 1]]:
                    holders = postings.get(h)
                    if holders is None:
                        postings[h] = [r]
                    else:
                        holders.append(r)
            for h, holders in postings.items():
                if len(holders) > limit:
                    continue
                for r in holders:
                    distinct[r] += 1
                    for bit, tagged in reports[r].tagged.items():
                        if h in tagged:
                            section_size[(r, bit)] += 1
                            for other in holders:
                                if other != r:
                                    section_shared[(r, other, bit)] += 1
                if len(holders) < 2:
                    continue
                self.shared_df[h] = len(holders)
                for i, a in enumerate(holders):
                    for b in holders[i + 1:]:
                        pair_shared[(a, b) if a < b else (b, a)] += 1
        return self._pairs(distinct, pair_shared, section_size, section_shared)

    def _pairs(self, distinct: list[int], pair_shared: dict[tuple[int, int], int],
               section_size: dict[tuple[int, int], int],
               section_shared: dict[tuple[int, int, int], int]) -> list[CopyPair]:
        pairs: dict[tuple[int, int], CopyPair] = {}

        def pair(a: int, b: int) -> CopyPair:
            key = (a, b) if a < b else (b, a)
            if key not in pairs:
                shared = pair_shared.get(key, 0)
                pairs[key] = CopyPair(key[0], key[1], shared, _ratio(shared, distinct[key[0]]),
                                      _ratio(shared, distinct[key[1]]))
            return pairs[key]

        for (a, b), shared in pair_shared.items():
            if shared >= MIN_SHARED and self._comparable(a, b) and \
                    max(_ratio(shared, distinct[a]), _ratio(shared, distinct[b])) >= MIN_SHARE:
                pair(a, b)
        for (r, other, bit), shared in section_shared.items():
            size = section_size[(r, bit)]
            if size >= MIN_SECTION and shared / size > SECTION_SHARE and self._comparable(r, other):
                pair(r, other).sections.append(SectionCopy(r, bit, shared, size))
        for found in pairs.values():
            found.sections.sort(key=lambda s: (s.report, s.bit))
        return sorted(pairs.values(), key=lambda p: (-p.share, -p.shared, p.a, p.b))

    def _comparable(self, a: int, b: int) -> bool:
        """Not the same issuer's reports of different years (see the module's docstring)."""
        ra, rb = self._reports[a], self._reports[b]
        return not ra.issuer or ra.issuer != rb.issuer or ra.year == rb.year


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
