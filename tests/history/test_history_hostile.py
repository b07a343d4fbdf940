"""Class 4, history appends are whole or reported, and no history line can crash a command.

Reading: any line that is not a valid record is skipped with a warning naming its line, whatever
it holds. Writing: a short write is truncated back and reported; the file is private (0600);
``--clear`` and a concurrent append never lose a record silently nor fail with ENOENT.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from rolecompare.core import history, loader

from ..conftest import REAL_DATA, Invoke
from ..helpers import variant

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]
GOOD: dict[str, Any] = {
    "time": "2026-03-01T10:00:00+00:00",
    "bank_version": "1",
    "scores": {"pmo": 70.0, "pm": 30.0},
    "recommendation": "pmo",
    "band": "lean",
    "answers": [3] * N,
}


def with_field(**changes: Any) -> str:
    record = {**GOOD, **changes}
    return json.dumps({k: v for k, v in record.items() if v is not ...})


BAD_LINES = {
    "infinite share": with_field(scores={"pmo": 70.0, "pm": 30.0}).replace("30.0", "Infinity"),
    "share overflowing a float": with_field().replace("30.0", "1e400"),
    "share a 400-digit integer": with_field().replace("30.0", "1" + "0" * 400),
    "answer a 400-digit integer": with_field().replace('"answers": [3', '"answers": [' + "9" * 400),
    "answer out of range": with_field(answers=[3] * (N - 1) + [7]),
    "NaN share": with_field().replace("30.0", "NaN"),
    "year 1": with_field(time="0001-01-01T00:00:00"),
    "year 9999": with_field(time="9999-12-31T23:59:59"),
    "a date that is no date": with_field(time="yesterday"),
    "deep nesting": with_field(answers=[]).replace(
        '"answers": []', '"answers": ' + "[" * 5000 + "]" * 5000
    ),
    "no scores": with_field(scores={}),
    "missing time": with_field(time=...),
    "missing band": with_field(band=...),
    "empty band": with_field(band=""),
    "version a number": with_field(bank_version=1),
    "share a string": with_field(scores={"pmo": "70", "pm": 30.0}),
    "answers a string": with_field(answers="3333"),
    "answer a bool": with_field(answers=[True] * N),
    "recommendation a list": with_field(recommendation=["pmo"]),
    "a list": "[1, 2, 3]",
    "null": "null",
    "a huge number alone": "9" * 5000,
    "not JSON": "{not json",
}
RAW_LINES = {
    **{name: line.encode() for name, line in BAD_LINES.items()},
    "invalid UTF-8": b'{"a": "\xff"}',
}


@pytest.mark.parametrize("name", list(RAW_LINES))
def test_any_bad_line_is_skipped_with_a_warning_naming_it(invoke: Invoke, name: str) -> None:
    path = history.history_path()
    path.parent.mkdir(parents=True)
    good = json.dumps(GOOD).encode()
    path.write_bytes(good + b"\n" + RAW_LINES[name] + b"\n" + good + b"\n")
    for args in (["history"], ["history", "--format", "json"], QUIZ):
        result = invoke(args)
        assert result.exit_code == 0, (args, result.stderr)
        assert f"skipped damaged line 2 of {path}" in result.stderr, args
        assert "Traceback" not in result.stderr
    assert len(history.load().records) == 3  # the two good lines and the quiz just taken


def test_a_line_separator_from_the_data_keeps_records_readable(
    invoke: Invoke, tmp_path: Path
) -> None:
    now = DATA.quiz.version
    data = variant(tmp_path, (f'version = "{now}"', f'version = "{now}\\u2028b\\u0085c\\u2029"'))
    for _ in range(2):
        assert invoke(["--data", str(data), *QUIZ]).exit_code == 0
    loaded = history.load()
    assert loaded.warnings == ()
    assert len(loaded.records) == 2
    shown = invoke(["--data", str(data), "history", "--format", "json"])
    assert len(json.loads(shown.stdout)["results"]) == 2


def test_a_short_write_is_truncated_back_and_reported(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(QUIZ).exit_code == 0
    path = history.history_path()
    before = path.read_bytes()

    real_write = os.write

    def short_write(fd: int, data: bytes) -> int:
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(os, "write", short_write)
    result = invoke(QUIZ)
    monkeypatch.undo()
    assert result.exit_code == 0
    assert "Your result" in result.stdout
    assert "could be written (is the disk full?); the partial record was removed" in result.stderr
    assert path.read_bytes() == before
    assert history.load().warnings == ()


def test_a_failed_write_is_truncated_back(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke(QUIZ).exit_code == 0
    path = history.history_path()
    before = path.read_bytes()
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        real_write(fd, data[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    result = invoke(QUIZ)
    monkeypatch.undo()
    assert "no space left on the device" in result.stderr
    assert path.read_bytes() == before


def test_the_history_is_private(invoke: Invoke) -> None:
    assert invoke(QUIZ).exit_code == 0
    path = history.history_path()
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o644)
    assert invoke(QUIZ).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600


def record(day: int) -> history.Record:
    return history.Record(
        time=dt.datetime(2026, 3, day, 10, 0, tzinfo=dt.UTC),
        bank_version="1",
        scores={"pmo": 70.0, "pm": 30.0},
        recommendation="pmo",
        band="lean",
        answers=(3,) * N,
    )


def test_an_append_waiting_while_clear_removes_the_file_lands_in_a_new_one() -> None:
    path = history.history_path()
    history.append(record(1))
    import fcntl

    holder = os.open(path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # what clear holds while it counts and removes
    failures: list[BaseException] = []

    def append() -> None:
        try:
            history.append(record(2))
        except BaseException as exc:
            failures.append(exc)

    writer = threading.Thread(target=append)
    writer.start()
    writer.join(0.3)  # it is now waiting for the lock on the old file
    path.unlink()
    os.close(holder)
    writer.join(10)
    assert failures == []
    assert [r.time.day for r in history.load().records] == [2]


def test_clear_and_appends_at_once_lose_nothing() -> None:
    history.append(record(1))
    cleared: list[int | None] = []
    errors: list[BaseException] = []

    def append(day: int) -> None:
        try:
            history.append(record(day))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(day,)) for day in range(2, 22)]
    threads.insert(10, threading.Thread(target=lambda: cleared.append(history.clear())))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert cleared[0] is not None
    assert cleared[0] + len(history.load().records) == 21


def test_a_clock_before_1970_shows_the_result_without_recording_it(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stopped(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Stopped:
            return cls(1960, 1, 1, tzinfo=dt.UTC)

    monkeypatch.setattr("rolecompare.core.history.dt", SimpleNamespace(datetime=Stopped))
    result = invoke(QUIZ)
    assert result.exit_code == 0
    assert "Your result" in result.stdout
    assert "the system clock is before 1970" in result.stderr
    assert not history.history_path().exists()


def test_a_record_of_over_a_thousand_roles_reads_back(invoke: Invoke, tmp_path: Path) -> None:
    from ..helpers import many_roles

    path = many_roles(tmp_path, 1200, statements=2)
    count = N + 1200 * 2  # the real statements and each role's two; not read back: 1200 roles
    answers = "".join(str(1 + i % 5) for i in range(count))
    assert invoke(["--data", str(path), "quiz", "--answers", answers, "-f", "json"]).exit_code == 0
    loaded = history.load()
    assert loaded.warnings == ()
    assert len(loaded.records[0].interest or {}) == 1202


def test_a_line_break_in_a_record_never_forges_a_line(invoke: Invoke) -> None:
    """A hand-edited record's text is kept on one line, as a data file's is."""
    path = history.history_path()
    path.parent.mkdir(parents=True)
    forged = "x\n#FORGED\tline"
    path.write_text(with_field(bank_version=forged, band=forged) + "\n", encoding="utf-8")
    for fmt in ("table", "text", "markdown", "json"):
        result = invoke(["history", "--format", fmt], width=400)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert "#FORGED" in result.stdout, fmt
        lines = result.stdout.splitlines()
        assert not [line for line in lines if "#FORGED" in line and "x0a" not in line], fmt
        assert "\t" not in result.stdout, fmt
