"""Every rule's examples are its tests: ``fire`` examples must be reported, ``pass`` ones not."""

from __future__ import annotations

from typing import Any

import pytest

from checker.pack import STABLE_FAMILIES, load_pack
from tests.conftest import check

PACK = load_pack()


def _cases() -> list[Any]:
    cases = []
    for rule in PACK.rules:
        for expect in ("fire", "pass"):
            for index, example in enumerate(rule.get("examples", {}).get(expect, [])):
                spec = example if isinstance(example, dict) else {"text": example}
                cases.append(pytest.param(rule.id, expect, spec,
                                          id=f"{rule.id}-{expect}-{index + 1}"))
    return cases


@pytest.mark.parametrize(("rule_id", "expect", "example"), _cases())
def test_rule_example(rule_id: str, expect: str, example: dict[str, Any]) -> None:
    result = check(example["text"], year=example.get("year"), template=example.get("template"))
    fired = [f for f in result.findings if f.rule == rule_id]
    if expect == "fire":
        assert fired, f"{rule_id} should fire on: {example['text'][:60]}"
    else:
        assert not fired, f"{rule_id} should not fire: {[f.message for f in fired]}"


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in PACK.rules:
        examples = rule.get("examples", {})
        assert examples.get("fire") and examples.get("pass"), rule.id


def test_official_rules_use_stable_families() -> None:
    for rule in PACK.rules:
        assert rule.family in STABLE_FAMILIES, rule.id


def test_every_rule_cites_a_basis_and_a_chinese_message() -> None:
    for rule in PACK.rules:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.message), rule.id
        assert len(rule.basis) >= 6, rule.id
