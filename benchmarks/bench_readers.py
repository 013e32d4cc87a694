"""Benchmark: time and peak memory to extract a typical report, one line per format.

    python benchmarks/bench_readers.py [--pages 20] [--runs 7]

Generates the same ~20-page report as .docx, .pdf, .html and GB18030 .txt
(tests/fixtures/make_reports.py), then reads each in a fresh process: the
first read (which includes importing the format's library), the median of the
following reads, and the process's peak RSS (with the interpreter's baseline
before any reader was imported, so the growth is the reader's own).
"""

from __future__ import annotations

import argparse
import json
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
    return {"first_ms": first * 1000, "median_ms": statistics.median(times) * 1000,
            "peak_mb": _rss_mb(), "baseline_mb": baseline, "chars": len(document.text),
            "lines": document.line_count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.runs)))
        return

    sys.path.insert(0, str(ROOT))
    from tests.fixtures.make_reports import write_all

    with tempfile.TemporaryDirectory() as folder:
        files = write_all(Path(folder), args.pages)
        print(f"{'format':<6} {'size':>9} {'chars':>7} {'paras':>6} {'first read':>11} {'median':>9} "
              f"{'peak RSS':>9} {'growth':>8}")
        for kind, path in files.items():
            proc = subprocess.run([sys.executable, __file__, "--one", str(path), "--runs", str(args.runs)],
                                  capture_output=True, text=True, check=True, cwd=ROOT)
            result = json.loads(proc.stdout.splitlines()[-1])
            print(f"{kind:<6} {path.stat().st_size / 1024:>7.0f}KB {result['chars']:>7.0f} {result['lines']:>6.0f} "
                  f"{result['first_ms']:>9.1f}ms {result['median_ms']:>7.1f}ms {result['peak_mb']:>7.1f}MB "
                  f"{result['peak_mb'] - result['baseline_mb']:>6.1f}MB")


if __name__ == "__main__":
    main()
