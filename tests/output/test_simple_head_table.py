"""charts.SimpleHeadTable draws what rich's SIMPLE_HEAD table draws, segment for segment."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rolecompare.ui.charts import SimpleHeadTable

# Headers are the program's own words (rich reads a str header as markup); cells come from files.
HEADER = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ]{0,15}", fullmatch=True)
CELL = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), max_size=24)


def rich_table(title: str, headers: list[str], rows: list[list[str]]) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, title=Text(title, style="bold"), title_justify="left"
    )
    for index, header in enumerate(headers):
        table.add_column(
            header, style="bold cyan" if index == 0 else None, justify="right" if index else "left"
        )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def drawn(renderable: object, width: int, colour: bool) -> tuple[str, list[str]]:
    kwargs: dict[str, object] = (
        {"force_terminal": True, "color_system": "truecolor"} if colour else {"color_system": None}
    )
    console = Console(file=io.StringIO(), width=width, **kwargs)  # type: ignore[arg-type]
    segments = [repr(segment) for segment in console.render(renderable)]  # type: ignore[arg-type]
    console.print(renderable)
    return console.file.getvalue(), segments  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(
    headers=st.lists(HEADER, min_size=2, max_size=4),
    data=st.data(),
    width=st.integers(20, 140),
    colour=st.booleans(),
)
def test_same_output_and_segments_as_rich(
    headers: list[str], data: st.DataObject, width: int, colour: bool
) -> None:
    rows = data.draw(
        st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)), max_size=4)
    )
    title = "Contract day rates"
    ours = SimpleHeadTable(title, headers, rows, right=range(1, len(headers)))
    assert drawn(ours, width, colour) == drawn(rich_table(title, headers, rows), width, colour)


def test_draws_the_simple_head_look() -> None:
    ours = SimpleHeadTable("Rates", ["Role", "Day rate"], [["PMO", "£400–£600"]], right=[1])
    text, _ = drawn(ours, 100, colour=False)
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines == ["Rates", " Role    Day rate", "─" * 18, " PMO    £400–£600"]


def test_rates_imports_no_rich_table() -> None:
    probe = (
        "import sys\n"
        "from rolecompare.cli import main\n"
        "sys.argv = ['rolecompare', 'rates', '--role', 'pmo']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('TABLE', 'rich.table' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "TERM": "dumb"},
        check=False,
        timeout=60,
    )
    assert "TABLE False" in done.stderr
