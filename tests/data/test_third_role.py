"""A user's data file with a third role: its rates cited, its date line told apart, and text
written for two roles flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import Invoke
from ..helpers import flat, third_role

EDITORIAL = '"Notes and suggestions of our own, not taken from a cited source"'


@pytest.mark.parametrize("width", [100, 40])
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_show_names_each_roles_rates_date_and_source(
    invoke: Invoke, tmp_path: Path, width: int, fmt: str
) -> None:
    data = third_role(tmp_path)
    out = flat(invoke(["--data", str(data), "show", "-d", "pay", "-f", fmt], width=width).stdout)
    assert (
        "Day rates for PMO and Project Manager: UK tech contracts, June 2025, 17 months ago" in out
    )
    assert f"Day rates for Scrum Master: UK tech contracts, 2025 (source: {EDITORIAL}" in out


def test_show_json_carries_the_labelled_lines(invoke: Invoke, tmp_path: Path) -> None:
    data = third_role(tmp_path)
    doc = json.loads(invoke(["--data", str(data), "show", "-d", "pay", "-f", "json"]).stdout)
    notes = doc["dimensions"][0]["rates_notes"]
    assert len(notes) == 2
    assert notes[0].startswith("Day rates for PMO and Project Manager: ")
    assert notes[1].startswith("Day rates for Scrum Master: UK tech contracts, 2025 (source: ")


def test_identical_date_lines_merge_unlabelled(invoke: Invoke, tmp_path: Path) -> None:
    data = third_role(tmp_path, source="article", as_of="2025-06-03")
    out = invoke(["--data", str(data), "show", "-d", "pay"]).stdout
    assert flat(out).count("Day rates: UK tech contracts, June 2025, 17 months ago") == 1
    assert "Day rates for" not in out and "(source:" not in out


def test_a_role_shown_alone_with_another_source_is_still_cited(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = third_role(tmp_path)
    out = flat(invoke(["--data", str(data), "show", "-d", "pay", "-r", "sm"]).stdout)
    assert f"Day rates: UK tech contracts, 2025 (source: {EDITORIAL}" in out


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_rates_names_the_roles_when_dates_differ(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    data = third_role(tmp_path)
    out = invoke(["--data", str(data), "rates", "-f", fmt]).stdout
    text = flat(json.loads(out)["caveat_line"]) if fmt == "json" else flat(out)
    assert "Day rates for PMO and Project Manager: UK tech contracts, June 2025" in text
    assert (
        "Day rates for Scrum Master: UK tech contracts, 2025 (source: rolecompare's editors)."
        in text
    )


def test_rates_with_one_date_is_unlabelled(invoke: Invoke) -> None:
    out = flat(invoke(["rates"]).stdout)
    assert "UK tech contracts, June 2025, 17 months ago; current rates may differ. Figures" in out
    assert "Day rates for" not in out


def test_stacked_roles_are_separated_by_a_blank_line(invoke: Invoke, tmp_path: Path) -> None:
    data = third_role(tmp_path)
    lines = invoke(["--data", str(data), "show", "-d", "focus-area"], width=40).stdout.splitlines()
    for name in ("Project Manager", "Scrum Master"):
        at = lines.index(name)
        assert lines[at + 1] == "─" * len(name)
        assert lines[at - 1] == "", name
