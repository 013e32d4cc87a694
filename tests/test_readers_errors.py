"""Bad input in a batch: each broken file gets one clear Chinese line, the others are checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.errors import ReadError
from checker.readers import read_path
from tests.conftest import EXAMPLES
from tests.fixtures.make_reports import build_encrypted_pdf, build_scanned_pdf

GOOD = str(EXAMPLES / "gov-report-2024.txt")


@pytest.fixture
def broken(tmp_path: Path) -> dict[str, Path]:
    files = {
        "encrypted.pdf": build_encrypted_pdf(),
        "scan.pdf": build_scanned_pdf(1),
        "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        + "EncryptedPackage".encode("utf-16-le"),
        "corrupt.docx": b"PK\x03\x04" + bytes(300),
        "binary.txt": bytes(range(256)) * 4,
        "empty.md": b"",
        "report.rtf": b"{\\rtf1 text}",
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths[name] = path
    paths["missing.docx"] = tmp_path / "missing.docx"
    return paths


EXPECTED = {
    "encrypted.pdf": "加密",
    "scan.pdf": "扫描件",
    "encrypted.docx": "已加密",
    "corrupt.docx": "已损坏",
    "binary.txt": "不是文本文件",
    "empty.md": "文件为空",
    "report.rtf": "另存为 .docx",
    "missing.docx": "文件不存在",
}


def test_a_batch_with_broken_files(broken: dict[str, Path]) -> None:
    names = list(EXPECTED)
    args = ["check", "--format", "json", GOOD, *[str(broken[n]) for n in names], GOOD]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    reports = json.loads(result.stdout)["reports"]
    assert reports[0]["error"] is None and reports[-1]["error"] is None
    assert reports[0]["elements"] and reports[-1]["elements"]
    for name, report in zip(names, reports[1:-1], strict=True):
        assert EXPECTED[name] in report["error"], (name, report["error"])
        assert "\n" not in report["error"]


def test_terminal_names_the_file_and_the_reason(broken: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["check", "--no-color", str(broken["scan.pdf"]), GOOD])
    assert result.exit_code == 2
    output = result.stdout + result.stderr
    assert "scan.pdf" in output and "没有文字层" in output


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text("法治政府建设。" * 1000, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--max-bytes", "1000", str(big)])
    assert result.exit_code == 2
    assert "文件过大" in json.loads(result.stdout)["reports"][0]["error"]
    monkeypatch.setenv("CHECKER_MAX_BYTES", "1000")
    with pytest.raises(ReadError) as caught:
        read_path(str(big))
    assert "上限 1000 字节" in caught.value.reason


def test_text_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "long.txt"
    path.write_text("法治政府建设。\n" * 200, encoding="utf-8")
    monkeypatch.setenv("CHECKER_MAX_TEXT_CHARS", "500")
    with pytest.raises(ReadError) as caught:
        read_path(str(path))
    assert "文字过多" in caught.value.reason


def test_pdf_page_limit_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fixtures.make_reports import build_pdf, example_paragraphs

    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(example_paragraphs()))
    monkeypatch.setenv("CHECKER_PDF_MAX_PAGES", "1")
    document = read_path(str(path))
    assert document.warnings == ["PDF 共 2 页，只检查前 1 页"]
    assert "二、" not in document.text
