"""OFD files built here to the structure of GB/T 33190-2016 (tests/fixtures/make_ofd.py)."""

from __future__ import annotations

import copy
import io
import zipfile
from collections import Counter

import pytest

from checker.engine import check_document
from checker.errors import ReadError
from checker.pack.loader import load_pack
from checker.readers import ocr, read_bytes
from checker.readers.ofd import _deltas
from checker.text.document import Document
from tests.fixtures.make_ofd import SEAL_TEXT, OfdLayout, build_image_ofd, build_ofd
from tests.fixtures.make_reports import HEADER, build_docx, example_paragraphs, numbered_text


def _read(data: bytes) -> Document:
    return read_bytes(data, "报告.ofd", ".ofd")


@pytest.fixture(scope="module")
def ofd() -> bytes:
    return build_ofd(example_paragraphs())


def test_paragraphs_come_back_whole(ofd: bytes) -> None:
    document = _read(ofd)
    assert document.format == "ofd"
    assert document.text.split("\n") == numbered_text(example_paragraphs())
    assert document.metadata["title"] == "青禾县人民政府关于2024年度法治政府建设情况的报告"
    assert not document.ocr_lines


def test_furniture_template_seal_and_signature_are_not_text(ofd: bytes) -> None:
    text = _read(ofd).text
    assert HEADER not in text
    assert "—" not in text.replace("2021—2025", "")  # the — N — page numbers
    assert "OFD 版式文件" not in text  # the template page's own text
    assert "★" not in text and text.count(SEAL_TEXT) == 2  # title and 落款; the stamp is not read
    with zipfile.ZipFile(io.BytesIO(ofd)) as archive:  # the fixture really has them
        names = archive.namelist()
        stamp = archive.read("Doc_0/Annots/Page_1/Annotation.xml").decode()
    assert "Doc_0/Signs/Sign_0/SignedValue.dat" in names and "Doc_0/Tpls/Tpl_0/Content.xml" in names
    assert SEAL_TEXT in stamp


def test_lines_drawn_out_of_order_and_compressed_advances(ofd: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(ofd)) as archive:
        page = archive.read("Doc_0/Pages/Page_0/Content.xml").decode()
    assert 'DeltaX="g ' in page
    assert _deltas("g 3 4.2 2.1 g 2 1", 10) == [4.2, 4.2, 4.2, 2.1, 1.0, 1.0]
    assert _deltas("g 99999999999 1", 4) == [1.0] * 4
    assert _deltas("1 inf 2", 5) == [1.0]


def test_locations_are_page_and_line(ofd: bytes) -> None:
    document = _read(ofd)
    places = [(loc["page"], loc["line"]) for loc in document.line_locations]
    assert places == sorted(places) and len(set(places)) == len(places)
    assert {page for page, _ in places} == {1, 2}
    assert places[0] == (1, 1)  # the running header is not counted


def _judged(document: Document) -> tuple[float, dict[str, str], Counter[str]]:
    result = check_document(document, load_pack())
    return result.score, {e.id: e.status for e in result.elements}, Counter(f.rule for f in result.findings)


def test_judged_like_the_same_reports_docx(ofd: bytes) -> None:
    docx = read_bytes(build_docx(copy.deepcopy(example_paragraphs())), "报告.docx", ".docx")
    score, elements, findings = _judged(_read(ofd))
    docx_score, docx_elements, docx_findings = _judged(docx)
    assert abs(score - docx_score) <= 3
    assert elements == docx_elements
    assert findings == docx_findings


def test_page_and_character_limits(ofd: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_PDF_MAX_PAGES", "1")
    document = _read(ofd)
    assert any("只检查前 1 页" in w for w in document.warnings)
    assert {loc["page"] for loc in document.line_locations} == {1}
    monkeypatch.setenv("CHECKER_PDF_MAX_PAGES", "2000")
    monkeypatch.setenv("CHECKER_PDF_MAX_CHARS", "300")
    document = _read(ofd)
    assert any("OFD 文字过多" in w for w in document.warnings) and len(document.text) < 400


# ---------------------------------------------------------------- bad input


def _rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name in change and change[name] is None:
                continue
            target.writestr(name, change.get(name) or source.read(name))
    return out.getvalue()


@pytest.mark.parametrize(("change", "message"), [
    ({"OFD.xml": None}, "没有 OFD.xml"),
    ({"OFD.xml": b"<html/>"}, "根元素不是 OFD"),
    ({"OFD.xml": b'<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>'}, "没有 DocRoot"),
    ({"Doc_0/Document.xml": b"<ofd:Document"}, "不是有效的 XML"),
    ({"Doc_0/Pages/Page_1/Content.xml": None}, "缺少部件 Doc_0/Pages/Page_1/Content.xml"),
])
def test_damaged_packages(ofd: bytes, change: dict[str, bytes | None], message: str) -> None:
    with pytest.raises(ReadError, match=message):
        _read(_rezip(ofd, change))


def test_not_a_zip_and_no_pages() -> None:
    with pytest.raises(ReadError, match="OFD 文件已损坏"):
        _read(b"%PDF-1.4 renamed")
    with pytest.raises(ReadError, match="没有页面"):
        _read(build_ofd([]))


def test_xml_entities_are_not_expanded(ofd: bytes) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "' + b"x" * 100 + b'">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
            b'<ofd:TextObject Boundary="20 20 100 10" Size="4"><ofd:TextCode X="0" Y="4">&b;</ofd:TextCode>'
            b"</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    document = _read(_rezip(ofd, {"Doc_0/Pages/Page_0/Content.xml": bomb}))
    assert "x" not in document.text
    assert {loc["page"] for loc in document.line_locations} == {2}  # page 1's text is the entity


def test_scanned_ofd_without_the_ocr_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ReadError, match=r'pip install "checker\[ocr\]"'):
        _read(build_image_ofd([b"\x89PNG\r\n\x1a\n not decoded"]))


def test_page_with_only_a_picture_in_a_text_ofd_is_reported(ofd: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    picture_page = (b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
                    b'<ofd:ImageObject ID="7" ResourceID="500" Boundary="0 0 210 297"/>'
                    b"</ofd:Layer></ofd:Content></ofd:Page>")
    document = _read(_rezip(ofd, {"Doc_0/Pages/Page_1/Content.xml": picture_page}))
    assert any("第 2 页只有图片" in w and "checker[ocr]" in w for w in document.warnings)


def test_layout_variants() -> None:
    """No furniture and whole lines; 三号 type (16 pt, 5.6 mm) over three pages."""
    paras = example_paragraphs()
    for layout in (OfdLayout(header=None, page_numbers=False, split_lines=False), OfdLayout(size=5.6, pitch=9)):
        document = _read(build_ofd(paras, layout, seal=False))
        assert document.text.split("\n") == numbered_text(paras)
    assert document.metadata["pages"] == "3"
