"""Defects testers found by hand on main, each fixed where the class of problem lives.

Bad input of every kind must end in one clear line and the documented exit code (1 data or
file, 2 usage), never a traceback, however the value is spelt or wherever it sits.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from rolecompare.cli import app
from rolecompare.core import history, loader
from rolecompare.core.errors import UsageError, os_cause
from rolecompare.core.text import number_text
from rolecompare.core.untrusted import inert, is_inert
from rolecompare.ui import plain

from ..conftest import REAL_DATA, Invoke
from ..helpers import variant
from ..output.test_streams_hostile import run

HUGE = "1" + "0" * 5000
"""More digits than Python turns into an int (4300): tomllib itself fails on it."""
BIG = "9" * 400
"""A valid int, but far too large for a float: ``:g`` and ``float()`` fail on it."""


def one_clean_error(stderr: str) -> str:
    """The one ``Error:`` line of ``stderr``, after checking nothing else went wrong."""
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    return errors[0]


# ---------------------------------------------------------------- 1: endless answer line


class CountingInput(io.StringIO):
    """Standard input that records how much each ``readline`` was allowed to read."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.limits: list[int] = []

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        self.limits.append(size)
        return super().readline(size)


def test_plain_answers_are_read_with_a_bound() -> None:
    data = loader.load(REAL_DATA)
    stdin = CountingInput("5" * 10_000_000)
    with pytest.raises(UsageError, match="too long"):
        plain.ask_all(data, stdin, io.StringIO(), interactive=False)
    assert stdin.limits and all(0 < limit <= plain.MAX_LINE + 1 for limit in stdin.limits)


def test_an_answer_of_exactly_the_limit_is_still_read() -> None:
    data = loader.load(REAL_DATA)
    count = len(data.quiz.statements)
    lines = [" " * (plain.MAX_LINE - 1) + "5\n"] * count
    assert (
        plain.ask_all(data, io.StringIO("".join(lines)), io.StringIO(), interactive=False)
        == [5] * count
    )


def test_endless_line_on_stdin_is_a_usage_error(command: str, tmp_path: Path) -> None:
    with Path("/dev/zero").open("rb") as zero:
        result = run(command, ["quiz", "--plain"], tmp_path, stdin=zero)
    assert result.returncode == 2
    assert "too long" in one_clean_error(result.stderr.decode())


# ---------------------------------------------------------------- 2, 3: huge numbers


@pytest.mark.parametrize(
    "args", [["show"], ["rates"], ["roles"], ["validate"], ["quiz", "--questions"], ["history"]]
)
def test_an_integer_too_long_for_python_is_one_line(
    invoke: Invoke, tmp_path: Path, args: list[str]
) -> None:
    path = variant(tmp_path, ("billable_days = 220", f"billable_days = {HUGE}"))
    # validate reports on stdout, wrapped to the width; wide enough for any temporary path.
    wide = ["--width", "1000"] if args == ["validate"] else []
    result = invoke([*wide, "--data", str(path), *args])
    assert result.exit_code == 1
    line = one_clean_error(result.stderr) if args != ["validate"] else result.stdout
    assert "too long" in line and str(path) in line


@pytest.mark.parametrize(
    ("old", "key"),
    [
        ("low_below = 2.5", "quiz.low_below"),
        ("high_from = 3.5", "quiz.high_from"),
        ("min_difference = 0.5", "quiz.min_difference"),
        ("low_below = 2.5", "quiz.close_margin"),  # no longer used, still read
        ("min_difference = 0.5", "quiz.strong_margin"),
        ("billable_days = 220", "rates.billable_days"),
        ("min = 400", "roles.pmo.rates.min"),
        ("max = 600", "roles.pmo.rates.max"),
    ],
)
def test_a_400_digit_number_is_a_problem_not_a_crash(
    invoke: Invoke, tmp_path: Path, old: str, key: str
) -> None:
    field = key.rsplit(".", 1)[-1]
    new = f"{field} = {BIG}" if field in old else f"{old}\n{field} = {BIG}"
    path = variant(tmp_path, (old, new))
    result = invoke(["validate", str(path)], width=300)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"  - {key}" in result.stdout
    shown = invoke(["--data", str(path), "show"])
    assert shown.exit_code == 1 and key in shown.stderr


