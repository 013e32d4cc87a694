"""Rule authoring: rules validate / test / doc, the generated reference, the example province pack."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.commands.cli import main
from checker.pack import rulebook
from checker.pack.loader import data_dir, load_pack
from tests.conftest import EXAMPLES, ROOT, check

DOCS = ROOT / "docs" / "rules.md"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def broken_pack(root: Path) -> Path:
    folder = root / "broken"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: broken\nname: 坏\nversion: '1'\ncolour: red\n", encoding="utf-8")
    (folder / "a.yaml").write_text(
        "rules:\n"
        "  - id: term.one\n"
        "    name: 一\n"
        "    kind: phrase\n"
        "    severity: fatal\n"
        "    entries: [{match: '(未闭合'}]\n"
        "    message: 一\n"
        "    basis: 依据依据\n"
        "    examples: {fire: ['一'], pass: ['二']}\n"
        "  - id: term.one\n"
        "    name: 重复\n"
        "    kind: phrase\n"
        "    severity: info\n"
        "    entries: [{match: '二'}]\n"
        "    message: 二\n"
        "    basis: 依据依据\n"
        "    examples: {fire: ['二']}\n", encoding="utf-8")
    (folder / "b.yaml").write_text("rules:\n  - id: term.two\n    kind: [unclosed\n", encoding="utf-8")
    return folder


def test_validate_reports_every_problem_with_file_and_line(tmp_path: Path) -> None:
    code, out, err = run("rules", "validate", str(broken_pack(tmp_path)))
    assert code == 1
    lines = out.strip().splitlines()
    assert any("pack.yaml:4" in line and "未知的键“colour”" in line for line in lines)
    assert any("a.yaml:5" in line and "规则 term.one" in line and "fatal" in line for line in lines)
    assert any("a.yaml:6：规则 term.one：键 entries[0].match：正则表达式无效" in line for line in lines)
    assert any("a.yaml:10" in line and "id 重复" in line for line in lines)
    assert any("a.yaml:17" in line and "缺少必填键“pass”" in line for line in lines)
    assert any("b.yaml:4" in line and "YAML 语法错误" in line for line in lines)
    assert f"共 {len(lines)} 个问题" in err


def test_validate_accepts_the_shipped_packs() -> None:
    for name in ("fazhi-annual", "example-province"):
        code, out, _ = run("rules", "validate", str(data_dir("rules") / name))
        assert code == 0 and "有效" in out, out


def test_validate_catches_what_needs_the_whole_chain(tmp_path: Path) -> None:
    folder = tmp_path / "child"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: child\nname: 子\nversion: '1'\nextends: fazhi-annual\n"
                                      "override:\n  term.nope: {severity: info}\n", encoding="utf-8")
    code, out, _ = run("rules", "validate", str(folder))
    assert code == 1 and "没有规则 “term.nope”" in out


def test_rules_test_passes_the_shipped_packs_and_fails_a_wrong_example(tmp_path: Path) -> None:
    code, out, _ = run("rules", "test")
    assert code == 0 and "全部示例通过" in out and "✔ content.causes" in out
    code, out, _ = run("rules", "test", "example-province")
    assert code == 0 and "✔ term.province-names" in out
    folder = tmp_path / "wrong"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: wrong\nname: 错\nversion: '1'\nextends: fazhi-annual\n"
                                      "extend_lists:\n  term.fazhi-zhengfu:\n"
                                      "    examples.pass: ['法制政府建设取得新进展。']\n", encoding="utf-8")
    code, out, _ = run("rules", "test", str(folder))
    assert code == 1
    assert "✘ term.fazhi-zhengfu" in out and "不应报告 term.fazhi-zhengfu" in out and "失败 1 个示例" in out


def test_docs_rules_md_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == rulebook.doc_markdown(None), (
        f"docs/rules.md is stale: run `{rulebook.DOC_COMMAND}`")


def test_every_rule_and_template_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    pack = load_pack()
    for rule in pack.rules:
        assert f"### `{rule.id}`" in text, rule.id
        assert rule.basis in text, rule.id
    for template in pack.templates.values():
        assert f"### 模板 `{template.id}`" in text


def test_rules_doc_writes_a_file_for_any_pack(tmp_path: Path) -> None:
    target = tmp_path / "province.md"
    code, out, _ = run("rules", "doc", "--pack", "example-province", "-o", str(target))
    assert code == 0 and "已写入" in out
    text = target.read_text(encoding="utf-8")
    assert "### `term.province-names`" in text and "after_year `2019`" in text
    assert "（年度 2017，改革前的报告用旧名称不算错）" not in text  # note first, then year
    assert "（改革前的报告用旧名称不算错；年度 2017）" in text


def test_example_province_pack_checks_reports() -> None:
    code, out, _ = run("check", "--pack", "example-province", "--no-color",
                       str(EXAMPLES / "gov-report-2024.txt"))
    assert code == 1  # 法制宣传 is an error in this province
    assert "错误 第11行第103列  沿用“法制宣传”" in out  # the rule by its name; the id is for --verbose
    text = ("示例县人民政府关于2023年度法治政府建设情况的报告\n"
            "县依法治县领导小组召开会议。全年办理案件（请填写件数）件。")
    found = {f.rule for f in check(text, pack="example-province").findings}
    assert {"term.province-names", "text.placeholder"} <= found
    assert not {"term.province-names"} & {f.rule for f in check(text).findings}
