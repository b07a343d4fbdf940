"""Layout: the title line, no trailing spaces in plain text, a readable width, --width, headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolecompare.ui.output import READABLE_WIDTH, strip_trailing

from ..conftest import THREE_ROLES, Invoke
from ..helpers import mixed_answers, widest

THREE = ["--data", str(THREE_ROLES)]


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["show"], "PMO vs Project Manager"),
        (["show", "-r", "pm", "-r", "pmo"], "Project Manager vs PMO"),
        ([*THREE, "show"], "PMO vs Project Manager vs Scrum Master"),
        ([*THREE, "show", "-r", "scrum", "-r", "pmo", "-d", "tools"], "Scrum Master vs PMO"),
    ],
)
@pytest.mark.parametrize("width", [100, 40])
def test_show_opens_with_a_title_naming_the_roles(
    invoke: Invoke, args: list[str], title: str, width: int
) -> None:
    out = invoke(args, width=width).stdout
    assert out.splitlines()[0] == title
    markdown = invoke([*args, "-f", "md"]).stdout
    assert markdown.splitlines()[0] == f"# {title}"


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["rates"],
        ["roles"],
        ["validate"],
        ["quiz", "--questions"],
        ["quiz", "--answers", mixed_answers("423542342534245324435243"), "--no-history"],
    ],
)
@pytest.mark.parametrize("width", [100, 40])
def test_piped_output_has_no_trailing_spaces(invoke: Invoke, args: list[str], width: int) -> None:
    out = invoke(args, width=width).stdout
    assert out.strip()
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_a_txt_export_has_no_trailing_spaces(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "show.txt"
    assert invoke(["show", "--export", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "Tools and software" in text
    assert [line for line in text.splitlines() if line != line.rstrip()] == []


def test_strip_trailing() -> None:
    assert strip_trailing("a  \n  b \n\n") == "a\n  b\n\n"


def test_a_wide_terminal_gets_a_readable_measure(invoke: Invoke) -> None:
    out = invoke(["show"], width=200).stdout
    assert widest(out) == READABLE_WIDTH
    assert 100 <= READABLE_WIDTH <= 120


def test_a_narrower_terminal_is_used_whole(invoke: Invoke) -> None:
    assert widest(invoke(["show"], width=90).stdout) == 90


@pytest.mark.parametrize("width", [60, 150])
def test_width_option_sets_the_width_of_plain_output(invoke: Invoke, width: int) -> None:
    out = invoke(["show", "--width", str(width)], width=200).stdout
    assert widest(out) == width


@pytest.mark.parametrize("suffix", [".txt", ".svg", ".html"])
def test_width_option_sets_the_width_of_exports(
    invoke: Invoke, tmp_path: Path, suffix: str
) -> None:
    narrow = tmp_path / f"narrow{suffix}"
    wide = tmp_path / f"wide{suffix}"
    invoke(["rates", "--width", "50", "--export", str(narrow)], width=100)
    invoke(["rates", "--width", "110", "--export", str(wide)], width=100)
    narrow_text, wide_text = narrow.read_text(), wide.read_text()
    assert narrow_text != wide_text
    if suffix == ".txt":
        assert widest(narrow_text) <= 50 < widest(wide_text) <= 110


def test_width_out_of_range_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["show", "--width", "5"])
    assert result.exit_code == 2
    assert "--width" in result.stderr


def test_stacked_role_headings_are_underlined_without_colour(invoke: Invoke) -> None:
    lines = invoke(["--no-color", "show", "-d", "focus-area"], width=40).stdout.splitlines()
    for name in ("PMO", "Project Manager"):
        at = lines.index(name)
        assert lines[at + 1] == "─" * len(name)


def test_stacked_rates_role_headings_are_underlined(invoke: Invoke) -> None:
    lines = invoke(["rates"], width=40).stdout.splitlines()
    at = lines.index("Project Manager")
    assert lines[at + 1] == "─" * len("Project Manager")
