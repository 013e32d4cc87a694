"""The web server's API with Starlette's test client: the same verdicts as the CLI, downloads, limits, safety."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

pytest.importorskip("starlette")
pytest.importorskip("starlette.testclient")

from starlette.testclient import TestClient

import checker
from checker.readers import supported_suffixes
from checker.web.app import WebSettings, create_app
from tests.conftest import ROOT
from tests.fixtures.drafts import comments_with_anchors, draft_docx, draft_text

AUDIT = ROOT / "tests" / "fixtures" / "audit"
LIMIT = 400_000


@pytest.fixture(scope="module")
def temp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("requests")


@pytest.fixture(scope="module")
def client(temp_root: Path) -> Iterator[TestClient]:
    app = create_app(WebSettings(jobs=2, max_bytes=LIMIT, max_files=5, temp_root=str(temp_root)))
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


def upload(name: str, data: bytes | str, field: str = "file") -> list[tuple[str, tuple[str, bytes]]]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [(field, (name, raw))]


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    """What the engine judged, without where the file was."""
    return {
        "score": report["score"], "grade": report.get("grade"), "passed": report["passed"],
        "template": report["template"], "year": report["year"], "issuer": report["issuer"],
        "elements": [(e["id"], e["status"], e.get("note")) for e in report["elements"]],
        "findings": [(f["rule"], f["severity"], f.get("line"), f.get("column"), f.get("excerpt"), f["message"])
                     for f in report["findings"]],
        "metrics": report.get("metrics"),
    }


# ---------------------------------------------------------------- the same judgement as the CLI


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_check_returns_the_verdicts_of_check_path(client: TestClient, tmp_path: Path, suffix: str) -> None:
    data = draft_docx() if suffix == ".docx" else draft_text().encode("utf-8")
    local = tmp_path / f"柳岸县报告{suffix}"
    local.write_bytes(data)
    response = client.post("/api/check", files=upload(local.name, data))
    assert response.status_code == 200, response.text
    document = response.json()
    assert set(document) >= {"tool", "pack", "rules", "reports"}
    report = document["reports"][0]
    assert report["path"] == local.name  # the uploaded name, never a temporary path
    expected = checker.check_path(str(local))
    assert verdicts(report) == verdicts(expected)
    assert report["findings"], "the draft has findings: the comparison compared something"
    assert {e["status"] for e in report["elements"]} >= {"present", "weak"}


def test_template_and_year_are_the_cli_options(client: TestClient, tmp_path: Path) -> None:
    text = (AUDIT / "yunxi-county-2024.txt").read_text(encoding="utf-8").replace("2024年度", "年度", 1)
    local = tmp_path / "报告.txt"
    local.write_text(text, encoding="utf-8")
    response = client.post("/api/check", files=upload(local.name, text), data={"template": "dept-annual",
                                                                              "year": "2023"})
    assert response.status_code == 200, response.text
    report = response.json()["reports"][0]
    assert report["template"] == "dept-annual" and report["year"] == 2023
    assert verdicts(report) == verdicts(checker.check_path(str(local), template="dept-annual", year=2023))


def test_an_unreadable_file_is_422_with_the_reason_in_the_contract(client: TestClient, tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 50)
    response = client.post("/api/check", files=upload(bad.name, bad.read_bytes()))
    assert response.status_code == 422
    report = response.json()["reports"][0]
    assert report["path"] == "坏文件.txt"
    assert report["error"] == checker.check_path(str(bad))["error"]


# ---------------------------------------------------------------- what the page uses


def test_view_gives_the_contract_the_article_and_the_fixes(client: TestClient) -> None:
    response = client.post("/api/view", files=upload("草稿.docx", draft_docx()), data={"prefix": "r3-"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["name"] == "草稿.docx" and data["document"]["reports"][0]["path"] == "草稿.docx"
    html = data["html"]
    assert html.startswith('<article id="r3-report">') and 'id="r3-text"' in html and "<mark" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # report text escaped
    from checker.render import fixes

    assert data["fixes"] == {"count": len(fixes.plan(data["document"]["reports"][0])), "kind": "docx"}
    assert data["fixes"]["count"] >= 4  # 法制政府 ×2, 谁普法谁执法, the brackets of 示政发[2024]7号


def test_a_bad_prefix_is_refused(client: TestClient) -> None:
    response = client.post("/api/view", files=upload("a.txt", draft_text()), data={"prefix": '"><script>'})
    assert response.status_code == 400 and "prefix" in response.json()["error"]


def test_annotate_gives_the_annotated_word_copy(client: TestClient) -> None:
    response = client.post("/api/annotate", files=upload("柳岸县.docx", draft_docx()))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert download_name(response) == "柳岸县.批注.docx"
    comments = comments_with_anchors(response.content)
    anchored = {c["anchor"] for c in comments}
    assert any("法制政府" in a for a in anchored)  # a finding's comment sits on its passage
    assert len(comments) > 5


def test_annotate_takes_any_input_and_gives_word(client: TestClient) -> None:
    import docx

    response = client.post("/api/annotate", files=upload("草稿.txt", draft_text()))
    assert response.status_code == 200 and download_name(response) == "草稿.批注.docx"
    document = docx.Document(io.BytesIO(response.content))
    assert len(list(document.comments)) > 5


def test_fix_gives_tracked_changes_for_word(client: TestClient) -> None:
    response = client.post("/api/fix", files=upload("草稿.docx", draft_docx()))
    assert response.status_code == 200, response.text
    assert download_name(response) == "草稿.修订.docx"
    xml = word_xml(response.content)
    assert "<w:ins " in xml and "<w:del " in xml and "法治政府" in xml
    assert unquote(response.headers["x-checker-note"]).startswith("修改 ")


def test_fix_keeps_a_text_files_encoding(client: TestClient, tmp_path: Path) -> None:
    from checker.commands import runner
    from checker.render import fixes

    data = draft_text(crlf=True).encode("gb18030")
    response = client.post("/api/fix", files=upload("草稿.txt", data))
    assert response.status_code == 200, response.text
    assert download_name(response) == "草稿.改正.txt"
    local = tmp_path / "草稿.txt"
    local.write_bytes(data)
    document, _ = runner.check_files([str(local)], use_config=False)
    expected, made = fixes.apply_text(data, fixes.plan(document["reports"][0]), str(local))
    assert made and response.content == expected
    assert "法治政府".encode("gb18030") in response.content and b"\r\n" in response.content


def test_fix_with_nothing_to_fix_says_so(client: TestClient) -> None:
    response = client.post("/api/fix", files=upload("好报告.txt", (AUDIT / "yunxi-county-2024.txt").read_bytes()))
    assert response.status_code == 422 and response.json()["error"] == "没有可以自动修改的问题"


def test_page_is_the_one_report_page(client: TestClient) -> None:
    response = client.post("/api/page", files=upload("草稿.docx", draft_docx()))
    assert response.status_code == 200 and download_name(response) == "草稿.检查结果.html"
    html = response.text
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "文件：草稿.docx" in html and "<mark" in html and "&lt;script&gt;" in html
    assert "sandbox" in response.headers["content-security-policy"]  # never run as this site's page


def test_audit_exports_several_files(client: TestClient) -> None:
    files = [("files", (p.name, p.read_bytes())) for p in sorted(AUDIT.glob("yunxi-*.txt"))]
    files.append(("files", ("草稿.docx", draft_docx())))
    response = client.post("/api/audit?format=csv", files=files)
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf") and download_name(response).endswith(".csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3
    assert sum("草稿.docx" in "".join(r) for r in rows[1:]) == 1
    assert not any("checker-web-" in "".join(r) for r in rows)  # no temporary path in the export

    response = client.post("/api/audit", files=files, data={"format": "json"})
    audit = response.json()
    assert len(audit["reports"]) == 3 and "audit" in audit
    assert audit["audit"]["year_over_year"], "two years of one issuer are compared"

    response = client.post("/api/audit?format=html&inline=1", files=files)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("inline;")
    assert "sandbox allow-scripts" in response.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    assert 'id="ranking"' in response.text and "云溪县" in response.text


def test_audit_exports_xlsx(client: TestClient) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    files = [("files", (p.name, p.read_bytes())) for p in sorted(AUDIT.glob("*.txt"))[:3]]
    response = client.post("/api/audit?format=xlsx", files=files)
    assert response.status_code == 200, response.text
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    ranking = book[book.sheetnames[0]]
    assert len(list(ranking.iter_rows(values_only=True))) == 1 + 3


def test_audit_refuses_an_unknown_format(client: TestClient) -> None:
    response = client.post("/api/audit?format=docx", files=upload("a.txt", draft_text(), "files"))
    assert response.status_code == 400 and "未知的导出格式" in response.json()["error"]


def test_rules_lists_the_packs_rules(client: TestClient) -> None:
    from checker.pack.loader import load_pack

    data = client.get("/api/rules").json()
    assert [r["id"] for r in data["rules"]] == [r.id for r in load_pack().rules]
    assert all(r["basis"] and r["message"] for r in data["rules"])


def test_info_lists_what_the_readers_accept(client: TestClient) -> None:
    data = client.get("/api/info").json()
    assert data["formats"] == supported_suffixes()
    assert data["max_bytes"] == LIMIT and data["max_files"] == 5
    assert {t["id"] for t in data["templates"]} == {"gov-annual", "dept-annual"}
    assert [g["grade"] for g in data["grades"]] == ["优秀", "良好", "合格", "不合格"]


# ---------------------------------------------------------------- limits and refusals


def test_an_oversized_upload_is_413(client: TestClient) -> None:
    response = client.post("/api/check", files=upload("大.txt", b"a" * (LIMIT + 300_000)))
    assert response.status_code == 413
    assert "上传内容过大" in response.json()["error"]


def test_an_oversized_body_sent_in_chunks_is_413(client: TestClient) -> None:
    boundary = "checkerboundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"大.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode()

    def body() -> Iterator[bytes]:  # no Content-Length: the limit is counted as the body arrives
        yield head
        for _ in range(20):
            yield b"a" * 50_000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/check", content=body(),
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413


def test_one_file_of_several_over_the_limit_is_named(client: TestClient) -> None:
    files = [("files", ("小.txt", draft_text().encode())), ("files", ("大.txt", b"a" * (LIMIT + 10)))]
    response = client.post("/api/audit?format=csv", files=files)
    assert response.status_code == 413 and response.json()["error"].startswith("大.txt：文件过大")


def test_too_many_files_are_refused(client: TestClient) -> None:
    files = [("files", (f"{k}.txt", draft_text().encode())) for k in range(6)]
    response = client.post("/api/audit?format=csv", files=files)
    assert response.status_code == 400 and "最多上传 5 个文件" in response.json()["error"]


@pytest.mark.parametrize(("name", "expected"), [
    ("报告.exe", "不支持的文件类型“.exe”"),
    ("报告.doc", "另存为 .docx") if ".doc" not in supported_suffixes() else ("报告.rar", "不支持的文件类型"),
    ("无扩展名", "无扩展名"),
])
def test_a_type_the_readers_do_not_accept_is_415(client: TestClient, name: str, expected: str) -> None:
    response = client.post("/api/check", files=upload(name, b"whatever"))
    assert response.status_code == 415 and expected in response.json()["error"]


def test_bad_options_are_400(client: TestClient) -> None:
    response = client.post("/api/check", files=upload("a.txt", draft_text()), data={"template": "nope"})
    assert response.status_code == 400 and "未知的模板“nope”" in response.json()["error"]
    response = client.post("/api/check", files=upload("a.txt", draft_text()), data={"year": "1999"})
    assert response.status_code == 400 and "2000 至 2100" in response.json()["error"]
    response = client.post("/api/check", data={"year": "2024"}, files={"other": ("x", b"")})
    assert response.status_code == 400 and "请选择" in response.json()["error"]
    response = client.post("/api/check", content=b"{}", headers={"content-type": "application/json"})
    assert response.status_code == 415
    two = [("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))]
    assert client.post("/api/check", files=two).status_code == 400


def test_every_request_folder_is_removed(client: TestClient, temp_root: Path) -> None:
    client.post("/api/check", files=upload("a.txt", draft_text()))
    client.post("/api/annotate", files=upload("a.docx", draft_docx()))
    client.post("/api/check", files=upload("大.txt", b"a" * (LIMIT + 10)))
    client.post("/api/check", files=upload("a.exe", b"a"))
    assert list(temp_root.iterdir()) == []


def test_a_hostile_file_name_is_made_safe(client: TestClient) -> None:
    name = "../..\\C:\\windows\\<县>|?*:报告.docx"
    response = client.post("/api/annotate", files=upload(name, draft_docx()))
    assert response.status_code == 200, response.text
    assert download_name(response) == "县报告.批注.docx"
    ascii_part = response.headers["content-disposition"].split('filename="')[1].split('"')[0]
    assert ascii_part == "checker.docx"


# ---------------------------------------------------------------- headers, hosts, token


def test_the_page_is_served_with_a_strict_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and "法治政府建设年度报告检查" in response.text
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    html = response.text
    assert "<script>" not in html and " style=" not in html and "http" not in html.replace('http-equiv', '')
    for name in ("app.js", "app.css", "report.css"):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200 and len(asset.text) > 500
        assert "http://" not in asset.text and "https://" not in asset.text  # nothing fetched from elsewhere
    assert client.get("/static/../app.py").status_code == 404


def test_a_foreign_host_name_is_refused(client: TestClient) -> None:
    response = client.get("/api/info", headers={"host": "rebound.example"})
    assert response.status_code == 400


def test_with_a_token_every_request_needs_it(temp_root: Path) -> None:
    app = create_app(WebSettings(jobs=1, token="s3cret-token", hosts=("*",), temp_root=str(temp_root)))
    with TestClient(app, base_url="http://127.0.0.1:8765") as open_client:
        refused = open_client.get("/api/info")
        assert refused.status_code == 401 and "令牌" in refused.json()["error"]
        assert open_client.get("/api/info?token=wrong").status_code == 401
        assert open_client.post("/api/check", files=upload("a.txt", draft_text())).status_code == 401
        page = open_client.get("/?token=s3cret-token")
        assert page.status_code == 200 and "HttpOnly; SameSite=Strict" in page.headers["set-cookie"]
        assert open_client.get("/api/info").status_code == 200  # the cookie set by the page
        open_client.cookies.clear()
        assert open_client.get("/api/info").status_code == 401
        assert open_client.get("/api/info", headers={"x-checker-token": "s3cret-token"}).status_code == 200
        assert open_client.get("/api/info", headers={"authorization": "Bearer s3cret-token"}).status_code == 200


# ---------------------------------------------------------------- names


def test_safe_names() -> None:
    from checker.web.uploads import disposition, safe_name, unique

    assert safe_name("C:\\Users\\张三\\报告.docx") == "报告.docx"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("...") == "报告" and safe_name("") == "报告" and safe_name(".docx") == "docx"
    assert safe_name("CON.txt") == "_CON.txt"
    assert safe_name('"报告"\x07\r\n.txt') == "报告.txt"
    long = safe_name("很" * 200 + ".docx")
    assert long.endswith(".docx") and len(long.encode("utf-8")) <= 150
    assert safe_name("a\u202egpj.exe") == "agpj.exe"  # no right-to-left override hiding the type
    assert unique(["报告.docx", "报告.docx", "报告.DOCX"]) == ["报告.docx", "报告-2.docx", "报告-3.DOCX"]
    header = disposition("报告.批注.docx")
    assert header == "attachment; filename=\"checker.docx\"; filename*=UTF-8''" \
        "%E6%8A%A5%E5%91%8A.%E6%89%B9%E6%B3%A8.docx"


def download_name(response: Any) -> str:
    header = response.headers["content-disposition"]
    return unquote(header.split("filename*=UTF-8''")[1])


def word_xml(data: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")

