"""The tax figures file: the bundled figures, where it is found, and every kind of bad file."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from rolecompare.core import taxdata
from rolecompare.core.errors import DataError

from ..conftest import REPO, Invoke

REAL_TAX = REPO / "data" / "uk-tax.toml"
D = Decimal


def real_text() -> str:
    return REAL_TAX.read_text(encoding="utf-8")


def variant(tmp_path: Path, *replacements: tuple[str, str], count: int = 1) -> Path:
    """The real tax file with each ``(old, new)`` replaced ``count`` times (-1: all)."""
    text = real_text()
    for old, new in replacements:
        assert old in text, f"{old!r} is no longer in {REAL_TAX}; update the test"
        text = text.replace(old, new, count)
    path = tmp_path / "tax.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        taxdata.load(path)
    error = caught.value
    count = len(error.details)
    assert error.message == (
        f"{path}: {count} problem{'' if count == 1 else 's'} in the tax figures file"
    )
    return list(error.details)


# ---------------------------------------------------------------- the bundled figures


def bands(bands: tuple[taxdata.Band, ...]) -> list[tuple[str, Decimal, Decimal | None]]:
    return [(band.name, band.rate, band.up_to) for band in bands]


def test_bundled_years_and_regions() -> None:
    tax = taxdata.load(REAL_TAX)
    assert list(tax.years) == ["2025-26", "2026-27"]
    assert list(tax.regions) == ["rest-of-uk", "scotland"]
    assert tax.director_salary == 12570
    assert tax.days_per_week == 5
    assert tax.assumptions and all(tax.assumptions)


@pytest.mark.parametrize("year_id", ["2025-26", "2026-27"])
def test_figures_common_to_both_years(year_id: str) -> None:
    """HMRC "Rates and thresholds for employers" and "Income Tax rates and Personal Allowances"."""
    year = taxdata.load(REAL_TAX).years[year_id]
    assert (year.personal_allowance, year.taper_threshold, year.taper_rate) == (
        D(12570),
        D(100000),
        D("0.5"),
    )
    assert bands(year.income_bands["rest-of-uk"]) == [
        ("basic", D("0.20"), 37700),
        ("higher", D("0.40"), 125140),
        ("additional", D("0.45"), None),
    ]
    assert (year.primary_threshold, year.upper_earnings_limit) == (D(12570), D(50270))
    assert (year.employee_rate, year.employee_upper_rate) == (D("0.08"), D("0.02"))
    assert (year.secondary_threshold, year.employer_rate) == (D(5000), D("0.15"))
    assert year.levy_rate == D("0.005")
    assert year.dividend_allowance == 500
    assert (year.ct_small, year.ct_main, year.ct_lower, year.ct_upper) == (
        D("0.19"),
        D("0.25"),
        D(50000),
        D(250000),
    )
    assert year.ct_relief_fraction == D(3) / D(200)
    assert year.sources and all(source in taxdata.load(REAL_TAX).sources for source in year.sources)


def test_dividend_rates() -> None:
    years = taxdata.load(REAL_TAX).years
    assert [b.rate for b in years["2025-26"].dividend_bands] == [
        D("0.0875"),
        D("0.3375"),
        D("0.3935"),
    ]
    # Autumn Budget 2025: ordinary and upper rates up 2 points from 6 April 2026.
    assert [b.rate for b in years["2026-27"].dividend_bands] == [
        D("0.1075"),
        D("0.3575"),
        D("0.3935"),
    ]


def test_scottish_bands() -> None:
    years = taxdata.load(REAL_TAX).years
    rates = [D("0.19"), D("0.20"), D("0.21"), D("0.42"), D("0.45"), D("0.48")]
    old = years["2025-26"].income_bands["scotland"]
    new = years["2026-27"].income_bands["scotland"]
    assert [b.rate for b in old] == rates == [b.rate for b in new]
    # On taxable income: £12,571-£15,397 starter is 0-2,827 after the £12,570 allowance.
    assert [b.up_to for b in old] == [2827, 14921, 31092, 62430, 125140, None]
    assert [b.up_to for b in new] == [3967, 16956, 31092, 62430, 125140, None]


def test_sources_cite_title_publisher_and_address() -> None:
    tax = taxdata.load(REAL_TAX)
    for source in tax.sources.values():
        assert source.title and source.publisher
        assert source.url.startswith("https://www.gov.")
    citation = tax.sources["scotgov-income-tax-2026-27"].citation()
    assert "Scottish Government, 13 January 2026, https://www.gov.scot/" in citation


# ---------------------------------------------------------------- where the file is found


def test_builtin_path_is_inside_the_package() -> None:
    import rolecompare

    package = Path(rolecompare.__file__).parent
    assert taxdata.TAX.builtin() == package / "data" / "uk-tax.toml"
    assert taxdata.TAX.builtin().read_bytes() == REAL_TAX.read_bytes()
    assert REAL_TAX.is_symlink() and REAL_TAX.resolve() == taxdata.TAX.builtin().resolve()


def test_builtin_path_missing() -> None:
    gone = replace(taxdata.TAX, file_name="no-such-tax.toml")
    with pytest.raises(DataError, match=r"tax figures file is missing.*--tax-data PATH"):
        gone.builtin()


def test_resolve_option_then_environment_then_builtin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ROLECOMPARE_TAX_DATA", str(tmp_path / "env.toml"))
    assert taxdata.resolve_tax_path(tmp_path / "opt.toml") == tmp_path / "opt.toml"
    assert taxdata.resolve_tax_path(None) == tmp_path / "env.toml"
    monkeypatch.setenv("ROLECOMPARE_TAX_DATA", "")
    assert taxdata.resolve_tax_path(None) == taxdata.TAX.builtin()


# ---------------------------------------------------------------- bad files


def test_missing_empty_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        taxdata.load(tmp_path / "nope.toml")
    empty = tmp_path / "empty.toml"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(DataError, match="the file is empty"):
        taxdata.load(empty)
    broken = tmp_path / "broken.toml"
    broken.write_text("format = \n", encoding="utf-8")
    with pytest.raises(DataError, match="invalid TOML"):
        taxdata.load(broken)


def test_every_problem_is_listed(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            '{ name = "higher", rate = 0.42, up_to = 62430 }',
            '{ name = "higher", rate = 1.42, up_to = 30000 }',
        ),
        ("employee_rate = 0.08", 'employee_rate = "8%"'),
        ("[years.2026-27.apprenticeship_levy]\nrate = 0.005\n", ""),
        ("main_rate = 0.25", "main_rate = -0.25"),
    )
    found = problems(path)
    assert (
        "years.2025-26.income_tax.bands.scotland[3].rate: should be a rate between 0 and 1, such as 0.2 for 20% (got 1.42)"
        in found
    )
    assert (
        "years.2025-26.income_tax.bands.scotland[3].up_to: bands must be in order: 30000 is not above the band before (31092)"
        in found
    )
    assert "years.2025-26.national_insurance.employee_rate: should be a number (got '8%')" in found
    assert "years.2026-27.apprenticeship_levy: required table is missing" in found
    assert any(
        p.startswith("years.2025-26.corporation_tax.main_rate: should be a rate") for p in found
    )


def test_every_year_needs_every_region(tmp_path: Path) -> None:
    start = real_text().index("[years.2026-27.income_tax.bands]")
    text = real_text()
    scot = text.index("scotland = [", start)
    end = text.index("]\n", text.index('{ name = "top"', scot)) + 2
    path = tmp_path / "tax.toml"
    path.write_text(text[:scot] + text[end:], encoding="utf-8")
    assert problems(path) == [
        "years.2026-27.income_tax.bands.scotland: missing: every year needs bands for every region"
    ]


def test_last_band_is_open_and_others_are_closed(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            '{ name = "additional", rate = 0.45 },',
            '{ name = "additional", rate = 0.45, up_to = 200000 },',
        ),
        ('{ name = "basic", rate = 0.20, up_to = 37700 },', '{ name = "basic", rate = 0.20 },'),
    )
    assert problems(path) == [
        "years.2025-26.income_tax.bands.rest-of-uk[0].up_to: required key is missing",
        "years.2025-26.income_tax.bands.rest-of-uk[2].up_to: the last band has no upper limit; remove up_to",
    ]


def test_unknown_keys_years_and_sources(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("[years.2026-27]\n", "[years.2026-28]\n"),
        ("taper_rate = 0.5", "taper_rat = 0.5"),
        ('  "hmrc-corporation-tax",\n', '  "hmrc-corporation-taks",\n'),
    )
    found = problems(path)
    assert (
        "years.2025-26.income_tax.taper_rat: unknown key; check its spelling against the README's tax data format"
        in found
    )
    assert "years.2025-26.income_tax.taper_rate: required key is missing" in found
    assert any(
        p.startswith("years.2025-26.sources: unknown source 'hmrc-corporation-taks'") for p in found
    )
    assert any(p.startswith("years.2026-28: a tax year is named like 2026-27") for p in found)


def test_marginal_relief_must_meet_the_small_profits_rate(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ("marginal_relief_fraction = 0.015   # 3/200", "marginal_relief_fraction = 0.02")
    )
    [problem] = problems(path)
    assert problem.startswith("years.2025-26.corporation_tax.marginal_relief_fraction: with these")


@pytest.mark.parametrize("value", ["nan", "inf", "true", "[1]"])
def test_numbers_must_be_finite_numbers(tmp_path: Path, value: str) -> None:
    path = variant(tmp_path, ("personal_allowance = 12570", f"personal_allowance = {value}"))
    [problem] = problems(path)
    assert problem.startswith("years.2025-26.income_tax.personal_allowance: should be a")


def test_control_characters_are_made_inert_and_reported(tmp_path: Path) -> None:
    nasty = "".join(chr(code) for code in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)])
    escaped = "".join(f"\\u{ord(ch):04x}" for ch in nasty)
    path = variant(
        tmp_path,
        ('title = "Tax on dividends"', f'title = "Tax on{escaped} dividends\\u001b[31m"'),
        ('name = "Scotland"', f'name = "Scot{escaped}land"'),
    )
    tax, hygiene = taxdata.load_checked(path)
    title = tax.sources["hmrc-dividends"].title
    assert not any(ch in title for ch in nasty)
    assert title.startswith("Tax on\\x00\\x01") and title.endswith(" dividends\\x1b[31m")
    assert not any(ch in tax.regions["scotland"].name for ch in nasty)
    assert hygiene == (
        "regions.scotland.name: contains control characters (shown as \\x.. or \\u....); remove them",
        "sources.hmrc-dividends.title: contains control characters (shown as \\x.. or \\u....); remove them",
    )


def test_control_characters_in_keys_do_not_reach_messages(tmp_path: Path) -> None:
    path = variant(tmp_path, ("[regions.scotland]", '[regions."scot\\u001b[2Jland"]'))
    found = problems(path)
    assert found and all("\x1b" not in problem for problem in found)


def test_source_regions_must_be_known(tmp_path: Path) -> None:
    path = variant(tmp_path, ('regions = ["scotland"]', 'regions = ["wales"]'))
    assert problems(path) == [
        "sources.scotgov-income-tax-2025-26.regions: unknown region 'wales' (known: rest-of-uk, scotland)"
    ]


# ---------------------------------------------------------------- validate (issue 16, item 8)

RATE = "should be a rate between 0 and 1, such as 0.2 for 20%"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            '{ name = "higher", rate = 0.40, up_to = 125140 }',
            '{ name = "higher", rate = 1.4, up_to = 125140 }',
            f"years.2025-26.income_tax.bands.rest-of-uk[1].rate: {RATE} (got 1.4)",
        ),
        (
            '{ name = "additional", rate = 0.3935 }',
            '{ name = "additional", rate = 39.35 }',
            f"years.2025-26.dividends.bands[2].rate: {RATE} (got 39.35)",
        ),
        (
            "employee_upper_rate = 0.02",
            "employee_upper_rate = -0.02",
            f"years.2025-26.national_insurance.employee_upper_rate: {RATE} (got -0.02)",
        ),
        (
            "rate = 0.005",
            "rate = 5",
            f"years.2025-26.apprenticeship_levy.rate: {RATE} (got 5)",
        ),
    ],
)
def test_validate_refuses_rates_outside_0_and_1(
    invoke: Invoke, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    path = variant(tmp_path, (old, new))
    result = invoke(["validate", "--tax-data", str(path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)["tax"]
    assert report == {"path": str(path), "valid": False, "problems": [problem]}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "up_to = 16956",
            "up_to = 3000",
            "years.2026-27.income_tax.bands.scotland[1].up_to: bands must be in order: 3000 is "
            "not above the band before (3967)",
        ),
        (
            '{ name = "higher", rate = 0.3375, up_to = 125140 }',
            '{ name = "higher", rate = 0.3375, up_to = 37700 }',
            "years.2025-26.dividends.bands[1].up_to: bands must be in order: 37700 is not above "
            "the band before (37700)",
        ),
    ],
)
def test_validate_refuses_bands_out_of_order(
    invoke: Invoke, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    path = variant(tmp_path, (old, new))
    result = invoke(["validate", "--tax-data", str(path)], width=300)
    assert result.exit_code == 1
    assert f"Invalid tax figures: {path}" in result.stdout
    assert f"  - {problem}\n" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "employee_rate = 0.08",
            'employee_rate = "0.08"',
            "years.2025-26.national_insurance.employee_rate: should be a number (got '0.08')",
        ),
        (
            "personal_allowance = 12570",
            'personal_allowance = "12570"',
            "years.2025-26.income_tax.personal_allowance: should be a number (got '12570')",
        ),
        (
            "personal_allowance = 12570",
            "personal_allowance = -5",
            "years.2025-26.income_tax.personal_allowance: should be an amount in pounds from 0 "
            "to 1,000,000,000 (got -5)",
        ),
        (
            "director_salary = 12570",
            "director_salary = 10000000000000",
            "director_salary: should be an amount in pounds from 0 to 1,000,000,000 "
            "(got 10000000000000)",
        ),
        (
            "working_days_per_week = 5",
            "working_days_per_week = 8",
            "working_days_per_week: should be a number of days above 0, at most 7 (got 8)",
        ),
        (
            'name = "Scotland"',
            'name = "  "',
            "regions.scotland.name: should be non-empty text (got '  ')",
        ),
        (
            "published = 2025-01-31",
            'published = "last January"',
            "sources.hmrc-employers-2025-26.published: should be a date such as 2026-01-13 "
            "(got 'last January')",
        ),
        ('currency = "GBP"', 'currency = "EUR"', "currency: should be 'GBP' (got 'EUR')"),
        (
            '[years.2026-27]\nsources = [\n  "hmrc-employers-2026-27",\n',
            '[years.2026-27]\nsources = "hmrc-employers-2026-27"\nold_sources = [\n',
            "years.2026-27.sources: should list the ids of the sources the year's figures come "
            "from (got 'hmrc-employers-2026-27')",
        ),
        (
            "[years.2025-26.apprenticeship_levy]\nrate = 0.005\n",
            "",
            "years.2025-26.apprenticeship_levy: required table is missing",
        ),
    ],
)
def test_each_bad_figure_is_named_and_explained(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    assert problem in problems(variant(tmp_path, (old, new)))


def test_a_value_where_a_table_belongs(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("[years.2025-26]\n", "[years.2025-26]\ndividends = 5\n"),
        ("[years.2025-26.dividends]", "[years.2025-26.dividendz]"),
    )
    assert problems(path) == [
        "years.2025-26.dividends: should be a table (got 5)",
        "years.2025-26.dividendz: unknown key; check its spelling against the README's tax data "
        "format",
    ]


def test_an_empty_list_of_bands_says_what_a_band_is(tmp_path: Path) -> None:
    text = real_text()
    start = text.index("bands = [", text.index("[years.2026-27.dividends]"))
    end = text.index("]\n", text.index("additional", start)) + 2
    path = tmp_path / "tax.toml"
    path.write_text(text[:start] + "bands = []\n" + text[end:], encoding="utf-8")
    assert problems(path) == [
        "years.2026-27.dividends.bands: should be a list of bands, such as "
        '[{ name = "basic", rate = 0.2, up_to = 37700 }, ...]'
    ]


def test_whole_numbers_are_exact_figures_too(tmp_path: Path) -> None:
    path = variant(tmp_path, ("taper_rate = 0.5", "taper_rate = 1"))
    year = taxdata.load(path).years["2025-26"]
    assert isinstance(year.taper_rate, Decimal) and year.taper_rate == 1
    assert isinstance(year.personal_allowance, Decimal)


def test_figures_too_large_to_multiply_are_reported_not_crashed_on(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("lower_limit = 50000", "lower_limit = 1e999999"),
        ("main_rate = 0.25", "main_rate = 1e999999"),
        ("up_to = 14921", "up_to = 1e999999"),
    )
    assert problems(path) == [
        "years.2025-26.income_tax.bands.scotland[1].up_to: should be an amount in pounds above 0, "
        "at most 1,000,000,000 (got 1E+999999)",
        f"years.2025-26.corporation_tax.main_rate: {RATE} (got 1E+999999)",
        "years.2025-26.corporation_tax.lower_limit: should be an amount in pounds from 0 to "
        "1,000,000,000 (got 1E+999999)",
    ]


def test_student_loan_tables_are_checked(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ('"hmrc-student-loans-unearned"]', '"hmrc-student-loan"]'),
        (
            'plan2 = { name = "Plan 2", kind = "undergraduate", rate = 0.09',
            'plan2 = { name = "Plan 2", kind = "graduate", rate = 0.09',
        ),
    )
    found = problems(path)
    assert any(
        p.startswith("years.2025-26.student_loans.sources: unknown source 'hmrc-student-loan'")
        for p in found
    )
    assert any(p.startswith("years.2025-26.student_loans.plans.plan2.kind") for p in found)


def test_a_file_without_student_loans_still_works(tmp_path: Path) -> None:
    text = real_text()
    kept = "\n".join(
        line
        for line in text.splitlines()
        if "student_loans" not in line
        and not line.startswith(
            ("plan", "postgraduate", "unearned_income_limit", 'sources = ["hmrc-employers-202')
        )
    )
    path = tmp_path / "tax.toml"
    path.write_text(kept, encoding="utf-8")
    assert taxdata.load(path).years["2026-27"].student_loans is None
