"""Take-home pay inside IR35 (through an umbrella company) and outside IR35 (through a
one-director limited company), for one tax year and region of ``uk-tax.toml``.

Pure arithmetic on :class:`~decimal.Decimal`: no I/O, no printing, every figure from the data.

Rounding convention: every amount is worked out exactly from the unrounded amounts before it and
rounded (half up) only when it is shown: to the penny in the working and JSON, to the pound in
tables. Rounding each line as it goes could make take-home fall by a penny when the day rate rises
(two lines each rounding up); rounding once cannot, and a careful hand calculation gets the same
pennies. A shown total can therefore differ by a penny from the sum of the rounded lines above it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from rolecompare.core.taxdata import ZERO, Band, LoanPlan, TaxData, TaxYear, iter_bands

if TYPE_CHECKING:
    from rolecompare.core.models import Role

PENNY = Decimal("0.01")
POUND = Decimal(1)
MONTHS = Decimal(12)
TWO = Decimal(2)


def penny(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def pound(amount: Decimal) -> Decimal:
    return amount.quantize(POUND, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------ the tax year


def tax_year_of(day: dt.date) -> str:
    """The UK tax year containing ``day``: it starts on 6 April (``2026-27`` from 6 April 2026)."""
    start = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def pick_year(data: TaxData, asked: str | None, today: dt.date) -> tuple[TaxYear, str | None]:
    """The year asked for, else the one containing ``today``; with a warning when ``today`` is
    outside the bundled years and the nearest one stands in. An unknown year asked for is the
    caller's to report (see :func:`resolve_year`)."""
    if asked is not None:
        return data.years[asked], None
    current = tax_year_of(today)
    if current in data.years:
        return data.years[current], None
    ordered = list(data.years.values())
    newest, oldest = ordered[-1], ordered[0]
    nearest = newest if current > newest.id else oldest
    return nearest, (
        f"no tax figures for {current} (today's tax year) in {data.path.name}; "
        f"using {nearest.id}, the {'newest' if nearest is newest else 'oldest'} year it has"
    )


# ------------------------------------------------------------------------------ the pieces


def slices(bands: Sequence[Band], low: Decimal, high: Decimal) -> list[tuple[Band, Decimal]]:
    """Each band the slice of taxable income from ``low`` to ``high`` touches, with how much of
    the slice falls in it."""
    found = []
    for start, end, band in iter_bands(tuple(bands)):
        top = high if end is None else min(high, end)
        bottom = max(low, start)
        if top > bottom:
            found.append((band, top - bottom))
    return found


def band_tax(bands: Sequence[Band], low: Decimal, high: Decimal) -> Decimal:
    """Tax on the slice of taxable income from ``low`` to ``high``."""
    return sum((amount * band.rate for band, amount in slices(bands, low, high)), ZERO)


def personal_allowance(year: TaxYear, income: Decimal) -> Decimal:
    """The allowance after the taper: £1 less for every £2 of income above the threshold."""
    excess = max(income - year.taper_threshold, ZERO)
    return max(year.personal_allowance - excess * year.taper_rate, ZERO)


class PersonalTax:
    """Income tax on earnings (salary or umbrella pay) and dividends, for one person's year, with
    the taxable amounts it was worked out from (for the working shown with ``--breakdown``)."""

    __slots__ = (
        "allowance",
        "dividend_free",
        "dividend_tax",
        "dividends_taxable",
        "earned_tax",
        "earned_taxable",
    )

    def __init__(
        self,
        allowance: Decimal,
        earned_taxable: Decimal,
        dividends_taxable: Decimal,
        dividend_free: Decimal,
        earned_tax: Decimal,
        dividend_tax: Decimal,
    ) -> None:
        self.allowance = allowance
        self.earned_taxable = earned_taxable
        self.dividends_taxable = dividends_taxable
        self.dividend_free = dividend_free
        self.earned_tax = earned_tax
        self.dividend_tax = dividend_tax


