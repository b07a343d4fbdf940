"""``rolecompare pay``: take-home inside and outside IR35, after UK tax, per role or at a rate.

Every format is built from the same :class:`PayScreen` and the same phrases (:func:`summary`,
:func:`working`), so the terminal view, the Markdown and the JSON never drift apart. rich is
imported only by the terminal view, so ``--format json`` and ``--format markdown`` do not load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rolecompare.core import loader, lookup, rates, taxdata
from rolecompare.core import pay as calc
from rolecompare.core.errors import UsageError
from rolecompare.core.pay import (
    CALENDAR_WEEKS,
    MONTHS,
    Comparison,
    Inside,
    Offer,
    Outside,
    Repayment,
    Settings,
    penny,
    pound,
    slices,
)
from rolecompare.core.taxdata import ZERO, LoanPlan, TaxData
from rolecompare.core.text import symbol
from rolecompare.ui import output
from rolecompare.ui.deliver import deliver
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from rolecompare.core.models import Dataset

POINT_NAMES = {"min": "bottom", "midpoint": "midpoint", "max": "top", "given": "your rate"}
NARROW = 80
ROUNDING = (
    "Worked out exactly and rounded half up only when shown: to the penny in the working, "
    "to the pound in tables; a total can differ by a penny from the sum of the rounded lines."
)


def run(
    data_option: str | None,
    fmt: str,
    export: Path | None,
    *,
    role: Sequence[str] | None,
    rate: Sequence[str] | None,
    offer: Sequence[str] | None,
    days: str | None,
    tax_year: str | None,
    region: str | None,
    salary: str | None,
    expenses: str,
    umbrella_margin: str,
    pension: str,
    breakdown: bool,
    tax_data: str | None,
    student_loan: Sequence[str] | None = None,
    draw: str = "all",
    extra: Sequence[str] = (),
) -> None:
    """Check the options, work out both routes for the chosen roles, rates or offers and show
    them.

    The options are the command's own words, checked here so every mistake names its option.
    """
    _check_combination(role, rate, offer, extra)
    data = loader.load_chosen(data_option)[0]
    chosen = lookup.resolve_roles(data, role or [])
    tax = taxdata.load_chosen(tax_data)[0]
    given = [
        calc.amount(text, "--rate", zero_ok=False, limit=100_000, example="525")
        for text in rate or []
    ]
    offered = [calc.offer(text) for text in offer or []]
    day_count = data.rates.billable_days if days is None else calc.whole_days(days)
    place = calc.resolve_region(tax, region)
    asked = None if tax_year is None else calc.resolve_year(tax, tax_year)
    # rates.today, not a name bound at import: the tests set the date there.
    year, warning = calc.pick_year(tax, asked, rates.today())
    if warning:
        output.warn(warning)
    settings = Settings(
        year,
        place,
        day_count,
        _salary(tax, salary),
        calc.amount(expenses, "--expenses", zero_ok=True, limit=10_000_000, example="2000"),
        calc.amount(
            umbrella_margin, "--umbrella-margin", zero_ok=True, limit=100_000, example="25"
        ),
        tax.days_per_week,
        calc.amount(pension, "--pension", zero_ok=True, limit=10_000_000, example="10000"),
        calc.resolve_loans(tax, year, student_loan or []),
        calc.draw(draw),
    )
    if offered:
        results: tuple[Comparison, ...] = ()
        offers = tuple(Offer(settings, rate, route) for rate, route in offered)
    else:
        results = (
            calc.compare_rates(settings, given) if given else calc.compare_roles(settings, chosen)
        )
        offers = tuple(Offer(settings, rate, route) for rate in given for route in calc.ROUTES)
    _check_inside_pot(
        settings,
        [item.inside for item in results]
        + [item.result for item in offers if isinstance(item.result, Inside)],
    )
    outside_shown = bool(results) or any(route == "outside" for _, route in offered)
    draw_warnings = _draw_below_salary(settings) if outside_shown else []
    for warned in [*_losses(results, offers), *draw_warnings]:
        output.warn(warned)
    shown = PayScreen(
        data,
        tax,
        settings,
        results,
        default_days=days is None,
        breakdown=breakdown,
        offers=offers,
    )
    deliver(shown, fmt, export)


def _salary(tax: TaxData, typed: str | None) -> Decimal | None:
    """The director's salary: the data's default, the amount typed, or None for ``best``."""
    if typed is None:
        return tax.director_salary
    if typed.strip().casefold() == "best":
        return None
    return calc.amount(typed, "--salary", zero_ok=True, limit=10_000_000, example="12570 or best")


def _check_combination(
    role: Sequence[str] | None,
    rate: Sequence[str] | None,
    offer: Sequence[str] | None,
    extra: Sequence[str],
) -> None:
    """Refuse options that ask two different questions at once, naming the way to ask each."""
    from rolecompare.core.untrusted import inert

    if extra:
        typed = inert(extra[0][:40])
        raise UsageError(
            f"unexpected argument '{typed}': pay takes options only; for a day rate of your "
            f"own write --rate {typed}, or --offer {typed}:inside for one offer"
        )
    if role and (rate or offer):
        raise UsageError(
            f"{'--rate' if rate else '--offer'} and --role do not go together: --role shows "
            "each role's range of rates, --rate and --offer rates of your own; drop one of them"
        )
    if rate and offer:
        raise UsageError(
            "--rate and --offer do not go together: --rate shows a rate on both routes, --offer "
            "one route; write each rate as --offer RATE:inside --offer RATE:outside instead"
        )


def _check_inside_pot(settings: Settings, worked: Sequence[Inside]) -> None:
    """Refuse an umbrella margin and pension that take all the assignment money: nothing would
    be left to pay, and showing it would mean capping one of them silently."""
    for inside in worked:
        if inside.margin + inside.pension >= inside.income:
            what = f"the umbrella margin ({gbp(settings.margin_per_week, pence=True)} a week x "
            what += f"{settings.weeks.normalize():f} weeks = {gbp(inside.margin, pence=True)})"
            if inside.pension > 0:
                what += f" and the pension ({gbp(inside.pension, pence=True)})"
            raise UsageError(
                f"{what} {'take' if inside.pension > 0 else 'takes'} all of the assignment income "
                f"({gbp(inside.income, pence=True)}), leaving nothing to pay you inside IR35; "
                "lower --umbrella-margin or --pension"
            )


def _losses(results: Sequence[Comparison], offers: Sequence[Offer]) -> list[str]:
    """A warning for each rate at which the company makes a loss outside IR35: the salary, its
    employer NI, the costs and the pension come to more than the fees, so the director puts the
    difference in and take-home is reduced by it."""
    found = [item.outside for item in results] + [
        item.result for item in offers if isinstance(item.result, Outside)
    ]
    seen = dict.fromkeys(
        (outside.turnover, outside.shortfall) for outside in found if outside.shortfall > 0
    )
    return [
        f"outside IR35 on {gbp(turnover, pence=True)} of fees the company makes a LOSS of "
        f"{gbp(loss, pence=True)}: the salary, its employer NI, the costs and the pension come "
        "to more than the fees, so you would put that money in; take-home shows it as a loss"
        for turnover, loss in seen
    ]


def _draw_below_salary(settings: Settings) -> list[str]:
    """A typed salary above the --draw level: no dividends at all, said rather than hidden."""
    level = settings.draw_level
    if level is None or settings.salary is None or settings.salary <= level:
        return []
    return [
        f"the director's salary ({as_given(settings.salary)}) is above the --draw level "
        f"({as_given(level)}): no dividends are paid, and all profit after corporation tax stays in "
        "the company"
    ]


def gbp(amount: Decimal, *, pence: bool = False, signed: bool = False) -> str:
    """``£66,172``; with ``pence``, ``£66,172.12``; with ``signed``, ``+£3,760`` or ``-£3,760``."""
    value = penny(amount) if pence else pound(amount)
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    digits = f"{abs(value):,.2f}" if pence else f"{abs(value):,.0f}"
    return f"{sign}{symbol('GBP')}{digits}"  # GBP and a space where the output cannot show £


def as_given(amount: Decimal) -> str:
    """An amount as typed, such as a day rate or a salary: pence only when there are some
    (``£500``, ``£540.58``, ``£0.40``), so what was asked for is never shown as another sum."""
    return gbp(amount, pence=amount != amount.to_integral_value())


def take_home_cells(item: Comparison) -> list[str]:
    """The day rate and each route's take-home a year and a month, as the table and the
    Markdown both show them."""
    return [
        as_given(item.day_rate),
        gbp(item.inside.take_home),
        gbp(item.inside.take_home / MONTHS),
        gbp(item.outside.take_home),
        gbp(item.outside.take_home / MONTHS),
    ]


def pct(rate: Decimal) -> str:
    """``0.0875`` as ``8.75%``."""
    return f"{(rate * 100).normalize():f}%"


def role_label(item: Comparison) -> str:
    return item.role.name if item.role is not None else "-"


def point_title(item: Comparison) -> str:
    """``PMO at the midpoint, £500 a day`` or ``£525 a day``."""
    rate = f"{as_given(item.day_rate)} a day"
    return rate if item.role is None else f"{item.role.name} at the {point_label(item)}, {rate}"


def point_label(item: Comparison) -> str:
    return POINT_NAMES[item.point]


class PayScreen(Screen):
    """What the ``pay`` command worked out, and everything its views need to show it."""

    title = "rolecompare pay"

    def __init__(
        self,
        roles_data: Dataset,
        tax: TaxData,
        settings: Settings,
        results: Sequence[Comparison],
        *,
        default_days: bool,
        breakdown: bool,
        offers: Sequence[Offer] = (),
    ) -> None:
        self.offers = tuple(offers)
        self.roles_data = roles_data
        self.tax = tax
        self.settings = settings
        self.results = tuple(results)
        self.default_days = default_days
        self.breakdown = breakdown

    @property
    def region_name(self) -> str:
        return self.tax.regions[self.settings.region].name

    @property
    def worked(self) -> Comparison:
        """The point whose working ``--breakdown`` shows: your rate, else the first midpoint."""
        middles = [item for item in self.results if item.point in ("given", "midpoint")]
        return middles[0] if middles else self.results[0]

    def headline(self) -> str:
        return f"Take-home pay, tax year {self.settings.year.id}, {self.region_name}"

    def settings_line(self) -> str:
        """What the figures assume, naming only what applies to a route shown: offers all
        inside IR35 have no director's salary, offers all outside no umbrella margin."""
        s = self.settings
        parts = [
            f"{s.days} billable days a year"
            + (" (the usual assumption)" if self.default_days else "")
        ]
        if self.shows("outside"):
            salary = as_given(s.salary) if s.salary is not None else "best"
            if s.salary is None and s.choices:
                salary += " (see below)"
            parts += [f"director's salary {salary}", f"company costs {as_given(s.expenses)} a year"]
        if self.shows("inside"):
            parts.append(f"umbrella margin {gbp(s.margin_per_week, pence=True)} a week")
        if s.pension > 0:
            parts.append(f"pension {as_given(s.pension)} a year")
        if s.loans.plans:
            parts.append(f"student loan {' and '.join(plan.name for plan in s.loans.plans)}")
        return "; ".join(parts) + "."

    def shows(self, route: str) -> bool:
        """Whether any figure shown is for ``route`` (``inside`` or ``outside``)."""
        return bool(self.results) or any(item.route == route for item in self.offers)

    def choices_lines(self) -> list[str]:
        """What ``--salary best``, ``--draw`` and ``--student-loan`` did, one sentence each."""
        found = [salary_choice(self.settings), draw_line(self), loan_line(self)]
        return [line for line in found if line]

    def shown(self) -> list[tuple[str, Inside | Outside]]:
        """Each result a sentence describes, named: the offers, or both routes at your rate or
        each role's midpoint."""
        if self.offers and not self.results:
            return [(offer_name(item), item.result) for item in self.offers]
        found: list[tuple[str, Inside | Outside]] = []
        for item in _summarised(self):
            where = as_given(item.day_rate)
            if item.role is not None:
                where = f"{item.role.name} at {where}"
            found += [(f"{where} inside", item.inside), (f"{where} outside", item.outside)]
        return found

    def rates_line(self) -> str | None:
        """When the roles' day rates date from (None for a rate of your own), as every screen
        that shows a day rate says it."""
        roles = dict.fromkeys(item.role for item in self.results if item.role is not None)
        if not roles:
            return None
        markets = dict.fromkeys(f"{role.rates.market}, {rates.dated(role.rates)}" for role in roles)
        return f"Day rates: {'; '.join(markets)}."

    def notes(self) -> list[str]:
        region = self.tax.regions[self.settings.region]
        return [region.note] if region.note else []

    def source_ids(self) -> list[str]:
        """The year's sources, and the student loans' when a plan was asked for."""
        year = self.settings.year
        ids = list(year.sources)
        if self.settings.loans.plans and year.student_loans is not None:
            ids += year.student_loans.sources
        return list(dict.fromkeys(ids))

    def citations(self) -> list[str]:
        region = self.settings.region
        cited = [
            source.citation()
            for source in (self.tax.sources[key] for key in self.source_ids())
            if not source.regions or region in source.regions
        ]
        rate_sources = dict.fromkeys(
            item.role.rates.source for item in self.results if item.role is not None
        )
        cited += [self.roles_data.sources[key].citation() for key in rate_sources]
        return cited

    def view(self, width: int) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        from rolecompare.ui.charts import Bullets

        parts: list[RenderableType] = [
            Text(self.headline(), style="bold"),
            Text(self.settings_line(), style="italic"),
        ]
        rates_line = self.rates_line()
        if rates_line:
            parts.append(Text(rates_line, style="italic"))
        parts.append(Text())
        if not self.results:
            parts += [*(_offers_stacked(self) if width < NARROW else [_offer_table(self)]), Text()]
            parts += [Text(line) for line in [*offer_summary(self.offers), *self.choices_lines()]]
        else:
            parts += _stacked(self) if width < NARROW else _tables(self)
            # The answer before the picture, so it is on the first screen at 80x24.
            parts.append(Text())
            sentences = [*(summary(item) for item in _summarised(self)), *self.choices_lines()]
            parts += [Text(sentence) for sentence in sentences]
            parts += [Text(), *_picture(self)]
        if self.breakdown and self.results:
            parts += [Text(), *_working_view(self)]
        parts += [Text(), Text("Assumptions", style="bold")]
        parts.append(Bullets([*self.tax.assumptions, *self.notes()]))
        if not self.breakdown and self.results:
            parts.append(
                Text("The working for one point, line by line: add --breakdown.", style="dim")
            )
        parts.append(Text())
        for citation in self.citations():
            # The address goes on a line of its own and is never wrapped: split, it cannot be
            # copied or followed.
            words, comma, address = citation.rpartition(", https://")
            line = Text("Source: ", style="dim")
            line.append(words if comma else citation, style="dim italic")
            parts.append(line)
            if comma:
                parts.append(
                    Text("https://" + address, style="dim", no_wrap=True, overflow="ignore")
                )
        return Group(*parts)

    def markdown(self) -> str:
        from rolecompare.ui.markdown import md, table

        lines = [f"# {md(self.headline())}", "", md(self.settings_line()), ""]
        rates_line = self.rates_line()
        if rates_line:
            lines += [md(rates_line), ""]
        if not self.results:
            lines += table(
                OFFER_MARKDOWN_COLUMNS, [offer_cells(self.offers, item) for item in self.offers]
            )
            lines += [f"- {md(line)}" for line in offer_summary(self.offers)]
            lines += [f"- {md(line)}" for line in self.choices_lines()]
            lines.append("")
        if self.results:  # offers alone have no role or point to tabulate
            lines += table(
                [
                    "Role",
                    "Point",
                    "Day rate",
                    "Inside IR35, a year",
                    "Inside IR35, a month",
                    "Outside IR35, a year",
                    "Outside IR35, a month",
                ],
                [
                    [
                        md(role_label(item)),
                        point_label(item),
                        *take_home_cells(item),
                    ]
                    for item in self.results
                ],
            )
            lines += table(
                [
                    "Role",
                    "Point",
                    "Outside minus inside, a year",
                    "Break-even inside day rate",
                    "Salary like inside, a year",
                    "Salary like outside, a year",
                ],
                [
                    [
                        md(role_label(item)),
                        point_label(item),
                        gbp(item.difference, signed=True),
                        "-" if item.break_even is None else gbp(item.break_even, pence=True),
                        gbp(item.salary_inside),
                        "-" if item.salary_outside is None else gbp(item.salary_outside),
                    ]
                    for item in self.results
                ],
            )
        lines += [f"- {md(summary(item))}" for item in _summarised(self)]
        lines += [f"- {md(line)}" for line in self.choices_lines()]
        lines.append("")
        if self.breakdown:
            item = self.worked
            lines += [f"## The working: {md(point_title(item))}", ""]
            for heading, rows in zip(
                (
                    "Inside IR35, through an umbrella company",
                    "Outside IR35, through a limited company",
                ),
                working(self, item),
                strict=True,
            ):
                lines += [f"### {heading}", ""]
                lines += table(
                    ["Line", "Amount"],
                    [
                        [
                            ("**" + md(row.label) + "**")
                            if row.total
                            else ("&nbsp;&nbsp;" if row.sub else "") + md(row.label),
                            ("**" + row.value() + "**") if row.total else row.value(),
                        ]
                        for row in rows
                    ],
                )
            lines += [md(salaries(item)), "", f"_{md(ROUNDING)}_", ""]
        lines += ["## Assumptions", ""]
        lines += [f"- {md(text)}" for text in [*self.tax.assumptions, *self.notes()]]
        lines.append("")
        lines += [f"Source: {md(citation)}  " for citation in self.citations()]
        return "\n".join(lines) + "\n"

    def csv(self) -> str:
        """One row per role and point (or per offer): the figures of the take-home tables, each
        column named with its period."""
        from rolecompare.ui.spreadsheet import Cell, csv_text

        if self.offers and not self.results:
            return csv_text(
                OFFER_CSV_COLUMNS,
                [
                    tuple(
                        _offer_json(self.offers, item, self.settings.days)[key]
                        for key in OFFER_KEYS
                    )
                    for item in self.offers
                ],
            )
        header = ["role", "point", "day_rate", "inside_take_home_year", "inside_take_home_month"]
        header += ["outside_take_home_year", "outside_take_home_month", "difference_year"]
        header += ["break_even_inside_day_rate", "salary_like_inside_year"]
        header += ["salary_like_outside_year", "inside_student_loan_year"]
        header += [
            "outside_student_loan_year",
            "outside_retained_year",
            "outside_director_salary_year",
        ]
        rows: list[tuple[Cell, ...]] = []
        for item in self.results:
            row = _result_json(item)
            inside, outside = row["inside"], row["outside"]
            rows.append(
                (
                    row["role"],
                    row["point"],
                    row["day_rate"],
                    inside["take_home"],
                    inside["take_home_month"],
                    outside["take_home"],
                    outside["take_home_month"],
                    row["difference"],
                    row["break_even_inside_day_rate"],
                    inside["permanent_salary_equivalent"],
                    outside["permanent_salary_equivalent"],
                    inside["student_loan"],
                    outside["student_loan"],
                    outside["retained"],
                    outside["director_salary"],
                )
            )
        return csv_text(header, rows)

    def document(self) -> dict[str, Any]:
        s = self.settings
        return {
            "tax_year": s.year.id,
            "region": s.region,
            "region_name": self.region_name,
            "days": s.days,
            "currency": self.tax.currency,
            "director_salary": None if s.salary is None else _money(s.salary),
            "salary_choice": _choice_json(self),
            "draw": s.draw if isinstance(s.draw, str) else _money(s.draw),
            "draw_level": None if s.draw_level is None else _money(s.draw_level),
            "student_loans": [_plan_json(plan) for plan in s.loans.plans],
            "notes": self.choices_lines(),
            "company_costs": _money(s.expenses),
            "umbrella_margin_per_week": _money(s.margin_per_week),
            "assumptions": [*self.tax.assumptions, *self.notes()],
            "rounding": ROUNDING,
            "pension": _money(s.pension),
            "results": [_result_json(item) for item in self.results],
            "offers": [_offer_json(self.offers, item, s.days) for item in self.offers],
            "sources": [self.tax.sources[key].to_json() for key in self.source_ids()],
        }


