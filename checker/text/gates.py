"""A cheap necessary search before a whole-text scan of a pattern that opens with a broad repeat.

A pattern such as ``\\p{Han}{1,10}+[［(（【]\\s*20\\d\\d\\s*[］)）】]…号`` tries its opening repeat
at every Chinese character of a report, and costs twenty times what the rest of it would
cost alone. Every match of a pattern holds a match of any run of its top-level items: the
same characters, matched along the same path, with the same text around them for any
lookaround (an atomic group or a possessive repeat commits to what it first finds at a
position, whatever follows). So when the run after the opening repeats (the pattern's
*gate*) occurs nowhere in the text, the pattern matches nowhere either, and
:func:`checker.text.patterns.finditer` skips its scan.

Only patterns written in a plain subset are split (literals, escapes of classes, properties
and characters, sets without nested sets, groups, lookarounds, atomic groups, counted
repeats); a back-reference, a flag group, a conditional, a fuzzy constraint, a top-level
alternation or anything unknown gives no gate. A gate must open with a literal character or
a set of literal characters (a quick scan), after at least one repeat of more than one.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from checker.text import regex_cache

Item = tuple[str, str]  # (atom, quantifier)

_QUANTIFIER = re.compile(  # the standard library's: no cost at start-up
    r"(?:[*+?]|\{(?:\d+(?:,\d*)?|,\d+)\})[?+]?")
_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?P<")
_CLASS_ESCAPES = "dDsSwW"
_ASSERTION_ESCAPES = "bBAZ"
_CHARACTER_ESCAPES = "ntrfv"  # not \0: an octal escape runs on over its digits
_BRACED_ESCAPES = "pPN"  # \p{Han}, \N{name}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


@lru_cache(maxsize=1024)
def gate_source(pattern: str) -> str | None:
    """The run of ``pattern``'s top-level items after its opening broad repeats, or None."""
    if not _opens_broad(pattern):
        return None  # most patterns: told from their first item, without reading the rest
    items = top_level_items(pattern)
    if not items:
        return None
    k = 0
    while k < len(items) and (_broad(items[k][1]) or _zero_width(items[k][0])):
        k += 1
    if k == 0 or k == len(items) or not any(_broad(q) for _, q in items[:k]):
        return None
    atom, quantifier = items[k]
    if not _literal_start(atom) or quantifier[:1] in ("*", "?") or quantifier.startswith(("{0", "{,")):
        return None
    return "".join(a + q for a, q in items[k:])


def _opens_broad(pattern: str) -> bool:
    """Whether the first top-level item is a broad repeat or zero-width (a gate may follow)."""
    end = _atom_end(pattern, 0) if pattern else None
    if end is None:
        return False
    quantifier = _QUANTIFIER.match(pattern, end)
    return _zero_width(pattern[:end]) or (quantifier is not None and _broad(quantifier.group(0)))


def gate(pattern: regex.Pattern[str]) -> regex.Pattern[str] | None:
    """The compiled gate of ``pattern`` (same flags), or None when it has none."""
    if pattern.flags & regex.VERBOSE:
        return None
    source = gate_source(pattern.pattern)
    return None if source is None else regex_cache.compiled(source, pattern.flags)


def top_level_items(pattern: str) -> list[Item] | None:
    """``pattern`` as its top-level concatenation of (atom, quantifier); None outside the subset."""
    items: list[Item] = []
    i = 0
    while i < len(pattern):
        end = _atom_end(pattern, i)
        if end is None:
            return None
        atom, i = pattern[i:end], end
        quantifier = _QUANTIFIER.match(pattern, i)
        q = quantifier.group(0) if quantifier else ""
        i += len(q)
        if pattern.startswith("{", i):
            return None  # a brace that is no repeat: a literal, or a fuzzy constraint
        items.append((atom, q))
    return items


def _atom_end(p: str, i: int) -> int | None:
    """Where the atom starting at ``p[i]`` ends; None when it is outside the subset."""
    c = p[i]
    if c == "\\":
        return _escape_end(p, i)
    if c == "[":
        return _set_end(p, i)
    if c == "(":
        return _group_end(p, i)
    if c in "|)*+?{":
        return None
    return i + 1  # a literal character, ".", "^" or "$"


