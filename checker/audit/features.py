"""What the audit keeps of a report beyond its check result, computed once in the worker.

* **Sentences** for copy detection and the year-over-year comparison: each
  sentence of the matching view, without the pack's boilerplate (clauses that
  are formulas, such as 在县委的坚强领导下, are dropped; the regulation's own
  phrases, such as 习近平法治思想 or 行政执法三项制度, are removed: the pack's
  ``boilerplate`` data), normalised (a leading 一是/（三） marker, the issuer's
  own place names and any ``XX县/区/市/镇…`` name removed, the remaining
  省市县区… characters dropped so that 全县 and 全区 agree, numbers and numerals
  dropped, then only Chinese characters kept). What remains is the report's own
  wording. Sentences shorter than :data:`MIN_SENTENCE` characters after this say
  too little to count (a sentence that is nothing but boilerplate ends here), and
  the title and top-level headings are left out (every report has them). Each is
  kept with a 63-bit fingerprint of its normalised form and bits telling whether
  it lies in the report's 不足 / 安排 / 举措 section, as the engine assigned them.
* **MinHash signatures** (:mod:`checker.audit.minhash`) of the character
  shingles of those sentences: of the whole report and of its 不足 and 安排
  sections, so that copies are found however their sentences were reworded a
  little, and a copied section even when the rest differs.
* **Plan items** (the 下一年度安排 section's subsections, or its 一是/二是
  items, or its sentences) and **measure units** (the paragraphs of the 举措
  section), for the year-over-year comparison.
* A **context** for each element's evidence: the passage around it, for the
  HTML gap report (findings already carry one).

The template sections are found through the stable element ids
(``content.shortcomings`` …) and the rule's ``section`` key, so a pack whose
templates name their sections differently still works.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from typing import Any

import regex

from checker.audit import minhash
from checker.context import Context
from checker.model import ReportResult
from checker.pack.loader import Pack
from checker.text.outline import Section

MIN_SENTENCE = 12
MIN_ITEM_HAN = 8
CONTEXT_WIDTH = 30
CLOSING_MAX = 30
SENTENCE_END = re.compile(r"[。！？；]")

# tag bit -> the element whose template section the bit marks
TAGS: dict[int, str] = {1: "content.shortcomings", 2: "content.next-year", 4: "content.measures"}
SHORTCOMINGS, PLAN, MEASURES = 1, 2, 4

# Plain ``re`` with the same Chinese-character ranges as checker.text.normalize.is_han: these
# run over every sentence of every report, and ``re`` is several times faster here.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
ADMIN_SUFFIX = "(?:自治县|自治州|自治旗|街道|[省市县区州旗盟镇乡])"
PLACE_NAME = re.compile(f"[{HAN_RANGES}]{{2}}{ADMIN_SUFFIX}")
ISSUER_PLACES = re.compile(f"([{HAN_RANGES}]{{1,6}}?){ADMIN_SUFFIX}")
MARKER = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]{1,3}是|[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]"
                    r"|第[一二三四五六七八九十]{1,3}[，、,])", re.MULTILINE)
DROPPED = re.compile(f"[^{HAN_RANGES}\n]+|[〇零一二三四五六七八九十百千万亿两省市县区州旗盟镇乡村]+")
HAN = re.compile(f"[{HAN_RANGES}]")
# The lines that close a report after its last section (特此报告。 / 以上报告，请审阅。, then the
# signature: the issuer and the date). They follow the plan, the last section, and are none of its items.
CLOSING_FORMULA = re.compile(r"(?:(?:特此|专此|谨此)(?:报告|汇报|报送)(?:如上)?|以上(?:报告|情况)[^。！？]{0,20}"
                             r"|报告完毕|妥否，?请.{1,6})[。！.]?")
SIGNED_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十〇○]{1,3}\s*月"
                         r"\s*[\d一二三四五六七八九十〇○]{1,3}\s*日")
SIGNED_BY = re.compile(f"[{HAN_RANGES}（）()]{{2,30}}(?:人民政府|政府|委员会|办公室|局|委|办|厅|署|院|中心)"
                       r"(?:[（(][^）)]{1,6}[）)])?")
# MIN_ITEM_HAN Chinese characters or more: found at the last one needed, without listing them all.
ENOUGH_HAN = re.compile(f"[{HAN_RANGES}](?:[^{HAN_RANGES}]*[{HAN_RANGES}]){{{MIN_ITEM_HAN - 1}}}")
# A boilerplate clause pattern that never matches, nor looks at, a line break: literal characters,
# ``.`` (no DOTALL: the flag can only be set by a ``(?s)`` group, which is not allowed), escaped
# punctuation, classes that are not negated, plain and non-capturing groups, lookarounds and counted
# repeats. No control character, no letter escape (\s, \W, \D, \p, \A, back-references…), no ``[^…]``, no ``[:space:]``,
# no inline flags, verbs or fuzzy constraints. See :func:`normalises_by_line`.
LINE_BOUND_CLAUSE = re.compile(r"(?:[^\\\[({}\x00-\x1f]|\\[^\w\s]|\[(?![\^:])"
                               r"|\((?:\?(?::|=|!|<=|<!))?(?![?*])|\{\d*,?\d*\})*")


def place_names(issuer: str | None) -> list[str]:
    """云溪县人民政府 → [云溪县人民政府, 云溪县, 云溪]: the issuer's own names, longest first."""
    if not issuer:
        return []
    names = [issuer]
    position = 0
    while True:
        match = ISSUER_PLACES.match(issuer, position)  # anchored at position: consecutive names
        if match is None:
            break
        names.append(match.group(0))
        if len(match.group(1)) >= 2:
            names.append(match.group(1))
        position = match.end()
    return sorted(dict.fromkeys(names), key=len, reverse=True)


