"""Start-up benchmark for the rolecompare command, as ratios against reference Typer apps.

Run it with the interpreter of the environment to measure (rolecompare installed there)::

    python benchmarks/bench.py [--rounds 15] [--pty-rounds 21] [--only NAME ...] [--python PATH]
                               [--bin PATH]

Two reference apps are written to a temporary folder and run with the same interpreter as
rolecompare, in the same run, so the budgets are ratios that hold on any machine:

* ``minimal``: one Typer command with one option (``--name``) that prints one line;
* ``straightforward``: imports typer, rich and questionary at the top and prints one rich Table.

Every command runs as a fresh subprocess (stdout to /dev/null, ``COLUMNS=100``, ``TERM=dumb``),
interleaved round-robin after one discarded warm-up round, so that noise from a shared machine hits
every command alike. Bytecode is cached in a private folder the warm-up fills
(see ``bench_env``). Each run's CPU time (user + system, from the kernel's accounting of the child)
is measured beside its wall time, and budgets compare median CPU times: on a shared machine wall
time mostly measures the neighbours, CPU time is what starting costs the program itself. Wall
ratios are shown for information; the pty budget (time until text appears) can only be judged on
wall time, so it gets at least ``--pty-rounds`` rounds. Exit status: 0 when every budget passes, 1
otherwise.
This is a tool for people and CI, not a timed test: it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

QUIZ_PATTERN = "4253425142534251"
"""The scripted quiz's answers: this pattern, repeated to as many as the bank has statements."""
GROUP_SIZE = 1000
GROUP_FILE = "group.txt"
FIRST_STATEMENT_TEXT = "Statement 1 of"
PTY_ROUNDS = 21
RUN_TIMEOUT = 60.0
EXIT_TIMEOUT = 10.0

MINIMAL_APP = '''\
"""Reference: a minimal one-command, one-option Typer app that prints one line."""

import typer

app = typer.Typer()


@app.command()
def main(name: str = typer.Option("world", "--name", help="Who to greet.")) -> None:
    """Say hello."""
    print(f"Hello {name}")


if __name__ == "__main__":
    app()
'''

STRAIGHTFORWARD_APP = '''\
"""Reference: a straightforward app that imports everything at the top and prints one table."""

import questionary  # noqa: F401  (imported at the top, as a straightforward app would)
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main() -> None:
    """Print one table."""
    table = Table(title="PMO vs Project Manager")
    table.add_column("Dimension")
    table.add_column("PMO")
    table.add_column("Project Manager")
    table.add_row("Primary focus", "Standards across projects", "Delivering one project")
    table.add_row("Decision-making", "Strategic", "Tactical")
    table.add_row("Day rate", "400-600 GBP", "450-700 GBP")
    Console().print(table)


if __name__ == "__main__":
    app()
'''


# For information only: the same app with one option. Typer 0.29+ builds a pydantic TypeAdapter
# for every parameter, so any Typer app with an option imports pydantic (~100 ms here; rolecompare
# avoids it by converting its options itself, see rolecompare.typer_compat); the app above has none.
STRAIGHTFORWARD_OPTION_APP = STRAIGHTFORWARD_APP.replace(
    "def main() -> None:",
    'def main(title: str = typer.Option("PMO vs Project Manager", "--title")) -> None:',
).replace('Table(title="PMO vs Project Manager")', "Table(title=title)")


@dataclass(frozen=True)
class Bench:
    """One timed command. ``kind`` is ``run`` (whole run) or ``pty`` (until text appears).

    A ``run`` is judged on CPU time, a ``pty`` on wall time: it ends with Ctrl-C once the text is
    on screen, so its CPU time would count the interrupt and the exit too.
    """

    name: str
    label: str
    argv: tuple[str, ...]
    kind: Literal["run", "pty"] = "run"


