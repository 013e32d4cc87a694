"""``checker init``: write a report skeleton with every required section and what belongs there."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from checker.commands.cli import fail
from checker.errors import CheckerError


@click.command("init")
@click.option("--template", default="gov-annual", show_default=True, metavar="模板",
              help="报告模板（gov-annual 政府、dept-annual 部门）。")
@click.option("--year", type=click.IntRange(2000, 2100), metavar="年度",
              help="报告年度（默认：上一年）。")
@click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default="md", show_default=True,
              help="文件格式。")
@click.option("--pack", metavar="名称或目录", help="规则包（模板来自规则包；默认 fazhi-annual）。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="文件",
              help="写入的文件（默认：“<年度>年度法治政府建设情况报告.<格式>”；md 可用 - 输出到终端）。")
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
def init_command(template: str, year: int | None, fmt: str, pack: str | None, output: str | None,
                 force: bool) -> None:
    """生成报告框架：按模板列出全部必备章节，每节下写明应写的内容和数据。"""
    from checker.commands import runner
    from checker.errors import UsageError
    from checker.pack.loader import load_pack
    from checker.render import skeleton

    year = year or date.today().year - 1
    try:
        loaded = load_pack(pack)
        if template not in loaded.templates:
            known = "、".join(sorted(loaded.templates))
            raise UsageError(f"未知的模板“{template}”（可用模板：{known}）")
        built = skeleton.build(loaded.templates[template], year)
        if output == "-":
            if fmt != "md":
                raise UsageError("docx 格式不能输出到终端，请用 -o 指定文件")
            click.echo(skeleton.markdown(built), nl=False)
            return
        target = Path(output or f"{year}年度法治政府建设情况报告.{fmt}")
        if target.exists() and not force:
            raise UsageError(f"{target}：文件已存在（加 --force 覆盖）")
        if fmt == "md":
            runner.write_atomic(target, skeleton.markdown(built))
        else:
            from checker.render.output import output_path

            try:
                with output_path(target) as name:  # a device or FIFO is written into, never replaced
                    skeleton.write_docx(built, name)
            except OSError as exc:
                raise UsageError(f"{target}：无法写入（{exc.strerror or exc}）") from None
    except CheckerError as exc:
        fail(str(exc))
    click.echo(f"已生成报告框架：{target}（模板 {template}，{year}年度）")
    click.echo(f"填写完成后删除【填写提示】，再运行 checker check {target} 检查。")
    sys.exit(0)
