"""Copy detection (报告雷同): reports in the batch that share their sentences.

Every report contributes the 63-bit fingerprints of its normalised sentences
(see :mod:`checker.audit.features`). An inverted index maps each fingerprint to
the reports holding it. Fingerprints are counted one hash bucket at a time (a
sixteenth of the batch's sentences per pass, so the count's peak size is a
sixteenth), and only sentences held by two reports or more get a posting list.
No pair of reports is ever compared string by string.

* A sentence held by more than ``max_df`` reports (√N, between 5 and 20) is
  common wording (套话, a superior's template), not evidence that two reports
  copied each other; it is ignored. The cap also bounds the work: a sentence
  pairs at most 190 reports with each other. The other sentences are a report's *distinctive*
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

import itertools
import math
import sys
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from checker.audit.features import PLAN, SHORTCOMINGS

BUCKETS = 16  # a power of two: the bucket is the hash's low bits
MIN_DF, MAX_DF = 5, 20
MIN_SHARED = 3
MIN_SHARE = 0.3
SECTION_SHARE = 0.5
MIN_SECTION = 2
FLAGGED = (SHORTCOMINGS, PLAN)
TAG_KEYS = {SHORTCOMINGS: "s", PLAN: "p"}


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

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "shared": self.shared, "share_a": self.share_a,
                "share_b": self.share_b, "examples": self.examples,
                "sections": [[c.report, c.bit, c.shared, c.size] for c in self.sections]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CopyPair:
        return cls(data["a"], data["b"], data["shared"], data["share_a"], data["share_b"],
                   [SectionCopy(*c) for c in data["sections"]], data["examples"])


@dataclass(slots=True)
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
        packed = {key: bytes.fromhex(value) for key, value in pack(hashes, tags).items()}
        return self.add_packed(packed, issuer, year)

    def add_packed(self, packed: dict[str, bytes], issuer: str = "", year: int | None = None) -> int:
        """Add fingerprints as :func:`pack` made them (hex decoded in the worker); return the index."""
        tagged = {bit: _array("q", packed[key]) for bit, key in TAG_KEYS.items() if packed.get(key)}
        self._reports.append(_Report(_array("q", packed["h"]), _array("I", packed["o"]), tagged, issuer, year))
        return len(self._reports) - 1

    def hashes(self, report: int) -> set[int]:
        return set(self._reports[report].hashes)

    def max_df(self) -> int:
        return min(max(MIN_DF, round(math.sqrt(len(self._reports)))), MAX_DF)

    def find(self) -> list[CopyPair]:
        """Pairs and flagged sections, the most shared first.

        Per bucket the fingerprints are counted in C (one ``Counter`` over the
        bucket's slices), which sorts them into *common* (held by more than
        ``max_df`` reports) and *shared* (two to ``max_df``). Both sets are small;
        one set intersection per report (also C) then gives each report's common
        count and its shared fingerprints, from which the pairs are counted.
        Python-level work grows with the shared sentences, not with the batch.
        """
        reports = self._reports
        limit = self.max_df()
        common: set[int] = set()
        shared: set[int] = set()
        for bucket in range(BUCKETS):
            counts = Counter(itertools.chain.from_iterable(
                r.hashes[r.offsets[bucket]:r.offsets[bucket + 1]] for r in reports))
            for h, n in counts.items():
                if n > 1:
                    (common if n > limit else shared).add(h)
            del counts
        distinct = [len(r.hashes) - len(common.intersection(r.hashes)) for r in reports]
        postings: dict[int, list[int]] = defaultdict(list)
        for k, report in enumerate(reports):
            for h in shared.intersection(report.hashes):
                postings[h].append(k)
        pair_shared: dict[tuple[int, int], int] = defaultdict(int)
        section_shared: dict[tuple[int, int, int], int] = defaultdict(int)
        self.shared_df = {h: len(holders) for h, holders in postings.items()}
        for h, holders in postings.items():
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    pair_shared[(a, b)] += 1
                for bit, tagged in reports[a].tagged.items():
                    if h in tagged:
                        for other in holders:
                            if other != a:
                                section_shared[(a, other, bit)] += 1
        section_size = {(r, bit): len(tagged) - len(common.intersection(tagged))
                        for r, _, bit in section_shared for tagged in [reports[r].tagged[bit]]}
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


def pack(hashes: list[int], tags: list[int]) -> dict[str, str]:
    """A report's fingerprints as the main process wants them: hashes ordered by bucket with the
    bucket offsets, and the 不足 / 安排 hashes, each a hex string of a big-endian array (parsed
    with one ``bytes.fromhex``, far cheaper than a JSON list of 19-digit integers)."""
    bucket_of = (BUCKETS - 1).__and__  # a builtin key, no Python frame per hash
    sizes = Counter(map(bucket_of, hashes))
    offsets = [0] * (BUCKETS + 1)
    for b in range(BUCKETS):
        offsets[b + 1] = offsets[b] + sizes[b]
    packed = {"h": _hex("q", sorted(hashes, key=bucket_of)), "o": _hex("I", offsets)}
    for bit, key in TAG_KEYS.items():
        packed[key] = _hex("q", [h for h, t in zip(hashes, tags, strict=True) if t & bit])
    return packed


def _hex(code: str, values: list[int]) -> str:
    data = array(code, values)
    if sys.byteorder == "little":
        data.byteswap()
    return data.tobytes().hex()


def _array(code: str, data_bytes: bytes) -> array[int]:
    data = array(code, data_bytes)
    if sys.byteorder == "little":
        data.byteswap()
    return data


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
