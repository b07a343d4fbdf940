"""The rate arithmetic and the range chart, without the command line."""

from __future__ import annotations

import datetime as dt
import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from rolecompare.core.models import Rates, Role
from rolecompare.core.rates import (
    RateDifference,
    dated,
    differences,
    months_between,
    rates_age,
    summarise,
)
from rolecompare.core.text import money, money_range
from rolecompare.ui.charts import FILLED, TRACK, Bar, RangeChart, nice_step


def role(role_id: str, low: int, high: int, currency: str = "GBP") -> Role:
    rates = Rates(
        min=low, max=high, currency=currency, market="UK tech contracts", year=2025, source="s"
    )
    return Role(id=role_id, name=role_id.upper(), rates=rates)


PMO = role("pmo", 400, 600)
PM = role("pm", 450, 700)


# ---------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (400, "GBP", "£400"),
        (88_000, "GBP", "£88,000"),
        (1_234_567, "GBP", "£1,234,567"),
        (500.0, "GBP", "£500"),
        (500.5, "GBP", "£500.50"),
        (0.5, "GBP", "£0.50"),
        (1234.25, "GBP", "£1,234.25"),
        (0, "GBP", "£0"),
        (-50, "GBP", "-£50"),
        (-0.5, "GBP", "-£0.50"),
        (700, "EUR", "€700"),
        (700, "USD", "$700"),
        (700, "CHF", "CHF 700"),
    ],
)
def test_money(amount: float, currency: str, expected: str) -> None:
    assert money(amount, currency) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (75, "+£75"),
        (16_500, "+£16,500"),
        (-50, "-£50"),
        (-16_500.5, "-£16,500.50"),
        (0, "±£0"),
        (0.25, "+£0.25"),
    ],
)
def test_signed_money(amount: float, expected: str) -> None:
    assert money(amount, "GBP", signed=True) == expected


def test_money_range_uses_an_en_dash() -> None:
    assert money_range(400, 600, "GBP") == "£400\N{EN DASH}£600"
    assert money_range(88_000, 132_000, "GBP") == "£88,000–£132,000"


# ---------------------------------------------------------------- summaries and differences


def test_summarise() -> None:
    pmo, pm = summarise((PMO, PM), 220)
    assert (pmo.day_min, pmo.day_max, pmo.day_mid) == (400, 600, 500)
    assert (pmo.annual_min, pmo.annual_max, pmo.annual_mid) == (88_000, 132_000, 110_000)
    assert (pm.annual_min, pm.annual_max, pm.annual_mid) == (99_000, 154_000, 126_500)
    assert pm.currency == "GBP"
    assert pm.days == 220


def test_summarise_other_days() -> None:
    [pmo] = summarise((PMO,), 200)
    assert (pmo.annual_min, pmo.annual_max) == (80_000, 120_000)


def test_midpoint_with_pence() -> None:
    [odd] = summarise((role("odd", 401, 600),), 220)
    assert odd.day_mid == 500.5
    assert money(odd.day_mid, "GBP") == "£500.50"
    assert odd.annual_mid == 110_110


def test_differences_compare_each_with_the_first() -> None:
    third = role("sm", 500, 800)
    diffs = differences(summarise((PMO, PM, third), 220))
    assert [(d.base.role.id, d.other.role.id) for d in diffs] == [("pmo", "pm"), ("pmo", "sm")]
    first = diffs[0]
    assert (first.day_min, first.day_max, first.day_mid) == (50, 100, 75)
    assert first.annual_mid == 16_500
    assert first.overlap == (450, 600)
    assert diffs[1].overlap == (500, 600)


def test_no_differences_for_one_role() -> None:
    assert differences(summarise((PMO,), 220)) == ()


def test_difference_the_other_way_round() -> None:
    [diff] = differences(summarise((PM, PMO), 220))
    assert (diff.day_min, diff.day_max, diff.day_mid, diff.annual_mid) == (-50, -100, -75, -16_500)
    assert diff.overlap == (450, 600)


def test_no_overlap() -> None:
    [diff] = differences(summarise((PMO, role("hi", 650, 900)), 220))
    assert diff.overlap is None
    [diff] = differences(summarise((role("hi", 650, 900), PMO), 220))
    assert diff.overlap is None


def test_ranges_that_touch_overlap_at_one_rate() -> None:
    [diff] = differences(summarise((PMO, role("next", 600, 800)), 220))
    assert diff.overlap == (600, 600)


def test_range_inside_another() -> None:
    [diff] = differences(summarise((PMO, role("inner", 450, 550)), 220))
    assert diff.overlap == (450, 550)
    assert isinstance(diff, RateDifference)


# ---------------------------------------------------------------- nice_step


@pytest.mark.parametrize(
    ("span", "most", "expected"),
    [
        (200, 12, 20),
        (300, 12, 50),
        (300, 2, 200),
        (1000, 10, 100),
        (1000, 3, 500),
        (7, 7, 1),
        (1, 7, 0.2),
        (0, 5, 1),
        (50, 0, 50),
    ],
)
def test_nice_step_examples(span: float, most: int, expected: float) -> None:
    assert nice_step(span, most) == pytest.approx(expected)


@given(
    span=st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False),
    most=st.integers(min_value=1, max_value=50),
)
def test_nice_step_is_round_and_fits(span: float, most: int) -> None:
    step = nice_step(span, most)
    assert step >= span / most
    assert span / step <= most * (1 + 1e-9)
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    assert min(abs(mantissa - m) for m in (1, 2, 5, 10)) < 1e-6
    assert step < 10 * span / most * (1 + 1e-9)  # and no bigger than it needs to be


# ---------------------------------------------------------------- the range chart


def render(chart: RangeChart, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None, highlight=False)
    console.print(chart)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output.splitlines()


