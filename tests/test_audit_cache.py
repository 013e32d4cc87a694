"""The audit's result cache can be trusted: damaged entries are dropped and recomputed, never served."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.audit import cache
from checker.commands.cli import main
from checker.pack.loader import cache_dir
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "audit"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(FIXTURES, tmp_path / "reports")
    return tmp_path / "reports"


def audit(batch: Path, *exports: str) -> tuple[int, str, dict[str, dict[str, object]]]:
    out = batch.parent / "out"
    out.mkdir(exist_ok=True)
    args = ["audit", str(batch), "-q", "-j", "2", "--json", str(out / "a.json")]
    for fmt in exports:
        args += [f"--{fmt}", str(out / f"a.{fmt}")]
    result = CliRunner().invoke(main, args)
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    return result.exit_code, result.stderr, {Path(r["path"]).name: r for r in data["reports"]}


def entries(kind: str = "") -> list[Path]:
    root = Path(os.environ["CHECKER_CACHE_DIR"]) / "audit" / kind
    return sorted(p for p in root.glob("??/*") if p.is_file())


def entry_of(name: str) -> Path:
    """The report entry of the fixture ``name`` (entries keep no path: the one whose sentences it has)."""
    text = (FIXTURES / name).read_text(encoding="utf-8")

    def found(entry: Path) -> int:
        sentences = json.loads(cache.read_line(entry.name, 2))["sentences"]
        return sum(1 for s in sentences if s[1] in text) if sentences else 0

    best = max(entries(), key=found)
    assert found(best) > 0
    return best


def summary_of(entry: Path) -> tuple[bytes, str, bytes]:
    """An entry's header line, its summary (decompressed) and its body, as written."""
    data = entry.read_bytes()
    header, _, rest = data.partition(b"\n")
    stamp = json.loads(header.decode("ascii").partition(" ")[2])
    size = stamp["s"]
    return header, cache._decompress(rest[:size], _dictionary(stamp)).decode("utf-8"), rest[size:]


def _dictionary(stamp: dict[str, str]) -> bytes:
    """The dictionary an entry was compressed with, read from its file (every entry names one)."""
    assert stamp["d"]
    folder = Path(os.environ["CHECKER_CACHE_DIR"]) / "audit"
    return (folder / f"dict-{stamp['d']}").read_bytes()