def normalise_sentence(text: str, names: list[str], boilerplate: Boilerplate | None = None) -> str:
    """The form two copies of a sentence share, whatever place, figures and numbering they have."""
    return normalise_sentences([text], names, boilerplate)[0]


def normalise_sentences(texts: list[str], names: list[str], boilerplate: Boilerplate | None = None) -> list[str]:
    """:func:`normalise_sentence` for many sentences (without newlines) in a few regex passes."""
    joined = "\n".join(texts)
    if boilerplate is not None and boilerplate.clauses is not None:
        joined = boilerplate.clauses.sub("", joined)
    joined = MARKER.sub("", joined)
    for name in names:
        if name in joined:
            joined = joined.replace(name, "")
    joined = PLACE_NAME.sub("", joined)
    joined = DROPPED.sub("", joined)
    if boilerplate is not None and boilerplate.phrases is not None:
        joined = boilerplate.phrases.sub("", joined)
    return joined.split("\n")


class Boilerplate:
    """The pack's ``boilerplate`` compiled: formula clauses (removed with their comma) and phrases
    (normalised as sentences are, then removed from the normalised text)."""

    def __init__(self, phrases: tuple[str, ...] = (), clauses: tuple[str, ...] = ()) -> None:
        self.clauses: regex.Pattern[str] | None = None
        self.phrases: re.Pattern[str] | None = None
        self.line_bound = all(LINE_BOUND_CLAUSE.fullmatch(c) for c in clauses)
        if clauses:
            # A whole clause: from a sentence or clause start to the next comma (taken with it) or end.
            body = "|".join(f"(?:{c})" for c in clauses)
            self.clauses = regex.compile(f"(?:(?<=^|[，,：:；\n])|^)(?:{body})(?:[，,：:]|(?=[。！？；\n]|$))",
                                         regex.MULTILINE)
        normalised = {n for n in normalise_sentences(list(phrases), []) if len(n) >= 2}
        if normalised:
            ordered = sorted(normalised, key=lambda n: (-len(n), n))  # the longest phrase first
            self.phrases = re.compile("|".join(map(re.escape, ordered)))


_BOILERPLATE: dict[str, Boilerplate] = {}


def boilerplate(pack: Pack) -> Boilerplate:
    """The pack's boilerplate, compiled once per process and pack."""
    found = _BOILERPLATE.get(pack.digest)
    if found is None:
        found = Boilerplate(pack.boilerplate.get("phrases", ()), pack.boilerplate.get("clauses", ()))
        _BOILERPLATE[pack.digest] = found
    return found