def personal_tax(
    year: TaxYear, region: str, earned: Decimal, dividends: Decimal = ZERO
) -> PersonalTax:
    """The allowance goes to earnings first; regional bands tax earnings; dividends sit on top, in
    the UK dividend bands, and the dividend allowance (0%) uses band space."""
    allowance = personal_allowance(year, earned + dividends)
    earned_taxable = max(earned - allowance, ZERO)
    left = max(allowance - earned, ZERO)
    dividends_taxable = max(dividends - left, ZERO)
    earned_tax = band_tax(year.income_bands[region], ZERO, earned_taxable)
    free = min(year.dividend_allowance, dividends_taxable)
    dividend_tax = band_tax(
        year.dividend_bands, earned_taxable + free, earned_taxable + dividends_taxable
    )
    return PersonalTax(allowance, earned_taxable, dividends_taxable, free, earned_tax, dividend_tax)


def employee_ni(year: TaxYear, pay: Decimal) -> Decimal:
    main = max(min(pay, year.upper_earnings_limit) - year.primary_threshold, ZERO)
    upper = max(pay - year.upper_earnings_limit, ZERO)
    return main * year.employee_rate + upper * year.employee_upper_rate


def employer_ni(year: TaxYear, pay: Decimal) -> Decimal:
    return max(pay - year.secondary_threshold, ZERO) * year.employer_rate


def corporation_tax(year: TaxYear, profit: Decimal) -> Decimal:
    """Small profits rate up to the lower limit, main rate from the upper, marginal relief between."""
    if profit <= 0:
        return ZERO
    if profit <= year.ct_lower:
        return profit * year.ct_small
    if profit >= year.ct_upper:
        return profit * year.ct_main
    return profit * year.ct_main - year.ct_relief_fraction * (year.ct_upper - profit)


class Repayment:
    """One student loan plan's repayment for the year, and the income it was worked out on."""

    __slots__ = ("amount", "counted", "plan")

    def __init__(self, plan: LoanPlan, counted: Decimal) -> None:
        self.plan = plan
        self.counted = counted
        threshold = plan.threshold if plan.threshold is not None else counted
        self.amount = max(counted - threshold, ZERO) * plan.rate


class Loans:
    """The student loan plans asked for, for one tax year.

    Through PAYE each plan takes its rate of pay above its threshold. Through self assessment
    (a director paid in dividends) unearned income counts only when it is above
    ``unearned_limit``, and then all of it does (HMRC CSLM16035). Worked out on the year as a
    whole, as if pay came evenly.
    """

    __slots__ = ("plans", "unearned_limit")

    def __init__(self, plans: Sequence[LoanPlan] = (), unearned_limit: Decimal = ZERO) -> None:
        self.plans = tuple(plans)
        self.unearned_limit = unearned_limit

    def counted(self, earnings: Decimal, unearned: Decimal = ZERO) -> Decimal:
        """The income the repayment is worked out on."""
        return earnings + (unearned if unearned > self.unearned_limit else ZERO)

    def repayments(self, earnings: Decimal, unearned: Decimal = ZERO) -> tuple[Repayment, ...]:
        counted = self.counted(earnings, unearned)
        return tuple(Repayment(plan, counted) for plan in self.plans)

    def thresholds(self) -> set[Decimal]:
        """Where repayments start: a kink in take-home against pay."""
        return {plan.threshold for plan in self.plans if plan.threshold is not None}


NO_LOANS = Loans()


def paye_take_home(year: TaxYear, region: str, salary: Decimal, loans: Loans = NO_LOANS) -> Decimal:
    """What an employee on ``salary`` keeps after income tax, employee NI and any student loan."""
    repaid = sum((item.amount for item in loans.repayments(salary)), ZERO)
    return (
        salary - personal_tax(year, region, salary).earned_tax - employee_ni(year, salary) - repaid
    )


