"""The Typer app: each command's options declared, handed to its module in
:mod:`rolecompare.commands`, and its errors, Ctrl-C and signals mapped to exit codes.

Heavy modules (rich, pydantic models, questionary) are imported inside the commands that need
them, so ``--help``, ``--version`` and tab completion stay quick. No ``from __future__ import
annotations`` here: Typer would evaluate every string annotation of every command at start-up.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from rolecompare.options import (
    FORMATS,
    DocumentExportOption,
    DocumentFormatOption,
    DrawOption,
    ExportOption,
    FormatOption,
    GlobalOptionsGroup,
    ReportFormatOption,
    RoleOption,
    StudentLoanOption,
    TaxDataOption,
    complete_dimension,
    format_option,
    global_options,
)
from rolecompare.ui.deliver import report

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
app.callback()(global_options)


@contextmanager
def handled(cancelled: str = "Cancelled.") -> Iterator[None]:
    """Turn the core's errors, Ctrl-C, SIGTERM and SIGHUP into one line on stderr and the
    documented exit code."""
    from rolecompare.core.errors import CANCELLED, Cancelled, RoleCompareError
    from rolecompare.core.signals import Terminated

    try:
        yield
    except RoleCompareError as exc:
        report(exc)
        raise typer.Exit(exc.exit_code) from None
    except (KeyboardInterrupt, typer.Abort, Terminated, Cancelled) as exc:
        said = (exc.message if isinstance(exc, Cancelled) else None) or cancelled
        try:
            # After ^C at a prompt the cursor is still on the prompt's line.
            typer.echo(("\n" if _stdin_is_terminal() else "") + said, err=True)
        except OSError:  # the terminal is gone (a hang-up): the exit code still tells
            from rolecompare.ui import output

            output.discard_stderr()
        raise typer.Exit(getattr(exc, "exit_code", CANCELLED)) from None


def _stdin_is_terminal() -> bool:
    """Whether a person can answer prompts; one place, so tests can stand in for a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


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
            autocompletion=complete_dimension,
            show_default=False,
        ),
    ] = None,
    role: RoleOption = None,
    fmt: DocumentFormatOption = "table",
    export: DocumentExportOption = None,
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
            metavar="DAYS",
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


@app.command(
    short_help="Take-home pay per role, inside and outside IR35, after UK tax.",
    # A stray day rate (``pay 450``) reaches the command, which suggests --rate 450.
    context_settings={"allow_extra_args": True},
)
def pay(
    ctx: typer.Context,
    role: RoleOption = None,
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            metavar="N",
            help="A day rate of your own, in pounds, instead of the roles' ranges; repeat to compare several. Each is shown inside and outside IR35.",
            show_default=False,
        ),
    ] = None,
    offer: Annotated[
        list[str] | None,
        typer.Option(
            "--offer",
            metavar="RATE:ROUTE",
            help="An offer you have: a day rate and inside or outside, such as 450:outside; repeat to compare them side by side, each against the first.",
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
            help="Outside IR35: the director's salary a year, or best for the one that leaves the most. Default: 12570, the personal allowance.",
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
    pension: Annotated[
        str,
        typer.Option(
            "--pension",
            metavar="N",
            help="A pension contribution in pounds a year: by salary sacrifice inside IR35, by the company outside.",
        ),
    ] = "0",
    student_loan: StudentLoanOption = None,
    draw: DrawOption = "all",
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
    from rolecompare.commands import pay as command

    with handled():
        command.run(
            ctx.find_root().obj,
            fmt,
            export,
            role=role,
            rate=rate,
            offer=offer,
            days=days,
            tax_year=tax_year,
            region=region,
            salary=salary,
            expenses=expenses,
            umbrella_margin=umbrella_margin,
            pension=pension,
            student_loan=student_loan,
            draw=draw,
            breakdown=breakdown,
            tax_data=tax_data,
            extra=ctx.args,
        )


@app.command(short_help="List role ids, names, aliases and dimension ids.")
def roles(
    ctx: typer.Context,
    fmt: DocumentFormatOption = "table",
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
    from rolecompare.commands import validate as command

    with handled():
        status = command.run(ctx.find_root().obj, path, fmt, tax_data)
    if status:
        raise typer.Exit(status)


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
            help="How to print the result (markdown: a report to paste; json with --answers-file: one result per line; csv only with --answers-file).",
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
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on with the quiz stopped last time (Ctrl-C or end of input) from its next statement.",
        ),
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
    from rolecompare.commands import quiz as command

    with handled(cancelled=QUIZ_CANCELLED):
        status = command.run(
            ctx.find_root().obj,
            fmt,
            plain=plain,
            answers=answers,
            answers_file=answers_file,
            details=details,
            save=save,
            export=export,
            no_history=no_history,
            record=record,
            questions=questions,
            resume=resume,
            terminal=_stdin_is_terminal(),
        )
        if status:
            raise typer.Exit(status)


@app.command("history", short_help="Past quiz results and how they moved over time.")
def history_command(
    ctx: typer.Context,
    fmt: DocumentFormatOption = "table",
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=1, metavar="N", help="Only the newest N results.", show_default=False
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Delete every recorded result (asks first).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --clear: do not ask.")] = False,
    export: DocumentExportOption = None,
    result: Annotated[
        int | None,
        typer.Option(
            "--result",
            min=1,
            metavar="N",
            help="With --export: which result to write in full, 1 the latest (the default), "
            "2 the one before, and so on.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show your past quiz results, newest first, and how each role's interest moved over time.

    Results live in your data folder (or ROLECOMPARE_HOME); every finished quiz is recorded
    unless it was run with --no-history.
    """
    from rolecompare.commands import history as command

    with handled(cancelled="Cancelled; nothing was deleted."):
        command.run(
            ctx.find_root().obj,
            fmt,
            limit=limit,
            export=export,
            result=result,
            clear=clear,
            yes=yes,
            confirm=lambda path: command.confirm_clear(path, terminal=_stdin_is_terminal()),
        )


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
    except MemoryError:  # a limit (ulimit -v) or a full machine; what it held is freed by now
        problem = output.OUT_OF_MEMORY
        status = 1
    problem = problem or output.finish()
    if problem is not None:
        try:
            sys.stderr.write(f"Error: {problem}\n")
            sys.stderr.flush()
        except OSError:
            output.discard_stderr()
        status = status or 1
    sys.exit(status)