# ------------------------------------------------------------------------------ offers

OFFER_HEADERS = [
    "Offer",
    "Take-home\na year",
    "\na month",
    "\na week",
    "Pension\na year",
    "Take-home\n+ pension\na year",
    "Take-home vs\nfirst offer\na year",
]
"""The offers' columns in the terminal, each with its period on its last line."""
OFFER_MARKDOWN_COLUMNS = [
    "Offer",
    "Take-home, a year",
    "Take-home, a month",
    "Take-home, a week",
    "Pension, a year",
    "Take-home + pension, a year",
    "Take-home vs first offer, a year",
]
"""The same columns in a Markdown table, where a header is one line."""


OFFER_KEYS = (
    "rate",
    "route",
    "days",
    "take_home",
    "take_home_month",
    "take_home_week",
    "pension",
    "take_home_plus_pension",
    "student_loan",
    "retained",
    "difference_from_first",
)
"""The JSON fields of an offer that its CSV row gives, in order."""
OFFER_CSV_COLUMNS = [
    "day_rate",
    "route",
    "days",
    "take_home_year",
    "take_home_month",
    "take_home_week",
    "pension_year",
    "take_home_plus_pension_year",
    "student_loan_year",
    "retained_year",
    "difference_from_first_year",
]


def offer_name(item: Offer) -> str:
    """``£450 outside``."""
    return f"{as_given(item.day_rate)} {item.route}"


