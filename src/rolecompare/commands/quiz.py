"""``rolecompare quiz``: the career-fit quiz, its statement bank (``--questions``) and its result.

rich is imported only by the terminal views and questionary only by the interactive quiz, so a
scripted quiz (``--answers ... --format json``) loads neither: a start-up budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rolecompare.ui.deliver import Screen, deliver

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from rolecompare.core.models import Dataset


def list_questions(data: Dataset, fmt: str, export: Path | None) -> None:
    """``--questions``: the statements in quiz order, with the role each is keyed to."""
    deliver(QuestionsScreen(data), fmt, export)


class QuestionsScreen(Screen):
    title = "rolecompare quiz --questions"

    def __init__(self, data: Dataset) -> None:
        self.data = data

    def view(self, width: int) -> RenderableType:
        return questions_view(self.data, width)

    def markdown(self) -> str:
        return questions_markdown(self.data)

    def document(self) -> Any:
        return questions_json(self.data)


def questions_view(data: Dataset, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from rolecompare.ui.draw import NARROW

    title = Text(f"Quiz statements (bank version {data.quiz.version})", style="bold")
    statements = data.quiz.statements
    if width < NARROW:
        lines: list[RenderableType] = [title]
        for number, statement in enumerate(statements, 1):
            head = Text(f"{number}. {data.dimensions[statement.dimension].title}", style="bold")
            head.append(f" → {statement.keyed} ({statement.id})", style="cyan")
            lines += [head, Text(statement.text)]
        return Group(*lines)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, title=title, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Id", no_wrap=True)
    table.add_column("Dimension")
    table.add_column("Keyed", no_wrap=True, style="cyan")
    table.add_column("Statement", overflow="fold")
    for number, statement in enumerate(statements, 1):
        table.add_row(
            Text(str(number)),
            Text(statement.id),
            Text(data.dimensions[statement.dimension].title),
            Text(statement.keyed),
            Text(statement.text),
        )
    return table


def questions_markdown(data: Dataset) -> str:
    from rolecompare.core.quiz import SCALE
    from rolecompare.ui.markdown import md, table

    rows = [
        [str(number), md(s.id), md(data.dimensions[s.dimension].title), md(s.keyed), md(s.text)]
        for number, s in enumerate(data.quiz.statements, 1)
    ]
    lines = [f"# Quiz statements (bank version {md(data.quiz.version)})", ""]
    lines += table(["#", "Id", "Dimension", "Keyed", "Statement"], rows)
    scale = ", ".join(f"{value} {label}" for value, label in enumerate(SCALE, 1))
    return "\n".join([*lines, f"Answer each from {scale}."]) + "\n"


def questions_json(data: Dataset) -> dict[str, Any]:
    from rolecompare.core.quiz import SCALE

    return {
        "bank_version": data.quiz.version,
        "scale": {str(value): label for value, label in enumerate(SCALE, 1)},
        "statements": [
            {
                "id": s.id,
                "dimension": s.dimension,
                "statement": s.text,
                "keyed": s.keyed,
                "weight": s.weight,
            }
            for s in data.quiz.statements
        ],
    }
