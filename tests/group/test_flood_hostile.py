"""Issue 16, items 6 and 7: a flooded answers file costs linear time and bounded memory, and
``--record`` never makes a history the tool cannot read back.

Nothing here is timed (``benchmarks/flood.py`` measures): the tests check the structure that makes
the cost linear. Lines are read and scored one at a time, JSON Lines are made as each respondent
is scored, a long name is refused in one pass, and bad lines are counted, not all kept.
"""

from __future__ import annotations

import inspect
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pytest

from rolecompare.commands import group as group_command
from rolecompare.commands.group import GroupScreen
from rolecompare.core import group, history, loader, parallel
from rolecompare.core.errors import FileWriteError, UsageError
from rolecompare.core.quiz import parse_answers
from rolecompare.ui import output

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
ANSWERS = "".join(str(1 + i % 5) for i in range(N))


def endless(pulled: list[int]) -> Iterator[str]:
    """Lines for ever, counting how many were taken."""
    for number in itertools.count(1):
        pulled.append(number)
        yield f"Person {number},{ANSWERS}"


# ------------------------------------------------------------------ item 6: streamed, one pass


def test_the_reader_hands_out_lines_as_it_reads_them(tmp_path: Path) -> None:
    sheet = tmp_path / "group.csv"
    sheet.write_bytes(b"\xef\xbb\xbfAna,1\r\nBen,2\n\n# note\nCleo,3")
    lines = group.read_lines(str(sheet), None)
    assert inspect.isgenerator(lines)
    assert next(lines) == "Ana,1"  # the byte order mark and the CR go, as before
    assert list(lines) == ["Ben,2", "", "# note", "Cleo,3"]
    standard_input = group.read_lines("-", io.StringIO("Ana,1\nBen,2\n"))
    assert inspect.isgenerator(standard_input)
    assert list(standard_input) == ["Ana,1", "Ben,2"]


def test_scoring_takes_lines_only_as_results_are_asked_for() -> None:
    pulled: list[int] = []
    scoring = group.Scoring(DATA, endless(pulled))
    first_three = list(itertools.islice(scoring, 3))
    assert [r.name for r in first_three] == ["Person 1", "Person 2", "Person 3"]
    assert len(pulled) == 3


def test_json_lines_are_made_as_each_respondent_is_scored() -> None:
    """An endless input still gives its first lines: nothing waits for the whole file."""
    import datetime as dt

    pulled: list[int] = []
    taken_at = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    made = GroupScreen(DATA, group.Scoring(DATA, endless(pulled)), taken_at).json_chunks()
    first = [json.loads(line) for line in itertools.islice(made, 2)]
    assert [line["name"] for line in first] == ["Person 1", "Person 2"]
    assert len(pulled) == 2


