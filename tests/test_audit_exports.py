"""The audit's exports, read back: CSV, XLSX, JSON (against the contract) and escaped HTML."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.audit import exports
from checker.audit.batch import Audit, run_audit
from checker.audit.exports.xlsx_export import display_width as cell_width
from checker.audit.table import display_width
from checker.audit.worker import AuditConfig
from checker.commands.cli import main
from checker.commands.inputs import expand
from checker.errors import CheckerError
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "audit"
HOSTILE = """<script>document.title='pwned'</script>县人民政府
关于2024年度法治政府建设情况的报告
一、主要举措和成效
全面推进依法行政，深入开展法制政府<img src=x onerror="document.title='pwned'">建设，组织执法人员培训十二次。
二、存在的不足和原因
=HYPERLINK("x")法制宣传形式单一，部分执法人员能力不够强，执法程序意识有待提高。
"""


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Audit]:
    folder = tmp_path_factory.mktemp("exports")
    shutil.copytree(FIXTURES, folder / "reports")
    (folder / "reports" / "broken.txt").write_bytes(b"\x00binary\x00" * 30)
    (folder / "reports" / "hostile<u>.txt").write_text(HOSTILE, encoding="utf-8")
    paths = expand([str(folder / "reports")]).paths
    with run_audit(paths, AuditConfig(use_cache=False), jobs=2) as audit:
        yield audit


def test_csv_reads_back_in_utf8_with_bom(audited: Audit, tmp_path: Path) -> None:
    target = tmp_path / "排名.csv"
    exports.write("csv", audited, target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
    with target.open(encoding="utf-8-sig", newline="") as handle:
        heads = next(csv.reader(handle))
        handle.seek(0)
        rows = list(csv.DictReader(handle))
    assert len(heads) == len(set(heads))  # every column named apart (发文机关 the value, 发文机关要素 its status)
    assert {"发文机关", "发文机关要素", "成文日期", "成文日期要素", "等级", "结论"} <= set(heads)
    assert len(rows) == len(audited.rows) == 9
    by_path = {r.path: r for r in audited.rows}
    for row in rows:
        checked = by_path[row["文件"]]
        assert row["结论"] == ("" if checked.error else "通过" if checked.passed else "未通过")
        assert row["等级"] == (checked.grade or "")
    assert {r["等级"] for r in rows} >= {"优秀", "不合格"} and {r["结论"] for r in rows} >= {"通过", "未通过"}
    first = rows[0]
    assert first["排名"] == "1" and float(first["得分"]) == audited.rows[0].score
    assert first["存在的不足"] in {"✔", "△", "✘"}
    late = next(r for r in rows if r["文件"].endswith("songshan-district-2024.md"))
    assert (late["报送情况"], late["报送期限"], late["成文日期"]) == ("逾期", "2025-03-01", "2025-03-18")
    broken = next(r for r in rows if r["文件"].endswith("broken.txt"))
    assert broken["排名"] == "" and broken["说明"].startswith("无法检查：")
    copied = next(r for r in rows if r["文件"].endswith("beiling-county-2024.txt"))
    assert copied["雷同"].endswith("%")
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # a normal file, not mkstemp's private one


def test_xlsx_reads_back_with_openpyxl(audited: Audit, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "审核.xlsx"
    exports.write("xlsx", audited, target)
    book = load_workbook(target)
    assert book.sheetnames == ["报告排名", "问题清单", "要素矩阵", "报告雷同", "逐年对比"]
    ranking = book["报告排名"]
    assert ranking.freeze_panes == "D2" and ranking.auto_filter.ref == f"A1:{_last_column(ranking)}10"
    heads = [c.value for c in ranking[1]]
    assert heads[:8] == ["排名", "发文机关", "文件", "年度", "模板", "得分", "等级", "结论"]
    assert len(heads) == len(set(heads)) and {"发文机关要素", "成文日期要素"} <= set(heads)
    assert ranking["B2"].value == audited.rows[0].issuer and ranking["F2"].value == audited.rows[0].score
    assert isinstance(ranking["F2"].value, (int, float)) and ranking["F2"].number_format == "0.0"  # numbers
    assert isinstance(ranking["A2"].value, int)
    assert (ranking["G2"].value, ranking["H2"].value) == (audited.rows[0].grade, "通过")
    dated = ranking.cell(row=2, column=heads.index("成文日期") + 1)
    assert isinstance(dated.value, datetime) and dated.is_date  # an Excel date, not text
    assert dated.value.date().isoformat() == audited.rows[0].date
    issuer_width = ranking.column_dimensions["B"].width
    assert issuer_width >= cell_width("东川县市场监督管理局") == 20  # wide characters count double

    findings = book["问题清单"]
    assert findings.freeze_panes == "D2" and findings.auto_filter.ref is not None
    heads = [c.value for c in findings[1]]
    rows = [dict(zip(heads, (c.value for c in row), strict=True)) for row in findings.iter_rows(min_row=2)]
    total = sum(sum(r.counts.values()) for r in audited.checked)  # errors and warnings
    assert len([r for r in rows if r["级别"] != "提示"]) == total
    assert all(r["级别"] in ("错误", "警告", "提示") for r in rows)
    term = next(r for r in rows if r["规则"] == "term.fazhi-zhengfu")
    assert term["原文"] == "法制政府" and term["行"] == 4 and "第4行" in term["位置"]
    formula = next(r for r in rows if str(r["上下文"] or "").startswith("=HYPERLINK"))
    assert formula is not None  # kept as text: the cell holds the string, not a formula
    assert findings.cell(row=rows.index(formula) + 2, column=heads.index("上下文") + 1).data_type == "s"

    matrix = book["要素矩阵"]
    values = {c.value for row in matrix.iter_rows(min_row=2, min_col=4) for c in row}
    assert {"具备", "薄弱", "缺失"} <= values
    assert matrix["D2"].fill.fgColor.rgb.endswith("DAFBE1")

    copies = book["报告雷同"]
    copy_heads = [c.value for c in copies[1]]
    assert copies.max_row == 2 and copies["A2"].value == "雷同对"
    assert "存在的不足" in copies.cell(row=2, column=copy_heads.index("雷同部分") + 1).value
    share = copies.cell(row=2, column=copy_heads.index("占甲") + 1)
    assert isinstance(share.value, float) and share.number_format == "0%"
    years = book["逐年对比"]
    kinds = [row[3].value for row in years.iter_rows(min_row=2)]
    assert kinds.count("上年安排") == 5 and kinds.count("重复的问题") == 2


def _last_column(sheet: object) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(sheet.max_column))  # type: ignore[attr-defined]


def test_json_export_follows_the_contract(audited: Audit, tmp_path: Path) -> None:
    import jsonschema

    target = tmp_path / "audit.json"
    exports.write("json", audited, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [r["path"] for r in data["reports"]] == [r.path for r in audited.rows]
    evidence = [e for r in data["reports"] for el in r["elements"] for e in el["evidence"]]
    assert any(e.get("context") for e in evidence)
    summary = data["audit"]
    assert summary["copies"][0]["sections"] and summary["year_over_year"][0]["repeated_problems"]
    assert summary["timing"]["逾期"] == 1 and summary["elements"]["content.causes"]["missing"] == 2


def test_html_escapes_every_report_text(audited: Audit, tmp_path: Path) -> None:
    target = tmp_path / "audit.html"
    exports.write("html", audited, target)
    page = target.read_text(encoding="utf-8")
    assert page.count("<script") == 1  # the page's own sorting script, nothing from a report
    assert "<img" not in page and "<u>" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "hostile&lt;u&gt;.txt" in page
    assert "Content-Security-Policy" in page
    assert "<mark>法制政府</mark>" in page  # the cited passage is highlighted in its context
    assert 'id="copies"' in page and "先决策后审查" in page
    assert "（三）创新普法宣传方式" in page and "未找到相近表述，请人工核对" in page
    # the heat map's bands read as ranges of scores (89.9 is in 80～90, never a band named 80–89)
    assert "90 分及以上（" in page and "60 分以下" in page and "以下 分" not in page


def test_a_plain_install_writes_the_xlsx(audited: Audit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """xlsxwriter is a dependency of the plain install; openpyxl (a test dependency) is not needed."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("xlsxwriter") for d in project["dependencies"])
    assert not any(d.startswith("openpyxl") for d in project["dependencies"])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    exports.require_xlsx()
    exports.write("xlsx", audited, tmp_path / "plain.xlsx")
    assert (tmp_path / "plain.xlsx").read_bytes().startswith(b"PK")
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # a damaged installation: said before any work
    with pytest.raises(CheckerError, match="xlsxwriter"):
        exports.require_xlsx()


