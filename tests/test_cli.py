"""The command line: exit statuses, messages for bad input, several files in one run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from checker.commands.cli import main
from tests.conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "gov-report-2024.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_example_report_checks_and_passes_the_error_gate() -> None:
    code, out, _ = run("check", EXAMPLE, "--no-color")
    assert code == 0
    assert "模板：政府法治政府建设年度报告" in out
    assert "得分：" in out


def test_fail_on_warning_turns_warnings_into_exit_1() -> None:
    code, _, _ = run("check", EXAMPLE, "--fail-on", "warning")
    assert code == 1


def test_min_score_gate() -> None:
    code, out, _ = run("check", EXAMPLE, "--min-score", "100", "--format", "json")
    assert code == 1
    assert json.loads(out)["reports"][0]["passed"] is False


def test_missing_file_is_reported_and_others_still_checked(tmp_path: Path) -> None:
    missing = str(tmp_path / "不存在.txt")
    code, out, _ = run("check", "--format", "json", missing, EXAMPLE)
    assert code == 2
    reports = json.loads(out)["reports"]
    assert reports[0]["error"] == "文件不存在"
    assert reports[1]["error"] is None and reports[1]["elements"]


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run("check", "--format", "json", str(empty))
    assert code == 2
    assert json.loads(out)["reports"][0]["error"] == "文件为空"


def test_whitespace_only_file_counts_as_empty(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\u3000\n", encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(blank))
    assert code == 2
    assert "没有可检查的文字" in json.loads(out)["reports"][0]["error"]


def test_binary_file_named_txt(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    code, out, _ = run("check", "--format", "json", str(binary))
    assert code == 2
    assert "不是文本文件" in json.loads(out)["reports"][0]["error"]


def test_unknown_extension(tmp_path: Path) -> None:
    odd = tmp_path / "report.xyz"
    odd.write_text("内容", encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(odd))
    assert code == 2
    assert "不支持的文件类型" in json.loads(out)["reports"][0]["error"]


def test_error_shows_in_terminal_report(tmp_path: Path) -> None:
    code, out, _ = run("check", "--no-color", str(tmp_path / "nope.txt"))
    assert code == 2
    assert "无法检查：文件不存在" in out


def test_unknown_template_stops_with_exit_2() -> None:
    code, out, err = run("check", "--template", "no-such", EXAMPLE)
    assert code == 2
    assert "未知的模板“no-such”" in err
    assert "gov-annual" in err
    assert out == ""


def test_invalid_yaml_pack_names_the_file(tmp_path: Path) -> None:
    pack = tmp_path / "bad-pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: bad\nname: 坏\nversion: '1'\n", encoding="utf-8")
    (pack / "rules.yaml").write_text("rules:\n  - id: term.x\n    kind: [unclosed\n", encoding="utf-8")
    code, _, err = run("check", "--pack", str(pack), EXAMPLE)
    assert code == 2
    assert "rules.yaml:4" in err and "YAML 语法错误" in err and "始于第3行" in err


def test_schema_error_names_file_rule_and_key(tmp_path: Path) -> None:
    pack = tmp_path / "bad-pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: bad\nname: 坏\nversion: '1'\n", encoding="utf-8")
    (pack / "rules.yaml").write_text(
        "rules:\n"
        "  - id: term.sample\n"
        "    name: 示例\n"
        "    kind: phrase\n"
        "    severity: fatal\n"
        "    message: 示例\n"
        "    basis: 示例依据\n"
        "    entries: [{match: 法制政府}]\n"
        "    examples: {fire: ['法制政府'], pass: ['法治政府']}\n",
        encoding="utf-8",
    )
    code, _, err = run("check", "--pack", str(pack), EXAMPLE)
    assert code == 2
    assert "rules.yaml:5" in err
    assert "规则 term.sample" in err and "键 severity" in err and "fatal" in err


def test_unknown_pack() -> None:
    code, _, err = run("check", "--pack", "no-such-pack", EXAMPLE)
    assert code == 2
    assert "找不到规则包“no-such-pack”" in err


def test_bad_option_value_is_a_usage_error() -> None:
    code, _, _ = run("check", "--fail-on", "fatal", EXAMPLE)
    assert code == 2


def test_output_file_gets_the_format_and_terminal_gets_the_report(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run("check", EXAMPLE, "--format", "json", "--output", str(target), "--no-color")
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["reports"][0]["path"] == EXAMPLE
    assert "必备要素" in out


def test_rules_list_shows_id_severity_and_basis() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert "term.fazhi-zhengfu" in out and "错误" in out and "依据：" in out


def test_rules_show() -> None:
    code, out, _ = run("rules", "show", "content.causes")
    assert code == 0
    assert "不足的原因" in out and "应报告：" in out


def test_python_m_checker_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.startswith("checker ")


def test_every_output_format_is_offered_and_renders() -> None:
    from checker.commands.check import FORMAT_CHOICES
    from checker.render import FORMATS

    assert sorted(FORMAT_CHOICES) == sorted(FORMATS)
    for fmt in FORMAT_CHOICES:
        code, out, _ = run("check", EXAMPLE, "--format", fmt)
        assert code == 0 and out.strip(), fmt


def test_a_missing_reader_library_costs_one_file(monkeypatch: object, tmp_path: Path) -> None:
    import builtins

    from checker.commands import runner
    from checker.engine import Options
    from checker.pack.loader import load_pack

    real_import = builtins.__import__

    def no_docx(name: str, *args: object, **kwargs: object) -> object:
        if name == "docx" or name.startswith("docx."):
            raise ImportError("No module named 'docx'", name="docx")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    import docx

    report = tmp_path / "报告.docx"
    made = docx.Document()
    made.add_paragraph("示例县人民政府关于2024年度法治政府建设情况的报告")
    made.save(str(report))
    monkeypatch.setattr(builtins, "__import__", no_docx)  # type: ignore[attr-defined]
    import sys

    for module in [m for m in sys.modules if m == "docx" or m.startswith(("docx.", "checker.readers.docx"))]:
        monkeypatch.delitem(sys.modules, module)  # type: ignore[attr-defined]
    result = runner.check_one(str(report), load_pack(), Options())
    assert result.error == "缺少读取此类文件所需的组件（docx），请重新安装 checker"


def test_a_folder_is_searched_for_reports(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    (folder / "县").mkdir(parents=True)
    (folder / "县" / "a.txt").write_text((EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (folder / "说明.png").write_bytes(b"\x89PNG")
    code, out, _ = run("check", "--format", "json", str(folder))
    assert code == 0
    assert [Path(r["path"]).name for r in json.loads(out)["reports"]] == ["a.txt"]


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == 2
    assert "没有找到可检查的报告文件" in err
