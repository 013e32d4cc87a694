"""Benchmark: the annotated copy, the tracked-change copy and the one-report page, and pictures of them.

    python benchmarks/bench_annotate.py [--pages 20] [--runs 5] [--render OUT_DIR]

Times, in process, for the test draft (tests/fixtures/drafts.py) and a ~20-page
Word report (tests/fixtures/make_reports.py) with the draft's defects repeated:
checking, writing 报告.批注.docx, writing 报告.修订.docx and the HTML page (median
of ``--runs``). With ``--render``, also writes the copies, their PDFs and PNG
pages (LibreOffice headless, then pdftoppm) and a screenshot of the page
(headless Chromium) into OUT_DIR, for a person to look at.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(function: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def long_draft(pages: int) -> bytes:
    from tests.fixtures.drafts import BODY, TABLE, TITLE
    from tests.fixtures.make_reports import Para, build_docx

    body = list(BODY)
    measures = [p for p in BODY if p.level == 2]
    while sum(len(p.text) for p in body) < pages * 1300:
        at = next(k for k, p in enumerate(body) if p.level == 1 and k > 3)
        body[at:at] = [Para(p.text, 2) for p in measures]
    return build_docx([Para(TITLE[0], title=True), Para(TITLE[1], title=True), *body], table=TABLE)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--render", type=Path, help="write the copies, PDFs, PNGs and a page screenshot here")
    args = parser.parse_args()

    from checker.engine import Options, check_document
    from checker.pack.loader import load_pack
    from checker.readers import read_bytes
    from checker.render.html_page import page
    from checker.render.word.comments import annotate_with_places
    from checker.render.word.revisions import revise
    from tests.fixtures.drafts import draft_docx

    pack = load_pack(None)
    print(f"{'report':<22}{'paras':>6}{'finds':>6}{'check':>9}{'批注':>9}{'修订':>9}{'page':>9}"
          f"  (ms, median of {args.runs})")
    for name, data in (("draft (1 page)", draft_docx()), (f"long ({args.pages} pages)", long_draft(args.pages))):
        document = read_bytes(data, "报告.docx", ".docx")
        report = check_document(document, pack, Options()).to_dict()
        check = median_ms(lambda d=document: check_document(d, pack, Options()), args.runs)  # type: ignore[misc]
        annotate = median_ms(lambda r=report, d=data: annotate_with_places(r, d), args.runs)  # type: ignore[misc]
        tracked = median_ms(lambda r=report, d=data: revise(r, d), args.runs)  # type: ignore[misc]
        html = median_ms(lambda r=report, d=document: page(r, d.text), args.runs)  # type: ignore[misc]
        print(f"{name:<22}{document.line_count:>6}{len(report['findings']):>6}{check:>9.1f}{annotate:>9.1f}"
              f"{tracked:>9.1f}{html:>9.1f}")
    if args.render:
        render(args.render, draft_docx())


def render(folder: Path, data: bytes) -> None:
    """The draft's copies as pictures: PDF and PNG pages by LibreOffice and poppler, the page by Chromium."""
    from checker.engine import Options, check_document
    from checker.pack.loader import load_pack
    from checker.readers import read_bytes
    from checker.render.html_page import page
    from checker.render.word.comments import annotate_with_places, comment_text, summary
    from checker.render.word.revisions import revise
    from tests.fixtures import office

    folder.mkdir(parents=True, exist_ok=True)
    document = read_bytes(data, "报告.docx", ".docx")
    report = check_document(document, load_pack(None), Options()).to_dict()
    (folder / "报告.docx").write_bytes(data)
    annotated, placed = annotate_with_places(report, data)
    (folder / "报告.批注.docx").write_bytes(annotated)
    # LibreOffice draws a comment as an icon: the list says what each one says and where it hangs.
    (folder / "报告.批注.txt").write_text("".join(
        f"【{p.anchor}】{'' if p.exact else '（整段或标题）'}\n  " + "\n  ".join(
            (summary(report) if p.finding is None else comment_text(p.finding, None)).split("\n")) + "\n"
        for p in placed), encoding="utf-8")
    (folder / "报告.修订.docx").write_bytes(revise(report, data)[0])
    (folder / "报告.html").write_text(page(report, document.text), encoding="utf-8")
    if office.SOFFICE and office.PDFTOPPM:
        pdfs = office.to_pdf([folder / "报告.批注.docx", folder / "报告.修订.docx"], folder, folder / ".profile")
        for pdf in pdfs:
            pages = office.to_png(pdf, folder / pdf.stem)
            print(f"{pdf.name}: {len(office.notes(pdf))} comment icons; pages {', '.join(p.name for p in pages)}")
        shutil.rmtree(folder / ".profile", ignore_errors=True)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={folder / '.chromium'}", "--window-size=1280,3600",
                        f"--screenshot={folder / '报告.html.png'}", (folder / "报告.html").as_uri()],
                       capture_output=True, timeout=120, check=False)
        shutil.rmtree(folder / ".chromium", ignore_errors=True)
    print(f"written to {folder}")


if __name__ == "__main__":
    main()
