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

from checker.model import FrozenRecord, Record
from checker.text.gates import context_free
from checker.text.patterns import any_of, branch_plan, cannot_match, occurs, report_memo
from checker.text.regex_cache import lazy

MIN_SENTENCE_HAN = 8  # shorter fragments (现报告如下, 具体如下) are neither
HAN = lazy(r"\p{Han}")
# At least MIN_SENTENCE_HAN Chinese characters: found at the eighth, without listing them all.
ENOUGH_HAN = lazy(rf"\p{{Han}}(?:[^\p{{Han}}]*\p{{Han}}){{{MIN_SENTENCE_HAN - 1}}}")
CLAUSE = lazy(r"[，,：:]")
LIST_MARK = "、"  # between the items of a list inside a clause


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Cues(FrozenRecord):
    """Compiled cue patterns; any may be None (an empty list).

    ``skip``: sentences that are not counted at all (the causes analysed inside a
    shortcomings section are not shortcomings). ``skip_until``: with it, a skipped sentence
    skips the rest of its paragraph too, up to a sentence that opens with one of these (究其原因，
    主要是：……；……；…… is all analysis; 二是…… after it is the next problem).
    ``requires``: what a passage must say somewhere (a shortcomings section: 不够、尚未、部分……): counted
    sentences matching it, specific or not. ``measured``: with it, a figure in a clause of ``generic``
    wording counts only beside one of these (全县1137名执法人员的专业化水平还需提升 measures nothing;
    优良率仅为82%，有待提高 does).
    """

    specific: regex.Pattern[str] | None
    actions: regex.Pattern[str] | None
    generic: regex.Pattern[str] | None
    ignore: regex.Pattern[str] | None
    skip: regex.Pattern[str] | None = None
    requires: regex.Pattern[str] | None = None
    skip_until: regex.Pattern[str] | None = None
    # The patterns ``ignore`` is the alternation of (any_of's order): a sentence is masked with
    # those of them that can match it (see _masked).
    ignore_parts: tuple[str, ...] = ()
    measured: regex.Pattern[str] | None = None

    def __init__(
        self, specific: regex.Pattern[str] | None, actions: regex.Pattern[str] | None,
        generic: regex.Pattern[str] | None, ignore: regex.Pattern[str] | None,
        skip: regex.Pattern[str] | None = None, requires: regex.Pattern[str] | None = None,
        skip_until: regex.Pattern[str] | None = None, ignore_parts: tuple[str, ...] = (),
        measured: regex.Pattern[str] | None = None,
    ) -> None:
        vars(self).update(
            specific=specific, actions=actions, generic=generic, ignore=ignore, skip=skip, requires=requires,
            skip_until=skip_until, ignore_parts=ignore_parts, measured=measured)


@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Substance(Record):
    """Counts over a passage, with sample sentences for the verdict's evidence."""

    sentences: int = 0
    specific: int = 0
    # Sentences matching the ``requires`` cues (0 when there are none to match).
    required_sentences: int = 0
    # Of them, the specific ones (the head's own act with its count: 县长主持常务会议学法6次).
    required_specific: int = 0
    specific_spans: list[tuple[int, int]] = field(default_factory=list)
    generic_spans: list[tuple[int, int]] = field(default_factory=list)
    # Facts counted so far, and the specific sentences of several clauses not counted yet, with
    # their cues (each is at least one fact): most verdicts only ask for at least n facts, which
    # the number of specific sentences often answers without judging any clause.
    _facts: int = 0
    _uncounted: list[tuple[str, Cues]] = field(default_factory=list)

    def __init__(
        self, sentences: int = 0, specific: int = 0, required_sentences: int = 0, required_specific: int = 0,
        specific_spans: list[tuple[int, int]] | None = None,
        generic_spans: list[tuple[int, int]] | None = None, _facts: int = 0,
        _uncounted: list[tuple[str, Cues]] | None = None,
    ) -> None:
        self.sentences = sentences
        self.specific = specific
        self.required_sentences = required_sentences
        self.required_specific = required_specific
        self.specific_spans = [] if specific_spans is None else specific_spans
        self.generic_spans = [] if generic_spans is None else generic_spans
        self._facts = _facts
        self._uncounted = [] if _uncounted is None else _uncounted

    @property
    def generic(self) -> int:
        return self.sentences - self.specific

    @property
    def facts(self) -> int:
        """Concrete facts: specific clauses of the specific sentences (学法12次，述法1次 is two)."""
        if self._uncounted:
            self._facts += sum(_clause_facts(sentence, cues) for sentence, cues in self._uncounted)
            self._uncounted = []
        return self._facts

    def has_facts(self, least: int) -> bool:
        """``facts >= least``, the clauses judged only when the sentences alone do not tell."""
        return self._facts + len(self._uncounted) >= least or self.facts >= least

    def add(self, other: Substance) -> None:
        self.sentences += other.sentences
        self.specific += other.specific
        self._facts += other._facts
        self._uncounted.extend(other._uncounted)
        self.required_sentences += other.required_sentences
        self.required_specific += other.required_specific
        self.specific_spans.extend(other.specific_spans)
        self.generic_spans.extend(other.generic_spans)


