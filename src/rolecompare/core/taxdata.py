"""The tax figures file (``uk-tax.toml``): its models, what they cannot check alone, and the
figures ``pay`` works with.

Described and checked the way ``roles.toml`` is (see :mod:`rolecompare.core.schema`): frozen
dataclasses with :class:`Check` constraints, which pydantic applies when a file is validated,
and :func:`find_problems` for what spans the file (bands in order, ids that exist). The
built-in file is served from its snapshot, so ``pay`` never imports pydantic for it.

Amounts are exact :class:`~decimal.Decimal` however they are written (``0.0875`` is exactly
8.75%, ``12570`` an exact amount), and text is made inert where the file is read, as for the
data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from rolecompare.core.loader import DataFile
from rolecompare.core.models import Date, Filled, Key, Text
from rolecompare.core.schema import Check, Table

TAX_ENV = "ROLECOMPARE_TAX_DATA"
ZERO = Decimal(0)
MAX_FIGURE = Decimal(10**9)
"""Far above any UK tax threshold or allowance; a larger figure is a typing slip, reported
(an unbounded one would also break the pound-rounding of the calculation)."""

Amount = Annotated[
    Decimal,
    Check(
        strict=True,
        ge=0,
        le=MAX_FIGURE,
        explain="should be an amount in pounds from 0 to 1,000,000,000",
    ),
]
Limit = Annotated[
    Decimal,
    Check(
        strict=True,
        gt=0,
        le=MAX_FIGURE,
        explain="should be an amount in pounds above 0, at most 1,000,000,000",
    ),
]
Rate = Annotated[
    Decimal,
    Check(strict=True, ge=0, le=1, explain="should be a rate between 0 and 1, such as 0.2 for 20%"),
]


# ------------------------------------------------------------------------------ the file's models


@dataclass(frozen=True, kw_only=True)
class Band(Table):
    """A slice of taxable income taxed at ``rate``, up to ``up_to`` (None: no upper limit)."""

    name: Filled
    rate: Rate
    up_to: Limit | None = None


Bands = Annotated[
    tuple[Band, ...],
    Check(
        min_length=1,
        explain='should be a list of bands, such as [{ name = "basic", rate = 0.2, up_to = 37700 }, ...]',
    ),
]


@dataclass(frozen=True, kw_only=True)
class Region(Table):
    """``[regions.ID]``: where a set of income tax bands applies."""

    id: str
    name: Filled
    note: Text = ""


@dataclass(frozen=True, kw_only=True)
class Source(Table):
    """A publication the figures come from; ``regions`` limits where it is cited (empty: all)."""

    id: str
    title: Filled
    publisher: Filled
    published: Date | None = None
    url: Text = ""
    regions: tuple[str, ...] = ()

    def citation(self) -> str:
        """Title, publisher, date and address, the way every screen cites a source."""
        parts = [f'"{self.title}"', self.publisher]
        if self.published is not None:
            parts.append(f"{self.published.day} {self.published:%B %Y}")
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "regions": list(self.regions),
        }


@dataclass(frozen=True, kw_only=True)
class IncomeTax(Table):
    """``[years.ID.income_tax]``."""

    personal_allowance: Amount
    taper_threshold: Amount
    taper_rate: Rate
    bands: dict[Key, Bands]
    """Per region id; limits are on taxable income (after the allowance)."""


@dataclass(frozen=True, kw_only=True)
class Dividends(Table):
    """``[years.ID.dividends]``: dividend bands sit on top of taxable earnings."""

    allowance: Amount
    bands: Bands


@dataclass(frozen=True, kw_only=True)
class NationalInsurance(Table):
    """``[years.ID.national_insurance]``: employee and employer Class 1."""

    primary_threshold: Amount
    upper_earnings_limit: Amount
    employee_rate: Rate
    employee_upper_rate: Rate
    secondary_threshold: Amount
    employer_rate: Rate


@dataclass(frozen=True, kw_only=True)
class Levy(Table):
    """``[years.ID.apprenticeship_levy]``."""

    rate: Rate


@dataclass(frozen=True, kw_only=True)
class CorporationTax(Table):
    """``[years.ID.corporation_tax]``, with marginal relief between the limits."""

    small_profits_rate: Rate
    main_rate: Rate
    lower_limit: Amount
    upper_limit: Amount
    marginal_relief_fraction: Rate


@dataclass(frozen=True, kw_only=True)
class LoanPlan(Table):
    """``[years.ID.student_loans.plans]``: one repayment plan. No ``threshold`` means the plan
    takes no repayments that year, and ``note`` says why."""

    name: Filled
    kind: Literal["undergraduate", "postgraduate"]
    rate: Rate
    threshold: Amount | None = None
    note: Text = ""


@dataclass(frozen=True, kw_only=True)
class StudentLoans(Table):
    """``[years.ID.student_loans]``: the plans, and the unearned income (dividends) that counts
    in self assessment only above ``unearned_income_limit``, and then in full."""

    sources: Annotated[
        tuple[str, ...],
        Check(min_length=1, explain="should list the ids of the sources the plans come from"),
    ]
    unearned_income_limit: Amount
    plans: dict[Key, LoanPlan]


@dataclass(frozen=True, kw_only=True)
class YearFigures(Table):
    """``[years.YYYY-YY]``: every figure of one tax year."""

    sources: Annotated[
        tuple[str, ...],
        Check(
            min_length=1, explain="should list the ids of the sources the year's figures come from"
        ),
    ]
    income_tax: IncomeTax
    dividends: Dividends
    national_insurance: NationalInsurance
    apprenticeship_levy: Levy
    corporation_tax: CorporationTax
    student_loans: StudentLoans | None = None


@dataclass(frozen=True, kw_only=True)
class TaxFile(Table):
    """``uk-tax.toml`` as written."""

    format: Literal[1]
    currency: Literal["GBP"]
    director_salary: Amount
    working_days_per_week: Annotated[
        Decimal,
        Check(strict=True, gt=0, le=7, explain="should be a number of days above 0, at most 7"),
    ]
    assumptions: tuple[Filled, ...] = ()
    regions: Annotated[
        dict[Key, Region],
        Check(min_length=1, explain="needs at least one region, such as [regions.rest-of-uk]"),
    ]
    sources: dict[Key, Source]
    years: Annotated[
        dict[Key, YearFigures], Check(min_length=1, explain="needs at least one tax year")
    ]


def _prepare(data: Any) -> Any:
    """The parsed file as the models take it: every whole number exact (as ``Decimal``, like
    the file's decimals), and each region's and source's key copied into it as ``id``."""
    exact = _exact(data)
    if not isinstance(exact, dict):
        return exact
    for key in ("regions", "sources"):
        table = exact.get(key)
        if isinstance(table, dict):
            exact[key] = {
                name: {**value, "id": name} if isinstance(value, dict) else value
                for name, value in table.items()
            }
    return exact


def _exact(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_exact(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


# ------------------------------------------------------------------------------ across the file

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_YEAR = re.compile(r"(\d{4})-(\d{2})")


def find_problems(raw: dict[str, Any]) -> list[str]:
    """What the schema cannot see from one field alone, on the parsed file, as
    ``key.path: problem`` lines; only the parts with the right shape are looked at (a wrong
    shape is the schema's problem, reported once, there)."""
    problems: list[str] = []
    regions = _table(raw, "regions")
    sources = _table(raw, "sources")
    known_regions = ", ".join(regions) or "none"
    for region_id in regions:
        if not _ID.fullmatch(region_id):
            problems.append(f"regions.{region_id}: ids are lowercase letters, digits and hyphens")
    for source_id, body in sources.items():
        listed = body.get("regions") if isinstance(body, dict) else None
        for region_id in listed if isinstance(listed, list) else ():
            if isinstance(region_id, str) and region_id not in regions:
                problems.append(
                    f"sources.{source_id}.regions: unknown region '{region_id}' "
                    f"(known: {known_regions})"
                )
    for year_id, body in sorted(_table(raw, "years").items()):
        path = f"years.{year_id}"
        match = _YEAR.fullmatch(year_id)
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            problems.append(
                f"{path}: a tax year is named like 2026-27 (the year it starts, then the next)"
            )
        if not isinstance(body, dict):
            continue
        for at, table in ((path, body), (f"{path}.student_loans", _table(body, "student_loans"))):
            listed = table.get("sources")
            for source_id in listed if isinstance(listed, list) else ():
                if isinstance(source_id, str) and source_id not in sources:
                    problems.append(
                        f"{at}.sources: unknown source '{source_id}' "
                        f"(known: {', '.join(sources) or 'none'})"
                    )
        by_region = _table(body, "income_tax").get("bands")
        if isinstance(by_region, dict):
            for region_id in regions:
                if region_id not in by_region:
                    problems.append(
                        f"{path}.income_tax.bands.{region_id}: missing: every year needs bands "
                        "for every region"
                    )
            for region_id, bands in by_region.items():
                at = f"{path}.income_tax.bands.{region_id}"
                if region_id not in regions:
                    problems.append(f"{at}: unknown region (known: {known_regions})")
                else:
                    problems += _band_problems(bands, at)
        problems += _band_problems(
            _table(body, "dividends").get("bands"), f"{path}.dividends.bands"
        )
        problems += _limit_problems(body, path)
    return problems


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def _figure(value: Any) -> Decimal | None:
    """A number fit to compare and multiply, else None (the schema reports it): finite, and no
    larger than any figure may be, so no product of two can overflow."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    number = Decimal(value)
    return number if number.is_finite() and abs(number) <= MAX_FIGURE else None


def _band_problems(bands: Any, path: str) -> list[str]:
    """Every band but the last ends at ``up_to``, above the one before; the last is open."""
    if not isinstance(bands, list):
        return []
    problems: list[str] = []
    previous = ZERO
    for index, band in enumerate(bands):
        at = f"{path}[{index}].up_to"
        if not isinstance(band, dict):
            continue
        if index == len(bands) - 1:
            if "up_to" in band:
                problems.append(f"{at}: the last band has no upper limit; remove up_to")
        elif "up_to" not in band:
            problems.append(f"{at}: required key is missing")
        elif (up_to := _figure(band["up_to"])) is not None and up_to > 0:
            if up_to <= previous:
                problems.append(
                    f"{at}: bands must be in order: {up_to} is not above the band before "
                    f"({previous})"
                )
            previous = max(previous, up_to)
    return problems


def _limit_problems(body: dict[str, Any], path: str) -> list[str]:
    """National Insurance's limits in order; corporation tax's limits in order, and its marginal
    relief meeting the small profits rate at the lower limit."""
    problems: list[str] = []
    ni = _table(body, "national_insurance")
    primary, upper = _figure(ni.get("primary_threshold")), _figure(ni.get("upper_earnings_limit"))
    if primary is not None and upper is not None and upper < primary:
        problems.append(
            f"{path}.national_insurance.upper_earnings_limit: should be at least the primary "
            f"threshold ({primary})"
        )
    ct = _table(body, "corporation_tax")
    p = f"{path}.corporation_tax"
    small, main, lower, top, fraction = (
        _figure(ct.get(key))
        for key in (
            "small_profits_rate",
            "main_rate",
            "lower_limit",
            "upper_limit",
            "marginal_relief_fraction",
        )
    )
    if lower is None or top is None:
        return problems
    if top < lower:
        problems.append(f"{p}.upper_limit: should be at least the lower limit ({lower})")
    elif top > lower and small is not None and main is not None and fraction is not None:
        at_lower = main * lower - fraction * (top - lower)
        if at_lower != small * lower:
            problems.append(
                f"{p}.marginal_relief_fraction: with these limits and rates, tax at the lower "
                f"limit would be {at_lower} rather than {small * lower}; check the fraction"
            )
    return problems


TAX: DataFile[TaxFile] = DataFile(
    noun="tax figures file",
    expected="rolecompare tax figures file",
    file_name="uk-tax.toml",
    flag="--tax-data",
    env=TAX_ENV,
    model=TaxFile,
    format_doc="the README's tax data format",
    prepare=_prepare,
    cross_check=find_problems,
    parse_float=Decimal,
)


# ------------------------------------------------------------------------------ what pay uses


@dataclass(frozen=True, kw_only=True)
class TaxYear:
    """Every figure of one tax year, by the names the calculation uses; ``income_bands`` per
    region id."""

    id: str
    sources: tuple[str, ...]
    personal_allowance: Decimal
    taper_threshold: Decimal
    taper_rate: Decimal
    income_bands: dict[str, tuple[Band, ...]]
    dividend_allowance: Decimal
    dividend_bands: tuple[Band, ...]
    primary_threshold: Decimal
    upper_earnings_limit: Decimal
    employee_rate: Decimal
    employee_upper_rate: Decimal
    secondary_threshold: Decimal
    employer_rate: Decimal
    levy_rate: Decimal
    ct_small: Decimal
    ct_main: Decimal
    ct_lower: Decimal
    ct_upper: Decimal
    ct_relief_fraction: Decimal
    student_loans: StudentLoans | None = None


@dataclass(frozen=True, kw_only=True)
class TaxData:
    """A checked tax figures file, as ``pay`` uses it: ``years`` oldest first."""

    path: Path
    currency: str
    director_salary: Decimal
    days_per_week: Decimal
    assumptions: tuple[str, ...]
    regions: dict[str, Region]
    sources: dict[str, Source]
    years: dict[str, TaxYear]


def figures(checked: TaxFile, path: Path) -> TaxData:
    """The checked file ``path`` as the figures ``pay`` works with."""
    return TaxData(
        path=path,
        currency=checked.currency,
        director_salary=checked.director_salary,
        days_per_week=checked.working_days_per_week,
        assumptions=checked.assumptions,
        regions=checked.regions,
        sources=checked.sources,
        years={key: _year(key, checked.years[key]) for key in sorted(checked.years)},
    )


def _year(year_id: str, year: YearFigures) -> TaxYear:
    income, ni, ct = year.income_tax, year.national_insurance, year.corporation_tax
    return TaxYear(
        id=year_id,
        sources=year.sources,
        personal_allowance=income.personal_allowance,
        taper_threshold=income.taper_threshold,
        taper_rate=income.taper_rate,
        income_bands=income.bands,
        dividend_allowance=year.dividends.allowance,
        dividend_bands=year.dividends.bands,
        primary_threshold=ni.primary_threshold,
        upper_earnings_limit=ni.upper_earnings_limit,
        employee_rate=ni.employee_rate,
        employee_upper_rate=ni.employee_upper_rate,
        secondary_threshold=ni.secondary_threshold,
        employer_rate=ni.employer_rate,
        levy_rate=year.apprenticeship_levy.rate,
        ct_small=ct.small_profits_rate,
        ct_main=ct.main_rate,
        ct_lower=ct.lower_limit,
        ct_upper=ct.upper_limit,
        ct_relief_fraction=ct.marginal_relief_fraction,
        student_loans=year.student_loans,
    )


def resolve_tax_path(option: Path | str | None) -> Path:
    """``--tax-data`` wins, then ``ROLECOMPARE_TAX_DATA``, then the built-in file."""
    return TAX.chosen(option)[0]


def load(path: Path) -> TaxData:
    """Read and check ``path``; raise :class:`~rolecompare.core.errors.DataError` listing every
    problem."""
    return load_checked(path)[0]


def load_checked(path: Path, *, recheck: bool = False) -> tuple[TaxData, tuple[str, ...]]:
    """The figures, and the problems that do not stop them being used (control characters in
    text, already made inert), for ``validate`` to report; see :meth:`DataFile.load_checked`."""
    checked, hygiene = TAX.load_checked(path, recheck=recheck)
    return figures(checked, path), hygiene


def load_chosen(
    option: Path | str | None, *, recheck: bool = False
) -> tuple[TaxData, tuple[str, ...], Path]:
    """:func:`load_checked` of the chosen file, an error naming ``ROLECOMPARE_TAX_DATA`` when
    the path came from there."""
    checked, hygiene, path = TAX.load_chosen(option, recheck=recheck)
    return figures(checked, path), hygiene, path


def iter_bands(bands: tuple[Band, ...]) -> Iterator[tuple[Decimal, Decimal | None, Band]]:
    """Each band with where it starts and ends on taxable income."""
    start = ZERO
    for band in bands:
        yield start, band.up_to, band
        if band.up_to is not None:
            start = band.up_to
