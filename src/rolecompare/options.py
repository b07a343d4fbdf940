"""Option plumbing every command shares: the global options (accepted after the command too),
format names, and the declarations of options several commands take (--role, --export, --format,
--tax-data), with their completion and early checks.

Only ``typer`` and :mod:`rolecompare.typer_compat` (which needs nothing more) are imported here:
this module is on the start-up path of every command, ``--help`` and tab completion included.
Typer's internals (click's error classes, its option converters) are reached only through
:mod:`rolecompare.typer_compat`, which stands aside when a Typer lacks them.
"""

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from rolecompare import __version__, typer_compat

if TYPE_CHECKING:
    from rolecompare.core.models import Dataset

FORMAT_ALIASES = {"md": "markdown", "txt": "text"}
"""Short names people type because the export suffixes are ``.md`` and ``.txt``."""


def _arity(params: Iterable[Any]) -> dict[str, bool]:
    """Every option name of ``params``, mapped to whether it takes a value."""
    names: dict[str, bool] = {}
    for param in params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        takes_value = not (param.is_flag or param.count)
        for name in (*param.opts, *param.secondary_opts):
            names[name] = takes_value
    return names


def _option_name(arg: str) -> str:
    return arg.split("=", 1)[0] if arg.startswith("--") else arg


class MissingValue(Exception):
    """A global option after the command, with nothing after it to be its value."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def hoist(args: Sequence[str], global_options: dict[str, bool], own: dict[str, bool]) -> list[str]:
    """Move global options found after the command (``args[0]``) to before it.

    An option the command itself defines stays with the command, as does everything after
    ``--``; values of the command's own options are skipped, so ``-d --data`` keeps ``--data``
    as the dimension it names.
    """
    command, rest = args[0], list(args[1:])
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            kept += rest[i:]
            break
        name = _option_name(arg)
        takes_value = "=" not in arg
        if name in global_options and name not in own:
            width = 2 if global_options[name] and takes_value else 1
            if i + width > len(rest):
                raise MissingValue(name)
            moved += rest[i : i + width]
            i += width
            continue
        width = 2 if own.get(name) and takes_value else 1
        kept += rest[i : i + width]
        i += width
    return [*moved, command, *kept]


class GlobalOptionsGroup(TyperGroup):
    """A command group whose own options (``--data``, ``--no-color``, ...) may also follow the
    command: ``rolecompare rates --data my.toml`` works like ``rolecompare --data my.toml rates``.

    Done once here, for every command, including commands added later. The group also hands the
    options of the command being run to :func:`rolecompare.typer_compat.prepare`, so parsing them
    does not import pydantic.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        params: list[Any] = list(self.params)
        options = [p for p in params if p.param_type_name == "option" and not p.hidden]
        listed = ", ".join(
            param.opts[0] if param.is_flag else f"{param.opts[0]} {param.metavar or 'VALUE'}"
            for param in options
        )
        note = (
            f"Global options may also come after the command: {listed} (see: rolecompare --help)."
        )
        for command in self.commands.values():
            command.epilog = command.epilog or note

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's own main, except that usage errors are printed by :func:`show_error`, the
        one place they reach the screen (standalone mode: the console script and CliRunner).
        With a Typer whose click errors are not where rolecompare knows them, Typer's own."""
        import sys

        def run(standalone: bool) -> Any:
            return super(GlobalOptionsGroup, self).main(
                args,
                prog_name,
                complete_var,
                standalone_mode=standalone,
                windows_expand_args=windows_expand_args,
                **extra,
            )

        errors = typer_compat.CLICK_ERRORS
        if not standalone_mode or errors is None:
            return run(standalone_mode)
        try:
            status = run(False)
        except errors.base as error:
            show_error(error, errors)
            sys.exit(error.exit_code)
        except typer.Abort:
            show_error(errors.base("aborted"), errors)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        typer_compat.prepare(self.get_params(ctx))
        return super().parse_args(ctx, self._reordered(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """The command about to run (or be completed), its options given light converters.

        Its ``--help`` option too, which click makes once per command from the names its context
        will have: this group's, unless the command sets its own (then ``--help`` is left to
        Typer rather than made here with the wrong names).
        """
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            own_names = "help_option_names" in (command.context_settings or {})
            typer_compat.prepare(command.params if own_names else command.get_params(ctx))
        return name, command, rest

    def _reordered(self, ctx: Any, args: list[str]) -> list[str]:
        global_options = _arity(self.params)
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--" or not arg.startswith("-") or arg == "-":
                break
            i += 2 if global_options.get(_option_name(arg)) and "=" not in arg else 1
        if i >= len(args) or args[i] == "--":
            return args
        command = self.get_command(ctx, args[i])
        if command is None:
            return args
        try:
            return [*args[:i], *hoist(args[i:], global_options, _arity(command.params))]
        except MissingValue as missing:
            fail: Callable[[str], NoReturn] = ctx.fail
            fail(f"Option '{missing.name}' requires an argument.")


def format_option(*choices: str, help: str) -> Any:
    """``--format/-f`` accepting ``choices`` in any case, plus ``md`` and ``txt`` for them.

    Returns the ``typer.Option`` to put in an ``Annotated[str, ...]``; the value is the canonical
    name. An unknown name is refused in the tool's own words, listing the formats.
    """
    aliases = {short: full for short, full in FORMAT_ALIASES.items() if full in choices}
    verb = "works" if len(aliases) == 1 else "work"
    also = f" ({' and '.join(aliases)} also {verb})" if aliases else ""
    listing = f"{', '.join(choices[:-1])} or {choices[-1]}{also}"

    def parse(value: str) -> str:
        name = str(value).strip().casefold()
        name = aliases.get(name, name)
        if name == "csv" and name not in choices:  # a format of the tool, not of this command
            raise typer.BadParameter(
                f"csv needs a plain table: use it with rates, pay or quiz --answers-file; "
                f"here use {listing}"
            )
        if name not in choices:
            raise typer.BadParameter(f"unknown format '{value}'; use {listing}")
        return name

    def complete(incomplete: str) -> list[str]:
        return [name for name in (*choices, *aliases) if name.startswith(incomplete.casefold())]

    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        metavar="FORMAT",
        help=f"{help} One of: {listing}.",
        autocompletion=complete,
    )


def _range(param: Any, whole: bool) -> str:
    """``a whole number from 20 to 1000``: what the option accepts, from its own bounds."""
    kind = "a whole number" if whole else "a number"
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}"
    if low is not None:
        return f"{kind} of at least {low}"
    if high is not None:
        return f"{kind} of at most {high}"
    return kind