def measure(text: str, sentences: Iterable[tuple[int, int]], cues: Cues) -> Substance:
    """Classify each sentence span of ``text`` (spans long enough to be sentences)."""
    out = Substance()
    skipping = False  # inside the rest of a skipped sentence's paragraph (``skip_until``)
    # ... and the skipped sentence opened a list of its own (究其原因，一是……；二是……): its 二是 is
    # its next item, not the next problem, so only the paragraph's end stops the skip
    to_paragraph_end = False
    last_end = -1
    for start, end in sentences:
        if skipping and _new_paragraph(text, last_end, start):
            skipping = False
        last_end = end
        sentence = _sentence(text, start, end)
        if sentence is None:  # fewer than MIN_SENTENCE_HAN
            continue
        if skipping:
            until = cues.skip_until
            if to_paragraph_end or until is None or not _occurs(until, sentence.lstrip()):
                continue
            skipping = False
        if cues.skip is not None and _occurs(cues.skip, sentence.lstrip()):
            skipping = cues.skip_until is not None
            to_paragraph_end = skipping and _opens_own_list(sentence, cues.skip_until)
            continue  # skip patterns anchor on the sentence's start
        out.sentences += 1
        # what ``ignore`` masks is no admission either (虽然全年组织培训12期，但……; 针对执法人员不足的问题)
        required = cues.requires is not None and _occurs(
            cues.requires, sentence if cues.ignore is None else _masked(cues.ignore, sentence, cues.ignore_parts))
        out.required_sentences += required
        if is_specific(sentence, cues):
            out.specific += 1
            out.required_specific += required
            if CLAUSE.search(sentence) is None and LIST_MARK not in sentence:
                out._facts += 1  # one clause, the sentence itself, specific: one fact
            else:
                out._uncounted.append((sentence, cues))
            out.specific_spans.append((start, end))
        else:
            out.generic_spans.append((start, end))
    return out


def _opens_own_list(sentence: str, items: regex.Pattern[str] | None) -> bool:
    """Whether a clause after the sentence's first opens an item (究其原因，一是……)."""
    return items is not None and any(
        _occurs(items, clause.lstrip()) for clause in CLAUSE.split(sentence)[1:])


def _new_paragraph(text: str, last_end: int, start: int) -> bool:
    """Whether a line break comes between the sentence that ended at ``last_end`` and ``start``."""
    return last_end < 0 or "\n" in text[max(0, last_end - 1):start]


def _clause_facts(sentence: str, cues: Cues) -> int:
    """The facts of a specific sentence: its specific clauses, at least one."""
    return max(1, sum(_listed_facts(clause, cues) for clause in CLAUSE.split(sentence)
                      if _clause_specific(clause, cues)))


def _listed_facts(clause: str, cues: Cues) -> int:
    """The facts of a specific clause: each item of a 、 list with a figure, date or document of its
    own (专题学法10次、研究法治议题6次 is two, as 学法10次，研究议题6次 is), at least one. Actions
    alone do not count per item: 开展检查、组织培训 is one list of routine work."""
    if LIST_MARK not in clause or cues.specific is None:
        return 1
    if cues.ignore is not None:  # a formula's own 、 (双随机、一公开) is masked: it divides nothing
        clause = _masked(cues.ignore, clause, cues.ignore_parts)
    return max(1, sum(1 for item in clause.split(LIST_MARK) if _occurs(cues.specific, item)))


def is_specific(sentence: str, cues: Cues) -> bool:
    if cues.ignore is not None:
        sentence = _masked(cues.ignore, sentence, cues.ignore_parts)
    if cues.specific is not None and _occurs(cues.specific, sentence) and (
            cues.measured is None or any(_figure_counts(clause, cues) for clause in CLAUSE.split(sentence))):
        return True
    if cues.actions is None:
        return False
    if context_free(cues.actions.pattern) and not _occurs(cues.actions, sentence):
        return False  # no clause can hold an action the whole sentence does not (one search)
    # A concrete action counts in a clause that is not itself a slogan: 执行决策程序规定不够到位
    # beside 能力和水平还有待提高 is a concrete problem; 依法行政水平有待提高 alone is not.
    return any(_occurs(cues.actions, clause) and (cues.generic is None or not _occurs(cues.generic, clause))
               for clause in CLAUSE.split(sentence))


