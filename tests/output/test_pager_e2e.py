"""Long output in a real terminal goes through the pager; never when piped or with --no-pager."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from ..conftest import REAL_DATA
from ..helpers import strip_ansi

pytestmark = pytest.mark.e2e

# A pager that marks every line it shows, so the test can tell paged output from direct output.
MARKING_PAGER = (
    f"{sys.executable} -c \"import sys; sys.stdout.writelines('PAGED|' + l for l in sys.stdin)\""
)


def terminal(
    command: str, args: list[str], cwd: Path, env: dict[str, str], rows: int = 24, cols: int = 100
) -> tuple[str, int]:
    """Run in a pseudo-terminal ``rows`` by ``cols``; everything it printed, and the exit status."""
    seen = io.StringIO()
    child = pexpect.spawn(
        command,
        args,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "ROLECOMPARE_HOME": str(cwd / "home"),
            **env,
        },
        dimensions=(rows, cols),
        encoding="utf-8",
        cwd=str(cwd),
        timeout=30,
    )
    child.logfile_read = seen
    child.expect(pexpect.EOF)
    child.close()
    return strip_ansi(seen.getvalue()).replace("\r\n", "\n"), child.exitstatus


def test_show_taller_than_the_terminal_is_paged(command: str, tmp_path: Path) -> None:
    out, status = terminal(command, ["show"], tmp_path, {"PAGER": MARKING_PAGER})
    assert status == 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0] == "PAGED|PMO vs Project Manager"
    assert all(line.startswith("PAGED|") for line in lines)


def test_no_pager_prints_directly(command: str, tmp_path: Path) -> None:
    out, status = terminal(command, ["show", "--no-pager"], tmp_path, {"PAGER": MARKING_PAGER})
    assert status == 0
    assert "PAGED|" not in out
    assert out.startswith("PMO vs Project Manager")


def test_output_that_fits_is_not_paged(command: str, tmp_path: Path) -> None:
    out, _ = terminal(
        command, ["show", "-d", "focus-area"], tmp_path, {"PAGER": MARKING_PAGER}, rows=60
    )
    assert "PAGED|" not in out
    assert "Focus area" in out


def test_a_pipe_is_never_paged(command: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [command, "show"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PAGER": MARKING_PAGER, "LINES": "10", "TERM": "xterm-256color"},
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert "PAGED|" not in done.stdout
    assert done.stdout.startswith("PMO vs Project Manager\n")


def test_a_missing_pager_falls_back_to_printing(command: str, tmp_path: Path) -> None:
    out, status = terminal(command, ["show"], tmp_path, {"PAGER": "no-such-pager-anywhere"})
    assert status == 0
    assert "PMO vs Project Manager" in out
    assert "Source:" in out


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_less_by_default_and_q_quits(command: str, tmp_path: Path) -> None:
    child = pexpect.spawn(
        command,
        ["show"],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "ROLECOMPARE_HOME": str(tmp_path / "home"),
        },
        dimensions=(24, 100),
        encoding="utf-8",
        cwd=str(tmp_path),
        timeout=30,
    )
    child.expect_exact("PMO vs Project Manager")
    child.expect(":")  # less's prompt: it is waiting for the person
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize(("args", "rows"), [(["rates"], 24), (["roles"], 15)])
def test_rates_and_roles_taller_than_the_terminal_are_paged(
    command: str, tmp_path: Path, args: list[str], rows: int
) -> None:
    out, status = terminal(command, args, tmp_path, {"PAGER": MARKING_PAGER}, rows=rows, cols=80)
    assert status == 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) > rows
    assert all(line.startswith("PAGED|") for line in lines), lines[:3]
    direct, _ = terminal(
        command, [*args, "--no-pager"], tmp_path, {"PAGER": MARKING_PAGER}, rows=rows, cols=80
    )
    assert "PAGED|" not in direct and "Source:" in direct


def test_roles_that_fit_are_not_paged(command: str, tmp_path: Path) -> None:
    out, _ = terminal(command, ["roles"], tmp_path, {"PAGER": MARKING_PAGER}, rows=24, cols=80)
    assert "PAGED|" not in out and "salary-and-job-outlook" in out


def test_a_quiz_result_is_never_paged(command: str, tmp_path: Path) -> None:
    from rolecompare.core import loader

    count = len(loader.load(REAL_DATA).quiz.statements)
    answers = ",".join("4253"[i % 4] for i in range(count))
    out, status = terminal(
        command,
        ["quiz", "--answers", answers, "--no-history"],
        tmp_path,
        {"PAGER": MARKING_PAGER},
        rows=10,
    )
    assert status == 0
    assert out.count("\n") > 10
    assert "PAGED|" not in out and "Your result" in out
