"""A content cut out of a report, or written in stock words only, is never judged present.

For every reviewed and style report (written here), each content the template found a section
of its own for (measures, shortcomings, duty, plan) is cut out with its heading and body, or its
body replaced by stock wording, and the report checked again: the content must now be weak or
missing. A "present" here would be the worst error a drafter can meet, a section that is not
there, or says nothing, reported as there (a plan judged by the problems' figures under
三、存在的问题和下一步打算 was one; national labels in quotes and 满意度100% made stock measures,
duty and plan "present").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine import Options, check_document_with_context
from checker.pack.loader import Pack, load_pack
from checker.readers import read_path
from checker.text.document import Document
from checker.text.outline import Section

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = sorted([*FIXTURES.glob("reviewed/r*.txt"), *FIXTURES.glob("reviewed/r*.md"),
                  *FIXTURES.glob("styles/*.txt"), *FIXTURES.glob("styles/*.md")])
CONTENTS = {"measures": "content.measures", "shortcomings": "content.shortcomings",
            "first-responsible": "content.first-responsible", "next-year": "content.next-year"}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def own_sections(path: Path, pack: Pack) -> tuple[str, list[tuple[str, str, list[Section]]], bool]:
    """The report's matching text, each content with the sections of its own that carry it (a
    content in a paragraph or in the whole text has none to change), and whether it has headings."""
    _, ctx = check_document_with_context(read_path(str(path)), pack, Options())
    owned = [(section_id, element_id, ctx.assignment.get(section_id) or [])
             for section_id, element_id in CONTENTS.items()]
    return ctx.view.text, [(a, b, sections) for a, b, sections in owned
                           if sections and all(section.heading is not None for section in sections)], \
        bool(ctx.outline.headings)


def status_of(path: Path, text: str, element_id: str, pack: Pack) -> str:
    result, _ = check_document_with_context(Document(str(path), text), pack, Options())
    return next(e.status for e in result.elements if e.id == element_id)


def test_there_are_reports_to_cut() -> None:
    assert len(REPORTS) >= 40


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_a_content_cut_out_is_no_longer_present(path: Path, pack: Pack) -> None:
    text, owned, headed = own_sections(path, pack)
    for _, element_id, sections in owned:
        cut = text
        for start, end in sorted({(s.start, s.end) for s in sections}, reverse=True):
            cut = cut[:start] + cut[end:]
        assert status_of(path, cut, element_id, pack) != "present", \
            f"{path.name}: {element_id} present with its sections cut out"
    assert owned or not headed, f"{path.name}: no section was cut"


# Stock wording for each content, in two registers: plain slogans, and slogans dressed as facts
# (national labels in quotes, a perfect score no one counted, 多次 for a count).
STOCK = {
    "measures": (
        "一年来，我们坚持以习近平法治思想为指导，全面贯彻落实上级决策部署，统筹推进依法行政各项工作。坚持高位推动，"
        "强化组织领导，压紧压实工作责任，确保各项任务落地见效。深入推进严格规范公正文明执法，执法质量和水平不断提升。"
        "自觉接受各方面监督，行政权力运行更加规范。深入开展法治宣传教育，全社会法治意识明显增强。",
        "一年来，我们坚持把法治政府建设作为“一把手”工程，全面落实“三项制度”，深入推进“放管服”改革，实现了政务服务"
        "“一网通办”“最多跑一次”。多次召开专题会议研究部署法治政府建设工作，先后出台了一系列制度文件。坚持“谁执法谁普法”，"
        "开展普法宣传“八进”活动，群众满意度达到100%。着力打造“枫桥式”司法所，矛盾纠纷化解率100%，实现了"
        "“小事不出村、大事不出镇、矛盾不上交”。"),
    "shortcomings": (
        "一是法治政府建设推进还不够平衡，部分单位重视程度不够。二是依法行政能力和水平有待进一步提升。"
        "三是法治宣传教育的针对性和实效性还需增强。",
        "一是个别单位对法治政府建设的重要性认识不足，存在“重业务、轻法治”现象。二是部分执法人员能力素质与新形势新任务"
        "新要求还不相适应，“三项制度”落实还不够到位。三是普法工作“上热中温下冷”，覆盖面还不够广。"),
    "first-responsible": (
        "主要负责同志认真履行推进法治建设第一责任人职责，始终把法治政府建设摆在全局工作的重要位置，对法治建设重要工作"
        "亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，带头尊法学法守法用法。",
        "主要负责同志坚决扛起推进法治建设第一责任人职责，严格落实“四个亲自”要求，多次主持召开会议研究法治政府建设工作，"
        "带头尊法学法守法用法，带头依法决策，坚持把法治建设纳入“一把手”工程，做到与经济社会发展同部署、同推进、同督促、"
        "同考核、同奖惩。"),
    "next-year": (
        "下一步，我们将坚持以习近平法治思想为指导，持续深化法治政府建设，不断提高依法行政水平，进一步加强组织领导，"
        "压实工作责任，推动法治政府建设再上新台阶。",
        "下一步，我们将紧紧围绕“十五五”开局，一是持续深化“放管服”改革，二是全面落实“三项制度”，三是深入开展“九五”普法，"
        "四是加快推进数字法治政府建设，五是健全“大调解”工作格局，确保各项工作取得实效，推动法治政府建设走在全市前列。"),
}


@pytest.mark.parametrize("register", [0, 1], ids=["slogans", "slogans dressed as facts"])
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_a_content_in_stock_words_is_not_present(path: Path, register: int, pack: Pack) -> None:
    text, owned, _ = own_sections(path, pack)
    for section_id, element_id, sections in owned:
        # every body emptied, the stock wording under the first heading
        bodies = sorted({(s.heading.body_start if s.heading else s.start, s.end) for s in sections})
        changed = text
        for k, (start, end) in reversed(list(enumerate(bodies))):
            stock = STOCK[section_id][register] if k == 0 else ""
            changed = changed[:start] + "\n" + stock + "\n" + changed[max(start, end):]
        assert status_of(path, changed, element_id, pack) != "present", \
            f"{path.name}: {element_id} present in stock words only"