def offer_cells(offers: Sequence[Offer], item: Offer) -> list[str]:
    """One offer's row: take-home a year, a month and a calendar week, the pension beside it, and
    how its take-home compares with the first offer's."""
    first = offers[0]
    return [
        offer_name(item),
        gbp(item.take_home),
        gbp(item.take_home / MONTHS),
        gbp(item.take_home / CALENDAR_WEEKS),
        gbp(item.pension),
        gbp(item.with_pension),
        "-" if item is first else gbp(item.take_home - first.take_home, signed=True),
    ]


def offer_summary(offers: Sequence[Offer]) -> list[str]:
    """One sentence per offer after the first: more or less than the first, now and with the
    pension counted."""
    first = offers[0]
    lines = []
    for item in offers[1:]:
        now = item.take_home - first.take_home
        later = item.with_pension - first.with_pension
        lead = (
            f"{offer_name(item)} leaves about the same take-home as {offer_name(first)}"
            if pound(now) == 0
            else f"{offer_name(item)} leaves {_more_or_less(now, ' a year')} take-home than "
            f"{offer_name(first)}"
        )
        lines.append(f"{lead}, and {_more_or_less(later)} counting the pension.")
    return lines


def _more_or_less(gap: Decimal, per: str = "") -> str:
    if pound(gap) == 0:
        return "about the same"
    return f"{gbp(abs(gap))}{per} {'more' if gap > 0 else 'less'}"


