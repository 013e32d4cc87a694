"""``checker check``: check reports and print the gap report (or JSON, SARIF, JUnit…)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from checker.commands.cli import fail, pack_options, settings_options
from checker.errors import CheckerError, ReadError

FORMAT_CHOICES = ["terminal", "json", "sarif", "junit", "github", "html"]  # every key of checker.render.FORMATS
# Files for programs (and the page): UTF-8 on standard output whatever the console's encoding.
UTF8_FORMATS = {"json", "sarif", "junit", "html"}


@click.command("check", short_help="检查报告：必备内容、数据、用语和格式，给出得分和问题清单")
@click.argument("files", nargs=-1, required=True, metavar="报告文件...")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="terminal",
              show_default=True,
              help="输出格式（html 为单份报告的网页，原文中标出问题；sarif、junit、github 供持续集成使用）。")
@pack_options
@settings_options
@click.option("--annotate", is_flag=True,
              help="另存带批注的 Word 文件“原名.批注.docx”：每个问题作为批注标在原文处，"
                   "首条批注给出得分；原文件不改动。")
@click.option("--annotate-dir", type=click.Path(file_okay=False), metavar="目录",
              help="批注稿写入该目录（默认与报告同目录）；给出时即生成批注稿。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="文件",
              help="把所选格式的结果写入文件（终端仍显示问题清单）；- 为标准输出。")
@click.option("--color/--no-color", default=None, help="是否使用颜色（默认：终端中使用）。")
@click.option("--width", type=click.IntRange(min=40), metavar="列数", help="终端输出宽度。")
@click.option("-v", "--verbose", is_flag=True, default=None, help="显示全部提示级问题。")
def check_command(files: tuple[str, ...], fmt: str, pack: str | None, template: str | None,
                  year: int | None, no_cache: bool, max_bytes: int | None, profile: str | None,
                  fail_on: str | None, min_score: float | None, baseline: str | None,
                  waivers: str | None, words: str | None, config_file: str | None, no_config: bool,
                  time_limit: float | None, annotate: bool, annotate_dir: str | None,
                  output: str | None, color: bool | None,
                  width: int | None, verbose: bool | None) -> None:
    """检查一份或多份报告（.docx .doc .wps .pdf .ofd .html .txt .md，扫描件与图片经文字识别）；
    也可给出文件夹、通配符或 @清单文件。

    文件夹中每个像报告的文件（按扩展名或内容）都有一行结果；读不了的给出原因和处理办法。
    """
    from checker.commands import runner
    from checker.commands.console import write_machine
    from checker.commands.inputs import expand
    from checker.gate import config
    from checker.render import RenderOptions, render

    try:
        # Each argument on its own: a file named twice is checked twice, as asked.
        paths: list[str] = []
        failed: dict[str, str] = {}
        for argument in files:
            found = expand([argument])
            paths.extend(found.paths)
            failed.update(found.errors)
            for note in found.notes:
                click.echo(f"注意：{note}", err=True)
        if not paths:
            fail("没有找到可检查的报告文件")
        files = tuple(paths)
        if sys.stderr.isatty():
            _show_ocr_progress()
        document, status = runner.check_files(
            list(files), pack=pack, template=template, fail_on=fail_on, min_score=min_score,
            use_cache=not no_cache, max_bytes=max_bytes, year=year, profile=profile,
            config_file=config_file, use_config=not no_config, waivers=waivers,
            baseline=baseline, time_limit=time_limit, words=words, failed=failed)
        # Presentation follows the first report's settings (its configuration and profile).
        shown = config.resolve(files[0], {"profile": profile, "color": color, "verbose": verbose},
                               config_file, not no_config)
        tty = sys.stdout.isatty()
        options = RenderOptions(
            color=tty if shown.color is None else shown.color,
            width=width or (terminal_width() if tty else 100),
            verbose=bool(shown.verbose),
        )
        if output and output != "-":
            runner.write_atomic(Path(output), render(fmt, document, options))
            click.echo(render("terminal", document, options), nl=False, color=options.color)
        elif fmt in UTF8_FORMATS:
            write_machine(render(fmt, document, options))  # UTF-8 whatever the console
        else:
            # color= stops click from stripping the colour codes when stdout is not a terminal.
            click.echo(render(fmt, document, options), nl=False, color=options.color)
        if annotate or annotate_dir:
            status = max(status, write_annotated(document, annotate_dir))
    except CheckerError as exc:
        fail(str(exc))
    sys.exit(status)


def _show_ocr_progress() -> None:
    """A scan takes seconds a page to read: say which page on the terminal's stderr."""
    from checker.readers import ocr

    def shown(path: str, done: int, total: int) -> None:
        end = "\n" if done == total else ""
        click.echo(f"\r正在识别 {Path(path).name}：第 {done}/{total} 页{end}", err=True, nl=False)

    ocr.set_progress(shown)


def write_annotated(document: dict[str, Any], folder: str | None) -> int:
    """报告.批注.docx for each report checked (beside it, or in ``folder``); 2 if one could not be written."""
    from checker.commands.runner import EXIT_ERROR, EXIT_OK, write_atomic
    from checker.render.word.comments import annotate_with_places, annotated_name

    status = EXIT_OK
    written: set[Path] = set()
    for report in document["reports"]:
        path = Path(report["path"])
        if report.get("error"):
            continue  # already reported as 无法检查
        target_dir = Path(folder) if folder else path.parent
        target = target_dir / annotated_name(path)
        counter = 2
        while target in written:  # two reports of the same name into one folder
            target = target_dir / annotated_name(path.with_name(f"{path.stem}-{counter}{path.suffix}"))
            counter += 1
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            data, placed = annotate_with_places(report, path, rules=document.get("rules"))
            write_atomic(target, data)
        except (CheckerError, OSError) as exc:
            reason = exc.reason if isinstance(exc, ReadError) else (
                str(exc) if isinstance(exc, CheckerError) else exc.strerror or str(exc))
            click.echo(f"错误：{path}：无法生成批注稿（{reason}）", err=True)
            status = EXIT_ERROR
            continue
        written.add(target)
        click.echo(f"已生成批注稿：{target}（批注 {len(placed)} 条；原文件未改动）", err=True)
    return status


def terminal_width() -> int:
    try:
        return max(os.get_terminal_size().columns, 60)
    except OSError:
        return 100