def _own_words(error: Any) -> str | None:
    """A value Typer's validation library refused, said in this tool's words: the option, the
    value typed and what it accepts. None for errors that are already in the tool's words."""
    cause = error.__cause__
    param = getattr(error, "param", None)
    if cause is None or param is None:
        return None  # not from pydantic: no need to import it (about 90 ms) to find that out
    from pydantic import ValidationError

    if not isinstance(cause, ValidationError) or not cause.errors():
        return None
    first = cause.errors()[0]
    name = "/".join(param.opts) if getattr(param, "opts", None) else param.name
    typed = first.get("input")
    kind = str(first.get("type", ""))
    whole = "float" not in kind and not any(
        isinstance(getattr(param, bound, None), float) for bound in ("min", "max")
    )
    accepted = _range(param, whole)
    if kind.endswith("_parsing") or kind.endswith("_type") or kind == "int_from_float":
        problem = f"'{typed}' is not {'a whole number' if whole else 'a number'}"
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        problem = f"{typed} is out of range"
    else:
        problem = f"'{typed}' is not accepted"
    return f"{name}: {problem}; use {accepted}"


def _suggestions(error: Any) -> str | None:
    """An unknown option, with the closest names among the command's own options and the
    global ones (which may come after the command too)."""
    import difflib

    ctx = error.ctx
    if ctx is None:
        return None
    names: set[str] = set()
    for scope in (ctx, *_parents(ctx)):
        names.update(_arity(scope.command.params))
    close = difflib.get_close_matches(error.option_name, sorted(names), n=3, cutoff=0.7)
    also = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no such option: {error.option_name}{also}"


def _parents(ctx: Any) -> Iterable[Any]:
    while ctx.parent is not None:
        ctx = ctx.parent
        yield ctx


def show_error(error: Any, errors: typer_compat.ClickErrors) -> None:
    """The one place a usage error from option parsing reaches the screen; ``errors`` are the
    classes to tell its kind by.

    Everything typed is echoed inert (no escape sequence reaches the terminal), numeric values
    are explained in the tool's words, and a full or closed stderr cannot change the exit code.
    """
    import sys
    from contextlib import suppress

    from rolecompare.core.untrusted import inert

    ctx = getattr(error, "ctx", None)
    message = (
        _suggestions(error) if isinstance(error, errors.no_such_option) else _own_words(error)
    ) or error.format_message()
    lines = []
    if isinstance(error, errors.usage) and ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.\n")
    lines.append(f"Error: {message}")
    with suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(inert("\n".join(lines)) + "\n")
        sys.stderr.flush()


