"""The ``checker`` command: parse options, call the engine, render, map to an exit status.

Exit status: 0 nothing at or above ``--fail-on`` was found; 1 something was (or a
report scored below ``--min-score``); 2 the tool could not run or a file could
not be read (the other files are still checked). Errors the tool raises share
one base class and are reported here, in one place, as one line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from checker import __version__
from checker.errors import CheckerError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMAT_CHOICES = ["terminal", "json", "sarif", "junit", "github"]
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_ERROR)


def common_check_options(func: F) -> F:
    """Options shared by ``check`` and ``baseline``: what to check against."""
    func = click.option("--pack", metavar="名称或目录",
                        help="规则包：内置规则包名称或规则包目录（默认 fazhi-annual）。")(func)
    func = click.option("--template", metavar="模板",
                        help="指定报告模板（gov-annual 政府、dept-annual 部门）；默认自动判断。")(func)
    func = click.option("--year", type=click.IntRange(2000, 2100), metavar="年度",
                        help="指定报告年度（报告未写明年度时使用）。")(func)
    func = click.option("--no-cache", is_flag=True, help="不使用规则包缓存。")(func)
    func = click.option("--max-bytes", type=click.IntRange(min=1), metavar="字节",
                        help="单个文件大小上限（默认 50MB）。")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="checker",
                      message="%(prog)s %(version)s")
def main() -> None:
    """法治政府建设年度报告检查工具：检查必备内容、数据、用语和格式，给出得分和问题清单。"""


@main.command("check")
@click.argument("files", nargs=-1, required=True, metavar="报告文件...")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="terminal",
              show_default=True, help="输出格式。")
@common_check_options
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error",
              show_default=True, help="出现该级别及以上的问题时退出码为 1。")
@click.option("--min-score", type=click.FloatRange(0, 100), metavar="分数",
              help="得分低于该值时退出码为 1。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="文件",
              help="把所选格式的结果写入文件（终端仍显示问题清单）。")
@click.option("--color/--no-color", default=None, help="是否使用颜色（默认：终端中使用）。")
@click.option("--width", type=click.IntRange(min=40), help="终端输出宽度。")
@click.option("-v", "--verbose", is_flag=True, help="显示全部提示级问题。")
def check_command(files: tuple[str, ...], fmt: str, pack: str | None, template: str | None,
                  year: int | None, no_cache: bool, max_bytes: int | None, fail_on: str, min_score: float | None,
                  output: str | None, color: bool | None, width: int | None,
                  verbose: bool) -> None:
    """检查一份或多份报告（.txt .md .docx .pdf .html）。"""
    from checker import runner
    from checker.render import RenderOptions, render

    try:
        document, status = runner.check_files(
            list(files), pack=pack, template=template, fail_on=fail_on, min_score=min_score,
            use_cache=not no_cache, max_bytes=max_bytes, year=year)
        tty = sys.stdout.isatty()
        options = RenderOptions(
            color=tty if color is None else color,
            width=width or (_terminal_width() if tty else 100),
            verbose=verbose,
        )
        if output:
            runner.write_atomic(Path(output), render(fmt, document, options))
            click.echo(render("terminal", document, options), nl=False)
        else:
            click.echo(render(fmt, document, options), nl=False)
    except CheckerError as exc:
        fail(str(exc))
    sys.exit(status)


def _terminal_width() -> int:
    try:
        return max(os.get_terminal_size().columns, 60)
    except OSError:
        return 100


@main.group("rules", invoke_without_command=True)
@click.pass_context
def rules_group(ctx: click.Context) -> None:
    """列出、查看、校验和测试规则包中的规则。"""
    if ctx.invoked_subcommand is None:
        ctx.invoke(rules_list)


@rules_group.command("list")
@click.option("--pack", metavar="名称或目录", help="规则包（默认 fazhi-annual）。")
def rules_list(pack: str | None) -> None:
    """列出规则：编号、级别、名称和依据。"""
    from checker import rulebook

    try:
        click.echo(rulebook.list_text(pack), nl=False)
    except CheckerError as exc:
        fail(str(exc))


@rules_group.command("show")
@click.argument("rule_id", metavar="规则编号")
@click.option("--pack", metavar="名称或目录", help="规则包（默认 fazhi-annual）。")
def rules_show(rule_id: str, pack: str | None) -> None:
    """显示一条规则的说明、依据和示例。"""
    from checker import rulebook

    try:
        click.echo(rulebook.show_text(pack, rule_id), nl=False)
    except CheckerError as exc:
        fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    main()
