"""Rich renderables for each screen. Nothing here prints; the command layer does.

Text from the data file always goes through ``Text(...)``, never through markup, so a value like
``[Jira]`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from rolecompare.core.models import Dataset
from rolecompare.core.rates import RateDifference, RateSummary, rates_caveat
from rolecompare.core.text import money, money_range, plural
from rolecompare.ui.charts import Bar, Bullets, Fitting, RangeChart, SimpleHeadTable
from rolecompare.ui.draw import bullets, cite, role_heading
from rolecompare.wording import TAKE_HOME_POINTER, days_sentence, difference_sentence

if TYPE_CHECKING:
    import datetime as dt


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


def validate_view(
    path: str, data: Dataset, balance: dict[str, tuple[int, int]], warnings: Sequence[str]
) -> Group:
    lines = [
        Text(f"OK: {path}", style="bold green"),
        Text(f"{len(data.roles)} roles: {', '.join(data.roles)}"),
        Text(
            f"{len(data.dimensions)} dimensions, {len(data.similarities)} similarities, {len(data.facts)} further facts"
        ),
        Text(f"{len(data.quiz.statements)} quiz statements (bank version {data.quiz.version})"),
    ]
    for role_id, (count, weight) in balance.items():
        lines.append(Text(f"  keyed to {role_id}: {count} statements, maximum weight {weight}"))
    lines += [Text(f"Warning: {w}", style="yellow") for w in warnings]
    return Group(*lines)


def problems_view(summary: str, problems: Sequence[str]) -> Group:
    """``summary`` alone when the file could not be read at all, else one line per problem."""
    lines: list[RenderableType] = [Text(f"Invalid: {summary}", style="bold red")]
    if problems:
        from rich.padding import Padding  # only an invalid file needs it

        lines.append(Padding(Bullets(tuple(problems), bullet="-"), (0, 0, 0, 2)))
    return Group(*lines)
