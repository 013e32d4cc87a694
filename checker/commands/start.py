"""The ``checker`` command's entry point: a plain ``checker check 报告.docx`` starts without click.

Importing click (with the uuid, platform and gettext modules it brings) and building its
command take about a tenth of a cold check. A ``check`` whose arguments are paths and the
flags of :data:`FLAGS` needs none of it: :func:`plain_check` reads such a command line and
:func:`checker.commands.checking.run`, the function the click command calls too, runs it with
:func:`echo`, which writes what ``click.echo`` writes on the consoles where this start is taken
(POSIX, standard text streams whose encoding is not ASCII: there click writes to the stream as it
is). Every other command line goes to click (:mod:`checker.commands.cli`): another command, an
option with a value, ``--help``, ``--``, a path that starts with ``-``, no path at all, Windows
(click expands wildcards there and writes to the console its own way) and shell completion.
``tests/test_start.py`` runs both on the same command lines and compares what they print and
their exit status.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from typing import Any

# The flags a plain check may carry: the option's parameter and the value the flag gives it.
FLAGS: dict[str, tuple[str, bool]] = {
    "--color": ("color", True), "--no-color": ("color", False), "--no-cache": ("no_cache", True),
    "--no-config": ("no_config", True), "-v": ("verbose", True), "--verbose": ("verbose", True),
}
ANSI = r"\033\[[0-?]*[ -/]*[@-~]"  # the escape sequences click.echo strips (click._compat._ansi_re)


def main() -> None:
    """``checker`` (``[project.scripts]``) and ``python -m checker``."""
    options = plain_check(sys.argv[1:]) if _plain_console() else None
    if options is None:
        from checker.commands.cli import main as click_main

        click_main()
        return
    from checker.commands import checking, console

    try:
        console.setup()
        checking.run(options.pop("files"), echo, **options)
    except (KeyboardInterrupt, Exception) as exc:
        checking.stop(exc, echo)


def plain_check(args: list[str]) -> dict[str, Any] | None:
    """``check``'s parameters from a command line of ``check``, paths and :data:`FLAGS` (the
    last of ``--color`` and ``--no-color`` wins, as in click); ``None`` for any other."""
    if not args or args[0] != "check":
        return None
    options: dict[str, Any] = {}
    files: list[str] = []
    for arg in args[1:]:
        if not arg.startswith("-"):
            files.append(arg)
        elif arg in FLAGS:
            name, value = FLAGS[arg]
            options[name] = value
        else:
            return None
    return {"files": tuple(files), **options} if files else None


def _plain_console() -> bool:
    """Where ``click.echo`` writes a text to the standard stream itself (and no completion is asked)."""
    if os.name != "posix" or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return False
    for stream in (sys.stdout, sys.stderr):
        if type(stream) is not io.TextIOWrapper:
            return False
        try:
            if codecs.lookup(stream.encoding).name == "ascii":
                return False  # click writes UTF-8 to the buffer instead
        except LookupError:
            pass
    return True


def echo(message: str = "", nl: bool = True, err: bool = False, color: bool | None = None) -> None:
    """``click.echo`` of a text on a plain console: without escape sequences unless ``color`` (by
    default: unless a terminal), flushed."""
    stream = sys.stderr if err else sys.stdout
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    if not _isatty(stream) if color is None else not color:
        out = re.sub(ANSI, "", out)
    stream.write(out)
    stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False
