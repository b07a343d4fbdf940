"""Work shared out to forked processes, its results handed back in order.

A group of 100,000 respondents is scored in pure Python at about a tenth of a millisecond each;
on a machine with two cores, two processes take half the time. The work is split into tasks, and
each task goes to a worker forked from this process, so the worker already has the dataset, the
function and everything they use, and only the tasks and their results cross a pipe.

Nothing here may hang or leave a process behind:
- each worker has at most one task in hand, so the parent never writes to a worker that is
  itself waiting to write;
- a worker ignores Ctrl-C (the terminal sends it to the whole process group; the parent decides)
  and dies of SIGTERM, SIGHUP and SIGPIPE as a plain process does;
- a worker exits when its task pipe reaches end of file, which is what it sees when the parent
  ends in any way at all, even by SIGKILL;
- the parent, leaving early (an error, a signal, a closed stdout), kills and reaps its workers;
- Ctrl-C, SIGTERM and SIGHUP are held back while a worker is forked (until it has set its own)
  and while the workers are ended (a second Ctrl-C cannot cut that short). This holds in a
  single-threaded process, as the command is: a signal held back by this thread could otherwise
  be taken by another;
- where the system refuses a process or a pipe, the work is shared by fewer processes.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_HEADER = struct.Struct("!Q")


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the system says, else all)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        with suppress(OSError):
            return len(affinity(0))
    return os.cpu_count() or 1


def ordered(work: Callable[[T], R], tasks: Iterable[T], workers: int) -> Iterator[R]:
    """``work(task)`` for each of ``tasks``, in their order, computed by ``workers`` forked
    processes (in this one where there is a single worker or no ``fork``). Where the system
    refuses a process or a pipe (``ulimit -u``, ``ulimit -n``), fewer workers share the work,
    and with fewer than two it is done here: the results never depend on what could be forked.

    A task whose worker fails or dies is done here instead, so the results are always complete;
    that worker is given nothing more.
    """
    if workers < 2 or not hasattr(os, "fork"):
        yield from map(work, tasks)
        return
    pool: list[_Worker] = []
    try:
        for _ in range(workers):
            try:
                _Worker.start(work, pool)
            except OSError:  # no process or pipe to spare (ulimit -u, ulimit -n): fewer workers
                break
        if len(pool) < 2:  # one worker would only wait for its parent's work: do it here
            for worker in pool:
                worker.stop()
            yield from map(work, tasks)
        else:
            yield from _dispatch(work, iter(tasks), pool)
    finally:  # a second Ctrl-C (or a SIGTERM) must not cut this short: it is taken after
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            for worker in pool:
                worker.stop()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _dispatch(work: Callable[[T], R], tasks: Iterator[T], pool: list[_Worker]) -> Iterator[R]:
    """One task in hand per worker, the oldest answered first; a worker is given its next task
    as soon as it has answered, before its answer is passed on."""
    pending: deque[tuple[_Worker, T]] = deque()
    for worker, task in zip(pool, tasks, strict=False):
        worker.give(task)
        pending.append((worker, task))
    while pending:
        worker, task = pending.popleft()
        ok, result = worker.take()
        if not ok:
            worker.stop()
            result = work(task)
        following = next(tasks, _END)
        if following is not _END:
            worker.give(following)
            pending.append((worker, following))
        yield result


_END: Any = object()


class _Worker:
    """A forked process and the two pipes to it: tasks in, ``(ok, result)`` out."""

    def __init__(self, pid: int, tasks: BinaryIO, results: BinaryIO) -> None:
        self.pid, self.tasks, self.results = pid, tasks, results
        self.alive = True

    @classmethod
    def start(cls, work: Callable[[Any], Any], pool: list[_Worker]) -> None:
        """A new worker, added to ``pool`` before any signal held back meanwhile is taken, so
        that the caller's cleanup, which stops the pool's workers, stops it too."""
        sys.stdout.flush()  # a buffer copied into the worker must never be written twice
        sys.stderr.flush()
        ends: list[int] = []
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:  # a pipe or the fork refused (too many files or processes) leaves nothing open
            ends += os.pipe()
            ends += os.pipe()
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            for end in ends:
                os.close(end)
            raise
        task_read, task_write, result_read, result_write = ends
        if pid == 0:  # the worker: it never returns into the caller's code
            code = 1
            try:
                _set_signals(mask)
                os.close(task_write)
                os.close(result_read)
                for other in pool:  # their pipes would keep their end of file from coming
                    other.tasks.close()
                    other.results.close()
                _serve(work, os.fdopen(task_read, "rb"), os.fdopen(result_write, "wb"))
                code = 0
            finally:
                os._exit(code)
        os.close(task_read)
        os.close(result_write)
        pool.append(cls(pid, os.fdopen(task_write, "wb"), os.fdopen(result_read, "rb")))
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a signal held back is taken now

    def give(self, task: Any) -> None:
        if self.alive:
            try:
                _send(self.tasks, task)
            except OSError:
                self.stop()

    def take(self) -> tuple[bool, Any]:
        """``(True, result)``, or ``(False, None)`` when the worker failed or is gone."""
        if self.alive:
            with suppress(OSError, EOFError, pickle.UnpicklingError):
                answer: tuple[bool, Any] = _receive(self.results)
                return answer
        return False, None

    def stop(self) -> None:
        """End the worker: at once if it is still working, and reap it either way."""
        if not self.alive:
            return
        self.alive = False
        for stream in (self.tasks, self.results):
            with suppress(OSError):
                stream.close()
        with suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with suppress(OSError):
            os.waitpid(self.pid, 0)


_STOPPING = {
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
}
"""The signals held back while a worker is forked: one that came before the worker had set its
own would raise the caller's exception in the worker, which would go on in the caller's code."""


def _set_signals(mask: Iterable[int]) -> None:
    """The worker's signals set (see the module's docstring), then let in: one that came while
    they were held back is now ignored or ends the worker, as it would have afterwards."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP", "SIGPIPE"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _serve(work: Callable[[Any], Any], tasks: BinaryIO, results: BinaryIO) -> None:
    while True:
        try:
            task = _receive(tasks)
        except EOFError:
            return
        try:
            answer: tuple[bool, Any] = (True, work(task))
        except Exception:  # the parent does the task again, and meets the error there itself
            answer = (False, None)
        _send(results, answer)


def _send(stream: BinaryIO, value: Any) -> None:
    blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(blob)) + blob)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    blob = stream.read(size)
    if len(blob) < size:
        raise EOFError
    return pickle.loads(blob)
