"""Rich renderables for quiz history: past results and how each role's interest moved."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rolecompare.core.history import (
    CHANGE_HEADING,
    NO_CHANGE,
    Row,
    mark_notes,
    marks,
)
from rolecompare.core.models import Dataset
from rolecompare.core.text import figures_text, role_name, tenths

SPARKS = "▁▂▃▄▅▆▇█"
WIDE = 90
LOWEST, HIGHEST = 1, 5
INDENT = 2
"""Narrow layout: a result's figures, wrapped lines included, sit this far in under its date."""


def spark(values: Sequence[float | None]) -> str:
    """One block per result, its height the interest (1 to 5); a gap where a role was missing."""
    top = len(SPARKS) - 1
    return "".join(
        " " if v is None else SPARKS[round((v - LOWEST) / (HIGHEST - LOWEST) * top)] for v in values
    )


def trend_rows(rows: Sequence[Row]) -> list[Row]:
    """Results that can be drawn on one line: today's bank and data file, bank version 2 on."""
    return [
        row
        for row in rows
        if row.record.interest is not None
        and row.record.data_mark is not None
        and not row.other_bank
        and not row.other_data
    ]


def history_view(data: Dataset, rows: Sequence[Row], width: int) -> Group:
    """``rows`` newest first: a table when there is room, else two lines per result."""
    role_ids = list(dict.fromkeys([*data.roles, *(r for row in rows for r in row.record.roles)]))
    parts: list[RenderableType] = [Text("Quiz history (newest first)", style="bold")]
    notes = mark_notes(data, rows)
    if width >= WIDE:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("When", no_wrap=True)
        table.add_column("Result")
        for role_id in role_ids:
            table.add_column(Text(role_name(data, role_id)), justify="right")
        table.add_column(CHANGE_HEADING)
        for row in rows:
            table.add_row(
                Text(row.when + marks(row)),
                Text(row.outcome),
                *(Text(row.figures.get(r, "-")) for r in role_ids),
                Text(row.change),
            )
        parts.append(table)
    else:
        for row in rows:
            first = Text(row.when + marks(row), style="bold")
            first.append(f"  {row.outcome}")
            second = Text(figures_text(data, row.record))
            if row.change:
                said = row.change if row.change == NO_CHANGE else f"change: {row.change}"
                second.append(f" ({said})", style="dim")
            parts += [first, Padding(second, (0, 0, 0, INDENT))]
        if notes:
            parts.append(Text())  # the trend brings its own blank line
    parts += [Text(note, style="dim") for note in notes]
    parts += _trend(data, trend_rows(rows), role_ids, width)
    return Group(*parts)


def _trend(
    data: Dataset, rows: Sequence[Row], role_ids: Sequence[str], width: int
) -> list[RenderableType]:
    """Interest over time, only with two or more comparable results."""
    if len(rows) < 2:
        return []
    label = min(max(len(role_name(data, r)) for r in role_ids), max(width // 3, 8))
    room = max(width - label - 12, 4)  # label, space, "  4.3 → 4.3"
    oldest_first = list(reversed(rows))[-room:]
    shown = "" if len(oldest_first) == len(rows) else f" (last {len(oldest_first)})"
    parts: list[RenderableType] = [
        Text(),
        Text(f"Interest over time (1-5), oldest to newest{shown}", style="bold"),
    ]
    for role_id in role_ids:
        values = [
            row.record.interest[role_id].mean
            if row.record.interest and role_id in row.record.interest
            else None
            for row in oldest_first
        ]
        known = [v for v in values if v is not None]
        if not known:
            continue
        line = Text(f"{role_name(data, role_id)[:label]:<{label}} ")
        line.append(spark(values), style="cyan")
        line.append(f"  {tenths(known[0])} → {tenths(known[-1])}")
        parts.append(line)
    return parts
