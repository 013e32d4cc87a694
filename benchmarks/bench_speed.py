"""Benchmark: every speed target of the tool in one run, optionally against another checkout.

    python benchmarks/bench_speed.py [--baseline /path/to/main] [--repeat 3] [--audit 1000]
                                     [--memory 250,1000,3000] [--only engine,audit,cold,cache,memory,rivals]

Printed with the machine's core count, each as the median of ``--repeat`` runs
(with ``--baseline``, which may be repeated, the trees run in turn, so that a shared machine's noise
falls on both):

* **engine**: reports checked per CPU-second in one process (read, decode,
  check), over the shared corpus's ``seeds`` and ``dev`` folders, read where they
  are at run time (never copied), after a first pass that compiles the patterns;
* **rival**: AutoCorrect's lint (``autocorrect-py``, in the ``dev`` extra) on the same files,
  reports per CPU-second, and how many times faster per core it is than the engine
  (the row is skipped when the package is not installed);
* **floor**: on the generated batch, reading each file, decoding it and one scan
  for 300 phrases (one ``re`` alternation): the least a checker can do;
* **audit**: ``checker audit --no-cache -j 2`` of ``--audit`` generated text
  reports (tests/synthetic.py), in a fresh process: reports/s, and how many times
  the floor's time (on one core) it takes, and the main process's CPU time (start-up, loading
  the pack from its files, the rows, copy detection: what the workers do not share);
* **cold**: ``checker check`` of one report in a new process, bytecode compiled
  (as pip installs it), the pack cache warm (as after a first run): wall and CPU;
* **cache**: the audit's cache entry against the report's own size (generated
  reports and the corpus's ``dev`` files);
* **memory**: the audit's main-process peak RSS for each batch size of ``--memory``.

Each tree runs in processes of its own (``PYTHONPATH`` set to it), so that
``--baseline`` compares this checkout with, say, ``git archive main`` unpacked in
a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_audit import build_corpus  # noqa: E402  (the audit benchmark's generator)

CORPUS = ROOT.parent / "shared" / "corpus"
SECTIONS = ("engine", "rivals", "audit", "cold", "cache", "memory")
FLOOR_PHRASES = 300
TARGETS = {"engine": 250.0, "audit": 400.0, "floor_ratio": 10.0, "cold": 0.15, "cache_ratio": 1.0}

ENGINE = """
import json, sys, time
from checker.engine import Options, check_document
from checker.pack.loader import load_pack
from checker.readers import read_path
paths = sys.argv[1:]
pack = load_pack()
for path in paths:  # compile the patterns the reports need
    check_document(read_path(path), pack, Options())
count, cpu, began, wall = 0, time.process_time(), time.perf_counter(), 0.0
while time.process_time() - cpu < 3.0:
    for path in paths:
        check_document(read_path(path), pack, Options())
    count += len(paths)
print(json.dumps({"reports": count, "cpu": time.process_time() - cpu, "wall": time.perf_counter() - began}))
"""

AUDIT = """
import json, os, resource, sys, time
from checker.commands.cli import main
began = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
wall = time.perf_counter() - began
times = os.times()
print(json.dumps({"wall": wall, "main_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "main_cpu": times.user + times.system,
                  "worker_cpu": times.children_user + times.children_system}), file=sys.stderr)
"""

CACHE = """
import json, os, sys
from checker.audit import cache
from checker.audit.batch import run_audit
from checker.audit.worker import AuditConfig
paths = sys.argv[1:]
audit = run_audit(paths, AuditConfig(use_cache=True), jobs=2)
ratios = []
for row in audit.rows:
    if row.error or not isinstance(row.location, str):
        continue
    ratios.append((os.path.getsize(cache.location(row.location)), row.size))
