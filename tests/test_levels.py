"""A filer's own level in its name: the lowest level the chain names, words that hold a level's
character aside (written for these tests)."""

from __future__ import annotations

import pytest

from checker.pack.loader import load_pack
from checker.text import levels

LEVELS = levels.of(load_pack())  # the pack's own levels
own_level, higher_than, levels_in = LEVELS.own_level, LEVELS.higher_than, LEVELS.levels_in


@pytest.mark.parametrize(("name", "level"), [
    ("柳溪县人民政府", "县"), ("青石市柳溪区人民政府", "区"), ("青石市柳溪区司法局", "区"),
    ("柳溪县青石镇人民政府", "镇"), ("青川省人民政府", "省"), ("中共柳溪县委", "县"),
    ("柳溪县市场监督管理局", "县"),        # 市场 is no city
    ("柳溪县住房和城乡建设局", "县"),      # nor 城乡 a township
    ("示例市城市管理局", "市"), ("示例县社区矫正中心", "县"),
    ("镇江市人民政府", "市"), ("乡宁县人民政府", "县"), ("安乡县人民政府", "县"),  # a place named with a level
    ("示例县乡村振兴局", "县"), ("示例区东城街道办事处", "街道"), ("晋阳市城区人民政府", "区"),
    ("青石市工业园区管理委员会", "区"), ("聊城市东昌府区司法局", "区"),
    ("青港海关", None), (None, None),
])
def test_the_filers_own_level_is_the_lowest_its_name_names(name: str | None, level: str | None) -> None:
    assert own_level(name) == level


def test_a_level_is_higher_only_than_a_known_lower_one() -> None:
    assert higher_than("市", "区") and higher_than("省", "县") and not higher_than("县", "区")
    assert not higher_than("市", None)


def test_a_body_named_in_the_text_may_open_with_its_level_and_a_filers_name_with_its_place() -> None:
    assert levels_in("市司法局", whole=False) == [(0, "市")]  # the city's bureau
    assert levels_in("镇江市人民政府") == [(2, "市")]          # no township: the city's name opens it