@dataclass
class Series:
    """The timings of one bench (wall and CPU seconds, one of each per run), or why it could not
    be timed."""

    bench: Bench
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    extra: list[float] = field(default_factory=list)  # wall times of the extra pty rounds
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and self.error is None else None

    @property
    def minimum(self) -> float | None:
        return min(self.times) if self.times and self.error is None else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu and self.error is None else None

    @property
    def pty_reference(self) -> float | None:
        """The median wall time over every round, the extra pty rounds included."""
        times = self.times + self.extra
        return statistics.median(times) if times and self.error is None else None

    @property
    def judged(self) -> float | None:
        """The time its budgets use: CPU for a whole run, wall for a pty."""
        return self.median if self.bench.kind == "pty" else self.cpu_median


@dataclass(frozen=True)
class Budget:
    """``target``'s median must be below (strict) or at most ``factor`` x ``reference``'s median:
    of CPU time, or of wall time when the target runs in a pty.

    A budget with ``factor`` None is informational: the ratio is shown, nothing is judged.
    """

    name: str
    target: str
    reference: str
    factor: float | None
    strict: bool = False


@dataclass(frozen=True)
class Row:
    name: str
    cpu: str
    cpu_ratio: str
    median: str
    minimum: str
    ratio: str
    budget: str
    verdict: str


@dataclass(frozen=True)
class ImportCheck:
    passed: bool
    detail: str


# The budgets of issue 2 (rates, rates-json, help, version, show), issue 3 (quiz-*) and issue 8
# (pay).
BUDGETS: tuple[Budget, ...] = (
    Budget("rates", "rates", "minimal", 1.3),
    Budget("pay", "pay", "minimal", 1.3),
    Budget("rates-json", "rates-json", "minimal", 1.1),
    Budget("help", "help", "minimal-help", 1.0, strict=True),
    Budget("help-vs-run", "help", "minimal", None),
    Budget("version", "version", "minimal", 1.0, strict=True),
    Budget("show", "show", "straightforward", 0.8),
    Budget("show-vs-option", "show", "straightforward-option", None),
    Budget("quiz-json", "quiz-json", "minimal", 1.4),
    Budget("quiz-screen", "quiz-screen", "minimal", 2.5),
    # Issue 7: scoring a group of 1,000 respondents, shown against one scripted quiz; the
    # difference of the medians is the time the group itself takes beyond start-up.
    Budget("quiz-group", "quiz-group", "quiz-json", None),
    Budget("quiz-group-table", "quiz-group-table", "quiz-json", None),
)
REFERENCES = ("minimal", "minimal-help", "straightforward", "straightforward-option")
IMPORT_CHECK = "quiz-imports"
SELECTABLE = (
    "rates",
    "pay",
    "rates-json",
    "help",
    "version",
    "show",
    "quiz-json",
    IMPORT_CHECK,
    "quiz-screen",
    "quiz-group",
    "quiz-group-table",
)


def make_benches(python: str, rolecompare: str, apps: Path, statements: int) -> dict[str, Bench]:
    """Every command, each run by the same interpreter (the console script is run by ``python``)."""
    minimal = str(apps / "minimal.py")
    plain = str(apps / "straightforward.py")
    answers = quiz_answers(statements)
    quiz_json = ("quiz", "--answers", answers, "--format", "json", "--no-history")
    benches = [
        Bench("minimal", "minimal app --name bench", (python, minimal, "--name", "bench")),
        Bench("minimal-help", "minimal app --help", (python, minimal, "--help")),
        Bench("straightforward", "straightforward app (1 table)", (python, plain)),
        Bench(
            "straightforward-option",
            "straightforward app --title (1 option)",
            (python, str(apps / "straightforward_option.py"), "--title", "x"),
        ),
        Bench("rates", "rates --role pmo", (python, rolecompare, "rates", "--role", "pmo")),
        Bench("pay", "pay --role pmo", (python, rolecompare, "pay", "--role", "pmo")),
        Bench(
            "rates-json", "rates --format json", (python, rolecompare, "rates", "--format", "json")
        ),
        Bench("help", "--help", (python, rolecompare, "--help")),
        Bench("version", "--version", (python, rolecompare, "--version")),
        Bench("show", "show", (python, rolecompare, "show")),
        Bench("quiz-json", "quiz --answers ... --format json", (python, rolecompare, *quiz_json)),
        Bench(
            "quiz-group",
            f"quiz --answers-file ({GROUP_SIZE:,} people) -f json",
            (python, rolecompare, "quiz", "--answers-file", str(apps / GROUP_FILE), "-f", "json"),
        ),
        Bench(
            "quiz-group-table",
            f"quiz --answers-file ({GROUP_SIZE:,} people), table",
            (python, rolecompare, "quiz", "--answers-file", str(apps / GROUP_FILE)),
        ),
        Bench(
            "quiz-screen",
            "quiz: first statement on screen (pty)",
            (python, rolecompare, "quiz", "--no-history"),
            kind="pty",
        ),
    ]
    return {bench.name: bench for bench in benches}


