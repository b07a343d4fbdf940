"""Flood benchmark: time and peak memory of ``quiz --answers-file`` on the largest inputs it takes.

Run it with the interpreter of the environment to measure (rolecompare installed there)::

    python benchmarks/flood.py [--only NAME ...] [--python PATH] [--timeout SECONDS]

Issue 16 found that the 16 MB cap on an answers file bounded neither time nor memory: 160,000 rows
took 59 s and 816 MB, and one 15 MB name took 210 s. Each case here is one fresh process (output
to /dev/null, ``COLUMNS=100``, ``TERM=dumb``). Its wall time is what a user waits; its CPU time
(user + system, the command's and its worker processes') and peak resident memory (of its largest
process) come from the kernel's accounting of that child (``os.wait4``).

The budget is the issue's, 100,000 rows in under 10 s: a time the user waits, so it is judged on
wall time, the best of ``--rounds`` runs (a neighbour on a shared machine only ever adds time). A
large group is scored by one process per core, so the CPU time is about twice the wall time on
two cores. Memory is shown for information; it should not grow with the row count. Exit status: 0
when every budget passes, 1 otherwise. Like ``bench.py``, a tool for people and CI, not a timed
test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BUDGET_SECONDS = 10.0
"""Issue 16: 100,000 rows in under 10 s."""
NAME_BYTES = 15 << 20


BANK_SIZE = (
    "from rolecompare.core import loader; "
    "print(len(loader.load(loader.resolve_data_path(None)).quiz.statements))"
)
"""Run by the measured interpreter: how many statements its built-in question bank has."""


def bank_statements(python: str) -> int:
    """Answers per row, as many as the measured install's built-in bank has statements (40 in
    bank version 4), asked of that install, which this script's own interpreter may not have."""
    done = subprocess.run(
        [python, "-c", BANK_SIZE], capture_output=True, text=True, check=True, timeout=60
    )
    return int(done.stdout)


def rows(count: int, statements: int) -> str:
    """``count`` named respondents, nearly every one with answers of their own (pseudo-random,
    the same every run): a flood of one repeated line would measure far less work."""
    state = 20161
    lines = []
    for n in range(count):
        answers = []
        for _ in range(statements):
            state = (state * 1103515245 + 12345) % (1 << 31)
            answers.append(str(1 + (state >> 16) % 5))
        lines.append(f"Person {n},{''.join(answers)}\n")
    return "".join(lines)


def long_name(quoted: bool, statements: int) -> str:
    """One respondent whose name is 15 MB: CSV-quoted (with doubled quotes in it) or bare."""
    answers = "3" * statements
    if quoted:
        return '"' + 'Ana ""A"" ' * (NAME_BYTES // 10) + f'",{answers}\n'
    return "A" * NAME_BYTES + f",{answers}\n"


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    content: Callable[[int], str]
    """The answers file, given how many statements the bank has."""
    fmt: str
    budget: float | None = None


CASES = (
    Case(
        "rows-100k-json",
        "100,000 rows, JSON Lines",
        lambda n: rows(100_000, n),
        "json",
        BUDGET_SECONDS,
    ),
    Case(
        "rows-100k-table",
        "100,000 rows, table",
        lambda n: rows(100_000, n),
        "table",
        BUDGET_SECONDS,
    ),
    Case("rows-160k-json", "160,000 rows, JSON Lines", lambda n: rows(160_000, n), "json"),
    Case("rows-160k-table", "160,000 rows, table", lambda n: rows(160_000, n), "table"),
    Case("name-bare", "one 15 MB name, bare, table", lambda n: long_name(False, n), "table"),
    Case("name-quoted", "one 15 MB name, CSV-quoted, JSON", lambda n: long_name(True, n), "json"),
)


@dataclass(frozen=True)
class Outcome:
    seconds: float
    cpu: float | None
    peak_mb: float | None
    status: int | None
    """The exit status; None when the run was stopped at the timeout."""


def run(argv: Sequence[str], timeout: float) -> Outcome:
    """One run, output discarded; its wall time, and its own CPU time and peak RSS (``wait4``;
    ``ru_maxrss`` is in KiB on Linux)."""
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
    start = time.perf_counter()
    with subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as child:
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(status)
                scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
                return Outcome(
                    time.perf_counter() - start,
                    usage.ru_utime + usage.ru_stime,
                    usage.ru_maxrss * scale / (1 << 20),
                    child.returncode,
                )
            if time.perf_counter() > deadline:
                child.kill()
                child.wait()
                return Outcome(timeout, None, None, None)
            time.sleep(0.02)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter to measure")
    parser.add_argument("--only", action="append", choices=[c.name for c in CASES], default=[])
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a run stops")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each case with a budget")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = [c for c in CASES if not args.only or c.name in args.only]
    failed = []
    statements = bank_statements(args.python)
    print(f"{statements} answers per row, as many as the bank has statements")
    print(f"{os.cpu_count()} cores; budgets on the best wall time of {args.rounds} runs")
    print(f"{'case':<36} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}  budget (wall)")
    with tempfile.TemporaryDirectory(prefix="rolecompare-flood-") as folder:
        for case in chosen:
            source = Path(folder) / f"{case.name}.txt"
            source.write_text(case.content(statements), encoding="utf-8")
            argv = [args.python, "-m", "rolecompare", "quiz", "--answers-file", str(source)]
            rounds = args.rounds if case.budget is not None else 1
            outcome = min(
                (run([*argv, "--format", case.fmt], args.timeout) for _ in range(rounds)),
                key=lambda o: o.seconds,
            )
            source.unlink()
            seconds = (
                f"{outcome.seconds:8.1f}" if outcome.status is not None else f">{args.timeout:7.0f}"
            )
            cpu = f"{outcome.cpu:8.1f}" if outcome.cpu is not None else f"{'-':>8}"
            peak = f"{outcome.peak_mb:8.0f}" if outcome.peak_mb is not None else f"{'-':>8}"
            verdict = "-"
            if case.budget is not None:
                ok = outcome.status == 0 and outcome.seconds < case.budget
                verdict = f"< {case.budget:.0f} s {'PASS' if ok else 'FAIL'}"
                if not ok:
                    failed.append(case.name)
            elif outcome.status != 0:
                verdict = f"exit {outcome.status}" if outcome.status is not None else "timed out"
            print(f"{case.label:<36} {seconds} {cpu} {peak}  {verdict}", flush=True)
    if failed:
        print(f"FAIL: {', '.join(failed)}")
        return 1
    print("PASS: every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
