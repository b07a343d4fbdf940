"""Golden outputs: prove that a change to rolecompare's code changes nothing a user sees.

Why
---
The code layout is being reorganised: modules move, merge and get new names. The unit tests check
what they were written to check; this tool checks everything else a user can see. For every
command, every ``--format``, every ``--export`` suffix, widths 40, 70, 100 and 120, the built-in
data and a three-role data file, quiz and history sessions, and the usual mistakes, it records the
exit code, standard output, standard error and the bytes of every file a command writes; then it
compares two source trees byte for byte.

How
---
Run it with the project's Python (the one with typer, rich and pydantic), from anywhere::

    python tools/golden.py                        # the same as: check --base HEAD
    python tools/golden.py check --base main~3    # the working tree against any revision
    python tools/golden.py check --keep DIR       # also keep both recordings, in DIR/base and DIR/current
    python tools/golden.py record DIR [--tree PATH]   # one file per case into DIR (default tree: this one)

``check`` records the base revision from a temporary ``git worktree add --detach`` (removed
afterwards) and then the working tree this script belongs to, uncommitted and untracked (not
ignored) files included. It prints a unified diff of each case that differs (bounded) and exits 1,
or prints "no differences in N cases" and exits 0. ``record`` writes ``<case>.txt`` (the command,
its settings, exit code, stdout and stderr) and ``<case>.<file>`` for each file it wrote, such as
``show--export-svg--w40--builtin.report.svg``; two recordings compare with ``diff -r``.

How it stays deterministic
--------------------------
* Each tree is checked out or copied to the same fixed path, ``<tempdir>/rolecompare-golden-<uid>/
  tree``, so every path prints the same, even where a narrow table wraps it; a lock file makes
  concurrent runs wait their turn. Recordings write that folder as ``<TMP>``.
* A driver subprocess (two, with ``--jobs 2``, the default on two or more CPUs, each with half of
  the cases) runs the cases in-process with typer's ``CliRunner`` on ``rolecompare.cli.app``, the
  only name imported from the tree. Each driver has its own working and history folders, written
  as ``<TMP>/run`` in every record, so records do not depend on ``--jobs``. ``PYTHONPATH=<tree>/src`` comes
  before any installed (editable) copy, so the tree's own code and ``data/`` are used; the driver
  refuses to run if ``rolecompare`` came from anywhere else. The environment is built from scratch:
  TZ=UTC, TERM=dumb, PYTHONHASHSEED=0, a private HOME and ROLECOMPARE_HOME, COLUMNS per case, and
  none of NO_COLOR, FORCE_COLOR, ROLECOMPARE_DATA or ROLECOMPARE_TAX_DATA unless a case sets it.
* The clock reads 2026-11-25 10:00 UTC (or the moment a case names) because ``datetime.date`` and
  ``datetime.datetime`` are replaced, before rolecompare is imported, by subclasses whose
  ``today()``, ``now()`` and ``utcnow()`` return it (and ``time.time``). No rolecompare module is patched, so moving or
  renaming modules cannot break the clock.
* Cases get a fresh history folder unless they belong to the history session, which records a few
  quizzes at set moments and then shows the history.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Self

REPO = Path(__file__).resolve().parents[1]
CLOCK = "2026-11-25T10:00:00+00:00"
WIDTHS = (40, 70, 100, 120)
FORMATS = ("table", "text", "markdown", "json")
EXPORTS = (".svg", ".html", ".md", ".txt", ".json")
BUILTIN_DATA = Path("data/roles.toml")
THREE_ROLES = Path("tests/fixtures/three_roles.toml")
PLACEHOLDER = "<TMP>"
MARKER = ".golden"
"""Marks a folder ``record`` wrote, so that recording into it again may clear it."""
DIFF_LINES_PER_FILE = 60
DIFF_LINES_TOTAL = 600

_REAL_DATE = dt.date
_REAL_DATETIME = dt.datetime
_MOMENT = [_REAL_DATETIME.fromisoformat(CLOCK)]
"""The driver's clock: the moment every "now" and "today" returns, set per case."""


# The clock -------------------------------------------------------------------------------------


class _AnyDate(type):
    """``isinstance(x, datetime.date)`` stays true for real dates once the fixed date replaces it."""

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, _REAL_DATE)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, _REAL_DATE)


