"""Rich renderables for quiz history: past results and how each role's share moved."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rolecompare.history import Record
from rolecompare.models import Dataset

SPARKS = "▁▂▃▄▅▆▇█"


def when(record: Record) -> str:
    return f"{record.time.day} {record.time:%B %Y, %H:%M}"


def shares_text(data: Dataset, record: Record) -> str:
    return ", ".join(f"{_name(data, r)} {v:.0f}%" for r, v in record.scores.items())


def _name(data: Dataset, role_id: str) -> str:
    return data.roles[role_id].name if role_id in data.roles else role_id


def outcome(data: Dataset, record: Record) -> str:
    if record.recommendation is None:
        return "too close to call"
    return f"{record.band}: {_name(data, record.recommendation)}"


def previous_line(data: Dataset, record: Record) -> str:
    """The quiz result's reminder of the attempt before it."""
    older = "" if record.bank_version == data.quiz.version else " (an older question bank)"
    return f"Last time, {record.time.day} {record.time:%B %Y}: {shares_text(data, record)}; {outcome(data, record)}{older}."


def spark(values: Sequence[float]) -> str:
    return "".join(SPARKS[min(int(v / 100 * len(SPARKS)), len(SPARKS) - 1)] for v in values)


def history_view(data: Dataset, records: Sequence[Record]) -> Group:
    """``records`` oldest first; the table lists them newest first."""
    table = Table(
        box=box.SIMPLE_HEAD,
        title=Text("Quiz history (newest first)", style="bold"),
        title_justify="left",
    )
    table.add_column("When", no_wrap=True)
    role_ids = list(dict.fromkeys([*data.roles, *(r for rec in records for r in rec.scores)]))
    for role_id in role_ids:
        table.add_column(Text(_name(data, role_id)), justify="right")
    table.add_column("Result")
    table.add_column("Change")
    for index in range(len(records) - 1, -1, -1):
        record = records[index]
        change = _change(data, records[index - 1], record) if index else ""
        marker = "" if record.bank_version == data.quiz.version else " *"
        table.add_row(
            Text(when(record) + marker),
            *(Text(f"{record.scores[r]:.0f}%" if r in record.scores else "-") for r in role_ids),
            Text(outcome(data, record)),
            Text(change),
        )
    parts: list[RenderableType] = [table]
    if any(r.bank_version != data.quiz.version for r in records):
        parts.append(
            Text(
                f"* taken with an older question bank (now version {data.quiz.version}); compare with care",
                style="dim",
            )
        )
    parts.append(Text("Share over time, oldest to newest", style="bold"))
    for role_id in role_ids:
        values = [rec.scores.get(role_id, 0.0) for rec in records]
        line = Text(f"{_name(data, role_id):<16} ")
        line.append(spark(values), style="cyan")
        line.append(f"  {values[0]:.0f}% → {values[-1]:.0f}%")
        parts.append(line)
    return Group(*parts)


def _change(data: Dataset, before: Record, after: Record) -> str:
    top = after.recommendation or max(after.scores, key=lambda r: after.scores[r])
    delta = after.scores.get(top, 0.0) - before.scores.get(top, 0.0)
    return f"{_name(data, top)} {delta:+.0f}"