def quiz_answers(statements: int) -> str:
    return "".join(QUIZ_PATTERN[i % len(QUIZ_PATTERN)] for i in range(statements))


BANK_SIZE = (
    "from rolecompare.core import loader; "
    "print(len(loader.load(loader.resolve_data_path(None)).quiz.statements))"
)
"""Run by the measured interpreter: how many statements its built-in question bank has."""


def bank_statements(python: str, env: Mapping[str, str]) -> int:
    """How many answers a sheet needs (40 in bank version 4), asked of the measured install,
    which this script's own interpreter may not have; asked once, before anything is timed."""
    done = subprocess.run(
        [python, "-c", BANK_SIZE],
        capture_output=True,
        text=True,
        check=True,
        timeout=RUN_TIMEOUT,
        env=dict(env),
    )
    return int(done.stdout)


def group_sheet(statements: int) -> str:
    """``GROUP_SIZE`` named respondents with varied answers, the same every run."""
    rows = []
    for person in range(GROUP_SIZE):
        answers = "".join(
            str(1 + (person * 7 + i * (person % 5 + 1)) % 5) for i in range(statements)
        )
        rows.append(f"Person {person},{answers}\n")
    return "".join(rows)


def bench_env(pycache: Path) -> dict[str, str]:
    """The environment of every run: fixed width, no colour, and bytecode that can be cached.

    ``PYTHONDONTWRITEBYTECODE`` (set on some machines) would make every run recompile the
    modules whose bytecode is missing or stale (an editable install's sources, say) while the
    dependencies' bytecode came with their wheels: an unfair handicap no installed user has.
    Every run instead caches bytecode in a private folder (``PYTHONPYCACHEPREFIX``) that the
    warm-up round fills, the same for every command, and nothing is written next to the sources.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["COLUMNS"] = "100"
    env["TERM"] = "dumb"
    return env


def tail(text: str, lines: int = 15) -> str:
    kept = text.strip().splitlines()[-lines:]
    return "\n".join(kept) if kept else "(no output)"


def run_quietly(argv: Sequence[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Run once with no input, output discarded and stderr kept for the report."""
    return subprocess.run(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        timeout=RUN_TIMEOUT,
        check=False,
    )