def _offer_table(screen: PayScreen) -> RenderableType:
    from rolecompare.ui.charts import AlignedTable

    offers = screen.offers
    return AlignedTable(
        "Take-home per offer (a week: the year over 52 weeks)",
        OFFER_HEADERS,
        [offer_cells(offers, item) for item in offers],
        right=(1, 2, 3, 4, 5, 6),
    )


def _offers_stacked(screen: PayScreen) -> list[RenderableType]:
    """The offers for a narrow screen: a heading and a few short lines each, where the table's
    seven columns would be folded out of line."""
    from rich.text import Text

    from rolecompare.ui.charts import Bullets

    first = screen.offers[0]
    parts: list[RenderableType] = []
    for item in screen.offers:
        lines = [
            f"Take-home {gbp(item.take_home)} a year, {gbp(item.take_home / MONTHS)} a month, "
            f"{gbp(item.take_home / CALENDAR_WEEKS)} a week",
            f"Pension {gbp(item.pension)} a year; with take-home {gbp(item.with_pension)} a year",
        ]
        if item is not first:
            lines.append(
                f"Take-home vs {offer_name(first)}: "
                f"{gbp(item.take_home - first.take_home, signed=True)} a year"
            )
        parts += [Text(offer_name(item), style="bold cyan"), Bullets(lines)]
    return parts


