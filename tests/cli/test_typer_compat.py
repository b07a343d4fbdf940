"""A Typer without the internals rolecompare builds on still runs every command, and only
rolecompare.typer_compat touches those internals.

The Typer in use has them, so their absence is simulated in a fresh interpreter: an import hook
refuses ``typer._click.exceptions`` and ``typer._coercion`` to rolecompare's modules (Typer's own
modules keep them, as Typer itself cannot run without them), or Typer's converter class is
swapped for one whose ``coerce`` takes other arguments.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from packaging.requirements import Requirement
from typer._coercion import RuntimeParam, build_runtime_param

from rolecompare import typer_compat

from ..conftest import REPO
from ..forked import run_forked

WITHOUT_INTERNALS = """
import builtins, sys

mode = {mode!r}
if mode == "reshaped":
    import typer._coercion

    class Reshaped(typer._coercion.RuntimeParam):
        def coerce(self, value, param, ctx, strict=True):  # an argument more than tested
            return super().coerce(value, param, ctx)

    typer._coercion.RuntimeParam = Reshaped
else:
    blocked = {{"typer._click.exceptions", "typer._coercion"}} if mode == "both" else {{mode}}
    real_import = builtins.__import__

    def without_internals(name, globals=None, locals=None, fromlist=(), level=0):
        importer = (globals or {{}}).get("__name__") or ""
        if level == 0 and name in blocked and importer.startswith("rolecompare"):
            raise ImportError(f"No module named {{name!r}} (simulated)")
        return real_import(name, globals, locals, fromlist, level)

    builtins.__import__ = without_internals
"""
"""Run before rolecompare is imported, so every import it makes, lazy ones included, meets it."""

STATE = """
from rolecompare import typer_compat

print("FALLBACK", typer_compat.CLICK_ERRORS is None, typer_compat.LIGHT_CONVERSION, file=sys.stderr)
print("ADAPTERS", "typer._adapters" in sys.modules, file=sys.stderr)
sys.stderr.flush()
"""

MODES = ["typer._click.exceptions", "typer._coercion", "both", "reshaped"]
"""What is missing: click's error classes, Typer's converter module, both, or the converter
class's shape."""

CASES = {
    "show": ["show", "--format", "json"],
    "rates": ["rates", "-f", "json", "--days", "200", "--role", "pmo"],
    "narrow": ["rates", "--role", "pmo", "--width", "50"],  # a global option, after
    "help": ["rates", "--help"],
    "refused": ["rates", "--days", "0"],
    "unknown": ["rates", "--rolez", "pmo"],
}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Run]]:
    """Every case of a mode, each in its own process forked from one interpreter of the mode."""

    @functools.cache
    def of(mode: str) -> dict[str, Run]:
        env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
        folder = tmp_path_factory.mktemp("compat")
        done = run_forked(
            sys.executable,
            list(CASES.values()),
            folder,
            env,
            before=WITHOUT_INTERNALS.format(mode=mode),
            after=STATE,
        )
        return {
            name: Run(case.code, case.stdout.decode(), case.stderr.decode())
            for name, case in zip(CASES, done, strict=True)
        }

    return of


def _state(done: Run, key: str) -> list[str]:
    return next(line.split()[1:] for line in done.stderr.splitlines() if line.startswith(key))


@pytest.mark.parametrize("mode", MODES)
def test_every_command_parses_its_options_with_typers_own_behaviour(
    mode: str, runs: Callable[[str], dict[str, Run]]
) -> None:
    shown = runs(mode)["show"]
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["roles"]
    click_missing = mode in ("typer._click.exceptions", "both")
    assert _state(shown, "FALLBACK") == [str(click_missing), "False"]

    rates = runs(mode)["rates"]
    assert rates.returncode == 0, rates.stderr
    assert json.loads(rates.stdout)["billable_days"] == 200
    assert _state(rates, "ADAPTERS") == ["True"], "Typer converts the options itself"

    narrow = runs(mode)["narrow"]
    assert narrow.returncode == 0, narrow.stderr
    assert "PMO" in narrow.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 50

    helped = runs(mode)["help"]
    assert helped.returncode == 0, helped.stderr
    assert "--days" in helped.stdout


