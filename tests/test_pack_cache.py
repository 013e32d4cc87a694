"""The pack cache and the record of validated packs: never a wrong pack, validation only when needed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.errors import PackError
from checker.pack import loader, schema
from checker.pack.loader import cache_dir, load_pack
from tests.test_packmerge import RULE, make_pack


@pytest.fixture()
def validations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """The files validated against a schema in the test (a new process each load: no in-memory pack)."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[str] = []
    original = schema.validate

    def counting(data: object, name: str, path: Path) -> None:
        seen.append(Path(path).name)
        original(data, name, path)

    monkeypatch.setattr(schema, "validate", counting)
    loader._load_cached.cache_clear()
    yield seen
    loader._load_cached.cache_clear()


def _reload(pack: str | None = None, use_cache: bool = True) -> loader.Pack:
    loader._load_cached.cache_clear()  # what a new process does
    return load_pack(pack, use_cache=use_cache)


def _entry() -> Path:
    (found,) = cache_dir().glob("pack-*.json")
    return found


def test_a_cached_pack_is_read_without_validation_and_equals_the_loaded_one(validations: list[str]) -> None:
    first = _reload()
    assert "pack.yaml" in validations
    validations.clear()
    second = _reload()
    assert validations == []
    assert second.rules == first.rules and second.templates == first.templates
    assert second.digest == first.digest


def test_an_altered_cache_entry_is_never_used(validations: list[str]) -> None:
    """Severity changed inside a still well-formed entry: the checksum line disagrees, the files win."""
    original = _reload().rule("term.fazhi-zhengfu").severity
    entry = _entry()
    check, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    rule = next(r for r in data["rules"] if r["id"] == "term.fazhi-zhengfu")
    rule["severity"] = "info" if original != "info" else "error"
    entry.write_bytes(check + b"\n" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert _reload().rule("term.fazhi-zhengfu").severity == original
    # The entry was written again, intact: the next load takes it.
    assert entry.read_bytes().partition(b"\n")[2] != json.dumps(data, ensure_ascii=False).encode("utf-8")
    validations.clear()
    assert _reload().rule("term.fazhi-zhengfu").severity == original
    assert validations == []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"0" * 64 + b"\n{}", b"{\"rules\": []}"])
def test_a_damaged_or_old_entry_is_loaded_again_from_the_files(validations: list[str], damage: bytes) -> None:
    rules = _reload().rules
    _entry().write_bytes(damage)
    assert _reload().rules == rules


def test_no_cache_parses_the_files_but_skips_validation_of_a_known_valid_pack(validations: list[str]) -> None:
    cached = _reload()
    validations.clear()
    fresh = _reload(use_cache=False)
    assert validations == []  # the same bytes passed validation before
    assert fresh.rules == cached.rules and fresh.templates == cached.templates


def test_a_forged_validity_record_does_not_count(validations: list[str]) -> None:
    _reload()
    for record in cache_dir().glob("valid-*"):
        record.write_text("0" * 64, encoding="ascii")
    validations.clear()
    _reload(use_cache=False)
    assert "pack.yaml" in validations


def test_an_edited_rule_file_is_validated_again(validations: list[str], tmp_path: Path) -> None:
    folder = make_pack(tmp_path, "own", "extends: fazhi-annual\n", RULE)
    assert _reload(str(folder)).rule("term.sample").severity == "warning"
    rules = folder / "rules.yaml"
    rules.write_text("rules:\n" + RULE.replace("severity: warning", "severity: fatal"), encoding="utf-8")
    for use_cache in (True, False):
        with pytest.raises(PackError) as caught:
            _reload(str(folder), use_cache=use_cache)
        assert "rules.yaml" in str(caught.value) and "severity" in str(caught.value)
    rules.write_text("rules:\n" + RULE.replace("severity: warning", "severity: info"), encoding="utf-8")
    validations.clear()
    assert _reload(str(folder), use_cache=False).rule("term.sample").severity == "info"
    assert "rules.yaml" in validations


def test_an_edited_base_pack_is_validated_again_under_no_cache(validations: list[str], tmp_path: Path) -> None:
    """The child's own files did not change; the record covers the files of the packs it extends too."""
    base = make_pack(tmp_path, "base", "extends: fazhi-annual\n", RULE)
    child = make_pack(tmp_path, "child", "extends: ../base\n")
    _reload(str(child), use_cache=False)
    (base / "rules.yaml").write_text("rules:\n" + RULE.replace("kind: phrase", "kind: nonsense"),
                                     encoding="utf-8")
    with pytest.raises(PackError, match=r"base/rules\.yaml"):
        _reload(str(child), use_cache=False)


def test_cache_info_counts_the_records_and_prune_removes_a_damaged_pack(validations: list[str]) -> None:
    from checker.audit import cache

    _reload()
    states = {entry.path.name.split("-")[0]: entry.state for entry in cache.scan() if entry.kind == "pack"}
    assert states["pack"] == "current" and states["valid"] == "current"
    _entry().write_bytes(b"0" * 64 + b"\n{}")
    assert [e.state for e in cache.scan() if e.path.name.startswith("pack-")] == ["damaged"]
    cache.prune()
    assert not list(cache_dir().glob("pack-*.json"))
