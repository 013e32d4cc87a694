"""checker audit: a batch with broken files, copies, two years of one issuer, crashes, the cache."""

from __future__ import annotations

import faulthandler
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.audit import worker
from checker.audit.batch import Audit, Row, run_audit, timing
from checker.audit.worker import AuditConfig
from checker.commands.inputs import expand
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "audit"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture reports plus a binary file posing as text, in a fresh folder and cache."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES, folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    return folder


@pytest.fixture
def audited(batch: Path) -> Iterator[Audit]:
    paths = expand([str(batch)]).paths
    with run_audit(paths, AuditConfig(), jobs=2) as audit:
        yield audit


def by_name(audit: Audit, name: str) -> Row:
    return next(r for r in audit.rows if os.path.basename(r.path) == name)


def test_a_broken_file_is_one_row_with_its_error(audited: Audit) -> None:
    broken = by_name(audited, "broken.txt")
    assert broken.error is not None and "二进制" in broken.error
    assert broken.rank is None and audited.rows[-1] is broken  # ranked last, without a rank
    assert len(audited.checked) == 7  # every other report was checked


def test_rows_are_ranked_by_score(audited: Audit) -> None:
    scores = [r.score for r in audited.checked]
    assert scores == sorted(scores, reverse=True)
    assert [r.rank for r in audited.checked] == list(range(1, 8))
    weakest = audited.checked[-1]
    assert os.path.basename(weakest.path) == "hexi-town-2024.txt"
    assert weakest.elements["content.shortcomings"] == "missing"


