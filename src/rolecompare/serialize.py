"""Plain dictionaries for ``--format json``: stable keys and no rich, so scripts start fast."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rolecompare.core.models import Dataset, source_json

if TYPE_CHECKING:
    import datetime as dt

    from rolecompare.core.quiz import Result


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
