"""Class 5, any output encoding and any stream state: one clear line, never a traceback.

These run the installed command as a subprocess: encodings, closed descriptors and /dev/full
only exist for a real process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, installed_command
from ..forked import Case, interpreter_of, run_forked

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
COMMANDS = [
    ["--help"],
    ["--version"],
    ["show"],
    ["show", "--format", "markdown"],
    ["rates"],
    ["rates", "--format", "json"],
    ["roles"],
    ["validate"],
    ["quiz", "--answers", ANSWERS],
    ["quiz", "--questions"],
    ["history"],
    ["history", "--format", "markdown"],
]


def run(
    command: str,
    args: list[str],
    tmp_path: Path,
    env: dict[str, str] | None = None,
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    full_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ROLECOMPARE_HOME": str(tmp_path / "home"),
        "COLUMNS": "100",
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        **(env or {}),
    }
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [command, *args], env=full_env, timeout=60, check=False, **streams
    )


def run_each(
    command: str,
    cases: list[list[str]],
    tmp_path: Path,
    env: dict[str, str],
    stdout_to: str = "",
) -> list[Case]:
    """Each case a process of its own, forked from one interpreter of the command's Python (in
    ``env``, so the streams have the encoding under test); a command that is not a Python
    console script runs once per case instead."""
    python = interpreter_of(command)
    full_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ROLECOMPARE_HOME": str(tmp_path / "home"),
        "COLUMNS": "100",
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        **env,
    }
    if python is not None:
        return run_forked(python, cases, tmp_path / "cases", full_env, stdout_to=stdout_to)
    found = []
    for args in cases:
        with Path(stdout_to or os.devnull).open("wb") as sink:
            streams = {"stdout": sink} if stdout_to else {}
            done = run(command, args, tmp_path, env, **streams)
        found.append(Case(done.returncode, done.stdout or b"", done.stderr))
    return found


def base_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "ROLECOMPARE_HOME": str(tmp_path / "h"),
    }


@pytest.fixture(scope="session")
def home_after_one_quiz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home folder whose history holds one quiz, taken once per session by the command."""
    found = installed_command()
    if found is None:
        pytest.skip("rolecompare is not installed next to this Python; set ROLECOMPARE_BIN")
    root = tmp_path_factory.mktemp("one-quiz")
    taken = run(found, ["quiz", "--answers", ANSWERS], root)
    assert taken.returncode == 0, taken.stderr
    assert (root / "home" / "history.jsonl").is_file()
    return root / "home"


def take_quiz_once(home_after_one_quiz: Path, tmp_path: Path) -> None:
    """So history has something to show: a copy of the home a quiz was taken in, modes kept."""
    shutil.copytree(home_after_one_quiz, tmp_path / "home")


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "cp437"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["ascii", "latin-1", "cp437", "C-locale"],
)
def test_every_command_prints_in_any_encoding(
    command: str, tmp_path: Path, env: dict[str, str], home_after_one_quiz: Path
) -> None:
    take_quiz_once(home_after_one_quiz, tmp_path)
    for args, case in zip(COMMANDS, run_each(command, COMMANDS, tmp_path, env), strict=True):
        assert case.code == 0, (args, case.stderr)
        assert b"Traceback" not in case.stderr, args
        assert case.stdout, args


def test_ascii_output_uses_readable_replacements(command: str, tmp_path: Path) -> None:
    result = run(command, ["rates"], tmp_path, {"PYTHONIOENCODING": "ascii"})
    assert b"GBP 400" in result.stdout
    assert result.stdout.isascii()


@pytest.fixture(scope="module")
def full_stdout_runs(
    tmp_path_factory: pytest.TempPathFactory, home_after_one_quiz: Path
) -> dict[str, Case]:
    """Every command with its standard output on /dev/full, all from one interpreter."""
    found = installed_command()
    assert found is not None  # home_after_one_quiz skipped otherwise
    root = tmp_path_factory.mktemp("full")
    take_quiz_once(home_after_one_quiz, root)
    runs = run_each(found, COMMANDS, root, {}, stdout_to="/dev/full")
    return {" ".join(args): case for args, case in zip(COMMANDS, runs, strict=True)}


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_stdout_is_one_line_and_exit_1(
    args: list[str], full_stdout_runs: dict[str, Case]
) -> None:
    result = full_stdout_runs[" ".join(args)]
    assert result.code == 1, result.stderr
    assert result.stderr.decode().splitlines()[-1] == (
        "Error: cannot write to standard output: no space left on the device"
    )
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr


@pytest.mark.parametrize("args", [["show"], ["--version"], ["quiz", "--answers", ANSWERS]])
def test_a_closed_stdout_is_one_line_and_exit_1(
    command: str, tmp_path: Path, args: list[str]
) -> None:
    result = subprocess.run(
        ["sh", "-c", '"$0" "$@" >&-', command, *args],
        env=base_env(tmp_path),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert (
        result.stderr.decode()
        == "Error: standard output is closed; run rolecompare with its output open\n"
    )


def test_a_closed_stdin_is_one_line(command: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["sh", "-c", '"$0" quiz --plain <&-', command],
        env=base_env(tmp_path),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert result.stderr.decode().strip().startswith("Error: standard input is closed")


def test_undecodable_typed_input_is_an_answer_error_not_a_crash(
    command: str, tmp_path: Path
) -> None:
    result = run(
        command,
        ["quiz", "--plain"],
        tmp_path,
        {"PYTHONIOENCODING": "ascii"},
        input="\u00e9\n".encode(),
    )
    assert result.returncode == 2
    assert b"line 1 of standard input is '" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_closed_stderr_does_not_turn_a_warning_into_a_crash(
    command: str, tmp_path: Path, home_after_one_quiz: Path
) -> None:
    take_quiz_once(home_after_one_quiz, tmp_path)
    with (tmp_path / "home" / "history.jsonl").open("a", encoding="utf-8") as stream:
        stream.write("a damaged line, warned about on stderr\n")
    result = subprocess.run(
        ["sh", "-c", '"$0" history 2>&-', command],
        env={**base_env(tmp_path), "ROLECOMPARE_HOME": str(tmp_path / "home")},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert b"Quiz history" in result.stdout


def test_json_on_an_ascii_stream_is_escaped_not_replaced(command: str, tmp_path: Path) -> None:

    ascii_out = run(command, ["show", "--format", "json"], tmp_path, {"PYTHONIOENCODING": "ascii"})
    utf8_out = run(command, ["show", "--format", "json"], tmp_path, {"PYTHONIOENCODING": "utf-8"})
    assert ascii_out.returncode == 0 and ascii_out.stdout.isascii()
    assert json.loads(ascii_out.stdout) == json.loads(utf8_out.stdout)  # nothing lost
