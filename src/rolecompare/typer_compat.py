"""Every use of Typer's private parts, in one place, each with Typer's own behaviour to fall back on.

rolecompare is tested against the Typer range pinned in pyproject.toml, and two things it does
reach past Typer's public API. Only this module touches what they need:

- **Usage errors in the tool's own words** (:data:`CLICK_ERRORS`, used by
  :class:`rolecompare.options.GlobalOptionsGroup`): Typer 0.26+ carries click inside itself as
  ``typer._click`` and gives no public name to the exception classes that tell a usage error
  (refused value, unknown option) from any other.
- **Option values converted without pydantic** (:func:`prepare`): Typer 0.29+ converts every
  option value (given or default) through a pydantic ``TypeAdapter`` it builds for each parameter
  the first time a command runs. The first adapter costs about 90 ms of CPU per run (importing
  pydantic, its schema machinery and its plugin loader), more than the rest of
  ``rates --format json``. Typer builds that converter lazily, only when the parameter's private
  ``_runtime_param`` is still None; :func:`prepare` fills it in first, for ``bool``, plain ``str``,
  a ``str`` with a ``parser=``, ``int`` with optional ``min``/``max``, ``list[str]`` and
  ``pathlib.Path``.

Each is guarded, so that a Typer which moves, renames or reshapes these internals (an
ImportError, an AttributeError, a signature that no longer matches) slows rolecompare down or
changes the wording of an error, but never stops a command from starting: without
``typer._click.exceptions`` Typer prints usage errors itself, and without ``typer._coercion`` as
tested Typer converts every option itself (through pydantic, as the minimal Typer app does).

The rule that keeps light conversion safe: a light converter only ever returns a value when it is
certain Typer would have returned the same one. Anything else (an invalid or unusual value, bytes,
a number out of range, a path Typer would refuse) is handed to Typer's own converter, built on the
spot, so what is refused and every error message stay Typer's own. A parameter of any other kind,
or one that does not look like Typer's own, is left to Typer untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, get_origin


class ClickErrors(NamedTuple):
    """The exception classes of the click inside Typer that rolecompare needs to know by name."""

    base: type[ClickException]
    """Every error click reports itself with an exit code: usage errors, and a parser's own."""
    usage: type[UsageError]
    """An error in what was typed: shown with the command's usage line."""
    no_such_option: type[NoSuchOption]
    """An unknown option: shown with the closest names."""


CLICK_ERRORS: ClickErrors | None
"""Click's exception classes, or None with a Typer that keeps them elsewhere (it then prints
usage errors itself)."""
try:
    from typer._click.exceptions import ClickException, NoSuchOption, UsageError
except ImportError:
    CLICK_ERRORS = None
else:
    CLICK_ERRORS = ClickErrors(ClickException, UsageError, NoSuchOption)

ASK_TYPER: Any = object()
"""What a light converter returns for a value it leaves to Typer."""

Convert = Callable[[Any], Any]


def _arguments(function: Any) -> tuple[str, ...]:
    """The argument names of a Python function, read from its code: ``inspect.signature`` costs a
    hundred times more, and this is read on every run."""
    code = function.__code__
    names: tuple[str, ...] = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    return names


def _converts_as_tested(runtime_param: type[Any], build: Callable[..., Any]) -> bool:
    """Whether Typer's converter contract still has the shape :class:`LightRuntimeParam` relies
    on: made from ``parameter_info`` and ``annotation``, with ``coerce(value, param, ctx)``
    answering None and multi-value checks and handing every other value to the abstract
    ``_coerce_value(value, param, ctx)``, and ``build_runtime_param(descriptor)`` building
    Typer's own. Anything else (another name, argument or kind of function) is not built on."""
    expected = ("self", "value", "param", "ctx")
    try:
        return (
            {"parameter_info", "annotation"} <= set(_arguments(runtime_param.__init__))
            and _arguments(runtime_param.coerce) == expected
            and _arguments(runtime_param._coerce_value) == expected
            and "_coerce_value" in runtime_param.__abstractmethods__
            and len(_arguments(build)) == 1
        )
    except AttributeError:
        return False


LIGHT_CONVERSION: bool
"""Whether :func:`prepare` gives options light converters: only with Typer's converter contract
as tested, and with click's errors known (a parser's own usage error must reach Typer as is)."""
try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # a Typer that converts options some other way converts them all itself
    LIGHT_CONVERSION = False
