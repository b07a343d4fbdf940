"""``rolecompare rates``: day-rate ranges per role, a picture of them, and yearly figures.

The scripting path loads no rich at all (a start-up budget): rich is imported only by the
terminal view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolecompare.core import loader, lookup
from rolecompare.core.rates import differences, summarise
from rolecompare.ui.deliver import deliver
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

if TYPE_CHECKING:
    import datetime as dt

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from pathlib import Path

    from rich.console import Group, RenderableType
    from rich.text import Text

    from rolecompare.core.models import Dataset
    from rolecompare.core.rates import RateDifference, RateSummary
    from rolecompare.ui.charts import SimpleHeadTable


def run(
    data_option: str | None, roles: Sequence[str], days: int | None, fmt: str, export: Path | None
) -> None:
    data = loader.load_chosen(data_option)[0]
    chosen = lookup.resolve_roles(data, roles)
    summaries = summarise(chosen, days or data.rates.billable_days)
    deliver(RatesScreen(data, summaries, differences(summaries), days is None), fmt, export)


class RatesScreen(Screen):
    title = "rolecompare rates"

    def __init__(
        self,
        data: Dataset,
        summaries: Sequence[RateSummary],
        diffs: Sequence[RateDifference],
        default_days: bool,
    ) -> None:
        self.data, self.summaries, self.diffs = data, summaries, diffs
        self.default_days = default_days

    def view(self, width: int) -> RenderableType:
        return rates_view(self.data, self.summaries, self.diffs, self.default_days, width)

    def markdown(self) -> str:
        return rates_markdown(self.data, self.summaries, self.diffs, default_days=self.default_days)

    def document(self) -> Any:
        return rates_json(self.data, self.summaries, self.diffs, default_days=self.default_days)

    def csv(self) -> str:
        """One row per role: the day rates and the year they make, in the data's currency."""
        from rolecompare.ui.spreadsheet import Cell, csv_text

        header = ["role", "name", "currency", "day_min", "day_max", "day_mid", "days"]
        header += ["year_min", "year_max"]
        rows: list[tuple[Cell, ...]] = [
            (
                s.role.id,
                s.role.name,
                s.currency,
                s.day_min,
                s.day_max,
                s.day_mid,
                s.days,
                s.annual_min,
                s.annual_max,
            )
            for s in self.summaries
        ]
        return csv_text(header, rows)


