"""The quiz line by line, for screen readers and piped answers: no cursor movement, no questionary.

Prompts go to stderr so that the result on stdout can be piped or parsed.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from rolecompare.core.errors import Cancelled, InputEnded
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import SCALE
from rolecompare.core.untrusted import inert

VALID = {str(value) for value in range(1, len(SCALE) + 1)}
BACK = {"b", "back"}
MAX_LINE = 256
"""Far longer than any answer; an endless line (``< /dev/zero``) is refused at this length."""


def ask_all(
    data: Dataset,
    stdin: TextIO,
    prompts: TextIO,
    *,
    interactive: bool,
    given: list[int] | None = None,
) -> list[int]:
    """Read one answer per line; ``interactive`` (a person typing) re-asks instead of failing.

    After ``b`` the earlier answer is shown and an empty line keeps it. ``given``: the answers
    to the first statements, from a stopped quiz; reading goes on after them, and the list is
    kept up to date with every answer, so whoever catches Ctrl-C holds the answers so far.
    Input that ends after an answer, or a line that is not an answer when no person is typing,
    raises :class:`InputEnded`: the answers so far can be kept.
    """
    statements = data.quiz.statements
    width = shutil.get_terminal_size().columns if interactive else 1000
    scale = "  ".join(f"{value} {label}" for value, label in enumerate(SCALE, 1))
    answers = given if given is not None else []
    earlier: dict[int, int] = {}
    line_number = 0
    while len(answers) < len(statements):
        index = len(answers)
        statement = statements[index]
        dimension = data.dimensions[statement.dimension].title
        question = f"{index + 1}/{len(statements)} ({dimension}): {statement.text}"
        prompts.write("\n" + textwrap.fill(question, width=max(width - 1, 20)) + "\n")
        prompts.write(
            textwrap.fill(
                scale + (", b back" if index else ""),
                width=max(width - 1, 20),
                initial_indent="  ",
                subsequent_indent="  ",
            )
        )
        kept = earlier.get(index)
        prompts.write(f"\n(Enter keeps {kept})> " if kept else "\n> ")
        prompts.flush()
        line = stdin.readline(MAX_LINE + 1)
        line_number += 1
        if line_number == 1:  # a file saved as "UTF-8 with BOM" (Notepad) and piped in
            line = line.removeprefix("\ufeff")
        if len(line) > MAX_LINE and not line.endswith("\n"):
            prompts.write("\n")
            raise InputEnded(
                f"answer line {line_number} of standard input is too long (over {MAX_LINE} "
                "characters); give one answer (1-5) per line"
            )
        if not line:
            prompts.write("\n")
            if not answers and interactive:  # Ctrl-D at the first statement: a person leaving
                raise Cancelled
            raise InputEnded(
                f"standard input ended after {len(answers)} of {len(statements)} answers; "
                "give one answer (1-5) per line"
            )
        reply = line.strip().lower()
        if reply in BACK and answers:
            earlier[index - 1] = answers.pop()
        elif reply in VALID:
            answers.append(int(reply))
        elif not reply and kept:
            answers.append(kept)
        elif interactive:
            problem = (
                "there is no earlier statement"
                if reply in BACK
                else f"'{inert(line.strip())}' is not an answer"
            )
            prompts.write(
                f"{problem}. Type a number from 1 to {len(SCALE)}"
                + (", or b to go back" if index else "")
                + ", then Enter.\n"
            )
        else:
            prompts.write("\n")
            raise InputEnded(
                f"line {line_number} of standard input is '{line.strip()}'; "
                f"expected 1-{len(SCALE)}" + (" or b for back" if answers else "")
            )
    return answers
