"""Benchmark: check time against report size, to show every stage is linear.

    python benchmarks/bench_scaling.py [--sizes 10K,1M,10M] [--shapes]

Builds report text of each size by repeating the body of the example report
(headings, figures, dates, findings), writes it to a temporary .txt file and
times ``check_path`` on it in this process (pack loaded beforehand). Prints,
per size, the wall and processor seconds, the processor microseconds per KB
(flat when the time is linear; processor time, because wall time on a shared
machine measures the neighbours) and how many findings and warnings the report
got (a rule that ran out of its time limit shows as a warning).

``--shapes`` adds the hostile shapes of the same sizes: one heading marker per
line (``一、`` repeated), and the whole text as a single line.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "gov-report-2024.txt"


def parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024 * 1024}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def report_text(size: int) -> str:
    """The example report with its body repeated until the text is ``size`` bytes (UTF-8)."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    head, body, tail = lines[:5], lines[5:-3], lines[-3:]
    out = list(head)
    total = sum(len(s.encode()) + 1 for s in head + tail)
    while total < size:
        for line in body:
            out.append(line)
            total += len(line.encode()) + 1
            if total >= size:
                break
    return "\n".join(out + tail)


def heading_lines(size: int) -> str:
    return "一、\n" * (size // len("一、\n".encode()))


def single_line(size: int) -> str:
    return report_text(size).replace("\n", "")


def time_one(text: str, time_limit: float | None) -> tuple[float, float, int, int]:
    """Wall and processor seconds, findings and warnings of one check of ``text``."""
    from checker.engine import check_path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_text(text, encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        result = check_path(str(path), max_bytes=64 * 1024 * 1024, time_limit=time_limit)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return elapsed, cpu, len(result.findings), len(result.warnings) + (1 if result.error else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10K,1M,10M")
    parser.add_argument("--shapes", action="store_true", help="also the hostile shapes")
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds per rule (default: the tool's); raise it on a busy machine, "
                             "where a rule that runs out of time shows as a warning")
    args = parser.parse_args()

    import os

    os.environ.setdefault("CHECKER_MAX_TEXT_CHARS", str(20_000_000))
    from checker.pack.loader import load_pack

    load_pack()
    time_one(report_text(10 * 1024), None)  # readers, kinds and patterns imported and compiled
    builders: list[tuple[str, Callable[[int], str]]] = [("report text", report_text)]
    if args.shapes:
        builders += [("一、 per line", heading_lines), ("one line", single_line)]
    print(f"{'shape':<14} {'size':>8} {'seconds':>9} {'cpu s':>8} {'cpu µs/KB':>10} {'findings':>9} "
          f"{'warnings':>9}")
    for name, build in builders:
        for size_text in args.sizes.split(","):
            size = parse_size(size_text)
            text = build(size)
            elapsed, cpu, findings, warnings = time_one(text, args.time_limit)
            kb = len(text.encode()) / 1024
            print(f"{name:<14} {size_text:>8} {elapsed:9.2f} {cpu:8.2f} {cpu / kb * 1e6:10.0f} "
                  f"{findings:9d} {warnings:9d}", flush=True)


if __name__ == "__main__":
    main()
