"""``rolecompare quiz``: the career-fit quiz, its statement bank (``--questions``) and its result.

The use case asks (or takes) the answers, scores them, records the result in the history and
shows it; the phrases of the result live here, so the terminal view and the Markdown report say
the same. rich is imported only by the terminal views and questionary only by the interactive
quiz, so a scripted quiz (``--answers ... --format json``) loads neither: a start-up budget.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

from rolecompare.core import loader
from rolecompare.core import quiz as engine
from rolecompare.core.errors import (
    DATA_ERROR,
    DataError,
    FileWriteError,
    InputEnded,
    RoleCompareError,
    UsageError,
)
from rolecompare.core.history import figures_text, outcome
from rolecompare.core.quiz import SCALE, data_mark, quiz_json
from rolecompare.core.rates import dated
from rolecompare.core.text import money_range, tenths
from rolecompare.ui import output
from rolecompare.ui.deliver import deliver, note, report
from rolecompare.ui.screen import NO_TABLE, Screen

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from rich.console import Group, RenderableType

    from rolecompare.core.history import Record
    from rolecompare.core.models import Dataset, Role
    from rolecompare.core.quiz import Result, WeighedMost
    from rolecompare.core.resume import Mark
    from rolecompare.ui.charts import InterestBars


TIES_SHOWN = 3
"""Tied answers written out per role; the rest are counted."""
BRIEF_PRACTICE = 2
"""The compact result lists this many practice steps for one role (one each for two), so it
fits an 80x24 terminal; --details lists every step."""


def run(
    data_option: str | None,
    fmt: str,
    *,
    plain: bool,
    answers: str | None,
    answers_file: str | None,
    details: bool,
    save: Path | None,
    export: Path | None,
    no_history: bool,
    record: bool,
    questions: bool,
    terminal: bool,
    resume: bool = False,
) -> int:
    """The quiz, or with ``questions`` its statements, or with ``answers_file`` a group's
    results; the exit status (1: a result was shown but a file could not be written).

    ``terminal``: whether a person is at standard input to answer the questions. ``resume``:
    go on with the answers a stopped quiz kept (:mod:`rolecompare.core.resume`).
    """
    if resume and (answers is not None or answers_file is not None or questions):
        raise UsageError(
            "--resume goes on with a quiz answered in the terminal; leave out --answers, "
            "--answers-file and --questions"
        )
    data = loader.load_chosen(data_option)[0]
    if questions:
        if plain or answers is not None or answers_file is not None or save or details:
            raise UsageError(
                "--questions only lists the statements; leave out --plain, --answers, "
                "--answers-file, --save and --details"
            )
        deliver(QuestionsScreen(data), fmt, export)
        return 0
    if answers_file is not None:
        if plain or answers is not None or save or details:
            raise UsageError(
                "--answers-file scores a group on its own; leave out --plain, --answers, "
                "--save and --details (--export writes the group's report)"
            )
        if record and no_history:
            raise UsageError("--record and --no-history contradict each other; choose one")
        from rolecompare.commands import group

        return group.run(data, answers_file, fmt, record=record, export=export)
    if record:
        raise UsageError(
            "--record goes with --answers-file; a single result is recorded unless --no-history"
        )
    if plain and answers is not None:
        raise UsageError("--plain and --answers do not go together; choose one")
    if fmt == "csv" or (export is not None and export.suffix.lower() == ".csv"):
        raise UsageError(NO_TABLE)  # before a statement is asked or a result recorded
    if answers is not None:
        given = engine.parse_answers(answers, len(data.quiz.statements))
    else:
        from rolecompare.core.files import check_writable

        for target in (save, export):
            if target is not None:
                check_writable(target)
        if not plain and not (terminal and sys.stdout.isatty()):  # before a word of the quiz
            raise UsageError(
                "the interactive quiz needs a terminal; use --plain to answer line by line from "
                "standard input, or --answers 5,4,2,... to give every answer at once"
            )
        asked, seen = _resumed(data) if resume else ([], None)
        if not resume and not no_history:
            seen = _mention_kept(terminal)
        given = tuple(
            _asked(
                data,
                plain,
                terminal,
                asked,
                keep=not no_history,
                data_path=data_option,
                resumed=seen if resume else None,
            )
        )
    status = _finish(
        data,
        given,
        fmt,
        save,
        export,
        keep=not no_history,
        details=details,
        data_path=data_option,
        plain=plain,
    )
    if answers is None and (resume or not no_history) and seen is not None:
        _forget_kept(seen)
    return status


def _resumed(data: Dataset) -> tuple[list[int], Mark]:
    """The answers a stopped quiz kept, said on stderr; exit 1 when there are none: the
    command line is right, what it needs is missing from the data folder (as for the data file)."""
    from rolecompare.core import resume

    loaded = resume.load_marked(data)
    if loaded is None:
        raise DataError(
            f"there is no stopped quiz to resume in {resume.progress_path().parent}: answers are "
            "kept when a quiz is stopped (Ctrl-C, or end of input); start one with: rolecompare quiz"
        )
    kept, mark = loaded
    total = len(data.quiz.statements)
    note(
        f"Going on from statement {len(kept) + 1} of {total}, with your {_answers(len(kept))} "
        "kept (Back revisits them)."
    )
    return list(kept), mark


def _mention_kept(terminal: bool) -> Mark | None:
    """Before a new quiz, say plainly that answers are kept, that stopping this quiz would
    replace them, and how to go on with them instead; which kept file was seen."""
    from rolecompare.core import resume

    if not resume.exists():
        return None
    seen = resume.peek()
    count = seen[1] if seen is not None else None
    kept = f"your {_answers(count)}" if count else "the answers"
    them = "it" if count == 1 else "them"
    how = "press Ctrl-C now and run" if terminal else "run"
    note(
        f"A stopped quiz kept {kept}: stopping this quiz after an answer would replace {them}, "
        f"finishing it removes {them}. To go on with {them} instead, {how}: {resume.COMMAND}"
    )
    return None if seen is None else seen[0]


def _forget_kept(seen: Mark) -> None:
    """A finished quiz no longer needs the answers it resumed, or that a stopped quiz kept when
    it began; those another quiz kept since stay. Failing to remove them only warns: the result
    matters more."""
    from rolecompare.core import resume

    try:
        resume.clear_if_unchanged(seen)
    except RoleCompareError as exc:
        output.warn(exc.message)


def _answers(count: int) -> str:
    return "answer" if count == 1 else f"{count} answers"


def _asked(
    data: Dataset,
    plain: bool,
    terminal: bool,
    given: list[int],
    *,
    keep: bool,
    data_path: str | None,
    resumed: Mark | None = None,
) -> list[int]:
    """:func:`_ask`; when the person stops (Ctrl-C, SIGTERM, SIGHUP, a closed terminal, end of
    input) the answers so far are kept for ``quiz --resume`` unless not ``keep`` (--no-history),
    and one line says so, and whether they replace answers other than those it ``resumed``.

    The answers are kept first, before anything is written to a terminal that may be gone, with
    further signals held off so a second SIGHUP cannot cut the writing short.
    """
    from rolecompare.core import signals
    from rolecompare.core.errors import CANCELLED, Cancelled

    try:
        return _ask(data, plain, terminal, given)
    except (KeyboardInterrupt, signals.Terminated, Cancelled, InputEnded, OSError) as exc:
        try:  # a signal may come at any point here; whichever way, the answers are kept
            signals.stopping()
            kept, late = _keep_held(data, given, keep, data_path, resumed, plain)
        except signals.Terminated as signalled:  # the first signal came just before the hold
            kept, late = _keep_held(data, given, keep, data_path, resumed, plain)
            late.insert(0, signalled.signum)
        except KeyboardInterrupt:  # a second Ctrl-C just before the hold: the same stop
            kept, late = _keep_held(data, given, keep, data_path, resumed, plain)
        if isinstance(exc, signals.Terminated):
            code: int | None = exc.exit_code
        elif late:
            code = 128 + late[0]
        elif _hung_up(exc, terminal):
            code = 128 + signals.HANGUP
        elif isinstance(exc, KeyboardInterrupt | Cancelled):
            code = getattr(exc, "exit_code", CANCELLED)
        else:
            code = None
        if code is None and isinstance(exc, InputEnded) and given:
            raise InputEnded(
                f"{exc.message}. {kept or 'Nothing was kept (--no-history).'}"
            ) from None
        if code is None:
            raise
        if not given:
            raise Cancelled(None, code) from None
        if not keep:
            raise Cancelled("Quiz cancelled; nothing was kept (--no-history).", code) from None
        raise Cancelled(f"Quiz stopped. {kept}", code) from None


def _keep_held(
    data: Dataset,
    given: list[int],
    keep: bool,
    data_path: str | None,
    resumed: Mark | None,
    plain: bool,
) -> tuple[str | None, list[int]]:
    """:func:`_keep` with SIGTERM and SIGHUP held off; what was done, and the signals that came
    meanwhile. Only the run's first signal raises, so a retry after it is never interrupted."""
    from rolecompare.core import signals

    with signals.held() as late:
        kept = _keep(data, given, data_path, resumed, plain) if given and keep else None
    return kept, late


