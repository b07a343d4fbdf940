"""The tax figures file (``uk-tax.toml``): find it, read it, check it, turn it into plain objects.

Checked by hand rather than with pydantic models: ten small model classes would cost ``pay`` more
start-up time than the whole calculation. Every problem is collected with its key path, so a bad
file is reported in one go. Numbers are read as :class:`~decimal.Decimal` (TOML floats included),
so ``0.0875`` is exactly 8.75%. Text is untrusted: it is read with the data loader's bound and
made inert by :mod:`rolecompare.core.untrusted` where it enters, before any of it can reach a terminal,
a document or an error message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from rolecompare.core.errors import DataError

TAX_ENV = "ROLECOMPARE_TAX_DATA"
FILE_NAME = "uk-tax.toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
ZERO = Decimal(0)
ONE = Decimal(1)
MAX_FIGURE = Decimal(10**9)
"""Far above any UK tax threshold or allowance; a larger figure is a typing slip, reported
(an unbounded one would also break the pound-rounding of the calculation)."""


class Band:
    """A slice of taxable income taxed at ``rate``, up to ``up_to`` (None: no upper limit)."""

    __slots__ = ("name", "rate", "up_to")

    def __init__(self, name: str, rate: Decimal, up_to: Decimal | None) -> None:
        self.name = name
        self.rate = rate
        self.up_to = up_to


class Source:
    """A publication the figures come from; ``regions`` limits where it is cited (empty: all)."""

    __slots__ = ("id", "published", "publisher", "regions", "title", "url")

    def __init__(
        self,
        id: str,
        title: str,
        publisher: str,
        published: dt.date | None,
        url: str,
        regions: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.publisher = publisher
        self.published = published
        self.url = url
        self.regions = regions

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


class Region:
    __slots__ = ("id", "name", "note")

    def __init__(self, id: str, name: str, note: str) -> None:
        self.id = id
        self.name = name
        self.note = note


class TaxYear:
    """Every figure of one tax year; ``income_bands`` per region id."""

    __slots__ = (
        "ct_lower",
        "ct_main",
        "ct_relief_fraction",
        "ct_small",
        "ct_upper",
        "dividend_allowance",
        "dividend_bands",
        "employee_rate",
        "employee_upper_rate",
        "employer_rate",
        "id",
        "income_bands",
        "levy_rate",
        "personal_allowance",
        "primary_threshold",
        "secondary_threshold",
        "sources",
        "taper_rate",
        "taper_threshold",
        "upper_earnings_limit",
    )

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


class TaxData:
    __slots__ = (
        "assumptions",
        "currency",
        "days_per_week",
        "director_salary",
        "path",
        "regions",
        "sources",
        "years",
    )

    def __init__(
        self,
        path: Path,
        currency: str,
        director_salary: Decimal,
        days_per_week: Decimal,
        assumptions: tuple[str, ...],
        regions: dict[str, Region],
        sources: dict[str, Source],
        years: dict[str, TaxYear],
    ) -> None:
        self.path = path
        self.currency = currency
        self.director_salary = director_salary
        self.days_per_week = days_per_week
        self.assumptions = assumptions
        self.regions = regions
        self.sources = sources
        self.years = years  # oldest first


# ------------------------------------------------------------------------------ finding the file


def builtin_tax_path() -> Path:
    """The shipped ``uk-tax.toml``, inside the package (as for ``roles.toml``)."""
    from rolecompare.core.loader import builtin_file

    path = builtin_file(FILE_NAME)
    if not path.is_file():
        raise DataError(
            f"the built-in tax figures file is missing (looked in {path}); reinstall "
            "rolecompare or pass --tax-data PATH"
        )
    return path


def resolve_tax_path(option: Path | str | None) -> Path:
    """``--tax-data`` wins, then ``ROLECOMPARE_TAX_DATA``, then the built-in file."""
    return chosen_tax_path(option)[0]


def chosen_tax_path(option: Path | str | None) -> tuple[Path, bool]:
    """The tax file to use, and whether ``ROLECOMPARE_TAX_DATA`` named it."""
    from rolecompare.core.loader import choose

    return choose(option, "--tax-data", TAX_ENV, builtin_tax_path)


def load_chosen(option: Path | str | None) -> tuple[TaxData, tuple[str, ...], Path]:
    """:func:`load_checked` of the chosen file, an error naming ``ROLECOMPARE_TAX_DATA`` when
    the path came from there."""
    from rolecompare.core.loader import naming_origin

    path, from_env = chosen_tax_path(option)
    with naming_origin(from_env, TAX_ENV):
        return (*load_checked(path), path)


# ------------------------------------------------------------------------------ reading


def parse(path: Path, found: list[str] | None = None) -> dict[str, Any]:
    """The parsed file with every string made inert, read and parsed as the data file is
    (bounded, every failure one clear line); amounts stay exact as ``Decimal``."""
    from rolecompare.core.loader import parse as parse_toml

    return parse_toml(path, found, kind="rolecompare tax figures file", parse_float=Decimal)


def load(path: Path) -> TaxData:
    """Read and check ``path``; raise :class:`DataError` listing every problem."""
    return load_checked(path)[0]


def load_checked(path: Path) -> tuple[TaxData, tuple[str, ...]]:
    """The figures, and the problems that do not stop them being used: control characters in
    text (already made inert), for ``validate`` to report, as the data loader does."""
    from rolecompare.core.untrusted import HYGIENE

    found: list[str] = []
    raw = parse(path, found)
    hygiene = tuple(f"{where}: {HYGIENE}" for where in found)
    checker = _Checker()
    data = checker.tax_data(path, raw)
    if checker.problems or data is None:
        problems = (*checker.problems, *hygiene)
        from rolecompare.core.rates import plural

        raise DataError(
            f"{path}: {plural(len(problems), 'problem')} in the tax figures file", problems
        )
    return data, hygiene


# ------------------------------------------------------------------------------ checking

_TOP = {
    "format",
    "currency",
    "director_salary",
    "working_days_per_week",
    "assumptions",
    "regions",
    "sources",
    "years",
}
_YEAR_KEYS = {
    "sources",
    "income_tax",
    "dividends",
    "national_insurance",
    "apprenticeship_levy",
    "corporation_tax",
}


class _Checker:
    """Walks the parsed file, collecting ``key.path: problem`` lines instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def table(self, parent: dict[str, Any], key: str, path: str) -> dict[str, Any] | None:
        value = parent.get(key)
        if value is None:
            self.problem(path, "required table is missing")
            return None
        if not isinstance(value, dict):
            self.problem(path, f"should be a table (got {_shown(value)})")
            return None
        return value

    def known_keys(self, table: dict[str, Any], allowed: set[str], path: str) -> None:
        for key in table:
            if key not in allowed:
                self.problem(
                    f"{path}.{key}" if path else key,
                    "unknown key; check its spelling against the README's tax data format",
                )

    def text(self, table: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(path, "required key is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(path, f"should be non-empty text (got {_shown(value)})")
            return ""
        return value.strip()

    def number(
        self,
        table: dict[str, Any],
        key: str,
        path: str,
        *,
        rate: bool = False,
        positive: bool = False,
        required: bool = True,
    ) -> Decimal:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(path, "required key is missing")
            return ZERO
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.problem(path, f"should be a number (got {_shown(value)})")
            return ZERO
        number = Decimal(value)
        if not number.is_finite():
            self.problem(path, f"should be a finite number (got {value})")
            return ZERO
        if abs(number) > MAX_FIGURE:
            self.problem(
                path,
                f"is far too large for a tax figure (got {_shown(value)}); at most 1,000,000,000",
            )
            return ZERO
        if rate and not ZERO <= number <= ONE:
            self.problem(
                path, f"should be a rate between 0 and 1, such as 0.2 for 20% (got {value})"
            )
        elif positive and number <= 0:
            self.problem(path, f"should be more than 0 (got {value})")
        elif number < 0:
            self.problem(path, f"should be 0 or more (got {value})")
        return number

    # -------------------------------------------------------------------- the parts of the file

    def tax_data(self, path: Path, raw: dict[str, Any]) -> TaxData | None:
        self.known_keys(raw, _TOP, "")
        if raw.get("format") != 1:
            self.problem("format", f"should be 1 (got {_shown(raw.get('format'))})")
        currency = self.text(raw, "currency", "currency")
        if currency and currency != "GBP":
            self.problem("currency", f"UK tax figures are in GBP (got {currency!r})")
        salary = self.number(raw, "director_salary", "director_salary")
        per_week = self.number(raw, "working_days_per_week", "working_days_per_week", positive=True)
        if per_week > 7:
            self.problem("working_days_per_week", f"should be 7 or fewer (got {per_week})")
        assumptions = self.assumptions(raw.get("assumptions"))
        regions = self.regions(raw)
        sources = self.sources(raw, regions)
        years: dict[str, TaxYear] = {}
        table = self.table(raw, "years", "years")
        if table is not None:
            if not table:
                self.problem("years", "needs at least one tax year")
            for year_id, body in sorted(table.items()):
                year = self.year(year_id, body, regions, sources)
                if year is not None:
                    years[year_id] = year
        if self.problems:
            return None
        return TaxData(path, currency, salary, per_week, assumptions, regions, sources, years)

    def assumptions(self, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.problem("assumptions", "should be a list of non-empty texts")
            return ()
        return tuple(item.strip() for item in value)

    def regions(self, raw: dict[str, Any]) -> dict[str, Region]:
        table = self.table(raw, "regions", "regions")
        regions: dict[str, Region] = {}
        if table is None:
            return regions
        if not table:
            self.problem("regions", "needs at least one region, such as [regions.rest-of-uk]")
        for region_id, body in table.items():
            path = f"regions.{region_id}"
            if not _ID.match(region_id):
                self.problem(path, "ids are lowercase letters, digits and hyphens")
            if not isinstance(body, dict):
                self.problem(path, f"should be a table (got {_shown(body)})")
                continue
            self.known_keys(body, {"name", "note"}, path)
            name = self.text(body, "name", f"{path}.name")
            note = self.text(body, "note", f"{path}.note", required=False)
            regions[region_id] = Region(region_id, name, note)
        return regions

    def sources(self, raw: dict[str, Any], regions: dict[str, Region]) -> dict[str, Source]:
        table = self.table(raw, "sources", "sources")
        sources: dict[str, Source] = {}
        if table is None:
            return sources
        for source_id, body in table.items():
            path = f"sources.{source_id}"
            if not isinstance(body, dict):
                self.problem(path, f"should be a table (got {_shown(body)})")
                continue
            self.known_keys(body, {"title", "publisher", "published", "url", "regions"}, path)
            published = body.get("published")
            if published is not None and (
                not isinstance(published, dt.date) or isinstance(published, dt.datetime)
            ):
                self.problem(
                    f"{path}.published",
                    f"should be a date such as 2026-01-13 (got {_shown(published)})",
                )
                published = None
            sources[source_id] = Source(
                source_id,
                self.text(body, "title", f"{path}.title"),
                self.text(body, "publisher", f"{path}.publisher"),
                published,
                self.text(body, "url", f"{path}.url", required=False),
                self.source_regions(body.get("regions"), f"{path}.regions", regions),
            )
        return sources

    def source_regions(self, value: Any, path: str, regions: dict[str, Region]) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, 'should be a list of region ids, such as ["scotland"]')
            return ()
        for region_id in value:
            if region_id not in regions:
                self.problem(path, f"unknown region '{region_id}' (known: {', '.join(regions)})")
        return tuple(value)

    def year(
        self,
        year_id: str,
        body: Any,
        regions: dict[str, Region],
        sources: dict[str, Source],
    ) -> TaxYear | None:
        path = f"years.{year_id}"
        match = _YEAR.match(year_id)
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            self.problem(
                path, "a tax year is named like 2026-27 (the year it starts, then the next)"
            )
        if not isinstance(body, dict):
            self.problem(path, f"should be a table (got {_shown(body)})")
            return None
        self.known_keys(body, _YEAR_KEYS, path)
        year = TaxYear()
        year.id = year_id
        year.sources = self.year_sources(body.get("sources"), f"{path}.sources", sources)
        self.income_tax(year, body, path, regions)
        self.national_insurance(year, body, path)
        self.corporation_tax(year, body, path)
        return year

    def income_tax(
        self, year: TaxYear, body: dict[str, Any], path: str, regions: dict[str, Region]
    ) -> None:
        tax = self.table(body, "income_tax", f"{path}.income_tax") or {}
        p = f"{path}.income_tax"
        self.known_keys(tax, {"personal_allowance", "taper_threshold", "taper_rate", "bands"}, p)
        year.personal_allowance = self.number(tax, "personal_allowance", f"{p}.personal_allowance")
        year.taper_threshold = self.number(tax, "taper_threshold", f"{p}.taper_threshold")
        year.taper_rate = self.number(tax, "taper_rate", f"{p}.taper_rate", rate=True)
        year.income_bands = {}
        bands = self.table(tax, "bands", f"{p}.bands") if tax else None
        if bands is not None:
            for region_id in regions:
                if region_id not in bands:
                    self.problem(
                        f"{p}.bands.{region_id}", "missing: every year needs bands for every region"
                    )
            for region_id, listed in bands.items():
                if region_id not in regions:
                    self.problem(
                        f"{p}.bands.{region_id}",
                        f"unknown region (known: {', '.join(regions) or 'none'})",
                    )
                    continue
                year.income_bands[region_id] = self.bands(listed, f"{p}.bands.{region_id}")

        div = self.table(body, "dividends", f"{path}.dividends") or {}
        p = f"{path}.dividends"
        self.known_keys(div, {"allowance", "bands"}, p)
        year.dividend_allowance = self.number(div, "allowance", f"{p}.allowance")
        year.dividend_bands = self.bands(div.get("bands"), f"{p}.bands") if div else ()

    def national_insurance(self, year: TaxYear, body: dict[str, Any], path: str) -> None:
        ni = self.table(body, "national_insurance", f"{path}.national_insurance") or {}
        p = f"{path}.national_insurance"
        ni_keys = (
            "primary_threshold",
            "upper_earnings_limit",
            "employee_rate",
            "employee_upper_rate",
            "secondary_threshold",
            "employer_rate",
        )
        self.known_keys(ni, set(ni_keys), p)
        year.primary_threshold = self.number(ni, "primary_threshold", f"{p}.primary_threshold")
        year.upper_earnings_limit = self.number(
            ni, "upper_earnings_limit", f"{p}.upper_earnings_limit"
        )
        year.employee_rate = self.number(ni, "employee_rate", f"{p}.employee_rate", rate=True)
        year.employee_upper_rate = self.number(
            ni, "employee_upper_rate", f"{p}.employee_upper_rate", rate=True
        )
        year.secondary_threshold = self.number(
            ni, "secondary_threshold", f"{p}.secondary_threshold"
        )
        year.employer_rate = self.number(ni, "employer_rate", f"{p}.employer_rate", rate=True)
        if ni and year.upper_earnings_limit < year.primary_threshold:
            self.problem(
                f"{p}.upper_earnings_limit",
                f"should be at least the primary threshold ({year.primary_threshold})",
            )

        levy = self.table(body, "apprenticeship_levy", f"{path}.apprenticeship_levy") or {}
        self.known_keys(levy, {"rate"}, f"{path}.apprenticeship_levy")
        year.levy_rate = self.number(levy, "rate", f"{path}.apprenticeship_levy.rate", rate=True)

    def corporation_tax(self, year: TaxYear, body: dict[str, Any], path: str) -> None:
        ct = self.table(body, "corporation_tax", f"{path}.corporation_tax") or {}
        p = f"{path}.corporation_tax"
        ct_keys = (
            "small_profits_rate",
            "main_rate",
            "lower_limit",
            "upper_limit",
            "marginal_relief_fraction",
        )
        self.known_keys(ct, set(ct_keys), p)
        year.ct_small = self.number(ct, "small_profits_rate", f"{p}.small_profits_rate", rate=True)
        year.ct_main = self.number(ct, "main_rate", f"{p}.main_rate", rate=True)
        year.ct_lower = self.number(ct, "lower_limit", f"{p}.lower_limit")
        year.ct_upper = self.number(ct, "upper_limit", f"{p}.upper_limit")
        year.ct_relief_fraction = self.number(
            ct, "marginal_relief_fraction", f"{p}.marginal_relief_fraction", rate=True
        )
        if ct and year.ct_upper < year.ct_lower:
            self.problem(
                f"{p}.upper_limit", f"should be at least the lower limit ({year.ct_lower})"
            )
        elif ct and year.ct_upper > year.ct_lower:
            # Marginal relief must join the two rates: at the lower limit it gives the small rate.
            at_lower = year.ct_main * year.ct_lower - year.ct_relief_fraction * (
                year.ct_upper - year.ct_lower
            )
            if at_lower != year.ct_small * year.ct_lower:
                self.problem(
                    f"{p}.marginal_relief_fraction",
                    "with these limits and rates, tax at the lower limit would be "
                    f"{at_lower} rather than {year.ct_small * year.ct_lower}; check the fraction",
                )

    def year_sources(self, value: Any, path: str, sources: dict[str, Source]) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem(path, "should list the ids of the sources the year's figures come from")
            return ()
        for source_id in value:
            if source_id not in sources:
                self.problem(
                    path, f"unknown source '{source_id}' (known: {', '.join(sources) or 'none'})"
                )
        return tuple(value)

    def bands(self, value: Any, path: str) -> tuple[Band, ...]:
        if not isinstance(value, list) or not value:
            self.problem(
                path,
                'should be a list of bands, such as [{ name = "basic", rate = 0.2, up_to = 37700 }, ...]',
            )
            return ()
        bands: list[Band] = []
        previous = ZERO
        for index, item in enumerate(value):
            at = f"{path}[{index}]"
            if not isinstance(item, dict):
                self.problem(
                    at, f"should be a table with name, rate and up_to (got {_shown(item)})"
                )
                continue
            self.known_keys(item, {"name", "rate", "up_to"}, at)
            name = self.text(item, "name", f"{at}.name")
            rate = self.number(item, "rate", f"{at}.rate", rate=True)
            last = index == len(value) - 1
            up_to: Decimal | None = None
            if last:
                if "up_to" in item:
                    self.problem(f"{at}.up_to", "the last band has no upper limit; remove up_to")
            else:
                up_to = self.number(item, "up_to", f"{at}.up_to", positive=True)
                if "up_to" in item and up_to <= previous and up_to > 0:
                    self.problem(
                        f"{at}.up_to",
                        f"bands must be in order: {up_to} is not above the band before ({previous})",
                    )
                previous = max(previous, up_to)
            bands.append(Band(name, rate, up_to))
        return tuple(bands)


def _shown(value: Any) -> str:
    """A value in a message, short and without control characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def iter_bands(bands: tuple[Band, ...]) -> Iterator[tuple[Decimal, Decimal | None, Band]]:
    """Each band with where it starts and ends on taxable income."""
    start = ZERO
    for band in bands:
        yield start, band.up_to, band
        if band.up_to is not None:
            start = band.up_to
