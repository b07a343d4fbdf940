"""SIGTERM and SIGHUP as an exception, so cleanup code runs as it does for Ctrl-C.

Without a handler the process dies on the spot: a temporary file stays behind and an interactive
prompt leaves the terminal without echo. With one, the signal raises :class:`Terminated`, every
``finally`` and ``except BaseException`` on the way runs, and the command layer exits 128 + the
signal number (143, 129) with the same message as Ctrl-C.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType

CAUGHT = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """The process was asked to stop; like KeyboardInterrupt, not an ordinary error."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def install() -> None:
    """Turn the signals into :class:`Terminated` (again, after an event loop reset them)."""
    for signum in CAUGHT:
        signal.signal(signum, _raise)


def route_to(stop: Callable[[BaseException], None]) -> None:
    """Inside a running asyncio loop, deliver the signals as ``stop(Terminated(...))``.

    A prompt_toolkit application is stopped this way from within its own loop, so its cleanup
    (echo, canonical mode, cursor, bracketed paste) runs before the exception leaves it.
    """
    import asyncio

    def deliver(signum: int) -> None:
        stop(Terminated(signum))

    loop = asyncio.get_running_loop()
    for signum in CAUGHT:
        try:
            loop.add_signal_handler(signum, deliver, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # Windows event loops have no signal handlers; Ctrl-C still works there
