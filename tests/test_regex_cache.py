"""Compiled patterns kept between processes: the same matches, nothing but patterns, never with --no-cache."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from checker.text import gates, patterns, regex_cache
from checker.text.patterns import FLAGS
from tests.conftest import EXAMPLES, ROOT
from tests.synthetic import Generator


@pytest.fixture()
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty store for the test (the session's patterns stay untouched)."""
    monkeypatch.setattr(regex_cache, "_folder", None)
    monkeypatch.setattr(regex_cache, "_ready", {})
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_unsaved", 0)
    monkeypatch.setattr(regex_cache, "_kept", {})
    monkeypatch.setattr(regex_cache, "_versions", {})
    monkeypatch.setattr(gates, "_needs", None)
    patterns.compiled.cache_clear()  # so that every pattern goes through the store again
    patterns.any_of.cache_clear()


def _run(code: str, cache: Path, *args: str) -> str:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT, env=env)
    return done.stdout


CHECK_AND_COUNT = """
import json, sys
import checker
from checker.text import patterns, regex_cache
checker.check_path(sys.argv[1])
print(json.dumps({"compiled_here": regex_cache._unsaved, "known": len(regex_cache._ready)}))
"""


def test_a_second_process_compiles_none_of_the_pack_patterns(tmp_path: Path) -> None:
    report = str(EXAMPLES / "gov-report-2024.txt")
    first = json.loads(_run(CHECK_AND_COUNT, tmp_path, report))
    assert first["compiled_here"] > 50  # the pack's patterns and alternations, compiled and then kept
    assert (tmp_path / regex_cache.file_name()).is_file()
    second = json.loads(_run(CHECK_AND_COUNT, tmp_path, report))
    assert second["compiled_here"] == 0
    assert second["known"] >= first["known"]


def test_no_cache_neither_reads_nor_writes_the_store(tmp_path: Path) -> None:
    report = str(EXAMPLES / "gov-report-2024.txt")
    env = {**os.environ, "CHECKER_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", report], cwd=ROOT, env=env,
                   capture_output=True, check=False)
    assert not (tmp_path / regex_cache.file_name()).exists()


def test_kept_patterns_match_exactly_as_freshly_compiled(tmp_path: Path, fresh: None) -> None:
    """Every pattern the built-in pack compiles while checking, read back from the file, finds the same
    matches (spans and groups) as the same pattern compiled anew, on reports written for this test."""
    from checker.engine import Options, check_document
    from checker.pack.loader import load_pack
    from checker.text.document import Document

    make = Generator(5)
    texts = [make.report(make.issuer(place), place, 2024) for place in (make.place() for _ in range(4))]
    texts.append((EXAMPLES / "gov-report-2024.txt").read_text(encoding="utf-8"))
    regex_cache.use(tmp_path)
    pack = load_pack(use_cache=False)
    regex_cache.use(tmp_path)  # load_pack(use_cache=False) closed it
    for k, text in enumerate(texts):
        check_document(Document(path=f"{k}.txt", text=text), pack, Options())
    regex_cache.save()
    kept = regex_cache._read(tmp_path / regex_cache.file_name())
    assert len(kept) > 50
    for (pattern, flags), stored in kept.items():
        anew = regex.compile(pattern, flags)
        assert stored.pattern == anew.pattern and stored.flags == anew.flags
        assert stored.groupindex == anew.groupindex
        for text in texts:
            assert [(m.span(), m.groups()) for m in stored.finditer(text)] == \
                   [(m.span(), m.groups()) for m in anew.finditer(text)], pattern


def test_a_file_holding_anything_but_patterns_is_refused(tmp_path: Path, fresh: None) -> None:
    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, ("touch " + str(tmp_path / "ran"),))

    payload = {"format": regex_cache.FORMAT, "patterns": [("a", int(FLAGS), Boom())]}
    (tmp_path / regex_cache.file_name()).write_bytes(_signed(pickle.dumps(payload)))  # its checksum right
    regex_cache.use(tmp_path)
    assert not (tmp_path / "ran").exists()
    assert regex_cache._ready == {}
    assert regex_cache.compiled("a", FLAGS).search("xa") is not None


