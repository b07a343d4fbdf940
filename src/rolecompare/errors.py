"""The one exception family the core raises; the command layer maps it to exit codes."""

from __future__ import annotations

DATA_ERROR = 1
USAGE_ERROR = 2
CANCELLED = 130


class RoleCompareError(Exception):
    """A problem the user can fix; its message is printed as is, without a traceback."""

    exit_code = DATA_ERROR

    def __init__(self, message: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class DataError(RoleCompareError):
    """The data file is missing, unreadable or invalid (exit 1)."""


class FileWriteError(RoleCompareError):
    """A file the user asked for could not be written (exit 1)."""


class UsageError(RoleCompareError):
    """An option value that does not fit the data, e.g. an unknown role (exit 2)."""

    exit_code = USAGE_ERROR


class Cancelled(Exception):
    """The person stopped before the end, e.g. end of input at the first ``--plain`` prompt;
    the command layer treats it like Ctrl-C (exit 130, nothing saved)."""
