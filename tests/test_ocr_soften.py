"""Text read by OCR: the pack's ``ocr.soften`` families report there as hints, with its note.

No OCR engine is needed: a Document says which of its lines came from OCR.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from checker.engine import check_document
from checker.errors import PackError
from checker.pack.loader import load_pack
from checker.text.document import Document

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gov-report-2024.txt"


def _document(ocr_lines: set[int] | None = None) -> Document:
    text = EXAMPLE.read_text(encoding="utf-8").strip()
    document = Document(path="扫描件.pdf", text=text, format="pdf")
    document.ocr_lines = set(range(document.line_count)) if ocr_lines is None else ocr_lines
    return document


def _line_of(document: Document, words: str) -> int:
    return next(k for k in range(document.line_count) if words in document.line_text(k))


def test_the_pack_says_which_families_and_what_note() -> None:
    pack = load_pack()
    assert set(pack.ocr["soften"]) == {"term", "punct", "text"}
    assert "识别" in pack.ocr["note"]


def test_character_level_findings_on_ocr_lines_are_hints() -> None:
    pack = load_pack()
    typed = check_document(_document(set()), pack)
    scanned = check_document(_document(), pack)
    by_rule = {f.rule: f for f in typed.findings}
    assert by_rule["term.fazhi-xuanchuan"].severity == "warning"  # 法制宣传 in the example
    for finding in scanned.findings:
        original = next(f for f in typed.findings if f.rule == finding.rule and f.line == finding.line)
        if finding.rule.split(".")[0] in pack.ocr["soften"]:
            assert finding.severity == "info"
            assert finding.message == original.message + pack.ocr["note"]
        else:  # figures and elements are judged as usual
            assert finding.severity == original.severity and finding.message == original.message
    assert [e.status for e in scanned.elements] == [e.status for e in typed.elements]
    assert scanned.score >= typed.score


def test_only_the_lines_that_came_from_ocr() -> None:
    pack = load_pack()
    base = _document(set())
    line = _line_of(base, "法制宣传")
    result = check_document(_document({line + 1}), pack)  # another line was scanned
    assert {f.rule: f.severity for f in result.findings}["term.fazhi-xuanchuan"] == "warning"
    result = check_document(_document({line}), pack)
    assert {f.rule: f.severity for f in result.findings}["term.fazhi-xuanchuan"] == "info"


def test_a_pack_without_the_key_softens_nothing() -> None:
    pack = dataclasses.replace(load_pack(), ocr={})
    result = check_document(_document(), pack)
    assert {f.rule: f.severity for f in result.findings}["term.fazhi-xuanchuan"] == "warning"


def test_an_unknown_family_is_a_pack_error(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "rules" / "fazhi-annual"
    pack_dir = tmp_path / "pack"
    shutil.copytree(source, pack_dir)
    header = pack_dir / "pack.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace("[term, punct, text]", "[term, punctuation]"),
                      encoding="utf-8")
    with pytest.raises(PackError, match=r"ocr\.soften.*punctuation"):
        load_pack(str(pack_dir), use_cache=False)
