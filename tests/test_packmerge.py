"""Packs that extend packs: disable, override, extend_lists, own rules, header merging, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import PackError
from checker.pack.loader import load_pack
from checker.pack.merge import merge
from tests.conftest import check

RULE = """\
  - id: term.sample
    name: 示例
    kind: phrase
    severity: warning
    entries: [{match: '示例错词', suggestion: 示例正词}]
    message: “{match}”应为“{suggestion}”
    basis: 示例依据文件
    examples: {fire: ['出现示例错词。'], pass: ['出现示例正词。']}
"""


def make_pack(root: Path, name: str, header: str, rules: str = "") -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(f"pack: {name}\nname: 测试\nversion: '1'\n{header}", encoding="utf-8")
    if rules:
        (folder / "rules.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    return folder


def layer(header: dict[str, object], rules: list[dict[str, object]] | None = None,
          file: str = "p.yaml") -> dict[str, object]:
    return {"header": header, "rules": rules or [], "file": file}


def base_rule(**keys: object) -> dict[str, object]:
    rule: dict[str, object] = {"id": "term.a", "name": "甲", "kind": "phrase", "severity": "warning",
                               "message": "m", "basis": "依据依据依据", "_file": "base.yaml",
                               "entries": [{"match": "甲"}],
                               "examples": {"fire": ["甲"], "pass": ["乙"]}}
    rule.update(keys)
    return rule


def test_extends_by_name_inherits_every_rule_and_template(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "child", "extends: fazhi-annual\n", RULE)
    base, child = load_pack(), load_pack(str(folder))
    assert [r.id for r in child.rules] == [r.id for r in base.rules] + ["term.sample"]
    assert set(child.templates) == set(base.templates)
    assert child.id == "child" and child.name == "测试"
    assert "不是" not in (child.description or "")


def test_disable_override_and_extend_lists(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "child", (
        "extends: fazhi-annual\n"
        "disable: [text.approx-count]\n"
        "override:\n"
        "  term.fazhi-xuanchuan: {severity: error, weight: 2}\n"
        "  content.next-year: {min_chars: 400}\n"
        "extend_lists:\n"
        "  term.fazhi-zhengfu:\n"
        "    entries: [{match: '法制政府部门', suggestion: 法治政府部门}]\n"
        "    examples.fire: ['推进法制政府部门建设。']\n"))
    pack = load_pack(str(folder))
    ids = [r.id for r in pack.rules]
    assert "text.approx-count" not in ids
    relevelled = pack.rule("term.fazhi-xuanchuan")
    assert (relevelled.severity, relevelled.weight) == ("error", 2.0)
    assert "被" in relevelled.source and "改写" in relevelled.source
    assert pack.rule("content.next-year").get("min_chars") == 400
    extended = pack.rule("term.fazhi-zhengfu")
    assert len(extended.get("entries")) == 2 and len(extended.get("examples")["fire"]) == 2
    # The base pack, loaded in the same process, is untouched.
    assert len(load_pack().rule("term.fazhi-zhengfu").get("entries")) == 1
    result = check("示例县人民政府关于2024年度法治政府建设情况的报告\n加大法制宣传力度，培训45余次。",
                   pack=str(folder))
    found = {f.rule: f.severity for f in result.findings}
    assert found.get("term.fazhi-xuanchuan") == "error" and "text.approx-count" not in found


def test_a_chain_of_three_layers_and_relative_extends(tmp_path: Path) -> None:
    make_pack(tmp_path, "province", "extends: fazhi-annual\noverride:\n  term.fazhi-xuanchuan: {severity: info}\n",
              RULE)
    city = make_pack(tmp_path, "city", "extends: ../province\noverride:\n  term.sample: {severity: error}\n")
    pack = load_pack(str(city))
    assert pack.rule("term.sample").severity == "error"
    assert pack.rule("term.fazhi-xuanchuan").severity == "info"


def test_changing_the_base_pack_invalidates_the_cached_child(tmp_path: Path) -> None:
    base = make_pack(tmp_path, "base", "extends: fazhi-annual\n", RULE)
    child = make_pack(tmp_path, "child", "extends: ../base\n")
    assert load_pack(str(child)).rule("term.sample").severity == "warning"
    (base / "rules.yaml").write_text("rules:\n" + RULE.replace("severity: warning", "severity: info"),
                                     encoding="utf-8")
    from checker.pack.loader import _load_cached

    _load_cached.cache_clear()  # a new process; the on-disk cache must notice the base changed
    assert load_pack(str(child)).rule("term.sample").severity == "info"


@pytest.mark.parametrize(("header", "message"), [
    ("disable: [term.nope]\n", "键 disable：被扩展的规则包中没有规则 “term.nope”"),
    ("override:\n  term.nope: {severity: info}\n", "键 override：被扩展的规则包中没有规则 “term.nope”"),
    ("override:\n  term.fazhi-zhengfu: {kind: balance}\n", "不能改写规则的 kind"),
    ("override:\n  term.fazhi-zhengfu: {severity: fatal}\n", "键 override.term.fazhi-zhengfu.severity"),
    ("override:\n  term.fazhi-zhengfu: {colour: red}\n", "未知的键“colour”"),
    ("extend_lists:\n  term.fazhi-zhengfu: {suggestions: [x]}\n", "没有列表键 “suggestions”"),
    ("extend_lists:\n  term.fazhi-zhengfu: {entries: [{matches: x}]}\n",
     "键 extend_lists.term.fazhi-zhengfu.entries[1]"),
])
def test_bad_layers_name_the_file_and_key(tmp_path: Path, header: str, message: str) -> None:
    folder = make_pack(tmp_path, "child", "extends: fazhi-annual\n" + header)
    with pytest.raises(PackError) as caught:
        load_pack(str(folder), use_cache=False)
    assert message in str(caught.value)
    assert "pack.yaml" in str(caught.value)


def test_own_rule_with_a_base_id_is_refused(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "child", "extends: fazhi-annual\n",
                       RULE.replace("term.sample", "term.fazhi-zhengfu"))
    with pytest.raises(PackError, match="与被扩展的规则包重复（请用 override 改写）"):
        load_pack(str(folder), use_cache=False)


def test_missing_base_and_cycles(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "child", "extends: no-such-pack\n")
    with pytest.raises(PackError, match="键 extends：找不到规则包“no-such-pack”"):
        load_pack(str(folder), use_cache=False)
    make_pack(tmp_path, "a", "extends: ../b\n")
    cyclic = make_pack(tmp_path, "b", "extends: ../a\n")
    with pytest.raises(PackError, match="extends 形成循环"):
        load_pack(str(cyclic), use_cache=False)


def test_header_merges_scoring_deduction_and_sources() -> None:
    header, _ = merge([
        layer({"pack": "a", "scoring": {"element_points": 80, "deduction": {"error": 3, "warning": 1}},
               "sources": {"x": "甲"}}),
        layer({"pack": "b", "extends": "a", "override": {}, "scoring": {"deduction": {"error": 5}},
               "sources": {"y": "乙"}}),
    ])
    assert header["pack"] == "b"
    assert header["scoring"] == {"element_points": 80, "deduction": {"error": 5, "warning": 1}}
    assert header["sources"] == {"x": "甲", "y": "乙"}
    assert "extends" not in header and "override" not in header


def test_a_layer_cannot_change_its_own_rules() -> None:
    with pytest.raises(PackError, match=r"没有规则 “term\.a”"):
        merge([layer({"pack": "a", "disable": ["term.a"]}, [base_rule()])])


def test_merge_copies_what_it_appends() -> None:
    items = [{"match": "丙"}]
    _, rules = merge([layer({"pack": "a"}, [base_rule()]),
                      layer({"pack": "b", "extend_lists": {"term.a": {"entries": items}}})])
    rules[0]["entries"][-1]["match"] = "改"
    assert items == [{"match": "丙"}]


@pytest.mark.parametrize("tier", ["names", "requires", "skip_until"])
def test_a_substance_spec_naming_an_undefined_cue_set_names_the_rule_and_key(tmp_path: Path, tier: str) -> None:
    folder = make_pack(tmp_path, "child", "extends: fazhi-annual\n"
                       f"override:\n  content.first-responsible:\n    substance: {{{tier}: [no_such_set]}}\n")
    with pytest.raises(PackError) as caught:
        load_pack(str(folder), use_cache=False)
    assert f"键 substance.{tier}" in str(caught.value) and "no_such_set" in str(caught.value)
    assert "content.first-responsible" in str(caught.value)


def test_leaves_names_an_element_rule_with_headings(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "child", "extends: fazhi-annual\n"
                       "override:\n  content.shortcomings: {leaves: [content.causez]}\n")
    with pytest.raises(PackError, match=r"键 leaves：“content\.causez”不是规则包中的要素规则"):
        load_pack(str(folder), use_cache=False)
    # a layer that disables the causes leaves the shortcomings nothing to give up: no error
    disabled = make_pack(tmp_path, "quiet", "extends: fazhi-annual\ndisable: [content.causes]\n")
    assert "content.causes" not in [r.id for r in load_pack(str(disabled), use_cache=False).rules]