def _signed(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data


def test_a_pattern_altered_in_the_file_is_never_used(tmp_path: Path, fresh: None) -> None:
    """A damaged byte that still unpickles (here: the pattern that ``\\d+`` maps to) fails the checksum."""
    regex_cache.use(tmp_path)
    regex_cache.compiled(r"\d+", FLAGS)
    regex_cache.save()
    store = tmp_path / regex_cache.file_name()
    check, _, body = store.read_bytes().partition(b"\n")
    assert check == hashlib.sha256(body).hexdigest().encode("ascii")
    altered = pickle.dumps({"format": regex_cache.FORMAT,
                            "patterns": [(r"\d+", int(FLAGS), regex.compile(r"\d", FLAGS))]})
    store.write_bytes(check + b"\n" + altered)
    assert regex_cache._read(store) == {}
    store.write_bytes(_signed(altered))  # the same bytes with their own checksum are read
    assert list(regex_cache._read(store)) == [(r"\d+", int(FLAGS))]


def test_a_damaged_file_is_ignored_and_rewritten(tmp_path: Path, fresh: None) -> None:
    store = tmp_path / regex_cache.file_name()
    store.write_bytes(pickle.dumps({"format": regex_cache.FORMAT, "patterns": []})[:-3])
    regex_cache.use(tmp_path)
    pattern = regex_cache.compiled(r"(?<=\p{Han})\d+", FLAGS)
    regex_cache.save()
    kept = regex_cache._read(store)
    assert list(kept) == [(r"(?<=\p{Han})\d+", int(FLAGS))]
    assert kept[(r"(?<=\p{Han})\d+", int(FLAGS))].findall("共12件") == pattern.findall("共12件") == ["12"]


def test_a_read_only_cache_folder_costs_nothing(tmp_path: Path, fresh: None) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    regex_cache.use(blocked / "cache")  # its parent is a file: nothing can be written there
    assert regex_cache.compiled("b+", FLAGS).fullmatch("bbb")
    regex_cache.save()  # no exception
    assert not (blocked / "cache").exists()


def test_cache_info_counts_the_store_and_prune_drops_another_versions(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.audit import cache

    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    current = tmp_path / regex_cache.file_name()
    older = tmp_path / "regex-1-py39-2020.1.1.pickle"
    current.write_bytes(b"x")
    older.write_bytes(b"y")
    states = {e.path.name: (e.kind, e.state) for e in cache.scan()}
    assert states == {current.name: ("pack", "current"), older.name: ("pack", "stale")}
    cache.prune()
    assert current.exists() and not older.exists()


def test_a_process_fed_ever_new_patterns_keeps_a_bounded_store(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "MAX_PATTERNS", 5)
    for k in range(40):
        assert regex_cache.compiled(f"x{k}y", FLAGS).fullmatch(f"x{k}y")
    assert len(regex_cache._ready) <= 10


NEEDS_AND_COUNT = """
import json, sys
import checker
from checker.text import gates, regex_cache
read = []
plain = gates._read_needed_strings
gates._read_needed_strings = lambda *args: read.append(args) or plain(*args)
checker.check_path(sys.argv[1])
print(json.dumps({"read": len(read), "kept": len(gates._needs or {})}))
"""


def test_a_second_process_reads_no_pattern_source_for_its_needed_strings(tmp_path: Path) -> None:
    """What gates.needed_strings finds is kept in the store with the patterns: the next process
    looks it up instead of reading the sources again."""
    report = str(EXAMPLES / "gov-report-2024.txt")
    first = json.loads(_run(NEEDS_AND_COUNT, tmp_path, report))
    assert first["read"] > 50 and first["kept"] == first["read"]
    second = json.loads(_run(NEEDS_AND_COUNT, tmp_path, report))
    assert second == {"read": 0, "kept": first["kept"]}


def test_kept_needed_strings_are_what_reading_the_source_finds(tmp_path: Path, fresh: None) -> None:
    sources = [r"(?:召开|举办)会议", r"(?<=[。，])(?:分析|查找)[^。]{0,4}原因|问题出在", r"a(?=b)\d", r"(a)\1"]
    regex_cache.use(tmp_path)
    found = [gates.needed_strings(source, whole) for source in sources for whole in (True, False)]
    regex_cache.save()
    _, analyses = regex_cache._read_all(tmp_path / regex_cache.file_name())
    (name, results), = analyses.items()
    assert name == f"needed-strings/{gates._code_version()}"
    assert [results[(source, whole)] for source in sources for whole in (True, False)] == found
    assert found[0] == (("会议",), ("举办", "召开")) and found[-1] is None
    assert all(results[key] == gates._read_needed_strings(*key) for key in results)


def test_results_of_another_version_or_not_plain_are_not_used(tmp_path: Path, fresh: None) -> None:
    results = [((r"x\d", True), (("y",),)), ((r"x\d", False), ("not", "plain", {"a": 1}))]
    payload = {"format": regex_cache.FORMAT, "patterns": [],
               "kept": {"needed-strings/0123": results, f"needed-strings/{gates._code_version()}": results}}
    (tmp_path / regex_cache.file_name()).write_bytes(_signed(pickle.dumps(payload)))
    regex_cache.use(tmp_path)
    assert gates.needed_strings(r"x\d") == (("y",),)  # as the file says for this version (here: altered)
    assert gates.needed_strings(r"x\d", False) == (("x",),)  # the file's value is no plain value: read anew
    assert list(regex_cache._kept) == [f"needed-strings/{gates._code_version()}"]
