"""``rolecompare quiz --answers-file``: a group's answers scored at once, one row per respondent.

A coach's workshop may bring a thousand respondents: the table is laid out by hand, and the JSON
is one result per line (JSON Lines). rich is imported only by the terminal view.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from rolecompare.core import group, history
from rolecompare.core.errors import DATA_ERROR
from rolecompare.core.quiz import BOTH, MEANINGS, NEITHER, NO_SIGNAL, TOO_CLOSE, QuizDocuments
from rolecompare.core.text import plural, tenths
from rolecompare.core.untrusted import inert
from rolecompare.ui.deliver import deliver, note
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from pathlib import Path

    from rich.console import RenderableType

    from rolecompare.core.group import Respondent
    from rolecompare.core.models import Dataset
    from rolecompare.core.quiz import Result
    from rolecompare.core.quiz_lines import QuizLines


def run(data: Dataset, source: str, fmt: str, *, record: bool, export: Path | None = None) -> int:
    """Score every respondent in ``source``; bad lines are reported and the rest still scored.
    With ``record``, the results are recorded together, all or none, after they are shown.

    JSON Lines and CSV are printed as each respondent is scored, holding nothing for the lines
    already done (CSV's rows for the lines not scored come last); a table, report or export
    needs the whole group. The exit status: 1 when any line could not be scored, after the
    others were shown.
    """
    with group.without_cycle_collection():
        return _run(data, source, fmt, record=record, export=export)


def _run(data: Dataset, source: str, fmt: str, *, record: bool, export: Path | None) -> int:
    from rolecompare.ui import output

    lines = group.Normalised(group.read_lines(source, sys.stdin))
    taken_at = history.now(output.warn)
    scoring = group.Scoring(data, lines)
    batch = history.Batch() if record else None
    shown = scoring if batch is None else _recorded(data, scoring, batch, taken_at)
    names = group.Names()
    if batch is None and export is None:  # nothing but what is printed: scored in parts
        parts = _in_parts(data, lines, fmt, taken_at, scoring, names)
        if fmt in STREAMED:
            texts = (part.text for part in parts)
            screen = GroupScreen(data, (), taken_at, scoring.problems, scoring.names, texts=texts)
            deliver(screen, fmt)
        else:
            tabled = Tabled([], {}, {}, {})
            for part in parts:
                tabled.add(part.tabled or Tabled([], {}, {}, {}))
            if tabled.rows:  # with none, an empty table would only hide the errors below
                screen = GroupScreen(
                    data, (), taken_at, scoring.problems, scoring.names, tabled=tabled
                )
                deliver(screen, fmt)
    elif fmt in STREAMED and export is None:
        given: list[tuple[int, str | None]] = []
        screen = GroupScreen(data, _noting(shown, given), taken_at, scoring.problems, scoring.names)
        deliver(screen, fmt)
        names.add(given)
    else:
        held = list(shown)
        names.add((r.line, r.name) for r in held)
        if held:
            screen = GroupScreen(data, held, taken_at, scoring.problems, scoring.names)
            deliver(screen, fmt, export)
        elif export is not None:
            note(f"Nothing was exported to {export}: no line could be scored")
    for message in lines.notes:
        note(f"Note: {message}")
    for message in names.duplicates():
        note(f"Warning: {message}")
    if batch is not None:
        batch.append()
        note(f"Recorded {plural(batch.count, 'result')} in the history")
    for problem in scoring.problems:
        note(f"Error: {named(problem, scoring.names)}")
    if scoring.bad_lines:
        count = scoring.respondents
        note(
            f"{plural(scoring.bad_lines, 'line')} could not be scored; "
            f"{plural(count, 'respondent')} {'was' if count == 1 else 'were'} scored"
        )
    return DATA_ERROR if scoring.problems else 0


STREAMED = ("json", "csv")
"""The formats written a respondent at a time."""
PART_LINES = 1_000
"""Lines scored as one part of a large file: a part's text is about 3.5 MB as JSON Lines, and
the last part, which one worker finishes alone, is short."""
MOST_WORKERS = 4


@dataclass(frozen=True)
class Part:
    """A part of a file scored, as what it prints (its JSON Lines or CSV rows as ``text``, or
    its table rows as ``tabled``), with the names on its lines and its
    :class:`~rolecompare.core.group.Tally`: all a worker process hands back."""

    text: str
    tabled: Tabled | None
    names: list[tuple[int, str | None]]
    tally: group.Tally


def json_lines(encoder: QuizLines, respondents: Iterable[Respondent]) -> Iterator[str]:
    for r in respondents:
        yield encoder.text(r.result, r.name, r.line) + "\n"


def _in_parts(
    data: Dataset,
    lines: Iterable[str],
    fmt: str,
    taken_at: dt.datetime,
    scoring: group.Scoring,
    names: group.Names,
) -> Iterator[Part]:
    """A file's respondents, scored :data:`PART_LINES` lines at a time and, when the file has
    more than one part and the machine more than one core, by as many processes as it has
    cores (at most :data:`MOST_WORKERS`): the parts come back in order, so the output is the
    same either way. Each part's names and tally are added to ``names`` and ``scoring`` as it
    comes; ``scoring`` is finished after the last."""
    from rolecompare.core import parallel
    from rolecompare.core.quiz import Scorer
    from rolecompare.core.quiz_lines import QuizLines

    # Made before the workers start: each fills its own copy of what these two remember.
    scorer, encoder = Scorer(data), QuizLines(data, taken_at)

    def score(task: tuple[int, list[str]]) -> Part:
        first, chunk = task
        part = group.Scoring(data, chunk, first, scorer)
        given: list[tuple[int, str | None]] = []
        respondents = _noting(part.part(), given)
        if fmt in STREAMED:
            rows = (
                json_lines(encoder, respondents)
                if fmt == "json"
                else GroupScreen(data, respondents, taken_at).csv_rows()
            )
            return Part("".join(rows), None, given, part.tally())
        return Part("", Tabled.of(data, respondents), given, part.tally())

    read = iter(lines)
    chunks: Iterator[list[str]] = iter(lambda: list(islice(read, PART_LINES)), [])
    workers = min(parallel.usable_cores(), MOST_WORKERS)
    if workers > 1:  # worth forking only for a file of more than one part
        opening = list(islice(chunks, 2))
        workers = workers if len(opening) > 1 else 1
        chunks = chain(opening, chunks)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        first = 1
        for chunk in chunks:
            yield first, chunk
            first += len(chunk)

    for part in parallel.ordered(score, numbered(), workers):
        names.add(part.names)
        scoring.add(part.tally)
        yield part
    scoring.finish()


def _noting(
    respondents: Iterable[Respondent], names: list[tuple[int, str | None]]
) -> Iterator[Respondent]:
    """``respondents`` as they come, each line and name kept in ``names`` for the duplicate-name
    check after the stream (the results themselves are not kept)."""
    for respondent in respondents:
        names.append((respondent.line, respondent.name))
        yield respondent


def _recorded(
    data: Dataset, respondents: Iterable[Respondent], batch: history.Batch, taken_at: dt.datetime
) -> Iterator[Respondent]:
    """``respondents``, each added to ``batch`` as it passes, with the respondent's name (""
    without one) so that the history never compares two people."""
    from dataclasses import replace

    documents = QuizDocuments(data, taken_at)
    for respondent in respondents:
        record = history.record_of(documents.of(respondent.result))
        batch.add(replace(record, name=respondent.name or ""))
        yield respondent


_LINE = re.compile(r"line (\d+): (.*)", re.DOTALL)
_HINT = re.compile(r" \(see: rolecompare [^()]*\)$")
"""A command hint ending an error, for the terminal; a report is read away from it."""


@dataclass(frozen=True)
class Rejected:
    """A line that could not be scored, and why; ``line`` is None for a problem of the file, and
    ``name`` the name on the line, where it has one, so a coach knows whose answers to ask for."""

    line: int | None
    reason: str
    name: str | None = None


def named(problem: str, names: Mapping[int, str]) -> str:
    """``line 5: ...`` as ``line 5 (Eve): ...`` when the line had a name: whose answers to ask
    for again, on stderr as in the reports."""
    match = _LINE.match(problem)
    name = names.get(int(match[1])) if match else None
    return f"line {match[1]} ({name}): {match[2]}" if match and name else problem


def rejected_lines(problems: Sequence[str], names: Mapping[int, str]) -> list[Rejected]:
    """The reader's problems as line numbers and reasons, so a report can list them in a table;
    the reasons quote the file, so they are made inert here, once for every format, and lose
    any command hint (stderr keeps it): the report is a document, handed on and read later."""
    found = []
    for problem in problems:
        said = _HINT.sub("", problem)
        match = _LINE.match(said)
        if match:
            line = int(match[1])
            found.append(Rejected(line, inert(match[2]), names.get(line)))
        else:
            found.append(Rejected(None, inert(said)))
    return found


@dataclass(frozen=True)
class Summary:
    """What a handout says about the group as a whole, beside the table of respondents."""

    counts: dict[str, int]
    """Respondents per verdict cell (a role's name or the verdict word), most frequent first."""
    means: dict[str, float]
    """Each role's mean interest over the respondents it was measured for."""
    warnings: dict[str, str]
    """Each warning code seen, with the sentence that explains it."""


@dataclass(frozen=True)
class Tabled:
    """A group as its table shows it: a row of cells per respondent and what the summary adds
    up, without the results themselves. A part of a file scored by another process comes back
    as one, and :meth:`add` puts the parts together in order."""

    rows: list[list[str]]
    verdicts: dict[str, int]
    """Respondents per verdict cell, in the order the cells first appear."""
    means: dict[str, list[float]]
    """Per role, the mean interest of every respondent it was measured for."""
    warnings: dict[str, str]

    @classmethod
    def of(cls, data: Dataset, respondents: Iterable[Respondent]) -> Tabled:
        held = list(respondents)
        verdicts: dict[str, int] = {}
        for r in held:
            cell = group_verdict(data, r.result)
            verdicts[cell] = verdicts.get(cell, 0) + 1
        means = {
            role_id: [r.result.interest[role_id].mean for r in held if role_id in r.result.interest]
            for role_id in data.roles
        }
        warnings: dict[str, str] = {}
        for r in held:
            for w in r.result.warnings:
                warnings.setdefault(w.code, MEANINGS.get(w.code, w.message))
        return cls(group_cells(data, held), verdicts, means, warnings)

    def add(self, other: Tabled) -> None:
        self.rows.extend(other.rows)
        for cell, count in other.verdicts.items():
            self.verdicts[cell] = self.verdicts.get(cell, 0) + count
        for role_id, values in other.means.items():
            self.means.setdefault(role_id, []).extend(values)
        for code, message in other.warnings.items():
            self.warnings.setdefault(code, message)

    def summary(self) -> Summary:
        """The counts most frequent first (ties as first seen); each mean summed exactly, so it
        is the same however the group was split."""
        from collections import Counter
        from math import fsum

        means = {role_id: fsum(v) / len(v) for role_id, v in self.means.items() if v}
        return Summary(dict(Counter(self.verdicts).most_common()), means, dict(self.warnings))


def verdict_legend() -> list[tuple[str, str]]:
    """What each verdict cell means, in the words of the single result."""
    return [
        (
            "a role's name",
            "a clear preference for that role: the difference is beyond the margin of error",
        ),
        (BOTH, "drawn to more than one role, none clearly more than the others"),
        (NEITHER, "no role draws the respondent: the highest interest is at or below Neutral (3)"),
        (TOO_CLOSE, "the difference between the top roles is too small to pick one"),
        (
            NO_SIGNAL,
            "the answers were almost all the same, or as scattered as random answers, so there "
            "is no recommendation",
        ),
    ]


class GroupScreen(Screen):
    """The scored respondents as a report: a table, what the group shows as a whole, the lines
    rejected and why, and what the verdicts mean; JSON Lines for ``--format json``."""

    title = "rolecompare quiz --answers-file"
    page = False

    def __init__(
        self,
        data: Dataset,
        respondents: Iterable[Respondent],
        taken_at: dt.datetime,
        problems: Sequence[str] = (),
        names: Mapping[int, str] | None = None,
        *,
        texts: Iterable[str] | None = None,
        tabled: Tabled | None = None,
    ) -> None:
        """``respondents`` may be an iterator when only JSON Lines or CSV are asked for: they
        are then written as they come (:meth:`json_chunks`, :meth:`csv_chunks`) and never held.
        ``problems``, and ``names`` (the names on those lines, by number), may fill as they are
        read: only CSV reads them, after the last of them."""
        self.data, self.taken_at = data, taken_at
        self._given, self._problems = respondents, problems
        self._names = names if names is not None else {}
        self._texts = texts
        """The respondents' JSON Lines or CSV rows, made already (by :func:`_in_parts`)."""
        self._tabled = tabled

    @cached_property
    def respondents(self) -> Sequence[Respondent]:
        return tuple(self._given)

    @cached_property
    def rejected(self) -> list[Rejected]:
        return rejected_lines(self._problems, self._names)

    @cached_property
    def tabled(self) -> Tabled:
        return self._tabled or Tabled.of(self.data, self.respondents)

    @cached_property
    def summary(self) -> Summary:
        return self.tabled.summary()

    def view(self, width: int) -> RenderableType:
        return group_view(self, width)

    def markdown(self) -> str:
        return group_markdown(self)

    def results(self) -> list[dict[str, Any]]:
        """Each respondent's result, with their name and line number."""
        documents = QuizDocuments(self.data, self.taken_at)
        return [
            {"name": r.name, "line": r.line, **documents.of(r.result)} for r in self.respondents
        ]

    def document(self) -> Any:
        """The whole report (``.json`` export): the summary, every result and the rejected lines."""
        return {
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "bank_version": self.data.quiz.version,
            "respondents": len(self.respondents),
            "verdicts": self.summary.counts,
            "mean_interest": {r: round(m, 2) for r, m in self.summary.means.items()},
            "warnings": self.summary.warnings,
            "results": self.results(),
            "rejected": [
                {"line": r.line, "name": r.name, "error": r.reason} for r in self.rejected
            ],
            "disclaimer": self.data.quiz.disclaimer,
        }

    def json_chunks(self) -> Iterator[str]:
        """One JSON result per line, each made as its respondent is scored, so a script can
        read a large group a line at a time and nothing is held for the lines already done."""
        if self._texts is not None:
            yield from self._texts
            return
        from rolecompare.core.quiz_lines import QuizLines

        yield from json_lines(QuizLines(self.data, self.taken_at), self._given)

    def csv(self) -> str:
        return "".join(self.csv_chunks())

    def csv_chunks(self) -> Iterator[str]:
        """One flat row per respondent, each made as its respondent is scored, then a row per
        line not scored, marked with its error: a coach's spreadsheet holds everyone the file
        named, and a large group streams as JSON Lines do."""
        from rolecompare.ui.spreadsheet import csv_lines

        header = self._csv_header()
        yield from csv_lines(header, ())
        yield from self._texts if self._texts is not None else self.csv_rows()
        blank = [None] * (len(header) - 2)
        rejected = (  # known once every line has been read
            [r.line, r.name, *blank[1:], r.reason] for r in self.rejected
        )
        yield from islice(csv_lines(header, rejected), 1, None)

    def _csv_header(self) -> list[str]:
        means = [f"{r}_{kind}" for r in self.data.roles for kind in ("mean", "level")]
        return [
            *("line", "name", "verdict", "recommendation"),
            *means,
            *("difference", "margin_of_error", "retake_agreement", "warnings", "error"),
        ]

    def csv_rows(self) -> Iterator[str]:
        """The respondents' CSV rows, without the header or the lines not scored."""
        from rolecompare.ui.spreadsheet import Cell, csv_lines

        role_ids = list(self.data.roles)

        def rows() -> Iterator[list[Cell]]:
            for r in self._given:
                result = r.result
                yield (
                    [r.line, r.name, result.verdict, result.recommendation]
                    + [
                        value
                        for role_id in role_ids
                        for value in (
                            (
                                round(result.interest[role_id].mean, 2),
                                result.interest[role_id].level,
                            )
                            if role_id in result.interest
                            else (None, None)
                        )
                    ]
                    + [round(result.difference, 2), round(result.margin_of_error, 2)]
                    + [round(result.retake_agreement, 2)]
                    + [" ".join(w.code for w in result.warnings), None]
                )

        return islice(csv_lines(self._csv_header(), rows()), 1, None)

    def dated(self) -> str:
        return f"Scored {self.taken_at:%Y-%m-%d %H:%M} with quiz bank version {self.data.quiz.version}."

    def overview(self) -> list[str]:
        """The group as a whole, one sentence each: verdict counts and mean interest per role."""
        counts = ", ".join(f"{verdict} {count}" for verdict, count in self.summary.counts.items())
        means = ", ".join(
            f"{self.data.roles[r].name} {tenths(m)}" for r, m in self.summary.means.items()
        )
        return [f"Verdicts: {counts}.", f"Mean interest (1-5): {means}."]

    def legend(self) -> list[str]:
        lines = [f"{cell}: {meaning}" for cell, meaning in verdict_legend()]
        return lines + [f"{code}: {message}" for code, message in self.summary.warnings.items()]

    def rejected_text(self) -> list[str]:
        return [
            r.reason
            if r.line is None
            else f"line {r.line} ({r.name}): {r.reason}"
            if r.name
            else f"line {r.line}: {r.reason}"
            for r in self.rejected
        ]


def group_view(screen: GroupScreen, width: int) -> RenderableType:
    """One row per respondent: verdict and every role's interest; warnings by their code; then
    the group as a whole, the rejected lines, the legend and the disclaimer.

    The table is laid out by hand as padded text rather than as a rich Table: a workshop's
    thousand rows then take milliseconds instead of seconds to draw.
    """
    from rich.cells import cell_len
    from rich.console import Group
    from rich.text import Text

    from rolecompare.ui.charts import LaidOut
    from rolecompare.ui.draw import bullets, heading

    data, rows = screen.data, screen.tabled.rows
    header = group_header(data)
    widths = [max(cell_len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {0, *range(3, 3 + len(data.roles))}

    def line(cells: Sequence[str]) -> str:
        padded = [
            " " * (w - cell_len(c)) + c if i in right else c + " " * (w - cell_len(c))
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    body = LaidOut([(text, cell_len(text)) for text in map(line, rows)])
    parts: list[RenderableType] = [
        Text(f"Quiz results: {plural(len(rows), 'respondent')}", style="bold"),
        Text(line(header), style="bold", overflow="fold"),
        Text("─" * min(sum(widths) + 2 * (len(widths) - 1), width), style="dim"),
        body,
        Text(),
        *(Text(sentence) for sentence in screen.overview()),
    ]
    if screen.rejected:
        parts += [heading("Lines not scored"), bullets(screen.rejected_text())]
    parts += [heading("Legend"), bullets(screen.legend()), Text()]
    parts += [Text(screen.dated(), style="dim"), Text(data.quiz.disclaimer, style="dim")]
    return Group(*parts)


def group_markdown(screen: GroupScreen) -> str:
    from rolecompare.ui.markdown import bullet_list, md, table

    header, rows = group_header(screen.data), screen.tabled.rows
    lines = [f"# Quiz results: {plural(len(rows), 'respondent')}", ""]
    lines += table([md(cell) for cell in header], ([md(cell) for cell in row] for row in rows))
    lines += [*(md(sentence) + "  " for sentence in screen.overview()), ""]
    if screen.rejected:
        lines += ["## Lines not scored", "", *bullet_list(screen.rejected_text()), ""]
    lines += ["## Legend", "", *bullet_list(screen.legend()), ""]
    lines += [md(screen.dated()), "", f"_{md(screen.data.quiz.disclaimer)}_"]
    return "\n".join(lines) + "\n"


def group_verdict(data: Dataset, result: Result) -> str:
    """The verdict in a table cell: the role's name, or the verdict word."""
    return data.roles[result.verdict].name if result.recommendation else result.verdict


def group_header(data: Dataset) -> list[str]:
    return ["Line", "Name", "Verdict", *(role.name for role in data.roles.values()), "Warnings"]


def group_cells(data: Dataset, respondents: Iterable[Respondent]) -> list[list[str]]:
    """One row per respondent of a group's results, as plain text cells: verdict, every role's
    interest and the warnings by their code."""
    role_ids = list(data.roles)
    return [
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
