"""Benchmark: cold `checker check` time, in-process throughput and peak memory.

    python benchmarks/bench_check.py [--runs 10] [--report examples/gov-report-2024.txt]
                                     [--baseline /path/to/another/checkout]

Prints the median wall time of a cold command-line check (a new process each
time, pack cache warm as after the first run on a machine), the time with the
cache cold, the CPU time of the same cold check with the word tables (the
``confusable`` rules) turned off, so that their cost shows as a percentage, the in-process throughput
(reports/second, MB/s) and the peak RSS. With ``--baseline`` the cold check of
another checkout (say the main branch before a change) is measured alternately
with this one, and the difference printed: a larger pack should stay within 10 %.
The comparisons use CPU time, which other processes on a shared machine do not inflate.
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


def cold_cli(report: Path, runs: int, cache: str, tree: Path = ROOT,
             pack: Path | None = None) -> list[float]:
    # An installed package has its bytecode compiled (pip does it at install time);
    # a sandbox may forbid writing .pyc files, which would add ~40 ms of compiling.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CHECKER_CACHE_DIR"] = cache
    env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "checker", "check", "--no-color", str(report.resolve())]
    if pack is not None:
        command += ["--pack", str(pack)]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False, cwd=tree)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(time.perf_counter() - start)
        CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times


# CPU seconds of each cold run, in order: on a shared machine the wall time also counts the
# time other processes held the cores; CPU time counts only the check's own work.
CPU: list[float] = []


def without_tables(folder: Path) -> Path:
    """A pack that extends the built-in one with its word tables (kind ``confusable``) disabled."""
    from checker.pack.loader import load_pack

    disabled = [r.id for r in load_pack().rules if r.kind == "confusable"]
    pack = folder / "no-tables"
    pack.mkdir()
    lines = ["pack: no-tables", "name: 对照表关闭", "version: '0'", "extends: fazhi-annual", "disable:"]
    lines += [f"  - {rule_id}" for rule_id in disabled] or ["  []"]
    (pack / "pack.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def alternating(report: Path, runs: int, cache: str, a: dict[str, object],
                b: dict[str, object]) -> tuple[list[float], list[float]]:
    """Median-friendly pairs: A and B run in turn, so that machine noise falls on both."""
    first: list[float] = []
    second: list[float] = []
    for _ in range(runs):
        cold_cli(report, 1, cache, **a)  # type: ignore[arg-type]
        first.append(CPU[-1])
        cold_cli(report, 1, cache, **b)  # type: ignore[arg-type]
        second.append(CPU[-1])
    return first, second


def _percent(new: list[float], old: list[float]) -> str:
    change = (statistics.median(new) / statistics.median(old) - 1) * 100
    return f"{change:+.1f} %"


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
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (e.g. main) to compare the cold check with")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        first = cold_cli(args.report, 1, cache)[0]
        cold_cli(args.report, 1, cache)  # bytecode written
        warm = cold_cli(args.report, args.runs, cache)
        plain = without_tables(Path(cache))
        cold_cli(args.report, 1, cache, pack=plain)  # its merged pack cached
        full, off = alternating(args.report, args.runs, cache, {}, {"pack": plain})
        if args.baseline is not None:
            cold_cli(args.report, 2, cache, tree=args.baseline)
            mine, theirs = alternating(args.report, args.runs, cache, {}, {"tree": args.baseline})
    print(f"cold CLI, empty pack cache : {first * 1000:7.1f} ms")
    print(f"cold CLI, pack cached      : {statistics.median(warm) * 1000:7.1f} ms median "
          f"(min {min(warm) * 1000:.1f}, max {max(warm) * 1000:.1f}, {args.runs} runs)")
    print(f"cold CLI CPU, tables off   : {statistics.median(off) * 1000:7.1f} ms median; with the word "
          f"tables {statistics.median(full) * 1000:.1f} ms ({_percent(full, off)})")
    if args.baseline is not None:
        print(f"cold CLI CPU, baseline     : {statistics.median(theirs) * 1000:7.1f} ms median "
              f"({args.baseline}); this tree {statistics.median(mine) * 1000:.1f} ms "
              f"({_percent(mine, theirs)})")
    count, elapsed = in_process(args.report, args.seconds)
    size = args.report.stat().st_size
    print(f"in-process throughput      : {count / elapsed:7.1f} reports/s, "
          f"{count * size / elapsed / 1e6:.2f} MB/s ({size} bytes per report)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (in-process)      : {peak:7.1f} MB")


if __name__ == "__main__":
    main()
