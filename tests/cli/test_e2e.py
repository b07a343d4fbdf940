"""The installed `rolecompare` in a real pseudo-terminal and in shell pipes, run from anywhere.

CI runs these against a wheel install (ROLECOMPARE_BIN), from outside the checkout.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from pathlib import Path

import pexpect
import pytest

from ..conftest import THREE_ROLES
from ..helpers import flat, strip_ansi, widest

pytestmark = pytest.mark.e2e

CITATION = (
    '"PMO vs Project Manager: Key Similarities & Differences", Find Contract Jobs, 3 June 2025'
)


def environment(cwd: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "ROLECOMPARE_HOME": str(cwd / "home"),
        "PAGER": "cat",  # these tests read the whole output; test_e2e_pager.py tests the pager
    }


def run_in_pty(
    command: str,
    args: list[str],
    cwd: Path,
    columns: int = 100,
    expect: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> tuple[str, int]:
    """Spawn in a terminal ``columns`` wide, wait for each of ``expect`` in turn, then for EOF.

    Returns everything the terminal was sent, escape codes included, with ``\\n`` line ends, and
    the exit status.
    """
    seen = io.StringIO()
    child = pexpect.spawn(
        command,
        args,
        env={**environment(cwd), **(env or {})},
        dimensions=(40, columns),
        encoding="utf-8",
        cwd=str(cwd),
        timeout=20,
    )
    child.logfile_read = seen
    for text in expect:
        child.expect_exact(text)
    child.expect(pexpect.EOF)
    child.close()
    raw = seen.getvalue()
    assert isinstance(child.exitstatus, int), f"killed by signal {child.signalstatus}"
    return raw.replace("\r\n", "\n"), child.exitstatus


def test_show_in_a_terminal(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(
        command,
        ["show"],
        tmp_path,
        expect=("Primary focus", "Decision-making", "Salary and job outlook", "Find Contract Jobs"),
    )
    assert status == 0
    assert "\x1b[" in raw  # a terminal gets styles
    out = strip_ansi(raw)
    assert widest(out) == 100  # the tables fill the terminal, no wider
    assert "│ PMO" in out and "│ Project Manager" in out
    assert "Primavera" in out and "Trello, Asana" in out
    assert out.rstrip().splitlines()[-1] == f"Source: {CITATION}"


def test_show_in_a_narrow_terminal(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(command, ["show"], tmp_path, columns=40, expect=("Primary focus",))
    assert status == 0
    out = strip_ansi(raw)
    assert widest(out) <= 40
    assert "╭" not in out  # stacked, not tables
    assert "Decision-making\nPMO\n" in out


def test_rates_in_a_terminal(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(
        command,
        ["rates", "--role", "pmo"],
        tmp_path,
        expect=("£400–£600", "£88,000–£132,000", "█"),
    )
    assert status == 0
    out = strip_ansi(raw)
    assert "A year = 220 billable days" in out
    assert "IR35 may apply." in flat(out)
    assert "£450" not in out
    assert widest(out) <= 100


def test_rates_of_another_data_file(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(
        command, ["--data", str(THREE_ROLES), "rates"], tmp_path, expect=("Scrum Master",)
    )
    assert status == 0
    assert "Scrum Master vs PMO: +£150 a day" in flat(strip_ansi(raw))


@pytest.mark.parametrize(
    ("option", "env"),
    [(["--no-color"], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"})],
    ids=["--no-color", "NO_COLOR", "TERM=dumb"],
)
def test_plain_output_in_a_terminal(
    command: str, tmp_path: Path, option: list[str], env: dict[str, str]
) -> None:
    raw, status = run_in_pty(command, [*option, "rates"], tmp_path, expect=("£450–£700",), env=env)
    assert status == 0
    assert "\x1b" not in raw
    assert "Project Manager vs PMO" in raw


def test_unknown_role_in_a_terminal(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(command, ["rates", "--role", "pno"], tmp_path)
    assert status == 2
    lines = [line for line in strip_ansi(raw).splitlines() if line.strip()]
    assert lines == ["Error: unknown role 'pno' for --role (known: pmo, pm); did you mean 'pmo'?"]


@pytest.mark.parametrize("reader", ["head -1", "true"])
def test_a_closed_pipe_ends_quietly(command: str, tmp_path: Path, reader: str) -> None:
    # `true` exits before rolecompare writes anything, so the write really meets a closed pipe.
    done = subprocess.run(
        ["bash", "-c", f"{shlex.quote(command)} show | {reader}"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**environment(tmp_path), "COLUMNS": "100"},
        check=False,
        timeout=30,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    if reader == "head -1":
        assert done.stdout.startswith("PMO vs Project Manager")