def higher_rate_threshold(year: TaxYear) -> Decimal | None:
    """The income (salary plus dividends) at which the higher-rate dividend band starts: the
    end of the first dividend band, plus the personal allowance left at that income (None when
    the file has a single dividend band, so no higher rate)."""
    first = year.dividend_bands[0].up_to
    if first is None:
        return None
    return min(_gross_for_taxable(year, first, _taper_end(year)))


def _taper_end(year: TaxYear) -> Decimal | None:
    if year.taper_rate <= 0:
        return None
    return year.taper_threshold + year.personal_allowance / year.taper_rate


# ------------------------------------------------------------------------------ the two routes


class Inside:
    """Inside IR35 through an umbrella company: every line item of one year."""

    __slots__ = (
        "employee_ni",
        "employer_ni",
        "gross_pay",
        "income",
        "levy",
        "loans",
        "margin",
        "pension",
        "tax",
    )

    def __init__(
        self,
        year: TaxYear,
        region: str,
        income: Decimal,
        margin: Decimal,
        pension: Decimal = ZERO,
        loans: Loans = NO_LOANS,
    ) -> None:
        self.income = income
        # Never capped: a margin or pension bigger than the income is the caller's to refuse,
        # so the working shown is always the arithmetic used.
        self.margin = margin
        # Salary sacrifice: the pension comes out of the assignment money before employer NI
        # and the levy, so both are worked out on the smaller gross pay and the saving stays in
        # the money left for gross pay (it is passed on to the contractor).
        self.pension = pension
        available = income - margin - pension
        # Gross pay G is what is left once the umbrella has paid employer NI and the levy on it:
        # available = G + employer_rate x (G - secondary threshold) + levy_rate x G.
        below = year.secondary_threshold * (1 + year.levy_rate)
        if available <= below:
            gross = available / (1 + year.levy_rate)
        else:
            gross = (available + year.employer_rate * year.secondary_threshold) / (
                1 + year.employer_rate + year.levy_rate
            )
        self.gross_pay = gross
        self.employer_ni = employer_ni(year, gross)
        self.levy = gross * year.levy_rate
        self.tax = personal_tax(year, region, gross)
        self.employee_ni = employee_ni(year, gross)
        # Through PAYE, on gross pay (after the salary sacrifice).
        self.loans = loans.repayments(gross)

    @property
    def income_tax(self) -> Decimal:
        return self.tax.earned_tax

    @property
    def student_loan(self) -> Decimal:
        return sum((item.amount for item in self.loans), ZERO)

    @property
    def take_home(self) -> Decimal:
        return self.gross_pay - self.income_tax - self.employee_ni - self.student_loan


class Outside:
    """Outside IR35 through a one-director limited company: every line item of one year.

    When the fees do not cover the salary, its employer NI and the costs, the company makes a
    loss; no corporation tax or dividends are due and the shortfall comes out of take-home (the
    director has to put the money in).

    ``draw_level`` (None: draw everything) caps salary plus dividends: what is left after
    corporation tax stays in the company as ``retained``, which is not take-home.
    """

    __slots__ = (
        "corporation_tax",
        "dividends",
        "employee_ni",
        "employer_ni",
        "expenses",
        "loans",
        "pension",
        "profit",
        "retained",
        "salary",
        "tax",
        "turnover",
    )

    def __init__(
        self,
        year: TaxYear,
        region: str,
        turnover: Decimal,
        salary: Decimal,
        expenses: Decimal,
        pension: Decimal = ZERO,
        loans: Loans = NO_LOANS,
        draw_level: Decimal | None = None,
    ) -> None:
        self.turnover = turnover
        self.salary = salary
        self.expenses = expenses
        # An employer pension contribution: a company cost, deductible for corporation tax, with
        # no NI or income tax on it.
        self.pension = pension
        self.employer_ni = employer_ni(year, salary)
        self.profit = turnover - salary - self.employer_ni - expenses - pension
        self.corporation_tax = corporation_tax(year, self.profit)
        after_tax = max(self.profit - self.corporation_tax, ZERO)
        room = after_tax if draw_level is None else max(draw_level - salary, ZERO)
        self.dividends = min(after_tax, room)
        self.retained = after_tax - self.dividends
        self.tax = personal_tax(year, region, salary, self.dividends)
        self.employee_ni = employee_ni(year, salary)
        # Through self assessment, on the salary plus the dividends (unearned income).
        self.loans = loans.repayments(salary, self.dividends)

    @property
    def income_tax(self) -> Decimal:
        return self.tax.earned_tax

    @property
    def dividend_tax(self) -> Decimal:
        return self.tax.dividend_tax

    @property
    def shortfall(self) -> Decimal:
        """The company's loss, which the director covers (0 when it makes a profit)."""
        return max(-self.profit, ZERO)

    @property
    def student_loan(self) -> Decimal:
        return sum((item.amount for item in self.loans), ZERO)

    @property
    def take_home(self) -> Decimal:
        return (
            self.salary
            - self.income_tax
            - self.employee_ni
            + self.dividends
            - self.dividend_tax
            - self.student_loan
            - self.shortfall
        )


