"""The page of ``checker serve`` in a real browser: Playwright driving the Debian Chromium.

The server is started for real (``checker serve --port 0``) with its temporary
folders in a folder of the test's own. Skipped, with the reason, where
Playwright's package or Chromium is missing (``.ci/run`` installs both).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

import checker  # noqa: E402
from tests.fixtures.drafts import draft_docx  # noqa: E402
from tests.web_server import CHROMIUM, CHROMIUM_ARGS, Server, serve  # noqa: E402

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
LIMIT = 300_000
INJECTED = """<script>window.__pwned = 1; alert("脚本运行了")</script>县人民政府
关于2024年度法治政府建设情况的报告
一、2024年推进法治政府建设的主要举措和成效
深入开展法制政府建设<img src=x onerror="window.__pwned = 2">，审核规范性文件12件。
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    temp = tmp_path_factory.mktemp("server-tmp")
    with serve(temp, "--max-bytes", str(LIMIT), "-j", "2") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.console_errors = []
    opened.dialogs = []
    opened.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.console_errors.append(str(e)))
    opened.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    opened.goto(server.url)
    opened.wait_for_selector("#template option[value=gov-annual]", state="attached")
    yield opened
    context.close()


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "柳岸县报告.docx"
    path.write_bytes(draft_docx())
    return path


def upload(page: Any, *paths: Path) -> None:
    page.set_input_files("#file-input", [str(p) for p in paths])
    page.wait_for_selector("body[data-done]", timeout=60_000)


def test_a_word_report_shows_its_grade_score_and_highlighted_passages(page: Any, draft: Path) -> None:
    upload(page, draft)
    expected = checker.check_path(str(draft))
    result = page.locator("#result-0")
    assert result.locator(".grade b").inner_text() == expected["grade"]
    assert float(result.locator(".score b").inner_text()) == expected["score"]
    reasons = "；".join(expected["fail_reasons"])
    assert result.locator(".pass").inner_text() == ("通过" if expected["passed"] else f"未通过（{reasons}）")
    assert result.locator(".file-name").inner_text() == draft.name
    table = result.locator("table.elements")
    assert table.locator("td.ok").first.inner_text() == "✔ 具备" and table.locator("td.weak").count() >= 1
    marked = result.locator("[id$=text] mark", has_text="法制政府").first
    sync_api.expect(marked).to_be_visible()
    assert result.locator("[id$=text] mark").count() >= len([f for f in expected["findings"] if f["line"]]) - 2
    assert page.console_errors == []


def test_clicking_a_finding_scrolls_to_its_passage(page: Any, draft: Path) -> None:
    upload(page, draft)
    text_pane = page.locator("#result-0 [id$=text]")
    findings = page.locator("#result-0 ol.findings > li")
    last = findings.last  # its passage is at the end of the report, out of the text pane's view
    number = findings.count()
    mark = page.locator(f"#r0-m{number}")
    assert not in_view(mark, text_pane)
    last.locator(".passage").click()  # anywhere on the finding, not only its link
    sync_api.expect(mark).to_have_class("error current")
    page.wait_for_function(f"""() => {{
        const m = document.getElementById('r0-m{number}').getBoundingClientRect();
        const p = document.querySelector('#r0-text').getBoundingClientRect();
        return m.top >= p.top && m.bottom <= p.bottom && m.top >= 0 && m.bottom <= innerHeight; }}""",
                           timeout=5000)
    assert in_view(mark, text_pane)
    # and from the element table to the line that decided it
    page.locator("#result-0 table.elements a", has_text="看原文").first.click()
    sync_api.expect(page.locator("#result-0 .row.current")).to_have_count(1)
    assert page.console_errors == []


def test_the_annotated_copy_downloads_and_opens_in_python_docx(page: Any, draft: Path, tmp_path: Path) -> None:
    import docx

    upload(page, draft)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载批注稿（Word）").click()
    download = info.value
    assert download.suggested_filename == "柳岸县报告.批注.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = docx.Document(str(saved))
    texts = [c.text for c in document.comments]
    assert any("法治政府" in t for t in texts) and texts[0].startswith("检查结果：")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载修订稿", exact=False).click()
    assert info.value.suggested_filename == "柳岸县报告.修订.docx"
    revised = tmp_path / "revised.docx"
    info.value.save_as(revised)
    assert docx.Document(str(revised)).element.body.xpath(".//w:ins")


