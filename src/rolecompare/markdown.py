"""Markdown for pasting into documents: tables a renderer such as GitHub's understands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rolecompare.history import Row, role_name
from rolecompare.models import Dataset, Dimension, Role
from rolecompare.quiz import SCALE, Result, rounded
from rolecompare.rates import RateDifference, RateSummary, money, money_range


def cell(text: str) -> str:
    """Escape what would break a table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def bullet_list(points: Iterable[str]) -> list[str]:
    return [f"- {point}" for point in points]


def show_markdown(
    data: Dataset, roles: Sequence[Role], dimensions: Sequence[Dimension], complete: bool
) -> str:
    """The comparison as Markdown; ``complete`` as in ``render.show_view``."""
    lines = [f"# {' vs '.join(role.name for role in roles)}", ""]
    for dim in dimensions:
        lines += [f"## {dim.title}", ""]
        row = [
            "<br>".join(
                [f"**{dim.roles[r.id].summary}**", *(f"• {p}" for p in dim.roles[r.id].points)]
            )
            for r in roles
        ]
        lines += table([role.name for role in roles], [row])
        if dim.shared:
            lines += [f"{'Both' if len(roles) == 2 else 'All'}:", "", *bullet_list(dim.shared), ""]
    if complete and data.similarities:
        lines += ["## What the roles share", ""]
        lines += [f"- **{item.title}**: {item.text}" for item in data.similarities.values()]
        lines.append("")
    if complete and data.context:
        lines += [f"## {data.context.title}", "", *bullet_list(data.context.points), ""]
    for fact in data.facts_for("show") if complete else ():
        lines += [f"## {fact.topic}", "", *bullet_list(fact.points), ""]
        lines += [f"Source: {data.sources[fact.source].citation()}", ""]
    lines.append(f"Source: {data.primary_source.citation()}")
    return "\n".join(lines) + "\n"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def rates_markdown(
    data: Dataset, summaries: Sequence[RateSummary], diffs: Sequence[RateDifference]
) -> str:
    days = summaries[0].days
    lines = ["# Contract day rates", ""]
    lines += table(
        ["Role", "Day rate", "Midpoint", f"A year at {days} days"],
        [
            [
                s.role.name,
                money_range(s.day_min, s.day_max, s.currency),
                money(s.day_mid, s.currency),
                money_range(s.annual_min, s.annual_max, s.currency),
            ]
            for s in summaries
        ],
    )
    for d in diffs:
        lines.append(
            f"- {d.other.role.name} vs {d.base.role.name}: {money(d.day_mid, d.base.currency, signed=True)} a day "
            f"at the midpoint, {money(d.annual_mid, d.base.currency, signed=True)} a year"
        )
    markets = sorted({f"{s.role.rates.market}, {s.role.rates.year}" for s in summaries})
    lines += ["", f"{'; '.join(markets)}. {data.rates.caveat}", ""]
    cited = [s.role.rates.source for s in summaries] + (
        [data.rates.source] if data.rates.source else []
    )
    lines += [f"Source: {data.sources[key].citation()}  " for key in dict.fromkeys(cited)]
    return "\n".join(lines) + "\n"


def quiz_markdown(data: Dataset, result: Result, previous: str | None = None) -> str:
    """A report of one quiz result that can be pasted into a document."""
    shares = rounded(result.shares, 0)
    lines = ["# Career-fit quiz result", ""]
    lines += table(
        ["Role", "Share"], [[data.roles[r].name, f"{shares[r]:.0f}%"] for r in result.ranking]
    )
    if result.recommendation:
        lines.append(
            f"**{result.band.capitalize()} fit: {data.roles[result.recommendation].name}.**"
        )
    else:
        lines += ["**Too close to call: no recommendation.**", "", data.quiz.hybrid]
    lines.append("")
    lines += [f"> Warning: {w}" for w in result.warnings]
    if previous:
        lines += ["", previous]
    lines += ["", "## By dimension", ""]
    lines += table(
        ["Dimension", "Leaning"],
        [
            [data.dimensions[d.dimension].title, data.roles[d.lean].name if d.lean else "even"]
            for d in result.dimensions
        ],
    )
    if result.weightiest:
        lines += ["## What weighed most", ""]
        lines += [f'- "{w.statement.text}" ({SCALE[w.answer - 1]})' for w in result.weightiest]
        lines.append("")
    for role_id in [result.recommendation] if result.recommendation else list(result.ranking[:2]):
        role = data.roles[role_id]
        steps = role.next_steps
        lines += [f"## Next steps: {role.name}", ""]
        lines += bullet_list([*steps.certifications, *steps.tools, *steps.practice])
        lines += [
            f"- Day rate {money_range(role.rates.min, role.rates.max, role.rates.currency)}: `rolecompare rates --role {role.id}`",
            "",
        ]
    lines += [f"_{data.quiz.disclaimer}_", "", f"Based on: {data.primary_source.citation()}"]
    return "\n".join(lines) + "\n"


def history_markdown(data: Dataset, rows: Sequence[Row]) -> str:
    role_ids = list(dict.fromkeys([*data.roles, *(r for row in rows for r in row.record.scores)]))
    body = [
        [
            row.when + (" *" if row.other_bank else ""),
            *(f"{row.record.scores[r]:.0f}%" if r in row.record.scores else "-" for r in role_ids),
            row.outcome,
            row.change,
        ]
        for row in rows
    ]
    lines = ["# Quiz history (newest first)", ""]
    lines += table(["When", *(role_name(data, r) for r in role_ids), "Result", "Change"], body)
    if any(row.other_bank for row in rows):
        lines.append(f"\\* taken with another question bank (now version {data.quiz.version})")
    return "\n".join(lines) + "\n"


def questions_markdown(data: Dataset) -> str:
    rows = [
        [str(number), s.id, data.dimensions[s.dimension].title, s.keyed, s.text]
        for number, s in enumerate(data.quiz.statements, 1)
    ]
    lines = [f"# Quiz statements (bank version {data.quiz.version})", ""]
    lines += table(["#", "Id", "Dimension", "Keyed", "Statement"], rows)
    scale = ", ".join(f"{value} {label}" for value, label in enumerate(SCALE, 1))
    return "\n".join([*lines, f"Answer each from {scale}."]) + "\n"
