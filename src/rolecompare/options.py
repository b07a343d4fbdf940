"""Option plumbing every command shares: global options after the command, and format names.

Only ``typer`` is imported here: this module is on the start-up path of every command, ``--help``
and tab completion included.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

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

    Done once here, for every command, including commands added later.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        params: list[Any] = list(self.params)
        options = [p for p in params if p.param_type_name == "option" and not p.hidden]
        listed = ", ".join(
            param.opts[-1] if param.is_flag else f"{param.opts[-1]} {param.metavar or 'VALUE'}"
            for param in options
        )
        note = (
            f"Global options may also come after the command: {listed} (see: rolecompare --help)."
        )
        for command in self.commands.values():
            command.epilog = command.epilog or note

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self._reordered(ctx, args))

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
    also = f" ({' and '.join(aliases)} also work)" if aliases else ""
    listing = f"{', '.join(choices[:-1])} or {choices[-1]}{also}"

    def parse(value: str) -> str:
        name = str(value).strip().casefold()
        name = aliases.get(name, name)
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