def fingerprint(normalised: str) -> int:
    """A 63-bit hash, the same in every process (``hash()`` is salted per process)."""
    digest = hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def extract(result: ReportResult, ctx: Context) -> dict[str, Any]:
    """The audit's features of one checked report, as JSON-ready data but the signatures (bytes: they
    go to the main process's copy index, see :func:`checker.audit.minhash.signatures`)."""
    tags = _tag_spans(ctx)
    names = place_names(result.issuer)
    view = ctx.view
    sentences: list[list[Any]] = []
    seen: dict[int, int] = {}
    shingled: dict[int, set[int]] = {0: set(), SHORTCOMINGS: set(), PLAN: set()}
    # The title and the top-level headings name the report's parts; every report has them.
    headings = {h.start: h.body_start for h in ctx.outline.headings if h.level <= 1}
    title = ctx.meta.title_span or (-1, -1)
    spans = [(a, b) for a, b in ctx.sentences
             if not ((a in headings and b <= headings[a]) or (a < title[1] and b > title[0]))]
    texts = [view.text[a:b] for a, b in spans]
    verbatim: list[int] = []  # sentences whose excerpt is the very text normalised (see stored)
    for (start, end), text, norm in zip(spans, texts, normalise_sentences(texts, names, boilerplate(ctx.pack)),
                                        strict=True):
        if len(norm) < MIN_SENTENCE:
            continue
        bits = _tags_at(tags, start)
        hashed = minhash.shingles(norm)
        shingled[0].update(hashed)
        for bit in (SHORTCOMINGS, PLAN):
            if bits & bit:
                shingled[bit].update(hashed)
        key = fingerprint(norm)
        if key in seen:
            sentences[seen[key]][1] |= bits
            continue
        seen[key] = len(sentences)
        excerpt = view.excerpt(start, end)
        if excerpt == text:
            verbatim.append(len(sentences))
        sentences.append([key, bits, excerpt, norm])
    return {
        "sentences": sentences,
        "verbatim": verbatim,
        "signatures": minhash.signatures(shingled, raw=True),
        "plan_items": _plan_items(ctx, _sections(ctx, PLAN)),
        "measure_units": _measure_units(ctx, _sections(ctx, MEASURES)),
    }


def stored(found: dict[str, Any], names: list[str] | None = None,
           boilerplate: Boilerplate | None = None) -> dict[str, Any]:
    """The features as the cache and the record store keep them: without the signatures (they go to
    the main process), without each sentence's fingerprint, a hash of its normalised form that
    :func:`restored` computes again (random digits that would make up a tenth of an entry), and
    without the normalised form itself wherever :func:`restored` gets it back from the sentence,
    ``names`` (the issuer's, see :func:`place_names`) and ``boilerplate`` (about a tenth more).

    The forms are dropped only for sentences whose normalisation, done together as
    :func:`restored` will do it, gives them back exactly; ``names`` are kept for it. When each
    sentence normalises alone as it does among others (:func:`normalises_by_line`), a sentence
    :func:`extract` lists as ``verbatim`` (its excerpt is the text it normalised) needs no check."""
    kept = {key: value for key, value in found.items() if key not in ("signatures", "verbatim")}
    if "sentences" not in kept:
        return kept
    sentences = kept["sentences"]
    names = names or []
    dropped = [k for k, s in enumerate(sentences) if "\n" not in s[2]]
    verbatim = set(found.get("verbatim", ())) if normalises_by_line(names, boilerplate) else set()
    if verbatim:
        unsure = [k for k in dropped if k not in verbatim]
        again = normalise_sentences([sentences[k][2] for k in unsure], names, boilerplate) if unsure else []
        differ = {k for k, norm in zip(unsure, again, strict=True) if norm != sentences[k][3]}
        dropped = [k for k in dropped if k not in differ]
    while dropped and not verbatim:  # to a fixed point: the set normalised on reading is the set checked here
        again = normalise_sentences([sentences[k][2] for k in dropped], names, boilerplate)
        same = [k for k, norm in zip(dropped, again, strict=True) if norm == sentences[k][3]]
        if same == dropped:
            break
        dropped = same
    omitted = set(dropped)
    kept["sentences"] = [s[1:3] if k in omitted else s[1:] for k, s in enumerate(sentences)]
    if omitted and names:
        kept["names"] = names
    return kept


def normalises_by_line(names: list[str], boilerplate: Boilerplate | None) -> bool:
    """Whether :func:`normalise_sentences` gives each sentence the form it would give it alone.

    Its own passes never match across a line break or look beyond one (the markers and the
    clause wrapper stop at it, as ``^`` and ``$`` do, the place names and dropped characters are
    single-line classes, the phrases are Chinese characters only); the issuer's names and the
    pack's clause patterns are data, and qualify when they cannot either (:data:`LINE_BOUND_CLAUSE`)."""
    return all("\n" not in name for name in names) and (boilerplate is None or boilerplate.line_bound)


def restored(kept: dict[str, Any], boilerplate: Boilerplate | None = None) -> dict[str, Any]:
    """The features :func:`stored` kept, with each sentence's normalised form and fingerprint again
    (``boilerplate``: the pack's, as :func:`stored` was given it)."""
    if "sentences" in kept:
        sentences = kept["sentences"]
        short = [s for s in sentences if len(s) == 2]
        if short:
            again = normalise_sentences([s[1] for s in short], kept.pop("names", []), boilerplate)
            for sentence, norm in zip(short, again, strict=True):
                sentence.append(norm)
        kept.pop("names", None)
        kept["sentences"] = [[fingerprint(s[2]), *s] for s in sentences]
    return kept


