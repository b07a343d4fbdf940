"""Class 7, paths: each failure is one clear line that names its real cause, never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]
TOO_LONG = "n" * 300


@pytest.mark.parametrize(
    "args",
    [
        [*QUIZ, "--save", TOO_LONG + ".json"],
        [*QUIZ, "--export", TOO_LONG + ".svg"],
        ["show", "--export", TOO_LONG + ".md"],
        ["rates", "--export", f"{TOO_LONG}/x.json"],
    ],
)
def test_a_name_too_long_says_so(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    os.chdir(tmp_path)
    result = invoke(args)
    assert result.exit_code == 1
    assert "the name is too long" in result.stderr
    assert "choose a folder you can write to" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_data_path_too_long_says_so(invoke: Invoke) -> None:
    result = invoke(["--data", TOO_LONG + ".toml", "show"])
    assert result.exit_code == 1
    assert "the name is too long" in result.stderr


@pytest.mark.parametrize("option", ["--save", "--export"])
def test_a_parent_that_is_a_file_is_named(invoke: Invoke, tmp_path: Path, option: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    result = invoke([*QUIZ, option, str(blocker / "deeper" / "r.json")])
    assert result.exit_code == 1
    assert f"{blocker} is a file, not a folder" in result.stderr


def test_a_data_file_below_a_file_is_named(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    result = invoke(["--data", str(blocker / "roles.toml"), "show"])
    assert result.exit_code == 1
    assert f"{blocker} is a file, not a folder" in result.stderr


def test_a_history_folder_below_a_file_is_named(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    env = {"ROLECOMPARE_HOME": str(blocker / "home")}
    result = invoke(QUIZ, env=env)
    assert result.exit_code == 0
    assert f"{blocker} is a file, not a folder" in result.stderr
    shown = invoke(["history"], env=env)
    assert shown.exit_code == 1
    assert f"{blocker} is a file, not a folder" in shown.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_permission_says_so(invoke: Invoke, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = invoke([*QUIZ, "--save", str(locked / "r.json")])
    assert result.exit_code == 1
    assert "permission denied" in result.stderr


def test_a_leading_tilde_in_the_home_is_the_home_folder(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.chdir(tmp_path)
    result = invoke(QUIZ, env={"ROLECOMPARE_HOME": "~/rc", "HOME": str(tmp_path / "me")})
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "~").exists()
    line = (tmp_path / "me" / "rc" / history.FILE_NAME).read_text(encoding="utf-8")
    assert json.loads(line)["answers"]
