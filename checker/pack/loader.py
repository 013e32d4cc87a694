"""Loading rule packs and report templates: YAML, validated once, cached by content hash.

A pack is a folder: ``pack.yaml`` (its header) and rule files, each a ``rules:``
list. Templates are YAML files in ``templates/`` (the built-in ones, plus a
pack's own ``templates/`` folder). Everything is validated against the JSON
Schemas in ``checker/schemas`` at load time; an invalid file stops the run with
a message naming the file, the line, the rule and the key.

Validation needs jsonschema and the YAML parser, which together cost more
start-up time than checking a report. The validated data is therefore cached as
JSON under the user's cache folder, keyed by a hash of every pack, template and
schema file, the loader's own code and the tool's version: an unchanged pack
loads in a few milliseconds without importing either. The entry carries a
checksum of its JSON: a damaged or altered entry is never used (the pack is
loaded from its files again and the entry rewritten).

Validation is a function of exactly what that hash covers, so each hash that
passed it is also recorded (an empty-looking ``valid-<hash>`` file holding the
hash). With ``use_cache=False`` (``--no-cache``) the pack is parsed again from
its YAML files, never taken from the cache, but the schema and pattern checks
are skipped when its hash is recorded as valid: they take longer than parsing,
and would only say again what they said about these same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import regex

from checker import __version__
from checker.errors import PackError, UsageError
from checker.model import FrozenRecord
from checker.pack import yamlfile
from checker.schemas import SCHEMA_DIR
from checker.text import regex_cache

# The installed package: built-in packs and templates sit in it (a wheel) or beside it (a checkout).
PACKAGE_DIR = Path(__file__).resolve().parents[1]
DEFAULT_PACK = "fazhi-annual"
CACHE_FORMAT = 3  # raised when the cached pack's layout changes (2: rules carry ``_user``; 3: a checksum line)
# The code whose checks a valid pack passed: part of the hash, so that a changed check validates again.
LOADER_MODULES = ("loader.py", "merge.py", "schema.py", "yamlfile.py")
STABLE_FAMILIES = ("content", "meta", "timing", "term", "ref", "text", "punct", "structure", "metric")
# Keys holding regular expressions, checked to compile at load time.
PATTERN_KEYS = ("headings", "not_headings", "plan_cues", "report_cues", "deadlines", "appendix", "promise",
                "boilerplate", "boilerplate_words", "strong", "weak", "patterns", "suffixes", "unless", "match",
                "context", "mentions", "numerator", "denominator", "keywords", "title", "opening",
                "header", "issuer", "phrases", "place", "placeholder", "incomplete",
                # metric and arithmetic kinds
                "figures", "weak_figures", "zero", "cues", "exclude", "targets", "compare", "skip", "continues",
                "numerator_parts", "denominator_also", "intro", "complete_intro", "total_cues", "partial_marks", "rest",
                "subtotal", "stop", "overlap", "increase", "decrease", "names",
                # phrase and confusable kinds
                "unless_clause", "preceded_by", "followed_by",
                "line_items", "base_cues", "from_cues", "to_cues", "change_from", "change_to", "table_total",
                "table_partial", "comparisons", "averages")


def data_dir(name: str) -> Path:
    """``rules`` or ``templates``: inside the installed package, or beside it in a checkout."""
    installed = PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / name


def cache_dir() -> Path:
    """``$CHECKER_CACHE_DIR``, else the platform's user cache folder (platformdirs: ``~/.cache/checker``
    or ``$XDG_CACHE_HOME/checker`` on Linux, ``%LOCALAPPDATA%\\checker\\Cache`` on Windows,
    ``~/Library/Caches/checker`` on macOS)."""
    explicit = os.environ.get("CHECKER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("checker", appauthor=False))


@dataclass(init=False, repr=False, eq=False)  # the methods come from FrozenRecord (start-up time)
class Rule(FrozenRecord):
    """One rule of a pack; ``spec`` holds the whole YAML mapping, kind-specific keys included."""

    id: str
    name: str
    kind: str
    severity: str
    weight: float
    message: str
    basis: str
    spec: dict[str, Any]
    source: str
    templates: tuple[str, ...] | None = None
    suggestion: str | None = None
    description: str = ""

    def __init__(self, id: str, name: str, kind: str, severity: str, weight: float, message: str,
                 basis: str, spec: dict[str, Any], source: str, templates: tuple[str, ...] | None = None,
                 suggestion: str | None = None, description: str = "") -> None:
        vars(self).update(id=id, name=name, kind=kind, severity=severity, weight=weight, message=message,
                          basis=basis, spec=spec, source=source, templates=templates,
                          suggestion=suggestion, description=description)

    @property
    def user(self) -> bool:
        """Written or changed by a user's pack (not only by the packs shipped with the tool)."""
        return bool(self.spec.get("_user", False))

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def get(self, key: str, default: Any = None) -> Any:
        return self.spec.get(key, default)

    def applies_to(self, template: str | None) -> bool:
        return self.templates is None or template in self.templates


