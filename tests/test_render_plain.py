"""The terminal report is written without rich, and is byte for byte rich's, with colour or without.

Every test compares the plain writer's output with rich's for the same document (rich is
installed with the tool); a case the plain writer does not take must fall back to rich, and
the ordinary reports must take the plain path, or the speed-up would be silently lost.
"""

from __future__ import annotations

import copy
import itertools
import random
from typing import Any

import pytest

from checker.commands import runner
from checker.render import RenderOptions, markup, plain, terminal
from checker.render.markup import Unsupported
from checker.render.safe import cleaned
from checker.render.wrap import _width, keep, wrap, wrap_plain
from tests.conftest import EXAMPLES
from tests.synthetic import Generator

WIDTHS = (40, 41, 57, 80, 100, 137, 200)
HOSTILE = ["[red]红[/red]", "[/]", "[bold", "结尾\\", "\\[b]", "a\\\\[i]b[/i]", "C:\\[1]", ":smile:",
           "10:30:00", "制表\t符", "😀表情", "e\u0301", "全角　空格", "不换行\u00a0空格", "[@click]x[/]",
           "很长" * 80, "x" * 150, "第一行\n第二行", "\u202e反向", "\x1b[31m", "[link=http://a]b[/link]"]


def _rich(document: dict[str, Any], options: RenderOptions) -> str:
    writer = terminal.RichWriter(options)
    terminal._write(writer, cleaned(document, markup.escape), options)
    return writer.getvalue()


def _plain(document: dict[str, Any], options: RenderOptions) -> str:
    writer = plain.PlainWriter(options.width, options.color)
    terminal._write(writer, cleaned(document, markup.escape), options)
    return writer.getvalue()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("reports")
    generator = Generator(17)
    paths = [str(EXAMPLES / "gov-report-2024.txt")]
    for k in range(4):
        place = generator.place()
        path = folder / f"报告{k}.txt"
        path.write_text(generator.report(generator.issuer(place), place, 2023 + k % 2), encoding="utf-8")
        paths.append(str(path))
    (folder / "坏.txt").write_bytes(b"\xff\xfe\x00")
    short = folder / "短.txt"
    short.write_text("关于2024年度法治政府建设情况的报告\n\n一、主要举措\n\n开展培训。\n", encoding="utf-8")
    one = [runner.check_files([p])[0] for p in paths]
    batch = runner.check_files([*paths[:3], str(folder / "坏.txt"), str(short)])[0]
    return [*one, batch]


def _hostile(document: dict[str, Any], text: str) -> dict[str, Any]:
    """The document with ``text`` in its file name, messages, notes, names and passages."""
    spoiled = copy.deepcopy(document)
    for report in spoiled["reports"]:
        report["path"] = f"{text}/{report['path']}"
        for element in report.get("elements", [])[:3]:
            element["name"] = f"{element['name']}{text[:8]}"
            element["note"] = f"{text}{element['note']}"
            for evidence in element.get("evidence") or []:
                evidence["text"] = f"{evidence['text']}{text}"
        for finding in report.get("findings", [])[:4]:
            finding["message"] = f"{finding['message']}{text}"
            if finding.get("suggestion"):
                finding["suggestion"] = f"{text}{finding['suggestion']}"
        report.setdefault("warnings", []).append(text)
    return spoiled


def test_reports_take_the_plain_path_and_print_what_rich_prints(documents: list[dict[str, Any]]) -> None:
    for document in documents:
        for width, verbose, color in itertools.product(WIDTHS, (False, True), (False, True)):
            options = RenderOptions(color=color, width=width, verbose=verbose)
            expected = _rich(document, options)
            assert terminal.render(document, options) == expected, (width, verbose, color)
            if width >= 80:  # narrower, the elements' table may not fit: rich narrows it
                assert _plain(document, options) == expected, (width, verbose, color)


def test_hostile_text_prints_what_rich_prints_through_whichever_path(documents: list[dict[str, Any]]) -> None:
    taken = 0
    for text in HOSTILE:
        for document in (documents[0], documents[-1]):
            spoiled = _hostile(document, text)
            for width, color in itertools.product(WIDTHS, (False, True)):
                options = RenderOptions(color=color, width=width)
                expected = _rich(spoiled, options)
                assert terminal.render(spoiled, options) == expected, (text, width)
                try:
                    assert _plain(spoiled, options) == expected, (text, width)
                    taken += 1
                except Unsupported:
                    pass
    assert taken > len(HOSTILE) * 8  # most hostile text is still printed by the plain writer


