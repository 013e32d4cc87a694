"""Renderers: one module per output format, each ``render(document, options) -> str``.

Every renderer takes the JSON contract (``{"tool": ..., "reports": [...]}``) as
plain data, so that what the terminal shows and what a program reads never
drift apart. Modules are imported on first use; ``rich`` is imported only by
the terminal renderer.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from checker.model import FrozenRecord

FORMATS: dict[str, str] = {
    "terminal": "checker.render.terminal",
    "json": "checker.render.json_format",
    "sarif": "checker.render.sarif",
    "junit": "checker.render.junit",
    "github": "checker.render.github",
    "html": "checker.render.html_page",
}


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class RenderOptions(FrozenRecord):
    """How to show a report: colour, the terminal's width, every hint or not."""

    color: bool = False
    width: int = 100
    verbose: bool = False

    def __init__(self, color: bool = False, width: int = 100, verbose: bool = False) -> None:
        vars(self).update(color=color, width=width, verbose=verbose)


def render(fmt: str, document: dict[str, Any], options: RenderOptions | None = None) -> str:
    module = importlib.import_module(FORMATS[fmt])
    text: str = module.render(document, options or RenderOptions())
    return text
