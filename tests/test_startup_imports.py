"""What start-up loads, checked by module (never by time: timing belongs to benchmarks/bench.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import sys
from rolecompare.cli import main
sys.argv = ["rolecompare", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = sorted({name.split(".")[0] for name in sys.modules})
print("LOADED", " ".join(loaded), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "TERM": "dumb"},
        check=False,
        timeout=60,
    )
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("LOADED "))
    return set(line.split()[1:])


@pytest.mark.parametrize(
    "args",
    [
        ("rates", "--format", "json"),
        ("rates", "-f", "json", "--data", "data/roles.toml"),
        ("quiz", "--answers", "425342514253425142534251", "--format", "json", "--no-history"),
        ("show", "--format", "json"),
        ("roles", "-f", "md"),
        ("pay", "--role", "pmo", "--format", "json"),
        ("pay", "--rate", "500", "-f", "md", "--breakdown"),
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
    probe = (
        "import sys, rolecompare.models\nprint(sorted(m for m in sys.modules if 'pydantic' in m))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