def _hung_up(exc: BaseException, terminal: bool) -> bool:
    """Whether the terminal went away under the quiz (a closed window, a dropped connection):
    reading or writing it fails with EIO, or input ends and standard input is no longer a
    terminal, before or without its SIGHUP."""
    import errno

    from rolecompare.core.errors import Cancelled

    if isinstance(exc, OSError):
        return exc.errno == errno.EIO and exc.filename is None
    if not terminal or not isinstance(exc, InputEnded | Cancelled):
        return False
    try:
        return sys.stdin is None or not sys.stdin.isatty()
    except (OSError, ValueError):
        return True


def _keep(
    data: Dataset, given: list[int], data_path: str | None, resumed: Mark | None, plain: bool
) -> str:
    """Keep ``given`` for ``quiz --resume``; what was done, in a sentence, naming the answers it
    replaced when they are not those this quiz ``resumed``, and the command that goes on (with
    ``--plain`` again when this quiz was answered line by line)."""
    from rolecompare.core import resume

    there = resume.peek()
    try:
        resume.save(data, given)
    except RoleCompareError as exc:
        return f"Your answers were not kept: {exc.message}"
    data_option = f"--data {_quoted(data_path)} " if data_path is not None else ""
    replacing = ""
    if there is not None and there[0] != resumed:
        replacing = f", replacing the {_answers(there[1]) if there[1] else 'answers'} kept earlier"
    return (
        f"Kept your {_answers(len(given))}{replacing}; continue with: "
        f"rolecompare {data_option}quiz --resume{' --plain' if plain else ''}"
    )


