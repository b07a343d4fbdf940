"""Class 9, limits of width: ``COLUMNS=0`` or any width too small to draw falls back to a
sensible width, instead of printing nothing and exporting an empty file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolecompare.core import loader
from rolecompare.ui import output

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
SCREENS = {
    "show": ["show"],
    "rates": ["rates"],
    "quiz": ["quiz", "--answers", ANSWERS],
    "roles": ["roles"],
    "validate": ["validate"],
}


@pytest.mark.parametrize("columns", ["0", "1", "5", str(output.MIN_WIDTH - 1)])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_width_too_small_to_draw_falls_back(invoke: Invoke, screen: str, columns: str) -> None:
    result = invoke(SCREENS[screen], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) > 3
    assert max(len(line) for line in lines) <= output.FALLBACK_WIDTH
    assert any(len(line) > 30 for line in lines)  # drawn at the fallback width, not in slivers


@pytest.mark.parametrize("suffix", [".svg", ".txt", ".html"])
def test_an_export_at_columns_0_is_not_empty(invoke: Invoke, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    result = invoke(["show", "--export", str(target)], env={"COLUMNS": "0"})
    assert result.exit_code == 0, result.stderr
    assert "Decision-making" in target.read_text(encoding="utf-8")


def test_history_at_columns_0(invoke: Invoke) -> None:
    assert invoke(SCREENS["quiz"]).exit_code == 0
    result = invoke(["history"], env={"COLUMNS": "0"})
    assert result.exit_code == 0
    assert "Quiz history" in result.stdout and "PMO" in result.stdout
