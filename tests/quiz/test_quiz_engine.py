"""The scoring engine and the default statement bank, without any prompt."""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolecompare.core import loader
from rolecompare.core.errors import UsageError
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import (
    BOTH,
    INCONSISTENT_CODE,
    INCONSISTENT_SPREAD,
    NEITHER,
    NO_SIGNAL,
    STRAIGHT_LINING_CODE,
    TOO_CLOSE,
    Z95,
    Scorer,
    balance_warnings,
    data_mark,
    parse_answers,
    score,
)

from ..conftest import REAL_DATA, THREE_ROLES

REAL = loader.load(REAL_DATA)
THREE = loader.load(THREE_ROLES)
N = len(REAL.quiz.statements)


def answers_for(data: Dataset) -> st.SearchStrategy[list[int]]:
    n = len(data.quiz.statements)
    return st.lists(st.integers(1, 5), min_size=n, max_size=n)


def by_role(data: Dataset, values: dict[str, list[int]]) -> list[int]:
    """Answers given per role, in the order of that role's statements in the bank."""
    queues = {role_id: iter(itertools.cycle(v)) for role_id, v in values.items()}
    return [next(queues[s.keyed]) for s in data.quiz.statements]


def keyed_to(data: Dataset, role_id: str, answers: list[int]) -> list[int]:
    return [a for s, a in zip(data.quiz.statements, answers, strict=True) if s.keyed == role_id]


# ---------------------------------------------------------------- the two scales


@given(answers_for(REAL))
def test_each_interest_is_the_mean_and_its_standard_error(answers: list[int]) -> None:
    result = score(REAL, answers)
    for role_id in REAL.roles:
        own = keyed_to(REAL, role_id, answers)
        interest = result.interest[role_id]
        assert interest.statements == len(own)
        assert interest.mean == pytest.approx(statistics.mean(own))
        assert interest.standard_error == pytest.approx(statistics.stdev(own) / math.sqrt(len(own)))
        assert 1 <= interest.mean <= 5


@pytest.mark.parametrize(
    ("values", "level"),
    [([2, 2, 3], "low"), ([2, 2, 3, 3], "mixed"), ([3, 4], "high"), ([4], "high"), ([1, 2], "low")],
)
def test_levels_follow_the_documented_cut_points(values: list[int], level: str) -> None:
    answers = by_role(REAL, {"pmo": values, "pm": [3]})
    assert score(REAL, answers).interest["pmo"].level == level


@given(answers_for(REAL))
def test_the_margin_of_error_comes_from_both_standard_errors(answers: list[int]) -> None:
    result = score(REAL, answers)
    first, second = result.top, result.second
    assert result.margin_of_error == pytest.approx(
        Z95 * math.sqrt(first.standard_error**2 + second.standard_error**2)
    )
    assert result.difference == pytest.approx(first.mean - second.mean)
    assert result.difference >= 0
    assert result.clear == (
        result.difference > result.margin_of_error and result.difference >= REAL.quiz.min_difference
    )


@given(answers_for(REAL))
def test_a_recommendation_needs_a_clear_difference_and_real_interest(answers: list[int]) -> None:
    result = score(REAL, answers)
    assert result.verdict in {*REAL.roles, BOTH, NEITHER, TOO_CLOSE, NO_SIGNAL}
    assert (result.recommendation is not None) == (result.verdict in REAL.roles)
    if result.recommendation is not None:
        assert result.recommendation == result.ranking[0]
        assert result.clear
        assert result.top.mean > 3
    if result.verdict == NEITHER:
        assert result.top.mean <= 3
    if result.verdict == BOTH:
        assert result.second.level == "high" and not result.clear


@given(answers_for(REAL))
def test_reversing_every_answer_mirrors_each_interest(answers: list[int]) -> None:
    forward = score(REAL, answers)
    backward = score(REAL, [6 - a for a in answers])
    for role_id in REAL.roles:
        assert backward.interest[role_id].mean == pytest.approx(6 - forward.interest[role_id].mean)
        assert backward.interest[role_id].standard_error == pytest.approx(
            forward.interest[role_id].standard_error
        )


