"""Packs that extend another pack: add rules, turn rules off, override keys, extend lists.

A provincial pack says ``extends: fazhi-annual`` and then ``disable`` (rule ids),
``override`` (rule id -> keys to replace: severity, weight, message, any
kind-specific key) and ``extend_lists`` (rule id -> list key -> items to append,
e.g. more wrong terms), plus rules of its own.
"""

from __future__ import annotations

import copy
from typing import Any

from checker.errors import PackError


def merge(layers: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Fold the layers (base first) into one header and one rule list."""
    rules: list[dict[str, Any]] = []
    header: dict[str, Any] = {}
    for layer in layers:
        own = layer["header"]
        file = layer["file"]
        by_id = {r["id"]: r for r in rules}
        for rule_id in own.get("disable", []):
            if rule_id not in by_id:
                raise PackError(f"{file}：键 disable：被扩展的规则包中没有规则 “{rule_id}”")
            by_id[rule_id]["enabled"] = False
        for rule_id, keys in own.get("override", {}).items():
            if rule_id not in by_id:
                raise PackError(f"{file}：键 override：被扩展的规则包中没有规则 “{rule_id}”")
            for key in ("id", "kind"):
                if key in keys:
                    raise PackError(f"{file}：键 override.{rule_id}.{key}：不能改写规则的 {key}")
            by_id[rule_id].update(copy.deepcopy(keys))
            by_id[rule_id]["_file"] = f"{by_id[rule_id]['_file']}（被 {file} 改写）"
        for rule_id, lists in own.get("extend_lists", {}).items():
            if rule_id not in by_id:
                raise PackError(f"{file}：键 extend_lists：被扩展的规则包中没有规则 “{rule_id}”")
            for key, items in lists.items():
                current = by_id[rule_id].get(key)
                if not isinstance(current, list):
                    raise PackError(
                        f"{file}：键 extend_lists.{rule_id}.{key}：规则 {rule_id} 没有列表键 “{key}”"
                    )
                current.extend(copy.deepcopy(items))
        for rule in layer["rules"]:
            if rule["id"] in by_id:
                raise PackError(
                    f"{rule['_file']}：规则 {rule['id']}：与被扩展的规则包重复（请用 override 改写）"
                )
        rules.extend(layer["rules"])
        merged_scoring = {**header.get("scoring", {}), **own.get("scoring", {})}
        header = {**header, **own}
        if merged_scoring:
            header["scoring"] = merged_scoring
    return header, rules