def filled_span(line: str) -> tuple[int, int]:
    cells = [i for i, ch in enumerate(line) if ch in (FILLED, "│")]
    return cells[0], cells[-1]


def bar_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.rstrip() and line.rstrip()[-1] in (TRACK, FILLED, "│")]


def test_chart_of_the_two_roles() -> None:
    chart = RangeChart([Bar("PMO", 400, 600, 500), Bar("Project Manager", 450, 700, 575)], "GBP")
    lines = render(chart, 80)
    assert len(lines) == 4
    assert lines[0].startswith("PMO             █")
    assert lines[1].startswith("Project Manager ·")
    assert set(lines[2][16:]) <= {"┴", "─"}
    assert lines[3].split() == ["£400", "£450", "£500", "£550", "£600", "£650", "£700"]
    assert all(len(line) <= 80 for line in lines)


def test_chart_marks_the_midpoint() -> None:
    [bar, _, _] = render(RangeChart([Bar("A", 0, 100, 50)], "GBP"), 41)
    assert bar == "A " + FILLED * 19 + "│" + FILLED * 19


def test_long_labels_go_above_their_bars() -> None:
    lines = render(RangeChart([Bar("A very long label indeed", 10, 20)], "GBP"), 30)
    assert lines[0] == "A very long label indeed"
    assert set(lines[1]) == {FILLED}
    assert len(lines[1]) == 30


def test_chart_of_a_single_rate() -> None:
    lines = render(RangeChart([Bar("A", 500, 500, 500)], "GBP"), 40)
    assert lines[0].count("│") == 1
    assert all(len(line) <= 40 for line in lines)


# Labels narrower than the narrowest width: a longer one wraps onto two lines above its bar.
LABELS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=19).map(
    lambda s: s.strip() or "X"
)
RANGES = st.tuples(st.integers(1, 5_000), st.integers(0, 5_000)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=150, deadline=None)
@given(
    width=st.integers(min_value=20, max_value=120),
    bars=st.lists(st.tuples(LABELS, RANGES), min_size=1, max_size=6),
)
def test_chart_fits_and_keeps_the_ranges_in_order(
    width: int, bars: list[tuple[str, tuple[int, int]]]
) -> None:
    chart = RangeChart(
        [Bar(label, low, high, (low + high) / 2) for label, (low, high) in bars], "GBP"
    )
    lines = render(chart, width)
    assert all(len(line) <= width for line in lines), lines
    drawn = bar_lines(lines)
    labels_above = len(lines) == 2 * len(bars) + 2
    assert labels_above or len(lines) == len(bars) + 2  # nothing wrapped onto an extra line
    assert len(drawn) == len(bars)
    spans = [filled_span(line) for line in drawn]
    for (start, end), (_, (low, high)) in zip(spans, bars, strict=True):
        assert start <= end
        if low == high:
            assert start == end
    for (start_a, end_a), (_, (low_a, high_a)) in zip(spans, bars, strict=True):
        for (start_b, end_b), (_, (low_b, high_b)) in zip(spans, bars, strict=True):
            if low_a < low_b:
                assert start_a <= start_b
            if high_a < high_b:
                assert end_a <= end_b


def test_a_zero_width_range_gets_a_whole_pound_axis() -> None:
    console = Console(width=60, file=io.StringIO(), color_system=None)
    console.print(RangeChart([Bar("Flat", 400, 400, 400)], "GBP"))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "£400" in text
    assert "." not in text.replace("·", "")


# ---------------------------------------------------------------- how old the rates are


def dated_rates(as_of: dt.date | None, year: int = 2025) -> Rates:
    return Rates(min=400, max=600, currency="GBP", market="UK", year=year, as_of=as_of, source="s")


JUNE_3 = dt.date(2025, 6, 3)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.date(2025, 6, 3), "June 2025"),
        (dt.date(2026, 6, 3), "June 2025"),  # exactly a year: not more than a year
        (dt.date(2026, 6, 4), "June 2025, 12 months ago; current rates may differ"),
        (dt.date(2026, 11, 25), "June 2025, 17 months ago; current rates may differ"),
        (dt.date(2027, 6, 2), "June 2025, 23 months ago; current rates may differ"),
        (dt.date(2027, 6, 3), "June 2025, 2 years ago; current rates may differ"),
        (dt.date(2031, 1, 1), "June 2025, 5 years ago; current rates may differ"),
        (dt.date(2024, 1, 1), "June 2025"),  # a date before the data: no age
    ],
)
def test_dated_says_the_age_only_after_a_year(now: dt.date, expected: str) -> None:
    assert dated(dated_rates(JUNE_3), now) == expected


def test_without_a_date_the_age_counts_from_the_end_of_the_year() -> None:
    rates = dated_rates(None, 2025)
    assert dated(rates, dt.date(2026, 11, 25)) == "2025"
    assert (
        dated(rates, dt.date(2027, 2, 1))
        == "2025, at least 13 months ago; current rates may differ"
    )


def test_today_is_the_default_and_can_be_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rolecompare.core.rates.today", lambda: dt.date(2029, 7, 1))
    assert rates_age(dated_rates(JUNE_3)) == "4 years ago"


def _anniversary(day: dt.date) -> dt.date:
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    days=st.integers(min_value=-400, max_value=4000),
)
def test_age_is_shown_exactly_when_more_than_a_year_has_passed(start: dt.date, days: int) -> None:
    now = start + dt.timedelta(days=days)
    age = rates_age(dated_rates(start, start.year), now)
    assert (age is not None) == (now > _anniversary(start))
    if age is not None:
        months = months_between(start, now)
        assert months >= 12
        assert age == (f"{months} months ago" if months < 24 else f"{months // 12} years ago")
