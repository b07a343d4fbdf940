"""Rich renderables for each screen. Nothing here prints; the command layer does.

Text from the data file always goes through ``Text(...)``, never through markup, so a value like
``[Jira]`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.text import Text

from rolecompare.core.models import Dataset, Dimension, Role
from rolecompare.core.rates import RateDifference, RateSummary
from rolecompare.core.text import display_name, money, money_range, plural, role_text
from rolecompare.ui.charts import Bar, Bullets, Fitting, RangeChart, SimpleHeadTable
from rolecompare.ui.draw import bullets, cite, heading, role_heading, role_notes
from rolecompare.wording import (
    TAKE_HOME_POINTER,
    comparison_title,
    days_sentence,
    difference_sentence,
    rates_caveat,
    rates_notes,
    shared_label,
)

if TYPE_CHECKING:
    import datetime as dt

    from rich.table import Table

NARROW = 70


def _role_cell(summary: str, points: Sequence[str]) -> Bullets:
    return Bullets(tuple(points), lead=summary)


def show_view(
    data: Dataset,
    roles: Sequence[Role],
    dimensions: Sequence[Dimension],
    width: int,
    complete: bool,
    now: dt.date | None = None,
) -> Group:
    """The comparison: side-by-side tables when there is room, stacked below ``NARROW`` columns.

    ``complete`` adds the similarities, context and further facts; a user who picked dimensions
    asked for those alone. ``now`` is the date the rates' age is measured from (default: today).
    """
    parts: list[RenderableType] = [Text(comparison_title(roles), style="bold"), Text()]
    parts += _taglines(data, roles) if complete else []
    for dim in dimensions:
        parts.append(
            _dimension_stacked(dim, roles) if width < NARROW else _dimension_table(dim, roles)
        )
        parts += _beside_dimension(data, dim, roles, now, stacked=width < NARROW)
        parts.append(Text())
    if complete:
        parts += _similarities(data, width)
        parts += _context(data)
        for fact in data.facts_for("show"):
            parts += [*_fact(data, fact.topic, fact.points, fact.source), Text()]
    parts.append(cite(data.primary_source))
    return Group(*parts)


def _beside_dimension(
    data: Dataset, dim: Dimension, roles: Sequence[Role], now: dt.date | None, stacked: bool
) -> list[RenderableType]:
    """What goes under a dimension: the rates' date, the shared points, facts that qualify it.

    Each follows a blank line (a table's border is separation enough for the rates' date), and the
    shared points name the roles they are shared by, so in a stacked layout nothing reads as part
    of the last role.
    """
    parts: list[RenderableType] = []
    notes = rates_notes(data, dim, roles, now)
    if notes:
        parts += [Text()] if stacked else []
        parts += [Text(note, style="italic") for note in notes]
    if dim.shared:
        parts += [Text(), Text(f"{shared_label(roles)}:", style="italic"), bullets(dim.shared)]
    for fact in data.facts_beside(dim.id):
        parts += [Text(), *_fact(data, fact.topic, fact.points, fact.source)]
    return parts


def _fact(data: Dataset, topic: str, points: Sequence[str], source: str) -> list[RenderableType]:
    return [heading(topic), bullets(points), cite(data.sources[source])]


def _taglines(data: Dataset, roles: Sequence[Role]) -> list[RenderableType]:
    """One line per role saying what it is, then any note that prevents a confusion."""
    lines: list[RenderableType] = []
    for role in roles:
        if role.tagline:
            line = Text(display_name(role), style="bold cyan")
            line.append(f": {role.tagline}", style="")
            lines.append(line)
    lines += role_notes(data, roles)
    return [*lines, Text()] if lines else []


def _dimension_table(dim: Dimension, roles: Sequence[Role]) -> Table:
    from rich.table import Table  # here, not at the top: rates draws no rich table

    table = Table(
        title=Text(dim.title, style="bold"),
        title_justify="left",
        box=box.ROUNDED,
        expand=True,
        show_lines=False,
    )
    for role in roles:
        table.add_column(Text(role.name, style="bold cyan"), ratio=1, overflow="fold")
    texts = [role_text(dim, role) for role in roles]
    table.add_row(*(_role_cell(text.summary, text.points) for text in texts))
    return table


def _dimension_stacked(dim: Dimension, roles: Sequence[Role]) -> Group:
    """One role under another, a blank line between them so each role's text reads as its own."""
    parts: list[RenderableType] = [heading(dim.title)]
    for n, role in enumerate(roles):
        text = role_text(dim, role)
        parts += [Text()] if n else []
        parts += [role_heading(role.name), _role_cell(text.summary, text.points)]
    return Group(*parts)


