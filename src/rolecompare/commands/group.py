"""``rolecompare quiz --answers-file``: a group's answers scored at once, one row per respondent.

A coach's workshop may bring a thousand respondents: the table is laid out by hand, and the JSON
is one result per line (JSON Lines). rich is imported only by the terminal view.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from rolecompare.core import group, history
from rolecompare.core.errors import DATA_ERROR
from rolecompare.core.quiz import data_mark, quiz_json
from rolecompare.core.text import plural, tenths
from rolecompare.ui.deliver import Screen, deliver, note

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from rich.console import RenderableType

    from rolecompare.core.group import Respondent
    from rolecompare.core.models import Dataset
    from rolecompare.core.quiz import Result


def run(data: Dataset, source: str, fmt: str, *, record: bool) -> int:
    """Score every respondent in ``source``; bad lines are reported and the rest still scored.

    The exit status: 1 when any line could not be scored, after the others were shown.
    """
    scored = group.score_lines(data, group.read_lines(source, sys.stdin))
    taken_at = history.now()
    if scored.respondents:  # with none, an empty table would only hide the errors below
        deliver(GroupScreen(data, scored.respondents, taken_at), fmt)
    if record:
        for respondent in scored.respondents:
            history.append(history.record_of(quiz_json(data, respondent.result, taken_at)))
        note(f"Recorded {plural(len(scored.respondents), 'result')} in the history")
    for problem in scored.problems:
        note(f"Error: {problem}")
    if scored.bad_lines:
        count = len(scored.respondents)
        note(
            f"{plural(scored.bad_lines, 'line')} could not be scored; "
            f"{plural(count, 'respondent')} {'was' if count == 1 else 'were'} scored"
        )
    return DATA_ERROR if scored.problems else 0


class GroupScreen(Screen):
    """The scored respondents as a table, Markdown or JSON Lines."""

    page = False

    def __init__(
        self, data: Dataset, respondents: Sequence[Respondent], taken_at: dt.datetime
    ) -> None:
        self.data, self.respondents, self.taken_at = data, respondents, taken_at

    def view(self, width: int) -> RenderableType:
        return group_view(self.data, self.respondents, width)

    def markdown(self) -> str:
        return group_markdown(self.data, self.respondents)

    def document(self) -> Any:
        """Each respondent's result, with their name and line number."""
        mark = data_mark(self.data)
        return [
            {"name": r.name, "line": r.line, **quiz_json(self.data, r.result, self.taken_at, mark)}
            for r in self.respondents
        ]

    def json_text(self) -> str:
        """One JSON result per line: a script can read a large group a line at a time."""
        import json

        return "".join(json.dumps(result, ensure_ascii=False) + "\n" for result in self.document())


def group_view(data: Dataset, respondents: Sequence[Respondent], width: int) -> RenderableType:
    """One row per respondent: verdict and every role's interest; warnings by their code.

    Laid out by hand as padded text rather than as a rich Table: a workshop's thousand rows
    then take milliseconds instead of seconds to draw.
    """
    from rich.cells import cell_len
    from rich.console import Group
    from rich.text import Text

    header, rows = group_cells(data, respondents)
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {0, *range(3, 3 + len(data.roles))}

    def line(cells: Sequence[str]) -> str:
        padded = [
            " " * (w - cell_len(c)) + c if i in right else c + " " * (w - cell_len(c))
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    body = Text("\n".join(line(row) for row in rows), overflow="fold")
    return Group(
        Text(f"Quiz results: {plural(len(respondents), 'respondent')}", style="bold"),
        Text(line(header), style="bold", overflow="fold"),
        Text("─" * min(sum(widths) + 2 * (len(widths) - 1), width), style="dim"),
        body,
    )


def group_markdown(data: Dataset, respondents: Sequence[Respondent]) -> str:
    from rolecompare.ui.markdown import md, table

    header, rows = group_cells(data, respondents)
    lines = [f"# Quiz results: {plural(len(respondents), 'respondent')}", ""]
    lines += table([md(cell) for cell in header], ([md(cell) for cell in row] for row in rows))
    return "\n".join(lines)


def group_verdict(data: Dataset, result: Result) -> str:
    """The verdict in a table cell: the role's name, or the verdict word."""
    return data.roles[result.verdict].name if result.recommendation else result.verdict


def group_cells(
    data: Dataset, respondents: Sequence[Respondent]
) -> tuple[list[str], list[list[str]]]:
    """The header and one row per respondent of a group's results, as plain text cells:
    verdict, every role's interest and the warnings by their code."""
    role_ids = list(data.roles)
    header = ["Line", "Name", "Verdict", *(data.roles[r].name for r in role_ids), "Warnings"]
    rows = [
        [
            str(r.line),
            r.name or "",
            group_verdict(data, r.result),
            *(
                f"{tenths(r.result.interest[role_id].mean)} {r.result.interest[role_id].level}"
                if role_id in r.result.interest
                else "-"
                for role_id in role_ids
            ),
            ", ".join(w.code for w in r.result.warnings),
        ]
        for r in respondents
    ]
    return header, rows