def test_reports_a_cap_holds_at_one_score_rank_by_their_score_before_it(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    head = "示例县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
    measures = ("全年收到行政复议申请90件，受理85件，审结80件；行政诉讼一审案件40件，审结36件，"
                "行政机关负责人出庭应诉率100%。审核规范性文件16件，评查执法案卷240卷，培训执法人员560人次。\n")
    duty = ("二、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持县政府常务会议专题学法6次，"
            "研究法治政府建设议题3次，带头旁听庭审1次，年底述法。\n")
    plan = "三、2025年工作安排\n6月底前出台《示例县行政执法监督办法》，组织执法人员轮训2期、不少于400人次。\n"
    end = "示例县人民政府\n2025年2月10日\n"
    # "z" lacks the shortcomings and their causes, "a" the duty as well: both held at 59.9, and by
    # their names "a" would come first
    (tmp_path / "z.txt").write_text(head + measures + duty + plan + end, encoding="utf-8")
    (tmp_path / "a.txt").write_text(head + measures + plan + end, encoding="utf-8")
    with run_audit([str(tmp_path / "a.txt"), str(tmp_path / "z.txt")], AuditConfig(), jobs=1) as audit:
        z, a = by_name(audit, "z.txt"), by_name(audit, "a.txt")
        assert z.score == a.score == 59.9 and a.raw is not None and z.raw is not None and z.raw > a.raw
        assert [os.path.basename(r.path) for r in audit.checked] == ["z.txt", "a.txt"]


def test_date_against_the_template_deadline(audited: Audit) -> None:
    assert by_name(audited, "songshan-district-2024.md").timing == "逾期"  # dated 2025-03-18
    assert by_name(audited, "songshan-district-2024.md").deadline == "2025-03-01"
    assert by_name(audited, "yunxi-county-2023.txt").timing == "按期"
    assert by_name(audited, "hexi-town-2024.txt").timing == "未注明"  # no date at all
    assert audited.timing_counts() == {"按期": 5, "逾期": 1, "未注明": 1, "年度不明": 0}


def test_timing_is_data_driven_from_the_template() -> None:
    deadline = {"month": 4, "day": 1}
    assert timing("2025-03-31", 2024, deadline) == ("按期", "2025-04-01")
    assert timing("2025-04-01", 2024, deadline) == ("按期", "2025-04-01")  # 4月1日前 includes the day
    assert timing("2025-04-02", 2024, deadline) == ("逾期", "2025-04-01")
    assert timing("2025-03-01", None, deadline) == ("年度不明", None)
    assert timing(None, 2024, {}) == ("", None)


def test_duplicate_reports_are_paired_with_their_shared_sections(audited: Audit) -> None:
    assert len(audited.copies) == 1
    pair = audited.copies[0]
    names = {os.path.basename(audited.row(pair.a).path), os.path.basename(audited.row(pair.b).path)}
    assert names == {"beiling-county-2024.txt", "yunxi-county-2024.txt"}
    assert pair.share_a > 0.8 and pair.share_b > 0.8  # place names and figures differ
    flagged = {(os.path.basename(audited.row(s.report).path), s.bit) for s in pair.sections}
    assert ("beiling-county-2024.txt", 1) in flagged  # 不足
    assert ("beiling-county-2024.txt", 2) in flagged  # 安排
    assert any("先决策后审查" in e for e in pair.examples)
    assert by_name(audited, "beiling-county-2024.txt").copy_share == pair.share
    assert by_name(audited, "songlin-justice-bureau-2024.txt").copy_share is None


def test_year_over_year_plan_follow_up_and_repeated_problems(audited: Audit) -> None:
    assert len(audited.years) == 1
    summary = audited.years[0]
    assert (summary.planned, summary.reported, summary.repeated) == (5, 3, 2)
    pair = audited.year_pair(summary)
    assert (pair.issuer, pair.earlier_year, pair.later_year) == ("云溪县人民政府", 2023, 2024)
    verdicts = {item.item[:4]: item.reported for item in pair.plan}
    # 2023 planned five items; the 2024 measures report on 审查全覆盖, 执法轮训 and 复议改革.
    assert verdicts == {"（一）健": True, "（二）提": True, "（三）创": False, "（四）推": True,
                        "（五）完": False}
    followed = next(i for i in pair.plan if i.item.startswith("（四）"))
    assert followed.match is not None and "行政复议" in followed.match
    assert all("云溪县人民政府" not in i.item for i in pair.plan)  # the closing lines are not an item
    assert pair.repeated == ["一是部分单位对合法性审查重视不够，存在先决策后审查的情况。",
                             "二是乡镇综合行政执法队伍专业化水平不高，执法文书制作不够规范。"]


def test_summary_counts_missing_elements_and_rules(audited: Audit) -> None:
    causes = audited.element_counts["content.causes"]
    # songshan's 产生这些问题的原因，主要在于…… is an analysis; hexi and songlin give none; yunxi's 2023
    # causes are stock (意识还不够强, 基层法治工作力量薄弱, 法律专业人才缺乏): thin.
    assert (causes["missing"], causes["weak"], causes["present"]) == (2, 1, 4)
    assert audited.rule_counts["content.causes"] == [3, 3]
    bins = dict(audited.score_bins())
    # hexi (three contents missing) and songlin (no causes, capped below 60) are 不合格; yunxi 2023
    # (causes in stock wording only: a content in name only) is capped at 合格.
    assert sum(bins.values()) == 7 and bins["40–49"] == 1 and bins["50–59"] == 1 and bins["70–79"] == 1 \
        and bins["90–100"] == 4


def test_a_crashing_worker_costs_one_row(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = worker.process

    def segfault_on_one(path: str) -> tuple[str, str, bool]:
        if "dongchuan" in path:
            faulthandler.disable()  # pytest enables it; the traceback would only be noise
            os.kill(os.getpid(), signal.SIGSEGV)  # what a native library's crash looks like
        return original(path)

    monkeypatch.setattr(worker, "process", segfault_on_one)  # forked workers inherit the patch
    paths = expand([str(batch)]).paths
    with run_audit(paths, AuditConfig(use_cache=False), jobs=2) as audit:
        crashed = by_name(audit, "dongchuan-market-bureau-2024.txt")
        assert crashed.error is not None and "SIGSEGV" in crashed.error
        assert len(audit.checked) == 6 and len(audit.rows) == 8


def test_a_hanging_report_times_out_alone(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = worker.process

    def hang_on_one(path: str) -> tuple[str, str, bool]:
        if "hexi" in path:
            time.sleep(60)
        return original(path)

    monkeypatch.setattr(worker, "process", hang_on_one)
    paths = expand([str(batch)]).paths
    started = time.monotonic()
    with run_audit(paths, AuditConfig(use_cache=False), jobs=2, timeout=5) as audit:
        assert "超时" in (by_name(audit, "hexi-town-2024.txt").error or "")
        assert len(audit.checked) == 6
    assert time.monotonic() - started < 30


def test_the_cache_serves_unchanged_files(batch: Path) -> None:
    paths = expand([str(batch)]).paths
    with run_audit(paths, AuditConfig(), jobs=2) as cold:
        assert not any(r.cached for r in cold.rows)
        before = {r.path: (r.score, r.elements, r.counts) for r in cold.rows}
    changed = batch / "hexi-town-2024.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n2025年1月6日\n", encoding="utf-8")
    with run_audit(paths, AuditConfig(), jobs=2) as warm:
        cached = {os.path.basename(r.path) for r in warm.rows if r.cached}
        # Every unchanged readable file; the binary file's error depends on its bytes only.
        assert cached == {p.name for p in batch.iterdir()} - {"hexi-town-2024.txt"}
        for row in warm.rows:
            if row.cached:
                assert before[row.path] == (row.score, row.elements, row.counts)
                assert warm.report(row)["path"] == row.path
        assert by_name(warm, "hexi-town-2024.txt").date == "2025-01-06"
        assert len(warm.copies) == 1 and len(warm.years) == 1  # features come from the cache too
        computed = ([p.to_dict() for p in warm.copies], [warm.year_pair(y).to_dict() for y in warm.years],
                    {r.path: r.copy_share for r in warm.rows})
    with run_audit(paths, AuditConfig(), jobs=2) as again:  # an unchanged batch: comparisons cached
        assert all(r.cached for r in again.rows)
        assert ([p.to_dict() for p in again.copies], [again.year_pair(y).to_dict() for y in again.years],
                {r.path: r.copy_share for r in again.rows}) == computed


def test_a_damaged_cache_entry_is_a_miss(batch: Path) -> None:
    paths = expand([str(batch / "yunxi-county-2024.txt")]).paths
    with run_audit(paths, AuditConfig(), jobs=1) as first:
        score = first.rows[0].score
    for entry in (Path(os.environ["CHECKER_CACHE_DIR"]) / "audit").rglob("*"):
        if entry.is_file():
            entry.write_text('{"row": trunc', encoding="utf-8")
    with run_audit(paths, AuditConfig(), jobs=1) as second:
        assert not second.rows[0].cached and second.rows[0].score == score


def test_no_cache_neither_reads_nor_writes(batch: Path) -> None:
    paths = expand([str(batch / "yunxi-county-2024.txt")]).paths
    with run_audit(paths, AuditConfig(use_cache=False), jobs=0) as audit:
        assert audit.rows[0].score > 90 and not audit.rows[0].cached
    assert not (Path(os.environ["CHECKER_CACHE_DIR"]) / "audit").exists()


def test_a_missing_or_unsupported_named_file_is_a_row(batch: Path) -> None:
    (batch / "old.rtf").write_bytes(b"{\\rtf1 legacy word}")
    (batch / "broken.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    paths = [str(batch / "missing.txt"), str(batch / "old.rtf"), str(batch / "broken.doc"),
             str(batch / "yunxi-county-2024.txt")]
    with run_audit(paths, AuditConfig(), jobs=2) as audit:
        errors = {Path(r.path).name: r.error for r in audit.failed}
        assert errors["missing.txt"] == "文件不存在"
        assert "不支持的文件类型" in (errors["old.rtf"] or "")
        assert "不是有效的 Word 文档" in (errors["broken.doc"] or "")
        assert len(audit.checked) == 1


def _square_or_fail(task: int) -> int:
    if task == 17:
        faulthandler.disable()
        os.kill(os.getpid(), signal.SIGSEGV)
    if task == 33:
        time.sleep(60)
    return task * task


def _nothing(_: object) -> None:
    return None


def test_the_pool_reruns_a_failed_chunk_task_by_task() -> None:
    from checker.audit import pool

    started = time.monotonic()
    outcomes = {o.index: o for o in pool.run(_square_or_fail, list(range(60)), 2, _nothing, None, timeout=1)}
    assert sorted(outcomes) == list(range(60))  # every task answered exactly once
    assert "SIGSEGV" in (outcomes[17].failure or "") and "超时" in (outcomes[33].failure or "")
    others = [o for i, o in outcomes.items() if i not in (17, 33)]
    assert all(o.failure is None and o.value == o.index ** 2 for o in others)  # chunk-mates ran again
    assert time.monotonic() - started < 20


def test_thirty_near_copies_are_one_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names and figures changed, a few words swapped: one group, shown once, not 435 pairs."""
    from tests.synthetic import Generator

    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "reports"
    shutil.copytree(FIXTURES, folder)
    make = Generator(11)
    place = make.place()
    original = make.report(make.issuer(place), place, 2024)
    copies = set()
    for k in range(30):
        (folder / f"copy{k:02d}.txt").write_text(make.near_copy(original, place, make.place()), encoding="utf-8")
        copies.add(f"copy{k:02d}.txt")
    for k in range(10):
        own = make.place()
        (folder / f"own{k:02d}.txt").write_text(make.report(make.issuer(own), own, 2024), encoding="utf-8")
    with run_audit(expand([str(folder)]).paths, AuditConfig(), jobs=2) as audit:
        assert len(audit.groups) == 1
        group = audit.groups[0]
        assert {os.path.basename(audit.row(m).path) for m in group.members} == copies
        assert group.low > 0.8 and group.examples
        assert all(audit.row(m).group == 1 for m in group.members)
        pairs = {frozenset(os.path.basename(audit.row(i).path) for i in (p.a, p.b)) for p in audit.copies}
        assert pairs == {frozenset({"beiling-county-2024.txt", "yunxi-county-2024.txt"})}  # the fixtures' pair
        assert audit.copy_seconds > 0
