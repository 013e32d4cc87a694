"""Benchmark: the OCR engine candidates on a scan rendered from the example report.

    python benchmarks/bench_ocr.py [--dpi 150 200] [--engines rapidocr tesseract]

The example report's .docx is printed to PDF by LibreOffice, rasterised, stamped
with a red seal over the issuer's name and given a scanner's skew, noise, blur and
JPEG (tests/fixtures/make_scans.py). Each engine reads every page, either as
scanned (colour) or after the reader's preparation (red channel, paper lifted to
white: ``checker.readers.ocr.prepare``); the boxes go through the reader's line
and paragraph rebuilding and the engine. Reported per engine and input: character
accuracy against the .docx text (difflib ratio, spaces ignored), whether the
issuer's name under the seal came through as a line of its own, the score and the
element verdicts that differ from the .docx's, and seconds per page (wall clock and
this process's plus its children's CPU time).

Needs LibreOffice, the ``ocr`` extra, and for the second candidate Debian's
``tesseract-ocr`` + ``tesseract-ocr-chi-sim``.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import io
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


Boxes = list[tuple[list[tuple[float, float]], str, float]]


def rapidocr(image: Any) -> Boxes:
    from checker.readers import ocr

    result, _ = ocr._engine()(image, use_cls=False)
    return [(box, str(text), float(score)) for box, text, score in result or []]


def tesseract(image: Any) -> Boxes:
    """Words with their boxes (TSV); a line's words joined, as the reader joins characters."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image[:, :, ::-1]).save(buffer, "PNG")
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
                         input=buffer.getvalue(), capture_output=True, check=True)
    boxes: Boxes = []
    for row in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            left, top, width, height = (float(v) for v in cells[6:10])
            boxes.append(([(left, top), (left + width, top), (left + width, top + height), (left, top + height)],
                          cells[11].strip(), float(cells[10])))
    return boxes


def judged(pages: list[Boxes], dpi: int, reference: Any) -> tuple[float, int, list[str]]:
    """Score, element verdicts that differ from the .docx, and the text's lines, when the
    boxes go through the reader's layout and the engine."""
    from checker.engine import check_document
    from checker.pack.loader import load_pack
    from checker.readers import ocr
    from checker.readers.layout import layout, page_lines
    from checker.text.document import Document

    lines = [page_lines(k + 1, ocr.chars_of(boxes, 72 / dpi)) for k, boxes in enumerate(pages)]
    texts, locations = layout(lines)
    document = Document(path="scan.pdf", text="\n".join(texts), format="pdf", line_locations=locations)
    document.ocr_lines = set(range(len(texts)))
    result = check_document(document, load_pack())
    theirs = {e.id: e.status for e in reference.elements}
    return result.score, sum(theirs.get(e.id) != e.status for e in result.elements), texts


ENGINES = {"rapidocr": rapidocr, "tesseract": tesseract}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    args = parser.parse_args()

    import numpy

    from checker.engine import check_document
    from checker.pack.loader import load_pack
    from checker.readers import ocr, read_bytes
    from tests.fixtures.make_reports import build_docx, example_paragraphs
    from tests.fixtures.make_scans import ISSUER, printed, scan_pages

    docx = build_docx(copy.deepcopy(example_paragraphs()), table=[("指标", "数值"), ("行政复议申请", "86件")])
    typed = read_bytes(docx, "a.docx", ".docx")
    truth = "".join(typed.text.split())
    reference = check_document(typed, load_pack())
    pdf = printed(docx)
    engines = [e for e in args.engines if e != "tesseract" or shutil.which("tesseract")]
    ocr._engine()  # model loading is not part of the per-page figure
    print(f".docx score {reference.score:.0f}")
    print(f"{'engine':<10} {'dpi':>4} {'input':<9} {'accuracy':>9} {'issuer':>7} {'score':>6} {'verdicts≠':>9} "
          f"{'wall s/page':>12} {'CPU s/page':>11}")
    for dpi in args.dpi:
        pages = [numpy.ascontiguousarray(numpy.asarray(p)[:, :, ::-1]) for p in scan_pages(pdf, dpi)]
        for engine in engines:
            for label, images in (("colour", pages), ("prepared", [ocr.prepare(p) for p in pages])):
                start, cpu = time.perf_counter(), _cpu()
                boxes = [ENGINES[engine](image) for image in images]
                wall, used = (time.perf_counter() - start) / len(images), (_cpu() - cpu) / len(images)
                score, differ, lines = judged(boxes, dpi, reference)
                text = "".join("".join(lines).split())
                accuracy = difflib.SequenceMatcher(None, truth, text, autojunk=False).ratio()
                issuer = ISSUER in lines[-6:]
                print(f"{engine:<10} {dpi:>4} {label:<9} {accuracy:>8.1%} {'yes' if issuer else 'no':>7} "
                      f"{score:>6.0f} {differ:>9} {wall:>11.1f}s {used:>10.1f}s")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
