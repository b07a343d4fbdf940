"""Rich renderables for the quiz: the intro, the statement bank and the explained result."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rolecompare.charts import Axis, ShareBars
from rolecompare.models import Dataset
from rolecompare.quiz import SCALE, Result, estimated_minutes
from rolecompare.render import NARROW, bullets, cite, heading
from rolecompare.wording import advised_roles, next_step_points, percent, verdict


def role_names(data: Dataset) -> str:
    names = [role.name for role in data.roles.values()]
    return " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def intro_view(data: Dataset, keys: str) -> Group:
    quiz = data.quiz
    count = len(quiz.statements)
    return Group(
        Text(f"Career-fit quiz: {role_names(data)}?", style="bold"),
        Text(quiz.intro),
        Text(
            f"{count} statements, about {estimated_minutes(quiz)} minutes. "
            f"Answer each from 1 ({SCALE[0]}) to {len(SCALE)} ({SCALE[-1]}). {keys}"
        ),
        Text(quiz.disclaimer, style="dim"),
        Text(),
    )


def questions_view(data: Dataset, width: int) -> RenderableType:
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


def _picture(data: Dataset, result: Result) -> RenderableType:
    """Two roles: one axis with the marker at the score. More roles: one bar per role."""
    shares = result.shares
    roles = list(data.roles.values())
    if len(roles) == 2:
        left, right = roles
        return Group(
            Axis(left.name, right.name, result.shares[right.id]),
            Text(
                f"{left.name} {percent(shares[left.id])}  ·  {right.name} {percent(shares[right.id])}"
            ),
        )
    return ShareBars([(role.name, shares[role.id]) for role in roles])


def _verdict(data: Dataset, result: Result) -> list[RenderableType]:
    if result.recommendation is not None:
        return [Text(verdict(data, result), style="bold green")]
    parts: list[RenderableType] = [Text(verdict(data, result), style="bold yellow")]
    return parts if result.flat else [*parts, Text(data.quiz.hybrid)]


def _dimensions(data: Dataset, result: Result, width: int) -> RenderableType:
    """Which way each dimension leaned: a table when there is room, else one line each."""
    if width < NARROW:
        lines: list[RenderableType] = [Text("By dimension", style="bold")]
        for lean in result.dimensions:
            line = Text(f"{data.dimensions[lean.dimension].title}: ", style="bold")
            line.append(data.roles[lean.lean].name if lean.lean else "even")
            line.append(
                " ("
                + ", ".join(f"{data.roles[r].name} {percent(v)}" for r, v in lean.shares.items())
                + ")",
                style="dim",
            )
            lines.append(line)
        return Group(*lines)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        title=Text("By dimension", style="bold"),
        title_justify="left",
    )
    table.add_column("Dimension")
    table.add_column("Leaning")
    for role in data.roles.values():
        table.add_column(Text(role.name), justify="right")
    for lean in result.dimensions:
        table.add_row(
            Text(data.dimensions[lean.dimension].title),
            Text(
                data.roles[lean.lean].name if lean.lean else "even",
                style="" if lean.lean else "dim",
            ),
            *(Text(percent(lean.shares[role_id])) for role_id in data.roles),
        )
    return table


def _weightiest(data: Dataset, result: Result) -> list[RenderableType]:
    if not result.weightiest:
        return []
    lines = []
    for item in result.weightiest:
        role = data.roles[item.statement.keyed].name
        direction = f"towards {role}" if item.pull > 0 else f"away from {role}"
        lines.append(f'"{item.statement.text}" You said {SCALE[item.answer - 1]}: {direction}.')
    return [heading("What weighed most"), bullets(lines), Text()]


def _next_steps(data: Dataset, result: Result) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for role in advised_roles(data, result):
        parts += [heading(f"Next steps: {role.name}"), bullets(next_step_points(role, data))]
        if role.next_steps.source:
            parts.append(cite(data.sources[role.next_steps.source]))
        parts.append(Text())
    return parts


def result_view(data: Dataset, result: Result, width: int, previous: str | None = None) -> Group:
    parts: list[RenderableType] = [heading("Your result"), _picture(data, result), Text()]
    parts += _verdict(data, result)
    parts += [Text(f"Warning: {warning}", style="yellow") for warning in result.warnings]
    if previous:
        parts.append(Text(previous, style="italic"))
    parts += [Text(), _dimensions(data, result, width), Text()]
    parts += _weightiest(data, result)
    parts += _next_steps(data, result)
    parts += [Text(data.quiz.disclaimer, style="dim"), cite(data.primary_source, "Based on")]
    return Group(*parts)
