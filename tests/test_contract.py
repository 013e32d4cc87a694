"""The JSON output validates against the schema shipped in the package."""

from __future__ import annotations

import json

from click.testing import CliRunner
from jsonschema import Draft202012Validator

from checker.commands.cli import main
from checker.pack.schema import schema
from tests.conftest import EXAMPLES

ELEMENT_IDS = {"content.measures", "content.shortcomings", "content.causes",
               "content.first-responsible", "content.next-year", "meta.title", "meta.year",
               "meta.issuer", "meta.date"}


def _json(*paths: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *paths])
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_output_matches_schema(tmp_path: object) -> None:
    data = _json(str(EXAMPLES / "gov-report-2024.txt"), "does-not-exist.txt")
    validator = Draft202012Validator(schema("report"))
    problems = [e.message for e in validator.iter_errors(data)]
    assert problems == []


def test_stable_element_ids_are_reported() -> None:
    data = _json(str(EXAMPLES / "gov-report-2024.txt"))
    report = data["reports"][0]  # type: ignore[index]
    ids = {e["id"] for e in report["elements"]}
    assert ids >= ELEMENT_IDS


def test_schema_rejects_a_broken_document() -> None:
    validator = Draft202012Validator(schema("report"))
    broken = {"tool": {"name": "checker", "version": "1"},
              "reports": [{"path": "x", "template": None, "year": "2023", "score": 1,
                           "passed": True, "elements": [], "findings": [], "error": None}]}
    assert list(validator.iter_errors(broken))
