"""Phrases that the terminal view and the Markdown report share, so the two never drift apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rolecompare.models import Dataset, Role
from rolecompare.rates import money_range

if TYPE_CHECKING:
    from rolecompare.quiz import Result

TAKE_HOME_POINTER = "What a day rate leaves after tax, inside and outside IR35: rolecompare pay"


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