def _finish(
    data: Dataset,
    given: tuple[int, ...],
    fmt: str,
    save: Path | None,
    export: Path | None,
    *,
    keep: bool,
    details: bool,
    data_path: str | None,
    plain: bool = False,
) -> int:
    """Score, record, show, export and save a finished quiz.

    A finished quiz is never thrown away: it is recorded and shown first, and a --save or
    --export that fails after that is reported with exit 1, the result still on the screen.
    """
    from rolecompare.core import history

    result = engine.score(data, given)
    saved = quiz_json(data, result, history.now(output.warn))
    # JSON alone never shows the last attempt: a script need not pay for reading the history.
    previous, recorded = _remember(data, saved, keep=keep, compare=fmt != "json" or bool(export))
    data_option = f"--data {_quoted(str(data_path))} " if data_path is not None else ""
    screen = ResultScreen(
        data,
        result,
        saved,
        previous,
        recorded=recorded,
        details=details,
        data_option=data_option,
        plain=plain,
    )
    failures: list[FileWriteError] = []
    try:
        deliver(screen, fmt, export)
    except FileWriteError as exc:
        failures.append(exc)
    if save is not None:
        from rolecompare.core.files import write_atomic

        try:
            write_atomic(save, output.json_text(saved))
            note(f"Saved the result to {save}")
        except FileWriteError as exc:
            failures.append(exc)
    if not failures:
        return 0
    for failure in failures:
        report(failure)
    note(
        "The result is shown above"
        + (" and kept in your history (rolecompare history)." if recorded else ".")
    )
    return DATA_ERROR


def _quoted(text: str) -> str:
    """``text`` as one shell word. A path with control characters or newlines is written in
    ANSI-C quotes (``$'a\\x1bb'``, bash and zsh), its escapes the same as every path echo's,
    so the command on screen is safe to show and, copied, names the same file (short of a CR LF
    pair or an undecodable byte, which no escape on screen keeps)."""
    import shlex

    from rolecompare.core.untrusted import inert_line

    shown = inert_line(text)
    if shown == text:
        return shlex.quote(text)
    return "$'" + inert_line(text.replace("\\", "\\\\").replace("'", "\\'")) + "'"


def _remember(
    data: Dataset, saved: dict[str, Any], keep: bool, compare: bool = True
) -> tuple[str | None, bool | None]:
    """Record the result unless told not to; how the last comparable attempt went (when
    ``compare``), and whether this one was recorded (None: recording failed, a warning says why).

    History problems only warn: the person still gets the result they just worked through.
    """
    from rolecompare.core import history

    previous = None
    try:
        if compare:
            loaded = history.load()
            for warning in loaded.warnings:
                output.warn(warning)
            previous = previous_line(data, loaded.records, data_mark(data))
    except RoleCompareError as exc:
        output.warn(exc.message)
    if not keep:
        return previous, False
    try:
        history.append(history.record_of(saved))
    except ValueError:  # a clock set before 1970: keep the result on screen all the same
        output.warn(
            "cannot record the result: the system clock is before 1970; "
            "the result is shown but not kept"
        )
        return previous, None
    except RoleCompareError as exc:
        output.warn(f"{exc.message}; the result is shown but not kept")
        return previous, None
    return previous, True


def _ask(data: Dataset, plain: bool, terminal: bool, given: list[int]) -> list[int]:
    """Collect answers from a person: line by line with --plain, else with arrow keys; after
    ``given``, which is kept up to date with every answer."""
    if plain:
        from rolecompare.ui import plain as line_by_line

        if sys.stdin is None:
            raise UsageError(
                "standard input is closed; give the answers on it, one per line, or use --answers"
            )
        if terminal:
            output.console(stderr=True).print(
                intro_view(data, "Type the number and press Enter; b goes back.")
            )
        return line_by_line.ask_all(data, sys.stdin, sys.stderr, interactive=terminal, given=given)
    output.show(
        intro_view(
            data,
            "Arrow keys and Enter to answer; Back returns to the previous statement; Ctrl-C stops.",
        )
    )
    from rolecompare.ui import prompts

    try:
        return prompts.ask_all(data, given)
    except EOFError:
        raise InputEnded(
            "input ended before the quiz was finished; run it again in a terminal, or use --plain"
        ) from None


class QuestionsScreen(Screen):
    title = "rolecompare quiz --questions"

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def view(self, width: int) -> RenderableType:
        return questions_view(self.data, width)

    def markdown(self) -> str:
        return questions_markdown(self.data)

    def document(self) -> Any:
        return questions_json(self.data)


