"""Small helpers shared by the test modules: data-file variants, text normalising, snapshots."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .conftest import REAL_DATA, SNAPSHOTS

ARTICLE_DIMENSIONS = {
    "primary-focus": "Primary focus",
    "key-responsibilities": "Key responsibilities",
    "essential-skills": "Essential skills",
    "tools-and-software": "Tools and software",
    "focus-area": "Focus area",
    "decision-making": "Decision-making",
    "educational-background": "Educational background",
    "salary-and-job-outlook": "Salary and job outlook",
}
"""The article's comparison dimensions, in its order: id -> title."""
DIMENSION_IDS = list(ARTICLE_DIMENSIONS)
DIMENSION_TITLES = list(ARTICLE_DIMENSIONS.values())

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def real_text() -> str:
    return REAL_DATA.read_text(encoding="utf-8")


def variant(tmp_path: Path, *replacements: tuple[str, str], name: str = "roles.toml") -> Path:
    """The real data file with each ``(old, new)`` replaced once, written to ``tmp_path``.

    Fails when ``old`` is not in the file, so a change to the real data cannot turn a test into
    one that checks nothing.
    """
    text = real_text()
    for old, new in replacements:
        assert old in text, f"{old!r} is no longer in {REAL_DATA}; update the test"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def flat(text: str) -> str:
    """Whitespace collapsed, so a sentence rich wrapped over two lines can be found whole."""
    return " ".join(text.split())


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def widest(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def assert_snapshot(name: str, actual: str) -> None:
    """Compare with ``tests/snapshots/<name>``; ``UPDATE_SNAPSHOTS=1`` rewrites the file instead.

    Trailing spaces are dropped from each line first: rich pads some lines and not others, the
    padding is invisible, and editors strip it from files; line widths have their own tests.
    """
    actual = "".join(line.rstrip() + "\n" for line in actual.splitlines())
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; run the tests once with UPDATE_SNAPSHOTS=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}; UPDATE_SNAPSHOTS=1 rewrites it"
