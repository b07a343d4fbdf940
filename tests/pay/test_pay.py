"""`rolecompare pay` through CliRunner: tables, working, JSON, Markdown, bad input, tax files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rolecompare.core import rates

from ..conftest import REPO, THREE_ROLES, Invoke
from ..helpers import flat, widest

REAL_TAX = REPO / "data" / "uk-tax.toml"
YEAR = ["--tax-year", "2026-27"]


def payload(invoke: Invoke, *args: str) -> dict[str, object]:
    result = invoke(["pay", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def results(document: dict[str, object]) -> list[dict[str, object]]:
    found = document["results"]
    assert isinstance(found, list)
    return found


# ---------------------------------------------------------------- the table view


def test_every_role_at_three_points(invoke: Invoke) -> None:
    result = invoke(["pay"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Take-home pay, tax year 2026-27, England, Wales and Northern Ireland" in out
    assert (
        "Day rates: UK tech contracts, June 2025, 17 months ago; current rates may differ." in out
    )
    rows = [line.split() for line in out.splitlines() if line.startswith(" PMO ")]
    assert rows[0][:3] == ["PMO", "bottom", "£400"]
    midpoint = next(row for row in rows if row[1] == "midpoint" and row[2] == "£500")
    assert midpoint[3:] == ["£66,172", "£5,514", "£69,932", "£5,828"]
    assert any(line.split()[:3] == ["Project", "Manager", "top"] for line in out.splitlines())
    assert "PMO inside" in out and "Project Manager outside" in out  # the picture
    assert "Assumptions" in out and "not tax advice" in out
    assert '"Rates and thresholds for employers 2026 to 2027", HM Revenue & Customs' in flat(out)
    assert result.stderr == ""


def test_one_role_and_the_difference(invoke: Invoke) -> None:
    out = invoke(["pay", "--role", "pmo"]).stdout
    assert "Project Manager" not in out.split("Source:")[0]
    assert (
        "PMO at the midpoint (£500 a day): outside IR35 leaves £3,760 a year more than inside; "
        "inside IR35 the same take-home needs £540.58 a day." in flat(out)
    )
    row = next(
        line.split()
        for line in out.splitlines()
        if line.startswith(" PMO   ") and "+£3,760" in line
    )
    assert row[-3:] == ["£540.58", "£95,887", "£103,617"]


def test_own_rate_has_one_row_and_no_role(invoke: Invoke) -> None:
    out = invoke(["pay", "--rate", "500", *YEAR]).stdout
    rows = [line for line in out.splitlines() if "your rate" in line]
    assert len(rows) == 2  # one row in each table
    assert rows[0].split() == [
        "-",
        "your",
        "rate",
        "£500",
        "£66,172",
        "£5,514",
        "£69,932",
        "£5,828",
    ]
    assert "PMO" not in out.split("Source:")[0]
    assert "Take-home a year at £500 a day" in out
    assert "Day rates:" not in out


def test_breakdown_shows_every_line(invoke: Invoke) -> None:
    out = invoke(["pay", "--rate", "500", "--breakdown", *YEAR]).stdout
    lines = {
        " ".join(line.split()[:-1]): line.split()[-1] for line in out.splitlines() if line.strip()
    }
    assert lines["Assignment income: £500 x 220 days"] == "£110,000.00"
    assert lines["Gross pay (taxed through PAYE)"] == "£95,887.45"
    assert lines["Income tax"] == "-£25,786.98"
    assert lines["basic rate 20% on £37,700.00"] == "-£7,540.00"
    assert lines["Employee National Insurance"] == "-£3,928.35"
    assert lines["Profit before corporation tax"] == "£96,294.50"
    assert lines["Dividends: all profit after corporation tax"] == "£74,526.46"
    assert lines["Dividend tax"] == "-£17,164.46"
    assert lines["higher rate 35.75% on £36,826.46"] == "-£13,165.46"
    take_home = [value for label, value in lines.items() if label == "Take-home a year"]
    assert "£69,932.00" in out and "£66,172.12" in out and take_home
    assert (
        "The same take-home as a permanent job: a salary of £95,887 (inside route) or £103,617"
        in flat(out)
    )


def test_breakdown_without_a_rate_works_the_first_midpoint(invoke: Invoke) -> None:
    out = invoke(["pay", "--role", "pm", "--breakdown"]).stdout
    assert "The working: Project Manager at the midpoint, £575 a day" in out
    assert "Assignment income: £575 x 220 days" in out


def test_scotland(invoke: Invoke) -> None:
    out = invoke(["pay", "--rate", "525", "--region", "scotland", "--breakdown", *YEAR]).stdout
    assert "Take-home pay, tax year 2026-27, Scotland" in out
    assert "starter rate 19% on £3,967.00" in out
    assert "top rate" not in out and "advanced rate 45%" in out
    assert "Scottish income tax bands apply to salary and umbrella pay" in flat(out)


def test_narrow_terminal_stacks(invoke: Invoke) -> None:
    result = invoke(["pay", "--breakdown"], width=50)
    assert result.exit_code == 0
    assert widest(result.stdout, addresses=False) <= 50
    assert "PMO at the midpoint, £500 a day" in result.stdout
    assert "Inside IR35: £66,172 a year, £5,514 a month" in result.stdout


def test_another_data_file_with_a_third_role(invoke: Invoke) -> None:
    result = invoke(["--data", str(THREE_ROLES), "pay"])
    assert result.exit_code == 0, result.stderr
    assert "Scrum Master" in result.stdout


# ---------------------------------------------------------------- options that change figures


def test_days_salary_costs_and_margin(invoke: Invoke) -> None:
    base = results(payload(invoke, "--rate", "500", *YEAR))[0]
    other = results(
        payload(
            invoke,
            "--rate",
            "500",
            "--days",
            "200",
            "--salary",
            "9100",
            "--expenses",
            "2,000",
            "--umbrella-margin",
            "£25",
            *YEAR,
        )
    )[0]
    inside, outside = other["inside"], other["outside"]
    assert isinstance(inside, dict) and isinstance(outside, dict)
    assert inside["assignment_income"] == 100000.0
    assert inside["umbrella_margin"] == 1000.0  # 25 a week x 40 weeks
    assert outside["director_salary"] == 9100.0
    assert outside["employer_ni"] == 615.0
    assert outside["company_costs"] == 2000.0
    assert other != base


def test_json_layout(invoke: Invoke) -> None:
    document = payload(invoke, "--rate", "500", *YEAR)
    assert document["tax_year"] == "2026-27"
    assert document["region"] == "rest-of-uk"
    assert document["days"] == 220
    assert isinstance(document["assumptions"], list) and document["assumptions"]
    [item] = results(document)
    assert item["role"] is None and item["point"] == "given" and item["day_rate"] == 500.0
    inside, outside = item["inside"], item["outside"]
    assert isinstance(inside, dict) and isinstance(outside, dict)
    assert inside["gross_pay"] == 95887.45
    assert inside["income_tax"] == 25786.98
    assert inside["employee_ni"] == 3928.35
    assert inside["take_home"] == 66172.12
    assert outside["employer_ni"] == 1135.5
    assert outside["profit"] == 96294.5
    assert outside["corporation_tax"] == 21768.04
    assert outside["dividends"] == 74526.46
    assert outside["dividend_tax"] == 17164.46
    assert outside["take_home"] == 69932.0
    assert item["difference"] == 3759.88
    assert item["permanent_salary_equivalent"] == {"inside": 95887.45, "outside": 103617.37}
    assert inside["permanent_salary_equivalent"] == 95887.45
    assert outside["permanent_salary_equivalent"] == 103617.37
    break_even = item["break_even_inside_day_rate"]
    assert isinstance(break_even, float) and 540.58 < break_even < 540.59


def test_json_roles_points(invoke: Invoke) -> None:
    found = results(payload(invoke, "--role", "pm", "--role", "pmo"))
    assert [(r["role"], r["point"], r["day_rate"]) for r in found] == [
        ("pm", "min", 450.0),
        ("pm", "midpoint", 575.0),
        ("pm", "max", 700.0),
        ("pmo", "min", 400.0),
        ("pmo", "midpoint", 500.0),
        ("pmo", "max", 600.0),
    ]


def test_break_even_from_the_json_reproduces_the_outside_take_home(invoke: Invoke) -> None:
    """Rates are typed to the penny, so the break-even is rounded up to one: it reaches the
    outside take-home and overshoots by less than a penny a day's worth (at most £3.66 at 366
    days, less once tax and NI are taken)."""
    import math

    for days in ("220", "366"):
        [item] = results(payload(invoke, "--rate", "437", "--days", days, *YEAR))
        outside = item["outside"]
        assert isinstance(outside, dict)
        rate = math.ceil(float(str(item["break_even_inside_day_rate"])) * 100) / 100
        [again] = results(payload(invoke, "--rate", f"{rate:.2f}", "--days", days, *YEAR))
        inside = again["inside"]
        assert isinstance(inside, dict)
        gap = float(inside["take_home"]) - float(outside["take_home"])
        assert -0.005 <= gap < int(days) / 100


def test_markdown(invoke: Invoke) -> None:
    out = invoke(["pay", "--role", "pmo", "--format", "markdown", "--breakdown"]).stdout
    assert out.startswith(
        "# Take-home pay, tax year 2026-27, England, Wales and Northern Ireland\n"
    )
    assert "| PMO | midpoint | £500 | £66,172 | £5,514 | £69,932 | £5,828 |" in out
    assert "## The working: PMO at the midpoint, £500 a day" in out
    assert "| **Take-home a year** | **£66,172.12** |" in out
    assert "## Assumptions" in out


def test_export(invoke: Invoke, tmp_path: Path) -> None:
    for name in ("pay.json", "pay.md", "pay.svg", "pay.txt"):
        target = tmp_path / name
        result = invoke(["pay", "--role", "pmo", "--export", str(target)])
        assert result.exit_code == 0, result.stderr
        assert "£66,172" in target.read_text(encoding="utf-8") or name == "pay.json"
    document = json.loads((tmp_path / "pay.json").read_text(encoding="utf-8"))
    assert document["results"][1]["inside"]["take_home"] == 66172.12


# ---------------------------------------------------------------- the tax year


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 4, 5), "2025-26"),
        (dt.date(2026, 4, 6), "2026-27"),
        (dt.date(2025, 6, 1), "2025-26"),
    ],
)
def test_default_tax_year_contains_today(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, today: dt.date, year: str
) -> None:
    monkeypatch.setattr(rates, "today", lambda: today)
    assert payload(invoke, "--rate", "500")["tax_year"] == year


def test_past_the_newest_year_warns_and_uses_it(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rates, "today", lambda: dt.date(2027, 5, 1))
    result = invoke(["pay", "--rate", "500"])
    assert result.exit_code == 0
    assert "2026-27" in result.stdout
    assert result.stderr.startswith("Warning: no tax figures for 2027-28")
    assert "using 2026-27, the newest" in result.stderr


def test_2025_26_dividend_rates(invoke: Invoke) -> None:
    [item] = results(payload(invoke, "--rate", "500", "--tax-year", "2025-26"))
    outside = item["outside"]
    assert isinstance(outside, dict)
    # 8.75% of 37,200 + 33.75% of 36,826.4575 = 3,255 + 12,428.93
    assert outside["dividend_tax"] == 15683.93


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--rate", "abc"],
            "Error: --rate takes a number more than 0 and at most 100,000, such as 525 (got 'abc')",
        ),
        (["--rate", "0"], "Error: --rate takes a number more than 0"),
        (["--rate", "-5"], "Error: --rate takes a number more than 0"),
        (["--rate", "nan"], "Error: --rate takes a number more than 0"),
        (["--days", "0"], "Error: --days takes a whole number of days from 1 to 366 (got '0')"),
        (["--days", "abc"], "Error: --days takes a whole number of days from 1 to 366"),
        (["--days", "-3"], "Error: --days takes a whole number"),
        (["--salary", "-1"], "Error: --salary takes a number 0 or more"),
        (["--salary", "lots"], "Error: --salary takes a number 0 or more"),
        (
            ["--rate", "525.505"],
            "Error: --rate takes pounds to the penny, at most two decimal places "
            "(got '525.505'; write 525.51)",
        ),
        (
            ["--rate", "0.001"],
            "Error: --rate takes pounds to the penny, at most two decimal places (got '0.001')",
        ),
        (["--pension", "-1"], "Error: --pension takes a number 0 or more"),
        (["--pension", "10.005"], "Error: --pension takes pounds to the penny"),
        (
            ["--rate", "525", "--umbrella-margin", "3000"],
            "Error: the umbrella margin (£3,000.00 a week x 44 weeks = £132,000.00) takes all of "
            "the assignment income (£115,500.00), leaving nothing to pay you inside IR35; lower "
            "--umbrella-margin or --pension",
        ),
        (
            ["--offer", "450"],
            "Error: --offer takes RATE:ROUTE, a day rate and inside or outside, such as "
            "--offer 450:outside (got '450')",
        ),
        (["--offer", "450:within"], "Error: --offer takes RATE:ROUTE"),
        (["--offer", "450.001:inside"], "Error: --offer takes pounds to the penny"),
        (["--offer", "x:inside"], "Error: --offer takes a number more than 0"),
        (["--offer", "450:inside", "--rate", "500"], "Error: --rate and --offer do not go"),
        (["--offer", "450:inside", "--role", "pmo"], "Error: --offer and --role do not go"),
        (
            ["450"],
            "Error: unexpected argument '450': pay takes options only; for a day rate of your "
            "own write --rate 450, or --offer 450:inside for one offer",
        ),
        (["--umbrella-margin", "x"], "Error: --umbrella-margin takes a number 0 or more"),
        (["--expenses", "-1"], "Error: --expenses takes a number 0 or more"),
        (["--umbrella-margin", "-25"], "Error: --umbrella-margin takes a number 0 or more"),
        (["--expenses", "x"], "Error: --expenses takes a number 0 or more"),
        (
            ["--tax-year", "2030-31"],
            "Error: unknown tax year '2030-31' for --tax-year (bundled: 2025-26, 2026-27; write it like 2026-27)",
        ),
        (
            ["--region", "wales"],
            "Error: unknown region 'wales' for --region (known: rest-of-uk (England, Wales and Northern Ireland), scotland (Scotland)); wales is in rest-of-uk, so use --region rest-of-uk",
        ),
        (["--role", "pmp"], "Error: unknown role 'pmp' for --role (known: pmo, pm)"),
        (["--role", "pm", "--rate", "500"], "Error: --rate and --role do not go together"),
        (["--rate", "525,50"], "Error: --rate takes a number more than 0"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(["pay", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_bad_tax_file_lists_every_problem(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "tax.toml"
    text = REAL_TAX.read_text(encoding="utf-8")
    bad.write_text(text.replace("employer_rate = 0.15", "employer_rate = 15"), encoding="utf-8")
    for args, env in (
        (["pay", "--tax-data", str(bad)], None),
        (["pay"], {"ROLECOMPARE_TAX_DATA": str(bad)}),
    ):
        result = invoke(args, env=env)
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[0] == f"Error: {bad}: 2 problems in the tax figures file"
        assert lines[1] == (
            "  - years.2025-26.national_insurance.employer_rate: should be a rate between 0 and 1, "
            "such as 0.2 for 20% (got 15)"
        )
        assert lines[2].startswith("  - years.2026-27.national_insurance.employer_rate")


def test_own_tax_file_with_a_new_year(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = REAL_TAX.read_text(encoding="utf-8")
    block = text[text.index("[years.2026-27]") :]
    own = tmp_path / "tax.toml"
    own.write_text(
        text + "\n" + block.replace("[years.2026-27", "[years.2027-28"), encoding="utf-8"
    )
    monkeypatch.setattr(rates, "today", lambda: dt.date(2027, 5, 1))
    result = invoke(["pay", "--rate", "500", "--tax-data", str(own)])
    assert result.exit_code == 0, result.stderr
    assert "tax year 2027-28" in result.stdout
    assert result.stderr == ""


def test_control_characters_from_the_tax_file_never_reach_the_output(
    invoke: Invoke, tmp_path: Path
) -> None:
    text = (
        REAL_TAX.read_text(encoding="utf-8")
        .replace(
            'title = "Income Tax rates and Personal Allowances"',
            'title = "Income Tax\\u001b]0;pwned\\u0007 rates\\u009b31m"',
        )
        .replace('name = "Scotland"', 'name = "Scot\\u001b[2Jland"')
    )
    own = tmp_path / "tax.toml"
    own.write_text(text, encoding="utf-8")
    for fmt in ("table", "markdown", "json"):
        result = invoke(["pay", "--tax-data", str(own), "--region", "scotland", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\x9b" not in result.stdout
        assert "pwned" in result.stdout  # shown, as visible escapes
    if fmt == "json":
        title = json.loads(result.stdout)["sources"][1]["title"]
        assert title == "Income Tax\\x1b]0;pwned\\x07 rates\\x9b31m"
    report = invoke(["validate", "--tax-data", str(own)], width=200)
    assert report.exit_code == 1
    assert (
        "sources.hmrc-income-tax.title: contains control characters (shown as \\x.. or \\u....); remove them"
        in report.stdout
    )
    assert "\x1b" not in report.stdout


def test_validate_checks_the_tax_file_too(invoke: Invoke, tmp_path: Path) -> None:
    ok = invoke(["validate"])
    assert ok.exit_code == 0
    assert (
        "OK: " in ok.stdout
        and "tax years 2025-26, 2026-27; regions rest-of-uk, scotland" in ok.stdout
    )
    bad = tmp_path / "tax.toml"
    bad.write_text(
        REAL_TAX.read_text(encoding="utf-8").replace("up_to = 14921", "up_to = 1492"),
        encoding="utf-8",
    )
    result = invoke(["validate", "--tax-data", str(bad)], width=200)
    assert result.exit_code == 1
    assert f"Invalid tax figures: {bad}" in result.stdout
    assert (
        "years.2025-26.income_tax.bands.scotland[1].up_to: bands must be in order: 1492 is not "
        "above the band before (2827)" in result.stdout
    )
    as_json = invoke(["validate", "--format", "json"], env={"ROLECOMPARE_TAX_DATA": str(bad)})
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["valid"] is True and report["tax"]["valid"] is False
    assert len(report["tax"]["problems"]) == 1


def test_rates_points_to_pay(invoke: Invoke) -> None:
    assert "inside and outside IR35: rolecompare pay" in invoke(["rates"]).stdout
    assert "`rolecompare pay`" in invoke(["rates", "--format", "markdown"]).stdout


def test_help(invoke: Invoke) -> None:
    out = invoke(["pay", "--help"]).stdout
    for option in (
        "--rate",
        "--days",
        "--tax-year",
        "--region",
        "--salary",
        "--expenses",
        "--umbrella-margin",
        "--breakdown",
        "--tax-data",
    ):
        assert option in out


def test_aligned_table_wraps_the_first_column_to_fit() -> None:
    import io

    from rich.console import Console

    from rolecompare.ui.charts import AlignedTable

    table = AlignedTable(
        "Title",
        ["Role", "Figure\na year"],
        [["A role with a very long name", "£1,234"], ["PMO", "£56"]],
        right=(1,),
    )
    console = Console(file=io.StringIO(), width=24, color_system=None)
    console.print(table)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert max(len(line) for line in lines) <= 24
    assert lines[1].split() == ["Figure"] and lines[2].split() == ["Role", "a", "year"]
    assert lines[4].split() == ["A", "role", "with", "a", "£1,234"]
    assert lines[-1].split() == ["PMO", "£56"]
    assert lines[-1].endswith("£56 ")


def test_zero_margin_and_costs_are_the_defaults(invoke: Invoke) -> None:
    plain = payload(invoke, "--rate", "500")
    assert payload(invoke, "--rate", "500", "--umbrella-margin", "0", "--expenses", "0") == plain


def test_region_in_any_case_and_the_default_is_the_files_first(
    invoke: Invoke, tmp_path: Path
) -> None:
    assert payload(invoke, "--rate", "500", "--region", "SCOTLAND")["region"] == "scotland"
    text = REAL_TAX.read_text(encoding="utf-8")
    # A file that lists Scotland first makes it the default.
    first, second = text.index("[regions.rest-of-uk]"), text.index("[regions.scotland]")
    end = text.index("# ----", second)
    moved = text[:first] + text[second:end] + text[first:second] + text[end:]
    own = tmp_path / "tax.toml"
    own.write_text(moved, encoding="utf-8")
    assert payload(invoke, "--rate", "500", "--tax-data", str(own))["region"] == "scotland"


def test_scottish_sources_are_cited_only_for_scotland(invoke: Invoke) -> None:
    rest = invoke(["pay", "--rate", "500", *YEAR]).stdout
    scot = invoke(["pay", "--rate", "500", "--region", "scotland", *YEAR]).stdout
    assert "Scottish Government" not in rest
    assert "Scottish Government" in scot


# ---------------------------------------------------------------- offers (issue 17)


def test_two_offers_side_by_side(invoke: Invoke) -> None:
    """£450 outside and £575 inside with a £10,000 pension: take-home £60,015.01 and
    £69,133.16 (worked by hand in test_pay_unit); a month /12, a week /52."""
    args = ["--offer", "450:outside", "--offer", "575:inside", "--pension", "10000", *YEAR]
    out = invoke(["pay", *args], width=80).stdout
    rows = {
        line.split()[1]: line.split()
        for line in out.splitlines()
        if line.startswith((" £450 outside", " £575 inside"))
    }
    assert rows["outside"][2:] == ["£60,015", "£5,001", "£1,154", "£10,000", "£70,015", "-"]
    assert rows["inside"][2:] == ["£69,133", "£5,761", "£1,329", "£10,000", "£79,133", "+£9,118"]
    assert (
        "£575 inside leaves £9,118 a year more take-home than £450 outside, and £9,118 more "
        "counting the pension." in flat(out)
    )
    document = payload(invoke, *args)
    offers = document["offers"]
    assert isinstance(offers, list)
    assert offers[1] == {
        "rate": 575.0,
        "route": "inside",
        "days": 220,
        "take_home": 69133.16,
        "take_home_month": 5761.1,
        "take_home_week": 1329.48,
        "pension": 10000.0,
        "take_home_plus_pension": 79133.16,
        "retained": 0.0,
        "student_loan": 0.0,
        "difference_from_first": 9118.15,
        "difference_with_pension_from_first": 9118.15,
    }
    assert offers[0]["difference_from_first"] == 0.0
    assert document["results"] == []


def test_repeated_rates_are_each_shown_on_both_routes(invoke: Invoke) -> None:
    document = payload(invoke, "--rate", "450", "--rate", "575", *YEAR)
    assert [item["day_rate"] for item in results(document)] == [450.0, 575.0]
    offers = document["offers"]
    assert isinstance(offers, list)
    assert [(item["rate"], item["route"]) for item in offers] == [
        (450.0, "inside"),
        (450.0, "outside"),
        (575.0, "inside"),
        (575.0, "outside"),
    ]
    out = invoke(["pay", "--rate", "450", "--rate", "575", *YEAR]).stdout
    assert "At £450 a day:" in flat(out) and "At £575 a day:" in flat(out)


def test_offers_in_markdown(invoke: Invoke) -> None:
    out = invoke(
        ["pay", "--offer", "500:inside", "--offer", "500:outside", *YEAR, "--format", "markdown"]
    ).stdout
    assert "| £500 outside | £69,932 | £5,828 | £1,345 | £0 | £69,932 | +£3,760 |" in out


def test_zero_salary_is_accepted(invoke: Invoke) -> None:
    [item] = results(payload(invoke, "--rate", "500", "--salary", "0", *YEAR))
    outside = item["outside"]
    assert isinstance(outside, dict)
    assert outside["director_salary"] == 0.0
    assert outside["employer_ni"] == 0.0


def test_a_salary_above_the_fees_is_shown_as_a_loss(invoke: Invoke) -> None:
    """£525 x 220 = £115,500 of fees; salary £200,000 with employer NI 15% x 195,000 = 29,250:
    the company loses 200,000 + 29,250 - 115,500 = £113,750.00."""
    result = invoke(["pay", "--rate", "525", "--salary", "200000", *YEAR])
    assert result.exit_code == 0
    assert "makes a LOSS of £113,750.00" in flat(result.stderr)


def test_pension_shown_in_the_settings(invoke: Invoke) -> None:
    out = invoke(["pay", "--rate", "500", "--pension", "10000", *YEAR]).stdout
    assert "pension £10,000 a year." in flat(out)


def test_fits_the_screen(invoke: Invoke) -> None:
    """At 80 columns the answer comes before the picture, within the first 24 lines; web
    addresses are kept whole on a line of their own; pay pages like show and rates."""
    from rolecompare.commands.pay import PayScreen

    out = invoke(["pay", "--rate", "450", *YEAR], width=80).stdout
    lines = out.splitlines()
    answer = next(n for n, line in enumerate(lines) if line.startswith("At £450 a day:"))
    assert answer < 22
    assert answer < next(n for n, line in enumerate(lines) if line.startswith("Take-home a year"))
    long_url = (
        "https://www.gov.uk/government/publications/"
        "income-tax-changes-to-tax-rates-for-property-savings-and-dividend-income"
    )
    assert long_url in lines
    assert PayScreen.page


def test_equal_offers_read_as_about_the_same(invoke: Invoke) -> None:
    out = invoke(["pay", "--offer", "500:inside", "--offer", "500:inside", *YEAR]).stdout
    assert (
        "£500 inside leaves about the same take-home as £500 inside, and about the same "
        "counting the pension." in flat(out)
    )


def test_the_settings_name_only_what_applies_to_the_routes_shown(invoke: Invoke) -> None:
    inside = invoke(["pay", "--offer", "450:inside", "--draw", "0", "--salary", "20000"])
    assert inside.exit_code == 0, inside.stderr
    settings = flat(inside.stdout.split("\n\n")[0])  # the headline and what it assumes
    assert "director's salary" not in settings and "company costs" not in settings
    assert "umbrella margin" in settings
    assert "--draw" not in inside.stderr  # a director's draw means nothing inside IR35
    outside = invoke(["pay", "--offer", "450:outside", "--draw", "0", "--salary", "20000"])
    settings = flat(outside.stdout.split("\n\n")[0])
    assert "director's salary £20,000" in settings
    assert "umbrella margin" not in settings
    assert "above the --draw level (£0)" in outside.stderr


def test_small_amounts_are_shown_as_typed(invoke: Invoke) -> None:
    result = invoke(["pay", "--offer", "450.50:outside", "--salary", "0.4", "--pension", "0.45"])
    assert result.exit_code == 0, result.stderr
    assert "director's salary £0.40" in flat(result.stdout)
    assert "pension £0.45 a year" in flat(result.stdout)


@pytest.mark.parametrize("width", [40, 60, 79])
def test_offers_fit_a_narrow_screen(invoke: Invoke, width: int) -> None:
    """The offers' seven columns would fold out of line; a narrow screen lists each offer."""
    args = ["pay", "--offer", "450:outside", "--offer", "575:inside", "--pension", "10000"]
    result = invoke(args, width=width)
    assert result.exit_code == 0, result.stderr
    assert widest(result.stdout, addresses=False) <= width
    assert "£450 outside" in result.stdout and "£575 inside" in result.stdout


def test_a_region_named_in_another_is_pointed_to(invoke: Invoke) -> None:
    result = invoke(["pay", "--region", "Wales"])
    assert result.exit_code == 2
    assert "rest-of-uk (England, Wales and Northern Ireland)" in flat(result.stderr)
    assert "Wales is in rest-of-uk, so use --region rest-of-uk" in flat(result.stderr)
    assert "so use" not in invoke(["pay", "--region", "mars"]).stderr
