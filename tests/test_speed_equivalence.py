"""Speed-ups that must not change a result: each faster path against the plain one it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.gate import fingerprint
from checker.text.markers import HEADING_START
from checker.text.normalize import fold_char

# Characters fold_char treats specially (full-width letters and digits, radicals, compatibility
# ideographs, odd spaces) among ordinary Chinese and ASCII text.
FOLDED_ALPHABET = st.sampled_from(
    [chr(c) for c in [*range(0x20, 0x7F), *range(0xFF01, 0xFF5F), *range(0x2F00, 0x2F10), *range(0xF900, 0xF910),
                      0x3000, 0xA0, 0x09, 0x2002, 0x2003, 0x200B, 0xFEFF]] + list("法治政府建设一二三（）、。…"))


@settings(max_examples=300)
@given(st.text(alphabet=FOLDED_ALPHABET, max_size=40))
def test_fingerprint_normalisation_folds_as_one_call_per_character_did(text: str) -> None:
    plain = "".join(fold_char(ch) for ch in text)
    expected = HEADING_START.sub("", fingerprint.IGNORED.sub("", plain), count=1)
    assert fingerprint.normalise(text) == expected


HAN_AND_OTHERS = st.text(alphabet=st.sampled_from([*"法治政府建设一二三，。：；、（）ab12 \n", "\u3400", "\uf900"]),
                         max_size=40)


@settings(max_examples=300)
@given(HAN_AND_OTHERS, st.integers(0, 40), st.integers(0, 40))
def test_enough_chinese_is_found_as_counting_them_all_did(text: str, start: int, end: int) -> None:
    from checker.audit import features
    from checker.text import substance

    few = len(substance.HAN.findall(text, start, end)) < substance.MIN_SENTENCE_HAN
    assert (substance.ENOUGH_HAN.search(text, start, end) is None) == few
    few_items = len(features.HAN.findall(text, start, end)) < features.MIN_ITEM_HAN
    assert (features.ENOUGH_HAN.search(text, start, end) is None) == few_items


def _fold_line_per_character(line: str, start: int) -> list[tuple[str, int]]:
    """normalize._fold_line as it was: fold_char per character, then every character visited."""
    from checker.text.normalize import ASCII_TO_FULL, is_cjk_punct, is_han

    chars = [(fold_char(ch), start + i) for i, ch in enumerate(line)]
    for i, (ch, off) in enumerate(chars):
        if ch in ASCII_TO_FULL:
            prev = chars[i - 1][0] if i else ""
            nxt = chars[i + 1][0] if i + 1 < len(chars) else ""
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                continue
            if any(c and (is_han(c) or is_cjk_punct(c)) for c in (prev, nxt)) or ch in "()":
                chars[i] = (ASCII_TO_FULL[ch], off)
    return chars


LINE_ALPHABET = st.sampled_from([*",;:()!?.%１２３４５ａＡ％．", *"法治，。（）1234 ab", "\u3000", "\u2f00", "\uf900"])


@settings(max_examples=500)
@given(st.text(alphabet=LINE_ALPHABET, max_size=30), st.integers(0, 1000))
def test_a_line_folds_as_it_did_character_by_character(line: str, start: int) -> None:
    from checker.text.normalize import _fold_line

    assert _fold_line(line, start) == _fold_line_per_character(line, start)
