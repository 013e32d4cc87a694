"""``checker fix``: show the safe fixes as a diff; ``--write`` makes them.

A text report (.txt/.md) is changed in place, keeping its encoding, byte-order
mark and line endings; a Word report gets a copy, 报告.修订.docx, with each
change as a tracked change for the drafter to accept or reject; the original is
never touched. Which corrections are safe is pack data (``fix:`` on a rule).
Exit status: 0 nothing to fix (or everything written), 1 fixes shown but not
written, 2 the tool could not run or a file could not be read or written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.commands.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, config_options, fail, pack_options
from checker.errors import CheckerError


@click.command("fix", short_help="显示可以安全自动修改的问题（如“法制政府”），加 --write 写回")
@click.argument("files", nargs=-1, required=True, metavar="报告文件...")
@click.option("--write", is_flag=True,
              help="写回修改：文本文件原地修改（保留编码和换行）；Word 文件另存为“原名.修订.docx”（修订模式）。")
@pack_options
@click.option("--words", type=click.Path(dir_okay=False), metavar="词表",
              help="本地词表：每行“错误写法 → 正确写法  # 说明”，其中的改法也会应用。")
@config_options
@click.option("--color/--no-color", default=None, help="是否使用颜色（默认：终端中使用）。")
def fix_command(files: tuple[str, ...], write: bool, pack: str | None, template: str | None,
                year: int | None, no_cache: bool, max_bytes: int | None, words: str | None,
                config_file: str | None, no_config: bool, color: bool | None) -> None:
    """显示可以安全自动修改的问题（如“法制政府”→“法治政府”），加 --write 写回。"""
    from checker.commands import runner
    from checker.commands.inputs import expand

    try:
        found = expand(list(files))
        for note in found.notes:
            click.echo(f"注意：{note}", err=True)
        if not found.paths:
            fail("没有找到可检查的报告文件")
        document, _ = runner.check_files(found.paths, pack=pack, template=template, use_cache=not no_cache,
                                         max_bytes=max_bytes, year=year, config_file=config_file,
                                         use_config=not no_config, words=words, failed=found.errors)
    except CheckerError as exc:
        fail(str(exc))
    use_color = sys.stdout.isatty() if color is None else color
    statuses = [_one(report, write, use_color) for report in document["reports"]]
    sys.exit(max(statuses, default=EXIT_OK))


def _one(report: dict[str, Any], write: bool, color: bool) -> int:
    from checker.render import fixes

    path = report["path"]
    if report.get("error"):
        click.echo(f"{path}：无法检查：{report['error']}", err=True)
        return EXIT_ERROR
    edits = fixes.plan(report)
    if not edits:
        click.echo(f"{path}：没有可以自动修改的问题。", err=True)
        return EXIT_OK
    try:
        before = _lines(report)
        click.echo(_coloured(fixes.unified_diff(path, before, fixes.fixed_lines(before, edits)), color),
                   nl=False, color=color)
        if not write:
            click.echo(f"{path}：可自动修改 {len(edits)} 处（{_summary(edits)}）；加 --write 写回。", err=True)
            return EXIT_FINDINGS
        return _write(report, edits)
    except CheckerError as exc:
        click.echo(f"错误：{exc}", err=True)
        return EXIT_ERROR
    except OSError as exc:
        click.echo(f"错误：{path}：无法写入（{exc.strerror or exc}）", err=True)
        return EXIT_ERROR


def _lines(report: dict[str, Any]) -> list[str]:
    from checker.errors import ReadError
    from checker.readers import read_path

    try:
        return read_path(report["path"]).text.split("\n")
    except ReadError as exc:
        raise CheckerError(str(exc)) from None


def _write(report: dict[str, Any], edits: list[Any]) -> int:
    from checker.commands.runner import write_atomic
    from checker.render import fixes

    path = Path(report["path"])
    if report.get("format") == "docx":
        from checker.render.word.revisions import revise, revised_name

        data, made = revise(report, path, edits)
        target = path.with_name(revised_name(path))
        write_atomic(target, data)
        click.echo(f"已写入修订稿：{target}（修订 {len(made)} 处，在 Word/WPS 中逐条接受或拒绝；"
                   "原文件未改动）", err=True)
    elif report.get("format") in fixes.TEXT_FORMATS:
        data, made = fixes.apply_text(path.read_bytes(), edits, str(path))
        write_atomic(path, data, like=path)
        click.echo(f"已修改：{path}（{len(made)} 处）", err=True)
    else:
        click.echo(f"{path}：{report.get('format')} 文件无法直接修改，请在原文件中按上面的差异手工修改"
                   "（或对 Word 文件运行 checker fix --write）。", err=True)
        return EXIT_FINDINGS
    left = len(edits) - len(made)
    if left:
        rest = _summary([e for e in edits if e not in made])
        click.echo(f"  另有 {left} 处的原文与检查时不同或跨越了格式边界，未修改：{rest}", err=True)
    return EXIT_OK


def _summary(edits: list[Any]) -> str:
    shown = "；".join(e.describe() for e in edits[:5])
    return shown + (f"；等 {len(edits)} 处" if len(edits) > 5 else "")


def _coloured(diff: str, color: bool) -> str:
    if not color:
        return diff
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line, bold=True))
        elif line.startswith("+"):
            out.append(click.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(click.style(line, fg="red"))
        elif line.startswith("@@"):
            out.append(click.style(line, fg="cyan"))
        else:
            out.append(line)
    return "".join(out)
