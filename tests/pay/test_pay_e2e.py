"""`rolecompare pay`, installed, in a real pseudo-terminal and in a pipe, from outside the checkout.

The tax figures file is found inside the wheel (CI runs these against a wheel install).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ..cli.test_e2e import environment, run_in_pty
from ..helpers import flat, strip_ansi, widest

pytestmark = pytest.mark.e2e


def test_pay_in_a_terminal(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(
        command,
        ["pay", "--role", "pm", "--tax-year", "2026-27"],
        tmp_path,
        expect=("Project Manager", "£72,423", "Assumptions"),
    )
    assert status == 0
    out = strip_ansi(raw)
    assert widest(out, addresses=False) <= 100
    assert "inside IR35 the same take-home needs £648.23 a day" in flat(out)
    assert "Project Manager outside" in out  # the picture


def test_pay_breakdown_in_scotland(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(
        command,
        ["pay", "--rate", "525", "--region", "scotland", "--breakdown", "--tax-year", "2026-27"],
        tmp_path,
        columns=60,
        expect=("The working", "starter rate 19%"),
    )
    assert status == 0
    out = strip_ansi(raw)
    assert widest(out, addresses=False) <= 60
    assert "Take-home pay, tax year 2026-27, Scotland" in out


def test_pay_json_in_a_pipe(command: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [command, "pay", "--rate", "500", "--tax-year", "2026-27", "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=environment(tmp_path),
        check=False,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    [item] = json.loads(done.stdout)["results"]
    assert item["inside"]["take_home"] == 66172.12
    assert item["outside"]["take_home"] == 69932.0


def test_pay_bad_rate_in_a_terminal(command: str, tmp_path: Path) -> None:
    raw, status = run_in_pty(command, ["pay", "--rate", "-5"], tmp_path)
    assert status == 2
    lines = [line for line in strip_ansi(raw).splitlines() if line.strip()]
    assert lines == [
        "Error: --rate takes a number more than 0 and at most 100,000, such as 525 (got '-5')"
    ]
