"""--format names: md and txt/text, any case, refused in our own words; exit codes of bad paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import Invoke
from ..helpers import real_statements

LONG = ["show", "rates", "roles", "history", "quiz --questions"]
TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}


@pytest.mark.parametrize("command", LONG)
@pytest.mark.parametrize("name", ["md", "MD", "Markdown", "markdown"])
def test_md_is_markdown(invoke: Invoke, command: str, name: str) -> None:
    args = command.split()
    result = invoke([*args, "--format", name])
    expected = invoke([*args, "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout


@pytest.mark.parametrize("command", ["show -d tools", "rates", "roles", "validate"])
@pytest.mark.parametrize("name", ["txt", "text", "TXT"])
def test_text_is_the_table_without_styles(invoke: Invoke, command: str, name: str) -> None:
    args = command.split()
    result = invoke([*args, "-f", name], env=TERMINAL)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    table = invoke([*args, "--no-color"], env=TERMINAL).stdout
    assert result.stdout == table


@pytest.mark.parametrize("command", ["show", "rates", "roles", "validate", "history", "quiz"])
def test_an_unknown_format_lists_the_formats(invoke: Invoke, command: str) -> None:
    result = invoke([command, "-f", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Value error" not in result.stderr
    assert "is not one of" not in result.stderr
    assert "unknown format 'xml'" in result.stderr
    for name in ("table", "text", "json"):
        assert name in result.stderr.split("unknown format")[1]


def test_the_format_listing_names_the_aliases(invoke: Invoke) -> None:
    message = invoke(["rates", "-f", "pdf"]).stderr
    assert "use table, text, markdown, json or csv (md and txt also work)" in " ".join(
        message.split()
    )
    shown = invoke(["show", "-f", "pdf"]).stderr  # a command without a table lists no csv
    assert "use table, text, markdown or json (md and txt also work)" in " ".join(shown.split())


def test_roles_has_markdown(invoke: Invoke) -> None:
    result = invoke(["roles", "--format", "markdown"])
    assert result.exit_code == 0
    out = result.stdout
    assert (
        "| pmo | PMO (Project Management Office) | project-management-office, pmo-analyst |" in out
    )
    assert "| salary-and-job-outlook | Salary and job outlook | pay, earnings |" in out


def test_roles_json_and_markdown_name_the_same_roles(invoke: Invoke) -> None:
    doc = json.loads(invoke(["roles", "-f", "json"]).stdout)
    md = invoke(["roles", "-f", "md"]).stdout
    for role in doc["roles"]:
        assert f"| {role['id']} |" in md
    for dim in doc["dimensions"]:
        assert f"| {dim['id']} |" in md


def test_a_directory_for_export_and_save_exits_the_same(invoke: Invoke, tmp_path: Path) -> None:
    answers = "3" * real_statements()
    export = invoke(["quiz", "--answers", answers, "--export", str(tmp_path)])
    save = invoke(["quiz", "--answers", answers, "--save", str(tmp_path)])
    rates = invoke(["rates", "--export", str(tmp_path)])
    assert export.exit_code == save.exit_code == rates.exit_code == 1
    for result in (export, save, rates):
        assert "is a directory" in result.stderr
        assert "Traceback" not in result.stderr
    assert rates.stdout == ""


def test_export_into_a_missing_folder_fails_before_printing(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["show", "--export", str(tmp_path / "nowhere" / "show.md")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "does not exist" in result.stderr