def _similarities(data: Dataset, width: int) -> list[RenderableType]:
    if not data.similarities:
        return []
    if width < NARROW:
        stacked: list[RenderableType] = [heading("What the roles share")]
        for item in data.similarities.values():
            stacked += [Text(item.title, style="bold"), Text(item.text)]
        return [*stacked, Text()]
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=False)
    grid.add_column(ratio=1, overflow="fold")
    for item in data.similarities.values():
        grid.add_row(Text(item.title, style="bold"), Text(item.text))
    return [heading("What the roles share"), grid, Text()]


def _context(data: Dataset) -> list[RenderableType]:
    if data.context is None:
        return []
    return [heading(data.context.title), bullets(data.context.points), Text()]


def rates_view(
    data: Dataset,
    summaries: Sequence[RateSummary],
    diffs: Sequence[RateDifference],
    default_days: bool,
    width: int,
    now: dt.date | None = None,
) -> Group:
    days = summaries[0].days
    overview = Fitting(_rates_table(summaries), _rates_list(summaries))
    chart = RangeChart(
        [Bar(s.role.name, s.day_min, s.day_max, s.day_mid) for s in summaries],
        summaries[0].currency,
    )
    parts: list[RenderableType] = [
        overview,
        Text(),
        Text("Day rate per role (│ marks the midpoint)", style="bold"),
        chart,
        Text(),
    ]
    for d in diffs:
        parts.append(_difference_line(d))
    if diffs:
        parts.append(Text())
    parts.append(Text(days_sentence(data, days, default_days), style="italic"))
    parts.append(Text(rates_caveat(data, [s.role for s in summaries], now), style="italic"))
    parts.append(Text(TAKE_HOME_POINTER, style="italic"))
    for fact in data.facts_for("rates"):
        parts += [
            Text(),
            Text(fact.topic, style="bold"),
            bullets(fact.points),
            cite(data.sources[fact.source]),
        ]
    parts.append(Text())
    cited = [s.role.rates.source for s in summaries] + (
        [data.rates.source] if data.rates.source else []
    )
    parts += [cite(data.sources[source]) for source in dict.fromkeys(cited)]
    return Group(*parts)


def _rates_list(summaries: Sequence[RateSummary]) -> Group:
    lines: list[RenderableType] = [Text("Contract day rates", style="bold")]
    for s in summaries:
        lines += [
            role_heading(s.role.name),
            bullets(
                [
                    f"{money_range(s.day_min, s.day_max, s.currency)} a day, "
                    f"midpoint {money(s.day_mid, s.currency)}",
                    f"{money_range(s.annual_min, s.annual_max, s.currency)} "
                    f"a year at {plural(s.days, 'day')}",
                ]
            ),
        ]
    return Group(*lines)


def _rates_table(summaries: Sequence[RateSummary]) -> SimpleHeadTable:
    """A rich ``SIMPLE_HEAD`` table in look, drawn without building one (see the class)."""
    days = summaries[0].days
    return SimpleHeadTable(
        "Contract day rates",
        ["Role", "Day rate", "Midpoint", f"A year at {plural(days, 'day')}"],
        [
            [
                s.role.name,
                money_range(s.day_min, s.day_max, s.currency),
                money(s.day_mid, s.currency),
                money_range(s.annual_min, s.annual_max, s.currency),
            ]
            for s in summaries
        ],
        right=(1, 2, 3),
    )


def _difference_line(d: RateDifference) -> Text:
    line = Text(f"{d.other.role.name} vs {d.base.role.name}: ", style="bold")
    line.append(difference_sentence(d))
    return line
