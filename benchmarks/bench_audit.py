"""Benchmark: ``checker audit`` on N generated reports, cold and warm cache.

    python benchmarks/bench_audit.py [--sizes 100,1000,10000] [--jobs N] [--corpus DIR]
    python benchmarks/bench_audit.py --profile 300      # where the time goes (cProfile, one process)
    python benchmarks/bench_audit.py --stages 300       # milliseconds per report in each stage

The corpus comes from tests/synthetic.py: reports composed from word lists, so
that distinct reports share only what real ones share (the regulation's wording
and the trade's vocabulary); some leave out a part, 3 % are near-copies of a
recent report (place, figures and a few words changed, clauses swapped) and 40 %
of issuers file two consecutive years. Each size runs the real command
(``checker audit DIR -q``, its table sent to /dev/null) in a fresh process:
first with an empty result cache ("cold": every report is read and checked;
the pack cache is warm, as after a first run on a machine), then again
("warm"). Printed: wall time, reports/second, MB/s of input, and peak RSS of
the main process and of the largest worker, the CPU time per report (all
processes: on a shared machine the wall time depends on what else runs, the
CPU time much less) and the time copy detection took in the main process
(adding each report's signatures to the index, finding candidates and groups,
verifying pairs) with its share of the run. An unchanged batch's comparisons
come from the cache, so a warm run spends nothing there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.synthetic import Generator  # noqa: E402  (the generator the tests use)

COPY_SHARE = 0.03
TWO_YEARS = 0.4


def build_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` reports into ``folder``; return the total size in bytes.

    Distinct reports composed from word lists (tests/synthetic.py), 40 % of issuers with two
    consecutive years, and 3 % near-copies of a recent report (place, figures and a few words
    changed): what copy detection must find without comparing every pair.
    """
    make = Generator(seed)
    rng = make.rng
    folder.mkdir(parents=True, exist_ok=True)
    recent: list[tuple[str, str]] = []
    total = 0
    k = 0
    while k < count:
        place = make.place()
        issuer = make.issuer(place)
        years = [2023, 2024] if rng.random() < TWO_YEARS else [rng.choice((2022, 2023, 2024))]
        for year in years[: count - k]:
            if recent and rng.random() < COPY_SHARE:
                source, source_place = rng.choice(recent)
                text = make.near_copy(source, source_place, place, year_shift=year - 2024)
            else:
                text = make.report(issuer, place, year)
            recent.append((text, place))
            if len(recent) > 200:
                recent.pop(0)
            data = text.encode("utf-8")
            (folder / f"{k:05d}-{year}.txt").write_bytes(data)
            total += len(data)
            k += 1
    return total


DRIVER = """
import json, os, resource, sys, time
from checker.audit import batch
from checker.audit.copies import CopyIndex
from checker.commands.cli import main
spent = [0.0]
def timed(function):
    def run(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - begun
    return run
batch._copies = timed(batch._copies)  # candidates, groups, exact verification of pairs
CopyIndex.add = timed(CopyIndex.add)  # each report's signatures into the index, as results stream in
started = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
elapsed = time.perf_counter() - started
times = os.times()
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "copies": spent[0], "main_kb": own, "worker_kb": children,
                  "main_cpu": times.user + times.system,
                  "worker_cpu": times.children_user + times.children_system}), file=sys.stderr)
"""


