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

The first two roles of the data are the ones compared; any further role gets a mixed interest.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rolecompare.core import loader
from rolecompare.core.models import Dataset
from rolecompare.core.quiz import ACQUIESCENCE_CODE, Scorer

PERSON_SD = 0.25
ITEM_SD = 0.3
NOISE_SD = 0.8
AGREEABLE_SHIFT = 1.0
OTHER_ROLES = 2.5
GOAL_RANDOM_RECOMMENDED = 0.10


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
        "random",
        "answers at random (right: anything but a recommendation)",
        3.0,
        3.0,
        _no_recommendation,
        random_answers=True,
    ),
)


def answers_of(data: Dataset, kind: Kind, offsets: list[float], rnd: random.Random) -> list[int]:
    statements = data.quiz.statements
    if kind.random_answers:
        return [rnd.randint(1, 5) for _ in statements]
    role_ids = list(data.roles)
    truth = dict.fromkeys(role_ids, OTHER_ROLES)
    truth[role_ids[0]] = kind.first + rnd.gauss(0, PERSON_SD)
    truth[role_ids[1]] = kind.second + rnd.gauss(0, PERSON_SD)
    return [
        min(5, max(1, round(truth[s.keyed] + offset + kind.shift + rnd.gauss(0, NOISE_SD))))
        for s, offset in zip(statements, offsets, strict=True)
    ]


def simulate(data: Dataset, per_kind: int, seed: int) -> dict[str, dict[str, object]]:
    """Per kind: how many respondents, the share with the right verdict, every verdict's count,
    the share recommended a role and the share warned of agreeing by habit."""
    rnd = random.Random(seed)
    offsets = [rnd.gauss(0, ITEM_SD) for _ in data.quiz.statements]
    first, second = list(data.roles)[:2]
    scorer = Scorer(data)
    report: dict[str, dict[str, object]] = {}
    for kind in KINDS:
        verdicts: Counter[str] = Counter()
        right = recommended = acquiescent = 0
        for _ in range(per_kind):
            result = scorer.score(answers_of(data, kind, offsets, rnd))
            verdicts[result.verdict] += 1
            right += kind.right(result.verdict, first, second)
            recommended += result.recommendation is not None
            acquiescent += any(w.code == ACQUIESCENCE_CODE for w in result.warnings)
        report[kind.name] = {
            "description": kind.description,
            "respondents": per_kind,
            "right": right / per_kind,
            "recommended": recommended / per_kind,
            "acquiescence_warned": acquiescent / per_kind,
            "verdicts": dict(verdicts.most_common()),
        }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=2000, help="respondents of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=None, help="a data file (default: built-in)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    data = loader.load(loader.resolve_data_path(args.data))
    report = simulate(data, args.per_kind, args.seed)
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.per_kind} simulated respondents per kind, seed {args.seed}")
        print(f"{'kind':<14} {'right':>6} {'recommended':>12} {'agree-warned':>13}  verdicts")
        for name, row in report.items():
            counts = row["verdicts"]
            assert isinstance(counts, dict)
            spread = ", ".join(f"{verdict} {count}" for verdict, count in counts.items())
            print(
                f"{name:<14} {row['right']:>6.0%} {row['recommended']:>12.0%} "
                f"{row['acquiescence_warned']:>13.0%}  {spread}"
            )
    random_rate = report["random"]["recommended"]
    assert isinstance(random_rate, float)
    return 0 if random_rate <= GOAL_RANDOM_RECOMMENDED else 1


if __name__ == "__main__":
    sys.exit(main())
