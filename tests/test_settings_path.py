"""One settings path for ``check`` and ``audit``: the same report gets the same verdict from both.

A folder's ``.checker.yaml`` (a stricter gate, a rule re-levelled, waivers and a
baseline), ``--config``, ``--profile``, ``--waivers`` and ``--baseline`` are
honoured by both commands; and a baseline or a waiver changes what fails, never
the score.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from tests.conftest import EXAMPLES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "audit"
BASE = (EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def check_json(*args: str) -> dict[str, dict[str, Any]]:
    _, out, err = run("check", "--format", "json", *args)
    assert out, err
    return {Path(r["path"]).name: r for r in json.loads(out)["reports"]}


def audit_json(tmp: Path, *args: str) -> tuple[int, dict[str, dict[str, Any]], str]:
    target = tmp / "audit-out.json"
    code, _, err = run("audit", "-q", "-j", "2", "--json", str(target), *args)
    data = json.loads(target.read_text(encoding="utf-8"))
    return code, {Path(r["path"]).name: r for r in data["reports"]}, err


def verdict(report: dict[str, Any]) -> tuple[Any, ...]:
    findings = sorted((f["rule"], f["severity"], f.get("line"), bool(f.get("suppressed")),
                       (f.get("suppression") or {}).get("kind")) for f in report.get("findings", []))
    return (report.get("score"), report.get("passed"), report.get("error"), report.get("gate"), findings)


@pytest.fixture()
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two folders: one with a strict configuration (waivers, a baseline, a re-levelled rule), one without."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    strict = tmp_path / "县直" / "strict"
    plain = tmp_path / "乡镇"
    strict.mkdir(parents=True)
    shutil.copytree(FIXTURES, plain)
    (strict / "county.txt").write_text(BASE, encoding="utf-8")
    (strict / "copy.txt").write_text(BASE.replace("法制宣传", "法治宣传", 1), encoding="utf-8")
    shutil.copy(FIXTURES / "songshan-district-2024.md", strict / "district.md")
    (strict / "waivers.yaml").write_text(
        "waivers:\n  - rule: text.approx-count\n    passage: 45余\n    reason: 原文如此\n    who: 张三\n"
        "  - rule: term.no-such-finding\n    passage: 不存在的原文\n    reason: 试用条目\n    who: 李四\n",
        encoding="utf-8")
    (strict / ".checker.yaml").write_text(
        "fail_on: warning\nmin_score: 60\nwaivers: waivers.yaml\n"
        "rules:\n  term.fazhi-xuanchuan: {severity: error}\n", encoding="utf-8")
    return tmp_path


def test_check_and_audit_agree_per_report_under_a_folder_configuration(folders: Path) -> None:
    checked = check_json("县直", "乡镇")
    code, audited, err = audit_json(folders, "县直", "乡镇")
    assert set(checked) == set(audited) and len(audited) == 10
    for name, report in checked.items():
        assert verdict(audited[name]) == verdict(report), name
    strict = checked["county.txt"]
    assert strict["gate"]["fail_on"] == "warning" and strict["gate"]["config"].endswith(".checker.yaml")
    assert checked["yunxi-county-2024.txt"]["gate"]["fail_on"] == "error"  # the other folder: defaults
    relevelled = [f for f in strict["findings"] if f["rule"] == "term.fazhi-xuanchuan"]
    assert relevelled and all(f["severity"] == "error" for f in relevelled)
    waived = [f for f in strict["findings"] if f["rule"] == "text.approx-count"]
    assert waived and all(f["suppression"]["kind"] == "external" for f in waived)
    assert "term.no-such-finding" in err  # the unused waiver is pointed out, as check does
    assert code == 1


def test_command_line_settings_agree_too(folders: Path) -> None:
    args = ["--no-config", "--profile", "ci", "--min-score", "95", "乡镇"]
    checked = checked_before = check_json(*args)
    _, audited, _ = audit_json(folders, *args)
    assert {n: verdict(r) for n, r in checked.items()} == {n: verdict(r) for n, r in audited.items()}
    assert all(r["gate"]["profile"] == "ci" and r["gate"]["fail_on"] == "warning" for r in audited.values())
    run("baseline", "乡镇", "-o", "base.json")
    checked = check_json("--baseline", "base.json", "乡镇")
    _, audited, _ = audit_json(folders, "--baseline", "base.json", "乡镇")
    assert {n: verdict(r) for n, r in checked.items()} == {n: verdict(r) for n, r in audited.items()}
    # Every finding is in the baseline: only a grade below the pass (a property of the report) still fails.
    assert all(r["passed"] or r["grade"] == "不合格" for r in audited.values())
    assert sum(r["passed"] for r in audited.values()) > sum(r["passed"] for r in checked_before.values())


def test_a_baseline_or_waivers_change_what_fails_never_the_score(folders: Path) -> None:
    before = check_json("--no-config", "--fail-on", "warning", "乡镇")
    run("baseline", "--no-config", "乡镇", "-o", "base.json")
    after = check_json("--no-config", "--fail-on", "warning", "--baseline", "base.json", "乡镇")
    assert any(not r["passed"] for r in before.values())
    for name, report in before.items():
        assert (after[name]["score"], after[name]["grade"]) == (report["score"], report["grade"]), name
        assert after[name]["passed"] or report["grade"] == "不合格"  # only what fails changed
    report = str(folders / "县直" / "strict" / "county.txt")
    waived = check_json("--no-config", "--waivers", str(folders / "县直" / "strict" / "waivers.yaml"), report)
    unwaived = check_json("--no-config", report)
    assert [f["suppression"]["kind"] for f in waived["county.txt"]["findings"] if f.get("suppressed")] == ["external"]
    assert waived["county.txt"]["score"] == unwaived["county.txt"]["score"] < 100


def test_the_audit_cache_keeps_settings_apart(folders: Path) -> None:
    first = audit_json(folders, "--no-config", "乡镇")[1]
    strict = audit_json(folders, "--no-config", "--fail-on", "info", "乡镇")[1]
    again = audit_json(folders, "--no-config", "乡镇")[1]
    assert any(first[n]["passed"] != strict[n]["passed"] for n in first)
    assert {n: verdict(r) for n, r in again.items()} == {n: verdict(r) for n, r in first.items()}
