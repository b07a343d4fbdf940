"""What start-up loads, checked by module (never by time: timing belongs to benchmarks/bench.py)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys

import pytest

from ..helpers import mixed_answers

MODULES_PROBE = """
import sys
from rolecompare.cli import main
sys.argv = ["rolecompare", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(*args: str, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The modules a run of the command loaded, and what it printed."""
    loaded, printed = _probe(args, tuple(sorted((env or {}).items())))
    return set(loaded), printed


@functools.cache
def _probe(args: tuple[str, ...], env: tuple[tuple[str, str], ...]) -> tuple[frozenset[str], str]:
    """One run per set of arguments: several tests ask what the same command line loads."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES_PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "TERM": "dumb", **dict(env)},
        check=False,
        timeout=60,
    )
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    return frozenset(line.split()[1:]), done.stdout


def loaded_by(*args: str) -> set[str]:
    """The top-level packages a run of the command loaded."""
    return {name.split(".")[0] for name in modules_loaded_by(*args)[0]}


@pytest.mark.parametrize(
    "args",
    [
        ("rates", "--format", "json"),
        ("rates", "-f", "json", "--data", "data/roles.toml"),
        ("quiz", "--answers", mixed_answers(), "--format", "json", "--no-history"),
        ("show", "--format", "json"),
        ("roles", "-f", "md"),
        ("pay", "--role", "pmo", "--format", "json"),
        ("pay", "--rate", "500", "-f", "md", "--breakdown"),
        ("rates", "-f", "csv"),
        ("pay", "--role", "pmo", "-f", "csv"),
    ],
)
def test_json_and_markdown_load_no_rich(args: tuple[str, ...]) -> None:
    loaded = loaded_by(*args)
    assert "rolecompare" in loaded
    assert "rich" not in loaded
    assert "questionary" not in loaded


@pytest.mark.parametrize(
    "args", [("--help",), ("--version",), ("rates", "--help"), ("pay", "--help")]
)
def test_help_and_version_load_neither_models_nor_rich(args: tuple[str, ...]) -> None:
    loaded = loaded_by(*args)
    assert not {"rich", "questionary", "tomllib"} & loaded


def test_models_import_no_validation_library() -> None:
    """The models are plain dataclasses: defining them must not import pydantic, which a command
    showing the built-in data never needs."""
    probe = "import sys, rolecompare.core.models\nprint(sorted(m for m in sys.modules if 'pydantic' in m))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ("rates", "--format", "json"),
        ("rates", "--role", "pmo", "--days", "200", "--width", "80"),
        ("show",),
        ("show", "-d", "decision-making", "--export", "nowhere/x.md", "--no-color"),
        ("pay", "--role", "pmo"),
        ("quiz", "--answers", mixed_answers(), "--format", "json", "--no-history"),
        ("roles", "-f", "json"),
        ("history", "--limit", "3", "--format", "json"),
        ("validate", "data/roles.toml"),
        ("--help",),
        ("rates", "--help"),
    ],
)
def test_option_parsing_builds_no_pydantic_adapter(args: tuple[str, ...]) -> None:
    """Typer's per-option pydantic converters (about 90 ms a run) are replaced for every kind
    of option rolecompare has (see rolecompare.typer_compat)."""
    loaded, _ = modules_loaded_by(*args)
    assert "rolecompare.typer_compat" in loaded
    assert "typer._adapters" not in loaded


def test_tab_completion_builds_no_pydantic_adapter() -> None:
    words = "rolecompare --width 90 rates --days 30 --role p"
    env = {"_ROLECOMPARE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "7"}
    loaded, printed = modules_loaded_by(env=env)
    assert printed.split() == ["pmo", "pm"]
    assert "typer._adapters" not in loaded


def test_a_refused_number_is_still_explained_by_typer() -> None:
    """The light converters leave what they do not accept to Typer (and so pydantic)."""
    loaded, _ = modules_loaded_by("rates", "--days", "1_000_000", "-f", "json")
    assert "typer._adapters" in loaded


@pytest.mark.parametrize(
    "args",
    [
        ("rates", "--help"),
        ("pay", "--help"),
        ("quiz", "--help"),
        ("rates", "--format", "json", "--days", "200", "--width", "90"),
        ("rates", "--role", "pmo"),
        ("show", "--export", "nowhere/x.md"),
        ("pay", "--role", "pmo", "--no-color"),
        ("quiz", "--answers", mixed_answers(), "--format", "json", "--no-history"),
        ("roles", "-f", "json"),
    ],
)
def test_built_in_data_and_help_import_no_pydantic(args: tuple[str, ...]) -> None:
    """Neither the options (converted by rolecompare.typer_compat rather than Typer's per-option
    pydantic adapters, about 90 ms) nor the built-in data need pydantic."""
    assert "pydantic" not in loaded_by(*args), (
        "pydantic was imported: if data/roles.toml changed, run python -m rolecompare.core.make_snapshots"
    )


@pytest.mark.parametrize(
    "args",
    [("show",), ("rates", "--role", "pmo"), ("pay", "--role", "pmo"), ("pay", "-f", "json")],
)
def test_the_built_in_files_are_served_from_their_snapshots(args: tuple[str, ...]) -> None:
    """Neither data file is parsed, let alone validated, when it is the built-in one."""
    loaded = loaded_by(*args)
    assert not {"tomllib", "pydantic", "annotated_types"} & loaded, (
        "a built-in file was read: if data/roles.toml or data/uk-tax.toml changed, run "
        "python -m rolecompare.core.make_snapshots"
    )
