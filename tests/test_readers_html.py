"""The web-page reader on a government-style page built here (gb2312 declared, GBK content)."""

from __future__ import annotations

import pytest

from checker.errors import ReadError
from checker.readers import read_bytes
from checker.readers.html import declared_encoding
from checker.readers.webmeta import is_metadata_line, iso_date, pairs
from tests.fixtures.make_reports import GBK_ONLY, build_html, example_paragraphs, html_body_texts

FURNITURE = ["首页", "当前位置", "无障碍", "分享到", "QQ空间", "打印本页", "相关链接", "关于印发",
             "主办单位", "备案号", "脚本里的字", "color", "浏览次数", "索 引 号", "名 称"]


def _read(data: bytes):  # type: ignore[no-untyped-def]
    return read_bytes(data, "报告.html", ".html")


@pytest.fixture(scope="module")
def page() -> bytes:
    return build_html(example_paragraphs())


def test_gbk_page_declared_gb2312_is_read_to_the_end(page: bytes) -> None:
    with pytest.raises(UnicodeDecodeError):
        page.decode("gb2312")  # the trap: the declared charset cannot read the page
    document = _read(page)
    assert GBK_ONLY in document.text
    assert document.text.endswith("2025年2月20日")
    assert document.metadata["encoding"] == "gb18030"


def test_article_only_with_the_title_first(page: bytes) -> None:
    document = _read(page)
    title = "青禾县人民政府关于2024年度法治政府建设情况的报告"
    assert document.text.split("\n") == [title, *html_body_texts(example_paragraphs())]
    for word in FURNITURE:
        assert word not in document.text, word


def test_page_metadata_is_kept(page: bytes) -> None:
    metadata = _read(page).metadata
    assert metadata["title"] == "青禾县人民政府关于2024年度法治政府建设情况的报告"
    assert metadata["issuer"] == "青禾县人民政府办公室"
    assert metadata["published"] == "2025-03-06"
    assert metadata["index_no"] == "11520000/2025-00042"
    assert metadata["doc_no"] == "青政发〔2025〕3号"


def test_generation_date_when_no_publication_time_is_given() -> None:
    page = build_html(example_paragraphs()).decode("gb18030")
    page = page.replace('<meta name="PubDate" content="2025-03-06 09:30">', "")
    page = page.replace(" 发布时间：2025-03-06", "")
    assert _read(page.encode("gb18030")).metadata["published"] == "2025-03-05"


def test_text_density_finds_the_article_without_a_known_container() -> None:
    document = _read(build_html(example_paragraphs(), container=""))
    assert document.text.split("\n")[1:] == html_body_texts(example_paragraphs())
    for word in FURNITURE:
        assert word not in document.text, word


def test_line_breaks_are_paragraphs() -> None:
    document = _read(build_html(example_paragraphs(), breaks=True))
    assert document.text.split("\n")[1:] == html_body_texts(example_paragraphs())


def test_locations_are_paragraph_numbers(page: bytes) -> None:
    document = _read(page)
    assert document.line_locations == [{"paragraph": k} for k in range(1, len(document.line_locations) + 1)]
    assert len(document.line_locations) == document.line_count


def test_declared_utf8_that_is_really_gbk() -> None:
    html = "<html><head><meta charset='utf-8'></head><body><div id='zoom'><p>{}</p></div></body></html>"
    data = html.format("二、存在的不足和原因。" * 10 + GBK_ONLY).encode("gb18030")
    document = _read(data)
    assert GBK_ONLY in document.text
    assert "与内容不符" in document.warnings[0]


