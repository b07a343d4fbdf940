"""``rolecompare quiz --answers-file``: a group's answers scored at once, one row per respondent.

A coach's workshop may bring a thousand respondents: the table is laid out by hand, and the JSON
is one result per line (JSON Lines). rich is imported only by the terminal view.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from rolecompare.core import group, history
from rolecompare.core.errors import DATA_ERROR
from rolecompare.core.quiz import QuizDocuments
from rolecompare.core.text import plural, tenths
from rolecompare.ui.deliver import deliver, note
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Sequence

    from rich.console import RenderableType

    from rolecompare.core.group import Respondent
    from rolecompare.core.models import Dataset
    from rolecompare.core.quiz import Result


def run(data: Dataset, source: str, fmt: str, *, record: bool) -> int:
    """Score every respondent in ``source``; bad lines are reported and the rest still scored.
    With ``record``, the results are recorded together, all or none, after they are shown.

    The exit status: 1 when any line could not be scored, after the others were shown.
    """
    from rolecompare.ui import output

    scoring = group.Scoring(data, group.read_lines(source, sys.stdin))
    taken_at = history.now(output.warn)
    batch = history.Batch() if record else None
    shown = scoring if batch is None else _recorded(data, scoring, batch, taken_at)
    if fmt == "json":  # JSON Lines go out as each respondent is scored: a flood holds nothing
        deliver(GroupScreen(data, shown, taken_at), fmt)
    else:
        held = tuple(shown)
        if held:  # with none, an empty table would only hide the errors below
            deliver(GroupScreen(data, held, taken_at), fmt)
    if batch is not None:
        batch.append()
        note(f"Recorded {plural(batch.count, 'result')} in the history")
    for problem in scoring.problems:
        note(f"Error: {problem}")
    if scoring.bad_lines:
        count = scoring.respondents
        note(
            f"{plural(scoring.bad_lines, 'line')} could not be scored; "
            f"{plural(count, 'respondent')} {'was' if count == 1 else 'were'} scored"
        )
    return DATA_ERROR if scoring.problems else 0


def _recorded(
    data: Dataset, respondents: Iterable[Respondent], batch: history.Batch, taken_at: dt.datetime
) -> Iterator[Respondent]:
    """``respondents``, each added to ``batch`` as it passes."""
    documents = QuizDocuments(data, taken_at)
    for respondent in respondents:
        batch.add(history.record_of(documents.of(respondent.result)))
        yield respondent


class GroupScreen(Screen):
    """The scored respondents as a table, Markdown or JSON Lines.

    ``respondents`` is a sequence for the table and the report, which need them all; for JSON
    Lines it may be an iterator, consumed once as the lines are written.
    """

    page = False

    def __init__(
        self, data: Dataset, respondents: Iterable[Respondent], taken_at: dt.datetime
    ) -> None:
        self.data, self.respondents, self.taken_at = data, respondents, taken_at

    def _all(self) -> Sequence[Respondent]:
        return tuple(self.respondents)

    def view(self, width: int) -> RenderableType:
        return group_view(self.data, self._all(), width)

    def markdown(self) -> str:
        return group_markdown(self.data, self._all())

    def document(self) -> Any:
        """Each respondent's result, with their name and line number."""
        documents = QuizDocuments(self.data, self.taken_at)
        return [
            {"name": r.name, "line": r.line, **documents.of(r.result)} for r in self.respondents
        ]

    def json_chunks(self) -> Iterator[str]:
        """One JSON result per line, each made as its respondent is scored, so a script can
        read a large group a line at a time and nothing is held for the lines already done."""
        import json

        documents = QuizDocuments(self.data, self.taken_at)
        encode = json.JSONEncoder(ensure_ascii=False).encode
        for r in self.respondents:
            yield encode({"name": r.name, "line": r.line, **documents.of(r.result)}) + "\n"


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
