"""The JSON contract, as documented in checker/schemas/report.schema.json."""

from __future__ import annotations

import json
from typing import Any

from checker.render import RenderOptions


def render(document: dict[str, Any], options: RenderOptions) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
