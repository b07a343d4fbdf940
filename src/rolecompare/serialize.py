"""Plain dictionaries for ``--format json``: stable keys and no rich, so scripts start fast."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rolecompare.models import Dataset, Dimension, Role
from rolecompare.rates import RateDifference, RateSummary

if TYPE_CHECKING:
    from rolecompare.quiz import Result


def dump(data: Dataset) -> dict[str, Any]:
    """The whole data file as JSON values, in one go.

    One dump of the dataset uses the serializer built with its validator; dumping each part on
    its own would build a serializer per model class, a cost on every start-up of ``--format json``.
    """
    return data.model_dump(mode="json")


def _facts(dumped: dict[str, Any], screen: str) -> list[Any]:
    return [fact for fact in dumped["facts"] if fact["screen"] == screen]


def show_json(
    data: Dataset, roles: Sequence[Role], dimensions: Sequence[Dimension], complete: bool
) -> dict[str, Any]:
    """The comparison; without ``complete`` (dimensions were picked) the extras are left empty."""
    dumped = dump(data)
    role_ids = [role.id for role in roles]
    return {
        "source": dumped["sources"][data.source],
        "roles": [dumped["roles"][role_id] for role_id in role_ids],
        "dimensions": [
            {
                "id": dim.id,
                "title": dim.title,
                "shared": list(dim.shared),
                "roles": {r: dumped["dimensions"][dim.id]["roles"][r] for r in role_ids},
            }
            for dim in dimensions
        ],
        "similarities": list(dumped["similarities"].values()) if complete else [],
        "context": dumped["context"] if complete else None,
        "facts": _facts(dumped, "show") if complete else [],
        "sources": dumped["sources"],
    }


def rates_json(
    data: Dataset,
    summaries: Sequence[RateSummary],
    diffs: Sequence[RateDifference],
    default_days: bool = True,
) -> dict[str, Any]:
    """The rates screen for scripts: the figures, and every sentence the table shows."""
    from rolecompare.wording import days_sentence, difference_sentence

    days = summaries[0].days
    dumped = dump(data)
    return {
        "billable_days": days,
        "billable_days_default": data.rates.billable_days,
        "billable_days_note": days_sentence(data, days, default_days),
        "markets": sorted({f"{s.role.rates.market}, {s.role.rates.year}" for s in summaries}),
        "caveat": data.rates.caveat,
        "roles": [
            {
                "id": s.role.id,
                "name": s.role.name,
                "currency": s.currency,
                "per": s.role.rates.per,
                "market": s.role.rates.market,
                "year": s.role.rates.year,
                "day": {"min": s.day_min, "max": s.day_max, "midpoint": s.day_mid},
                "annual_gross": {
                    "min": s.annual_min,
                    "max": s.annual_max,
                    "midpoint": s.annual_mid,
                },
                "source": s.role.rates.source,
            }
            for s in summaries
        ],
        "differences": [
            {
                "role": d.other.role.id,
                "compared_with": d.base.role.id,
                "day": {"min": d.day_min, "max": d.day_max, "midpoint": d.day_mid},
                "annual_midpoint": d.annual_mid,
                "overlap": list(d.overlap) if d.overlap else None,
                "summary": f"{d.other.role.name} vs {d.base.role.name}: {difference_sentence(d)}",
            }
            for d in diffs
        ],
        "facts": _facts(dumped, "rates"),
        "sources": {
            key: source
            for key, source in dumped["sources"].items()
            if key
            in {s.role.rates.source for s in summaries}
            | {f.source for f in data.facts_for("rates")}
            | {data.rates.source}
        },
    }


def roles_json(data: Dataset) -> dict[str, Any]:
    return {
        "roles": [
            {"id": r.id, "name": r.name, "full_name": r.full_name, "aliases": list(r.aliases)}
            for r in data.roles.values()
        ],
        "dimensions": [{"id": d.id, "title": d.title} for d in data.dimensions.values()],
    }


def quiz_json(data: Dataset, result: Result) -> dict[str, Any]:
    """The quiz result for scripts; the same answers always give the same document."""
    from rolecompare.quiz import rounded

    return {
        "bank_version": result.bank_version,
        "scores": rounded(result.shares),
        "recommendation": result.recommendation,
        "band": result.band,
        "margin": round(result.margin, 1),
        "warnings": list(result.warnings),
        "dimensions": [
            {
                "id": lean.dimension,
                "title": data.dimensions[lean.dimension].title,
                "lean": lean.lean,
                "scores": rounded(lean.shares),
            }
            for lean in result.dimensions
        ],
        "weightiest": [
            {
                "id": item.statement.id,
                "statement": item.statement.text,
                "answer": item.answer,
                "keyed": item.statement.keyed,
                "pull": item.pull,
            }
            for item in result.weightiest
        ],
        "answers": list(result.answers),
        "statements": [statement.id for statement in data.quiz.statements],
        "disclaimer": data.quiz.disclaimer,
        "source": dump(data)["sources"][data.source],
    }


def questions_json(data: Dataset) -> dict[str, Any]:
    from rolecompare.quiz import SCALE

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
