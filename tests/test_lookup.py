"""Looking up roles and dimensions: words, typos, short starts, separators, the order asked for."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolecompare import loader
from rolecompare.errors import UsageError
from rolecompare.lookup import MIN_PREFIX, normalise, pick, resolve_dimensions, resolve_roles

from .conftest import REAL_DATA, THREE_ROLES, Invoke
from .helpers import flat

DATA = loader.load(REAL_DATA)
THREE = loader.load(THREE_ROLES)


def dims(*names: str) -> list[str]:
    return [d.id for d in resolve_dimensions(DATA, names)]


def error_of(*names: str) -> str:
    with pytest.raises(UsageError) as caught:
        resolve_dimensions(DATA, names)
    return caught.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("salery", "salary-and-job-outlook"),
        ("decison-making", "decision-making"),
        ("educaton", "educational-background"),
        ("responsibilites", "key-responsibilities"),
        ("Tols and software", "tools-and-software"),
    ],
)
def test_a_misspelt_name_gets_a_suggestion(typed: str, expected: str) -> None:
    message = error_of(typed)
    assert message.startswith(f"unknown dimension '{typed}' for --dimension (known: ")
    assert message.endswith(f"did you mean '{expected}'?")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("skills", "essential-skills"),
        ("software", "tools-and-software"),
        ("outlook", "salary-and-job-outlook"),
        ("job outlook", "salary-and-job-outlook"),
        ("background", "educational-background"),
        ("making", "decision-making"),
        ("pay", "salary-and-job-outlook"),  # an alias in the data file
    ],
)
def test_a_word_inside_a_title_or_an_alias_finds_the_dimension(typed: str, expected: str) -> None:
    assert dims(typed) == [expected]


def test_a_word_in_several_titles_lists_them() -> None:
    message = error_of("and")
    assert "'and' fits more than one dimension for --dimension" in message
    assert "'tools-and-software' and 'salary-and-job-outlook'" in message


def test_the_start_of_a_whole_name_wins_over_a_word() -> None:
    assert dims("focus") == ["focus-area"]


def test_too_short_lists_what_it_could_be() -> None:
    message = error_of("fo")
    assert message == (
        f"'fo' is too short for --dimension: give at least {MIN_PREFIX} letters "
        "(it could be 'primary-focus' or 'focus-area')"
    )


def test_too_short_for_a_role() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_roles(DATA, ["p"])
    assert "too short for --role" in caught.value.message
    assert "'pmo' or 'pm'" in caught.value.message


@pytest.mark.parametrize(
    "typed", ["PMO analyst", "pmo_analyst", "pmo  analyst", "PMO-Analyst", " pmo analyst "]
)
def test_spaces_hyphens_and_underscores_count_alike_for_roles(typed: str) -> None:
    assert [r.id for r in resolve_roles(DATA, [typed])] == ["pmo"]


@pytest.mark.parametrize("typed", ["Focus area", "focus_area", "FOCUS-AREA", "focus   area"])
def test_spaces_hyphens_and_underscores_count_alike_for_dimensions(typed: str) -> None:
    assert dims(typed) == ["focus-area"]


def test_the_order_asked_for_is_kept_without_repeats() -> None:
    assert dims("tools", "Focus area", "tools-and-software", "primary") == [
        "tools-and-software",
        "focus-area",
        "primary-focus",
    ]


def test_roles_keep_their_order_too() -> None:
    assert [r.id for r in resolve_roles(THREE, ["scrum", "pmo"])] == ["scrum", "pmo"]


def test_an_unknown_name_without_anything_close() -> None:
    assert error_of("weather") == (
        "unknown dimension 'weather' for --dimension (known: primary-focus, key-responsibilities, "
        "essential-skills, tools-and-software, focus-area, decision-making, "
        "educational-background, salary-and-job-outlook)"
    )


def test_an_empty_name_is_explained() -> None:
    assert error_of("  ").startswith("--dimension needs a dimension name (known: ")


ENTRIES = {"alpha-beta": ["alpha-beta", "Alpha beta"], "gamma": ["gamma", "Gamma delta"]}


@given(st.text(alphabet=st.sampled_from("abcdegmlpht -_"), max_size=12))
def test_pick_either_finds_one_entry_or_says_why(typed: str) -> None:
    try:
        found = pick("thing", "--thing", typed, ENTRIES)
    except UsageError as exc:
        assert exc.message
        assert "\n" not in exc.message
    else:
        assert found in ENTRIES


@given(st.sampled_from(["alpha-beta", "Alpha beta", "gamma", "Gamma delta"]), st.data())
def test_any_separator_spelling_of_a_name_finds_it(name: str, data: st.DataObject) -> None:
    separators = data.draw(st.lists(st.sampled_from([" ", "-", "_", "  ", " - "]), min_size=3))
    spelt = re.sub(r"[ -]", lambda _: separators.pop() if separators else " ", name)
    expected = "alpha-beta" if name.casefold().startswith("alpha") else "gamma"
    assert pick("thing", "--thing", spelt.upper(), ENTRIES) == expected


def test_normalise() -> None:
    assert normalise("  Focus _-  Area ") == "focus-area"


# ---------------------------------------------------------------- through the command line


def test_show_with_a_word_prints_that_dimension(invoke: Invoke) -> None:
    doc = json.loads(invoke(["show", "-d", "skills", "-f", "json"]).stdout)
    assert [d["id"] for d in doc["dimensions"]] == ["essential-skills"]


def test_a_dimension_found_by_a_word_or_alias_is_named_on_stderr(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "pay", "-d", "skills", "-d", "tools", "-d", "Focus area"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Note: -d pay: showing salary-and-job-outlook (Salary and job outlook)",
        "Note: -d skills: showing essential-skills (Essential skills)",
    ]


def test_show_keeps_the_order_asked_for(invoke: Invoke) -> None:
    out = invoke(["show", "-d", "tools", "-d", "Focus area"]).stdout
    assert out.index("Tools and software") < out.index("Focus area")


def test_rates_role_with_spaces(invoke: Invoke) -> None:
    result = invoke(["rates", "-r", "PMO analyst", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["roles"]] == ["pmo"]


def test_misspelt_dimension_on_the_command_line(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "salery"])
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith("did you mean 'salary-and-job-outlook'?")


def test_help_and_readme_agree_on_the_shortest_start(invoke: Invoke) -> None:
    from .test_docs import README

    help_text = flat(invoke(["show", "--help"]).stdout)
    assert f"a unique start of {MIN_PREFIX} or more letters" in help_text
    assert f"a unique start of {MIN_PREFIX} or more letters" in flat(README)
