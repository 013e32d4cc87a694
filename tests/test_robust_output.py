"""What reaches a terminal or a CI log: shown, never obeyed; and a console that is not UTF-8.

A report's text and its file name may carry escape sequences (window title,
colours), carriage returns, bidirectional overrides and rich markup; the
terminal, GitHub and JUnit outputs and the audit's table escape them. A GBK (or
ASCII) console gets look-alikes or ``?``, never an encoding error, while JSON
stays UTF-8.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.render.safe import printable
from tests.conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "gov-report-2024.txt"
HOSTILE = "一是加大法制宣传力度[bold red]标记[/]\x1b]0;PWNED\x07，\u202e反向\x1b[31m红色，取得成效。"
RAW = ("\x1b", "\x07", "\u202e")


def hostile_report(folder: Path, name: str = "报告.txt") -> Path:
    path = folder / name
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + HOSTILE + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_printable_escapes_controls_bidi_and_surrogates_and_keeps_text() -> None:
    assert printable("法治\x1b[31m政府\u202e\ud800\x9b\n\t") == "法治\\x1b[31m政府\\u202e\\ud800\\x9b\n\t"
    assert printable("全面推进依法行政（2024年）") == "全面推进依法行政（2024年）"


def test_the_terminal_report_shows_control_codes_and_markup_without_obeying_them(tmp_path: Path) -> None:
    report = hostile_report(tmp_path, "报告\x1b[2J[red]名.txt")
    code, out, _ = run("check", "--no-color", "--verbose", str(report))
    assert code in (0, 1)  # checked, not refused
    assert not any(ch in out for ch in RAW)
    assert "\\x1b]0;PWNED\\x07" in out
    assert "[bold red]标记[/]" in out  # rich markup from the report is printed, not applied
    assert "报告\\x1b[2J[red]名.txt" in out


def test_colour_codes_in_the_terminal_report_are_only_the_tools_own(tmp_path: Path) -> None:
    code, out, _ = run("check", "--color", str(hostile_report(tmp_path)))
    assert code in (0, 1)  # checked, not refused
    assert "\x1b]" not in out and "\x07" not in out and "\u202e" not in out
    assert "\x1b[" in out  # the tool's own colours


def test_the_github_format_carries_no_control_bytes(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "github", str(hostile_report(tmp_path)))
    assert code in (0, 1)  # checked, not refused
    assert not any(ch in out for ch in RAW)
    assert "\\x1b]0;PWNED\\x07" in out


def test_junit_is_well_formed_xml_despite_control_bytes(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "junit", str(hostile_report(tmp_path, "报告\x1b[2J.txt")))
    assert code in (0, 1)  # checked, not refused
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    assert "报告\\x1b[2J.txt" in out


def test_json_keeps_the_report_text_as_it_is(tmp_path: Path) -> None:
    code, out, _ = run("check", "--format", "json", str(hostile_report(tmp_path)))
    assert code in (0, 1)  # checked, not refused
    excerpts = [f.get("context") or "" for f in json.loads(out)["reports"][0]["findings"]]
    assert any("\x1b]0;PWNED\x07" in e for e in excerpts)  # a program gets the data, escaped by JSON


def test_the_audit_table_shows_control_codes_escaped(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("青禾县人民政府\n", "青禾县\x1b]0;X\x07人民政府\n", 1)
    (tmp_path / "a\x1b[5m.txt").write_text(text + HOSTILE + "\n", encoding="utf-8")
    # Without an issuer the table names a report by its file name.
    (tmp_path / "b\x1b[5m.txt").write_text("关于法治政府建设情况的报告\n" + HOSTILE + "\n", encoding="utf-8")
    code, out, _ = run("audit", "--no-cache", "--no-color", "-j", "1", str(tmp_path))
    assert code in (0, 1)  # checked, not refused
    assert not any(ch in out for ch in RAW)
    assert "b\\x1b[5m.txt" in out


def cli(*args: str, encoding: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "checker", *args], env=env, capture_output=True,
                          check=False, cwd=cwd, timeout=300)


@pytest.mark.parametrize("args", [("check", "--no-color", str(EXAMPLE)),
                                  ("audit", "--no-cache", "--no-color", "-j", "1", str(EXAMPLE)),
                                  ("rules", "test")])
def test_a_gbk_console_gets_look_alikes_and_no_crash(args: tuple[str, ...]) -> None:
    done = cli(*args, encoding="gbk")
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    out = done.stdout.decode("gbk")
    assert "√" in out and "Traceback" not in done.stderr.decode("gbk")


def test_an_ascii_console_does_not_crash() -> None:
    for args in (("check", "--no-color", str(EXAMPLE)), ("rules", "test")):
        done = cli(*args, encoding="ascii")
        assert done.returncode == 0
        assert b"Traceback" not in done.stderr and done.stdout


def test_json_on_a_gbk_console_is_utf8() -> None:
    done = cli("check", "--format", "json", str(EXAMPLE), encoding="gbk")
    assert done.returncode == 0
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["reports"][0]["issuer"] == "青禾县人民政府"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file names as bytes")
def test_a_file_name_that_is_not_utf8_is_checked_and_shown(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/\xb1\xa8\xb8\xe6.txt"  # 报告 in GBK
    with open(name, "wb") as handle:
        handle.write(EXAMPLE.read_bytes())
    path = os.fsdecode(name)
    done = cli("check", "--no-color", path, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert b"\\udcb1\\udca8" in done.stdout
    done = cli("check", "--format", "json", path, encoding="utf-8")
    report = json.loads(done.stdout.decode("utf-8"))["reports"][0]
    assert report["error"] is None and report["path"].endswith("\udcb1\udca8\udcb8\udce6.txt")
    target = tmp_path / "out.json"
    done = cli("check", "--format", "json", "-o", str(target), path, encoding="utf-8")
    assert done.returncode == 0
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["error"] is None