# ------------------------------------------------------------------------------ solving


def smallest_reaching(
    f: Callable[[Decimal], Decimal], target: Decimal, kinks: Iterable[Decimal]
) -> Decimal | None:
    """The smallest x >= 0 with f(x) >= target, or None when f never gets there.

    f must be continuous and a straight line between consecutive ``kinks`` and beyond the last,
    as take-home is between thresholds and band edges. Then f at 0 and at each kink finds the
    first stretch that reaches ``target``, and the line there gives the solution exactly. Nothing
    assumes that f never falls: with a marginal rate over 100% (an edited tax file) take-home
    falls as pay rises, and a break-even below the fall is still found, not hidden.
    """
    points = sorted({ZERO, *(k for k in kinks if k > 0)})
    before, at_before = points[0], f(points[0])
    if at_before >= target:
        return before
    for x in points[1:]:
        at_x = f(x)
        if at_x >= target:
            return before + (target - at_before) * (x - before) / (at_x - at_before)
        before, at_before = x, at_x
    beyond = before + max(before, Decimal(1))
    slope = (f(beyond) - at_before) / (beyond - before)
    return before + (target - at_before) / slope if slope > 0 else None


def earning_kinks(year: TaxYear, region: str) -> set[Decimal]:
    """The gross pays at which income tax or employee National Insurance on earnings (salary or
    umbrella pay) changes slope: the NI thresholds, both ends of the allowance's taper, and the
    edge of every income tax band, as the gross pay that puts taxable income there."""
    points = {year.primary_threshold, year.upper_earnings_limit, year.taper_threshold}
    taper_end = _taper_end(year)
    if taper_end is not None:
        points.add(taper_end)
    edges = [ZERO, *(end for _, end, _ in iter_bands(year.income_bands[region]) if end)]
    for taxable in edges:
        points |= _gross_for_taxable(year, taxable, taper_end)
    return points


def _gross_for_taxable(year: TaxYear, taxable: Decimal, taper_end: Decimal | None) -> set[Decimal]:
    """The gross pay whose taxable income (after the tapered allowance) is ``taxable``, solved on
    each straight piece of the taper: before it, along it, after it."""
    allowance, start, rate = year.personal_allowance, year.taper_threshold, year.taper_rate
    found = set()
    if (gross := taxable + allowance) <= start or taper_end is None:
        found.add(gross)
    if taper_end is not None:
        along = (taxable + allowance + rate * start) / (1 + rate)
        if start < along < taper_end:
            found.add(along)
        if taxable >= taper_end:
            found.add(taxable)
    return found


