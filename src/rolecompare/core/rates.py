"""Day-rate arithmetic: ranges, midpoints, annual equivalents and differences between roles.

Also how old the figures are: every screen that shows a day rate says when it dates from (and,
when that is more than a year ago, how long ago) through :func:`dated`, so the wording is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rolecompare.core.models import Dataset, Rates, Role
from rolecompare.core.text import name_list


class RateSummary:
    """One role's rates at a number of billable days.

    A plain class, not a dataclass: this module is on the start-up path of ``rates``, where
    generating dataclass methods costs measurable milliseconds.
    """

    __slots__ = ("days", "role")

    def __init__(self, role: Role, days: int) -> None:
        self.role = role
        self.days = days

    @property
    def currency(self) -> str:
        return self.role.rates.currency

    @property
    def day_min(self) -> int:
        return self.role.rates.min

    @property
    def day_max(self) -> int:
        return self.role.rates.max

    @property
    def day_mid(self) -> float:
        return self.role.rates.midpoint

    @property
    def annual_min(self) -> int:
        return self.day_min * self.days

    @property
    def annual_max(self) -> int:
        return self.day_max * self.days

    @property
    def annual_mid(self) -> float:
        return self.day_mid * self.days


class RateDifference:
    """How ``other`` compares with ``base`` (positive: ``other`` earns more)."""

    __slots__ = ("base", "other")

    def __init__(self, base: RateSummary, other: RateSummary) -> None:
        self.base = base
        self.other = other

    @property
    def day_min(self) -> int:
        return self.other.day_min - self.base.day_min

    @property
    def day_max(self) -> int:
        return self.other.day_max - self.base.day_max

    @property
    def day_mid(self) -> float:
        return self.other.day_mid - self.base.day_mid

    @property
    def annual_mid(self) -> float:
        return self.other.annual_mid - self.base.annual_mid

    @property
    def overlap(self) -> tuple[int, int] | None:
        """The day rates both ranges share, or None when they do not meet."""
        low = max(self.base.day_min, self.other.day_min)
        high = min(self.base.day_max, self.other.day_max)
        return (low, high) if low <= high else None


def summarise(roles: tuple[Role, ...], days: int) -> tuple[RateSummary, ...]:
    return tuple(RateSummary(role, days) for role in roles)


def differences(summaries: tuple[RateSummary, ...]) -> tuple[RateDifference, ...]:
    """Each role after the first, compared with the first."""
    return tuple(RateDifference(summaries[0], other) for other in summaries[1:])


def today() -> dt.date:
    """The date ages are measured from; one function, so tests can fix it."""
    return dt.date.today()


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if months > 0 and end.day < start.day else months


def rates_date(rates: Rates) -> str:
    """``June 2025`` from ``as_of``; the bare year when the data gives no date."""
    return f"{rates.as_of:%B %Y}" if rates.as_of is not None else str(rates.year)


def rates_age(rates: Rates, now: dt.date | None = None) -> str | None:
    """``17 months ago`` when the figures are more than a year old, else None.

    Without ``as_of`` only the year is known, so the age counts from its last day, "at least".
    """
    now = now or today()
    start, least = (
        (rates.as_of, "") if rates.as_of is not None else (dt.date(rates.year, 12, 31), "at least ")
    )
    months = months_between(start, now)
    if months < 12 or (months == 12 and now.day == start.day):
        return None
    if months < 24:
        return f"{least}{months} months ago"
    return f"{least}{months // 12} years ago"


def dated(rates: Rates, now: dt.date | None = None) -> str:
    """When the rates date from, and how old they are when that matters.

    ``June 2025`` or ``June 2025, 17 months ago; current rates may differ``. Every screen that shows
    a day rate (``show``, ``rates``, the quiz's next steps) says it with this.
    """
    age = rates_age(rates, now)
    label = rates_date(rates)
    return f"{label}, {age}; current rates may differ" if age else label


def dated_groups(
    data: Dataset,
    roles: Sequence[Role],
    now: dt.date | None,
    cited: str | None,
    *,
    full: bool,
    prefix: str,
) -> list[tuple[str, str]]:
    """(label, note) per distinct market, date and source of ``roles``' rates, in role order.

    The label names the roles (``prefix`` + names) only when the notes differ; a source other
    than ``cited`` is named in the note, in full or by its publisher.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for role in roles:
        key = (f"{role.rates.market}, {dated(role.rates, now)}", role.rates.source)
        groups.setdefault(key, []).append(role.name)
    out = []
    for (note, ref), names in groups.items():
        credit = ""
        if ref != cited and ref in data.sources:
            source = data.sources[ref]
            credit = f" (source: {source.citation() if full else source.publisher})"
        out.append((f"{prefix}{name_list(names)}" if len(groups) > 1 else "", note + credit))
    return out


def rates_caveat(data: Dataset, roles: Sequence[Role], now: dt.date | None = None) -> str:
    """The ``rates`` screen's footnote: which market and when the rates date from, the caveat."""
    sources = {r.rates.source for r in roles}
    cited = next(iter(sources)) if len(sources) == 1 else None
    groups = dated_groups(data, roles, now, cited, full=False, prefix="Day rates for ")
    dates = [f"{label}: {note}." if label else f"{note}." for label, note in groups]
    return " ".join([*dates, data.rates.caveat]).strip()
