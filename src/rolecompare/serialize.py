"""Plain dictionaries for ``--format json``: stable keys and no rich, so scripts start fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rolecompare.core.models import Dataset, plain, source_json
from rolecompare.core.rates import RateDifference, RateSummary, dated

if TYPE_CHECKING:
    import datetime as dt

    from rolecompare.core.quiz import Result


def dump(data: Dataset) -> dict[str, Any]:
    """The whole data file as JSON values."""
    result: dict[str, Any] = plain(data)
    return result


def _end_facts(dumped: dict[str, Any], screen: str) -> list[Any]:
    """As ``Dataset.facts_for``, from a dump."""
    return [f for f in dumped["facts"] if f["screen"] == screen and f["dimension"] is None]


def rates_json(
    data: Dataset,
    summaries: Sequence[RateSummary],
    diffs: Sequence[RateDifference],
    now: dt.date | None = None,
    default_days: bool = True,
) -> dict[str, Any]:
    """The rates screen for scripts: the figures, and every sentence the table shows."""
    from rolecompare.core.rates import rates_caveat
    from rolecompare.wording import days_sentence, difference_sentence

    days = summaries[0].days
    dumped = dump(data)
    facts = _end_facts(dumped, "rates")
    return {
        "billable_days": days,
        "billable_days_default": data.rates.billable_days,
        "billable_days_note": days_sentence(data, days, default_days),
        "caveat": data.rates.caveat,
        "caveat_line": rates_caveat(data, [s.role for s in summaries], now),
        "roles": [
            {
                "id": s.role.id,
                "name": s.role.name,
                "currency": s.currency,
                "per": s.role.rates.per,
                "market": s.role.rates.market,
                "year": s.role.rates.year,
                "as_of": s.role.rates.as_of.isoformat() if s.role.rates.as_of else None,
                "dated": dated(s.role.rates, now),
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
        "facts": facts,
        "sources": {
            key: source
            for key, source in dumped["sources"].items()
            if key
            in {s.role.rates.source for s in summaries}
            | {f["source"] for f in facts}
            | {data.rates.source}
        },
    }


def interest_json(result: Result) -> dict[str, dict[str, Any]]:
    return {
        role_id: {
            "mean": round(i.mean, 2),
            "standard_error": round(i.standard_error, 2),
            "level": i.level,
            "statements": i.statements,
        }
        for role_id, i in result.interest.items()
    }


def quiz_json(
    data: Dataset, result: Result, taken_at: dt.datetime, mark: str | None = None
) -> dict[str, Any]:
    """The quiz result for scripts, ``--save`` and history; only ``taken_at`` varies between
    runs with the same answers. ``mark`` saves working out the data mark for every respondent."""
    from rolecompare.core.quiz import SCALE, data_mark

    return {
        "verdict": result.verdict,
        "recommendation": result.recommendation,
        "interest": interest_json(result),
        "ranking": list(result.ranking),
        "difference": round(result.difference, 2),
        "margin_of_error": round(result.margin_of_error, 2),
        "clear_difference": result.clear,
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
        "dimensions": [
            {
                "id": lean.dimension,
                "title": data.dimensions[lean.dimension].title,
                "lean": lean.lean,
                "means": {r: round(v, 2) for r, v in lean.means.items()},
            }
            for lean in result.dimensions
        ],
        "weighed_most": {
            most.role: [
                {
                    "id": w.statement.id,
                    "statement": w.statement.text,
                    "answer": w.answer,
                    "label": SCALE[w.answer - 1],
                }
                for w in most.answers
            ]
            for most in result.weighed_most
        },
        "bank_version": result.bank_version,
        "data_mark": mark or data_mark(data),
        "answers": list(result.answers),
        "statements": [statement.id for statement in data.quiz.statements],
        "taken_at": taken_at.isoformat(timespec="seconds"),
        "disclaimer": data.quiz.disclaimer,
        "source": source_json(data.primary_source),
    }


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