@settings(max_examples=50)
@given(answers_for(REAL), st.randoms(use_true_random=False))
def test_statement_order_does_not_change_the_interests(answers: list[int], rnd: Any) -> None:
    pairs = list(zip(REAL.quiz.statements, answers, strict=True))
    rnd.shuffle(pairs)
    shuffled = replace(REAL, quiz=replace(REAL.quiz, statements=tuple(s for s, _ in pairs)))
    moved = score(shuffled, [a for _, a in pairs])
    original = score(REAL, answers)
    for role_id in REAL.roles:
        assert moved.interest[role_id].mean == pytest.approx(original.interest[role_id].mean)
    assert moved.verdict == original.verdict


# ---------------------------------------------------------------- verdicts


@pytest.mark.parametrize("role_id", ["pmo", "pm"])
def test_a_clear_preference_is_told(role_id: str) -> None:
    other = "pm" if role_id == "pmo" else "pmo"
    result = score(REAL, by_role(REAL, {role_id: [5, 4], other: [1, 2]}))
    assert result.verdict == role_id
    assert result.recommendation == role_id
    assert result.interest[role_id].level == "high"
    assert result.interest[other].level == "low"


def test_liking_both_roles_is_both_not_a_recommendation() -> None:
    result = score(REAL, by_role(REAL, {"pmo": [5, 4], "pm": [4, 5]}))
    assert result.verdict == BOTH
    assert result.recommendation is None


def test_liking_neither_role_is_neither_even_with_a_clear_difference() -> None:
    assert score(REAL, by_role(REAL, {"pmo": [1, 2], "pm": [2, 1]})).verdict == NEITHER
    lopsided = score(REAL, by_role(REAL, {"pmo": [3, 3, 2], "pm": [1]}))
    assert lopsided.clear
    assert lopsided.verdict == NEITHER
    assert lopsided.recommendation is None


def test_interest_without_a_clear_difference_is_too_close() -> None:
    result = score(REAL, by_role(REAL, {"pmo": [4, 3, 3], "pm": [3, 4, 2]}))
    assert result.verdict == TOO_CLOSE
    assert result.recommendation is None


def test_a_small_but_precise_difference_is_not_enough() -> None:
    # Perfectly consistent answers have no spread, so no margin of error: the minimum
    # difference still keeps a one-answer change from deciding.
    answers = by_role(REAL, {"pmo": [4], "pm": [4]})
    answers[[s.keyed for s in REAL.quiz.statements].index("pm")] = 3
    answers[[s.keyed for s in REAL.quiz.statements].index("pmo")] = 5
    result = score(REAL, answers)
    assert result.difference < REAL.quiz.min_difference
    assert not result.clear
    assert result.recommendation is None


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_identical_answers_are_no_signal(value: int) -> None:
    result = score(REAL, [value] * N)
    assert result.verdict == NO_SIGNAL
    assert result.recommendation is None
    assert [w.code for w in result.warnings] == [STRAIGHT_LINING_CODE]


def test_almost_identical_answers_are_no_signal_too() -> None:
    answers = [4] * N
    answers[0], answers[5] = 1, 5
    result = score(REAL, answers)
    assert result.verdict == NO_SIGNAL
    assert result.warnings[0].code == STRAIGHT_LINING_CODE
    assert f"{N - 2} of {N}" in result.warnings[0].message


@pytest.mark.parametrize(
    ("values", "verdict"),
    [({"pmo": [4, 5, 4], "pm": [5, 4, 4, 5]}, BOTH), ({"pmo": [1, 2, 2], "pm": [2, 1]}, NEITHER)],
)
def test_liking_both_or_neither_is_a_verdict_not_a_warning(
    values: dict[str, list[int]], verdict: str
) -> None:
    # Issue 15: acquiescence and nay-saying warnings fired on people who like both roles, or
    # neither; with bank version 3 such answers are read as what they say.
    result = score(REAL, by_role(REAL, values))
    assert result.warnings == ()
    assert result.verdict == verdict