def _escape_end(p: str, i: int) -> int | None:
    if i + 1 >= len(p):
        return None
    c = p[i + 1]
    if not c.isascii() or not c.isalnum():
        return i + 2  # an escaped punctuation mark or character: itself
    if c in _CLASS_ESCAPES or c in _ASSERTION_ESCAPES or c in _CHARACTER_ESCAPES:
        return i + 2
    if c in _BRACED_ESCAPES:
        if not p.startswith("{", i + 2):
            return i + 3 if c in "pP" and i + 2 < len(p) and p[i + 2].isalpha() else None
        close = p.find("}", i + 3)
        return None if close < 0 else close + 1
    if c in _HEX_ESCAPES:
        width = _HEX_ESCAPES[c]
        digits = p[i + 2:i + 2 + width]
        if len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits):
            return i + 2 + width
        return None
    return None  # back-references, \g, \k, \G, \K, \L, \X, \Q and the rest


def _set_end(p: str, i: int) -> int | None:
    j = i + 1
    if p.startswith("^", j):
        j += 1
    if p.startswith("]", j):
        j += 1  # a leading ] is itself
    while j < len(p):
        c = p[j]
        if c == "]":
            return j + 1
        if c == "[":
            return None  # nested sets and POSIX classes
        if c == "\\":
            end = _escape_end(p, j)
            if end is None:
                return None
            j = end
        else:
            j += 1
    return None


def _group_inner(p: str, i: int) -> tuple[str | None, int] | None:
    """The opener of the group at ``p[i]`` (None for a plain one) and where its body begins;
    None for a kind not modelled (flags, comments, conditionals, references, branch resets)."""
    opener = next((o for o in _GROUP_OPENERS if p.startswith(o, i)), None)
    if opener is None:
        return None if p.startswith("(?", i) else (None, i + 1)
    if opener == "(?P<":
        close = p.find(">", i)
        if close < 0 or not p[i + 4:close].isidentifier():
            return None
        return opener, close + 1
    return opener, i + len(opener)


def _group_end(p: str, i: int) -> int | None:
    inner = _group_inner(p, i)
    if inner is None:
        return None
    j = inner[1]
    while j < len(p):
        c = p[j]
        if c == ")":
            return j + 1
        if c == "|":
            j += 1
            continue
        end = _atom_end(p, j)
        if end is None:
            return None
        j = end
        quantifier = _QUANTIFIER.match(p, j)
        if quantifier:
            j = quantifier.end()
        if p.startswith("{", j):
            return None
    return None


def _broad(quantifier: str) -> bool:
    """A repeat of more than one: *, + or a count whose top is above one or open."""
    if quantifier[:1] in ("*", "+"):
        return True
    if not quantifier.startswith("{"):
        return False
    top = quantifier[1:quantifier.index("}")].split(",")[-1]
    return top == "" or int(top) > 1


def _zero_width(atom: str) -> bool:
    return atom.startswith(("(?=", "(?!", "(?<=", "(?<!")) or atom in ("^", "$")


def _literal_start(atom: str) -> bool:
    """A literal character, an escaped mark, or a set of literal characters and ranges only."""
    if atom.startswith("\\"):
        return len(atom) == 2 and not (atom[1].isascii() and atom[1].isalnum())
    if atom.startswith("["):
        body = atom[1:-1]
        if body.startswith("^"):
            return False
        k = 0
        while k < len(body):
            if body[k] == "\\":
                if body[k + 1].isascii() and body[k + 1].isalnum():
                    return False  # \d, \p{…}, \w: a broad class again
                k += 2
            else:
                k += 1
        return True
    return len(atom) == 1 and atom not in ".^$"


@lru_cache(maxsize=1024)
def context_free(pattern: str) -> bool:
    """Whether a match inside a piece of a string is a match in the whole string too: written in
    the plain subset, with no anchor, word boundary, lookaround, atomic group or possessive
    repeat (each looks at, or stops at, the characters around the match). Then a string the
    pattern does not match has no piece it matches."""
    return _plain_run(pattern, 0, top=True) == len(pattern)