def test_a_report_carrying_script_runs_none(page: Any, tmp_path: Path) -> None:
    hostile = tmp_path / "含脚本的报告.txt"
    hostile.write_text(INJECTED, encoding="utf-8")
    upload(page, hostile)
    view = page.locator("#result-0 .report-view")
    sync_api.expect(view.locator("[id$=text]")).to_contain_text('<script>window.__pwned = 1; alert("脚本运行了")')
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert view.locator("script").count() == 0 and view.locator("img").count() == 0
    assert page.console_errors == []


def test_an_oversized_upload_gets_413(page: Any, server: Server, tmp_path: Path) -> None:
    # The server answers 413 from the length before reading the body and closes; a client still
    # writing the body may see the socket close first (EPIPE) on a busy machine: that is the same
    # refusal, so the request is sent again (the API tests read the 413 without a socket).
    for attempt in range(3):
        try:
            response = page.request.post(server.url + "api/check", multipart={
                "file": {"name": "大报告.txt", "mimeType": "text/plain", "buffer": "很".encode() * LIMIT}})
            break
        except sync_api.Error as exc:
            if ("EPIPE" not in str(exc) and "ECONNRESET" not in str(exc)) or attempt == 2:
                raise
    assert response.status == 413
    assert "上传内容过大" in response.json()["error"]
    # the page says so before sending anything
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/api/" in r.url else None)
    big = tmp_path / "大报告.txt"
    big.write_bytes("很".encode() * LIMIT)
    upload(page, big)
    sync_api.expect(page.locator("#result-0 .error")).to_contain_text("文件过大")
    assert sent == []


def test_several_reports_show_the_audit_overview(page: Any, draft: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from tests.conftest import ROOT

    audit = ROOT / "tests" / "fixtures" / "audit"
    upload(page, draft, audit / "yunxi-county-2023.txt", audit / "yunxi-county-2024.txt")
    frame = page.frame_locator("#overview-frame")
    ranking = frame.locator("#ranking tbody tr")
    sync_api.expect(ranking).to_have_count(3, timeout=60_000)
    sync_api.expect(frame.locator("#ranking")).to_contain_text("柳岸县报告.docx")
    sync_api.expect(frame.locator("#years")).to_contain_text("云溪县")
    assert page.locator("#files button").count() == 4  # all, and one per report
    page.locator("#files button", has_text="yunxi-county-2024.txt").click()
    assert page.locator("#result-2").is_visible() and not page.locator("#result-0").is_visible()
    page.locator("#files button").first.click()
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Excel 汇总表").click()
    saved = tmp_path / "audit.xlsx"
    info.value.save_as(saved)
    book = openpyxl.load_workbook(saved, read_only=True)
    assert len(list(book[book.sheetnames[0]].iter_rows(values_only=True))) == 1 + 3
    assert page.console_errors == []


def test_the_overview_has_a_row_for_a_file_that_cannot_be_checked(page: Any, draft: Path, tmp_path: Path) -> None:
    # as `checker audit` has: one broken file costs one row, in the page's overview too
    from tests.conftest import ROOT

    audit = ROOT / "tests" / "fixtures" / "audit"
    empty = tmp_path / "空文件.docx"
    empty.write_bytes(b"")
    upload(page, draft, audit / "yunxi-county-2023.txt", empty)
    frame = page.frame_locator("#overview-frame")
    sync_api.expect(frame.locator("#ranking")).to_contain_text("空文件.docx", timeout=60_000)
    sync_api.expect(frame.locator("#ranking tbody tr")).to_have_count(3)
    assert page.console_errors == []


def test_no_request_folder_is_left_behind(page: Any, server: Server, draft: Path) -> None:
    upload(page, draft)
    leftovers = [p.name for p in server.temp.iterdir() if p.name.startswith("checker-web-")]
    assert leftovers == []


def in_view(locator: Any, pane: Any) -> bool:
    box, frame = locator.bounding_box(), pane.bounding_box()
    return bool(box and frame and box["y"] >= frame["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"])

