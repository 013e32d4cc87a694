"""A local office's word list: plain lines instead of YAML and regular expressions.

One entry a line, ``错误写法 → 正确写法  # 说明`` (the arrow may also be ``=>``,
``->`` or a tab; the note is optional); blank lines and lines starting with
``#`` are skipped. The list becomes one ``phrase`` rule, ``term.custom``, whose
findings carry the right form as suggestion and as a safe fix. A right form that
contains the wrong one (``执法 → 严格执法``) is not reported where the right
form is already written. Bad lines are reported together, each with its line
number, and nothing is checked until they are put right.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from checker.errors import ReadError, UsageError
from checker.pack.loader import Pack, Rule

RULE_ID = "term.custom"
ENTRY = regex.compile(r"^(?P<wrong>.+?)\s*(?:→|=>|->|\t)\s*(?P<right>.*?)\s*(?:[#＃]\s*(?P<note>.*?))?\s*$")
SEPARATOR = regex.compile(r"→|=>|->|\t")
MAX_SHOWN = 20


@dataclass(frozen=True)
class Word:
    wrong: str
    right: str
    note: str
    line: int


def load(path: str) -> tuple[Word, ...]:
    """The entries of the word list at ``path``; a UsageError listing every bad line."""
    from checker.readers.text import decode

    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        reason = "文件不存在" if isinstance(exc, FileNotFoundError) else f"无法读取（{exc.strerror or exc}）"
        raise UsageError(f"词表 {file}：{reason}") from None
    try:
        text = decode(data, str(file))[0] if data.strip() else ""
    except ReadError as exc:
        raise UsageError(f"词表 {file}：{exc.reason}") from None
    return parse(text, str(file))


def parse(text: str, source: str) -> tuple[Word, ...]:
    words: list[Word] = []
    problems: list[str] = []
    seen: dict[str, Word] = {}
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip(" \u3000\r")
        if not line.strip() or line.lstrip().startswith(("#", "＃")):
            continue
        problem, word = _entry(line, number)
        if word is not None and word.wrong in seen:
            first = seen[word.wrong]
            if first.right != word.right:
                problem = f"“{word.wrong}”在第{first.line}行已有正确写法“{first.right}”"
            word = None  # the same pair twice is harmless: the first one counts
        if problem:
            problems.append(f"第{number}行：{problem}：{raw.strip()}")
        elif word is not None:
            seen[word.wrong] = word
            words.append(word)
    if problems:
        shown = problems[:MAX_SHOWN]
        more = f"\n  ……另有 {len(problems) - MAX_SHOWN} 行" if len(problems) > MAX_SHOWN else ""
        raise UsageError(f"词表 {source} 有 {len(problems)} 行写法不对（每行应为“错误写法 → 正确写法  # 说明”，"
                         "箭头也可写成 => 或制表符）：\n  " + "\n  ".join(shown) + more)
    return tuple(words)


def _entry(line: str, number: int) -> tuple[str | None, Word | None]:
    if not SEPARATOR.search(line):
        return "缺少箭头 →", None
    match = ENTRY.match(line)
    if match is None:
        return "缺少错误写法", None
    wrong, right, note = match.group("wrong").strip(), match.group("right").strip(), match.group("note") or ""
    if not wrong:
        return "缺少错误写法", None
    if not right:
        return "缺少正确写法", None
    if SEPARATOR.search(right) or SEPARATOR.search(wrong):
        return "一行只能写一对（有多个箭头）", None
    if _matching(wrong) == _matching(right):
        return "错误写法与正确写法相同", None
    if not _matching(wrong):
        return "错误写法只有空白或符号", None
    return None, Word(wrong, right, note.strip(), number)


def _matching(text: str) -> str:
    """``text`` as the rules see it (the matching view: spaces next to Chinese dropped, widths folded)."""
    from checker.text.document import Document
    from checker.text.normalize import build_view

    return build_view(Document(path="<词表>", text=text)).text


def rule(words: tuple[Word, ...], source: str) -> Rule:
    """The ``term.custom`` rule: one entry per word, the right forms as ``unless``."""
    name = Path(source).name
    entries = []
    for word in words:
        note = f"（{word.note}）" if word.note else ""
        entries.append({
            "match": regex.escape(_matching(word.wrong)),
            "suggestion": word.right,
            # str.format runs on messages: braces in a note are literal.
            "message": "“{match}”应为“{suggestion}”" + note.replace("{", "{{").replace("}", "}}"),
            "note": f"{name} 第{word.line}行",
        })
    unless = sorted({regex.escape(_matching(w.right)) for w in words if _matching(w.wrong) in _matching(w.right)})
    message, basis = "“{match}”应为“{suggestion}”", f"本地词表（{name}）"
    spec: dict[str, Any] = {"id": RULE_ID, "name": "本地词表", "kind": "phrase", "severity": "warning",
                            "message": message, "basis": basis, "entries": entries, "fix": "suggestion"}
    if unless:
        spec["unless"] = unless
    return Rule(id=RULE_ID, name="本地词表", kind="phrase", severity="warning", weight=-1.0,
                message=message, basis=basis, spec=spec, source=str(source))


def apply(pack: Pack, path: str) -> Pack:
    """The pack with the word list's rule added (the pack itself is unchanged)."""
    words = load(path)
    if any(r.id == RULE_ID for r in pack.rules):
        raise UsageError(f"词表 {path}：规则包 {pack.id} 已有规则 {RULE_ID}，不能再用词表")
    if not words:
        return pack
    digest = hashlib.sha256(repr(words).encode("utf-8")).hexdigest()[:12]
    return dataclasses.replace(pack, rules=(*pack.rules, rule(words, path)),
                               digest=f"{pack.digest}+words-{digest}")
