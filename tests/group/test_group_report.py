"""Issue 18, item 1: the group's report is a handout: the table, the group as a whole, the lines
not scored, what the verdicts and warnings mean, the date, the bank version and the disclaimer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
PM = "".join("1" if s.keyed == "pmo" else "5" for s in DATA.quiz.statements)
AGREE = "5" * len(DATA.quiz.statements)
SHEET = f"Ana,{PMO}\nBen,{AGREE}\nCleo,{PM}\nDan,{PMO}\nEve,12x\n"


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.txt"
    path.write_text(SHEET, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "markdown", "text"])
def test_the_report_carries_the_group_as_a_whole(invoke: Invoke, sheet: Path, fmt: str) -> None:
    result = invoke(["quiz", "--answers-file", str(sheet), "--format", fmt])
    assert result.exit_code == 1  # Eve's line could not be scored
    out = result.stdout.replace("\\", "")
    assert "Verdicts: PMO 2, no-signal 1, Project Manager 1." in out
    assert "Mean interest (1-5): PMO 4.0, Project Manager 3.0." in out
    assert "line 5 (Eve): position 3 is 'x'" in out
    assert "too-close:" in out and "straight-lining:" in out
    assert "Scored 20" in out and f"bank version {DATA.quiz.version}" in out
    assert DATA.quiz.disclaimer in " ".join(out.split())


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt"])
def test_the_report_can_be_exported(
    invoke: Invoke, sheet: Path, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"report{suffix}"
    result = invoke(["quiz", "--answers-file", str(sheet), "--export", str(target)])
    assert result.exit_code == 1, result.stderr
    content = target.read_text(encoding="utf-8").replace("\xa0", " ")
    assert "Ana" in content and "Verdicts:" in content and "line 5" in content


def test_the_json_export_is_the_whole_report(invoke: Invoke, sheet: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    invoke(["quiz", "--answers-file", str(sheet), "--export", str(target)])
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["verdicts"] == {"PMO": 2, "no-signal": 1, "Project Manager": 1}
    assert report["mean_interest"] == {"pmo": 4.0, "pm": 3.0}
    assert [r["name"] for r in report["results"]] == ["Ana", "Ben", "Cleo", "Dan"]
    assert report["rejected"][0]["line"] == 5
    assert report["bank_version"] == DATA.quiz.version


def test_json_lines_are_unchanged(invoke: Invoke, sheet: Path) -> None:
    lines = invoke(["quiz", "--answers-file", str(sheet), "-f", "json"]).stdout.splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["Ana", "Ben", "Cleo", "Dan"]


def test_a_control_character_in_a_reason_is_made_inert(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(f"Ana,{PMO}\n5\x1b[31m5\n", encoding="utf-8")
    result = invoke(["quiz", "--answers-file", str(path), "-f", "markdown"])
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt", ".json", "csv"])
def test_a_reason_in_a_document_names_no_command(
    invoke: Invoke, tmp_path: Path, suffix: str
) -> None:
    """A short line's reason ends, on stderr, with a hint to type a command; a report handed
    on and read later says what is wrong without it."""
    path = tmp_path / "short.txt"
    path.write_text(f"Ana,{PMO}\nBen,5555\n", encoding="utf-8")
    target = tmp_path / f"report{suffix}"
    asked = ["-f", "csv"] if suffix == "csv" else ["--export", str(target)]
    result = invoke(["quiz", "--answers-file", str(path), *asked])
    assert result.exit_code == 1, result.stderr
    assert "(see: rolecompare quiz --questions)" in result.stderr
    content = result.stdout if suffix == "csv" else target.read_text(encoding="utf-8")
    assert f"got 4 answers, the quiz has {len(DATA.quiz.statements)} statements" in content
    assert "give one answer per statement in order" in content
    assert "(see:" not in content and "--questions" not in content


def test_a_line_not_scored_keeps_its_name_in_every_report(invoke: Invoke, tmp_path: Path) -> None:
    """A coach needs to know whose answers to ask for again, not only the line number."""
    import csv
    import json

    sheet = tmp_path / "group.csv"
    good = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
    sheet.write_text(f'Ana,{good}\nDan,3,3,3\n"Smith, Bo",9\n7\n', encoding="utf-8")
    rows = list(
        csv.reader(invoke(["quiz", "--answers-file", str(sheet), "-f", "csv"]).stdout.splitlines())
    )
    assert [(row[0], row[1]) for row in rows[2:]] == [("2", "Dan"), ("3", "Smith, Bo"), ("4", "")]
    report = tmp_path / "report.json"
    invoke(["quiz", "--answers-file", str(sheet), "--export", str(report)])
    rejected = json.loads(report.read_text(encoding="utf-8"))["rejected"]
    assert [r["name"] for r in rejected] == ["Dan", "Smith, Bo", None]
    markdown = invoke(["quiz", "--answers-file", str(sheet), "-f", "markdown"]).stdout
    assert "line 2 (Dan): got 3 answers" in markdown


def test_no_line_scored_says_nothing_was_exported(invoke: Invoke, tmp_path: Path) -> None:
    sheet = tmp_path / "group.csv"
    sheet.write_text("Dan,3,3,3\nEve,9\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    result = invoke(["quiz", "--answers-file", str(sheet), "--export", str(target)])
    assert result.exit_code == 1
    assert f"Nothing was exported to {target}: no line could be scored" in result.stderr
    assert not target.exists()


def test_the_legend_explains_each_warning_for_anyone_not_one_person(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Two people flagged with different spreads and one straight-liner: the legend says what
    each warning means, not one respondent's own message ("Your answers ... spread 2.8")."""
    count = len(DATA.quiz.statements)
    scattered = "".join("15"[i % 2] for i in range(count))
    loose = "".join("1245"[i % 4] for i in range(count))
    path = tmp_path / "flagged.csv"
    path.write_text(f"Finn,{scattered}\nDana,{loose}\nEve,{'3' * count}\n", encoding="utf-8")
    for fmt in ("table", "markdown"):
        out = " ".join(invoke(["quiz", "--answers-file", str(path), "-f", fmt]).stdout.split())
        assert "inconsistent: the answers to the same role's work varied" in out
        assert "a spread of 1.5 or more" in out
        assert "straight-lining: almost every answer was the same one" in out
        assert "Your answers" not in out and f"of {count})" not in out
