"""Small screens and screen readers (issue 15): the verdict, both interests and the retake
sentence come first and fit 40x24; ``--plain`` draws no bars."""

from __future__ import annotations

import itertools

import pytest

from rolecompare.core import loader

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
ROLES = [role.name for role in DATA.roles.values()]


def answers(pmo: list[int], pm: list[int]) -> str:
    queues = {"pmo": itertools.cycle(pmo), "pm": itertools.cycle(pm)}
    return "".join(str(next(queues[s.keyed])) for s in DATA.quiz.statements)


CASES = [answers([5, 4, 4], [2, 1, 2]), answers([4, 5], [5, 4]), answers([4, 3, 3], [3, 4, 2])]


@pytest.mark.parametrize("given", CASES)
def test_the_verdict_bars_and_retake_sentence_fit_40_by_24_first(
    invoke: Invoke, given: str
) -> None:
    lines = invoke(["quiz", "--answers", given, "--no-history"], width=40).stdout.splitlines()
    screen = "\n".join(lines[:24])
    assert lines[0].startswith("Your result: ")
    assert all(len(line) <= 40 for line in lines)
    for name in ROLES:
        assert name in screen
    assert "█" in screen
    joined = " ".join(screen.split())
    assert "On a retake," in joined and "get the same result." in joined
    before_retake = joined.split("On a retake,")[0]
    assert "margin of error" not in before_retake and "Next steps" not in before_retake


@pytest.mark.parametrize("details", [[], ["--details"]])
def test_plain_gives_the_interests_as_numbers_and_words(invoke: Invoke, details: list[str]) -> None:
    given = "\n".join(CASES[0]) + "\n"
    out = invoke(["quiz", "--plain", "--no-history", *details], input=given).stdout
    start = "How your answers were scored" if details else "Your result: "
    result = out[out.index(start) :]
    assert "Your result: " in result
    assert not set("█·─▆▇") & set(result), result
    assert "PMO: 4.4 of 5, high" in result  # 4.35: halves are rounded up
    assert "Project Manager: 1.7 of 5, low" in result
    assert "On a retake," in result
