"""The pack's ``headings.title_ends``: the words a heading's title ends with, by which a heading
pasted onto the end of the paragraph before it is told (the words are data, not code)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from checker.engine import build_context
from checker.errors import PackError
from checker.pack.loader import load_pack
from checker.text.document import Document

GLUED = ("示例县人民政府关于2025年度法治政府建设情况的报告\n一、2025年度推进法治政府建设的主要举措和成效\n"
         "全年审核规范性文件31件，办理行政复议案件12件。二、党政主要负责人履行推进法治建设第一责任人职责情况\n"
         "县委书记、县长全年专题研究法治建设3次，带头述法2次。\n")


def _headings(pack_headings: dict[str, object] | None = None) -> list[str]:
    pack = load_pack()
    if pack_headings is not None:
        pack = dataclasses.replace(pack, headings=pack_headings)
    document = Document("<t>", GLUED)
    return [h.title for h in build_context(document, pack).outline.headings]


def test_the_packs_words_tell_a_heading_pasted_onto_the_paragraph_before() -> None:
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in _headings()


def test_without_the_words_no_pasted_heading_is_told() -> None:
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" not in _headings({})
    # a pack's own words: the title must end in one of them
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" not in _headings({"title_ends": ["打算"]})
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in _headings({"title_ends": ["职责情况"]})


def test_words_that_are_not_a_list_are_a_pack_error_naming_the_key(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "rules" / "fazhi-annual"
    pack_dir = tmp_path / "pack"
    shutil.copytree(source, pack_dir)
    header = pack_dir / "pack.yaml"
    text = header.read_text(encoding="utf-8")
    start = text.index("  title_ends: [")
    end = text.index("\n", start)
    header.write_text(text[:start] + "  title_ends: 情况" + text[end:], encoding="utf-8")
    with pytest.raises(PackError, match=r"pack\.yaml.*headings.*title_ends"):
        load_pack(str(pack_dir), use_cache=False)
