"""Phrases that the terminal view and the Markdown report share, so the two never drift apart.

Also the placeholders a role's text in a dimension may use, so that a figure has one source:
``{rates}`` is the role's day-rate range from ``[roles.ID.rates]``; ``{{`` and ``}}`` are literal
braces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rolecompare.models import Dataset, Dimension, Role, RoleText
from rolecompare.rates import RateDifference, dated, money, money_range, plural

if TYPE_CHECKING:
    import datetime as dt

    from rolecompare.quiz import Result

TAKE_HOME_POINTER = "What a day rate leaves after tax, inside and outside IR35: rolecompare pay"

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
PLACEHOLDERS = ("rates",)
"""The names ``{name}`` may take in a role's text; anything else is an error in the data file."""


def placeholders(text: str) -> Iterator[str]:
    """The ``{name}`` placeholders in ``text``, in order (``{{`` and ``}}`` are not)."""
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) is not None:
            yield match.group(1)


def expand(text: str, role: Role) -> str:
    """``text`` with its placeholders filled in from ``role``."""

    def fill(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        if match.group(1) == "rates":
            return money_range(role.rates.min, role.rates.max, role.rates.currency)
        return token  # unknown names never get this far: the loader refuses the file

    return _PLACEHOLDER.sub(fill, text)


def role_text(dim: Dimension, role: Role) -> RoleText:
    """What ``dim`` says about ``role``, placeholders filled in: the only way renderers read it."""
    text = dim.roles[role.id]
    return text.model_copy(
        update={
            "summary": expand(text.summary, role),
            "points": tuple(expand(point, role) for point in text.points),
        }
    )


def rates_notes(
    data: Dataset, dim: Dimension, roles: Sequence[Role], now: dt.date | None = None
) -> list[str]:
    """When the day rates ``dim`` shows for ``roles`` date from, one line per market and date.

    Lines that differ name their roles; rates from a source other than the dimension's are cited
    in full on their line, since nothing else on the screen would credit them. Empty when no
    role's text there shows its rates.
    """
    rated = [
        role
        for role in roles
        if any(
            "rates" in placeholders(line)
            for line in (dim.roles[role.id].summary, *dim.roles[role.id].points)
        )
    ]
    cited = dim.source or data.source
    return [
        f"Day rates{label}: {note}."
        for label, note in _dated_groups(data, rated, now, cited, full=True, prefix=" for ")
    ]


def _dated_groups(
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


def name_list(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def advised_roles(data: Dataset, result: Result) -> list[Role]:
    """Next steps for the recommended role, or for the top two when there is no recommendation."""
    ids = [result.recommendation] if result.recommendation else list(result.ranking[:2])
    return [data.roles[role_id] for role_id in ids]


def rates_caveat(data: Dataset, roles: Sequence[Role], now: dt.date | None = None) -> str:
    """The ``rates`` screen's footnote: which market and when the rates date from, the caveat."""
    sources = {r.rates.source for r in roles}
    cited = next(iter(sources)) if len(sources) == 1 else None
    groups = _dated_groups(data, roles, now, cited, full=False, prefix="Day rates for ")
    dates = [f"{label}: {note}." if label else f"{note}." for label, note in groups]
    return " ".join([*dates, data.rates.caveat]).strip()


def next_step_points(role: Role, data: Dataset | None = None) -> list[str]:
    """The next steps for ``role``, its day rate dated.

    The block is cited with ``next_steps.source`` (the certifications'); with ``data``, a group
    from another source names that source, so advice is never passed off as the certifiers'.
    """
    steps = role.next_steps

    def label(name: str, ref: str | None) -> str:
        if data is None or ref is None or ref == steps.source or ref not in data.sources:
            return name
        return f"{name} (source: {data.sources[ref].publisher})"

    points = [f"Certifications: {'; '.join(steps.certifications)}"] if steps.certifications else []
    if steps.tools:
        tools = label("Tools to learn", steps.tools_source)
        points.append(f"{tools}: {', '.join(steps.tools)}")
    if steps.practice:
        practice = label("Practice", steps.practice_source)
        points.append(f"{practice}: {'; '.join(steps.practice)}")
    rates = role.rates
    points.append(
        f"{label('Day rate', rates.source)}: {money_range(rates.min, rates.max, rates.currency)} "
        f"({rates.market}, {dated(rates)}); details: rolecompare rates --role {role.id}"
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


def shared_label(roles: Sequence[Role]) -> str:
    """How points that hold for every role are introduced, worded for the roles on screen."""
    names = [role.name for role in roles]
    if len(names) == 1:
        return f"Shared by {names[0]} and every other role"
    return f"Shared by {name_list(names)}"


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