else:

    class LightRuntimeParam(RuntimeParam):
        """Typer's runtime converter contract (None, multi-value checks in ``coerce``), with the
        conversion itself done by ``convert`` and Typer's own converter as the fallback.

        Not a dataclass of its own: making one costs more start-up time than it saves typing.
        """

        convert: Convert

        def __init__(self, descriptor: Any, convert: Convert) -> None:
            super().__init__(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
            object.__setattr__(self, "convert", convert)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            result = self.convert(value)
            if result is ASK_TYPER:
                typer_own = build_runtime_param(param.type_descriptor)
                return typer_own.coerce(value, param=param, ctx=ctx)
            return result

    LIGHT_CONVERSION = CLICK_ERRORS is not None and _converts_as_tested(
        RuntimeParam, build_runtime_param
    )


def _flag(value: Any) -> Any:
    """Typer skips converting a flag's True or False itself, but not the None of ``--help`` and
    of its completion options when they are not given (which ``coerce`` answers before this)."""
    return value if type(value) is bool else ASK_TYPER


def _text(value: Any) -> Any:
    return value if type(value) is str else ASK_TYPER


def _texts(value: Any) -> Any:
    if type(value) in (list, tuple) and all(type(item) is str for item in value):
        return list(value)
    return ASK_TYPER


def _parsed(parser: Callable[[Any], Any]) -> Convert:
    def convert(value: Any) -> Any:
        try:
            return parser(value)
        except ClickException:
            raise  # passes through pydantic unchanged in Typer too
        except Exception:  # pydantic words a ValueError its own way: let Typer say it
            return ASK_TYPER

    return convert


def _plain_whole(text: str) -> bool:
    """A whole number written plainly (``-`` and up to 18 ASCII digits): read the same by
    pydantic and ``int()``. Spaces, ``+``, ``_``, ``12.0`` and other digits are left to Typer,
    whose pydantic accepts some of them."""
    digits = text[1:] if text.startswith("-") else text
    return 0 < len(digits) <= 18 and digits.isascii() and digits.isdigit()


def _whole(low: int | None, high: int | None) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is str and _plain_whole(value):
            number = int(value)
        elif type(value) is int:
            number = value
        else:
            return ASK_TYPER
        if (low is not None and number < low) or (high is not None and number > high):
            return ASK_TYPER
        return number

    return convert


def _path(value: Any) -> Any:
    """``Path(value)``, when Typer's own checks for a path that need not exist would pass:
    no such file, or one that can be read (what ``typer._param_types.coerce_cli_path`` asks)."""
    if type(value) is not str or "\x00" in value:
        return ASK_TYPER
    path = Path(value)
    try:
        path.stat()
    except OSError:
        return path
    except ValueError:
        return ASK_TYPER
    return path if os.access(path, os.R_OK) else ASK_TYPER


def _is_bound(bound: Any) -> bool:
    return bound is None or type(bound) is int


def _plain_path(info: Any) -> bool:
    """A ``Path`` option with Typer's defaults: need not exist, files and folders, readable."""
    return (
        info.path_type is None
        and info.file_okay is True
        and info.dir_okay is True
        and info.readable is True
        and not info.writable
        and not info.exists
        and not info.resolve_path
        and not info.allow_dash
    )


def converter(descriptor: Any) -> Convert | None:
    """The light converter for a Typer type descriptor, or None to leave it to Typer."""
    annotation = descriptor.annotation
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None:
        return None
    if info.parser is not None:
        return _parsed(info.parser) if get_origin(annotation) is None else None
    if annotation is bool:
        return _flag
    if annotation is str:
        return _text
    if annotation == list[str]:
        return _texts
    if annotation is int and not info.clamp and _is_bound(info.min) and _is_bound(info.max):
        return _whole(info.min, info.max)
    if annotation is Path and _plain_path(info):
        return _path
    return None


def prepare(params: Iterable[Any]) -> None:
    """Give each parameter of a simple kind its light converter, before Typer converts values.

    Parameters already converted once, of another kind, or not Typer's own are left alone, and
    all of them with a Typer whose internals are not as tested (see :data:`LIGHT_CONVERSION`).
    """
    if not LIGHT_CONVERSION:
        return
    for param in params:
        if getattr(param, "_runtime_param", ASK_TYPER) is not None:
            continue
        descriptor = getattr(param, "type_descriptor", None)
        try:
            convert = converter(descriptor)
            if convert is not None:
                param._runtime_param = LightRuntimeParam(descriptor, convert)
        except (AttributeError, TypeError):
            continue