class Settings:
    """What the user chose: year, region, days and the costs of each route.

    ``salary`` None asks for the director's salary that leaves the most take-home at each day
    rate (``--salary best``): :attr:`choices` keeps each choice, for the screen to explain.
    ``draw`` is ``all``, ``higher-rate-threshold`` or a level of salary plus dividends.
    """

    __slots__ = (
        "choices",
        "days",
        "days_per_week",
        "draw",
        "expenses",
        "loans",
        "margin_per_week",
        "pension",
        "region",
        "salary",
        "year",
    )

    def __init__(
        self,
        year: TaxYear,
        region: str,
        days: int,
        salary: Decimal | None,
        expenses: Decimal,
        margin_per_week: Decimal,
        days_per_week: Decimal,
        pension: Decimal = ZERO,
        loans: Loans = NO_LOANS,
        draw: Decimal | str = "all",
    ) -> None:
        self.year = year
        self.pension = pension
        self.region = region
        self.days = days
        self.salary = salary
        self.expenses = expenses
        self.margin_per_week = margin_per_week
        self.days_per_week = days_per_week
        self.loans = loans
        self.draw = draw
        self.choices: dict[Decimal, SalaryChoice] = {}

    @property
    def draw_level(self) -> Decimal | None:
        """Where salary plus dividends stop (None: all profit is drawn)."""
        if self.draw == "all":
            return None
        if self.draw == "higher-rate-threshold":
            return higher_rate_threshold(self.year)
        return Decimal(self.draw)

    @property
    def weeks(self) -> Decimal:
        return Decimal(self.days) / self.days_per_week

    @property
    def margin(self) -> Decimal:
        return self.margin_per_week * self.weeks

    def inside(self, day_rate: Decimal) -> Inside:
        return Inside(
            self.year, self.region, day_rate * self.days, self.margin, self.pension, self.loans
        )

    def outside(self, day_rate: Decimal, salary: Decimal | None = None) -> Outside:
        """The company route at ``day_rate``, with ``salary`` or else the one chosen."""
        if salary is None:
            salary = self.salary if self.salary is not None else self.best(day_rate).salary
        return Outside(
            self.year,
            self.region,
            day_rate * self.days,
            salary,
            self.expenses,
            self.pension,
            self.loans,
            self.draw_level,
        )

    def best(self, day_rate: Decimal) -> SalaryChoice:
        """The director's salary that leaves the most take-home at ``day_rate`` (kept)."""
        if day_rate not in self.choices:
            self.choices[day_rate] = SalaryChoice(self, day_rate)
        return self.choices[day_rate]

    def salary_breakpoints(self, day_rate: Decimal) -> set[Decimal]:
        """The salaries at which the company route's take-home changes slope, from the tax
        figures: 0, the NI thresholds, the personal allowance and the other earnings kinks,
        the student loan thresholds, and the salaries that bring the profit to each corporation
        tax limit or to nothing (the most the company can pay without a loss). None above that
        most, nor above the draw level, where salary plus dividends stop."""
        year = self.year
        most = self._salary_for_profit(day_rate, ZERO)
        points = {ZERO, year.secondary_threshold, year.personal_allowance, most}
        points |= earning_kinks(year, self.region) | self.loans.thresholds()
        for limit in (year.ct_lower, year.ct_upper):
            points.add(self._salary_for_profit(day_rate, limit))
        if (level := self.draw_level) is not None:
            # Salary plus dividends stop at the draw level, so the salary does too.
            most = min(most, level)
            points.add(level)
        return {point for point in points if ZERO <= point <= most} | {most}

    def _salary_for_profit(self, day_rate: Decimal, profit: Decimal) -> Decimal:
        """The salary S with S + employer NI on S = what the fees leave for it (0 if none)."""
        year = self.year
        room = day_rate * self.days - self.expenses - self.pension - profit
        if room <= year.secondary_threshold:
            return max(room, ZERO)
        return (room + year.employer_rate * year.secondary_threshold) / (1 + year.employer_rate)

    def inside_kinks(self) -> set[Decimal]:
        """The day rates at which the umbrella route's take-home changes slope: where the
        margin and the pension are covered, where employer NI starts, and every kink of the tax
        on gross pay."""
        year = self.year
        employer, levy, threshold = year.employer_rate, year.levy_rate, year.secondary_threshold
        # What the umbrella must receive, after its margin, to pay gross pay g: the inverse of
        # the gross pay worked out in Inside.
        available = {threshold * (1 + levy)} | {
            g * (1 + levy) if g <= threshold else g * (1 + employer + levy) - employer * threshold
            for g in earning_kinks(year, self.region) | self.loans.thresholds()
        }
        # The umbrella's margin and the pension sacrificed come off before any of that.
        kept_back = self.margin + self.pension
        incomes = {kept_back} | {a + kept_back for a in available if a > 0}
        return {income / self.days for income in incomes}


