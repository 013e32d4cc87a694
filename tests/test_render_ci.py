"""The CI formats: SARIF against the official schema, JUnit and GitHub commands, golden files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator, Draft202012Validator

from checker.commands.cli import main
from checker.render import RenderOptions
from checker.render.github import command, escape_data, escape_property
from checker.render.sarif import artifact_uri
from tests.conftest import EXAMPLES, golden

DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = "examples/gov-report-2024.txt"
CI_FORMATS = ("sarif", "junit", "github")


def _run(*args: str, expect: tuple[int, ...] = (0, 1)) -> str:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code in expect, result.output
    return result.stdout


def _sarif_problems(log: dict[str, Any]) -> list[str]:
    """Errors against the official 2.1.0 schema and its rtm.5 predecessor (see tests/data/README)."""
    problems: list[str] = []
    for name, validator in (("sarif-schema-2.1.0.json", Draft202012Validator),
                            ("sarif-schema-2.1.0-rtm.5.json", Draft4Validator)):
        schema = json.loads((DATA / name).read_text(encoding="utf-8"))
        problems += [f"{name}: {e.message}" for e in validator(schema).iter_errors(log)]
    return problems


@pytest.fixture()
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)


@pytest.fixture()
def flawed(tmp_path: Path) -> Path:
    """A report with an error, a warning, a suppressed hint, a weak and two missing elements."""
    text = (EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8")
    text = text.replace("扎实推进依法行政", "扎实推进法制政府建设，依法行政")
    cut = text.index("三、党政主要负责人")
    text = text[:cut] + text[text.index("青禾县人民政府\n2025年"):]  # no sections 三 and 四
    text = text.replace("究其原因，主要是：", "同时，")
    path = tmp_path / "有问题的报告.txt"
    path.write_text(text + "\n<!-- checker-disable-next-line punct -- 示例 -->\n全县共有乡镇12个,村100个。\n",
                    encoding="utf-8")
    return path


def test_sarif_of_the_example_is_valid_and_pinned(in_root: None) -> None:
    out = _run(EXAMPLE, "--format", "sarif")
    log = json.loads(out)
    assert _sarif_problems(log) == []
    driver = log["runs"][0]["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "VERSION"
    driver.pop("informationUri", None)
    golden("example.sarif", json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def test_sarif_carries_levels_locations_rules_and_suppressions(flawed: Path) -> None:
    log = json.loads(_run(str(flawed), "--format", "sarif"))
    assert _sarif_problems(log) == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    ids = [r["id"] for r in rules]
    assert {r["ruleId"] for r in results} <= set(ids)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["checkerPassage/v1"]
    by_rule = {r["ruleId"]: r for r in results}
    wrong_term = by_rule["term.fazhi-zhengfu"]
    assert wrong_term["level"] == "error"
    region = wrong_term["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == "法制政府" and region["startLine"] == 5
    assert by_rule["punct.ascii-in-chinese"]["level"] == "note"
    suppressed = by_rule["punct.ascii-in-chinese"]["suppressions"][0]
    assert suppressed["kind"] == "inSource" and suppressed["justification"] == "示例"
    missing = by_rule["content.first-responsible"]
    assert "region" not in missing["locations"][0]["physicalLocation"]  # whole-report finding
    causes = next(r for r in rules if r["id"] == "content.causes")
    assert "依据：" in causes["help"]["text"] and causes["defaultConfiguration"]["level"] == "error"


def test_sarif_reports_unreadable_files_as_notifications(tmp_path: Path) -> None:
    log = json.loads(_run(str(tmp_path / "无.txt"), "--format", "sarif", expect=(2,)))
    assert _sarif_problems(log) == []
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "文件不存在"


def test_artifact_uris_are_relative_and_percent_encoded() -> None:
    assert artifact_uri("报告/2024 年.md") == "%E6%8A%A5%E5%91%8A/2024%20%E5%B9%B4.md"
    assert artifact_uri("/srv/r.txt") == "file:///srv/r.txt"


def test_junit_of_the_example_is_pinned_and_parses(in_root: None) -> None:
    out = _run(EXAMPLE, "--format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["score"] == "97.0" and properties["template"] == "gov-annual"
    golden("example.junit.xml", out)


def test_junit_fails_cases_at_the_gate_and_skips_suppressed(flawed: Path) -> None:
    root = ET.fromstring(_run(str(flawed), "--format", "junit", "--min-score", "99").encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = {c.get("classname"): c for c in suite.iter("testcase")}
    assert cases["term.fazhi-zhengfu"].find("failure") is not None
    assert cases["content.first-responsible"].find("failure") is not None
    # A weak element is a warning: below the default gate, so listed, not failed.
    causes = cases["content.causes"]
    assert causes.find("failure") is None and "薄弱" in (causes.findtext("system-out") or "")
    assert cases["punct.ascii-in-chinese"].find("skipped") is not None
    assert cases["score"].find("failure") is not None
    assert int(suite.get("failures", "0")) == sum(1 for c in cases.values() if c.find("failure") is not None)


def test_junit_gate_follows_fail_on(flawed: Path) -> None:
    root = ET.fromstring(_run(str(flawed), "--format", "junit", "--fail-on", "warning").encode("utf-8"))
    causes = next(c for c in root.iter("testcase") if c.get("classname") == "content.causes")
    assert causes.find("failure") is not None


def test_github_commands_of_the_example_are_pinned(in_root: None) -> None:
    out = _run(EXAMPLE, "--format", "github")
    assert all(line.startswith("::") for line in out.splitlines())
    golden("example.github.txt", out)


def test_github_commands_levels_and_suppressed(flawed: Path) -> None:
    out = _run(str(flawed), "--format", "github")
    assert "::error file=" in out and ",line=5," in out and "title=误用“法制政府”（term.fazhi-zhengfu）" in out
    assert "punct.ascii-in-chinese" not in out  # suppressed: not annotated, but counted
    assert "已豁免 1 个问题" in out


def test_github_escaping() -> None:
    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    assert command("warning", "x\ny", file="报告,1.md", line=3, col=None) == \
        "::warning file=报告%2C1.md,line=3::x%0Ay"


@pytest.mark.parametrize("fmt", ["terminal", "json", *CI_FORMATS])
def test_gates_apply_with_every_format(fmt: str, flawed: Path) -> None:
    example = str(EXAMPLES / "gov-report-2024.txt")
    assert CliRunner().invoke(main, ["check", example, "--format", fmt]).exit_code == 0
    assert CliRunner().invoke(main, ["check", example, "--format", fmt, "--fail-on", "warning"]).exit_code == 1
    assert CliRunner().invoke(main, ["check", example, "--format", fmt, "--min-score", "99"]).exit_code == 1
    assert CliRunner().invoke(main, ["check", str(flawed), "--format", fmt]).exit_code == 1


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_output_file_gets_the_format_and_terminal_the_report(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["check", str(EXAMPLES / "gov-report-2024.txt"), "--format", fmt,
                                       "-o", str(target), "--no-color"])
    assert result.exit_code == 0
    assert "必备要素" in result.stdout
    written = target.read_text(encoding="utf-8")
    assert written.startswith({"sarif": "{", "junit": "<?xml", "github": "::"}[fmt])
    assert "必备要素" not in written


def test_output_to_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLES / "gov-report-2024.txt"),
                                       "--format", "sarif", "-o", str(tmp_path / "no" / "x.sarif")])
    assert result.exit_code == 2
    assert "无法写入" in result.stderr


def test_renderers_take_plain_data() -> None:
    from checker.render import render

    document = {"tool": {"name": "checker", "version": "1"}, "reports": [
        {"path": "a.txt", "error": None, "score": 50.0, "passed": False, "elements": [],
         "findings": [{"rule": "term.x", "severity": "warning", "message": "m", "line": None,
                       "column": None, "excerpt": None, "suggestion": None}], "warnings": []}]}
    for fmt in CI_FORMATS:
        assert render(fmt, document, RenderOptions()).strip()
    assert _sarif_problems(json.loads(render("sarif", document, RenderOptions()))) == []


def test_golden_files_exist_for_each_format() -> None:
    names = {p.name for p in (Path(__file__).parent / "golden").iterdir()}
    assert {"example.sarif", "example.junit.xml", "example.github.txt", "example.json",
            "example.terminal.txt"} <= names
    assert os.path.getsize(Path(__file__).parent / "golden" / "example.sarif") > 0


def test_sarif_with_a_baseline_marks_known_and_new_results(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text((EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert CliRunner().invoke(main, ["baseline", str(report), "-o", str(baseline)]).exit_code == 0
    report.write_text(report.read_text(encoding="utf-8") + "\n推进法制政府建设。\n", encoding="utf-8")
    log = json.loads(_run(str(report), "--format", "sarif", "--baseline", str(baseline)))
    assert _sarif_problems(log) == []
    states = {(r["ruleId"], r["baselineState"]) for r in log["runs"][0]["results"]}
    assert states == {("text.approx-count", "unchanged"), ("term.fazhi-xuanchuan", "unchanged"),
                      ("metric.rate-mismatch", "unchanged"), ("term.fazhi-zhengfu", "new")}
    known = next(r for r in log["runs"][0]["results"] if r["baselineState"] == "unchanged")
    assert known["suppressions"][0]["kind"] == "external"
    assert known["suppressions"][0]["properties"]["checkerKind"] == "baseline"


def test_junit_reports_an_unreadable_file_as_an_error(tmp_path: Path) -> None:
    root = ET.fromstring(_run(str(tmp_path / "无.txt"), "--format", "junit", expect=(2,)).encode("utf-8"))
    assert root.get("errors") == "1"
    error = root.find("testsuite/testcase/error")
    assert error is not None and error.get("message") == "文件不存在"
