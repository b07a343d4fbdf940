"""The career-fit quiz engine: a pure function of (statement bank, answers).

Scoring follows the 8values axis formula, applied to every pair of roles: for roles A and B the
axis position is ``(reach + score_A - score_B) / (2 * reach)``, where a statement adds
``weight * (answer - 3)`` to its keyed role and ``reach`` is the most either side could score.
A role's share is its average position over all pairs it is in, scaled so shares sum to 100.
So agreeing pulls toward the keyed role, disagreeing pushes away, neutral moves nothing; an
all-neutral quiz is an exact tie, and reversing every answer swaps two roles' shares.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rolecompare.errors import UsageError
from rolecompare.models import Dataset, Quiz, Statement

SCALE = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
NEUTRAL = 3
BAND_CLOSE = "too-close"
BAND_LEAN = "lean"
BAND_STRONG = "strong"


@dataclass(frozen=True)
class Weighed:
    """One answer and how hard it pulled (positive: toward the statement's keyed role)."""

    statement: Statement
    answer: int

    @property
    def pull(self) -> int:
        return self.statement.weight * (self.answer - NEUTRAL)


@dataclass(frozen=True)
class DimensionLean:
    dimension: str
    shares: dict[str, float]
    lean: str | None


@dataclass(frozen=True)
class Result:
    bank_version: str
    answers: tuple[int, ...]
    shares: dict[str, float]
    ranking: tuple[str, ...]
    margin: float
    band: str
    recommendation: str | None
    warnings: tuple[str, ...]
    flat: bool
    dimensions: tuple[DimensionLean, ...]
    weightiest: tuple[Weighed, ...]


def shares(
    statements: Sequence[Statement], answers: Sequence[int], role_ids: Sequence[str]
) -> dict[str, float]:
    """Each role's share, 0 to 100, summing to 100 (see the module docstring).

    Summed over pairs without visiting every pair: a role's position against all roles of one
    reach ``r`` is ``n / 2 + (n * score - their scores) / (2 * (reach + r))``, and a bank has few
    distinct reaches (roles without statements all have 0), so thousands of roles stay fast.
    """
    score = dict.fromkeys(role_ids, 0)
    reach = dict.fromkeys(role_ids, 0)
    for statement, answer in zip(statements, answers, strict=True):
        score[statement.keyed] += statement.weight * (answer - NEUTRAL)
        reach[statement.keyed] += statement.weight * (len(SCALE) - NEUTRAL)
    if len(role_ids) == 1:
        return {role_ids[0]: 100.0}
    groups: dict[int, list[int]] = {}  # reach -> [roles, their summed scores]
    for role_id in role_ids:
        group = groups.setdefault(reach[role_id], [0, 0])
        group[0] += 1
        group[1] += score[role_id]
    pairs = len(role_ids) * (len(role_ids) - 1) / 2
    result = {}
    for role_id in role_ids:
        own, mine = reach[role_id], score[role_id]
        # Each other role adds 1/2; the pair with itself adds nothing to the sum below.
        leaning = math.fsum(
            (count * mine - total) / (2 * (own + other))
            for other, (count, total) in groups.items()
            if own + other
        )
        result[role_id] = 100 * ((len(role_ids) - 1) / 2 + leaning) / pairs
    return result


def score(data: Dataset, answers: Sequence[int]) -> Result:
    """Score a completed quiz: shares, band, recommendation, warnings and the reasons."""
    quiz = data.quiz
    statements = quiz.statements
    check_answers(quiz, answers)
    role_ids = list(data.roles)
    overall = shares(statements, answers, role_ids)
    order = {role_id: i for i, role_id in enumerate(role_ids)}
    ranking = tuple(sorted(role_ids, key=lambda r: (-overall[r], order[r])))
    margin = overall[ranking[0]] - overall[ranking[1]]
    warnings = []
    flat = len(set(answers)) == 1
    if flat:
        warnings.append(
            f"Flat profile: every answer was '{SCALE[answers[0] - 1]}', so the quiz cannot tell "
            "the roles apart. Take it again and weigh each statement on its own."
        )
    warnings += balance_warnings(data)
    band = _band(quiz, margin)
    if flat:
        band = BAND_CLOSE
    recommendation = None if band == BAND_CLOSE else ranking[0]
    weighed = [Weighed(s, a) for s, a in zip(statements, answers, strict=True)]
    weightiest = sorted((w for w in weighed if w.pull), key=lambda w: -abs(w.pull))[:3]
    return Result(
        bank_version=quiz.version,
        answers=tuple(answers),
        shares=overall,
        ranking=ranking,
        margin=margin,
        band=band,
        recommendation=recommendation,
        warnings=tuple(warnings),
        flat=flat,
        dimensions=_dimension_leans(data, answers),
        weightiest=tuple(weightiest),
    )


def _band(quiz: Quiz, margin: float) -> str:
    if margin < quiz.close_margin:
        return BAND_CLOSE
    return BAND_STRONG if margin >= quiz.strong_margin else BAND_LEAN


def _dimension_leans(data: Dataset, answers: Sequence[int]) -> tuple[DimensionLean, ...]:
    role_ids = list(data.roles)
    leans = []
    for dim_id in data.dimensions:
        pairs = [
            (s, a)
            for s, a in zip(data.quiz.statements, answers, strict=True)
            if s.dimension == dim_id
        ]
        if not pairs:
            continue
        part = shares([s for s, _ in pairs], [a for _, a in pairs], role_ids)
        top, second = sorted(part.values(), reverse=True)[:2]
        lean = (
            max(role_ids, key=lambda r: part[r]) if top - second >= data.quiz.close_margin else None
        )
        leans.append(DimensionLean(dim_id, part, lean))
    return tuple(leans)


def balance(data: Dataset) -> dict[str, tuple[int, int]]:
    """Per role: how many statements are keyed to it and the most weight it can attain."""
    counts = dict.fromkeys(data.roles, (0, 0))
    for statement in data.quiz.statements:
        number, weight = counts[statement.keyed]
        counts[statement.keyed] = (number + 1, weight + statement.weight * (len(SCALE) - NEUTRAL))
    return counts


def balance_warnings(data: Dataset) -> list[str]:
    """A warning when roles can attain different weight: agreeing with all would then pick a side."""
    counts = balance(data)
    if len({weight for _, weight in counts.values()}) <= 1:
        return []
    detail = ", ".join(f"{role_id} {weight}" for role_id, (_, weight) in counts.items())
    return [
        f"The statement bank is unbalanced (maximum weight per role: {detail}); results lean by design."
    ]


def check_answers(quiz: Quiz, answers: Sequence[int]) -> None:
    if len(answers) != len(quiz.statements):
        raise UsageError(f"expected {len(quiz.statements)} answers, got {len(answers)}")
    for position, answer in enumerate(answers, start=1):
        if not 1 <= answer <= len(SCALE):
            raise UsageError(f"answer {position} is {answer}; answers are 1 to {len(SCALE)}")


def parse_answers(text: str, expected: int) -> tuple[int, ...]:
    """``5,4,2,...`` or the compact ``542...``; errors name the position and what is allowed."""
    cleaned = text.strip()
    items = (
        [item.strip() for item in re.split(r"[,\s]+", cleaned)]
        if re.search(r"[,\s]", cleaned)
        else list(cleaned)
    )
    items = [item for item in items if item]
    allowed = f"1 to {len(SCALE)} ({', '.join(f'{i} {label}' for i, label in enumerate(SCALE, 1))})"
    answers = []
    for position, item in enumerate(items, start=1):
        if item not in {str(value) for value in range(1, len(SCALE) + 1)}:
            raise UsageError(f"--answers: position {position} is '{item}'; allowed: {allowed}")
        answers.append(int(item))
    if len(answers) != expected:
        raise UsageError(
            f"--answers: got {len(answers)} answers, the quiz has {expected} statements; "
            "give one answer per statement in order (see: rolecompare quiz --questions)"
        )
    return tuple(answers)


def rounded(values: dict[str, float], decimals: int = 1) -> dict[str, float]:
    """Round shares so the rounded values still sum to exactly 100 (largest remainder)."""
    unit = 10**decimals
    scaled = {key: value * unit for key, value in values.items()}
    floors = {key: math.floor(value + 1e-9) for key, value in scaled.items()}
    missing = round(100 * unit) - sum(floors.values())
    by_remainder = sorted(scaled, key=lambda key: floors[key] - scaled[key])
    for key in by_remainder[: max(missing, 0)]:
        floors[key] += 1
    return {key: floors[key] / unit for key in values}


def estimated_minutes(quiz: Quiz) -> int:
    return max(1, math.ceil(len(quiz.statements) * quiz.seconds_per_statement / 60))
