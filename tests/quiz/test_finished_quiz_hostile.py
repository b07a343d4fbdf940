"""Class 3, a finished quiz is never thrown away.

When --save or --export fails after the quiz (a full disk, a folder gone or changed during it),
the result is still shown and recorded in history, every failure is reported, and the exit
status is 1.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]


def recorded() -> int:
    return len(history.load().records)


@pytest.fixture
def blocked(tmp_path: Path) -> Path:
    """A folder path that cannot be written: its parent is a file."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    return blocker / "out"


def test_a_failed_save_still_shows_and_records_the_result(invoke: Invoke, blocked: Path) -> None:
    result = invoke([*QUIZ, "--save", str(blocked / "r.json")])
    assert result.exit_code == 1
    assert "Your result" in result.stdout
    assert f"cannot write {blocked / 'r.json'}" in result.stderr
    assert "kept in your history" in result.stderr
    assert recorded() == 1


def test_a_failed_save_still_prints_the_json(invoke: Invoke, blocked: Path) -> None:
    result = invoke([*QUIZ, "--format", "json", "--save", str(blocked / "r.json")])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["answers"] == [int(a) for a in ANSWERS]
    assert recorded() == 1


def test_both_failures_are_reported(invoke: Invoke, blocked: Path, tmp_path: Path) -> None:
    unread = tmp_path / "pipe.md"  # passes the early check; nobody reads it when it is written
    os.mkfifo(unread)
    result = invoke([*QUIZ, "--export", str(unread), "--save", str(blocked / "r.json")])
    assert result.exit_code == 1
    assert "Your result" in result.stdout
    assert f"cannot write {unread}: no process is reading from it" in result.stderr
    assert f"cannot write {blocked / 'r.json'}" in result.stderr
    assert recorded() == 1


def test_without_history_the_message_does_not_claim_it_was_kept(
    invoke: Invoke, blocked: Path
) -> None:
    result = invoke([*QUIZ, "--no-history", "--save", str(blocked / "r.json")])
    assert result.exit_code == 1
    assert "The result is shown above." in result.stderr
    assert recorded() == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_full_disk_at_the_end_keeps_the_result(invoke: Invoke, tmp_path: Path) -> None:
    full = tmp_path / "full.json"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    result = invoke([*QUIZ, "--save", str(full)])
    assert result.exit_code == 1
    assert "no space left on the device" in result.stderr
    assert "Your result" in result.stdout
    assert recorded() == 1
