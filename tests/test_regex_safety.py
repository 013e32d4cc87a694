"""A user pack's catastrophically backtracking pattern is stopped, reported, and costs one rule only."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.text import patterns

# Nested alternatives of one and two Han characters before a digit that never comes:
# exponential backtracking even in the regex module. (The classic ^(\w+\s?)*$ hangs
# Python's re, but regex optimises it away, so it would not test the limit.)
SLOW = r"(\p{Han}|\p{Han}\p{Han})*\d"
LINE = "全面推进依法行政加快建设法治政府" * 6 + "。"


def slow_pack(root: Path) -> Path:
    folder = root / "slow-pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: slow-pack\nname: 慢\nversion: '1'\nextends: fazhi-annual\n",
                                      encoding="utf-8")
    (folder / "slow.yaml").write_text(
        "rules:\n"
        "  - id: text.slow\n"
        "    name: 回溯\n"
        "    kind: phrase\n"
        "    severity: warning\n"
        f"    entries: [{{match: '{SLOW}'}}]\n"
        "    message: 慢\n"
        "    basis: 测试用的规则\n"
        "    examples: {fire: ['一1'], pass: ['一']}\n", encoding="utf-8")
    return folder


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("示例县人民政府关于2024年度法治政府建设情况的报告\n"
                    f"{LINE}\n加大法制宣传力度。\n", encoding="utf-8")
    return path


def test_backtracking_pattern_is_stopped_and_the_other_rules_still_run(tmp_path: Path, report: Path) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--format", "json", "--pack", str(slow_pack(tmp_path)),
                                       "--time-limit", "0.3", str(report)])
    elapsed = time.monotonic() - started
    data = json.loads(result.stdout)
    found = data["reports"][0]
    assert any("规则 text.slow 的正则表达式超时，已跳过" in w for w in found["warnings"])
    assert "term.fazhi-xuanchuan" in {f["rule"] for f in found["findings"]}
    assert "text.slow" not in {f["rule"] for f in found["findings"]}
    assert found["elements"]  # the element rules ran too
    assert elapsed < 10


def test_the_default_budget_bounds_a_rule_without_configuration(tmp_path: Path, report: Path) -> None:
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--format", "json", "--pack", str(slow_pack(tmp_path)),
                                       str(report)])
    elapsed = time.monotonic() - started
    assert any("text.slow" in w for w in json.loads(result.stdout)["reports"][0]["warnings"])
    assert patterns.RULE_BUDGET <= elapsed < patterns.RULE_BUDGET + 8


def test_time_limit_from_the_config_file(tmp_path: Path, report: Path) -> None:
    pack = slow_pack(tmp_path)
    (tmp_path / ".checker.yaml").write_text(f"pack: {pack.name}\ntime_limit: 0.2\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--format", "json", str(report)])
    assert time.monotonic() - started < patterns.RULE_BUDGET
    assert any("text.slow" in w for w in json.loads(result.stdout)["reports"][0]["warnings"])


def test_the_budget_is_shared_by_all_searches_of_a_rule() -> None:
    pattern = patterns.compiled(SLOW)
    started = time.monotonic()
    with pytest.raises(patterns.PatternTimeout), patterns.rule_budget(0.3):
        for _ in range(20):
            patterns.search(pattern, LINE)
    assert time.monotonic() - started < 1.5
