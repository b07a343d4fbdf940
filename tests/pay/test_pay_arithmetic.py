"""The take-home arithmetic: hand-worked cases at every edge, and properties over many rates.

Each expected figure is worked out by hand in the comment beside it from the published rates
(HMRC and Scottish Government tables for 2025-26 and 2026-27), not taken from the code.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolecompare.core import pay, taxdata
from rolecompare.core.errors import UsageError

from ..conftest import REPO

TAX = taxdata.load(REPO / "data" / "uk-tax.toml")
Y2025 = TAX.years["2025-26"]
Y2026 = TAX.years["2026-27"]
D = Decimal


def penny(value: Decimal) -> Decimal:
    return pay.penny(value)


def settings_for(
    year: taxdata.TaxYear = Y2026,
    region: str = "rest-of-uk",
    days: int = 220,
    salary: str = "12570",
    expenses: str = "0",
    margin: str = "0",
) -> pay.Settings:
    return pay.Settings(year, region, days, D(salary), D(expenses), D(margin), D(5))


# ------------------------------------------------------------------ the worked example of uk-tax.md


def test_worked_example_inside() -> None:
    inside = settings_for().inside(D(500))
    assert penny(inside.gross_pay) == D("95887.45")  # (110,000 + 750) / 1.155
    assert penny(inside.income_tax) == D("25786.98")
    assert penny(inside.employee_ni) == D("3928.35")
    assert penny(inside.take_home) == D("66172.12")


def test_worked_example_outside() -> None:
    outside = settings_for().outside(D(500))
    assert penny(outside.employer_ni) == D("1135.50")  # 15% x (12,570 - 5,000)
    assert penny(outside.profit) == D("96294.50")
    assert penny(outside.corporation_tax) == D("21768.04")
    assert penny(outside.dividends) == D("74526.46")
    assert penny(outside.dividend_tax) == D("17164.46")
    assert penny(outside.take_home) == D("69932.00")


def test_worked_example_comparison() -> None:
    item = pay.Comparison(settings_for(), D(500), "given", None)
    assert penny(item.difference) == D("3759.88")  # 69,932.00 - 66,172.12
    # Outside leaves 69,931.9989; in the taper band PAYE take-home is 0.38 S + 30,557.40.
    assert item.salary_outside is not None
    assert penny(item.salary_outside) == D("103617.37")
    assert penny(item.salary_inside) == D("95887.45")
    assert item.break_even is not None
    inside_there = settings_for().inside(item.break_even).take_home
    assert abs(inside_there - item.outside.take_home) < D("1e-9")


# ------------------------------------------------------------------ income tax edges


@pytest.mark.parametrize(
    ("income", "allowance"),
    [
        ("99999", "12570"),
        ("100000", "12570"),
        ("100001", "12569.5"),
        ("110000", "7570"),  # 12,570 - 10,000 / 2
        ("125139", "0.5"),
        ("125140", "0"),
        ("200000", "0"),
    ],
)
def test_personal_allowance_taper(income: str, allowance: str) -> None:
    assert pay.personal_allowance(Y2026, D(income)) == D(allowance)


@pytest.mark.parametrize(
    ("salary", "tax"),
    [
        ("12570", "0"),
        ("50270", "7540"),  # 20% of 37,700
        ("100000", "27432"),  # 7,540 + 40% of (87,430 - 37,700)
        ("110000", "33432"),  # allowance 7,570; 7,540 + 40% of (102,430 - 37,700)
        ("125140", "42516"),  # no allowance; 7,540 + 40% of 87,440
        ("130000", "44703"),  # 42,516 + 45% of 4,860: the additional rate
    ],
)
def test_income_tax_rest_of_uk(salary: str, tax: str) -> None:
    assert pay.personal_tax(Y2026, "rest-of-uk", D(salary)).earned_tax == D(tax)


@pytest.mark.parametrize(
    ("year", "salary", "tax"),
    [
        # 2026-27: 3,967 at 19%, 12,989 at 20%, 14,136 at 21%, then 42% (Scottish Budget 2026-27).
        (Y2026, "20000", "1446.33"),  # 753.73 + 20% of 3,463
        (Y2026, "50000", "8982.05"),  # 753.73 + 2,597.80 + 2,968.56 + 42% of 6,338
        (Y2026, "150000", "59634.35"),  # ... + 45% of 62,710 + 48% of 24,860, no allowance
        # 2025-26: 2,827 at 19%, 12,094 at 20%, 16,171 at 21%.
        (Y2025, "50000", "9013.80"),  # 537.13 + 2,418.80 + 3,395.91 + 2,661.96
    ],
)
def test_income_tax_scotland(year: taxdata.TaxYear, salary: str, tax: str) -> None:
    assert penny(pay.personal_tax(year, "scotland", D(salary)).earned_tax) == D(tax)


def test_scottish_bands_apply_to_umbrella_pay_but_not_to_dividends() -> None:
    rest = settings_for().outside(D(500))
    scot = settings_for(region="scotland").outside(D(500))
    assert scot.dividend_tax == rest.dividend_tax  # dividends: UK rates everywhere
    assert scot.employee_ni == rest.employee_ni
    inside_rest = settings_for().inside(D(500))
    inside_scot = settings_for(region="scotland").inside(D(500))
    assert inside_scot.employee_ni == inside_rest.employee_ni  # NI is UK-wide
    assert inside_scot.income_tax > inside_rest.income_tax


# ------------------------------------------------------------------ National Insurance


@pytest.mark.parametrize(
    ("pay_", "employee", "employer"),
    [
        ("4000", "0", "0"),  # below the secondary threshold: nothing either side
        ("5000", "0", "0"),
        ("9100", "0", "615"),  # 15% of 4,100; still below the primary threshold
        ("12570", "0", "1135.5"),
        ("50270", "3016", "6790.5"),  # 8% of 37,700
        ("60000", "3210.6", "8250"),  # 3,016 + 2% of 9,730
    ],
)
def test_national_insurance(pay_: str, employee: str, employer: str) -> None:
    assert pay.employee_ni(Y2026, D(pay_)) == D(employee)
    assert pay.employer_ni(Y2026, D(pay_)) == D(employer)


def test_salary_below_the_secondary_threshold_costs_no_employer_ni() -> None:
    outside = settings_for(salary="5000").outside(D(500))
    assert outside.employer_ni == 0
    assert outside.profit == D(110000 - 5000)
    # CT on 105,000: 25% less 1.5% of 145,000 = 26,250 - 2,175.
    assert outside.corporation_tax == D("24075")
    assert outside.employee_ni == 0 and outside.income_tax == 0


# ------------------------------------------------------------------ corporation tax


@pytest.mark.parametrize(
    ("profit", "tax"),
    [
        ("-100", "0"),
        ("0", "0"),
        ("40000", "7600"),  # 19%
        ("50000", "9500"),  # 19% at the lower limit
        ("50001", "9500.265"),  # 12,500.25 - 1.5% of 199,999
        ("100000", "22750"),  # 25,000 - 1.5% of 150,000
        ("249999", "62499.735"),
        ("250000", "62500"),  # 25% from the upper limit
        ("300000", "75000"),
    ],
)
def test_corporation_tax_with_marginal_relief(profit: str, tax: str) -> None:
    assert pay.corporation_tax(Y2026, D(profit)) == D(tax)


def test_marginal_relief_slice_is_taxed_at_26_5_percent() -> None:
    assert pay.corporation_tax(Y2026, D(150000)) - pay.corporation_tax(Y2026, D(100000)) == D(
        "13250"
    )


# ------------------------------------------------------------------ dividends


@pytest.mark.parametrize(
    ("year", "dividends", "tax"),
    [
        (Y2026, "400", "0"),  # inside the £500 allowance
        (Y2026, "500", "0"),
        (Y2026, "10000", "1021.25"),  # 10.75% of 9,500
        (Y2025, "10000", "831.25"),  # 8.75% of 9,500
        # 37,700 basic band: 500 free + 37,200 at the basic rate, 2,300 at the higher rate.
        (Y2026, "40000", "4821.25"),  # 3,999 + 35.75% of 2,300 = 3,999 + 822.25
        (Y2025, "40000", "4031.25"),  # 3,255 + 33.75% of 2,300 = 3,255 + 776.25
    ],
)
def test_dividend_tax_on_top_of_a_salary_at_the_allowance(
    year: taxdata.TaxYear, dividends: str, tax: str
) -> None:
    taxed = pay.personal_tax(year, "rest-of-uk", D(12570), D(dividends))
    assert taxed.earned_tax == 0
    assert penny(taxed.dividend_tax) == D(tax)


def test_unused_allowance_covers_dividends_first() -> None:
    # Salary 5,000 leaves 7,570 of allowance; 20,000 - 7,570 = 12,430 taxable, 500 of it free.
    taxed = pay.personal_tax(Y2026, "rest-of-uk", D(5000), D(20000))
    assert penny(taxed.dividend_tax) == D("1282.48")  # 10.75% of 11,930 = 1,282.475


def test_dividend_allowance_uses_band_space() -> None:
    # Salary 50,270 fills the basic band; all dividends above the allowance are higher rate.
    taxed = pay.personal_tax(Y2026, "rest-of-uk", D(50270), D(1500))
    assert taxed.dividend_tax == D("357.5")  # 35.75% of 1,000


def test_additional_rate_dividends() -> None:
    # 12,570 salary + 200,000 dividends: no allowance; salary is taxed 20% on 12,570.
    taxed = pay.personal_tax(Y2026, "rest-of-uk", D(12570), D(200000))
    assert taxed.allowance == 0
    assert taxed.earned_tax == D("2514")
    # 500 free; basic 10.75% of 24,630; higher 35.75% of 87,440; additional 39.35% of 87,430.
    expected = D("24630") * D("0.1075") + D("87440") * D("0.3575") + D("87430") * D("0.3935")
    assert taxed.dividend_tax == expected


# ------------------------------------------------------------------ tiny rates and margins


def test_tiny_rate_under_every_threshold() -> None:
    inside = settings_for().inside(D(10))  # 2,200 a year
    assert penny(inside.gross_pay) == D("2189.05")  # 2,200 / 1.005
    assert inside.employer_ni == 0
    assert inside.income_tax == 0 and inside.employee_ni == 0
    assert penny(inside.take_home) == D("2189.05")


def test_rate_between_the_employer_and_employee_thresholds() -> None:
    inside = settings_for().inside(D(40))  # 8,800 a year
    assert penny(inside.gross_pay) == D("8268.40")  # (8,800 + 750) / 1.155
    assert penny(inside.employer_ni) == D("490.26")
    assert inside.employee_ni == 0
    assert penny(inside.take_home) == D("8268.40")


def test_tiny_rate_outside_makes_a_loss_the_director_covers() -> None:
    item = pay.Comparison(settings_for(), D(10), "given", None)
    outside = item.outside
    assert outside.profit == D("-11505.5")  # 2,200 - 12,570 - 1,135.50
    assert outside.corporation_tax == 0 and outside.dividends == 0
    assert outside.take_home == D("1064.5")  # 2,200 less the employer NI
    assert item.break_even is not None
    # Inside needs gross pay of 1,064.50: income 1,064.50 x 1.005 over 220 days.
    assert abs(item.break_even - D("1069.8225") / 220) < D("0.000001")


def test_umbrella_margin_per_week() -> None:
    inside = settings_for(margin="25").inside(D(500))
    assert inside.margin == D(1100)  # 25 x 220 / 5
    assert penny(inside.gross_pay) == D("94935.06")  # (110,000 - 1,100 + 750) / 1.155


def test_margin_larger_than_the_income_is_not_capped() -> None:
    """The arithmetic shown is the arithmetic used: a margin of 1,000 x 44 weeks on an income of
    2,200 is kept whole (the command refuses it before anything is shown)."""
    inside = settings_for(margin="1000").inside(D(10))
    assert inside.margin == D(44000)
    assert inside.income == D(2200)
    assert inside.take_home < 0


def test_company_costs() -> None:
    outside = settings_for(expenses="2000").outside(D(500))
    assert outside.profit == D("94294.5")


# ------------------------------------------------------------------ tax year


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2026, 4, 5), "2025-26"),
        (dt.date(2026, 4, 6), "2026-27"),
        (dt.date(2026, 11, 25), "2026-27"),
        (dt.date(2027, 1, 1), "2026-27"),
        (dt.date(1999, 12, 31), "1999-00"),
    ],
)
def test_tax_year_starts_on_6_april(day: dt.date, year: str) -> None:
    assert pay.tax_year_of(day) == year


def test_pick_year_past_the_newest_warns() -> None:
    year, warning = pay.pick_year(TAX, None, dt.date(2028, 1, 1))
    assert year.id == "2026-27"
    assert warning is not None and "2027-28" in warning and "newest" in warning


def test_pick_year_before_the_oldest_warns() -> None:
    year, warning = pay.pick_year(TAX, None, dt.date(2024, 5, 1))
    assert year.id == "2025-26"
    assert warning is not None and "oldest" in warning


def test_pick_year_today() -> None:
    assert pay.pick_year(TAX, None, dt.date(2025, 12, 1)) == (Y2025, None)


@pytest.mark.parametrize("typed", ["2026-27", "2026/27", "2026-2027", " 2026-27 "])
def test_resolve_year_spellings(typed: str) -> None:
    assert pay.resolve_year(TAX, typed) == "2026-27"


def test_resolve_year_unknown_lists_the_bundled_years() -> None:
    with pytest.raises(UsageError, match=r"unknown tax year '2030-31'.*2025-26, 2026-27"):
        pay.resolve_year(TAX, "2030-31")


# ------------------------------------------------------------------ typed amounts


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("525", "525"),
        ("£1,200", "1200"),
        ("525.50", "525.50"),
        ("1,000.5", "1000.5"),
        (".5", "0.5"),
    ],
)
def test_amounts(typed: str, value: str) -> None:
    assert pay.amount(typed, "--rate", zero_ok=False, limit=100_000, example="525") == D(value)


@pytest.mark.parametrize(
    "typed",
    [
        *("0", "-5", "abc", "nan", "inf", "1e9", "", "5 0"),
        *("525,50", "1,20", "£1,2,0,0", "12,0000", "1_000", "١٢٣", "５００", "+500", "1e2", "0x10"),
    ],
)
def test_bad_rates(typed: str) -> None:
    with pytest.raises(UsageError, match="--rate takes a number more than 0"):
        pay.amount(typed, "--rate", zero_ok=False, limit=100_000, example="525")


def test_zero_is_fine_where_it_means_none() -> None:
    assert pay.amount("0", "--expenses", zero_ok=True, limit=10, example="2000") == 0


@pytest.mark.parametrize("typed", ["0", "367", "-1", "1.5", "abc", "9" * 5000, "٣"])
def test_bad_days(typed: str) -> None:
    with pytest.raises(UsageError, match="--days takes a whole number of days from 1 to 366"):
        pay.whole_days(typed)


# ------------------------------------------------------------------ properties

rates = st.decimals(min_value=D(1), max_value=D(3000), places=2)
regions = st.sampled_from(["rest-of-uk", "scotland"])
years = st.sampled_from([Y2025, Y2026])
salaries = st.sampled_from(["0", "5000", "9100", "12570", "50270"])


@settings(max_examples=150, deadline=None)
@given(rates, st.decimals(min_value=D("0.01"), max_value=D(200), places=2), regions, years)
def test_take_home_never_falls_as_the_rate_rises(
    rate: Decimal, step: Decimal, region: str, year: taxdata.TaxYear
) -> None:
    s = settings_for(year=year, region=region, margin="20", expenses="1500")
    assert s.inside(rate + step).take_home >= s.inside(rate).take_home
    assert s.outside(rate + step).take_home >= s.outside(rate).take_home
    # Shown to the penny, too.
    assert penny(s.inside(rate + step).take_home) >= penny(s.inside(rate).take_home)


@settings(max_examples=60, deadline=None)
@given(
    rates,
    regions,
    years,
    salaries,
    st.sampled_from(["0", "1", "4000", "10000", "60000"]),
    st.sampled_from(["0", "25"]),
    st.sampled_from([(), ("plan2",), ("plan1", "postgraduate")]),
)
def test_break_even_reproduces_the_outside_take_home(
    rate: Decimal,
    region: str,
    year: taxdata.TaxYear,
    salary: str,
    pension: str,
    margin: str,
    loans: tuple[str, ...],
) -> None:
    """With any pension, margin and loans too: the salary sacrificed moves every point where
    the inside take-home bends, and a break-even found between them must still hold."""
    s = pay.Settings(
        year,
        region,
        220,
        D(salary),
        D(0),
        D(margin),
        D(5),
        pension=D(pension),
        loans=pay.resolve_loans(TAX, year, loans),
    )
    item = pay.Comparison(s, rate, "given", None)
    target = item.outside.take_home
    if target <= 0:
        assert item.break_even is None
        return
    assert item.break_even is not None
    assert abs(s.inside(item.break_even).take_home - target) < D("0.000001")
    # The rate in the JSON (four decimals) still gives the outside take-home to two pence.
    shown = item.break_even.quantize(D("0.0001"))
    assert abs(s.inside(shown).take_home - target) < D("0.02")


@settings(max_examples=60, deadline=None)
@given(rates, regions, years)
def test_salary_equivalent_reproduces_the_outside_take_home(
    rate: Decimal, region: str, year: taxdata.TaxYear
) -> None:
    s = settings_for(year=year, region=region)
    item = pay.Comparison(s, rate, "given", None)
    if item.outside.take_home <= 0:  # a loss bigger than the salary: no salary matches it
        assert item.salary_outside is None
        return
    assert item.salary_outside is not None
    assert abs(pay.paye_take_home(year, region, item.salary_outside) - item.outside.take_home) < D(
        "0.000001"
    )


@settings(max_examples=80, deadline=None)
@given(rates, st.decimals(min_value=D(0), max_value=D(60), places=2), regions)
def test_inside_line_items_add_up(rate: Decimal, margin: Decimal, region: str) -> None:
    s = settings_for(region=region, margin=str(margin))
    inside = s.inside(rate)
    total = inside.margin + inside.employer_ni + inside.levy + inside.gross_pay
    assert abs(total - inside.income) < D("1e-15")
    assert inside.take_home == inside.gross_pay - inside.income_tax - inside.employee_ni


@settings(max_examples=80, deadline=None)
@given(rates, regions)
def test_outside_line_items_add_up(rate: Decimal, region: str) -> None:
    s = settings_for(region=region, expenses="2000")
    o = s.outside(rate)
    assert o.profit == o.turnover - o.salary - o.employer_ni - o.expenses
    assert o.dividends == max(o.profit - o.corporation_tax, D(0))
    assert o.take_home == (
        o.salary - o.income_tax - o.employee_ni + o.dividends - o.dividend_tax - o.shortfall
    )


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=D(-1000), max_value=D(400000), places=2))
def test_corporation_tax_is_continuous_and_never_falls(profit: Decimal) -> None:
    here = pay.corporation_tax(Y2026, profit)
    assert pay.corporation_tax(Y2026, profit + D("0.01")) >= here
    assert pay.corporation_tax(Y2026, profit + D("0.01")) - here <= D("0.01") * D("0.265")


@pytest.mark.parametrize(("typed", "hint"), [("525,50", "525.50"), ("£1200,5", "1200.5")])
def test_a_decimal_comma_is_refused_with_the_point_to_use(typed: str, hint: str) -> None:
    with pytest.raises(UsageError) as caught:
        pay.amount(typed, "--rate", zero_ok=False, limit=100_000, example="525")
    assert caught.value.message.endswith(f"write pence with a point: {hint}")


@pytest.mark.parametrize(
    ("typed", "zero_ok", "hint"),
    [
        ("12,0000", False, None),  # not a decimal comma
        ("0,0", False, None),  # 0.0 is refused too
        ("100000,5", False, None),  # above the limit
        ("0,0", True, "0.0"),
        ("0,5", False, "0.5"),
        ("99999,99", False, "99999.99"),
    ],
)
def test_the_hint_names_only_an_amount_then_accepted(
    typed: str, zero_ok: bool, hint: str | None
) -> None:
    with pytest.raises(UsageError) as caught:
        pay.amount(typed, "--rate", zero_ok=zero_ok, limit=100_000, example="525")
    if hint is None:
        assert "with a point" not in caught.value.message
    else:
        assert caught.value.message.endswith(f"write pence with a point: {hint}")
        accepted = pay.amount(hint, "--rate", zero_ok=zero_ok, limit=100_000, example="525")
        assert accepted == Decimal(hint)


# ------------------------------------------------------------------ issue 16, item 8: a falling take-home


def over_100_percent(year: taxdata.TaxYear = Y2026) -> taxdata.TaxYear:
    """The issue's edited year: the higher band ends at 60,000 of taxable income, the additional
    rate is 100% and the taper takes £1 of allowance per £1, so take-home falls as pay rises."""
    from dataclasses import replace

    basic, higher, additional = year.income_bands["rest-of-uk"]
    return replace(
        year,
        income_bands={
            **year.income_bands,
            "rest-of-uk": (
                basic,
                taxdata.Band(name=higher.name, rate=higher.rate, up_to=D(60000)),
                taxdata.Band(name=additional.name, rate=D(1), up_to=None),
            ),
        },
        taper_rate=D(1),
    )


def test_a_break_even_below_a_falling_take_home_is_found() -> None:
    """At £300 a day outside leaves more than inside, and inside take-home falls from about
    £330 a day on: the break-even (about £346) was hidden, "-" shown."""
    s = settings_for(year=over_100_percent())
    assert s.inside(D(500)).take_home < s.inside(D(400)).take_home  # it does fall
    item = pay.Comparison(s, D(300), "given", None)
    target = item.outside.take_home
    assert item.break_even is not None
    assert D(340) < item.break_even < D(350)
    assert abs(s.inside(item.break_even).take_home - target) < D("1e-9")
    assert s.inside(item.break_even - D("0.01")).take_home < target  # the smallest such rate


def test_a_take_home_that_never_reaches_the_target_has_no_break_even() -> None:
    s = settings_for(year=over_100_percent())
    item = pay.Comparison(s, D(700), "given", None)
    assert item.break_even is None
    highest = max(s.inside(rate).take_home for rate in s.inside_kinks())
    assert highest < item.outside.take_home


def test_a_salary_below_a_falling_paye_take_home_is_found() -> None:
    year = over_100_percent()
    target = pay.paye_take_home(year, "rest-of-uk", D(60000))
    found = pay.smallest_reaching(
        lambda salary: pay.paye_take_home(year, "rest-of-uk", salary),
        target,
        pay.earning_kinks(year, "rest-of-uk"),
    )
    assert found is not None and abs(found - D(60000)) < D("1e-9")


def straight_between(f: Callable[[Decimal], Decimal], kinks: set[Decimal]) -> None:
    """``f`` is a straight line between consecutive kinks and beyond the last, as the exact
    search needs: a kink missing from the list would bend a stretch here."""
    points = sorted({D(0), *(k for k in kinks if k > 0)})
    last = points[-1]
    points += [last + max(last, D(1)), last + 3 * max(last, D(1))]
    for low, high in itertools.pairwise(points):
        for share in (D("0.25"), D("0.5"), D("0.75")):
            middle = low + (high - low) * share
            line = f(low) + (f(high) - f(low)) * share
            assert abs(f(middle) - line) < D("1e-9"), (low, high, share)


@pytest.mark.parametrize("year", [Y2025, Y2026, over_100_percent()], ids=["2025", "2026", "edited"])
@pytest.mark.parametrize("region", ["rest-of-uk", "scotland"])
@pytest.mark.parametrize(("margin", "days"), [("0", 220), ("25", 220), ("40", 37)])
def test_the_kinks_are_every_place_take_home_bends(
    year: taxdata.TaxYear, region: str, margin: str, days: int
) -> None:
    s = settings_for(year=year, region=region, margin=margin, days=days)
    straight_between(lambda rate: s.inside(rate).take_home, s.inside_kinks())
    straight_between(
        lambda salary: pay.paye_take_home(year, region, salary), pay.earning_kinks(year, region)
    )


# ---------------------------------------------------------------- pensions (issue 17)


def test_pension_inside_by_salary_sacrifice() -> None:
    """£575 x 220 = £126,500 with £10,000 sacrificed, 2026-27, rest of UK, by hand:
    the pension leaves the assignment money first: 126,500 - 10,000 = 116,500 =
    G + 15% x (G - 5,000) + 0.5% x G, so G = (116,500 + 750) / 1.155 = 101,515.15;
    employer NI 15% x 96,515.15 = 14,477.27; levy 0.5% x G = 507.58 (the three add up to 116,500).
    Allowance 12,570 - (101,515.15 - 100,000) / 2 = 11,812.42; taxable 89,702.73;
    tax 20% x 37,700 = 7,540 + 40% x 52,002.73 = 20,801.09, so 28,341.09.
    NI 8% x 37,700 = 3,016 + 2% x 51,245.15 = 1,024.90, so 4,040.90.
    Take-home 101,515.15 - 28,341.09 - 4,040.90 = 69,133.16 (without the pension 72,423.20:
    the £10,000 costs £3,290.04 of take-home, the taper's lever the issue describes)."""
    s = settings_for()
    s.pension = D(10000)
    inside = s.inside(D(575))
    assert penny(inside.gross_pay) == D("101515.15")
    assert penny(inside.employer_ni) == D("14477.27")
    assert penny(inside.levy) == D("507.58")
    assert penny(inside.tax.allowance) == D("11812.42")
    assert penny(inside.income_tax) == D("28341.09")
    assert penny(inside.employee_ni) == D("4040.90")
    assert penny(inside.take_home) == D("69133.16")
    assert inside.pension == D(10000)
    assert penny(settings_for().inside(D(575)).take_home) == D("72423.20")


def test_pension_outside_is_a_company_cost() -> None:
    """£450 x 220 = £99,000 with a £10,000 employer contribution, salary £12,570, by hand:
    employer NI 15% x 7,570 = 1,135.50; profit 99,000 - 12,570 - 1,135.50 - 10,000 = 75,294.50;
    corporation tax 25% x 75,294.50 - 3/200 x (250,000 - 75,294.50) = 18,823.625 - 2,620.5825 =
    16,203.04; dividends 59,091.46; the salary uses the whole allowance; dividend allowance 500 at
    0%, 10.75% x 37,200 = 3,999.00, 35.75% x 21,391.46 = 7,647.45, so 11,646.45.
    Take-home 12,570 + 59,091.46 - 11,646.45 = 60,015.01."""
    s = settings_for()
    s.pension = D(10000)
    outside = s.outside(D(450))
    assert penny(outside.profit) == D("75294.50")
    assert penny(outside.corporation_tax) == D("16203.04")
    assert penny(outside.dividends) == D("59091.46")
    assert penny(outside.dividend_tax) == D("11646.45")
    assert penny(outside.take_home) == D("60015.01")


def test_offer_keeps_its_route() -> None:
    s = settings_for()
    inside, outside = pay.Offer(s, D(500), "inside"), pay.Offer(s, D(500), "outside")
    assert penny(inside.take_home) == D("66172.12")  # the worked example of uk-tax.md
    assert penny(outside.take_home) == D("69932.00")
    assert outside.retained == 0
    assert inside.with_pension == inside.take_home


@pytest.mark.parametrize(
    ("text", "expected"),
    [("450:outside", (D(450), "outside")), (" 575.50:Inside ", (D("575.50"), "inside"))],
)
def test_offer_text(text: str, expected: tuple[D, str]) -> None:
    assert pay.offer(text) == expected


def test_money_to_the_penny() -> None:
    assert pay.amount("525.50", "--rate", zero_ok=False, limit=100_000, example="525") == D(
        "525.50"
    )
    with pytest.raises(UsageError, match="to the penny"):
        pay.amount("525.505", "--rate", zero_ok=False, limit=100_000, example="525")
