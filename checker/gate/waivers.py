"""Waiver files: findings accepted on purpose, for any report format (.docx and .pdf too).

A waiver file is YAML validated by ``checker/schemas/waivers.schema.json``::

    waivers:
      - rule: term.fazhi-xuanchuan        # a rule id or a family (term)
        passage: 加大法制宣传力度            # text of the passage, or:
        # fingerprint: 3f2a9c0d1e4b5a67   # the finding's fingerprint (--format json)
        file: 报告/2024年度报告.docx         # optional: only this report (path or glob)
        reason: 引用的是2013年文件的原标题
        who: 张三（法制科）
        until: 2025-06-30                 # optional: after this day the waiver lapses

An expired waiver no longer suppresses; it and any waiver that matched nothing
are reported as warnings.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.gate.fingerprint import normalise
from checker.gate.scopes import covers
from checker.model import Finding


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    who: str
    source: str
    fingerprint: str | None = None
    passage: str | None = None
    file: str | None = None
    base: str = "."
    until: date | None = None

    def applies_to(self, report_path: str) -> bool:
        if not self.file:
            return True
        if any(ch in self.file for ch in "*?["):
            try:
                relative = Path(report_path).resolve().relative_to(Path(self.base).resolve())
            except ValueError:
                return False
            return fnmatch.fnmatch(relative.as_posix(), self.file)
        return (Path(self.base) / self.file).resolve() == Path(report_path).resolve()

    def matches(self, finding: Finding, finding_passage: str) -> bool:
        if not covers(self.rule, finding.rule):
            return False
        if self.fingerprint:
            return finding.fingerprint == self.fingerprint
        wanted = normalise(self.passage or "")
        if not wanted:
            return False
        texts = (finding_passage, finding.excerpt or "", finding.context or "", finding.message)
        return any(wanted in normalise(text) for text in texts)

    def expired(self, today: date) -> bool:
        return self.until is not None and today > self.until

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "external", "justification": self.reason, "who": self.who,
                               "source": self.source}
        if self.until:
            out["until"] = self.until.isoformat()
        return out


def load(path: str) -> tuple[Waiver, ...]:
    """Read and validate a waiver file; errors name the file, the line and the key."""
    from checker.gate import config_files

    file = Path(path)
    data = config_files.read_yaml(file, "豁免文件")
    config_files.validate(data, "waivers", file)
    waivers: list[Waiver] = []
    for index, item in enumerate(data.get("waivers") or []):
        line = config_files.line_of(file, ["waivers", index])
        if ("fingerprint" in item) == ("passage" in item):
            raise UsageError(f"{file}:{line}：第{index + 1}条豁免：应写 fingerprint 或 passage 之一（只写一个）")
        waivers.append(Waiver(
            rule=item["rule"],
            reason=item["reason"],
            who=item["who"],
            source=f"{file}:{line}" if line else str(file),
            fingerprint=item.get("fingerprint"),
            passage=item.get("passage"),
            file=item.get("file"),
            base=str(file.parent),
            until=_date(item.get("until"), file, line),
        ))
    return tuple(waivers)


def _date(value: Any, file: Path, line: int | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{file}:{line}：键 until：“{value}”不是日期（应写作 2025-06-30）") from None
