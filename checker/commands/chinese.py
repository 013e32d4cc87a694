"""click in Chinese: its own strings (help option, usage errors) and a help layout for CJK text.

click writes its messages through :mod:`gettext` (``_("Show this message and exit.")``) but
finds a translation only through the process locale, which a drafter's Windows machine rarely
sets. :func:`install` points the ``_`` and ``ngettext`` each click module calls at the catalogue
below, whatever the locale. :class:`HelpFormatter` measures in terminal cells (a Chinese
character is two) and breaks lines as Chinese text is broken (:mod:`checker.render.wrap`), so
the option column lines up and no line overruns the width.

Strings click has and this catalogue lacks stay English; ``tests/test_help.py`` lists the ones a
user can meet.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import click

CATALOGUE: dict[str, str] = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "deprecated": "已弃用",
    "required": "必填",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的首字符无效（{option}）",
    "Value must be an iterable.": "值必须是一组值。",
    # types: the number's kind is left out ("integer range" is click's word, not the user's)
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是否值，可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是目录。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录，不是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接执行。",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: invalid input": "错误：输入无效",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Press any key to continue...": "按任意键继续……",
}

# (singular, plural) -> one Chinese form (Chinese has no plural); click passes every key both
# English forms use, so the form may use either.
PLURALS: dict[tuple[str, str], str] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): "您是否要找 {possibilities}？",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "多余的参数（{args}）",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "选项 {name!r} 需要 {nargs} 个值。",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "需要 {nargs} 个值，给出了 {len} 个。",
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."): "需要 {len_type} 个值，给出了 {len_value} 个。",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): "{value!r} 不是可选的值（{choices}）。",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        "{value!r} 不符合格式 {formats}。",
}

# The click modules that look the strings up; each holds its own ``_`` (and ``ngettext``).
CLICK_MODULES = ("core", "exceptions", "decorators", "formatting", "parser", "types", "termui")


def gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return PLURALS.get((singular, plural), singular if count == 1 else plural)


def install() -> None:
    """Make every click module look its strings up here (idempotent)."""
    import importlib

    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def cells(text: str) -> int:
    """Terminal cells: a wide (Chinese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, width: int) -> list[str]:
    from checker.render.wrap import wrap_plain

    return wrap_plain(text, max(width, 10)).split("\n")


def _paragraphs(text: str) -> list[tuple[bool, str]]:
    """(keep its lines, text) per paragraph; click's ``\\b`` marks a paragraph kept as written.
    The lines of any other paragraph are joined, without a space between Chinese characters."""
    out: list[tuple[bool, str]] = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.strip("\n").splitlines()]
        if not lines or not any(lines):
            continue
        if lines[0] == "\b":
            out.append((True, "\n".join(block.strip("\n").splitlines()[1:])))
            continue
        joined = lines[0]
        for line in lines[1:]:
            glue = "" if joined and line and cells(joined[-1]) == 2 and cells(line[0]) == 2 else " "
            joined += glue + line
        out.append((False, joined))
    return out


class HelpFormatter(click.HelpFormatter):
    """click's help layout, measured in terminal cells and broken as Chinese text is."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{heading}：\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = gettext("Usage:")
        head = f"{' ' * self.current_indent}{prefix}{prog} "
        if not args:
            self.write(head.rstrip() + "\n")
            return
        lines = _wrap(args, self.width - cells(head))
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * cells(head) + line + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        blocks = []
        for kept, paragraph in _paragraphs(text):
            lines = paragraph.splitlines() if kept else _wrap(paragraph, self.width - self.current_indent)
            blocks.append("\n".join(indent + line for line in lines))
        self.write("\n\n".join(blocks) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_width - col_spacing:
                self.write(" " * (first_width - cells(first)))
            else:
                self.write("\n" + " " * (first_width + self.current_indent))
            lines = _wrap(" ".join(second.split()), self.width - first_width - self.current_indent)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_width + self.current_indent) + line + "\n")


class Context(click.Context):
    formatter_class = HelpFormatter


def short_help(command: click.Command, limit: int) -> str:
    """A command's line in its group's list: its own ``short_help``, or its help up to the first
    full stop or semicolon, cut with “…” to ``limit`` cells."""
    if command.short_help:
        text = command.short_help
    else:
        first = (command.help or "").strip().split("\n\n")[0]
        text = "".join(part.strip() for part in first.splitlines())
        for mark in "。；":
            if mark in text:
                text = text[: text.index(mark)]
    if cells(text) <= limit:
        return text
    while text and cells(text) > limit - 2:
        text = text[:-1]
    return text + "…"


class Group(click.Group):
    """A click group whose help lists its commands in one line each, in Chinese layout, and
    whose commands (however they are added) use the Chinese help layout."""

    context_class = Context

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if not commands:
            return
        widest = max(cells(name) for name, _ in commands)
        limit = formatter.width - formatter.current_indent - widest - 2 - 2
        with formatter.section(gettext("Commands")):
            formatter.write_dl([(name, short_help(command, limit)) for name, command in commands])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            localise(command)
        return command


def localise(command: click.Command) -> None:
    """The Chinese help layout and metavars for a command (and the commands of a group)."""
    command.context_class = Context
    command.options_metavar = "[选项]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "命令 [参数]..."
