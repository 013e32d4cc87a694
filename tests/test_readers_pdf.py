"""The PDF reader on PDFs generated here (pypdfium2 page objects, a font made by fontTools)."""

from __future__ import annotations

import pytest

from checker.errors import ReadError
from checker.readers import read_bytes
from checker.readers.layout import PAGE_NUMBER
from tests.fixtures.make_reports import (
    HEADER,
    Para,
    PdfLayout,
    build_encrypted_pdf,
    build_pdf,
    build_scanned_pdf,
    example_paragraphs,
    numbered_text,
)


def _read(data: bytes):  # type: ignore[no-untyped-def]
    return read_bytes(data, "报告.pdf", ".pdf")


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return build_pdf(example_paragraphs())


def test_paragraphs_come_back_whole(pdf_bytes: bytes) -> None:
    document = _read(pdf_bytes)
    assert document.text.split("\n") == numbered_text(example_paragraphs())


def test_header_and_page_numbers_are_removed(pdf_bytes: bytes) -> None:
    text = _read(pdf_bytes).text
    assert HEADER not in text
    assert "—" not in text.replace("2021—2025", "")


def test_raw_text_really_is_wrapped_and_spaced(pdf_bytes: bytes) -> None:
    """The fixture is as hard as a printed report: PDFium alone gives broken text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    raw = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    assert "160 余次" in raw  # Word's gap between digits and Chinese
    assert raw.count("\r\n") > len(numbered_text(example_paragraphs())[:12])  # hard-wrapped lines


def test_characters_are_read_left_to_right_whatever_the_drawing_order() -> None:
    from tests.fixtures.make_reports import PdfWriter

    writer = PdfWriter(set("大力推进“谁执法谁普法”工作。"))
    writer.new_page()
    y = 700.0
    writer.text(90 + 5 * 12, y, "谁执法谁普法")  # the words first,
    writer.text(90 + 11 * 12, y, "”工作。")
    writer.text(90, y, "大力推进“")  # the opening part last
    assert _read(writer.save()).text == "大力推进“谁执法谁普法”工作。"


def test_a_phrase_wrapped_across_lines_matches() -> None:
    # 30 characters then 县人大常委会: with a 2-character indent the line breaks inside it.
    text = "甲" * 30 + "县人大常委会审议了本报告，并提出了意见和建议。"
    document = _read(build_pdf([Para(text)], PdfLayout(header=None, page_number=None)))
    assert document.text == text
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(build_pdf([Para(text)], PdfLayout(header=None, page_number=None)))
    assert "人大常委会" not in pdf[0].get_textpage().get_text_range()
    pdf.close()


def test_chinese_and_latin_autospacing_is_not_a_space(pdf_bytes: bytes) -> None:
    text = _read(pdf_bytes).text
    assert "2024年，青禾县" in text
    assert "公布依申请政务服务事项1,024项" in text


def _drawn_at(pdf_bytes: bytes, start: str) -> dict[str, int]:
    """Page and line (furniture left out) where a line starting with ``start`` is drawn."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        for number, page in enumerate(pdf, start=1):
            lines = [line for line in page.get_textpage().get_text_range().split("\r\n")
                     if line.strip() and line != HEADER and not PAGE_NUMBER.match(line.strip())]
            for index, line in enumerate(lines, start=1):
                if line.replace(" ", "").startswith(start):
                    return {"page": number, "line": index}
    finally:
        pdf.close()
    raise AssertionError(start)


def test_locations_are_page_and_line_of_the_paragraph_start(pdf_bytes: bytes) -> None:
    document = _read(pdf_bytes)
    lines = document.text.split("\n")
    heading = "二、2024年推进法治政府建设存在的不足和原因"
    second = lines.index(heading)
    assert document.line_locations[second] == _drawn_at(pdf_bytes, "二、2024年")
    assert document.line_locations[second]["page"] >= 2  # the fixture spans pages
    assert document.line_locations[0] == {"page": 1, "line": 1}
    pages = [loc["page"] for loc in document.line_locations]
    assert pages == sorted(pages)


@pytest.mark.parametrize("style", ["第{n}页", "-{n}-", "{n}", "第 {n} 页 共 2 页", "{n}/2"])
def test_page_number_styles(style: str) -> None:
    paras = example_paragraphs()
    document = _read(build_pdf(paras, PdfLayout(page_number=style, header=None)))
    assert document.text.split("\n") == numbered_text(paras)


def test_without_indentation_short_lines_still_end_paragraphs() -> None:
    paras = example_paragraphs()
    document = _read(build_pdf(paras, PdfLayout(indent=False)))
    assert document.text.split("\n") == numbered_text(paras)


@pytest.mark.parametrize("text", ["— 3 —", "- 12 -", "第3页", "第 3 页 共 9 页", "3/9", "Page 3 of 9", "— 三 —"])
def test_page_number_patterns(text: str) -> None:
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["2023年", "一、总体情况", "共计3件"])
def test_page_number_patterns_leave_text_alone(text: str) -> None:
    assert not PAGE_NUMBER.match(text)


def test_a_scan_says_so() -> None:
    with pytest.raises(ReadError) as caught:
        _read(build_scanned_pdf())
    assert "没有文字层" in caught.value.reason and "扫描件" in caught.value.reason


def test_encrypted_pdf() -> None:
    with pytest.raises(ReadError) as caught:
        _read(build_encrypted_pdf())
    assert "加密" in caught.value.reason


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + bytes(range(256)) * 4, b"not a pdf at all " * 10])
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        _read(data)
    assert "PDF" in caught.value.reason
