"""Fuzzing the whole check: any ``str`` gives a result, never an exception.

The inputs that once crashed a batch are each a strategy here: text with lone
surrogates and every other code point, web pages declaring any codec Python
knows (hex, rot13, zlib, base64 are not text encodings at all), and numbers
with hundreds or thousands of digits, mixed with fragments of a real report so
that the rules and the arithmetic see them where they look.
"""

from __future__ import annotations

import encodings.aliases

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import check_text
from checker.errors import ReadError
from checker.readers import read_bytes
from checker.text.numbers import find_numbers

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)

FRAGMENTS = [
    "青禾县人民政府关于2024年度法治政府建设情况的报告", "一、2024年推进法治政府建设的主要举措和成效",
    "（一）健全依法行政制度体系。", "全年收到行政复议申请86件，受理78件，审结71件，纠错率18.3%。",
    "行政机关负责人出庭应诉率95.3%", "二、存在的不足和原因", "一是", "二是", "究其原因，主要是",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况", "四、2025年推进法治政府建设的主要安排",
    "2025年2月20日", "2024-03-05", "“", "”", "《", "》", "（", "）", "\n", "。", "，", "%", "万", "件",
    "百分之", "点", "**", "<!-- checker-disable -->", "【填写提示：写明数字】",
]
any_character = st.characters(blacklist_categories=())  # surrogates (Cs) included
digits = st.integers(300, 3000).map(lambda n: "9" * n)
long_number = st.one_of(
    digits, digits.map(lambda d: "0." + d), digits.map(lambda d: d + "." + d[:400]),
    digits.map(lambda d: f"审结率{d}.5%"), digits.map(lambda d: f"受理{d}件，审结0.{d}件"),
    digits.map(lambda d: f"百分之{d}"), digits.map(lambda d: f"{d}万件"))
report_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(any_character, max_size=12),
                                 long_number), max_size=30).map("".join)


@FUZZ
@given(report_text)
def test_check_text_returns_a_result_for_any_text(text: str) -> None:
    result = check_text(text)
    assert result["error"] is None, result.get("error_detail")
    assert 0 <= result["score"] <= 100


@FUZZ
@given(st.text(any_character, max_size=200))
def test_check_text_returns_a_result_for_any_code_points(text: str) -> None:
    result = check_text(text)
    assert result["error"] is None, result.get("error_detail")


@FUZZ
@given(long_number, st.sampled_from(FRAGMENTS))
def test_numbers_of_any_length_are_read(number: str, context: str) -> None:
    for found in find_numbers(context + number + context):
        low, high = found.bounds()
        assert low <= found.value <= high or found.value != found.value


CODECS = sorted(set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
                | {"hex", "rot13", "rot_13", "zlib", "base64", "bz2", "uu", "quopri", "undefined",
                   "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf-7", "utf-16", "x-gbk"})


@FUZZ
@given(st.one_of(st.sampled_from(CODECS), st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.:"),
                                                  min_size=1, max_size=12)),
       st.sampled_from(["meta", "http-equiv", "xml"]))
def test_a_page_may_declare_any_codec(codec: str, how: str) -> None:
    body = "<p>一、主要举措。全年办理行政复议案件86件，审结71件，法治政府建设取得新的进展。</p>" * 3
    head = {"meta": f'<meta charset="{codec}">',
            "http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={codec}">',
            "xml": ""}[how]
    prolog = f'<?xml version="1.0" encoding="{codec}"?>' if how == "xml" else ""
    page = f"{prolog}<html><head>{head}</head><body><div id='zoom'>{body}</div></body></html>"
    try:
        document = read_bytes(page.encode("utf-8"), "fuzz.html", ".html")
    except ReadError as error:
        assert error.reason
        return
    assert document.text
