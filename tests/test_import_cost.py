"""Start-up stays quick: importing the CLI loads no renderer, validator or reader library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

HEAVY = ["rich", "jsonschema", "docx", "pypdfium2", "lxml", "charset_normalizer", "openpyxl",
         "yaml", "starlette", "uvicorn", "multipart"]


def _loaded_after(code: str, cache: Path, modules: list[str] = HEAVY) -> list[str]:
    return _run(code, cache, modules)[0]


def _run(code: str, cache: Path, modules: list[str]) -> tuple[list[str], str]:
    """The modules of ``modules`` loaded after ``code`` ran, and what it printed before the list."""
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"}
    script = f"import sys, json\n{code}\nprint(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                          check=True, cwd=ROOT, env=env)
    *printed, last = proc.stdout.splitlines()
    loaded: list[str] = json.loads(last)
    return loaded, "\n".join(printed)


def test_importing_the_cli_loads_nothing_heavy(tmp_path: Path) -> None:
    assert _loaded_after("import checker.commands.cli", tmp_path) == []


def test_a_cached_pack_loads_without_yaml_or_jsonschema(tmp_path: Path) -> None:
    check = "import checker\nchecker.check_path('examples/gov-report-2024.txt')"
    first = _loaded_after(check, tmp_path)
    assert "jsonschema" in first  # the first run validates the pack and fills the cache
    second = _loaded_after(check, tmp_path)
    assert second == []  # a text report from a cached pack needs none of the heavy libraries


# ``checker check --no-color`` of the example, as the command line runs it (``python -m checker``,
# the plain start: stdout is a pipe); the list of modules is printed after the report.
COLD_CHECK = """
import runpy
sys.argv = ["checker", "check", "--no-color", "examples/gov-report-2024.txt"]
try:
    runpy.run_module("checker", run_name="__main__")
except SystemExit as exit:
    assert exit.code in (0, 1), exit.code
"""
OTHER_COMMANDS = [f"checker.commands.{name}"
                  for name in ("fix", "baseline", "init", "rules", "audit", "cache", "serve")]


def test_a_cold_check_of_a_text_report_imports_only_what_it_uses(tmp_path: Path) -> None:
    """A cold ``check`` of a text report with the cache warm: no rich (the plain writer prints its
    bytes, colour codes included), no click (checker/commands/start.py reads the command line), no
    other subcommand or output format, no validator or YAML parser, no reader library, and no
    tempfile (nothing is written)."""
    _loaded_after(COLD_CHECK, tmp_path)  # the first run fills the pack cache and the pattern store
    unwanted = [*HEAVY, *OTHER_COMMANDS, "click", "checker.commands.cli", "checker.commands.check",
                "checker.render.json_format", "checker.render.html_page", "tempfile"]
    loaded, report = _run(COLD_CHECK, tmp_path, unwanted)
    assert loaded == [] and "问题清单" in report and "必备要素" in report and "\x1b[" not in report
    assert _loaded_after(COLD_CHECK.replace('"--no-color", ', ""), tmp_path, ["rich"]) == []  # not a terminal
    loaded, report = _run(COLD_CHECK.replace('"--no-color"', '"--color"'), tmp_path, ["rich", "click"])
    assert loaded == [] and "\x1b[" in report  # with colour too
    # Any other command line is click's: its options, help and messages.
    loaded, usage = _run(COLD_CHECK.replace('"--no-color"', '"--width", "80"'), tmp_path, ["click"])
    assert loaded == ["click"] and "问题清单" in usage
