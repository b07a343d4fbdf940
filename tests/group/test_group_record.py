"""Issue 18, item 4: a group's records keep each respondent's name, and history never compares
two people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
PM = "".join("1" if s.keyed == "pmo" else "5" for s in DATA.quiz.statements)


def test_records_keep_names_and_history_never_compares_people(
    invoke: Invoke, tmp_path: Path
) -> None:
    sheet = tmp_path / "w.txt"
    sheet.write_text(f"Ana,{PMO}\nBen,{PM}\n{PM}\n{PMO}\n", encoding="utf-8")
    assert invoke(["quiz", "--answers-file", str(sheet), "--record"]).exit_code == 0
    names = [r.name for r in history.load().records]
    assert names == ["Ana", "Ben", "", ""]
    shown = invoke(["history", "-f", "markdown"]).stdout
    assert "Ana:" in shown and "Ben:" in shown and "unnamed respondent:" in shown
    assert "+4.0" not in shown and "-4.0" not in shown  # no change between different people
    again = invoke(["history"]).stdout
    assert "change:" not in again and "Trend" not in again


def test_the_same_name_is_compared_with_itself(invoke: Invoke, tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(f"Ana,{PMO}\n", encoding="utf-8")
    second.write_text(f"Ana,{PM}\n", encoding="utf-8")
    invoke(["quiz", "--answers-file", str(first), "--record"])
    invoke(["quiz", "--answers-file", str(second), "--record"])
    assert "-4.0" in invoke(["history", "-f", "markdown"]).stdout


def test_recording_never_grows_the_history_past_its_reading_limit(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "w.txt"
    sheet.write_text(f"Ana,{PMO}\nBen,{PM}\n", encoding="utf-8")
    monkeypatch.setattr(history, "MAX_BYTES", 600)  # room for one record, not two
    result = invoke(["quiz", "--answers-file", str(sheet), "--record"])
    assert result.exit_code == 1
    assert "nothing was recorded" in result.stderr
    assert not history.history_path().exists()


def test_a_name_is_kept_inert(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "w.txt"
    sheet.write_text(f"Zo\x1b[31m,{PMO}\n", encoding="utf-8")
    invoke(["quiz", "--answers-file", str(sheet), "--record"])
    line = history.history_path().read_text(encoding="utf-8")
    assert "\x1b" not in json.loads(line)["name"]
    assert "\x1b" not in invoke(["history"]).stdout
