"""Text from a report, a file name or a pack, made safe to show in a terminal or a CI log.

A report's text and its file name are data: an ``ESC ] 0;…`` in either would set
the window title, a colour code would paint the rest of the output, a ``\\r``
would overwrite a line, and a bidirectional override would reorder what the
reader sees. :func:`printable` writes every such character as a visible escape
(``\\x1b``, ``\\u202e``); lone surrogates (from a file name that is not valid
UTF-8) are escaped the same way, so no console encoder ever meets one.
:func:`cleaned` does it to every string of a JSON document before a renderer
for people or logs sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex

from checker.text.regex_cache import lazy

# C0 controls but tab and line feed, DEL, C1 controls, bidirectional embeddings,
# overrides and isolates, and lone surrogates.
UNSAFE = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: regex.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi-override and surrogate character written as an escape."""
    if text.isascii() and text.isprintable():
        return text
    escaped: str = UNSAFE.sub(_escape, text)
    return escaped


def cleaned(value: Any, then: Callable[[str], str] | None = None) -> Any:
    """A copy of a JSON value with every string :func:`printable` (and passed through ``then``,
    e.g. rich's markup escape, so that ``[red]`` in a report is shown, not obeyed)."""
    if isinstance(value, str):
        text = printable(value)
        return then(text) if then is not None else text
    if isinstance(value, dict):
        return {key: cleaned(item, then) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned(item, then) for item in value]
    return value
