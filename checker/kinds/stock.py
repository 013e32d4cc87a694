"""Stock wording inside an analysis: clauses that name no cause of the filer's own.

An element rule's ``boilerplate`` patterns are the stock phrases every report uses
(思想认识不到位, 工作措施不够有力); its ``boilerplate_words`` are stock objects that name
nothing either (习近平法治思想, 法治政府建设). A clause (a piece between ，；、。) is stock
when a stock phrase reaches into it, it has no figure from that phrase on, and what is left of it
outside the stock phrases and words is at most ``SLACK`` Chinese characters: a subject (部分执法人员
思想认识不到位) or a lead-in (主要是) still is, a named object is not (一些领导干部对程序
规范重视不够 says what was neglected).

Phrases are matched over the whole passage, so one may run over a 、 (对法治政府建设的
长期性、艰巨性、复杂性认识不足 is one stock phrase in three clauses), and over each clause
alone, where ^ and $ stand for the clause's ends (^(?:客观|主观)因素$: a label clause).
"""

from __future__ import annotations

import re
from typing import Any

import regex

from checker.text.markers import ITEM_MARKER
from checker.text.normalize import han_count
from checker.text.patterns import any_of, finditer, first_span, match_spans

# Characters a stock clause may carry besides its stock phrases and words: a subject such as
# 部分执法人员 or 个别单位, not an object that says what went wrong.
SLACK = 8
DIGIT = re.compile(r"[0-9０-９]")
DIGITS = re.compile(r"[0-9０-９]+(?:[.,，][0-9０-９]+)*")
QUOTED_NAME = re.compile(r"《[^《》]{2,40}》")
# a count of people or units: who holds an attitude, not a measure of what is wanting
WHO_COUNT = re.compile(r"[0-9０-９]+(?:[.,，][0-9０-９]+)*\s*(?:个|名|人|家|位|支)")
CLAUSE_SPLIT = re.compile("[，；、。,;：:]")


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between clause marks (，；、。 and a lead-in's colon: 究其原因：)."""
    stops = [m.start() for m in CLAUSE_SPLIT.finditer(text, start, end)] + [end]
    pieces, piece_start = [], start
    for stop in stops:
        pieces.append((piece_start, stop))
        piece_start = stop + 1
    return pieces


class StockWording:
    """The rule's stock phrases and words, to tell the stock clauses of a passage."""

    __slots__ = ("phrases", "words")

    def __init__(self, phrases: regex.Pattern[str], words: regex.Pattern[str] | None) -> None:
        self.phrases = phrases
        self.words = words

    @classmethod
    def of(cls, rule: Any) -> StockWording | None:
        phrases = any_of(tuple(rule.get("boilerplate", [])))
        if phrases is None:
            return None
        return cls(phrases, any_of(tuple(rule.get("boilerplate_words", []))))

    def examples(self, text: str, passages: list[tuple[int, int]], most: int = 2) -> list[str]:
        """The first ``most`` stock phrases of the passages as written, each to the end of its
        clause (认识还不够深刻), to quote."""
        found: list[str] = []
        for start, end in passages:
            for a, b in self.in_passage(text, start, end).phrases:
                stop = CLAUSE_SPLIT.search(text, b, end)  # on to its clause's end: 不够 → 不够有力
                phrase = text[a:stop.start() if stop else end].strip("，,。；;、 ")
                if phrase and phrase not in found:
                    found.append(phrase)
                    if len(found) == most:
                        return found
        return found

    def in_passage(self, text: str, start: int, end: int) -> StockClauses:
        """The stock spans of ``text[start:end]``, to ask of its clauses."""
        # (the phrases are a long alternation: searched branch by branch, those the text may hold)
        phrases = match_spans(self.phrases, text, start, end)
        for a, b in clauses(text, start, end):
            found = first_span(self.phrases, text[a:b]) if b > a else None
            if found is not None:
                phrases.append((a + found[0], a + found[1]))
        words = [] if self.words is None or not phrases else \
            [(m.start(), m.end()) for m in finditer(self.words, text, start, end) if m.end() > m.start()]
        return StockClauses(text, phrases, words)


class StockClauses:
    """The stock phrases and words found in one passage."""

    __slots__ = ("covered", "phrases", "text")

    def __init__(self, text: str, phrases: list[tuple[int, int]], words: list[tuple[int, int]]) -> None:
        self.text = text
        self.phrases = phrases
        self.covered = _union(phrases + words)

    def reaches(self, start: int, end: int) -> bool:
        """Whether a stock phrase reaches into ``text[start:end]`` at all."""
        return any(a < end and b > start for a, b in self.phrases)

    def holds(self, start: int, end: int) -> bool:
        """Whether the clause ``text[start:end]`` is stock wording."""
        text = self.text
        reaching = [a for a, b in self.phrases if a < end and b > start]
        if not reaching:
            return False
        # A figure in the stock phrase or after it measures the want (经费投入不足5万元); one in
        # the subject before it that only counts who has it (3个部门思想认识不到位 is as stock as
        # 部分部门思想认识不到位) does not; a year or a count of anything else there does (2024年机构
        # 改革后执法力量薄弱 says since when).
        if QUOTED_NAME.search(text, start, end) is not None:
            return False  # a document or programme named (对新《行政处罚法》掌握得不够及时)
        first = max(start, min(reaching))
        if DIGIT.search(text, first, end) is not None:
            return False
        if any(WHO_COUNT.match(text, m.start()) is None for m in DIGITS.finditer(text, start, first)):
            return False
        stock = sum(han_count(text, max(a, start), min(b, end)) for a, b in self.covered if a < end and b > start)
        # (its item marker is none of the clause's words: 四是 before 工作机制还不够健全)
        marker = ITEM_MARKER.match(text, start, end)
        own = han_count(text, start, end) - (0 if marker is None else han_count(text, marker.start(), marker.end()))
        return own - stock <= SLACK


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
