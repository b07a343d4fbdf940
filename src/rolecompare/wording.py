"""Phrases that the terminal view and the Markdown report share, so the two never drift apart."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rolecompare.models import Dataset, Role
from rolecompare.rates import money_range

if TYPE_CHECKING:
    from rolecompare.quiz import Result, WeighedMost

TIES_SHOWN = 3
"""Tied answers written out per role; the rest are counted."""
BRIEF_PRACTICE = 2
"""The compact result lists this many practice steps for one role (one each for two), so it
fits an 80x24 terminal; --details lists every step."""


def tenths(value: float) -> str:
    """One decimal, halves rounded up (4.25 is 4.3), as people round."""
    return f"{math.floor(value * 10 + 0.5) / 10:.1f}"


def names(data: Dataset, result: Result) -> tuple[str, str]:
    return data.roles[result.ranking[0]].name, data.roles[result.ranking[1]].name


def headline(data: Dataset, result: Result) -> str:
    """The verdict in a few words, the first thing the result says."""
    first, second = names(data, result)
    return {
        "both": f"drawn to both {first} and {second}",
        "neither": "neither role draws you",
        "too-close": "too close to call",
        "no-signal": "no signal in the answers",
    }.get(result.verdict, f"a clear preference for {first}")


def group_verdict(data: Dataset, result: Result) -> str:
    """The verdict in a table cell: the role's name, or the verdict word."""
    return data.roles[result.verdict].name if result.recommendation else result.verdict


def interest_text(data: Dataset, result: Result, role_id: str) -> str:
    """``PMO 4.3 (high)``."""
    interest = result.interest[role_id]
    return f"{data.roles[role_id].name} {tenths(interest.mean)} ({interest.level})"


def difference_sentence(data: Dataset, result: Result) -> str:
    """The difference with its margin of error, in plain words; the figures are the ones shown."""
    first, second = names(data, result)
    shown = float(tenths(result.top.mean)) - float(tenths(result.second.mean))
    gap = f"{first} is {tenths(shown)} points above {second}"
    if result.top.mean == result.second.mean:
        gap = f"{first} and {second} are level"
    margin = f"the margin of error is ±{tenths(result.margin_of_error)} (95%)"
    if result.clear:
        return f"{gap}; {margin}, so the difference is clear."
    if result.difference > result.margin_of_error:
        return (
            f"{gap}; {margin}, but a clear difference needs at least "
            f"{result_min_difference(data)} points."
        )
    return f"{gap}; {margin}, so the difference is within the measurement error."


def result_min_difference(data: Dataset) -> str:
    return f"{data.quiz.min_difference:g}"


def meaning(data: Dataset, result: Result) -> str:
    """What the verdict means for this person."""
    first, second = names(data, result)
    top = tenths(result.top.mean)
    return {
        "both": (
            f"You are drawn to both {first} and {second}, and neither clearly more than the "
            "other: a path that mixes the two may suit you."
        ),
        "neither": (
            f"Neither role draws you on these answers: your highest interest, {first} at {top}, "
            "is at or below Neutral (3). That is worth knowing too."
        ),
        "too-close": (
            f"You show some interest in {first}, but the difference from {second} is within "
            "the margin of error, so the quiz does not pick one."
        ),
        "no-signal": (
            "Your answers were almost all the same, so they say nothing about the roles; "
            "there is no recommendation."
        ),
    }.get(
        result.verdict, f"You are drawn to {first} and prefer it clearly to {second}: start there."
    )


def advised_roles(data: Dataset, result: Result) -> list[Role]:
    """Next steps for the recommended role, for the top two when drawn to both, else none."""
    if result.recommendation:
        return [data.roles[result.recommendation]]
    if result.verdict == "both":
        return [data.roles[role_id] for role_id in result.ranking[:2]]
    return []


def general_steps(result: Result) -> list[str]:
    """Next steps when no role is advised."""
    return {
        "neither": [
            "Read how the roles differ, dimension by dimension, in case one part of them "
            "appeals: rolecompare show"
        ],
        "too-close": [
            "Read where the roles differ and note which differences matter to you: "
            "rolecompare show",
            "Then take the quiz again: rolecompare quiz",
        ],
        "no-signal": ["Take the quiz again and weigh each statement on its own: rolecompare quiz"],
    }.get(result.verdict, [])


def next_step_points(role: Role, brief: int | None = None) -> list[str]:
    """Every next step of a role, or only ``brief`` practical ones and the day rate in short."""
    steps = role.next_steps
    rates = role.rates
    money = money_range(rates.min, rates.max, rates.currency)
    if brief is not None:
        return [*steps.practice[:brief], f"Day rate {money}: rolecompare rates --role {role.id}"]
    points = [f"Certifications: {'; '.join(steps.certifications)}"] if steps.certifications else []
    points += [f"Tools to learn: {', '.join(steps.tools)}"] if steps.tools else []
    points += list(steps.practice)
    points.append(
        f"Day rate: {money} ({rates.market}, {rates.year}); details: rolecompare rates --role {role.id}"
    )
    return points


def recorded_line(recorded: bool | None) -> str:
    """Whether the result went into the history; None when recording failed (a warning says why)."""
    if recorded:
        return "Recorded in your history: rolecompare history"
    if recorded is None:
        return "Not recorded in your history (see the warning above)."
    return "Not recorded in your history (--no-history)."


def details_command(result: Result, data_option: str = "") -> str:
    """How to see the reasons behind a compact result without answering again."""
    return (
        f"Why: rolecompare {data_option}quiz --details --no-history "
        f"--answers {''.join(map(str, result.answers))}"
    )


def weighed_intro(data: Dataset, most: WeighedMost) -> str:
    """Ties are said to be ties: how many answers sit at the largest distance from Neutral."""
    role = data.roles[most.role].name
    count = len(most.answers)
    if count == 1:
        return f"{role}: one answer stood out"
    return f"{role}: {count} answers tied, each as far from Neutral as any"


def weighed_points(most: WeighedMost) -> list[str]:
    """The tied answers, at most ``TIES_SHOWN`` of them written out."""
    from rolecompare.quiz import SCALE

    points = [f'"{w.statement.text}" You said {SCALE[w.answer - 1]}.' for w in most.answers]
    if len(points) > TIES_SHOWN:
        points = [*points[:TIES_SHOWN], f"and {len(points) - TIES_SHOWN} more, tied with these"]
    return points


def unmoved(data: Dataset, result: Result) -> list[str]:
    """Roles where every answer was Neutral: nothing weighed."""
    moved = {most.role for most in result.weighed_most}
    return [
        f"{data.roles[r].name}: every answer was Neutral."
        for r in result.interest
        if r not in moved
    ]


def shared_label(role_count: int) -> str:
    """How points that apply to every role shown are introduced."""
    return "Both" if role_count == 2 else "All"
