"""The number parser, table-driven: every shape a report writes, and the traps."""

from __future__ import annotations

from typing import Any

import pytest

from checker.text.numbers import Number, find_numbers, parse_chinese, year_value


@pytest.mark.parametrize(("text", "value"), [
    ("零", 0),
    ("十", 10),
    ("十二", 12),
    ("二十", 20),
    ("一百二十三", 123),
    ("一百零五", 105),
    ("一百一十", 110),
    ("两千", 2000),
    ("三千零六", 3006),
    ("一万零二十", 10020),
    ("三万五", 35000),
    ("一百五", 150),
    ("十二万", 120000),
    ("一亿零一万", 100010000),
    ("一亿二千万", 120000000),
    ("一万亿", 1_000_000_000_000),
    ("三千万", 30_000_000),
    ("二〇二三", 2023),
    ("一九九八", 1998),
    ("三点五", 3.5),
    ("3.2万", 32000),
    ("12万5千", 125000),
    ("1,021", 1021),
])
def test_parse_chinese(text: str, value: float) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["十四五", "一百二三", "", "点", "万一x"])
def test_parse_rejects_what_is_not_one_numeral(text: str) -> None:
    assert parse_chinese(text) is None


# text, expected attributes of the only (or the last) number found
SHAPES: list[tuple[str, dict[str, Any]]] = [
    ("受理32件", {"value": 32, "unit": "件", "text": "32件", "is_count": True, "half_width": 0}),
    ("共1,021个", {"value": 1021, "unit": "个", "text": "1,021个"}),
    ("印发3.2万份", {"value": 32000, "unit": "份", "half_width": 500}),
    ("覆盖12万5千人", {"value": 125000, "unit": "人"}),
    ("参与近百件", {"value": 100, "unit": "件", "approximate": True, "text": "近百件"}),
    ("惠及近万人", {"value": 10000, "unit": "人", "approximate": True}),
    ("1.2万余件", {"value": 12000, "unit": "件", "approximate": True}),
    ("100余万元", {"value": 1_000_000, "unit": "元", "approximate": True}),
    ("服务160余次", {"value": 160, "unit": "次", "approximate": True, "text": "160余次"}),
    ("开展30多场次", {"value": 30, "unit": "场次", "approximate": True}),
    ("培训400余人次", {"value": 400, "unit": "人次", "approximate": True}),
    ("学法十余次", {"value": 10, "unit": "次", "approximate": True}),
    ("开展数十次", {"value": 10, "unit": "次", "approximate": True}),
    ("约3次", {"value": 3, "approximate": True}),
    ("组织100人左右", {"value": 100, "unit": "人", "approximate": True}),
    ("成立15人以上队伍", {"value": 15, "unit": "人", "approximate": True}),
    ("核减6500多万元", {"value": 65_000_000, "unit": "元", "approximate": True}),
    ("一两次", {"value": 1, "unit": "次", "approximate": True}),
    ("成功率百分之九十五", {"value": 95, "unit": "%", "percent": True, "half_width": 0.5}),
    ("达到百分之百", {"value": 100, "percent": True}),
    ("百分之九十五点五", {"value": 95.5, "percent": True, "half_width": 0.05}),
    ("成功率98.5%", {"value": 98.5, "percent": True, "half_width": 0.05, "is_rate": True}),
    ("调解成功率97.87%", {"value": 97.87, "half_width": 0.005}),
    ("好评率99%以上", {"value": 99, "percent": True, "approximate": True}),
    ("千分之三", {"value": 0.3, "percent": True, "half_width": 0.05}),
    ("提高5个百分点", {"value": 5, "unit": "个百分点", "percent": False, "is_count": False}),
    ("一百二十三件", {"value": 123, "unit": "件", "chinese": True}),
    ("一万零二十人", {"value": 10020, "unit": "人"}),
    ("两千份", {"value": 2000, "unit": "份"}),
    ("二〇二三年", {"value": 2023, "year": True, "is_count": False}),
    ("2023年", {"value": 2023, "year": True, "is_count": False}),
    ("2023年度", {"value": 2023, "year": True}),
    ("〔2024〕25号", {"value": 25, "unit": "号", "is_count": False}),
    ("12月", {"value": 12, "date": True, "is_count": False}),
    ("办理12345热线诉求", {"value": 12345, "unit": "", "is_count": False}),
    ("第二届", {"value": 2, "ordinal": True, "is_count": False}),
    ("第3次", {"value": 3, "ordinal": True, "is_count": False}),
    ("落实“三项制度”", {"value": 3, "unit": "项", "quoted": True, "is_count": False}),
    ("纠错率为零", {"value": 0, "unit": ""}),
    ("100%", {"value": 100, "percent": True, "half_width": 0.5}),
    ("5G基站", {"value": 5, "unit": "", "is_count": False}),
]