def evidence_contexts(report: dict[str, Any], ctx: Context) -> None:
    """Add ``context`` (the passage around it) to each element's evidence, in place."""
    doc = ctx.doc
    for element in report.get("elements", []):
        for evidence in element.get("evidence", []):
            line, column = evidence.get("line"), evidence.get("column")
            if not line or not column or line > doc.line_count:
                continue
            text = doc.line_text(line - 1)
            left = max(column - 1 - CONTEXT_WIDTH, 0)
            right = min(column - 1 + len(evidence.get("text", "")) + CONTEXT_WIDTH, len(text))
            passage = text[left:right].strip()
            if passage:
                evidence["context"] = ("…" if left else "") + passage + ("…" if right < len(text) else "")


def _sections(ctx: Context, bit: int) -> list[Section]:
    section_id = _section_id(ctx, TAGS[bit])
    return ctx.sections_for(section_id) if section_id else []


def _section_id(ctx: Context, element_id: str) -> str | None:
    rule = next((r for r in ctx.pack.rules if r.id == element_id), None)
    section = rule.get("section") if rule is not None else None
    return str(section) if section else None


def _tag_spans(ctx: Context) -> list[tuple[int, int, int]]:
    return [(s.start, s.end, bit) for bit in TAGS for s in _sections(ctx, bit)]


def _tags_at(spans: list[tuple[int, int, int]], offset: int) -> int:
    bits = 0
    for start, end, bit in spans:
        if start <= offset < end:
            bits |= bit
    return bits


def _item(ctx: Context, start: int, end: int) -> dict[str, Any] | None:
    view = ctx.view
    end = _before_closing(ctx, start, end)
    if ENOUGH_HAN.search(view.text, start, end) is None:
        return None
    return {"text": view.excerpt(start, end), "line": view.position(start)[0]}


def _before_closing(ctx: Context, start: int, end: int) -> int:
    """Drop trailing short lines without a sentence end: the 落款 (issuer, date) after the last item."""
    view = ctx.view
    k = view.paragraph_at(max(end - 1, start))
    while k > 0:
        a, b = view.paragraphs[k]
        text = view.text[a:b]
        if a <= start or b - a > CLOSING_MAX or SENTENCE_END.search(text):
            break
        end = a
        k -= 1
    return end


def _plan_items(ctx: Context, sections: list[Section]) -> list[dict[str, Any]]:
    """The plan's items: its subsections, else its 一是/二是 items, else its sentences; none of
    them runs into the report's closing lines (see :func:`_closing_start`)."""
    spans: list[tuple[int, int]] = []
    for section in sections:
        end = _closing_start(ctx, section.body_start, section.end)
        children = [c for c in section.children if c.heading is not None and c.start < end]
        enumerations = [e.start for e in ctx.outline.enumerations if section.body_start <= e.start < end]
        if children:
            spans.extend((c.start, min(c.end, end)) for c in children)
        elif len(enumerations) >= 2:
            bounds = [*enumerations, end]
            spans.extend(itertools.pairwise(bounds))
        else:
            spans.extend((a, min(b, end)) for a, b in ctx.sentences if section.body_start <= a < end)
    items = (_item(ctx, a, b) for a, b in spans)
    return [item for item in items if item is not None]


def _closing_start(ctx: Context, start: int, end: int) -> int:
    """Where the closing lines at the end of ``[start, end)`` begin (``end`` when there are none).

    The plan is the report's last section, so its span runs on over 特此报告。 and the signature
    (临江市江北区人民政府 / 2025年2月5日); an item that kept them would print them, and a signature
    read as an item would be "not followed up" next year. Walking back from the end, a sentence
    that is a closing formula, a date alone, or an office's name alone (no sentence end, no
    一是/（一） marker) is closing; the first sentence that is none of these ends the walk."""
    text = ctx.view.text
    for a, b in reversed(ctx.sentences_in(start, end)):
        if not _is_closing(text[a:b].strip()):
            break
        end = a
    return end


def _is_closing(sentence: str) -> bool:
    if not sentence or CLOSING_FORMULA.fullmatch(sentence) or SIGNED_DATE.fullmatch(sentence):
        return True
    return (len(sentence) <= CLOSING_MAX and SENTENCE_END.search(sentence) is None
            and MARKER.match(sentence) is None and SIGNED_BY.fullmatch(sentence) is not None)


def _measure_units(ctx: Context, sections: list[Section]) -> list[dict[str, Any]]:
    """The measures' paragraphs (a subsection heading and its text are one unit)."""
    view = ctx.view
    units: list[dict[str, Any]] = []
    for section in sections:
        for start, end in view.paragraphs:
            a, b = max(start, section.body_start), min(end, section.end)
            if a < b:
                unit = _item(ctx, a, b)
                if unit is not None:
                    units.append(unit)
    return units
