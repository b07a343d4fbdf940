"""Issue 16, item 5: every path echoed goes through the one escape file content gets.

A file name may hold any character but ``/`` and NUL. Echoed raw, an ESC in one reaches the
terminal and a newline forges a line of output ("Saved the result to .../new" then "line...").
:func:`rolecompare.core.untrusted.inert_line` is that escape; every error (at construction),
warning and note (where they are written) and validate's own path line use it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rolecompare.core import history, loader
from rolecompare.core.errors import DataError
from rolecompare.core.untrusted import inert, inert_line

from ..conftest import REAL_DATA, REPO, Invoke
from ..helpers import raw_controls

DATA = loader.load(REAL_DATA)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
QUIZ = ["quiz", "--answers", ANSWERS]
HOSTILE = "a\x1b[2J\x9b31m\u202eb\nforged line"
"""A clear-screen, a C1 CSI, a right-to-left override and a newline that starts a fake line."""


def safe(text: str) -> None:
    """No control character, and no line that starts with what followed a newline in a name."""
    assert raw_controls(text) == set(), repr(text)
    assert not any(line.startswith("forged line") for line in text.splitlines()), text


def test_the_one_escape_keeps_a_line_one_line() -> None:
    assert inert_line(HOSTILE) == "a\\x1b[2J\\x9b31m\\u202eb\\x0aforged line"
    assert inert_line(inert_line(HOSTILE)) == inert_line(HOSTILE)  # escaping twice is harmless
    assert inert("a\nb") == "a\nb"  # file content keeps its line breaks where they mean lines


def test_every_error_message_is_made_one_inert_line_where_it_is_made() -> None:
    error = DataError(f"{HOSTILE}: no such file", (f"{HOSTILE}: bad",))
    assert error.message == f"{inert_line(HOSTILE)}: no such file"
    assert error.details == (f"{inert_line(HOSTILE)}: bad",)


def test_validate_a_missing_path_with_escapes(invoke: Invoke) -> None:
    """The issue's case: ``validate "$(printf 'a\\x1b[2Jb.toml')"``."""
    result = invoke(["validate", "a\x1b[2Jb.toml"])
    assert result.exit_code == 1
    safe(result.stdout + result.stderr)
    assert "a\\x1b[2Jb.toml" in result.stdout


def test_validate_a_valid_file_named_with_escapes(invoke: Invoke, tmp_path: Path) -> None:
    named = tmp_path / f"{HOSTILE}.toml"
    shutil.copy(REAL_DATA, named)
    for fmt in ("table", "text"):
        result = invoke(["validate", str(named), "-f", fmt], width=400)
        assert result.exit_code == 0, result.stderr
        safe(result.stdout)
        assert f"OK: {inert_line(str(named))}" in result.stdout


def test_json_names_a_path_with_escapes_as_the_same_string(invoke: Invoke, tmp_path: Path) -> None:
    """JSON escapes C0 itself; C1, bidi marks and separators it would write raw come as \\u
    escapes, so a script reads the same path and a person's terminal acts on none of them."""
    import json

    named = tmp_path / f"{HOSTILE}.toml"
    shutil.copy(REAL_DATA, named)
    result = invoke(["validate", str(named), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    safe(result.stdout)
    assert json.loads(result.stdout)["path"] == str(named)
    (tmp_path / "home").mkdir(exist_ok=True)
    shown = invoke(["--data", str(named), *QUIZ, "-f", "json", "--no-history"])
    assert shown.exit_code == 0, shown.stderr
    safe(shown.stdout)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["validate", "--tax-data", f"{HOSTILE}.toml"], {}),
        (["validate"], {"ROLECOMPARE_TAX_DATA": f"{HOSTILE}.toml"}),
        (["show"], {"ROLECOMPARE_DATA": f"{HOSTILE}.toml"}),
        (["--data", f"{HOSTILE}.toml", "rates"], {}),
        (["pay", "--tax-data", f"{HOSTILE}.toml"], {}),
    ],
)
def test_data_and_tax_paths_from_options_and_the_environment(
    invoke: Invoke, args: list[str], env: dict[str, str]
) -> None:
    result = invoke(args, env=env)
    assert result.exit_code == 1
    safe(result.stdout + result.stderr)
    assert inert_line(f"{HOSTILE}.toml") in result.stdout + result.stderr


def test_saved_to_a_name_with_a_newline_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    """The issue's case: "Saved the result to …/new⏎line…" forged a line."""
    target = tmp_path / f"{HOSTILE}.json"
    result = invoke([*QUIZ, "--save", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.exists()  # the file has the name asked for; only its echo is escaped
    safe(result.stderr)
    assert f"Saved the result to {inert_line(str(target))}\n" in result.stderr


def test_exported_to_a_name_with_a_newline_is_one_line(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / f"{HOSTILE}.md"
    result = invoke(["rates", "--export", str(target)])
    assert result.exit_code == 0, result.stderr
    safe(result.stderr)
    assert f"Exported to {inert_line(str(target))}\n" in result.stderr


def test_a_failed_save_names_the_path_on_one_line(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / HOSTILE / "result.json"
    result = invoke([*QUIZ, "--save", str(target)])
    assert result.exit_code == 1
    safe(result.stderr)
    assert "does not exist" in result.stderr


def test_an_unsupported_export_names_the_path_on_one_line(invoke: Invoke) -> None:
    result = invoke(["show", "--export", f"{HOSTILE}.doc"])
    assert result.exit_code == 2
    safe(result.stderr)


def test_history_messages_name_the_folder_on_one_line(invoke: Invoke, tmp_path: Path) -> None:
    home = tmp_path / HOSTILE
    env = {"ROLECOMPARE_HOME": str(home)}
    assert invoke(QUIZ, env=env).exit_code == 0
    (home / history.FILE_NAME).write_text("damaged\n", encoding="utf-8")
    (home / history.FILE_NAME).chmod(0o600)
    shown = invoke(["history"], env=env)
    safe(shown.stderr)
    assert "skipped damaged line 1 of" in shown.stderr
    cleared = invoke(["history", "--clear", "--yes"], env=env)
    assert cleared.exit_code == 0, cleared.stderr
    safe(cleared.stderr)


def test_the_why_command_quotes_a_data_path_it_can_show(invoke: Invoke, tmp_path: Path) -> None:
    """The command to copy names the same file, in ANSI-C quotes, with no raw escape in it."""
    named = tmp_path / "a\x1b[2Jb.toml"
    shutil.copy(REAL_DATA, named)
    result = invoke(["--data", str(named), *QUIZ], width=300)
    assert result.exit_code == 0, result.stderr
    safe(result.stdout)
    assert f"--data $'{tmp_path}/a\\x1b[2Jb.toml'" in result.stdout


def test_the_tax_figures_file_named_with_escapes_still_checks(
    invoke: Invoke, tmp_path: Path
) -> None:
    named = tmp_path / f"{HOSTILE}.toml"
    shutil.copy(REPO / "data" / "uk-tax.toml", named)
    result = invoke(["pay", "--role", "pmo", "--tax-data", str(named)])
    assert result.exit_code == 0, result.stderr
    safe(result.stdout + result.stderr)