def rates_view(
    data: Dataset,
    summaries: Sequence[RateSummary],
    diffs: Sequence[RateDifference],
    default_days: bool,
    width: int,
    now: dt.date | None = None,
) -> Group:
    from rich.console import Group
    from rich.text import Text

    from rolecompare.core.rates import rates_caveat
    from rolecompare.ui.charts import Bar, Fitting, RangeChart
    from rolecompare.ui.draw import bullets, cite

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
    from rich.console import Group
    from rich.text import Text

    from rolecompare.core.text import money, money_range, plural
    from rolecompare.ui.draw import bullets, role_heading

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
    from rolecompare.core.text import money, money_range, plural
    from rolecompare.ui.charts import SimpleHeadTable

    days = summaries[0].days
    return SimpleHeadTable(
        "Contract day rates",
        ["Role", "Day rate", "Midpoint, a day", f"A year at {plural(days, 'day')}"],
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
    from rich.text import Text

    line = Text(f"{d.other.role.name} vs {d.base.role.name}: ", style="bold")
    line.append(difference_sentence(d))
    return line


def rates_markdown(
    data: Dataset,
    summaries: Sequence[RateSummary],
    diffs: Sequence[RateDifference],
    now: dt.date | None = None,
    default_days: bool = True,
) -> str:
    """The rates screen as Markdown: the same content as the table, the picture aside."""
    from rolecompare.core.rates import rates_caveat
    from rolecompare.core.text import money, money_range, plural
    from rolecompare.ui.markdown import cite, fact_sections, md, table

    days = summaries[0].days
    lines = ["# Contract day rates", ""]
    lines += table(
        ["Role", "Day rate", "Midpoint, a day", f"A year at {plural(days, 'day')}"],
        [
            [
                md(s.role.name),
                money_range(s.day_min, s.day_max, s.currency),
                money(s.day_mid, s.currency),
                money_range(s.annual_min, s.annual_max, s.currency),
            ]
            for s in summaries
        ],
    )
    lines += [
        f"- **{md(d.other.role.name)} vs {md(d.base.role.name)}**: {md(difference_sentence(d))}"
        for d in diffs
    ]
    lines += [""] if diffs else []
    lines += [
        f"_{md(days_sentence(data, days, default_days))}_",
        "",
        f"_{md(rates_caveat(data, [s.role for s in summaries], now))}_",
        "",
    ]
    lines += [f"_{md(TAKE_HOME_POINTER.removesuffix(' rolecompare pay'))}_ `rolecompare pay`", ""]
    lines += fact_sections(data, "rates")
    cited = [s.role.rates.source for s in summaries] + (
        [data.rates.source] if data.rates.source else []
    )
    lines += [cite(data, key) + "  " for key in dict.fromkeys(cited)]
    return "\n".join(lines) + "\n"


def dump(data: Dataset) -> dict[str, Any]:
    """The whole data file as JSON values."""
    from rolecompare.core.models import plain

    result: dict[str, Any] = plain(data)
    return result


def _end_facts(dumped: dict[str, Any], screen: str) -> list[Any]:
    """As ``Dataset.facts_for``, from a dump."""
    return [f for f in dumped["facts"] if f["screen"] == screen and f["dimension"] is None]


def rates_json(
    data: Dataset,
    summaries: Sequence[RateSummary],
    diffs: Sequence[RateDifference],
    now: dt.date | None = None,
    default_days: bool = True,
) -> dict[str, Any]:
    """The rates screen for scripts: the figures, and every sentence the table shows."""
    from rolecompare.commands.rates import days_sentence, difference_sentence
    from rolecompare.core.rates import dated, rates_caveat

    days = summaries[0].days
    dumped = dump(data)
    facts = _end_facts(dumped, "rates")
    return {
        "billable_days": days,
        "billable_days_default": data.rates.billable_days,
        "billable_days_note": days_sentence(data, days, default_days),
        "caveat": data.rates.caveat,
        "caveat_line": rates_caveat(data, [s.role for s in summaries], now),
        "roles": [
            {
                "id": s.role.id,
                "name": s.role.name,
                "currency": s.currency,
                "per": s.role.rates.per,
                "market": s.role.rates.market,
                "year": s.role.rates.year,
                "as_of": s.role.rates.as_of.isoformat() if s.role.rates.as_of else None,
                "dated": dated(s.role.rates, now),
                "day": {"min": s.day_min, "max": s.day_max, "midpoint": s.day_mid},
                "annual_gross": {
                    "min": s.annual_min,
                    "max": s.annual_max,
                    "midpoint": s.annual_mid,
                },
                "source": s.role.rates.source,
            }
            for s in summaries
        ],
        "differences": [
            {
                "role": d.other.role.id,
                "compared_with": d.base.role.id,
                "day": {"min": d.day_min, "max": d.day_max, "midpoint": d.day_mid},
                "annual_midpoint": d.annual_mid,
                "overlap": list(d.overlap) if d.overlap else None,
                "summary": f"{d.other.role.name} vs {d.base.role.name}: {difference_sentence(d)}",
            }
            for d in diffs
        ],
        "facts": facts,
        "sources": {
            key: source
            for key, source in dumped["sources"].items()
            if key
            in {s.role.rates.source for s in summaries}
            | {f["source"] for f in facts}
            | {data.rates.source}
        },
    }


TAKE_HOME_POINTER = "What a day rate leaves after tax, inside and outside IR35: rolecompare pay"


def difference_sentence(d: RateDifference) -> str:
    """How one role's rates compare with the base role's, with the overlap of the ranges."""
    from rolecompare.core.text import money

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
    from rolecompare.core.text import plural

    if default_days:
        note = f": {data.rates.billable_days_note}" if data.rates.billable_days_note else ""
        return f"A year = {plural(days, 'billable day')}{note}."
    return (
        f"A year = {plural(days, 'billable day')}, as you chose with --days "
        f"(the usual assumption is {data.rates.billable_days})."
    )
