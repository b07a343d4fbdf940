"""Rich renderables for the quiz: the intro, the statement bank and the explained result."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rolecompare.core.models import Dataset
from rolecompare.core.quiz import SCALE, Result, estimated_minutes
from rolecompare.core.text import tenths
from rolecompare.ui.charts import InterestBars
from rolecompare.ui.draw import NARROW, bullets, cite, heading
from rolecompare.wording import (
    BRIEF_PRACTICE,
    advised_roles,
    comparison_sentence,
    details_command,
    general_steps,
    headline,
    meaning,
    next_step_points,
    recorded_line,
    unmoved,
    weighed_intro,
    weighed_points,
)


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


def interest_bars(data: Dataset, result: Result) -> InterestBars:
    return InterestBars(
        [
            (data.roles[role_id].name, i.mean, f"{tenths(i.mean)} {i.level}")
            for role_id, i in result.interest.items()
        ],
        low=1,
        high=len(SCALE),
    )


def _summary(
    data: Dataset,
    result: Result,
    previous: str | None,
    recorded: bool | None,
    details: bool,
    data_option: str,
    width: int,
) -> list[RenderableType]:
    """The compact result: it fits an 80x24 terminal, so it is what the quiz ends with, with
    ``details`` or without."""
    colour = "green" if result.recommendation else "yellow"
    parts: list[RenderableType] = [
        Text.assemble(("Your result: ", "bold"), (headline(data, result), f"bold {colour}")),
        interest_bars(data, result),
        Text(comparison_sentence(data, result)),
        Text(meaning(data, result), style="bold"),
    ]
    parts += [Text(f"Warning: {w.message}", style="yellow") for w in result.warnings]
    parts += _next_steps(data, result, brief=True)
    if previous and not details:
        parts.append(Text(previous, style="italic"))
    parts.append(Text(recorded_line(recorded), style="dim"))
    parts.append(Text(f"{data.quiz.disclaimer} {_based_on(data)}".strip(), style="dim"))
    if not details:
        parts.append(Text(details_command(result, data_option, width), style="dim"))
    return parts


def _based_on(data: Dataset) -> str:
    """The primary source in short, so it shares the disclaimer's lines; --details cites it whole."""
    source = data.primary_source
    when = f", {source.published.day} {source.published:%B %Y}" if source.published else ""
    return f"Based on: {source.publisher}{when}."


def _next_steps(data: Dataset, result: Result, brief: bool) -> list[RenderableType]:
    advised = advised_roles(data, result)
    if not advised:
        return [heading("Next steps"), bullets(general_steps(result))]
    parts: list[RenderableType] = []
    if result.verdict == "both" and data.quiz.hybrid and not brief:
        parts.append(Text(data.quiz.hybrid))
    practice = max(BRIEF_PRACTICE // len(advised), 1) if brief else None
    for role in advised:
        parts += [
            heading(f"Next steps: {role.name}"),
            bullets(next_step_points(role, data, practice)),
        ]
        if role.next_steps.source and not brief:
            parts.append(cite(data.sources[role.next_steps.source]))
    return parts


def _dimensions(data: Dataset, result: Result, width: int) -> list[RenderableType]:
    """Leans for dimensions measured well enough: a table when there is room, else lines."""
    if not result.dimensions:
        return []
    title = Text("By dimension (mean answer per role)", style="bold")
    if width < NARROW:
        lines: list[RenderableType] = [title]
        for lean in result.dimensions:
            line = Text(f"{data.dimensions[lean.dimension].title}: ", style="bold")
            line.append(data.roles[lean.lean].name if lean.lean else "no clear lean")
            line.append(
                " ("
                + ", ".join(f"{data.roles[r].name} {tenths(v)}" for r, v in lean.means.items())
                + ")",
                style="dim",
            )
            lines.append(line)
        return [*lines, Text()]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, title=title, title_justify="left")
    table.add_column("Dimension")
    table.add_column("Leaning")
    for role_id in result.interest:
        table.add_column(Text(data.roles[role_id].name), justify="right")
    for lean in result.dimensions:
        table.add_row(
            Text(data.dimensions[lean.dimension].title),
            Text(
                data.roles[lean.lean].name if lean.lean else "no clear lean",
                style="" if lean.lean else "dim",
            ),
            *(Text(tenths(lean.means[role_id])) for role_id in result.interest),
        )
    return [table, Text()]


def _weighed_most(data: Dataset, result: Result) -> list[RenderableType]:
    parts: list[RenderableType] = [heading("What weighed most, per role")]
    for most in result.weighed_most:
        parts.append(Text(weighed_intro(data, most), style="bold"))
        parts.append(bullets(weighed_points(most)))
    parts += [Text(line) for line in unmoved(data, result)]
    return [*parts, Text()]


def _details(
    data: Dataset, result: Result, width: int, previous: str | None
) -> list[RenderableType]:
    parts: list[RenderableType] = [heading("How your answers were scored")]
    for role_id, i in result.interest.items():
        parts.append(
            Text(
                f"{data.roles[role_id].name}: mean answer {tenths(i.mean)} over {i.statements} "
                f"statements, standard error {i.standard_error:.2f}, level {i.level}"
            )
        )
    parts.append(
        Text(
            f"Levels: low below {data.quiz.low_below:g}, mixed up to {data.quiz.high_from:g}, "
            f"high from {data.quiz.high_from:g}. A difference is clear when it is larger than "
            f"its 95% margin of error and at least {data.quiz.min_difference:g} points.",
            style="dim",
        )
    )
    if previous:
        parts.append(Text(previous, style="italic"))
    parts.append(Text())
    parts += _dimensions(data, result, width)
    parts += _weighed_most(data, result)
    parts += [*_next_steps(data, result, brief=False), Text()]
    parts += [Text(data.quiz.disclaimer, style="dim"), cite(data.primary_source, "Based on")]
    parts.append(Text("─" * min(width, 80), style="dim"))
    return parts


def result_view(
    data: Dataset,
    result: Result,
    width: int,
    previous: str | None = None,
    *,
    recorded: bool | None = False,
    details: bool = False,
    data_option: str = "",
) -> Group:
    """Compact by default; with ``details`` the reasons come first and the verdict last, so the
    verdict is what is on screen when the quiz ends."""
    parts = _details(data, result, width, previous) if details else []
    return Group(*parts, *_summary(data, result, previous, recorded, details, data_option, width))
