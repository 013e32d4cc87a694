"""Suppressions, applied in one step after the rules ran and before the score and the gate.

Three sources, in this order (the first that matches a finding wins):

* **in-source directives** in a text or Markdown report, each on a line of its own::

      <!-- checker-disable term.fazhi-xuanchuan, text -- 引用的是文件原名 -->
      …
      <!-- checker-enable -->
      <!-- checker-disable-next-line punct -->

  A rule id may be a family (``term`` covers ``term.*``); no id means every rule;
  ``-- reason`` is the justification. The directive lines are not report content
  (the matching view leaves them out, see :mod:`checker.text.normalize`).
* **waivers** (:mod:`checker.gate.waivers`): rule + fingerprint or passage text, with a
  reason, who granted it and until when; for any format.
* a **baseline** (:mod:`checker.gate.baseline`): findings known when it was written.

A suppressed finding stays in the result with ``suppressed`` and a
``suppression`` record (kind ``inSource``, ``external`` or ``baseline``); it does
not count toward the gate or the score. Directives naming an unknown rule and
directives or waivers that suppress nothing come back as report warnings, as do
expired waivers (whose findings then count again).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from checker.gate.fingerprint import fingerprint, passage
from checker.gate.scopes import Scope, covers, directive_scopes
from checker.model import Finding, Record
from checker.text.document import Document

if TYPE_CHECKING:
    from checker.gate.baseline import Baseline
    from checker.gate.waivers import Waiver

@dataclass(init=False, repr=False, eq=False)  # the methods come from Record (start-up time)
class Policy(Record):
    """Run-wide suppression sources. ``used`` collects the waivers that matched a finding."""

    waivers: tuple[Waiver, ...] = ()
    baseline: Baseline | None = None
    today: date = field(default_factory=date.today)
    used: set[int] = field(default_factory=set)
    reported: set[int] = field(default_factory=set)

    def __init__(self, waivers: tuple[Waiver, ...] = (), baseline: Baseline | None = None,
                 today: date | None = None, used: set[int] | None = None,
                 reported: set[int] | None = None) -> None:
        self.waivers, self.baseline = waivers, baseline
        self.today = date.today() if today is None else today
        self.used = set() if used is None else used
        self.reported = set() if reported is None else reported


def apply(document: Document, findings: list[Finding], rule_ids: AbstractSet[str],
          policy: Policy | None = None) -> tuple[list[Finding], list[str]]:
    """Fingerprint every finding and mark the suppressed ones; return them and any warnings."""
    warnings: list[str] = []
    stamped = [dataclasses.replace(f, fingerprint=fingerprint(f)) for f in findings]
    scopes = directive_scopes(document, rule_ids, warnings)
    out = [_in_source(f, scopes, document.path) for f in stamped]
    for scope in scopes:
        if not scope.used and scope.verb != "enable":
            ids = "、".join(scope.rules) or "全部规则"
            warnings.append(f"第{scope.line}行的 checker-{scope.verb} 指令（{ids}）没有抑制任何问题")
    if policy is not None:
        out = _waive(document.path, out, policy, warnings)
        if policy.baseline is not None:
            out = policy.baseline.mark(document.path, out)
            gone = policy.baseline.gone(document.path, out)
            if gone:
                warnings.append(f"基线中有 {gone} 个问题已不再出现（可用 checker baseline 更新基线）")
    return out, warnings


def _in_source(finding: Finding, scopes: list[Scope], path: str) -> Finding:
    if finding.line is None:
        return finding
    index = finding.line - 1
    for scope in scopes:
        if scope.first <= index <= scope.last and (
                not scope.rules or any(covers(r, finding.rule) for r in scope.rules)):
            scope.used = True
            return _suppressed(finding, {
                "kind": "inSource",
                "justification": scope.reason or f"报告中的 checker-{scope.verb} 指令",
                "source": f"{path}:{scope.line}",
            })
    return finding


def _waive(path: str, findings: list[Finding], policy: Policy, warnings: list[str]) -> list[Finding]:
    out: list[Finding] = []
    for finding in findings:
        for index, waiver in enumerate(policy.waivers):
            if not waiver.applies_to(path) or not waiver.matches(finding, passage(finding)):
                continue
            policy.used.add(index)
            if waiver.expired(policy.today):
                if index not in policy.reported:
                    policy.reported.add(index)
                    warnings.append(f"豁免已于 {waiver.until} 到期，相应问题重新计入（{waiver.source}）")
                continue
            if not finding.suppressed:
                finding = _suppressed(finding, waiver.record())
        out.append(finding)
    return out


def _suppressed(finding: Finding, record: dict[str, Any]) -> Finding:
    return dataclasses.replace(finding, suppressed=True, suppression=record)


def unused_waivers(policy: Policy) -> list[str]:
    """Warnings for the waivers of a run that matched no finding in any report."""
    notes: list[str] = []
    for index, waiver in enumerate(policy.waivers):
        if index in policy.used:
            continue
        state = f"已于 {waiver.until} 到期，且" if waiver.expired(policy.today) else ""
        notes.append(f"豁免{state}没有匹配任何问题：{waiver.rule}（{waiver.source}）")
    return notes