class SalaryChoice:
    """The director's salary that leaves the most take-home at one day rate.

    Take-home is a straight line in the salary between the breakpoints of the tax figures
    (:meth:`Settings.salary_breakpoints`), so the best salary is one of them; where two
    neighbours and the whole pound midway are not on one line (a breakpoint the list does not
    name, such as a dividend band edge), the stretch is halved again, down to whole pounds. A
    tie (to the penny) goes to the salary that leaves more in the company, then the smaller.
    """

    __slots__ = ("runner_up", "salary", "take_home", "tried")

    def __init__(self, settings: Settings, day_rate: Decimal) -> None:
        def take_home(salary: Decimal) -> Decimal:
            return settings.outside(day_rate, salary).take_home

        points = sorted(settings.salary_breakpoints(day_rate))
        found = {point: take_home(point) for point in points}
        for low, high in pairwise(points):
            _halve(take_home, low, high, found)
        top = max(penny(value) for value in found.values())
        tied = [point for point, value in found.items() if penny(value) == top]
        # Equal take-home: the salary that leaves more in the company, then the smaller.
        self.salary = min(
            tied, key=lambda point: (-penny(settings.outside(day_rate, point).retained), point)
        )
        self.take_home = found[self.salary]
        ranked = sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))
        self.tried = len(found)
        self.runner_up: tuple[Decimal, Decimal] | None = next(
            (pair for pair in ranked[1:] if pound(pair[1]) < pound(self.take_home)), None
        )


def _halve(
    f: Callable[[Decimal], Decimal], low: Decimal, high: Decimal, found: dict[Decimal, Decimal]
) -> None:
    """Look inside ``low``..``high`` at whole pounds while f is not straight there."""
    middle = Decimal(int((low + high) / TWO))
    if not low < middle < high:
        return
    at = f(middle)
    found[middle] = at
    line = found[low] + (found[high] - found[low]) * (middle - low) / (high - low)
    if abs(at - line) > PENNY / 100:
        _halve(f, low, middle, found)
        _halve(f, middle, high, found)


class Comparison:
    """Both routes at one day rate, the difference, the break-even and the salary equivalents."""

    __slots__ = (
        "break_even",
        "day_rate",
        "inside",
        "outside",
        "point",
        "role",
        "salary_outside",
    )

    def __init__(
        self, settings: Settings, day_rate: Decimal, point: str, role: Role | None
    ) -> None:
        self.role = role
        self.point = point
        self.day_rate = day_rate
        self.inside = settings.inside(day_rate)
        self.outside = settings.outside(day_rate)
        target = self.outside.take_home
        self.break_even = (
            smallest_reaching(
                lambda rate: settings.inside(rate).take_home, target, settings.inside_kinks()
            )
            if target > 0
            else None
        )
        year, region, loans = settings.year, settings.region, settings.loans
        self.salary_outside = (
            smallest_reaching(
                lambda pay: paye_take_home(year, region, pay, loans),
                target,
                earning_kinks(year, region) | loans.thresholds(),
            )
            if target > 0
            else None
        )

    @property
    def difference(self) -> Decimal:
        """How much more the outside route leaves (negative: inside leaves more)."""
        return self.outside.take_home - self.inside.take_home

    @property
    def salary_inside(self) -> Decimal:
        """An employee's salary with the same take-home as the umbrella: its gross pay."""
        return self.inside.gross_pay


POINTS = ("min", "midpoint", "max")


