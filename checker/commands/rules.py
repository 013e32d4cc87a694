"""``checker rules``: list, show, validate, test and document the rules of a pack."""

from __future__ import annotations

import sys

import click

from checker.commands import chinese
from checker.commands.cli import EXIT_FINDINGS, fail
from checker.errors import CheckerError


@click.group("rules", cls=chinese.Group, invoke_without_command=True)
@click.pass_context
def rules_group(ctx: click.Context) -> None:
    """列出、查看、校验和测试规则包中的规则。"""
    if ctx.invoked_subcommand is None:
        ctx.invoke(rules_list)


@rules_group.command("list")
@click.option("--pack", metavar="名称或目录", help="规则包（默认 fazhi-annual）。")
def rules_list(pack: str | None) -> None:
    """列出规则：编号、级别、名称和依据。"""
    from checker.pack import rulebook

    try:
        click.echo(rulebook.list_text(pack), nl=False)
    except CheckerError as exc:
        fail(str(exc))


@rules_group.command("show")
@click.argument("rule_id", metavar="规则编号")
@click.option("--pack", metavar="名称或目录", help="规则包（默认 fazhi-annual）。")
def rules_show(rule_id: str, pack: str | None) -> None:
    """显示一条规则的说明、依据和示例。"""
    from checker.pack import rulebook

    try:
        click.echo(rulebook.show_text(pack, rule_id), nl=False)
    except CheckerError as exc:
        fail(str(exc))


@rules_group.command("validate")
@click.argument("pack", metavar="规则包目录")
def rules_validate(pack: str) -> None:
    """校验规则包：列出所有问题（文件:行：说明），没有问题时退出码为 0。"""
    from checker.pack import lint

    try:
        problems, loaded = lint.problems(pack)
    except CheckerError as exc:
        fail(str(exc))
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"共 {len(problems)} 个问题", err=True)
        sys.exit(EXIT_FINDINGS)
    assert loaded is not None
    click.echo(f"规则包 {loaded.id} {loaded.version} 有效：{len(loaded.rules)} 条规则，"
               f"{len(loaded.templates)} 个模板")


@rules_group.command("test")
@click.argument("pack", metavar="规则包目录或名称", required=False)
@click.option("-v", "--verbose", is_flag=True, help="列出每个示例，而不只是失败的示例。")
def rules_test(pack: str | None, verbose: bool) -> None:
    """运行规则包中每条规则的示例：应报告的要报告，不应报告的不报告；有失败时退出码为 1。"""
    from checker import ruletest
    from checker.pack.loader import load_pack

    try:
        loaded = load_pack(pack, use_cache=False)
        outcomes = ruletest.run_all(loaded)
    except CheckerError as exc:
        fail(str(exc))
    click.echo(ruletest.summary_text(loaded, outcomes, verbose), nl=False)
    if any(not o.ok for o in outcomes) or ruletest.missing_examples(loaded):
        sys.exit(EXIT_FINDINGS)


@rules_group.command("doc")
@click.option("--pack", metavar="名称或目录", help="规则包（默认 fazhi-annual）。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="文件",
              help="写入文件（如 docs/rules.md）；默认输出到终端。")
def rules_doc(pack: str | None, output: str | None) -> None:
    """生成规则参考文档（Markdown）：每条规则的说明、依据、参数和示例，以及模板。"""
    from pathlib import Path

    from checker.commands import runner
    from checker.pack import rulebook

    try:
        text = rulebook.doc_markdown(pack)
        if output:
            runner.write_atomic(Path(output), text)
            click.echo(f"已写入 {output}")
        else:
            click.echo(text, nl=False)
    except CheckerError as exc:
        fail(str(exc))