@pytest.mark.parametrize(("head", "expected"), [
    (b'<meta charset="GB2312">', "gb18030"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=gbk" />', "gb18030"),
    (b"<?xml version='1.0' encoding='utf-8'?><html>", "utf-8"),
    (b'<meta charset="no-such-charset">', None),
    (b"<html><body>", None),
])
def test_declared_encoding(head: bytes, expected: str | None) -> None:
    assert declared_encoding(head) == expected


def test_xhtml_with_an_xml_declaration_parses() -> None:
    data = ("<?xml version='1.0' encoding='utf-8'?><html xmlns='http://www.w3.org/1999/xhtml'><body>"
            "<div class='TRS_Editor'><p>一、主要举措和成效。本段是正文内容，足够长，可以作为文章主体被识别出来。"
            "这里继续写一些文字，让正文超过最短长度。</p></div></body></html>").encode()
    assert _read(data).text.startswith("一、主要举措和成效")


def test_a_page_with_only_furniture_has_no_text() -> None:
    data = "<html><body><div class='nav'>首页 政务公开</div><div class='footer'>主办单位</div></body></html>"
    with pytest.raises(ReadError) as caught:
        _read(data.encode())
    assert caught.value.reason == "文件中没有可检查的文字"


@pytest.mark.parametrize("line", [
    "索 引 号: | 11520000/2025-00042 | 信息分类: | 法治政府建设 |",
    "发布机构: | 生成日期: | 2025-03-05 | |",
    "文 号: | 是否有效: | ||",
    "名 称: | 青禾县2024年度法治政府建设情况报告 |",
    "来源：县司法局 发布时间：2025-03-06 浏览次数：321",
    "索引号：11520000/2025-00042",
    "发文字号：青政发〔2025〕3号",
])
def test_metadata_lines(line: str) -> None:
    assert is_metadata_line(line)


@pytest.mark.parametrize("line", [
    "名称：青禾县优化营商环境条例（草案）",  # a lone weak label may be report text
    "来源：群众来信来访，共办理120件，办结率98%。",
    "一、2024年推进法治政府建设的主要举措和成效",
    "我县严格落实发布机构审核制度：所有文件均经审核。",
])
def test_report_lines_are_not_metadata(line: str) -> None:
    assert not is_metadata_line(line)


def test_label_value_pairs_and_dates() -> None:
    assert pairs("发布机构: | 生成日期: | 2025-03-05 | |") == [("发布机构", ""), ("生成日期", "2025-03-05")]
    assert iso_date("2025年3月6日 09:30") == "2025-03-06"
    assert iso_date("2025/3/6") == "2025-03-06"
    assert iso_date("2025-13-06") is None


def test_wholly_bold_short_paragraphs_are_heading_hints() -> None:
    body = ("<p style='text-align:center'><strong>示例县人民政府关于2024年度法治政府建设情况的报告</strong></p>"
            "<p><strong>示例市人民政府：</strong></p>"
            "<p><strong>健全依法行政制度体系</strong></p>"
            "<p>全年审核县政府规范性文件11件，报市政府和县人大常委会备案11件，备案率100%。</p>"
            "<p><b>存在的</b><b>问题</b></p>"
            "<p><strong>一是</strong>乡镇合法性审查力量不足，16个乡镇中有7个未配备专职审查人员。</p>"
            "<p><span style='font-weight:bold'>下一步工作打算</span></p>"
            "<p>一是年内为每个乡镇配齐专职合法性审查人员，全年培训不少于400人次。</p>")
    page = f"<html><head><meta charset='utf-8'></head><body><div class='content'>{body}</div></body></html>"
    document = _read(page.encode("utf-8"))
    lines = document.text.split("\n")
    # the centred title, the addressee's lead-in and a paragraph with only 一是 in bold are not headings
    hinted = [lines[k] for k in sorted(document.heading_levels)]
    assert hinted == ["健全依法行政制度体系", "存在的问题", "下一步工作打算"]


def test_a_pages_related_links_after_the_signature_are_dropped() -> None:
    html = ("<html><body><div id='zoom'><p>示例市人民政府关于2025年度法治政府建设情况的报告</p>"
            "<p>一、主要举措和成效</p><p>全年审核规范性文件16件。</p><p>示例市人民政府</p><p>2026年2月10日</p>"
            "<p>相关文章</p><p>示例市法治政府建设实施方案（2016—2020年）</p></div></body></html>")
    document = read_bytes(html.encode("utf-8"), "报告.html", ".html")
    assert "2026年2月10日" in document.text and "2016—2020" not in document.text
