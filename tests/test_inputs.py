"""Input expansion for check and audit: every file that looks like a filing is a row, nothing vanishes."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.commands.inputs import expand, sniff
from checker.errors import UsageError
from checker.readers import READERS
from tests.conftest import EXAMPLES, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "audit"
REPORT = (EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8")


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES, tmp_path / "reports")
    return tmp_path / "reports"


def names(paths: list[str]) -> list[str]:
    return [Path(p).name for p in paths]


def test_folders_globs_and_list_files(reports: Path) -> None:
    (reports / "sub").mkdir()
    (reports / "sub" / "notes.xlsx").write_bytes(b"not a report")
    (reports / "sub" / "~$lock.txt").write_text("lock", encoding="utf-8")
    (reports / ".hidden").mkdir()
    (reports / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    found = expand(["reports"])
    assert len(found.paths) == 7 and not found.errors  # the seven reports
    assert len(found.notes) == 1 and "1 个文件不像报告" in found.notes[0] and "notes.xlsx" in found.notes[0]
    globbed = expand(["reports/yunxi-*.txt", "reports/yunxi-county-2023.txt"])
    assert names(globbed.paths) == ["yunxi-county-2023.txt", "yunxi-county-2024.txt"]
    (reports.parent / "list.txt").write_text(
        "# 本批\nreports/hexi-town-2024.txt\n\nreports/missing.docx\nreports/sub\n", encoding="utf-8")
    listed = expand(["@list.txt"])
    assert names(listed.paths) == ["hexi-town-2024.txt", "missing.docx"]
    assert "reports/sub" in listed.notes[0] and "没有找到可检查的报告文件" in listed.notes[0]
    with pytest.raises(UsageError, match="文件列表"):
        expand(["@absent.txt"])


def test_doc_wps_and_misnamed_files_each_get_a_row(reports: Path) -> None:
    """The .doc/.wps a county sends, a PDF without its extension, a report saved as .bak: all rows."""
    (reports / "旧版.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (reports / "金山文字.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (reports / "扫描件").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (reports / "报告.txt.bak").write_text(REPORT, encoding="gb18030")
    (reports / "data.json").write_text('{"a": 1}', encoding="utf-8")
    found = expand([str(reports)])
    assert len(found.paths) == 11
    assert set(found.errors) == {str(reports / "扫描件"), str(reports / "报告.txt.bak")}
    assert "内容像PDF 文档" in found.errors[str(reports / "扫描件")] and ".pdf" in found.errors[str(reports / "扫描件")]
    assert "改为 .txt" in found.errors[str(reports / "报告.txt.bak")]
    assert "data.json" in found.notes[0]

    out = reports.parent / "audit.json"
    result = CliRunner().invoke(main, ["audit", str(reports), "-q", "-j", "2", "--json", str(out)])
    assert result.exit_code == 2  # files that could not be checked
    rows = {Path(r["path"]).name: r for r in json.loads(out.read_text(encoding="utf-8"))["reports"]}
    assert len(rows) == 11  # every file that looks like a filing: a row in every export
    for name in ("旧版.doc", "金山文字.wps", "扫描件", "报告.txt.bak"):
        assert rows[name].get("error") or rows[name].get("score") is not None, name
    if ".doc" not in READERS:  # until a .doc reader is registered, the row says what to do
        assert "另存为 .docx" in rows["旧版.doc"]["error"]
        assert "另存为 .docx" in rows["金山文字.wps"]["error"]
    checked = CliRunner().invoke(main, ["check", "--format", "json", str(reports)])
    assert len(json.loads(checked.stdout)["reports"]) == 11  # check counts them the same way


def test_sniffing_tells_a_filing_by_its_content(tmp_path: Path) -> None:
    cases = {"a": REPORT.encode("utf-8"), "b": REPORT.encode("gb18030"), "c": b"%PDF-1.4 ...",
             "d": b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml", "e": b"PK\x03\x04" + b"\x00" * 26 + b"x.csv",
             "f": b"print('hello world')\n" * 20, "g": bytes(range(256)) * 4, "h": "法治".encode()}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    found = {name: sniff(str(tmp_path / name)) for name in cases}
    assert found["a"] == found["b"] == ("文本", ".txt")
    assert found["c"] == ("PDF 文档", ".pdf") and found["d"] == ("Word 文档", ".docx")
    assert found["e"] is None and found["f"] is None and found["g"] is None
    assert found["h"] is None  # two characters say nothing


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_special_files_are_skipped_and_said(reports: Path) -> None:
    os.mkfifo(reports / "pipe.txt")  # reading it would block forever
    devices = os.path.exists("/dev/zero")
    if devices:
        (reports / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(reports / "sock.txt"))
        found = expand([str(reports)])
    assert len(found.paths) == 7
    note = next(n for n in found.notes if "特殊文件" in n)
    assert "pipe.txt" in note and "sock.txt" in note
    assert "zero.txt" in note or not devices


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_a_row_and_exit_2(reports: Path) -> None:
    locked = reports / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(REPORT, encoding="utf-8")
    locked.chmod(0)
    try:
        found = expand([str(reports)])
        assert found.errors == {str(locked): found.errors[str(locked)]}
        assert "无法读取文件夹" in found.errors[str(locked)]
        result = CliRunner().invoke(main, ["check", "--format", "json", str(locked)])
        assert result.exit_code == 2 and "无法读取文件夹" in result.stdout
    finally:
        locked.chmod(0o755)


def test_an_unreadable_folder_is_a_row_even_as_root(reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every folder reads; the listing error is simulated where os.walk meets it."""
    real = os.scandir

    def refusing(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    (reports / "locked").mkdir()
    monkeypatch.setattr(os, "scandir", refusing)
    found = expand([str(reports)])
    assert found.errors == {str(reports / "locked"): "无法读取文件夹（Permission denied），其中的报告未检查"}
    only = expand([str(reports / "locked")])
    assert only.paths == [str(reports / "locked")] and not any("没有找到" in n for n in only.notes)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(reports / "locked")])
    assert result.exit_code == 2  # an error, not "no files found"
    assert json.loads(result.stdout)["reports"][0]["error"].startswith("无法读取文件夹")
