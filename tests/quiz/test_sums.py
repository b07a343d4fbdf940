"""The sums a verdict rests on, packed into one integer: every field comes back as computed
directly, whatever the weights, so no two answer sheets with different sums share a key."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from rolecompare.core import loader
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import Scorer, Sums

from ..conftest import REAL_DATA, THREE_ROLES

REAL = loader.load(REAL_DATA)
THREE = loader.load(THREE_ROLES)


def direct(
    sums: Sums, group: int, answers: tuple[int, ...]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    found = []
    for scale in sums.groups[group]:
        chosen = [answers[i] for i in scale.where]
        weighted = sum(w * a for w, a in zip(scale.weights, chosen, strict=True))
        squared = sum(w * a * a for w, a in zip(scale.weights, chosen, strict=True))
        found.append(((weighted, squared), (sum(chosen), sum(a * a for a in chosen))))
    return found


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([REAL, THREE]),
    st.lists(st.integers(1, 1000), min_size=1, max_size=4),
    st.data(),
)
def test_packed_sums_unpack_to_the_sums_themselves(
    data: Dataset, weights: list[int], draw: st.DataObject
) -> None:
    statements = tuple(
        replace(s, weight=weights[i % len(weights)]) for i, s in enumerate(data.quiz.statements)
    )
    weighted = replace(data, quiz=replace(data.quiz, statements=statements))
    scorer = Scorer(weighted)
    count = len(statements)
    answers = draw.draw(st.tuples(*[st.integers(1, 5)] * count))
    sums = scorer.sums
    packed = sums.of(answers)
    assert len(sums.groups) == 1 + len(scorer.dimensions)
    for group in range(len(sums.groups)):
        assert sums.unpacked(sums.block(packed, group), group) == direct(sums, group, answers)


def test_sheets_with_other_sums_never_share_a_key() -> None:
    scorer = Scorer(REAL)
    count = len(REAL.quiz.statements)
    sheets = [tuple(1 + (i * k + k // 3) % 5 for i in range(count)) for k in range(200)]
    by_key: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for sheet in sheets:
        sums = direct(scorer.sums, 0, sheet)
        assert by_key.setdefault(scorer.sums.block(scorer.sums.of(sheet), 0), sums) == sums
