"""The README stays true: its test command is the one CI runs, and its picture is the tool's own."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import REPO, Invoke

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"bash -c '([^']+)'", README)
    assert commands, "the README lost its test command"
    assert f"bash -c '{commands[0]}'" in CI


def test_readme_has_exactly_two_quick_start_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert len(blocks) == 2
    assert all(block.count("\n") == 1 for block in blocks)
    assert "rolecompare show" in blocks[0]
    assert "[test]" in blocks[1] and "pytest" in blocks[1]


def test_readme_svg_is_what_the_tool_exports(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "rates.svg"
    assert invoke(["rates", "--export", str(target)], width=88).exit_code == 0
    expected = (REPO / "docs" / "rates.svg").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, (
        "docs/rates.svg is stale: run COLUMNS=88 rolecompare rates --export docs/rates.svg"
    )
