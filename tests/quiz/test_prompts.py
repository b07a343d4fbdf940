"""The interactive quiz driven with real keystrokes through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from rolecompare.core import loader
from rolecompare.core.models import Dataset
from rolecompare.ui import prompts

from ..conftest import REAL_DATA, THREE_ROLES
from ..helpers import variant

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)


def first_statements(data: Dataset, count: int = 4) -> Dataset:
    """``data`` with only its first ``count`` statements (both roles', two dimensions).

    Each statement is a prompt of its own, built the same way and costing the same; the tests of
    one key or one choice need a few of them, not the whole bank, which
    test_answers_every_statement_with_arrow_keys and the end-to-end quiz tests go through.
    """
    return replace(data, quiz=replace(data.quiz, statements=data.quiz.statements[:count]))


SHORT = first_statements(DATA)
S = len(SHORT.quiz.statements)


def pick(value: int, current: int = 3) -> str:
    """Keys that move the pointer from ``current`` (Neutral, unless preselected) to ``value``."""
    moves = DOWN * (value - current) if value >= current else UP * (current - value)
    return moves + ENTER


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def test_answers_every_statement_with_arrow_keys(pipe: PipeInput) -> None:
    wanted = [(i % 5) + 1 for i in range(N)]
    pipe.send_text("".join(pick(v) for v in wanted))
    assert prompts.ask_all(DATA, input=pipe, output=DummyOutput()) == wanted


def test_back_returns_to_the_previous_statement_with_its_answer_preselected(
    pipe: PipeInput,
) -> None:
    # Answer 4 to the first statement, then choose Back (directly below the five answers).
    keys = pick(4) + pick(6)
    # Back on statement 1: the pointer starts on the earlier answer (4); Enter keeps it,
    # so only a keystroke that starts from 4 lands on 5.
    keys += DOWN + ENTER
    keys += "".join(pick(2) for _ in range(S - 1))
    pipe.send_text(keys)
    answers = prompts.ask_all(SHORT, input=pipe, output=DummyOutput())
    assert answers == [5] + [2] * (S - 1)


def test_back_is_offered_from_the_second_statement_only(pipe: PipeInput) -> None:
    # On the first statement there are five choices: from Neutral, four downs wrap around to 2.
    pipe.send_text(DOWN * 4 + ENTER + "".join(pick(3) for _ in range(S - 1)))
    answers = prompts.ask_all(SHORT, input=pipe, output=DummyOutput())
    assert answers[0] == 2


def test_enter_alone_answers_neutral(pipe: PipeInput) -> None:
    pipe.send_text(ENTER * S)
    assert prompts.ask_all(SHORT, input=pipe, output=DummyOutput()) == [3] * S


def test_number_keys_and_b_jump_to_a_choice(pipe: PipeInput) -> None:
    keys = "5" + ENTER + "b" + ENTER + "1" + ENTER + "".join("4" + ENTER for _ in range(S - 1))
    pipe.send_text(keys)
    assert prompts.ask_all(SHORT, input=pipe, output=DummyOutput()) == [1] + [4] * (S - 1)


def test_long_statements_are_wrapped_to_the_terminal() -> None:
    longest = max(range(N), key=lambda i: len(DATA.quiz.statements[i].text))
    message = prompts.statement_message(DATA, longest, 40)
    lines = message.splitlines()
    assert all(len(line) <= 40 for line in lines)
    expected = f"{prompts.heading(DATA, longest)} {DATA.quiz.statements[longest].text}"
    assert " ".join(line.strip() for line in lines) == expected
    assert len(lines) > 2


def test_ctrl_c_raises_keyboard_interrupt(pipe: PipeInput) -> None:
    pipe.send_text(pick(5) + pick(3) + CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        prompts.ask_all(DATA, input=pipe, output=DummyOutput())


def test_heading_names_position_and_dimension() -> None:
    third = DATA.quiz.statements[2]
    assert (
        prompts.heading(DATA, 2) == f"Statement 3 of {N} - {DATA.dimensions[third.dimension].title}"
    )


def test_three_role_bank_through_the_prompts(pipe: PipeInput) -> None:
    """One statement of each of the three roles: every prompt is built the same way, so what a
    third role could break shows in its first statement."""
    whole = loader.load(THREE_ROLES)
    firsts = [next(s for s in whole.quiz.statements if s.keyed == role) for role in whole.roles]
    assert len({s.keyed for s in firsts}) == 3
    three = replace(whole, quiz=replace(whole.quiz, statements=tuple(firsts)))
    count = len(three.quiz.statements)
    pipe.send_text("".join(pick(5) for _ in range(count)))
    assert prompts.ask_all(three, input=pipe, output=DummyOutput()) == [5] * count


def test_separators_and_direction_marks_never_reach_the_prompt_raw(
    pipe: PipeInput, tmp_path: Path
) -> None:
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    first = DATA.quiz.statements[0].text
    marked = first.replace(" ", "\\u2028", 1).replace(" ", "\\u200f", 1)
    path = variant(
        tmp_path, (first, marked), ('title = "Primary focus"', 'title = "Primary\\u2029focus"')
    )
    data = first_statements(loader.load(path))
    assert data.quiz.statements[0].text != first  # the marked statement is asked
    written = io.StringIO()
    pipe.send_text("".join(pick(3) for _ in range(S)))
    prompts.ask_all(data, input=pipe, output=PlainTextOutput(written))
    screen = written.getvalue()
    assert "\\u2028" in screen
    assert not any(char in screen for char in "\u2028\u2029\u200e\u200f\u061c")


def test_the_default_bindings_are_built_once_for_every_statement(pipe: PipeInput) -> None:
    from prompt_toolkit.application import application

    pipe.send_text("".join(pick(3) for _ in range(S)))
    prompts.ask_all(SHORT, input=pipe, output=DummyOutput())
    built = vars(application)["load_key_bindings"]
    assert built.cache_info().misses == 1
    assert built.cache_info().hits >= S - 1
    prompts.share_default_bindings()  # a second call wraps nothing twice
    assert vars(application)["load_key_bindings"] is built
