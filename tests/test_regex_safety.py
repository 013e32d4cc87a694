"""A user pack's catastrophically backtracking pattern is stopped, reported, and costs one rule only."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

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


def test_time_limit_from_the_config_file(tmp_path: Path, report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import engine

    limits: list[float | None] = []
    budget = engine.rule_budget

    def spy(seconds: float | None = None) -> Any:
        limits.append(seconds)
        return budget(seconds)

    monkeypatch.setattr(engine, "rule_budget", spy)
    pack = slow_pack(tmp_path)
    (tmp_path / ".checker.yaml").write_text(f"pack: {pack.name}\ntime_limit: 0.2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(report)])
    # Every rule ran under the file's limit (not the default), and the slow one ran out of it.
    assert limits and set(limits) == {0.2}
    assert any("text.slow" in w for w in json.loads(result.stdout)["reports"][0]["warnings"])


def test_the_budget_is_shared_by_all_searches_of_a_rule() -> None:
    pattern = patterns.compiled(SLOW)
    started = time.monotonic()
    with pytest.raises(patterns.PatternTimeout), patterns.rule_budget(0.3):
        for _ in range(20):
            patterns.search(pattern, LINE)
    assert time.monotonic() - started < 1.5


# ---------------------------------------------------------------- the limit, exactly


def test_one_search_stops_at_the_rule_deadline_in_wall_time() -> None:
    """The regex module's own timeout counts processor time, coarsely (a 3 s limit ran 10 s on
    a busy machine); the rule's alarm stops the search itself at the deadline."""
    pattern = patterns.compiled(SLOW)
    started = time.monotonic()
    with pytest.raises(patterns.PatternTimeout) as raised, patterns.rule_budget(0.3):
        patterns.search(pattern, LINE * 3)
    assert time.monotonic() - started < 1.0
    assert raised.value.pattern == SLOW  # the search that was stopped is named


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_the_alarm_is_put_back_as_it_was() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with patterns.rule_budget(5):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getsignal(signal.SIGALRM) is before


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_an_alarm_the_process_set_is_left_alone() -> None:
    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: rang.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with patterns.rule_budget(0.2):
            patterns.search(patterns.compiled("法治"), LINE)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90  # still the process's own alarm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert rang == []


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_without_its_own_alarm_a_rule_keeps_the_regex_timeout() -> None:
    """Searches skip the regex module's timeout only while the rule's own alarm guards them."""
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: None)
    signal.setitimer(signal.ITIMER_REAL, 100)  # the process's alarm: the rule gets none
    try:
        started = time.monotonic()
        with pytest.raises(patterns.PatternTimeout), patterns.rule_budget(0.3):
            patterns.search(patterns.compiled(SLOW), LINE * 3)
        assert time.monotonic() - started < 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with patterns.rule_budget(5):
        assert patterns._timeout() is None  # guarded by the alarm
    assert patterns._timeout() == patterns.SEARCH_TIMEOUT  # outside a rule


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_one_handler_serves_every_budget_of_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside alarms() (the engine, per report) a budget installs no handler; the alarm still stops
    a backtracking search at the rule's deadline, a ring between rules stops nothing, and the
    process's handler is back (and the timer cleared) afterwards."""
    before = signal.getsignal(signal.SIGALRM)
    installed: list[object] = []
    real_signal = signal.signal
    with patterns.alarms():
        monkeypatch.setattr(signal, "signal", lambda *a: installed.append(a) or real_signal(*a))
        for _ in range(3):
            with patterns.rule_budget(5):
                assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 5
                patterns.search(patterns.compiled("法治"), LINE)
        with patterns.rule_budget(0.05):  # the timer now rings at this rule's deadline ...
            assert signal.getitimer(signal.ITIMER_REAL)[0] <= 0.05
        time.sleep(0.2)  # ... after the rule: nothing is stopped
        started = time.monotonic()
        with pytest.raises(patterns.PatternTimeout), patterns.rule_budget(0.3):
            patterns.search(patterns.compiled(SLOW), LINE * 3)
        assert time.monotonic() - started < 1.0
        monkeypatch.undo()
    assert installed == []
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL)[0] == 0


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_a_shared_alarm_stops_each_rule_at_its_own_deadline() -> None:
    """The timer set for an earlier rule rings before a later rule's deadline: the later rule runs
    on to its own deadline (the ring sets the timer again), and is stopped there."""
    with patterns.alarms():
        with patterns.rule_budget(0.2):
            pass
        started = time.monotonic()
        with pytest.raises(patterns.PatternTimeout), patterns.rule_budget(0.6):
            patterns.search(patterns.compiled(SLOW), LINE * 3)
        elapsed = time.monotonic() - started
    assert 0.55 <= elapsed < 1.5


