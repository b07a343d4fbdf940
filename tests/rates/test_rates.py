"""`rolecompare rates` through CliRunner: ranges, the picture, yearly figures, differences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import THREE_ROLES, Invoke
from ..helpers import flat, variant

THREE = ["--data", str(THREE_ROLES)]
BAR_CELLS = "█│"


def bars(out: str) -> dict[str, tuple[int, int]]:
    """Each bar line of the picture, by its label: the first and last filled column."""
    found: dict[str, tuple[int, int]] = {}
    lines = out.splitlines()
    for at, line in enumerate(lines):
        track = line.rstrip()
        if not track or track[-1] not in "·█│" or not set(track) & set(BAR_CELLS):
            continue
        cells = [i for i, ch in enumerate(line) if ch in BAR_CELLS]
        label = line[: cells[0]].rstrip("· ") or lines[at - 1].strip()
        found[label] = (cells[0], cells[-1])
    return found


def test_one_role(invoke: Invoke) -> None:
    result = invoke(["rates", "--role", "pmo"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    row = next(line for line in out.splitlines() if line.strip().startswith("PMO "))
    assert row.split() == ["PMO", "£400–£600", "£500", "£88,000–£132,000"]
    assert "A year at 220 days" in out
    assert "A year = 220 billable days: the usual assumption of UK contractor calculators" in out
    assert list(bars(out)) == ["PMO"]
    assert "█" * 20 in out
    assert "£450" not in out
    assert " vs PMO" not in out
    assert result.stderr == ""


def test_one_role_the_axis_spans_the_range(invoke: Invoke) -> None:
    out = invoke(["rates", "--role", "pmo"]).stdout
    axis = next(line for line in out.splitlines() if line.lstrip().startswith("£400"))
    assert axis.split()[-1] == "£600"
    ruler = out.splitlines()[out.splitlines().index(axis) - 1]
    assert set(ruler.strip()) == {"┴", "─"}


@pytest.mark.parametrize("name", ["PMO", "pmo", "Project-Management-Office", "PMO-ANALYST"])
def test_role_by_id_name_or_alias_in_any_case(invoke: Invoke, name: str) -> None:
    result = invoke(["rates", "-r", name])
    assert result.exit_code == 0, result.stderr
    assert "£400–£600" in result.stdout
    assert "£450–£700" not in result.stdout


def test_role_by_display_name(invoke: Invoke) -> None:
    out = invoke(["rates", "--role", "project manager"]).stdout
    assert "£450–£700" in out and "£99,000–£154,000" in out
    assert "£400–£600" not in out


def test_unknown_role_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke(["rates", "--role", "pno"])
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line == "Error: unknown role 'pno' for --role (known: pmo, pm); did you mean 'pmo'?"


def test_unknown_role_without_a_close_match(invoke: Invoke) -> None:
    result = invoke(["rates", "--role", "architect"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: unknown role 'architect' for --role (known: pmo, pm)"
    assert "Traceback" not in result.stderr


def test_unknown_role_lists_the_roles_of_the_data_file(invoke: Invoke) -> None:
    result = invoke([*THREE, "rates", "--role", "scrum-mastr"])
    assert result.exit_code == 2
    assert "(known: pmo, pm, scrum); did you mean 'scrum'?" in result.stderr


@pytest.mark.parametrize("days", ["0", "367", "-5", "many"])
def test_days_out_of_range(invoke: Invoke, days: str) -> None:
    result = invoke(["rates", "--days", days])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--days" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("days", "annual"), [("1", "£400–£600"), ("366", "£146,400–£219,600")])
def test_days_at_the_limits(invoke: Invoke, days: str, annual: str) -> None:
    result = invoke(["rates", "-r", "pmo", "--days", days])
    assert result.exit_code == 0, result.stderr
    assert f"A year at {days} day{'s' if days != '1' else ''}" in result.stdout
    assert annual in result.stdout.split("A year at")[1]


def test_days_chosen(invoke: Invoke) -> None:
    out = invoke(["rates", "--role", "pmo", "--days", "200"]).stdout
    assert "£80,000–£120,000" in out
    assert "£88,000" not in out
    assert "A year at 200 days" in out
    assert (
        "A year = 200 billable days, as you chose with --days (the usual assumption is 220)."
        in flat(out)
    )


def test_both_roles(invoke: Invoke) -> None:
    result = invoke(["rates"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "£88,000–£132,000" in out and "£99,000–£154,000" in out
    assert "£575" in out
    assert (
        "Project Manager vs PMO: +£75 a day at the midpoint (+£50 at the bottom, +£100 at the top), "
        "+£16,500 a year. The ranges overlap from £450 to £600."
    ) in flat(out)
    found = bars(out)
    assert list(found) == ["PMO", "Project Manager"]
    (pmo_start, pmo_end), (pm_start, pm_end) = found["PMO"], found["Project Manager"]
    assert pmo_start < pm_start < pmo_end < pm_end  # PM starts and ends higher; they overlap


def test_both_roles_stacked_at_40_columns(invoke: Invoke) -> None:
    out = invoke(["rates"], width=40).stdout
    assert "• £400–£600 a day, midpoint £500" in out
    assert "• £99,000–£154,000 a year at 220 days" in out
    found = bars(out)
    assert list(found) == ["PMO", "Project Manager"]
    assert found["PMO"][0] < found["Project Manager"][0]
    assert "The ranges overlap from £450 to £600." in flat(out)


def test_ranges_that_do_not_overlap(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, ("min = 450\nmax = 700", "min = 650\nmax = 900"))
    out = invoke(["--data", str(path), "rates"]).stdout
    assert "+£275 a day at the midpoint" in flat(out)
    assert "The ranges do not overlap." in flat(out)
    found = bars(out)
    assert found["PMO"][1] < found["Project Manager"][0]


def test_caveat_and_sources(invoke: Invoke) -> None:
    out = flat(invoke(["rates", "-r", "pm"]).stdout)
    assert (
        "UK tech contracts, June 2025, 17 months ago; current rates may differ. "
        "Figures are gross: before tax, National Insurance"
    ) in out
    assert "IR35 may apply." in out
    assert 'Source: "PMO vs Project Manager: Key Similarities & Differences"' in out
    assert (
        'Source: "Off-payroll working rules (IR35); Rates and thresholds for employers", GOV.UK'
        in out
    )
    assert 'Source: "UK contractor take-home and day-rate calculators' in out


def test_json(invoke: Invoke) -> None:
    result = invoke(["rates", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["billable_days"] == doc["billable_days_default"] == 220
    assert "IR35" in doc["caveat"]
    pmo, pm = doc["roles"]
    assert (pmo["id"], pmo["currency"], pmo["per"], pmo["year"]) == ("pmo", "GBP", "day", 2025)
    assert pmo["day"] == {"min": 400, "max": 600, "midpoint": 500}
    assert pmo["annual_gross"] == {"min": 88_000, "max": 132_000, "midpoint": 110_000}
    assert pm["day"] == {"min": 450, "max": 700, "midpoint": 575}
    assert pm["annual_gross"] == {"min": 99_000, "max": 154_000, "midpoint": 126_500}
    assert doc["differences"] == [
        {
            "role": "pm",
            "compared_with": "pmo",
            "day": {"min": 50, "max": 100, "midpoint": 75},
            "annual_midpoint": 16_500,
            "overlap": [450, 600],
            "summary": "Project Manager vs PMO: +£75 a day at the midpoint (+£50 at the bottom, "
            "+£100 at the top), +£16,500 a year. The ranges overlap from £450 to £600.",
        }
    ]
    assert set(doc["sources"]) == {"article", "calculators", "ir35"}


def test_json_days_and_one_role(invoke: Invoke) -> None:
    doc = json.loads(invoke(["rates", "-f", "json", "-r", "PM", "--days", "200"]).stdout)
    assert doc["billable_days"] == 200
    assert doc["billable_days_default"] == 220
    [pm] = doc["roles"]
    assert pm["annual_gross"] == {"min": 90_000, "max": 140_000, "midpoint": 115_000}
    assert doc["differences"] == []


def test_three_roles(invoke: Invoke) -> None:
    result = invoke([*THREE, "rates"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    found = bars(out)
    assert list(found) == ["PMO", "Project Manager", "Scrum Master"]
    starts = [found[name][0] for name in found]
    ends = [found[name][1] for name in found]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert ends == sorted(ends) and len(set(ends)) == 3
    text = flat(out)
    assert "Project Manager vs PMO: +£75 a day at the midpoint" in text
    assert "Scrum Master vs PMO: +£150 a day at the midpoint" in text
    assert "The ranges overlap from £500 to £600." in text
    assert text.count(" vs ") == 2
    assert "£110,000–£176,000" in out
    assert "UK tech contracts, 2025. Test caveat." in out


def test_three_roles_json(invoke: Invoke) -> None:
    doc = json.loads(invoke([*THREE, "rates", "-f", "json"]).stdout)
    assert [r["id"] for r in doc["roles"]] == ["pmo", "pm", "scrum"]
    assert [(d["role"], d["compared_with"]) for d in doc["differences"]] == [
        ("pm", "pmo"),
        ("scrum", "pmo"),
    ]
    assert doc["differences"][1]["overlap"] == [500, 600]


def test_compared_with_the_first_role_given(invoke: Invoke) -> None:
    out = flat(invoke([*THREE, "rates", "-r", "scrum", "-r", "pm"]).stdout)
    assert "Project Manager vs Scrum Master: -£75 a day at the midpoint" in out
    assert "-£16,500 a year" in out