def pooled_variance(answers: list[int]) -> float:
    squares = freedom = 0.0
    for role_id in REAL.roles:
        own = keyed_to(REAL, role_id, answers)
        squares += statistics.variance(own) * (len(own) - 1)
        freedom += len(own) - 1
    return squares / freedom


@given(answers_for(REAL))
def test_the_consistency_check_is_the_pooled_within_role_variance(answers: list[int]) -> None:
    scorer = Scorer(REAL)
    assert float(scorer.spread(answers)) == pytest.approx(pooled_variance(answers))
    result = scorer.score(answers)
    flagged = INCONSISTENT_CODE in [w.code for w in result.warnings]
    if result.verdict != NO_SIGNAL or flagged:
        assert flagged == (scorer.spread(answers) >= INCONSISTENT_SPREAD)
    if flagged:
        assert result.verdict == NO_SIGNAL and result.recommendation is None


def test_answers_scattered_like_chance_are_flagged_with_no_recommendation() -> None:
    # PMO's answers run 1 to 5 (spread about 2); a clear PMO total would otherwise win.
    result = score(REAL, by_role(REAL, {"pmo": [5, 1, 5, 5, 2, 5], "pm": [1, 4, 1, 3, 1, 2]}))
    assert [w.code for w in result.warnings] == [INCONSISTENT_CODE]
    assert result.verdict == NO_SIGNAL and result.recommendation is None
    assert "random" in result.warnings[0].message


def test_agreeing_with_one_role_only_is_no_response_style() -> None:
    result = score(REAL, by_role(REAL, {"pmo": [4, 5], "pm": [1, 2]}))
    assert result.warnings == ()


def test_random_answers_are_rarely_recommended() -> None:
    import random

    rnd = random.Random(11)
    trials = 400
    recommended = sum(
        score(REAL, [rnd.randint(1, 5) for _ in range(N)]).recommendation is not None
        for _ in range(trials)
    )
    assert recommended / trials <= 0.03


# ---------------------------------------------------------------- reasons


def test_dimension_leans_only_where_each_role_has_three_statements() -> None:
    counts = Counter((s.dimension, s.keyed) for s in REAL.quiz.statements)
    expected = [d for d in REAL.dimensions if all(counts[(d, r)] >= 3 for r in REAL.roles)]
    result = score(REAL, by_role(REAL, {"pmo": [5, 4], "pm": [1, 2]}))
    assert [lean.dimension for lean in result.dimensions] == expected
    assert expected, "the bank should have dimensions measured well enough to show"
    assert all(lean.lean in {"pmo", None} for lean in result.dimensions)


def test_a_one_point_dimension_difference_is_no_lean() -> None:
    result = score(REAL, by_role(REAL, {"pmo": [4, 3], "pm": [3, 4, 2]}))
    assert all(lean.lean is None for lean in result.dimensions)


def test_weighed_most_lists_every_tie_per_role() -> None:
    answers = [3] * N
    pmo_positions = [i for i, s in enumerate(REAL.quiz.statements) if s.keyed == "pmo"]
    pm_positions = [i for i, s in enumerate(REAL.quiz.statements) if s.keyed == "pm"]
    for i in pmo_positions[:4]:
        answers[i] = 5
    answers[pmo_positions[4]] = 4
    answers[pm_positions[0]] = 1
    result = score(REAL, answers)
    most = {m.role: m for m in result.weighed_most}
    assert [w.statement.id for w in most["pmo"].answers] == [
        REAL.quiz.statements[i].id for i in pmo_positions[:4]
    ]
    assert [w.answer for w in most["pm"].answers] == [1]


def test_all_neutral_for_a_role_weighs_nothing() -> None:
    result = score(REAL, by_role(REAL, {"pmo": [3], "pm": [1, 2]}))
    assert [m.role for m in result.weighed_most] == ["pm"]


# ---------------------------------------------------------------- any number of roles


@pytest.mark.parametrize("role_id", ["pmo", "pm", "scrum"])
def test_three_roles_extreme_answers_recommend_that_role(role_id: str) -> None:
    answers = [5 if s.keyed == role_id else 1 for s in THREE.quiz.statements]
    answers = [a if i % 5 else (4 if a == 5 else 2) for i, a in enumerate(answers)]
    result = score(THREE, answers)
    assert result.ranking[0] == role_id
    assert result.recommendation == role_id
    assert set(result.interest) == {"pmo", "pm", "scrum"}