def _plain_run(p: str, i: int, top: bool) -> int | None:
    """The end of the alternatives starting at ``p[i]`` (at the closing parenthesis inside a
    group), or None when one of them leaves :func:`context_free`'s subset."""
    while i < len(p):
        c = p[i]
        if c == ")":
            return None if top else i
        if c == "|":
            i += 1
            continue
        if c in "^$" or (c == "\\" and p[i + 1:i + 2] in tuple(_ASSERTION_ESCAPES)):
            return None
        if c == "(":
            if p.startswith("(?:", i):
                inner = i + 3
            elif p.startswith("(?P<", i):
                close = p.find(">", i)
                if close < 0 or not p[i + 4:close].isidentifier():
                    return None
                inner = close + 1
            elif p.startswith("(?", i):
                return None  # lookarounds, atomic groups, flags and the rest
            else:
                inner = i + 1
            close_at = _plain_run(p, inner, top=False)
            if close_at is None or not p.startswith(")", close_at):
                return None
            end: int | None = close_at + 1
        else:
            end = _atom_end(p, i)
        if end is None:
            return None
        quantifier = _QUANTIFIER.match(p, end)
        if quantifier:
            q = quantifier.group(0)
            if len(q) > 1 and q.endswith("+"):
                return None  # possessive
            end = quantifier.end()
        if p.startswith("{", end):
            return None
        i = end
    return i if top else None


# ---------------------------------------------------------------- strings a match must hold

Requirement = tuple[str, ...]  # at least one of these strings occurs in the text searched
NEEDED_SET_MAX = 12  # characters of a set kept as a requirement (more: it requires nothing useful)


class _Unknown(Exception):
    """The pattern leaves the subset :func:`needed_strings` reads."""


def needed_strings(pattern: str, lookarounds: bool = True) -> tuple[Requirement, ...] | None:
    """Requirements every match of ``pattern`` in a string meets: for each, one of its strings
    occurs in that string (the most telling first, at most three; () when none is known).
    None when the pattern leaves the plain subset (a back-reference, a flag group, a fuzzy
    constraint, anything unknown): then nothing may be concluded from it, not even its groups.

    A positive lookaround's requirements count too (what it looks at is in the string), so
    the test holds for a search of a whole string, not for a slice of a longer one; with
    ``lookarounds`` False they do not, and the strings are those of the match itself (in
    the slice searched). Case is matched as written: a caller must rule out IGNORECASE.

    Kept in the pattern store (:func:`checker.text.regex_cache.kept`) under a digest of this
    module's source: reading the pack's sources anew cost a cold check about 0.05 s.
    """
    global _needs
    if _needs is None:
        version = _code_version()
        _needs = {} if version is None else regex_cache.kept("needed-strings", version)
    key = (pattern, lookarounds)
    try:
        return _needs[key]
    except KeyError:
        found = _read_needed_strings(pattern, lookarounds)
        regex_cache.keep(_needs, key, found)
        return found


_needs: dict[tuple[str, bool], tuple[Requirement, ...] | None] | None = None


