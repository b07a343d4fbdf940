"""Issue 17: student loans, the draw (money left in the company) and `--salary best`.

Every expected figure is worked out here from the published rule and thresholds (HMRC: 9% above
the plan's threshold, 6% for the postgraduate loan; in self assessment dividends count only above
£2,000, and then in full, CSLM16035), not copied from the program's output.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from rolecompare.core import pay, taxdata
from rolecompare.core.errors import UsageError

from ..conftest import REPO, Invoke
from ..helpers import flat

TAX = taxdata.load(REPO / "data" / "uk-tax.toml")
Y2025 = TAX.years["2025-26"]
Y2026 = TAX.years["2026-27"]
D = Decimal
YEAR = ["--tax-year", "2026-27"]

# Published 2026-27 thresholds (GOV.UK "Rates and thresholds for employers 2026 to 2027").
PLAN1, PLAN2, POSTGRADUATE = D(26900), D(29385), D(21000)
NINE, SIX = D("0.09"), D("0.06")
DIRECTOR, NONE = D(12570), D(0)


def penny(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def settings(
    *plans: str,
    salary: Decimal | None = DIRECTOR,
    draw: Decimal | str = "all",
    year: taxdata.TaxYear = Y2026,
    pension: Decimal = NONE,
) -> pay.Settings:
    loans = pay.resolve_loans(TAX, year, plans)
    return pay.Settings(year, "rest-of-uk", 220, salary, D(0), D(0), D(5), pension, loans, draw)


def gross_inside(income: Decimal) -> Decimal:
    """Gross pay G from income = G + 15% x (G - 5,000) + 0.5% x G."""
    return (income + D("0.15") * 5000) / D("1.155")


# ---------------------------------------------------------------- the data


def test_thresholds_per_year_match_the_published_tables() -> None:
    for year, expected in (
        (Y2025, {"plan1": 26065, "plan2": 28470, "plan4": 32745, "postgraduate": 21000}),
        (Y2026, {"plan1": 26900, "plan2": 29385, "plan4": 33795, "plan5": 25000}),
    ):
        assert year.student_loans is not None
        plans = year.student_loans.plans
        for key, threshold in expected.items():
            assert plans[key].threshold == threshold
        assert {plans[key].rate for key in plans} == {NINE, SIX}
        assert plans["postgraduate"].rate == SIX
        assert year.student_loans.unearned_income_limit == 2000
        cited = [TAX.sources[key] for key in year.student_loans.sources]
        assert any("CSLM16035" in source.title for source in cited)
    assert Y2025.student_loans is not None
    assert Y2025.student_loans.plans["plan5"].threshold is None


# ---------------------------------------------------------------- inside: PAYE on gross pay


def test_plan2_inside_through_paye_on_gross_pay() -> None:
    inside = settings("plan2").inside(D(500))
    gross = gross_inside(D(110000))
    expected = NINE * (gross - PLAN2)
    assert penny(inside.student_loan) == penny(expected) == D("5985.22")
    assert penny(inside.take_home) == penny(D("66172.12") + (gross - penny(gross)) - expected)


def test_undergraduate_and_postgraduate_both_apply() -> None:
    inside = settings("plan1", "postgraduate").inside(D(300))
    gross = gross_inside(D(66000))
    expected = NINE * (gross - PLAN1) + SIX * (gross - POSTGRADUATE)
    assert penny(inside.student_loan) == penny(expected)
    assert [item.plan.name for item in inside.loans] == ["Plan 1", "Postgraduate loan"]


def test_salary_sacrifice_lowers_the_repayment() -> None:
    inside = settings("plan2", pension=D(10000)).inside(D(575))
    gross = gross_inside(D(126500) - 10000)
    assert penny(inside.student_loan) == penny(NINE * (gross - PLAN2)) == D("6491.71")


def test_below_the_threshold_nothing_is_repaid() -> None:
    assert settings("plan2").inside(D(100)).student_loan == 0


# ---------------------------------------------------------------- outside: self assessment


def test_plan2_outside_counts_salary_plus_all_dividends() -> None:
    outside = settings("plan2").outside(D(500))
    dividends = outside.dividends
    assert penny(dividends) == D("74526.46")  # the worked example of uk-tax.md
    expected = NINE * (D(12570) + dividends - PLAN2)
    assert penny(outside.student_loan) == penny(expected)
    assert penny(outside.take_home) == penny(D("69932.00") - expected)


def test_dividends_of_2000_or_less_do_not_count() -> None:
    """Salary £30,000 on £35,000 of fees: employer NI 15% x 25,000 = 3,750, profit 1,250,
    corporation tax 19% = 237.50, dividends 1,012.50 (under £2,000): the loan is on the salary
    alone, 9% x (30,000 - 29,385) = 55.35."""
    loans = pay.resolve_loans(TAX, Y2026, ["plan2"])
    outside = pay.Outside(Y2026, "rest-of-uk", D(35000), D(30000), D(0), D(0), loans)
    assert outside.dividends == D("1012.50")
    assert penny(outside.student_loan) == NINE * (D(30000) - PLAN2) == D("55.35")


def test_dividends_over_2000_count_in_full() -> None:
    """£37,000 of fees: profit 3,250, corporation tax 617.50, dividends 2,632.50; the whole
    £2,632.50 counts, not just the part above £2,000."""
    loans = pay.resolve_loans(TAX, Y2026, ["plan2"])
    outside = pay.Outside(Y2026, "rest-of-uk", D(37000), D(30000), D(0), D(0), loans)
    assert outside.dividends == D("2632.50")
    expected = NINE * (D(30000) + D("2632.50") - PLAN2)
    assert penny(outside.student_loan) == penny(expected) == D("292.28")


# ---------------------------------------------------------------- what can be asked for


@pytest.mark.parametrize(
    ("plans", "year", "message"),
    [
        (["plan1", "plan2"], Y2026, "one undergraduate plan"),
        (["plan5"], Y2025, "April 2026"),
        (["plan3"], Y2026, "known: plan1, plan2, plan4, plan5, postgraduate"),
        (["plan2", "Plan2"], Y2026, "given twice"),
    ],
)
def test_plans_that_cannot_be_asked_for(
    plans: list[str], year: taxdata.TaxYear, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        pay.resolve_loans(TAX, year, plans)


def test_a_year_without_student_loan_figures_says_so() -> None:
    bare = dataclasses.replace(Y2026, student_loans=None)
    with pytest.raises(UsageError, match="no student loan figures for 2026-27"):
        pay.resolve_loans(TAX, bare, ["plan2"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--student-loan", "plan1", "--student-loan", "plan4"], "one undergraduate plan"),
        (
            ["--student-loan", "plan5", "--tax-year", "2025-26"],
            "no repayments in 2025-26: Plan 5 repayments start in April 2026",
        ),
    ],
)
def test_refused_on_the_command_line(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(["pay", "--rate", "500", *args])
    assert result.exit_code == 2
    assert message in flat(result.stderr)
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- shown everywhere


def test_the_issue_example_fits_on_one_screen(invoke: Invoke) -> None:
    args = ["--offer", "450:outside", "--offer", "575:inside", "--pension", "10000"]
    out = invoke(["pay", *args, "--student-loan", "plan2", *YEAR], width=80).stdout
    lines = out.splitlines()
    answer = next(n for n, line in enumerate(lines) if line.startswith("£575 inside leaves"))
    loan = next(n for n, line in enumerate(lines) if line.startswith("Student loan (Plan 2)"))
    assert answer < loan < 22
    inside = gross_inside(D(126500) - 10000)
    outside = settings("plan2", pension=D(10000)).outside(D(450))
    repaid_out = NINE * (D(12570) + outside.dividends - PLAN2)
    repaid_in = NINE * (inside - PLAN2)
    text = flat(out)
    assert f"£{repaid_out:,.0f} (£450 outside, self assessment)" in text
    assert f"£{repaid_in:,.0f} (£575 inside, PAYE)" in text


def test_json_csv_markdown_and_breakdown_show_the_repayment(invoke: Invoke) -> None:
    args = ["pay", "--rate", "500", "--student-loan", "plan2", *YEAR]
    document = json.loads(invoke([*args, "--format", "json"]).stdout)
    [result] = document["results"]
    expected_in = penny(NINE * (gross_inside(D(110000)) - PLAN2))
    assert result["inside"]["student_loan"] == float(expected_in)
    assert result["inside"]["student_loans"][0]["plan"] == "Plan 2"
    outside = settings("plan2").outside(D(500))
    assert result["outside"]["student_loan"] == float(penny(outside.student_loan))
    assert [offer["student_loan"] for offer in document["offers"]] == [
        float(expected_in),
        float(penny(outside.student_loan)),
    ]
    assert document["student_loans"][0]["threshold"] == float(PLAN2)
    assert any("CSLM16035" in source["title"] for source in document["sources"])

    csv = invoke([*args, "--format", "csv"]).stdout.splitlines()
    header, row = csv[0].split(","), csv[1].split(",")
    assert row[header.index("inside_student_loan_year")] == str(float(expected_in))

    markdown = invoke([*args, "--format", "markdown"]).stdout
    assert "Student loan (Plan 2), taken off the take-home above" in markdown

    working = flat(invoke([*args, "--breakdown"], width=100).stdout)
    assert f"Student loan, Plan 2 (PAYE): 9% of £95,887.45 above £29,385 -£{expected_in:,}" in (
        working
    )
    assert "dividends over £2,000 count in full" in working


# ---------------------------------------------------------------- the draw


def test_higher_rate_threshold_is_derived_from_the_tax_figures() -> None:
    assert pay.higher_rate_threshold(Y2026) == D(12570) + D(37700)
    lower = dataclasses.replace(Y2026, personal_allowance=D(10000))
    assert pay.higher_rate_threshold(lower) == D(10000) + D(37700)


def test_draw_to_the_higher_rate_threshold_leaves_the_rest_in_the_company() -> None:
    """£500 x 220, salary £12,570: dividends stop at 50,270 - 12,570 = 37,700, taxed at 10.75%
    above the £500 allowance: 3,999.00; take-home 12,570 + 37,700 - 3,999 = 46,271.00; the
    rest of the 74,526.46 after corporation tax stays in the company."""
    outside = settings(draw="higher-rate-threshold").outside(D(500))
    assert outside.dividends == D(37700)
    assert penny(outside.dividend_tax) == D("3999.00")
    assert penny(outside.take_home) == D("46271.00")
    assert penny(outside.retained) == D("74526.46") - D(37700)
    offer = pay.Offer(settings(draw="higher-rate-threshold"), D(500), "outside")
    assert offer.retained == outside.retained


def test_draw_an_amount() -> None:
    outside = settings(draw=D(30000)).outside(D(500))
    dividends = D(30000) - D(12570)
    assert outside.dividends == dividends
    assert penny(outside.take_home) == penny(D(12570) + dividends - (dividends - 500) * D("0.1075"))
    assert settings(draw=D(5000)).outside(D(500)).dividends == 0  # the salary is above it


def test_draw_on_the_command_line(invoke: Invoke) -> None:
    args = ["pay", "--offer", "500:outside", "--draw", "higher-rate-threshold", *YEAR]
    document = json.loads(invoke([*args, "--format", "json"]).stdout)
    assert document["draw_level"] == 50270.0
    assert document["offers"][0]["retained"] == float(D("74526.46") - D(37700))
    assert document["offers"][0]["take_home"] == 46271.0
    out = flat(invoke(args).stdout)
    assert "salary plus dividends stop at £50,270 (the higher-rate threshold)" in out
    bad = invoke(["pay", "--rate", "500", "--draw", "most"])
    assert bad.exit_code == 2
    assert "--draw takes all, higher-rate-threshold or an amount" in flat(bad.stderr)


# ---------------------------------------------------------------- --salary best


@pytest.mark.parametrize("rate", [D(150), D(450), D(700)])
@pytest.mark.parametrize("draw", ["all", "higher-rate-threshold"])
def test_best_salary_beats_every_salary_on_a_grid(rate: Decimal, draw: str) -> None:
    s = settings("plan2", salary=None, draw=draw)
    choice = s.best(rate)
    fees = rate * 220
    # The most the company can pay without a loss: S + 15% x (S - 5,000) = fees.
    most = (fees + D("0.15") * 5000) / D("1.15")
    if draw != "all":
        most = min(most, D(50270))
    for salary in range(0, int(most) + 1, 250):
        assert s.outside(rate, D(salary)).take_home <= choice.take_home + D("0.005")
    assert s.outside(rate).salary == choice.salary


def test_best_salary_follows_the_tax_figures() -> None:
    """£500 a day: the personal allowance is best in the bundled figures; moved (with the NI
    primary threshold) to £10,000, the choice moves with it."""
    assert settings(salary=None).best(D(500)).salary == D(12570)
    moved = dataclasses.replace(Y2026, personal_allowance=D(10000), primary_threshold=D(10000))
    s = pay.Settings(moved, "rest-of-uk", 220, None, D(0), D(0), D(5))
    assert s.best(D(500)).salary == D(10000)


def test_salary_best_on_the_command_line(invoke: Invoke) -> None:
    args = ["pay", "--rate", "500", "--salary", "best", *YEAR]
    out = flat(invoke(args).stdout)
    assert "director's salary best (see below)" in out
    assert "Director's salary chosen by --salary best: £12,570, which leaves the most" in out
    document = json.loads(invoke([*args, "--format", "json"]).stdout)
    choice = document["salary_choice"]
    assert choice["by_day_rate"][0]["salary"] == 12570.0
    assert choice["explanation"].startswith("Director's salary chosen by --salary best")
    assert document["director_salary"] is None
    assert document["results"][0]["outside"]["director_salary"] == 12570.0


def test_a_salary_above_the_draw_level_is_said(invoke: Invoke) -> None:
    result = invoke(["pay", "--rate", "500", "--salary", "60000", "--draw", "40000", *YEAR])
    assert result.exit_code == 0
    assert "salary (£60,000) is above the --draw level (£40,000): no dividends" in flat(
        result.stderr
    )


def test_markdown_says_what_the_choices_did(invoke: Invoke) -> None:
    args = ["pay", "--rate", "500", "--salary", "best", "--draw", "higher-rate-threshold"]
    markdown = invoke([*args, *YEAR, "--format", "markdown"]).stdout
    assert "- Director's salary chosen by --salary best: £12,570" in markdown
    retained = D("74526.46") - D(37700)
    assert f"not take-home: £{retained:,.0f} (£500 outside)" in markdown
