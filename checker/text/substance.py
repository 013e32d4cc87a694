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

from checker.text.patterns import report_memo, search_text

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
    ``requires``: what a passage must say somewhere (a shortcomings section: 不够、尚未、部分……): counted
    sentences matching it, specific or not.
    """

    specific: regex.Pattern[str] | None
    actions: regex.Pattern[str] | None
    generic: regex.Pattern[str] | None
    ignore: regex.Pattern[str] | None
    skip: regex.Pattern[str] | None = None
    requires: regex.Pattern[str] | None = None


@dataclass
class Substance:
    """Counts over a passage, with sample sentences for the verdict's evidence."""

    sentences: int = 0
    specific: int = 0
    # Concrete facts: specific clauses of the specific sentences (学法12次，述法1次 is two).
    facts: int = 0
    # Sentences matching the ``requires`` cues (0 when there are none to match).
    required_sentences: int = 0
    specific_spans: list[tuple[int, int]] = field(default_factory=list)
    generic_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def generic(self) -> int:
        return self.sentences - self.specific

    def add(self, other: Substance) -> None:
        self.sentences += other.sentences
        self.specific += other.specific
        self.facts += other.facts
        self.required_sentences += other.required_sentences
        self.specific_spans.extend(other.specific_spans)
        self.generic_spans.extend(other.generic_spans)


def measure(text: str, sentences: Iterable[tuple[int, int]], cues: Cues) -> Substance:
    """Classify each sentence span of ``text`` (spans long enough to be sentences)."""
    out = Substance()
    for start, end in sentences:
        if ENOUGH_HAN.search(text, start, end) is None:  # fewer than MIN_SENTENCE_HAN
            continue
        sentence = text[start:end]
        if cues.skip is not None and _occurs(cues.skip, sentence.lstrip()):
            continue  # skip patterns anchor on the sentence's start
        out.sentences += 1
        if cues.requires is not None and _occurs(cues.requires, sentence):
            out.required_sentences += 1
        if is_specific(sentence, cues):
            out.specific += 1
            clauses = CLAUSE.split(sentence)
            # One clause is the sentence itself, specific: one fact.
            out.facts += 1 if len(clauses) == 1 else max(1, sum(1 for c in clauses if _clause_specific(c, cues)))
            out.specific_spans.append((start, end))
        else:
            out.generic_spans.append((start, end))
    return out


def is_specific(sentence: str, cues: Cues) -> bool:
    if cues.ignore is not None:
        sentence = _masked(cues.ignore, sentence)
    if cues.specific is not None and _occurs(cues.specific, sentence):
        return True
    if cues.actions is None:
        return False
    # A concrete action counts in a clause that is not itself a slogan: 执行决策程序规定不够到位
    # beside 能力和水平还有待提高 is a concrete problem; 依法行政水平有待提高 alone is not.
    return any(_occurs(cues.actions, clause) and (cues.generic is None or not _occurs(cues.generic, clause))
               for clause in CLAUSE.split(sentence))


def _clause_specific(clause: str, cues: Cues) -> bool:
    """:func:`is_specific` of a string without clause marks (one piece of ``CLAUSE.split``):
    masking puts none there, so its one clause is itself."""
    if cues.ignore is not None:
        clause = _masked(cues.ignore, clause)
    if cues.specific is not None and _occurs(cues.specific, clause):
        return True
    return cues.actions is not None and _occurs(cues.actions, clause) \
        and (cues.generic is None or not _occurs(cues.generic, clause))


# Searches of strings cut out of a report, remembered by their text until the report is done:
# the substance rule and each element measure the same sentences with their own cue sets,
# which share most patterns (the ``specific`` tier is the same alternation in most).
_found: dict[tuple[regex.Pattern[str], str], bool] = report_memo()
# The masked form of each string (``ignore``), as :func:`is_specific` asks it per cue set.
_masks: dict[tuple[regex.Pattern[str], str], str] = report_memo()
MEMO_MAX = 1 << 16


def _occurs(pattern: regex.Pattern[str], text: str) -> bool:
    key = (pattern, text)
    found = _found.get(key)
    if found is None:
        found = search_text(pattern, text) is not None
        if len(_found) >= MEMO_MAX:
            _found.clear()
        _found[key] = found
    return found


def _masked(ignore: regex.Pattern[str], text: str) -> str:
    """``text`` with the ``ignore`` formulas' characters replaced by □ (lengths kept)."""
    key = (ignore, text)
    masked = _masks.get(key)
    if masked is None:
        masked = ignore.sub(_blank, text)
        if len(_masks) >= MEMO_MAX:
            _masks.clear()
        _masks[key] = masked
    return masked


def _blank(match: regex.Match[str]) -> str:
    return "□" * len(match.group(0))
