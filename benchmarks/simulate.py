"""Simulated respondents with known preferences, scored by the real quiz engine.

No real PMO staff or project managers have taken the bank yet, so this is the evidence we have:
people whose interest in each role is known answer every statement with noise, and we count how
often the verdict is the right one. Run it with the interpreter of an environment where
rolecompare is installed::

    python benchmarks/simulate.py [--per-kind 2000] [--seed 7] [--data PATH] [--format json]

The answer model (its assumptions, stated so they can be argued with):

* each kind of respondent has a true interest per role on the 1-5 answer scale; each person's
  interest varies around it (normal, sd ``PERSON_SD``);
* each statement has its own appeal, an offset drawn once per run (normal, sd ``ITEM_SD``);
* an answer is the person's interest in the statement's role plus the statement's offset plus
  noise (normal, sd ``NOISE_SD``), plus the person's answering style (an agreeable person adds
  ``AGREEABLE_SHIFT``), rounded and kept within 1-5;
* random respondents pick 1-5 uniformly, ignoring the statements.

``--model grm`` is a second, independent respondent model (issue 15), a graded-response model:

* each statement has its own quality (its discrimination, log-normal around ``QUALITY``) and
  location (normal, sd ``ITEM_SD``), drawn afresh for every seed;
* a person's latent interest in a role is the kind's interest less 3, plus person noise (sd
  ``PERSON_SD``); an answer is 1 plus the number of ``THRESHOLDS`` (around the statement's
  location) the person passes, each passed with logistic probability;
* each person has a response style: a habit shift (agreeing or disagreeing, sd ``STYLE_SD``
  around the kind's own) and an extremity (a factor on the discrimination, log-normal, sd
  ``STYLE_SD``): extreme responders use the ends of the scale;
* ``CARELESS_SHARE`` of people answer one stretch of ``CARELESS_STRETCH`` statements at random;
  the ``careless-half`` kind answers half of the quiz at random.

Every person also takes the quiz again (same interest, same style, fresh noise and fresh
carelessness), so the report shows how often a retake keeps the verdict, beside the quiz's own
``retake_agreement``. Every figure is a range over ``--seeds`` seeds, each with its own statement
draw, and the stated ``retake_agreement`` is compared with the observed retake agreement band by
band (pooled over kinds and seeds).

The first two roles of the data are the ones compared; any further role gets a mixed interest.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rolecompare.core import loader
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import NO_SIGNAL_CODES, Scorer

PERSON_SD = 0.25
ITEM_SD = 0.3
NOISE_SD = 0.8
AGREEABLE_SHIFT = 1.0
OTHER_ROLES = 2.5
GOAL_RANDOM_RECOMMENDED = 0.03
GOAL_RANDOM_FLAGGED = 0.70
QUALITY = 3.0
STYLE_SD = 0.3
CARELESS_SHARE = 0.05
CARELESS_STRETCH = 8
THRESHOLDS = (-1.5, -0.5, 0.5, 1.5)
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0))
"""Bands of the stated retake agreement in which it is compared with the observed one."""


@dataclass(frozen=True)
class Kind:
    """A kind of respondent: true interest in the first and second role, and what is right."""

    name: str
    description: str
    first: float
    second: float
    right: Callable[[str, str, str], bool]  # (verdict, first role id, second role id)
    shift: float = 0.0
    random_answers: bool = False
    careless_half: bool = False

    @property
    def prefers(self) -> str | None:
        """ "first" or "second" for a kind with a preference, else None."""
        if self.random_answers or self.first == self.second:
            return None
        return "first" if self.first > self.second else "second"


def _is(expected: str) -> Callable[[str, str, str], bool]:
    return lambda verdict, first, second: (
        verdict == {"first": first, "second": second}.get(expected, expected)
    )


def _no_recommendation(verdict: str, first: str, second: str) -> bool:
    return verdict not in {first, second}


KINDS = (
    Kind("likes-first", "likes the first role, not the second", 4.2, 2.2, _is("first")),
    Kind("likes-second", "likes the second role, not the first", 2.2, 4.2, _is("second")),
    Kind("likes-both", "likes both roles", 4.2, 4.2, _is("both")),
    Kind("likes-neither", "likes neither role", 1.9, 1.9, _is("neither")),
    Kind("moderate", "a moderate preference for the first role", 3.8, 2.8, _is("first")),
    Kind(
        "agreeable",
        "prefers the first role moderately and agrees by habit (+1 on every answer)",
        3.5,
        2.5,
        _is("first"),
        shift=AGREEABLE_SHIFT,
    ),
    Kind(
        "careless-half",
        "likes the first role, not the second, but answers half of the quiz at random "
        "(right: the first role or no recommendation)",
        4.2,
        2.2,
        lambda verdict, first, second: verdict != second and verdict not in ("both", "neither"),
        careless_half=True,
    ),
    Kind(
        "random",
        "answers at random (right: anything but a recommendation)",
        3.0,
        3.0,
        _no_recommendation,
        random_answers=True,
    ),
)


def truth_of(data: Dataset, kind: Kind, rnd: random.Random) -> dict[str, float]:
    """One person's interest in each role, which stays the same on a retake."""
    role_ids = list(data.roles)
    truth = dict.fromkeys(role_ids, OTHER_ROLES)
    truth[role_ids[0]] = kind.first + rnd.gauss(0, PERSON_SD)
    truth[role_ids[1]] = kind.second + rnd.gauss(0, PERSON_SD)
    return truth


