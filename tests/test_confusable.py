"""The confusable kind and the word tables: one scan per table, context decides, sources are real.

Each table row's own fire/pass examples run in test_rule_examples; here the
mechanics: the context keys, a rule-level exception, year-bound rows, every
literal found at a position, a province extending a table, and the table's data
(sources known, right forms unique per context).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.kinds import confusable
from checker.model import Finding
from checker.pack.loader import load_pack
from tests.conftest import check

PACK = load_pack()
TABLE_RULES = [r for r in PACK.rules if r.kind == "confusable"]


def found(text: str, rule: str = "term.confusables", year: int | None = None) -> list[Finding]:
    return [f for f in check(text, year=year).findings if f.rule == rule]


def test_a_wrong_form_is_reported_with_its_one_right_form() -> None:
    [finding] = found("截止2024年底，全县共有执法人员300名。")
    assert finding.excerpt == "截止"
    assert finding.suggestion == "截至"
    assert "截至" in finding.message and "时间" in finding.message
    assert finding.line == 1 and finding.column == 1


def test_followed_by_decides() -> None:
    assert found("申报截止日期为3月1日，逾期不予受理。") == []
    assert [f.suggestion for f in found("截止目前，已整改23项。")] == ["截至"]


def test_preceded_by_decides() -> None:
    assert found("领导干部要关心部属的成长。") == []
    assert [f.suggestion for f in found("专题研究部属年度工作。")] == ["部署"]


def test_unless_covers_the_correct_phrase() -> None:
    assert found("既使权力运行更加规范，又使群众办事更加便捷。") == []
    assert [f.suggestion for f in found("既使遇到困难，也要依法办事。")] == ["即使"]
    assert found("始终一贯切实履行职责。") == []


def test_a_rule_level_exception_covers_every_row() -> None:
    text = "学习《关于培育法制观念的几点思考》，增强法制观念。"
    [finding] = found(text, "term.legal-terms")
    assert finding.column == text.rindex("法制观念") + 1


def test_year_bound_rows_need_the_stated_year() -> None:
    text = "为全县中小学配齐法制副校长。"
    assert found(text, "term.legal-terms", year=2023)
    assert found(text, "term.legal-terms", year=2020) == []
    assert found(text, "term.legal-terms", year=None) == []


def test_every_wrong_form_in_a_text_is_found() -> None:
    text = "认真布署工作，杜绝推委扯皮，再接再励，一如继往。"
    suggestions = [f.suggestion for f in check(text).findings if f.rule.startswith("term.")]
    assert sorted(suggestions) == sorted(["部署", "推诿", "再接再厉", "一如既往"])


def test_rows_sharing_a_literal_are_all_tried() -> None:
    # Two rows for 权利清单: one by what follows, one by what precedes.
    assert [f.suggestion for f in found("编制部门权利清单和责任清单。", "term.legal-terms")] == ["权力清单"]
    assert [f.suggestion for f in found("推行政府权利清单制度。", "term.legal-terms")] == ["权力清单"]
    assert found("编制职工权利清单。", "term.legal-terms") == []


def test_overlapping_literals_at_one_position() -> None:
    rows = [{"wrong": "截止", "right": "截至"}, {"wrong": "截止到", "right": "截至"}]
    scanner = confusable._scanner(tuple(sorted(w for r in rows for w in confusable.literals(r))))
    assert scanner.search("截止到年底").group() == "截止到"  # longest first; the kind tries both


def test_the_scan_is_one_pattern_per_table() -> None:
    for rule in TABLE_RULES:
        wrongs = tuple(sorted({w for row in rule.get("table") for w in confusable.literals(row)}))
        pattern = confusable._scanner(wrongs)
        assert pattern.pattern.count("|") == len(wrongs) - 1


@pytest.mark.parametrize("rule", TABLE_RULES, ids=lambda r: r.id)
def test_every_row_is_sourced_and_has_one_right_form(rule: object) -> None:
    table = rule.get("table")  # type: ignore[attr-defined]
    seen: set[tuple[str, str, str]] = set()
    for row in table:
        assert row.get("source") in PACK.sources, row["wrong"]
        assert row["right"] not in confusable.literals(row), row["wrong"]
        assert row["examples"]["fire"] and row["examples"]["pass"], row["wrong"]
        for wrong in confusable.literals(row):
            key = (wrong, row.get("preceded_by", ""), row.get("followed_by", ""))
            assert key not in seen, f"{wrong} listed twice with the same context"
            seen.add(key)


def test_the_tables_hold_about_a_hundred_pairs_or_more() -> None:
    sizes = {r.id: len(r.get("table")) for r in TABLE_RULES}
    assert sizes["term.confusables"] >= 100
    assert sum(sizes.values()) >= 150


def test_a_province_extends_a_table() -> None:
    province = load_pack("example-province")
    rule = province.rule("term.confusables")
    base = PACK.rule("term.confusables")
    assert len(rule.get("table")) > len(base.get("table"))
    result = check("全面落实河湖长治，加强河道管理。", pack="example-province")
    assert "term.confusables" in {f.rule for f in result.findings}
    assert "term.confusables" not in {f.rule for f in check("全面落实河湖长制。", pack="example-province").findings}


def test_a_broken_row_is_named_at_load(tmp_path: Path) -> None:
    from checker.errors import PackError

    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: bad\nname: 坏\nversion: '1'\nextends: fazhi-annual\n"
                                      "extend_lists:\n  term.confusables:\n    table:\n"
                                      "      - {wrong: 错字, reason: 没有正确写法}\n", encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(str(folder), use_cache=False)
    assert "term.confusables" in str(error.value)


def test_a_row_marked_fix_gives_its_right_form_as_the_fix(tmp_path: Path) -> None:
    folder = tmp_path / "fixing"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "pack: fixing\nname: 测试\nversion: '1'\nextends: fazhi-annual\n"
        "override:\n  term.confusables:\n    fix: suggestion\n", encoding="utf-8")
    [finding] = [f for f in check("截止目前，已整改23项。", pack=str(folder)).findings
                 if f.rule == "term.confusables"]
    assert finding.fix == "截至"
    [plain] = [f for f in check("截止目前，已整改23项。").findings if f.rule == "term.confusables"]
    assert plain.fix is None  # the national pack marks no row as safe to apply (yet)
