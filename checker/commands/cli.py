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

import contextlib
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from checker import __version__

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
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; Ctrl-C exits 130 and a defect exits 2, each with one line."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            # Every ``with`` and ``finally`` on the way here has run: temporary files are
            # gone, worker processes stopped.
            click.echo("\n已中断", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader of our output went away (``checker check … | head``): nothing to say.
            with contextlib.suppress(OSError, ValueError), open(os.devnull, "w") as sink:
                os.dup2(sink.fileno(), sys.stdout.fileno())  # no second error at exit's flush
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            if os.environ.get("CHECKER_DEBUG"):
                raise
            click.echo(f"错误：内部错误（{type(exc).__name__}：{str(exc)[:200]}），请报告此问题；"
                       "设置环境变量 CHECKER_DEBUG=1 可显示详情", err=True)
            sys.exit(EXIT_ERROR)


def fail(message: str) -> None:
    """Report an error the tool raised, as one line on stderr, and exit 2."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_ERROR)


def pack_options(func: F) -> F:
    """Options shared by the commands that check reports: what to check against."""
    func = click.option("--pack", metavar="名称或目录",
                        help="规则包：内置规则包名称或规则包目录（默认 fazhi-annual）。")(func)
    func = click.option("--template", metavar="模板",
                        help="指定报告模板（gov-annual 政府、dept-annual 部门）；默认自动判断。")(func)
    func = click.option("--year", type=click.IntRange(2000, 2100), metavar="年度",
                        help="指定报告年度（报告未写明年度时使用）。")(func)
    func = click.option("--no-cache", is_flag=True, help="不使用规则包缓存。")(func)
    func = click.option("--max-bytes", type=click.IntRange(min=1), metavar="字节",
                        help="单个文件大小上限（默认 50MB）。")(func)
    return func


def config_options(func: F) -> F:
    """Options shared by the commands that check reports: which configuration file, if any."""
    func = click.option("--no-config", is_flag=True, help="不读取任何配置文件。")(func)
    func = click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="文件",
                        help="配置文件（默认：从报告所在目录向上查找 .checker.yaml 或 pyproject.toml）。")(func)
    return func


@click.group(cls=LazyGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="checker",
                      message="%(prog)s %(version)s")
def main() -> None:
    """法治政府建设年度报告检查工具：检查必备内容、数据、用语和格式，给出得分和问题清单。"""
    from checker.commands import console

    console.setup()  # a console that is not UTF-8 gets look-alikes, never an encoding error


if __name__ == "__main__":  # pragma: no cover
    main()
