"""Class 6, bounded reading: sizes, devices, FIFOs and nesting are clear errors, never a hang,
and thousands of roles do not make the quiz slow (scoring is linear in the roles)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolecompare.core import history, loader, quiz
from rolecompare.core.models import Statement

from ..conftest import REAL_DATA, Invoke
from ..helpers import many_roles, real_text

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]


def test_a_data_file_above_the_limit_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_text(real_text() + "\n# padding\n" + "#" * (loader.MAX_BYTES + 10), encoding="utf-8")
    result = invoke(["--data", str(big), "show"])
    assert result.exit_code == 1
    assert f"{big}: is larger than 4 MB, too large to be read" in result.stderr


def run_with_timeout(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The command in a subprocess: a hang fails the test instead of stopping the suite."""
    env = {**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home"), "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "rolecompare", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_an_endless_device_as_data_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    result = run_with_timeout(["--data", "/dev/zero", "show"], tmp_path)
    assert result.returncode == 1
    assert "/dev/zero: is larger than 4 MB, too large to be read" in result.stderr


def test_a_fifo_without_writer_as_data_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "roles.toml"
    os.mkfifo(fifo)
    result = run_with_timeout(["--data", str(fifo), "show"], tmp_path)
    assert result.returncode == 1
    assert "the file is empty" in result.stderr


@pytest.mark.parametrize("depth", [40, 400, 4000])
def test_deep_nesting_in_the_data_is_a_clear_error(
    invoke: Invoke, tmp_path: Path, depth: int
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(real_text() + "\n[extra]\nx = " + "[" * depth + "]" * depth + "\n")
    result = invoke(["--data", str(path), "validate"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "nested" in (result.stdout + result.stderr)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "fifo", "big"])
def test_a_history_that_is_no_history_does_not_hang_or_crash(tmp_path: Path, target: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = home / history.FILE_NAME
    if target == "fifo":
        os.mkfifo(path)
    elif target == "big":
        with path.open("wb") as stream:
            stream.truncate(history.MAX_BYTES + 1)  # sparse: large without using the disk
    else:
        path.symlink_to(target)
    shown = run_with_timeout(["history"], tmp_path)
    assert shown.returncode == 1
    assert f"cannot read the history file {path}" in shown.stderr
    taken = run_with_timeout(QUIZ, tmp_path)
    assert taken.returncode == 0, taken.stderr
    assert "Your result" in taken.stdout
    assert "Traceback" not in taken.stderr
    if target != "big":
        assert "not a regular file" in taken.stderr


@settings(max_examples=200, deadline=None)
@given(
    roles=st.integers(2, 12),
    keyed=st.lists(st.tuples(st.integers(0, 11), st.integers(1, 5)), min_size=2, max_size=30),
)
def test_each_interest_is_its_own_mean_whatever_the_roles(
    roles: int, keyed: list[tuple[int, int]]
) -> None:
    role_ids = [f"r{i}" for i in range(roles)]
    statements = [
        Statement(id=f"s{i}", dimension="d", keyed=role_ids[r % roles], text="t")
        for i, (r, _) in enumerate(keyed)
    ]
    answers = [a for _, a in keyed]
    own = {
        r: [a for s, a in zip(statements, answers, strict=True) if s.keyed == r] for r in role_ids
    }
    measured = {r: v for r, v in own.items() if v}
    if len(measured) < 2:
        return
    data = replace(
        DATA,
        roles={r: replace(next(iter(DATA.roles.values())), id=r) for r in role_ids},
        dimensions={},
        quiz=replace(DATA.quiz, statements=tuple(statements)),
    )
    result = quiz.score(data, answers)
    assert set(result.interest) == set(measured)
    for role_id, own_answers in measured.items():
        assert result.interest[role_id].mean == pytest.approx(sum(own_answers) / len(own_answers))


def test_over_a_thousand_roles_still_give_a_result(invoke: Invoke, tmp_path: Path) -> None:
    path = many_roles(tmp_path, 1200, statements=3)
    # The bank in the order many_roles writes it: the real statements, then each role's own.
    # (Reading the file back to learn it would parse the 1200 roles a second time.)
    keyed = [s.keyed for s in DATA.quiz.statements] + [f"r{n}" for n in range(1200) for _ in "abc"]
    answers = "".join("5" if role == "r7" else str(1 + i % 2) for i, role in enumerate(keyed))
    result = invoke(
        ["--data", str(path), "quiz", "--answers", answers, "--format", "json", "--no-history"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["interest"]) == 1202
    assert doc["recommendation"] == "r7"
