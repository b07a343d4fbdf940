"""Markdown for pasting into documents: tables a renderer such as GitHub's understands.

Text from the data file is escaped with :func:`md`, so characters such as ``*``, ``_``, ``<`` or
``[`` are shown as written instead of turning into emphasis, HTML or links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rolecompare.core.history import CHANGE_HEADING, Row, mark_notes, marks, role_name
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import Result
from rolecompare.core.text import tenths
from rolecompare.ui.markdown import bullet_list, cite, md, table
from rolecompare.wording import (
    advised_roles,
    comparison_sentence,
    general_steps,
    headline,
    meaning,
    next_step_points,
    recorded_line,
    unmoved,
    weighed_intro,
    weighed_points,
)

if TYPE_CHECKING:
    pass


def quiz_markdown(
    data: Dataset, result: Result, previous: str | None = None, *, recorded: bool | None = False
) -> str:
    """A report of one quiz result that can be pasted into a document."""
    lines = ["# Career-fit quiz result", "", f"**Your result: {md(headline(data, result))}**", ""]
    lines += table(
        ["Role", "Interest (mean answer, 1-5)", "Level", "Standard error", "Statements"],
        [
            [
                md(data.roles[r].name),
                tenths(i.mean),
                i.level,
                f"{i.standard_error:.2f}",
                str(i.statements),
            ]
            for r, i in result.interest.items()
        ],
    )
    lines += [md(comparison_sentence(data, result)), "", f"**{md(meaning(data, result))}**", ""]
    lines += [f"> Warning: {md(w.message)}" for w in result.warnings]
    if previous:
        lines += ["", md(previous)]
    if result.dimensions:
        lines += ["", "## By dimension (mean answer per role)", ""]
        lines += table(
            ["Dimension", "Leaning", *(md(data.roles[r].name) for r in result.interest)],
            [
                [
                    md(data.dimensions[d.dimension].title),
                    md(data.roles[d.lean].name) if d.lean else "no clear lean",
                    *(tenths(d.means[r]) for r in result.interest),
                ]
                for d in result.dimensions
            ],
        )
    if result.weighed_most:
        lines += ["", "## What weighed most, per role", ""]
        for most in result.weighed_most:
            lines += [
                f"**{md(weighed_intro(data, most))}**",
                "",
                *bullet_list(weighed_points(most)),
            ]
            lines.append("")
        lines += [md(line) for line in unmoved(data, result)]
    advised = advised_roles(data, result)
    if result.verdict == "both" and data.quiz.hybrid:
        lines += ["", md(data.quiz.hybrid)]
    for role in advised:
        lines += [
            "",
            f"## Next steps: {md(role.name)}",
            "",
            *bullet_list(next_step_points(role, data)),
        ]
    if not advised:
        lines += ["", "## Next steps", "", *bullet_list(general_steps(result))]
    lines += ["", md(recorded_line(recorded)), ""]
    lines += [f"_{md(data.quiz.disclaimer)}_", "", cite(data, data.source, "Based on")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"  # one blank line between parts


def history_markdown(data: Dataset, rows: Sequence[Row]) -> str:
    role_ids = list(dict.fromkeys([*data.roles, *(r for row in rows for r in row.record.roles)]))
    body = [
        [
            row.when + md(marks(row)),
            md(row.outcome),
            *(md(row.figures.get(r, "-")) for r in role_ids),
            md(row.change),
        ]
        for row in rows
    ]
    lines = ["# Quiz history (newest first)", ""]
    lines += table(
        ["When", "Result", *(md(role_name(data, r)) for r in role_ids), CHANGE_HEADING], body
    )
    lines += [md(note) + "  " for note in mark_notes(data, rows)]
    return "\n".join(lines) + "\n"
