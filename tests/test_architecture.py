"""The package's floors hold: the core never reaches up into drawing, prompts or the command
line, and no module imports itself back through others. Every import counts: those inside
functions as much as those at the top, and those under ``if TYPE_CHECKING:`` too, since a cycle of
types is still two modules that cannot be understood apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "rolecompare"
PRESENTATION = ("rich", "typer", "click", "questionary", "prompt_toolkit")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """Every module ``name`` imports, wherever the import stands in it."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def internal(found: set[str]) -> set[str]:
    """The package's own modules among ``found`` (``from pkg import mod`` names the module)."""
    return {name for name in found if name in MODULES and name != "rolecompare"}


def test_the_layout_has_its_floors() -> None:
    assert any(name.startswith("rolecompare.core.") for name in MODULES)
    assert any(name.startswith("rolecompare.commands.") for name in MODULES)
    assert any(name.startswith("rolecompare.ui.") for name in MODULES)


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("rolecompare.core")])
def test_the_core_imports_no_presentation_and_no_upper_floor(name: str) -> None:
    found = imports(name)
    drawing = {module for module in found if module.split(".")[0] in PRESENTATION} | {
        module
        for module in found
        if module.startswith("rolecompare.")
        and not module.startswith("rolecompare.core")
        and module != "rolecompare.__version__"
    }
    assert not drawing, f"{name} imports {sorted(drawing)}"


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("rolecompare.ui")])
def test_shared_presentation_imports_no_command(name: str) -> None:
    upward = {
        module
        for module in imports(name)
        if module.startswith(("rolecompare.commands", "rolecompare.cli"))
    }
    assert not upward, f"{name} imports {sorted(upward)}"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` as a path that ends where it began, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for following in sorted(graph.get(node, ())):
            if state.get(following) == 1:
                return [*path[path.index(following) :], following]
            if following not in state:
                cycle = visit(following)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_no_import_cycles_lazy_imports_counted() -> None:
    graph = {name: internal(imports(name)) - {name} for name in MODULES}
    # A package's __init__ is imported by each of its modules; it imports none of them here.
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
