"""`validate` reports every problem of a file in one run: schema and cross-references together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolecompare.core import loader
from rolecompare.core.errors import DataError

from ..conftest import REAL_DATA, THREE_ROLES, Invoke
from ..helpers import variant

MIXED = [
    # a misspelt key (schema), min > max, an unknown keyed role and a second currency (cross-refs)
    ('tagline = "Oversees how', 'tagline_ = "Oversees how'),
    ("min = 450", "min = 800"),
    ('keyed = "pm"', 'keyed = "cto"'),
    ('max = 700\ncurrency = "GBP"', 'max = 700\ncurrency = "EUR"'),
]


def problems(path: Path) -> tuple[str, ...]:
    with pytest.raises(DataError) as caught:
        loader.load(path)
    return caught.value.details


def test_schema_and_cross_reference_problems_come_together(tmp_path: Path) -> None:
    found = problems(variant(tmp_path, *MIXED))
    assert len(found) == 4, found
    assert any(p.startswith("roles.pmo.tagline_: unknown key") for p in found)
    assert "roles.pm.rates.max: must be >= min (800)" in found
    assert any(p.startswith("quiz.statements[1].keyed: unknown role 'cto'") for p in found)
    assert any(p.startswith("roles.pm.rates.currency: 'EUR' differs from 'GBP'") for p in found)


def test_validate_prints_them_all_in_one_run(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, *MIXED)
    result = invoke(["validate", str(path), "-f", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert len(doc["problems"]) == 4
    # Wide enough for the path, whatever it is: without --width the lines stop at 120 columns.
    table = invoke(["--width", "1000", "validate", str(path)], width=1000)
    assert table.stdout.splitlines()[0] == f"Invalid: {path}: 4 problems in the data file"
    assert len(table.stdout.splitlines()) == 5


def test_cross_checks_run_on_the_parts_that_parsed(tmp_path: Path) -> None:
    # The whole [rates] screen table is malformed, yet the roles are still cross-checked.
    path = variant(
        tmp_path,
        ("billable_days = 220", 'billable_days = "many"'),
        ('keyed = "pmo"', 'keyed = "nobody"'),
    )
    found = problems(path)
    assert any(p.startswith("rates.billable_days:") for p in found)
    assert any("unknown role 'nobody'" in p for p in found)


def test_a_wrong_shape_is_reported_once_not_crashed_on(tmp_path: Path) -> None:
    path = variant(tmp_path, ("min = 400", 'min = "four hundred"'))
    found = problems(path)
    assert [p for p in found if p.startswith("roles.pmo.rates.min")] == [
        "roles.pmo.rates.min: should be a valid integer (got 'four hundred')"
    ]
    assert not any("must be >= min" in p for p in found)


def test_the_currency_problem_names_the_odd_one_out(tmp_path: Path) -> None:
    text = THREE_ROLES.read_text(encoding="utf-8")
    assert text.count('currency = "GBP"') == 3
    odd = tmp_path / "three.toml"
    odd.write_text(text.replace('currency = "GBP"', 'currency = "EUR"', 1), encoding="utf-8")
    [problem] = problems(odd)
    assert problem.startswith("roles.pmo.rates.currency: 'EUR' differs from 'GBP' (pm, scrum)")


def test_the_currency_problem_names_a_later_odd_one_out(tmp_path: Path) -> None:
    text = THREE_ROLES.read_text(encoding="utf-8")
    parts = text.split('currency = "GBP"')
    odd = tmp_path / "three.toml"
    odd.write_text(
        'currency = "GBP"'.join(parts[:3]) + 'currency = "USD"' + parts[3], encoding="utf-8"
    )
    [problem] = problems(odd)
    assert problem.startswith("roles.scrum.rates.currency: 'USD' differs from 'GBP' (pmo, pm)")


def test_wrapped_problem_lines_hang_under_their_bullet(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, *MIXED)
    lines = invoke(["validate", str(path)], width=60).stdout.splitlines()
    body = lines[lines.index(next(line for line in lines if line.startswith("  - "))) :]
    assert all(line.startswith(("  - ", "    ")) for line in body), body
    assert any(line.startswith("    ") for line in body)
    assert all(len(line) <= 60 for line in lines[1:])


def test_text_checks_run_beside_schema_problems(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ('summary = "{rates} a day for UK PMO', 'summary = "{rate} a day for UK PMO'),
        ("billable_days = 220", "billable_days = 0"),
    )
    found = problems(path)
    assert any(p.startswith("rates.billable_days:") for p in found)
    assert any("unknown placeholder {rate}" in p for p in found)


@pytest.mark.parametrize(("changed", "other"), [("pmo", "pm"), ("pm", "pmo")])
def test_with_two_roles_the_one_unlike_the_text_is_named(
    tmp_path: Path, changed: str, other: str
) -> None:
    # A tie, one role each: the file's text writes its amounts in pounds, so the role whose
    # rates are in euros is the one that differs, whichever it is.
    text = REAL_DATA.read_text(encoding="utf-8")
    assert "£" in text and text.count('currency = "GBP"') == 2
    at = 0 if changed == "pmo" else 1
    parts = text.split('currency = "GBP"')
    edited = "".join(
        part + ('currency = "EUR"' if i == at else 'currency = "GBP"') if i < 2 else part
        for i, part in enumerate(parts)
    )
    path = tmp_path / "two.toml"
    path.write_text(edited, encoding="utf-8")
    [problem] = problems(path)
    assert problem.startswith(f"roles.{changed}.rates.currency: 'EUR' differs from 'GBP' ({other})")


def test_a_tax_problem_wraps_under_its_bullet(invoke: Invoke, tmp_path: Path) -> None:
    from ..conftest import REPO

    tax = tmp_path / "tax.toml"
    text = (REPO / "data" / "uk-tax.toml").read_text(encoding="utf-8")
    assert 'name = "Scotland"' in text
    tax.write_text(text.replace('name = "Scotland"', 'name = "Scot\\u200bland"', 1), "utf-8")
    result = invoke(["validate", "--tax-data", str(tax)], width=50)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  - regions.scotland"))
    rest = lines[first + 1 :]  # the problem is the last thing shown
    assert rest and all(line.startswith("    ") for line in rest), lines[first:]
