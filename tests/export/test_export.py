"""`--export PATH` on show, rates, quiz and history: one valid file per suffix, never a partial one."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
COMMANDS = {
    "show": ["show"],
    "rates": ["rates"],
    "quiz": ["quiz", "--answers", PMO],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_svg_parses_as_xml_and_holds_the_text(invoke: Invoke, tmp_path: Path, command: str) -> None:
    target = tmp_path / "out.svg"
    result = invoke([*COMMANDS[command], "--export", str(target)])
    assert result.exit_code == 0, result.stderr
    assert f"Exported to {target}" in result.stderr
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "PMO" in text


def test_rates_svg_has_the_bars_and_colours(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "rates.svg"
    invoke(["rates", "--export", str(target)])
    svg = target.read_text(encoding="utf-8")
    assert "█" in svg and "£400" in svg
    assert "fill: #" in svg or "fill:#" in svg


@pytest.mark.parametrize("command", list(COMMANDS))
def test_html_txt_md_json_exports(invoke: Invoke, tmp_path: Path, command: str) -> None:
    for suffix in (".html", ".txt", ".md", ".json"):
        target = tmp_path / f"out{suffix}"
        result = invoke([*COMMANDS[command], "--export", str(target)])
        assert result.exit_code == 0, result.stderr
        content = target.read_text(encoding="utf-8")
        if suffix == ".html":
            assert content.lstrip().lower().startswith("<!doctype html>")
            assert "PMO" in content
        elif suffix == ".txt":
            assert "\x1b" not in content
            assert "PMO" in content
        elif suffix == ".md":
            assert content.startswith("# ")
            assert "|---|" in content
        else:
            assert isinstance(json.loads(content), dict)


def test_txt_export_matches_what_was_shown(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "rates.txt"
    result = invoke(["rates", "--role", "pmo", "--export", str(target)])
    assert target.read_text(encoding="utf-8") == result.stdout


def test_json_export_equals_format_json(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "show.json"
    invoke(["show", "--export", str(target)])
    assert json.loads(target.read_text()) == json.loads(invoke(["show", "--format", "json"]).stdout)


def test_history_export(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["quiz", "--answers", PMO])
    target = tmp_path / "history.md"
    result = invoke(["history", "--export", str(target)])
    assert result.exit_code == 0
    assert "**Your result: a clear preference for PMO**" in target.read_text()
    svg = tmp_path / "history.svg"
    invoke(["history", "--export", str(svg)])
    ET.fromstring(svg.read_text(encoding="utf-8"))


def test_quiz_markdown_report(invoke: Invoke) -> None:
    result = invoke(["quiz", "--answers", PMO, "--format", "markdown"])
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith("# Career-fit quiz result")
    assert "**Your result: a clear preference for PMO**" in md
    per_role = sum(s.keyed == "pmo" for s in DATA.quiz.statements)
    assert f"| PMO | 5.0 | high | 0.00 | {per_role} |" in md
    assert "| Key responsibilities | PMO | 5.0 | 1.0 |" in md
    assert "- Certifications: P3O" in md
    assert "Recorded in your history" in md
    assert "## By dimension" in md
    assert "details: rolecompare rates --role pmo" in md


def test_unknown_suffix_exits_2_listing_the_supported_ones(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "rates.pdf"
    result = invoke(["rates", "--export", str(target)])
    assert result.exit_code == 2
    assert ".svg, .html, .md, .txt, .json or .csv" in result.stderr
    assert not target.exists()
    assert invoke(["show", "--export", str(tmp_path / "noext")]).exit_code == 2


def test_unwritable_path_fails_cleanly_with_no_partial_file(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke(["rates", "--export", str(blocker / "rates.svg")])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr
    proc = invoke(["rates", "--export", "/proc/rolecompare.svg"])
    assert proc.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_existing_file_is_replaced_whole(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "rates.json"
    target.write_text("old content that is longer than nothing")
    invoke(["rates", "--export", str(target)])
    assert json.loads(target.read_text())["billable_days"] == 220
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    "args", [["rates"], ["pay", "--rate", "500"], ["pay", "--offer", "450:outside"]]
)
def test_a_csv_export_is_what_format_csv_prints(
    invoke: Invoke, tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "table.csv"
    exported = invoke([*args, "--export", str(target)])
    assert exported.exit_code == 0, exported.stderr
    assert target.read_text(encoding="utf-8") == invoke([*args, "-f", "csv"]).stdout


def test_a_group_csv_export_holds_every_respondent(invoke: Invoke, tmp_path: Path) -> None:
    answers = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
    sheet = tmp_path / "group.txt"
    sheet.write_text(f"Ana,{answers}\nBen,{answers}\n", encoding="utf-8")
    target = tmp_path / "group.csv"
    result = invoke(["quiz", "--answers-file", str(sheet), "--export", str(target)])
    assert result.exit_code == 0, result.stderr
    rows = target.read_text(encoding="utf-8").splitlines()
    assert [row.split(",")[1] for row in rows] == ["name", "Ana", "Ben"]


@pytest.mark.parametrize(
    "command", [["show"], ["quiz", "--answers", "3" * len(DATA.quiz.statements), "--no-history"]]
)
def test_a_csv_export_without_a_table_is_refused_before_anything_is_printed(
    invoke: Invoke, tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "x.csv"
    result = invoke([*command, "--export", str(target)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "CSV needs a plain table: use --format csv or --export FILE.csv" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("asked", [["-f", "csv"], ["--export", "q.csv"]])
def test_a_quiz_asked_for_csv_is_refused_before_a_statement_or_a_record(
    invoke: Invoke, tmp_path: Path, asked: list[str]
) -> None:
    from rolecompare.core import history

    for how in (["--plain"], ["--answers", "3" * len(DATA.quiz.statements)]):
        result = invoke(["quiz", *how, *asked], input="5\n" * len(DATA.quiz.statements))
        assert result.exit_code == 2, result.stdout
        assert result.stdout == ""
        assert "CSV needs a plain table" in result.stderr
    assert not history.history_path().exists()
