"""The plain start (checker/commands/start.py) does what click does on the command lines it takes.

Each command line runs twice in a new process, once through ``checker.commands.start.main`` (the
entry point) and once through the click group, and both must print the same bytes on stdout and
stderr and exit with the same status: on a pipe, on a terminal (colour and width by default), with
a configuration file, errors, notes, a crash and Ctrl-C.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.commands import start
from tests.conftest import EXAMPLES, ROOT

EXAMPLE = str(EXAMPLES / "gov-report-2024.txt")
PLAIN = "import sys\nfrom checker.commands.start import main\n{before}\nsys.argv[0] = 'checker'\nmain()\n"
CLICK = "import sys\nfrom checker.commands.cli import main\n{before}\nsys.argv[0] = 'checker'\nmain()\n"
# Taken by the plain start only when it is the entry point: asserted, so that a comparison never
# compares click with itself.
TAKEN = "import checker.commands.start as s\nassert s.plain_check(sys.argv[1:]) is not None and s._plain_console()\n"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CHECKER_DEBUG", "NO_COLOR", "FORCE_COLOR")}
    return {**env, "CHECKER_CACHE_DIR": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8", **extra}


def _run(code: str, args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, bytes, bytes]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, cwd=cwd,
                          check=False, timeout=120)
    return done.returncode, done.stdout, done.stderr


def both(args: list[str], env: dict[str, str], cwd: Path = ROOT, before: str = "",
         taken: bool = True) -> tuple[int, bytes, bytes]:
    plain = _run(PLAIN.format(before=(TAKEN if taken else "") + before), args, env, cwd)
    clicked = _run(CLICK.format(before=before), args, env, cwd)
    assert plain == clicked, (plain[0], clicked[0], plain[2][-500:], clicked[2][-500:])
    return plain


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    here = tmp_path / "报告"
    here.mkdir()
    shutil.copy(EXAMPLE, here / "县政府2024.txt")
    (here / "空白.txt").write_bytes(b"")
    (here / "说明.xlsx").write_bytes(b"not a report")
    return here


def test_the_command_lines_the_plain_start_takes() -> None:
    assert start.plain_check(["check", "a.txt", "--no-color", "b.docx", "-v", "--no-cache", "--no-config"]) == {
        "files": ("a.txt", "b.docx"), "color": False, "verbose": True, "no_cache": True, "no_config": True}
    assert start.plain_check(["check", "--no-color", "a.txt", "--color"]) == {"files": ("a.txt",), "color": True}
    for args in (["check"], ["check", "--no-color"], ["check", "--format", "json", "a.txt"], ["check", "-h"],
                 ["check", "a.txt", "--help"], ["check", "--", "a.txt"], ["check", "-"], ["check", "-x.txt"],
                 ["check", "--width=80", "a.txt"], ["check", "-vv", "a.txt"], ["audit", "a.txt"],
                 ["--version"], [], ["rules", "list"]):
        assert start.plain_check(args) is None, args


@pytest.mark.parametrize("flags", [[], ["--no-color"], ["--color"], ["-v", "--no-cache"], ["--no-config"]])
def test_a_report_prints_the_same_on_a_pipe(tmp_path: Path, flags: list[str]) -> None:
    code, out, _err = both(["check", *flags, EXAMPLE], _env(tmp_path))
    assert code == 0 and "得分：".encode() in out
    assert (b"\x1b[" in out) == (flags == ["--color"])


def test_errors_notes_and_several_files(tmp_path: Path, folder: Path) -> None:
    env = _env(tmp_path)
    code, out, err = both(["check", "--no-color", str(folder), str(tmp_path / "不存在.txt")], env)
    assert code == 2 and "文件不存在".encode() in out and "文件为空".encode() in out
    listing = tmp_path / "清单.txt"
    listing.write_text(f"{folder / '县政府2024.txt'}\n{EXAMPLE}\n", encoding="utf-8")
    code, out, _ = both(["check", f"@{listing}"], env)
    assert code == 0 and out.count("报告：".encode()) == 2
    empty = tmp_path / "空"
    empty.mkdir()
    code, out, err = both(["check", str(empty)], env)
    assert code == 2 and out == b""
    assert err.decode().startswith("注意：") and "错误：没有找到可检查的报告文件" in err.decode()


def test_a_configuration_file_decides_the_profile_and_the_gate(tmp_path: Path, folder: Path) -> None:
    (folder / ".checker.yaml").write_text("profile: audit\nfail_on: warning\n", encoding="utf-8")
    report = str(folder / "县政府2024.txt")
    code, out, _ = both(["check", report], _env(tmp_path))
    code_without, out_without, _ = both(["check", "--no-config", report], _env(tmp_path))
    assert (code, code_without) == (1, 0)  # the file's gate: warnings fail
    assert len(out) > len(out_without)  # the audit profile shows every hint


def test_a_crash_and_ctrl_c_end_the_same(tmp_path: Path) -> None:
    env = _env(tmp_path)
    broken = ("from checker.commands import runner\n"
              "def broken(*a, **k): raise RuntimeError('something unforeseen')\n"
              "runner.check_files = broken\n")
    code, _, err = both(["check", EXAMPLE], env, before=broken)
    assert code == 2 and err.decode().startswith("错误：内部错误（RuntimeError：something unforeseen）")
    interrupted = broken.replace("raise RuntimeError('something unforeseen')", "raise KeyboardInterrupt")
    code, _, err = both(["check", EXAMPLE], env, before=interrupted)
    assert code == 130 and "已中断".encode() in err
    # CHECKER_DEBUG=1: the traceback (whose frames differ: the entry point's are in it).
    for code_text in (PLAIN.format(before=TAKEN + broken), CLICK.format(before=broken)):
        code, _out, err = _run(code_text, ["check", EXAMPLE], {**env, "CHECKER_DEBUG": "1"}, ROOT)
        assert code == 1 and b"Traceback" in err and err.endswith(b"RuntimeError: something unforeseen\n")


def test_a_console_click_would_write_to_otherwise_goes_to_click(tmp_path: Path) -> None:
    env = _env(tmp_path, PYTHONIOENCODING="ascii")
    check = "import checker.commands.start as s\nassert not s._plain_console()\n"
    code, out, _ = both(["check", "--no-color", EXAMPLE], env, before=check, taken=False)
    assert code == 0 and "得分：".encode() in out  # click writes UTF-8 to an ASCII console
    completing = _env(tmp_path, _CHECKER_COMPLETE="bash_source")
    code, out, _ = both(["check", EXAMPLE], completing, before=check, taken=False)
    assert code == 0 and b"complete" in out and "得分".encode() not in out  # click's completion script


def _on_terminal(code: str, args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    leader, follower = pty.openpty()
    os.set_inheritable(follower, True)
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdin=follower, stdout=follower,
                               stderr=follower, env={**env, "COLUMNS": "100", "LINES": "40"}, cwd=ROOT)
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=120), b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX terminal")
def test_on_a_terminal_colour_and_width_are_the_same(tmp_path: Path) -> None:
    env = _env(tmp_path)
    plain = _on_terminal(PLAIN.format(before=TAKEN), ["check", EXAMPLE], env)
    clicked = _on_terminal(CLICK.format(before=""), ["check", EXAMPLE], env)
    assert plain == clicked
    assert plain[0] == 0 and b"\x1b[" in plain[1]  # coloured by default on a terminal
