"""Issue 16, item 6: a large group scored by one forked process per core, with the output of one
process, and no worker left behind however the run ends."""

from __future__ import annotations

import errno
import itertools
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from rolecompare.commands import group as group_command
from rolecompare.core import loader, parallel

from ..conftest import REAL_DATA, Invoke

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
PARENT = os.getpid()
T = TypeVar("T")


def sheet(count: int) -> str:
    """Respondents with answers of their own, a few bad lines and a repeated name among them."""
    lines = []
    for number in range(1, count + 1):
        answers = "".join(str(1 + (number * 7 + i * i) % 5) for i in range(N))
        if number % 397 == 0:
            lines.append(f"Bad {number},{answers[:-1]}9")
        elif number % 1000 == 0:
            lines.append(f"Ana,{answers}")
        else:
            lines.append(f"Person {number},{answers}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------- the ordered map


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_results_come_back_in_order(workers: int) -> None:
    results = list(parallel.ordered(lambda n: (n * n, os.getpid()), range(11), workers))
    assert [square for square, _ in results] == [n * n for n in range(11)]
    pids = {pid for _, pid in results}
    assert (PARENT not in pids) == (workers > 1)
    assert len(pids) == min(workers, 11)


def work_failing_in_workers(n: int) -> int:
    if n % 3 == 0 and os.getpid() != PARENT:
        raise ValueError(n)
    return -n


def test_a_task_a_worker_fails_is_done_here() -> None:
    assert list(parallel.ordered(work_failing_in_workers, range(10), 2)) == [-n for n in range(10)]


def test_a_task_whose_worker_dies_is_done_here() -> None:
    def dying(n: int) -> int:
        if n == 2 and os.getpid() != PARENT:
            os._exit(3)
        return n + 100

    assert list(parallel.ordered(dying, range(8), 2)) == [n + 100 for n in range(8)]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_leaving_early_reaps_every_worker() -> None:
    results = parallel.ordered(lambda n: os.getpid(), range(100), 2)
    assert isinstance(results, Generator)
    pids = {next(results), next(results)}
    assert PARENT not in pids
    results.close()  # what an error or a closed stdout does to the generator
    assert all(gone(pid) for pid in pids)


def open_descriptors() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


def refused(after: int, real: Callable[[], T], error: int) -> Callable[[], T]:
    """``real`` that the system refuses after ``after`` calls, as it does past a ulimit."""
    calls = itertools.count(1)

    def call() -> T:
        if next(calls) > after:
            raise OSError(error, os.strerror(error))
        return real()

    return call


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("what", "after", "error"),
    [
        ("fork", 0, errno.EAGAIN),  # ulimit -u: no process at all
        ("fork", 1, errno.EAGAIN),  # one worker, not two
        ("pipe", 0, errno.EMFILE),  # ulimit -n: no pipe at all
        ("pipe", 1, errno.EMFILE),  # the first worker's second pipe
        ("pipe", 2, errno.EMFILE),  # one worker, not two
    ],
)
def test_a_process_or_pipe_refused_leaves_the_work_to_this_process(
    monkeypatch: pytest.MonkeyPatch, what: str, after: int, error: int
) -> None:
    before = open_descriptors()
    monkeypatch.setattr(os, what, refused(after, getattr(os, what), error))
    results = list(parallel.ordered(lambda n: (n * n, os.getpid()), range(9), 2))
    monkeypatch.undo()
    assert [square for square, _ in results] == [n * n for n in range(9)]
    assert {pid for _, pid in results} == {PARENT}
    assert open_descriptors() == before  # no pipe left open


def test_three_workers_asked_two_given_still_share_the_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "fork", refused(2, os.fork, errno.EAGAIN))
    results = list(parallel.ordered(lambda n: (n * n, os.getpid()), range(9), 3))
    monkeypatch.undo()
    assert [square for square, _ in results] == [n * n for n in range(9)]
    assert len({pid for _, pid in results}) == 2
    assert PARENT not in {pid for _, pid in results}


SIGNALLED_AT_FORK = """
import os, signal, sys
from rolecompare.core import parallel, signals

signals.install()
signal.signal(signal.SIGINT, signal.default_int_handler)  # a test runner's worker ignores it
PARENT = os.getpid()
fork = os.fork

def signalled_fork():
    pid = fork()
    if (pid == 0) == (sys.argv[2] == "worker"):  # as soon as the worker exists
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    return pid

os.fork = signalled_fork
try:
    print(list(parallel.ordered(lambda n: n * n, range(6), 2)), flush=True)
except BaseException as exc:
    print(type(exc).__name__, "in the worker" if os.getpid() != PARENT else "here", flush=True)
    if os.getpid() != PARENT:
        os._exit(0)
    children = open(f"/proc/{PARENT}/task/{PARENT}/children").read().split()
    print("workers left:", len(children), flush=True)
"""


def signalled_at_fork(name: str, side: str) -> subprocess.CompletedProcess[str]:
    """:data:`SIGNALLED_AT_FORK` run in a process of its own, signal ``name`` sent to ``side``."""
    return subprocess.run(
        [sys.executable, "-c", SIGNALLED_AT_FORK, name, side],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_as_a_worker_is_forked_never_runs_the_callers_code_there(name: str) -> None:
    """A Ctrl-C right after the fork raised KeyboardInterrupt in the worker before it ignored
    Ctrl-C: the worker then went on in the caller's code, as a second copy of the command."""
    done = signalled_at_fork(name, "worker")
    assert done.stdout == "[0, 1, 4, 9, 16, 25]\n"
    assert done.returncode == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("name", "raised"), [("SIGINT", "KeyboardInterrupt"), ("SIGTERM", "Terminated")]
)
def test_a_signal_while_a_worker_is_forked_stops_that_worker_too(name: str, raised: str) -> None:
    """The caller's cleanup stops the workers it knows: a worker forked as the signal came must
    be one of them, not left running until its pipe closes."""
    done = signalled_at_fork(name, "caller")
    assert done.stdout == f"{raised} here\nworkers left: 0\n"


