"""The career-fit quiz engine: a pure function of (statement bank, answers).

Each role is measured on its own scale, as the O*NET Interest Profiler scores each interest area
on its own: the role's interest is the mean answer over the statements keyed to it (1 to 5), with
its standard error ``s / sqrt(n)``. Only then are the top two roles compared: their difference
counts as clear when it exceeds both the 95% margin of error ``1.96 * sqrt(se_a**2 + se_b**2)``
and the bank's minimum difference, so, as the Self-Directed Search does, two interests closer
than the measurement error are not ranked. The verdict follows from the two interests and that
comparison, decided exactly in integers; straight-lining and a consistency check say when the
answers carry no signal, and every result estimates how likely a retake gives the same verdict.

Everything here is linear in the number of answers and of roles.
"""

from __future__ import annotations

import functools
import hashlib
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from rolecompare.core.errors import DataError, UsageError
from rolecompare.core.models import Dataset, Quiz, Statement, source_json
from rolecompare.core.text import plural

if TYPE_CHECKING:
    import datetime as dt

SCALE = ("Strongly dislike", "Dislike", "Neutral", "Like", "Strongly like")
"""How much the person would like each work activity, as the O*NET Interest Profiler asks (bank
version 3): liking is asked rather than agreement, which invites less agreeing by habit. Banks
of earlier versions are answered on the same five points."""
NEUTRAL = 3
ANSWERS = range(1, len(SCALE) + 1)
_DIGITS = {str(value) for value in ANSWERS}
_ANSWER_DIGITS = "".join(sorted(_DIGITS))
_DIGIT_VALUES = bytes.maketrans(b"0123456789", bytes(range(10)))
Z95 = Fraction(49, 25)
"""Two-sided 95% point of the normal distribution (1.96): the margin of error is Z95 standard
errors. A fraction, so that whether a difference clears the margin is decided exactly."""
Z95_FLOAT = float(Z95)
_Z95_NUM_SQUARED, _Z95_DEN_SQUARED = Z95.numerator**2, Z95.denominator**2
"""The same, for the figures shown and the retake estimate, which decide no border."""
STRAIGHT_LINING = 0.9
"""Straight-lining: at least this share of all answers is one and the same answer."""
INCONSISTENT_SPREAD = Fraction(3, 2)
"""Careless or random answering: the answers scatter around each role's own mean at least this
much (the pooled within-role variance on the 1-5 scale). Answers picked at random scatter by 2
(the variance of 1 to 5 picked evenly), and 95-97% of random answer sheets of bank version 4
reach 1.5; people weighing each activity scatter by about 0.5, and at most 2% of them reach it
(mostly those with a careless stretch), in the graded-response simulation (docs/simulation.md). A person-fit index:
it needs no reverse-worded or paired statements."""
_CUT_NUM, _CUT_DEN = INCONSISTENT_SPREAD.numerator, INCONSISTENT_SPREAD.denominator
LEAN_STATEMENTS = 3
"""A dimension shows a lean only when every role has at least this many statements in it."""

T = TypeVar("T")

LOW, MIXED, HIGH = "low", "mixed", "high"
NEITHER, BOTH, TOO_CLOSE, NO_SIGNAL = "neither", "both", "too-close", "no-signal"
VERDICTS_WITHOUT_ROLE = (BOTH, NEITHER, TOO_CLOSE, NO_SIGNAL)

STRAIGHT_LINING_CODE = "straight-lining"
INCONSISTENT_CODE = "inconsistent"
NO_SIGNAL_CODES = (STRAIGHT_LINING_CODE, INCONSISTENT_CODE)
"""Warnings about the answers that leave no signal: no recommendation follows them."""
UNBALANCED_CODE = "unbalanced-bank"
MEANINGS = {
    STRAIGHT_LINING_CODE: "almost every answer was the same one, so the answers cannot tell the "
    "roles apart",
    INCONSISTENT_CODE: "the answers to the same role's work varied about as much as random "
    f"answers do (a spread of {float(INCONSISTENT_SPREAD):.1f} or more), so they cannot show a "
    "preference",
}
"""What each warning about the answers means for anyone, where a group's report explains it:
a warning's own message speaks to the one person it was given to."""


@dataclass(frozen=True)
class Interest:
    """One role's interest: the mean answer over its statements, how precise it is, a label.

    ``mean`` and ``standard_error`` are for display. Decisions use the exact figures: the mean is
    ``weighted_sum / weight`` and the squared standard error ``variance_num / variance_den``, all
    integers, so a border such as "at least 0.5 points" is decided exactly (totals of 49 and 43
    over 12 statements differ by 0.5, not by 0.49999999999999956).
    """

    role: str
    mean: float
    standard_error: float
    level: str
    statements: int
    weighted_sum: int
    weight: int
    variance_num: int
    variance_den: int

    @property
    def exact_mean(self) -> Fraction:
        return Fraction(self.weighted_sum, self.weight)

    @property
    def variance(self) -> Fraction:
        """The squared standard error, exactly."""
        return Fraction(self.variance_num, self.variance_den)


