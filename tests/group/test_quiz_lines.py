"""A group's JSON Lines, joined from encoded pieces, against ``json.dumps`` of the same document;
and a scorer that remembers verdicts by their sums, against a fresh scorer for every sheet."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from rolecompare.core import loader
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import QuizDocuments, Result, Scorer
from rolecompare.core.quiz_lines import QuizLines
from rolecompare.core.untrusted import json_inert

from ..conftest import REAL_DATA, THREE_ROLES

REAL = loader.load(REAL_DATA)
THREE = loader.load(THREE_ROLES)
WEIGHTED = replace(
    REAL,
    quiz=replace(
        REAL.quiz,
        statements=tuple(replace(s, weight=1 + i % 3) for i, s in enumerate(REAL.quiz.statements)),
    ),
)
"""Weights other than 1: the scorer then keys its verdicts by the plain sums as well."""
DATASETS = {"real": REAL, "three roles": THREE, "weighted": WEIGHTED}
TAKEN = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def sheets(data: Dataset, size: int) -> st.SearchStrategy[list[tuple[int, ...]]]:
    """Answer sheets, many of them alike (straight lines, repeats), as a group's are."""
    count = len(data.quiz.statements)
    sheet = st.one_of(
        st.tuples(*[st.integers(1, 5)] * count),
        st.integers(1, 5).map(lambda value: (value,) * count),
        st.sampled_from([(5,) * (count - 1) + (1,), (1, 5) * (count // 2) + (3,) * (count % 2)]),
    )
    return st.lists(sheet, min_size=1, max_size=size)


def expected(data: Dataset, result: Result, name: str | None, line: int) -> str:
    document = {"name": name, "line": line, **QuizDocuments(data, TAKEN).of(result)}
    return json_inert(json.dumps(document, ensure_ascii=False))


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(DATASETS)),
    st.data(),
    st.one_of(st.none(), st.text(max_size=30)),
    st.integers(1, 10**6),
)
def test_each_line_is_exactly_what_json_writes(
    which: str, draw: st.DataObject, name: str | None, line: int
) -> None:
    data = DATASETS[which]
    lines, scorer = QuizLines(data, TAKEN), Scorer(data)
    for answers in draw.draw(sheets(data, 12)):
        result = scorer.score(answers)
        text = lines.text(result, name, line)
        assert text == expected(data, result, name, line)
        assert "\n" not in text


def test_names_with_control_characters_stay_escaped() -> None:
    name = "Eve\x1b[2J\u202e\x85\u2028"
    half = len(REAL.quiz.statements) // 2
    result = Scorer(REAL).score((5,) * half + (1,) * half)
    text = QuizLines(REAL, TAKEN).text(result, name, 7)
    assert json.loads(text)["name"] == name
    assert not any(ch in text for ch in "\x1b\u202e\x85\u2028")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(DATASETS)), st.data())
def test_a_remembered_verdict_is_the_verdict_scored_afresh(which: str, draw: st.DataObject) -> None:
    data = DATASETS[which]
    scorer = Scorer(data)
    for answers in draw.draw(sheets(data, 20)):
        remembered, fresh = scorer.score(answers), Scorer(data).score(answers)
        assert remembered == fresh
        assert remembered.dimensions == fresh.dimensions
        assert remembered.weighed_most == fresh.weighed_most