def _code_version() -> str | None:
    """A digest of this module's source (what :func:`needed_strings` finds depends on it); None
    when it cannot be read (then the results are kept for this process only)."""
    import hashlib

    try:
        with open(__file__, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()[:16]
    except OSError:
        return None


def _read_needed_strings(pattern: str, lookarounds: bool) -> tuple[Requirement, ...] | None:
    try:
        branches, end = _branches(pattern, 0, lookarounds)
    except (_Unknown, IndexError, ValueError):
        return None
    if end != len(pattern):
        return None
    needs = branches[0][0] if len(branches) == 1 else _union(branches)
    return tuple(sorted(set(needs), key=_telling)[:3])


def _telling(requirement: Requirement) -> tuple[int, int]:
    """Sort key: longer strings first (rarer in a text), then fewer of them."""
    return -min(map(len, requirement)), len(requirement)


def _union(branches: list[tuple[list[Requirement], str | None]]) -> list[Requirement]:
    """One requirement for a match of any of ``branches``: each one's most telling, together."""
    strings: set[str] = set()
    for needs, literal in branches:
        options: list[Requirement] = needs + ([(literal,)] if literal else [])
        if not options:
            return []  # a branch that requires nothing: neither does the alternation
        best: Requirement = min(options, key=_telling)
        strings.update(best)
    return [tuple(sorted(strings))]


def _branches(p: str, i: int, lookarounds: bool = True
              ) -> tuple[list[tuple[list[Requirement], str | None]], int]:
    """The alternatives from ``p[i]`` to the closing parenthesis (or the end): for each, its
    requirements and, when it is nothing but literal characters, that string."""
    out: list[tuple[list[Requirement], str | None]] = []
    needs: list[Requirement] = []
    run = ""  # literal characters in a row, not yet added to needs
    plain = True  # only literal characters so far
    while True:
        if i >= len(p) or p[i] in "|)":
            if run:
                needs.append((run,))
            out.append((needs, run if plain else None))
            if i >= len(p) or p[i] == ")":
                return out, i
            needs, run, plain = [], "", True
            i += 1
            continue
        item, char, i = _requirement_item(p, i, lookarounds)
        quantifier = _QUANTIFIER.match(p, i)
        least = 1
        if quantifier is not None:
            least = _least(quantifier.group(0))
            i = quantifier.end()
        if p.startswith("{", i):
            raise _Unknown  # a brace that is no repeat: a literal, or a fuzzy constraint
        if char is not None and quantifier is None:
            run += char
            continue
        plain = False
        if run:
            needs.append((run,))
            run = ""
        if least > 0:
            needs.extend(item)


def _least(quantifier: str) -> int:
    if quantifier[0] in "*?":
        return 0
    if quantifier[0] == "+":
        return 1
    low = quantifier[1:quantifier.index("}")].split(",")[0]
    return int(low) if low else 0


def _requirement_item(p: str, i: int, lookarounds: bool) -> tuple[list[Requirement], str | None, int]:
    """The atom at ``p[i]``: its requirements, the one literal character it is (if so), its end."""
    c = p[i]
    if c == "\\":
        end = _escape_end(p, i)
        if end is None:
            raise _Unknown
        char = _escaped(p[i:end])
        return ([(char,)] if char is not None else []), char, end
    if c == "[":
        end = _set_end(p, i)
        if end is None:
            raise _Unknown
        chars = _set_members(p[i + 1:end - 1])
        return ([tuple(chars)] if chars else []), None, end
    if c == "(":
        group = _group_inner(p, i)
        if group is None:
            raise _Unknown
        opener, inner = group
        branches, end = _branches(p, inner, lookarounds)
        if not p.startswith(")", end):
            raise _Unknown
        if opener in ("(?!", "(?<!") or (not lookarounds and opener in ("(?=", "(?<=")):
            return [], None, end + 1  # what must not be there requires nothing (nor, in a slice, what is looked at)
        if len(branches) == 1:
            needs, literal = branches[0]
            return needs + ([(literal,)] if literal else []), None, end + 1
        return _union(branches), None, end + 1
    if c in "*+?{":
        raise _Unknown  # a repeat of nothing
    if c in ".^$":
        return [], None, i + 1
    return [(c,)], c, i + 1


def _escaped(escape: str) -> str | None:
    """The one character an escape stands for; None for a class or an assertion; a
    back-reference, a property escape with a name and anything else is unknown."""
    c = escape[1]
    if not c.isascii() or not c.isalnum():
        return c
    if c in "ntrfv":
        return {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}[c]
    if c in _HEX_ESCAPES:
        return chr(int(escape[2:], 16))
    if c in _CLASS_ESCAPES or c in _ASSERTION_ESCAPES or c in "pP":
        return None
    raise _Unknown


def _set_members(body: str) -> str:
    """The characters of a set of literal characters (sorted); "" for a negated set, one with a
    class inside or one too large to be worth looking for."""
    if body.startswith("^"):
        return ""
    chars: set[str] = set()
    k = 0
    while k < len(body):
        if body[k] == "\\":
            end = _escape_end(body, k)
            if end is None:
                raise _Unknown
            char = _escaped(body[k:end]) if body[k + 1] != "b" else "\b"  # \b in a set: backspace
            if char is None:
                return ""
            k = end
        else:
            char = body[k]
            k += 1
        if k + 1 < len(body) and body[k] == "-":
            if body[k + 1] == "\\":
                raise _Unknown  # a range up to an escape: not read here
            low, high = ord(char), ord(body[k + 1])
            if high < low or high - low >= NEEDED_SET_MAX:
                return ""
            chars.update(chr(code) for code in range(low, high + 1))
            k += 2
        else:
            chars.add(char)
    return "".join(sorted(chars)) if len(chars) <= NEEDED_SET_MAX else ""


# ---------------------------------------------------------------- a quick test before a search


def prefilter(pattern: regex.Pattern[str], whole: bool = True) -> Requirement | None:
    """The strings of ``pattern``'s most telling requirement (:func:`needed_strings`): where
    none of them occurs, ``pattern`` matches nowhere. For a search of a whole string
    (``whole``), or of a slice of one (``pattern.search(text, start, stop)``: then the strings
    are looked for in the same slice, and a positive lookaround, which may look outside it,
    requires nothing). None when no requirement is known or the flags fold case or change the
    syntax. :func:`literal_scan` finds them.
    """
    if pattern.flags & (regex.IGNORECASE | regex.VERBOSE | regex.V1):
        return None
    needs = needed_strings(pattern.pattern, whole)
    if not needs or not needs[0]:
        return None
    return needs[0]


@lru_cache(maxsize=1024)
def literal_scan(strings: Requirement) -> re.Pattern[str]:
    """A standard-library scan for any of ``strings``.

    An alternation of literal strings: the standard library's engine skips to the characters
    they open with, a fraction of a microsecond on a sentence, where a cue alternation of the
    regex module tries every branch at every character. Compiling it costs a few hundred
    microseconds for a hundred strings, so a pattern searched only a few times is better served
    by ``str.find`` (:class:`checker.text.patterns._Prefilter`).
    """
    # Longer strings first: where one opens another, either found is enough, but the order keeps
    # the scan's choice plain.
    return re.compile("|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True)))


# ---------------------------------------------------------------- patterns that are lists of words

LITERALS_MAX = 256  # strings a pattern may expand to


@lru_cache(maxsize=1024)
def literal_alternatives(pattern: str) -> tuple[str, ...] | None:
    """The strings ``pattern`` matches, in the order the regex module tries them, when it is
    nothing but literal characters, alternations and non-capturing groups of them
    (``(?:行政复议)|(?:复议(?:案件|申请))``); None otherwise, or when one of them is empty.

    At any position the pattern matches the first of them written there: backtracking tries
    the alternatives of each group in order, the first group's before the next one's.
    """
    try:
        strings, end = _alternatives(pattern, 0)
    except _Unknown:
        return None
    if end != len(pattern) or not strings or "" in strings:
        return None
    return tuple(strings)


def _alternatives(p: str, i: int) -> tuple[list[str], int]:
    """The strings of the alternation from ``p[i]`` to its closing parenthesis (or the end)."""
    out: list[str] = []
    branch = [""]
    while True:
        if i >= len(p) or p[i] in "|)":
            out.extend(branch)
            if i >= len(p) or p[i] == ")":
                return out, i
            branch = [""]
            i += 1
            continue
        c = p[i]
        if p.startswith("(?:", i):
            inner, i = _alternatives(p, i + 3)
            if not p.startswith(")", i):
                raise _Unknown
            i += 1
        elif c in "\\[](){}.^$*+?":
            raise _Unknown
        else:
            inner, i = [c], i + 1
        if _QUANTIFIER.match(p, i) or p.startswith("{", i):
            raise _Unknown
        branch = [head + tail for head in branch for tail in inner]
        if len(out) + len(branch) > LITERALS_MAX:
            raise _Unknown
