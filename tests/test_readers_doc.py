"""Word 97–2003 (.doc) and .wps files written by LibreOffice from the project's own report.

Through LibreOffice they are judged like the .docx they came from; through the piece
table alone (no LibreOffice) the text and paragraphs are the same, less Word's
automatic numbers, and a warning says so.
"""

from __future__ import annotations

import copy
import os
import stat
from collections import Counter
from pathlib import Path

import pytest

from checker.engine import check_document
from checker.errors import ReadError
from checker.pack.loader import load_pack
from checker.readers import read_bytes, read_path
from checker.readers.doc import find_soffice, paragraphs
from checker.text.document import Document
from tests.fixtures.make_reports import HEADER, build_docx, example_paragraphs

pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice makes the .doc files")

TABLE = [("指标", "数值"), ("行政复议申请", "86件")]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.fixtures.make_scans import word97

    folder = tmp_path_factory.mktemp("doc")
    docx = build_docx(copy.deepcopy(example_paragraphs()), table=TABLE)
    doc = word97(docx)
    out = {"docx": folder / "报告.docx", "doc": folder / "报告.doc", "wps": folder / "报告.wps"}
    out["docx"].write_bytes(docx)
    out["doc"].write_bytes(doc)
    out["wps"].write_bytes(doc)
    return out


def _verdicts(path: Path) -> tuple[float, dict[str, str], Counter[str]]:
    return _judged(read_path(str(path)))


def _judged(document: Document) -> tuple[float, dict[str, str], Counter[str]]:
    result = check_document(document, load_pack())
    return result.score, {e.id: e.status for e in result.elements}, Counter(f.rule for f in result.findings)


@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_judged_like_the_docx_it_was_saved_from(files: dict[str, Path], kind: str) -> None:
    document = read_path(str(files[kind]))  # through LibreOffice: about a second
    score, elements, findings = _judged(document)
    docx_score, docx_elements, docx_findings = _verdicts(files["docx"])
    assert abs(score - docx_score) <= 3
    assert elements == docx_elements
    assert findings == docx_findings
    assert document.format == kind
    assert document.text == read_path(str(files["docx"])).text  # numbering, table and all
    assert {"paragraph"} <= set(document.line_locations[0])


@pytest.fixture
def no_office(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_SOFFICE", "off")


def test_piece_table_gives_the_paragraphs_without_word_numbers(files: dict[str, Path], no_office: None) -> None:
    document = read_path(str(files["doc"]))
    assert any("LibreOffice" in w and "自动编号" in w for w in document.warnings)
    docx_lines = read_path(str(files["docx"])).text.split("\n")
    lines = document.text.split("\n")
    assert len(lines) == len(docx_lines)
    for got, full in zip(lines, docx_lines, strict=True):
        assert full.endswith(got), (got, full)  # only Word's 一、/（一） labels are missing
    assert sum(got != full for got, full in zip(lines, docx_lines, strict=True)) >= 10
    assert "指标 数值" in lines and "行政复议申请 86件" in lines  # a table row is one line
    assert HEADER not in document.text  # headers and footers follow the main text: cut off
    assert [loc["paragraph"] for loc in document.line_locations] == list(range(1, len(lines) + 1))


def test_piece_table_alone_is_still_judged_like_the_docx(files: dict[str, Path], no_office: None) -> None:
    score, elements, _ = _verdicts(files["doc"])
    docx_score, docx_elements, _ = _verdicts(files["docx"])
    assert abs(score - docx_score) <= 3 and elements == docx_elements


def _fake_office(folder: Path, script: str) -> str:
    fake = folder / "soffice"
    fake.write_text("#!/bin/sh\n" + script + "\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return str(fake)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_hanging_libreoffice_is_stopped_and_the_piece_table_used(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_SOFFICE", _fake_office(tmp_path, "sleep 30"))
    monkeypatch.setenv("CHECKER_SOFFICE_TIMEOUT", "1")
    document = read_path(str(files["doc"]))
    assert any("LibreOffice 转换超过 1 秒" in w for w in document.warnings)
    assert "健全依法行政制度体系" in document.text


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_failed_conversion_falls_back(files: dict[str, Path], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_SOFFICE", _fake_office(tmp_path, "exit 0"))
    document = read_path(str(files["wps"]))
    assert any("LibreOffice 未能转换该文件" in w for w in document.warnings)


# ---------------------------------------------------------------- bad input


def _with_word_stream(doc: bytes, change: object) -> bytes:
    import io

    import olefile

    buffer = io.BytesIO(doc)
    ole = olefile.OleFileIO(buffer, write_mode=True)
    stream = bytearray(ole.openstream("WordDocument").read())
    change(stream)  # type: ignore[operator]
    ole.write_stream("WordDocument", bytes(stream))
    ole.close()
    return buffer.getvalue()


def test_encrypted_doc(files: dict[str, Path]) -> None:
    def encrypt(stream: bytearray) -> None:
        stream[0x0B] |= 0x01  # fEncrypted: bit 8 of the little-endian flags word at 0x0A

    data = _with_word_stream(files["doc"].read_bytes(), encrypt)
    with pytest.raises(ReadError, match="已加密"):
        read_bytes(data, "a.doc", ".doc")


def test_word_95(files: dict[str, Path]) -> None:
    def older(stream: bytearray) -> None:
        stream[2:4] = (0x65).to_bytes(2, "little")

    with pytest.raises(ReadError, match="Word 95"):
        read_bytes(_with_word_stream(files["doc"].read_bytes(), older), "a.doc", ".doc")


def test_ole_file_that_is_no_word_document_names_what_to_install(files: dict[str, Path], no_office: None) -> None:
    name = "WordDocument".encode("utf-16-le")
    data = files["doc"].read_bytes().replace(name, "WordDocumenX".encode("utf-16-le"), 1)
    with pytest.raises(ReadError, match="请安装 LibreOffice"):
        read_bytes(data, "a.wps", ".wps")


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04" + b"\0" * 60, "请把扩展名改为 .docx"),
    (b"{\\rtf1\\ansi hello}", "RTF"),
    (b"just some text, not a Word file", "缺少 OLE 复合文件头"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "OLE 容器无法打开"),
])
def test_not_a_word_97_file(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_bytes(data, "a.doc", ".doc")


# ---------------------------------------------------------------- the text stream


def test_paragraph_marks_cells_breaks_and_fields() -> None:
    text = ("标题\r正文\x0b换行后\r"
            "\x13 PAGE \x14第3页\x15结束\r"  # a field: its result kept, its code dropped
            "甲\x07乙\x07\x07"  # a table row: two cells and the row mark
            "多段\r单元格\x07丙\x07\x07"  # a cell with two paragraphs (the first read alone)
            "\x0c分页后\x01图\r")
    lines, locations = paragraphs(text)
    assert lines == ["标题", "正文", "换行后", "第3页结束", "甲 乙", "多段", "单元格 丙", "分页后图"]
    assert [loc["paragraph"] for loc in locations] == [1, 2, 2, 3, 4, 5, 6, 7]
    # An empty paragraph is counted (Word shows it); a page break between paragraphs is not one.
    lines, locations = paragraphs("标题\r\r正文\r\x0c后记\r")
    assert lines == ["标题", "正文", "后记"] and [loc["paragraph"] for loc in locations] == [1, 3, 4]