@dataclass(init=False, repr=False, eq=False)
class TemplateSection(FrozenRecord):
    """A section a template expects, the headings that carry it and the skeleton's wording."""

    id: str
    name: str
    headings: tuple[str, ...]
    fallback: bool = False
    optional: bool = False
    hint: str = ""
    skeleton_heading: str = ""
    # A heading matching one of these does not carry the section (2024年重点工作完成情况 is no plan).
    not_headings: tuple[str, ...] = ()

    def __init__(self, id: str, name: str, headings: tuple[str, ...], fallback: bool = False,
                 optional: bool = False, hint: str = "", skeleton_heading: str = "",
                 not_headings: tuple[str, ...] = ()) -> None:
        vars(self).update(id=id, name=name, headings=headings, fallback=fallback, optional=optional,
                          hint=hint, skeleton_heading=skeleton_heading, not_headings=not_headings)


@dataclass(init=False, repr=False, eq=False)
class Template(FrozenRecord):
    """A kind of report (a government's, a department's): its sections, elements and deadline."""

    id: str
    name: str
    description: str
    sections: tuple[TemplateSection, ...]
    required: tuple[str, ...]
    when_mentioned: dict[str, tuple[str, ...]]
    detect: dict[str, Any]
    default: bool = False
    filer: str = "government"
    deadline: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    skeleton: dict[str, str] = field(default_factory=dict)

    def __init__(self, id: str, name: str, description: str, sections: tuple[TemplateSection, ...],
                 required: tuple[str, ...], when_mentioned: dict[str, tuple[str, ...]],
                 detect: dict[str, Any], default: bool = False, filer: str = "government",
                 deadline: dict[str, Any] | None = None, source: str = "",
                 skeleton: dict[str, str] | None = None) -> None:
        vars(self).update(id=id, name=name, description=description, sections=sections, required=required,
                          when_mentioned=when_mentioned, detect=detect, default=default, filer=filer,
                          deadline={} if deadline is None else deadline, source=source,
                          skeleton={} if skeleton is None else skeleton)

    def section(self, section_id: str) -> TemplateSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(init=False, repr=False, eq=False)
class Pack(FrozenRecord):
    """A loaded pack: its rules, templates, scoring and the files they came from."""

    id: str
    name: str
    version: str
    description: str
    rules: tuple[Rule, ...]
    templates: dict[str, Template]
    scoring: dict[str, Any]
    sources: dict[str, str]
    digest: str
    root: str
    # Text read by OCR: {"soften": [families reported as hints], "note": appended to their message}.
    ocr: dict[str, Any] = field(default_factory=dict)
    # Wording that is no evidence of copying (checker audit): "phrases" and "clauses" patterns.
    boilerplate: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Administrative levels in names (checker.text.levels): "ranks", "not_after", "not_before".
    levels: dict[str, Any] = field(default_factory=dict)
    # Section headings' words (checker.text.normalize, outline): "title_ends", a title's last words.
    headings: dict[str, Any] = field(default_factory=dict)

    def __init__(self, id: str, name: str, version: str, description: str, rules: tuple[Rule, ...],
                 templates: dict[str, Template], scoring: dict[str, Any], sources: dict[str, str],
                 digest: str, root: str, ocr: dict[str, Any] | None = None,
                 boilerplate: dict[str, tuple[str, ...]] | None = None, levels: dict[str, Any] | None = None,
                 headings: dict[str, Any] | None = None) -> None:
        vars(self).update(id=id, name=name, version=version, description=description, rules=rules,
                          templates=templates, scoring=scoring, sources=sources, digest=digest, root=root,
                          ocr={} if ocr is None else ocr,
                          boilerplate={} if boilerplate is None else boilerplate,
                          levels={} if levels is None else levels,
                          headings={} if headings is None else headings)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UsageError(f"未知的规则：{rule_id}")