# ------------------------------------------------------------------ options several commands share


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rolecompare {__version__}")
        raise typer.Exit()


def global_options(
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


def _data_for_completion(ctx: typer.Context) -> "Dataset | None":
    """The data in use while the shell asks for completions; None when it cannot be read."""
    from rolecompare.core import loader
    from rolecompare.core.errors import RoleCompareError

    try:
        return loader.load(loader.resolve_data_path(ctx.find_root().params.get("data")))
    except RoleCompareError:
        return None


def complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _data_for_completion(ctx)
    return [r for r in data.roles if r.startswith(incomplete.casefold())] if data else []


def complete_dimension(ctx: typer.Context, incomplete: str) -> list[str]:
    data = _data_for_completion(ctx)
    return [d for d in data.dimensions if d.startswith(incomplete.casefold())] if data else []


RoleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        "-r",
        metavar="ROLE",
        help="A role id, name or alias, or a unique start of 3 or more letters (any case); repeat to choose several, in the order wanted. Default: all roles.",
        autocompletion=complete_role,
        show_default=False,
    ),
]


def _check_export(value: Path | None) -> Path | None:
    """An unknown suffix is a usage error (2); a path that cannot be written is a file error (1),
    the same as for ``--save``, and found before any work is done."""
    if value is not None:
        from rolecompare.core.errors import RoleCompareError
        from rolecompare.core.files import check_writable
        from rolecompare.core.untrusted import inert_line
        from rolecompare.ui.deliver import report
        from rolecompare.ui.export import unsupported

        problem = None if _is_dir(value) else unsupported(value)
        if problem:
            raise typer.BadParameter(inert_line(problem))
        try:
            check_writable(value)
        except RoleCompareError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None
    return value


def _is_dir(path: Path) -> bool:
    """Like ``Path.is_dir``, but a name too long to look up is simply not a directory."""
    try:
        return path.is_dir()
    except OSError:
        return False


def export_option(suffixes: str) -> Any:
    """``--export PATH``, offering ``suffixes``: a command's exports are its formats as files."""
    return typer.Option(
        "--export",
        metavar="PATH",
        help=f"Also write what is shown to this file: {suffixes}, by its suffix.",
        callback=_check_export,
        show_default=False,
    )


ExportOption = Annotated[Path | None, export_option(".svg, .html, .md, .txt, .json or .csv")]
DocumentExportOption = Annotated[Path | None, export_option(".svg, .html, .md, .txt or .json")]
"""For a command without CSV (:data:`DocumentFormatOption`)."""


FORMATS = ("table", "text", "markdown", "json", "csv")
"""table: drawn for the terminal; text: the same without colours or styles, like a .txt export;
csv: where a command's data is a plain table (rates, pay, a group's results), else refused."""
FormatOption = Annotated[str, format_option(*FORMATS, help="How to print the result.")]
DocumentFormatOption = Annotated[str, format_option(*FORMATS[:-1], help="How to print the result.")]
"""For a command whose result is prose, bars and several tables, which no one flat CSV holds."""
ReportFormatOption = Annotated[
    str, format_option("table", "text", "json", help="How to print the report.")
]


TaxDataOption = Annotated[
    str | None,
    typer.Option(
        "--tax-data",
        metavar="PATH",
        help="Use this tax figures file instead of the built-in one (or set ROLECOMPARE_TAX_DATA).",
        show_default=False,
    ),
]

StudentLoanOption = Annotated[
    list[str] | None,
    typer.Option(
        "--student-loan",
        metavar="PLAN",
        help="A student loan you repay: plan1, plan2, plan4, plan5 or postgraduate; repeat for an undergraduate plan plus postgraduate. Through PAYE inside IR35, self assessment outside.",
        show_default=False,
    ),
]
DrawOption = Annotated[
    str,
    typer.Option(
        "--draw",
        metavar="all|higher-rate-threshold|N",
        help="Outside IR35: how much to draw, as salary plus dividends a year; the rest stays in the company after corporation tax (shown as retained, not take-home).",
    ),
]