def many_roles(count: int) -> Dataset:
    roles = {
        f"r{i}": {
            "name": f"Role {i}",
            "rates": {
                "min": 100,
                "max": 200,
                "currency": "GBP",
                "market": "m",
                "year": 2025,
                "source": "s",
            },
        }
        for i in range(count)
    }
    raw: dict[str, Any] = {
        "format": 1,
        "source": "s",
        "sources": {"s": {"title": "t", "publisher": "p"}},
        "roles": roles,
        "dimensions": {
            "d": {"title": "D", "roles": {r: {"summary": "x"} for r in roles}},
        },
        "rates": {"billable_days": 220},
        "quiz": {
            "version": "x",
            "statements": [
                {"id": f"s{i}-{j}", "dimension": "d", "keyed": f"r{i}", "text": "I would enjoy x."}
                for j in range(3)
                for i in range(count)
            ],
        },
    }
    return loader.ROLES.validate(raw)


def test_forty_roles_score_and_only_the_top_two_are_compared() -> None:
    data = many_roles(40)
    answers = [5 if s.keyed == "r17" else 1 + (i % 2) for i, s in enumerate(data.quiz.statements)]
    result = score(data, answers)
    assert len(result.interest) == 40
    assert result.ranking[0] == "r17"
    assert result.recommendation == "r17"
    assert len(result.dimensions) == 1


# ---------------------------------------------------------------- parsing


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

BRANDS_AND_ACRONYMS = re.compile(r"\b[A-Z]{2,}\d*\b|\b[A-Z][a-z]+[A-Z]\w*|\d")
PAY_OR_SIZE = re.compile(
    r"\b(pay|paid|salary|salaries|earn\w*|rate|rates|money|market value|large|small|big|"
    r"firm|company size|employer)\b",
    re.IGNORECASE,
)


def test_bank_has_at_least_20_statements_per_role_and_a_new_version() -> None:
    # Issue 15 asks for 12; a clear preference holds on a retake 95% of the time only from about
    # 20 per role (docs/simulation.md).
    counts = Counter(s.keyed for s in REAL.quiz.statements)
    assert set(counts) == set(REAL.roles)
    assert min(counts.values()) >= 20
    assert len(set(counts.values())) == 1
    assert balance_warnings(REAL) == []
    assert REAL.quiz.version != "1"
    assert len({s.id for s in REAL.quiz.statements}) == N


def test_bank_statements_are_bare_activities_and_one_idea_each() -> None:
    # Bank version 3: the O*NET Interest Profiler's style, an activity and nothing about the
    # person ("Build the schedule for a project."), not "I would enjoy ...".
    for s in REAL.quiz.statements:
        assert re.fullmatch(r"[A-Z][a-z]+ [^.]+\.", s.text), s.id
        assert not re.search(r"\b(I|me|my|you|enjoy|would)\b", s.text, re.IGNORECASE), s.id
        assert not BRANDS_AND_ACRONYMS.search(s.text), s.id
        assert not PAY_OR_SIZE.search(s.text), s.id
        assert not re.search(r"\b(and|or)\b", s.text), s.id
        assert len(s.text) <= 90, s.id


ARTICLE_SECTIONS = (
    "Primary Focus",
    "Key Responsibilities",
    "Essential Skills",
    "Tools and Software",
    "Focus Area",
    "Decision-Making",
    "Educational Background",
    "Salary and Job Outlook",
    "Similarities",
)


def test_every_statement_is_traced_to_a_source_of_the_file() -> None:
    for s in REAL.quiz.statements:
        sources = [part.strip() for part in s.basis.split(";")]
        assert sources and sources[0], s.id
        assert s.basis.startswith("article, ") or s.basis.split(",")[0] in REAL.sources, s.id
        for part in sources:  # each part names a source of the file, or goes on the one before
            assert part.split(",")[0] in REAL.sources or "," not in part, (s.id, part)
        for named in re.findall(r"(?:article, |; )([A-Z][^:;]+):", s.basis):
            assert named in ARTICLE_SECTIONS or set(named.split(" and ")) <= set(
                ARTICLE_SECTIONS
            ), (s.id, named)


