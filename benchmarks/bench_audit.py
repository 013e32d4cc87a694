"""Benchmark: ``checker audit`` on N generated reports, cold and warm cache.

    python benchmarks/bench_audit.py [--sizes 100,1000,10000] [--jobs N] [--corpus DIR]
    python benchmarks/bench_audit.py --profile 300      # where the time goes (cProfile, one process)
    python benchmarks/bench_audit.py --stages 300       # milliseconds per report in each stage

The corpus recombines the fictional reports in tests/fixtures/audit: each
generated report takes its opening, measures, problems, first-responsible
paragraph and plan items from different fixtures, with a new issuer, year and
figures, plus sentences composed from word lists so that reports differ as real
ones do; some leave out a part, a few are near-copies of another (place names
and figures changed) and many issuers file two consecutive years. Each size runs the real command
(``checker audit DIR -q``, its table sent to /dev/null) in a fresh process:
first with an empty result cache ("cold": every report is read and checked;
the pack cache is warm, as after a first run on a machine), then again
("warm"). Printed: wall time, reports/second, MB/s of input, and peak RSS of
the main process and of the largest worker, and the CPU time per report (all
processes): on a shared machine the wall time depends on what else runs, the
CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "audit"
HEADING = re.compile(r"^(?:#+\s*)?[一二三四五六七八九十]、")
MARKER = re.compile(r"^(?:#+\s*)?(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[一二三四五六七八九十]+是)")
KINDS = (("first", ("第一责任人",)), ("problems", ("不足", "问题")), ("plan", ("安排", "打算", "计划")),
         ("measures", ("举措", "成效", "工作", "情况")))
FIXTURE_PLACES = ("云溪县", "北岭县", "松山区", "松林市", "东川县", "河西镇")
SYLLABLES = ("安宝昌川丹东丰福阜广桂海汉和河衡华淮黄吉嘉江金锦靖九康兰乐丽临龙隆鹿洛梅南宁平浦祁庆青"
             "秋泉仁瑞山上韶石寿双顺泰潭桃天通万望渭文武西仙湘新兴秀徐宣延阳宜永余玉元岳云长昭柘正中舟")
DEPARTMENTS = ("司法局", "市场监督管理局", "生态环境局", "自然资源局", "交通运输局", "卫生健康委员会",
               "住房和城乡建设局", "人力资源和社会保障局", "应急管理局", "农业农村局")
ACTIONS = ("深化", "推进", "完善", "健全", "落实", "规范", "强化", "优化", "压实", "统筹", "夯实", "创新")
OBJECTS = ("行政执法三项制度", "重大行政决策程序", "规范性文件备案审查", "行政复议体制改革", "公共法律服务体系",
           "法治宣传教育", "执法人员资格管理", "政务公开", "信用监管", "证明事项告知承诺制", "合法性审查机制",
           "行政调解工作", "法律顾问制度", "行政执法监督", "涉企行政检查", "政府信息公开", "人民调解组织建设",
           "包容审慎监管", "数字法治政府建设", "基层法治队伍建设")
MEANS = ("建立工作台账", "开展专项检查", "组织业务培训", "制定实施方案", "引入第三方评估", "开展案卷评查",
         "召开专题推进会", "建立联席会议制度", "实行清单化管理", "开展交叉检查", "建立月调度机制",
         "完善考核办法", "开展以案释法", "编印工作指引")
PLACES = ("在{p}各乡镇", "在全{s}范围内", "在重点行业领域", "在{p}城区", "在县直各部门", "在市场监管领域",
          "在生态环境领域", "在交通运输领域")
RESULTS = ("全年办理相关事项{n}件", "覆盖{n}个单位", "培训执法人员{n}人次", "审核各类文件{n}件",
           "发现问题{n}个并全部整改", "群众满意度达到{r}%", "办结率达到{r}%", "惠及群众{n}万人次")
TIMES = ("年内", "一季度", "上半年", "下半年", "全年", "年初以来")


def read_fixtures() -> list[dict[str, list[str]]]:
    """Each fixture as pools of paragraphs per part (opening, measures, problems, first, plan)."""
    pools = []
    for path in sorted(FIXTURES.iterdir()):
        parts: dict[str, list[str]] = {"opening": [], "measures": [], "problems": [], "first": [], "plan": []}
        kind = "opening"
        pending = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            if HEADING.match(line):
                kind = next((k for k, words in KINDS if any(w in line for w in words)), "measures")
                continue
            if line.startswith("#"):  # a Markdown subheading: prefix it to its paragraph
                pending = MARKER.sub("", line.lstrip("#").strip()) + "。"
                continue
            if "。" not in line or len(line) < 20:
                continue
            parts[kind].append(pending + MARKER.sub("", line))
            pending = ""
        pools.append(parts)
    return pools


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pools = read_fixtures()

    def pick(self, part: str) -> str:
        candidates = [p for pool in self.pools for p in pool[part]]
        return self.rng.choice(candidates)

    def sentence(self, place: str, suffix: str) -> str:
        r = self.rng
        where = r.choice(PLACES).format(p=place, s=suffix)
        result = r.choice(RESULTS).format(n=r.randint(3, 900), r=r.randint(80, 99))
        return f"{r.choice(TIMES)}，{where}{r.choice(ACTIONS)}{r.choice(OBJECTS)}，{r.choice(MEANS)}，{result}。"

    def adapt(self, text: str, place: str, year: int) -> str:
        """Borrowed text with this report's place, years and new figures."""
        for name in FIXTURE_PLACES:
            text = text.replace(name, place).replace(name[:-1], place[:-1])
        text = re.sub(r"(?<![—-])(20\d\d)(?=年)(?!年?—)", lambda m: str(year + int(m.group(1)) - 2024), text)
        return re.sub(r"(?<![\d.])(\d{1,3})(?![\d年])", lambda m: str(self.rng.randint(1, 99 * len(m.group(1)))),
                      text)

    def report(self, issuer: str, place: str, year: int, copy_of: str | None = None) -> str:
        r = self.rng
        suffix = place[-1]
        if copy_of is not None:
            return self.adapt(copy_of, place, year)
        lines = [issuer, f"关于{year}年度法治政府建设情况的报告", "", "市人民政府：",
                 self.adapt(self.pick("opening"), place, year), "",
                 f"一、{year}年推进法治政府建设的主要举措和成效"]
        numbers = "一二三四五六七八九十"
        for k in range(r.randint(5, 9)):
            body = self.adapt(self.pick("measures"), place, year)
            extra = "".join(self.sentence(place, suffix) for _ in range(r.randint(2, 5)))
            lines.append(f"（{numbers[k]}）{body}{extra}")
        # Real batches are uneven: some reports leave out a part (the checker then has findings).
        if r.random() > 0.1:
            lines.append(f"二、{year}年推进法治政府建设存在的不足和原因")
            lines.extend(self.adapt(self.pick("problems"), place, year) for _ in range(r.randint(1, 2)))
        if r.random() > 0.1:
            lines.append("三、党政主要负责人履行推进法治建设第一责任人职责情况")
            lines.append(self.adapt(self.pick("first"), place, year) + self.sentence(place, suffix))
        if r.random() > 0.05:
            lines.append(f"四、{year + 1}年工作安排")
            for k in range(r.randint(3, 5)):
                lines.append(f"（{numbers[k]}）{self.adapt(self.pick('plan'), place, year)}")
        lines += ["", issuer]
        if r.random() > 0.08:
            lines.append(f"{year + 1}年{r.randint(1, 3)}月{r.randint(1, 28)}日")
        return "\n".join(lines) + "\n"


def build_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` reports into ``folder``; return the total size in bytes."""
    generator = Generator(seed)
    rng = generator.rng
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    total = 0
    k = 0
    while k < count:
        place = rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice("县区市")
        issuer = place + (rng.choice(DEPARTMENTS) if rng.random() < 0.3 else "人民政府")
        years = [2023, 2024] if rng.random() < 0.4 else [rng.choice((2022, 2023, 2024))]
        for year in years[: count - k]:
            source = rng.choice(written) if written and rng.random() < 0.03 else None
            text = generator.report(issuer, place, year, source)
            written.append(text)
            if len(written) > 200:
                written.pop(0)
            data = text.encode("utf-8")
            (folder / f"{k:05d}-{year}.txt").write_bytes(data)
            total += len(data)
            k += 1
    return total


DRIVER = """
import json, os, resource, sys, time
from checker.commands.cli import main
started = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
elapsed = time.perf_counter() - started
times = os.times()
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "main_kb": own, "worker_kb": children,
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
                  f"largest worker {r['worker_kb'] / 1024:5.1f} MB")
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
    from checker.audit import features, worker
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
