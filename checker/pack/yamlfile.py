"""Reading a user's YAML safely: bounded alias expansion and nesting, pack files kept in their pack.

YAML aliases (``*a``) share one parsed object, so a "billion laughs" file of a
few hundred bytes parses at once, but everything that walks it (the schema
validation, the pattern checks, the cache's JSON) would visit it expanded:
10⁹ nodes. :func:`load` measures the expanded size in time linear in the parsed
objects and refuses a file whose aliases add more than :data:`ALIAS_BUDGET`
nodes; a cycle (``&a [*a]``) and nesting deeper than Python can walk are
refused too. Shared phrase lists and the like stay possible.

A pack file may be a symlink to a file inside its pack folder, never to one
outside it (:func:`pack_file`): validation errors quote the file, and a link to
a secret would have them quote the secret.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

ALIAS_BUDGET = 100_000  # nodes that aliases may add beyond the file's own


class YamlTooComplex(Exception):
    """The YAML expands beyond the budget, refers to itself or nests too deeply (message in Chinese)."""


def load(text: str) -> Any:
    """Parse ``text`` with the safe loader; raise :class:`YamlTooComplex` as above, or ``yaml.YAMLError``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except RecursionError:
        raise YamlTooComplex("嵌套层次过深") from None
    if "*" in text:  # no alias without an asterisk: most files need no count
        _check_expansion(data)
    return data


def _children(node: Any) -> list[Any]:
    return list(node.values()) if isinstance(node, dict) else node


def _check_expansion(root: Any) -> None:
    """The expanded node count, by a depth-first walk that counts each shared object once."""
    if not isinstance(root, (dict, list)):
        return
    expanded: dict[int, int] = {}  # id(container) -> nodes below it, aliases expanded
    own = 0  # nodes as parsed: each container once
    open_now: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_now.discard(key)
            children = _children(node)
            keys = len(node) if isinstance(node, dict) else 0
            expanded[key] = 1 + keys + sum(expanded.get(id(c), 1) for c in children)
            own += 1 + keys + sum(1 for c in children if not isinstance(c, (dict, list)))
            if expanded[key] - own > ALIAS_BUDGET:
                raise YamlTooComplex(f"别名（*引用）展开后超过 {ALIAS_BUDGET} 个节点，疑似“别名炸弹”，已拒绝")
            continue
        if key in expanded:
            continue
        if key in open_now:
            raise YamlTooComplex("别名（*引用）引用了自身，形成循环")
        open_now.add(key)
        stack.append((node, True))
        for child in _children(node):
            if isinstance(child, (dict, list)):
                if id(child) in open_now:
                    raise YamlTooComplex("别名（*引用）引用了自身，形成循环")
                if id(child) not in expanded:
                    stack.append((child, False))


def pack_file(path: Path, folder: Path, root: str | None = None) -> str | None:
    """Why ``path`` may not be read as a file of the pack in ``folder``, or None when it may.

    A symlink may point anywhere inside the pack folder, never out of it; only
    regular files are read (a FIFO would block the run). ``root``: the folder's real path,
    when the caller checks several files of it.
    """
    real = os.path.realpath(path)
    # What Path(inside) in Path(real).parents says (case-folded on Windows as Path compares), without
    # building every parent.
    where, inside = os.path.normcase(real), os.path.normcase(root or os.path.realpath(folder))
    if where != inside and not where.startswith(inside.rstrip(os.sep) + os.sep):
        return "是指向规则包目录之外的符号链接，不予读取"
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return "文件不存在（或是失效的符号链接）"
    except OSError as exc:
        return f"无法读取（{exc.strerror or exc}）"
    if not stat.S_ISREG(mode):
        return "不是普通文件，不予读取"
    return None
