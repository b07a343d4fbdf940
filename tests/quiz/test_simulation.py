"""A small run of benchmarks/simulate.py: simulated respondents get the right verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from ..conftest import REPO, THREE_ROLES

SCRIPT = REPO / "benchmarks" / "simulate.py"


def run(*args: str) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--format", "json", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.stderr == ""
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="module")
def report() -> tuple[int, dict[str, Any]]:
    return run("--per-kind", "80", "--seed", "3")


def test_every_kind_of_respondent_is_simulated(report: tuple[int, dict[str, Any]]) -> None:
    _, kinds = report
    assert set(kinds) == {
        "likes-first",
        "likes-second",
        "likes-both",
        "likes-neither",
        "moderate",
        "agreeable",
        "careless-half",
        "random",
    }
    for row in kinds.values():
        assert row["respondents"] == 80
        assert sum(row["verdicts"].values()) == 80
        assert 0 <= row["retake_same"] <= 1 and 0 <= row["retake_stated"] <= 1


def test_clear_cases_get_the_right_verdict(report: tuple[int, dict[str, Any]]) -> None:
    _, kinds = report
    assert kinds["likes-first"]["right"] >= 0.9
    assert kinds["likes-second"]["right"] >= 0.9
    assert kinds["likes-neither"]["right"] >= 0.9
    assert kinds["likes-both"]["right"] >= 0.6
    assert kinds["moderate"]["right"] >= 0.6
    assert kinds["likes-neither"]["recommended"] <= 0.05


def test_random_answers_are_rarely_recommended(report: tuple[int, dict[str, Any]]) -> None:
    status, kinds = report
    random = kinds["random"]
    assert random["recommended"] <= 0.08
    assert random["flagged"] >= 0.6
    assert random["right"] == pytest.approx(1 - random["recommended"])
    assert status == (0 if random["recommended"] <= 0.03 and random["flagged"] >= 0.7 else 1)


def test_careful_respondents_are_rarely_flagged(report: tuple[int, dict[str, Any]]) -> None:
    _, kinds = report
    careful = [row for name, row in kinds.items() if name not in {"random", "careless-half"}]
    assert all(row["flagged"] <= 0.05 for row in careful)


def test_the_simulation_runs_on_a_data_file_with_three_roles() -> None:
    _, kinds = run("--per-kind", "20", "--seed", "1", "--data", str(THREE_ROLES))
    assert kinds["likes-first"]["right"] >= 0.8


def test_the_graded_response_model_reports_ranges_and_calibration() -> None:
    status, report = run("--model", "grm", "--per-kind", "40", "--seeds", "2", "--seed", "5")
    assert report["seeds"] == 2
    kinds = report["kinds"]
    assert "careless-half" in kinds and "random" in kinds
    for row in kinds.values():
        for low, high in row.values():
            assert 0 <= low <= high <= 1
    assert kinds["likes-first"]["wrong_role"][1] <= 0.05
    assert kinds["random"]["flagged"][0] >= 0.5
    people = sum(band["people"] for band in report["calibration"])
    assert people == 40 * len(kinds) * 2
    for band in report["calibration"]:
        assert band["band"][0] <= band["stated"] <= band["band"][1]
    assert status in (0, 1)


def test_clear_preferences_hold_on_a_retake_in_the_graded_response_model() -> None:
    """Issue 15's retake target, the reason bank version 4 has 20 statements per role: 97.6% or
    more in every draw of the full run (docs/simulation.md), 98% in this smaller, seeded one; bank
    version 3 (12 per role) gave 91-95% here."""
    _, report = run("--model", "grm", "--per-kind", "300", "--seeds", "2", "--seed", "11")
    kinds = report["kinds"]
    for kind in ("likes-first", "likes-second"):
        assert kinds[kind]["retake_same"][0] >= 0.95, kind
        assert kinds[kind]["flagged"][1] <= 0.05, kind
    assert kinds["random"]["recommended"][1] <= 0.03
