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

from checker.text.patterns import piecewise, report_memo, search_text

MIN_SENTENCE_HAN = 8  # shorter fragments (现报告如下, 具体如下) are neither
HAN = regex.compile(r"\p{Han}")
# At least MIN_SENTENCE_HAN Chinese characters: found at the eighth, without listing them all.
ENOUGH_HAN = regex.compile(rf"\p{{Han}}(?:[^\p{{Han}}]*\p{{Han}}){{{MIN_SENTENCE_HAN - 1}}}")
CLAUSE_MARKS = "，,：:"
CLAUSE = regex.compile(f"[{CLAUSE_MARKS}]")


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns; any may be None (an empty list).

    ``skip``: sentences that are not counted at all (the causes analysed inside a
    shortcomings section are not shortcomings).
    """

    specific: regex.Pattern[str] | None
    actions: regex.Pattern[str] | None
    generic: regex.Pattern[str] | None
    ignore: regex.Pattern[str] | None
    skip: regex.Pattern[str] | None = None


@dataclass
class Substance:
    """Counts over a passage, with sample sentences for the verdict's evidence."""

    sentences: int = 0
    specific: int = 0
    # Concrete facts: specific clauses of the specific sentences (学法12次，述法1次 is two).
    facts: int = 0
    specific_spans: list[tuple[int, int]] = field(default_factory=list)
    generic_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def generic(self) -> int:
        return self.sentences - self.specific

    def add(self, other: Substance) -> None:
        self.sentences += other.sentences
        self.specific += other.specific
        self.facts += other.facts
        self.specific_spans.extend(other.specific_spans)
        self.generic_spans.extend(other.generic_spans)


def measure(text: str, sentences: Iterable[tuple[int, int]], cues: Cues) -> Substance:
    """Classify each sentence span of ``text`` (spans long enough to be sentences)."""
    out = Substance()
    whole = _Wholesale.of(cues)
    for start, end in sentences:
        if ENOUGH_HAN.search(text, start, end) is None:  # fewer than MIN_SENTENCE_HAN
            continue
        sentence = text[start:end]
        if cues.skip is not None and _occurs(cues.skip, sentence.lstrip()):
            continue  # skip patterns anchor on the sentence's start
        out.sentences += 1
        facts = _facts(sentence, cues, whole)
        if facts:
            out.specific += 1
            out.facts += facts
            out.specific_spans.append((start, end))
        else:
            out.generic_spans.append((start, end))
    return out


def is_specific(sentence: str, cues: Cues) -> bool:
    if cues.ignore is not None:
        sentence = cues.ignore.sub(lambda m: "□" * len(m.group(0)), sentence)
    if cues.specific is not None and _occurs(cues.specific, sentence):
        return True
    if cues.actions is None:
        return False
    # A concrete action counts in a clause that is not itself a slogan: 执行决策程序规定不够到位
    # beside 能力和水平还有待提高 is a concrete problem; 依法行政水平有待提高 alone is not.
    return any(_acts(clause, cues.actions, cues.generic) for clause in CLAUSE.split(sentence))


def _acts(clause: str, actions: regex.Pattern[str], generic: regex.Pattern[str] | None) -> bool:
    """A concrete action in a clause that is no slogan."""
    return _occurs(actions, clause) and (generic is None or not _occurs(generic, clause))


@dataclass(frozen=True)
class _Wholesale:
    """Which cue sets a search of the whole sentence answers for its clauses: those whose
    patterns are piecewise (:func:`patterns.piecewise`), so that no match in the sentence
    means none in any clause."""

    ignore: bool
    actions: bool

    @classmethod
    def of(cls, cues: Cues) -> _Wholesale:
        return cls(*(pattern is None or piecewise(pattern, CLAUSE_MARKS) for pattern in (cues.ignore, cues.actions)))


def _facts(sentence: str, cues: Cues, whole: _Wholesale) -> int:
    """0 for a generic sentence; else how many of its clauses are specific (at least 1): its
    concrete facts. What :func:`is_specific` says of the sentence and of each clause, with a
    search of the whole sentence standing for its clauses where it may."""
    if cues.ignore is not None and (not whole.ignore or _occurs(cues.ignore, sentence)):
        if not is_specific(sentence, cues):  # something to mask: each clause masked on its own
            return 0
        return max(1, sum(1 for clause in CLAUSE.split(sentence) if is_specific(clause, cues)))
    # Nothing masked, in the sentence or (piecewise) in any clause: is_specific without the mask.
    clauses = CLAUSE.split(sentence)
    specific, actions, generic = cues.specific, cues.actions, cues.generic
    acting = actions is not None and (not whole.actions or _occurs(actions, sentence))
    if not (specific is not None and _occurs(specific, sentence)) \
            and not (acting and any(_acts(clause, actions, generic) for clause in clauses)):
        return 0
    if len(clauses) == 1:
        return 1
    return max(1, sum(1 for clause in clauses if (specific is not None and _occurs(specific, clause))
                      or (acting and _acts(clause, actions, generic))))


# Searches of strings cut out of a report, remembered by their text until the report is done:
# the substance rule and each element measure the same sentences with their own cue sets,
# which share most patterns.
_found: dict[tuple[regex.Pattern[str], str], bool] = report_memo()
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