@dataclass(frozen=True)
class Comparison:
    """Two interests compared: figures for display, decisions made exactly."""

    difference: float
    margin_of_error: float
    beyond_margin: bool
    clear: bool


@dataclass(frozen=True)
class Notice:
    """A warning about the answers or the bank: a stable ``code`` and a sentence for people."""

    code: str
    message: str


@dataclass(frozen=True)
class Weighed:
    """One answer and the statement it answered."""

    statement: Statement
    answer: int


@dataclass(frozen=True)
class WeighedMost:
    """A role's answers furthest from Neutral; every answer tied at that distance is listed."""

    role: str
    answers: tuple[Weighed, ...]


@dataclass(frozen=True)
class DimensionLean:
    dimension: str
    means: dict[str, float]
    lean: str | None


@dataclass(frozen=True)
class Result:
    bank_version: str
    answers: tuple[int, ...]
    interest: dict[str, Interest]
    ranking: tuple[str, ...]
    difference: float
    margin_of_error: float
    beyond_margin: bool
    clear: bool
    verdict: str
    recommendation: str | None
    warnings: tuple[Notice, ...]
    retake_agreement: float
    """How likely a retake gives the same verdict, 0 to 1: see :func:`retake_agreement`."""
    scorer: Scorer = field(repr=False, compare=False)
    """What scored the answers, to work out the details below when they are first asked for: a
    group's table and CSV never show them, and its JSON Lines write them from the answers."""

    @functools.cached_property
    def dimensions(self) -> tuple[DimensionLean, ...]:
        return self.scorer.leans(self.answers)

    @functools.cached_property
    def weighed_most(self) -> tuple[WeighedMost, ...]:
        return self.scorer.weighed_most(self.answers)

    @property
    def top(self) -> Interest:
        return self.interest[self.ranking[0]]

    @property
    def second(self) -> Interest:
        return self.interest[self.ranking[1]]


REMEMBERED = 1 << 14
"""At most this many interests, verdicts, dimension leans or spreads are remembered per scale or
scorer. A scale's interest depends on its answers only through two integer sums, so a group
repeats them often: twenty statements of weight 1 have 1,887 pairs of sums in all."""


class Scale:
    """One role's statements in a bank or a dimension: their weights and positions, with what does
    not depend on the answers (the weights' total and Kish's effective n) worked out once, so a
    group of respondents pays only for the arithmetic on their answers."""

    __slots__ = (
        "_known",
        "pick",
        "quiz",
        "role_id",
        "squares",
        "total",
        "unit",
        "variance_den",
        "weights",
        "where",
    )

    def __init__(self, quiz: Quiz, role_id: str, weights: Sequence[int], where: Sequence[int]):
        self.quiz = quiz
        self.role_id = role_id
        self.weights = tuple(weights)
        self.where = tuple(where)
        self.unit = all(w == 1 for w in self.weights)
        """Every weight is 1: the answers furthest from Neutral are found from the largest and the
        smallest answer, without weighing each (:meth:`Scorer.furthest`)."""
        self.pick = picker(self.where)
        self.total = sum(self.weights)
        self.squares = sum(w * w for w in self.weights)
        self.variance_den = self.total**2 * (self.total**2 - self.squares)
        self._known: dict[tuple[int, int], Interest] = {}

    def measure_sums(self, key: tuple[int, int]) -> Interest:
        """The weighted mean of the answers and its standard error (Kish's effective n), from
        ``key``: the weighted sums of the answers and of their squares (:class:`Sums`), integers,
        so both stay exact.

        With equal weights this is the plain mean and ``s / sqrt(n)`` with the sample standard
        deviation ``s``. With one statement (Kish's effective n at most 1) there is no spread to
        estimate, so the standard error is the largest the scale allows (2), which keeps such a
        role from ever looking precise.
        """
        known = self._known.get(key)
        if known is not None:
            return known
        weighted, squared = key
        total = self.total
        if self.variance_den <= 0:
            num, den = (len(SCALE) - NEUTRAL) ** 2, 1
        else:
            num, den = (squared * total - weighted * weighted) * self.squares, self.variance_den
        interest = Interest(
            self.role_id,
            weighted / total,
            math.sqrt(num / den),
            level(self.quiz, weighted, total),
            len(self.weights),
            weighted,
            total,
            num,
            den,
        )
        if len(self._known) < REMEMBERED:
            self._known[key] = interest
        return interest


Picker = Callable[[Sequence[int]], tuple[int, ...]]