def _clause_specific(clause: str, cues: Cues) -> bool:
    """:func:`is_specific` of a string without clause marks (one piece of ``CLAUSE.split``):
    masking puts none there, so its one clause is itself."""
    if cues.ignore is not None:
        clause = _masked(cues.ignore, clause, cues.ignore_parts)
    if _figure_counts(clause, cues):
        return True
    return cues.actions is not None and _occurs(cues.actions, clause) \
        and (cues.generic is None or not _occurs(cues.generic, clause))


def _figure_counts(clause: str, cues: Cues) -> bool:
    """Whether a clause has a specific sign that counts: with ``measured`` set, not one in a clause of
    ``generic`` wording with nothing measured beside it (a head count before 水平还需提升)."""
    if cues.specific is None or not _occurs(cues.specific, clause):
        return False
    if cues.measured is None or cues.generic is None:
        return True
    return not _occurs(cues.generic, clause) or _occurs(cues.measured, clause)


# Searches of strings cut out of a report, remembered by their text until the report is done:
# the substance rule and each element measure the same sentences with their own cue sets,
# which share most patterns (the ``specific`` tier is the same alternation in most).
_found: dict[tuple[regex.Pattern[str], str], bool] = report_memo()
# The masked form of each string (``ignore``), as :func:`is_specific` asks it per cue set.
_masks: dict[tuple[regex.Pattern[str], str], str] = report_memo()
MEMO_MAX = 1 << 16


# Each sentence span as its string, or None when it is too short to count (kept with the text it
# was cut from): the substance rule and every element measure the same sentences.
_sentences: dict[tuple[int, int], tuple[str, str | None]] = report_memo()


def _sentence(text: str, start: int, end: int) -> str | None:
    known = _sentences.get((start, end))
    if known is not None and known[0] is text:
        return known[1]
    sentence = text[start:end] if ENOUGH_HAN.search(text, start, end) is not None else None
    if len(_sentences) >= MEMO_MAX:
        _sentences.clear()
    _sentences[(start, end)] = (text, sentence)
    return sentence


def _occurs(pattern: regex.Pattern[str], text: str) -> bool:
    key = (pattern, text)
    found = _found.get(key)
    if found is None:
        found = occurs(pattern, text)
        if len(_found) >= MEMO_MAX:
            _found.clear()
        _found[key] = found
    return found


def _masked(ignore: regex.Pattern[str], text: str, parts: tuple[str, ...] = ()) -> str:
    r"""``text`` with the ``ignore`` formulas' characters replaced by □ (lengths kept).

    ``parts``: the patterns ``ignore`` is the alternation of. An alternative that cannot match
    anywhere in ``text`` (a string every match of it holds is not there) changes nothing in
    the replacement: the others are tried at each position in the same order, and so the
    alternation of the rest masks the same characters. A concession such as
    ``[^。；，：]{0,30}?(?:组织|开展|…)[^。；，]{0,30}?(?=[，,]\s*(?:但是?|…))`` costs hundreds of
    steps at each character, and most sentences hold no 但 or 可是 it could look ahead to.
    """
    key = (ignore, text)
    masked = _masks.get(key)
    if masked is None:
        # One quick scan first: most sentences hold none of the strings any formula needs, and
        # then the substitution changes nothing, whichever alternatives could match.
        kept = () if cannot_match(ignore, text) else _possible(ignore, parts, text)
        if kept is None:
            masked = ignore.sub(_blank, text)
        elif not kept:
            masked = text  # no alternative can match: nothing to mask
        else:
            masked = (any_of(kept) or ignore).sub(_blank, text)
        if len(_masks) >= MEMO_MAX:
            _masks.clear()
        _masks[key] = masked
    return masked


def _possible(ignore: regex.Pattern[str], parts: tuple[str, ...], text: str) -> tuple[str, ...] | None:
    """The parts of ``ignore`` that may match somewhere in ``text``; None: all of them (use
    ``ignore`` itself). Only a subset that differs from all of them is returned."""
    if not parts:
        return None
    plan = branch_plan(ignore)
    if plan is None or plan.parts != parts:
        return None  # not the alternation of these parts, or one outside the plain subset
    kept = plan.kept(text)
    return None if len(kept) == len(parts) else kept


def _blank(match: regex.Match[str]) -> str:
    return "□" * len(match.group(0))
