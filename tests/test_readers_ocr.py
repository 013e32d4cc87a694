"""Scanned PDFs and pictures, read by OCR (the ``ocr`` extra).

The scan is made here (tests/fixtures/make_scans.py): the example report's .docx
printed to PDF by LibreOffice, rasterised at 150 dpi, a red seal stamped over the
issuer's name, skew, noise, blur and JPEG, bound into a PDF with no text layer.
It must be judged like the .docx: within 10 points, at most two element verdicts
different, the 落款 kept under the seal. One OCR pass over the scan serves the module.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from checker.engine import check_document
from checker.errors import ReadError
from checker.pack.loader import load_pack
from checker.readers import ocr, read_bytes
from checker.readers.doc import find_soffice
from checker.text.document import Document
from tests.fixtures.make_reports import Para, PdfLayout, build_docx, build_pdf, example_paragraphs
from tests.fixtures.make_scans import ISSUER, picture_only_pdf

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
needs_office = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice prints the report to PDF")
TABLE = [("指标", "数值"), ("行政复议申请", "86件")]
EXTRA = r'pip install "checker\[ocr\]"'


@pytest.fixture(scope="module")
def docx() -> bytes:
    return build_docx(copy.deepcopy(example_paragraphs()), table=TABLE)


@pytest.fixture(scope="module")
def scan(docx: bytes) -> dict[str, Any]:
    if find_soffice() is None or not ocr.available():
        pytest.skip("needs LibreOffice and the ocr extra")
    from tests.fixtures.make_scans import image_pdf, printed, scan_pages

    pages = scan_pages(printed(docx), dpi=150)
    return {"pages": pages, "pdf": image_pdf(pages, 150)}


@pytest.fixture(scope="module")
def scanned(scan: dict[str, Any]) -> Document:
    return read_bytes(scan["pdf"], "扫描件.pdf", ".pdf")


def _crop(picture: Any, top: float, bottom: float) -> Any:
    width, height = picture.size
    return picture.crop((0, int(top * height), width, int(bottom * height)))


# ---------------------------------------------------------------- the scan


@needs_ocr
@needs_office
def test_the_scan_really_is_pictures_with_a_red_seal(scan: dict[str, Any]) -> None:
    import numpy
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scan["pdf"])
    assert all(pdf[k].get_textpage().count_chars() == 0 for k in range(len(pdf)))
    pdf.close()
    last = numpy.asarray(scan["pages"][-1]).astype(int)
    red = (last[:, :, 0] - numpy.maximum(last[:, :, 1], last[:, :, 2])) > 80
    assert red.sum() > 2000  # the seal's ring and words


@needs_ocr
@needs_office
def test_scan_is_judged_like_the_docx(scanned: Document, docx: bytes) -> None:
    pack = load_pack()
    result = check_document(scanned, pack)
    reference = check_document(read_bytes(docx, "报告.docx", ".docx"), pack)
    assert abs(result.score - reference.score) <= 10
    ours = {e.id: e.status for e in result.elements}
    theirs = {e.id: e.status for e in reference.elements}
    assert ours.keys() == theirs.keys()
    assert sum(ours[k] != theirs[k] for k in ours) <= 2
    assert scanned.ocr_lines == set(range(scanned.line_count))
    assert any("OCR" in w for w in scanned.warnings)


@needs_ocr
@needs_office
def test_the_issuer_under_the_seal_is_kept(scanned: Document) -> None:
    lines = scanned.text.split("\n")
    closing = lines[-6:]
    assert ISSUER in closing and "2025年2月20日" in closing, closing
    result = check_document(scanned, load_pack())
    assert result.issuer is not None and ISSUER in result.issuer
    assert {e.id: e.status for e in result.elements}["meta.date"] == "present"


@needs_ocr
@needs_office
def test_headers_page_numbers_and_locations(scanned: Document) -> None:
    assert "内部资料" not in scanned.text and "第 1 页" not in scanned.text
    assert scanned.text.startswith(ISSUER)
    places = [(loc["page"], loc["line"]) for loc in scanned.line_locations]
    assert places == sorted(places) and {page for page, _ in places} == {1, 2}
    assert "一、2024年推进法治政府建设的主要举措和成效" in scanned.text.split("\n")


@needs_ocr
@needs_office
def test_character_findings_on_ocr_text_are_hints(scanned: Document, docx: bytes) -> None:
    pack = load_pack()
    result = check_document(scanned, pack)
    families = set(pack.ocr["soften"])
    softened = [f for f in result.findings if f.rule.split(".")[0] in families]
    assert softened, "the report has a wording problem (法制宣传) for the scan to show"
    assert all(f.severity == "info" and f.message.endswith(pack.ocr["note"]) for f in softened)
    reference = check_document(read_bytes(docx, "报告.docx", ".docx"), pack)
    kept = {f.rule: f.severity for f in reference.findings if f.rule.split(".")[0] not in families}
    assert kept and all({f.rule: f.severity for f in result.findings}.get(rule) == severity
                        for rule, severity in kept.items())


# ---------------------------------------------------------------- pictures


@pytest.fixture(scope="module")
def crops(docx: bytes) -> list[Any]:
    """Two strips of the scanned pages (four lines and two), at 200 dpi."""
    if find_soffice() is None or not ocr.available():
        pytest.skip("needs LibreOffice and the ocr extra")
    from tests.fixtures.make_scans import printed, scan_pages

    pages = scan_pages(printed(docx), dpi=200)
    return [_crop(pages[0], 0.1, 0.25), _crop(pages[1], 0.07, 0.14)]


@needs_ocr
@needs_office
@pytest.mark.parametrize(("fmt", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_a_picture_of_a_page(crops: list[Any], fmt: str, suffix: str) -> None:
    from tests.fixtures.make_scans import picture_bytes

    document = read_bytes(picture_bytes(crops[0], fmt), f"照片{suffix}", suffix)
    assert document.format == "image" and document.ocr_lines == set(range(document.line_count))
    assert "关于2024年度法治政府建设情况的报告" in document.text.split("\n")
    assert "习近平新时代中国特色社会主义思想" in document.text


@needs_ocr
@needs_office
def test_a_multipage_tiff_with_progress(crops: list[Any]) -> None:
    from tests.fixtures.make_scans import multipage_tiff

    seen: list[tuple[int, int]] = []
    ocr.set_progress(lambda path, done, total: seen.append((done, total)))
    try:
        document = read_bytes(multipage_tiff(crops), "扫描.tif", ".tif")
    finally:
        ocr.set_progress(None)
    assert seen == [(1, 2), (2, 2)]
    assert {loc["page"] for loc in document.line_locations} == {1, 2}
    # the strip of page 1 stops inside a paragraph, so page 2's first line continues it
    assert "二、2024年推进法治政府建设存在的不足和原因" in document.text


@needs_ocr
@needs_office
def test_page_count_and_time_budget(crops: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fixtures.make_scans import multipage_tiff

    tiff = multipage_tiff(crops)
    monkeypatch.setenv("CHECKER_OCR_MAX_PAGES", "1")
    document = read_bytes(tiff, "扫描.tif", ".tif")
    assert any("只识别前 1 页" in w for w in document.warnings)
    monkeypatch.delenv("CHECKER_OCR_MAX_PAGES")
    monkeypatch.setattr(ocr, "page_seconds", lambda: 0)  # every page is over budget
    document = read_bytes(tiff, "扫描.tif", ".tif")
    assert any("文字识别超时" in w and "只识别了前 1 页" in w for w in document.warnings)
    assert {loc["page"] for loc in document.line_locations} == {1}


@needs_ocr
@needs_office
def test_a_typed_pdf_with_one_scanned_page(crops: list[Any]) -> None:
    """Only the page without a text layer goes to OCR, and only its lines are marked."""
    import pypdfium2 as pdfium

    from tests.fixtures.make_scans import image_pdf

    paras = [Para("青禾县人民政府关于2024年度法治政府建设情况的报告", title=True), Para("正文第一段。" * 10)]
    typed = pdfium.PdfDocument(build_pdf(paras, PdfLayout(header=None, page_number=None)))
    typed.import_pages(pdfium.PdfDocument(image_pdf([crops[1]], 200)))
    import io

    out = io.BytesIO()
    typed.save(out)
    document = read_bytes(out.getvalue(), "混合.pdf", ".pdf")
    ocr_pages = {document.line_locations[k]["page"] for k in document.ocr_lines}
    assert ocr_pages == {2}
    assert document.text.split("\n")[1] == "正文第一段。" * 10
    assert "二、2024年推进法治政府建设存在的不足和原因" in document.text


def test_too_many_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("PIL")
    from PIL import Image

    from tests.fixtures.make_scans import picture_bytes

    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    monkeypatch.setenv("CHECKER_IMAGE_MAX_PIXELS", "1000")
    with pytest.raises(ReadError, match="图片过大"):
        read_bytes(picture_bytes(Image.new("RGB", (100, 100), "white"), "PNG"), "a.png", ".png")


@needs_ocr
def test_red_seal_disappears_and_black_ink_stays() -> None:
    import numpy

    page = numpy.full((200, 200, 3), 245, numpy.uint8)
    page[40:160, 40:160] = (30, 30, 220)  # BGR: a red stamp
    page[90:110, 20:180] = (20, 20, 20)  # a black line of text through it
    page[95:105, 60:140] = (20, 20, 150)  # red ink over black toner
    prepared = ocr.prepare(page)
    assert (prepared[50:80, 50:150] == 255).all()  # the seal is paper now
    assert (prepared[90:110, 20:40] < 60).all() and (prepared[95:105, 60:140] < 200).all()


# ---------------------------------------------------------------- without the extra


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(ocr, "available", lambda: False)
    yield


def test_a_scan_without_the_extra_names_it(no_extra: None) -> None:
    with pytest.raises(ReadError, match=EXTRA) as caught:
        read_bytes(picture_only_pdf(2), "扫描件.pdf", ".pdf")
    assert "扫描件" in caught.value.reason


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".jpeg", ".tif", ".tiff"])
def test_a_picture_without_the_extra_names_it(no_extra: None, suffix: str) -> None:
    with pytest.raises(ReadError, match=EXTRA):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, f"a{suffix}", suffix)


def test_a_typed_pdf_with_a_picture_page_warns_without_the_extra(no_extra: None) -> None:
    import io

    import pypdfium2 as pdfium

    typed = pdfium.PdfDocument(build_pdf(example_paragraphs()[:6], PdfLayout(header=None, page_number=None)))
    typed.import_pages(pdfium.PdfDocument(picture_only_pdf(1)))
    out = io.BytesIO()
    typed.save(out)
    document = read_bytes(out.getvalue(), "a.pdf", ".pdf")
    assert any("只有图片，未识别" in w and "checker[ocr]" in w for w in document.warnings)
    assert not document.ocr_lines


def test_a_blank_vector_page_is_still_not_a_scan() -> None:
    from tests.fixtures.make_reports import build_scanned_pdf

    with pytest.raises(ReadError, match="没有文字层"):
        read_bytes(build_scanned_pdf(), "a.pdf", ".pdf")
