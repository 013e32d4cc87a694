"""Copy detection (报告雷同): groups of near-identical reports, and pairs that share a part.

Each report brings the MinHash signatures (:mod:`checker.audit.minhash`) of the
character shingles of its own wording: its sentences without the pack's
boilerplate, place names, figures and numbering (see
:mod:`checker.audit.features`). What counts as boilerplate is decided by what
the wording is (the regulation's phrases, formula clauses), never by how many
reports of the batch share it: three hundred copies of one text are three
hundred copies.

1. **Candidates** by locality-sensitive hashing: each signature is cut into
   bands of :data:`ROWS` values; two reports that agree on a whole band of the
   report's signature, or of the signature of the same section (不足, 安排),
   are candidates if the signatures estimate enough shared wording. Only candidates are ever compared, so the work grows
   with the batch and its copies, not with the number of pairs. In a band
   shared by more than :data:`ALL_PAIRS` reports only each one and the band's
   first report are compared (a star, not all pairs), which is enough to join
   them into one group.
2. **Groups** (以下 N 份报告正文基本相同): candidates whose signatures say that
   each holds at least :data:`GROUP_SHARE` of the other are joined (union-find);
   a connected set of at least :data:`GROUP_MIN` reports is a group, shown once
   with its first report as the representative.
3. **Pairs**: other candidates (a member of a group stands for its group by the
   representative) are verified exactly on the reports' stored sentences: the
   shingles one report shares with the other, as a share of each. A pair is
   reported when the larger share is at least :data:`MIN_SHARE` and at least
   :data:`MIN_SHARED` sentences are shared, or when a section is flagged. A 不足
   or 安排 section is **flagged** when more than :data:`SECTION_SHARE` of its
   shingles also stand in the other report.

Pairs of the same issuer in different years are left to the year-over-year
comparison, which reports repeated problems itself.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from checker.audit import minhash
from checker.audit.features import PLAN, SHORTCOMINGS

ROWS = 3  # values per band: two reports agree on some band of 42 (of 21 for a section) from a Jaccard
# similarity of about 0.3 up (0.4: 96 %), rarely below 0.1 (4 %)
ALL_PAIRS = 40
GROUP_SHARE = 0.6
GROUP_MIN = 3
CANDIDATE_SHARE = 0.2  # estimated share of the whole report that sends a pair to exact verification
SECTION_CANDIDATE = 0.45  # estimated share of a section (in the other's same section) that does
MIN_SHARE = 0.3
MIN_SHARED = 3
SECTION_SHARE = 0.5
MIN_SECTION = 30  # shingles: a section of a sentence or two says too little to be flagged
SENTENCE_SHARE = 0.6  # a sentence whose shingles stand in the other report this much is shared
FLAGGED = (SHORTCOMINGS, PLAN)
TAGS = (0, SHORTCOMINGS, PLAN)  # 0: the whole report
NO_YEAR = -1


@dataclass
class SectionCopy:
    """``report``'s section (tag bit) has ``shared`` of its ``size`` shingles in the other report."""

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
    shared: int  # sentences of one found in the other
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


@dataclass
class CopyGroup:
    """Reports whose text is essentially the same; ``members[0]`` is the representative.

    ``shares[k]``: the share of ``members[k]``'s wording found in the representative (estimated).
    """

    members: list[int]
    shares: list[float]
    examples: list[str] = field(default_factory=list)

    @property
    def low(self) -> float:
        return min(self.shares[1:], default=1.0)

    def to_dict(self) -> dict[str, Any]:
        return {"members": self.members, "shares": self.shares, "examples": self.examples}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CopyGroup:
        return cls(data["members"], data["shares"], data["examples"])


@dataclass
class Copies:
    groups: list[CopyGroup]
    pairs: list[CopyPair]


# verify(a, b) -> the exact pair (None: nothing shared worth saying), computed from stored sentences
Verify = Callable[[int, int], CopyPair | None]


