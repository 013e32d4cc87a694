"""Baselines (only new findings fail) and waiver files (for any format), through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from tests.conftest import EXAMPLES, check

BASE = (EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8")
# What the example report is found to have today; the tests below are about
# baselines, not about which rules fire on it.
KNOWN = check(BASE).findings


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def report_json(*args: str) -> tuple[int, dict[str, object]]:
    code, out, err = run("check", "--format", "json", *args)
    assert out, err
    data: dict[str, object] = json.loads(out)
    return code, data


def findings(data: dict[str, object], index: int = 0) -> list[dict[str, object]]:
    return data["reports"][index]["findings"]  # type: ignore[index,no-any-return]


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "县政府.txt").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- baselines


def test_baseline_round_trip_counts_only_new_findings(repo: Path) -> None:
    code, out, _ = run("baseline", "reports/县政府.txt", "-o", "ci/baseline.json")
    assert code == 2 and "无法写入" in _  # the folder must exist
    (repo / "ci").mkdir()
    code, out, _ = run("baseline", "reports/县政府.txt", "-o", "ci/baseline.json")
    assert code == 0 and f"{len(KNOWN)} 个问题" in out
    saved = json.loads((repo / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert list(saved["reports"]) == ["../reports/县政府.txt"]
    assert {item["rule"] for item in saved["reports"]["../reports/县政府.txt"]} == {
        f.rule for f in KNOWN}
    assert {"term.fazhi-xuanchuan", "text.approx-count"} <= {f.rule for f in KNOWN}

    code, data = report_json("reports/县政府.txt", "--fail-on", "warning", "--baseline", "ci/baseline.json")
    assert code == 0
    assert all(f["suppressed"] and f["suppression"]["kind"] == "baseline" for f in findings(data))

    # A paragraph added above moves every line; the known findings stay known.
    edited = "县政府高度重视法治政府建设工作。\n" + BASE + "\n全年开展法制宣传活动。\n"
    (repo / "reports" / "县政府.txt").write_text(edited, encoding="utf-8")
    code, data = report_json("reports/县政府.txt", "--fail-on", "warning", "--baseline", "ci/baseline.json")
    assert code == 1
    new = [f for f in findings(data) if not f.get("suppressed")]
    assert [(f["rule"], f["excerpt"]) for f in new] == [("term.fazhi-xuanchuan", "法制宣传")]
    assert new[0]["line"] == len(edited.splitlines())


def test_baseline_is_found_from_another_folder_and_reports_fixed_findings(repo: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    run("baseline", "reports/县政府.txt", "-o", "baseline.json")
    fixed = BASE.replace("组织执法人员培训45余次，加大法制宣传力度。", "组织执法人员培训45次。")
    (repo / "reports" / "县政府.txt").write_text(fixed, encoding="utf-8")
    monkeypatch.chdir(repo / "reports")
    code, data = report_json("县政府.txt", "--fail-on", "warning", "--baseline", "../baseline.json")
    assert code == 0
    assert any("基线中有 2 个问题已不再出现" in w for w in data["reports"][0]["warnings"])  # type: ignore[index]


def test_baseline_ignores_an_old_baseline_named_in_the_config(repo: Path) -> None:
    (repo / "old.json").write_text(json.dumps({"checker_baseline": 1, "reports": {}}), encoding="utf-8")
    (repo / ".checker.yaml").write_text("baseline: old.json\n", encoding="utf-8")
    run("baseline", "reports/县政府.txt", "-o", "new.json")
    saved = json.loads((repo / "new.json").read_text(encoding="utf-8"))
    assert len(saved["reports"]["reports/县政府.txt"]) == len(KNOWN)


def test_a_broken_baseline_file_is_a_clear_error(repo: Path) -> None:
    (repo / "b.json").write_text("{}", encoding="utf-8")
    code, _, err = run("check", "reports/县政府.txt", "--baseline", "b.json")
    assert code == 2 and "不是 checker 基线文件" in err
    code, _, err = run("check", "reports/县政府.txt", "--baseline", "nope.json")
    assert code == 2 and "基线文件不存在" in err


# ---------------------------------------------------------------- waivers


def write_waivers(repo: Path, body: str) -> str:
    (repo / "waivers.yaml").write_text("waivers:\n" + body, encoding="utf-8")
    return "waivers.yaml"


def test_waiver_by_passage_suppresses_with_reason_who_and_until(repo: Path) -> None:
    waivers = write_waivers(repo, (
        "  - rule: term\n"
        "    passage: 加大 法制宣传力度\n"
        "    reason: 引用的是文件原名\n"
        "    who: 张三\n"
        "    until: 2999-12-31\n"))
    code, data = report_json("reports/县政府.txt", "--waivers", waivers, "--fail-on", "warning")
    assert code == 1  # text.approx-count is not waived
    waived = next(f for f in findings(data) if f["rule"] == "term.fazhi-xuanchuan")
    assert waived["suppressed"] is True
    assert waived["suppression"] == {"kind": "external", "justification": "引用的是文件原名", "who": "张三",
                                     "source": "waivers.yaml:2", "until": "2999-12-31"}
    assert data["reports"][0]["warnings"] == []  # type: ignore[index]


def test_waiver_by_fingerprint_and_file_scope(repo: Path) -> None:
    (repo / "reports" / "other.txt").write_text(BASE, encoding="utf-8")
    _, data = report_json("reports/县政府.txt")
    print_ = next(f for f in findings(data) if f["rule"] == "text.approx-count")["fingerprint"]
    waivers = write_waivers(repo, (
        "  - rule: text.approx-count\n"
        f"    fingerprint: {print_}\n"
        "    file: reports/县政府.txt\n"
        "    reason: 统计口径如此\n"
        "    who: 李四\n"))
    _code, data = report_json("reports/县政府.txt", "reports/other.txt", "--waivers", waivers)
    assert [f["rule"] for f in findings(data, 0) if f.get("suppressed")] == ["text.approx-count"]
    assert not any(f.get("suppressed") for f in findings(data, 1))


def test_expired_and_unmatched_waivers_are_reported_and_expired_ones_count(repo: Path) -> None:
    (repo / "reports" / "other.txt").write_text(BASE, encoding="utf-8")
    waivers = write_waivers(repo, (
        "  - rule: text.approx-count\n"
        "    passage: 培训45余次\n"
        "    reason: 已过期\n"
        "    who: 王五\n"
        "    until: 2020-01-01\n"
        "  - rule: term.fazhi-zhengfu\n"
        "    passage: 法制政府\n"
        "    reason: 早已改正\n"
        "    who: 王五\n"))
    code, data = report_json("reports/县政府.txt", "reports/other.txt", "--waivers", waivers,
                             "--fail-on", "warning")
    assert code == 1
    assert not any(f.get("suppressed") for f in findings(data))
    first, second = (r["warnings"] for r in data["reports"])  # type: ignore[attr-defined]
    assert any("豁免已于 2020-01-01 到期" in w and "waivers.yaml:2" in w for w in first)
    assert any("没有匹配任何问题：term.fazhi-zhengfu（waivers.yaml:7）" in w for w in first)
    assert second == []  # each waiver is reported once per run


def test_waiver_files_are_validated(repo: Path) -> None:
    waivers = write_waivers(repo, "  - rule: term.x\n    passage: 法制\n    reason: 理由\n    who: 张三\n"
                                  "    expires: 2025-01-01\n")
    code, _, err = run("check", "reports/县政府.txt", "--waivers", waivers)
    assert code == 2 and "waivers.yaml:6：键 waivers[0]：未知的键“expires”" in err
    waivers = write_waivers(repo, "  - rule: term.x\n    passage: 法制\n    who: 张三\n")
    code, _, err = run("check", "reports/县政府.txt", "--waivers", waivers)
    assert code == 2 and "waivers.yaml:2：键 waivers[0]：缺少必填键“reason”" in err
    waivers = write_waivers(repo, "  - rule: term.x\n    reason: 理由\n    who: 张三\n")
    code, _, err = run("check", "reports/县政府.txt", "--waivers", waivers)
    assert code == 2 and "fingerprint 或 passage" in err