def _offer_json(offers: Sequence[Offer], item: Offer, days: int) -> dict[str, Any]:
    first = offers[0]
    return {
        "rate": _money(item.day_rate),
        "route": item.route,
        "days": days,
        "take_home": _money(item.take_home),
        "take_home_month": _money(item.take_home / MONTHS),
        "take_home_week": _money(item.take_home / CALENDAR_WEEKS),
        "pension": _money(item.pension),
        "take_home_plus_pension": _money(item.with_pension),
        "retained": _money(item.retained),
        "student_loan": _money(item.student_loan),
        "difference_from_first": _money(item.take_home - first.take_home),
        "difference_with_pension_from_first": _money(item.with_pension - first.with_pension),
    }


# ------------------------------------------------------------------------------ shared phrases


def salary_choice(settings: Settings) -> str | None:
    """``--salary best``: the salary chosen at each day rate, and why, in one sentence."""
    if settings.salary is not None or not settings.choices:
        return None
    chosen = list(settings.choices.items())
    rate, first = chosen[0]
    points = (
        f"0, the NI thresholds, the personal allowance and every other point where the "
        f"{settings.year.id} tax figures change the rate"
    )
    by_salary: dict[Decimal, list[Decimal]] = {}
    for at, choice in sorted(chosen):
        by_salary.setdefault(choice.salary, []).append(at)
    if len(by_salary) > 1:
        each = "; ".join(
            f"{gbp(salary)} at {_listed([as_given(at) for at in rates_at])} a day"
            for salary, rates_at in by_salary.items()
        )
        return (
            f"Director's salary chosen by --salary best, the one that leaves the most "
            f"take-home outside IR35 at each rate, of the salaries at {points}: {each}."
        )
    where = f"at {as_given(rate)} a day" if len(chosen) == 1 else "at every rate shown"
    line = (
        f"Director's salary chosen by --salary best: {gbp(first.salary)}, which leaves the "
        f"most take-home outside IR35 {where}, of {first.tried} "
        f"salar{'y' if first.tried == 1 else 'ies'} tried at {points}"
    )
    if first.runner_up is not None:
        salary, take_home = first.runner_up
        there = f"at {as_given(rate)} a day " if len(chosen) > 1 else ""
        line += (
            f"; {there}the next best, {gbp(salary)}, leaves {gbp(first.take_home - take_home)} less"
        )
    return line + "."