class CopyIndex:
    """Every report's signatures and the bands that make candidates.

    Kept packed, one byte array per signature kind with a fixed width per report
    (768 bytes a report in all), the set sizes, issuers and years in flat arrays:
    no object per report, so that a batch of 10⁵ reports holds about 80 MB here.
    A report without a section's signature has a zero size there.
    """

    def __init__(self) -> None:
        self._signatures: dict[int, bytearray] = {tag: bytearray() for tag in TAGS}
        self._sizes: dict[int, array[int]] = {tag: array("I") for tag in TAGS}
        self._issuers: list[str] = []
        self._years = array("i")  # NO_YEAR when unknown

    def __len__(self) -> int:
        return len(self._issuers)

    def add(self, signatures: dict[str, Any], issuer: str = "", year: int | None = None) -> int:
        """Add one report (``signatures`` as :func:`minhash.signatures` made them, as text or raw);
        return its index."""
        for tag in TAGS:
            width = _width(tag)
            value = signatures.get(str(tag), b"")
            raw = value if isinstance(value, bytes) else minhash.packed(value)
            present = len(raw) == width
            self._signatures[tag] += raw if present else bytes(width)
            self._sizes[tag].append(int(signatures.get(f"n{tag}", 0)) if present else 0)
        self._issuers.append(issuer)
        self._years.append(NO_YEAR if year is None else year)
        return len(self._issuers) - 1

    def permuted(self, order: list[int]) -> CopyIndex:
        """The same reports with report ``order[k]`` at index ``k``: the batch adds them as results
        arrive, and candidates, groups and each pair's sides follow the index order, which must be the
        input order for the same batch to give the same comparisons every run."""
        index = CopyIndex()
        for tag in TAGS:
            width, packed, sizes = _width(tag), self._signatures[tag], self._sizes[tag]
            index._signatures[tag] = bytearray(b"".join(packed[k * width:(k + 1) * width] for k in order))
            index._sizes[tag] = array("I", (sizes[k] for k in order))
        index._issuers = [self._issuers[k] for k in order]
        index._years = array("i", (self._years[k] for k in order))
        return index

    def _signature(self, k: int, tag: int) -> bytes | None:
        if not self._sizes[tag][k]:
            return None
        width = _width(tag)
        return bytes(self._signatures[tag][k * width:(k + 1) * width])

    def find(self, verify: Verify) -> Copies:
        """Groups and verified pairs, the most shared first."""
        parent = list(range(len(self)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        estimates: dict[tuple[int, int], tuple[float, float]] = {}  # whole-report shares, per pair seen
        sections: dict[tuple[int, int, int], bool] = {}  # (a, b, tag): does the section look copied?
        candidates: set[tuple[int, int]] = set()
        for tag, members in self._buckets():
            for a, b in _pairs(members):
                key = (a, b) if a < b else (b, a)
                share = estimates.get(key)
                if share is None:
                    if not self._comparable(*key):
                        continue
                    share = estimates[key] = self._estimate(key, 0)
                    if min(share) >= GROUP_SHARE:
                        ra, rb = root(key[0]), root(key[1])
                        if ra != rb:
                            parent[max(ra, rb)] = min(ra, rb)
                if tag:
                    seen = sections.get((*key, tag))
                    if seen is None:
                        seen = sections[(*key, tag)] = max(self._estimate(key, tag)) >= SECTION_CANDIDATE
                    promising = seen
                else:
                    promising = max(share) >= CANDIDATE_SHARE
                if promising:
                    candidates.add(key)  # enough of the whole or of a section: verify it
        members_of: dict[int, list[int]] = defaultdict(list)
        for k in range(len(self)):
            members_of[root(k)].append(k)
        grouped = {r: m for r, m in members_of.items() if len(m) >= GROUP_MIN}
        groups = [self._group(members, estimates) for members in grouped.values()]
        for group in groups:
            if len(group.members) > 1:
                found = verify(group.members[0], group.members[1])
                group.examples = found.examples if found else []
        represented = {k: r for r, m in grouped.items() for k in m}
        pairs: dict[tuple[int, int], CopyPair] = {}
        for a, b in sorted(candidates):
            a, b = represented.get(a, a), represented.get(b, b)
            key = (a, b) if a < b else (b, a)
            if a == b or key in pairs or not self._comparable(*key):
                continue
            found = verify(*key)
            if found is not None and _worth_saying(found):
                pairs[key] = found
        ordered = sorted(pairs.values(), key=lambda p: (-p.share, -p.shared, p.a, p.b))
        groups.sort(key=lambda g: (-len(g.members), g.members[0]))
        return Copies(groups, ordered)

    def _buckets(self) -> Iterator[tuple[int, list[int]]]:
        """Reports agreeing on one band of one signature: one band at a time, so that only one
        band's table (a key per report) is ever held."""
        width = 4 * ROWS
        for tag in TAGS:
            packed, sizes, full = memoryview(self._signatures[tag]), self._sizes[tag], _width(tag)
            for band in range(full // width):
                start = band * width
                table: dict[bytes, list[int]] = {}
                for k in range(len(self)):
                    if sizes[k]:
                        at = k * full + start
                        table.setdefault(bytes(packed[at:at + width]), []).append(k)
                yield from ((tag, members) for members in table.values() if len(members) > 1)

    def _estimate(self, key: tuple[int, int], tag: int) -> tuple[float, float]:
        a, b = self._signature(key[0], tag), self._signature(key[1], tag)
        if a is None or b is None:
            return 0.0, 0.0
        jaccard = minhash.similarity(minhash.from_bytes(a), minhash.from_bytes(b))
        sizes = self._sizes[tag]
        return minhash.containment(jaccard, sizes[key[0]], sizes[key[1]])

    def _group(self, members: list[int], estimates: dict[tuple[int, int], tuple[float, float]]) -> CopyGroup:
        first = members[0]
        shares = [1.0]
        for k in members[1:]:
            share = estimates.get((first, k)) or self._estimate((first, k), 0)
            shares.append(round(share[1], 3))
        return CopyGroup(members, shares)

    def _comparable(self, a: int, b: int) -> bool:
        """Not the same issuer's reports of different years (see the module's docstring)."""
        issuer = self._issuers[a]
        return not issuer or issuer != self._issuers[b] or self._years[a] == self._years[b]


def _width(tag: int) -> int:
    """Bytes of one report's signature of this kind."""
    return 4 * (minhash.REPORT_BINS if tag == 0 else minhash.SECTION_BINS)


def _pairs(members: list[int]) -> list[tuple[int, int]]:
    if len(members) <= ALL_PAIRS:
        return [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
    first = members[0]
    return [(first, b) for b in members[1:]]


def _worth_saying(pair: CopyPair) -> bool:
    return bool(pair.sections) or (pair.share >= MIN_SHARE and pair.shared >= MIN_SHARED)


@dataclass
class Prepared:
    """A report's stored sentences (``[fingerprint, bits, excerpt, normalised]``) with their shingles."""

    sentences: list[list[Any]]
    shingles: list[set[int]]
    union: set[int]


def prepare(sentences: list[list[Any]]) -> Prepared:
    sets = [minhash.shingles(s[3]) for s in sentences]
    return Prepared(sentences, sets, set().union(*sets))


def compare(a: int, b: int, first: Prepared, second: Prepared) -> CopyPair:
    """The exact pair of two reports from their stored sentences: the shingles each shares with the
    other, the sentences shared, the flagged sections."""
    mine, other = first.union, second.union
    common = mine & other
    pair = CopyPair(a, b, 0, len(common) / len(mine) if mine else 0.0,
                    len(common) / len(other) if other else 0.0)
    shared: list[tuple[int, int, str]] = []
    for sentence, hashes in zip(first.sentences, first.shingles, strict=True):
        if hashes and len(hashes & other) >= SENTENCE_SHARE * len(hashes):
            shared.append((sentence[1], len(sentence[3]), sentence[2]))
    pair.shared = len(shared)
    for report, own, against in ((a, first, other), (b, second, mine)):
        for bit in FLAGGED:
            section: set[int] = set().union(*(h for s, h in zip(own.sentences, own.shingles, strict=True)
                                              if s[1] & bit))
            if len(section) >= MIN_SECTION and len(section & against) > SECTION_SHARE * len(section):
                pair.sections.append(SectionCopy(report, bit, len(section & against), len(section)))
    # Examples: the first shared sentence of each flagged section, then the longest others.
    chosen = [next(s for s in shared if s[0] & bit) for bit in sorted({c.bit for c in pair.sections})
              if any(s[0] & bit for s in shared)]
    chosen += sorted((s for s in shared if s not in chosen), key=lambda s: -s[1])
    pair.examples = [text for _, _, text in chosen[:3]]
    return pair
