"""How a data file's models state their constraints, and how a broken one is put into words.

Both data files (``roles.toml``, :mod:`rolecompare.core.models`; ``uk-tax.toml``,
:mod:`rolecompare.core.taxdata`) are described the same way: standard frozen dataclasses whose
annotations carry :class:`Check` metadata, validated by pydantic only when a file is checked.
Nothing here imports pydantic: defining the models is part of every start-up.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import is_dataclass
from typing import Annotated, Any, ClassVar, Union, get_args, get_origin, get_type_hints


class Check:
    """Constraints on a field, given to pydantic as the constraint types it applies natively
    (``annotated_types.Gt``, ``MinLen``, ..., ``pydantic.Strict``) when it builds a validator.

    A grouping in the ``annotated_types`` sense (``GroupedMetadata``), which pydantic unpacks by
    iterating, so the constraint types are made only then: importing them with the models would
    cost every start-up about 35 ms of CPU (``annotated_types`` with ``typing_extensions``).
    Keyword-only parameters make a misspelt constraint an error where the model is defined.
    ``explain`` is not a constraint: it is what ``validate`` says when a value breaks one, instead
    of pydantic's generic "should be greater than or equal to 0".
    """

    __slots__ = ("constraints", "explain")
    __is_annotated_types_grouped_metadata__ = True

    def __init__(
        self,
        *,
        gt: Any = None,
        ge: Any = None,
        lt: Any = None,
        le: Any = None,
        min_length: int | None = None,
        max_length: int | None = None,
        strict: bool | None = None,
        strip_whitespace: bool | None = None,
        explain: str | None = None,
    ) -> None:
        given = {
            "gt": gt,
            "ge": ge,
            "lt": lt,
            "le": le,
            "min_length": min_length,
            "max_length": max_length,
            "strict": strict,
            "strip_whitespace": strip_whitespace,
        }
        self.constraints = {name: value for name, value in given.items() if value is not None}
        if not self.constraints:
            raise TypeError("Check() needs at least one constraint")
        self.explain = explain

    def __iter__(self) -> Iterator[object]:
        import annotated_types as at
        from pydantic import Strict, StringConstraints

        made: dict[str, Any] = {
            "gt": at.Gt,
            "ge": at.Ge,
            "lt": at.Lt,
            "le": at.Le,
            "min_length": at.MinLen,
            "max_length": at.MaxLen,
            "strict": Strict,
        }
        for name, value in self.constraints.items():
            if name == "strip_whitespace":
                yield from StringConstraints(strip_whitespace=value)
            else:
                yield made[name](value)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.constraints.items())
        return f"Check({shown})"


class Table:
    """The base of every model: pydantic reads ``__pydantic_config__`` when it validates a file
    (unknown keys are mistakes; text is stripped).

    Give each model a docstring: for a class without one, ``dataclass`` writes one from its
    signature when the class is made, about 0.1 ms of every start-up per class.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "str_strip_whitespace": True,
    }


# ------------------------------------------------------------------------------ wording errors

_EXPLAINED = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "too_short",
    "too_long",
    "string_too_short",
    "string_too_long",
    "tuple_type",  # a list's explanation says what it lists, which beats "should be a list"
    "list_type",
}
"""Problems a :class:`Check`'s ``explain`` words better than pydantic: a broken constraint, and
a value that is not the list it constrains."""


def describe(error: Mapping[str, Any], root: type, format_doc: str) -> str:
    """One pydantic error on a file validated as ``root``, as ``key.path: expectation``.

    ``format_doc`` names where the file's keys are documented, for an unknown key.
    """
    loc = tuple(error["loc"])
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    field = _field_at(root, loc)
    kind = error["type"]
    if kind in ("missing", "missing_keyword_only_argument"):
        table = field is not None and _is_table(field)
        message = f"required {'table' if table else 'key'} is missing"
    elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
        message = f"unknown key; check its spelling against {format_doc}"
    elif kind in _EXPLAINED and (explain := _explain(field)):
        message = f"{explain}{_got(error.get('input'))}"
    elif kind == "too_short":
        message = f"needs at least {error['ctx']['min_length']} entries"
    else:
        text = error["msg"].removeprefix("Value error, ").replace("Input should be", "should be")
        if kind in ("dataclass_type", "dict_type"):
            text = "should be a table"
        elif kind == "is_instance_of" and error["ctx"]["class"] == "Decimal":
            text = "should be a number"  # exact figures are strict Decimals (see taxdata)
        elif kind in ("tuple_type", "list_type"):
            text = "should be a list"
        elif kind.startswith("date_"):
            text = "should be a date such as 2026-01-13"
        message = text[0].lower() + text[1:] + _got(error.get("input"))
    return f"{path or '(top level)'}: {message}"


def _got(given: Any) -> str:
    """`` (got X)`` for a message, short and exact; nothing for a table or a list."""
    from decimal import Decimal

    from rolecompare.core.text import number_text

    if isinstance(given, dict | list):
        return ""
    if isinstance(given, int) and not isinstance(given, bool):
        return f" (got {number_text(given)})"
    if isinstance(given, Decimal):
        # A whole number as the file wrote it (1e999999 stays short: it has too many digits).
        whole = given.is_finite() and given.adjusted() < 100 and given == given.to_integral_value()
        return f" (got {number_text(int(given)) if whole else str(given)[:60]})"
    shown = repr(given)
    return f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"


def _field_at(root: type, loc: tuple[Any, ...]) -> Any:
    """The annotation of the value at ``loc`` in a file validated as ``root``; None where the
    path leaves the models' plain shapes (a dict key, a union member)."""
    hint: Any = root
    for part in loc:
        bare = _unwrap(hint)[0]
        if is_dataclass(bare) and isinstance(part, str):
            hint = get_type_hints(bare, include_extras=True).get(part)
        elif get_origin(bare) is dict and isinstance(part, str):
            hint = get_args(bare)[1]
        elif get_origin(bare) is tuple and isinstance(part, int):
            hint = get_args(bare)[0]
        else:
            return None
    return hint


def _unwrap(hint: Any) -> tuple[Any, list[Any]]:
    """``hint`` without ``Annotated`` and ``| None``, and the metadata those carried."""
    metadata: list[Any] = []
    while True:
        if get_origin(hint) is Annotated:
            metadata += hint.__metadata__
            hint = get_args(hint)[0]
        elif get_origin(hint) in (Union, types.UnionType):
            kept = [arg for arg in get_args(hint) if arg is not type(None)]
            if len(kept) != 1:
                return hint, metadata
            hint = kept[0]
        else:
            return hint, metadata


def _explain(hint: Any) -> str | None:
    """What the field's :class:`Check` says a broken constraint means, if it says."""
    return next(
        (meta.explain for meta in _unwrap(hint)[1] if isinstance(meta, Check) and meta.explain),
        None,
    )


def _is_table(hint: Any) -> bool:
    bare = _unwrap(hint)[0]
    return is_dataclass(bare) or get_origin(bare) is dict