class _AnyDateTime(type):
    """The same for ``datetime.datetime``."""

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, _REAL_DATETIME)

    def __subclasscheck__(cls, subclass: type) -> bool:
        return issubclass(subclass, _REAL_DATETIME)


def _local(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The fixed moment in ``tz``, or as naive local time (the driver runs with TZ=UTC)."""
    moment = _MOMENT[0]
    return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)


class FixedDate(dt.date, metaclass=_AnyDate):
    @classmethod
    def today(cls) -> Self:
        day = _local().date()
        return cls(day.year, day.month, day.day)


class FixedDateTime(dt.datetime, metaclass=_AnyDateTime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> Self:
        moment = _local(tz)
        return cls.combine(moment.date(), moment.timetz())

    @classmethod
    def today(cls) -> Self:
        return cls.now()

    @classmethod
    def utcnow(cls) -> Self:
        moment = _local(dt.UTC).replace(tzinfo=None)
        return cls.combine(moment.date(), moment.time())


def _freeze_clock() -> None:
    """Replace the ``datetime`` module's date and datetime classes; before rolecompare is imported,
    so ``from datetime import date`` gets the fixed one too. ``time.time`` as well, in case code
    comes to read the clock that way (today only ``date.today`` and ``datetime.now`` are used)."""
    setattr(dt, "date", FixedDate)  # noqa: B010 - mypy would refuse a plain assignment
    setattr(dt, "datetime", FixedDateTime)  # noqa: B010
    setattr(time, "time", _fixed_time)  # noqa: B010


def _fixed_time() -> float:
    return _MOMENT[0].timestamp()


# Cases -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One run of the command line: its arguments, width, moment, history and input."""

    name: str
    args: tuple[str, ...]
    width: int = 100
    at: str = CLOCK
    fresh_home: bool = True
    stdin: str | None = None
    env: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Case:
        return cls(
            name=raw["name"],
            args=tuple(raw["args"]),
            width=raw["width"],
            at=raw["at"],
            fresh_home=raw["fresh_home"],
            stdin=raw["stdin"],
            env=tuple((key, value) for key, value in raw["env"]),
        )


@dataclass(frozen=True)
class Dataset:
    """A data file as the cases use it: its label, the option that picks it, what is in it."""

    label: str
    option: tuple[str, ...]
    keyed: tuple[str, ...]
    """The role each quiz statement is keyed to, in quiz order."""
    roles: tuple[str, ...]
    dimensions: tuple[str, ...]
    group_file: str

    def answers(self, favour: str | None = None) -> str:
        """One valid answer per statement: agreeing with the statements keyed to ``favour`` and
        not with the others; with no favourite, a spread that favours no role."""
        if favour is None:
            return "".join("54213"[i % 5] for i in range(len(self.keyed)))
        return "".join(
            ("545" if role == favour else "213")[i % 3] for i, role in enumerate(self.keyed)
        )


def _read_dataset(path: Path, label: str, option: tuple[str, ...], group_file: str) -> Dataset:
    import tomllib

    document = tomllib.loads(path.read_text(encoding="utf-8"))
    return Dataset(
        label=label,
        option=option,
        keyed=tuple(statement["keyed"] for statement in document["quiz"]["statements"]),
        roles=tuple(document["roles"]),
        dimensions=tuple(document["dimensions"]),
        group_file=group_file,
    )


def _group_text(data: Dataset) -> str:
    """A workshop's answers: named and unnamed lines, a quoted name, a comment and one bad line."""
    return "\n".join(
        [
            "# workshop, three respondents and a mistake",
            f"Ana,{data.answers(data.roles[0])}",
            f'"Smith, Bo",{",".join(data.answers(data.roles[-1]))}',
            data.answers(),
            "",
            f"Dee,{data.answers()[:-1]}",
            "",
        ]
    )


BROKEN_SYNTAX = 'format = 1\nsource = "notes"\n[roles.pmo\nname = "PMO"\n'
BROKEN_SCHEMA = """format = 1
source = "nowhere"

[roles.pmo]
name = ""
aliases = ["pmo", 7]

[roles.pmo.rates]
min = 600
max = 400
currency = "GBP"
"""


def write_inputs(tree: Path, work: Path) -> tuple[Dataset, Dataset]:
    """The files the cases read, written to the driver's working folder; the two datasets."""
    shutil.copyfile(tree / THREE_ROLES, work / "three_roles.toml")
    (work / "broken-syntax.toml").write_text(BROKEN_SYNTAX, encoding="utf-8")
    (work / "broken-schema.toml").write_text(BROKEN_SCHEMA, encoding="utf-8")
    builtin = _read_dataset(tree / BUILTIN_DATA, "builtin", (), "builtin-group.txt")
    three = _read_dataset(
        work / "three_roles.toml", "three-roles", ("--data", "three_roles.toml"), "three-group.txt"
    )
    for data in (builtin, three):
        (work / data.group_file).write_text(_group_text(data), encoding="utf-8")
    return builtin, three


def _formats_and_exports(
    name: str, args: Sequence[str], exports: bool
) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every format (the default one by leaving --format out), then every export suffix."""
    for fmt in FORMATS:
        yield f"{name}--format-{fmt}", (*args, *(() if fmt == "table" else ("--format", fmt)))
    if exports:
        for suffix in EXPORTS:
            yield f"{name}--export-{suffix[1:]}", (*args, "--export", f"report{suffix}")


def _variants(data: Dataset) -> list[tuple[str, tuple[str, ...], bool]]:
    """(name, arguments, whether --export applies) for one dataset."""
    answers = data.answers(data.roles[0])
    return [
        ("show", ("show",), True),
        ("show-dimension", ("show", "-d", data.dimensions[-1]), True),
        ("show-role", ("show", "-r", data.roles[-1]), True),
        ("rates", ("rates",), True),
        ("rates-role-pmo", ("rates", "--role", "pmo"), True),
        ("rates-days-200", ("rates", "--days", "200"), True),
        ("roles", ("roles",), False),
        ("pay", ("pay",), True),
        ("pay-role-pm", ("pay", "--role", "pm"), True),
        ("pay-rate-breakdown", ("pay", "--rate", "525", "--breakdown"), True),
        ("pay-rate-scotland", ("pay", "--rate", "525", "--region", "scotland"), True),
        ("pay-tax-year-2025-26", ("pay", "--tax-year", "2025-26"), True),
        ("validate", ("validate",), False),
        ("quiz", ("quiz", "--answers", answers), True),
        ("quiz-details", ("quiz", "--answers", data.answers(data.roles[-1]), "--details"), True),
        ("quiz-no-history", ("quiz", "--answers", data.answers(), "--no-history"), False),
        ("quiz-questions", ("quiz", "--questions"), True),
        ("quiz-group", ("quiz", "--answers-file", data.group_file), False),
    ]


def _history_session(width: int, datasets: Sequence[Dataset]) -> Iterator[Case]:
    """One history folder: empty, then quizzes taken on different days, then every view of it."""
    builtin, three = datasets
    w = f"w{width}"
    yield Case(f"history-empty--{w}--builtin", ("history",), width)
    yield Case(f"history-empty--format-json--{w}--builtin", ("history", "--format", "json"), width)
    taken = [
        ("history-quiz-1", builtin, builtin.roles[0], "2026-11-20T09:15:00+00:00"),
        ("history-quiz-1", three, three.roles[-1], "2026-11-22T12:00:00+00:00"),
        ("history-quiz-2", builtin, builtin.roles[-1], "2026-11-24T17:30:00+00:00"),
    ]
    for name, data, favour, at in taken:
        args = (*data.option, "quiz", "--answers", data.answers(favour))
        yield Case(f"{name}--{w}--{data.label}", args, width, at, fresh_home=False)
    group = (*builtin.option, "quiz", "--answers-file", builtin.group_file, "--record")
    yield Case(f"history-group-record--{w}--builtin", group, width, fresh_home=False)
    for data in datasets:
        for name, args in _formats_and_exports("history", (*data.option, "history"), True):
            yield Case(f"{name}--{w}--{data.label}", args, width, fresh_home=False)
        for fmt in ("table", "json"):
            args = (*data.option, "history", "--limit", "1", "--format", fmt)
            yield Case(
                f"history-limit-1--format-{fmt}--{w}--{data.label}", args, width, fresh_home=False
            )
    yield Case(
        f"history-clear-unconfirmed--{w}--builtin", ("history", "--clear"), width, fresh_home=False
    )
    yield Case(
        f"history-clear--{w}--builtin", ("history", "--clear", "--yes"), width, fresh_home=False
    )
    yield Case(f"history-after-clear--{w}--builtin", ("history",), width, fresh_home=False)


def _odd_cases(datasets: Sequence[Dataset], work: Path) -> Iterator[Case]:
    """Help, global options, other inputs, broken files, colour and the usual mistakes."""
    builtin, three = datasets
    answers = builtin.answers(builtin.roles[0])
    for width in (40, 100):
        yield Case(f"help--w{width}", ("--help",), width)
    for command in ("show", "rates", "pay", "roles", "validate", "quiz", "history"):
        yield Case(f"help-{command}", (command, "--help"))
    plain_input = "\n".join([answers[0], "b", *answers]) + "\n"
    group_input = (work / builtin.group_file).read_text(encoding="utf-8")
    with_data = [
        ("no-arguments", ()),
        ("version", ("--version",)),
        ("width-before-command", ("--width", "60", "show")),
        ("width-after-command", ("show", "--width", "60")),
        ("data-after-command", ("roles", "--data", "three_roles.toml")),
        ("no-pager", ("--no-pager", "rates")),
        ("no-color", ("--no-color", "rates")),
        ("show-format-md", ("show", "--format", "md")),
        ("show-format-txt", ("show", "--format", "txt")),
        ("show-dimension-word-and-role-alias", ("show", "-d", "decision", "-r", "project-manager")),
        ("show-two-dimensions", ("show", "-d", builtin.dimensions[3], "-d", builtin.dimensions[0])),
        (
            "pay-options",
            (
                "pay",
                "--days",
                "180",
                "--salary",
                "9100",
                "--expenses",
                "2000",
                "--umbrella-margin",
                "25",
            ),
        ),
        ("quiz-answers-with-commas", ("quiz", "--answers", ",".join(answers))),
        ("quiz-save", ("quiz", "--answers", answers, "--save", "result.json")),
        ("validate-three-roles-argument", ("validate", "three_roles.toml")),
        ("validate-tax-data-missing", ("validate", "--tax-data", "missing-tax.toml")),
        ("pay-tax-data-broken", ("pay", "--tax-data", "broken-syntax.toml")),
        ("show-data-broken-syntax", ("--data", "broken-syntax.toml", "show")),
        ("rates-data-broken-schema", ("--data", "broken-schema.toml", "rates")),
        ("error-data-missing", ("--data", "missing.toml", "show")),
        ("error-unknown-command", ("frobnicate",)),
        ("error-unknown-option", ("show", "--bogus")),
        ("error-bad-role", ("show", "-r", "nobody")),
        ("error-bad-dimension", ("show", "-d", "nowhere")),
        ("error-bad-format", ("show", "--format", "nope")),
        ("error-rates-days-0", ("rates", "--days", "0")),
        ("error-pay-rate-words", ("pay", "--rate", "lots")),
        ("error-pay-rate-and-role", ("pay", "--rate", "525", "--role", "pm")),
        ("error-pay-tax-year", ("pay", "--tax-year", "1999-00")),
        ("error-pay-region", ("pay", "--region", "mars")),
        ("error-quiz-too-few", ("quiz", "--answers", "123")),
        ("error-quiz-bad-answer", ("quiz", "--answers", answers[:2] + "7" + answers[3:])),
        ("error-quiz-plain-and-answers", ("quiz", "--plain", "--answers", answers)),
        ("error-quiz-record-alone", ("quiz", "--answers", answers, "--record")),
        ("error-quiz-questions-details", ("quiz", "--questions", "--details")),
        ("error-quiz-no-terminal", ("quiz",)),
        ("error-quiz-answers-file-missing", ("quiz", "--answers-file", "missing.txt")),
        (
            "error-quiz-answers-file-export",
            ("quiz", "--answers-file", builtin.group_file, "--export", "report.md"),
        ),
        ("error-roles-export", ("roles", "--export", "report.md")),
        ("error-history-yes", ("history", "--yes")),
        ("error-history-export-empty", ("history", "--export", "report.md")),
        ("error-export-suffix", ("show", "--export", "report.doc")),
        ("error-export-no-suffix", ("show", "--export", "report")),
        ("error-width-too-small", ("--width", "5", "show")),
    ]
    for name, args in with_data:
        yield Case(name, args)
    for fmt in ("table", "text", "json"):
        for broken in ("broken-syntax", "broken-schema"):
            yield Case(
                f"validate-{broken}--format-{fmt}", ("validate", f"{broken}.toml", "--format", fmt)
            )
    for data in datasets:
        yield Case(
            f"quiz-plain--{data.label}",
            (*data.option, "quiz", "--plain"),
            stdin="\n".join([data.answers()[0], "b", *data.answers(data.roles[0])]) + "\n",
        )
    yield Case("quiz-plain-input-ends", ("quiz", "--plain"), stdin=plain_input[:9])
    yield Case("quiz-group-stdin", ("quiz", "--answers-file", "-"), stdin=group_input)
    yield Case("env-data", ("roles",), env=(("ROLECOMPARE_DATA", "three_roles.toml"),))
    yield Case("env-data-missing", ("show",), env=(("ROLECOMPARE_DATA", "missing.toml"),))
    yield Case("env-no-color", ("show",), env=(("NO_COLOR", "1"),))
    colour = (("FORCE_COLOR", "1"), ("TERM", "xterm-256color"))
    for name, args in [
        ("show", ("show",)),
        ("rates", ("rates",)),
        ("pay", ("pay", "--rate", "525", "--breakdown")),
        ("roles", ("roles",)),
        ("validate", ("validate",)),
        ("quiz", ("quiz", "--answers", answers, "--details")),
        ("quiz-questions", ("quiz", "--questions")),
        ("error-bad-role", ("show", "-r", "nobody")),
    ]:
        yield Case(f"colour-{name}--three-roles", (*three.option, *args), env=colour)
        yield Case(f"colour-{name}--builtin", args, env=colour)


def build_cases(tree: Path, work: Path) -> list[Case]:
    """Every case for ``tree``, its input files written to ``work`` (the driver's folder)."""
    datasets = write_inputs(tree, work)
    cases: list[Case] = []
    for data in datasets:
        for width in WIDTHS:
            for variant, args, exports in _variants(data):
                for name, full in _formats_and_exports(variant, (*data.option, *args), exports):
                    cases.append(Case(f"{name}--w{width}--{data.label}", full, width))
            group = (*data.option, "quiz", "--answers-file", data.group_file, "--record")
            cases.append(Case(f"quiz-group-record--w{width}--{data.label}", group, width))
    for width in WIDTHS:
        cases.extend(_history_session(width, datasets))
    cases.extend(_odd_cases(datasets, work))
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates or any("." in name or "/" in name for name in names):
        raise SystemExit(f"golden: bad case names: {duplicates or names}")
    return cases


# The driver: runs in a subprocess, in the tree's environment -----------------------------------


def drive(spec_file: Path) -> int:
    """Run the cases of ``spec_file`` in this process and write each one's record."""
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    tree, root, run = Path(spec["tree"]), Path(spec["root"]), Path(spec["run"])
    work, home, out = run / "work", run / "home", Path(spec["out"])
    _freeze_clock()
    import importlib

    import typer.testing
    from typer.main import get_command

    # Imported by name: the tool is typed and checked without the tree it records.
    package = importlib.import_module("rolecompare")
    app = importlib.import_module("rolecompare.cli").app
    source = Path(package.__file__ or "?").resolve()
    if not source.is_relative_to((tree / "src").resolve()):
        _say(f"rolecompare was imported from {source}, not from {tree / 'src'}")
        return 3
    # CliRunner makes the command from the app again on every call, a third of the time taken;
    # make it once. Recordings made with and without this were compared: identical. Should typer
    # rename the function, this only makes the run slower.
    command = get_command(app)
    setattr(typer.testing, "_get_command", lambda _app: command)  # noqa: B010
    runner = typer.testing.CliRunner()
    hide = _Hider({str(run): f"{PLACEHOLDER}/run", str(root): PLACEHOLDER})
    inputs = {path.name for path in work.iterdir()}
    for raw in spec["cases"]:
        case = Case.from_json(raw)
        if case.fresh_home:
            shutil.rmtree(home, ignore_errors=True)
        _MOMENT[0] = _REAL_DATETIME.fromisoformat(case.at)
        env = {"COLUMNS": str(case.width), "TERM": "dumb", "ROLECOMPARE_HOME": str(home)}
        result = runner.invoke(
            app,
            list(case.args),
            input=case.stdin,
            env={**env, **dict(case.env)},
            prog_name="rolecompare",
            color=False,
        )
        written: list[str] = []
        for path in sorted(work.iterdir()):
            if path.name in inputs:
                continue
            written.append(path.name)
            if path.is_file():
                (out / f"{case.name}.{path.name}").write_bytes(hide.bytes(path.read_bytes()))
                path.unlink()
            else:
                shutil.rmtree(path)
        exception = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            exception = f"{type(result.exception).__name__}: {result.exception}"
        streams = (result.stdout_bytes, result.stderr_bytes)  # as written: no newline translation
        record = _record(case, result.exit_code, *streams, exception, written)
        (out / f"{case.name}.txt").write_bytes(hide.bytes(record))
    return 0


class _Hider:
    """Writes the scratch folder as <TMP> and the driver's own folder in it as <TMP>/run, so a
    record does not depend on which driver made it; any spelling of the folders."""

    def __init__(self, names: dict[str, str]) -> None:
        spellings = {
            spelling: name
            for path, name in names.items()
            for spelling in (path, str(Path(path).resolve()))
        }
        self._pairs = sorted(spellings.items(), key=lambda pair: len(pair[0]), reverse=True)

    def bytes(self, blob: bytes) -> bytes:
        for spelling, name in self._pairs:
            blob = blob.replace(spelling.encode(), name.encode())
        return blob


def _record(
    case: Case,
    exit_code: int,
    stdout: bytes,
    stderr: bytes,
    exception: str | None,
    written: Sequence[str],
) -> bytes:
    """A case's record: what was run and how, then the bytes that came out."""
    settings = [f"COLUMNS={case.width}", f"clock {case.at}"]
    settings.append("fresh history" if case.fresh_home else "history kept from the case before")
    settings += [f"{key}={value}" for key, value in case.env]
    if case.stdin is not None:
        settings.append(f"stdin {json.dumps(case.stdin)}")
    lines = [
        f"$ rolecompare {shlex.join(case.args)}",
        f"# {', '.join(settings)}",
        f"exit code: {exit_code}",
        *([f"exception: {exception}"] if exception is not None else []),
        f"files written: {', '.join(written) or 'none'}",
    ]
    parts = ["".join(f"{line}\n" for line in lines).encode()]
    for label, content in (("stdout", stdout), ("stderr", stderr)):
        parts += [f"--- {label} ---\n".encode(), content]
        if content and not content.endswith(b"\n"):
            parts.append(b"\n\\ no newline at end\n")
    return b"".join(parts)


# Recording a tree --------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(f"golden: {message}", file=sys.stderr, flush=True)


@contextmanager
def scratch() -> Iterator[Path]:
    """The fixed scratch folder, empty and held by this run alone; removed afterwards."""
    import fcntl

    root = Path(tempfile.gettempdir()) / f"rolecompare-golden-{os.getuid()}"
    with root.with_name(f"{root.name}.lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _say("another golden run holds the scratch folder; waiting for it to finish")
            fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
        try:
            yield root
        finally:
            shutil.rmtree(root, ignore_errors=True)


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"golden: git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def copy_tree(source: Path, target: Path) -> None:
    """The files of ``source`` as they are on disk: git's tracked and untracked files (not the
    ignored ones), or, outside a git checkout, everything but caches and virtual environments."""
    listed = subprocess.run(
        ["git", "-C", str(source), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        ignore = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".*cache", ".venv", "venv")
        shutil.copytree(source, target, ignore=ignore, symlinks=True)
        return
    for name in sorted(set(os.fsdecode(listed.stdout).split("\0")) - {""}):
        origin = source / name
        if origin.is_file():  # a tracked file deleted in the working tree is left out
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, target / name)


@contextmanager
def worktree(repo: Path, revision: str, target: Path) -> Iterator[None]:
    """``revision`` checked out at ``target`` with ``git worktree add --detach``; removed after."""
    _git(repo, "worktree", "prune")
    _git(repo, "worktree", "add", "--detach", "--quiet", str(target), revision)
    try:
        yield
    finally:
        _git(repo, "worktree", "remove", "--force", str(target))


def _chains(cases: Sequence[Case]) -> list[list[Case]]:
    """Cases that must run together and in order: each that keeps the history of the one before."""
    chains: list[list[Case]] = []
    for case in cases:
        if case.fresh_home or not chains:
            chains.append([case])
        else:
            chains[-1].append(case)
    return chains


def _shards(cases: Sequence[Case], jobs: int) -> list[list[Case]]:
    """The cases dealt to ``jobs`` drivers, about as many each, chains kept whole."""
    shards: list[list[Case]] = [[] for _ in range(max(1, jobs))]
    for chain in _chains(cases):
        min(shards, key=len).extend(chain)
    return [shard for shard in shards if shard]


def _driver_env(tree: Path, user: Path) -> dict[str, str]:
    """A driver's whole environment: of the caller's, only PATH."""
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(user),
        "PYTHONPATH": str(tree / "src"),
        "PYTHONHASHSEED": "0",
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TZ": "UTC",
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }


def record_tree(root: Path, out: Path, jobs: int) -> int:
    """Record the tree at ``root/tree`` into ``out`` with ``jobs`` drivers; the number of cases.

    Each driver has a folder of its own, ``root/run-N``: its working folder (the input files,
    and whatever a case writes) and its history folder.
    """
    tree, inputs = root / "tree", root / "inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir()
    cases = build_cases(tree, inputs)
    out.mkdir(parents=True, exist_ok=True)
    drivers = []
    for number, shard in enumerate(_shards(cases, jobs)):
        run = root / f"run-{number}"
        shutil.rmtree(run, ignore_errors=True)
        shutil.copytree(inputs, run / "work")
        (run / "user").mkdir()
        spec = run / "spec.json"
        description = {
            "tree": str(tree),
            "root": str(root),
            "run": str(run),
            "out": str(out),
            "cases": [asdict(case) for case in shard],
        }
        spec.write_text(json.dumps(description), encoding="utf-8")
        command = [sys.executable, str(Path(__file__).resolve()), "_drive", str(spec)]
        env = _driver_env(tree, run / "user")
        drivers.append(subprocess.Popen(command, cwd=run / "work", env=env))
    failed = [status for status in (driver.wait() for driver in drivers) if status]
    if failed:
        raise SystemExit(f"golden: a driver failed (exit {failed[0]}) recording {tree}")
    (out / MARKER).write_text("recorded by tools/golden.py\n", encoding="utf-8")
    return len(cases)


def _timed_record(root: Path, out: Path, label: str, jobs: int) -> int:
    started = time.monotonic()
    count = record_tree(root, out, jobs)
    _say(f"recorded {label}: {count} cases in {time.monotonic() - started:.1f} s")
    return count


def _empty_folder(folder: Path) -> None:
    """Make ``folder`` an empty folder; only an empty one or an earlier recording is cleared."""
    if folder.exists():
        if any(folder.iterdir()) and not (folder / MARKER).is_file():
            raise SystemExit(f"golden: {folder} is not empty and not a recording; not touching it")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def record(target: Path, tree: Path, jobs: int) -> int:
    target = target.resolve()
    _empty_folder(target)
    with scratch() as root:
        copy_tree(tree.resolve(), root / "tree")
        _timed_record(root, target, str(tree), jobs)
    return 0


# Comparing ---------------------------------------------------------------------------------------


def _case_of(file_name: str) -> str:
    """The case a file belongs to: case names have no dot."""
    return file_name.split(".", 1)[0]


def _lines(blob: bytes) -> list[str]:
    """The lines of a file, split at newlines only."""
    *lines, last = blob.decode("utf-8", "replace").split("\n")
    return [f"{line}\n" for line in lines] + ([last] if last else [])


def _visible(line: str) -> str:
    """A diff line safe to print: control characters (colour codes) spelt out, one newline."""
    body = line.removesuffix("\n")
    shown = "".join(c if c == "\t" or " " <= c != "\x7f" else f"\\x{ord(c):02x}" for c in body)
    return shown + ("\n" if line.endswith("\n") else "\n\\ no newline at end\n")


def compare(base: Path, current: Path) -> tuple[int, list[str]]:
    """The number of cases, and unified diffs of those that differ (bounded) with a count."""
    names = ({p.name for p in base.iterdir()} | {p.name for p in current.iterdir()}) - {MARKER}
    cases = {_case_of(name) for name in names}
    lines: list[str] = []
    differing: set[str] = set()
    for name in sorted(names):
        old, new = base / name, current / name
        before = old.read_bytes() if old.is_file() else None
        after = new.read_bytes() if new.is_file() else None
        if before == after:
            continue
        differing.add(_case_of(name))
        if len(lines) >= DIFF_LINES_TOTAL:
            continue
        if before is None or after is None:
            lines.append(f"only in {'current' if before is None else 'base'}: {name}\n")
            continue
        diff = list(
            difflib.unified_diff(
                _lines(before),
                _lines(after),
                f"base/{name}",
                f"current/{name}",
                n=2,
            )
        )
        if len(diff) > DIFF_LINES_PER_FILE:
            more = len(diff) - DIFF_LINES_PER_FILE
            diff = [*diff[:DIFF_LINES_PER_FILE], f"... and {more} more lines of this diff\n"]
        lines += [_visible(line) for line in diff]
    if len(lines) > DIFF_LINES_TOTAL:
        lines = [*lines[:DIFF_LINES_TOTAL], "... diff cut short; check --keep DIR keeps it all\n"]
    if differing:
        named = ", ".join(sorted(differing)[:10]) + (", ..." if len(differing) > 10 else "")
        lines.append(f"{len(differing)} of {len(cases)} cases differ: {named}\n")
    return len(cases), lines


def check(base: str, keep: Path | None, jobs: int) -> int:
    """Record ``base`` and the working tree, compare; 1 when anything differs."""
    commit = _git(REPO, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").strip()
    label = f"{base} ({commit[:10]})"
    if keep is not None:
        keep = keep.resolve()
        _empty_folder(keep)
    with scratch() as root:
        folder = keep if keep is not None else root / "recordings"
        before, after = folder / "base", folder / "current"
        with worktree(REPO, commit, root / "tree"):
            _timed_record(root, before, label, jobs)
        copy_tree(REPO, root / "tree")
        _timed_record(root, after, f"the working tree {REPO}", jobs)
        count, diff = compare(before, after)
    if keep is not None:
        (keep / MARKER).write_text("recorded by tools/golden.py\n", encoding="utf-8")
    if diff:
        sys.stdout.writelines(diff)
        return 1
    print(f"no differences in {count} cases between {label} and the working tree")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="golden.py",
        description="Record all that rolecompare shows; compare the working tree with a revision.",
        epilog="With no command: check --base HEAD.",
    )
    jobs = argparse.ArgumentParser(add_help=False)
    jobs.add_argument(
        "--jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        metavar="N",
        help="drivers run at once (default: 2, or 1 on one CPU); recordings do not depend on it",
    )
    commands = parser.add_subparsers(dest="command")
    checking = commands.add_parser(
        "check", parents=[jobs], help="compare the working tree with a revision (the default)"
    )
    checking.add_argument("--base", default="HEAD", metavar="REV", help="default: HEAD")
    checking.add_argument("--keep", type=Path, metavar="DIR", help="keep both recordings in DIR")
    recording = commands.add_parser("record", parents=[jobs], help="record one tree into DIR")
    recording.add_argument("dir", type=Path, metavar="DIR")
    recording.add_argument("--tree", type=Path, default=REPO, help="default: this checkout")
    driving = commands.add_parser("_drive")
    driving.add_argument("spec", type=Path)
    options = parser.parse_args(argv)
    if options.command == "_drive":
        return drive(options.spec)
    if options.command == "record":
        return record(options.dir, options.tree, options.jobs)
    if options.command == "check":
        return check(options.base, options.keep, options.jobs)
    return check("HEAD", None, min(2, os.cpu_count() or 1))


if __name__ == "__main__":
    sys.exit(main())
