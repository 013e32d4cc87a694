"""``checker check``: check reports and print the gap report (or JSON, SARIF, JUnit…)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker.cli import fail, pack_options
from checker.errors import CheckerError

FORMAT_CHOICES = ["terminal", "json"]  # every key of checker.render.FORMATS


@click.command("check")
@click.argument("files", nargs=-1, required=True, metavar="报告文件...")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="terminal",
              show_default=True, help="输出格式。")
@pack_options
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
                  year: int | None, no_cache: bool, max_bytes: int | None, fail_on: str,
                  min_score: float | None, output: str | None, color: bool | None,
                  width: int | None, verbose: bool) -> None:
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
            width=width or (terminal_width() if tty else 100),
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


def terminal_width() -> int:
    try:
        return max(os.get_terminal_size().columns, 60)
    except OSError:
        return 100
