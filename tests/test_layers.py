"""The package's layers, read from the source: every import (module level or inside a function) goes
down the layer order or stays within its layer, and no modules import each other in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "batcalc"

#: Lowest first. A module may import from its own layer and the layers before it.
LAYERS = ("errors", "cache", "units", "io", "spec", "physics", "claims", "report", "plots", "page", "api", "cli")
#: Modules outside the layers: the package's own entry points, free to import anything.
ENTRY_POINTS = {"batcalc", "batcalc.__main__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every batcalc module ``path`` imports, wherever the import statement stands."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "batcalc"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.split(".")[0] != "batcalc":
                continue
            for alias in node.names:       # `from batcalc.spec import catalog` imports a module
                sub = f"{base}.{alias.name}"
                found.add(sub if (ROOT.parent / sub.replace(".", "/")).with_suffix(".py").exists()
                          or (ROOT.parent / sub.replace(".", "/")).is_dir() else base)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in ROOT.rglob("*.py")}


def layer_of(module: str) -> int:
    return LAYERS.index(module.split(".")[1])


def test_every_module_belongs_to_a_layer():
    for module in graph():
        assert module in ENTRY_POINTS or module.split(".")[1] in LAYERS, module


def test_imports_only_go_down():
    upward = [(m, i) for m, deps in graph().items() if m not in ENTRY_POINTS
              for i in deps if i not in ENTRY_POINTS and layer_of(i) > layer_of(m)]
    assert upward == []


def find_cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Cycles in the import graph ``g`` (depth-first search; a package importing itself is none)."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(g.get(node, ())):
            if dep == node or node.startswith(dep + "."):     # a module's own package is no cycle
                continue
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = 2

    for module in sorted(g):
        if module not in state:
            visit(module, [module])
    return cycles


def test_no_import_cycles():
    assert find_cycles(graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"p.x": {"p"}, "p": set()}) == []


def test_the_checks_see_an_upward_import(tmp_path, monkeypatch):
    """The walker is not blind: a function-level import of the CLI from the physics layer is caught."""
    bad = tmp_path / "batcalc" / "physics"
    bad.mkdir(parents=True)
    (tmp_path / "batcalc" / "cli").mkdir()
    (tmp_path / "batcalc" / "cli" / "main.py").write_text("")
    (bad / "x.py").write_text("def f():\n    from batcalc.cli.main import app\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path / "batcalc")
    deps = imports_of(bad / "x.py")
    assert deps == {"batcalc.cli.main"}
    assert layer_of("batcalc.cli.main") > layer_of("batcalc.physics.x")
