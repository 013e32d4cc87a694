"""Plain text and Markdown in the encodings and line ends users really have."""

from __future__ import annotations

import pytest

from checker.errors import ReadError
from checker.readers import read_bytes
from tests.fixtures.make_reports import EXAMPLE, build_text

TEXT = EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(("encoding", "crlf", "bom"), [
    ("utf-8", False, False),
    ("utf-8", True, True),
    ("gb18030", True, False),
    ("gbk", False, False),
    ("utf-16-le", False, True),
    ("utf-16-be", True, True),
    ("utf-16-le", False, False),  # no BOM, and Chinese text has few NUL bytes
    ("utf-16-be", True, False),
])
def test_encodings_and_line_ends(encoding: str, crlf: bool, bom: bool) -> None:
    document = read_bytes(build_text(encoding, crlf=crlf, bom=bom), "报告.txt", ".txt")
    assert document.text == TEXT
    assert document.warnings == []


def test_bomless_utf16_of_pure_chinese_text() -> None:
    text = "二、存在的不足和原因。" * 20
    for encoding in ("utf-16-le", "utf-16-be"):
        data = text.encode(encoding)
        assert b"\x00" not in data
        assert read_bytes(data, "a.txt", ".txt").text == text


def test_short_gbk_text_is_not_read_as_korean() -> None:
    assert read_bytes("法治政府建设年度报告".encode("gbk"), "a.txt", ".txt").text == "法治政府建设年度报告"


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG 图片"),
    (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "PDF 文档"),
    (b"PK\x03\x04" + bytes(100), "zip"),
    (bytes(range(256)) * 8, "二进制"),
])
def test_binary_with_a_text_name(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "报告.txt", ".txt")
    assert reason in caught.value.reason


def test_markdown_headings_are_hints_and_emphasis_stays() -> None:
    text = ("# 关于2024年度法治政府建设情况的报告\n\n## 存在的问题\n\n**县**县创建工作，**重点**突出。\n\n"
            "下一步安排\n----------\n正文。")
    document = read_bytes(text.encode(), "报告.md", ".md")
    lines = document.text.split("\n")
    assert document.heading_levels == {0: 1, 2: 2, 6: 2}
    assert lines[6] == "下一步安排" and lines[7] == ""  # the underline is syntax; line numbers kept
    assert "**县**县创建工作，**重点**突出。" in lines  # the normaliser decides about the markers


def test_markdown_in_gb18030() -> None:
    document = read_bytes("# 标题\n正文".encode("gb18030"), "a.md", ".md")
    assert document.heading_levels == {0: 1} and document.metadata["encoding"] == "gb18030"


def test_binary_with_nul_bytes_on_both_sides_is_not_read_as_utf16() -> None:
    from checker.errors import ReadError
    from checker.readers import read_bytes

    for data in (b"\x00binary\x00" * 30, b"\x00\x01\x02binary\x00" * 20):
        with pytest.raises(ReadError, match=r"二进制|不是文本"):
            read_bytes(data, "b.txt", ".txt")


def test_bomless_utf16_chinese_prose_is_still_read() -> None:
    from checker.readers import read_bytes

    text = "县政府全面推进依法行政，严格规范公正文明执法，法治政府建设取得新成效。" * 3
    for encoding in ("utf-16-le", "utf-16-be"):
        assert read_bytes(text.encode(encoding), "r.txt", ".txt").text == text


def test_a_copied_pages_related_links_below_the_signature_are_no_part_of_the_report() -> None:
    from checker.readers import read_bytes

    page = ("示例市人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n全年审核规范性文件16件。\n"
            "示例市人民政府\n2026年2月10日\n相关文章\n示例市法治政府建设实施方案（2016—2020年）\n"
            "关于印发《示例市“七五”普法规划》的通知\n")
    document = read_bytes(page.encode("utf-8"), "报告.txt", ".txt")
    assert document.text.endswith("2026年2月10日") and "七五" not in document.text
    assert any("相关文章" in w for w in document.warnings)
    # without a dated signature before it, a 相关链接 line is left where it is
    body = "一、主要举措和成效\n相关链接：见附件\n全年审核规范性文件16件。\n"
    kept = read_bytes(body.encode("utf-8"), "报告.txt", ".txt")
    assert "相关链接：见附件" in kept.text and not kept.warnings