@pytest.mark.parametrize("mode", MODES)
def test_a_refused_value_is_a_usage_error_with_a_clear_message(
    mode: str, runs: Callable[[str], dict[str, Run]]
) -> None:
    refused = runs(mode)["refused"]
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    if mode in ("typer._click.exceptions", "both"):  # Typer's own words
        expected = "Error: Invalid value for '--days': Input should be greater than or equal to 1"
    else:
        expected = "Error: --days: 0 is out of range; use a whole number from 1 to 366"
    assert expected in refused.stderr
    unknown = runs(mode)["unknown"]
    assert unknown.returncode == 2
    assert "--rolez" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_the_tested_typer_has_what_rolecompare_builds_on() -> None:
    """With the pinned Typer, nothing falls back: errors in the tool's words, fast options."""
    assert typer_compat.CLICK_ERRORS is not None
    assert issubclass(typer.BadParameter, typer_compat.CLICK_ERRORS.usage)
    assert typer_compat.LIGHT_CONVERSION


def test_the_suite_runs_on_a_typer_inside_the_pinned_range() -> None:
    """pyproject.toml pins Typer, with an upper bound, to the versions this suite passes on: run
    on another Typer (to raise the bound), the suite says so here first."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [Requirement(line) for line in project["dependencies"]]
    pin = next(pin for pin in pins if pin.name == "typer")
    assert any(spec.operator == "<" for spec in pin.specifier)
    assert pin.specifier.contains(typer.__version__), (typer.__version__, str(pin.specifier))


def test_a_converter_contract_of_another_shape_is_not_built_on() -> None:
    class NoAbstractHook(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return value

    class OtherArguments(RuntimeParam):
        def coerce(self, value: Any, param: Any, ctx: Any, strict: bool = True) -> Any:
            return value

    def build_with_options(descriptor: Any, cache: bool) -> Any:
        return build_runtime_param(descriptor)

    assert typer_compat._converts_as_tested(RuntimeParam, build_runtime_param)
    assert not typer_compat._converts_as_tested(NoAbstractHook, build_runtime_param)
    assert not typer_compat._converts_as_tested(OtherArguments, build_runtime_param)
    assert not typer_compat._converts_as_tested(RuntimeParam, build_with_options)
    assert not typer_compat._converts_as_tested(object, build_runtime_param)


def _typer_private_names() -> set[str]:
    """Every private name the installed Typer (and the click inside it) defines or uses."""
    names: set[str] = set()
    for path in Path(typer.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    return {name for name in names if name.startswith("_") and not name.startswith("__")} - {"_"}


def _internals_used(tree: ast.AST, private: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [
                f"import {module}"
                for module in modules
                if module.startswith(("typer._", "click")) or module == "click"
            ]
        elif isinstance(node, ast.Attribute) and node.attr in private:
            found.append(f"{ast.unparse(node)} (line {node.lineno})")
        elif isinstance(node, ast.Constant) and node.value in private:
            found.append(f"{node.value!r} (line {node.lineno})")
    return found


def test_only_the_compat_module_touches_typer_internals() -> None:
    """Imports of ``typer._…`` or click (Typer carries its own), and Typer's private attributes
    by name or in a string (``getattr``), appear only in rolecompare/typer_compat.py."""
    private = _typer_private_names()
    assert {"_runtime_param", "_coerce_value", "_protected_args"} <= private
    package = REPO / "src" / "rolecompare"
    compat = package / "typer_compat.py"
    assert _internals_used(ast.parse(compat.read_text(encoding="utf-8")), private)
    elsewhere = {
        str(path.relative_to(package)): used
        for path in sorted(package.rglob("*.py"))
        if path != compat
        and (used := _internals_used(ast.parse(path.read_text(encoding="utf-8")), private))
    }
    assert elsewhere == {}