def test_a_second_ctrl_c_while_the_workers_are_stopped_stops_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An impatient second Ctrl-C came while the first one's cleanup stopped the workers: the
    ones not yet stopped were left running."""
    stop = parallel._Worker.stop
    pids: list[int] = []

    def interrupted(worker: parallel._Worker) -> None:
        pids.append(worker.pid)
        if len(pids) == 1:  # to this thread, as to the command's only one (pytest has more)
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        stop(worker)

    monkeypatch.setattr(parallel._Worker, "stop", interrupted)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # xdist ignores it
    try:
        results = parallel.ordered(lambda n: n, range(100), 2)
        assert isinstance(results, Generator)
        next(results)
        with pytest.raises(KeyboardInterrupt):
            results.close()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(pids) == 2
    assert all(gone(pid) for pid in pids)


# ------------------------------------------------------------------- the command, in parts


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(group_command, "PART_LINES", 500)
    path = tmp_path / "group.csv"
    path.write_text(sheet(2100), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "markdown"])
def test_parts_print_what_one_process_prints(
    invoke: Invoke, big: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    args = ["quiz", "--answers-file", str(big), "--format", fmt]
    shared = invoke(args)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    alone = invoke(args)
    monkeypatch.setattr(group_command, "PART_LINES", 10**6)
    whole = invoke(args)
    for result in (shared, alone):
        assert result.exit_code == whole.exit_code == 1  # the bad lines
        assert result.stderr == whole.stderr
        assert strip_time(result.stdout) == strip_time(whole.stdout)
    assert "line 397 (Bad 397): " in whole.stderr
    assert "the name 'Ana' is on lines 1000, 2000" in whole.stderr
    if fmt in ("json", "csv"):
        assert whole.stdout.count("\n") == 2100 - 5 + (1 + 5 if fmt == "csv" else 0)
    else:
        assert "Quiz results: 2095 respondents" in whole.stdout


def test_no_process_to_spare_still_scores_the_file(
    invoke: Invoke, big: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ulimit -u or -n: the run was "cannot write to standard output" (EAGAIN) or "unexpected
    failure: too many open files", with nothing printed."""
    args = ["quiz", "--answers-file", str(big), "--format", "json"]
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(os, "pipe", refused(2, os.pipe, errno.EMFILE))
    starved = invoke(args)
    monkeypatch.undo()
    monkeypatch.setattr(group_command, "PART_LINES", 10**6)
    whole = invoke(args)
    assert starved.exit_code == whole.exit_code == 1  # the bad lines
    assert starved.stderr == whole.stderr
    assert strip_time(starved.stdout) == strip_time(whole.stdout)


def strip_time(text: str) -> str:
    """The output without the time it was scored at: each run reads the clock."""
    return re.sub(r'"taken_at": "[^"]*"', "", text)


def test_bad_lines_past_the_limit_are_counted_across_parts(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_command, "PART_LINES", 50)
    path = tmp_path / "bad.csv"
    path.write_text("".join(f"P{n},{'3' * (N - 1)}\n" for n in range(1, 251)), encoding="utf-8")
    result = invoke(["quiz", "--answers-file", str(path), "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: line ")]
    assert [int(line.split()[2]) for line in errors] == list(range(1, 101))
    assert "150 more lines could not be scored" in result.stderr
    assert "250 lines could not be scored; 0 respondents were scored" in result.stderr


# ------------------------------------------------------------------- signals, end to end


def workers_of(path: Path) -> list[int]:
    """Processes still running with ``path`` in their command line (a worker is a fork of the
    command, so it has the command's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(path).encode() in line:
                found.append(int(entry.name))
    return found


INTERRUPTIBLE = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)
"""Run a command with Ctrl-C as a terminal gives it: a test runner's worker may ignore SIGINT,
and a child inherits that (Python then keeps ignoring it); a default action survives exec."""


def started(command: str, path: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    argv = [command, "quiz", "--answers-file", str(path), "--format", "json"]
    process = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    process.stdout.read(1000)  # scoring has begun, in parts
    return process


def settle(path: Path) -> Iterator[list[int]]:
    for _ in range(100):
        left = workers_of(path)
        yield left
        if not left:
            return
        time.sleep(0.05)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif(parallel.usable_cores() < 2, reason="one core: nothing is forked")
@pytest.mark.parametrize(
    ("how", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGKILL, -9)]
)
def test_no_worker_outlives_a_stopped_run(
    command: str, tmp_path: Path, how: signal.Signals, code: int
) -> None:
    path = tmp_path / f"stopped-{how.name}.csv"
    path.write_text(sheet(6000), encoding="utf-8")  # three parts; the pipe holds far less
    env = {**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home")}
    process = started(command, path, env)
    assert len(workers_of(path)) >= 2  # the command and its workers
    process.send_signal(how)
    process.communicate(timeout=30)
    assert process.returncode == code
    assert list(settle(path))[-1] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_reader_that_goes_away_ends_the_workers(command: str, tmp_path: Path) -> None:
    path = tmp_path / "closed.csv"
    path.write_text(sheet(6000), encoding="utf-8")  # three parts; the pipe holds far less
    env = {**os.environ, "ROLECOMPARE_HOME": str(tmp_path / "home")}
    process = started(command, path, env)
    assert process.stdout is not None
    process.stdout.close()
    _, err = process.communicate(timeout=30)
    assert b"Traceback" not in err
    assert list(settle(path))[-1] == []
