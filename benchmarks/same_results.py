"""Check that a speed change changed no verdict: the JSON of every report, byte for byte.

    python benchmarks/same_results.py --baseline /path/to/another/checkout [--synthetic 300]
                                      [FOLDER ...]

Each tree (this checkout and the baseline, say ``git archive main`` unpacked in a
temporary folder) checks the same files in a process of its own, through the
Python API (``checker.check_path``, whose result is the JSON contract's report)
with a fresh pack cache, and writes one JSON line per file (keys in the report's own
order). The lines must be identical; the script names every file whose report differs, with the first
differing key, and exits 1 if any does. The contract holds no timing field; any
key named in ``--ignore`` is dropped before comparing all the same.

The files: the folders given (default: the shared corpus's seeds, formats and
dev folders, read where they are and never copied, the reviewed fixtures and
the examples), plus ``--synthetic`` reports composed by ``tests/synthetic.py``
(written to a temporary folder), so that the comparison also covers texts no
rule was tuned on.

With ``--audit N`` the two trees also audit N composed reports (twice: with an
empty result cache, then from the cache) and their ``--json`` and ``--csv``
exports must be identical too (copies, year-over-year comparisons and ranks
included; the run's timing is dropped).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench_audit import build_corpus  # noqa: E402  (the audit benchmark's generator)

DEFAULT_FOLDERS = [ROOT.parent / "shared" / "corpus" / name for name in ("seeds", "formats", "dev")] + [
    ROOT / "tests" / "fixtures" / "reviewed", ROOT / "examples"]
LABELS = (".yaml", ".yml", ".md5", ".json")  # corpus labels and notes, not reports

DRIVER = """
import json, sys
import checker
for path in sys.stdin.read().splitlines():
    try:
        report = checker.check_path(path)
    except Exception as exc:  # a crash is a difference too
        report = {"crash": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(report, ensure_ascii=False))
"""


def reports_in(folder: Path) -> list[Path]:
    return sorted(p.resolve() for p in folder.rglob("*") if p.is_file() and p.suffix.lower() not in LABELS
                  and not p.name.startswith(".") and p.name != "README.md")


def run_tree(tree: Path, files: list[Path], cache: Path) -> list[dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": str(tree), "CHECKER_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", DRIVER], input="\n".join(map(str, files)), env=env,
                          cwd=tree, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


AUDIT_VOLATILE = ("elapsed_seconds", "copy_seconds")  # the run's own timing


def audit_exports(tree: Path, folder: Path, cache: Path, out: Path) -> list[str]:
    """The JSON and CSV exports of ``checker audit`` (cold, then warm), with timing fields dropped."""
    env = {**os.environ, "PYTHONPATH": str(tree), "CHECKER_CACHE_DIR": str(cache)}
    found = []
    for run in ("cold", "warm"):
        json_out, csv_out = out / f"{run}.json", out / f"{run}.csv"
        subprocess.run([sys.executable, "-m", "checker", "audit", str(folder), "-q", "-j", "2", "--json",
                        str(json_out), "--csv", str(csv_out)], env=env, cwd=tree, capture_output=True, check=False)
        data = json.loads(json_out.read_text(encoding="utf-8"))
        found.append(json.dumps(_without(data, AUDIT_VOLATILE), ensure_ascii=False))
        found.append(csv_out.read_text(encoding="utf-8-sig"))
    return found


def _without(data: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(data, dict):
        return {k: _without(v, keys) for k, v in data.items() if k not in keys}
    if isinstance(data, list):
        return [_without(v, keys) for v in data]
    return data


def first_difference(a: Any, b: Any, where: str = "") -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{where}.{key}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items, baseline {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {json.dumps(a, ensure_ascii=False)[:160]} != {json.dumps(b, ensure_ascii=False)[:160]}"


def strip(report: dict[str, Any], ignore: set[str]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k not in ignore}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--baseline", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--synthetic", type=int, default=300, help="composed reports to add")
    parser.add_argument("--ignore", default="", help="comma-separated top-level keys to drop")
    parser.add_argument("--audit", type=int, default=0, help="also compare the exports of auditing N composed reports")
    args = parser.parse_args()
    ignore = {k for k in args.ignore.split(",") if k}
    with tempfile.TemporaryDirectory(prefix="same-results-") as scratch:
        files = [f for folder in (args.folders or DEFAULT_FOLDERS) if folder.is_dir() for f in reports_in(folder)]
        if args.synthetic:
            build_corpus(Path(scratch) / "synthetic", args.synthetic, seed=11)
            files += reports_in(Path(scratch) / "synthetic")
        mine = run_tree(ROOT, files, Path(scratch) / "cache-mine")
        theirs = run_tree(args.baseline.resolve(), files, Path(scratch) / "cache-base")
        audits: list[tuple[str, str]] = []
        if args.audit:
            batch = Path(scratch) / "batch"
            build_corpus(batch, args.audit, seed=13)
            outputs = []
            for label, tree in (("mine", ROOT), ("base", args.baseline.resolve())):
                out = Path(scratch) / f"out-{label}"
                out.mkdir()
                outputs.append(audit_exports(tree, batch, Path(scratch) / f"audit-cache-{label}", out))
            names = ("cold JSON", "cold CSV", "warm JSON", "warm CSV")
            for name, a, b in zip(names, *outputs, strict=True):
                where = "" if a == b else first_difference(*(json.loads(x) for x in (a, b))) if "JSON" in name else ""
                audits.append((name, "same" if a == b else f"DIFFERENT {where}"))
    differ = 0
    for path, a, b in zip(files, mine, theirs, strict=True):
        left, right = strip(a, ignore), strip(b, ignore)
        if json.dumps(left, ensure_ascii=False) != json.dumps(right, ensure_ascii=False):
            differ += 1
            print(f"DIFFERENT {path}: {first_difference(left, right)}")
    print(f"{len(files)} reports, {differ} different (this tree against {args.baseline})")
    for name, verdict in audits:
        print(f"audit of {args.audit} composed reports, {name}: {verdict}")
        differ += verdict != "same"
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