def picker(where: Sequence[int]) -> Picker:
    """The answers at ``where``, as a tuple, picked at C speed (``itemgetter`` gives a bare item,
    not a tuple, for one position)."""
    if len(where) == 1:
        (only,) = where
        return lambda answers: (answers[only],)
    return operator.itemgetter(*where)


class Sums:
    """Every sum the verdict and the dimensions' leans depend on, packed into one integer by one
    C-level pass over the answers: for each scale of each group (the roles of the whole bank,
    then the roles of each dimension), the weighted sums of the answers and of their squares,
    and the plain ones.

    Each position has a table from answer to its share of the packed integer: every sum sits in
    a bit field wide enough that adding the shares never carries from one field to the next. A
    group's block of fields is one integer, which hashes and compares at C speed, so remembering
    a verdict or a lean by it costs a shift, a mask and a dictionary lookup per respondent.
    """

    def __init__(self, groups: Sequence[Sequence[Scale]], count: int) -> None:
        self.groups = tuple(tuple(group) for group in groups)
        top = len(SCALE) ** 2 * max(
            max(scale.total, len(scale.where)) for group in self.groups for scale in group
        )
        self.bits = top.bit_length() + 1
        self.shifts: list[int] = []
        self.masks: list[int] = []
        shares = [[0] * (len(SCALE) + 1) for _ in range(count)]
        field = 0
        for group in self.groups:
            self.shifts.append(self.bits * field)
            self.masks.append((1 << (self.bits * 4 * len(group))) - 1)
            for scale in group:
                for weight, i in zip(scale.weights, scale.where, strict=True):
                    for answer in range(len(SCALE) + 1):
                        shares[i][answer] += self._share(field, weight, answer)
                field += 4
        self.tables = tuple(tuple(row) for row in shares)

    def _share(self, field: int, weight: int, answer: int) -> int:
        values = (weight * answer, weight * answer * answer, answer, answer * answer)
        return sum(value << (self.bits * (field + f)) for f, value in enumerate(values))

    def of(self, answers: Sequence[int]) -> int:
        return sum(map(operator.getitem, self.tables, answers))

    def block(self, packed: int, group: int) -> int:
        """One group's fields, as an integer of their own."""
        return (packed >> self.shifts[group]) & self.masks[group]

    def unpacked(self, block: int, group: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Per scale of the group: (weighted sum, weighted sum of squares), (plain sum, plain sum
        of squares)."""
        mask = (1 << self.bits) - 1
        fields = [(block >> (self.bits * f)) & mask for f in range(4 * len(self.groups[group]))]
        return [
            ((fields[4 * k], fields[4 * k + 1]), (fields[4 * k + 2], fields[4 * k + 3]))
            for k in range(len(self.groups[group]))
        ]


@functools.cache
def exact(value: float) -> Fraction:
    """A threshold from the data file as the decimal it was written as (0.1 is 1/10, not the
    nearest binary float), so it can be compared with exact means."""
    return Fraction(repr(value))


@functools.cache
def exact_terms(value: float) -> tuple[int, int]:
    """:func:`exact` as its numerator and denominator: Fraction's own are slow properties."""
    fraction = exact(value)
    return fraction.numerator, fraction.denominator


def level(quiz: Quiz, weighted_sum: int, weight: int) -> str:
    """The level of the mean ``weighted_sum / weight``, compared exactly with the cut points."""
    low, high = exact(quiz.low_below), exact(quiz.high_from)
    if weighted_sum * low.denominator < low.numerator * weight:
        return LOW
    return HIGH if weighted_sum * high.denominator >= high.numerator * weight else MIXED


def compare(quiz: Quiz, first: Interest, second: Interest) -> Comparison:
    """The difference, its 95% margin of error and whether the difference is clear.

    Decided exactly, in integers: the difference ``d`` is beyond the margin when
    ``d**2 > Z95**2 * (se_1**2 + se_2**2)`` and clear when it is also at least the bank's minimum
    difference as written in the data file. Only the two figures for display are floats.
    """
    dn = first.weighted_sum * second.weight - second.weighted_sum * first.weight
    dd = first.weight * second.weight
    vn = first.variance_num * second.variance_den + second.variance_num * first.variance_den
    vd = first.variance_den * second.variance_den
    beyond = dn > 0 and dn * dn * vd * _Z95_DEN_SQUARED > _Z95_NUM_SQUARED * dd * dd * vn
    least_num, least_den = exact_terms(quiz.min_difference)
    clear = beyond and dn * least_den >= least_num * dd
    margin = Z95_FLOAT * math.sqrt(vn / vd)
    return Comparison(dn / dd, margin, beyond, clear)


class Found:
    """A verdict and what it rests on, shared by every result with the same sums: its parts are
    the same objects in each, never to be changed. :attr:`fields` are :class:`Result`'s own,
    in order, from ``interest`` to ``retake_agreement``."""

    __slots__ = ("fields",)

    def __init__(
        self,
        interest: dict[str, Interest],
        ranking: tuple[str, ...],
        comparison: Comparison,
        verdict: str,
        warnings: tuple[Notice, ...],
        retake: float,
    ) -> None:
        recommendation = None if verdict in VERDICTS_WITHOUT_ROLE else verdict
        self.fields = (
            interest,
            ranking,
            comparison.difference,
            comparison.margin_of_error,
            comparison.beyond_margin,
            comparison.clear,
            verdict,
            recommendation,
            warnings,
            retake,
        )


class Laid(Generic[T]):
    """A table of what stands for each answer, per role and statement, laid out for
    :meth:`Scorer.furthest` (see :meth:`Scorer.lay_out`)."""

    __slots__ = ("by_distance", "table")

    def __init__(
        self,
        table: Mapping[str, Sequence[Mapping[int, T]]],
        by_distance: dict[str, list[list[tuple[T | None, ...]]]],
    ) -> None:
        self.table, self.by_distance = table, by_distance


_GIVEN = functools.partial(operator.is_not, None)
"""True for an entry that is there: ``filter`` keeps the answers at the distance looked for."""
ANSWER_SLOTS = range(len(SCALE) + 1)
"""Indexes of a statement's entries by answer (0 is never an answer)."""

Layout = dict[str, Scale]
"""Per role id: its statements' scale."""


class Scorer:
    """The bank's layout worked out once, so scoring a group costs little per respondent."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.role_ids = list(data.roles)
        self.order = {role_id: index for index, role_id in enumerate(self.role_ids)}
        statements = data.quiz.statements
        self.roles = self._layout(range(len(statements)))
        if len(self.roles) < 2:
            raise DataError(
                "the quiz needs statements keyed to at least two roles; add [[quiz.statements]] "
                "to the data file (see: rolecompare validate)"
            )
        self.dimensions: list[tuple[str, Layout]] = []
        for dim_id in data.dimensions:
            layout = self._layout(i for i, s in enumerate(statements) if s.dimension == dim_id)
            if all(r in layout and len(layout[r].where) >= LEAN_STATEMENTS for r in self.role_ids):
                self.dimensions.append((dim_id, layout))
        self.bank_warnings = tuple(balance_warnings(data))
        self.freedom = sum(len(scale.where) - 1 for scale in self.roles.values())
        """Degrees of freedom of :meth:`spread`."""
        self.weighed = [
            {value: Weighed(statement, value) for value in range(1, len(SCALE) + 1)}
            for statement in statements
        ]
        """Every statement with every answer, made once: a group repeats them by the thousand."""
        self.weighed_at = {
            role_id: tuple(self.weighed[i] for i in scale.where)
            for role_id, scale in self.roles.items()
        }
        """The same, per role, in the order of the role's statements."""
        self._weighed_laid = self.lay_out(self.weighed_at)
        self.counts = [len(scale.where) for scale in self.roles.values()]
        self.common = math.lcm(*self.counts)
        """A denominator every role's statement count divides, so :meth:`spread` adds integers."""
        self._found: dict[tuple[object, ...], Found] = {}
        self.scales = list(self.roles.values())
        self.sums = Sums(
            [self.scales, *(list(layout.values()) for _, layout in self.dimensions)],
            len(statements),
        )
        """The bank's sums first (group 0), then each dimension's (groups 1, 2, ...)."""
        self._leans: list[dict[int, DimensionLean]] = [{} for _ in self.dimensions]
        self._spreads: dict[int, Fraction] = {}

    def _layout(self, positions: Iterable[int]) -> Layout:
        found: dict[str, tuple[list[int], list[int]]] = {}
        for i in positions:
            statement = self.data.quiz.statements[i]
            weights, where = found.setdefault(statement.keyed, ([], []))
            weights.append(statement.weight)
            where.append(i)
        quiz = self.data.quiz
        return {r: Scale(quiz, r, *found[r]) for r in self.role_ids if r in found}

    def score(self, answers: Sequence[int]) -> Result:
        check_answers(self.data.quiz, answers)
        counts = list(map(answers.count, ANSWERS))
        most = max(counts)
        lining = (counts.index(most) + 1, most) if most >= STRAIGHT_LINING * len(answers) else None
        key = (lining, self.sums.of(answers) & self.sums.masks[0])
        found = self._found.get(key)
        if found is None:
            found = self._find(key[1], lining, len(answers))
            if len(self._found) < REMEMBERED:
                self._found[key] = found
        return Result(self.data.quiz.version, tuple(answers), *found.fields, self)

    def _find(self, packed: int, lining: tuple[int, int] | None, answered: int) -> Found:
        """The verdict and what it rests on. It depends on the answers only through each role's
        sums of answers and of their squares (weighted, and plain where weights differ) and on
        straight-lining, so :meth:`score` remembers it by them: a group repeats them often."""
        quiz = self.data.quiz
        sums = self.sums.unpacked(packed, 0)
        measured = {
            scale.role_id: scale.measure_sums(weighted)
            for scale, (weighted, _) in zip(self.scales, sums, strict=True)
        }
        ranking = tuple(sorted(measured, key=lambda r: (-measured[r].mean, self.order[r])))
        first, second = measured[ranking[0]], measured[ranking[1]]
        comparison = compare(quiz, first, second)
        spread = self._spread_of(plain for _, plain in sums)
        styles = self._styles(lining, answered, spread)
        if styles:
            outcome = NO_SIGNAL
        elif first.weighted_sum <= NEUTRAL * first.weight:
            outcome = NEITHER
        elif comparison.clear:
            outcome = first.role
        elif second.level == HIGH:
            outcome = BOTH
        else:
            outcome = TOO_CLOSE
        return Found(
            measured,
            ranking,
            comparison,
            outcome,
            (*styles, *self.bank_warnings),
            retake_agreement(quiz, first, second, spread, self.freedom, outcome, styles),
        )

    def leans(self, answers: Sequence[int]) -> tuple[DimensionLean, ...]:
        packed = self.sums.of(answers)
        shifts, masks = self.sums.shifts, self.sums.masks
        found = []
        for group, known in enumerate(self._leans, 1):
            block = (packed >> shifts[group]) & masks[group]
            found.append(known.get(block) or self._lean(group, block))
        return tuple(found)

    def lean(self, group: int, block: int) -> DimensionLean:
        """The lean of dimension ``group`` (1, 2, ... as in :attr:`sums`) for its sums ``block``."""
        return self._leans[group - 1].get(block) or self._lean(group, block)

    def _lean(self, group: int, block: int) -> DimensionLean:
        """A lean only where every role has enough statements in the dimension to measure it,
        and only by the same rule as the whole quiz: a difference beyond the margin of error
        and the minimum difference. It depends on the answers only through each role's sums, so
        it is remembered by them."""
        measured = [
            scale.measure_sums(weighted)
            for scale, (weighted, _) in zip(
                self.sums.groups[group], self.sums.unpacked(block, group), strict=True
            )
        ]
        first, second = sorted(measured, key=lambda i: -i.mean)[:2]
        clear = compare(self.data.quiz, first, second).clear
        dim_id = self.dimensions[group - 1][0]
        lean = DimensionLean(
            dim_id, {i.role: i.mean for i in measured}, first.role if clear else None
        )
        if len(self._leans[group - 1]) < REMEMBERED:
            self._leans[group - 1][block] = lean
        return lean

    def weighed_most(self, answers: Sequence[int]) -> tuple[WeighedMost, ...]:
        """Per role, every answer at the largest distance from Neutral: ties are kept as ties."""
        return tuple(
            WeighedMost(role_id, tuple(most))
            for role_id, most in self.furthest(answers, self._weighed_laid)
        )

    def lay_out(self, table: Mapping[str, Sequence[Mapping[int, T]]]) -> Laid[T]:
        """``table`` (per role, per statement of the role: what stands for each answer) laid out
        for :meth:`furthest`: also per distance from Neutral, each statement's entries at that
        distance and None at the others, so the answers at a distance are picked out in C."""
        by_distance = {
            role_id: [
                [
                    tuple(
                        row.get(a) if abs(a - NEUTRAL) == distance else None for a in ANSWER_SLOTS
                    )
                    for row in rows
                ]
                for distance in range(len(SCALE) - NEUTRAL + 1)
            ]
            for role_id, rows in table.items()
        }
        return Laid(table, by_distance)

    def furthest(self, answers: Sequence[int], laid: Laid[T]) -> list[tuple[str, list[T]]]:
        """:meth:`weighed_most`, each answer looked up in a table :meth:`lay_out` laid out: a
        group's JSON Lines look up each answer's text instead of its :class:`Weighed`."""
        found = []
        for role_id, scale in self.roles.items():
            chosen = scale.pick(answers)
            if scale.unit:
                furthest = max(max(chosen) - NEUTRAL, NEUTRAL - min(chosen))
                if furthest:
                    at = laid.by_distance[role_id][furthest]
                    given = filter(_GIVEN, map(operator.getitem, at, chosen))
                    found.append((role_id, cast("list[T]", list(given))))
                continue
            pulls = [w * abs(a - NEUTRAL) for w, a in zip(scale.weights, chosen, strict=True)]
            furthest = max(pulls)
            if furthest:
                entries = map(operator.getitem, laid.table[role_id], chosen)
                found.append((role_id, list(compress(entries, map(furthest.__eq__, pulls)))))
        return found

    def spread(self, answers: Sequence[int]) -> Fraction:
        """The pooled variance of the answers around each role's own mean: how far the answers
        to one role's work disagree with each other (weights aside)."""
        return self._spread(scale.pick(answers) for scale in self.roles.values())

    def _spread(self, picks: Iterable[tuple[int, ...]]) -> Fraction:
        return self._spread_of(
            (sum(picked), sum(map(operator.mul, picked, picked))) for picked in picks
        )

    def _spread_of(self, sums: Iterable[tuple[int, int]]) -> Fraction:
        """:meth:`spread` from each role's plain sums of the answers and of their squares."""
        if not self.freedom:
            return Fraction(0)
        common = self.common  # each role's squares over its own count, summed in whole numbers
        squares = 0
        for (total, squared), n in zip(sums, self.counts, strict=True):
            squares += (n * squared - total * total) * (common // n)
        known = self._spreads.get(squares)
        if known is None:
            known = Fraction(squares, common * self.freedom)
            if len(self._spreads) < REMEMBERED:
                self._spreads[squares] = known
        return known

    def _styles(
        self, lining: tuple[int, int] | None, answered: int, spread: Fraction
    ) -> list[Notice]:
        """Straight-lining first (``lining``: the answer given at least :data:`STRAIGHT_LINING`
        of the time and how often, when one was); then the consistency check.

        Bank versions 1 and 2 also warned of acquiescence and nay-saying (nearly every statement
        agreed, or disagreed, for every role). With every statement an activity to like, that is
        exactly what a person who likes both roles, or neither, answers: the warnings fired on
        44% of them and on only 15% of people agreeing by habit (issue 15). They are gone; the
        verdicts ``both`` and ``neither`` say what such answers show.
        """
        if lining is not None:
            value, count = lining
            return [
                Notice(
                    STRAIGHT_LINING_CODE,
                    f"Almost every answer was '{SCALE[value - 1]}' ({count} of {answered}), "
                    "so the answers cannot tell the roles apart. Take the quiz again and weigh "
                    "each statement on its own.",
                )
            ]
        num, den = spread.numerator, spread.denominator  # compared in integers: faster
        if num * _CUT_DEN < _CUT_NUM * den:
            return []
        return [_inconsistent(f"{num / den:.1f}")]


@functools.lru_cache(maxsize=256)
def _inconsistent(spread: str) -> Notice:
    """The consistency warning for a spread as shown: one of a few dozen, made once each."""
    return Notice(
        INCONSISTENT_CODE,
        "Your answers to the same role's work varied about as much as random answers do "
        f"(spread {spread}; careful answers stay under {float(INCONSISTENT_SPREAD):.1f}), so "
        "they cannot show a preference. Take the quiz again when you have time to weigh each "
        "activity.",
    )


RETAKE_SPREAD = 2.0
"""How much a retake's role means vary around this sitting's, as a multiple of each mean's own
squared standard error: twice, since this sitting's mean is itself that far from the person's
true one and the retake's as far again (what resampling the answers and answering again gives).
Checked by simulation (docs/simulation.md)."""
PRIOR_VARIANCE = 0.8
PRIOR_WEIGHT = 4
"""A role whose answers happen to agree closely (all 5s, say) does not have a retake-proof mean:
the within-role variance is shrunk towards ``PRIOR_VARIANCE`` as if from ``PRIOR_WEIGHT`` more
answers. Careful respondents' variance is about 0.5 to 1.1 in the two simulated models; these two
figures were chosen with ``RETAKE_SPREAD`` so that the stated figure matches retakes there."""
SPREAD_NOISE = 1.0
"""The consistency check on a retake: the spread varies by about its own size times
``sqrt(2 / freedom)`` (a variance's sampling error), times this factor."""
STRAIGHT_LINING_RETAKE = 0.5
"""Straight-lining is a way of answering, not a measurement: nothing in the answers says whether
it would happen again, so the estimate says "as likely as not"."""
NODES = tuple(NormalDist().inv_cdf((k + 0.5) / 24) for k in range(24))
"""Equal-probability points of the standard normal: the retake's second mean is integrated over
them (the first in closed form), a fixed 24-step computation per respondent."""


def _below(x: float, mean: float, sd: float) -> float:
    """P(X <= x) for X normal with this mean and sd."""
    return 0.5 * math.erfc((mean - x) / (sd * math.sqrt(2)))


def retake_agreement(
    quiz: Quiz,
    first: Interest,
    second: Interest,
    spread: Fraction,
    freedom: int,
    verdict: str,
    styles: Sequence[Notice],
) -> float:
    """How likely a retake gives ``verdict``, from this person's own answers.

    An analytic stand-in for resampling the answers: each role's mean on a retake is taken as
    normal around this sitting's, with the variance of the mean (shrunk, see ``PRIOR_WEIGHT``)
    times ``RETAKE_SPREAD``; the verdict's region in the plane of the two means (its borders:
    Neutral, the high level, the margin of error or minimum difference, whichever is larger) is
    integrated over, and multiplied by the chance that the consistency check gives the same
    answer again. Only the top two roles are followed. A fixed, small computation, so a group of
    100,000 respondents costs seconds.
    """
    value = spread.numerator / spread.denominator  # float(), without the generic Rational's steps
    noise = value * math.sqrt(2 / freedom) * SPREAD_NOISE if freedom else 0.0
    threshold = float(INCONSISTENT_SPREAD)
    if any(w.code == STRAIGHT_LINING_CODE for w in styles):
        return STRAIGHT_LINING_RETAKE
    flagged_again = _below(value, threshold, noise) if noise else float(spread >= threshold)
    if verdict == NO_SIGNAL:
        return flagged_again

    def sd(interest: Interest) -> float:
        variance = interest.standard_error**2 * interest.statements
        shrunk = (variance * (interest.statements - 1) + PRIOR_VARIANCE * PRIOR_WEIGHT) / (
            interest.statements - 1 + PRIOR_WEIGHT
        )
        return math.sqrt(shrunk / interest.statements * RETAKE_SPREAD)

    m1, s1, m2, s2 = first.mean, sd(first), second.mean, sd(second)
    border = max(
        quiz.min_difference, Z95_FLOAT * math.hypot(first.standard_error, second.standard_error)
    )
    high, neutral = quiz.high_from, float(NEUTRAL)
    total = 0.0
    for z in NODES:
        y = m2 + s2 * z
        if verdict == first.role:
            share = 1 - _below(max(y + border, neutral), m1, s1)
        elif verdict == NEITHER:
            share = _below(neutral, m1, s1) if y <= neutral else 0.0
        elif verdict == BOTH:
            low = max(y - border, high)
            share = max(0.0, _below(y + border, m1, s1) - _below(low, m1, s1)) if y >= high else 0.0
        else:  # too close
            if y >= high:
                low, up = y - border, min(y + border, high)
            elif y > neutral:
                low, up = y - border, y + border
            else:
                low, up = max(y - border, neutral), y + border
            share = max(0.0, _below(up, m1, s1) - _below(low, m1, s1))
        total += share
    return total / len(NODES) * (1 - flagged_again)


def score(data: Dataset, answers: Sequence[int]) -> Result:
    """Score a completed quiz: both interests, the comparison, the verdict and the reasons."""
    return Scorer(data).score(answers)


def balance(data: Dataset) -> dict[str, tuple[int, int]]:
    """Per role: how many statements are keyed to it and the most weight it can attain."""
    counts = dict.fromkeys(data.roles, (0, 0))
    for statement in data.quiz.statements:
        number, weight = counts[statement.keyed]
        counts[statement.keyed] = (number + 1, weight + statement.weight * (len(SCALE) - NEUTRAL))
    return counts


def balance_warnings(data: Dataset) -> list[Notice]:
    """A warning when roles have different numbers of statements: their precision differs."""
    counts = balance(data)
    if len({count for count, _ in counts.values()}) <= 1:
        return []
    detail = ", ".join(f"{role_id} {count}" for role_id, (count, _) in counts.items())
    return [
        Notice(
            UNBALANCED_CODE,
            f"The statement bank is unbalanced (statements per role: {detail}); roles with "
            "fewer statements are measured less precisely.",
        )
    ]


def data_warnings(data: Dataset) -> list[str]:
    """What ``validate`` says about the quiz beyond errors."""
    warnings = [notice.message for notice in balance_warnings(data)]
    counts = balance(data)
    warnings += [
        f"role '{role_id}' has no quiz statements; the quiz leaves it out"
        for role_id, (count, _) in counts.items()
        if not count
    ]
    for name in ("close_margin", "strong_margin"):
        if getattr(data.quiz, name) is not None:
            warnings.append(
                f"quiz.{name} is no longer used: the quiz now decides from each role's margin "
                "of error and quiz.min_difference; remove it"
            )
    return warnings


def data_mark(data: Dataset) -> str:
    """A short hash of the roles and the bank: results carrying another mark are not compared."""
    digest = hashlib.sha256()
    for role_id in data.roles:
        digest.update(f"role\0{role_id}\0".encode())
    for s in data.quiz.statements:
        digest.update(f"statement\0{s.id}\0{s.keyed}\0{s.weight}\0{s.text}\0".encode())
    return digest.hexdigest()[:12]


def check_answers(quiz: Quiz, answers: Sequence[int]) -> None:
    if len(answers) != len(quiz.statements):
        raise UsageError(f"expected {plural(len(quiz.statements), 'answer')}, got {len(answers)}")
    if answers and min(answers) >= 1 and max(answers) <= len(SCALE):
        return  # the common case, checked at C speed; the loop below only names the culprit
    for position, answer in enumerate(answers, start=1):
        if not 1 <= answer <= len(SCALE):
            raise UsageError(f"answer {position} is {answer}; answers are 1 to {len(SCALE)}")


_ITEM = re.compile(r"[^,\s]+")


def parse_answers(text: str, expected: int, option: str = "--answers") -> tuple[int, ...]:
    """``5,4,2,...`` or the compact ``542...``; errors name the position and what is allowed.

    The items are taken one at a time and no more than ``expected`` are kept: a line of an
    answers file can be megabytes long, and costs one pass, not a list of every character.
    """
    cleaned = text.strip()
    if len(cleaned) == expected and not cleaned.strip(_ANSWER_DIGITS):
        # The compact form, checked and read at C speed: its digits are ASCII, so each byte less
        # ord("0") is its number (int() on each character costs five times as much).
        return tuple(cleaned.encode("ascii").translate(_DIGIT_VALUES))
    items: Iterable[str] = (
        (match.group() for match in _ITEM.finditer(cleaned))
        if re.search(r"[,\s]", cleaned)
        else cleaned
    )
    answers = []
    count = 0
    for count, item in enumerate(items, start=1):
        if item not in _DIGITS:
            allowed = ", ".join(f"{i} {label}" for i, label in enumerate(SCALE, 1))
            shown = item if len(item) <= 40 else f"{item[:40]}..."
            raise UsageError(
                f"{option}: position {count} is '{shown}'; allowed: 1 to {len(SCALE)} ({allowed})"
            )
        if count <= expected:
            answers.append(int(item))
    if count != expected:
        raise UsageError(
            f"{option}: got {plural(count, 'answer')}, the quiz has "
            f"{plural(expected, 'statement')}; "
            "give one answer per statement in order (see: rolecompare quiz --questions)"
        )
    return tuple(answers)


def estimated_minutes(quiz: Quiz) -> int:
    return max(1, math.ceil(len(quiz.statements) * quiz.seconds_per_statement / 60))


def interest_json(result: Result) -> dict[str, dict[str, Any]]:
    return {role_id: interest_entry(i) for role_id, i in result.interest.items()}


def interest_entry(interest: Interest) -> dict[str, Any]:
    return {
        "mean": round(interest.mean, 2),
        "standard_error": round(interest.standard_error, 2),
        "level": interest.level,
        "statements": interest.statements,
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
        self._titles = {dim_id: dimension.title for dim_id, dimension in data.dimensions.items()}
        self.mark = mark or data_mark(data)
        self.shared = {
            "statements": [statement.id for statement in data.quiz.statements],
            "taken_at": taken_at.isoformat(timespec="seconds"),
            "disclaimer": data.quiz.disclaimer,
            "source": source_json(data.primary_source),
        }
        """The document's last members, the same in every result of the group."""
        self._weighed: dict[tuple[str, int], dict[str, Any]] = {}

    def entry(self, weighed: Weighed) -> dict[str, Any]:
        """One answer weighed most; a statement and an answer make the same entry every time."""
        key = (weighed.statement.id, weighed.answer)
        if key not in self._weighed:
            self._weighed[key] = {
                "id": weighed.statement.id,
                "statement": weighed.statement.text,
                "answer": weighed.answer,
                "label": SCALE[weighed.answer - 1],
            }
        return self._weighed[key]

    def lean(self, lean: DimensionLean) -> dict[str, Any]:
        return {
            "id": lean.dimension,
            "title": self._titles[lean.dimension],
            "lean": lean.lean,
            "means": {r: round(v, 2) for r, v in lean.means.items()},
        }

    def of(self, result: Result) -> dict[str, Any]:
        entry = self.entry
        return {
            "verdict": result.verdict,
            "recommendation": result.recommendation,
            "interest": interest_json(result),
            "ranking": list(result.ranking),
            "difference": round(result.difference, 2),
            "margin_of_error": round(result.margin_of_error, 2),
            "clear_difference": result.clear,
            "retake_agreement": round(result.retake_agreement, 2),
            "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
            "dimensions": [self.lean(lean) for lean in result.dimensions],
            "weighed_most": {
                most.role: [entry(w) for w in most.answers] for most in result.weighed_most
            },
            "bank_version": result.bank_version,
            "data_mark": self.mark,
            "answers": list(result.answers),
            **self.shared,
        }
