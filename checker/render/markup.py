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
    if "[" not in markup:
        return markup
    out: list[str] = []
    opened: list[str] = []
    position = 0
    for match in TAG.finditer(markup):
        full, escapes, tag = match.groups()
        start, end = match.span()
        if start > position:
            out.append(markup[position:start].replace("\\[", "["))
        position = end
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            out.append("\\" * backslashes)
            if escaped:
                out.append(full[len(escapes):].replace("\\[", "["))
                continue
        name = tag.partition("=")[0]
        if name.startswith("@"):
            raise Unsupported("handler tag")
        if name.startswith("/"):
            closed = _style_name(name[1:])
            if closed:
                if closed not in opened:
                    raise Unsupported("closing tag that matches no open tag")
                del opened[len(opened) - 1 - opened[::-1].index(closed)]
            elif opened:
                opened.pop()
            else:
                raise Unsupported("closing tag with nothing to close")
        else:
            opened.append(_style_name(name))
    if position < len(markup):
        out.append(markup[position:].replace("\\[", "["))
    return "".join(out)


def _style_name(name: str) -> str:
    # rich compares style names after Style.normalize; the renderer's tags are written alike.
    return " ".join(name.strip().lower().split())
