"""Global options (--data, --no-color, --width, --no-pager, --version) work after the command too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolecompare.options import hoist

from ..conftest import THREE_ROLES, Invoke
from ..helpers import flat

TERMINAL = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}


@pytest.mark.parametrize(
    "args",
    [
        ["rates", "--data", str(THREE_ROLES), "-f", "json"],
        ["rates", "-f", "json", "--data", str(THREE_ROLES)],
        ["rates", f"--data={THREE_ROLES}", "-f", "json"],
        ["--data", str(THREE_ROLES), "rates", "-f", "json"],
    ],
    ids=["after", "last", "equals", "before"],
)
def test_data_before_or_after_the_command(invoke: Invoke, args: list[str]) -> None:
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["roles"]] == ["pmo", "pm", "scrum"]


@pytest.mark.parametrize("command", [["show", "-d", "tools"], ["rates"], ["roles"], ["validate"]])
def test_no_color_after_the_command(invoke: Invoke, command: list[str]) -> None:
    result = invoke([*command, "--no-color"], env=TERMINAL)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.strip()


def test_every_command_accepts_the_global_options_after_it(invoke: Invoke) -> None:
    for command in (
        ["show", "-d", "focus"],
        ["rates"],
        ["roles"],
        ["validate"],
        ["quiz", "--questions"],
    ):
        result = invoke([*command, "--no-pager", "--width", "60", "--data", str(THREE_ROLES)])
        assert result.exit_code == 0, (command, result.stderr)
        assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_version_after_a_command(invoke: Invoke) -> None:
    result = invoke(["show", "--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("rolecompare ")


def test_a_dimension_value_that_looks_like_a_global_option_stays_a_value(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "--data"])
    assert result.exit_code == 2
    assert "unknown dimension '--data'" in result.stderr


def test_a_global_option_missing_its_value_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["rates", "--data"])
    assert result.exit_code == 2
    assert "--data" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_options_are_still_refused(invoke: Invoke) -> None:
    result = invoke(["rates", "--colour"])
    assert result.exit_code == 2
    assert "no such option: --colour" in result.stderr


def test_command_help_lists_the_global_options(invoke: Invoke) -> None:
    out = flat(invoke(["rates", "--help"]).stdout)
    assert "Global options may also come after the command: --data PATH, --no-color" in out
    assert "--width N" in out and "--no-pager" in out


def test_top_level_help_says_where_global_options_go(invoke: Invoke) -> None:
    out = flat(invoke(["--help"]).stdout)
    assert "Global options work before or after the command." in out


def test_data_after_the_command_reaches_the_data_file_errors(
    invoke: Invoke, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.toml"
    result = invoke(["show", "--data", str(missing)])
    assert result.exit_code == 1
    assert f"{missing}: no such file" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["rates", "--data", "x"], ["--data", "x", "rates"]),
        (["rates", "--data=x", "--days", "5"], ["--data=x", "rates", "--days", "5"]),
        (["show", "-d", "--data", "--no-color"], ["--no-color", "show", "-d", "--data"]),
        (["show", "--", "--data", "x"], ["show", "--", "--data", "x"]),
        (["show", "-r", "pmo"], ["show", "-r", "pmo"]),
    ],
)
def test_hoist(args: list[str], expected: list[str]) -> None:
    global_options = {"--data": True, "--no-color": False}
    own = {"-d": True, "--dimension": True, "-r": True, "--days": True}
    assert hoist(args, global_options, own) == expected


def test_an_option_the_command_defines_itself_stays_with_it() -> None:
    assert hoist(["pay", "--width", "3"], {"--width": True}, {"--width": True}) == [
        "pay",
        "--width",
        "3",
    ]