def test_the_cases_the_plain_writer_leaves_to_rich(documents: list[dict[str, Any]]) -> None:
    for text in (":smile:", "制表\t符", "😀"):
        with pytest.raises(Unsupported):
            _plain(_hostile(documents[0], text), RenderOptions(width=100))
    with pytest.raises(Unsupported):  # the elements' table does not fit 40 columns
        _plain(documents[0], RenderOptions(width=40))


def test_colour_codes_are_rich_s(documents: list[dict[str, Any]]) -> None:
    options = RenderOptions(color=True, width=100)
    coloured = _plain(documents[0], options)
    assert "\x1b[1m" in coloured and "\x1b[92m" in coloured and coloured == _rich(documents[0], options)
    with pytest.raises(Unsupported):  # a style the plain writer has no codes for is left to rich
        plain.PlainWriter(100, True).line("[magenta]品红[/magenta]")
    with pytest.raises(Unsupported):  # and so are overlapping styles
        plain.PlainWriter(100, True).line("[bold]粗[dim]暗[/dim][/bold]")


def test_the_known_widths_are_rich_s_widths() -> None:
    from rich.cells import cell_len

    for low, high in plain._SAFE_RANGES:
        for code in range(low, high + 1):
            assert cell_len(chr(code)) == _width(chr(code)), hex(code)


def test_escape_and_plain_read_markup_as_rich_does() -> None:
    from rich.markup import escape, render

    rng = random.Random(17)
    alphabet = ["[", "]", "\\", "/", "a", "b", "@", "#", "=", " ", "中", "\n", "[b]", "[/b]", "[/]"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert markup.escape(text) == escape(text), text
        for written in (text, f"[dim]{markup.escape(text)}[/dim]x"):  # as given, and as the renderer does
            try:
                expected = render(written, emoji=False).plain
            except Exception:  # rich refuses it (a closing tag that closes nothing): so must plain
                with pytest.raises(Unsupported):
                    markup.plain(written)
                continue
            try:
                assert markup.plain(written) == expected, written
            except Unsupported:
                assert "[/" in written or "[@" in written  # only closing or handler tags are left to rich


def test_wrap_plain_is_the_text_of_rich_wrap() -> None:
    from rich.text import Text

    rng = random.Random(3)
    pieces = ["审核", "规范性文件。", "97.48%", " ", "  ", "\n", "（一）", "\u00a0", "--verbose", "“引号”",
              keep("约数用法\u00a0-1（1\u00a0处）"), "\r", "。", "x" * 30]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        width, indent = rng.randint(10, 60), rng.choice((0, 2, 6))
        assert wrap_plain(text, width, indent) == wrap(Text(text), width, indent).plain, (text, width)


def test_a_dumb_terminal_is_left_to_rich(documents: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")  # rich then lays a coloured report out at 80 columns
    for color in (False, True):
        options = RenderOptions(color=color, width=100)
        assert terminal.render(documents[0], options) == _rich(documents[0], options)


def test_the_score_line_adds_up_as_printed() -> None:
    # each part rounded on its own (the cap taken from the unrounded sum) printed 59.2 + 10.0 −9.2 =
    # 59.9: the cap is what the shown parts leave
    import re

    report = {"score": 59.9, "score_breakdown": [
        {"item": "content.a", "label": "甲", "points": 29.14, "max": 42.5},
        {"item": "content.b", "label": "乙", "points": 30.04, "max": 42.5},
        {"item": "findings", "label": "规范性", "points": 10.0, "max": 15},
        {"item": "cap", "label": "等级封顶", "points": -9.24, "max": 0}]}
    writer = plain.PlainWriter(100, False)
    terminal._score(writer, report, {})
    line = writer.getvalue().splitlines()[0]
    earned, kept, cap, total = (float(x) for x in re.findall(
        r"要素 ([\d.]+) / \d+ \+ 规范性 ([\d.]+) / \d+ (-[\d.]+)（等级封顶） = ([\d.]+)", line)[0])
    assert round(earned + kept + cap, 1) == total
