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
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache)}
    script = f"import sys, json\n{code}\nprint(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, cwd=ROOT, env=env)
    loaded: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return loaded


def test_importing_the_cli_loads_nothing_heavy(tmp_path: Path) -> None:
    assert _loaded_after("import checker.commands.cli", tmp_path) == []


def test_a_cached_pack_loads_without_yaml_or_jsonschema(tmp_path: Path) -> None:
    check = "import checker\nchecker.check_path('examples/gov-report-2024.txt')"
    first = _loaded_after(check, tmp_path)
    assert "jsonschema" in first  # the first run validates the pack and fills the cache
    second = _loaded_after(check, tmp_path)
    assert second == []  # a text report from a cached pack needs none of the heavy libraries


# ``checker check --no-color`` of the example, as the command line runs it; its report goes to a
# buffer, so that the last line printed is the list of modules.
COLD_CHECK = """
import contextlib, io, runpy
sys.argv = ["checker", "check", "--no-color", "examples/gov-report-2024.txt"]
report = io.StringIO()
with contextlib.redirect_stdout(report):
    try:
        runpy.run_module("checker", run_name="__main__")
    except SystemExit as exit:
        assert exit.code in (0, 1), exit.code
assert "问题清单" in report.getvalue() and "必备要素" in report.getvalue()
"""
OTHER_COMMANDS = [f"checker.commands.{name}"
                  for name in ("fix", "baseline", "init", "rules", "audit", "cache", "serve")]


def test_a_cold_check_of_a_text_report_imports_only_what_it_uses(tmp_path: Path) -> None:
    """A cold ``check`` of a text report with the cache warm: no rich (the plain writer prints its
    bytes, colour codes included), no other subcommand or output format, no validator or YAML
    parser, no reader library, and no tempfile (nothing is written)."""
    _loaded_after(COLD_CHECK, tmp_path)  # the first run fills the pack cache and the pattern store
    unwanted = [*HEAVY, *OTHER_COMMANDS, "checker.render.json_format", "checker.render.html_page", "tempfile"]
    assert _loaded_after(COLD_CHECK, tmp_path, unwanted) == []
    assert _loaded_after(COLD_CHECK.replace('"--no-color", ', ""), tmp_path, ["rich"]) == []  # not a terminal
    coloured = COLD_CHECK.replace('"--no-color"', '"--color"') + 'assert "\\x1b[" in report.getvalue()\n'
    assert _loaded_after(coloured, tmp_path, ["rich"]) == []  # with colour too
