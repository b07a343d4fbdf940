"""Typed, immutable models of the data file ``roles.toml``.

Standard frozen dataclasses: making them needs no validation library, so a command that shows
the built-in data (checked when it was packaged, see :mod:`rolecompare.core.snapshot`) never
imports pydantic, about half of a start-up. The schema still lives here once: each constraint sits
in its annotation as :class:`~rolecompare.core.schema.Check` metadata, which pydantic applies
when the loader validates a file with these classes; ``references.py`` checks what one part of
the file says about another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Annotated, Any, Literal

from rolecompare.core.schema import Check, Table
from rolecompare.core.text import PLACEHOLDER_PATTERN, money_range

MAX_RATE = 10_000_000
"""A day rate above ten million in any currency is a typing mistake; the bound also keeps every
figure derived from rates (yearly sums, differences, chart axes) exact."""

Text = str
Filled = Annotated[str, Check(min_length=1, explain="should be non-empty text")]
Points = tuple[str, ...]
Key = Annotated[str, Check(strip_whitespace=False)]
"""A table key exactly as written: stripping would hide a stray newline from the id check."""
Date = Annotated[dt.date, Check(ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31))]
"""A date a source or a figure can have; year 1 would turn ages and citations into nonsense."""
Rate = Annotated[int, Check(strict=True, gt=0, le=MAX_RATE)]
Year = Annotated[int, Check(strict=True, ge=1900, le=2200)]
Days = Annotated[int, Check(strict=True, ge=1, le=366)]
Weight = Annotated[int, Check(strict=True, gt=0, le=100)]
Seconds = Annotated[int, Check(strict=True, gt=0, le=3600)]
Scale = Annotated[float, Check(ge=1, le=5)]
"""A cut point on the quiz's 1-5 answer scale."""


def with_ids(data: Any) -> Any:
    """The raw file with each named table's key copied into it as ``id``, so a model knows its
    own name; done before validation, as the file itself never repeats the key."""
    if not isinstance(data, dict):
        return data
    named = dict(data)
    for key in ("sources", "roles", "dimensions", "similarities"):
        table = named.get(key)
        if isinstance(table, dict):
            named[key] = {
                name: {**value, "id": name} if isinstance(value, dict) else value
                for name, value in table.items()
            }
    return named


@dataclass(frozen=True, kw_only=True)
class Source(Table):
    """``[sources.ID]``: a publication the data cites."""

    id: str
    title: Filled
    publisher: Filled
    published: Date | None = None
    kind: Text = ""

    def citation(self) -> str:
        """Title, publisher and date, the way every screen cites a source."""
        parts = [f'"{self.title}"', self.publisher]
        if self.published is not None:
            parts.append(f"{self.published.day} {self.published:%B %Y}")
        return ", ".join(parts)


@dataclass(frozen=True, kw_only=True)
class Rates(Table):
    """``[roles.ID.rates]``: a role's day-rate range and where it holds."""

    min: Rate
    max: Rate
    currency: Annotated[str, Check(min_length=3, max_length=3)]
    per: Literal["day"] = "day"
    market: Filled
    year: Year
    as_of: Date | None = None  # when the figures were true; their age is shown from it
    source: str

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2


@dataclass(frozen=True, kw_only=True)
class NextSteps(Table):
    """Each list names its own source: certifications, tools and practice advice differ."""

    certifications: Points = ()
    tools: Points = ()
    practice: Points = ()
    source: str | None = None  # the certifications' source
    tools_source: str | None = None  # default: ``source``
    practice_source: str | None = None  # default: ``source``


@dataclass(frozen=True, kw_only=True)
class Role(Table):
    """``[roles.ID]``: one role compared."""

    id: str
    name: Filled
    full_name: Text = ""
    aliases: tuple[str, ...] = ()
    tagline: Text = ""
    note: Text = ""  # one sentence that prevents a common confusion about the role
    note_source: str | None = None
    source: str | None = None
    rates: Rates
    next_steps: NextSteps = field(default_factory=NextSteps)


@dataclass(frozen=True, kw_only=True)
class RoleText(Table):
    """``[dimensions.ID.roles.ROLE]``: what one dimension says of one role."""

    summary: Filled
    points: Points = ()


@dataclass(frozen=True, kw_only=True)
class Dimension(Table):
    """``[dimensions.ID]``: one way the roles are compared."""

    id: str
    title: Filled
    aliases: tuple[str, ...] = ()
    shared: Points = ()
    roles: dict[Key, RoleText]
    source: str | None = None  # default: the primary source


