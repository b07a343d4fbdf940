"""Phrases that the terminal view and the Markdown report share, so the two never drift apart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rolecompare.rates import RateDifference, money, money_range, plural

if TYPE_CHECKING:
    from rolecompare.models import Dataset, Role
    from rolecompare.quiz import Result


def advised_roles(data: Dataset, result: Result) -> list[Role]:
    """Next steps for the recommended role, or for the top two when there is no recommendation."""
    ids = [result.recommendation] if result.recommendation else list(result.ranking[:2])
    return [data.roles[role_id] for role_id in ids]


def next_step_points(role: Role) -> list[str]:
    steps = role.next_steps
    points = [f"Certifications: {'; '.join(steps.certifications)}"] if steps.certifications else []
    points += [f"Tools to learn: {', '.join(steps.tools)}"] if steps.tools else []
    points += list(steps.practice)
    rates = role.rates
    points.append(
        f"Day rate: {money_range(rates.min, rates.max, rates.currency)} ({rates.market}, {rates.year}); "
        f"details: rolecompare rates --role {role.id}"
    )
    return points


def verdict(data: Dataset, result: Result) -> str:
    """The one-sentence outcome; the hybrid note goes with "too close to call"."""
    first, second = (data.roles[r] for r in result.ranking[:2])
    scores = f"{first.name} {percent(result.shares[first.id])}, {second.name} {percent(result.shares[second.id])}"
    if result.flat:
        return "No recommendation: every answer was the same."
    if result.recommendation is None:
        return f"Too close to call ({scores}): no recommendation."
    strength = "A strong fit" if result.band == "strong" else "A lean"
    return f"{strength} towards {first.name} ({scores})."


def shared_label(role_count: int) -> str:
    """How points that apply to every role shown are introduced."""
    return "Both" if role_count == 2 else "All"


def percent(value: float) -> str:
    """Whole percent, each share rounded on its own, so tied shares look tied."""
    return f"{value:.0f}%"


def display_name(role: Role) -> str:
    """``PMO (Project Management Office)``: the name, and the full name when it says more."""
    return role.name if role.full_name in ("", role.name) else f"{role.name} ({role.full_name})"


def comparison_title(roles: Sequence[Role]) -> str:
    """``PMO vs Project Manager``: the roles shown, in their order."""
    return " vs ".join(role.name for role in roles)


def difference_sentence(d: RateDifference) -> str:
    """How one role's rates compare with the base role's, with the overlap of the ranges."""
    cur = d.base.currency
    overlap = d.overlap
    meets = (
        f"The ranges overlap from {money(overlap[0], cur)} to {money(overlap[1], cur)}."
        if overlap
        else "The ranges do not overlap."
    )
    return (
        f"{money(d.day_mid, cur, signed=True)} a day at the midpoint "
        f"({money(d.day_min, cur, signed=True)} at the bottom, "
        f"{money(d.day_max, cur, signed=True)} at the top), "
        f"{money(d.annual_mid, cur, signed=True)} a year. {meets}"
    )


def days_sentence(data: Dataset, days: int, default_days: bool) -> str:
    """What "a year" means in the figures: the data file's note, or the --days chosen."""
    if default_days:
        note = f": {data.rates.billable_days_note}" if data.rates.billable_days_note else ""
        return f"A year = {plural(days, 'billable day')}{note}."
    return (
        f"A year = {plural(days, 'billable day')}, as you chose with --days "
        f"(the usual assumption is {data.rates.billable_days})."
    )


def markets_sentence(data: Dataset, roles: Sequence[Role]) -> str:
    """Which market and year the figures describe, and the caveat that goes with them."""
    markets = sorted({f"{role.rates.market}, {role.rates.year}" for role in roles})
    return f"{'; '.join(markets)}. {data.rates.caveat}".strip()
