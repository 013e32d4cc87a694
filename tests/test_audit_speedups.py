"""The engine speedups made for ``checker audit`` give exactly what the loops they replace gave.

Each reference below is the character-by-character loop the engine had before;
hypothesis compares it with the new code on random Chinese-and-punctuation text.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.context import SENTENCE_ENDS, Context, Hit
from checker.kinds import balance
from checker.pack.loader import load_pack
from checker.text.document import Document
from checker.text.normalize import build_view, han_count, is_han
from checker.text.outline import build_outline

ALPHABET = st.sampled_from(list("法治政府建设一二三，。！？；\n“”《》（）【】()ab1 \u3400\u9fff\uf900\u3007々⽣"))
TEXT = st.text(ALPHABET, max_size=200)


def reference_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_ENDS:
            if i + (ch != "\n") > start:
                spans.append((start, i + (ch != "\n")))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def reference_pair(text: str, start: int, end: int, opener: str, closer: str) -> Iterator[tuple[int, int, str]]:
    """Marks matched as a stack: an opener inside an open pair nests (《A《B》C》 is balanced)."""
    if opener == closer:
        open_at: int | None = None
        for i in range(start, end):
            if text[i] == opener:
                open_at = i if open_at is None else None
        if open_at is not None:
            yield open_at, min(open_at + balance.EXCERPT, end), "unclosed"
        return
    stack: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch == opener:
            stack.append(i)
        elif ch == closer:
            if not stack:
                yield max(i - balance.EXCERPT, start), i + 1, "stray"
            else:
                stack.pop()
    for at in stack:
        yield at, min(at + balance.EXCERPT, end), "unclosed"


def _spans(hits: Iterator[Hit]) -> list[tuple[int | None, int | None]]:
    return [(h.start, h.end) for h in hits]


@settings(max_examples=300)
@given(TEXT)
def test_han_count_matches_is_han(text: str) -> None:
    assert han_count(text, 0, len(text)) == sum(1 for ch in text if is_han(ch))
    middle = len(text) // 2
    assert han_count(text, 1, middle) == sum(1 for ch in text[1:middle] if is_han(ch))


@settings(max_examples=300)
@given(TEXT, st.sampled_from(["“”", "《》", "（）", "【】", "()", "\"\""]))
def test_balance_matches_the_character_loop(text: str, pair: str) -> None:
    opener, closer = pair[0], pair[-1]
    for start, end in ((0, len(text)), (len(text) // 3, len(text))):
        expected = [(a, b) for a, b, _ in reference_pair(text, start, end, opener, closer)]
        assert _spans(balance._check_pair(text, start, end, opener, closer)) == expected


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_sentences_and_line_starts_match_the_character_loops(text: str) -> None:
    document = Document(path="<t>", text=text)
    assert document._line_starts == [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    view = build_view(document)
    ctx = Context(document, view, build_outline(view), load_pack())
    assert ctx.sentences == reference_sentences(view.text)