@pytest.mark.parametrize(("text", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_number_shapes(text: str, expected: dict[str, Any]) -> None:
    found = find_numbers(text)
    assert found, text
    number = found[-1]
    for key, want in expected.items():
        assert getattr(number, key) == want, (text, key, getattr(number, key))
    assert text[number.start:number.end] == number.text


def _values(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.unit) for n in find_numbers(text)]


def test_offsets_point_into_the_text() -> None:
    text = "全年受理行政复议案件32件，审结1,021件，调解成功率98.5%。"
    for number in find_numbers(text):
        assert text[number.start:number.end] == number.text
    assert [n.text for n in find_numbers(text)] == ["32件", "1,021件", "98.5%"]


def test_thousands_comma_is_not_a_list_comma() -> None:
    assert _values("1,021个") == [(1021, "个")]
    assert _values("第1,2条") == [(1, ""), (2, "条")]
    assert _values("1、2项") == [(1, ""), (2, "项")]
    assert _values("1,0211") == [(1, ""), (211, "")]  # not a valid grouping


def test_one_hundred_million_and_ten_thousand() -> None:
    assert _values("一亿零一万元") == [(100010000, "元")]


def test_year_is_not_a_count() -> None:
    (year,) = find_numbers("2023年受理")
    assert year.year and not year.is_count


def test_year_ranges_and_dates() -> None:
    numbers = find_numbers("《法治政府建设实施纲要（2015-2020年）》")
    assert all(n.year and n.quoted for n in numbers)
    plain = find_numbers("2021—2025年")
    assert [n.year for n in plain] == [True, True]
    iso = find_numbers("生成日期：2024-03-04")
    assert all(n.date and not n.year and not n.approximate for n in iso)
    assert [n.date for n in find_numbers("2024年3月1日")] == [False, True, True]


def test_ranges_are_approximate() -> None:
    low, high = find_numbers("每次学习1-2部法律")
    assert low.approximate and high.approximate
    assert (low.value, high.value, high.unit) == (1, 2, "部")
    assert find_numbers("三四个")[0].approximate


def test_words_that_hold_numerals_are_not_numbers() -> None:
    for text in ("百姓", "千方百计", "万家灯火", "统一部署", "进一步", "唯一"):
        assert find_numbers(text) == [], text
    # but a bare 十 and 近/上/数 with a round figure are numbers
    assert _values("十项措施") == [(10, "项")]
    assert _values("上百件") == [(100, "件")]


def test_codes_are_not_numbers() -> None:
    assert find_numbers("G310国道") == []


def test_quoted_names_are_flagged() -> None:
    numbers = find_numbers("落实出庭应诉率“两提两核一直达”要求")
    assert numbers and all(n.quoted for n in numbers)


def test_bounds_follow_the_displayed_precision() -> None:
    def bounds(text: str) -> tuple[float, float]:
        number: Number = find_numbers(text)[-1]
        return number.bounds()

    assert bounds("98.5%") == pytest.approx((98.45, 98.55))
    assert bounds("97.87%") == pytest.approx((97.865, 97.875))
    assert bounds("96%") == pytest.approx((95.5, 96.5))
    assert bounds("32件") == (32, 32)
    assert bounds("3.2万份") == pytest.approx((31500, 32500))


@pytest.mark.parametrize(("text", "year"), [
    ("2025", 2025), ("二〇二五", 2025), ("二○二四", 2024), ("二零二六", 2026),
    ("二〇两五", None), ("二〇二", None), ("十四五", None), ("", None),
])
def test_a_year_is_read_in_digits_or_digit_by_digit_in_chinese(text: str, year: int | None) -> None:
    assert year_value(text) == year
