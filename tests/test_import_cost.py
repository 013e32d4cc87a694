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


def _loaded_after(code: str, cache: Path) -> list[str]:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache)}
    script = f"import sys, json\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
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
