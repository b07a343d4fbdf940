"""The comparison is decided exactly (issue 15): no float borders, and a mixed interest is never
called a pull."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from rolecompare.commands.quiz import headline, meaning
from rolecompare.core import loader
from rolecompare.core.quiz import HIGH, Z95, compare, score

from ..conftest import REAL_DATA

REAL = loader.load(REAL_DATA)
N = len(REAL.quiz.statements)
KEYED = [s.keyed for s in REAL.quiz.statements]


def by_role(values: dict[str, list[int]]) -> list[int]:
    """Answers given per role, in the order of that role's statements in the bank."""
    queues = {role_id: iter(itertools.cycle(v)) for role_id, v in values.items()}
    return [next(queues[k]) for k in KEYED]


def reference(own: list[int]) -> tuple[Fraction, Fraction]:
    """The mean and the squared standard error in fractions, from the textbook formulas."""
    n = len(own)
    mean = Fraction(sum(own), n)
    variance = sum([(Fraction(a) - mean) ** 2 for a in own], Fraction(0)) / (n - 1)
    return mean, variance / n


PER_ROLE = KEYED.count("pmo")


def float_border() -> tuple[list[int], list[int]]:
    """Answers per role whose totals differ by exactly half a point per statement, but whose
    means, taken as floats, differ by a little less (issue 15: totals of 49 and 43 over 12
    statements gave 0.49999999999999956): the first such pair for the bank's length."""
    n = PER_ROLE
    for first in range(4 * n, 5 * n + 1):
        second = first - n // 2
        if n % 2 == 0 and first / n - second / n < 0.5:
            pmo = [5] * (first - 4 * n) + [4] * (5 * n - first)
            pm = [4] * (second - 3 * n) + [3] * (4 * n - second)
            return pmo, pm
    raise AssertionError(f"no float border for {n} statements per role")  # pragma: no cover


def test_totals_that_differ_by_exactly_the_minimum_are_clear() -> None:
    pmo, pm = float_border()
    result = score(REAL, by_role({"pmo": pmo, "pm": pm}))
    assert len(pmo) == len(pm) == PER_ROLE == KEYED.count("pm")
    assert sum(pmo) / PER_ROLE - sum(pm) / PER_ROLE < 0.5  # the float border the issue found
    assert result.top.exact_mean - result.second.exact_mean == Fraction(1, 2)
    assert result.clear
    assert result.verdict == "pmo"


def test_one_point_less_is_not_clear() -> None:
    pmo, pm = float_border()
    pm[-1] += 1
    result = score(REAL, by_role({"pmo": pmo, "pm": pm}))
    assert result.top.exact_mean - result.second.exact_mean < Fraction(1, 2)
    assert not result.clear


@given(st.lists(st.integers(1, 5), min_size=N, max_size=N))
def test_the_decisions_match_fractions_from_the_textbook(answers: list[int]) -> None:
    result = score(REAL, answers)
    exact = {
        r: reference([a for k, a in zip(KEYED, answers, strict=True) if k == r]) for r in REAL.roles
    }
    for role_id, (mean, variance) in exact.items():
        assert result.interest[role_id].exact_mean == mean
        assert result.interest[role_id].variance == variance
        low, high = Fraction(repr(REAL.quiz.low_below)), Fraction(repr(REAL.quiz.high_from))
        assert result.interest[role_id].level == (
            "low" if mean < low else "high" if mean >= high else "mixed"
        )
    (m1, v1), (m2, v2) = exact[result.ranking[0]], exact[result.ranking[1]]
    difference = m1 - m2
    beyond = difference > 0 and difference**2 > Z95**2 * (v1 + v2)
    assert result.beyond_margin == beyond
    assert result.clear == (beyond and difference >= Fraction(repr(REAL.quiz.min_difference)))
    assert compare(REAL.quiz, result.top, result.second).clear == result.clear


def test_a_mixed_interest_that_wins_clearly_is_a_lean_not_a_pull() -> None:
    # Issue 15: 11 Neutral and 1 Agree for PMO (mean 3.08, mixed) against PM at 1.8.
    pm = [2] * 9 + [1] * 3
    result = score(REAL, by_role({"pmo": [3] * 11 + [4], "pm": pm}))
    assert result.top.level == "mixed" and result.verdict == "pmo"
    words = f"{headline(REAL, result)} {meaning(REAL, result)}"
    assert "drawn to" not in words and "clear preference" not in words
    assert "lean" in words


@given(st.lists(st.integers(1, 5), min_size=N, max_size=N))
def test_only_a_high_interest_is_ever_called_a_pull(answers: list[int]) -> None:
    result = score(REAL, answers)
    words = f"{headline(REAL, result)} {meaning(REAL, result)}"
    if "drawn to" in words or "clear preference" in words:
        assert result.top.level == HIGH