audit.close()
print(json.dumps(ratios))
"""


# ---------------------------------------------------------------- helpers


def tree_env(tree: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), CHECKER_CACHE_DIR=str(cache))
    return env


def run_driver(tree: Path, cache: Path, driver: str, args: list[str]) -> Any:
    done = subprocess.run([sys.executable, "-c", driver, *args], env=tree_env(tree, cache), cwd=tree,
                          capture_output=True, text=True, check=False)
    lines = (done.stdout.strip() or done.stderr.strip()).splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"driver failed in {tree}:\n{done.stderr[-2000:]}") from None


def audit_run(tree: Path, cache: Path, folder: Path, extra: list[str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", AUDIT, "audit", str(folder), "-q", *extra],
                          env=tree_env(tree, cache), cwd=tree, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    try:
        result: dict[str, float] = json.loads(done.stderr.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit(f"audit failed in {tree}:\n{done.stderr[-2000:]}") from None
    return result


def corpus_files(corpus: Path, *names: str) -> list[Path]:
    files: list[Path] = []
    for name in names:
        folder = corpus / name
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
    return files


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def calibration() -> float:
    """CPU seconds of a fixed pure-Python loop (best of 5): how fast this machine is just now."""
    best = float("inf")
    for _ in range(5):
        began = time.process_time()
        sum(range(10**6))
        best = min(best, time.process_time() - began)
    return best


# ---------------------------------------------------------------- measurements


def engine_rate(tree: Path, cache: Path, files: list[Path]) -> float:
    result = run_driver(tree, cache, ENGINE, [str(p) for p in files])
    return float(result["reports"] / result["cpu"])


def autocorrect_rate(files: list[Path]) -> float | None:
    try:
        import autocorrect_py  # type: ignore[import-not-found]
    except ImportError:
        return None
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in files]
    for text, name in texts:
        autocorrect_py.lint_for(text, name)
    count, began = 0, time.process_time()
    while time.process_time() - began < 2.0:
        for text, name in texts:
            autocorrect_py.lint_for(text, name)
        count += len(texts)
    return count / (time.process_time() - began)


def floor_phrases() -> list[str]:
    """300 phrases: the pack's plain literals (word tables, phrase gates), then the generator's words."""
    from checker.pack.loader import load_pack
    from tests import synthetic

    found: dict[str, None] = {}
    for rule in load_pack().rules:
        for row in rule.get("table", []):
            wrong = row.get("wrong", [])
            found.update(dict.fromkeys([wrong] if isinstance(wrong, str) else wrong))
        for entry in rule.get("entries", []):
            found.update(dict.fromkeys(entry.get("contains", [])))
    for words in (synthetic.OBJECTS, synthetic.MEANS, synthetic.PROBLEMS, synthetic.CAUSES, synthetic.RESULTS):
        found.update(dict.fromkeys(w.split("{")[0] for w in words))
    syllables = synthetic.SYLLABLES
    k = 0
    while len(found) < FLOOR_PHRASES:
        found[syllables[k % len(syllables)] + syllables[(k * 7 + 3) % len(syllables)] + "工作"] = None
        k += 1
    return list(found)[:FLOOR_PHRASES]


def floor_pass(files: list[Path], phrases: list[str]) -> tuple[float, int]:
    """Seconds (wall, one core) to read, decode and scan every file once; and the hits found."""
    scan = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    began = time.perf_counter()
    hits = 0
    for path in files:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        hits += sum(1 for _ in scan.finditer(text))
    return time.perf_counter() - began, hits


def cold_check(tree: Path, cache: Path, report: Path, command: list[str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of ``checker check`` of one report (or of ``command``) in a new process."""
    before = os.times()
    began = time.perf_counter()
    argv = command or ["-m", "checker", "check", "--no-color", str(report)]
    subprocess.run([sys.executable, *argv], env=tree_env(tree, cache),
                   cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - began
    after = os.times()
    return wall, after.children_user - before.children_user + after.children_system - before.children_system


# ---------------------------------------------------------------- the run


class Table:
    def __init__(self, trees: dict[str, Path]) -> None:
        self.trees = trees
        self.values: dict[str, dict[str, list[float]]] = {}

    def add(self, key: str, label: str, value: float) -> None:
        self.values.setdefault(key, {}).setdefault(label, []).append(value)

    def get(self, key: str, label: str) -> float:
        return median(self.values.get(key, {}).get(label, []))


def repeated(trees: dict[str, Path], repeat: int, measure: Callable[[str, Path], None]) -> None:
    """Run ``measure`` for every tree in turn, ``repeat`` times."""
    for _ in range(repeat):
        for label, tree in trees.items():
            measure(label, tree)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, action="append", default=[],
                        help="another checkout to measure in turn with this one (may be repeated)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--audit", type=int, default=1000, help="generated reports for the audit")
    parser.add_argument("--memory", default="250,1000,3000", help="batch sizes for the main process's memory")
    parser.add_argument("--report", type=Path, default=ROOT / "examples" / "gov-report-2024.txt",
                        help="the report of the cold check")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to run")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the labelled corpus (its seeds and dev folders)")
    parser.add_argument("--json", type=Path, help="also write the medians to this file")
    args = parser.parse_args()
    only = set(args.only.split(","))
    trees = {"this": ROOT}
    for other in args.baseline:
        trees[other.resolve().name[:15]] = other.resolve()
    table = Table(trees)
    scratch = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    try:
        caches = {label: scratch / f"cache-{label}" for label in trees}
        for label, tree in trees.items():
            # Bytecode as pip compiles it at install time; the pack cache warm, as after a first run.
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "checker")],
                           env=tree_env(tree, caches[label]), stdout=subprocess.DEVNULL, check=False)
            cold_check(tree, caches[label], args.report.resolve())
        batch = scratch / "batch"
        sizes = sorted({args.audit, *(int(s) for s in args.memory.split(",") if s)})
        if only & {"audit", "memory", "cache"}:
            build_corpus(batch, max(sizes))
        batch_files = sorted(batch.iterdir()) if batch.is_dir() else []
        corpus = corpus_files(args.corpus, "seeds", "dev")
        if not corpus:
            raise SystemExit(f"no reports in {args.corpus}/seeds or dev (give --corpus)")
        print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"load average {os.getloadavg()[0]:.1f}, sum(range(10**6)) in {calibration() * 1000:.0f} ms CPU "
              f"(this core's speed just now, to compare runs); {args.repeat} runs each, medians")
        if "engine" in only or "rivals" in only:
            size = sum(p.stat().st_size for p in corpus) / max(len(corpus), 1) / 1024
            print(f"engine corpus: {len(corpus)} reports of seeds+dev, {size:.1f} KB on average")
            repeated(trees, args.repeat, lambda label, tree: table.add(
                "engine", label, engine_rate(tree, caches[label], corpus)))
            if "rivals" in only:
                for _ in range(args.repeat):
                    rate = autocorrect_rate(corpus)
                    if rate is not None:
                        table.add("autocorrect", "this", rate)
        if "audit" in only:
            audit_folder = subset(batch, batch_files, args.audit, scratch)
            audit_files = sorted(audit_folder.iterdir())
            phrases = floor_phrases()
            for _ in range(args.repeat):
                for label, tree in trees.items():
                    result = audit_run(tree, caches[label], audit_folder, ["--no-cache", "-j", "2"])
                    table.add("audit", label, args.audit / result["wall"])
                    table.add("audit_cpu", label, args.audit / (result["main_cpu"] + result["worker_cpu"]))
                    table.add("audit_main_cpu", label, result["main_cpu"])
                    table.add(f"memory:{args.audit}", label, result["main_kb"] / 1024)
                seconds, _ = floor_pass(audit_files, phrases)
                table.add("floor", "this", len(audit_files) / seconds)
        if "memory" in only:
            for size in sizes:
                if size == args.audit and "audit" in only:
                    continue
                folder = subset(batch, batch_files, size, scratch)
                for label, tree in trees.items():
                    result = audit_run(tree, caches[label], folder, ["--no-cache", "-j", "2"])
                    table.add(f"memory:{size}", label, result["main_kb"] / 1024)
        if "cache" in only:
            for label, tree in trees.items():
                fresh = scratch / f"entries-{label}"
                shutil.copytree(caches[label], fresh, dirs_exist_ok=True)  # the pack cache only
                generated = run_driver(tree, fresh, CACHE, [str(p) for p in batch_files[:300]])
                real = run_driver(tree, fresh, CACHE, [str(p) for p in corpus_files(args.corpus, "dev")])
                for name, pairs in (("cache", generated), ("cache_dev", real)):
                    for entry, original in pairs:
                        table.add(name, label, entry / original)
        if "cold" in only:
            for _ in range(args.repeat * 3):
                for label, tree in trees.items():
                    wall, cpu = cold_check(tree, caches[label], args.report.resolve())
                    table.add("cold", label, wall)
                    table.add("cold_cpu", label, cpu)
                # What any Python command line pays on this machine: the interpreter, click and rich.
                table.add("python_cpu", "this", cold_check(ROOT, caches["this"], args.report, ["-c", "pass"])[1])
                table.add("libraries_cpu", "this", cold_check(ROOT, caches["this"], args.report,
                                                              ["-c", "import click, rich.console"])[1])
        report(table, trees, args, sizes, only)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def subset(batch: Path, files: list[Path], size: int, scratch: Path) -> Path:
    """A folder with the first ``size`` generated reports (hard links: no copy)."""
    folder = scratch / f"batch-{size}"
    if not folder.is_dir():
        folder.mkdir()
        for path in files[:size]:
            os.link(path, folder / path.name)
    return folder


