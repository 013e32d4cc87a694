"""Shared test helpers: check a text, run the CLI, read golden files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from checker.engine import Options, check_document
from checker.model import ReportResult
from checker.pack.loader import load_pack
from checker.text.document import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read or write the developer's real pack cache."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def check(text: str, year: int | None = None, template: str | None = None,
          pack: str | None = None, fmt: str = "txt") -> ReportResult:
    """Check a report given as text (dedented lines) with the built-in pack."""
    document = Document(path="<test>", text=text.strip("\n"), format=fmt)
    return check_document(document, load_pack(pack), Options(template=template, year=year))


def rule_ids(result: ReportResult) -> list[str]:
    return [f.rule for f in result.findings]


def element(result: ReportResult, element_id: str) -> Any:
    return next(e for e in result.elements if e.id == element_id)


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_GOLDEN") != "1":
            pytest.fail(f"golden file {name} was missing and has been written; re-run")
    assert actual == path.read_text(encoding="utf-8")


def squeeze_by_definition(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Spaces squeezed as the matching view once did it, one character at a time (the
    reference the faster normalisation is compared with)."""
    from checker.text.normalize import _wide

    out: list[tuple[str, int]] = []
    n = len(chars)
    for i, (ch, off) in enumerate(chars):
        if ch != " ":
            out.append((ch, off))
            continue
        if not out:
            continue
        j = i + 1
        while j < n and chars[j][0] == " ":
            j += 1
        if j >= n:
            break
        prev, nxt = out[-1][0], chars[j][0]
        if prev == " " or _wide(prev) or _wide(nxt):
            continue
        out.append((ch, off))
    return out