def _listed(items: Sequence[str]) -> str:
    """``£400, £500 and £575``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def draw_line(screen: PayScreen) -> str | None:
    """``--draw``: where salary plus dividends stop, and what stays in the company."""
    s = screen.settings
    level = s.draw_level
    if level is None:
        return None
    why = " (the higher-rate threshold)" if s.draw == "higher-rate-threshold" else ""
    kept = [
        f"{gbp(result.retained)} ({name})"
        for name, result in screen.shown()
        if isinstance(result, Outside)
    ]
    return (
        f"Outside IR35 salary plus dividends stop at {gbp(level)}{why}; left in the company "
        f"after corporation tax, not take-home: {', '.join(kept) or 'none'}."
    )


def loan_line(screen: PayScreen) -> str | None:
    """``--student-loan``: what each shown result repays, already out of take-home."""
    plans = screen.settings.loans.plans
    if not plans:
        return None
    names = " and ".join(plan.name for plan in plans)
    paid = [
        f"{gbp(result.student_loan)} ({name}, "
        + ("PAYE" if isinstance(result, Inside) else "self assessment")
        + ")"
        for name, result in screen.shown()
    ]
    return f"Student loan ({names}), taken off the take-home above: {', '.join(paid)} a year."


def summary(item: Comparison) -> str:
    """One sentence: which route leaves more, and what would make them equal."""
    where = (
        f"At {as_given(item.day_rate)} a day"
        if item.role is None
        else f"{item.role.name} at the {point_label(item)} ({as_given(item.day_rate)} a day)"
    )
    gap = item.difference
    if pound(gap) == 0:
        lead = f"{where}: both routes leave about the same"
    elif gap > 0:
        lead = f"{where}: outside IR35 leaves {gbp(gap)} a year more than inside"
    else:
        lead = f"{where}: inside IR35 leaves {gbp(-gap)} a year more than outside"
    if item.break_even is None:
        return f"{lead}; the outside route leaves nothing, so no inside rate is needed to match it."
    return f"{lead}; inside IR35 the same take-home needs {gbp(item.break_even, pence=True)} a day."


def salaries(item: Comparison) -> str:
    outside = "no salary" if item.salary_outside is None else gbp(item.salary_outside)
    return (
        f"The same take-home as a permanent job: a salary of {gbp(item.salary_inside)} "
        f"(inside route) or {outside} (outside route)."
    )


class Line:
    """One line of the working: a label, an amount (None for a heading), and how to show it."""

    __slots__ = ("amount", "label", "sub", "total")

    def __init__(
        self, label: str, amount: Decimal | None, *, total: bool = False, sub: bool = False
    ) -> None:
        self.label = label
        self.amount = amount
        self.total = total
        self.sub = sub

    def value(self) -> str:
        if self.amount is None:
            return ""
        return gbp(self.amount, pence=True)


def _band_lines(bands: Sequence[Any], low: Decimal, high: Decimal) -> list[Line]:
    return [
        Line(
            f"{band.name} rate {pct(band.rate)} on {gbp(amount, pence=True)}",
            -amount * band.rate,
            sub=True,
        )
        for band, amount in slices(bands, low, high)
    ]


def working(screen: PayScreen, item: Comparison) -> tuple[list[Line], list[Line]]:
    """Every line item of both routes at one day rate, so a person can check the arithmetic."""
    s, year = screen.settings, screen.settings.year
    inside, outside = item.inside, item.outside
    rate = as_given(item.day_rate)
    weeks = f"{s.weeks.normalize():f}"
    first = [
        Line(f"Assignment income: {rate} x {s.days} days", inside.income),
        Line(
            f"Umbrella margin: {gbp(s.margin_per_week, pence=True)} a week x {weeks} weeks",
            -inside.margin,
        ),
        Line(
            f"Employer National Insurance: {pct(year.employer_rate)} of gross pay above "
            f"{gbp(year.secondary_threshold)}",
            -inside.employer_ni,
        ),
        Line(f"Apprenticeship levy: {pct(year.levy_rate)} of gross pay", -inside.levy),
        Line("Gross pay (taxed through PAYE)", inside.gross_pay, total=True),
        Line("Personal allowance (tax-free, not deducted)", inside.tax.allowance, sub=True),
        *_band_lines(year.income_bands[s.region], ZERO, inside.tax.earned_taxable),
        Line("Income tax", -inside.income_tax),
        *_ni_lines(screen, inside.gross_pay),
        Line("Employee National Insurance", -inside.employee_ni),
        *_loan_lines(inside.loans, "PAYE"),
        Line("Take-home a year", inside.take_home, total=True),
        Line("Take-home a month", inside.take_home / MONTHS),
    ]
    second = [
        Line(f"Turnover: {rate} x {s.days} days", outside.turnover),
        Line("Director's salary", -outside.salary),
        Line(
            f"Employer National Insurance: {pct(year.employer_rate)} of the salary above "
            f"{gbp(year.secondary_threshold)}",
            -outside.employer_ni,
        ),
        Line("Company costs", -outside.expenses),
        Line("Profit before corporation tax", outside.profit, total=True),
        Line(_ct_label(screen, outside.profit), -outside.corporation_tax),
        *_dividend_lines(screen, outside),
        Line("Director's salary, paid to you", outside.salary),
        Line("Personal allowance (tax-free, not deducted)", outside.tax.allowance, sub=True),
        *_band_lines(year.income_bands[s.region], ZERO, outside.tax.earned_taxable),
        Line("Income tax on the salary", -outside.income_tax),
        *_ni_lines(screen, outside.salary),
        Line("Employee National Insurance on the salary", -outside.employee_ni),
    ]
    taxed = outside.tax
    if taxed.dividend_free > 0:
        second.append(
            Line(f"dividend allowance 0% on {gbp(taxed.dividend_free, pence=True)}", ZERO, sub=True)
        )
    start = taxed.earned_taxable
    second += _band_lines(
        year.dividend_bands, start + taxed.dividend_free, start + taxed.dividends_taxable
    )
    second.append(Line("Dividend tax", -outside.dividend_tax))
    if outside.loans:
        limit = s.loans.unearned_limit
        counts = (
            f"dividends over {gbp(limit)} count in full"
            if outside.dividends > limit
            else f"dividends of {gbp(limit)} or less do not count"
        )
        second.append(Line(f"Student loan on salary plus dividends: {counts}", None, sub=True))
        second += _loan_lines(outside.loans, "self assessment")
    if outside.shortfall > 0:
        second.append(Line("The company's loss, which you cover", -outside.shortfall))
    second += [
        Line("Take-home a year", outside.take_home, total=True),
        Line("Take-home a month", outside.take_home / MONTHS),
    ]
    return first, second


def _dividend_lines(screen: PayScreen, outside: Outside) -> list[Line]:
    level = screen.settings.draw_level
    if level is None:
        return [Line("Dividends: all profit after corporation tax", outside.dividends, total=True)]
    return [
        Line(f"Dividends: salary plus dividends up to {gbp(level)}", outside.dividends, total=True),
        Line(
            "Left in the company (retained, not take-home)",
            outside.retained,
            sub=True,
        ),
    ]


def _loan_lines(loans: Sequence[Repayment], how: str) -> list[Line]:
    """``Student loan, Plan 2 (PAYE): 9% of £101,515.15 above £29,385``."""
    return [
        Line(
            f"Student loan, {item.plan.name} ({how}): {pct(item.plan.rate)} of "
            f"{gbp(item.counted, pence=True)} above {gbp(item.plan.threshold or ZERO)}",
            -item.amount,
        )
        for item in loans
    ]


def _ni_lines(screen: PayScreen, pay: Decimal) -> list[Line]:
    year = screen.settings.year
    main = max(min(pay, year.upper_earnings_limit) - year.primary_threshold, ZERO)
    upper = max(pay - year.upper_earnings_limit, ZERO)
    lines = []
    if main > 0:
        lines.append(
            Line(
                f"{pct(year.employee_rate)} on {gbp(main, pence=True)} between "
                f"{gbp(year.primary_threshold)} and {gbp(year.upper_earnings_limit)}",
                -main * year.employee_rate,
                sub=True,
            )
        )
    if upper > 0:
        lines.append(
            Line(
                f"{pct(year.employee_upper_rate)} on {gbp(upper, pence=True)} above "
                f"{gbp(year.upper_earnings_limit)}",
                -upper * year.employee_upper_rate,
                sub=True,
            )
        )
    return lines


def _ct_label(screen: PayScreen, profit: Decimal) -> str:
    year = screen.settings.year
    if profit <= 0:
        return "Corporation tax: none on a loss"
    if profit <= year.ct_lower:
        return f"Corporation tax: {pct(year.ct_small)} (small profits rate)"
    if profit >= year.ct_upper:
        return f"Corporation tax: {pct(year.ct_main)} (main rate)"
    return (
        f"Corporation tax: {pct(year.ct_main)} less marginal relief of "
        f"{pct(year.ct_relief_fraction)} x ({gbp(year.ct_upper)} - profit)"
    )


# ------------------------------------------------------------------------------ JSON


def _plan_json(plan: LoanPlan) -> dict[str, Any]:
    return {
        "name": plan.name,
        "kind": plan.kind,
        "rate": float(plan.rate),
        "threshold": None if plan.threshold is None else _money(plan.threshold),
    }


def _repayments_json(loans: Sequence[Repayment]) -> list[dict[str, Any]]:
    return [
        {
            "plan": item.plan.name,
            "income_counted": _money(item.counted),
            "repayment": _money(item.amount),
        }
        for item in loans
    ]


def _choice_json(screen: PayScreen) -> dict[str, Any] | None:
    """``--salary best``: each day rate's salary, the take-home it leaves, and the sentence."""
    s = screen.settings
    if s.salary is not None:
        return None
    return {
        "explanation": salary_choice(s),
        "by_day_rate": [
            {
                "day_rate": _money(rate),
                "salary": _money(choice.salary),
                "take_home": _money(choice.take_home),
                "salaries_tried": choice.tried,
                "next_best_salary": None
                if choice.runner_up is None
                else _money(choice.runner_up[0]),
                "next_best_take_home": None
                if choice.runner_up is None
                else _money(choice.runner_up[1]),
            }
            for rate, choice in s.choices.items()
        ],
    }


