"""The quiz line by line, for screen readers and piped answers: no cursor movement, no questionary.

Prompts go to stderr so that the result on stdout can be piped or parsed.
"""

from __future__ import annotations

from typing import TextIO

from rolecompare.errors import UsageError
from rolecompare.models import Dataset
from rolecompare.quiz import SCALE

HINT = f"Type a number from 1 to {len(SCALE)}, or b to go back, then Enter."


def ask_all(data: Dataset, stdin: TextIO, prompts: TextIO, *, interactive: bool) -> list[int]:
    """Read one answer per line; ``interactive`` (a person typing) re-asks instead of failing."""
    statements = data.quiz.statements
    scale = "  ".join(f"{value} {label}" for value, label in enumerate(SCALE, 1))
    answers: list[int] = []
    line_number = 0
    while len(answers) < len(statements):
        index = len(answers)
        statement = statements[index]
        dimension = data.dimensions[statement.dimension].title
        prompts.write(f"\n{index + 1}/{len(statements)} ({dimension}): {statement.text}\n  {scale}")
        prompts.write(", b back\n> " if index else "\n> ")
        prompts.flush()
        line = stdin.readline()
        line_number += 1
        if not line:
            prompts.write("\n")
            raise UsageError(
                f"standard input ended after {len(answers)} of {len(statements)} answers; "
                "give one answer (1-5) per line"
            )
        reply = line.strip().lower()
        if reply in ("b", "back") and answers:
            answers.pop()
        elif reply.isdigit() and 1 <= int(reply) <= len(SCALE):
            answers.append(int(reply))
        elif interactive:
            prompts.write(f"'{line.strip()}' is not an answer. {HINT}\n")
        else:
            prompts.write("\n")
            raise UsageError(
                f"line {line_number} of standard input is '{line.strip()}'; "
                f"expected 1-{len(SCALE)}" + (" or b for back" if answers else "")
            )
    return answers
