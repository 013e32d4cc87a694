"""Benchmark: cold `checker check` time, in-process throughput and peak memory.

    python benchmarks/bench_check.py [--runs 10] [--report examples/gov-report-2024.txt]

Prints the median wall time of a cold command-line check (a new process each
time, pack cache warm as after the first run on a machine), the time with the
cache cold, the in-process throughput (reports/second, MB/s) and the peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cold_cli(report: Path, runs: int, cache: str) -> list[float]:
    # An installed package has its bytecode compiled (pip does it at install time);
    # a sandbox may forbid writing .pyc files, which would add ~40 ms of compiling.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CHECKER_CACHE_DIR"] = cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "checker", "check", "--no-color", str(report)],
                       env=env, stdout=subprocess.DEVNULL, check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def in_process(report: Path, seconds: float) -> tuple[int, float]:
    from checker.engine import Options, check_document
    from checker.pack.loader import load_pack
    from checker.readers import read_path

    pack = load_pack()
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        check_document(read_path(str(report)), pack, Options())
        count += 1
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--report", type=Path, default=ROOT / "examples" / "gov-report-2024.txt")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        first = cold_cli(args.report, 1, cache)[0]
        cold_cli(args.report, 1, cache)  # bytecode written
        warm = cold_cli(args.report, args.runs, cache)
    print(f"cold CLI, empty pack cache : {first * 1000:7.1f} ms")
    print(f"cold CLI, pack cached      : {statistics.median(warm) * 1000:7.1f} ms median "
          f"(min {min(warm) * 1000:.1f}, max {max(warm) * 1000:.1f}, {args.runs} runs)")
    count, elapsed = in_process(args.report, args.seconds)
    size = args.report.stat().st_size
    print(f"in-process throughput      : {count / elapsed:7.1f} reports/s, "
          f"{count * size / elapsed / 1e6:.2f} MB/s ({size} bytes per report)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (in-process)      : {peak:7.1f} MB")


if __name__ == "__main__":
    main()
