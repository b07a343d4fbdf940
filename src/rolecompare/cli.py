"""The command layer: parse options, call the core, hand results to a renderer, map errors to exits.

Heavy modules (rich, pydantic models, questionary) are imported inside the commands that need
them, so ``--help``, ``--version`` and tab completion stay quick. No ``from __future__ import
annotations`` here: Typer would evaluate every string annotation of every command at start-up.
"""

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rolecompare import __version__
from rolecompare.options import GlobalOptionsGroup, format_option
from rolecompare.ui.deliver import Screen, deliver

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import RenderableType

    from rolecompare.core.errors import RoleCompareError
    from rolecompare.core.group import Respondent
    from rolecompare.core.history import Batch
    from rolecompare.core.models import Dataset

HELP = """Compare the PMO and Project Manager careers side by side.

Content comes from a data file (built in, or your own with --data); every screen cites
its source.

\b
Examples:
  rolecompare show                     the comparison, dimension by dimension
  rolecompare show -d decision-making  one dimension
  rolecompare rates --role pmo         PMO day rates, a picture, a yearly figure
  rolecompare pay --role pmo           PMO take-home after tax, inside and outside IR35
  rolecompare quiz                     the career-fit quiz (arrow keys)
  rolecompare show --format json       everything, for scripts

Global options work before or after the command.
Exit codes: 0 ok, 1 data or file error, 2 usage error, 130 cancelled (Ctrl-C),
143 terminated (SIGTERM), 129 hung up (SIGHUP).
"""