def _money(amount: Decimal) -> float:
    return float(penny(amount))


def _result_json(item: Comparison) -> dict[str, Any]:
    inside, outside = item.inside, item.outside
    salary_outside = None if item.salary_outside is None else _money(item.salary_outside)
    return {
        "role": item.role.id if item.role is not None else None,
        "point": item.point,
        "day_rate": _money(item.day_rate),
        "inside": {
            "assignment_income": _money(inside.income),
            "umbrella_margin": _money(inside.margin),
            "employer_ni": _money(inside.employer_ni),
            "apprenticeship_levy": _money(inside.levy),
            "gross_pay": _money(inside.gross_pay),
            "personal_allowance": _money(inside.tax.allowance),
            "income_tax": _money(inside.income_tax),
            "employee_ni": _money(inside.employee_ni),
            "student_loan": _money(inside.student_loan),
            "student_loans": _repayments_json(inside.loans),
            "take_home": _money(inside.take_home),
            "take_home_month": _money(inside.take_home / MONTHS),
            "permanent_salary_equivalent": _money(item.salary_inside),
        },
        "outside": {
            "turnover": _money(outside.turnover),
            "director_salary": _money(outside.salary),
            "employer_ni": _money(outside.employer_ni),
            "company_costs": _money(outside.expenses),
            "profit": _money(outside.profit),
            "corporation_tax": _money(outside.corporation_tax),
            "dividends": _money(outside.dividends),
            "personal_allowance": _money(outside.tax.allowance),
            "income_tax": _money(outside.income_tax),
            "employee_ni": _money(outside.employee_ni),
            "dividend_tax": _money(outside.dividend_tax),
            "retained": _money(outside.retained),
            "student_loan": _money(outside.student_loan),
            "student_loans": _repayments_json(outside.loans),
            "company_loss_covered": _money(outside.shortfall),
            "take_home": _money(outside.take_home),
            "take_home_month": _money(outside.take_home / MONTHS),
            "permanent_salary_equivalent": salary_outside,
        },
        "difference": _money(item.difference),
        # Four decimals: a penny on the day rate moves take-home by up to about £2 at 366 days.
        "break_even_inside_day_rate": None
        if item.break_even is None
        else float(item.break_even.quantize(Decimal("0.0001"))),
        "permanent_salary_equivalent": {
            "inside": _money(item.salary_inside),
            "outside": salary_outside,
        },
    }


