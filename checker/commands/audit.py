"""``checker audit``: check a whole batch of reports, rank them, compare them, export."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from checker.commands.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, pack_options, settings_options
from checker.errors import CheckerError

REFRESH_SECONDS = 0.1


@click.command("audit", short_help="批量审核报告：排名、汇总缺项和高频问题、发现雷同、逐年对比")
@click.argument("paths", nargs=-1, required=True, metavar="路径...")
@pack_options
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N",
              help="并行检查的进程数（默认：全部 CPU 核心；0 表示在本进程中逐份检查）。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条。")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), metavar="文件",
              help="导出排名表为 CSV（UTF-8 带 BOM，Excel 可直接打开）。")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), metavar="文件",
              help="导出 Excel 工作簿：报告排名、问题清单、要素矩阵、雷同、逐年对比。")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), metavar="文件",
              help="导出单个离线网页：排名表、图表和每份报告的问题清单。")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), metavar="文件",
              help="导出 JSON（与 check --format json 相同的报告结构，另含 audit 汇总）。")
@settings_options
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help="终端排名表只显示前 N 份（默认全部；导出文件总是完整的）。")
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
              metavar="秒", help="单份报告的处理时限，超时的报告记为无法检查。")
@click.option("--color/--no-color", default=None, help="是否使用颜色（默认：终端中使用）。")
@click.option("--width", type=click.IntRange(min=60), metavar="列数", help="终端输出宽度。")
def audit_command(paths: tuple[str, ...], pack: str | None, template: str | None,
                  year: int | None, no_cache: bool, max_bytes: int | None, jobs: int | None,
                  quiet: bool, csv_path: str | None, xlsx_path: str | None,
                  html_path: str | None, json_path: str | None, profile: str | None, fail_on: str | None,
                  min_score: float | None, baseline: str | None, waivers: str | None, words: str | None,
                  config_file: str | None, no_config: bool, time_limit: float | None,
                  limit: int | None, timeout: float, color: bool | None, width: int | None) -> None:
    """批量审核报告：逐份检查、排名、汇总缺项和高频问题，发现雷同报告，对比同一单位的相邻年度。

    路径可以是文件、文件夹（递归查找 .txt .md .docx .pdf .html 等）、通配符（如
    "报告/**/*.docx"）或 @清单文件（每行一个路径）。

    文件夹中每个像报告的文件都有一行，无法读取的写明原因和处理办法，不影响其他报告。

    每份报告的设置与 check 相同（所在目录的 .checker.yaml、--config、--profile、豁免和基线）。

    结果按文件内容缓存，文件未改动时不再重新检查；--no-cache 不读也不写缓存；checker cache 查看和清理缓存。
    """
    from checker.audit import exports
    from checker.audit.batch import run_audit
    from checker.audit.worker import AuditConfig
    from checker.commands.inputs import expand

    try:
        found = expand(list(paths))
        files = found.paths
        for note in found.notes:
            click.echo(f"注意：{note}", err=True)
        if not files:
            raise CheckerError("没有找到可检查的报告文件")
        outputs = {fmt: Path(p) for fmt, p in (("csv", csv_path), ("xlsx", xlsx_path),
                                               ("html", html_path), ("json", json_path)) if p}
        if "xlsx" in outputs:
            exports.require_xlsx()
        config = AuditConfig(pack=pack, template=template, year=year, fail_on=fail_on,
                             min_score=min_score, max_bytes=max_bytes, use_cache=not no_cache,
                             profile=profile, waivers=waivers, baseline=baseline, time_limit=time_limit,
                             words=words,
                             config_file=config_file, use_config=not no_config)
        show_progress = not quiet and sys.stderr.isatty()
        with _Progress(len(files), show_progress) as progress:
            audit = run_audit(files, config, jobs=jobs, timeout=timeout, on_result=progress.advance,
                              failed=found.errors)
        with audit:
            _print(audit, color, width, limit)
            for fmt, target in outputs.items():
                exports.write(fmt, audit, target)
                click.echo(f"已写入 {target}", err=True)
            for note in audit.notes:
                click.echo(f"注意：{note}", err=True)
            status = EXIT_ERROR if audit.failed else \
                EXIT_FINDINGS if any(not r.passed for r in audit.rows) else EXIT_OK
    except CheckerError as exc:
        fail(str(exc))
    sys.exit(status)


def _print(audit: Any, color: bool | None, width: int | None, limit: int | None) -> None:
    from rich.console import Console

    from checker.audit import terminal

    tty = sys.stdout.isatty()
    use_color = tty if color is None else color
    console = Console(width=width or (None if tty else 100), color_system="standard" if use_color else None,
                      force_terminal=use_color, no_color=not use_color, highlight=False, emoji=False,
                      soft_wrap=False)
    terminal.render(console, audit, limit)


class _Progress:
    """A progress bar on stderr, refreshed by hand: no refresh thread runs while workers fork."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None
        self._last = 0.0

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("检查报告"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("剩余"), TimeRemainingColumn(),
                                 console=Console(stderr=True), auto_refresh=False, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("audit", total=self.total)
        return self

    def advance(self, _row: object) -> None:
        if self._bar is None:
            return
        self._bar.advance(self._task)
        now = time.monotonic()
        if now - self._last >= REFRESH_SECONDS:
            self._last = now
            self._bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
