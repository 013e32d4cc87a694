"""Compiling the pack's regular expressions once per process.

Packs are data, so their patterns arrive as strings; compiling them is cached
here (and between processes: :mod:`checker.text.regex_cache`). Patterns are
compiled with MULTILINE: in the matching view each paragraph is one line, so
``^`` and ``$`` mean the start and end of a paragraph.

A time limit guards every search, so that a user pack's pattern that backtracks
catastrophically costs one reported rule, not a hung run. The engine runs each
rule inside :func:`rule_budget`: all the rule's searches together get
:data:`RULE_BUDGET` seconds (or the configured ``time_limit``); outside a
budget each search gets :data:`SEARCH_TIMEOUT`.

The regex module's own ``timeout`` counts processor time, checked coarsely: on
a busy machine a 3-second limit let one search run 10 seconds of wall time. So
in the main thread of a POSIX process a real-time alarm (``setitimer``) also
stops the rule at its deadline, to the millisecond; the regex module checks
for signals while it backtracks. While the alarm is armed the searches skip the
regex module's own timeout, whose bookkeeping costs as much as a short search.
Elsewhere (Windows, a worker thread, a process whose alarm is taken) the regex
timeout alone applies.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

import regex

from checker.text import gates, regex_cache

SEARCH_TIMEOUT = 2.0
RULE_BUDGET = 3.0
FLAGS = regex.V0 | regex.MULTILINE
_deadline: ContextVar[float | None] = ContextVar("checker_rule_deadline", default=None)
# True while a rule's real-time alarm is armed: it stops any search at the deadline, so the
# searches skip the regex module's own timeout (which costs as much as a short search itself).
_alarmed: ContextVar[bool] = ContextVar("checker_rule_alarmed", default=False)


REPORT_BUDGET = 10.0  # seconds a user pack's own rules may spend together on one report


class PatternTimeout(Exception):
    """A rule ran out of its time budget on one report (``pattern``: the search that did, if known)."""

    def __init__(self, pattern: str = "") -> None:
        super().__init__(pattern)
        self.pattern = pattern


def rule_budget(seconds: float | None = None) -> _Budget:
    """Every search inside shares one deadline, ``seconds`` (default RULE_BUDGET) from now.

    Running past it raises :class:`PatternTimeout` (from the search, or from the
    alarm wherever the rule's code is at that moment).
    """
    return _Budget(RULE_BUDGET if seconds is None else seconds)


class _Budget:
    """The context manager :func:`rule_budget` returns (a class: the engine enters one per rule
    and report, and a generator-based one cost as much as a short rule's searches)."""

    __slots__ = ("_alarmed_token", "_deadline_token", "alarm", "limit")

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.alarm: _Alarm | None = None

    def __enter__(self) -> None:
        deadline = time.monotonic() + self.limit
        self._deadline_token = _deadline.set(deadline)
        self.alarm = _Alarm.start(self.limit, deadline)
        self._alarmed_token = _alarmed.set(self.alarm is not None)

    def __exit__(self, *exc: object) -> None:
        _alarmed.reset(self._alarmed_token)
        if self.alarm is not None:
            self.alarm.stop()
        _deadline.reset(self._deadline_token)


class _Alarm:
    """A real-time alarm that raises :class:`PatternTimeout` in the main thread at the deadline.

    A budget's own alarm (outside :func:`alarms`) installs its handler, sets the timer and
    restores both when the rule is done. The alarm :func:`alarms` shares among a report's
    rules spares those system calls: a rule's budget only records its deadline, and sets the
    timer only when the timer would otherwise ring later than that deadline. A ring before the
    running rule's deadline sets the timer again for what is left; one between rules does
    nothing. So each rule is still stopped at its own deadline, to the millisecond.
    """

    # The handler :func:`alarms` installed for many budgets, if any.
    shared: _Alarm | None = None

    def __init__(self, previous: object) -> None:
        self.previous = previous
        self.thread = threading.get_ident()  # the main thread's: the only one a signal reaches
        self.armed = True  # a budget is running: a ring past its deadline stops it
        self.deadline = 0.0  # the running budget's (time.monotonic())
        self.ring_at: float | None = None  # when the timer is set to ring; None: not set

    @classmethod
    def start(cls, seconds: float, deadline: float) -> _Alarm | None:
        alarm = cls.shared
        if alarm is not None and threading.get_ident() == alarm.thread:
            alarm.begin(seconds, deadline)  # alarms() checked that the process's alarm was free
            return alarm
        if not _may_alarm():
            return None
        alarm = cls(signal.getsignal(signal.SIGALRM))
        signal.signal(signal.SIGALRM, alarm._ring)
        alarm.begin(seconds, deadline)
        return alarm

    def begin(self, seconds: float, deadline: float) -> None:
        """Stop the running code at ``deadline`` (time.monotonic()), ``seconds`` from now."""
        self.deadline = deadline
        self.armed = True
        if self.ring_at is None or self.ring_at > self.deadline:
            signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
            self.ring_at = self.deadline

    def _ring(self, signum: int, frame: object) -> None:
        self.ring_at = None
        if not self.armed:  # between rules, or a signal that arrives while stopping
            return
        left = self.deadline - time.monotonic()
        if left > 0:  # set for an earlier rule's deadline: wait for this rule's own
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
            self.ring_at = self.deadline
            return
        # Named after the last search begun: the alarm may ring just after a search
        # returned, outside the handler that would have named it.
        raise PatternTimeout(_last[0])

    def stop(self) -> None:
        self.armed = False
        if self is not _Alarm.shared:  # the shared timer may run on: rings between rules do nothing
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)  # type: ignore[arg-type]


_last = [""]  # the pattern of the search begun last (a list: set in the hot loops without `global`)


def _may_alarm() -> bool:
    """A POSIX main thread whose process is not using its real-time alarm for something else."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def alarms() -> Iterator[None]:
    """Keep the alarm's handler installed for every :func:`rule_budget` inside (the engine holds it
    for one report's rules): each budget then only records its deadline (see :class:`_Alarm`),
    instead of installing and restoring the handler and setting and clearing the timer (which
    cost as much as a short rule's searches). The process's own handler is put back, and the
    timer cleared, when the block ends."""
    if _Alarm.shared is not None or not _may_alarm():
        yield
        return
    alarm = _Alarm(signal.getsignal(signal.SIGALRM))
    alarm.armed = False
    signal.signal(signal.SIGALRM, alarm._ring)
    _Alarm.shared = alarm
    try:
        yield
    finally:
        _Alarm.shared = None
        alarm.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, alarm.previous)  # type: ignore[arg-type]


def _stopped(pattern: regex.Pattern[str], exc: BaseException) -> PatternTimeout:
    """The PatternTimeout to raise for a search stopped by the regex module's timeout or by the
    rule's alarm (which rings without knowing the search): it names the pattern."""
    if isinstance(exc, PatternTimeout) and exc.pattern:
        return exc
    return PatternTimeout(pattern.pattern)


def _timeout() -> float | None:
    """The regex module's timeout for the next search; None when the rule's alarm guards it."""
    if _alarmed.get():
        return None
    deadline = _deadline.get()
    if deadline is None:
        return SEARCH_TIMEOUT
    # A spent budget still gives a tiny positive timeout: the next search stops at once.
    return max(deadline - time.monotonic(), 0.001)


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> regex.Pattern[str]:
    return regex_cache.compiled(pattern, FLAGS)


@lru_cache(maxsize=1024)
def any_of(patterns: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One alternation of several patterns (each wrapped in a group); None if empty."""
    if not patterns:
        return None
    compiled_ = regex_cache.compiled("|".join(f"(?:{p})" for p in patterns), FLAGS)
    if len(patterns) > 1 and compiled_ not in _parts:
        if len(_parts) >= GATES_MAX:
            _parts.clear()
        _parts[compiled_] = patterns  # the branches, for branch_plan()
    return compiled_


# The patterns each alternation of any_of was made of, for branch_plan() (a few hundred: the pack's).
_parts: dict[regex.Pattern[str], tuple[str, ...]] = {}
PLAN_PARTS = 16  # branches from which occurs() searches only those a string may hold


# Each pattern's gate (:mod:`checker.text.gates`), or None: found once per pattern and process.
_gates: dict[regex.Pattern[str], regex.Pattern[str] | None] = {}
GATES_MAX = 4096


def finditer(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None,
    overlapped: bool = False,
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` within the rule's time limit, skipped when a quick test (the pattern's
    gate, or its prefilter) says that it matches nowhere there.

    Under the rule's alarm the regex module's own iterator is returned as it is: the alarm stops
    it, and raises a PatternTimeout naming the search begun last, as a wrapper would have kept
    it (a generator around it cost as much as a scan of a short report that finds nothing).
    """
    _last[0] = pattern.pattern
    stop = len(text) if end is None else end
    alarmed = _alarmed.get()
    try:
        if start == 0 and end is None:  # a whole text: skipped when the pattern's gate is not in it
            opening = _gates.get(pattern, pattern)
            if opening is pattern:
                if len(_gates) >= GATES_MAX:
                    _gates.clear()
                opening = _gates[pattern] = gates.gate(pattern)
            if opening is not None:
                missing = (opening.search(text) if alarmed else opening.search(text, timeout=_timeout())) is None
                if missing:
                    return iter(())
        if _ruled_out(pattern, text, start, stop):
            return iter(())
        if alarmed:
            found: Iterator[regex.Match[str]] = pattern.finditer(text, start, stop, overlapped=overlapped)
            return found
    except (TimeoutError, PatternTimeout) as exc:
        raise _stopped(pattern, exc) from None
    return _timed_finditer(pattern, text, start, stop, overlapped)


def _timed_finditer(pattern: regex.Pattern[str], text: str, start: int, stop: int, overlapped: bool
                    ) -> Iterator[regex.Match[str]]:
    """The matches, found within the regex module's own timeout (no alarm guards them)."""
    try:
        yield from pattern.finditer(text, start, stop, overlapped=overlapped, timeout=_timeout())
    except (TimeoutError, PatternTimeout) as exc:
        raise _stopped(pattern, exc) from None


# The last search of each pattern: the kinds search a figure's clause or sentence once per
# figure, so a sentence of ten thousand figures would be searched ten thousand times.
# Bounded, and emptied after each report (:func:`forget`) so that no report's text stays.
_recent: dict[regex.Pattern[str], tuple[str, int, int, regex.Match[str] | None]] = {}
RECENT_MAX = 1024
_memos: list[dict[Any, Any]] = [_recent]


def report_memo() -> dict[Any, Any]:
    """A memo of searches that :func:`forget` empties with the others after each report."""
    memo: dict[Any, Any] = {}
    _memos.append(memo)
    return memo


def forget() -> None:
    """Drop the remembered searches (the engine calls it when a report is done)."""
    for memo in _memos:
        memo.clear()


class _Prefilter:
    """A pattern's :func:`~checker.text.gates.prefilter` with its record: kept only while it spares
    searches (a cue whose strings are in most sentences costs its scan for nothing).

    Its first :data:`SCAN_AFTER` tests look for each string with ``str.find``; then the strings'
    :func:`~checker.text.gates.literal_scan` is compiled. Both find the same: whether one of the
    strings lies whole inside ``text[start:stop]``. Most patterns of a report are searched once
    or twice, and compiling their scans took a cold check 0.04 s."""

    __slots__ = ("scan", "spared", "strings", "tried")

    def __init__(self, strings: gates.Requirement) -> None:
        self.strings = strings
        self.scan: Any = None
        self.tried = 0
        self.spared = 0

    def finds(self, text: str, start: int, stop: int) -> bool:
        scan = self.scan
        if scan is None:
            if self.tried + self.spared < SCAN_AFTER:
                return any(text.find(string, start, stop) >= 0 for string in self.strings)
            scan = self.scan = gates.literal_scan(self.strings)
        return scan.search(text, start, stop) is not None


SCAN_AFTER = 16  # tests of a prefilter made with str.find before its scan is compiled
PREFILTER_TRIAL = 64  # searches after which a prefilter that spared fewer than one in PREFILTER_SPARES is dropped
PREFILTER_SPARES = 4
# Each (pattern, whole string?) prefilter; None: none known, or dropped.
_prefilters: dict[tuple[regex.Pattern[str], bool], _Prefilter | None] = {}


def _ruled_out(pattern: regex.Pattern[str], text: str, start: int, stop: int) -> bool:
    """A quick necessary test before a search of ``text[start:stop]``: True when ``pattern``
    cannot match there (:func:`checker.text.gates.prefilter`)."""
    key = (pattern, start == 0 and stop == len(text))
    found = _prefilters.get(key, _UNSEEN)
    if found is None:
        return False
    if found is _UNSEEN:
        found = _new_prefilter(key)
        if found is None:
            return False
    # The compiled scan's search written out here (its method call is most of the cost of a
    # test, asked several hundred times a report); before it is compiled, finds() tries str.find.
    scan = found.scan
    if (scan.search(text, start, stop) is None) if scan is not None else not found.finds(text, start, stop):
        found.spared += 1
        return True
    found.tried += 1  # (tried: the searches it did not spare, counted only until the trial ends)
    if found.tried + found.spared == PREFILTER_TRIAL and found.spared * PREFILTER_SPARES < PREFILTER_TRIAL:
        _prefilters[key] = None
    return False


_UNSEEN: Any = object()  # no prefilter looked for yet (None: none known, or dropped)


def _new_prefilter(key: tuple[regex.Pattern[str], bool]) -> _Prefilter | None:
    if len(_prefilters) >= GATES_MAX:
        _prefilters.clear()
    strings = gates.prefilter(key[0], whole=key[1])
    found = _prefilters[key] = None if strings is None else _Prefilter(strings)
    return found


def cannot_match(pattern: regex.Pattern[str], text: str) -> bool:
    """True when a quick test (the pattern's prefilter) shows that ``pattern`` matches nowhere in
    ``text``; False: it may match (search it to know)."""
    return _ruled_out(pattern, text, 0, len(text))


def search(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> regex.Match[str] | None:
    stop = len(text) if end is None else end
    last = _recent.get(pattern)
    if last is not None and last[0] is text and last[1] == start and last[2] == stop:
        return last[3]
    _last[0] = pattern.pattern
    if _ruled_out(pattern, text, start, stop):
        found = None
    else:
        try:
            timeout = _timeout()
            found = pattern.search(text, start, stop) if timeout is None else \
                pattern.search(text, start, stop, timeout=timeout)
        except (TimeoutError, PatternTimeout) as exc:
            raise _stopped(pattern, exc) from None
    if len(_recent) >= RECENT_MAX:
        _recent.clear()
    _recent[pattern] = (text, start, stop, found)
    return found


def search_text(pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """:func:`search` over the whole of a string cut out for it (a sentence, a clause): without
    the memo, which never serves a string made anew, and whose upkeep cost more than the search
    in the loops that classify every sentence of a report."""
    _last[0] = pattern.pattern
    if _ruled_out(pattern, text, 0, len(text)):
        return None
    try:
        if _alarmed.get():
            return pattern.search(text)
        return pattern.search(text, timeout=_timeout())
    except (TimeoutError, PatternTimeout) as exc:
        raise _stopped(pattern, exc) from None


class _Plan:
    """What each branch of a long alternation needs (:func:`checker.text.gates.needed_strings`),
    to search a string with only the branches it may hold.

    The regex module tries every branch of an alternation at every character, unless all of
    them open with characters it can skip to: a cue set of forty patterns, some opening with a
    class (``\\p{Han}{1,2}性``), cost about 5 µs a character, where the two or three branches a
    clause holds the strings of cost a fraction of that. Whether the alternation matches
    somewhere is whether one of its branches does, wherever each would match.
    """

    __slots__ = ("branches", "by_first", "firsts", "parts", "single")

    def __init__(self, parts: tuple[str, ...], branches: list[tuple[str, tuple[int, ...]]],
                 strings: dict[str, int]) -> None:
        self.parts = parts  # the branches' sources, in any_of's order
        # Each branch's source with one bit mask per requirement (any of its bits), compiled when
        # a string first holds what it needs (most branches of a cue set never are in a report,
        # and compiling them all cost a process without the pattern store 0.1 s).
        self.branches = branches
        # By first character: the bits of the one-character strings (held whenever that character
        # is: no search needed, and most of a cue set's strings are classifiers such as 个, 件, 人),
        # and the longer strings, each looked for.
        self.single: dict[str, int] = {}
        self.by_first: dict[str, list[tuple[str, int]]] = {}
        for string, bit in strings.items():
            if len(string) == 1:
                self.single[string] = self.single.get(string, 0) | bit
            else:
                self.by_first.setdefault(string[0], []).append((string, bit))
        self.firsts = frozenset(self.by_first) | frozenset(self.single)

    @classmethod
    def of(cls, pattern: regex.Pattern[str], whole: bool = True) -> _Plan | None:
        """The plan for searches of whole strings, or (``whole`` False) of slices of a longer one:
        then what a positive lookaround looks at requires nothing, as it may lie outside."""
        parts = _parts.get(pattern)
        if parts is None or pattern.flags & (regex.IGNORECASE | regex.VERBOSE | regex.V1):
            return None
        strings: dict[str, int] = {}
        branches = []
        for part in parts:
            needs = gates.needed_strings(part, whole)
            if needs is None:
                return None  # outside the plain subset: it could hold a flag or a back-reference
            masks = []
            for requirement in needs:
                mask = 0
                for string in requirement:
                    mask |= strings.setdefault(string, 1 << len(strings))
                masks.append(mask)
            branches.append((part, tuple(masks)))
        return cls(parts, branches, strings)

    def held(self, text: str) -> int:
        """The bits of the strings ``text`` holds."""
        held = 0
        single, by_first = self.single, self.by_first
        for first in self.firsts.intersection(text):
            held |= single.get(first, 0)
            for string, bit in by_first.get(first, ()):
                if string in text:
                    held |= bit
        return held

    def kept(self, text: str) -> tuple[str, ...]:
        """The sources of the branches whose requirements ``text`` meets, in order."""
        held = self.held(text)
        kept = []
        for part, masks in self.branches:
            for mask in masks:
                if not held & mask:
                    break
            else:
                kept.append(part)
        return tuple(kept)

    def search(self, text: str, timeout: float | None) -> bool:
        """Whether a branch whose requirements ``text`` meets matches in it (the others cannot)."""
        held = self.held(text)
        for part, masks in self.branches:
            for mask in masks:
                if not held & mask:
                    break
            else:
                branch = compiled(part)
                found = branch.search(text) if timeout is None else branch.search(text, timeout=timeout)
                if found is not None:
                    return True
        return False


    def spans(self, text: str, start: int, stop: int, timeout: float | None) -> list[tuple[int, int]] | None:
        """The spans of ``finditer(text, start, stop)`` of the whole alternation, from the
        branches' own searches; None when one of them is empty (the caller scans plainly: after
        an empty match the iteration's rules differ).

        The alternation's next match from a cursor is at the leftmost position where a branch
        matches, by the first branch (in order) matching there, as that branch alone matches
        there; its scan goes on from the match's end. So the next match of each branch the slice
        holds the strings of is kept, and taken again only when the cursor passes its start.
        """
        held = self.held(text[start:stop])
        live: list[tuple[regex.Pattern[str], regex.Match[str] | None]] = []
        for part, masks in self.branches:
            for mask in masks:
                if not held & mask:
                    break
            else:
                live.append((compiled(part), None))
        found: list[tuple[int, int]] = []
        cursor = start
        while live:
            best: regex.Match[str] | None = None
            kept = []
            for branch, match in live:
                if match is None or match.start() < cursor:
                    match = branch.search(text, cursor, stop) if timeout is None else \
                        branch.search(text, cursor, stop, timeout=timeout)
                    if match is None:
                        continue  # no match of this branch in the rest of the slice
                kept.append((branch, match))
                if best is None or match.start() < best.start():
                    best = match  # on a tie the earlier branch stays: it is tried first
            live = kept
            if best is None:
                break
            if best.end() == best.start():
                return None
            found.append(best.span())
            cursor = best.end()
        return found


_plans: dict[tuple[regex.Pattern[str], bool], _Plan | None] = {}


def branch_plan(pattern: regex.Pattern[str], whole: bool = True) -> _Plan | None:
    """The :class:`_Plan` of an alternation made by :func:`any_of` (for whole strings, or for
    slices: ``whole`` False); None for any other pattern, or one with a branch outside the
    plain subset of :func:`checker.text.gates.needed_strings`."""
    key = (pattern, whole)
    try:
        return _plans[key]
    except KeyError:
        if len(_plans) >= GATES_MAX:
            _plans.clear()
        plan = _plans[key] = _Plan.of(pattern, whole)
        return plan


def match_spans(pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None,
                least: int = PLAN_PARTS) -> list[tuple[int, int]]:
    """The spans of the non-empty matches of ``finditer(pattern, text, start, end)``; for a long
    alternation of :func:`any_of` (``least`` branches or more) found with the searches of only
    the branches whose strings the slice holds (:meth:`_Plan.spans`).

    A caller whose few branches include one opening with an optional run of characters (the
    clause before a phrase, ``(?:[^。]{0,30}案件，)?负责人均出庭``) passes a lower ``least``: the
    engine tries such a branch at every character of the alternation's scan, where the branch
    alone is found from its strings (a three-branch table took 1.7 ms a report, its branches 0.1)."""
    stop = len(text) if end is None else end
    plan = branch_plan(pattern, whole=start == 0 and stop == len(text))
    if plan is not None and len(plan.parts) >= least:
        found = _plan_spans(pattern, plan, text, start, stop)
        if found is not None:
            return found
    return [m.span() for m in finditer(pattern, text, start, end) if m.end() > m.start()]


def _plan_spans(pattern: regex.Pattern[str], plan: _Plan, text: str, start: int,
                stop: int) -> list[tuple[int, int]] | None:
    """:meth:`_Plan.spans` of ``text[start:stop]`` within the rule's time limit (a timeout names
    ``pattern``)."""
    _last[0] = pattern.pattern
    try:
        return plan.spans(text, start, stop, None if _alarmed.get() else _timeout())
    except (TimeoutError, PatternTimeout) as exc:
        raise _stopped(pattern, exc) from None


def first_span(pattern: regex.Pattern[str], text: str) -> tuple[int, int] | None:
    """The span of ``search_text(pattern, text)`` when it matches something (None when it does
    not, or matches the empty string first); for a long alternation of :func:`any_of` from the
    searches of only the branches whose strings ``text`` holds (:meth:`_Plan.spans`: the first
    match of the scan is the search's, and an empty one makes it give up)."""
    plan = branch_plan(pattern)
    if plan is not None and len(plan.parts) >= PLAN_PARTS:
        if _ruled_out(pattern, text, 0, len(text)):
            return None
        found = _plan_spans(pattern, plan, text, 0, len(text))
        if found is not None:
            return found[0] if found else None
    match = search_text(pattern, text)
    return match.span() if match is not None and match.end() > match.start() else None


def occurs(pattern: regex.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches somewhere in the whole string ``text``: ``search_text(pattern,
    text) is not None``, for a long alternation of :func:`any_of` (``PLAN_PARTS`` branches or
    more) by searching only the branches whose strings ``text`` holds (:class:`_Plan`), each
    within the rule's time limit."""
    try:
        plan = _occurs_plans[pattern]
    except KeyError:
        plan = _occurs_plan(pattern)
    if plan is None:
        return search_text(pattern, text) is not None
    _last[0] = pattern.pattern
    # The alternation's prefilter first: one C scan (under a microsecond) rules out most
    # sentences, where the plan's look-up of every branch's strings costs several.
    if _ruled_out(pattern, text, 0, len(text)):
        return False
    try:
        return plan.search(text, None if _alarmed.get() else _timeout())
    except (TimeoutError, PatternTimeout) as exc:
        raise _stopped(pattern, exc) from None


class _Branches:
    """A short alternation's branches, searched one by one for :func:`occurs`, the branch found most
    often first.

    Whether an alternation matches somewhere is whether one of its branches does (as for
    :class:`_Plan`), in whatever order they are tried: so the branch that matched most sentences so
    far is tried first, and most sentences that hold a match stop at the first search. The regex
    module tries every branch of an alternation at every character (the figures cue set, eleven
    branches, cost about 8 µs a sentence whole, 4.5 branch by branch); a plan's look-up of every
    branch's strings costs as much as the searches it spares on so few branches.
    """

    __slots__ = ("calls", "hits", "order", "parts")

    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = parts
        self.order = [compiled(part) for part in parts]
        self.hits = dict.fromkeys(self.order, 0)
        self.calls = 0

    def search(self, text: str, timeout: float | None) -> bool:
        self.calls += 1
        if self.calls % BRANCH_SORT_EVERY == 0:  # stable: ties keep the alternation's order
            self.order.sort(key=self.hits.__getitem__, reverse=True)
        for branch in self.order:
            found = branch.search(text) if timeout is None else branch.search(text, timeout=timeout)
            if found is not None:
                self.hits[branch] += 1
                return True
        return False


BRANCH_SORT_EVERY = 64  # searches of a _Branches between two sortings of its branches by hits


# Each pattern's plan for occurs(), or None: a plain search (a single pattern, or an alternation
# with a branch outside the plain subset).
_occurs_plans: dict[regex.Pattern[str], _Plan | _Branches | None] = {}


def _occurs_plan(pattern: regex.Pattern[str]) -> _Plan | _Branches | None:
    if len(_occurs_plans) >= GATES_MAX:
        _occurs_plans.clear()
    plan = branch_plan(pattern)
    # (fewer branches too, when one opens with an optional run or a choice of places, (?:^|(?<=，))……,
    # ^[^。]{0,12}……: the engine tries such a branch at every character of the alternation's scan,
    # where the branch alone is found from its strings)
    if plan is None:
        kept: _Plan | _Branches | None = None
    elif len(plan.parts) >= PLAN_PARTS or any(map(_opens_loose, plan.parts)):
        kept = plan
    else:
        kept = _Branches(plan.parts)  # (a plan: every branch in the plain subset, alone as in the whole)
    _occurs_plans[pattern] = kept
    return kept


def _opens_loose(part: str) -> bool:
    return part.startswith(("(?:^|", "^[^", "[^", "(?<="))


def tuple_of(value: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(value or ())