def test_csv_rows_are_made_as_each_respondent_is_scored() -> None:
    """CSV streams as JSON Lines do: the header, then a row per respondent as it is scored."""
    import csv
    import datetime as dt

    pulled: list[int] = []
    taken_at = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    made = GroupScreen(DATA, group.Scoring(DATA, endless(pulled)), taken_at).csv_chunks()
    header, *rows = csv.reader(itertools.islice(made, 3))
    assert header[:2] == ["line", "name"]
    assert [row[1] for row in rows] == ["Person 1", "Person 2"]
    assert len(pulled) == 2


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_command_prints_each_row_before_reading_the_next_line(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Proof by order, for both streamed formats: what was scored is on stdout before the next
    part is read, and a bad line's row comes after the others'. Parts of one line here."""
    import sys

    seen: list[int] = []
    real = group.read_lines

    def watched(source: str, stdin: TextIO | None) -> Iterator[str]:
        for line in real(source, stdin):
            sys.stdout.flush()
            printed = sys.stdout.buffer
            assert isinstance(printed, io.BytesIO)  # where the test runner collects stdout
            seen.append(printed.getvalue().count(b"\n"))
            yield line

    monkeypatch.setattr(group, "read_lines", watched)
    monkeypatch.setattr(group_command, "PART_LINES", 1)  # a large file is read a part at a time
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)  # with no worker reading ahead
    lines = [f"P0,{ANSWERS}", "P1,9", f"P2,{ANSWERS}"]
    result = invoke(["quiz", "--answers-file", "-", "-f", fmt], input="\n".join(lines) + "\n")
    assert result.exit_code == 1, result.stderr
    header = 1 if fmt == "csv" else 0
    assert seen == [header, header + 1, header + 1]
    if fmt == "csv":
        assert [row.split(",")[0] for row in result.stdout.splitlines()] == ["line", "1", "3", "2"]


def test_a_long_name_is_refused_in_one_pass_and_the_rest_still_scored(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The issue's 15 MB name: a bad line, by its number and length, like any other."""
    long = "A" * (2 << 20)
    sheet = tmp_path / "group.csv"
    sheet.write_text(
        f"{long},{ANSWERS}\n" + f'"{long[:-3]}""x""",{ANSWERS}\n' + f"Ana,{ANSWERS}\n",
        encoding="utf-8",
    )
    result = invoke(["quiz", "--answers-file", str(sheet)])
    assert result.exit_code == 1
    assert f"line 1: the name is {2 << 20:,} characters long" in result.stderr
    assert "line 2: the name is" in result.stderr
    assert "Ana" in result.stdout
    assert max(len(line) for line in (result.stdout + result.stderr).splitlines()) < 500


def test_a_quoted_name_is_found_from_quote_to_quote() -> None:
    """``str.find`` between quotes: a name of a million characters and quotes parses at once."""
    name = 'say ""hi"", ' * 80_000
    text = f'"{name}",{ANSWERS}'
    assert group._quoted_name(text) == (name.replace('""', '"'), ANSWERS)


def test_a_name_at_the_limit_is_kept() -> None:
    name = "N" * group.MAX_NAME
    assert group.parse_line(f"{name},{ANSWERS}", N, 1)[0] == name


def test_a_huge_bad_answer_is_quoted_short_and_not_kept_whole() -> None:
    with pytest.raises(UsageError) as caught:
        parse_answers("5," + "x" * (1 << 20), N)
    assert len(caught.value.message) < 200
    with pytest.raises(UsageError, match=f"got {N + 1_000_000} answers"):
        parse_answers("5" * (N + 1_000_000), N)


def test_bad_lines_are_counted_but_only_the_first_are_kept() -> None:
    lines = [f"line {i},x" for i in range(5 * group.MAX_PROBLEMS)]
    scored = group.score_lines(DATA, lines)
    assert scored.bad_lines == 5 * group.MAX_PROBLEMS
    assert len(scored.problems) == group.MAX_PROBLEMS + 1
    assert scored.problems[-1] == (
        f"--answers-file: {4 * group.MAX_PROBLEMS:,} more lines could not be scored"
    )


def test_a_file_over_the_limit_is_refused_before_anything_is_printed(
    invoke: Invoke, tmp_path: Path
) -> None:
    sheet = tmp_path / "big.csv"
    with sheet.open("wb") as stream:
        stream.truncate(group.MAX_BYTES + 1)
    result = invoke(["quiz", "--answers-file", str(sheet), "-f", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "is larger than 16 MB, too large to be read" in result.stderr


def test_a_runaway_device_stops_at_the_limit(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers-file", "/dev/zero"])
    assert result.exit_code == 1
    assert "--answers-file: /dev/zero is larger than 16 MB" in result.stderr


# ------------------------------------------------------------------ item 7: --record and the limit


def a_record() -> history.Record:
    import datetime as dt

    from rolecompare.core.quiz import quiz_json, score

    taken_at = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    return history.record_of(quiz_json(DATA, score(DATA, [int(a) for a in ANSWERS]), taken_at))


@pytest.fixture
def small_history(monkeypatch: pytest.MonkeyPatch) -> int:
    """A history limit of a few records, so that a flood is a few lines."""
    limit = 8 << 10
    monkeypatch.setattr(history, "MAX_BYTES", limit)
    return limit


def test_an_append_past_the_reading_limit_is_refused(invoke: Invoke, small_history: int) -> None:
    kept = 0
    while True:
        result = invoke(["quiz", "--answers", ANSWERS])
        assert result.exit_code == 0 and "Your result" in result.stdout
        if "Warning" in result.stderr:
            break
        kept += 1
    assert "the history would grow past" in result.stderr
    assert "the result is shown but not kept" in result.stderr
    path = history.history_path()
    assert path.stat().st_size <= small_history
    loaded = history.load()
    assert len(loaded.records) == kept and loaded.warnings == ()


def test_recording_a_group_past_the_limit_records_none(invoke: Invoke, small_history: int) -> None:
    """The issue's case: recording 40,000 rows made every earlier result unreachable."""
    assert invoke(["quiz", "--answers", ANSWERS]).exit_code == 0
    before = history.history_path().read_bytes()
    lines = "".join(f"P{i},{ANSWERS}\n" for i in range(40))
    result = invoke(["quiz", "--answers-file", "-", "--record", "-f", "json"], input=lines)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 40  # the results are still shown
    assert "cannot record the results: 40 results take more than" in result.stderr
    assert history.history_path().read_bytes() == before
    assert len(history.load().records) == 1


def test_a_group_that_fits_is_recorded_whole(invoke: Invoke, small_history: int) -> None:
    lines = "".join(f"P{i},{ANSWERS}\n" for i in range(2))
    result = invoke(["quiz", "--answers-file", "-", "--record"], input=lines)
    assert result.exit_code == 0, result.stderr
    assert "Recorded 2 results in the history" in result.stderr
    assert len(history.load().records) == 2


def test_a_group_that_would_overfill_an_existing_history_records_none(
    small_history: int,
) -> None:
    record = a_record()
    line = history.encode(record)
    fits = small_history // len(line)
    history.append_lines([line] * (fits - 1))
    with pytest.raises(FileWriteError, match="the history would grow past"):
        history.append_lines([line, line])
    assert len(history.load().records) == fits - 1


def test_a_batch_holds_no_more_than_the_history_could_take(small_history: int) -> None:
    batch = history.Batch()
    record = a_record()
    for _ in range(1000):
        batch.add(record)
    assert batch.count == 1000
    assert sum(map(len, batch.lines)) <= small_history
    with pytest.raises(FileWriteError, match="1,000 results take more than"):
        batch.append()
    assert not history.history_path().exists()


def test_running_out_of_memory_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """``ulimit -v`` low enough for a table of 30,000 rows gave a MemoryError traceback."""
    import os
    import subprocess
    import sys

    path = tmp_path / "group.csv"
    path.write_text(f"Ana,{ANSWERS}\n", encoding="utf-8")
    patch = (
        "from rolecompare.commands import group\n"
        "def of(*args, **kwargs):\n"
        "    raise MemoryError\n"
        "group.Tabled.of = of\n"
    )
    script = f"{patch}from rolecompare.cli import main\nmain()\n"
    done = subprocess.run(
        [sys.executable, "-c", script, "quiz", "--answers-file", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home"), "TERM": "dumb"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"Error: {output.OUT_OF_MEMORY}"]
