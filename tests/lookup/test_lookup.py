"""Looking up roles and dimensions: words, typos, short starts, separators, the order asked for."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolecompare.core import loader
from rolecompare.core.errors import UsageError
from rolecompare.core.lookup import (
    MIN_PREFIX,
    Kind,
    normalise,
    pick,
    resolve_dimensions,
    resolve_roles,
)

from ..conftest import REAL_DATA, THREE_ROLES, Invoke
from ..helpers import flat

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
        found = pick(Kind("thing", "--thing", ENTRIES), typed)
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
    assert pick(Kind("thing", "--thing", ENTRIES), spelt.upper()) == expected


def test_normalise() -> None:
    assert normalise("  Focus _-  Area ") == "focus-area"


# ---------------------------------------------------------------- through the command line


def test_show_with_a_word_prints_that_dimension(invoke: Invoke) -> None:
    doc = json.loads(invoke(["show", "-d", "skills", "-f", "json"]).stdout)
    assert [d["id"] for d in doc["dimensions"]] == ["essential-skills"]


def test_a_dimension_found_by_a_word_or_the_start_of_an_alias_is_named_on_stderr(
    invoke: Invoke,
) -> None:
    """A documented alias (``pay``, as ``roles`` lists it) is a name like the id: no note."""
    result = invoke(
        ["show", "-d", "pay", "-d", "skills", "-d", "tools", "-d", "Focus area", "-d", "earn"]
    )
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Note: -d skills: showing essential-skills (Essential skills)",
        "Note: -d earn: showing salary-and-job-outlook (Salary and job outlook)",
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


def test_help_and_docs_agree_on_the_shortest_start(invoke: Invoke) -> None:
    from ..docs.test_docs import DOCUMENTS

    help_text = flat(invoke(["show", "--help"]).stdout)
    assert f"a unique start of {MIN_PREFIX} or more letters" in help_text
    assert f"a unique start of {MIN_PREFIX} or more letters" in flat(DOCUMENTS["docs/commands.md"])


# ---------------------------------------------------------------- issue 13: what else matched


def dim_notes(*names: str) -> list[str]:
    notes: list[str] = []
    resolve_dimensions(DATA, names, notes)
    return notes


def test_a_prefix_that_is_also_a_word_elsewhere_says_what_else_matched() -> None:
    assert dims("focus") == ["focus-area"]
    assert dim_notes("focus") == [
        "-d focus: showing focus-area (Focus area); also matches 'primary-focus'"
    ]


def test_an_exact_or_unique_name_adds_no_note() -> None:
    assert dim_notes("focus-area", "Focus area", "decision", "salary-and-job-outlook") == []


@given(st.sampled_from(sorted(DATA.dimensions)), st.integers(MIN_PREFIX, 30))
def test_a_note_names_every_other_dimension_that_matched(dim_id: str, length: int) -> None:
    typed = dim_id[:length]
    key = normalise(typed)  # "focus-" is "focus"
    others = [
        d.id
        for d in DATA.dimensions.values()
        if d.id != dim_id
        and any(
            normalise(n).startswith(key) or f"-{key}" in f"-{normalise(n)}"
            for n in (d.id, d.title, *d.aliases)
        )
    ]
    try:
        found = dims(typed)
    except UsageError:
        return  # ambiguous starts are refused, listing every candidate (tested above)
    assert found == [dim_id]
    notes = dim_notes(typed)
    if others:
        assert len(notes) == 1 and all(f"'{o}'" in notes[0] for o in others), notes
    else:
        assert notes == []


def test_the_note_reaches_stderr(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "focus"])
    assert result.exit_code == 0
    assert "also matches 'primary-focus'" in result.stderr
    assert "also matches" not in result.stdout


def test_a_role_name_as_roles_prints_it_is_accepted(invoke: Invoke) -> None:
    from rolecompare.core.models import display_name

    for role in DATA.roles.values():
        assert [r.id for r in resolve_roles(DATA, [display_name(role)])] == [role.id]
    assert invoke(["rates", "-r", "PMO (Project Management Office)"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["show", "-d", "pmo"], "use -r/--role pmo"),
        (["show", "-d", "Project Manager"], "use -r/--role pm"),
        (["show", "-r", "focus-area"], "use -d/--dimension focus-area"),
        # rates and pay have no -d: the hint names the command that has one
        (["rates", "-r", "Decision-making"], "use rolecompare show -d decision-making"),
        (["pay", "-r", "salary"], "use rolecompare show -d salary-and-job-outlook"),
        (["show", "-r", "salary"], "use -d/--dimension salary-and-job-outlook"),  # a word
        (["show", "-r", "decision"], "use -d/--dimension decision-making"),  # a start
        (["show", "-d", "manager"], "use -r/--role pm"),
    ],
)
def test_a_name_given_to_the_wrong_option_gets_a_hint(
    invoke: Invoke, args: list[str], hint: str
) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert hint in result.stderr and "Traceback" not in result.stderr


def test_a_name_fitting_several_of_the_other_kind_gets_no_hint(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "proj"])  # Project Manager, Project Management Office
    assert result.exit_code == 2
    assert "unknown dimension 'proj'" in result.stderr and "use -r" not in result.stderr


@pytest.mark.parametrize(
    ("typed", "meant"), [("pmö", "pmo"), ("PMÖ", "pmo"), ("Prôject Managér", "pm")]
)
def test_accents_are_folded_before_suggesting(typed: str, meant: str) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_roles(DATA, [typed])
    assert f"did you mean '{meant}'" in caught.value.message


@pytest.mark.parametrize("typed", ["Project  Manager", " project \t manager ", "Project _ Manager"])
def test_repeated_whitespace_is_one_separator(typed: str) -> None:
    assert [r.id for r in resolve_roles(DATA, [typed])] == ["pm"]
    assert dims("Focus   area") == ["focus-area"]


def test_full_width_letters_count_as_ascii() -> None:
    assert [r.id for r in resolve_roles(DATA, ["ＰＭＯ"])] == ["pmo"]


def test_a_name_two_roles_share_is_refused_not_guessed() -> None:
    kind = Kind("role", "--role", {"pm": ["pm", "Project Manager"], "x": ["x", "Project  Manager"]})
    with pytest.raises(UsageError) as caught:
        pick(kind, "Project Manager")
    assert "names more than one role" in caught.value.message
    assert "'pm' and 'x'" in caught.value.message
    assert pick(kind, "x") == "x" and pick(kind, "pm") == "pm"
