"""The scoring engine and the default statement bank, without any prompt."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolecompare import loader
from rolecompare.errors import UsageError
from rolecompare.models import Dataset
from rolecompare.quiz import (
    BAND_CLOSE,
    BAND_LEAN,
    BAND_STRONG,
    balance,
    balance_warnings,
    parse_answers,
    rounded,
    score,
    shares,
)

from .conftest import REAL_DATA, THREE_ROLES

REAL = loader.load(REAL_DATA)
THREE = loader.load(THREE_ROLES)
N = len(REAL.quiz.statements)


def answers_for(data: Dataset) -> st.SearchStrategy[list[int]]:
    n = len(data.quiz.statements)
    return st.lists(st.integers(1, 5), min_size=n, max_size=n)


def keyed_extreme(data: Dataset, role_id: str) -> list[int]:
    """Strongly agree with every statement keyed to ``role_id``, strongly disagree with the rest."""
    return [5 if s.keyed == role_id else 1 for s in data.quiz.statements]


def reverse(answers: list[int]) -> list[int]:
    return [6 - a for a in answers]


@given(answers_for(REAL))
def test_shares_are_within_0_and_100_and_sum_to_100(answers: list[int]) -> None:
    result = shares(REAL.quiz.statements, answers, list(REAL.roles))
    assert all(0 <= value <= 100 for value in result.values())
    assert sum(result.values()) == pytest.approx(100, abs=1e-9)
    assert sum(rounded(result).values()) == pytest.approx(100, abs=1e-9)


@given(answers_for(THREE))
def test_three_role_shares_sum_to_100(answers: list[int]) -> None:
    result = shares(THREE.quiz.statements, answers, list(THREE.roles))
    assert set(result) == {"pmo", "pm", "scrum"}
    assert all(0 <= value <= 100 for value in result.values())
    assert sum(result.values()) == pytest.approx(100, abs=1e-9)


@pytest.mark.parametrize("data", [REAL, THREE], ids=["two-roles", "three-roles"])
def test_neutral_everywhere_is_an_exact_tie(data: Dataset) -> None:
    result = score(data, [3] * len(data.quiz.statements))
    assert len(set(result.shares.values())) == 1
    assert result.recommendation is None
    assert result.band == BAND_CLOSE


@given(answers_for(REAL))
def test_reversing_every_answer_swaps_the_two_roles(answers: list[int]) -> None:
    ids = list(REAL.roles)
    forward = shares(REAL.quiz.statements, answers, ids)
    backward = shares(REAL.quiz.statements, reverse(answers), ids)
    assert backward["pmo"] == pytest.approx(forward["pm"])
    assert backward["pm"] == pytest.approx(forward["pmo"])


@settings(max_examples=50)
@given(answers_for(REAL), st.randoms(use_true_random=False))
def test_statement_order_does_not_change_shares(answers: list[int], rnd: object) -> None:
    import random

    assert isinstance(rnd, random.Random)
    pairs = list(zip(REAL.quiz.statements, answers, strict=True))
    rnd.shuffle(pairs)
    ids = list(REAL.roles)
    shuffled = shares([s for s, _ in pairs], [a for _, a in pairs], ids)
    assert shuffled == pytest.approx(shares(REAL.quiz.statements, answers, ids))


@pytest.mark.parametrize("role_id", ["pmo", "pm"])
def test_extreme_keyed_answers_give_at_least_90(role_id: str) -> None:
    result = score(REAL, keyed_extreme(REAL, role_id))
    assert result.shares[role_id] >= 90
    assert result.recommendation == role_id
    assert result.band == BAND_STRONG


@pytest.mark.parametrize("role_id", ["pmo", "pm", "scrum"])
def test_three_roles_extreme_answers_recommend_that_role(role_id: str) -> None:
    result = score(THREE, keyed_extreme(THREE, role_id))
    assert result.ranking[0] == role_id
    assert result.recommendation == role_id
    assert result.shares[role_id] == max(result.shares.values())


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_identical_answers_warn_of_a_flat_profile_and_pick_no_side(value: int) -> None:
    result = score(REAL, [value] * N)
    assert any("Flat profile" in w for w in result.warnings)
    assert result.recommendation is None
    assert result.shares["pmo"] == pytest.approx(50)


def test_bands_follow_the_margins_in_the_data() -> None:
    # One strongly-agreed PMO statement, the rest neutral: a small lead.
    answers = [3] * N
    answers[0] = 5
    slight = score(REAL, answers)
    assert slight.margin < REAL.quiz.close_margin
    assert slight.band == BAND_CLOSE
    # Agree (not strongly) with every PMO statement, neutral on the rest: a quarter of the
    # way from the middle to the PMO end, 62.5/37.5, a lean but not strong.
    leaning = score(REAL, [4 if s.keyed == "pmo" else 3 for s in REAL.quiz.statements])
    assert leaning.shares["pmo"] == pytest.approx(62.5)
    assert leaning.band == BAND_LEAN
    assert leaning.recommendation == "pmo"


def test_dimension_leans_and_weightiest_answers() -> None:
    answers = [3] * N
    first, second = REAL.quiz.statements[0], REAL.quiz.statements[1]
    answers[0], answers[1] = 5, 1
    result = score(REAL, answers)
    leans = {lean.dimension: lean.lean for lean in result.dimensions}
    assert leans[first.dimension] == first.keyed
    assert leans[second.dimension] != second.keyed
    assert [w.statement.id for w in result.weightiest] == [first.id, second.id]
    assert [w.pull for w in result.weightiest] == [2, -2]
    assert set(leans) == set(REAL.dimensions)


def test_rounded_keeps_the_sum_exact() -> None:
    values = {"a": 100 / 3, "b": 100 / 3, "c": 100 / 3}
    assert sum(rounded(values).values()) == pytest.approx(100)
    assert sorted(rounded(values, 0).values()) == [33, 33, 34]


def test_parse_answers_accepts_both_forms() -> None:
    compact = "5" * 8 + "1" * 8
    listed = ",".join(compact)
    assert parse_answers(compact, 16) == parse_answers(listed, 16) == tuple([5] * 8 + [1] * 8)
    assert parse_answers("1, 2 3,4", 4) == (1, 2, 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5" * 15, "got 15 answers"),
        ("5" * 17, "got 17 answers"),
        ("5,6" + ",5" * 14, "position 2 is '6'"),
        ("55x", "position 3 is 'x'"),
    ],
)
def test_parse_answers_names_the_problem(text: str, expected: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_answers(text, 16)
    assert expected in caught.value.message
    assert caught.value.exit_code == 2


# ---------------------------------------------------------------- the default bank


def test_bank_has_16_or_more_statements_covering_every_dimension() -> None:
    statements = REAL.quiz.statements
    assert len(statements) >= 16
    assert {s.dimension for s in statements} == set(REAL.dimensions)
    assert len({s.id for s in statements}) == len(statements)


def test_bank_is_balanced_in_number_and_weight() -> None:
    counts = balance(REAL)
    assert set(counts) == {"pmo", "pm"}
    assert len(set(counts.values())) == 1
    assert balance_warnings(REAL) == []
    for dim in REAL.dimensions:
        keyed = [s.keyed for s in REAL.quiz.statements if s.dimension == dim]
        assert sorted(keyed) == ["pm", "pmo"], dim


def test_bank_is_worded_positively() -> None:
    negation = re.compile(r"\b(not|never|no|nor|none)\b|n't", re.IGNORECASE)
    assert [s.id for s in REAL.quiz.statements if negation.search(s.text)] == []


def test_bank_keying_is_interleaved() -> None:
    keys = [s.keyed for s in REAL.quiz.statements]
    repeats = sum(a == b for a, b in itertools.pairwise(keys))
    assert repeats <= len(keys) // 3
    assert all(not (a == b == c) for a, b, c in zip(keys, keys[1:], keys[2:], strict=False))


def test_unbalanced_bank_is_warned_about() -> None:
    statements = REAL.quiz.statements[:-1]
    unbalanced = REAL.model_copy(
        update={"quiz": REAL.quiz.model_copy(update={"statements": statements})}
    )
    warnings = balance_warnings(unbalanced)
    assert warnings and "unbalanced" in warnings[0]
    assert "pmo 16" in warnings[0] and "pm 14" in warnings[0]
