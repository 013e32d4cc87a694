"""Plain word lists (--words, ``words:`` in .checker.yaml) give ``term.custom`` findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.errors import UsageError
from checker.gate import words

REPORT = """示例县人民政府
关于2024年度法治政府建设情况的报告
一、主要举措和成效
推进一网通办，建设智慧法治，开展严格执法行动，规范行政执法。
"""
LIST = """# 本县用语（办公室维护）
一网通办 → 一网通办理  # 本县统一说法
智慧法治=>数字法治

行政执法\t规范行政执法
"""


def custom(document: dict[str, object]) -> list[dict[str, object]]:
    report = document["reports"][0]  # type: ignore[index]
    return [f for f in report["findings"] if f["rule"] == "term.custom"]


def run_check(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "报告.txt"), "--no-cache", *args])
    return result.exit_code, result.output


def test_each_entry_gives_a_finding_with_its_suggestion_and_note(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "词表.txt").write_text(LIST, encoding="utf-8")
    code, output = run_check(tmp_path, "--words", str(tmp_path / "词表.txt"), "--format", "json")
    assert code in (0, 1)
    found = custom(json.loads(output))
    assert [(f["excerpt"], f["suggestion"], f["fix"]) for f in found] == [
        ("一网通办", "一网通办理", "一网通办理"), ("智慧法治", "数字法治", "数字法治")]
    assert found[0]["message"] == "“一网通办”应为“一网通办理”（本县统一说法）"
    assert found[0]["line"] == 4 and found[0]["column"] == 3
    # 规范行政执法 is the right form already written: its 行政执法 is not reported
    assert all(f["excerpt"] != "行政执法" for f in found)


def test_the_right_form_written_is_not_reported(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(REPORT.replace("一网通办", "一网通办理"), encoding="utf-8")
    (tmp_path / "词表.txt").write_text(LIST, encoding="utf-8")
    _, output = run_check(tmp_path, "--words", str(tmp_path / "词表.txt"), "--format", "json")
    assert [f["excerpt"] for f in custom(json.loads(output))] == ["智慧法治"]


def test_words_in_the_configuration_are_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "词表.txt").write_bytes(LIST.encode("gb18030"))
    (tmp_path / ".checker.yaml").write_text("words: lists/词表.txt\n", encoding="utf-8")
    _, output = run_check(tmp_path, "--format", "json")
    assert len(custom(json.loads(output))) == 2  # a GBK list (Notepad's ANSI) reads too


def test_bad_lines_are_reported_with_their_numbers(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "词表.txt").write_text("法制政府 → 法治政府\n没有箭头的一行\n空 → \n甲 → 乙 → 丙\n同 → 同\n"
                                      "法制政府 → 法治建设\n", encoding="utf-8")
    code, output = run_check(tmp_path, "--words", str(tmp_path / "词表.txt"))
    assert code == 2
    assert "词表" in output and "有 5 行写法不对" in output
    for expected in ("第2行：缺少箭头", "第3行：缺少正确写法", "第4行：一行只能写一对", "第5行：错误写法与正确写法相同",
                     "第6行：“法制政府”在第1行已有正确写法“法治政府”"):
        assert expected in output


def test_a_missing_list_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    code, output = run_check(tmp_path, "--words", str(tmp_path / "没有.txt"))
    assert code == 2 and "词表" in output and "文件不存在" in output


def test_entries_are_literal_text_not_patterns() -> None:
    parsed = words.parse("a.b(1) → ab1\n{年} → 年  # 括号{}照写\n", "词表.txt")
    rule = words.rule(parsed, "词表.txt")
    import regex

    first = rule.spec["entries"][0]["match"]
    assert regex.search(first, "a.b（1）") and not regex.search(first, "aXb(1)")  # widths folded, dots literal
    assert rule.spec["entries"][1]["message"].format(match="{年}", suggestion="年") == "“{年}”应为“年”（括号{}照写）"


def test_a_pack_with_its_own_term_custom_refuses_a_list(tmp_path: Path) -> None:
    from checker.pack.loader import load_pack

    pack = load_pack(None, use_cache=False)
    (tmp_path / "w.txt").write_text("甲 → 乙\n", encoding="utf-8")
    once = words.apply(pack, str(tmp_path / "w.txt"))
    assert once.rules[-1].id == "term.custom" and once.digest != pack.digest
    with pytest.raises(UsageError, match=r"已有规则 term\.custom"):
        words.apply(once, str(tmp_path / "w.txt"))
