"""``checker rules``: list, show, validate and test the rules of a pack."""

from __future__ import annotations

import click

from checker.cli import fail
from checker.errors import CheckerError


@click.group("rules", invoke_without_command=True)
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
