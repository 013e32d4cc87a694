"""``checker baseline``: record the current findings, so that CI fails only on new ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from checker.commands.cli import EXIT_ERROR, EXIT_OK, config_options, fail, pack_options
from checker.errors import CheckerError


@click.command("baseline")
@click.argument("files", nargs=-1, required=True, metavar="报告文件...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              metavar="文件", help="基线文件（JSON），如 baseline.json。")
@pack_options
@click.option("--waivers", type=click.Path(dir_okay=False), metavar="文件",
              help="豁免文件：已豁免的问题不记入基线。")
@config_options
def baseline_command(files: tuple[str, ...], output: str, pack: str | None, template: str | None,
                     year: int | None, no_cache: bool, max_bytes: int | None, waivers: str | None,
                     config_file: str | None, no_config: bool) -> None:
    """记录报告当前的问题作为基线；check --baseline 时只有新问题影响退出码。也可给出文件夹、通配符或 @清单文件。"""
    from checker.commands import runner
    from checker.commands.inputs import expand
    from checker.gate import baseline

    try:
        found = expand(list(files))  # folders, globs and @lists, as for check
        for note in found.notes:
            click.echo(f"注意：{note}", err=True)
        # An empty baseline option overrides one named in a configuration: the old
        # baseline must not hide findings from the new one.
        document, _ = runner.check_files(
            found.paths, pack=pack, template=template, use_cache=not no_cache, failed=found.errors,
            max_bytes=max_bytes, year=year, waivers=waivers, baseline="",
            config_file=config_file, use_config=not no_config)
        data = baseline.build(document, output)
        runner.write_atomic(Path(output), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except CheckerError as exc:
        fail(str(exc))
    broken = [r for r in document["reports"] if r.get("error")]
    for report in broken:
        click.echo(f"错误：{report['path']}：{report['error']}（未记入基线）", err=True)
    count = sum(item["count"] for items in data["reports"].values() for item in items)
    click.echo(f"已写入基线 {output}：{len(data['reports'])} 份报告，{count} 个问题")
    sys.exit(EXIT_ERROR if broken else EXIT_OK)