app = typer.Typer(
    cls=GlobalOptionsGroup,
    help=HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


@contextmanager
def handled(cancelled: str = "Cancelled.") -> Iterator[None]:
    """Turn the core's errors, Ctrl-C, SIGTERM and SIGHUP into one line on stderr and the
    documented exit code."""
    from rolecompare.core.errors import CANCELLED, Cancelled, RoleCompareError
    from rolecompare.core.signals import Terminated

    try:
        yield
    except RoleCompareError as exc:
        _report(exc)
        raise typer.Exit(exc.exit_code) from None
    except (KeyboardInterrupt, typer.Abort, Terminated, Cancelled) as exc:
        # After ^C at a prompt the cursor is still on the prompt's line.
        typer.echo(("\n" if _stdin_is_terminal() else "") + cancelled, err=True)
        raise typer.Exit(exc.exit_code if isinstance(exc, Terminated) else CANCELLED) from None


def _report(exc: "RoleCompareError") -> None:
    """An error on stderr. Its message and details are one inert line each already (see
    :class:`~rolecompare.core.errors.RoleCompareError`). A stderr that cannot be written (full,
    closed) loses the message but not the exit code that follows."""
    lines = [f"Error: {exc.message}", *(f"  - {detail}" for detail in exc.details)]
    with suppress(OSError, ValueError):
        typer.echo("\n".join(lines), err=True)


def _note(message: str) -> None:
    """A message on stderr, escaped as every message is (:func:`rolecompare.ui.deliver.note`)."""
    from rolecompare.ui.deliver import note

    note(message)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rolecompare {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Use this data file instead of the built-in one (also: ROLECOMPARE_DATA=PATH).",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[
        bool,
        typer.Option(
            "--no-color",
            "--no-colour",
            help="No colours or styles (NO_COLOR and TERM=dumb also work).",
        ),
    ] = False,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=20,
            max=1000,
            metavar="N",
            help="Draw tables this many columns wide (also exports and piped output). "
            "Default: the terminal's width, at most 120.",
            show_default=False,
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print long output straight away; by default output taller than the terminal "
            "opens in $PAGER (else less), and piped output never does.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    from rolecompare.ui import output

    output.configure(no_color=no_color)
    output.configure_layout(width=width, pager=not no_pager)
    ctx.obj = data
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _stdin_is_terminal() -> bool:
    """Whether a person can answer prompts; one place, so tests can stand in for a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def _load(ctx: typer.Context) -> "Dataset":
    from rolecompare.core import loader

    return loader.load_chosen(ctx.find_root().obj)[0]


def _data_for_completion(ctx: typer.Context) -> "Dataset | None":
    """The data in use while the shell asks for completions; None when it cannot be read."""
    from rolecompare.core import loader
    from rolecompare.core.errors import RoleCompareError

    try:
        return loader.load(loader.resolve_data_path(ctx.find_root().params.get("data")))
    except RoleCompareError:
        return None


def _complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _data_for_completion(ctx)
    return [r for r in data.roles if r.startswith(incomplete.casefold())] if data else []


def _complete_dimension(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _data_for_completion(ctx)
    return [d for d in data.dimensions if d.startswith(incomplete.casefold())] if data else []


RoleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        "-r",
        metavar="ROLE",
        help="A role id, name or alias, or a unique start of 3 or more letters (any case); repeat to choose several, in the order wanted. Default: all roles.",
        autocompletion=_complete_role,
        show_default=False,
    ),
]


def _check_export(value: Path | None) -> Path | None:
    """An unknown suffix is a usage error (2); a path that cannot be written is a file error (1),
    the same as for ``--save``, and found before any work is done."""
    if value is not None:
        from rolecompare.core.files import check_writable
        from rolecompare.core.untrusted import inert_line
        from rolecompare.ui.export import unsupported

        problem = None if _is_dir(value) else unsupported(value)
        if problem:
            raise typer.BadParameter(inert_line(problem))
        with handled():
            check_writable(value)
    return value


def _is_dir(path: Path) -> bool:
    """Like ``Path.is_dir``, but a name too long to look up is simply not a directory."""
    try:
        return path.is_dir()
    except OSError:
        return False


ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        help="Also write what is shown to this file: .svg, .html, .md, .txt or .json, by its suffix.",
        callback=_check_export,
        show_default=False,
    ),
]


class _Closures(Screen):
    """A screen given as three functions, while commands move into their own modules."""

    def __init__(
        self,
        title: str,
        view: Callable[[int], "RenderableType"],
        markdown: Callable[[], str],
        document: Callable[[], Any],
        page: bool,
    ) -> None:
        self.title = title  # type: ignore[misc]
        self.page = page  # type: ignore[misc]
        self._view, self._markdown, self._document = view, markdown, document

    def view(self, width: int) -> "RenderableType":
        return self._view(width)

    def markdown(self) -> str:
        return self._markdown()

    def document(self) -> Any:
        return self._document()


def _deliver(
    fmt: str,
    export: Path | None,
    *,
    title: str,
    view: Callable[[int], "RenderableType"],
    markdown: Callable[[], str],
    document: Callable[[], Any],
    page: bool = False,
) -> None:
    deliver(_Closures(title, view, markdown, document, page), fmt, export)


FORMATS = ("table", "text", "markdown", "json")
"""table: drawn for the terminal; text: the same without colours or styles, like a .txt export."""
FormatOption = Annotated[str, format_option(*FORMATS, help="How to print the result.")]
ReportFormatOption = Annotated[
    str, format_option("table", "text", "json", help="How to print the report.")
]


@app.command(short_help="Compare the roles side by side, dimension by dimension.")
def show(
    ctx: typer.Context,
    dimension: Annotated[
        list[str] | None,
        typer.Option(
            "--dimension",
            "-d",
            metavar="DIMENSION",
            help="Only this dimension: its id, title or alias, a word of its title, or a unique start of 3 or more letters, any case; repeat for several, in the order wanted. See: rolecompare roles.",
            autocompletion=_complete_dimension,
            show_default=False,
        ),
    ] = None,
    role: RoleOption = None,
    fmt: FormatOption = "table",
    export: ExportOption = None,
) -> None:
    """Show the roles side by side, one table per dimension, then what they share and the source."""
    from rolecompare.commands import show as command

    with handled():
        command.run(ctx.find_root().obj, dimension or [], role or [], fmt, export)


@app.command(short_help="Day rates per role, a picture of the ranges, yearly figures.")
def rates(
    ctx: typer.Context,
    role: RoleOption = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=1,
            max=366,
            help="Billable days a year for the annual figure (1-366). Default: 220, the usual UK contractor assumption.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = "table",
    export: ExportOption = None,
) -> None:
    """Show contract day rates per role: range, midpoint, a yearly figure and a picture of the ranges."""
    from rolecompare.commands import rates as command

    with handled():
        command.run(ctx.find_root().obj, role or [], days, fmt, export)


TaxDataOption = Annotated[
    str | None,
    typer.Option(
        "--tax-data",
        metavar="PATH",
        help="Use this tax figures file instead of the built-in one (or set ROLECOMPARE_TAX_DATA).",
        show_default=False,
    ),
]


@app.command(short_help="Take-home pay per role, inside and outside IR35, after UK tax.")
def pay(
    ctx: typer.Context,
    role: RoleOption = None,
    rate: Annotated[
        str | None,
        typer.Option(
            "--rate",
            metavar="N",
            help="A day rate of your own, in pounds, instead of the roles' ranges.",
            show_default=False,
        ),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(
            "--days",
            metavar="N",
            help="Billable days a year (1-366). Default: the data's usual assumption, 220.",
            show_default=False,
        ),
    ] = None,
    tax_year: Annotated[
        str | None,
        typer.Option(
            "--tax-year",
            metavar="YYYY-YY",
            help="The UK tax year, such as 2026-27. Default: the one containing today (from 6 April).",
            show_default=False,
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="rest-of-uk (the default) or scotland: Scottish income tax bands apply to salary and umbrella pay.",
            show_default=False,
        ),
    ] = None,
    salary: Annotated[
        str | None,
        typer.Option(
            "--salary",
            metavar="N",
            help="Outside IR35: the director's salary a year. Default: 12570, the personal allowance.",
            show_default=False,
        ),
    ] = None,
    expenses: Annotated[
        str,
        typer.Option(
            "--expenses",
            metavar="N",
            help="Outside IR35: company costs a year (accountant, insurance).",
        ),
    ] = "0",
    umbrella_margin: Annotated[
        str,
        typer.Option(
            "--umbrella-margin",
            metavar="N",
            help="Inside IR35: the umbrella company's margin in pounds per week worked (weeks = days / 5).",
        ),
    ] = "0",
    breakdown: Annotated[
        bool,
        typer.Option(
            "--breakdown",
            help="Also show the working for one point (your rate, or the first role's midpoint), line by line.",
        ),
    ] = False,
    fmt: FormatOption = "table",
    export: ExportOption = None,
    tax_data: TaxDataOption = None,
) -> None:
    """Show what each role's day rate leaves after tax, inside IR35 (through an umbrella company)
    and outside IR35 (through your own limited company), with the break-even inside rate and the
    permanent salary that leaves the same. An estimate, not tax advice.
    """
    from rolecompare.core import lookup, taxdata
    from rolecompare.core import pay as calc
    from rolecompare.core.errors import UsageError
    from rolecompare.ui import output

    with handled():
        if role and rate is not None:
            raise UsageError(
                "--rate and --role do not go together: --rate is a day rate of your own, for no "
                "role; drop one of them"
            )
        data = _load(ctx)
        chosen = lookup.resolve_roles(data, role or [])
        tax = taxdata.load_chosen(tax_data)[0]
        given = (
            None
            if rate is None
            else calc.amount(rate, "--rate", zero_ok=False, limit=100_000, example="525")
        )
        day_count = data.rates.billable_days if days is None else calc.whole_days(days)
        place = calc.resolve_region(tax, region)
        asked = None if tax_year is None else calc.resolve_year(tax, tax_year)
        from rolecompare.core.rates import today

        year, warning = calc.pick_year(tax, asked, today())
        if warning:
            output.warn(warning)
        settings = calc.Settings(
            year,
            place,
            day_count,
            tax.director_salary
            if salary is None
            else calc.amount(salary, "--salary", zero_ok=False, limit=10_000_000, example="12570"),
            calc.amount(expenses, "--expenses", zero_ok=True, limit=10_000_000, example="2000"),
            calc.amount(
                umbrella_margin, "--umbrella-margin", zero_ok=True, limit=100_000, example="25"
            ),
            tax.days_per_week,
        )
        results = (
            calc.compare_roles(settings, chosen)
            if given is None
            else calc.compare_rate(settings, given)
        )
        from rolecompare.screens import pay as screen

        shown = screen.PayScreen(
            data, tax, settings, results, default_days=days is None, breakdown=breakdown
        )
        _deliver(
            fmt,
            export,
            title="rolecompare pay",
            view=lambda width: screen.view(shown, width),
            markdown=lambda: screen.markdown(shown),
            document=lambda: screen.document(shown),
        )


@app.command(short_help="List role ids, names, aliases and dimension ids.")
def roles(
    ctx: typer.Context,
    fmt: FormatOption = "table",
) -> None:
    """List the role ids, names and aliases you can pass to --role, and the dimension ids."""
    from rolecompare.commands import roles as command

    with handled():
        command.run(ctx.find_root().obj, fmt)


@app.command(short_help="Check a data file and report every problem.")
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The data file to check. Default: --data, ROLECOMPARE_DATA or the built-in file."
        ),
    ] = None,
    fmt: ReportFormatOption = "table",
    tax_data: TaxDataOption = None,
) -> None:
    """Check a data file and print a summary, or every problem found (exit 1 when invalid).

    The tax figures file that pay uses is checked too (--tax-data, ROLECOMPARE_TAX_DATA or the
    built-in one).
    """
    from rolecompare.core import loader, quiz
    from rolecompare.core.errors import DATA_ERROR, DataError
    from rolecompare.core.text import plural
    from rolecompare.screens.pay import check_tax, tax_check_view
    from rolecompare.ui import output

    with handled():
        tax = check_tax(tax_data)
        target = path or loader.chosen_path(ctx.find_root().obj)[0]
        try:
            data, hygiene, target = loader.load_chosen(path or ctx.find_root().obj, recheck=True)
            if hygiene:
                raise DataError(
                    f"{target}: {plural(len(hygiene), 'problem')} in the data file", hygiene
                )
        except DataError as exc:
            problems = exc.details
            if fmt == "json":
                output.print_json(
                    {
                        "path": str(target),
                        "valid": False,
                        "problems": list(problems or (exc.message,)),
                        "tax": tax,
                    }
                )
            else:
                from rolecompare.render import problems_view

                output.show_long(problems_view(exc.message, problems), plain=fmt == "text")
                if not tax["valid"]:
                    output.show_long(tax_check_view(tax), plain=fmt == "text")
            raise typer.Exit(DATA_ERROR) from None
        from rolecompare.core.review import two_role_warnings

        balance = quiz.balance(data)
        warnings = quiz.data_warnings(data) + two_role_warnings(data)
        if fmt == "json":
            output.print_json(
                {
                    "path": str(target),
                    "valid": True,
                    "roles": list(data.roles),
                    "dimensions": list(data.dimensions),
                    "statements": len(data.quiz.statements),
                    "balance": {
                        r: {"statements": n, "max_weight": w} for r, (n, w) in balance.items()
                    },
                    "warnings": warnings,
                    "tax": tax,
                }
            )
        else:
            from rolecompare.render import validate_view

            output.show_long(
                validate_view(str(target), data, balance, warnings), plain=fmt == "text"
            )
            output.show_long(tax_check_view(tax), plain=fmt == "text")
        if not tax["valid"]:
            raise typer.Exit(DATA_ERROR)


QUIZ_CANCELLED = "Quiz cancelled; nothing was saved."


@app.command(short_help="Take the career-fit quiz and get an explained result.")
def quiz(
    ctx: typer.Context,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Numbered statements answered line by line (1-5, b for back); reads piped answers.",
        ),
    ] = False,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="ANSWERS",
            help="Every answer at once, in bank order: 5,4,2,... or 542... (see --questions).",
            show_default=False,
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers-file",
            metavar="FILE",
            help="Score a group: one respondent per line, 'name,answers' or just answers; - reads standard input.",
            show_default=False,
        ),
    ] = None,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="Also show how the answers were scored: by dimension, the answers that weighed most, every next step.",
        ),
    ] = False,
    fmt: Annotated[
        str,
        format_option(
            *FORMATS,
            help="How to print the result (markdown: a report to paste; json with --answers-file: one result per line).",
        ),
    ] = "table",
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            help="Also write the result as JSON to this file (written atomically).",
            show_default=False,
        ),
    ] = None,
    export: ExportOption = None,
    no_history: Annotated[
        bool, typer.Option("--no-history", help="Do not record this result in your quiz history.")
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="With --answers-file: also record every respondent's result in the history.",
        ),
    ] = False,
    questions: Annotated[
        bool,
        typer.Option(
            "--questions",
            help="List the statements in quiz order, with the role each is keyed to, and exit.",
        ),
    ] = False,
) -> None:
    """Take the career-fit quiz: rate statements 1-5 and see your interest in each role.

    Interactive with arrow keys in a terminal; --plain for screen readers and piped answers;
    --answers for scripts; --answers-file to score a group. Results are kept in your history
    (see: rolecompare history) unless --no-history. For exploration, not for hiring or
    employment decisions.
    """
    from rolecompare.core import quiz as engine
    from rolecompare.core.errors import UsageError

    with handled(cancelled=QUIZ_CANCELLED):
        data = _load(ctx)
        if questions:
            if plain or answers is not None or answers_file is not None or save or details:
                raise UsageError(
                    "--questions only lists the statements; leave out --plain, --answers, "
                    "--answers-file, --save and --details"
                )
            _list_questions(data, fmt, export)
            return
        if answers_file is not None:
            if plain or answers is not None or save or export or details:
                raise UsageError(
                    "--answers-file scores a group on its own; leave out --plain, --answers, "
                    "--save, --export and --details (redirect the output to keep it)"
                )
            if record and no_history:
                raise UsageError("--record and --no-history contradict each other; choose one")
            _score_group(data, answers_file, fmt, record=record)
            return
        if record:
            raise UsageError(
                "--record goes with --answers-file; a single result is recorded unless --no-history"
            )
        if plain and answers is not None:
            raise UsageError("--plain and --answers do not go together; choose one")
        if answers is not None:
            given = engine.parse_answers(answers, len(data.quiz.statements))
        else:
            from rolecompare.core.files import check_writable

            for target in (save, export):
                if target is not None:
                    check_writable(target)
            given = tuple(_ask(data, plain))
        _finish_quiz(ctx, data, given, fmt, save, export, keep=not no_history, details=details)


def _finish_quiz(
    ctx: typer.Context,
    data: "Dataset",
    given: tuple[int, ...],
    fmt: str,
    save: Path | None,
    export: Path | None,
    *,
    keep: bool,
    details: bool,
) -> None:
    """Score, record, show, export and save a finished quiz.

    A finished quiz is never thrown away: it is recorded and shown first, and a --save or
    --export that fails after that is reported with exit 1, the result still on the screen.
    """
    from rolecompare.core import history
    from rolecompare.core import quiz as engine
    from rolecompare.core.errors import DATA_ERROR, FileWriteError
    from rolecompare.serialize import quiz_json
    from rolecompare.ui import output

    result = engine.score(data, given)
    saved = quiz_json(data, result, history.now(output.warn))
    # JSON alone never shows the last attempt: a script need not pay for reading the history.
    previous, recorded = _remember(data, saved, keep=keep, compare=fmt != "json" or bool(export))
    data_path = ctx.find_root().obj
    data_option = f"--data {_quoted(str(data_path))} " if data_path is not None else ""

    def view(width: int) -> "RenderableType":
        from rolecompare.render_quiz import result_view

        return result_view(
            data,
            result,
            width,
            previous,
            recorded=recorded,
            details=details,
            data_option=data_option,
        )

    def markdown() -> str:
        from rolecompare.markdown import quiz_markdown

        return quiz_markdown(data, result, previous, recorded=recorded)

    failures: list[FileWriteError] = []
    try:
        _deliver(
            fmt,
            export,
            title="rolecompare quiz",
            view=view,
            markdown=markdown,
            document=lambda: saved,
        )
    except FileWriteError as exc:
        failures.append(exc)
    if save is not None:
        from rolecompare.core.files import write_atomic

        try:
            write_atomic(save, output.json_text(saved))
            _note(f"Saved the result to {save}")
        except FileWriteError as exc:
            failures.append(exc)
    if failures:
        for failure in failures:
            _report(failure)
        typer.echo(
            "The result is shown above"
            + (" and kept in your history (rolecompare history)." if recorded else "."),
            err=True,
        )
        raise typer.Exit(DATA_ERROR)


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
    data: "Dataset", saved: dict[str, Any], keep: bool, compare: bool = True
) -> tuple[str | None, bool | None]:
    """Record the result unless told not to; how the last comparable attempt went (when
    ``compare``), and whether this one was recorded (None: recording failed, a warning says why).

    History problems only warn: the person still gets the result they just worked through.
    """
    from rolecompare.core import history
    from rolecompare.core.errors import RoleCompareError
    from rolecompare.core.quiz import data_mark
    from rolecompare.ui import output

    previous = None
    try:
        if compare:
            loaded = history.load()
            for warning in loaded.warnings:
                output.warn(warning)
            previous = history.previous_line(data, loaded.records, data_mark(data))
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


def _show_group(
    data: "Dataset", respondents: "Iterable[Respondent]", fmt: str, taken_at: "dt.datetime"
) -> None:
    """The scored respondents as a table, Markdown or JSON Lines. JSON Lines are printed as each
    respondent is scored, so a flood of them holds nothing; a table or a report needs them all."""
    from rolecompare.core import group
    from rolecompare.ui import output

    if fmt == "json":
        for line in group.json_lines(data, respondents, taken_at):
            sys.stdout.write(line)
        sys.stdout.flush()
        return
    held = tuple(respondents)
    if not held:  # an empty table would only hide the errors below
        return
    if fmt == "markdown":
        from rolecompare.markdown import group_markdown

        output.deliver_text(group_markdown(data, held))
    else:
        from rolecompare.render_quiz import group_view

        output.show_long(group_view(data, held, output.layout_width()), plain=fmt == "text")


def _recorded(
    data: "Dataset", respondents: "Iterable[Respondent]", batch: "Batch", taken_at: "dt.datetime"
) -> "Iterator[Respondent]":
    """``respondents``, each added to ``batch`` as it passes."""
    from rolecompare.core import history
    from rolecompare.serialize import QuizDocuments

    documents = QuizDocuments(data, taken_at)
    for respondent in respondents:
        batch.add(history.record_of(documents.of(respondent.result)))
        yield respondent


def _score_group(data: "Dataset", source: str, fmt: str, *, record: bool) -> None:
    """Score every respondent in ``source``; bad lines are reported and the rest still scored.
    With ``record``, the results are recorded together, all or none, after they are shown."""
    from rolecompare.core import group, history
    from rolecompare.core.errors import DATA_ERROR
    from rolecompare.core.text import plural
    from rolecompare.ui import output

    scoring = group.Scoring(data, group.read_lines(source, sys.stdin))
    taken_at = history.now(output.warn)
    batch = history.Batch() if record else None
    shown = scoring if batch is None else _recorded(data, scoring, batch, taken_at)
    _show_group(data, shown, fmt, taken_at)
    if batch is not None:
        batch.append()
        typer.echo(f"Recorded {plural(batch.count, 'result')} in the history", err=True)
    for problem in scoring.problems:
        _note(f"Error: {problem}")
    if scoring.bad_lines:
        count = scoring.respondents
        typer.echo(
            f"{plural(scoring.bad_lines, 'line')} could not be scored; "
            f"{plural(count, 'respondent')} {'was' if count == 1 else 'were'} scored",
            err=True,
        )
    if scoring.problems:
        raise typer.Exit(DATA_ERROR)


@app.command("history", short_help="Past quiz results and how they moved over time.")
def history_command(
    ctx: typer.Context,
    fmt: FormatOption = "table",
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Show only the newest N results.", show_default=False),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Delete every recorded result (asks first).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --clear: do not ask.")] = False,
    export: ExportOption = None,
) -> None:
    """Show your past quiz results, newest first, and how each role's interest moved over time.

    Results live in your data folder (or ROLECOMPARE_HOME); every finished quiz is recorded
    unless it was run with --no-history.
    """
    from rolecompare.core import history
    from rolecompare.core.errors import UsageError
    from rolecompare.ui import output

    with handled(cancelled="Cancelled; nothing was deleted."):
        if yes and not clear:
            raise UsageError("--yes only goes with --clear: rolecompare history --clear --yes")
        if clear:
            _clear_history(yes)
            return
        from rolecompare.core.quiz import data_mark

        data = _load(ctx)
        loaded = history.load()
        for warning in loaded.warnings:
            output.warn(warning)
        mark = data_mark(data)
        rows = history.describe(data, loaded.records, mark, limit)
        if not rows and export is not None:
            raise UsageError("there is no history to export yet; take the quiz first")
        if not rows and fmt in ("table", "text"):
            typer.echo("No quiz results yet; take the quiz with: rolecompare quiz", err=True)
            return

        def view(width: int) -> "RenderableType":
            from rolecompare.render_history import history_view

            return history_view(data, rows, width)

        def markdown() -> str:
            from rolecompare.markdown import history_markdown

            return history_markdown(data, rows)

        def document() -> Any:
            return {
                "path": str(history.history_path()),
                "bank_version": data.quiz.version,
                "data_mark": mark,
                "results": [
                    {
                        **row.record.to_json(),
                        "other_bank": row.other_bank,
                        "other_data_file": row.other_data,
                    }
                    for row in rows
                ],
                "warnings": list(loaded.warnings),
            }

        _deliver(
            fmt,
            export,
            title="rolecompare history",
            view=view,
            markdown=markdown,
            document=document,
            page=True,
        )


def _clear_history(yes: bool) -> None:
    from rolecompare.core import history
    from rolecompare.core.errors import UsageError

    path = history.history_path()
    if not yes:
        if not _stdin_is_terminal():
            raise UsageError(
                "refusing to clear the history without confirmation; pass --yes to clear it"
            )
        from rolecompare.core.untrusted import inert_line

        if not typer.confirm(
            f"Delete every quiz result in {inert_line(str(path))}?", default=False, err=True
        ):
            typer.echo("Nothing was deleted.", err=True)
            return
    count = history.clear(path)
    if count is None:
        _note(
            f"Cleared the history {path} (it could not be read: how many results it held is unknown)"
        )
    else:
        from rolecompare.core.text import plural

        _note(f"Cleared {plural(count, 'result')} from {path}")


def _list_questions(data: "Dataset", fmt: str, export: Path | None) -> None:
    def view(width: int) -> "RenderableType":
        from rolecompare.render_quiz import questions_view

        return questions_view(data, width)

    def markdown() -> str:
        from rolecompare.markdown import questions_markdown

        return questions_markdown(data)

    def document() -> Any:
        from rolecompare.serialize import questions_json

        return questions_json(data)

    _deliver(
        fmt,
        export,
        title="rolecompare quiz --questions",
        view=view,
        markdown=markdown,
        document=document,
        page=True,
    )


def _ask(data: "Dataset", plain: bool) -> list[int]:
    """Collect answers from a person: line by line with --plain, else with arrow keys."""
    from rolecompare.core.errors import UsageError
    from rolecompare.render_quiz import intro_view
    from rolecompare.ui import output

    if plain:
        from rolecompare.ui import plain as line_by_line

        if sys.stdin is None:
            raise UsageError(
                "standard input is closed; give the answers on it, one per line, or use --answers"
            )
        interactive = _stdin_is_terminal()
        if interactive:
            output.console(stderr=True).print(
                intro_view(data, "Type the number and press Enter; b goes back.")
            )
        return line_by_line.ask_all(data, sys.stdin, sys.stderr, interactive=interactive)
    if not (_stdin_is_terminal() and sys.stdout.isatty()):
        raise UsageError(
            "the interactive quiz needs a terminal; use --plain to answer line by line from standard input, "
            "or --answers 5,4,2,... to give every answer at once"
        )
    output.show(
        intro_view(
            data,
            "Arrow keys and Enter to answer; Back returns to the previous statement; Ctrl-C stops.",
        )
    )
    from rolecompare.ui import prompts

    try:
        return prompts.ask_all(data)
    except EOFError:
        raise UsageError(
            "input ended before the quiz was finished; run it again in a terminal, or use --plain"
        ) from None


def main() -> None:
    """The console-script entry point: the streams and signals made safe once, around every
    command, so a closed or full output or a SIGTERM is one line, never a traceback."""
    from rolecompare.core import signals
    from rolecompare.ui import output

    problem = output.prepare_streams()
    if problem is not None:
        if sys.stderr is not None:
            sys.stderr.write(f"Error: {problem}\n")
        sys.exit(1)
    signals.install()
    status: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        status = exc.code
    except OSError as exc:  # the core turns its own file errors into RoleCompareError
        problem = output.uncaught(exc)
        status = 1
    except signals.Terminated as exc:  # outside any command, e.g. while Typer parses
        status = exc.exit_code
    problem = problem or output.finish()
    if problem is not None:
        with suppress(OSError):
            sys.stderr.write(f"Error: {problem}\n")
            sys.stderr.flush()
        status = status or 1
    sys.exit(status)
