"""Administrative levels in names: which level a filer is, and whether a name is a higher level's.

A filer signs with its place's whole chain (青石市柳溪区司法局, 柳溪县人民政府): its own level is the
lowest the chain names (区, 县), not every level character in it (the 市 of 青石市 is the city's,
the 市 of 市场监管局 no level at all). Ranks follow the chain of government, 省 above 市 above 县.
"""

from __future__ import annotations

# (自治区 is written 区 after its name as a district is: a district's rank is kept for both, since a
# report's own chain decides which it is)
RANKS = {"国": -1, "省": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "区": 2, "旗": 2, "镇": 3, "乡": 3, "街道": 3}
# Characters beside which a level character is part of a word, no level: after it (市场监管局, 区域, 县域,
# 城市管理局, 乡村振兴局) or before it (城乡建设局, 社区, 景区, 城镇)
NOT_A_LEVEL_AFTER = {"市": "场辖容貌民属管", "区": "域划", "县": "域", "乡": "村"}
NOT_A_LEVEL_BEFORE = {"乡": "城", "区": "社景片校小库辖", "镇": "城", "县": "郡"}


def levels_in(name: str, whole: bool = True) -> list[tuple[int, str]]:
    """The level characters of ``name`` with their positions (市 of 市场 and 区 of 区域 aside). A
    ``whole`` name (a filer's) opens with its place's name (镇江市: no township); a body named in the
    text may open with its level alone (市司法局: the city's)."""
    found: list[tuple[int, str]] = []
    for k, ch in enumerate(name):
        if name.startswith("街道", k):
            found.append((k, "街道"))
        elif ch in RANKS and (k or not whole) \
                and not (k + 1 < len(name) and name[k + 1] in NOT_A_LEVEL_AFTER.get(ch, "")) \
                and not (k and name[k - 1] in NOT_A_LEVEL_BEFORE.get(ch, "")):
            found.append((k, ch))
    # a level right before another is the place's own character (安乡县; 县乡村振兴局 keeps its 县)
    starts = {k for k, _ in found}
    return [(k, level) for k, level in found if k + len(level) not in starts]


def own_level(name: str | None) -> str | None:
    """The filer's own level: the lowest its name names (青石市柳溪区司法局 → 区); None when it names none."""
    found = levels_in(name or "")
    return max(found, key=lambda item: (RANKS[item[1]], item[0]))[1] if found else None


def higher_than(level: str, other: str | None) -> bool:
    """Whether ``level`` ranks above ``other`` (市 above 区); False when ``other`` is not known."""
    return other is not None and RANKS[level] < RANKS[other]
