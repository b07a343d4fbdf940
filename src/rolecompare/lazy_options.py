"""Typer's value checking for an option, built only when the option has a value.

Typer builds a pydantic ``TypeAdapter`` for every parameter of the command being run before it
looks at the value, although for a value not given (``None``) it returns ``None`` (``()`` for a
repeatable option) without using it. With a dozen options a run paid for a dozen adapters it
never used, a good part of the start-up time. Here the adapter is built on the first real value,
by Typer's own code, so what is accepted and every error message stay Typer's. A plain ``str``
option given a ``str`` needs none: Typer's adapter would return it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from typer._coercion import RuntimeParam, build_runtime_param


class LazyRuntimeParam(RuntimeParam):
    """Stands in for Typer's coercion of one parameter until it has a value to coerce."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return super().coerce(value, param, ctx)  # Typer's None or (), no adapter needed
        if type(value) is str and self._plain_text(param):
            return value  # what Typer's str adapter returns for a str: str(value), unchanged
        return self._built(param).coerce(value, param=param, ctx=ctx)

    def _plain_text(self, param: Any) -> bool:
        """A ``str`` parameter without a parser of its own (``--expenses 0``)."""
        descriptor = param.type_descriptor
        return bool(
            descriptor.annotation is str
            and descriptor.parameter_info.parser is None
            and not (param.multiple or param.nargs != 1)
        )

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        return self._built(param)._coerce_value(value, param=param, ctx=ctx)

    @staticmethod
    def _built(param: Any) -> RuntimeParam:
        built = build_runtime_param(param.type_descriptor)
        param._runtime_param = built  # the real one from now on
        return built


def defer_coercion(params: Iterable[Any]) -> None:
    """Give each Typer parameter a :class:`LazyRuntimeParam` (others are left as they are)."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            descriptor = param.type_descriptor
            param._runtime_param = LazyRuntimeParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
