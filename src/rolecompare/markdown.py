"""Markdown for pasting into documents: tables a renderer such as GitHub's understands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rolecompare.models import Dataset, Dimension, Role


def cell(text: str) -> str:
    """Escape what would break a table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def bullet_list(points: Iterable[str]) -> list[str]:
    return [f"- {point}" for point in points]


def show_markdown(data: Dataset, roles: Sequence[Role], dimensions: Sequence[Dimension]) -> str:
    lines = [f"# {' vs '.join(role.name for role in roles)}", ""]
    for dim in dimensions:
        lines += [f"## {dim.title}", ""]
        lines.append("| " + " | ".join(cell(role.name) for role in roles) + " |")
        lines.append("|" + "---|" * len(roles))
        row = []
        for role in roles:
            text = dim.roles[role.id]
            row.append(
                "<br>".join([f"**{cell(text.summary)}**", *(f"• {cell(p)}" for p in text.points)])
            )
        lines += ["| " + " | ".join(row) + " |", ""]
        if dim.shared:
            lines += [f"{'Both' if len(roles) == 2 else 'All'}:", "", *bullet_list(dim.shared), ""]
    if data.similarities:
        lines += ["## What the roles share", ""]
        lines += [f"- **{item.title}**: {item.text}" for item in data.similarities.values()]
        lines.append("")
    if data.context:
        lines += [f"## {data.context.title}", "", *bullet_list(data.context.points), ""]
    for fact in data.facts_for("show"):
        lines += [f"## {fact.topic}", "", *bullet_list(fact.points), ""]
        lines += [f"Source: {data.sources[fact.source].citation()}", ""]
    lines.append(f"Source: {data.primary_source.citation()}")
    return "\n".join(lines) + "\n"
