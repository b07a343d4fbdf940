"""Option values converted without pydantic (rolecompare.typer_compat) must be exactly Typer's.

Each light converter is compared with Typer's own, built the way Typer builds it, for many
values of every kind of option the app has: the same value back, or the same error and message.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import typer.main
from typer._click import Context
from typer._coercion import build_runtime_param
from typer.testing import CliRunner

from rolecompare import typer_compat
from rolecompare.cli import app
from rolecompare.options import GlobalOptionsGroup
from tests.conftest import Invoke

WHOLE = [
    *("1", "7", "20", "30", "366", "367", "1000", "1001", "0", "-0", "-1", "-5", "-366"),
    *("+5", "+30", " 12 ", " 30", "30 ", "12\n", "\t30", "1_000", "3_0", "1.5", "1.0", "12.0"),
    *("30.0", "30.5", "", " ", "-", "--5", "+-5", "١٢", "٣٠", "１２", "３０", "²", "0x10", "1e2"),
    *("abc", "thirty", "9" * 18, "9" * 19, "9" * 30, "9" * 5000, "0" * 20 + "30", "007", "030"),
    *("-" + "9" * 18, "\udcff", "3\x00", "inf", "nan", "30\x1b[31m"),
    *(True, False, 12, 30, 0, -3, 30.0, 30.5, b"30", b"abc", (), ("30",), ["30"]),
]
TEXT = [
    *("abc", "", " ", "\udcff", "a\x00b", "é", "١٢", "\x1b[31m", "x" * 10_000, "-", "--data"),
    *(b"ab", b"\xff", 5, 2.5, True, ("a",), ["a"]),
]
TEXTS = [
    *(("a", "b"), ["a"], (), [], "a", "", ("\udcff",), (b"x",), ("a", 5), ("",)),
    *(("pmo", "pmo", "pm"), b"ab", 5),
]
FORMATS = [
    *("json", "JSON", " Json ", "md", "MD", "txt", "table", "text", "markdown", "csv", "zz", ""),
    *("\udcff", "ｊｓｏｎ", "j", "json\x1b", b"json", 5, ("json",)),
]
FLAGS = [True, False, "true", "1", "yes", "no", "0", "", "maybe", 1, 0, 2, b"yes"]


def _paths(root: Path) -> list[Any]:
    existing = root / "exists.json"
    existing.write_text("{}", encoding="utf-8")
    folder = root / "folder"
    folder.mkdir()
    return [
        *("x.json", "", ".", "..", "~", "a//b/", "./x.md", "-", "a\x00b", "\udcff.json"),
        *(str(existing), f"{existing}/", str(folder), f"{folder}//", str(root / "no" / "x.svg")),
        *("/" + "a" * 5000, "x" * 300 + ".json", b"x.json", 5, Path("x.json"), ("x.json",)),
    ]


def _values(kind: Any, root: Path) -> list[Any]:
    return {
        typer_compat._text: TEXT,
        typer_compat._texts: TEXTS,
        typer_compat._flag: FLAGS,
        typer_compat._path: _paths(root),
    }.get(kind, WHOLE + TEXT + FORMATS)


GROUP = typer.main.get_command(app)
"""The app's Click group, built once: building it is most of the cost of a comparison."""


def _params() -> Iterator[tuple[str, Any]]:
    ctx = Context(GROUP, info_name="rolecompare")
    for param in GROUP.get_params(ctx):
        yield f"rolecompare {param.name}", param
    for name, command in GROUP.commands.items():  # type: ignore[attr-defined]
        for param in command.get_params(ctx):
            yield f"{name} {param.name}", param


PARAMS = dict(_params())


def _outcome(runtime: Any, value: Any, param: Any) -> tuple[Any, ...]:
    ctx = Context(GROUP, info_name="rolecompare")  # a fresh context each time, as in a run
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as error:  # the error itself is what is compared
        return ("error", type(error), str(error), type(error.__cause__))
    return ("ok", type(result), result)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_every_option_of_the_app_has_a_light_converter(name: str) -> None:
    assert typer_compat.converter(PARAMS[name].type_descriptor) is not None


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_light_conversion_is_typers_for_every_value(name: str, tmp_path: Path) -> None:
    param = PARAMS[name]
    descriptor = param.type_descriptor
    convert = typer_compat.converter(descriptor)
    assert convert is not None
    light = typer_compat.LightRuntimeParam(descriptor, convert)
    typer_own = build_runtime_param(descriptor)
    assert not isinstance(typer_own, typer_compat.LightRuntimeParam)
    for value in [None, *_values(convert, tmp_path)]:
        expected = _outcome(typer_own, value, param)
        assert _outcome(light, value, param) == expected, (name, value)


def test_the_light_path_is_taken_for_plain_values() -> None:
    """Valid, plainly written values never reach Typer's converter (and so pydantic)."""
    cases = {
        "rolecompare width": ("80", 80),
        "rates days": ("220", 220),
        "history limit": ("3", 3),
        "rolecompare data": ("my.toml", "my.toml"),
        "rates role": (("pmo", "pm"), ["pmo", "pm"]),
        "rates fmt": ("JSON", "json"),
        "rates export": ("out.json", Path("out.json")),
        "quiz no_history": (True, True),
    }
    for name, (value, expected) in cases.items():
        descriptor = PARAMS[name].type_descriptor
        convert = typer_compat.converter(descriptor)
        assert convert is not None
        assert convert(value) == expected, name
    assert typer_compat._whole(1, 366)("367") is typer_compat.ASK_TYPER
    assert typer_compat._whole(None, None)("1_000") is typer_compat.ASK_TYPER


