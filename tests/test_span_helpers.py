"""The span helpers the kinds share: parts of spans outside others, and where a text's last mark is."""

from __future__ import annotations

import pytest

from checker.text.spans import after_last, subtract


@pytest.mark.parametrize(("spans", "holes", "expected"), [
    ([(0, 10)], [], [(0, 10)]),
    ([(0, 10)], [(2, 4), (6, 8)], [(0, 2), (4, 6), (8, 10)]),
    ([(0, 10)], [(0, 3), (2, 5)], [(5, 10)]),          # overlapping holes, one at the start
    ([(0, 10)], [(8, 12)], [(0, 8)]),                  # a hole past the end
    ([(0, 10)], [(0, 10)], []),                        # all of it
    ([(5, 9), (0, 3)], [(1, 2), (6, 7)], [(0, 1), (2, 3), (5, 6), (7, 9)]),  # several spans, any order
    ([(0, 4)], [(4, 6)], [(0, 4)]),                    # half-open: touching is not inside
])
def test_subtract_keeps_what_no_hole_covers(spans: list[tuple[int, int]], holes: list[tuple[int, int]],
                                            expected: list[tuple[int, int]]) -> None:
    assert subtract(spans, holes) == expected


def test_after_last_is_the_start_after_the_last_mark_within_the_stretch() -> None:
    text = "甲，乙。丙，丁"
    assert after_last(text, "，。", 0, len(text)) == 6   # after the second ，
    assert after_last(text, "。", 0, len(text)) == 4
    assert after_last(text, "，。", 0, 1) == 0            # none before: the stretch's start
    assert after_last(text, "，", 3, 5) == 3              # marks outside the stretch do not count
