"""The interactive quiz: the only module that uses questionary.

Prompts are built inside the function that asks them and use ``unsafe_ask()``, so Ctrl-C reaches
the command layer as ``KeyboardInterrupt`` (``ask()`` would swallow it and return None).
"""

from __future__ import annotations

import functools
import shutil
import textwrap
from typing import Any

import questionary
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import Output

from rolecompare.core.models import Dataset
from rolecompare.core.quiz import NEUTRAL, SCALE
from rolecompare.core.signals import install, route_to

BACK = "back"


def heading(data: Dataset, index: int) -> str:
    """``Statement 3 of 16 - Decision-making``."""
    statements = data.quiz.statements
    dimension = data.dimensions[statements[index].dimension].title
    return f"Statement {index + 1} of {len(statements)} - {dimension}"


def statement_message(data: Dataset, index: int, width: int) -> str:
    """The heading and the statement, wrapped to the terminal: prompt_toolkit cuts long lines."""
    text = textwrap.fill(
        data.quiz.statements[index].text,
        width=max(width - 4, 20),
        initial_indent="  ",
        subsequent_indent="  ",
    )
    title = textwrap.fill(heading(data, index), width=max(width - 4, 20), subsequent_indent="  ")
    return f"{title}\n{text}\n"


def share_default_bindings() -> None:
    """Build prompt_toolkit's default key bindings once, not once a statement.

    Every question is an Application of its own, and each Application builds the default Emacs,
    Vi, mouse and page bindings afresh: over half the CPU a statement costs (measured: 113 ms a
    statement, 49 ms with the bindings shared). They are the same for every question and never
    changed once built. A prompt_toolkit without these functions keeps its own behaviour.
    """
    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        build = getattr(application, name, None)
        if callable(build) and not hasattr(build, "cache_info"):
            setattr(application, name, functools.cache(build))


def ask_all(
    data: Dataset,
    given: list[int] | None = None,
    *,
    input: Input | None = None,
    output: Output | None = None,
) -> list[int]:
    """Ask every statement in bank order; "Back" returns to the previous one, answer preselected.

    The pointer starts on Neutral, so pressing Enter without a thought moves nothing; the number
    keys 1-5 (and b for Back) jump to a choice. ``given``: the answers to the first statements,
    from a stopped quiz; asking goes on after them, and the list is kept up to date with every
    answer, so whoever catches Ctrl-C holds the answers so far.
    """
    share_default_bindings()
    statements = data.quiz.statements
    kept = given if given is not None else []
    answers: list[int | None] = [*kept, *[None] * (len(statements) - len(kept))]
    index = len(kept)
    while index < len(statements):
        choices = [
            questionary.Choice(label, value=value, shortcut_key=str(value))
            for value, label in enumerate(SCALE, 1)
        ]
        if index > 0:
            choices.append(
                questionary.Choice("Back to the previous statement", value=BACK, shortcut_key="b")
            )
        preselected = answers[index] or NEUTRAL
        question = questionary.select(
            statement_message(data, index, shutil.get_terminal_size().columns),
            choices=choices,
            default=next(c for c in choices if c.value == preselected),
            instruction="(arrow keys or 1-5, then Enter)",
            use_shortcuts=True,
            qmark="?",
            input=input,
            output=output,
        )
        late: list[BaseException] = []
        picked = _run(question, late)
        if picked != BACK:
            answers[index] = int(picked)
            kept[:] = [answer for answer in answers if answer is not None]
        if late:  # a signal after the answer was confirmed: stop, with that answer kept
            raise late[0]
        index += -1 if picked == BACK else 1
    return list(kept)


def _interrupted(event: KeyPressEvent) -> None:
    event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


_SIGINT_AS_CTRL_C = KeyBindings()
"""SIGINT sent to the process (``kill -INT``, ``timeout -s INT``, a supervisor) as the Ctrl-C
key is: prompt_toolkit turns it into a key questionary does not bind, so it was ignored."""
_SIGINT_AS_CTRL_C.add(Keys.SIGINT)(_interrupted)


def _run(question: questionary.Question, late: list[BaseException]) -> Any:
    """Ask one question; SIGTERM and SIGHUP stop it from inside its loop, so the terminal is
    restored exactly as after Ctrl-C, and then leave as :class:`~rolecompare.core.signals.Terminated`.

    A signal that comes once the answer is confirmed, while prompt_toolkit still finishes (it
    waits up to a second for a cursor-position reply), cannot stop the prompt any more: it goes
    in ``late``, for the caller to raise once the answer is kept.
    """
    application = question.application

    def stop(exc: BaseException) -> None:
        """In the signal handler: exit from within the loop while the question is open."""
        loop = application.loop
        if loop is not None and not _answered():
            loop.call_soon_threadsafe(stop_open, exc)
        else:  # answered, and prompt_toolkit still finishing (a cursor-position reply)
            late.append(exc)

    def stop_open(exc: BaseException) -> None:
        if _answered():
            late.append(exc)
        else:
            application.exit(exception=exc)

    def _answered() -> bool:
        future = application.future
        return future is None or future.done()

    application.pre_run_callables.append(lambda: route_to(stop))
    application.key_bindings = merge_key_bindings(
        [application.key_bindings or KeyBindings(), _SIGINT_AS_CTRL_C]
    )
    try:
        return question.unsafe_ask()
    finally:
        install()  # closing the loop set the signals back to their defaults
