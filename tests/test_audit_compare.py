"""Copy detection and the year-over-year comparison, on small hand-made inputs."""

from __future__ import annotations

import random
import time

from checker.audit import copies, minhash
from checker.audit.copies import CopyIndex
from checker.audit.features import (
    PLAN,
    SHORTCOMINGS,
    boilerplate,
    fingerprint,
    normalise_sentence,
    normalise_sentences,
    place_names,
)
from checker.audit.years import YearPair, bigrams, compare, pairs_to_compare
from checker.pack.loader import load_pack


def test_place_names_come_from_the_issuer() -> None:
    assert place_names("东川县市场监督管理局") == ["东川县市场监督管理局", "东川县", "东川"]
    assert place_names("松林市司法局")[1:] == ["松林市", "松林"]
    assert place_names(None) == []


def test_normalised_sentences_ignore_places_numbers_and_markers() -> None:
    a = normalise_sentence("一是云溪县全年办理行政复议案件59件，纠错率16.4%。", place_names("云溪县人民政府"))
    b = normalise_sentence("（三）北岭县全年办理行政复议案件１２３件，纠错率9.8%。", place_names("北岭县人民政府"))
    assert a == b == "全年办理行政复议案件件纠错率"
    assert normalise_sentence("全县推进执法", []) == normalise_sentence("全区推进执法", [])
    assert normalise_sentence("全面推进严格规范公正文明执法", []) != normalise_sentence("全面推进依法行政", [])


HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))


class Batch:
    """Synthetic reports as the worker would describe them: sentences and their signatures."""

    def __init__(self) -> None:
        self.index = CopyIndex()
        self.sentences: list[list[list[object]]] = []
        self.compared = 0

    def add(self, sentences: list[str], tags: list[int] | None = None, issuer: str = "",
            year: int | None = 2024) -> int:
        tags = tags or [0] * len(sentences)
        shingled: dict[int, set[int]] = {0: set(), SHORTCOMINGS: set(), PLAN: set()}
        for text, tag in zip(sentences, tags, strict=True):
            hashed = minhash.shingles(text)
            shingled[0] |= hashed
            for bit in (SHORTCOMINGS, PLAN):
                if tag & bit:
                    shingled[bit] |= hashed
        self.sentences.append([[fingerprint(t), tag, t, t] for t, tag in zip(sentences, tags, strict=True)])
        return self.index.add(minhash.signatures(shingled), issuer, year)

    def verify(self, a: int, b: int) -> copies.CopyPair:
        self.compared += 1
        return copies.compare(a, b, copies.prepare(self.sentences[a]), copies.prepare(self.sentences[b]))

    def find(self) -> copies.Copies:
        return self.index.find(self.verify)


def text(rng: random.Random, sentences: int, length: int = 30) -> list[str]:
    return ["".join(rng.choices(HAN, k=length)) for _ in range(sentences)]


def reworded(rng: random.Random, sentences: list[str], edits: int) -> list[str]:
    """A copy with ``edits`` characters replaced here and there (推进 → 推动) and two clauses swapped."""
    out = list(sentences)
    for _ in range(edits):
        k = rng.randrange(len(out))
        i = rng.randrange(len(out[k]))
        out[k] = out[k][:i] + rng.choice(HAN) + out[k][i + 1:]
    if len(out) > 3:
        out[1], out[2] = out[2], out[1]
    return out


def test_a_pair_needs_enough_shared_wording() -> None:
    rng = random.Random(1)
    batch = Batch()
    own = [text(rng, 10) for _ in range(8)]
    for k in range(8):
        batch.add(own[k], issuer=f"单位{k}")
    batch.add([*own[0][:5], *text(rng, 2)], issuer="抄袭单位")  # index 8: half of report 0
    found = batch.find()
    assert not found.groups
    assert [(p.a, p.b) for p in found.pairs] == [(0, 8)]
    pair = found.pairs[0]
    assert pair.shared == 5 and abs(pair.share_b - 5 / 7) < 0.01 and abs(pair.share_a - 0.5) < 0.01


def test_a_section_shared_in_most_of_its_wording_is_flagged() -> None:
    rng = random.Random(2)
    batch = Batch()
    problems = text(rng, 3)
    a = batch.add([*text(rng, 12), *problems], [0] * 12 + [SHORTCOMINGS] * 3, issuer="甲")
    b = batch.add([*text(rng, 14), problems[0], problems[1], *text(rng, 1)],
                  [0] * 14 + [SHORTCOMINGS] * 3, issuer="乙")
    found = batch.find()
    assert len(found.pairs) == 1  # two shared sentences only: the pair alone would not be reported
    flagged = {(s.report, s.bit) for s in found.pairs[0].sections}
    assert flagged == {(a, SHORTCOMINGS), (b, SHORTCOMINGS)}
    assert [round(s.share, 2) for s in found.pairs[0].sections] == [0.67, 0.67]  # two of three sentences