STOP = {
    "a",
    "an",
    "the",
    "of",
    "on",
    "for",
    "to",
    "in",
    "its",
    "it",
    "at",
    "so",
    "is",
    "that",
    "which",
    "how",
    "each",
    "every",
    "all",
    "whether",
    "what",
    "once",
    "one",
    "many",
    "whole",
    "project",
    "projects",
    "project's",
    "organisation",
    "organisation's",
    "across",
    "still",
}


def content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z'-]+", text.lower()) if w not in STOP}


def test_no_two_statements_name_the_same_activity() -> None:
    # Issue 15 found near-duplicates (q13 and q24, q01, q06 and q23, ...): no two statements
    # share most of their words once the words every statement uses are set aside.
    for a, b in itertools.combinations(REAL.quiz.statements, 2):
        shared = content(a.text) & content(b.text)
        assert len(shared) <= 1, (a.id, b.id, shared)


AGENCY = {
    "deciding": {"Decide", "Choose", "Define", "Design", "Resolve", "Determine", "Plan"},
    "leading": {
        "Lead",
        "Head",
        "Run",
        "Train",
        "Coordinate",
        "Brief",
        "Manage",
        "Settle",
        "Negotiate",
    },
    "analysing": {"Analyse", "Assess", "Audit", "Study", "Estimate", "Check", "Map", "Forecast"},
}


@pytest.mark.parametrize("kind", sorted(AGENCY))
def test_both_roles_decide_lead_and_analyse_alike(kind: str) -> None:
    # Issue 15: the PM statements decided and guided while the PMO ones helped and checked.
    counts = Counter(s.keyed for s in REAL.quiz.statements if s.text.split()[0] in AGENCY[kind])
    assert min(counts[r] for r in REAL.roles) >= 2, counts
    assert max(counts.values()) - min(counts[r] for r in REAL.roles) <= 1, counts


def test_bank_is_worded_positively() -> None:
    negation = re.compile(r"\b(not|never|no|nor|none)\b|n't", re.IGNORECASE)
    assert [s.id for s in REAL.quiz.statements if negation.search(s.text)] == []


def test_bank_keying_is_interleaved_but_not_a_strict_alternation() -> None:
    keys = [s.keyed for s in REAL.quiz.statements]
    repeats = sum(a == b for a, b in itertools.pairwise(keys))
    assert 0 < repeats <= len(keys) // 3
    assert all(not (a == b == c) for a, b, c in zip(keys, keys[1:], keys[2:], strict=False))
    half = len(keys) // 2
    assert Counter(keys[:half]) == Counter(keys[half:])


def test_bank_intro_matches_the_like_scale_and_sets_pay_and_training_aside() -> None:
    intro = REAL.quiz.intro.lower()
    assert "like" in intro and "agree" not in intro
    assert "ignore the pay" in intro and "training" in intro


def test_unbalanced_bank_is_warned_about() -> None:
    statements = REAL.quiz.statements[:-1]
    unbalanced = replace(REAL, quiz=replace(REAL.quiz, statements=statements))
    warnings = balance_warnings(unbalanced)
    assert warnings and warnings[0].code == "unbalanced-bank"
    counts = Counter(s.keyed for s in statements)
    assert abs(counts["pmo"] - counts["pm"]) == 1
    assert f"pmo {counts['pmo']}" in warnings[0].message
    assert f"pm {counts['pm']}" in warnings[0].message


def test_the_data_mark_changes_with_the_bank_and_the_roles() -> None:
    assert data_mark(REAL) == data_mark(loader.load(REAL_DATA))
    assert data_mark(REAL) != data_mark(THREE)
    reworded = replace(REAL.quiz.statements[0], text="I would enjoy other work.")
    changed = replace(
        REAL, quiz=replace(REAL.quiz, statements=(reworded, *REAL.quiz.statements[1:]))
    )
    assert data_mark(changed) != data_mark(REAL)
