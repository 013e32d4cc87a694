"""``checker check``: check reports and print the gap report (or JSON, SARIF, JUnit…).

The options are read here; what the command does is :func:`checker.commands.checking.run`.
"""

from __future__ import annotations

import click

from checker.commands.cli import pack_options, settings_options

FORMAT_CHOICES = ["terminal", "json", "sarif", "junit", "github", "html"]  # every key of checker.render.FORMATS


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
    from checker.commands import checking

    checking.run(files, click.echo, fmt=fmt, pack=pack, template=template, year=year, no_cache=no_cache,
                 max_bytes=max_bytes, profile=profile, fail_on=fail_on, min_score=min_score,
                 baseline=baseline, waivers=waivers, words=words, config_file=config_file,
                 no_config=no_config, time_limit=time_limit, annotate=annotate, annotate_dir=annotate_dir,
                 output=output, color=color, width=width, verbose=verbose)
