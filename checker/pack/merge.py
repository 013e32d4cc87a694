"""Packs that extend another pack: add rules, turn rules off, override keys, extend lists.

A provincial pack says ``extends: fazhi-annual`` and then ``disable`` (rule ids),
``override`` (rule id -> keys to replace: severity, weight, message, any
kind-specific key) and ``extend_lists`` (rule id -> list key -> items to append,
e.g. more wrong terms; a dotted key such as ``examples.fire`` reaches into a
mapping, so that added entries can bring their examples), plus rules of its own.

Layers fold base first. A layer may change only rules of the packs below it
(its own rules it simply writes as it wants them). Every rule a layer changed
is validated again against the rule schema, so an override cannot smuggle in a
severity or a key the schema rejects. Header keys merge: ``scoring`` (and its
``deduction``) key by key, ``sources`` entry by entry, ``boilerplate`` lists item by item
(a province adds its own wording); the rest are replaced.
"""

from __future__ import annotations

import copy
from typing import Any

from checker.errors import PackError

LAYER_KEYS = ("extends", "disable", "override", "extend_lists")
FIXED_KEYS = ("id", "kind")


def merge(layers: list[dict[str, Any]], validate: bool = True) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Fold the layers (base first) into one header and one rule list (``validate``: changed rules
    against the schema; not for files whose hash passed validation before)."""
    rules: list[dict[str, Any]] = []
    header: dict[str, Any] = {}
    for layer in layers:
        own = layer["header"]
        file = layer["file"]
        by_id = {r["id"]: r for r in rules}
        changed: dict[str, str] = {}
        for rule_id in own.get("disable", []):
            _known(by_id, rule_id, file, "disable")["enabled"] = False
        for rule_id, keys in own.get("override", {}).items():
            rule = _known(by_id, rule_id, file, "override")
            for key in FIXED_KEYS:
                if key in keys:
                    raise PackError(f"{file}：键 override.{rule_id}.{key}：不能改写规则的 {key}")
            rule.update(copy.deepcopy(keys))
            changed[rule_id] = "override"
        for rule_id, lists in own.get("extend_lists", {}).items():
            rule = _known(by_id, rule_id, file, "extend_lists")
            for key, items in lists.items():
                current = _list_at(rule, key)
                if current is None:
                    raise PackError(
                        f"{file}：键 extend_lists.{rule_id}.{key}：规则 {rule_id} 没有列表键 “{key}”"
                    )
                current.extend(copy.deepcopy(items))
            changed.setdefault(rule_id, "extend_lists")
        for rule_id, key in changed.items():
            if validate:
                _revalidate(by_id[rule_id], file, key)
            by_id[rule_id]["_file"] = f"{by_id[rule_id]['_file']}（被 {file} 改写）"
            if layer.get("user"):
                by_id[rule_id]["_user"] = True  # its patterns may now be the user's
        for rule in layer["rules"]:
            if rule["id"] in by_id:
                raise PackError(
                    f"{rule['_file']}：规则 {rule['id']}：与被扩展的规则包重复（请用 override 改写）"
                )
        rules.extend(layer["rules"])
        header = _merge_header(header, own)
    return header, rules


def _known(by_id: dict[str, dict[str, Any]], rule_id: str, file: str, key: str) -> dict[str, Any]:
    if rule_id not in by_id:
        raise PackError(f"{file}：键 {key}：被扩展的规则包中没有规则 “{rule_id}”")
    return by_id[rule_id]


def _list_at(rule: dict[str, Any], key: str) -> list[Any] | None:
    """The list under ``key``; a dotted key reaches into a mapping (``examples.fire``)."""
    node: Any = rule
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, list) else None


def _revalidate(rule: dict[str, Any], file: str, key: str) -> None:
    """The changed rule must still satisfy the rule schema; name the layer's key if not."""
    from checker.pack import schema

    clean = {k: v for k, v in rule.items() if not k.startswith("_")}
    found = schema.errors({"rules": [clean]}, "rules")
    if found:
        error = found[0]
        path = [p for p in list(error.absolute_path)[2:]]
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        raise PackError(f"{file}：键 {key}.{rule['id']}{where}：{schema._message(error)}")


def _merge_header(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    header = {**base, **{k: v for k, v in own.items() if k not in LAYER_KEYS}}
    scoring = {**base.get("scoring", {}), **own.get("scoring", {})}
    deduction = {**base.get("scoring", {}).get("deduction", {}),
                 **own.get("scoring", {}).get("deduction", {})}
    if deduction:
        scoring["deduction"] = deduction
    if scoring:
        header["scoring"] = scoring
    sources = {**base.get("sources", {}), **own.get("sources", {})}
    if sources:
        header["sources"] = sources
    boilerplate = {key: list(dict.fromkeys([*base.get("boilerplate", {}).get(key, []),
                                            *own.get("boilerplate", {}).get(key, [])]))
                   for key in ("phrases", "clauses")}
    if any(boilerplate.values()):
        header["boilerplate"] = {key: items for key, items in boilerplate.items() if items}
    return header