def compare_roles(settings: Settings, roles: Sequence[Role]) -> tuple[Comparison, ...]:
    """Each role at the bottom, midpoint and top of its day-rate range."""
    found = []
    for role in roles:
        low, high = Decimal(role.rates.min), Decimal(role.rates.max)
        for point, rate in zip(POINTS, (low, (low + high) / TWO, high), strict=True):
            found.append(Comparison(settings, rate, point, role))
    return tuple(found)


def compare_rates(settings: Settings, day_rates: Sequence[Decimal]) -> tuple[Comparison, ...]:
    """Both routes at each day rate of the user's own, in the order given."""
    return tuple(Comparison(settings, rate, "given", None) for rate in day_rates)


ROUTES = ("inside", "outside")
CALENDAR_WEEKS = Decimal(52)


class Offer:
    """One offer a contractor has: a day rate on one route, worked out in full."""

    __slots__ = ("day_rate", "result", "route")

    def __init__(self, settings: Settings, day_rate: Decimal, route: str) -> None:
        self.day_rate = day_rate
        self.route = route
        self.result: Inside | Outside = (
            settings.inside(day_rate) if route == "inside" else settings.outside(day_rate)
        )

    @property
    def take_home(self) -> Decimal:
        return self.result.take_home

    @property
    def pension(self) -> Decimal:
        return self.result.pension

    @property
    def retained(self) -> Decimal:
        """Money left in the company after corporation tax rather than paid out (outside)."""
        return self.result.retained if isinstance(self.result, Outside) else ZERO

    @property
    def student_loan(self) -> Decimal:
        return self.result.student_loan

    @property
    def with_pension(self) -> Decimal:
        return self.take_home + self.pension


def offer(text: str) -> tuple[Decimal, str]:
    """``450:outside`` as a day rate and a route; anything else is a :class:`UsageError` that
    shows how to write one."""
    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    rate, colon, route = text.strip().rpartition(":")
    route = route.strip().casefold()
    if not colon or not rate.strip() or route not in ROUTES:
        raise UsageError(
            "--offer takes RATE:ROUTE, a day rate and inside or outside, such as "
            f"--offer 450:outside (got '{inert(text[:40])}')"
        )
    return amount(rate, "--offer", zero_ok=False, limit=100_000, example="450"), route


# ------------------------------------------------------------------------------ what was typed


_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+", re.ASCII)
"""Plain ASCII decimals; commas only between groups of three digits, so ``525,50`` (a decimal
comma) is refused rather than read as 52,550."""


_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}", re.ASCII)
"""``525,50``: a decimal comma, as typed where the comma marks pence."""


def amount(text: str, option: str, *, zero_ok: bool, limit: int, example: str) -> Decimal:
    """A number of pounds typed for ``option``, to the penny; ``£1,200`` and ``1200`` both work.

    Anything else is a :class:`UsageError` naming the option, what it takes and what was typed.
    """
    from decimal import InvalidOperation

    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    kind = "0 or more" if zero_ok else "more than 0"
    problem = (
        f"{option} takes a number {kind} and at most {limit:,}, such as {example} "
        f"(got '{inert(text[:40])}')"
    )

    def fits(number: Decimal) -> bool:
        if not number.is_finite():
            return False
        return (number > 0 or (zero_ok and number == 0)) and number <= limit

    typed = text.strip().removeprefix("£")
    if not _AMOUNT.fullmatch(typed):
        dotted = typed.replace(",", ".")
        if _DECIMAL_COMMA.fullmatch(typed) and fits(Decimal(dotted)):
            problem += f"; write pence with a point: {dotted}"
        raise UsageError(problem)
    try:
        number = Decimal(typed.replace(",", ""))
    except InvalidOperation:
        raise UsageError(problem) from None
    if not fits(number):
        raise UsageError(problem)
    if number != number.quantize(PENNY):
        # Fractions of a penny cannot be paid; taking them would show one figure and work
        # out another.
        nearest = penny(number)
        hint = f"; write {nearest}" if fits(nearest) else ""
        raise UsageError(
            f"{option} takes pounds to the penny, at most two decimal places "
            f"(got '{inert(text[:40])}'{hint})"
        )
    return number