def test_a_truncated_entry_is_recomputed_and_every_export_is_written(batch: Path) -> None:
    code, _, first = audit(batch)
    assert code == 1
    damaged = entry_of("beiling-county-2024.txt")
    damaged.write_bytes(damaged.read_bytes()[: len(damaged.read_bytes()) // 2])  # header line intact
    code, err, second = audit(batch, "html", "xlsx", "csv")
    assert code == 1
    assert "beiling-county-2024.txt：缓存条目已损坏，已删除并重新检查" in err
    assert second == first  # the same results, recomputed where the entry was bad
    for fmt in ("html", "xlsx", "csv"):
        assert (batch.parent / "out" / f"a.{fmt}").stat().st_size > 0
    code, err, third = audit(batch)
    assert "缓存条目已损坏" not in err and third == first  # stored anew


def test_an_entry_holding_another_entrys_bytes_is_never_served(batch: Path) -> None:
    _, _, first = audit(batch)
    a, b = entry_of("hexi-town-2024.txt"), entry_of("yunxi-county-2024.txt")
    a.write_bytes(b.read_bytes())  # a copy gone wrong: the other report's result under this key
    _, err, second = audit(batch)
    assert "hexi-town-2024.txt：缓存条目已损坏" in err
    assert second["hexi-town-2024.txt"]["score"] == first["hexi-town-2024.txt"]["score"]
    assert second["hexi-town-2024.txt"]["issuer"] == first["hexi-town-2024.txt"]["issuer"] != \
        first["yunxi-county-2024.txt"]["issuer"]


def test_a_flipped_byte_in_the_summary_or_a_small_entry_is_caught(batch: Path) -> None:
    _, _, first = audit(batch)
    target = entry_of("songlin-justice-bureau-2024.txt")
    header, summary, body = summary_of(target)
    score = f'"score":{first["songlin-justice-bureau-2024.txt"]["score"]}'
    assert score in summary
    stamp = json.loads(header.decode("ascii").partition(" ")[2])
    altered = cache._compress(summary.replace(score, '"score":100.0', 1).encode("utf-8"), _dictionary(stamp))
    target.write_bytes(header + b"\n" + altered + body)
    for small in entries("yoy") + entries("batch"):
        small.write_text(small.read_text(encoding="utf-8").replace("云溪", "云西"), encoding="utf-8")
    _, err, second = audit(batch)
    assert second == first
    assert "songlin-justice-bureau-2024.txt：缓存条目已损坏" in err
    assert "本批雷同与逐年对比的缓存条目已损坏" in err


def test_cache_info_and_prune(batch: Path) -> None:
    audit(batch)
    old_format = Path(os.environ["CHECKER_CACHE_DIR"]) / "audit" / "ff" / ("f" * 64)
    old_format.parent.mkdir(parents=True, exist_ok=True)
    old_format.write_text('{"row": {}, "fp": {}}\n{}\n{}', encoding="utf-8")  # written by format 2
    broken = entries()[0]
    broken.write_text("damaged", encoding="utf-8")
    info = CliRunner().invoke(main, ["cache", "info"])
    assert info.exit_code == 0
    assert f"缓存位置：{cache_dir()}" in info.output and "报告检查结果：8 条" in info.output
    assert "旧版本留下的 1 条" in info.output and "已损坏的 1 条" in info.output
    pruned = CliRunner().invoke(main, ["cache", "prune"])
    assert "已删除 2 个缓存文件" in pruned.output
    assert not old_format.exists() and not broken.exists() and len(entries()) == 6
    week_old = time.time() - 8 * 86400
    os.utime(entries()[0], (week_old, week_old))
    assert "已删除 1 个" in CliRunner().invoke(main, ["cache", "prune", "--older-than", "7"]).output
    CliRunner().invoke(main, ["cache", "prune", "--all"])
    assert "缓存为空" in CliRunner().invoke(main, ["cache", "info"]).output


def test_the_default_location_follows_the_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    monkeypatch.delenv("CHECKER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == Path(platformdirs.user_cache_dir("checker", appauthor=False))
    assert cache.folder() == cache_dir() / "audit"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_an_entry_is_compressed_and_reads_back_whole(batch: Path) -> None:
    _, _, first = audit(batch)
    target = entry_of("yunxi-county-2024.txt")
    report, features = cache.read_line(target.name, 1), cache.read_line(target.name, 2)
    assert json.loads(report)["score"] == first["yunxi-county-2024.txt"]["score"]
    assert json.loads(features)["sentences"]
    plain = len(report.encode("utf-8")) + len(features.encode("utf-8"))
    assert target.stat().st_size < plain / 2
    flipped = bytearray(target.read_bytes())
    flipped[-10] ^= 0x01  # inside the compressed body
    target.write_bytes(bytes(flipped))
    with pytest.raises(cache.Damaged):
        cache.read_line(target.name, 1)
    assert not target.exists()


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_entries_whose_dictionary_is_lost_are_checked_again(batch: Path, monkeypatch: pytest.MonkeyPatch,
                                                            damage: str) -> None:
    _, _, first = audit(batch)
    (dictionary,) = (Path(os.environ["CHECKER_CACHE_DIR"]) / "audit").glob("dict-*")
    if damage == "missing":
        dictionary.unlink()
    else:
        dictionary.write_bytes(dictionary.read_bytes().replace("报告".encode(), "报道".encode(), 1))
    monkeypatch.setattr(cache, "_dictionaries", {})  # a new process: nothing known in memory
    monkeypatch.setattr(cache, "_written", set())
    _, err, second = audit(batch)
    assert second == first
    # Until the first report checked again writes the dictionary back (its bytes, hence its name, are
    # the same), each entry naming it is damaged; the entries read after that are sound again.
    assert "缓存条目已损坏，已删除并重新检查" in err
    assert cache.dictionary_id(dictionary.read_bytes()) == dictionary.name[len("dict-"):]  # written again
    _, err, third = audit(batch)
    assert "缓存条目已损坏" not in err and third == first


def test_the_packs_dictionary_makes_entries_smaller(batch: Path) -> None:
    audit(batch)
    for name in ("yunxi-county-2024.txt", "songlin-justice-bureau-2024.txt"):
        entry = entry_of(name)
        header, _, rest = entry.read_bytes().partition(b"\n")
        stamp = json.loads(header.decode("ascii").partition(" ")[2])
        summary = cache._parse(rest[:stamp["s"] + stamp["g"]], stamp)  # as a hit reads it back
        lines = [json.dumps(summary), cache.read_line(entry.name, 1), cache.read_line(entry.name, 2)]
        dictionary = _dictionary(stamp)
        plain = cache.encode_entry(entry.name, lines)
        assert len(cache.encode_entry(entry.name, lines, dictionary)) == entry.stat().st_size
        assert entry.stat().st_size < 0.9 * len(plain)
