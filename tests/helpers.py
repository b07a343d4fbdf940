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


def real_statements() -> int:
    """How many statements the built-in bank has, counted in the data file itself (a test
    module's parameters need it before any fixture runs)."""
    return len(re.findall(r"^\[\[quiz\.statements\]\]$", real_text(), re.MULTILINE))


def mixed_answers(pattern: str = "4253425142534251") -> str:
    """A full answer sheet for the built-in bank: ``pattern`` repeated."""
    return "".join(pattern[i % len(pattern)] for i in range(real_statements()))


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


def widest(text: str, *, addresses: bool = True) -> int:
    """The longest line; with ``addresses=False``, not counting a web address alone on its line,
    which pay keeps whole (split, it could not be copied) even when wider than the screen."""
    return max(
        (
            len(line)
            for line in text.splitlines()
            if addresses or not line.strip().startswith("https://")
        ),
        default=0,
    )


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


CONTROLS = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
)
"""Every control character that must never reach a terminal or a document raw."""

PAYLOAD = (
    "\x1b[2J\x1b[H"  # clear the screen, cursor home
    "\x1b]52;c;cm0gLXJmIH4K\x07"  # OSC 52: set the clipboard
    "\x1b]0;pwned\x07"  # OSC 0: set the window title
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # OSC 8: a live hyperlink
    "\x9b31m" + "".join(sorted(CONTROLS))  # C1 CSI
)
"""Escape sequences an attacker would use, then every control character once."""


def toml_escaped(text: str) -> str:
    """``text`` as the inside of a TOML basic string, every non-printable character escaped."""
    return "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" for ch in text
    )


_HOSTILE_KEYS = re.compile(
    r"^((?:title|name|full_name|tagline|summary|market|text|caveat|publisher|topic|"
    r'billable_days_note|intro|hybrid|disclaimer|version) = "|  ")',
    re.MULTILINE,
)


def hostile_data(tmp_path: Path, payload: str = PAYLOAD) -> Path:
    """The real data file with ``payload`` at the start of every displayed text."""
    text, count = _HOSTILE_KEYS.subn(lambda m: m.group(1) + toml_escaped(payload), real_text())
    assert count > 50, "the real data file changed shape; update hostile_data"
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


_HOSTILE_TAX_KEYS = re.compile(r'^((?:title|publisher|name|note) = "|  "(?=[A-Z]))', re.MULTILINE)


def hostile_tax(tmp_path: Path, payload: str = PAYLOAD) -> Path:
    """The real tax figures file with ``payload`` at the start of every displayed text."""
    real = (REAL_DATA.parent / "uk-tax.toml").read_text(encoding="utf-8")
    text, count = _HOSTILE_TAX_KEYS.subn(lambda m: m.group(1) + toml_escaped(payload), real)
    assert count > 20, "the tax figures file changed shape; update hostile_tax"
    path = tmp_path / "hostile-tax.toml"
    path.write_text(text, encoding="utf-8")
    return path


def raw_controls(text: str) -> set[str]:
    """The control characters in ``text``, as a set (empty when it is safe to show)."""
    return set(CONTROLS.intersection(text))


def many_roles(tmp_path: Path, count: int, statements: int = 0) -> Path:
    """The real data file with ``count`` extra roles, each complete in every dimension, each
    with ``statements`` quiz statements of its own."""
    parts = [real_text()]
    dimensions = re.findall(r"^\[dimensions\.([a-z0-9-]+)\]$", parts[0], re.MULTILINE)
    for n in range(count):
        parts += [
            f'\n[[quiz.statements]]\nid = "x{n}-{j}"\ndimension = "{dimensions[0]}"\n'
            f'keyed = "r{n}"\ntext = "I would enjoy task {j} of role {n}."\n'
            for j in range(statements)
        ]
        parts.append(
            f'\n[roles.r{n}]\nname = "Role {n}"\nsource = "article"\n'
            f'[roles.r{n}.rates]\nmin = {300 + n % 50}\nmax = {700 + n % 90}\ncurrency = "GBP"\n'
            f'market = "UK"\nyear = 2025\nsource = "article"\n'
        )
        parts += [f'[dimensions.{d}.roles.r{n}]\nsummary = "Text {n}."\n' for d in dimensions]
    path = tmp_path / "many.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def third_role(tmp_path: Path, source: str = "editorial", as_of: str = "") -> Path:
    """The real data file with a Scrum Master whose rates cite ``source`` and carry only a year,
    so its date line differs from the other roles'; its salary text shows ``{rates}``."""
    text = real_text()
    dimensions = re.findall(r"^\[dimensions\.([a-z0-9-]+)\]$", text, re.MULTILINE)
    parts = [
        text,
        '\n[roles.sm]\nname = "Scrum Master"\nsource = "article"\n'
        f'[roles.sm.rates]\nmin = 350\nmax = 550\ncurrency = "GBP"\n'
        f'market = "UK tech contracts"\nyear = 2025\nsource = "{source}"\n'
        + (f"as_of = {as_of}\n" if as_of else ""),
    ]
    for dim in dimensions:
        summary = "{rates} a day for Scrum Masters." if dim.startswith("salary") else "SM text."
        parts.append(f'[dimensions.{dim}.roles.sm]\nsummary = "{summary}"\n')
    path = tmp_path / "three.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path