@pytest.mark.parametrize(
    ("args", "value"),
    [
        *((("rates", "-f", "json", "--days"), v) for v in ("abc", "0", "367", "-5", "1.5", "")),
        *((("rates", "-f", "json", "--days"), v) for v in (" 12 ", "+5", "1_000", "12.0", "١٢")),
        *((("rates", "-f", "json", "--days"), v) for v in ("9" * 30, "9" * 5000, "220", "007")),
        *((("roles", "-f", "json", "--width"), v) for v in ("10", "20", "1000", "1001", "x")),
        *((("history", "-f", "json", "--limit"), v) for v in ("0", "1", "-1", "2.5", "5")),
        *((("roles", "--format"), v) for v in ("JSON", "md", "csv", "", "\x1b[31mx")),
        *((("rates", "-f", "json", "--role"), v) for v in ("pmo", "nobody", "")),
        *((("rates", "-f", "json", "--export"), v) for v in ("", "x.csv", "a\x00b.json")),
    ],
)
def test_the_app_answers_as_with_typers_own_conversion(
    args: tuple[str, ...], value: str, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    light = invoke([*args, value])
    monkeypatch.setattr("rolecompare.typer_compat.prepare", lambda params: None)
    typer_own = invoke([*args, value])
    assert (light.exit_code, light.stdout, light.stderr) == (
        typer_own.exit_code,
        typer_own.stdout,
        typer_own.stderr,
    )


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


def test_other_kinds_are_left_to_typer() -> None:
    """A kind the light converters do not know keeps Typer's own conversion, errors included."""
    extra = typer.Typer(cls=GlobalOptionsGroup)

    @extra.callback()
    def root() -> None:
        pass

    @extra.command()
    def paint(
        colour: Annotated[Colour, typer.Option()] = Colour.RED,
        ratio: Annotated[float, typer.Option(min=0.0)] = 0.5,
        times: Annotated[int, typer.Option(clamp=True, min=1, max=3)] = 1,
    ) -> None:
        typer.echo(f"{colour.value} {ratio} {times}")

    command = typer.main.get_command(extra).commands["paint"]  # type: ignore[attr-defined]
    for param in command.params:
        assert typer_compat.converter(param.type_descriptor) is None
    runner = CliRunner()
    done = runner.invoke(extra, ["paint", "--colour", "blue", "--ratio", "2.5", "--times", "9"])
    assert (done.exit_code, done.stdout) == (0, "blue 2.5 3\n")
    refused = runner.invoke(extra, ["paint", "--ratio", "-1"])
    assert refused.exit_code == 2
    assert "--ratio" in refused.stderr


def test_unfamiliar_parameters_are_left_alone() -> None:
    """Anything that does not look like Typer's own parameter is not touched."""

    class Foreign:
        _runtime_param = None
        type_descriptor = object()

    class Converted:
        _runtime_param = "Typer's own"
        type_descriptor = PARAMS["rates days"].type_descriptor

    foreign, converted = Foreign(), Converted()
    typer_compat.prepare([foreign, converted, object()])
    assert foreign._runtime_param is None
    assert converted._runtime_param == "Typer's own"


def test_a_refused_value_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the light converter does not accept is converted by Typer's own converter."""
    param = PARAMS["rates days"]
    light = typer_compat.LightRuntimeParam(
        param.type_descriptor, lambda value: typer_compat.ASK_TYPER
    )
    ctx = Context(typer.main.get_command(app), info_name="rolecompare")
    assert light.coerce("30", param=param, ctx=ctx) == 30
    with pytest.raises(typer.BadParameter, match="less than or equal to 366"):
        light.coerce("400", param=param, ctx=ctx)


def _even(value: str) -> str:
    if len(value) % 2:
        raise ValueError(f"{value!r} has an odd length")
    if value == "xx":
        raise typer.BadParameter("not xx")
    return value.upper()


def test_a_parser_error_is_worded_by_typer() -> None:
    """A parser's ValueError is worded by pydantic in Typer; the light converter hands it over."""
    extra = typer.Typer()

    @extra.command()
    def word(text: Annotated[str, typer.Option(parser=_even)] = "ab") -> None:
        typer.echo(text)

    param: Any = next(p for p in typer.main.get_command(extra).params if p.name == "text")
    convert = typer_compat.converter(param.type_descriptor)
    assert convert is not None
    light = typer_compat.LightRuntimeParam(param.type_descriptor, convert)
    typer_own = build_runtime_param(param.type_descriptor)
    for value in ("ab", "abc", "", "xx", "\udcff", 5):
        assert _outcome(light, value, param) == _outcome(typer_own, value, param), value
    assert _outcome(light, "abc", param)[2] == "Value error, 'abc' has an odd length"
