"""How the models state constraints: pydantic applies each natively, wherever it sits, and a
constraint that does not exist cannot be written."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass
from typing import Annotated, Any, cast

import annotated_types
import pytest
from pydantic import Strict, TypeAdapter, ValidationError

from rolecompare.core.models import Rates
from rolecompare.core.schema import Check, Table, describe


@dataclass(frozen=True, kw_only=True)
class Optional(Table):
    inside: Annotated[int | None, Check(gt=0)] = None
    outside: Annotated[int, Check(gt=0)] | None = None


@pytest.mark.parametrize("field", ["inside", "outside"])
@pytest.mark.parametrize("value", [0, -5])
def test_an_optional_constrained_field_refuses_what_the_constraint_refuses(
    field: str, value: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Optional).validate_python({field: value})
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == ((field,), "greater_than")


@pytest.mark.parametrize("field", ["inside", "outside"])
def test_an_optional_constrained_field_takes_none_and_good_values(field: str) -> None:
    adapter = TypeAdapter(Optional)
    assert getattr(adapter.validate_python({field: 3}), field) == 3
    assert getattr(adapter.validate_python({field: None}), field) is None


def test_an_unknown_constraint_is_an_error_where_it_is_written() -> None:
    with pytest.raises(TypeError, match="greater_than"):
        cast(Any, Check)(greater_than=0)
    with pytest.raises(TypeError, match="needs at least one constraint"):
        Check(explain="no constraint")


def test_constraints_are_pydantics_own_types() -> None:
    """What pydantic unpacks from a Check is what it would read from annotated_types itself."""
    made = list(Check(gt=0, le=10, min_length=1, max_length=3, strict=True))
    assert made == [
        annotated_types.Gt(0),
        annotated_types.Le(10),
        annotated_types.MinLen(1),
        annotated_types.MaxLen(3),
        Strict(True),
    ]


def test_a_strict_check_refuses_lookalikes() -> None:
    adapter = TypeAdapter(Annotated[int, Check(strict=True, gt=0)])
    for value in ("400", 400.0, True):
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_models_are_standard_frozen_dataclasses() -> None:
    rates = Rates(min=1, max=2, currency="GBP", market="UK", year=2025, source="s")
    with pytest.raises(FrozenInstanceError):
        rates.min = 3  # type: ignore[misc]
    assert rates == Rates(min=1, max=2, currency="GBP", market="UK", year=2025, source="s")
    assert hash(rates) == hash(
        Rates(min=1, max=2, currency="GBP", market="UK", year=2025, source="s")
    )
    assert repr(rates).startswith("Rates(min=1, max=2, currency='GBP'")


@dataclass(frozen=True, kw_only=True)
class Figures(Table):
    share: Annotated[int, Check(ge=0, le=100, explain="should be a share from 0 to 100")]
    count: Annotated[int, Check(ge=0)]
    part: Optional | None = None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"share": 101, "count": 1}, "share: should be a share from 0 to 100 (got 101)"),
        ({"share": 1, "count": -1}, "count: should be greater than or equal to 0 (got -1)"),
        ({"count": 1}, "share: required key is missing"),
        ({"share": 1, "count": 1, "part": 5}, "part: should be a table (got 5)"),
        ({"share": 1, "count": 1, "bogus": 5}, "bogus: unknown key; check its spelling against X"),
        (
            {"share": 1, "count": 1, "part": {"inside": 0}},
            "part.inside: should be greater than 0 (got 0)",
        ),
    ],
)
def test_problems_are_worded_by_the_field(raw: dict[str, Any], expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Figures).validate_python(raw)
    assert [describe(error, Figures, "X") for error in caught.value.errors()] == [expected]


def test_a_missing_table_is_called_a_table() -> None:
    @dataclass(frozen=True, kw_only=True)
    class Outer(Table):
        figures: Figures

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Outer).validate_python({})
    [error] = caught.value.errors()
    assert describe(error, Outer, "X") == "figures: required table is missing"


def test_defining_the_models_imports_no_constraint_library() -> None:
    """pydantic and annotated_types (about 35 ms more of start-up) load only to validate."""
    probe = (
        "import sys, rolecompare.core.models, rolecompare.core.taxdata\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'annotated_types'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