def run(corpus: Path, cache: Path, jobs: int | None) -> dict[str, float]:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", DRIVER, "audit", str(corpus), "-q"]
    if jobs is not None:
        command += ["-j", str(jobs)]
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    result: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def measure(size: int, jobs: int | None, keep: Path | None) -> None:
    base = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    corpus = (keep / f"corpus-{size}") if keep else base / "corpus"
    try:
        if not corpus.exists() or len(list(corpus.iterdir())) != size:
            shutil.rmtree(corpus, ignore_errors=True)
            build_corpus(corpus, size)
        total = sum(p.stat().st_size for p in corpus.iterdir())
        cache = base / "cache"
        warmup = base / "one"
        warmup.mkdir()
        shutil.copy(next(corpus.iterdir()), warmup)
        run(warmup, cache, 1)  # the pack cache, as after a first run on this machine
        shutil.rmtree(cache / "audit", ignore_errors=True)
        cold = run(corpus, cache, jobs)
        warm = run(corpus, cache, jobs)
        for label, r in (("cold", cold), ("warm", warm)):
            cpu = (r["main_cpu"] + r["worker_cpu"]) / size * 1000
            print(f"N={size:>6}  {label}: {r['seconds']:7.2f} s  {size / r['seconds']:7.0f} reports/s  "
                  f"{total / r['seconds'] / 1e6:6.2f} MB/s  CPU {cpu:5.2f} ms/report "
                  f"(main {r['main_cpu']:.1f} s)  peak RSS main {r['main_kb'] / 1024:5.1f} MB, "
                  f"largest worker {r['worker_kb'] / 1024:5.1f} MB; copy detection {r['copies']:.2f} s "
                  f"({r['copies'] / r['seconds'] * 100:.0f} % of the run, "
                  f"{r['copies'] / size * 1e6:.0f} µs/report)")
        print(f"N={size:>6}  corpus {total / 1e6:.1f} MB ({total / size / 1024:.1f} KB per report); "
              f"warm is {cold['seconds'] / warm['seconds']:.1f}x faster than cold")
        sys.stdout.flush()
    finally:
        shutil.rmtree(base, ignore_errors=True)


def profile(size: int) -> None:
    """Profile checking ``size`` reports in this process (no pool, no cache)."""
    import cProfile
    import pstats

    from checker.audit.batch import run_audit
    from checker.audit.worker import AuditConfig

    with tempfile.TemporaryDirectory() as folder:
        build_corpus(Path(folder), size)
        paths = sorted(str(p) for p in Path(folder).iterdir())
        run_audit(paths[:5], AuditConfig(use_cache=False), jobs=0).close()  # compile patterns first
        profiler = cProfile.Profile()
        profiler.enable()
        audit = run_audit(paths, AuditConfig(use_cache=False), jobs=0)
        profiler.disable()
        print(f"{size} reports in one process: {audit.elapsed:.2f} s ({size / audit.elapsed:.0f} reports/s)")
        audit.close()
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def stages(size: int) -> None:
    """Milliseconds per report in each stage of checking one report (one process, no cache)."""
    import time
    from collections import defaultdict

    from checker import engine, kinds
    from checker.audit import features, minhash, worker
    from checker.pack.loader import load_pack
    from checker.readers import read_bytes

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, func: Any) -> Any:
        def run(*args: Any) -> Any:
            started = time.perf_counter()
            result = func(*args)
            spent[name] += time.perf_counter() - started
            return result
        return run

    original_runner = kinds.runner
    engine.kinds.runner = lambda kind: timed(f"  engine: rules {kind}", lambda r, c: list(original_runner(kind)(r, c)))
    engine.build_view = timed("  engine: normalise", engine.build_view)
    engine.build_outline = timed("  engine: outline", engine.build_outline)
    minhash.shingles = timed("  features: shingles", minhash.shingles)
    minhash.signatures = timed("  features: signatures", minhash.signatures)
    pack = load_pack()
    with tempfile.TemporaryDirectory() as folder:
        build_corpus(Path(folder), size)
        files = [(p.read_bytes(), str(p)) for p in sorted(Path(folder).iterdir())]
    for data, name in files[:5]:  # compile the patterns first
        engine.check_document_with_context(read_bytes(data, name, ".txt"), pack)
    spent.clear()
    started = time.perf_counter()
    for data, name in files:
        document = timed("read (decode)", read_bytes)(data, name, ".txt")
        result, ctx = timed("engine, in all", engine.check_document_with_context)(document, pack)
        report = result.to_dict()
        found = timed("audit features", features.extract)(result, ctx)
        timed("encode (JSON)", worker.encode)(report, found, len(data), worker.element_order(pack))
    total = time.perf_counter() - started
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{name:28s} {seconds / len(files) * 1000:6.2f} ms/report")
    print(f"{'total':28s} {total / len(files) * 1000:6.2f} ms/report ({len(files) / total:.0f} reports/s, one core)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, help="worker processes (default: all cores)")
    parser.add_argument("--corpus", type=Path, help="keep generated corpora in this folder for re-runs")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N reports in one process instead")
    parser.add_argument("--stages", type=int, metavar="N", help="time each stage of checking N reports")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return
    if args.stages:
        stages(args.stages)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.jobs, args.corpus)


if __name__ == "__main__":
    main()
