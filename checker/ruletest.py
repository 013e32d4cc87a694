"""Running a pack's rule examples: each ``fire`` example must be reported, each ``pass`` must not.

Shared by ``checker rules test PATH`` and tests/test_rule_examples.py, so that a
pack author and the project's test suite judge examples the same way. An
example is checked as a whole report (plain text) against the pack, with the
example's ``year`` and ``template`` if it gives them. Besides the rule's own
examples, each entry of a ``phrase`` rule and each row of a ``confusable`` table
may carry examples; a row's ``fire`` example must be reported with that row's
right form as the suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.pack.loader import Pack
from checker.text.document import Document


@dataclass(frozen=True)
class Case:
    rule: str
    expect: str  # "fire" or "pass"
    index: int
    text: str
    year: int | None = None
    template: str | None = None
    note: str = ""
    entry: str = ""  # the entry or table row the example belongs to ("" for the rule's own)
    right: str | None = None  # a table row's right form: the suggestion a fire example must carry

    @property
    def name(self) -> str:
        where = f"[{self.entry}]" if self.entry else ""
        return f"{self.rule}{where}-{self.expect}-{self.index}"


@dataclass(frozen=True)
class Outcome:
    case: Case
    ok: bool
    detail: str


def cases(pack: Pack) -> list[Case]:
    out: list[Case] = []
    for rule in pack.rules:
        out += _cases(rule.id, rule.get("examples", {}) or {})
        for entry in rule.get("entries", []) or []:
            out += _cases(rule.id, entry.get("examples") or {}, entry["match"])
        for row in rule.get("table", []) or []:
            wrong = row["wrong"] if isinstance(row["wrong"], str) else "、".join(row["wrong"])
            out += _cases(rule.id, row.get("examples") or {}, wrong, row["right"])
    return out


def _cases(rule_id: str, examples: dict[str, Any], entry: str = "",
           right: str | None = None) -> list[Case]:
    out: list[Case] = []
    for expect in ("fire", "pass"):
        for index, example in enumerate(examples.get(expect, []), start=1):
            spec: dict[str, Any] = example if isinstance(example, dict) else {"text": example}
            out.append(Case(rule_id, expect, index, spec["text"], spec.get("year"),
                            spec.get("template"), spec.get("note", ""), entry, right))
    return out


def run_case(pack: Pack, case: Case) -> Outcome:
    from checker.engine import Options, check_document

    document = Document(path="<example>", text=case.text.strip("\n"), format="txt")
    result = check_document(document, pack, Options(template=case.template, year=case.year))
    fired = [f for f in result.findings if f.rule == case.rule]
    if case.expect == "fire":
        own = [f for f in fired if case.right is None or f.suggestion == case.right]
        if own:
            return Outcome(case, True, own[0].message)
        if fired:
            return Outcome(case, False, f"应按“{case.entry}”报告，但报告的是：{fired[0].message}")
        why = "；".join(result.warnings) or "没有报告"
        return Outcome(case, False, f"应报告 {case.rule}，但{why}")
    if fired:
        return Outcome(case, False, f"不应报告 {case.rule}，但报告了：{fired[0].message}")
    return Outcome(case, True, "")


def run_all(pack: Pack) -> list[Outcome]:
    return [run_case(pack, case) for case in cases(pack)]


def missing_examples(pack: Pack) -> list[str]:
    """Rules without both kinds of example (the schema requires them; a merged pack may not)."""
    return [r.id for r in pack.rules
            if not (r.get("examples", {}) or {}).get("fire") or not (r.get("examples", {}) or {}).get("pass")]


def summary_text(pack: Pack, outcomes: list[Outcome], verbose: bool = False) -> str:
    """Per rule: ✔ when all its examples behave, ✘ with each failing example otherwise."""
    lines = [f"规则包 {pack.id} {pack.version}：{len(pack.rules)} 条规则，{len(outcomes)} 个示例", ""]
    by_rule: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_rule.setdefault(outcome.case.rule, []).append(outcome)
    for rule in pack.rules:
        results = by_rule.get(rule.id, [])
        failed = [o for o in results if not o.ok]
        mark = "✘" if failed else "✔"
        lines.append(f"{mark} {rule.id:<32} {len(results) - len(failed)}/{len(results)} 个示例通过")
        for outcome in failed if not verbose else results:
            label = "应报告" if outcome.case.expect == "fire" else "不应报告"
            where = f"（{outcome.case.entry}）" if outcome.case.entry else ""
            first = outcome.case.text.strip().splitlines()[0]
            lines.append(f"    {'✔' if outcome.ok else '✘'} {label}示例{where} {outcome.case.index}："
                         f"{first[:40]}")
            if not outcome.ok:
                lines.append(f"      {outcome.detail}")
    for rule_id in missing_examples(pack):
        lines.append(f"✘ {rule_id}：缺少应报告或不应报告的示例")
    failed_count = sum(1 for o in outcomes if not o.ok)
    lines.append("")
    lines.append(f"失败 {failed_count} 个示例" if failed_count else "全部示例通过")
    return "\n".join(lines) + "\n"
