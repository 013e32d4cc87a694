"""Rich's console markup, read without rich: the escape the terminal renderer applies to report
text, and the plain text a line of markup shows when no colour is written.

The gap report is written in rich's markup (``[bold]得分[/bold]``). Without colour, what it
shows is the markup with its tags taken out, and rich takes a second or so of a cold start
to import; :mod:`checker.render.plain` writes that text itself. These two functions follow
rich's own (``rich.markup.escape`` and the tag grammar of ``rich.markup.render``) character
for character, so that both paths print the same bytes; ``tests/test_render_plain.py``
compares them with rich's on hostile text. Markup this module does not follow (a handler
tag ``[@click]``, a closing tag that closes nothing) raises :class:`Unsupported`, and rich
renders the report instead.
"""

from __future__ import annotations

import re

# rich.markup.RE_TAGS and the pattern of rich.markup.escape.
TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
_ESCAPABLE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
# rich._emoji_replace: a line printed with emoji codes on has ``:name:`` replaced by its emoji.
EMOJI_CODE = re.compile(r"(:(\S*?)(?:(?:\-)(emoji|text))?:)")


class Unsupported(Exception):
    """Output the plain writer cannot promise to print as rich would: rich renders it."""


def escape(text: str) -> str:
    """``text`` that rich's markup shows as it is (``rich.markup.escape``)."""
    escaped = _ESCAPABLE.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", text)
    if escaped.endswith("\\") and not escaped.endswith("\\\\"):
        return escaped + "\\"
    return escaped


def plain(markup: str) -> str:
    """The text ``markup`` shows, its tags removed and its escapes undone (as rich reads it)."""
    return parse(markup)[0] if "[" in markup else markup


Span = tuple[int, int, str]  # start, end, style (as the tag wrote it, e.g. "bold red")


def parse(markup: str) -> tuple[str, list[Span]]:
    """The text ``markup`` shows and the styled spans of it (as ``rich.markup.render`` reads it)."""
    out: list[str] = []
    length = 0
    opened: list[tuple[str, int]] = []
    spans: list[Span] = []
    position = 0

    def add(text: str) -> None:
        nonlocal length
        out.append(text)
        length += len(text)

    for match in TAG.finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            add(markup[position:start].replace("\\[", "["))
        position = end
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            add("\\" * backslashes)
            if escaped:
                add(full[len(escapes):].replace("\\[", "["))
                continue
        name = tag.partition("=")[0]
        if name.startswith("@"):
            raise Unsupported("handler tag")
        if name.startswith("/"):
            closed = _style_name(name[1:])
            names = [n for n, _ in opened]
            if closed:
                if closed not in names:
                    raise Unsupported("closing tag that matches no open tag")
                style, begun = opened.pop(len(names) - 1 - names[::-1].index(closed))
            elif opened:
                style, begun = opened.pop()
            else:
                raise Unsupported("closing tag with nothing to close")
            spans.append((begun, length, style))
        else:
            opened.append((_style_name(name), length))
    if position < len(markup):
        add(markup[position:].replace("\\[", "["))
    spans.extend((begun, length, style) for style, begun in reversed(opened))
    return "".join(out), spans


def _style_name(name: str) -> str:
    # rich compares style names after Style.normalize; the renderer's tags are written alike.
    return " ".join(name.strip().lower().split())