@given(st.one_of(st.integers(min_value=-(10**4000), max_value=10**4000), st.floats()))
def test_number_text_is_total_and_short(value: float) -> None:
    text = number_text(value)
    assert 0 < len(text) <= 40


# ---------------------------------------------------------------- 4: clearing any history


def test_clear_removes_a_history_too_large_to_read(invoke: Invoke, tmp_path: Path) -> None:
    target = history.history_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as file:
        file.truncate(history.MAX_BYTES + 1)
    result = invoke(["history", "--clear", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "unknown" in result.stderr
    assert not target.exists()


def test_clear_removes_a_link_to_a_device_without_reading_it(invoke: Invoke) -> None:
    target = history.history_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to("/dev/zero")
    result = invoke(["history", "--clear", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "unknown" in result.stderr
    assert not target.is_symlink()
    assert Path("/dev/zero").exists()


def test_clear_removes_a_link_but_not_the_file_it_points_to(tmp_path: Path) -> None:
    elsewhere = tmp_path / "keep.jsonl"
    elsewhere.write_text("not a history\n")
    target = history.history_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(elsewhere)
    assert history.clear() is None
    assert not target.is_symlink() and elsewhere.read_text() == "not a history\n"


def test_clear_counts_a_readable_history(invoke: Invoke, tmp_path: Path) -> None:
    answers = "".join("5" for _ in loader.load(REAL_DATA).quiz.statements)
    for _ in range(2):
        assert invoke(["quiz", "--answers", answers]).exit_code == 0
    result = invoke(["history", "--clear", "--yes"])
    assert "Cleared 2 results from" in result.stderr


# ---------------------------------------------------------------- 5: invisible names


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('title = "Focus area"', 'title = "Primary\\u200b focus"', "dimensions.focus-area.title"),
        (
            'title = "Focus area"',
            'title = "Focus area"\naliases = ["primary\\u200b-focus"]',
            "dimensions.focus-area.aliases[0]",
        ),
        (
            'title = "Focus area"',
            'title = "Focus area"\naliases = ["\\u2800"]',
            "dimensions.focus-area.aliases",
        ),
        (
            'title = "PMO vs Project Manager: Key Similarities & Differences"',
            'title = "\\u200b"',
            "sources.article.title",
        ),
    ],
)
def test_every_name_like_field_is_checked_for_invisible_text(
    invoke: Invoke, tmp_path: Path, old: str, new: str, key: str
) -> None:
    path = variant(tmp_path, (old, new))
    result = invoke(["validate", str(path)], width=300)
    assert result.exit_code == 1
    assert f"  - {key}" in result.stdout


# ---------------------------------------------------------------- 6, 9, 11, 13: option errors

HOSTILE = "x\x1b]0;X\x07\x1b[31m"


@pytest.mark.parametrize(
    "args",
    [
        ["show", "--format", HOSTILE],
        ["rates", "--days", HOSTILE],
        ["--width", HOSTILE, "show"],
        ["history", "--limit", HOSTILE],
        ["rates", f"--{HOSTILE}"],
        [HOSTILE],
        ["show", "--export", f"out{HOSTILE}"],
    ],
)
def test_option_errors_echo_typed_values_inert(invoke: Invoke, args: list[str]) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert is_inert(result.stderr), result.stderr
    assert "\\x1b" in result.stderr


def numeric_options() -> list[tuple[list[str], Any]]:
    """Every option with numeric bounds, of every command and the group itself."""
    group = typer.main.get_command(app)
    found: list[tuple[list[str], Any]] = []
    scopes: list[tuple[list[str], Any]] = [([], group)]
    scopes += [([name], command) for name, command in group.commands.items()]  # type: ignore[attr-defined]
    for path, command in scopes:
        for param in command.params:
            if getattr(param, "min", None) is not None or getattr(param, "max", None) is not None:
                found.append((path, param))
    return found


NUMERIC = numeric_options()


def test_the_numeric_options_are_found() -> None:
    names = {param.opts[0] for _, param in NUMERIC}
    assert {"--width", "--days", "--limit"} <= names


@pytest.mark.parametrize(("path", "param"), NUMERIC, ids=lambda p: str(getattr(p, "name", p)))
def test_numeric_option_errors_are_in_the_tools_own_words(
    invoke: Invoke, path: list[str], param: Any
) -> None:
    name = param.opts[0]
    low, high = param.min, param.max
    bad_values = ["abc", "1.5"]
    if low is not None:
        bad_values.append(str(low - 1))
    if high is not None:
        bad_values.append(str(high + 1))
    for value in bad_values:
        args = [*path, name, value] if path else [name, value, "roles"]
        result = invoke(args)
        assert result.exit_code == 2, (args, result.stderr)
        line = one_clean_error(result.stderr)
        assert "Input should" not in line
        assert name in line and value in line
        for bound in (low, high):
            if bound is not None:
                assert str(bound) in line, line


def test_british_spelling_of_no_color_is_accepted(invoke: Invoke) -> None:
    result = invoke(["rates", "--no-colour"])
    assert result.exit_code == 0, result.stderr
    assert invoke(["--no-colour", "roles"]).exit_code == 0


def test_suggestions_include_the_global_options(invoke: Invoke) -> None:
    result = invoke(["rates", "--dat", "x.toml"])
    assert result.exit_code == 2
    line = one_clean_error(result.stderr)
    assert "--data" in line and "--days" in line


@pytest.mark.parametrize("stderr", ["2>/dev/full", "2>&-"])
@pytest.mark.parametrize(
    ("args", "code"),
    [
        ("show -f xml", 2),
        ("rates --days abc", 2),
        ("--nope", 2),
        ("show --role nope", 2),
        ("quiz --answers 9", 2),
        ("--data /no/such show", 1),
    ],
)
def test_the_exit_code_survives_a_failing_stderr(
    command: str, tmp_path: Path, stderr: str, args: str, code: int
) -> None:
    result = subprocess.run(
        ["bash", "-c", f'"$0" {args} {stderr}', command],
        env={**os.environ, "ROLECOMPARE_HOME": str(tmp_path)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == code, result.stderr


# ---------------------------------------------------------------- 7: separators, direction marks


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u200e", "\u200f", "\u061c"])
def test_separators_and_direction_marks_are_made_inert(char: str) -> None:
    text = f"a{char}b"
    assert not is_inert(text)
    assert char not in inert(text)
    assert is_inert(inert(text))


@pytest.mark.parametrize("char", ["\\u2028", "\\u2029", "\\u200e", "\\u200f", "\\u061c"])
def test_validate_flags_separators_and_direction_marks(
    invoke: Invoke, tmp_path: Path, char: str
) -> None:
    old = 'tagline = "Hands-on delivery of individual projects."'
    path = variant(tmp_path, (old, f'tagline = "Hands-on{char} delivery of individual projects."'))
    result = invoke(["validate", str(path)], width=300)
    assert result.exit_code == 1
    assert "  - roles.pm.tagline: " in result.stdout
    data = loader.load(path)  # every other command shows it, made inert
    assert is_inert(data.roles["pm"].tagline)


def test_quiz_statements_reach_the_prompt_inert(tmp_path: Path) -> None:
    data = loader.load(REAL_DATA)
    first = data.quiz.statements[0].text
    path = variant(tmp_path, (first, first.replace(" ", "\\u2028", 1)))
    shown = loader.load(path).quiz.statements[0].text
    assert "\u2028" not in shown and is_inert(shown)


# ---------------------------------------------------------------- 8: read-only file system


def test_a_read_only_file_system_is_named(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.statvfs

    class ReadOnly:
        def __init__(self, path: Any) -> None:
            self.f_flag = real(path).f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", ReadOnly)
    answers = "5" * len(loader.load(REAL_DATA).quiz.statements)
    for args in (
        ["rates", "--export", str(tmp_path / "rates.md")],
        ["quiz", "--answers", answers, "--save", str(tmp_path / "result.json")],
    ):
        result = invoke(args)
        assert result.exit_code == 1
        assert "read-only" in result.stderr and "permission denied" not in result.stderr


def test_os_cause_names_a_read_only_file_system() -> None:
    assert "read-only" in os_cause(OSError(errno.EROFS, "Read-only file system"))


# ---------------------------------------------------------------- 10: export without a suffix


@pytest.mark.parametrize("target", ["/dev/null", "report"])
def test_an_export_target_without_a_suffix_explains_suffixes(
    invoke: Invoke, tmp_path: Path, target: str
) -> None:
    path = target if target.startswith("/") else str(tmp_path / target)
    result = invoke(["rates", "--export", path])
    assert result.exit_code == 2
    line = one_clean_error(result.stderr)
    assert "suffix" in line and ".md" in line and ".json" in line
    assert "(none)" not in line


# ---------------------------------------------------------------- 12: narrow encodings


def column_edges(line: str) -> tuple[int, ...]:
    """Where a table row's column separators are (``|`` in rows, ``+`` in rules)."""
    return tuple(i for i, char in enumerate(line) if char in "|+")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp437"])
def test_rates_stay_aligned_in_any_encoding(command: str, tmp_path: Path, encoding: str) -> None:
    result = run(command, ["--width", "80", "rates"], tmp_path, {"PYTHONIOENCODING": encoding})
    assert result.returncode == 0
    blocks = result.stdout.decode(encoding, errors="replace").split("\n\n")
    table = blocks[0].splitlines()[1:]  # after the title
    assert len(table) >= 4 and len({column_edges(line) for line in table}) == 1, table
    chart = blocks[1].splitlines()[1:4]  # the bars and the axis
    assert len({len(line) for line in chart}) == 1, chart
    if encoding == "ascii":
        assert "GBP 400" in blocks[0]
    else:
        assert "\u00a3400" in blocks[0]


def test_exports_keep_the_symbol_whatever_stdout_takes(command: str, tmp_path: Path) -> None:
    target = tmp_path / "rates.md"
    result = run(
        command, ["rates", "--export", str(target)], tmp_path, {"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0, result.stderr
    assert "\u00a3400" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 14, 15: paths and counts


def test_an_empty_data_path_is_named_empty(invoke: Invoke) -> None:
    result = invoke(["--data", "", "show"])
    assert result.exit_code == 2
    line = one_clean_error(result.stderr)
    assert "empty" in line and "directory" not in line


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_a_bad_environment_path_says_where_it_came_from(
    invoke: Invoke, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "nope.toml" if kind == "missing" else tmp_path
    result = invoke(["show"], env={"ROLECOMPARE_DATA": str(path)})
    assert result.exit_code == 1
    assert "ROLECOMPARE_DATA" in one_clean_error(result.stderr)
    explicit = invoke(["--data", str(path), "show"], env={"ROLECOMPARE_DATA": str(path)})
    assert "ROLECOMPARE_DATA" not in explicit.stderr


def test_one_problem_is_singular(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, ("min_difference = 0.5", "min_difference = 50"))
    # Without --width lines stop at 120 columns, and a temporary path can be longer.
    result = invoke(["--width", "1000", "validate", str(path)], width=1000)
    assert result.stdout.splitlines()[0] == f"Invalid: {path}: 1 problem in the data file"


# ---------------------------------------------------------------- 2, 3, 12: the tax figures file


def tax_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (REAL_DATA.parent / "uk-tax.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "tax.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("digits", [HUGE, BIG])
@pytest.mark.parametrize("args", [["pay"], ["validate"]])
def test_huge_numbers_in_the_tax_file_are_one_line(
    invoke: Invoke, tmp_path: Path, digits: str, args: list[str]
) -> None:
    path = tax_variant(tmp_path, "director_salary = 12570", f"director_salary = {digits}")
    result = invoke([*args, "--tax-data", str(path)], width=300)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert str(path) in result.stdout + result.stderr


def test_pay_stays_aligned_on_an_ascii_stream(command: str, tmp_path: Path) -> None:
    result = run(command, ["--width", "100", "pay"], tmp_path, {"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    table = result.stdout.decode("ascii").split("\n\n")[1].splitlines()[4:]  # the rows
    assert len(table) >= 2 and "GBP " in table[0]
    assert len({len(line.rstrip()) for line in table}) == 1, table


@pytest.mark.parametrize("args", [["pay"], ["validate"]])
def test_an_empty_tax_path_is_named_empty(invoke: Invoke, args: list[str]) -> None:
    result = invoke([*args, "--tax-data", ""])
    assert result.exit_code == 2
    line = one_clean_error(result.stderr)
    assert "--tax-data is empty" in line


def test_a_bad_tax_path_from_the_environment_says_so(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["pay"], env={"ROLECOMPARE_TAX_DATA": str(tmp_path / "nope.toml")})
    assert result.exit_code == 1
    assert "ROLECOMPARE_TAX_DATA" in one_clean_error(result.stderr)
