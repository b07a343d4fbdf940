"""Find, read, parse and validate a data file: ``roles.toml`` into a :class:`Dataset`, or any
other kind described by a :class:`DataFile` (the tax figures, :mod:`rolecompare.core.taxdata`).

Every way a file can be wrong ends in :class:`DataError` with a message that names the file and,
where there is one, the line or key path, so the command layer never shows a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rolecompare.core.errors import DataError, UsageError, os_cause
from rolecompare.core.models import Dataset, with_ids
from rolecompare.core.text import plural
from rolecompare.core.untrusted import Unreadable, clean, read_bounded

if TYPE_CHECKING:
    from pydantic import TypeAdapter

DATA_ENV = "ROLECOMPARE_DATA"
MAX_BYTES = 4 << 20
"""Far above any real data file (the built-in one is about 21 kB), far below trouble."""
PACKAGE = "rolecompare"
"""The package whose ``data`` folder holds the built-in files and their snapshots."""

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True, eq=False)
class DataFile(Generic[T]):
    """One kind of data file: what it is called, where the built-in one is, and how a file of
    its kind is read and checked. The same steps serve every kind: read bounded, parse, make text
    inert, then (unless the built-in file's snapshot answers) the schema of ``model`` by pydantic
    and ``cross_check`` on the parsed file, every problem collected into one error.
    """

    noun: str
    """What the file is in messages: "data file", "tax figures file"."""
    expected: str
    """What an empty file should have been: "rolecompare TOML data file"."""
    file_name: str
    """The built-in file, in the package's ``data`` folder."""
    flag: str
    env: str
    model: type[T]
    format_doc: str
    """Where its keys are documented, for an unknown key."""
    prepare: Callable[[Any], Any]
    """The parsed file as the models take it (ids copied in, say)."""
    cross_check: Callable[[dict[str, Any]], list[str]]
    """Problems that span the file, found on the parsed file (so also beside schema problems)."""
    parse_float: Callable[[str], Any] = float

    @property
    def snapshot_name(self) -> str:
        return f"{self.file_name.removesuffix('.toml')}.snapshot.json"

    @property
    def snapshot_path(self) -> Path:
        """Where the snapshot of the built-in file is, in the package's ``data`` folder."""
        return builtin_file(self.snapshot_name)

    def builtin(self) -> Path:
        """The shipped file, read through ``importlib.resources`` from inside the package (a
        wheel, an sdist's install or an editable one alike)."""
        path = builtin_file(self.file_name)
        if not path.is_file():
            raise DataError(
                f"the built-in {self.noun} is missing (looked in {path}); "
                f"reinstall rolecompare or pass {self.flag} PATH"
            )
        return path

    def chosen(self, option: Path | str | None) -> tuple[Path, bool]:
        """The file to use, and whether the environment variable named it (so errors can say so):
        the option's path wins, then the environment variable, then the built-in file.

        An empty path is refused: as a path it would mean the current folder.
        """
        if option is not None:
            if not str(option).strip():
                raise UsageError(f"{self.flag} is empty; give the path of a .toml file")
            return Path(option), False
        from_env = os.environ.get(self.env)
        if from_env:
            return Path(from_env), True
        return self.builtin(), False

    def load_checked(self, path: Path, *, recheck: bool = False) -> tuple[T, tuple[str, ...]]:
        """The checked file, and the problems that do not stop it being used: control characters,
        line breaks and tabs in its text.

        The built-in file, unchanged, comes from its snapshot (see
        :mod:`rolecompare.core.snapshot`), already checked; ``recheck`` checks it all the same,
        as ``validate`` must.

        Every check adds to one list of problems, the schema's and the cross-checks' alike, so a
        file with several mistakes gets them all reported at once, not one per run. Control
        characters, line breaks and tabs are already shown as escapes (``\\x0a``), so every
        command can still show the file safely, each field on its one line; they are returned
        for ``validate`` to report (and listed with any other problems).
        """
        blob = _read_blob(path)
        if not recheck:
            from rolecompare.core.snapshot import checked

            known = checked(blob, self)
            if known is not None:
                return known, ()
        hygiene: list[str] = []
        raw = _parse_text(
            path, _decode(path, blob), hygiene, kind=self.expected, parse_float=self.parse_float
        )
        problems: list[str] = []
        data: T | None = None
        from pydantic import ValidationError

        from rolecompare.core.schema import describe

        try:
            data = self.validate(raw)
        except ValidationError as exc:
            problems += [describe(error, self.model, self.format_doc) for error in exc.errors()]
        problems += self.cross_check(raw)
        if problems or data is None:
            problems += hygiene
            raise DataError(
                f"{path}: {plural(len(problems), 'problem')} in the {self.noun}", tuple(problems)
            )
        return data, tuple(hygiene)

    def load_chosen(
        self, option: Path | str | None, *, recheck: bool = False
    ) -> tuple[T, tuple[str, ...], Path]:
        """:meth:`load_checked` of the chosen file, an error naming the environment variable
        when the path came from there."""
        path, from_env = self.chosen(option)
        with naming_origin(from_env, self.env):
            return (*self.load_checked(path, recheck=recheck), path)

    def validate(self, raw: dict[str, Any]) -> T:
        """The schema check of the models, by pydantic."""
        return self._schema.validate_python(self.prepare(raw))

    @cached_property
    def _schema(self) -> TypeAdapter[T]:
        """pydantic's validator of the models, built once, without its plugin discovery.

        Discovering plugins reads the metadata of every installed package, a cost for a hook no
        one uses here (Typer builds its own validators the same way).
        """
        from pydantic import TypeAdapter

        saved = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
        try:
            return TypeAdapter(self.model)
        finally:
            if saved is None:
                del os.environ["PYDANTIC_DISABLE_PLUGINS"]
            else:
                os.environ["PYDANTIC_DISABLE_PLUGINS"] = saved


def _references(raw: dict[str, Any]) -> list[str]:
    from rolecompare.core.references import find_problems

    return find_problems(raw)


ROLES = DataFile(
    noun="data file",
    expected="rolecompare TOML data file",
    file_name="roles.toml",
    flag="--data",
    env=DATA_ENV,
    model=Dataset,
    format_doc="the README's data format",
    prepare=with_ids,
    cross_check=_references,
)


def builtin_file(name: str) -> Path:
    """A file of the package's ``data`` folder (it need not exist)."""
    from importlib.resources import files

    return Path(str(files(PACKAGE).joinpath("data", name)))


def resolve_data_path(option: Path | str | None) -> Path:
    """``--data`` wins, then ``ROLECOMPARE_DATA``, then the built-in file."""
    return ROLES.chosen(option)[0]


def chosen_path(option: Path | str | None) -> tuple[Path, bool]:
    """The data file to use, and whether ``ROLECOMPARE_DATA`` named it (so errors can say so)."""
    return ROLES.chosen(option)


@contextmanager
def naming_origin(from_env: bool, env: str) -> Iterator[None]:
    """An error reading a path that came from the environment says so: the person may not
    remember setting it. A list of problems in the file itself is left as it is."""
    try:
        yield
    except DataError as exc:
        if not from_env or exc.details:
            raise
        raise DataError(
            f"{exc.message} (the path comes from {env}; change or unset it)", exc.details
        ) from None


def load_chosen(
    option: Path | str | None, *, recheck: bool = False
) -> tuple[Dataset, tuple[str, ...], Path]:
    """The data file's :meth:`DataFile.load_chosen`."""
    return ROLES.load_chosen(option, recheck=recheck)


def load(path: Path) -> Dataset:
    """Load and fully validate ``path``; raise :class:`DataError` listing every problem."""
    return ROLES.load_checked(path)[0]


def load_checked(path: Path, *, recheck: bool = False) -> tuple[Dataset, tuple[str, ...]]:
    """The data file's :meth:`DataFile.load_checked`."""
    return ROLES.load_checked(path, recheck=recheck)


def _parse_text(
    path: Path,
    text: str,
    found: list[str],
    *,
    kind: str,
    parse_float: Callable[[str], Any],
) -> dict[str, Any]:
    """Parse the TOML, turning every syntax failure into one clear line.

    Every string in the result is inert and on one line (see :mod:`rolecompare.core.untrusted`);
    each that had to change is added to ``found``, its key path and what was wrong.
    """
    import tomllib

    if not text.strip():
        raise DataError(f"{path}: the file is empty; expected a {kind}")
    try:
        return dict(clean(tomllib.loads(text, parse_float=parse_float), found))
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 keeps line and column only inside the message text.
        raise DataError(f"{path}: invalid TOML: {exc}") from None
    except ValueError as exc:  # an integer longer than Python converts (4300 digits)
        raise DataError(f"{path}: {too_long_number(exc)}") from None
    except RecursionError:
        raise DataError(f"{path}: nested too deeply to be read; flatten its arrays") from None
    except Unreadable as exc:
        raise DataError(f"{path}: {exc.reason}") from None


def too_long_number(exc: ValueError) -> str:
    """The message for a number with more digits than Python converts; any TOML loader may
    hit it (the error is Python's, raised from inside ``tomllib``)."""
    import re

    digits = re.search(r"has (\d+) digits", str(exc))
    found = f" (one has {digits.group(1)} digits)" if digits else ""
    return f"a number is far too long to be a figure{found}; write numbers with at most 18 digits"


def _read_blob(path: Path) -> bytes:
    try:
        return read_bounded(path, MAX_BYTES)
    except Unreadable as exc:
        raise DataError(f"{path}: {exc.reason}; give the path of a .toml file") from None
    except FileNotFoundError:
        raise DataError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory; give the path of a .toml file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {os_cause(exc, path)}") from None


def _decode(path: Path, blob: bytes) -> str:
    if b"\x00" in blob:
        raise DataError(f"{path}: looks like a binary file; expected a UTF-8 TOML text file")
    try:
        # Editors on Windows may start a UTF-8 file with a byte-order mark; TOML does not allow it.
        return blob.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"
        ) from None
