"""Issue 18, item 6: an exported result is a document to hand on, not a terminal transcript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
NEUTRAL = "3" * len(DATA.quiz.statements)
CHATTER = ("Recorded in your history", "Not recorded", "Why:", "rolecompare ")


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt", ".svg"])
@pytest.mark.parametrize("answers", [PMO, NEUTRAL])
@pytest.mark.parametrize("extra", [[], ["--no-history"], ["--details"]])
def test_an_exported_quiz_result_names_no_command_and_no_history(
    invoke: Invoke, tmp_path: Path, suffix: str, answers: str, extra: list[str]
) -> None:
    target = tmp_path / f"result{suffix}"
    result = invoke(["quiz", "--answers", answers, *extra, "--export", str(target)])
    assert result.exit_code == 0, result.stderr
    content = target.read_text(encoding="utf-8").replace("\xa0", " ")
    content = re.sub(r"<title>.*?</title>", "", content)  # the document's name, not a command
    for chatter in CHATTER:
        assert chatter not in content
    assert DATA.quiz.disclaimer.split()[0] in content


def test_the_terminal_still_shows_the_commands(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["quiz", "--answers", PMO, "--export", str(tmp_path / "r.md")])
    assert "Recorded in your history" in result.stdout
    assert "Why: rolecompare quiz --details" in result.stdout
    assert "Day rates: rolecompare rates --role pmo" in result.stdout


def test_an_exported_result_dates_the_day_rate_instead(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    invoke(["quiz", "--answers", PMO, "--export", str(target)])
    content = target.read_text(encoding="utf-8")
    assert "Day rate" in content and "£400" in content


@pytest.mark.parametrize("command", [["quiz", "--answers", PMO], ["rates"], ["show"]])
def test_html_exports_have_a_title(invoke: Invoke, tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "out.html"
    assert invoke([*command, "--export", str(target)]).exit_code == 0
    assert "<title>rolecompare" in target.read_text(encoding="utf-8")


def test_pay_markdown_money_columns_say_their_period(invoke: Invoke) -> None:
    result = invoke(["pay", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if line.startswith("| Role"))
    assert "Inside IR35, a year" in header and "Outside IR35, a month" in header
    assert "| a month |" not in result.stdout
    assert "Outside minus inside, a year" in result.stdout
