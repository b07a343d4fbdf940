"""Shared fixtures: every CliRunner call runs at a fixed width with colour off."""

from __future__ import annotations

import compileall
import datetime as dt
import functools
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from rolecompare.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOTS = Path(__file__).parent / "snapshots"
REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO / "data" / "roles.toml"
THREE_ROLES = FIXTURES / "three_roles.toml"
TODAY = dt.date(2026, 11, 25)
"""The date every in-process test runs on, so the rates' age in snapshots and the README holds."""

Invoke = Callable[..., Result]

typer.testing._get_command = functools.cache(typer.main.get_command)  # type: ignore[attr-defined]
"""CliRunner builds the Click command from the Typer app at every call (about 18 ms, measured)
and the suite makes well over a thousand calls; an app does not change during a run, so each
worker builds each app's command once."""


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Run in parallel by default: ``-n auto --dist worksteal`` when pytest-xdist is installed and
    no ``-n`` was given. ``-n 0`` or ``-p no:xdist`` runs every test in this one process.

    A hook rather than ``addopts``, so ``-p no:xdist`` and an environment without pytest-xdist
    (CI's wheel environment) still run. It runs before pytest-xdist's own hook, which turns
    ``auto`` into a number of workers; the workers themselves are left alone.
    """
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is None:
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "worksteal"  # the slow tests do not wait behind each other


def pytest_configure(config: pytest.Config) -> None:
    """Let this run and the processes it starts keep compiled code, even where the environment
    says not to (``PYTHONDONTWRITEBYTECODE``): hundreds of test processes would each compile the
    package again, and every run would rewrite the test modules' assertions anew (measured: 9 s
    of collection in each worker, 3 s with the rewritten modules kept)."""
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        sys.dont_write_bytecode = False
    if not hasattr(config, "workerinput"):  # once, before any worker or test process starts
        compileall.compile_dir(REPO / "src", quiet=2, workers=1)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection left (every test module, the data they load at import) lives until the end
    of the run: ``gc.freeze()`` keeps the garbage collector from scanning it again at every full
    collection, which the prompt tests trigger by the hundred (measured: a third of the time the
    collector took, some 3% of the run's CPU time)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's data file, history or colour settings, or today's date, and
    none writes into the checkout: each runs in its own folder, so a relative path such as
    ``--export x.csv`` lands there."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("rolecompare.core.rates.today", lambda: TODAY)
    for name in (
        "ROLECOMPARE_DATA",
        "ROLECOMPARE_TAX_DATA",
        "NO_COLOR",
        "FORCE_COLOR",
        "TERM",
        "COLUMNS",
        "LINES",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ROLECOMPARE_HOME", str(tmp_path / "home"))


@pytest.fixture
def invoke() -> Invoke:
    """Run the app like a user would, at a fixed width, with no colour, stderr kept apart."""

    def run(
        args: Sequence[str],
        width: int = 100,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        runner = CliRunner()
        full_env = {"COLUMNS": str(width), "TERM": "dumb", **(env or {})}
        return runner.invoke(
            app, list(args), input=input, env=full_env, catch_exceptions=False, color=False
        )

    return run


def installed_command() -> str | None:
    """The `rolecompare` to drive end to end: $ROLECOMPARE_BIN, else the one beside this Python."""
    explicit = os.environ.get("ROLECOMPARE_BIN")
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "rolecompare"
    return str(beside) if beside.exists() else None


@pytest.fixture
def command() -> str:
    """The installed command for end-to-end tests; skips when there is none."""
    found = installed_command()
    if found is None:
        pytest.skip("rolecompare is not installed next to this Python; set ROLECOMPARE_BIN")
    return found
