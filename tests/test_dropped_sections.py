"""A content whose sections are cut out of a report is never judged present (reports written here).

For every reviewed and style report, each content the template found a section of its own
for (measures, shortcomings, duty, plan) is cut out with its heading and body, and the report
checked again: the content must now be weak or missing. A "present" here would be the worst
error a drafter can meet, a section that is not there reported as there (a plan judged by the
problems' figures under 三、存在的问题和下一步打算 was one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Options, check_document_with_context
from checker.pack.loader import Pack, load_pack
from checker.readers import read_path
from checker.text.document import Document

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = sorted([*FIXTURES.glob("reviewed/r*.txt"), *FIXTURES.glob("reviewed/r*.md"),
                  *FIXTURES.glob("styles/*.txt"), *FIXTURES.glob("styles/*.md")])
CONTENTS = {"measures": "content.measures", "shortcomings": "content.shortcomings",
            "first-responsible": "content.first-responsible", "next-year": "content.next-year"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_there_are_reports_to_cut() -> None:
    assert len(REPORTS) >= 40


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_a_content_cut_out_is_no_longer_present(path: Path, pack: Pack) -> None:
    _, ctx = check_document_with_context(read_path(str(path)), pack, Options())
    text = ctx.view.text
    cut_any = False
    for section_id, element_id in CONTENTS.items():
        sections = ctx.assignment.get(section_id) or []
        if not sections or any(section.heading is None for section in sections):
            continue  # no section of its own (a paragraph, the whole text): nothing to cut
        cut = text
        for start, end in sorted({(s.start, s.end) for s in sections}, reverse=True):
            cut = cut[:start] + cut[end:]
        result, _ = check_document_with_context(Document(str(path), cut), pack, Options())
        status = next(e.status for e in result.elements if e.id == element_id)
        assert status != "present", f"{path.name}: {element_id} present with its sections cut out"
        cut_any = True
    assert cut_any or not ctx.outline.headings, f"{path.name}: no section was cut"
