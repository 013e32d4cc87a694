"""Where an output goes: a file replaced atomically, or a stream written straight into.

``-o 报告.json`` must never leave half a file for a reader, so a regular file (or
a new path) is written beside the target under a temporary name and renamed
into place. A rename *replaces* what is at the path, though: ``-o /dev/null``
run as root would turn the machine's /dev/null into a regular file, and a
FIFO's reader would never see a byte. So character devices and FIFOs are
written into directly, ``-`` is standard output, a symlink is followed to the
file it names (the link stays a link), and anything else (a folder, a block
device, a socket) is refused.

New files get the permissions any tool gives them (``0666`` less the umask, so
``0644`` under umask 022; ``mkstemp`` alone would make them ``0600``); a file
replaced keeps its own permissions.

A path that cannot take the output (a folder, a block device) raises
:class:`~checker.errors.UsageError`; a failure of the file system itself (no
such folder, no permission) raises its ``OSError`` for the caller to word.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from checker.errors import UsageError

STDOUT = "-"


def write_text(path: str | Path, text: str | bytes, like: str | Path | None = None) -> None:
    """Write ``text`` (UTF-8; bytes as they are) to ``path``: see the module's docstring for what
    each kind of path gets. ``like``: a file whose permissions a replaced file takes."""
    with output_file(path, "wb" if isinstance(text, bytes) else "w",
                     None if isinstance(text, bytes) else "utf-8", like=like) as handle:
        handle.write(text)


@contextmanager
def output_file(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None, like: str | Path | None = None) -> Iterator[IO[Any]]:
    """A handle whose content lands at ``path`` (atomically for a regular file) when the block ends."""
    if str(path) == STDOUT:
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    if _is_stream(target):
        with open(target, mode, encoding=encoding, errors=_errors(mode), newline=newline) as handle:
            yield handle
        return
    final = _regular_target(target)
    fd, tmp = _temporary(final, like)
    try:
        with os.fdopen(fd, mode, encoding=encoding, errors=_errors(mode), newline=newline) as handle:
            yield handle
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def output_path(path: str | Path) -> Iterator[Path]:
    """For libraries that write a file by name (openpyxl, python-docx): the name to give them."""
    target = Path(path)
    if str(path) == STDOUT:
        raise UsageError("此格式不能输出到终端，请用 -o 指定文件")
    if _is_stream(target):
        yield target
        return
    final = _regular_target(target)
    fd, tmp = _temporary(final)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _errors(mode: str) -> str | None:
    """A lone surrogate (a file name that is not UTF-8) is written as ``\\udcXX``, which JSON reads back."""
    return None if "b" in mode else "backslashreplace"


def _is_stream(path: Path) -> bool:
    """A character device (``/dev/null``, a terminal) or a FIFO, perhaps behind a symlink."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _regular_target(path: Path) -> Path:
    """The file a rename may replace: ``path``, or the file its symlink names."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISDIR(mode):
        raise UsageError(f"{path}：这是一个目录，请给出文件名")
    if not stat.S_ISREG(mode):
        raise UsageError(f"{path}：不是普通文件，不能写入")
    return path


def _temporary(path: Path, like: str | Path | None = None) -> tuple[int, str]:
    """A temporary file beside ``path`` with the permissions the result should have: those of
    ``like``, else of the file it replaces, else a new file's."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, stat.S_IMODE(os.stat(like or path).st_mode))  # a file replaced keeps its mode
    except FileNotFoundError:
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError:
        pass  # a file system without permissions (a FAT stick): its own defaults
    return fd, tmp


def _umask() -> int:
    mask = os.umask(0o022)  # the only portable way to read it is to set it
    os.umask(mask)
    return mask