@dataclass(frozen=True, kw_only=True)
class Similarity(Table):
    """``[similarities.ID]``: something the roles share."""

    id: str
    title: Filled
    text: Filled
    source: str | None = None  # default: the primary source


@dataclass(frozen=True, kw_only=True)
class Context(Table):
    """``[context]``: why the comparison matters, shown after it."""

    title: Filled
    points: Points
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Fact(Table):
    """``[[facts]]``: sourced points a screen shows."""

    topic: Filled
    screen: Literal["show", "rates"]
    source: str
    points: Annotated[Points, Check(min_length=1)]
    dimension: str | None = (
        None  # on ``show``: right after this dimension, beside what it qualifies
    )


@dataclass(frozen=True, kw_only=True)
class RatesScreen(Table):
    """``[rates]``: what the rates screen assumes."""

    billable_days: Days
    billable_days_note: Text = ""
    caveat: Text = ""
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Statement(Table):
    """``[[quiz.statements]]``: one statement of the quiz, keyed to a role."""

    id: Filled
    dimension: str
    keyed: str
    text: Filled
    weight: Weight = 1
    basis: Text = ""
    """Where the activity comes from (a source id of the file and the place in it), so each
    statement can be traced to a source; not shown to the person taking the quiz."""


@dataclass(frozen=True, kw_only=True)
class Quiz(Table):
    """The bank and how it is scored; the README's "How the score works" explains each number."""

    version: Annotated[str, Check(min_length=1, max_length=1000)]
    low_below: Scale = 2.5
    high_from: Scale = 3.5
    min_difference: Annotated[float, Check(ge=0, le=4)] = 0.5
    # Bank version 1 compared shares; files written for it still load, and validate says these
    # two are no longer used.
    close_margin: float | None = None
    strong_margin: float | None = None
    seconds_per_statement: Seconds = 10
    intro: Text = ""
    hybrid: Text = ""
    disclaimer: Text = ""
    statements: Annotated[tuple[Statement, ...], Check(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Dataset(Table):
    """``roles.toml`` as a whole."""

    format: Literal[1]
    source: str
    sources: dict[Key, Source]
    roles: Annotated[dict[Key, Role], Check(min_length=2)]
    dimensions: Annotated[dict[Key, Dimension], Check(min_length=1)]
    similarities: dict[Key, Similarity] = field(default_factory=dict)
    context: Context | None = None
    facts: tuple[Fact, ...] = ()
    rates: RatesScreen
    quiz: Quiz

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


def plain(value: Any, tag: str | None = None) -> Any:
    """A model (or anything holding models) as JSON values: fields in their order, tuples as
    lists, dates as ISO 8601.

    With ``tag``, each model and date also names what it was under that key, so that it can be
    read back as such (the built-in data's snapshot).
    """
    if is_dataclass(value) and not isinstance(value, type):
        named = {tag: type(value).__name__} if tag else {}
        return named | {f.name: plain(getattr(value, f.name), tag) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [plain(item, tag) for item in value]
    if isinstance(value, dict):
        return {key: plain(item, tag) for key, item in value.items()}
    if isinstance(value, dt.date):
        return {tag: "date", "iso": value.isoformat()} if tag else value.isoformat()
    return value


def source_json(source: Source) -> dict[str, Any]:
    result: dict[str, Any] = plain(source)
    return result


def role_json(role: Role) -> dict[str, Any]:
    result: dict[str, Any] = plain(role)
    return result


def expand(text: str, role: Role) -> str:
    """``text`` with its placeholders filled in from ``role``."""

    def fill(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        if match.group(1) == "rates":
            return money_range(role.rates.min, role.rates.max, role.rates.currency)
        return token  # unknown names never get this far: the loader refuses the file

    return PLACEHOLDER_PATTERN.sub(fill, text)


def role_text(dim: Dimension, role: Role) -> RoleText:
    """What ``dim`` says about ``role``, placeholders filled in: the only way renderers read it."""
    text = dim.roles[role.id]
    return replace(
        text,
        summary=expand(text.summary, role),
        points=tuple(expand(point, role) for point in text.points),
    )


def display_name(role: Role) -> str:
    """``PMO (Project Management Office)``: the name, and the full name when it says more."""
    return role.name if role.full_name in ("", role.name) else f"{role.name} ({role.full_name})"
