"""Names that only look like another role's name (look-alike letters, odd spacing) are clashes:
`validate` names them and no command picks one role for another."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolecompare.core.references import skeleton

from ..conftest import Invoke
from ..helpers import flat, real_text

# Cyrillic and Greek capitals drawn like Latin ones, by the Latin letter they resemble.
LOOK_ALIKES = {
    "A": "\u0410\u0391",
    "B": "\u0412\u0392",
    "C": "\u0421",
    "E": "\u0415\u0395",
    "H": "\u041d\u0397",
    "K": "\u041a\u039a",
    "M": "\u041c\u039c",
    "O": "\u041e\u039f",
    "P": "\u0420\u03a1",
    "T": "\u0422\u03a4",
    "X": "\u0425\u03a7",
}


def with_role(tmp_path: Path, name: str, aliases: str = "") -> Path:
    """The real data with a third role called ``name`` (its texts complete)."""
    import re

    text = real_text()
    dims = re.findall(r"^\[dimensions\.([a-z0-9-]+)\]$", text, re.MULTILINE)
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    parts = [
        text,
        f'\n[roles.other]\nname = "{escaped}"\nsource = "article"\naliases = [{aliases}]\n'
        '[roles.other.rates]\nmin = 300\nmax = 500\ncurrency = "GBP"\nmarket = "UK"\n'
        'year = 2025\nsource = "article"\n',
        *(f'[dimensions.{d}.roles.other]\nsummary = "Other."\n' for d in dims),
    ]
    path = tmp_path / "look-alike.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "clashes_with"),
    [
        ("\u0420\u041c\u041e", "pmo"),  # Cyrillic ER, EM, O
        ("\u03a1\u039c\u039f", "pmo"),  # Greek RHO, MU, OMICRON
        ("Project  Manager", "pm"),
        (" project_manager ", "pm"),
        ("\u0420roject Manager", "pm"),
        ("\uff30\uff2d\uff2f", "pmo"),  # full-width PMO
    ],
)
def test_validate_reports_a_name_that_looks_like_another_roles(
    invoke: Invoke, tmp_path: Path, name: str, clashes_with: str
) -> None:
    data = with_role(tmp_path, name)
    result = invoke(["validate", str(data)])
    assert result.exit_code == 1, result.stdout
    assert "roles.other.name: '" in result.stdout
    assert f"looks the same as a name of role '{clashes_with}'" in result.stdout


def test_a_tab_in_a_name_is_reported_and_shown_escaped(invoke: Invoke, tmp_path: Path) -> None:
    """A tab would look like a space; names are one line, so it shows as \\x09 and is reported."""
    data = with_role(tmp_path, "Project\tManager")
    result = invoke(["validate", str(data)])
    assert result.exit_code == 1
    assert "roles.other.name: contains a line break or tab" in result.stdout
    shown = invoke(["--data", str(data), "roles", "-f", "json"])
    assert shown.exit_code == 0, shown.stderr
    assert "Project\\\\x09Manager" in shown.stdout


def test_a_look_alike_alias_is_reported_too(invoke: Invoke, tmp_path: Path) -> None:
    data = with_role(tmp_path, "Scrum Master", aliases='"\u0420\u041c\u041e-analyst"')
    result = invoke(["validate", str(data)])
    assert result.exit_code == 1
    assert "roles.other.aliases: '" in result.stdout and "role 'pmo'" in result.stdout


def test_distinct_names_pass(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke(["validate", str(with_role(tmp_path, "Scrum Master"))]).exit_code == 0


@pytest.mark.parametrize("name", ["Project  Manager", "\u0420roject Manager"])
def test_no_command_picks_one_look_alike_for_another(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    data = with_role(tmp_path, name)
    result = invoke(["--data", str(data), "show", "-r", "Project Manager", "-d", "focus-area"])
    assert result.exit_code != 0
    assert "Project Manager" not in result.stdout


@given(st.text(alphabet="PMOACEHKTXB", min_size=1, max_size=12), st.data())
def test_skeleton_sees_through_look_alike_letters(latin: str, data: st.DataObject) -> None:
    disguised = "".join(
        data.draw(st.sampled_from(LOOK_ALIKES[ch] + ch)) if ch in LOOK_ALIKES else ch
        for ch in latin
    )
    assert skeleton(disguised) == skeleton(latin) == latin.lower()


@given(st.lists(st.sampled_from(["project", "manager", "pmo"]), min_size=1, max_size=4), st.data())
def test_skeleton_sees_through_spacing(words: list[str], data: st.DataObject) -> None:
    gaps = [data.draw(st.sampled_from([" ", "  ", "\t", "_", "-", " - "])) for _ in words[1:]]
    spaced = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=True))
    assert skeleton(spaced.title()) == "-".join(words)


@pytest.mark.parametrize("title", ["Focus  area", "F\u043ecus area", "focus_area"])
def test_a_dimension_title_that_looks_like_another_is_reported(
    invoke: Invoke, tmp_path: Path, title: str
) -> None:
    from ..helpers import variant

    data = variant(tmp_path, ('title = "Decision-making"', f'title = "{title}"'))
    result = invoke(["validate", str(data)])
    assert result.exit_code == 1
    assert "dimensions.decision-making.title: '" in result.stdout
    assert "looks the same as a name of dimension 'focus-area'" in flat(result.stdout)
