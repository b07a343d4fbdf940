"""Issue 18, item 6: every money column says its period, on the terminal as in Markdown.

The tables are caught as they are built (their headers and cells), and the Markdown tables read
back from the output, so a new money column without "a year", "a month", "a week" or "a day"
(or a "Day rate") fails here whichever command draws it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from rolecompare.ui import charts

from ..conftest import Invoke

PERIOD = re.compile(r"\b(a year|a month|a week|a day|day rate)\b|A year at", re.IGNORECASE)
MONEY = re.compile(r"^[+-]?£")
COMMANDS = [
    ["pay", "--rate", "500"],
    ["pay", "--role", "pm"],
    ["pay", "--offer", "500:outside", "--offer", "450:inside", "--pension", "5000"],
    ["rates"],
]


def unsaid(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """The money columns, after the first (labels), whose header names no period."""
    return [
        header
        for index, header in enumerate(headers)
        if index > 0
        and any(MONEY.match(row[index]) for row in rows)
        and not PERIOD.search(header.replace("\n", " "))
    ]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_terminal_money_columns_say_their_period(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    built: list[tuple[Sequence[str], Sequence[Sequence[str]]]] = []
    made = charts._PlainTable.__init__

    def catch(
        self: charts._PlainTable, title: str, headers: Sequence[str], *rest: object, **kw: object
    ) -> None:
        made(self, title, headers, *rest, **kw)  # type: ignore[arg-type]
        built.append((self.headers, self.rows))

    monkeypatch.setattr(charts._PlainTable, "__init__", catch)
    result = invoke(args, width=120)
    assert result.exit_code == 0, result.stderr
    assert built, "no table was drawn"
    assert [unsaid(headers, rows) for headers, rows in built] == [[] for _ in built]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_markdown_money_columns_say_their_period(invoke: Invoke, args: list[str]) -> None:
    result = invoke([*args, "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    tables: list[list[list[str]]] = []
    for line in result.stdout.splitlines():
        if not line.startswith("|"):
            tables.append([])
        elif not line.startswith("|---"):
            tables[-1].append([cell.strip() for cell in line.strip("|").split(" | ")])
    found = [table for table in tables if table]
    assert found, "no Markdown table"
    assert all(len(set(map(len, table))) == 1 for table in found), "a header broke its table"
    assert [unsaid(table[0], table[1:]) for table in found] == [[] for _ in found]
