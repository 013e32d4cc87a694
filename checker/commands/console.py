"""The console the tool writes to may not be UTF-8; output degrades there, it never crashes.

A Chinese Windows console is GBK (``PYTHONIOENCODING=gbk`` does the same
anywhere): it has every Chinese character but not ✔ or ✘. :func:`setup` gives
standard output and standard error an error handler that writes a look-alike
the console has (✔ → √ → v) or ``?``, and escapes a lone surrogate (a file name
that is not valid UTF-8) instead of failing on it. Machine formats (JSON,
SARIF, JUnit) are UTF-8 whatever the console: :func:`write_machine` writes
their bytes.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Callable

HANDLER = "checker-console"
# A character the console lacks -> look-alikes to try, best first ("?" when none fits).
LOOK_ALIKES: dict[str, tuple[str, ...]] = {
    "✔": ("√", "v"), "✘": ("×", "x"), "✓": ("√", "v"), "✗": ("×", "x"), "△": ("^",),
    "—": ("-",), "–": ("-",), "…": ("...",), "↔": ("<->",), "→": ("->",), "█": ("#",),
    "“": ('"',), "”": ('"',), "‘": ("'",), "’": ("'",), "·": (".",), "　": ("  ",),
    "─": ("-",), "━": ("-",), "│": ("|",), "┃": ("|",),
}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out: list[str] = []
    for ch in error.object[error.start:error.end]:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
            continue
        for candidate in (*LOOK_ALIKES.get(ch, ()), "?"):
            try:
                candidate.encode(error.encoding)
            except (UnicodeError, LookupError):
                continue
            out.append(candidate)
            break
    return "".join(out), error.end


codecs.register_error(HANDLER, _degrade)


def setup() -> None:
    """Standard output and error never fail on a character the console cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # closed, or a stream that cannot change
                reconfigure(errors=HANDLER)


def write_machine(text: str, echo: Callable[..., None]) -> None:
    """A machine format on standard output: UTF-8 whatever the console's encoding (``echo``:
    ``click.echo`` or what does the same, for a UTF-8 console)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("_", "-")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or encoding in ("utf-8", "utf8"):
        echo(text, nl=False)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "backslashreplace"))  # a lone surrogate: a JSON escape
    buffer.flush()
