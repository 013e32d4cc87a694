"""The project's own labelled reports (tests/fixtures/reviewed): every label holds.

Each ``NAME.labels.yaml`` says what a careful reviewer concludes of its report (see the
folder's README): the template, the year, each element's status, the defects a
proof-reader would certainly flag, the passages they would certainly accept and a band
for the score. A verdict that drifts from a label fails here, with the report named,
before the corpus score in CI shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import checker

REVIEWED = Path(__file__).parent / "fixtures" / "reviewed"
LABELS = sorted(REVIEWED.glob("*.labels.yaml"))


def _squash(text: str) -> str:
    return "".join(str(text).split())


def _cites(finding: dict[str, Any], prefix: str | list[str], near: str, lines: list[str]) -> bool:
    """The finding is of the rule family ``prefix`` (or one of a list) and cites ``near``: it stands on a line
    holding ``near`` (or the next one, for a sentence broken across lines) and its excerpt, when
    it has one, and ``near`` hold one another."""
    rule = str(finding["rule"])
    if not any(rule == p or rule.startswith(p + ".") for p in ([prefix] if isinstance(prefix, str) else prefix)):
        return False
    want = _squash(near)
    holding = [number for number, text in enumerate(lines, 1) if want in _squash(text)]
    line = finding.get("line")
    if not isinstance(line, int) or not any(0 <= line - number <= 1 for number in holding):
        return False
    excerpt = _squash(finding.get("excerpt") or "")
    return len(excerpt) < 2 or want in excerpt or excerpt in want


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return {path.name: checker.check_path(str(REVIEWED / yaml.safe_load(path.read_text("utf-8"))["file"]))
            for path in LABELS}


def test_the_reviewed_set_is_there() -> None:
    assert len(LABELS) >= 30
    assert all((REVIEWED / yaml.safe_load(p.read_text("utf-8"))["file"]).is_file() for p in LABELS)


@pytest.mark.parametrize("labels_path", LABELS, ids=lambda p: p.name.split(".")[0])
def test_every_label_holds(labels_path: Path, results: dict[str, dict[str, Any]]) -> None:
    label = yaml.safe_load(labels_path.read_text("utf-8"))
    result = results[labels_path.name]
    assert result["error"] is None
    assert result["template"] == label["template"]
    assert result["year"] == label["year"]
    found = {e["id"]: e["status"] for e in result["elements"]}
    wrong = {key: (want, found.get(key)) for key, want in label["elements"].items() if found.get(key) != want}
    assert not wrong, f"labelled vs found: {wrong}"
    lines = (REVIEWED / label["file"]).read_text("utf-8").splitlines()
    for item in label.get("defects") or []:
        assert any(_cites(f, item["rule"], item["near"], lines) for f in result["findings"]), f"not reported: {item}"
    for item in label.get("clean") or []:
        flagged = [f["message"] for f in result["findings"] if _cites(f, item["rule"], item["near"], lines)]
        assert not flagged, f"false alarm at {item['near']}: {flagged}"
    band = label.get("expect_score") or {}
    assert band.get("min", 0) <= result["score"] <= band.get("max", 100)