# ---------------------------------------------------------------- locating files


def resolve_pack_dir(pack: str | None) -> Path:
    """A built-in pack name, or a path to a pack folder (or its pack.yaml)."""
    name = pack or DEFAULT_PACK
    candidate = Path(name)
    if candidate.is_file() and candidate.name == "pack.yaml":
        return candidate.parent
    if candidate.is_dir():
        return candidate
    builtin = data_dir("rules") / name
    if builtin.is_dir():
        return builtin
    known = "、".join(sorted(p.name for p in data_dir("rules").iterdir() if p.is_dir()))
    raise UsageError(f"找不到规则包“{name}”（内置规则包：{known}；也可给出规则包目录）")


def _pack_files(pack_dir: Path) -> list[Path]:
    header = pack_dir / "pack.yaml"
    if not header.is_file():
        raise PackError(f"{pack_dir}：不是规则包目录（缺少 pack.yaml）")
    rule_files = sorted(p for p in pack_dir.glob("*.y*ml") if p.name != "pack.yaml")
    return _kept_in(pack_dir, [header, *rule_files])


def _template_files(pack_dir: Path) -> list[Path]:
    files = sorted(data_dir("templates").glob("*.y*ml"))
    own = pack_dir / "templates"
    if own.is_dir():
        files.extend(_kept_in(pack_dir, sorted(own.glob("*.y*ml"))))
    return files


def _kept_in(pack_dir: Path, files: list[Path]) -> list[Path]:
    """``files``, each a regular file inside the pack folder (a symlink out of it is refused)."""
    root = os.path.realpath(pack_dir)
    for path in files:
        problem = yamlfile.pack_file(path, pack_dir, root)
        if problem:
            raise PackError(f"{path}：{problem}")
    return files


def _read_header(path: Path) -> dict[str, Any]:
    data = _parse_yaml(path)
    if not isinstance(data, dict):
        raise PackError(f"{path}：pack.yaml 应为映射（键: 值）")
    return data


def _pack_chain(pack_dir: Path, seen: tuple[Path, ...] = ()) -> list[Path]:
    """The pack folder and the folders it extends, base first."""
    if pack_dir.resolve() in seen:
        raise PackError(f"{pack_dir / 'pack.yaml'}：extends 形成循环")
    header = _read_header(pack_dir / "pack.yaml") if (pack_dir / "pack.yaml").is_file() else {}
    base = header.get("extends")
    chain: list[Path] = []
    if isinstance(base, str) and base:
        relative = (pack_dir / base).resolve()
        try:
            base_dir = relative if relative.is_dir() else resolve_pack_dir(base)
        except UsageError as exc:
            raise PackError(f"{pack_dir / 'pack.yaml'}：键 extends：{exc}") from None
        chain = _pack_chain(base_dir, (*seen, pack_dir.resolve()))
    return [*chain, pack_dir]


# ---------------------------------------------------------------- loading


T = TypeVar("T")


def per_pack(cache: dict[int, tuple[Pack, T]], pack: Pack, build: Callable[[Pack], T], most: int = 16) -> T:
    """What ``build`` derives from ``pack``, remembered in ``cache`` by the pack's identity (packs hold
    dicts and are not hashable; the pack is kept beside its value, so that a recycled id is never
    taken for another pack's) for the last ``most`` packs."""
    known = cache.get(id(pack))
    if known is not None and known[0] is pack:
        return known[1]
    value = build(pack)
    if len(cache) >= most:
        cache.clear()
    cache[id(pack)] = (pack, value)
    return value


def load_pack(pack: str | None = None, use_cache: bool = True) -> Pack:
    """Load, validate and return a pack with its templates (cached by content hash).

    With the cache, the patterns compiled while checking are kept there too (see
    :mod:`checker.text.regex_cache`).
    """
    pack_dir = resolve_pack_dir(pack)
    regex_cache.use(cache_dir() if use_cache else None)
    return _load_cached(str(pack_dir.resolve()), use_cache)


