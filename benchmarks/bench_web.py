"""Benchmark and picture of ``checker serve``: request times, and the page as a drafter sees it.

    python benchmarks/bench_web.py [--runs 5] [--pages 20] [--shot docs/web.png]

Starts the real server (``checker serve --port 0``) and times, over HTTP, the
page's own requests for the test draft (tests/fixtures/drafts.py, a Word file)
and a ~20-page Word report: ``/api/view`` (check + the report's article),
``/api/annotate``, ``/api/fix``, ``/api/page``, and ``/api/audit`` (XLSX) for ten
reports; and how long ``/api/info`` takes while the long report is being checked
(the page stays responsive). With ``--shot``, drives the page in headless
Chromium at 1400 px wide, uploads the draft, clicks a finding and saves a
screenshot (the one in the README).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(client: Any, path: str, files: list[tuple[str, tuple[str, bytes]]], runs: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.post(path, files=files)
        times.append(time.perf_counter() - start)
        status = response.status_code
    return statistics.median(times) * 1000, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--shot", type=Path, help="write a screenshot of the page here (PNG)")
    args = parser.parse_args()

    import httpx2 as httpx
    from bench_annotate import long_draft  # benchmarks/ is the script's folder

    from tests.fixtures.drafts import draft_docx
    from tests.web_server import serve

    draft, long = draft_docx(), long_draft(args.pages)
    audit_dir = ROOT / "tests" / "fixtures" / "audit"
    batch = [("files", (p.name, p.read_bytes())) for p in sorted(audit_dir.iterdir())]
    batch += [("files", (f"草稿{k}.docx", draft)) for k in range(10 - len(batch))]
    with tempfile.TemporaryDirectory() as temp:
        started = time.perf_counter()
        with serve(Path(temp), "-j", "2") as server:
            print(f"server ready (2 workers spawned, pack loaded): {time.perf_counter() - started:.2f} s")
            with httpx.Client(base_url=server.url, timeout=300) as client:
                client.post("/api/view", files=[("file", ("warm.docx", draft))])  # each worker's first report
                client.post("/api/view", files=[("file", ("warm.docx", draft))])
                for label, data in (("draft (1 page)", draft), (f"long ({args.pages} pages)", long)):
                    one = [("file", ("报告.docx", data))]
                    for path in ("/api/view", "/api/annotate", "/api/fix", "/api/page"):
                        ms, status = timed(client, path, one, args.runs)
                        print(f"{label:18} {path:14} {ms:8.0f} ms  (HTTP {status}, {len(data) // 1024} KB)")
                ms, status = timed(client, "/api/audit?format=xlsx", batch, max(1, args.runs // 2))
                print(f"{'10 reports':18} {'/api/audit xlsx':14} {ms:8.0f} ms  (HTTP {status})")
                print(f"while checking the long report, /api/info answers in {busy_info(server.url, long):.0f} ms")
            if args.shot:
                shoot(server.url, draft, args.shot)
                print(f"wrote {args.shot}")


def busy_info(url: str, data: bytes) -> float:
    import httpx2 as httpx

    def check() -> None:
        with httpx.Client(base_url=url, timeout=300) as slow:
            slow.post("/api/view", files=[("file", ("长报告.docx", data))])

    worker = threading.Thread(target=check)
    worker.start()
    time.sleep(0.3)
    with httpx.Client(base_url=url, timeout=30) as client:
        start = time.perf_counter()
        client.get("/api/info")
        elapsed = (time.perf_counter() - start) * 1000
    worker.join()
    return elapsed


def shoot(url: str, draft: bytes, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.web_server import CHROMIUM, CHROMIUM_ARGS

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "柳岸县2024年度法治政府建设情况报告.docx"
        path.write_bytes(draft)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_selector("#template option[value=gov-annual]", state="attached")
        page.set_input_files("#file-input", str(path))
        page.wait_for_selector("body[data-done]", timeout=60_000)
        # Show what a click does: the finding about 谁普法谁执法 and its passage, outlined.
        page.locator("#result-0 ol.findings > li", has_text="谁执法谁普法").first.locator(".passage").click()
        page.wait_for_timeout(900)
        page.evaluate("window.scrollTo(0, 0)")
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        browser.close()


if __name__ == "__main__":
    main()
