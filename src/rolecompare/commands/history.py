"""``rolecompare history``: past quiz results, newest first, and how each role's interest moved.

Each result is compared only with the last one taken with the same data file and question bank;
results from another bank or data file are marked, never compared. rich is imported only by the
terminal view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rolecompare.core import history, loader
from rolecompare.core.errors import UsageError
from rolecompare.core.history import figure, figures_text, outcome, role_name
from rolecompare.core.quiz import data_mark
from rolecompare.core.text import plural, tenths
from rolecompare.ui import output
from rolecompare.ui.deliver import deliver, note
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from rich.console import Group, RenderableType

    from rolecompare.core.history import Record
    from rolecompare.core.models import Dataset


def run(
    data_option: str | None,
    fmt: str,
    *,
    limit: int | None,
    export: Path | None,
    result: int | None = None,
    clear: bool,
    yes: bool,
    confirm: Callable[[Path], bool],
) -> None:
    """Show the history, or with ``clear`` delete it once ``confirm`` agrees (``yes``: unasked)."""
    if yes and not clear:
        raise UsageError("--yes only goes with --clear: rolecompare history --clear --yes")
    if result is not None and export is None:
        raise UsageError("--result chooses the result --export writes; add --export FILE")
    if clear:
        _clear(None if yes else confirm)
        return
    data = loader.load_chosen(data_option)[0]
    loaded = history.load()
    for warning in loaded.warnings:
        output.warn(warning)
    mark = data_mark(data)
    rows = describe(data, loaded.records, mark, limit)
    if not rows and export is not None:
        raise UsageError("there is no history to export yet; take the quiz first")
    if not rows and fmt in ("table", "text"):
        note("No quiz results yet; take the quiz with: rolecompare quiz")
        return
    screen = HistoryScreen(data, rows, mark, loaded.warnings)
    if export is not None and rows:
        try:
            screen.chosen = _result_screen(data, loaded.records, mark, result or 1)
        except UsageError as exc:
            if result is not None:
                raise
            # Not asked for one result: the history's table is still worth exporting.
            note(f"Note: {exc.message}; the history table is exported instead")
    deliver(screen, fmt, export)


def _result_screen(data: Dataset, records: Sequence[Record], mark: str, number: int) -> Screen:
    """The full report of the ``number``-th newest result, as the quiz showed it, for --export.

    The record keeps the answers, so the result is scored again with today's bank: only for a
    result taken with this bank and data file, which scores it exactly as it was scored then.
    """
    from rolecompare.commands.quiz import ResultScreen
    from rolecompare.core import quiz as engine

    if number > len(records):
        raise UsageError(
            f"--result {number}: there are only {plural(len(records), 'result')} in the history"
        )
    record = records[-number]
    if (
        record.interest is None
        or record.bank_version != data.quiz.version
        or (record.data_mark is not None and record.data_mark != mark)
    ):
        raise UsageError(
            f"--result {number} was taken with another question bank or data file, so it "
            "cannot be reported in full; choose another with --result N (1 is the latest)"
        )
    scored = engine.score(data, record.answers)
    saved = engine.quiz_json(data, scored, record.time, mark)
    return ResultScreen(
        data, scored, saved, None, recorded=True, details=True, data_option="", hints=False
    )


def confirm_clear(path: Path, *, terminal: bool) -> bool:
    """Whether the person agrees to delete the history at ``path``; a script that is not asked
    (no ``terminal`` to ask at) must say so with --yes."""
    import typer

    from rolecompare.core.untrusted import inert_line

    if not terminal:
        raise UsageError(
            "refusing to clear the history without confirmation; pass --yes to clear it"
        )
    return typer.confirm(
        f"Delete every quiz result in {inert_line(str(path))}?", default=False, err=True
    )


def _clear(confirm: Callable[[Path], bool] | None) -> None:
    path = history.history_path()
    if confirm is not None and not confirm(path):
        note("Nothing was deleted.")
        return
    count = history.clear(path)
    if count is None:
        note(
            f"Cleared the history {path} (it could not be read: how many results it held is unknown)"
        )
    else:
        note(f"Cleared {plural(count, 'result')} from {path}")


class HistoryScreen(Screen):
    title = "rolecompare history"

    def __init__(
        self, data: Dataset, rows: Sequence[Row], mark: str, warnings: Sequence[str]
    ) -> None:
        self.data, self.rows, self.mark, self.warnings = data, rows, mark, warnings
        self.chosen: Screen | None = None
        """The result ``--export`` writes in full (``--result N``)."""

    def view(self, width: int) -> RenderableType:
        return history_view(self.data, self.rows, width)

    def markdown(self) -> str:
        return history_markdown(self.data, self.rows)

    def exported(self) -> Screen:
        """One past result's full report, not a table of one row: what a mentor is sent."""
        return self.chosen or self

    def document(self) -> Any:
        return {
            "path": str(history.history_path()),
            "bank_version": self.data.quiz.version,
            "data_mark": self.mark,
            "results": [
                {
                    **row.record.to_json(),
                    "other_bank": row.other_bank,
                    "other_data_file": row.other_data,
                }
                for row in self.rows
            ],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Row:
    """One past result as every history screen shows it (table, Markdown)."""

    record: Record
    when: str
    outcome: str
    figures: dict[str, str]  # per role: "4.3 high" or, for bank version 1, "75%"
    change: str
    other_bank: bool
    other_data: bool


CHANGE_HEADING = "Change since last comparable"
OTHER_BANK, OTHER_DATA = "*", "†"
NO_CHANGE = "no change"


def marks(row: Row) -> str:
    """`` *`` for another question bank, `` †`` for another data file."""
    return (f" {OTHER_BANK}" if row.other_bank else "") + (
        f" {OTHER_DATA}" if row.other_data else ""
    )


def mark_notes(data: Dataset, rows: Sequence[Row]) -> list[str]:
    notes = []
    if any(row.other_bank for row in rows):
        notes.append(
            f"{OTHER_BANK} taken with another question bank (now version {data.quiz.version}); "
            "scored differently"
        )
    if any(row.other_data for row in rows):
        notes.append(
            f"{OTHER_DATA} taken with another data file; never compared with the other results"
        )
    return notes


def describe(
    data: Dataset, records: Sequence[Record], mark: str, limit: int | None = None
) -> list[Row]:
    """The newest ``limit`` records, newest first, each with its change since the last result
    taken with the same data file and bank (results are never compared across them)."""
    changes: list[str] = []
    last: dict[tuple[str | None, str, bool, str | None], Record] = {}
    for record in records:
        key = (record.data_mark, record.bank_version, record.interest is None, record.name)
        before = last.get(key) if record.name != "" else None  # no name: no one to compare with
        changes.append(change_text(data, before, record) if before else "")
        last[key] = record
    rows = []
    shown = records[-limit:] if limit else records
    offset = len(records) - len(shown)
    for index in range(len(shown) - 1, -1, -1):
        record = shown[index]
        rows.append(
            Row(
                record=record,
                when=f"{record.time.day} {record.time:%b %Y %H:%M}",
                outcome=outcome(data, record)
                if record.name is None
                else f"{record.name or 'unnamed respondent'}: {outcome(data, record)}",
                figures={r: figure(record, r) for r in record.roles},
                change=changes[offset + index],
                other_bank=record.bank_version != data.quiz.version,
                other_data=record.data_mark is not None and record.data_mark != mark,
            )
        )
    return rows


def _shown_value(record: Record, role_id: str) -> float:
    if record.interest is not None:
        return float(tenths(record.interest[role_id].mean))
    assert record.scores is not None
    return float(round(record.scores[role_id]))


def change_text(data: Dataset, before: Record, after: Record) -> str:
    """Per role, the change in the figure shown, or "no change"."""
    parts = []
    for role_id in after.roles:
        if role_id not in before.roles:
            continue
        delta = _shown_value(after, role_id) - _shown_value(before, role_id)
        if round(delta, 1):
            shown = f"{delta:+.1f}" if after.interest is not None else f"{delta:+.0f}"
            parts.append(f"{role_name(data, role_id)} {shown}")
    return ", ".join(parts) or NO_CHANGE


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
    """Results that can be drawn on one line: the person's own (never a group's respondents),
    today's bank and data file, bank version 2 on."""
    return [
        row
        for row in rows
        if row.record.name is None
        and row.record.interest is not None
        and row.record.data_mark is not None
        and not row.other_bank
        and not row.other_data
    ]


def history_view(data: Dataset, rows: Sequence[Row], width: int) -> Group:
    """``rows`` newest first: a table when there is room, else two lines per result."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

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
    from rich.text import Text

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


def history_markdown(data: Dataset, rows: Sequence[Row]) -> str:
    from rolecompare.ui.markdown import md, table

    role_ids = list(dict.fromkeys([*data.roles, *(r for row in rows for r in row.record.roles)]))
    body = [
        [
            row.when + md(marks(row)),
            md(row.outcome),
            *(md(row.figures.get(r, "-")) for r in role_ids),
            md(row.change),
        ]
        for row in rows
    ]
    lines = ["# Quiz history (newest first)", ""]
    lines += table(
        ["When", "Result", *(md(role_name(data, r)) for r in role_ids), CHANGE_HEADING], body
    )
    lines += [md(note) + "  " for note in mark_notes(data, rows)]
    return "\n".join(lines) + "\n"
