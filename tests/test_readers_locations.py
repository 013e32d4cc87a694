"""End to end: the same report as .txt, .docx, .pdf and .html gets the same verdicts, and
every finding cites a place a user can find in the original file (JSON and terminal)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.readers import read_path
from tests.fixtures.make_reports import write_all


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def reports(files: dict[str, Path]) -> dict[str, dict[str, Any]]:
    order = ["txt", "docx", "pdf", "html"]
    result = CliRunner().invoke(main, ["check", "--format", "json", *[str(files[k]) for k in order]])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return dict(zip(order, data["reports"], strict=True))


def _statuses(report: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["status"] for e in report["elements"]}


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
def test_every_format_gets_the_verdicts_of_the_text(reports: dict[str, dict[str, Any]], kind: str) -> None:
    assert reports[kind]["error"] is None
    assert _statuses(reports[kind]) == _statuses(reports["txt"])
    assert Counter(f["rule"] for f in reports[kind]["findings"]) == \
        Counter(f["rule"] for f in reports["txt"]["findings"])
    assert reports[kind]["findings"], "the example report has findings to cite"


@pytest.mark.parametrize(("kind", "keys"), [("docx", {"paragraph"}), ("pdf", {"page", "line"}),
                                            ("html", {"paragraph"})])
def test_findings_and_evidence_carry_the_original_location(
        reports: dict[str, dict[str, Any]], files: dict[str, Path], kind: str, keys: set[str]) -> None:
    document = read_path(str(files[kind]))
    for finding in reports[kind]["findings"]:
        assert keys <= set(finding["location"]), finding
        assert finding["location"] == document.line_locations[finding["line"] - 1]
        assert finding["excerpt"] in document.line_text(finding["line"] - 1)
    cited = [e for element in reports[kind]["elements"] for e in element["evidence"]]
    assert cited and all(keys <= set(e["location"]) for e in cited)


def test_text_reports_need_no_extra_location(reports: dict[str, dict[str, Any]]) -> None:
    assert all("location" not in f for f in reports["txt"]["findings"])


def test_pdf_location_is_where_the_paragraph_starts(files: dict[str, Path]) -> None:
    import pypdfium2 as pdfium

    document = read_path(str(files["pdf"]))
    pdf = pdfium.PdfDocument(str(files["pdf"]))
    pages = ["".join(pdf[k].get_textpage().get_text_range().split()) for k in range(len(pdf))]
    pdf.close()
    previous = {"page": 0, "line": 0}
    for index, location in enumerate(document.line_locations):
        opening = "".join(document.line_text(index).split())[:6]
        assert opening in pages[location["page"] - 1]  # the paragraph starts on that page
        assert (location["page"], location["line"]) > (previous["page"], previous["line"])
        previous = location


@pytest.mark.parametrize(("kind", "shown"), [("docx", r"第\d+段"), ("pdf", r"第\d+页第\d+行"),
                                             ("html", r"第\d+段"), ("txt", r"第\d+行第\d+列")])
def test_terminal_shows_one_numbering_the_reader_can_find(files: dict[str, Path], kind: str, shown: str) -> None:
    result = CliRunner().invoke(main, ["check", "--no-color", str(files[kind])])
    assert result.exit_code in (0, 1)
    import regex

    places = regex.findall(r"^(?:错误|警告|提示) (\S+)  ", result.stdout, flags=regex.M)
    assert places and all(regex.fullmatch(shown, p) or p == "全文" for p in places), places