def whole_days(text: str, option: str = "--days") -> int:
    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 3 and 1 <= int(digits) <= 366):
        raise UsageError(
            f"{option} takes a whole number of days from 1 to 366 (got '{inert(text[:40])}')"
        )
    return int(digits)


def resolve_region(data: TaxData, asked: str | None) -> str:
    """The region asked for (any case), or the file's first one."""
    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    if asked is None:
        return next(iter(data.regions))
    key = asked.strip().casefold()
    if key in data.regions:
        return key
    typed = inert(asked[:40])
    known = ", ".join(f"{region_id} ({region.name})" for region_id, region in data.regions.items())
    within = [
        region_id
        for region_id, region in data.regions.items()
        if key and key in re.findall(r"[\w-]+", region.name.casefold())
    ]
    hint = f"; {typed} is in {within[0]}, so use --region {within[0]}" if len(within) == 1 else ""
    raise UsageError(f"unknown region '{typed}' for --region (known: {known}){hint}")


def resolve_year(data: TaxData, asked: str) -> str:
    """``2026-27``, ``2026/27`` or ``2026-2027`` name the same tax year."""
    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    key = asked.strip().replace("/", "-")
    if len(key) == 9 and key[4] == "-" and key[:4].isdigit() and key[5:].isdigit():
        key = f"{key[:4]}-{key[7:]}"
    if key in data.years:
        return key
    raise UsageError(
        f"unknown tax year '{inert(asked[:40])}' for --tax-year "
        f"(bundled: {', '.join(data.years)}; write it like {list(data.years)[-1]})"
    )


def resolve_loans(data: TaxData, year: TaxYear, asked: Sequence[str]) -> Loans:
    """The plans asked for with ``--student-loan``, for ``year``: at most one undergraduate
    plan and the postgraduate loan, each with a threshold that year; anything else is a
    :class:`UsageError` saying why and what to ask instead."""
    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    if not asked:
        return NO_LOANS
    table = year.student_loans
    if table is None:
        raise UsageError(
            f"{data.path.name} has no student loan figures for {year.id}; "
            "drop --student-loan or choose another --tax-year"
        )
    plans: dict[str, LoanPlan] = {}
    for text in asked:
        key = text.strip().casefold().replace(" ", "")
        if key not in table.plans:
            raise UsageError(
                f"unknown student loan plan '{inert(text[:40])}' for --student-loan "
                f"(known: {', '.join(table.plans)})"
            )
        if key in plans:
            raise UsageError(f"--student-loan {key} is given twice; give each plan once")
        plans[key] = table.plans[key]
    undergraduate = [key for key, plan in plans.items() if plan.kind == "undergraduate"]
    if len(undergraduate) > 1:
        raise UsageError(
            f"--student-loan takes one undergraduate plan, plus postgraduate if you have that "
            f"loan too (got {' and '.join(undergraduate)}); keep the plan you repay on now"
        )
    for key, plan in plans.items():
        if plan.threshold is None:
            reason = f": {plan.note}" if plan.note else ""
            raise UsageError(f"--student-loan {key}: no repayments in {year.id}{reason}")
    return Loans(tuple(plans.values()), table.unearned_income_limit)


DRAWS = ("all", "higher-rate-threshold")


def draw(text: str) -> Decimal | str:
    """``--draw``: ``all``, ``higher-rate-threshold`` or an amount (salary plus dividends)."""
    word = text.strip().casefold()
    if word in DRAWS:
        return word
    from rolecompare.core.errors import UsageError
    from rolecompare.core.untrusted import inert

    if not any(char.isdigit() for char in word):
        raise UsageError(
            f"--draw takes all, higher-rate-threshold or an amount in pounds a year "
            f"(salary plus dividends), such as 50270 (got '{inert(text[:40])}')"
        )
    return amount(
        text,
        "--draw",
        zero_ok=True,
        limit=10_000_000,
        example="50270 (or all, higher-rate-threshold)",
    )
