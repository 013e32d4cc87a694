"""Configuration files: discovery, precedence, profiles, rule changes and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.errors import UsageError
from checker.gate import config
from tests.conftest import EXAMPLES

BASE = (EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8")


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "reports" / "2024").mkdir(parents=True)
    (tmp_path / "reports" / "2024" / "县政府.txt").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


REPORT = "reports/2024/县政府.txt"


def check(*args: str) -> tuple[int, dict[str, object], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    data = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    return result.exit_code, data, result.stderr


def gate(data: dict[str, object]) -> dict[str, object]:
    return data["reports"][0]["gate"]  # type: ignore[index,no-any-return]


def test_config_is_found_by_walking_up_from_the_report(repo: Path) -> None:
    (repo / ".checker.yaml").write_text("fail_on: warning\nmin_score: 90\n", encoding="utf-8")
    code, data, _ = check(REPORT)
    assert code == 1
    assert gate(data) == {"fail_on": "warning", "profile": "drafter", "min_score": 90,
                          "config": str(repo / ".checker.yaml")}


def test_nearest_config_wins_and_pyproject_tool_table_counts(repo: Path) -> None:
    (repo / ".checker.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    (repo / "reports" / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.checker]\nfail_on = 'info'\nprofile = 'audit'\n", encoding="utf-8")
    _code, data, _ = check(REPORT)
    assert gate(data)["fail_on"] == "info" and gate(data)["profile"] == "audit"
    assert str(gate(data)["config"]).endswith("reports/pyproject.toml")


def test_a_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    (repo / "reports" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (repo / ".checker.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    _, data, _ = check(REPORT)
    assert gate(data)["fail_on"] == "warning"


def test_command_line_beats_config_and_config_beats_profile(repo: Path) -> None:
    (repo / ".checker.yaml").write_text("profile: ci\nfail_on: info\n", encoding="utf-8")
    assert gate(check(REPORT)[1])["fail_on"] == "info"
    assert gate(check(REPORT, "--fail-on", "error")[1])["fail_on"] == "error"
    (repo / ".checker.yaml").write_text("profile: ci\n", encoding="utf-8")
    code, data, _ = check(REPORT)
    assert gate(data)["fail_on"] == "warning" and code == 1
    assert gate(check(REPORT, "--profile", "drafter")[1])["fail_on"] == "error"


def test_no_config_and_explicit_config(repo: Path) -> None:
    (repo / ".checker.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    (repo / "strict.yaml").write_text("min_score: 99.5\n", encoding="utf-8")
    code, data, _ = check(REPORT, "--no-config")
    assert code == 0 and "config" not in gate(data)
    code, data, _ = check(REPORT, "--config", "strict.yaml")
    assert code == 1 and gate(data)["min_score"] == 99.5 and gate(data)["fail_on"] == "error"
    code, _, err = check(REPORT, "--config", "missing.yaml")
    assert code == 2 and "missing.yaml：配置文件不存在" in err


def test_unknown_keys_are_errors_naming_key_file_and_line(repo: Path) -> None:
    (repo / ".checker.yaml").write_text("fail_on: warning\nfailon: error\n", encoding="utf-8")
    code, _, err = check(REPORT)
    assert code == 2
    assert ".checker.yaml:2" in err and "未知的键“failon”" in err
    (repo / ".checker.yaml").write_text("rules:\n  term.fazhi-xuanchuan:\n    level: info\n", encoding="utf-8")
    code, _, err = check(REPORT)
    assert code == 2 and ".checker.yaml:3" in err and "rules.term.fazhi-xuanchuan" in err and "level" in err


def test_bad_values_in_pyproject_name_the_file(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.checker]\nprofile = 'strict'\n", encoding="utf-8")
    code, _, err = check(REPORT)
    assert code == 2 and "pyproject.toml" in err and "键 profile" in err and "strict" in err


def test_rules_turned_off_relevelled_and_reweighted(repo: Path) -> None:
    (repo / ".checker.yaml").write_text(
        "fail_on: warning\n"
        "rules:\n"
        "  text: {enabled: false}\n"
        "  metric.rate-mismatch: {enabled: false}\n"
        "  term.fazhi-xuanchuan: {severity: info}\n", encoding="utf-8")
    code, data, _ = check(REPORT)
    assert code == 0
    found = data["reports"][0]["findings"]  # type: ignore[index]
    assert [(f["rule"], f["severity"]) for f in found] == [("term.fazhi-xuanchuan", "info")]
    assert data["reports"][0]["score"] == 100  # type: ignore[index]


def test_rule_params_change_a_kind_parameter(repo: Path) -> None:
    (repo / ".checker.yaml").write_text(
        "rules:\n  content.causes:\n    params: {min_chars: 400, min_sites: 9, min_clauses: 9,\n"
        "      long_clauses: {count: 9, han: 10}}\n", encoding="utf-8")
    _, data, _ = check(REPORT)
    element = next(e for e in data["reports"][0]["elements"] if e["id"] == "content.causes")  # type: ignore[index]
    assert element["status"] == "weak" and "只有一句分析" in element["note"]


@pytest.mark.parametrize(("rules", "message"), [
    ("  term.no-such: {enabled: false}\n", "rules.term.no-such：规则包 fazhi-annual 中没有"),
    ("  content: {params: {min_chars: 1}}\n", "只能对单条规则"),
    ("  content.next-year: {params: {min_char: 1}}\n", "没有参数“min_char”（可改："),
    ("  content.next-year: {params: {min_chars: '80'}}\n", "类型应与原值相同"),
    ("  content.causes: {params: {strong: ['(未闭合']}}\n", "正则表达式无效"),
])
def test_rule_change_errors(repo: Path, rules: str, message: str) -> None:
    (repo / ".checker.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    code, _, err = check(REPORT)
    assert code == 2 and message in err and ".checker.yaml" in err


def test_config_paths_are_relative_to_the_config_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "ci").mkdir()
    (repo / "ci" / "waivers.yaml").write_text(
        "waivers:\n  - {rule: term, passage: 法制宣传, reason: 原文件名, who: 张三}\n", encoding="utf-8")
    (repo / ".checker.yaml").write_text("waivers: ci/waivers.yaml\n", encoding="utf-8")
    monkeypatch.chdir(repo / "reports")
    _, data, _ = check("2024/县政府.txt")
    assert [f["rule"] for f in data["reports"][0]["findings"] if f.get("suppressed")] == [  # type: ignore[index]
        "term.fazhi-xuanchuan"]


def test_profiles_set_presentation(repo: Path) -> None:
    assert config.resolve(None, {"profile": "ci"}, use_config=False).color is False
    assert config.resolve(None, {"profile": "audit"}, use_config=False).verbose is True
    assert config.resolve(None, {"profile": "ci", "color": True}, use_config=False).color is True
    (repo / ".checker.yaml").write_text("profile: ci\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", REPORT, "--color"])
    assert "\x1b[" in result.stdout
    result = CliRunner().invoke(main, ["check", REPORT])
    assert "\x1b[" not in result.stdout


def test_each_report_uses_its_own_config(repo: Path) -> None:
    (repo / "other").mkdir()
    (repo / "other" / "r.txt").write_text(BASE, encoding="utf-8")
    (repo / "other" / ".checker.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    code, data, _ = check(REPORT, "other/r.txt")
    first, second = data["reports"]  # type: ignore[misc]
    assert first["passed"] is True and second["passed"] is False and code == 1


def test_apply_rules_leaves_the_loaded_pack_alone() -> None:
    from checker.pack.loader import load_pack

    pack = load_pack()
    changed = config.apply_rules(pack, {"term": {"severity": "info"}}, "x.yaml")
    assert {r.severity for r in changed.rules if r.family == "term"} == {"info"}
    assert "error" in {r.severity for r in pack.rules if r.family == "term"}
    assert changed.digest != pack.digest
    with pytest.raises(UsageError):
        config.apply_rules(pack, {"nothing": {"enabled": False}}, "x.yaml")