def children_cpu() -> float:
    """User + system CPU seconds of every child waited for so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def time_run(argv: Sequence[str], env: Mapping[str, str]) -> tuple[float, float, str | None]:
    """Run a command once; return its wall time, its CPU time and an error when it did not exit 0.

    The CPU time is the growth of the waited-for children's total across the run: runs are one at
    a time, so it is this child's alone.
    """
    cpu_start = children_cpu()
    start = time.perf_counter()
    try:
        proc = run_quietly(argv, env)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, 0.0, f"timed out after {RUN_TIMEOUT:.0f} s"
    except OSError as exc:
        return time.perf_counter() - start, 0.0, f"could not start: {exc}"
    elapsed = time.perf_counter() - start
    cpu = children_cpu() - cpu_start
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        return elapsed, cpu, f"exit status {proc.returncode}; stderr:\n{tail(stderr)}"
    return elapsed, cpu, None


def time_pty(
    argv: Sequence[str], env: Mapping[str, str], notes: list[str]
) -> tuple[float, str | None]:
    """Spawn in a 40x100 pseudo-terminal; time until the first statement shows; then Ctrl-C."""
    try:
        import pexpect
    except ImportError:
        return 0.0, "pexpect is not installed (pip install pexpect, or the [test] extra)"
    start = time.perf_counter()
    try:
        child: Any = pexpect.spawn(
            argv[0],
            list(argv[1:]),
            env=dict(env),
            dimensions=(40, 100),
            encoding="utf-8",
            codec_errors="replace",
            timeout=RUN_TIMEOUT,
        )
    except Exception as exc:  # pexpect raises its own ExceptionPexpect for a missing program
        return time.perf_counter() - start, f"could not start: {exc}"
    try:
        index = child.expect_exact([FIRST_STATEMENT_TEXT, pexpect.EOF, pexpect.TIMEOUT])
        elapsed = time.perf_counter() - start
        if index != 0:
            seen = str(child.before or "")
            why = "exited" if index == 1 else f"timed out after {RUN_TIMEOUT:.0f} s"
            child.close(force=True)
            status = child.exitstatus if child.exitstatus is not None else child.signalstatus
            return elapsed, (
                f"{why} (status {status}) before {FIRST_STATEMENT_TEXT!r} appeared; "
                f"output:\n{tail(seen)}"
            )
        child.send("\x03")
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=EXIT_TIMEOUT) != 0:
            return elapsed, f"still running {EXIT_TIMEOUT:.0f} s after Ctrl-C"
        child.close()
        if child.exitstatus != 130 and not notes:
            notes.append(
                f"exit status after Ctrl-C was {child.exitstatus} "
                f"(signal {child.signalstatus}); the quiz should exit 130"
            )
        return elapsed, None
    finally:
        if child.isalive():
            child.close(force=True)


def measure(
    benches: Sequence[Bench], rounds: int, env: Mapping[str, str], pty_rounds: int = 0
) -> dict[str, Series]:
    """One warm-up round, then ``rounds`` rounds, each running every bench once, round-robin.

    The starting bench rotates each round so no command always follows the same one. A bench
    that fails once is not run again. Wall time in a pty is noisy, so when there is a pty bench
    the rounds go on up to ``pty_rounds`` for it and the minimal app, its reference.
    """
    series = {bench.name: Series(bench) for bench in benches}
    has_pty = any(bench.kind == "pty" for bench in benches)
    total = max(rounds, pty_rounds) if has_pty else rounds
    for round_no in range(total + 1):
        todo = benches
        if round_no > rounds:
            todo = [b for b in benches if b.kind == "pty" or b.name == "minimal"]
        shift = round_no % len(todo)
        for bench in [*todo[shift:], *todo[:shift]]:
            current = series[bench.name]
            if current.error is not None:
                continue
            cpu = 0.0
            if bench.kind == "pty":
                elapsed, error = time_pty(bench.argv, env, current.notes)
            else:
                elapsed, cpu, error = time_run(bench.argv, env)
            if error is not None:
                current.error = error
            elif round_no > rounds and bench.kind == "run":  # the reference, for the pty only
                current.extra.append(elapsed)
            elif round_no > 0:  # round 0 is the warm-up
                current.times.append(elapsed)
                if bench.kind == "run":
                    current.cpu.append(cpu)
        done = "warm-up" if round_no == 0 else f"round {round_no}/{total}"
        print(f"  {done} done", file=sys.stderr, flush=True)
    return series


def imported_modules(importtime_stderr: str) -> list[str]:
    """Module names from ``-X importtime`` lines: ``import time: self | cumulative | name``."""
    names = []
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.append(name)
    return names


def check_quiz_imports(python: str, env: Mapping[str, str], statements: int) -> ImportCheck:
    """Run the scripted quiz once with ``-X importtime``; questionary must not be imported."""
    answers = quiz_answers(statements)
    argv = [python, "-X", "importtime", "-m", "rolecompare", "quiz", "--answers", answers]
    argv += ["--format", "json", "--no-history"]
    try:
        proc = run_quietly(argv, env)
    except (subprocess.TimeoutExpired, OSError) as exc:
        return ImportCheck(False, f"could not run {' '.join(argv)}: {exc}")
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        messages = "\n".join(ln for ln in stderr.splitlines() if not ln.startswith("import time:"))
        return ImportCheck(False, f"exit status {proc.returncode}; stderr:\n{tail(messages)}")
    modules = imported_modules(stderr)
    heavy = sorted(
        {m.split(".")[0] for m in modules if m.split(".")[0] in {"questionary", "prompt_toolkit"}}
    )
    if "questionary" in heavy:
        return ImportCheck(False, f"imports {', '.join(heavy)} ({len(modules)} modules in all)")
    extra = f"; but imports {', '.join(heavy)}" if heavy else ""
    return ImportCheck(True, f"questionary not imported ({len(modules)} modules in all){extra}")


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.1f}"


def ratio_text(target: float | None, reference: float | None) -> str:
    return "-" if target is None or reference is None else f"{target / reference:.2f}"


def judge(budget: Budget, series: Mapping[str, Series]) -> Row:
    """A CPU-time budget for a whole run, a wall-time budget for a pty (marked ``wall``)."""
    target, reference = series[budget.target], series[budget.reference]
    pty = target.bench.kind == "pty"
    label = target.bench.label
    if budget.factor is None:
        label = f"  {label} vs {reference.bench.label}"
        text = f"(info: vs {reference.bench.name})"
    else:
        op = "<" if budget.strict else "<="
        text = f"{op} {budget.factor:.2f} x {reference.bench.name}" + (" (wall)" if pty else "")
    t_judged = target.judged
    r_judged = reference.pty_reference if pty else reference.cpu_median
    cells = (
        ms(target.cpu_median),
        ratio_text(target.cpu_median, reference.cpu_median),
        ms(target.median),
        ms(target.minimum),
        ratio_text(target.median, r_judged if pty else reference.median),
        text,
    )
    if t_judged is None or r_judged is None:
        return Row(label, *cells, "-" if budget.factor is None else "FAIL")
    if budget.factor is None:
        verdict = ""
    elif budget.strict:
        verdict = "PASS" if t_judged < budget.factor * r_judged else "FAIL"
    else:
        verdict = "PASS" if t_judged <= budget.factor * r_judged else "FAIL"
    return Row(label, *cells, verdict)


def reference_rows(series: Mapping[str, Series]) -> list[Row]:
    rows = []
    base = series.get("minimal")
    for name in REFERENCES:
        if name not in series:
            continue
        ref = series[name]
        cpu_ratio = ratio_text(ref.cpu_median, base.cpu_median) if base else "-"
        ratio = ratio_text(ref.median, base.median) if base else "-"
        verdict = "ERROR" if ref.error is not None else ""
        rows.append(
            Row(
                ref.bench.label,
                ms(ref.cpu_median),
                cpu_ratio,
                ms(ref.median),
                ms(ref.minimum),
                ratio,
                "reference",
                verdict,
            )
        )
    return rows


def print_table(rows: Sequence[Row]) -> None:
    header = Row(
        "benchmark", "CPU ms", "CPU ratio", "wall ms", "wall min", "wall ratio", "budget", "result"
    )
    cells = [header, *rows]
    columns = [f.name for f in fields(Row)]
    widths = [max(len(getattr(row, col)) for row in cells) for col in columns]
    aligns = ["<", ">", ">", ">", ">", ">", "<", "<"]

    def line(row: Row) -> str:
        values = [getattr(row, col) for col in columns]
        parts = [f"{v:{a}{w}}" for v, a, w in zip(values, aligns, widths, strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    print(line(header))
    print(rule)
    for row in rows:
        print(line(row))


def versions(python: str, env: Mapping[str, str]) -> str:
    code = textwrap.dedent(
        """\
        import json, platform, sys
        from importlib import metadata
        found = {}
        for dist in ("rolecompare", "typer", "rich", "questionary", "pydantic", "prompt_toolkit"):
            try:
                found[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                found[dist] = "not installed"
        print(json.dumps({"python": platform.python_version(), "impl": platform.python_implementation(), "packages": found}))
        """
    )
    proc = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    if proc.returncode != 0:
        return f"(could not read versions: {tail(proc.stderr, 3)})"
    info = json.loads(proc.stdout)
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    return f"{info['impl']} {info['python']} ({python}); {packages}"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time rolecompare against reference Typer apps (ratios of median CPU times).",
        epilog=f"Names for --only: {', '.join(SELECTABLE)}.",
    )
    parser.add_argument(
        "--rounds", type=int, default=15, help="timed rounds after one warm-up (default 15)"
    )
    parser.add_argument(
        "--pty-rounds",
        type=int,
        default=PTY_ROUNDS,
        help="rounds for the pty bench, judged on wall time, and its reference "
        f"(at least --rounds; default {PTY_ROUNDS})",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter that runs everything (default: this one)",
    )
    parser.add_argument(
        "--bin",
        default=None,
        help="the installed rolecompare console script (default: next to --python)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=SELECTABLE,
        metavar="NAME",
        help="run only this benchmark (repeatable); references it needs run too",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.pty_rounds < 1:
        parser.error("--pty-rounds must be at least 1")
    python = Path(args.python)
    if not python.is_file():
        parser.error(f"--python {python}: no such file")
    rolecompare = Path(args.bin) if args.bin else python.parent / "rolecompare"
    if not rolecompare.is_file():
        parser.error(f"{rolecompare}: no rolecompare console script there (install it, or --bin)")
    args.bin = str(rolecompare)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    selected: list[str] = args.only or list(SELECTABLE)
    budgets = [b for b in BUDGETS if b.target in selected]
    with tempfile.TemporaryDirectory(prefix="rolecompare-bench-") as tmp:
        apps = Path(tmp)
        env = bench_env(apps / "pycache")
        (apps / "minimal.py").write_text(MINIMAL_APP, encoding="utf-8")
        statements = bank_statements(args.python, env)
        (apps / GROUP_FILE).write_text(group_sheet(statements), encoding="utf-8")
        (apps / "straightforward.py").write_text(STRAIGHTFORWARD_APP, encoding="utf-8")
        (apps / "straightforward_option.py").write_text(
            STRAIGHTFORWARD_OPTION_APP, encoding="utf-8"
        )
        all_benches = make_benches(args.python, args.bin, apps, statements)
        needed = {name for b in budgets for name in (b.target, b.reference)}
        if IMPORT_CHECK in selected:
            needed.add("minimal")  # only so the table has its reference line
        benches = [bench for name, bench in all_benches.items() if name in needed]

        print(versions(args.python, env))
        pty_note = ""
        if any(bench.kind == "pty" for bench in benches) and args.pty_rounds > args.rounds:
            pty_note = f" (the pty bench and minimal: {args.pty_rounds} rounds)"
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
        print(
            f"{len(benches)} commands x {args.rounds} rounds, interleaved, after 1 warm-up round"
            f"{pty_note}; load average {load}"
        )
        print("Budgets compare median CPU times (user + system), the pty one wall times.")
        series = measure(benches, args.rounds, env, args.pty_rounds) if benches else {}
        import_check = (
            check_quiz_imports(args.python, env, statements) if IMPORT_CHECK in selected else None
        )

    rows = reference_rows(series)
    rows += [judge(budget, series) for budget in budgets]
    if import_check is not None:
        verdict = "PASS" if import_check.passed else "FAIL"
        rows.append(
            Row(
                "quiz --answers: no questionary import",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-X importtime",
                verdict,
            )
        )
    print()
    print_table(rows)

    details = [
        f"{s.bench.name} ({' '.join(s.bench.argv[1:])}): {s.error}"
        for s in series.values()
        if s.error
    ]
    details += [f"{s.bench.name}: note: {note}" for s in series.values() for note in s.notes]
    if import_check is not None:
        details.append(f"{IMPORT_CHECK}: {import_check.detail}")
    if details:
        print()
        for detail in details:
            print(f"* {detail}")

    failed = [row.name.strip() for row in rows if row.verdict in {"FAIL", "ERROR"}]
    print()
    if failed:
        print(f"FAIL: {len(failed)} budget(s) not met: {'; '.join(failed)}")
        return 1
    print("PASS: every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
