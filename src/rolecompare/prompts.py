"""The interactive quiz: the only module that uses questionary.

Prompts are built inside the function that asks them and use ``unsafe_ask()``, so Ctrl-C reaches
the command layer as ``KeyboardInterrupt`` (``ask()`` would swallow it and return None).
"""

from __future__ import annotations

import questionary
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output

from rolecompare.models import Dataset
from rolecompare.quiz import SCALE

BACK = "back"


def heading(data: Dataset, index: int) -> str:
    """``Statement 3 of 16 - Decision-making``."""
    statements = data.quiz.statements
    dimension = data.dimensions[statements[index].dimension].title
    return f"Statement {index + 1} of {len(statements)} - {dimension}"


def ask_all(
    data: Dataset, *, input: Input | None = None, output: Output | None = None
) -> list[int]:
    """Ask every statement in bank order; "Back" returns to the previous one, answer preselected."""
    statements = data.quiz.statements
    answers: list[int | None] = [None] * len(statements)
    index = 0
    while index < len(statements):
        choices: list[questionary.Choice] = [
            questionary.Choice(f"{value}  {label}", value=value)
            for value, label in enumerate(SCALE, 1)
        ]
        if index > 0:
            choices.append(questionary.Choice("←  Back to the previous statement", value=BACK))
        question = questionary.select(
            f"{heading(data, index)}\n  {statements[index].text}\n",
            choices=choices,
            default=next((c for c in choices if c.value == answers[index]), None),
            instruction="(arrow keys, Enter to choose)",
            qmark="?",
            input=input,
            output=output,
        )
        picked = question.unsafe_ask()
        if picked == BACK:
            index -= 1
            continue
        answers[index] = int(picked)
        index += 1
    return [answer for answer in answers if answer is not None]
