"""Administrative levels in names: which level a filer is, and whether a name is a higher level's.

A filer signs with its place's whole chain (青石市柳溪区司法局, 柳溪县人民政府): its own level is the
lowest the chain names (区, 县), not every level character in it (the 市 of 青石市 is the city's,
the 市 of 市场监管局 no level at all). Which characters are levels, their ranks and the words that
hold one without being one are the pack's data (its ``levels`` section); this module only reads
names with them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


class Levels:
    """A pack's ``levels``: ``ranks`` (省 0 above 市 1 above 县 2 …; a level of several characters,
    街道, too), and the characters after (``not_after``: 市场) or before (``not_before``: 城乡) which a
    level's character is part of a word."""

    __slots__ = ("not_after", "not_before", "ranks")

    def __init__(self, data: dict[str, Any]) -> None:
        self.ranks: dict[str, int] = dict(data.get("ranks", {}))
        self.not_after: dict[str, str] = dict(data.get("not_after", {}))
        self.not_before: dict[str, str] = dict(data.get("not_before", {}))

    def levels_in(self, name: str, whole: bool = True) -> list[tuple[int, str]]:
        """The levels ``name`` names, with their positions (市 of 市场 and 区 of 区域 aside). A ``whole``
        name (a filer's) opens with its place's name (镇江市: no township); a body named in the text
        may open with its level alone (市司法局: the city's)."""
        found: list[tuple[int, str]] = []
        for k, ch in enumerate(name):
            longer = next((level for level in self.ranks if len(level) > 1 and name.startswith(level, k)), None)
            if longer is not None:
                found.append((k, longer))
            elif ch in self.ranks and (k or not whole) \
                    and not (k + 1 < len(name) and name[k + 1] in self.not_after.get(ch, "")) \
                    and not (k and name[k - 1] in self.not_before.get(ch, "")):
                found.append((k, ch))
        # a level right before another is the place's own character (安乡县; 县乡村振兴局 keeps its 县)
        starts = {k for k, _ in found}
        return [(k, level) for k, level in found if k + len(level) not in starts]

    def own_level(self, name: str | None) -> str | None:
        """The filer's own level: the lowest its name names (青石市柳溪区司法局 → 区); None when it names none."""
        return _own_level(self, name or "")

    def higher_than(self, level: str, other: str | None) -> bool:
        """Whether ``level`` ranks above ``other`` (市 above 区); False when ``other`` is not known."""
        return other is not None and self.ranks[level] < self.ranks[other]


@lru_cache(maxsize=256)
def _own_level(levels: Levels, name: str) -> str | None:
    # (asked for the same issuer of every figure and head of a report: found once)
    found = levels.levels_in(name)
    return max(found, key=lambda item: (levels.ranks[item[1]], item[0]))[1] if found else None


_BY_PACK: dict[str, Levels] = {}


def of(pack: Any) -> Levels:
    """The ``levels`` of a loaded pack (by its digest: built once)."""
    known = _BY_PACK.get(pack.digest)
    if known is None:
        if len(_BY_PACK) >= 16:
            _BY_PACK.clear()
        known = _BY_PACK[pack.digest] = Levels(pack.levels)
    return known
