"""The one exception family the core raises; the command layer maps it to exit codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

DATA_ERROR = 1
USAGE_ERROR = 2
CANCELLED = 130


class RoleCompareError(Exception):
    """A problem the user can fix; its message is printed as is, without a traceback."""

    exit_code = DATA_ERROR

    def __init__(self, message: str, details: tuple[str, ...] = ()) -> None:
        from rolecompare.core.untrusted import inert_line

        # Messages name paths and quote what was typed or read: each is made one inert line here,
        # once, so no screen that shows one (stderr, validate's lists, JSON) can carry an escape
        # sequence or a forged line, whatever the path holds.
        message = inert_line(message)
        super().__init__(message)
        self.message = message
        self.details = tuple(inert_line(detail) for detail in details)


class DataError(RoleCompareError):
    """The data file is missing, unreadable or invalid (exit 1)."""


class FileWriteError(RoleCompareError):
    """A file the user asked for could not be written (exit 1)."""


class UsageError(RoleCompareError):
    """An option value that does not fit the data, e.g. an unknown role (exit 2)."""

    exit_code = USAGE_ERROR


def os_cause(exc: OSError, path: Path | None = None) -> str:
    """The real cause of a failed file operation, in words a person can act on; given the
    ``path``, a file standing where a folder should be is named."""
    import errno

    if exc.errno == errno.ENOTDIR and path is not None:
        for parent in path.parents:
            if parent.is_file():
                return f"{parent} is a file, not a folder"

    causes = {
        errno.ENAMETOOLONG: "the name is too long for the file system; choose a shorter name",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.ENOENT: "no such file or folder",
        errno.ELOOP: "too many levels of symbolic links",
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "the file system is read-only; choose a folder on a writable disk",
        errno.EISDIR: "it is a directory",
        errno.EDQUOT: "disk quota exceeded",
        errno.EFBIG: "the file is too large",
        errno.ENXIO: "no process is reading from it",
    }
    return causes.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


class Cancelled(Exception):
    """The person stopped before the end, e.g. end of input at the first ``--plain`` prompt;
    the command layer treats it like Ctrl-C (exit 130, nothing saved). A ``message`` replaces
    the command's usual one, e.g. to say what was kept; ``exit_code`` is 143 for a SIGTERM."""

    def __init__(self, message: str | None = None, exit_code: int = CANCELLED) -> None:
        from rolecompare.core.untrusted import inert_line

        super().__init__(message)
        self.message = None if message is None else inert_line(message)
        self.exit_code = exit_code


class InputEnded(UsageError):
    """Input ended before the quiz's last answer, or a piped line was not an answer (exit 2);
    the answers so far may be kept."""
