"""Fuzzing the readers: a mutated file yields a Document or a ReadError, never anything else.

The seeds are files this project generates (tests/fixtures/make_reports.py). Besides
byte-level damage (flips, truncation, insertions, deletions), Word files are also
damaged inside a valid zip (the XML parts) and through the attribute values the
numbering code reads (numId, ilvl, start, lvlText...), where a plain byte flip
rarely gets past the zip checksum. Crashers are kept below as regression tests (so far
one, met while choosing the attribute values; 1,500-example runs per seed found no other).
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
from checker.readers import read_bytes
from checker.text.document import Document
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


@pytest.mark.parametrize(("kind", "suffix"), [("docx", ".docx"), ("pdf", ".pdf"), ("html", ".html"),
                                              ("txt", ".txt"), ("md", ".md")])
def test_mutated_files(kind: str, suffix: str) -> None:
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
