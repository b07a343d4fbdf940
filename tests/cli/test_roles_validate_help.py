"""`roles`, `validate`, the global options, help texts, and output without escape codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rolecompare import __version__
from rolecompare.cli import app
from rolecompare.core import loader

from ..conftest import REAL_DATA, THREE_ROLES, Invoke, installed_command
from ..helpers import DIMENSION_IDS, flat, real_statements, real_text, variant

THREE = ["--data", str(THREE_ROLES)]


def bad_file(tmp_path: Path) -> Path:
    """A data file with three problems of different kinds."""
    return variant(
        tmp_path,
        ("min = 400", "min = 700"),
        ('keyed = "pmo"', 'keyed = "cto"'),
        ('"proj-manager"]', '"proj-manager", "pmo-analyst"]'),
        name="bad.toml",
    )


BAD_PROBLEMS = [
    "roles.pmo.rates.max: must be >= min (700)",
    "roles.pm.aliases: 'pmo-analyst' already names role 'pmo'; each name must point to one role",
    "quiz.statements[0].keyed: unknown role 'cto' in statement q01 (known: pmo, pm)",
]


# ---------------------------------------------------------------- roles


def test_roles_table(invoke: Invoke) -> None:
    result = invoke(["roles"])
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "PMO (Project Management Office)" in rows["pmo"]
    assert "project-management-office, pmo-analyst" in rows["pmo"]
    assert "Project Manager" in rows["pm"]
    assert "project-manager, projectmanager, proj-manager" in rows["pm"]
    for dim_id in DIMENSION_IDS:
        assert dim_id in rows
    assert "Decision-making" in rows["decision-making"]


def test_roles_table_three_roles(invoke: Invoke) -> None:
    out = invoke([*THREE, "roles"]).stdout
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "Scrum Master" in rows["scrum"] and "scrum-master, sm" in rows["scrum"]
    assert "office" in rows["pmo"]
    assert "focus" in rows and "tools" in rows
    assert "primary-focus" not in out


def test_roles_json(invoke: Invoke) -> None:
    result = invoke(["roles", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["roles"][0] == {
        "id": "pmo",
        "name": "PMO",
        "full_name": "Project Management Office",
        "aliases": ["project-management-office", "pmo-analyst"],
        "note": doc["roles"][0]["note"],
        "note_source": "editorial",
    }
    assert "office" in doc["roles"][0]["note"] and "analyst" in doc["roles"][0]["note"]
    assert doc["roles"][1]["note"] == "" and doc["roles"][1]["note_source"] is None
    assert [r["id"] for r in doc["roles"]] == ["pmo", "pm"]
    assert "project-manager" in doc["roles"][1]["aliases"]
    assert [d["id"] for d in doc["dimensions"]] == DIMENSION_IDS
    assert doc["dimensions"][5] == {"id": "decision-making", "title": "Decision-making"}


# ---------------------------------------------------------------- validate


def test_validate_the_builtin_file(invoke: Invoke) -> None:
    result = invoke(["validate"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("OK: ") and lines[0].endswith("roles.toml")
    assert "2 roles: pmo, pm" in lines
    assert "8 dimensions, 3 similarities, 4 further facts" in lines
    data = loader.load(REAL_DATA)
    assert (
        f"{len(data.quiz.statements)} quiz statements (bank version {data.quiz.version})" in lines
    )
    assert "Warning" not in result.stdout


def test_validate_three_roles(invoke: Invoke) -> None:
    # --width: the headline holds the fixture's path, as long as the checkout's, on one line.
    result = invoke(["--width", "1000", "validate", str(THREE_ROLES)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"OK: {THREE_ROLES}"
    assert "3 roles: pmo, pm, scrum" in lines
    assert "2 dimensions, 0 similarities, 0 further facts" in lines
    assert "  keyed to scrum: 12 statements, maximum weight 24" in lines


def test_validate_json(invoke: Invoke) -> None:
    doc = json.loads(invoke(["validate", str(THREE_ROLES), "-f", "json"]).stdout)
    assert doc["valid"] is True
    assert doc["roles"] == ["pmo", "pm", "scrum"]
    assert doc["dimensions"] == ["focus", "tools"]
    assert doc["statements"] == 36


def test_validate_prints_every_problem(invoke: Invoke, tmp_path: Path) -> None:
    path = bad_file(tmp_path)
    # One problem a line, however long; without --width, lines stop at 120 columns.
    result = invoke(["--width", "1000", "validate", str(path)], width=1000)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"Invalid: {path}: 3 problems in the data file"
    assert sorted(lines[1:]) == sorted(f"  - {problem}" for problem in BAD_PROBLEMS)
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_problems_as_json(invoke: Invoke, tmp_path: Path) -> None:
    path = bad_file(tmp_path)
    result = invoke(["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["path"] == str(path)
    assert doc["valid"] is False
    assert sorted(doc["problems"]) == sorted(BAD_PROBLEMS)


def test_validate_a_file_that_is_not_toml(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text("just some words\n", encoding="utf-8")
    result = invoke(["validate", str(path), "-f", "json"])
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert problem.startswith(f"{path}: invalid TOML: ")
    assert "line 1" in problem


def test_validate_uses_the_data_option(invoke: Invoke) -> None:
    out = invoke([*THREE, "--width", "1000", "validate"]).stdout  # the path on one line
    assert out.splitlines()[0] == f"OK: {THREE_ROLES}"


def test_a_bad_file_stops_every_command(invoke: Invoke, tmp_path: Path) -> None:
    path = bad_file(tmp_path)
    for command in (["show"], ["rates"], ["roles"]):
        result = invoke(["--data", str(path), *command])
        assert result.exit_code == 1
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0] == f"Error: {path}: 3 problems in the data file"
        assert sorted(lines[1:]) == sorted(f"  - {problem}" for problem in BAD_PROBLEMS)


# ---------------------------------------------------------------- --data and ROLECOMPARE_DATA


def test_data_option_selects_another_file(invoke: Invoke) -> None:
    out = invoke([*THREE, "roles"]).stdout
    assert "Scrum Master" in out


def test_environment_selects_another_file(invoke: Invoke) -> None:
    result = invoke(["rates", "-r", "scrum"], env={"ROLECOMPARE_DATA": str(THREE_ROLES)})
    assert result.exit_code == 0, result.stderr
    assert "£500–£800" in result.stdout


def test_data_option_beats_the_environment(invoke: Invoke, tmp_path: Path) -> None:
    env = {"ROLECOMPARE_DATA": str(tmp_path / "missing.toml")}
    result = invoke(["--data", str(REAL_DATA), "roles"], env=env)
    assert result.exit_code == 0, result.stderr
    assert "scrum" not in result.stdout
    assert "pmo-analyst" in result.stdout


def test_missing_data_file(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    result = invoke(["--data", str(path), "show"])
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: no such file")
    assert "Traceback" not in result.stderr


def test_missing_data_file_from_the_environment(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    result = invoke(["rates"], env={"ROLECOMPARE_DATA": str(path)})
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: no such file")


def _empty(tmp: Path) -> Path:
    (tmp / "empty.toml").write_bytes(b"")
    return tmp / "empty.toml"


def _binary(tmp: Path) -> Path:
    (tmp / "image.toml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return tmp / "image.toml"


def _latin1(tmp: Path) -> Path:
    (tmp / "latin1.toml").write_bytes(real_text().encode("latin-1", errors="replace"))
    return tmp / "latin1.toml"


def _syntax(tmp: Path) -> Path:
    return variant(tmp, ('name = "PMO"', 'name = "PMO'))


def _directory(tmp: Path) -> Path:
    (tmp / "data.toml").mkdir()
    return tmp / "data.toml"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_empty, "the file is empty"),
        (_binary, "looks like a binary file"),
        (_latin1, "not valid UTF-8 (byte "),
        (_syntax, "invalid TOML: "),
        (_directory, "is a directory"),
    ],
    ids=["empty", "binary", "latin-1", "syntax", "directory"],
)
@pytest.mark.parametrize("command", ["show", "rates", "validate"])
def test_bad_inputs_give_one_line_and_no_traceback(
    invoke: Invoke,
    tmp_path: Path,
    make: Callable[[Path], Path],
    expected: str,
    command: str,
) -> None:
    path = make(tmp_path)
    result = invoke(["--data", str(path), command])
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert expected in flat(output)
    if command != "validate":
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"Error: {path}: {expected}")


# ---------------------------------------------------------------- version and help


def test_version(invoke: Invoke) -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"rolecompare {__version__}\n"


def test_version_ignores_a_broken_data_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["--version"], env={"ROLECOMPARE_DATA": str(tmp_path / "nope.toml")})
    assert result.exit_code == 0
    assert result.stdout == f"rolecompare {__version__}\n"


def test_python_dash_m_version(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rolecompare", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"rolecompare {__version__}\n"
    assert done.stderr == ""


def commands() -> list[tuple[str, str]]:
    """Every registered command with the first line of its description."""
    found = []
    for info in app.registered_commands:
        callback = info.callback
        assert callback is not None
        name = info.name or callback.__name__.replace("_", "-")
        description = info.help or callback.__doc__ or ""
        found.append((name, description.strip().splitlines()[0] if description.strip() else ""))
    return found


def test_the_foundation_commands_are_registered() -> None:
    names = [name for name, _ in commands()]
    assert {"show", "rates", "roles", "validate"} <= set(names)


@pytest.mark.parametrize(("name", "description"), commands(), ids=[n for n, _ in commands()])
def test_every_command_has_help(invoke: Invoke, name: str, description: str) -> None:
    assert description, f"rolecompare {name} has no description"
    result = invoke([name, "--help"])
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert out.startswith("Usage: ")
    assert f" {name} [OPTIONS]" in out
    assert flat(description) in out
    assert "-h, --help" in out
    short = invoke([name, "-h"])
    assert short.stdout == result.stdout


def test_top_level_help(invoke: Invoke) -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    out = flat(result.stdout)
    assert "Compare the PMO and Project Manager careers side by side." in out
    assert (
        "Exit codes: 0 ok, 1 data or file error, 2 usage error, 130 cancelled (Ctrl-C), "
        "143 terminated (SIGTERM), 129 hung up (SIGHUP)." in out
    )
    for name, _ in commands():
        assert f" {name} " in out
    for option in ("--data", "--no-color", "--version", "ROLECOMPARE_DATA"):
        assert option in out


# ---------------------------------------------------------------- colour and escape codes

TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}  # rich then styles as for a terminal


def test_a_terminal_gets_styles(invoke: Invoke) -> None:
    # The control for the tests below: without any opt-out, escape codes do appear.
    result = invoke(["rates", "--role", "pmo"], env=TERMINAL)
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize("args", [["show", "-d", "focus-area"], ["rates"], ["roles"], ["validate"]])
def test_no_color_option(invoke: Invoke, args: list[str]) -> None:
    result = invoke(["--no-color", *args], env=TERMINAL)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.strip()


def test_term_dumb(invoke: Invoke) -> None:
    result = invoke(["rates"], env={**TERMINAL, "TERM": "dumb"})
    assert "\x1b" not in result.stdout
    assert "£400–£600" in result.stdout


def test_no_color_environment(invoke: Invoke) -> None:
    result = invoke(["rates", "--role", "pmo"], env={**TERMINAL, "NO_COLOR": "1"})
    assert "£400–£600" in result.stdout
    assert "\x1b" not in result.stdout


def test_no_escape_codes_in_a_pipe(tmp_path: Path) -> None:
    found = installed_command()
    command = [found] if found else [sys.executable, "-m", "rolecompare"]
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    for args in (["show"], ["rates", "--role", "pmo"], ["roles"]):
        done = subprocess.run(
            [*command, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            env=env,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip()
        assert "\x1b" not in done.stdout
        assert done.stderr == ""


def test_no_command_prints_help_and_succeeds(invoke: Invoke) -> None:
    result = invoke([])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "Commands" in result.stdout


def test_validate_reports_an_unreadable_file_once(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["validate", str(tmp_path / "missing.toml")])
    assert result.exit_code == 1
    assert flat(result.stdout).count("no such file") == 1  # the path decides where lines break
    doc = json.loads(invoke(["validate", str(tmp_path / "missing.toml"), "-f", "json"]).stdout)
    assert doc["valid"] is False and len(doc["problems"]) == 1


def test_format_is_case_insensitive(invoke: Invoke) -> None:
    result = invoke(["rates", "--format", "JSON"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["billable_days"] == 220


def test_a_history_home_that_is_a_file_is_explained(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    answers = "3" * real_statements()
    result = invoke(["quiz", "--answers", answers], env={"ROLECOMPARE_HOME": str(blocker)})
    assert result.exit_code == 0
    assert "is a file, not a folder; set ROLECOMPARE_HOME to a folder" in result.stderr
