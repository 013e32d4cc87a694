"""Golden files pin the terminal report (colour off) and the JSON of the bundled example."""

from __future__ import annotations

import json

from click.testing import CliRunner

from checker.commands.cli import main
from tests.conftest import EXAMPLES, golden

EXAMPLE = "examples/gov-report-2024.txt"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", EXAMPLE, *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_terminal_output_is_pinned(monkeypatch: object) -> None:
    import os

    os.chdir(EXAMPLES.parent)
    golden("example.terminal.txt", _run("--no-color", "--width", "100"))


def test_json_output_is_pinned() -> None:
    import os

    os.chdir(EXAMPLES.parent)
    out = _run("--format", "json")
    data = json.loads(out)
    data["tool"]["version"] = "VERSION"
    golden("example.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
