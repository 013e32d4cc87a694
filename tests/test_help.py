"""--help and usage errors read Chinese, and their columns line up in terminal cells."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from checker.commands.chinese import cells
from checker.commands.cli import COMMANDS, main

ENGLISH = re.compile(r"Show this|Show the version|Usage:|Options:|Commands:|Error:|Try '|No such|Missing "
                     r"|Invalid value|is not|default:|\[required\]|INTEGER|TEXT|PATH|\[OPTIONS\]")
SUBCOMMANDS = [[]] + [[name] for name in COMMANDS] + [["rules", "show"], ["rules", "list"], ["cache", "prune"]]


def _help(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="checker", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("args", SUBCOMMANDS, ids=lambda a: " ".join(a) or "checker")
def test_every_help_page_is_chinese_and_fits_the_width(args: list[str]) -> None:
    text = _help(*args)
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert text.startswith("用法：checker") and "选项：" in text and "显示本帮助并退出。" in text
    assert all(cells(line) <= 100 for line in text.splitlines()), max(text.splitlines(), key=cells)


def test_the_option_column_lines_up_in_cells() -> None:
    text = _help("check")
    # Every option with its help on the same line: the help starts at the same cell.
    starts = set()
    for line in text.split("选项：\n")[1].splitlines():
        match = re.match(r"^  (-\S.*?\S)  +(\S)", line)
        if match:
            starts.add(cells(line[: match.start(2)]))
    assert len(starts) == 1, starts
    assert re.search(r"^  --year 年度 +指定报告年度", text, re.M)


def test_the_version_option_and_the_command_list_are_chinese() -> None:
    text = _help()
    assert "-V, --version  显示版本号并退出。" in text
    assert "命令：\n  check     检查报告：" in text
    assert "…" not in text  # every command's line is its short help, whole


def test_usage_errors_are_chinese() -> None:
    runner = CliRunner()
    out = runner.invoke(main, prog_name="checker", args=["check", "--nope", "x.txt"]).output
    assert "错误：没有选项 '--nope'。" in out and "运行“checker check --help”查看帮助。" in out
    out = runner.invoke(main, prog_name="checker", args=["chek"]).output
    assert "错误：没有命令 'chek'。" in out
    out = runner.invoke(main, prog_name="checker", args=["check", "--year", "abc", "x.txt"]).output
    assert "错误：'--year' 的值无效：'abc' 不是有效的数字。" in out
    out = runner.invoke(main, prog_name="checker", args=["check", "--format", "xml", "x.txt"]).output
    assert "'xml' 不是可选的值（'terminal', 'json'" in out
    out = runner.invoke(main, prog_name="checker", args=["check"]).output
    assert "错误：缺少参数 '报告文件...'" in out
    assert not ENGLISH.search(out)


def test_a_suggestion_for_a_mistyped_option_is_chinese() -> None:
    out = CliRunner().invoke(main, ["check", "--no-cach", "x.txt"], prog_name="checker").output
    assert "没有选项 '--no-cach'。 您是否要找 '--no-cache', '--no-color', '--no-config'？" in out
