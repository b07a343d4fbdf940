"""Find, read, parse and validate a data file into a :class:`Dataset`.

Every way a file can be wrong ends in :class:`DataError` with a message that names the file and,
where there is one, the line or key path, so the command layer never shows a traceback.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rolecompare.errors import DataError
from rolecompare.models import Dataset
from rolecompare.references import find_problems

DATA_ENV = "ROLECOMPARE_DATA"
_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_data_path(package_dir: Path = _PACKAGE_DIR) -> Path:
    """The shipped ``roles.toml``.

    A wheel carries it inside the package (``force-include``); an editable install leaves it at
    the repository root, two levels above ``src/rolecompare``.
    """
    candidates = (
        package_dir / "data" / "roles.toml",
        package_dir.parents[1] / "data" / "roles.toml",
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise DataError(
        f"the built-in data file is missing (looked in {candidates[0]} and {candidates[1]}); "
        "reinstall rolecompare or pass --data PATH"
    )


def resolve_data_path(option: Path | None) -> Path:
    """``--data`` wins, then ``ROLECOMPARE_DATA``, then the built-in file."""
    if option is not None:
        return option
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env)
    return builtin_data_path()


def load(path: Path) -> Dataset:
    """Load and fully validate ``path``; raise :class:`DataError` listing every problem.

    Every check adds to one list of problems, the schema's and the cross-references' alike, so
    a file with several mistakes gets them all reported at once, not one per run.
    """
    raw = parse(path)
    problems: list[str] = []
    data: Dataset | None = None
    try:
        data = _validate(raw)
    except ValidationError as exc:
        problems += [_describe(error) for error in exc.errors()]
    problems += find_problems(raw)
    if problems or data is None:
        raise DataError(f"{path}: {len(problems)} problem(s) in the data file", tuple(problems))
    return data


def _validate(raw: dict[str, Any]) -> Dataset:
    """The schema check, without pydantic's plugin discovery.

    Discovering plugins reads the metadata of every installed package, a cost on every start-up
    for a hook no one uses here (Typer builds its own validators the same way).
    """
    saved = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
    try:
        return Dataset.model_validate(raw)
    finally:
        if saved is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = saved


def parse(path: Path) -> dict[str, Any]:
    """Read and parse the TOML, turning every I/O and syntax failure into one clear line."""
    text = _read_text(path)
    if not text.strip():
        raise DataError(f"{path}: the file is empty; expected a rolecompare TOML data file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 keeps line and column only inside the message text.
        raise DataError(f"{path}: invalid TOML: {exc}") from None


def _read_text(path: Path) -> str:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory; give the path of a .toml file") from None
    except PermissionError:
        raise DataError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in blob:
        raise DataError(f"{path}: looks like a binary file; expected a UTF-8 TOML text file")
    try:
        # Editors on Windows may start a UTF-8 file with a byte-order mark; TOML does not allow it.
        return blob.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"
        ) from None


def _describe(error: Any) -> str:
    """One pydantic error as ``key.path: expectation``."""
    path = ""
    for part in error["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind = error["type"]
    if kind == "missing":
        message = "required key is missing"
    elif kind == "extra_forbidden":
        message = "unknown key; check its spelling against the README's data format"
    elif kind == "too_short":
        message = f"needs at least {error['ctx']['min_length']} entries"
    else:
        text = error["msg"].removeprefix("Value error, ").replace("Input should be", "should be")
        message = text[0].lower() + text[1:]
        if not isinstance(error.get("input"), dict):
            message += f" (got {error['input']!r})"
    return f"{path or '(top level)'}: {message}"
