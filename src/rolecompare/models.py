"""Typed, immutable models of the data file.

The schema lives here once; pydantic checks types and shapes, and ``references.py`` checks what
one part of the file says about another. No ``from __future__ import annotations``: pydantic would
have to evaluate every annotation as a string, which is slower on every start-up.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, model_validator

Text = str
Points = tuple[str, ...]
Key = Annotated[str, StringConstraints(strip_whitespace=False)]
Date = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31))]
"""A date a source or a figure can have; year 1 would turn ages and citations into nonsense."""
"""A table key exactly as written: stripping would hide a stray newline from the id check."""

MAX_RATE = 10_000_000
"""A day rate above ten million in any currency is a typing mistake; the bound also keeps every
figure derived from rates (yearly sums, differences, chart axes) exact."""


class _Frozen(BaseModel):
    # defer_build: a schema is built when first used, for the one model that is validated
    # (Dataset), not for every class at import time.
    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


def _with_ids(table: Any) -> Any:
    """Copy each table's key into it as ``id``, so a model knows its own name."""
    if not isinstance(table, dict):
        return table
    return {
        key: {**value, "id": key} if isinstance(value, dict) else value
        for key, value in table.items()
    }


class Source(_Frozen):
    id: str
    title: Text = Field(min_length=1)
    publisher: Text = Field(min_length=1)
    published: Date | None = None
    kind: Text = ""

    def citation(self) -> str:
        """Title, publisher and date, the way every screen cites a source."""
        parts = [f'"{self.title}"', self.publisher]
        if self.published is not None:
            parts.append(f"{self.published.day} {self.published:%B %Y}")
        return ", ".join(parts)


class Rates(_Frozen):
    min: StrictInt = Field(gt=0, le=MAX_RATE)
    max: StrictInt = Field(gt=0, le=MAX_RATE)
    currency: str = Field(min_length=3, max_length=3)
    per: Literal["day"] = "day"
    market: Text = Field(min_length=1)
    year: StrictInt = Field(ge=1900, le=2200)
    as_of: Date | None = None  # when the figures were true; their age is shown from it
    source: str

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2


class NextSteps(_Frozen):
    """Each list names its own source: certifications, tools and practice advice differ."""

    certifications: Points = ()
    tools: Points = ()
    practice: Points = ()
    source: str | None = None  # the certifications' source
    tools_source: str | None = None  # default: ``source``
    practice_source: str | None = None  # default: ``source``


class Role(_Frozen):
    id: str
    name: Text = Field(min_length=1)
    full_name: Text = ""
    aliases: tuple[str, ...] = ()
    tagline: Text = ""
    note: Text = ""  # one sentence that prevents a common confusion about the role
    note_source: str | None = None
    source: str | None = None
    rates: Rates
    # A factory, not an instance: an instance made here would build the validator of NextSteps
    # at import, on every start-up, for a default that needs no validating.
    next_steps: NextSteps = Field(default_factory=NextSteps.model_construct)


class RoleText(_Frozen):
    summary: Text = Field(min_length=1)
    points: Points = ()


class Dimension(_Frozen):
    id: str
    title: Text = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    shared: Points = ()
    roles: dict[Key, RoleText]
    source: str | None = None  # default: the primary source


class Similarity(_Frozen):
    id: str
    title: Text = Field(min_length=1)
    text: Text = Field(min_length=1)
    source: str | None = None  # default: the primary source


class Context(_Frozen):
    title: Text = Field(min_length=1)
    points: Points
    source: str | None = None


class Fact(_Frozen):
    topic: Text = Field(min_length=1)
    screen: Literal["show", "rates"]
    source: str
    points: Points = Field(min_length=1)
    dimension: str | None = (
        None  # on ``show``: right after this dimension, beside what it qualifies
    )


class RatesScreen(_Frozen):
    billable_days: StrictInt = Field(ge=1, le=366)
    billable_days_note: Text = ""
    caveat: Text = ""
    source: str | None = None


class Statement(_Frozen):
    id: str = Field(min_length=1)
    dimension: str
    keyed: str
    text: Text = Field(min_length=1)
    weight: StrictInt = Field(default=1, gt=0, le=100)


class Quiz(_Frozen):
    """The bank and how it is scored; the README's "How the score works" explains each number."""

    version: str = Field(min_length=1, max_length=1000)
    low_below: float = Field(default=2.5, ge=1, le=5)
    high_from: float = Field(default=3.5, ge=1, le=5)
    min_difference: float = Field(default=0.5, ge=0, le=4)
    # Bank version 1 compared shares; files written for it still load, and validate says these
    # two are no longer used.
    close_margin: float | None = None
    strong_margin: float | None = None
    seconds_per_statement: StrictInt = Field(default=10, gt=0, le=3600)
    intro: Text = ""
    hybrid: Text = ""
    disclaimer: Text = ""
    statements: tuple[Statement, ...] = Field(min_length=1)


class Dataset(_Frozen):
    format: Literal[1]
    source: str
    sources: dict[Key, Source]
    roles: dict[Key, Role] = Field(min_length=2)
    dimensions: dict[Key, Dimension] = Field(min_length=1)
    similarities: dict[Key, Similarity] = {}
    context: Context | None = None
    facts: tuple[Fact, ...] = ()
    rates: RatesScreen
    quiz: Quiz

    @model_validator(mode="before")
    @classmethod
    def _name_tables(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        named = dict(data)
        for key in ("sources", "roles", "dimensions", "similarities"):
            if key in named:
                named[key] = _with_ids(named[key])
        return named

    @property
    def primary_source(self) -> Source:
        return self.sources[self.source]

    def facts_for(self, screen: str) -> tuple[Fact, ...]:
        """The facts a screen shows at its end (those placed beside a dimension are not)."""
        return tuple(f for f in self.facts if f.screen == screen and f.dimension is None)

    def facts_beside(self, dimension_id: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.screen == "show" and f.dimension == dimension_id)

    def source_of(self, ref: str | None) -> Source:
        """A block's source: its own when it names one, else the primary source."""
        return self.sources[ref or self.source]
