"""Issue 16, item 4: a time zone 24 hours or more from UTC never costs a finished quiz.

``TZ='XXX+24'`` is accepted by ``date`` and the C library, but no Python datetime can carry the
offset: :func:`rolecompare.core.history.now` falls back to UTC and says so in one line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ANSWERS = ["5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements]


@pytest.fixture(params=["XXX+24", "XXX-24", "XXX+24:30"])
def odd_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """This process's local time zone set to ``request.param``, and put back afterwards."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def test_now_falls_back_to_utc_with_one_note(odd_zone: str) -> None:
    notes: list[str] = []
    taken = history.now(notes.append)
    assert taken.utcoffset() == dt.timedelta(0)
    assert abs(taken - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert notes == [
        f"the local time zone (TZ={odd_zone}) is 24 hours or more from UTC, which cannot be "
        "recorded; the time is given in UTC"
    ]


def test_an_ordinary_zone_keeps_its_offset_without_a_note() -> None:
    notes: list[str] = []
    assert history.now(notes.append).utcoffset() is not None
    assert notes == []


def test_a_typed_plain_quiz_is_shown_and_recorded(invoke: Invoke, odd_zone: str) -> None:
    """The issue's case: the --plain quiz lost every typed answer to a traceback."""
    result = invoke(["quiz", "--plain"], input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Your result" in result.stdout
    (note,) = [line for line in result.stderr.splitlines() if "24 hours or more" in line]
    # After the last "> " prompt, which piped answers leave without a newline.
    assert note.endswith(
        f"Warning: the local time zone (TZ={odd_zone}) is 24 hours or more from UTC, which "
        "cannot be recorded; the time is given in UTC"
    )
    (record,) = history.load().records
    assert record.time.utcoffset() == dt.timedelta(0)


def test_group_scoring_gives_utc_times_too(invoke: Invoke, odd_zone: str) -> None:
    result = invoke(["quiz", "--answers-file", "-", "-f", "json"], input="".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["taken_at"].endswith("+00:00")
    assert "24 hours or more" in result.stderr


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rolecompare", "quiz", "--plain"],
        input="\n".join(ANSWERS) + "\n",
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "XXX+24", "ROLECOMPARE_HOME": str(tmp_path), "TERM": "dumb"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Your result" in done.stdout