@cache
def _load_cached(pack_dir_str: str, use_cache: bool) -> Pack:
    pack_dir = Path(pack_dir_str)
    # The cache key covers the pack's own files; the files of packs it extends are
    # listed inside the entry and re-hashed, so that finding them needs no YAML.
    own = _pack_files(pack_dir) + _template_files(pack_dir)
    digest = _digest(own)
    cached = _read_cache(digest) if use_cache else None
    if cached is not None:
        chain = [Path(p) for p in cached.get("chain_files", [])]
        if not all(p.is_file() for p in chain) or _digest(chain) != cached.get("chain_digest"):
            cached = None
    if cached is None:
        chain = [f for d in _pack_chain(pack_dir)[:-1] for f in _pack_files(d)]
        whole = _digest(chain + own)  # every file that validation reads
        known_valid = _known_valid(whole)
        cached = _load_raw(pack_dir, validate=not known_valid)
        cached["chain_files"] = [str(p) for p in chain]
        cached["chain_digest"] = _digest(chain)
        if use_cache:
            _write_cache(digest, cached)
        if not known_valid and _digest(chain + own) == whole:  # not edited while it was being read
            _write_file(f"valid-{whole[:40]}", whole)
    return _build(cached, digest, str(pack_dir))


def _digest(files: list[Path]) -> str:
    sha = _code_hash().copy()
    for path in files:
        sha.update(str(path).encode())
        sha.update(b"\0")
        sha.update(path.read_bytes())
        sha.update(b"\0")
    return sha.hexdigest()


@cache
def _code_hash() -> hashlib._Hash:
    """The hash of the version, the schemas and the loader's code, where every digest starts: the
    code this process validates with (read once: a load hashes twice, and listing and reading these
    files cost more than hashing them)."""
    sha = hashlib.sha256(f"{__version__}/{CACHE_FORMAT}".encode())
    for schema in sorted(SCHEMA_DIR.glob("*.json")):
        sha.update(schema.read_bytes())
    here = Path(__file__).parent
    for module in LOADER_MODULES:
        sha.update((here / module).read_bytes())
    return sha


def _read_cache(digest: str) -> dict[str, Any] | None:
    """The cached pack, or ``None`` when it is absent, damaged or altered (its checksum line disagrees)."""
    try:
        raw = (cache_dir() / f"pack-{digest[:40]}.json").read_bytes()
    except OSError:
        return None
    check, _, body = raw.partition(b"\n")
    if check.decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("digest") == digest else None


def _write_cache(digest: str, data: dict[str, Any]) -> None:
    body = json.dumps({**data, "digest": digest}, ensure_ascii=False).encode("utf-8")
    _write_file(f"pack-{digest[:40]}.json", hashlib.sha256(body).hexdigest() + "\n", body)


def _known_valid(digest: str) -> bool:
    """Whether files with this hash passed validation before (their ``valid-`` record holds the hash)."""
    try:
        return (cache_dir() / f"valid-{digest[:40]}").read_text(encoding="ascii") == digest
    except (OSError, ValueError):
        return False


def _write_file(name: str, text: str, data: bytes = b"") -> None:
    """Best effort and atomic: a read-only home or a race between processes is harmless."""
    import tempfile

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".pack-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("ascii") + data)
            os.replace(tmp, folder / name)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        return


def _parse_yaml(path: Path) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PackError(f"{path}：不是 UTF-8 编码的文件") from None
    except OSError as exc:
        raise PackError(f"{path}：无法读取（{exc.strerror or exc}）") from None
    try:
        return yamlfile.load(text)
    except yamlfile.YamlTooComplex as exc:
        raise PackError(f"{path}：{exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context_mark", None)
        what = getattr(exc, "context", None)
        began = f"；{what}始于第{context.line + 1}行" if context is not None and what else ""
        raise PackError(f"{where}：YAML 语法错误（{problem}{began}）") from None


