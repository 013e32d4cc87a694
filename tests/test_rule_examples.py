"""Every rule's examples are its tests: ``fire`` examples must be reported, ``pass`` ones not.

The runner is :mod:`checker.ruletest`, the same one ``checker rules test`` uses.
"""

from __future__ import annotations

import pytest

from checker import ruletest
from checker.pack.loader import STABLE_FAMILIES, load_pack

PACK = load_pack()


@pytest.mark.parametrize("case", ruletest.cases(PACK), ids=lambda case: case.name)
def test_rule_example(case: ruletest.Case) -> None:
    outcome = ruletest.run_case(PACK, case)
    assert outcome.ok, f"{outcome.detail}: {case.text[:60]}"


def test_every_rule_has_both_kinds_of_example() -> None:
    assert ruletest.missing_examples(PACK) == []


def test_official_rules_use_stable_families() -> None:
    for rule in PACK.rules:
        assert rule.family in STABLE_FAMILIES, rule.id


def test_every_rule_cites_a_basis_and_a_chinese_message() -> None:
    for rule in PACK.rules:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.message), rule.id
        assert len(rule.basis) >= 6, rule.id
