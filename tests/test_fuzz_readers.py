"""Fuzzing the readers: a mutated file yields a Document or a ReadError, never anything else.

The seeds are files this project generates (tests/fixtures/make_reports.py). Besides
byte-level damage (flips, truncation, insertions, deletions), Word files are also
damaged inside a valid zip (the XML parts) and through the attribute values the
numbering code reads (numId, ilvl, start, lvlText...), where a plain byte flip
rarely gets past the zip checksum. Crashers are kept below as regression tests (so far
one, met while choosing the attribute values; 1,500-example runs per seed found no other).

The readers for offices' formats get the same: OFD (bytes, XML parts, coordinate and
reference attributes), .doc through the piece table (bytes, and the WordDocument and
table streams damaged inside a valid OLE container, FIB numbers set to odd values;
a few through LibreOffice too), pictures through OCR. 3,000-example runs on the OFD seed
found two crashers, kept as regressions (zipfile's NotImplementedError for an unknown zip
version, which the .docx reader had too, and zlib.error from a damaged part); 1,500 on
the .doc seed found none.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import ReadError
from checker.readers import ocr, read_bytes
from checker.readers.doc import find_soffice, paragraphs
from checker.text.document import Document
from tests.fixtures.make_ofd import build_ofd
from tests.fixtures.make_reports import (
    Para,
    PdfLayout,
    build_docx,
    build_html,
    build_pdf,
    build_text,
    example_paragraphs,
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)


@cache
def seed(kind: str) -> bytes:
    paras = example_paragraphs()[:12]
    if kind == "docx":
        return build_docx(paras, extras=True, table=[("指标", "数值")])
    if kind == "pdf":
        return build_pdf(paras[:6], PdfLayout(pitch=60))  # several small pages
    if kind == "html":
        return build_html(paras)
    if kind == "ofd":
        return build_ofd(paras)
    if kind == "doc":
        from tests.fixtures.make_scans import word97

        return word97(build_docx(paras, table=[("指标", "数值")]))
    if kind == "png":
        from PIL import Image, ImageDraw

        picture = Image.new("RGB", (160, 48), "white")
        ImageDraw.Draw(picture).rectangle((10, 14, 150, 34), fill="black")
        out = io.BytesIO()
        picture.save(out, "PNG")
        return out.getvalue()
    if kind == "md":
        return "# 标题\n\n## 二、存在的问题\n\n**县**县创建，**重点**突出。\n".encode()
    return build_text("gb18030", crlf=True)


def _outcome(data: bytes, suffix: str) -> None:
    try:
        document = read_bytes(data, f"fuzz{suffix}", suffix)
    except ReadError as error:
        assert error.reason and "\n" not in error.reason
        return
    assert isinstance(document, Document)
    assert not document.line_locations or len(document.line_locations) == document.line_count


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        position = draw(st.integers(0, max(len(buffer) - 1, 0)))
        if operation == "flip" and buffer:
            buffer[position] = draw(st.integers(0, 255))
        elif operation == "truncate":
            del buffer[position:]
        elif operation == "insert":
            buffer[position:position] = draw(st.binary(min_size=1, max_size=64))
        else:
            del buffer[position:position + draw(st.integers(1, 256))]
    return bytes(buffer)


needs_office = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice writes the .doc seed")
needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")


@pytest.fixture
def piece_table_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_SOFFICE", "off")


@pytest.mark.parametrize(("kind", "suffix"), [
    ("docx", ".docx"), ("pdf", ".pdf"), ("html", ".html"), ("txt", ".txt"), ("md", ".md"), ("ofd", ".ofd"),
    pytest.param("doc", ".doc", marks=needs_office), pytest.param("doc", ".wps", marks=needs_office),
    pytest.param("png", ".png", marks=needs_ocr),
])
def test_mutated_files(kind: str, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_SOFFICE", "off")  # .doc by the piece table; LibreOffice below
    @FUZZ
    @given(mutated(seed(kind)))
    def check(data: bytes) -> None:
        _outcome(data, suffix)

    check()


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, change.get(name, source.read(name)))
    return out.getvalue()


def _parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(seed("docx"))) as archive:
        return {name: archive.read(name) for name in
                ("word/document.xml", "word/numbering.xml", "word/styles.xml")}


@FUZZ
@given(st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]), st.data())
def test_damaged_parts_inside_a_valid_zip(part: str, data: st.DataObject) -> None:
    xml = _parts()[part]
    damaged = data.draw(mutated(xml))
    _outcome(_rezip(seed("docx"), {part: damaged}), ".docx")


VALUES = ["-1", "0", "1", "8", "9", "10", "99999999999999999999", "abc", "", "%9", "%1%2%3%4%5%6%7%8%9",
          "upperLetter", "lowerRoman", "bullet", "none", "chineseLegalSimplified", "decimalEnclosedCircle"]
ATTRIBUTE = regex.compile(rb'w:val="[^"]*"')


@FUZZ
@given(st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml"]), st.data())
def test_odd_attribute_values(part: str, data: st.DataObject) -> None:
    xml = _parts()[part]
    spots = list(ATTRIBUTE.finditer(xml))
    changes = data.draw(st.lists(st.tuples(st.integers(0, len(spots) - 1), st.sampled_from(VALUES)),
                                 min_size=1, max_size=8))
    damaged = bytearray(xml)
    for index, value in sorted(changes, key=lambda c: -spots[c[0]].start()):
        spot = spots[index]
        damaged[spot.start():spot.end()] = b'w:val="' + value.encode() + b'"'
    _outcome(_rezip(seed("docx"), {part: bytes(damaged)}), ".docx")


# ---------------------------------------------------------------- regressions and edge cases


def test_regression_huge_start_value_with_letters() -> None:
    """A list starting at 10**20 in upperLetter format built a label of 10**20/26 letters
    (the process hung, then ran out of memory)."""
    xml = _parts()["word/numbering.xml"].decode()
    xml = regex.sub(r'(<w:abstractNum [^>]*w:abstractNumId="907".*?<w:start w:val=")1(")',
                    r"\g<1>99999999999999999999\2", xml, count=1, flags=regex.S)
    xml = xml.replace('w:val="chineseCounting"', 'w:val="upperLetter"', 1)
    document = read_bytes(_rezip(seed("docx"), {"word/numbering.xml": xml.encode()}), "a.docx", ".docx")
    assert "99999999999999999999、" in document.text


def test_edge_a_pdf_with_one_short_line() -> None:
    _outcome(build_pdf([Para("标题", title=True)], PdfLayout(header=None, page_number=None)), ".pdf")


# ---------------------------------------------------------------- OFD


def _ofd_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(seed("ofd"))) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith(".xml")}


OFD_PARTS = ["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"]


@FUZZ
@given(st.sampled_from(OFD_PARTS), st.data())
def test_damaged_ofd_parts_inside_a_valid_zip(part: str, data: st.DataObject) -> None:
    damaged = data.draw(mutated(_ofd_parts()[part]))
    _outcome(_rezip(seed("ofd"), {part: damaged}), ".ofd")


OFD_VALUES = ["", "0", "-1", "nan", "inf", "-1e309", "1e308", "g", "g 99999999999 1", "g -5 2", "g 2",
              "1 2 3", "0 0 0 0", "1 0 0 1 1e300 1e300", "../../../etc/passwd", "/Doc_0/Document.xml",
              "Pages/Page_0/Content.xml", "一", "5 5 g 3 nan"]
OFD_ATTRIBUTE = regex.compile(rb'(?:Boundary|DeltaX|DeltaY|X|Y|Size|CTM|BaseLoc)="[^"]*"')


@FUZZ
@given(st.sampled_from(OFD_PARTS), st.data())
def test_odd_ofd_attribute_values(part: str, data: st.DataObject) -> None:
    xml = _ofd_parts()[part]
    spots = list(OFD_ATTRIBUTE.finditer(xml))
    if not spots:
        return
    changes = data.draw(st.lists(st.tuples(st.integers(0, len(spots) - 1), st.sampled_from(OFD_VALUES)),
                                 min_size=1, max_size=8))
    damaged = bytearray(xml)
    for index, value in sorted(changes, key=lambda c: -spots[c[0]].start()):
        spot = spots[index]
        name = spot.group().split(b"=", 1)[0]
        damaged[spot.start():spot.end()] = name + b'="' + value.encode() + b'"'
    _outcome(_rezip(seed("ofd"), {part: bytes(damaged)}), ".ofd")


# ---------------------------------------------------------------- .doc


def _with_stream(name: str, change: bytes) -> bytes:
    import olefile

    buffer = io.BytesIO(seed("doc"))
    ole = olefile.OleFileIO(buffer, write_mode=True)
    ole.write_stream(name, change)
    ole.close()
    return buffer.getvalue()


def _stream(name: str) -> bytes:
    import olefile

    with olefile.OleFileIO(seed("doc")) as ole:
        data: bytes = ole.openstream(name).read()
    return data


@needs_office
@pytest.mark.usefixtures("piece_table_only")
@FUZZ
@given(st.sampled_from(["WordDocument", "1Table"]), st.data())
def test_damaged_word_streams_inside_a_valid_container(name: str, data: st.DataObject) -> None:
    stream = bytearray(_stream(name))
    for _ in range(data.draw(st.integers(1, 6))):  # olefile rewrites a stream at its own length
        position = data.draw(st.integers(0, min(len(stream) - 1, 2047 if name == "WordDocument" else len(stream))))
        stream[position] = data.draw(st.integers(0, 255))
    _outcome(_with_stream(name, bytes(stream)), ".doc")


FIB_FIELDS = {"ccpText": 0, "fcClx": 1, "lcbClx": 2}
FIB_VALUES = [0, 1, 7, 2**31 - 1, 2**31, 2**32 - 1, 10**6]


@needs_office
@pytest.mark.usefixtures("piece_table_only")
@FUZZ
@given(st.sampled_from(sorted(FIB_FIELDS)), st.sampled_from(FIB_VALUES))
def test_odd_fib_numbers(field: str, value: int) -> None:
    import struct

    stream = bytearray(_stream("WordDocument"))
    csw = struct.unpack_from("<H", stream, 32)[0]
    at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", stream, at)[0]
    offsets = {"ccpText": at + 2 + 12, "fcClx": at + 2 + 4 * cslw + 2 + 8 * 33,
               "lcbClx": at + 2 + 4 * cslw + 2 + 8 * 33 + 4}
    struct.pack_into("<I", stream, offsets[field], value)
    _outcome(_with_stream("WordDocument", bytes(stream)), ".doc")


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("甲乙丙 \r\x07\x0b\x0c\x13\x14\x15\x01\x1e")), max_size=200))
def test_any_text_stream_makes_paragraphs(text: str) -> None:
    lines, locations = paragraphs(text)
    assert len(lines) == len(locations)
    assert all(line.strip() and not set(line) & set("\r\x07\x0c\x13\x14\x15") for line in lines)
    assert [loc["paragraph"] for loc in locations] == sorted(loc["paragraph"] for loc in locations)


@needs_office
@settings(max_examples=3, deadline=None, derandomize=True)
@given(st.data())
def test_a_few_damaged_files_through_libreoffice(data: st.DataObject) -> None:
    """LibreOffice costs a second of start-up per file: a handful of damaged .doc files
    handed to it (it converts them, fails, or is stopped by the time limit)."""
    _outcome(data.draw(mutated(seed("doc"))), ".doc")


@pytest.mark.parametrize("suffix", [".ofd", ".docx"])
def test_regression_zip_version_zipfile_does_not_know(suffix: str) -> None:
    """zipfile raised NotImplementedError for an entry needing 'zip version 8.0' (.docx too)."""
    data = bytearray(seed("ofd" if suffix == ".ofd" else "docx"))
    directory = data.index(b"PK\x01\x02")
    data[directory + 6:directory + 8] = (80).to_bytes(2, "little")
    with pytest.raises(ReadError, match="压缩包无法打开"):
        read_bytes(bytes(data), f"a{suffix}", suffix)


def test_regression_ofd_part_whose_deflate_stream_is_damaged() -> None:
    """A broken deflate stream raised zlib.error from reading the part."""
    data = bytearray(seed("ofd"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("Doc_0/Document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 8] = b"\xff" * 8
    with pytest.raises(ReadError, match="OFD 文件已损坏"):
        read_bytes(bytes(data), "a.ofd", ".ofd")
