"""Class 1, terminal injection: no control character from a data or history file survives raw.

Every displayed text of the real data file, and every string of a history record, starts with
escape sequences (clear screen, OSC 52 clipboard, OSC 0 title, OSC 8 hyperlink, C1 CSI) and every
C0 and C1 control character and DEL. Each command, in each format and each export, must show
them inert; SVG exports must still parse as XML.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolecompare.core import history, loader
from rolecompare.core.untrusted import inert

from ..conftest import REAL_DATA, Invoke
from ..helpers import PAYLOAD, flat, hostile_data, hostile_tax, raw_controls, toml_escaped, variant

DATA = loader.load(REAL_DATA)
N = len(DATA.quiz.statements)
ANSWERS = "".join("5" if s.keyed == "pmo" else "1" for s in DATA.quiz.statements)

SCREENS = {
    "show": ["show"],
    "rates": ["rates"],
    "pay": ["pay", "--breakdown", "--region", "scotland"],
    "quiz": ["quiz", "--answers", ANSWERS],
    "questions": ["quiz", "--questions"],
    "history": ["history"],
}


def hostile_history(home: Path) -> None:
    """A history whose every string is the payload, read back by ``history`` and ``quiz``."""
    home.mkdir(parents=True, exist_ok=True)
    record = {
        "time": "2026-03-01T10:00:00+00:00",
        "bank_version": PAYLOAD,
        "scores": {"pmo": 70.0, PAYLOAD: 30.0},
        "recommendation": PAYLOAD,
        "band": PAYLOAD,
        "answers": [3] * N,
    }
    line = json.dumps(record, ensure_ascii=False) + "\n"
    (home / history.FILE_NAME).write_text(line * 2, encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    hostile_history(home)
    return {
        "ROLECOMPARE_DATA": str(hostile_data(tmp_path)),
        "ROLECOMPARE_TAX_DATA": str(hostile_tax(tmp_path)),
        "ROLECOMPARE_HOME": str(home),
    }


def assert_inert(text: str, where: str) -> None:
    found = raw_controls(text)
    assert not found, f"{where} let through {sorted(map(hex, map(ord, found)))}"


@pytest.mark.parametrize("fmt", ["table", "text", "markdown", "json"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_format_shows_file_text_inert(
    invoke: Invoke, hostile: dict[str, str], screen: str, fmt: str
) -> None:
    result = invoke([*SCREENS[screen], "--format", fmt], env=hostile)
    assert result.exit_code == 0, result.stderr
    assert_inert(result.stdout, f"{screen} --format {fmt} (stdout)")
    assert_inert(result.stderr, f"{screen} --format {fmt} (stderr)")
    assert "\\x1b" in result.stdout  # shown visibly, not dropped without a trace


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("screen", ["roles", "validate"])
def test_roles_and_validate_show_file_text_inert(
    invoke: Invoke, hostile: dict[str, str], screen: str, fmt: str
) -> None:
    result = invoke([screen, "--format", fmt], env=hostile)
    assert result.exit_code == (1 if screen == "validate" else 0), result.stderr
    assert_inert(result.stdout + result.stderr, f"{screen} --format {fmt}")
    assert "\\x1b" in result.stdout or "contains control characters" in result.stdout


@pytest.mark.parametrize("suffix", [".svg", ".html", ".txt", ".md", ".json"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_export_holds_file_text_inert(
    invoke: Invoke, hostile: dict[str, str], tmp_path: Path, screen: str, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    result = invoke([*SCREENS[screen], "--export", str(target)], env=hostile)
    assert result.exit_code == 0, result.stderr
    content = target.read_text(encoding="utf-8")
    assert_inert(content, f"{screen} --export {suffix}")
    if suffix == ".svg":
        ET.fromstring(content)  # well-formed XML, or this raises


def test_plain_prompts_on_stderr_are_inert(invoke: Invoke, hostile: dict[str, str]) -> None:
    result = invoke(["quiz", "--plain"], input="3\n" * N, env=hostile)
    assert result.exit_code == 0, result.stderr
    assert "\\x1b" in result.stderr  # the statements and titles were there, made visible
    assert_inert(result.stderr, "quiz --plain prompts")
    assert_inert(result.stdout, "quiz --plain result")


def test_what_a_person_types_is_echoed_inert(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["quiz", "--plain"], input="\x1b]52;c;eA==\x07\n")
    assert result.exit_code == 2
    assert "\\x1b]52" in result.stderr
    assert_inert(result.stderr, "the --plain error")


def test_validate_echoes_key_names_inert(invoke: Invoke, tmp_path: Path) -> None:
    bad_key = toml_escaped("focus\x1b[2J\x9b0m")
    data = variant(tmp_path, ("[dimensions.focus-area]\n", f'[dimensions."{bad_key}"]\n'))
    for fmt in ("table", "json"):
        result = invoke(["validate", str(data), "--format", fmt])
        assert result.exit_code == 1
        shown = "".join(json.loads(result.stdout)["problems"]) if fmt == "json" else result.stdout
        assert "focus\\x1b[2J\\x9b0m" in shown
        assert_inert(result.stdout + result.stderr, f"validate --format {fmt}")
    other = invoke(["--data", str(data), "show"])
    assert other.exit_code == 1
    assert_inert(other.stderr, "the data error of show")


def test_validate_rejects_control_characters_that_other_commands_show_inert(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = variant(
        tmp_path, ('title = "Decision-making"', f'title = "{toml_escaped(PAYLOAD)}Decision-making"')
    )
    checked = invoke(["validate", str(data)])
    assert checked.exit_code == 1
    assert "dimensions.decision-making.title: contains control characters" in flat(checked.stdout)
    as_json = json.loads(invoke(["validate", str(data), "--format", "json"]).stdout)
    assert as_json["valid"] is False
    assert any("decision-making.title" in p for p in as_json["problems"])
    shown = invoke(["--data", str(data), "show", "-d", "decision-making"])
    assert shown.exit_code == 0
    assert "\\x1b]52;c;" in shown.stdout


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # Invisible characters are shown as escapes where the file is read, and refused there.
        ('name = "PMO"', 'name = "\\u200b\\u200d"', "roles.pmo.name: contains control characters"),
        ('name = "PMO"', 'name = "\\u2060 \\ufeff"', "roles.pmo.name: contains control characters"),
        (
            'name = "PMO"',
            'name = "Project\\u200bManager"',
            "roles.pmo.name: contains control characters",
        ),
        (
            'aliases = ["project-management-office", "pmo-analyst"]',
            'aliases = ["project-management-office", "p\\u200cm"]',
            "differ only in invisible characters",
        ),
        ('title = "Decision-making"', 'title = "\\u200b"', "dimensions.decision-making.title"),
    ],
)
def test_validate_rejects_invisible_and_look_alike_names(
    invoke: Invoke, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    if "Project\\u200bManager" in new:  # a name that reads like the other role's name
        data = variant(
            tmp_path, ('name = "Project Manager"', 'name = "ProjectManager"'), (old, new)
        )
    else:
        data = variant(tmp_path, (old, new))
    result = invoke(["validate", str(data)])
    assert result.exit_code == 1
    assert expected in flat(result.stdout)


@pytest.mark.parametrize("code", sorted(map(ord, PAYLOAD)))
def test_inert_leaves_no_control_character(code: int) -> None:
    shown = inert(f"a{chr(code)}b")
    assert not raw_controls(shown)
    assert shown.startswith("a") and shown.endswith("b")


def test_inert_keeps_ordinary_text() -> None:
    text = "Tab\there, new\nline, £400–£600, Ünïcödé, 日本語, emoji 🙂"
    assert inert(text) == text


@given(st.text())
def test_no_text_keeps_a_control_character_or_a_surrogate(text: str) -> None:
    shown = inert(text)
    assert not raw_controls(shown)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in shown)
    shown.encode("utf-8")  # always encodable, so no output stream can fail on it


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_text_without_controls_is_left_alone(text: str) -> None:
    bidi = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF]}
    invisible = {chr(c) for c in [0x200B, *range(0x2060, 0x2065), 0xFEFF, 0x180E]}
    invisible |= {chr(c) for c in [*range(0xFFF9, 0xFFFC), *range(0xE0000, 0xE0080)]}
    if not (bidi | invisible).intersection(text):
        assert inert(text) == text


@pytest.mark.parametrize("code", [0x200B, 0x2060, 0xFEFF, 0xFFF9, 0x180E, 0xE0041])
def test_invisible_characters_are_shown(code: int) -> None:
    """A zero-width space or a tag character would let one name pass for another."""
    shown = inert(f"PMO{chr(code)}")
    assert shown.startswith("PMO\\") and chr(code) not in shown
    assert inert("a\u200db") == "a\u200db"  # a zero-width joiner is part of emoji and scripts


def test_a_path_in_a_message_is_echoed_inert(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["show", "--export", str(tmp_path / "x\x1b]52;c;eA==\x07.exe")])
    assert result.exit_code == 2
    assert "x\\x1b]52;c;eA==\\x07.exe" in result.stderr
    assert_inert(result.stderr, "the --export usage error")
