"""Phrases that the terminal view and the Markdown report share, so the two never drift apart.

Also the placeholders a role's text in a dimension may use, so that a figure has one source:
``{rates}`` is the role's day-rate range from ``[roles.ID.rates]``; ``{{`` and ``}}`` are literal
braces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rolecompare.core.models import Dataset, Role
from rolecompare.core.rates import dated
from rolecompare.core.text import money_range, tenths

if TYPE_CHECKING:
    from rolecompare.core.quiz import Result, WeighedMost


TIES_SHOWN = 3
"""Tied answers written out per role; the rest are counted."""
BRIEF_PRACTICE = 2
"""The compact result lists this many practice steps for one role (one each for two), so it
fits an 80x24 terminal; --details lists every step."""


def names(data: Dataset, result: Result) -> tuple[str, str]:
    return data.roles[result.ranking[0]].name, data.roles[result.ranking[1]].name


def headline(data: Dataset, result: Result) -> str:
    """The verdict in a few words, the first thing the result says."""
    first = names(data, result)[0]
    return {
        "both": f"drawn to {_listing(data, drawn_together(data, result))}",
        "neither": f"{_none_of(result)} draws you",
        "too-close": "too close to call",
        "no-signal": "no signal in the answers",
    }.get(result.verdict, f"a clear preference for {first}")


def comparison_sentence(data: Dataset, result: Result) -> str:
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
            f"{data.quiz.min_difference:g} points."
        )
    return f"{gap}; {margin}, so the difference is within the measurement error."


def meaning(data: Dataset, result: Result) -> str:
    """What the verdict means for this person."""
    first, second = names(data, result)
    top = tenths(result.top.mean)
    return {
        "both": _drawn_to_several(data, result),
        "neither": (
            f"{_none_of(result).capitalize()} draws you on these answers: your highest interest, "
            f"{first} at {top}, is at or below Neutral (3). That is worth knowing too."
        ),
        "too-close": _too_close(data, result, first, second),
        "no-signal": (
            "Your answers were almost all the same, so they say nothing about the roles; "
            "there is no recommendation."
        ),
    }.get(result.verdict, _preference(result, first, second))


def _too_close(data: Dataset, result: Result, first: str, second: str) -> str:
    """Why no role is picked: inside the margin of error, or beyond it but under the minimum."""
    if result.difference > result.margin_of_error:
        why = (
            f"is beyond the margin of error but under the {data.quiz.min_difference:g} points "
            "a clear difference needs"
        )
    else:
        why = "is within the margin of error"
    return (
        f"You show some interest in {first}, but the difference from {second} {why}, "
        "so the quiz does not pick one."
    )


def drawn_together(data: Dataset, result: Result) -> list[str]:
    """For ``both``: the top role's id and every other high role's not clearly below it.

    With two roles that is the two compared; with more, a third role as high as they are is
    named too, so the headline never leaves out a role the person is just as drawn to.
    """
    from rolecompare.core.quiz import HIGH, compare

    top = result.top
    return [
        role_id
        for role_id in result.ranking
        if role_id == top.role
        or (
            result.interest[role_id].level == HIGH
            and not compare(data.quiz, top, result.interest[role_id])[2]
        )
    ]


def _listing(data: Dataset, role_ids: Sequence[str]) -> str:
    names = [data.roles[role_id].name for role_id in role_ids]
    if len(names) == 2:
        return f"both {names[0]} and {names[1]}"
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _drawn_to_several(data: Dataset, result: Result) -> str:
    drawn = drawn_together(data, result)
    if len(drawn) == 2:
        return (
            f"You are drawn to {_listing(data, drawn)}, and neither clearly more than the "
            "other: a path that mixes the two may suit you."
        )
    return (
        f"You are drawn to {_listing(data, drawn)}, and none clearly more than the others: "
        "a path that mixes them may suit you."
    )


def _none_of(result: Result) -> str:
    """Two roles: "neither role"; more: "none of the roles"."""
    return "neither role" if len(result.interest) == 2 else "none of the roles"


def _preference(result: Result, first: str, second: str) -> str:
    if result.second.level == "high":
        return (
            f"You are drawn to {first} and prefer it clearly, though {second} appeals to you "
            f"too ({tenths(result.second.mean)}, high): start with {first}."
        )
    return f"You are drawn to {first} and prefer it clearly to {second}: start there."


def advised_roles(data: Dataset, result: Result) -> list[Role]:
    """Next steps for the recommended role, for every role drawn to when ``both``, else none."""
    if result.recommendation:
        return [data.roles[result.recommendation]]
    if result.verdict == "both":
        return [data.roles[role_id] for role_id in drawn_together(data, result)]
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


def next_step_points(
    role: Role, data: Dataset | None = None, brief: int | None = None
) -> list[str]:
    """The next steps for ``role``, its day rate dated; with ``brief``, only that many practice
    steps and where to find the day rates, for the compact quiz result.

    The block is cited with ``next_steps.source`` (the certifications'); with ``data``, a group
    from another source names that source, so advice is never passed off as the certifiers'.
    """
    steps = role.next_steps

    def label(name: str, ref: str | None) -> str:
        if data is None or ref is None or ref == steps.source or ref not in data.sources:
            return name
        return f"{name} (source: {data.sources[ref].publisher})"

    rates = role.rates
    day_rate = (
        f"{label('Day rate', rates.source)}: {money_range(rates.min, rates.max, rates.currency)} "
        f"({rates.market}, {dated(rates)}); details: rolecompare rates --role {role.id}"
    )
    if brief is not None:
        # No figure here, so no date is needed: the rates screen dates its own.
        return [*steps.practice[:brief], f"Day rates: rolecompare rates --role {role.id}"]
    points = [f"Certifications: {'; '.join(steps.certifications)}"] if steps.certifications else []
    if steps.tools:
        tools = label("Tools to learn", steps.tools_source)
        points.append(f"{tools}: {', '.join(steps.tools)}")
    if steps.practice:
        practice = label("Practice", steps.practice_source)
        points.append(f"{practice}: {'; '.join(steps.practice)}")
    return [*points, day_rate]


def recorded_line(recorded: bool | None) -> str:
    """Whether the result went into the history; None when recording failed (a warning says why)."""
    if recorded:
        return "Recorded in your history: rolecompare history"
    if recorded is None:
        return "Not recorded in your history (see the warning above)."
    return "Not recorded in your history (--no-history)."


def details_command(result: Result, data_option: str = "", width: int | None = None) -> str:
    """How to see the reasons behind a compact result without answering again.

    Too long for ``width`` (a long ``--data`` path), it goes on shell continuation lines, so a
    command copied from the screen still runs as one instead of stopping at a wrapped line.
    """
    answers = "".join(map(str, result.answers))
    words = ["rolecompare", *data_option.split(" ", 1), "quiz", "--details", "--no-history"]
    words = [*filter(None, (word.strip() for word in words)), f"--answers {answers}"]
    lines = ["Why:"]
    for number, word in enumerate(words, 1):
        room = len(word) + 1 + (0 if number == len(words) else len(" \\"))
        if width is not None and len(lines[-1]) + room > width and lines[-1] != "Why:":
            lines[-1] += " \\"
            lines.append(f"  {word}")
        else:
            lines[-1] += f" {word}"
    return "\n".join(lines)


def weighed_intro(data: Dataset, most: WeighedMost) -> str:
    """Ties are said to be ties: how many answers sit at the largest distance from Neutral."""
    role = data.roles[most.role].name
    count = len(most.answers)
    if count == 1:
        return f"{role}: one answer stood out"
    return f"{role}: {count} answers tied, each as far from Neutral as any"


def weighed_points(most: WeighedMost) -> list[str]:
    """The tied answers, at most ``TIES_SHOWN`` of them written out."""
    from rolecompare.core.quiz import SCALE

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
