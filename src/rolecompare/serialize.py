"""Plain dictionaries for ``--format json``: stable keys and no rich, so scripts start fast."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rolecompare.core.models import Dataset, source_json

if TYPE_CHECKING:
    import datetime as dt

    from rolecompare.core.quiz import Result, Weighed


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
    runs with the same answers. ``mark`` saves working out the data mark again."""
    return QuizDocuments(data, taken_at, mark).of(result)


class QuizDocuments:
    """:func:`quiz_json` for many results of one dataset, taken at one time (a group's).

    What every document shares (the bank's statement ids, the source, the disclaimer, the time)
    is worked out once, not per respondent; those shared parts are the same objects in every
    document, to be serialised, never changed.
    """

    def __init__(self, data: Dataset, taken_at: dt.datetime, mark: str | None = None) -> None:
        from rolecompare.core.quiz import SCALE, data_mark

        self._titles = {dim_id: dimension.title for dim_id, dimension in data.dimensions.items()}
        self._labels = SCALE
        self._mark = mark or data_mark(data)
        self._statements = [statement.id for statement in data.quiz.statements]
        self._taken_at = taken_at.isoformat(timespec="seconds")
        self._disclaimer = data.quiz.disclaimer
        self._source = source_json(data.primary_source)
        self._weighed: dict[tuple[str, int], dict[str, Any]] = {}

    def _entry(self, weighed: Weighed) -> dict[str, Any]:
        """One answer weighed most; a statement and an answer make the same entry every time."""
        key = (weighed.statement.id, weighed.answer)
        if key not in self._weighed:
            self._weighed[key] = {
                "id": weighed.statement.id,
                "statement": weighed.statement.text,
                "answer": weighed.answer,
                "label": self._labels[weighed.answer - 1],
            }
        return self._weighed[key]

    def of(self, result: Result) -> dict[str, Any]:
        entry = self._entry
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
                    "title": self._titles[lean.dimension],
                    "lean": lean.lean,
                    "means": {r: round(v, 2) for r, v in lean.means.items()},
                }
                for lean in result.dimensions
            ],
            "weighed_most": {
                most.role: [entry(w) for w in most.answers] for most in result.weighed_most
            },
            "bank_version": result.bank_version,
            "data_mark": self._mark,
            "answers": list(result.answers),
            "statements": self._statements,
            "taken_at": self._taken_at,
            "disclaimer": self._disclaimer,
            "source": self._source,
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
