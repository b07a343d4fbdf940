"""SIGTERM and SIGHUP as an exception, so cleanup code runs as it does for Ctrl-C.

Without a handler the process dies on the spot: a temporary file stays behind and an interactive
prompt leaves the terminal without echo. With one, the signal raises :class:`Terminated`, every
``finally`` and ``except BaseException`` on the way runs, and the command layer exits 128 + the
signal number (143, 129) with the same message as Ctrl-C.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType

CAUGHT = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
HANGUP = getattr(signal, "SIGHUP", 1)
"""A terminal that went away is a hang-up, exit 129, whether or not its SIGHUP came first."""

_heard: list[int] = []
"""The signals this run received. Only the first stops it: a closing terminal sends SIGHUP
more than once, and a second stop raised in the middle of the first's cleanup (keeping the
quiz's answers) would cut that short. Later ones are only noted."""
_holding: list[bool] = []
"""Not empty while :func:`held` runs: then even the first signal is only noted."""


class Terminated(BaseException):
    """The process was asked to stop; like KeyboardInterrupt, not an ordinary error."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _first(signum: int) -> bool:
    """Note ``signum``; whether it is the one that stops the run."""
    _heard.append(signum)
    return len(_heard) == 1 and not _holding


def _raise(signum: int, frame: FrameType | None) -> None:
    if _first(signum):
        raise Terminated(signum)


@contextmanager
def held() -> Iterator[list[int]]:
    """While the block runs (keeping what a stopped command must not lose), SIGTERM and SIGHUP
    are only noted: the list yielded holds those that came meanwhile. (A second Ctrl-C is
    ignored from :func:`stopping` on, which a stop calls first.)"""
    start = len(_heard)
    noted: list[int] = []
    _holding.append(True)
    try:
        yield noted
    finally:
        _holding.pop()
        noted += _heard[start:]


def stopping() -> None:
    """The run is stopping (a first Ctrl-C or signal was taken): a second Ctrl-C can only cut
    its cleanup short, so it is ignored from now on."""
    with suppress(ValueError):  # not the main thread: signals are not this thread's to set
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def install() -> None:
    """Turn the signals into :class:`Terminated` (again, after an event loop reset them)."""
    for signum in CAUGHT:
        signal.signal(signum, _raise)


def route_to(stop: Callable[[BaseException], None]) -> None:
    """Inside a running asyncio loop, deliver the signals as ``stop(Terminated(...))``.

    A prompt_toolkit application is stopped this way from within its own loop, so its cleanup
    (echo, canonical mode, cursor, bracketed paste) runs before the exception leaves it.
    ``stop`` is called from the signal handler itself, as soon as the signal comes: a callback
    queued on the loop would be dropped if the loop ended first (an answer just confirmed), and
    the signal lost. The loop's own handler is set only so that a signal wakes the loop.
    """
    import asyncio

    def deliver(signum: int, frame: FrameType | None) -> None:
        if _first(signum):
            stop(Terminated(signum))

    loop = asyncio.get_running_loop()
    for signum in CAUGHT:
        try:
            loop.add_signal_handler(signum, _wake)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # Windows event loops have no signal handlers; Ctrl-C still works there
        signal.signal(signum, deliver)


def _wake() -> None:
    """The loop's handler: the signal was dealt with when it came; waking the loop is enough."""