def answers_of(
    data: Dataset, kind: Kind, truth: dict[str, float], offsets: list[float], rnd: random.Random
) -> list[int]:
    """One sitting of the simple model, with fresh noise."""
    statements = data.quiz.statements
    if kind.random_answers:
        return [rnd.randint(1, 5) for _ in statements]
    start, end = careless_stretch(kind, len(statements), rnd)
    return [
        rnd.randint(1, 5)
        if start <= index < end
        else min(5, max(1, round(truth[s.keyed] + offset + kind.shift + rnd.gauss(0, NOISE_SD))))
        for index, (s, offset) in enumerate(zip(statements, offsets, strict=True))
    ]


def careless_stretch(kind: Kind, n: int, rnd: random.Random) -> tuple[int, int]:
    """The statements answered at random, ``[start, end)``: half of them for the careless-half
    kind; for the others, a stretch for ``CARELESS_SHARE`` of people only in the graded-response
    model (the simple model's people are careful)."""
    if not kind.careless_half:
        return (0, 0)
    start = rnd.randrange(n - n // 2 + 1)
    return (start, start + n // 2)


# ---------------------------------------------------------------- the graded-response model


@dataclass(frozen=True)
class Person:
    """One person of the graded-response model: what stays the same on a retake."""

    theta: dict[str, float]
    shift: float
    extremity: float


@dataclass(frozen=True)
class Item:
    quality: float
    location: float


def grm_bank(data: Dataset, rnd: random.Random) -> list[Item]:
    return [
        Item(math.exp(rnd.gauss(math.log(QUALITY), 0.3)), rnd.gauss(0, ITEM_SD))
        for _ in data.quiz.statements
    ]


def grm_person(data: Dataset, kind: Kind, rnd: random.Random) -> Person:
    role_ids = list(data.roles)
    theta = dict.fromkeys(role_ids, OTHER_ROLES - 3)
    theta[role_ids[0]] = kind.first - 3 + rnd.gauss(0, PERSON_SD)
    theta[role_ids[1]] = kind.second - 3 + rnd.gauss(0, PERSON_SD)
    shift = kind.shift + rnd.gauss(0, STYLE_SD)
    return Person(theta, shift, math.exp(rnd.gauss(0, STYLE_SD)))


def grm_answers(
    data: Dataset, kind: Kind, person: Person, items: list[Item], rnd: random.Random
) -> list[int]:
    """One sitting: fresh noise and, for some people, a fresh careless stretch."""
    n = len(items)
    start, end = careless_stretch(kind, n, rnd)
    if not kind.careless_half and rnd.random() < CARELESS_SHARE:
        start = rnd.randrange(n - CARELESS_STRETCH + 1)
        end = start + CARELESS_STRETCH
    answers = []
    for index, (statement, item) in enumerate(zip(data.quiz.statements, items, strict=True)):
        if kind.random_answers or start <= index < end:
            answers.append(rnd.randint(1, 5))
            continue
        latent = person.theta[statement.keyed] + person.shift - item.location
        slope = item.quality * person.extremity
        u = rnd.random()
        answers.append(1 + sum(u < 1 / (1 + math.exp(-slope * (latent - t))) for t in THRESHOLDS))
    return answers


def wrong_role(kind: Kind, verdict: str, first: str, second: str) -> bool:
    """A recommendation of the role the person likes less."""
    if kind.prefers is None:
        return False
    return verdict == (second if kind.prefers == "first" else first)


RATES = ("right", "wrong_role", "recommended", "flagged", "warned", "retake_same")


def grm_seed(
    data: Dataset, per_kind: int, seed: int, pairs: list[tuple[float, bool]]
) -> dict[str, dict[str, float]]:
    """One seed of the graded-response model: per kind, its rates and verdict shares; each
    person's (stated retake agreement, whether the retake kept the verdict) goes to ``pairs``."""
    rnd = random.Random(seed)
    items = grm_bank(data, rnd)
    first, second = list(data.roles)[:2]
    scorer = Scorer(data)
    rows: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        counts: Counter[str] = Counter()
        verdicts: Counter[str] = Counter()
        stated = 0.0
        for _ in range(per_kind):
            person = grm_person(data, kind, rnd)
            result = scorer.score(grm_answers(data, kind, person, items, rnd))
            again = scorer.score(grm_answers(data, kind, person, items, rnd))
            kept = again.verdict == result.verdict
            verdicts[result.verdict] += 1
            counts["right"] += kind.right(result.verdict, first, second)
            counts["wrong_role"] += wrong_role(kind, result.verdict, first, second)
            counts["recommended"] += result.recommendation is not None
            counts["flagged"] += any(w.code in NO_SIGNAL_CODES for w in result.warnings)
            counts["warned"] += any(w.code != "unbalanced-bank" for w in result.warnings)
            counts["retake_same"] += kept
            stated += result.retake_agreement
            pairs.append((result.retake_agreement, kept))
        row = {name: counts[name] / per_kind for name in RATES}
        row["retake_stated"] = stated / per_kind
        row |= {f"verdict {verdict}": count / per_kind for verdict, count in verdicts.items()}
        rows[kind.name] = row
    return rows


def grm_report(data: Dataset, per_kind: int, seeds: int, seed: int) -> dict[str, object]:
    """Every rate per kind as [lowest, highest] over ``seeds`` seeds, and the calibration of
    ``retake_agreement`` by band of the stated figure, pooled over seeds and kinds."""
    pairs: list[tuple[float, bool]] = []
    per_seed = [grm_seed(data, per_kind, seed + offset, pairs) for offset in range(seeds)]
    kinds: dict[str, dict[str, list[float]]] = {}
    for kind in KINDS:
        names = sorted({name for rows in per_seed for name in rows[kind.name]})
        kinds[kind.name] = {
            name: [
                min(rows[kind.name].get(name, 0.0) for rows in per_seed),
                max(rows[kind.name].get(name, 0.0) for rows in per_seed),
            ]
            for name in names
        }
    bands = []
    for low, high in BANDS:
        inside = [kept for stated, kept in pairs if low <= stated < high or stated == high == 1]
        if inside:
            stated_mean = sum(
                stated for stated, _ in pairs if low <= stated < high or stated == high == 1
            ) / len(inside)
            observed = sum(inside) / len(inside)
            bands.append(
                {
                    "band": [low, high],
                    "people": len(inside),
                    "stated": stated_mean,
                    "observed": observed,
                    "gap": observed - stated_mean,
                }
            )
    return {
        "model": "grm",
        "seeds": seeds,
        "per_kind": per_kind,
        "kinds": kinds,
        "calibration": bands,
    }


def print_grm(report: dict[str, object]) -> None:
    """The ranges as a table: each cell is the lowest and the highest figure over the seeds."""
    kinds = report["kinds"]
    bands = report["calibration"]
    assert isinstance(kinds, dict) and isinstance(bands, list)
    print(
        f"graded-response model, {report['per_kind']} people per kind, ranges over "
        f"{report['seeds']} seeds (each its own statement draw)"
    )
    columns = (*RATES, "retake_stated")
    print(f"{'kind':<14} " + " ".join(f"{c:>13}" for c in columns))
    for name, row in kinds.items():
        print(f"{name:<14} " + " ".join(f"{row[c][0]:>6.0%}-{row[c][1]:<6.0%}" for c in columns))
        verdicts = ", ".join(
            f"{v.removeprefix('verdict ')} {row[v][0]:.0%}-{row[v][1]:.0%}"
            for v in sorted(row)
            if v.startswith("verdict ")
        )
        print(f"{'':<14} verdicts: {verdicts}")
    print("retake_agreement calibration (pooled): band, people, stated, observed, gap")
    for band in bands:
        low, high = band["band"]
        print(
            f"  {low:.2f}-{high:.2f} {band['people']:>7} {band['stated']:>7.0%} "
            f"{band['observed']:>8.0%} {band['gap']:>+6.0%}"
        )


def simulate(data: Dataset, per_kind: int, seed: int) -> dict[str, dict[str, object]]:
    """Per kind: how many respondents, the share with the right verdict, every verdict's count,
    the share recommended a role, the share flagged (no signal in the answers), and how often a
    retake (same person, fresh noise) kept the verdict beside the mean stated
    ``retake_agreement``."""
    rnd = random.Random(seed)
    offsets = [rnd.gauss(0, ITEM_SD) for _ in data.quiz.statements]
    first, second = list(data.roles)[:2]
    scorer = Scorer(data)
    report: dict[str, dict[str, object]] = {}
    for kind in KINDS:
        verdicts: Counter[str] = Counter()
        right = recommended = flagged = kept = 0
        stated = 0.0
        for _ in range(per_kind):
            truth = truth_of(data, kind, rnd)
            result = scorer.score(answers_of(data, kind, truth, offsets, rnd))
            again = scorer.score(answers_of(data, kind, truth, offsets, rnd))
            kept += again.verdict == result.verdict
            stated += result.retake_agreement
            verdicts[result.verdict] += 1
            right += kind.right(result.verdict, first, second)
            recommended += result.recommendation is not None
            flagged += any(w.code in NO_SIGNAL_CODES for w in result.warnings)
        report[kind.name] = {
            "description": kind.description,
            "respondents": per_kind,
            "right": right / per_kind,
            "recommended": recommended / per_kind,
            "flagged": flagged / per_kind,
            "retake_same": kept / per_kind,
            "retake_stated": stated / per_kind,
            "verdicts": dict(verdicts.most_common()),
        }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=2000, help="respondents of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=None, help="a data file (default: built-in)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--model", choices=("simple", "grm"), default="simple")
    parser.add_argument("--seeds", type=int, default=10, help="grm: seeds to report ranges over")
    args = parser.parse_args(argv)
    data = loader.load(loader.resolve_data_path(args.data))
    if args.model == "grm":
        grm = grm_report(data, args.per_kind, args.seeds, args.seed)
        if args.format == "json":
            print(json.dumps(grm, indent=2))
        else:
            print_grm(grm)
        kinds = grm["kinds"]
        assert isinstance(kinds, dict)
        met = (
            kinds["random"]["recommended"][1] <= GOAL_RANDOM_RECOMMENDED
            and kinds["random"]["flagged"][0] >= GOAL_RANDOM_FLAGGED
        )
        return 0 if met else 1
    report = simulate(data, args.per_kind, args.seed)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.per_kind} simulated respondents per kind, seed {args.seed}")
        print(
            f"{'kind':<14} {'right':>6} {'recommended':>12} {'flagged':>8} {'retake':>7} "
            f"{'stated':>7}  verdicts"
        )
        for name, row in report.items():
            counts = row["verdicts"]
            assert isinstance(counts, dict)
            spread = ", ".join(f"{verdict} {count}" for verdict, count in counts.items())
            print(
                f"{name:<14} {row['right']:>6.0%} {row['recommended']:>12.0%} "
                f"{row['flagged']:>8.0%} {row['retake_same']:>7.0%} {row['retake_stated']:>7.0%}  "
                f"{spread}"
            )
    random_rate, random_flagged = report["random"]["recommended"], report["random"]["flagged"]
    assert isinstance(random_rate, float) and isinstance(random_flagged, float)
    met = random_rate <= GOAL_RANDOM_RECOMMENDED and random_flagged >= GOAL_RANDOM_FLAGGED
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
