"""One broken file costs one row: the inputs that crashed a batch, a defect met on one report,
a crash of the command itself (exit 2) and Ctrl-C (exit 130, after cleaning up)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import checker
from checker.commands.cli import main
from checker.engine import check_text
from checker.gate.fingerprint import fingerprint
from tests.conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "gov-report-2024.txt"
BODY = ("<p>一、2024年推进法治政府建设的主要举措和成效</p>"
        "<p>全年办理行政复议案件86件，审结71件，依法行政水平进一步提高，法治政府建设取得新进展。</p>")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def html_page(charset: str) -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>报告</title></head>'
            f'<body><div id="zoom">{BODY}</div></body></html>').encode()


@pytest.mark.parametrize("charset", ["hex", "rot13", "zlib", "base64", "bz2", "uu", "undefined", "idna"])
def test_a_page_declaring_a_codec_that_is_not_a_charset_is_read_as_undeclared(tmp_path: Path,
                                                                               charset: str) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(html_page(charset))
    code, out, _ = run("check", "--format", "json", str(page), str(EXAMPLE))
    reports = json.loads(out)["reports"]
    assert reports[0]["error"] is None
    assert reports[0]["findings"] or reports[0]["elements"]
    assert reports[1]["error"] is None
    assert code in (0, 1)


def test_a_number_with_hundreds_of_decimals_is_read_not_crashed_on() -> None:
    digits = "1" * 400
    text = (f"一、主要举措\n全年受理行政复议案件{'9' * 400}件，审结率0.{digits}%，"
            f"纠错率{'9' * 320}.{'5' * 330}%。\n")
    result = check_text(text)
    assert result.error is None
    assert result.findings or result.elements


def test_lone_surrogates_in_text_are_checked_shown_as_replacement_and_written() -> None:
    text = "一、主要举措\n法制政府\ud800建设取得成效，\udcff继续加大法制宣传力度。\n"
    result = check_text(text)
    assert result.error is None
    assert any("不成对的代理码位" in w for w in result.warnings)
    wrong_term = [f for f in result.findings if f.rule == "term.fazhi-xuanchuan"]
    assert wrong_term and "\ufffd" in (wrong_term[0].context or "")
    data = checker.check_text(text)
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # no surrogate left to fail on


def test_the_fingerprint_of_a_passage_with_surrogates_is_computed_and_distinct() -> None:
    from checker.model import Finding

    prints = {fingerprint(Finding(rule="term.x", severity="warning", message="m", excerpt=f"法制{ch}宣传"))
              for ch in ("\ud800", "\ud801", "\udcff", "")}
    assert len(prints) == 4 and all(len(p) == 16 for p in prints)


def test_a_defect_met_on_one_report_costs_that_report_only(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import kinds

    broken = tmp_path / "坏.txt"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n触发缺陷的一行。\n", encoding="utf-8")
    real_runner = kinds.runner

    def runner(kind: str) -> object:
        found = real_runner(kind)

        def balance(rule: object, ctx: object) -> object:
            if "触发缺陷" in ctx.view.text:  # type: ignore[attr-defined]
                raise ZeroDivisionError("division by zero")
            return found(rule, ctx)  # type: ignore[arg-type]

        return balance if kind == "balance" else found

    monkeypatch.setattr(kinds, "runner", runner)
    code, out, _ = run("check", "--format", "json", str(EXAMPLE), str(broken), str(EXAMPLE))
    reports = json.loads(out)["reports"]
    assert code == 2
    assert [r["error"] is None for r in reports] == [True, False, True]
    assert reports[1]["error"].startswith("内部错误：检查这份报告时程序出错，其他报告不受影响")
    assert "ZeroDivisionError" not in reports[1]["error"]  # the drafter reads Chinese only
    assert reports[1]["error_detail"].startswith("ZeroDivisionError: division by zero")
    assert "test_robust_batch.py" in reports[1]["error_detail"]
    assert reports[0]["elements"] and reports[2]["elements"]

    code, plain, _ = run("check", "--no-color", str(EXAMPLE), str(broken))
    assert "无法检查：内部错误" in plain and "ZeroDivisionError" not in plain
    code, verbose, _ = run("check", "--no-color", "--verbose", str(EXAMPLE), str(broken))
    assert "详情：ZeroDivisionError: division by zero" in verbose


def test_check_path_and_check_text_return_the_error_instead_of_raising(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import engine

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("missing")

    monkeypatch.setattr(engine, "build_context", broken)
    for data in (checker.check_path(str(EXAMPLE)), checker.check_text("一、主要举措\n内容。")):
        assert data["error"].startswith("内部错误")
        assert data["error_detail"].startswith("KeyError")


def test_a_crash_of_the_command_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.commands import runner

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(runner, "check_files", broken)
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)
    code, out, err = run("check", str(EXAMPLE))
    assert code == 2
    assert err.strip() == ("错误：内部错误（RuntimeError：something unforeseen），请报告此问题；"
                           "设置环境变量 CHECKER_DEBUG=1 可显示详情")
    assert "Traceback" not in err + out
    monkeypatch.setenv("CHECKER_DEBUG", "1")
    result = CliRunner().invoke(main, ["check", str(EXAMPLE)])
    assert isinstance(result.exception, RuntimeError)  # the traceback, for a developer


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.commands import runner

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "check_files", interrupted)
    code, _, err = run("check", str(EXAMPLE))
    assert code == 130
    assert "已中断" in err


def slow_pack(root: Path) -> Path:
    folder = root / "slow"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: slow\nname: 慢\nversion: '1'\nextends: fazhi-annual\n",
                                      encoding="utf-8")
    (folder / "slow.yaml").write_text(
        "rules:\n  - id: text.slow\n    name: 回溯\n    kind: phrase\n    severity: warning\n"
        "    entries: [{match: '(\\p{Han}|\\p{Han}\\p{Han})*\\d'}]\n    message: 慢\n    basis: 测试\n"
        "    examples: {fire: ['一1'], pass: ['一']}\n", encoding="utf-8")
    return folder


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
def test_sigint_during_a_run_exits_130_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("示例县人民政府关于2024年度法治政府建设情况的报告\n"
                      + "全面推进依法行政加快建设法治政府" * 8 + "。\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    pack = slow_pack(tmp_path)
    # Load (and cache) the pack first, so that the signal meets the slow rule.
    subprocess.run([sys.executable, "-m", "checker", "rules", "validate", str(pack)], env=env,
                   capture_output=True, check=False, cwd=ROOT)
    process = subprocess.Popen([sys.executable, "-m", "checker", "check", "--pack", str(pack),
                                "--time-limit", "60", "--format", "json", "-o", str(out / "r.json"),
                                str(report)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=ROOT)
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode("utf-8", "replace")
    assert "已中断" in err.decode("utf-8")
    assert "Traceback" not in err.decode("utf-8")
    assert list(out.iterdir()) == []