def _load_raw(pack_dir: Path, validate: bool = True) -> dict[str, Any]:
    """Parse and validate every file of the pack chain and the templates (``validate``: with the
    schemas and the pattern checks; without them for files whose hash passed them before)."""
    from checker.pack import merge

    def check(data: Any, name: str, path: Path) -> None:
        if validate:
            from checker.pack import schema

            schema.validate(data, name, path)

    layers: list[dict[str, Any]] = []
    builtin = Path(os.path.realpath(data_dir("rules")))
    for folder in _pack_chain(pack_dir):
        files = _pack_files(folder)
        header = _read_header(files[0])
        check(header, "pack", files[0])
        # A user's pack (not one shipped with the tool) shares a time budget per report.
        user = builtin not in Path(os.path.realpath(folder)).parents
        rules: list[dict[str, Any]] = []
        for path in files[1:]:
            data = _parse_yaml(path)
            check(data, "rules", path)
            for rule in data["rules"]:
                rule["_file"] = _display(path)
                rule["_user"] = user
                rules.append(rule)
        layers.append({"header": header, "rules": rules, "file": _display(files[0]), "user": user})
    header, rules = merge.merge(layers, validate)
    if validate:
        for k, pattern in enumerate(header.get("boilerplate", {}).get("clauses", [])):
            _compile_or_fail(pattern, layers[-1]["file"], "boilerplate", f"clauses[{k}]")
        for rule in rules:
            _check_patterns(rule, rule["_file"], rule["id"])
    _check_unique(rules)
    _check_ocr_families(header, rules, layers[-1]["file"])
    _check_cue_names(rules)
    _check_leaves(rules)

    templates: list[dict[str, Any]] = []
    for path in _template_files(pack_dir):
        data = _parse_yaml(path)
        check(data, "template", path)
        data["_file"] = _display(path)
        if validate:
            _check_patterns(data, data["_file"], data["template"])
        templates.append(data)
    _check_templates(templates, {r["id"] for r in rules})
    return {"header": header, "rules": rules, "templates": templates}


def _check_ocr_families(header: dict[str, Any], rules: list[dict[str, Any]], file: str) -> None:
    families = {rule["id"].split(".", 1)[0] for rule in rules}
    unknown = [f for f in header.get("ocr", {}).get("soften", []) if f not in families]
    if unknown:
        raise PackError(f"{file}：键 ocr.soften：没有这样的规则族：{'、'.join(unknown)}"
                        f"（已有：{'、'.join(sorted(families))}）")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _check_patterns(node: Any, file: str, owner: str, key: str = "") -> None:
    """Every regular expression in the file must compile; name the one that does not."""
    if isinstance(node, dict):
        for name, value in node.items():
            path = f"{key}.{name}" if key else str(name)
            if name == "cues" and isinstance(value, dict):  # named lists of patterns
                for set_name, patterns in value.items():
                    for i, item in enumerate(patterns if isinstance(patterns, list) else []):
                        _compile_or_fail(str(item), file, owner, f"{path}.{set_name}[{i}]")
            elif name in PATTERN_KEYS and isinstance(value, str):
                _compile_or_fail(value, file, owner, path)
            elif name in PATTERN_KEYS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        _compile_or_fail(item, file, owner, f"{path}[{i}]")
                    else:
                        _check_patterns(item, file, owner, f"{path}[{i}]")
            else:
                _check_patterns(value, file, owner, path)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _check_patterns(item, file, owner, f"{key}[{i}]")


# A string without any of these is a plain phrase, always a valid pattern: no need to compile it.
_REGEX_SYNTAX = frozenset(r".^$*+?{}[]\|()")


def _compile_or_fail(pattern: str, file: str, owner: str, key: str) -> None:
    if _REGEX_SYNTAX.isdisjoint(pattern):
        return
    try:
        regex.compile(pattern)
    except regex.error as exc:
        from checker.pack.schema import first_line

        raise PackError(f"{file}：规则 {owner}：键 {key}：正则表达式无效（{exc}）：{first_line(pattern)}") from None


