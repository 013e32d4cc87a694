"""The annotated and tracked-change copies laid out by LibreOffice, as a user would open them.

Each comment must be printed at the end of the passage it cites; the tracked
changes must show the right forms. Page images are written next to the PDFs
(``benchmarks/bench_annotate.py --render DIR`` keeps them for a person to look at).
Skipped, with the reason, where LibreOffice or poppler is missing (.ci/run installs them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.render.word.comments import annotate_with_places
from checker.render.word.revisions import revise
from tests.fixtures import office
from tests.fixtures.drafts import comments_with_anchors, draft_docx
from tests.test_audit_browser import read_png

pytestmark = pytest.mark.skipif(office.SOFFICE is None or office.PDFTOPPM is None,
                                reason="LibreOffice or poppler missing (apt-get install libreoffice-writer-nogui "
                                       "poppler-utils)")


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("office")
    source = folder / "报告.docx"
    source.write_bytes(draft_docx())
    result = CliRunner().invoke(main, ["check", str(source), "--no-cache", "--format", "json"])
    document = json.loads(result.stdout)
    report = document["reports"][0]
    annotated, placed = annotate_with_places(report, source, rules=document["rules"])
    revised, made = revise(report, source)
    (folder / "批注.docx").write_bytes(annotated)
    (folder / "修订.docx").write_bytes(revised)
    pdfs = office.to_pdf([folder / "批注.docx", folder / "修订.docx"], folder, folder / "profile")
    return {"comments": comments_with_anchors(annotated), "placed": placed, "made": made,
            "annotated": pdfs[0], "revised": pdfs[1], "folder": folder}


def test_each_comment_is_printed_at_the_end_of_its_passage(rendered: dict[str, object]) -> None:
    comments = rendered["comments"]
    notes = office.notes(rendered["annotated"])  # type: ignore[arg-type]
    assert len(notes) == len(comments)  # type: ignore[arg-type]
    anchors = {c["text"]: c["anchor"] for c in comments}  # type: ignore[union-attr]
    for note in notes:
        anchor = anchors[note.text]
        # The icon follows the last characters of the passage (LibreOffice may space 13 多, and the
        # icon may overlap the next glyph, which then counts as printed before it).
        assert squeeze(anchor)[-2:] in squeeze(note.before)[-3:], (note, anchor)


def test_the_pages_are_drawn(rendered: dict[str, object]) -> None:
    folder: Path = rendered["folder"]  # type: ignore[assignment]
    for name in ("annotated", "revised"):
        pages = office.to_png(rendered[name], folder / name)  # type: ignore[arg-type]
        assert len(pages) == 1
        width, height, pixels = read_png(pages[0].read_bytes())
        assert width > 600 and height > 800
        inked = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
        assert 0.01 < inked < 0.5  # text on a white page


def test_the_tracked_changes_show_the_right_forms(rendered: dict[str, object]) -> None:
    text = squeeze(office.page_text(rendered["revised"]))  # type: ignore[arg-type]
    made = rendered["made"]
    assert len(made) == 7  # type: ignore[arg-type]
    # Show-changes mode prints the deleted and the inserted text side by side.
    for wrong, right in (("谁普法谁执法", "谁执法谁普法"), ("[", "〔"), ("]", "〕")):
        assert wrong + right in text
    assert "法制治政府" in text  # 制 struck through, 治 inserted
