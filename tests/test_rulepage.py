"""checker rules show: what a rule reports and lets pass, its examples by their own lines."""

from __future__ import annotations

from click.testing import CliRunner

from checker.commands.cli import main


def _show(rule_id: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["rules", "show", rule_id])
    return result.exit_code, result.output


def test_a_phrase_rule_lists_what_it_reports_and_what_it_lets_pass() -> None:
    code, out = _show("term.fazhi-zhengfu")
    assert code == 0
    assert "类型：用语（phrase）" in out
    assert "报告（视为问题）：法制政府 → 法治政府（可自动修改）" in out
    assert "不报告（视为正常）：\n  《[^》\\n]{0,40}法制政府[^》\\n]{0,40}》\n" in out  # one per line
    assert "所在分句含下列字样时不报告：\n  误(?:写|述|作|用|为|称|记)\n" in out


def test_a_table_rule_lists_its_rows_and_says_how_many_more() -> None:
    out = _show("term.confusables")[1]
    assert "  截止 → 截至：" in out and "……等 " in out


def test_each_example_is_shown_by_its_distinctive_line() -> None:
    out = _show("content.causes")[1]
    # Most examples open with the same title; each is shown by a line of its own.
    assert "应报告：全年一审行政诉讼案件21件，对败诉案件逐案分析原因，督促相关部门整改。" in out
    assert "不应报告：分析原因，主要有：一是学法用法制度落实不够经常" in out
    # An example that only lacks a line of the others says so.
    out = _show("meta.date")[1]
    assert "应报告：示例县人民政府关于2024年度法治政府建设情况的报告……（没有“2025年2月20日”）" in out
    assert "不应报告：示例县人民政府关于2024年度法治政府建设情况的报告……（没有“附件”）" in out
    assert "不应报告：附件（共 15 行）（落款之后的附件不影响查找成文日期）" in out


def test_an_element_rule_says_what_makes_it_present_or_weak() -> None:
    out = _show("metric.appearance-rate")[1]
    assert "用文字写明的数值（判为具备）：" in out and "→ 100%" in out
    assert "只提到、判为薄弱的表述：" in out


def test_an_unknown_id_suggests_the_nearest_ones() -> None:
    code, out = _show("content.cause")
    assert code == 2 and "错误：未知的规则：content.cause。您是否要找 content.causes？" in out
    assert "您是否要找 term.fazhi-xuanchuan？" in _show("法制宣传")[1]
    assert "运行 checker rules list 查看全部规则" in _show("nothing.like-it")[1]
