"""Issue 18, item 3: what a spreadsheet gives is read as it is, or refused naming why."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)
HEADER = "Name," + ",".join(f"Q{n}" for n in range(1, len(PMO) + 1))


def scored(invoke: Invoke, path: Path) -> tuple[int, list[str], str]:
    result = invoke(["quiz", "--answers-file", str(path), "-f", "csv"])
    names = [line.split(",")[1] for line in result.stdout.splitlines()[1:]]
    return result.exit_code, names, result.stderr


def test_a_header_and_comments_are_skipped_with_a_note(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(f"# workshop\n{HEADER}\nAna,{','.join(PMO)}\n", encoding="utf-8")
    code, names, err = scored(invoke, path)
    assert (code, names) == (0, ["Ana"])
    assert "line 2: skipped a header row" in err and "1 comment line" in err


def test_tab_separated_lines_are_accepted(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_text(f"Smith, Ana\t{chr(9).join(PMO)}\n", encoding="utf-8")
    result = invoke(["quiz", "--answers-file", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"name": "Smith, Ana"' in result.stdout


def test_semicolon_separated_lines_are_accepted(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_text(f"Name;Q1;Q2\nAna;{';'.join(PMO)}\n", encoding="utf-8")
    assert scored(invoke, path)[:2] == (0, ["Ana"])


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_other_encodings_are_read_correctly(invoke: Invoke, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(f"Zoë,{PMO}\r\n", encoding=encoding)
    assert scored(invoke, path)[:2] == (0, ["Zoë"])


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_other_encodings_piped_in_are_read_as_by_name(invoke: Invoke, encoding: str) -> None:
    """Standard input is the same file by another way in: its bytes are decoded the same."""
    piped = f"Zoë;{';'.join(PMO)}\r\n".encode(encoding)
    result = invoke(["quiz", "--answers-file", "-", "-f", "csv"], input=piped)
    assert result.exit_code == 0, result.stderr
    assert [line.split(",")[1] for line in result.stdout.splitlines()[1:]] == ["Zoë"]
    refused = invoke(["quiz", "--answers-file", "-"], input=b"Zo\x81\xff," + PMO.encode())
    assert refused.exit_code == 1
    assert "standard input is neither UTF-8 nor Windows-1252" in refused.stderr


def test_an_unknown_encoding_is_refused_naming_it(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"Zo\x81\xff," + PMO.encode())
    result = invoke(["quiz", "--answers-file", str(path)])
    assert result.exit_code == 1
    assert "neither UTF-8 nor Windows-1252" in result.stderr


def test_duplicate_names_are_flagged(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(f"Ana,{PMO}\nBen,{PMO}\nana,{PMO}\n", encoding="utf-8")
    code, _, err = scored(invoke, path)
    assert code == 0 and "'Ana' is on lines 1, 3" in err
