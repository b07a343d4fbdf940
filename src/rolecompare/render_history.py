"""Rich renderables for quiz history: past results and how each role's share moved."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rolecompare.history import Row, role_name, shares_text
from rolecompare.models import Dataset

SPARKS = "▁▂▃▄▅▆▇█"
WIDE = 90


def spark(values: Sequence[float | None]) -> str:
    """One block per result, its height the share; a gap where the result had no such role."""
    return "".join(
        " " if v is None else SPARKS[min(int(v / 100 * len(SPARKS)), len(SPARKS) - 1)]
        for v in values
    )


def history_view(data: Dataset, rows: Sequence[Row], width: int) -> Group:
    """``rows`` newest first: a table when there is room, else two lines per result."""
    role_ids = list(dict.fromkeys([*data.roles, *(r for row in rows for r in row.record.scores)]))
    parts: list[RenderableType] = [Text("Quiz history (newest first)", style="bold")]
    if width >= WIDE:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("When", no_wrap=True)
        for role_id in role_ids:
            table.add_column(Text(role_name(data, role_id)), justify="right")
        table.add_column("Result")
        table.add_column("Change", no_wrap=True)
        for row in rows:
            table.add_row(
                Text(row.when + (" *" if row.other_bank else "")),
                *(
                    Text(f"{row.record.scores[r]:.0f}%" if r in row.record.scores else "-")
                    for r in role_ids
                ),
                Text(row.outcome),
                Text(row.change),
            )
        parts.append(table)
    else:
        for row in rows:
            first = Text(row.when + (" *" if row.other_bank else ""), style="bold")
            first.append(f"  {row.outcome}")
            second = Text(f"  {shares_text(data, row.record)}")
            if row.change:
                second.append(f" ({row.change})", style="dim")
            parts += [first, second]
        parts.append(Text())
    if any(row.other_bank for row in rows):
        parts.append(
            Text(
                f"* taken with another question bank (now version {data.quiz.version}); compare with care",
                style="dim",
            )
        )
    label = min(max(len(role_name(data, r)) for r in role_ids), max(width // 3, 8))
    room = max(width - label - 14, 4)  # label, space, "  100% → 100%"
    oldest_first = list(reversed(rows))[-room:]
    shown = "" if len(oldest_first) == len(rows) else f" (last {len(oldest_first)})"
    parts.append(Text(f"Share over time, oldest to newest{shown}", style="bold"))
    for role_id in role_ids:
        values = [row.record.scores.get(role_id) for row in oldest_first]
        known = [v for v in values if v is not None]
        if not known:
            continue
        line = Text(f"{role_name(data, role_id)[:label]:<{label}} ")
        line.append(spark(values), style="cyan")
        line.append(f"  {known[0]:.0f}% → {known[-1]:.0f}%")
        parts.append(line)
    return Group(*parts)
