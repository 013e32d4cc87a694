"""A filer's own level in its name: the lowest level the chain names, words that hold a level's
character aside (written for these tests)."""

from __future__ import annotations

import pytest

from checker.text.levels import higher_than, own_level


@pytest.mark.parametrize(("name", "level"), [
    ("柳溪县人民政府", "县"), ("青石市柳溪区人民政府", "区"), ("青石市柳溪区司法局", "区"),
    ("柳溪县青石镇人民政府", "镇"), ("青川省人民政府", "省"), ("中共柳溪县委", "县"),
    ("柳溪县市场监督管理局", "县"),        # 市场 is no city
    ("柳溪县住房和城乡建设局", "县"),      # nor 城乡 a township
    ("示例市城市管理局", "市"), ("示例县社区矫正中心", "县"),
    ("青港海关", None), (None, None),
])
def test_the_filers_own_level_is_the_lowest_its_name_names(name: str | None, level: str | None) -> None:
    assert own_level(name) == level


def test_a_level_is_higher_only_than_a_known_lower_one() -> None:
    assert higher_than("市", "区") and higher_than("省", "县") and not higher_than("县", "区")
    assert not higher_than("市", None)
