"""retake_agreement: how likely a retake gives the same verdict, from the person's own answers
(issue 15)."""

from __future__ import annotations

import itertools
import json

from hypothesis import given
from hypothesis import strategies as st

from rolecompare.commands.quiz import quiz_markdown, retake_sentence
from rolecompare.core import loader
from rolecompare.core.quiz import NO_SIGNAL, Scorer

from ..conftest import REAL_DATA, Invoke

REAL = loader.load(REAL_DATA)
SCORER = Scorer(REAL)
N = len(REAL.quiz.statements)
KEYED = [s.keyed for s in REAL.quiz.statements]


def by_role(values: dict[str, list[int]]) -> list[int]:
    queues = {role_id: iter(itertools.cycle(v)) for role_id, v in values.items()}
    return [next(queues[k]) for k in KEYED]


@given(st.lists(st.integers(1, 5), min_size=N, max_size=N))
def test_every_verdict_states_its_retake_agreement(answers: list[int]) -> None:
    result = SCORER.score(answers)
    assert 0 <= result.retake_agreement <= 1
    sentence = retake_sentence(result)
    assert sentence.startswith("On a retake, ") and "in 10 people" in sentence
    assert sentence in quiz_markdown(REAL, result)


def test_a_clear_consistent_preference_holds_on_a_retake() -> None:
    result = SCORER.score(by_role({"pmo": [5, 4, 5], "pm": [1, 2, 2]}))
    assert result.verdict == "pmo"
    assert result.retake_agreement >= 0.95
    assert retake_sentence(result).startswith("On a retake, more than 9 in 10")


def test_a_verdict_at_its_border_is_said_to_be_unstable() -> None:
    # PMO just clear of Project Manager: half the retakes fall on the other side of the border.
    border = SCORER.score(by_role({"pmo": [4, 4, 4, 5, 3, 4], "pm": [3, 4, 3, 4, 3, 3]}))
    far = SCORER.score(by_role({"pmo": [5, 4, 5], "pm": [1, 2, 2]}))
    assert border.retake_agreement < 0.8 < far.retake_agreement


def test_answers_flagged_as_random_say_how_likely_the_flag_is_again() -> None:
    result = SCORER.score(by_role({"pmo": [5, 1, 5, 1, 3, 2], "pm": [1, 5, 2, 4, 1, 5]}))
    assert result.verdict == NO_SIGNAL
    assert 0.5 < result.retake_agreement <= 1


def test_the_figure_is_in_the_json_and_the_groups_csv(invoke: Invoke) -> None:
    answers = "".join(map(str, by_role({"pmo": [5, 4, 5], "pm": [1, 2, 2]})))
    doc = json.loads(invoke(["quiz", "--answers", answers, "--format", "json"]).stdout)
    assert 0.95 <= doc["retake_agreement"] <= 1
    assert doc["retake_agreement"] == round(doc["retake_agreement"], 2)
    shown = invoke(["quiz", "--answers", answers, "--no-history"]).stdout
    assert "On a retake, more than 9 in 10 people who answer like this" in shown
    table = invoke(["quiz", "--answers-file", "-", "--format", "csv"], input=f"Ana,{answers}\n")
    header, row = table.stdout.splitlines()[:2]
    column = header.split(",").index("retake_agreement")
    assert float(row.split(",")[column]) == doc["retake_agreement"]
