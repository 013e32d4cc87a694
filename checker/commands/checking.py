"""What ``checker check`` does once its arguments are read, without click.

The click command (:mod:`checker.commands.check`) and the plain start
(:mod:`checker.commands.start`, a ``checker check 报告.docx`` read without click) both call
:func:`run`; each passes the ``echo`` it writes with (``click.echo``, or
:func:`checker.commands.start.echo` where that does the same).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from checker.errors import CheckerError, ReadError

EXIT_ERROR, EXIT_INTERRUPTED = 2, 130
# Files for programs (and the page): UTF-8 on standard output whatever the console's encoding.
UTF8_FORMATS = {"json", "sarif", "junit", "html"}
Echo = Callable[..., None]  # echo(message, nl=True, err=False, color=None), as click.echo


def fail(echo: Echo, message: str) -> NoReturn:
    """Report an error the tool raised, as one line on stderr, and exit 2."""
    echo(f"错误：{message}", err=True)
    sys.exit(EXIT_ERROR)


def stop(exc: BaseException, echo: Echo) -> NoReturn:
    """How a command ends on an exception it did not handle: Ctrl-C exits 130, a reader that went
    away exits 2 quietly, a defect exits 2 with one line (``CHECKER_DEBUG=1``: the traceback)."""
    if isinstance(exc, KeyboardInterrupt):
        # Every ``with`` and ``finally`` on the way here has run: temporary files are
        # gone, worker processes stopped.
        echo("\n已中断", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        # The reader of our output went away (``checker check … | head``): nothing to say.
        with contextlib.suppress(OSError, ValueError), open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), sys.stdout.fileno())  # no second error at exit's flush
        sys.exit(EXIT_ERROR)
    if os.environ.get("CHECKER_DEBUG"):
        raise exc
    echo(f"错误：内部错误（{type(exc).__name__}：{str(exc)[:200]}），请报告此问题；"
         "设置环境变量 CHECKER_DEBUG=1 可显示详情", err=True)
    sys.exit(EXIT_ERROR)


def run(files: tuple[str, ...], echo: Echo, *, fmt: str = "terminal", pack: str | None = None,
        template: str | None = None, year: int | None = None, no_cache: bool = False,
        max_bytes: int | None = None, profile: str | None = None, fail_on: str | None = None,
        min_score: float | None = None, baseline: str | None = None, waivers: str | None = None,
        words: str | None = None, config_file: str | None = None, no_config: bool = False,
        time_limit: float | None = None, annotate: bool = False, annotate_dir: str | None = None,
        output: str | None = None, color: bool | None = None, width: int | None = None,
        verbose: bool | None = None) -> NoReturn:
    """Check the reports, print or write the result, and exit with the run's status."""
    from checker.commands import runner
    from checker.commands.console import write_machine
    from checker.commands.inputs import expand
    from checker.gate import config
    from checker.render import RenderOptions, render

    try:
        # Each argument on its own: a file named twice is checked twice, as asked.
        paths: list[str] = []
        failed: dict[str, str] = {}
        for argument in files:
            found = expand([argument])
            paths.extend(found.paths)
            failed.update(found.errors)
            for note in found.notes:
                echo(f"注意：{note}", err=True)
        if not paths:
            fail(echo, "没有找到可检查的报告文件")
        files = tuple(paths)
        if sys.stderr.isatty():
            _show_ocr_progress(echo)
        document, status = runner.check_files(
            list(files), pack=pack, template=template, fail_on=fail_on, min_score=min_score,
            use_cache=not no_cache, max_bytes=max_bytes, year=year, profile=profile,
            config_file=config_file, use_config=not no_config, waivers=waivers,
            baseline=baseline, time_limit=time_limit, words=words, failed=failed)
        # Presentation follows the first report's settings (its configuration and profile).
        shown = config.resolve(files[0], {"profile": profile, "color": color, "verbose": verbose},
                               config_file, not no_config)
        tty = sys.stdout.isatty()
        options = RenderOptions(
            color=tty if shown.color is None else shown.color,
            width=width or (terminal_width() if tty else 100),
            verbose=bool(shown.verbose),
        )
        if output and output != "-":
            runner.write_atomic(Path(output), render(fmt, document, options))
            echo(render("terminal", document, options), nl=False, color=options.color)
        elif fmt in UTF8_FORMATS:
            write_machine(render(fmt, document, options), echo)  # UTF-8 whatever the console
        else:
            # color= stops click from stripping the colour codes when stdout is not a terminal.
            echo(render(fmt, document, options), nl=False, color=options.color)
        if annotate or annotate_dir:
            status = max(status, write_annotated(document, annotate_dir, echo))
    except CheckerError as exc:
        fail(echo, str(exc))
    sys.exit(status)


def _show_ocr_progress(echo: Echo) -> None:
    """A scan takes seconds a page to read: say which page on the terminal's stderr."""
    from checker.readers import ocr

    def shown(path: str, done: int, total: int) -> None:
        end = "\n" if done == total else ""
        echo(f"\r正在识别 {Path(path).name}：第 {done}/{total} 页{end}", err=True, nl=False)

    ocr.set_progress(shown)


def write_annotated(document: dict[str, Any], folder: str | None, echo: Echo) -> int:
    """报告.批注.docx for each report checked (beside it, or in ``folder``); 2 if one could not be written."""
    from checker.commands.runner import EXIT_ERROR, EXIT_OK, write_atomic
    from checker.render.word.comments import annotate_with_places, annotated_name

    status = EXIT_OK
    written: set[Path] = set()
    for report in document["reports"]:
        path = Path(report["path"])
        if report.get("error"):
            continue  # already reported as 无法检查
        target_dir = Path(folder) if folder else path.parent
        target = target_dir / annotated_name(path)
        counter = 2
        while target in written:  # two reports of the same name into one folder
            target = target_dir / annotated_name(path.with_name(f"{path.stem}-{counter}{path.suffix}"))
            counter += 1
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            data, placed = annotate_with_places(report, path, rules=document.get("rules"))
            write_atomic(target, data)
        except (CheckerError, OSError) as exc:
            reason = exc.reason if isinstance(exc, ReadError) else (
                str(exc) if isinstance(exc, CheckerError) else exc.strerror or str(exc))
            echo(f"错误：{path}：无法生成批注稿（{reason}）", err=True)
            status = EXIT_ERROR
            continue
        written.add(target)
        echo(f"已生成批注稿：{target}（批注 {len(placed)} 条；原文件未改动）", err=True)
    return status


def terminal_width() -> int:
    try:
        return max(os.get_terminal_size().columns, 60)
    except OSError:
        return 100
