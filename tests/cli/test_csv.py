"""Issue 18, item 2: ``--format csv`` for a group's results, rates and pay; never a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rolecompare.core import loader
from rolecompare.ui.spreadsheet import cell

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
PMO = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_group_is_one_flat_row_per_respondent_and_per_rejected_line(
    invoke: Invoke, tmp_path: Path
) -> None:
    sheet = tmp_path / "w.txt"
    sheet.write_text(f'"Smith, Ana",{PMO}\n=HYPERLINK("x"),{PMO}\nEve,12x\n', encoding="utf-8")
    result = invoke(["quiz", "--answers-file", str(sheet), "--format", "csv"])
    assert result.exit_code == 1
    table = rows(result.stdout)
    assert table[0]["name"] == "Smith, Ana"
    assert table[0]["verdict"] == "pmo" and table[0]["pmo_mean"] == "5.0"
    assert table[0]["pm_level"] == "low" and table[0]["difference"] == "4.0"
    assert table[1]["name"].startswith("'=")
    assert table[2]["line"] == "3" and table[2]["error"].startswith("position 3 is 'x'")


def test_rates_and_pay_give_their_tables(invoke: Invoke) -> None:
    rates = rows(invoke(["rates", "-f", "csv"]).stdout)
    assert [r["role"] for r in rates] == ["pmo", "pm"]
    assert rates[0]["day_min"] == "400"
    pay = rows(invoke(["pay", "-f", "csv"]).stdout)
    assert {"inside_take_home_year", "difference_year"} <= set(pay[0])


@pytest.mark.parametrize("command", ["show", "roles", "history"])
def test_a_screen_without_a_table_refuses_clearly(invoke: Invoke, command: str) -> None:
    result = invoke([command, "-f", "csv"])
    assert result.exit_code == 2
    assert "csv needs a plain table: use it with rates, pay or quiz --answers-file" in " ".join(
        result.stderr.split()
    )
    listing = " ".join(invoke([command, "--help"]).stdout.split())
    assert "markdown or json (md and txt also work)" in listing  # nor offered where refused


def test_cells_that_look_like_formulas_are_text() -> None:
    assert [cell(v) for v in ("=1+1", "+1", "-x", "@A1", "Ana", -1.5, None)] == [
        "'=1+1",
        "'+1",
        "'-x",
        "'@A1",
        "Ana",
        "-1.5",
        "",
    ]
    assert "\x1b" not in cell("Zo\x1b[31m")