def test_outside_the_main_thread_the_regex_timeout_still_bounds_a_rule() -> None:
    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            with patterns.rule_budget(0.2):
                patterns.search(patterns.compiled(SLOW), LINE * 3)
            outcome.append(None)
        except patterns.PatternTimeout as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    assert outcome and isinstance(outcome[0], patterns.PatternTimeout)


def many_slow_rules(root: Path, count: int) -> Path:
    folder = root / "many-slow"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "pack: many-slow\nname: 慢\nversion: '1'\nextends: fazhi-annual\n"
        "extend_lists:\n  term.fazhi-xuanchuan:\n    entries: [{match: '法制宣传周'}]\n", encoding="utf-8")
    rules = "".join(
        f"  - id: text.slow{n}\n    name: 回溯{n}\n    kind: phrase\n    severity: warning\n"
        f"    entries: [{{match: '{SLOW}'}}]\n    message: 慢\n    basis: 测试用的规则\n"
        f"    examples: {{fire: ['一1'], pass: ['一']}}\n" for n in range(count))
    (folder / "slow.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    return folder


def test_user_rules_share_a_budget_per_report_and_the_rest_are_skipped_by_name(tmp_path: Path) -> None:
    from checker.engine import Options, check_document
    from checker.pack.loader import load_pack
    from checker.text.document import Document

    pack = load_pack(str(many_slow_rules(tmp_path, 8)), use_cache=False)
    assert {r.id for r in pack.rules if r.user} == {f"text.slow{n}" for n in range(8)} | {"term.fazhi-xuanchuan"}
    document = Document(path="r.txt", text=f"示例县人民政府关于2024年度法治政府建设情况的报告\n{LINE * 3}\n"
                                           "加大法制宣传力度。\n")
    started = time.monotonic()
    result = check_document(document, pack, Options(time_limit=0.2, report_time_limit=0.5))
    assert time.monotonic() - started < 15
    timed_out = [w for w in result.warnings if "的正则表达式超时" in w]
    skipped = [w for w in result.warnings if "自定义规则在这份报告上共用时已达 0.5 秒上限" in w]
    assert 1 <= len(timed_out) <= 4
    assert len(skipped) == 1 and f"其余 {8 - len(timed_out)} 条自定义规则未运行" in skipped[0]
    assert result.elements  # the built-in rules all ran
    assert "structure.numbering" in {r.id for r in pack.rules if not r.user}


def test_a_rule_given_patterns_by_a_config_file_counts_as_a_user_rule(tmp_path: Path) -> None:
    from checker.gate.config import apply_rules
    from checker.pack.loader import load_pack

    changed = apply_rules(load_pack(), {"content.causes": {"params": {"strong": ["原因在于"]}}}, "cfg")
    assert next(r for r in changed.rules if r.id == "content.causes").user
    assert not next(r for r in changed.rules if r.id == "content.measures").user


def test_a_search_of_a_cut_out_sentence_is_bounded_too() -> None:
    """search_text (the substance loops' search, without the memo) stops like search does."""
    slow = patterns.compiled(SLOW)
    started = time.monotonic()
    with pytest.raises(patterns.PatternTimeout) as raised, patterns.rule_budget(0.3):
        patterns.search_text(slow, LINE * 3)
    assert time.monotonic() - started < 1.0 and raised.value.pattern == SLOW
    assert patterns.search_text(patterns.compiled("法治"), LINE) is not None