# ------------------------------------------------------------------------------ Markdown


def _summarised(screen: PayScreen) -> list[Comparison]:
    """The points the sentences describe: your rate, or each role's midpoint."""
    return [item for item in screen.results if item.point in ("given", "midpoint")]


# ------------------------------------------------------------------------------ table view


def _tables(screen: PayScreen) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.charts import AlignedTable

    def cells(item: Comparison) -> list[str]:
        return [role_label(item), point_label(item)]

    take_home = AlignedTable(
        "Take-home",
        [
            "Role",
            "Point",
            "Day rate",
            "Inside IR35\na year",
            "\na month",
            "Outside IR35\na year",
            "\na month",
        ],
        [
            [
                *cells(item),
                *take_home_cells(item),
            ]
            for item in screen.results
        ],
        right=(2, 3, 4, 5, 6),
    )
    compare = AlignedTable(
        "Difference, break-even and permanent-salary equivalents",
        [
            "Role",
            "Point",
            "Outside minus\ninside\na year",
            "Break-even\ninside rate\na day",
            "Salary like\ninside\na year",
            "Salary like\noutside\na year",
        ],
        [
            [
                *cells(item),
                gbp(item.difference, signed=True),
                "-" if item.break_even is None else gbp(item.break_even, pence=True),
                gbp(item.salary_inside),
                "-" if item.salary_outside is None else gbp(item.salary_outside),
            ]
            for item in screen.results
        ],
        right=(2, 3, 4, 5),
    )
    return [take_home, Text(), compare]


def _stacked(screen: PayScreen) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.charts import Bullets

    parts: list[RenderableType] = []
    for item in screen.results:
        parts.append(
            Text(
                point_title(item),
                style="bold cyan",
            )
        )
        parts.append(
            Bullets(
                [
                    f"Inside IR35: {gbp(item.inside.take_home)} a year, "
                    f"{gbp(item.inside.take_home / MONTHS)} a month",
                    f"Outside IR35: {gbp(item.outside.take_home)} a year, "
                    f"{gbp(item.outside.take_home / MONTHS)} a month",
                    f"Outside minus inside: {gbp(item.difference, signed=True)} a year; break-even "
                    "inside rate "
                    + ("-" if item.break_even is None else gbp(item.break_even, pence=True)),
                    f"Salary like inside {gbp(item.salary_inside)}, like outside "
                    + ("-" if item.salary_outside is None else gbp(item.salary_outside)),
                ]
            )
        )
    return parts


def _picture(screen: PayScreen) -> list[RenderableType]:
    from rich.text import Text

    from rolecompare.ui.charts import Bar, RangeChart

    currency = screen.tax.currency
    if screen.results[0].role is None:
        item = screen.results[0]
        bars = [
            Bar("Inside IR35", 0.0, float(item.inside.take_home)),
            Bar("Outside IR35", 0.0, float(item.outside.take_home)),
        ]
        title = f"Take-home a year at {as_given(item.day_rate)} a day"
    else:
        bars = []
        roles = list(dict.fromkeys(item.role for item in screen.results if item.role))
        for role in roles:
            low, mid, high = (item for item in screen.results if item.role is role)
            for route in ("inside", "outside"):
                values = [float(getattr(point, route).take_home) for point in (low, mid, high)]
                bars.append(Bar(f"{role.name} {route}", values[0], values[2], values[1]))
        title = "Take-home a year per role and route, bottom to top of the day-rate range (│ marks the midpoint)"
    return [Text(title, style="bold"), RangeChart(bars, currency)]


def _working_view(screen: PayScreen) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    item = screen.worked
    parts: list[RenderableType] = [
        Text(f"The working: {point_title(item)}", style="bold underline")
    ]
    headings = (
        "Inside IR35, through an umbrella company",
        "Outside IR35, through a limited company",
    )
    for heading, rows in zip(headings, working(screen, item), strict=True):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(overflow="fold", ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        for row in rows:
            style = "bold" if row.total else ("dim" if row.sub else "")
            label = ("  " if row.sub else "") + row.label
            grid.add_row(Text(label, style=style), Text(row.value(), style=style))
        parts += [Text(heading, style="bold"), grid, Text()]
    parts += [Text(salaries(item)), Text(ROUNDING, style="dim")]
    return parts
