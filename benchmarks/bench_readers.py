"""Benchmark: time and peak memory to extract a typical report, one line per format.

    python benchmarks/bench_readers.py [--pages 20] [--runs 7]

Generates the same ~20-page report as .docx, .pdf, .html, GB18030 .txt and .ofd
(tests/fixtures/make_reports.py, make_ofd.py), and, when LibreOffice is installed,
as .doc/.wps (saved by LibreOffice from the .docx; read through LibreOffice and, with
CHECKER_SOFFICE=off, through the piece table); with the ocr extra too, a scanned PDF
(the .docx printed by LibreOffice, rasterised at 150 dpi, first ``--scan-pages``
pages) and one page as .png (make_scans.py). Each is read in a fresh process: the
first read (which includes importing the format's library), the median of the
following reads (one read for OCR), the process's peak RSS (with the interpreter's
baseline before any reader was imported, so the growth is the reader's own), and for
OCR the seconds per page.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rss_mb() -> float:
    """Peak resident memory of this process. ru_maxrss survives exec (it would report the
    parent's peak), so read the kernel's high-water mark of this process image first."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def measure_one(path: str, runs: int) -> dict[str, float]:
    """Run inside the child process."""
    from checker.readers import read_path

    baseline = _rss_mb()
    start = time.perf_counter()
    document = read_path(path)
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_path(path)
        times.append(time.perf_counter() - start)
    return {"first_ms": first * 1000, "median_ms": (statistics.median(times) if times else first) * 1000,
            "peak_mb": _rss_mb(), "baseline_mb": baseline, "chars": len(document.text),
            "lines": document.line_count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scan-pages", type=int, default=3, help="pages of the scanned PDF (OCR)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.runs)))
        return

    sys.path.insert(0, str(ROOT))
    from tests.fixtures.make_reports import write_all

    with tempfile.TemporaryDirectory() as folder:
        files: dict[str, tuple[Path, dict[str, str], int]] = {
            kind: (path, {}, args.runs) for kind, path in write_all(Path(folder), args.pages).items()}
        files.update(_offices_formats(Path(folder), files["docx"][0], args))
        print(f"{'format':<12} {'size':>9} {'chars':>7} {'paras':>6} {'first read':>11} {'median':>9} "
              f"{'peak RSS':>9} {'growth':>8} {'s/page':>7}")
        for kind, (path, env, runs) in files.items():
            proc = subprocess.run([sys.executable, __file__, "--one", str(path), "--runs", str(runs)],
                                  capture_output=True, text=True, check=True, cwd=ROOT, env={**os.environ, **env})
            result = json.loads(proc.stdout.splitlines()[-1])
            per_page = ""
            if env.get("pages"):
                per_page = f"{result['first_ms'] / 1000 / int(env['pages']):.1f}"
            median = f"{result['median_ms']:>7.1f}ms" if runs else f"{'–':>9}"
            print(f"{kind:<12} {path.stat().st_size / 1024:>7.0f}KB {result['chars']:>7.0f} {result['lines']:>6.0f} "
                  f"{result['first_ms']:>9.1f}ms {median} {result['peak_mb']:>7.1f}MB "
                  f"{result['peak_mb'] - result['baseline_mb']:>6.1f}MB {per_page:>7}")


def _offices_formats(folder: Path, docx: Path, args: argparse.Namespace) -> dict[str, tuple[Path, dict[str, str], int]]:
    """.ofd always; .doc/.wps with LibreOffice; a scanned PDF and a .png with the ocr extra too."""
    from checker.readers import ocr
    from checker.readers.doc import find_soffice
    from tests.fixtures.make_ofd import build_ofd
    from tests.fixtures.make_reports import long_paragraphs

    out: dict[str, tuple[Path, dict[str, str], int]] = {}
    ofd = folder / "report.ofd"
    ofd.write_bytes(build_ofd(long_paragraphs(args.pages)))
    out["ofd"] = (ofd, {}, args.runs)
    if find_soffice() is None:
        return out
    from tests.fixtures.make_scans import image_pdf, picture_bytes, printed, scan_pages, word97

    doc = folder / "report.doc"
    doc.write_bytes(word97(docx.read_bytes()))
    wps = folder / "report.wps"
    wps.write_bytes(doc.read_bytes())
    out["doc"] = (doc, {}, min(args.runs, 3))
    out["wps"] = (wps, {}, min(args.runs, 3))
    out["doc (pieces)"] = (doc, {"CHECKER_SOFFICE": "off"}, args.runs)
    if not ocr.available():
        return out
    import pypdfium2 as pdfium

    printed_pdf = pdfium.PdfDocument(printed(docx.read_bytes()))
    first = pdfium.PdfDocument.new()
    first.import_pages(printed_pdf, list(range(min(args.scan_pages, len(printed_pdf)))))
    buffer = io.BytesIO()
    first.save(buffer)
    pages = scan_pages(buffer.getvalue(), 150)
    scan = folder / "scan.pdf"
    scan.write_bytes(image_pdf(pages, 150))
    png = folder / "page.png"
    png.write_bytes(picture_bytes(pages[0], "PNG"))
    out["scan pdf"] = (scan, {"pages": str(len(pages))}, 0)
    out["png"] = (png, {"pages": "1"}, 0)
    return out


if __name__ == "__main__":
    main()