def report(table: Table, trees: dict[str, Path], args: argparse.Namespace, sizes: list[int], only: set[str]) -> None:
    labels = list(trees)
    head = f"{'':44s}" + "".join(f"{label:>16s}" for label in labels) + f"{'target':>12s}"
    print(head)

    def row(name: str, key: str, unit: str, target: str = "", fmt: str = "{:.1f}") -> None:
        cells = "".join(f"{fmt.format(table.get(key, label)) + unit:>16s}" for label in labels)
        print(f"{name:44s}{cells}{target:>12s}")

    if "engine" in only or "rivals" in only:
        row("engine, reports per CPU-second", "engine", "", "≥ 250")
        rival = table.get("autocorrect", "this")
        if "rivals" not in only:
            pass
        elif rival == rival:  # not NaN: the package is installed
            print(f"{'AutoCorrect lint, reports per CPU-second':44s}{rival:>16.1f}")
            for label in labels:
                print(f"{'  AutoCorrect / engine, per core (' + label + ')':44s}"
                      f"{rival / table.get('engine', label):>16.1f}×")
        else:
            print("AutoCorrect lint: skipped (pip install autocorrect-py; the dev extra has it)")
    if "audit" in only:
        floor = table.get("floor", "this")
        print(f"{'floor pass (read, decode, 300-phrase scan)':44s}{floor:>16.0f}{'':16s}"
              f"{'reports/s, one core':>12s}")
        row(f"audit --no-cache -j 2 of {args.audit}, reports/s", "audit", "", "≥ 400", "{:.0f}")
        row("  reports per CPU-second (all processes)", "audit_cpu", "", "", "{:.0f}")
        row("  main process CPU s (start, pack, rows, copies)", "audit_main_cpu", "", "", "{:.2f}")
        ratios = "".join(f"{floor / table.get('audit', label):>15.1f}×" for label in labels)
        print(f"{'  audit time / floor time':44s}{ratios}{'≤ 10×':>12s}")
    if "cold" in only:
        row(f"cold check ({args.report.name}), wall s", "cold", "", "≤ 0.15", "{:.3f}")
        row("  CPU s", "cold_cpu", "", "", "{:.3f}")
        print(f"{'  (python -c pass: CPU s':44s}{table.get('python_cpu', 'this'):>16.3f}; with click and rich "
              f"imported {table.get('libraries_cpu', 'this'):.3f})")
    if "cache" in only:
        row("cache entry / report size, generated (median)", "cache", "", "≤ 1", "{:.2f}")
        row("cache entry / report size, dev corpus (median)", "cache_dev", "", "≤ 1", "{:.2f}")
        for key in ("cache", "cache_dev"):
            worst = "".join(f"{max(table.values.get(key, {}).get(label, [float('nan')])):>16.2f}"
                            for label in labels)
            print(f"{'  largest (' + ('generated' if key == 'cache' else 'dev') + ')':44s}{worst}")
    if "memory" in only or "audit" in only:
        for size in sizes:
            if f"memory:{size}" in table.values:
                row(f"audit main-process peak RSS, N={size}, MB", f"memory:{size}", "", "flat")
    if args.json:
        medians = {key: {label: median(values) for label, values in by.items()} for key, by in table.values.items()}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"cores": os.cpu_count(), "medians": medians}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
