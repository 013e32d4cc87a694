"""Substance, not length: how many sentences of a passage say something concrete.

A sentence is **specific** when it carries a concrete sign — a figure with its
unit, a date, a document acted on, a named programme — or a concrete action in a
sentence that is not a slogan. Every other sentence is **generic** (概括性表述):
坚持…不断…, 全面…持续…, …水平不断提升. Which words are which is pack data (the
``content.substance`` rule and each element rule's ``substance`` key); this module
only counts, with the patterns it is given.

``ignore`` masks fixed formulas that look like figures but are slogans (两个维护,
三项制度, 四个亲自) before anything else is matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from checker.text.patterns import search_text

MIN_SENTENCE_HAN = 8  # shorter fragments (现报告如下, 具体如下) are neither
HAN = regex.compile(r"\p{Han}")
# At least MIN_SENTENCE_HAN Chinese characters: found at the eighth, without listing them all.
ENOUGH_HAN = regex.compile(rf"\p{{Han}}(?:[^\p{{Han}}]*\p{{Han}}){{{MIN_SENTENCE_HAN - 1}}}")
CLAUSE = regex.compile(r"[，,：:]")


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns; any may be None (an empty list).

    ``skip``: sentences that are not counted at all (the causes analysed inside a
    shortcomings section are not shortcomings).
    ``admits``: what a passage must own up to somewhere (不够、尚未、部分……): counted
    sentences matching it, specific or not.
    """

    specific: regex.Pattern[str] | None
    actions: regex.Pattern[str] | None
    generic: regex.Pattern[str] | None
    ignore: regex.Pattern[str] | None
    skip: regex.Pattern[str] | None = None
    admits: regex.Pattern[str] | None = None


@dataclass
class Substance:
    """Counts over a passage, with sample sentences for the verdict's evidence."""

    sentences: int = 0
    specific: int = 0
    # Concrete facts: specific clauses of the specific sentences (学法12次，述法1次 is two).
    facts: int = 0
    # Sentences matching the ``admits`` cues (0 when there are none to match).
    admitting: int = 0
    specific_spans: list[tuple[int, int]] = field(default_factory=list)
    generic_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def generic(self) -> int:
        return self.sentences - self.specific

    def add(self, other: Substance) -> None:
        self.sentences += other.sentences
        self.specific += other.specific
        self.facts += other.facts
        self.admitting += other.admitting
        self.specific_spans.extend(other.specific_spans)
        self.generic_spans.extend(other.generic_spans)


def measure(text: str, sentences: Iterable[tuple[int, int]], cues: Cues) -> Substance:
    """Classify each sentence span of ``text`` (spans long enough to be sentences)."""
    out = Substance()
    for start, end in sentences:
        if ENOUGH_HAN.search(text, start, end) is None:  # fewer than MIN_SENTENCE_HAN
            continue
        if cues.skip is not None and search_text(cues.skip, text[start:end].lstrip()) is not None:
            continue  # skip patterns anchor on the sentence's start
        out.sentences += 1
        sentence = text[start:end]
        if cues.admits is not None and search_text(cues.admits, sentence) is not None:
            out.admitting += 1
        if is_specific(sentence, cues):
            out.specific += 1
            out.facts += max(1, sum(1 for clause in CLAUSE.split(sentence) if is_specific(clause, cues)))
            out.specific_spans.append((start, end))
        else:
            out.generic_spans.append((start, end))
    return out


def is_specific(sentence: str, cues: Cues) -> bool:
    if cues.ignore is not None:
        sentence = cues.ignore.sub(lambda m: "□" * len(m.group(0)), sentence)
    if cues.specific is not None and search_text(cues.specific, sentence) is not None:
        return True
    if cues.actions is None:
        return False
    # A concrete action counts in a clause that is not itself a slogan: 执行决策程序规定不够到位
    # beside 能力和水平还有待提高 is a concrete problem; 依法行政水平有待提高 alone is not.
    return any(search_text(cues.actions, clause) is not None
               and (cues.generic is None or search_text(cues.generic, clause) is None)
               for clause in CLAUSE.split(sentence))
