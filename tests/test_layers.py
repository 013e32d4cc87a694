"""The package's shape: each stage imports only the stages below it, and nothing imports in a circle.

Every import counts — module level, inside functions (the lazy ones) and under
``TYPE_CHECKING`` — because a lazy import up the stack is still a dependency up the stack.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "checker"

# Lowest first. A module may import its own layer and the layers before it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("checker.errors", "checker.model", "checker.schemas")),
    ("text", ("checker.text",)),
    ("readers", ("checker.readers",)),
    ("pack", ("checker.pack",)),
    ("rules", ("checker.context", "checker.templating", "checker.scoring", "checker.kinds")),
    ("gate", ("checker.gate",)),
    ("engine", ("checker.engine", "checker.ruletest")),
    ("render", ("checker.render",)),
    ("audit", ("checker.audit",)),
    # checker serve's web application sits with the commands: it serves what they do (commands.runner).
    ("commands", ("checker.commands", "checker.__main__", "checker.web")),
]
# Third-party libraries only the presentation layers may use.
PRESENTATION_ONLY = {"rich": "render", "click": "commands", "starlette": "commands", "uvicorn": "commands"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").exists() or path.is_dir()


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every imported module name (absolute) with its line, from anywhere in the file."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "checker":
                # ``from checker import __version__`` reads the root's constant, not the API facade.
                found.extend((f"checker.{a.name}", node.lineno) for a in node.names if a.name != "__version__")
            else:
                found.append((node.module, node.lineno))
                # ``from checker.gate import suppress`` imports the module checker.gate.suppress.
                found.extend((f"{node.module}.{a.name}", node.lineno) for a in node.names
                             if is_module(f"{node.module}.{a.name}"))
    return found


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in MODULES if m != "checker" and layer_of(m) is None]
    assert not unplaced, f"modules outside every layer (add them to LAYERS): {unplaced}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "checker"))
def test_no_import_from_a_higher_layer(module: str) -> None:
    own = layer_of(module)
    assert own is not None
    upward = []
    for target, line in imports_of(MODULES[module]):
        top = target.split(".")[0]
        if top in PRESENTATION_ONLY and own < layer_of(f"checker.{PRESENTATION_ONLY[top]}"):  # type: ignore[operator]
            upward.append(f"line {line}: {target} (only {PRESENTATION_ONLY[top]} and above may use it)")
        if top != "checker":
            continue
        rank = layer_of(target)
        if target == "checker" or (rank is not None and rank > own):
            upward.append(f"line {line}: {target}")
    assert not upward, f"{module} ({LAYERS[own][0]}) imports upward: {upward}"


def test_no_import_cycles() -> None:
    graph = {m: {t for t, _ in imports_of(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    # A package's __init__ importing its own submodules (a registry) is not a cycle back into it.
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_at_most_eight_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(top) <= 8, top
