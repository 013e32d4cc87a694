"""The ``checker`` command group. Subcommands live in ``checker/commands/``, one module each.

Subcommands are imported only when invoked (a lazy click group), so that
``checker check`` does not pay for ``audit`` or ``init``. Exit status, for every
command: 0 clean; 1 findings at or above the gate; 2 the tool could not run or a
file could not be read, or the tool met a defect (a crash is one line, exit 2;
``CHECKER_DEBUG=1`` shows the traceback); 130 interrupted (Ctrl-C), after the
temporary files and worker processes are cleaned up. Errors the tool raises
share one base class and are reported in one place, as one line (:func:`fail`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import click

from checker import __version__
from checker.commands import checking, chinese

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
F = TypeVar("F", bound=Callable[..., Any])

# name -> "module:attribute"; the order is the order of ``checker --help``.
COMMANDS: dict[str, str] = {
    "check": "checker.commands.check:check_command",
    "fix": "checker.commands.fix:fix_command",
    "baseline": "checker.commands.baseline:baseline_command",
    "init": "checker.commands.init:init_command",
    "rules": "checker.commands.rules:rules_group",
    "audit": "checker.commands.audit:audit_command",
    "cache": "checker.commands.cache:cache_group",
    "serve": "checker.commands.serve:serve_command",
}


chinese.install()


class LazyGroup(chinese.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        chinese.localise(command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; Ctrl-C exits 130 and a defect exits 2, each with one line."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except (KeyboardInterrupt, Exception) as exc:
            checking.stop(exc, click.echo)


def fail(message: str) -> None:
    """Report an error the tool raised, as one line on stderr, and exit 2."""
    checking.fail(click.echo, message)


def pack_options(func: F) -> F:
    """Options shared by the commands that check reports: what to check against."""
    func = click.option("--pack", metavar="名称或目录",
                        help="规则包：内置规则包名称或规则包目录（默认 fazhi-annual）。")(func)
    func = click.option("--template", metavar="模板",
                        help="指定报告模板（gov-annual 政府、dept-annual 部门）；默认自动判断。")(func)
    func = click.option("--year", type=click.IntRange(2000, 2100), metavar="年度",
                        help="指定报告年度（报告未写明年度时使用）。")(func)
    func = click.option("--no-cache", is_flag=True,
                        help="不用缓存：从规则包文件重新载入（内容未变、已校验过的规则包不再重复校验）；"
                             "audit 还会重新检查每份报告（不用也不存检查结果）。")(func)
    func = click.option("--max-bytes", type=click.IntRange(min=1), metavar="字节",
                        help="单个文件大小上限（默认 50MB）。")(func)
    return func


def settings_options(func: F) -> F:
    """Options shared by check and audit: what decides a report's verdict (the one settings path,
    checker/gate/run.py), in the order ``--help`` shows them."""
    func = click.option("--time-limit", type=click.FloatRange(0.01, 60), metavar="秒",
                        help="每条规则的正则表达式检索时间上限（默认 3 秒）。")(func)
    func = config_options(func)
    func = click.option("--words", type=click.Path(dir_okay=False), metavar="词表",
                        help="本地词表：每行“错误写法 → 正确写法  # 说明”，文中出现错误写法时提示。")(func)
    func = click.option("--waivers", type=click.Path(dir_okay=False), metavar="文件",
                        help="豁免文件（YAML）：列出的问题标为已豁免，不判为未通过（得分不变）。")(func)
    func = click.option("--baseline", type=click.Path(dir_okay=False), metavar="文件",
                        help="基线文件（checker baseline 生成）：其中已有的问题不判为未通过（得分不变）。")(func)
    func = click.option("--min-score", type=click.FloatRange(0, 100), metavar="分数",
                        help="得分低于该值时判为未通过（退出码 1）。")(func)
    func = click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
                        help="出现该级别及以上的问题时判为未通过（退出码 1；默认 error，ci 场景为 warning）。")(func)
    func = click.option("--profile", type=click.Choice(["drafter", "audit", "ci"]),
                        help="使用场景：drafter 起草（默认）、audit 审阅（显示全部问题）、"
                             "ci 持续集成（警告也不通过、无颜色）。")(func)
    return func


def config_options(func: F) -> F:
    """Options shared by the commands that check reports: which configuration file, if any."""
    func = click.option("--no-config", is_flag=True, help="不读取任何配置文件。")(func)
    func = click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件",
                        help="配置文件（默认：从报告所在目录向上查找 .checker.yaml 或 pyproject.toml）。")(func)
    return func


@click.group(cls=LazyGroup, options_metavar="[选项]", subcommand_metavar="命令 [参数]...",
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="checker",
                      message="%(prog)s %(version)s", help=chinese.gettext("Show the version and exit."))
def main() -> None:
    """法治政府建设年度报告检查工具：检查必备内容、数据、用语和格式，给出得分和问题清单。"""
    from checker.commands import console

    console.setup()  # a console that is not UTF-8 gets look-alikes, never an encoding error


if __name__ == "__main__":  # pragma: no cover
    main()