def _check_unique(rules: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule["id"] in seen:
            raise PackError(
                f"{rule['_file']}：规则 {rule['id']}：id 重复（已在 {seen[rule['id']]} 中定义）"
            )
        seen[rule["id"]] = rule["_file"]


def _check_cue_names(rules: list[dict[str, Any]]) -> None:
    """A ``substance`` spec may name only cue sets that a substance rule defines."""
    defined = {name for r in rules if r.get("kind") == "substance" and r.get("enabled", True)
               for name in r.get("cues", {})}
    for rule in rules:
        spec = rule.get("substance")
        if not isinstance(spec, dict):
            continue
        for tier in ("specific", "actions", "generic", "ignore", "skip", "skip_until", "requires",
                     "shared_requires", "names", "others", "foreign"):
            for name in spec.get(tier, []):
                if name not in defined:
                    known = "、".join(sorted(defined)) or "无（需要一条 kind: substance 规则定义 cues）"
                    raise PackError(f"{rule['_file']}：规则 {rule['id']}：键 substance.{tier}："
                                    f"未定义的线索集“{name}”（已定义：{known}）")


def _check_leaves(rules: list[dict[str, Any]]) -> None:
    """``leaves`` may name only element rules of the pack, with headings of their own to leave."""
    elements = {r["id"]: r for r in rules if r.get("kind") == "element"}
    for rule in rules:
        for name in rule.get("leaves", []):
            other = elements.get(name)
            if other is None or not other.get("headings"):
                why = "不是规则包中的要素规则" if other is None else "没有 headings，无小节可让出"
                raise PackError(f"{rule['_file']}：规则 {rule['id']}：键 leaves：“{name}”{why}")


def _check_templates(templates: list[dict[str, Any]], rule_ids: set[str]) -> None:
    ids = [t["template"] for t in templates]
    for template in templates:
        if ids.count(template["template"]) > 1:
            raise PackError(f"{template['_file']}：模板 id “{template['template']}” 重复")
        elements = template["elements"]
        for element in [*elements["required"], *elements.get("when_mentioned", {})]:
            if element not in rule_ids:
                raise PackError(
                    f"{template['_file']}：模板 {template['template']}：键 elements："
                    f"规则包中没有要素规则 “{element}”"
                )


# ---------------------------------------------------------------- building objects


def _build(raw: dict[str, Any], digest: str, root: str) -> Pack:
    header = raw["header"]
    rules = tuple(_build_rule(r) for r in raw["rules"] if r.get("enabled", True))
    templates = {t["template"]: _build_template(t) for t in raw["templates"]}
    scoring: dict[str, Any] = {
        "element_points": 85.0,
        "finding_points": 15.0,
        "deduction": {"error": 3.0, "warning": 1.0, "info": 0.0},
        "per_rule_cap": 6.0,
    }
    for key, value in header.get("scoring", {}).items():
        if isinstance(value, dict):
            scoring[key] = {**scoring.get(key, {}), **value}
        else:
            scoring[key] = value
    return Pack(
        id=header["pack"],
        name=header["name"],
        version=str(header["version"]),
        description=header.get("description", ""),
        rules=rules,
        templates=templates,
        scoring=scoring,
        sources=header.get("sources", {}),
        digest=digest,
        root=root,
        ocr=header.get("ocr", {}),
        boilerplate={key: tuple(items) for key, items in header.get("boilerplate", {}).items()},
        levels=header.get("levels", {}),
        headings=header.get("headings", {}),
    )


def _build_rule(data: dict[str, Any]) -> Rule:
    deduction = data.get("weight")
    return Rule(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        severity=data["severity"],
        weight=float(deduction) if deduction is not None else -1.0,
        message=data["message"],
        basis=data["basis"],
        spec=data,
        source=data.get("_file", ""),
        templates=tuple(data["templates"]) if data.get("templates") else None,
        suggestion=data.get("suggestion"),
        description=data.get("description", ""),
    )


def _build_template(data: dict[str, Any]) -> Template:
    sections = tuple(
        TemplateSection(
            id=s["id"],
            name=s["name"],
            headings=tuple(s["headings"]),
            fallback=s.get("fallback", False),
            optional=s.get("optional", False),
            hint=s.get("hint", ""),
            skeleton_heading=s.get("skeleton_heading", ""),
            not_headings=tuple(s.get("not_headings", ())),
        )
        for s in data["sections"]
    )
    elements = data["elements"]
    return Template(
        id=data["template"],
        name=data["name"],
        description=data.get("description", ""),
        sections=sections,
        required=tuple(elements["required"]),
        when_mentioned={k: tuple(v) for k, v in elements.get("when_mentioned", {}).items()},
        detect=data.get("detect", {}),
        default=data.get("default", False),
        filer=data.get("filer", "government"),
        deadline=data.get("deadline", {}),
        source=data.get("_file", ""),
        skeleton=data.get("skeleton", {}),
    )
