"""Group scoring's line format, without the command layer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolecompare.core import loader
from rolecompare.core.errors import UsageError
from rolecompare.core.group import parse_line, score_lines
from rolecompare.core.quiz import score

from ..conftest import REAL_DATA

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
ANSWERS = st.lists(st.integers(1, 5), min_size=N, max_size=N)
NAMES = st.text(
    # Line and paragraph separators (Zl, Zp) are shown escaped, as control characters are.
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Cf", "Cn", "Zl", "Zp"), blacklist_characters=","
    ),
    min_size=1,
    max_size=30,
).filter(
    lambda name: (
        name.strip()
        and name.strip() not in {"1", "2", "3", "4", "5"}
        and not name.lstrip().startswith('"')
    )
)


@given(NAMES, ANSWERS, st.booleans())
def test_a_named_line_gives_its_name_and_answers(
    name: str, answers: list[int], commas: bool
) -> None:
    written = ",".join(map(str, answers)) if commas else "".join(map(str, answers))
    assert parse_line(f"{name},{written}", N, 1) == (name.strip(), tuple(answers))


@given(ANSWERS, st.booleans())
def test_a_line_of_answers_alone_has_no_name(answers: list[int], commas: bool) -> None:
    written = ",".join(map(str, answers)) if commas else "".join(map(str, answers))
    assert parse_line(written, N, 7) == (None, tuple(answers))


@given(NAMES, NAMES, ANSWERS, st.booleans())
def test_a_quoted_name_keeps_its_commas_and_quotes(
    left: str, right: str, answers: list[int], commas: bool
) -> None:
    """As a spreadsheet's CSV export writes a name with a comma or a quote in it."""
    name = f'{left.strip()}, {right.strip()}"'
    quoted = '"' + name.replace('"', '""') + '"'
    written = ",".join(map(str, answers)) if commas else "".join(map(str, answers))
    assert parse_line(f"{quoted},{written}", N, 1) == (name, tuple(answers))


@given(ANSWERS, st.booleans())
def test_an_empty_name_is_no_name(answers: list[int], commas: bool) -> None:
    written = ",".join(map(str, answers)) if commas else "".join(map(str, answers))
    assert parse_line(f",{written}", N, 1) == (None, tuple(answers))
    assert parse_line(f'"",{written}', N, 1) == (None, tuple(answers))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ana,123", "line 4: got 3 answers"),
        ("12345", "line 4: got 5 answers"),
        ("Ana 5555", "line 4: position 1 is 'Ana'"),
        ("5,5,x", "line 4: position 3 is 'x'"),
    ],
)
def test_a_bad_line_is_named_by_its_number(line: str, expected: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_line(line, N, 4)
    assert caught.value.message.startswith(expected)


@given(st.lists(ANSWERS, min_size=1, max_size=8))
def test_group_results_equal_single_results(group: list[list[int]]) -> None:
    lines = [f"P{i},{''.join(map(str, a))}" for i, a in enumerate(group)]
    scored = score_lines(DATA, lines)
    assert scored.problems == ()
    for respondent, answers in zip(scored.respondents, group, strict=True):
        assert respondent.result == score(DATA, answers)
