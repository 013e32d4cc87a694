"""Copy detection and the year-over-year comparison, on small hand-made inputs."""

from __future__ import annotations

import random
import time

from checker.audit.copies import CopyIndex
from checker.audit.features import PLAN, SHORTCOMINGS, fingerprint, normalise_sentence, place_names
from checker.audit.years import YearPair, bigrams, compare, pairs_to_compare


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


def _add(index: CopyIndex, sentences: list[str], tags: list[int] | None = None, issuer: str = "",
         year: int | None = 2024) -> int:
    hashes = [fingerprint(s) for s in sentences]
    return index.add(hashes, tags or [0] * len(hashes), issuer, year)


def test_a_pair_needs_enough_distinctive_shared_sentences() -> None:
    index = CopyIndex()
    own = [[f"报告{k}独有的句子第{n}句" for n in range(10)] for k in range(8)]
    common = "所有报告都有的套话"
    for k in range(8):
        _add(index, [*own[k], common], issuer=f"单位{k}")
    shared = own[0][:5]
    _add(index, [*shared, "另写的句子一", "另写的句子二", common], issuer="抄袭单位")  # index 8
    pairs = index.find()
    assert [(p.a, p.b) for p in pairs] == [(0, 8)]  # the common sentence (in 9 reports, over 5) pairs nobody
    assert pairs[0].shared == 5 and pairs[0].share_b == 5 / 7 and pairs[0].share_a == 5 / 10


def test_a_section_shared_in_most_of_its_sentences_is_flagged() -> None:
    index = CopyIndex()
    problems = ["问题甲写法", "问题乙写法", "问题丙写法"]
    a = _add(index, ["甲的举措一", "甲的举措二", "甲的举措三", "甲的举措四", "甲的举措五", *problems],
             [0, 0, 0, 0, 0, SHORTCOMINGS, SHORTCOMINGS, SHORTCOMINGS], issuer="甲")
    b = _add(index, ["乙的举措一", "乙的举措二", "乙的举措三", "乙的举措四", "乙的举措五", "乙的举措六",
                     problems[0], problems[1], "乙自己的问题"],
             [0, 0, 0, 0, 0, 0, SHORTCOMINGS, SHORTCOMINGS, SHORTCOMINGS], issuer="乙")
    pairs = index.find()
    assert len(pairs) == 1  # two shared sentences only: the pair alone would not be reported
    flagged = {(s.report, s.bit, s.shared, s.size) for s in pairs[0].sections}
    assert flagged == {(a, SHORTCOMINGS, 2, 3), (b, SHORTCOMINGS, 2, 3)}


def test_one_issuers_consecutive_years_are_left_to_the_year_comparison() -> None:
    index = CopyIndex()
    text = [f"连续两年相同的句子{n}" for n in range(6)]
    _add(index, text, issuer="云溪县人民政府", year=2023)
    _add(index, text, issuer="云溪县人民政府", year=2024)
    assert index.find() == []
    _add(index, text, issuer="云溪县人民政府", year=2024)  # the same year twice: a duplicate filing
    assert len(index.find()) == 1  # only the same-year pair


def test_the_index_scales_without_comparing_all_pairs() -> None:
    rng = random.Random(5)
    index = CopyIndex()
    reports = 5000
    for _ in range(reports):
        index.add([rng.getrandbits(63) for _ in range(100)], [0] * 100)
    original = [rng.getrandbits(63) for _ in range(100)]
    first = index.add(original, [PLAN] * 100)
    second = index.add(original[:60] + [rng.getrandbits(63) for _ in range(40)], [0] * 100)
    started = time.perf_counter()
    pairs = index.find()
    elapsed = time.perf_counter() - started
    assert [(p.a, p.b, p.shared) for p in pairs] == [(first, second, 60)]
    assert elapsed < 20  # ~1 s here; 12.5 million pair comparisons would take far longer


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
