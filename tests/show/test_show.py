"""`rolecompare show` through CliRunner: content, selection, formats, markup safety, snapshots."""

from __future__ import annotations

import json

import pytest

from ..conftest import THREE_ROLES, Invoke
from ..helpers import DIMENSION_TITLES, assert_snapshot, flat, widest

TITLES = DIMENSION_TITLES
CITATION = (
    'Source: "PMO vs Project Manager: Key Similarities & Differences", Find Contract Jobs, '
    "3 June 2025"
)
THREE = ["--data", str(THREE_ROLES)]


def titles_in(out: str) -> list[str]:
    """The dimension titles that head a section, in the order shown."""
    heads = [line.strip() for line in out.splitlines()]
    return [head for head in heads if head in TITLES]


@pytest.mark.parametrize("width", [100, 40])
def test_every_dimension_and_both_roles(invoke: Invoke, width: int) -> None:
    result = invoke(["show"], width=width)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert titles_in(out) == TITLES
    if width == 100:  # side by side: one header row per dimension
        names = [[cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines()]
        assert names.count(["PMO", "Project Manager"]) == len(TITLES)
    else:  # stacked: each role's name on a line of its own
        lines = out.splitlines()
        assert lines.count("PMO") == lines.count("Project Manager") == len(TITLES)
    assert "What the roles share" in out
    assert "Collaboration" in out and "Goal orientation" in out
    assert "Why it matters for IT contractors" in out
    assert result.stderr == ""


def test_side_by_side_headers_at_100_columns(invoke: Invoke) -> None:
    out = invoke(["show"]).stdout
    headers = [line for line in out.splitlines() if "│ PMO" in line]
    assert len(headers) == len(TITLES)
    assert all("│ Project Manager" in line for line in headers)


def test_stacked_below_70_columns(invoke: Invoke) -> None:
    out = invoke(["show"], width=60).stdout
    assert "╭" not in out
    lines = out.splitlines()
    at = lines.index("Decision-making")
    assert lines[at + 1] == "PMO"
    assert "Project Manager" in lines[at + 2 : at + 14]


def test_source_citation_is_the_last_line(invoke: Invoke) -> None:
    out = invoke(["show"]).stdout
    assert out.rstrip().splitlines()[-1] == CITATION


@pytest.mark.parametrize(
    "name", ["decision-making", "Decision-Making", "DECISION-MAKING", " decision-making "]
)
def test_one_dimension_by_id_any_case(invoke: Invoke, name: str) -> None:
    result = invoke(["show", "-d", name])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert titles_in(out) == ["Decision-making"]
    assert "Influences project selection" in out
    assert "Can adjust timelines" in out
    assert "Defines the scope" not in out
    assert "What the roles share" not in out
    assert out.rstrip().splitlines()[-1] == CITATION


@pytest.mark.parametrize("name", ["Tools and software", "tools AND software"])
def test_one_dimension_by_title(invoke: Invoke, name: str) -> None:
    out = invoke(["show", "--dimension", name]).stdout
    assert titles_in(out) == ["Tools and software"]
    assert "Primavera" in out


def test_several_dimensions_keep_the_order_asked_for(invoke: Invoke) -> None:
    out = invoke(["show", "-d", "salary-and-job-outlook", "-d", "primary focus"]).stdout
    assert titles_in(out) == ["Salary and job outlook", "Primary focus"]
    assert "\n\nShared by PMO and Project Manager:\n" in out
    assert "soaring" in out


def test_unknown_dimension_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "weather"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: unknown dimension 'weather' for --dimension (known: ")
    for dim_id in ("primary-focus", "decision-making", "salary-and-job-outlook"):
        assert dim_id in line


def test_close_dimension_typo_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke(["show", "-d", "decison-making"])
    assert result.exit_code == 2
    assert "did you mean 'decision-making'?" in result.stderr


def test_unknown_role_in_show(invoke: Invoke) -> None:
    result = invoke(["show", "--role", "cto"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown role 'cto' for --role (known: pmo, pm)")


# ---------------------------------------------------------------- three roles


def test_all_three_roles_by_default(invoke: Invoke) -> None:
    out = invoke([*THREE, "show"]).stdout
    header = next(line for line in out.splitlines() if "│ PMO" in line)
    assert header.index("PMO") < header.index("Project Manager") < header.index("Scrum Master")
    assert "\n\nShared by PMO, Project Manager and Scrum Master:\n" in out
    assert 'Source: "Test notes", rolecompare tests, 2 January 2025' in out


def test_role_selection_in_the_order_given(invoke: Invoke) -> None:
    result = invoke([*THREE, "show", "--role", "scrum", "-r", "PMO"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    header = next(line for line in out.splitlines() if "│ Scrum Master" in line)
    assert header.index("Scrum Master") < header.index("PMO")
    assert "Project Manager" not in out
    assert "One project." not in out
    assert "Facilitates sprints" in out and "Many projects." in out
    assert "\n\nShared by Scrum Master and PMO:\n" in out


def test_role_selection_by_alias_without_repeats(invoke: Invoke) -> None:
    out = invoke([*THREE, "show", "-r", "sm", "-r", "Scrum-Master", "-r", "office"]).stdout
    header = next(line for line in out.splitlines() if "│ Scrum Master" in line)
    assert header.count("Scrum Master") == 1
    assert "PMO" in header


@pytest.mark.parametrize("width", [100, 40])
def test_data_text_is_not_markup(invoke: Invoke, width: int) -> None:
    out = invoke([*THREE, "show"], width=width).stdout
    assert "Uses [Jira] daily" in flat(out)
    assert "[bold]portfolio[/bold]" in flat(out)


def test_data_text_is_not_markup_in_markdown(invoke: Invoke) -> None:
    out = invoke([*THREE, "show", "--format", "markdown"]).stdout
    assert "• Uses \\[Jira\\] daily" in out
    assert "\\[bold\\]portfolio\\[/bold\\]" in out


# ---------------------------------------------------------------- formats


def test_markdown(invoke: Invoke) -> None:
    result = invoke(["show", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "# PMO vs Project Manager"
    assert lines.count("| PMO | Project Manager |") == len(TITLES)
    assert lines.count("|---|---|") == len(TITLES)
    assert [line[3:] for line in lines if line.startswith("## ")][: len(TITLES)] == TITLES
    assert "## Decision-making" in lines
    assert "## What the roles share" in lines
    row = lines[lines.index("## Decision-making") + 4]
    assert row.startswith("| **Influence over strategic decisions")
    assert "<br>• Influences project selection" in row
    assert lines[-1] == CITATION


def test_markdown_one_dimension_alone(invoke: Invoke) -> None:
    # Picking dimensions leaves out the similarities, context and further facts, as in the table.
    out = invoke(["show", "-f", "markdown", "-d", "focus-area"]).stdout
    assert [line for line in out.splitlines() if line.startswith("#")] == [
        "# PMO vs Project Manager",
        "## Focus area",
    ]
    assert out.splitlines()[-1] == CITATION


def test_json(invoke: Invoke) -> None:
    result = invoke(["show", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [r["id"] for r in doc["roles"]] == ["pmo", "pm"]
    assert [d["title"] for d in doc["dimensions"]] == TITLES
    assert doc["source"]["publisher"] == "Find Contract Jobs"
    assert {d["id"]: sorted(d["roles"]) for d in doc["dimensions"]}["focus-area"] == ["pm", "pmo"]


def test_json_follows_the_selection(invoke: Invoke) -> None:
    doc = json.loads(invoke([*THREE, "show", "-f", "json", "-r", "scrum", "-d", "tools"]).stdout)
    assert [r["id"] for r in doc["roles"]] == ["scrum"]
    assert [d["id"] for d in doc["dimensions"]] == ["tools"]
    assert doc["dimensions"][0]["roles"] == {"scrum": {"summary": "Team boards.", "points": []}}
    assert doc["source"]["title"] == "Test notes"


def test_json_complete_only_without_a_dimension(invoke: Invoke) -> None:
    whole = json.loads(invoke(["show", "-f", "json"]).stdout)
    assert len(whole["similarities"]) == 3
    assert whole["context"]["title"].startswith("Why it matters for IT contractors")
    assert [fact["topic"] for fact in whole["facts"]] == [
        "PMO types in the PMBOK Guide, 6th edition (2017)",
        "Certifications by path",
    ]
    picked = json.loads(invoke(["show", "-f", "json", "-d", "focus-area"]).stdout)
    assert [d["id"] for d in picked["dimensions"]] == ["focus-area"]
    assert (picked["similarities"], picked["context"], picked["facts"]) == ([], None, [])
    salary = json.loads(invoke(["show", "-f", "json", "-d", "salary"]).stdout)["dimensions"][0]
    assert [fact["topic"] for fact in salary["facts"]] == [
        "The wider UK recruitment market in 2025"
    ]


def test_unknown_format(invoke: Invoke) -> None:
    result = invoke(["show", "--format", "html"])
    assert result.exit_code == 2
    assert "html" in result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("width", [100, 40])
def test_snapshot(invoke: Invoke, width: int) -> None:
    result = invoke(["show"], width=width)
    assert result.exit_code == 0, result.stderr
    assert_snapshot(f"show_{width}.txt", result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["show", "-d", "tools-and-software"],
        ["rates"],
        ["rates", "--role", "pmo"],
        ["rates", "--days", "200"],
        ["roles"],
        ["validate"],
        [*THREE, "show"],
        [*THREE, "rates"],
        [*THREE, "roles"],
    ],
    ids=lambda args: " ".join(a if a != str(THREE_ROLES) else "three_roles" for a in args),
)
@pytest.mark.parametrize("width", [40, 55, 70, 100])
def test_no_line_wider_than_the_terminal(invoke: Invoke, args: list[str], width: int) -> None:
    result = invoke(args, width=width)
    assert result.exit_code == 0, result.stderr
    assert widest(result.stdout) <= width
    assert "…" not in result.stdout  # nothing cut off with an ellipsis either


@pytest.mark.parametrize(
    ("short", "title"), [("salary", "Salary and job outlook"), ("TOOLS", "Tools and software")]
)
def test_a_unique_start_of_a_dimension_is_enough(invoke: Invoke, short: str, title: str) -> None:
    result = invoke(["show", "-d", short])
    assert result.exit_code == 0
    assert title in result.stdout


def test_an_ambiguous_start_is_not_guessed(invoke: Invoke) -> None:
    result = invoke(["rates", "--role", "proj"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'proj' fits more than one role for --role: 'pmo' and 'pm'; give more of the name\n"
    )


def test_full_name_selects_a_role(invoke: Invoke) -> None:
    result = invoke(["rates", "--role", "project management office", "-f", "json"])
    assert [r["id"] for r in json.loads(result.stdout)["roles"]] == ["pmo"]


def test_taglines_open_the_comparison(invoke: Invoke) -> None:
    out = flat(invoke(["show"]).stdout)
    assert out.startswith("PMO vs Project Manager PMO (Project Management Office): Oversees how")
    assert "Project Manager: Hands-on delivery of individual projects." in out
    assert "Oversees how" not in invoke(["show", "-d", "focus-area"]).stdout


def test_markdown_escapes_text_from_the_data(invoke: Invoke) -> None:
    md = invoke(["--data", str(THREE_ROLES), "show", "--format", "markdown"]).stdout
    assert "\\[bold\\]portfolio\\[/bold\\]" in md
    assert "Uses \\[Jira\\] daily" in md