def test_thirty_reworded_copies_are_one_group() -> None:
    rng = random.Random(3)
    batch = Batch()
    original = text(rng, 40)
    for k in range(10):
        batch.add(text(rng, 40), issuer=f"独立单位{k}")
    members = [batch.add(reworded(rng, original, edits=12), issuer=f"抄写单位{k}") for k in range(30)]
    found = batch.find()
    assert [g.members for g in found.groups] == [members]
    assert found.groups[0].low > 0.7  # every copy holds most of the representative's wording
    assert found.pairs == []  # the copies are one group, not 435 pairs


def test_three_hundred_copies_are_one_group_without_comparing_all_pairs() -> None:
    rng = random.Random(4)
    batch = Batch()
    original = text(rng, 40)
    for k in range(300):
        batch.add(reworded(rng, original, edits=4), issuer=f"县{k}")
    started = time.perf_counter()
    found = batch.find()
    elapsed = time.perf_counter() - started
    assert len(found.groups) == 1 and len(found.groups[0].members) == 300
    assert batch.compared <= 2  # the group's examples; no pair is verified inside a group
    assert elapsed < 30  # about a second here; 44,850 exact comparisons would take minutes


def test_one_issuers_consecutive_years_are_left_to_the_year_comparison() -> None:
    rng = random.Random(5)
    batch = Batch()
    same = text(rng, 6)
    batch.add(same, issuer="云溪县人民政府", year=2023)
    batch.add(same, issuer="云溪县人民政府", year=2024)
    assert batch.find().pairs == []
    batch.add(same, issuer="云溪县人民政府", year=2024)  # the same year twice: a duplicate filing
    assert [(p.a, p.b) for p in batch.find().pairs] == [(1, 2)]


def test_the_index_scales_without_comparing_all_pairs() -> None:
    rng = random.Random(6)
    batch = Batch()
    for _ in range(2000):
        batch.add(text(rng, 20))
    original = text(rng, 20)
    first = batch.add(original, [PLAN] * 20)
    second = batch.add(original[:12] + text(rng, 8))
    started = time.perf_counter()
    found = batch.find()
    elapsed = time.perf_counter() - started
    assert [(p.a, p.b, p.shared) for p in found.pairs] == [(first, second, 12)]
    assert batch.compared < 50
    assert elapsed < 20  # about a second here; two million pair comparisons would take far longer


def test_boilerplate_is_decided_by_what_the_wording_is() -> None:
    """Regulation wording and formula clauses are removed whatever the count of reports sharing them."""
    pack = load_pack()
    plate = boilerplate(pack)
    own = "全年新建村级法治文化广场十二个，覆盖所有行政村"
    formula = "在县委的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想"
    assert normalise_sentence(formula, [], plate) == ""  # nothing but the formulas
    assert normalise_sentence(f"{formula}，{own}", [], plate) == normalise_sentence(own, [], plate) != ""
    assert normalise_sentence("严格落实行政执法三项制度，组织执法人员培训", [], plate) == "严格落实组织培训"
    assert all(len(n) >= 2 for n in normalise_sentences(list(pack.boilerplate["phrases"]), []))


def test_pairs_to_compare_picks_consecutive_years_of_one_issuer() -> None:
    rows = [(0, "甲县人民政府", 2022, 80.0), (1, "甲县人民政府", 2023, 70.0), (2, "甲县人民政府", 2023, 90.0),
            (3, "甲县人民政府", 2025, 88.0), (4, "乙县人民政府", 2023, 75.0), (5, None, 2024, 60.0)]
    assert pairs_to_compare(rows) == [(0, 2)]  # 2023 twice: the higher score; 2025 has no 2024


def _features(plan: list[str], measures: list[str], problems: list[str]) -> dict[str, object]:
    sentences = [[fingerprint(normalise_sentence(p, [])), SHORTCOMINGS, p] for p in problems]
    return {"plan_items": [{"text": t, "line": k + 1} for k, t in enumerate(plan)],
            "measure_units": [{"text": t, "line": k + 20} for k, t in enumerate(measures)],
            "sentences": sentences}


def test_plan_items_are_matched_by_content_bigrams() -> None:
    earlier = _features(["（一）推进行政复议规范化建设，落实繁简分流。",
                         "（二）建设法治文化公园，打造法治宣传阵地。"],
                        [], ["一是执法文书不够规范。", "二是普法形式单一，针对性不强。"])
    later = _features([], ["深入推进法治政府建设，行政复议规范化建设通过验收，推行案件繁简分流。",
                           "深入推进法治政府建设，开展执法案卷评查。",
                           "深入推进法治政府建设，组织宪法宣传周活动。"],
                      ["一是执法文书不够规范。", "二是数字化监管能力不足。"])
    pair = compare("甲县人民政府", earlier, later, (2023, 2024), (0, 1))
    first, second = pair.plan
    assert first.reported and first.match_line == 20 and "复议" in first.common
    assert not second.reported  # 法治 and 建设 are in every paragraph and do not count
    assert "法治" not in first.common and "建设" not in first.common
    assert pair.repeated == ["一是执法文书不够规范。"]
    assert bigrams("行政复议，2024年") == {"行政", "政复", "复议"}
    again = YearPair.from_json(pair.to_json(), 0, 1)
    assert again == pair  # what the cache stores comes back the same