def test_the_command_prints_the_table_and_writes_exports(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(FIXTURES, tmp_path / "reports")
    (tmp_path / "reports" / "empty.txt").write_bytes(b"")
    out_csv, out_html = tmp_path / "a.csv", tmp_path / "a.html"
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "reports"), "--no-color", "-j", "2",
                                       "--csv", str(out_csv), "--html", str(out_html)])
    assert result.exit_code == 2, result.output  # an unreadable file: exit status 2, as for check
    assert "报告排名（8 份" in result.output
    assert re.search(r"—  empty.txt +无法检查  文件为空", result.output)
    # Not a terminal: 100 columns, and not one line wider (the table gives up detail to fit).
    widest = max(display_width(line) for line in result.stdout.splitlines())
    assert widest <= 100, widest
    assert "等级" in result.stdout and "结论" in result.stdout and "未通过" in result.stdout
    assert "报告雷同（1 对" in result.output and "逐年对比" in result.output
    assert out_csv.exists() and out_html.exists()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_the_command_reports_an_unwritable_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(main, ["audit", str(FIXTURES / "hexi-town-2024.txt"), "-j", "1",
                                       "--csv", str(tmp_path / "no" / "such" / "dir.csv")])
    assert result.exit_code == 2 and "错误：无法写入" in result.output


def test_the_command_needs_some_report(tmp_path: Path) -> None:
    (tmp_path / "empty-folder").mkdir()
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "empty-folder")])
    assert result.exit_code == 2 and "没有找到可检查的报告文件" in result.output