def questions_view(data: Dataset, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from rolecompare.ui.draw import NARROW

    title = Text(f"Quiz statements (bank version {data.quiz.version})", style="bold")
    statements = data.quiz.statements
    if width < NARROW:
        lines: list[RenderableType] = [title]
        for number, statement in enumerate(statements, 1):
            head = Text(f"{number}. {data.dimensions[statement.dimension].title}", style="bold")
            head.append(f" → {statement.keyed} ({statement.id})", style="cyan")
            lines += [head, Text(statement.text)]
        return Group(*lines)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, title=title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Id", no_wrap=True)
    table.add_column("Dimension")
    table.add_column("Keyed", no_wrap=True, style="cyan")
    table.add_column("Statement", overflow="fold")
    for number, statement in enumerate(statements, 1):
        table.add_row(
            Text(str(number)),
            Text(statement.id),
            Text(data.dimensions[statement.dimension].title),
            Text(statement.keyed),
            Text(statement.text),
        )
    return table


def questions_markdown(data: Dataset) -> str:
    from rolecompare.ui.markdown import md, table

    rows = [
        [str(number), md(s.id), md(data.dimensions[s.dimension].title), md(s.keyed), md(s.text)]
        for number, s in enumerate(data.quiz.statements, 1)
    ]
    lines = [f"# Quiz statements (bank version {md(data.quiz.version)})", ""]
    lines += table(["#", "Id", "Dimension", "Keyed", "Statement"], rows)
    scale = ", ".join(f"{value} {label}" for value, label in enumerate(SCALE, 1))
    return "\n".join([*lines, f"Answer each from {scale}."]) + "\n"


def questions_json(data: Dataset) -> dict[str, Any]:
    return {
        "bank_version": data.quiz.version,
        "scale": {str(value): label for value, label in enumerate(SCALE, 1)},
        "statements": [
            {
                "id": s.id,
                "dimension": s.dimension,
                "statement": s.text,
                "keyed": s.keyed,
                "weight": s.weight,
            }
            for s in data.quiz.statements
        ],
    }


class ResultScreen(Screen):
    """The explained result; not paged: the quiz just ended, the person reads it where it is."""

    title = "rolecompare quiz"
    page = False

    def __init__(
        self,
        data: Dataset,
        result: Result,
        saved: dict[str, Any],
        previous: str | None,
        *,
        recorded: bool | None,
        details: bool,
        data_option: str,
        hints: bool = True,
        plain: bool = False,
    ) -> None:
        self.data, self.result, self.saved, self.previous = data, result, saved, previous
        self.recorded, self.details, self.data_option = recorded, details, data_option
        self.hints, self.plain = hints, plain

    def view(self, width: int) -> RenderableType:
        shown = result_view(
            self.data,
            self.result,
            width,
            self.previous,
            recorded=self.recorded,
            details=self.details,
            data_option=self.data_option,
            hints=self.hints,
            plain=self.plain,
        )
        if self.hints:
            return shown
        from rich.console import Group
        from rich.text import Text

        return Group(shown, Text(self.dated(), style="dim"))

    def markdown(self) -> str:
        report = quiz_markdown(
            self.data, self.result, self.previous, recorded=self.recorded, hints=self.hints
        )
        return report if self.hints else f"{report}\n{self.dated()}\n"

    def dated(self) -> str:
        """When the quiz was taken: a document read later, or by someone else, says so."""
        import datetime as dt

        taken = dt.datetime.fromisoformat(self.saved["taken_at"])
        return (
            f"Taken on {taken.day} {taken:%B %Y at %H:%M}, "
            f"question bank version {self.result.bank_version}."
        )

    def exported(self) -> ResultScreen:
        """Without the recorded line, the ``Why:`` command or the commands in the next steps:
        the reader of an exported result is not at the terminal the quiz ran in."""
        return ResultScreen(
            self.data,
            self.result,
            self.saved,
            self.previous,
            recorded=self.recorded,
            details=self.details,
            data_option=self.data_option,
            hints=False,
            plain=self.plain,
        )

    def document(self) -> Any:
        """The same document ``--save`` writes and the history records."""
        return self.saved


def previous_line(data: Dataset, records: Sequence[Record], mark: str) -> str | None:
    """The quiz result's reminder of the last result taken with the same data file; results from
    another data file are never compared, and bank version 1 results are named as such."""
    same = [r for r in records if r.data_mark == mark]
    older = [r for r in records if r.data_mark is None]
    record = same[-1] if same else older[-1] if older else None
    if record is None:
        return None
    other = (
        ""
        if record.bank_version == data.quiz.version
        else f" (question bank version {record.bank_version}, scored differently)"
    )
    return (
        f"Last time, {record.time.day} {record.time:%b %Y}{other}: {outcome(data, record)}; "
        f"{figures_text(data, record)}."
    )


def role_names(data: Dataset) -> str:
    names = [role.name for role in data.roles.values()]
    return " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def intro_view(data: Dataset, keys: str) -> Group:
    from rich.console import Group
    from rich.text import Text

    quiz = data.quiz
    count = len(quiz.statements)
    return Group(
        Text(f"Career-fit quiz: {role_names(data)}?", style="bold"),
        Text(quiz.intro),
        Text(
            f"{count} statements, about {engine.estimated_minutes(quiz)} minutes. "
            f"Answer each from 1 ({SCALE[0]}) to {len(SCALE)} ({SCALE[-1]}). {keys}"
        ),
        Text(quiz.disclaimer, style="dim"),
        Text(),
    )


def interest_bars(data: Dataset, result: Result) -> InterestBars:
    from rolecompare.ui.charts import InterestBars

    return InterestBars(
        [
            (data.roles[role_id].name, i.mean, f"{tenths(i.mean)} {i.level}")
            for role_id, i in result.interest.items()
        ],
        low=1,
        high=len(SCALE),
    )


def interest_lines(data: Dataset, result: Result) -> list[RenderableType]:
    """The interests in numbers and words for ``--plain``: a screen reader reads no bars."""
    from rich.text import Text

    return [
        Text(f"{data.roles[role_id].name}: {tenths(i.mean)} of {len(SCALE)}, {i.level}")
        for role_id, i in result.interest.items()
    ]


def _summary(
    data: Dataset,
    result: Result,
    previous: str | None,
    recorded: bool | None,
    details: bool,
    data_option: str,
    width: int,
    hints: bool,
    plain: bool = False,
) -> list[RenderableType]:
    """The compact result: it fits an 80x24 terminal, so it is what the quiz ends with, with
    ``details`` or without. The verdict, both interests and the retake sentence come first, so
    they fit even a 40x24 screen; with ``plain`` (for screen readers) the interests are numbers
    and words, no bars. Without ``hints`` (an export) it says nothing of the history and names
    no command."""
    from rich.text import Text

    colour = "green" if result.recommendation else "yellow"
    parts: list[RenderableType] = [
        Text.assemble(("Your result: ", "bold"), (headline(data, result), f"bold {colour}")),
        *(interest_lines(data, result) if plain else [interest_bars(data, result)]),
        Text(retake_sentence(result)),
        Text(comparison_sentence(data, result)),
        Text(meaning(data, result), style="bold"),
    ]
    parts += [Text(f"Warning: {w.message}", style="yellow") for w in result.warnings]
    parts += _next_steps(data, result, brief=True, hints=hints)
    if previous and not details:
        parts.append(Text(previous, style="italic"))
    if hints:
        parts.append(Text(recorded_line(recorded), style="dim"))
    parts.append(Text(f"{data.quiz.disclaimer} {_based_on(data)}".strip(), style="dim"))
    if hints and not details:
        parts.append(Text(details_command(result, data_option, width), style="dim"))
    return parts


def _based_on(data: Dataset) -> str:
    """The primary source in short, so it shares the disclaimer's lines; --details cites it whole."""
    source = data.primary_source
    when = f", {source.published.day} {source.published:%B %Y}" if source.published else ""
    return f"Based on: {source.publisher}{when}."


def _next_steps(
    data: Dataset, result: Result, brief: bool, hints: bool = True
) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.draw import bullets, cite, heading

    advised = advised_roles(data, result)
    if not advised:
        return [heading("Next steps"), bullets(general_steps(result, hints))]
    parts: list[RenderableType] = []
    if result.verdict == "both" and data.quiz.hybrid and not brief:
        parts.append(Text(data.quiz.hybrid))
    practice = max(BRIEF_PRACTICE // len(advised), 1) if brief else None
    for role in advised:
        parts += [
            heading(f"Next steps: {role.name}"),
            bullets(next_step_points(role, data, practice, hints)),
        ]
        if role.next_steps.source and not brief:
            parts.append(cite(data.sources[role.next_steps.source]))
    return parts


def _dimensions(data: Dataset, result: Result, width: int) -> list[RenderableType]:
    """Leans for dimensions measured well enough: a table when there is room, else lines."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from rolecompare.ui.draw import NARROW

    if not result.dimensions:
        return []
    title = Text("By dimension (mean answer per role)", style="bold")
    if width < NARROW:
        lines: list[RenderableType] = [title]
        for lean in result.dimensions:
            line = Text(f"{data.dimensions[lean.dimension].title}: ", style="bold")
            line.append(data.roles[lean.lean].name if lean.lean else "no clear lean")
            line.append(
                " ("
                + ", ".join(f"{data.roles[r].name} {tenths(v)}" for r, v in lean.means.items())
                + ")",
                style="dim",
            )
            lines.append(line)
        return [*lines, Text()]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, title=title, title_justify="left")
    table.add_column("Dimension")
    table.add_column("Leaning")
    for role_id in result.interest:
        table.add_column(Text(data.roles[role_id].name), justify="right")
    for lean in result.dimensions:
        table.add_row(
            Text(data.dimensions[lean.dimension].title),
            Text(
                data.roles[lean.lean].name if lean.lean else "no clear lean",
                style="" if lean.lean else "dim",
            ),
            *(Text(tenths(lean.means[role_id])) for role_id in result.interest),
        )
    return [table, Text()]


def _weighed_most(data: Dataset, result: Result) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.draw import bullets, heading

    parts: list[RenderableType] = [heading("What weighed most, per role")]
    for most in result.weighed_most:
        parts.append(Text(weighed_intro(data, most), style="bold"))
        parts.append(bullets(weighed_points(most)))
    parts += [Text(line) for line in unmoved(data, result)]
    return [*parts, Text()]


def _details(
    data: Dataset, result: Result, width: int, previous: str | None, hints: bool, plain: bool
) -> list[RenderableType]:
    """The reasons behind the result; with ``plain``, lines of words only: no table, no rule."""
    from rich.text import Text

    from rolecompare.ui.draw import cite, heading

    parts: list[RenderableType] = [heading("How your answers were scored")]
    for role_id, i in result.interest.items():
        parts.append(
            Text(
                f"{data.roles[role_id].name}: mean answer {tenths(i.mean)} over {i.statements} "
                f"statements, standard error {i.standard_error:.2f}, level {i.level}"
            )
        )
    parts.append(
        Text(
            f"Levels: low below {data.quiz.low_below:g}, mixed up to {data.quiz.high_from:g}, "
            f"high from {data.quiz.high_from:g}. A difference is clear when it is larger than "
            f"its 95% margin of error and at least {data.quiz.min_difference:g} points.",
            style="dim",
        )
    )
    if previous:
        parts.append(Text(previous, style="italic"))
    parts.append(Text())
    parts += _dimensions(data, result, 0 if plain else width)
    parts += _weighed_most(data, result)
    parts += [*_next_steps(data, result, brief=False, hints=hints), Text()]
    parts += [Text(data.quiz.disclaimer, style="dim"), cite(data.primary_source, "Based on")]
    if not plain:
        parts.append(Text("─" * min(width, 80), style="dim"))
    return parts


def result_view(
    data: Dataset,
    result: Result,
    width: int,
    previous: str | None = None,
    *,
    recorded: bool | None = False,
    details: bool = False,
    data_option: str = "",
    hints: bool = True,
    plain: bool = False,
) -> Group:
    """Compact by default; with ``details`` the reasons come first and the verdict last, so the
    verdict is what is on screen when the quiz ends. ``hints``: see :func:`_summary`."""
    from rich.console import Group

    parts = _details(data, result, width, previous, hints, plain) if details else []
    summary = _summary(data, result, previous, recorded, details, data_option, width, hints, plain)
    return Group(*parts, *summary)


def quiz_markdown(
    data: Dataset,
    result: Result,
    previous: str | None = None,
    *,
    recorded: bool | None = False,
    hints: bool = True,
) -> str:
    """A report of one quiz result that can be pasted into a document; without ``hints`` (an
    export) it says nothing of the history and names no command."""
    from rolecompare.ui.markdown import bullet_list, cite, md, table

    lines = ["# Career-fit quiz result", "", f"**Your result: {md(headline(data, result))}**", ""]
    lines += table(
        ["Role", "Interest (mean answer, 1-5)", "Level", "Standard error", "Statements"],
        [
            [
                md(data.roles[r].name),
                tenths(i.mean),
                i.level,
                f"{i.standard_error:.2f}",
                str(i.statements),
            ]
            for r, i in result.interest.items()
        ],
    )
    lines += [md(retake_sentence(result)), ""]
    lines += [md(comparison_sentence(data, result)), "", f"**{md(meaning(data, result))}**", ""]
    lines += [f"> Warning: {md(w.message)}" for w in result.warnings]
    if previous:
        lines += ["", md(previous)]
    if result.dimensions:
        lines += ["", "## By dimension (mean answer per role)", ""]
        lines += table(
            ["Dimension", "Leaning", *(md(data.roles[r].name) for r in result.interest)],
            [
                [
                    md(data.dimensions[d.dimension].title),
                    md(data.roles[d.lean].name) if d.lean else "no clear lean",
                    *(tenths(d.means[r]) for r in result.interest),
                ]
                for d in result.dimensions
            ],
        )
    if result.weighed_most:
        lines += ["", "## What weighed most, per role", ""]
        for most in result.weighed_most:
            lines += [
                f"**{md(weighed_intro(data, most))}**",
                "",
                *bullet_list(weighed_points(most)),
            ]
            lines.append("")
        lines += [md(line) for line in unmoved(data, result)]
    advised = advised_roles(data, result)
    if result.verdict == "both" and data.quiz.hybrid:
        lines += ["", md(data.quiz.hybrid)]
    for role in advised:
        lines += [
            "",
            f"## Next steps: {md(role.name)}",
            "",
            *bullet_list(next_step_points(role, data, hints=hints)),
        ]
    if not advised:
        lines += ["", "## Next steps", "", *bullet_list(general_steps(result, hints))]
    if hints:
        lines += ["", md(recorded_line(recorded)), ""]
    lines += [f"_{md(data.quiz.disclaimer)}_", "", cite(data, data.source, "Based on")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"  # one blank line between parts


def names(data: Dataset, result: Result) -> tuple[str, str]:
    return data.roles[result.ranking[0]].name, data.roles[result.ranking[1]].name


def headline(data: Dataset, result: Result) -> str:
    """The verdict in a few words, the first thing the result says."""
    first = names(data, result)[0]
    return {
        "both": f"drawn to {_listing(data, drawn_together(data, result))}",
        "neither": f"{_none_of(result)} draws you",
        "too-close": "too close to call",
        "no-signal": "no signal in the answers",
    }.get(result.verdict, _preferred(result, first))


def _preferred(result: Result, first: str) -> str:
    """A clear difference with only a mixed interest at the top is a lean, not a pull."""
    if result.top.level == engine.HIGH:
        return f"a clear preference for {first}"
    return f"leaning towards {first}"


def retake_sentence(result: Result) -> str:
    """How stable the verdict is, in words anyone can weigh, so that a person who takes the quiz
    again is not surprised by another result (issue 15)."""
    share = result.retake_agreement
    if share >= 0.95:
        count = "more than 9 in 10"
    elif share < 0.05:
        count = "fewer than 1 in 10"
    else:
        count = f"about {min(max(round(share * 10), 1), 9)} in 10"
    return f"On a retake, {count} people who answer like this get the same result."


def comparison_sentence(data: Dataset, result: Result) -> str:
    """The difference with its margin of error, in plain words; the figures are the ones shown."""
    first, second = names(data, result)
    shown = float(tenths(result.top.mean)) - float(tenths(result.second.mean))
    gap = f"{first} is {tenths(shown)} points above {second}"
    if result.top.exact_mean == result.second.exact_mean:
        gap = f"{first} and {second} are level"
    margin = f"the margin of error is ±{tenths(result.margin_of_error)} (95%)"
    if result.clear:
        return f"{gap}; {margin}, so the difference is clear."
    if result.beyond_margin:
        return (
            f"{gap}; {margin}, but a clear difference needs at least "
            f"{data.quiz.min_difference:g} points."
        )
    return f"{gap}; {margin}, so the difference is within the measurement error."


def meaning(data: Dataset, result: Result) -> str:
    """What the verdict means for this person."""
    first, second = names(data, result)
    top = tenths(result.top.mean)
    return {
        "both": _drawn_to_several(data, result),
        "neither": (
            f"{_none_of(result).capitalize()} draws you on these answers: your highest interest, "
            f"{first} at {top}, is at or below Neutral (3). That is worth knowing too."
        ),
        "too-close": _too_close(data, result, first, second),
        "no-signal": _no_signal(result),
    }.get(result.verdict, _preference(result, first, second))


def _no_signal(result: Result) -> str:
    """Why there is no signal: the same answer throughout, or answers as scattered as chance."""
    if any(w.code == engine.INCONSISTENT_CODE for w in result.warnings):
        return (
            "Your answers to the same role's work disagreed with each other too much to show a "
            "preference; there is no recommendation."
        )
    return (
        "Your answers were almost all the same, so they say nothing about the roles; "
        "there is no recommendation."
    )


def _too_close(data: Dataset, result: Result, first: str, second: str) -> str:
    """Why no role is picked: inside the margin of error, or beyond it but under the minimum."""
    if result.beyond_margin:
        why = (
            f"is beyond the margin of error but under the {data.quiz.min_difference:g} points "
            "a clear difference needs"
        )
    else:
        why = "is within the margin of error"
    return (
        f"You show some interest in {first}, but the difference from {second} {why}, "
        "so the quiz does not pick one."
    )


def drawn_together(data: Dataset, result: Result) -> list[str]:
    """For ``both``: the top role's id and every other high role's not clearly below it.

    With two roles that is the two compared; with more, a third role as high as they are is
    named too, so the headline never leaves out a role the person is just as drawn to.
    """
    top = result.top
    return [
        role_id
        for role_id in result.ranking
        if role_id == top.role
        or (
            result.interest[role_id].level == engine.HIGH
            and not engine.compare(data.quiz, top, result.interest[role_id]).clear
        )
    ]


def _listing(data: Dataset, role_ids: Sequence[str]) -> str:
    names = [data.roles[role_id].name for role_id in role_ids]
    if len(names) == 2:
        return f"both {names[0]} and {names[1]}"
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _drawn_to_several(data: Dataset, result: Result) -> str:
    drawn = drawn_together(data, result)
    if len(drawn) == 2:
        return (
            f"You are drawn to {_listing(data, drawn)}, and neither clearly more than the "
            "other: a path that mixes the two may suit you."
        )
    return (
        f"You are drawn to {_listing(data, drawn)}, and none clearly more than the others: "
        "a path that mixes them may suit you."
    )


def _none_of(result: Result) -> str:
    """Two roles: "neither role"; more: "none of the roles"."""
    return "neither role" if len(result.interest) == 2 else "none of the roles"


def _preference(result: Result, first: str, second: str) -> str:
    """ "Drawn to" only for a high interest: a mixed one that still beats the other clearly is
    named as a lean, so Neutral answers are never read as attraction."""
    if result.top.level != engine.HIGH:
        return (
            f"You lean towards {first} rather than {second}, but your interest in {first} is "
            f"only mixed ({tenths(result.top.mean)}): try its work before you commit to it."
        )
    if result.second.level == engine.HIGH:
        return (
            f"You are drawn to {first} and prefer it clearly, though {second} appeals to you "
            f"too ({tenths(result.second.mean)}, high): start with {first}."
        )
    return f"You are drawn to {first} and prefer it clearly to {second}: start there."


def advised_roles(data: Dataset, result: Result) -> list[Role]:
    """Next steps for the recommended role, for every role drawn to when ``both``, else none."""
    if result.recommendation:
        return [data.roles[result.recommendation]]
    if result.verdict == "both":
        return [data.roles[role_id] for role_id in drawn_together(data, result)]
    return []


def general_steps(result: Result, hints: bool = True) -> list[str]:
    """Next steps when no role is advised; with ``hints``, each names the command to type."""
    steps = {
        "neither": [
            (
                "Read how the roles differ, dimension by dimension, in case one part of them "
                "appeals",
                "rolecompare show",
            )
        ],
        "too-close": [
            (
                "Read where the roles differ and note which differences matter to you",
                "rolecompare show",
            ),
            ("Then take the quiz again", "rolecompare quiz"),
        ],
        "no-signal": [
            ("Take the quiz again and weigh each statement on its own", "rolecompare quiz")
        ],
    }.get(result.verdict, [])
    return [f"{text}: {command}" if hints else text for text, command in steps]


def next_step_points(
    role: Role, data: Dataset | None = None, brief: int | None = None, hints: bool = True
) -> list[str]:
    """The next steps for ``role``, its day rate dated; with ``brief``, only that many practice
    steps and where to find the day rates, for the compact quiz result. Without ``hints`` (an
    export, read away from the terminal) no command is named: the dated day rate stands instead.

    The block is cited with ``next_steps.source`` (the certifications'); with ``data``, a group
    from another source names that source, so advice is never passed off as the certifiers'.
    """
    steps = role.next_steps

    def label(name: str, ref: str | None) -> str:
        if data is None or ref is None or ref == steps.source or ref not in data.sources:
            return name
        return f"{name} (source: {data.sources[ref].publisher})"

    rates = role.rates
    day_rate = (
        f"{label('Day rate', rates.source)}: {money_range(rates.min, rates.max, rates.currency)} "
        f"({rates.market}, {dated(rates)})"
    )
    if hints:
        day_rate += f"; details: rolecompare rates --role {role.id}"
    if brief is not None:
        # No figure here, so no date is needed: the rates screen dates its own.
        pointer = f"Day rates: rolecompare rates --role {role.id}" if hints else day_rate
        return [*steps.practice[:brief], pointer]
    points = [f"Certifications: {'; '.join(steps.certifications)}"] if steps.certifications else []
    if steps.tools:
        tools = label("Tools to learn", steps.tools_source)
        points.append(f"{tools}: {', '.join(steps.tools)}")
    if steps.practice:
        practice = label("Practice", steps.practice_source)
        points.append(f"{practice}: {'; '.join(steps.practice)}")
    return [*points, day_rate]


def recorded_line(recorded: bool | None) -> str:
    """Whether the result went into the history; None when recording failed (a warning says why)."""
    if recorded:
        return "Recorded in your history: rolecompare history"
    if recorded is None:
        return "Not recorded in your history (see the warning above)."
    return "Not recorded in your history (--no-history)."


INDENT = "  "
"""How far a continuation line of the details command is indented."""


def details_command(result: Result, data_option: str = "", width: int | None = None) -> str:
    """How to see the reasons behind a compact result without answering again.

    Too long for ``width`` (a long ``--data`` path), it goes on shell continuation lines, so a
    command copied from the screen still runs as one instead of stopping at a wrapped line. The
    answers go on a line of their own when they do not fit beside ``--answers``, unindented when
    they fit only so (40 answers on a 40-column screen).
    """
    answers = "".join(map(str, result.answers))
    words = ["rolecompare", *data_option.split(" ", 1), "quiz", "--details", "--no-history"]
    words = [*filter(None, (word.strip() for word in words))]
    together = f"--answers {answers}"
    fits = width is None or len(INDENT) + len(together) <= width
    words += [together] if fits else ["--answers", answers]
    lines = ["Why:"]
    for number, word in enumerate(words, 1):
        ending = 0 if number == len(words) else len(" \\")
        too_long = width is not None and len(lines[-1]) + 1 + len(word) + ending > width
        if too_long and width is not None and lines[-1] != "Why:":
            lines[-1] += " \\"
            indent = INDENT if len(INDENT) + len(word) + ending <= width else ""
            lines.append(f"{indent}{word}")
        else:
            lines[-1] += f" {word}"
    return "\n".join(lines)


def weighed_intro(data: Dataset, most: WeighedMost) -> str:
    """Ties are said to be ties: how many answers sit at the largest distance from Neutral."""
    role = data.roles[most.role].name
    count = len(most.answers)
    if count == 1:
        return f"{role}: one answer stood out"
    return f"{role}: {count} answers tied, each as far from Neutral as any"


def weighed_points(most: WeighedMost) -> list[str]:
    """The tied answers, at most ``TIES_SHOWN`` of them written out."""
    points = [f'"{w.statement.text}" You said {SCALE[w.answer - 1]}.' for w in most.answers]
    if len(points) > TIES_SHOWN:
        points = [*points[:TIES_SHOWN], f"and {len(points) - TIES_SHOWN} more, tied with these"]
    return points


def unmoved(data: Dataset, result: Result) -> list[str]:
    """Roles where every answer was Neutral: nothing weighed."""
    moved = {most.role for most in result.weighed_most}
    return [
        f"{data.roles[r].name}: every answer was Neutral."
        for r in result.interest
        if r not in moved
    ]
