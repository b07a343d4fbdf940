"""A line break or tab in a data file's text never forges a line of output.

Every field of both data files is drawn as one line (a table cell, a Markdown bullet or heading,
a CSV cell, an SVG line), so the loader shows a line break as ``\\x0a`` and a tab as ``\\x09``
(:func:`rolecompare.core.untrusted.one_line`), and ``validate`` names each such field. Each
hostile value below ends its real text with ``\\n#FORGED\\tX``: raw, that would start a line (or
a Markdown heading, or a CSV row) of its own reading ``#FORGED``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rolecompare.core import loader, taxdata
from rolecompare.core.untrusted import BREAKS

from ..conftest import REAL_DATA, REPO, Invoke
from ..helpers import flat, raw_controls

FORGED = "\\n#FORGED\\tX"
"""What each hostile value ends with, as a TOML escape: a line break, a marker, a tab."""
SHOWN = "\\x0a#FORGED\\x09X"
"""How it must be shown: escaped, on the field's own line."""

ROLE_FIELDS = {
    'name = "PMO"': "roles.pmo.name",
    'tagline = "Hands-on delivery of individual projects."': "roles.pm.tagline",
    'market = "UK tech contracts"': "roles.pmo.rates.market",
    'title = "Primary focus"': "dimensions.primary-focus.title",
    'summary = "A project\'s whole life, from start to finish."': (
        "dimensions.primary-focus.roles.pm.summary"
    ),
    'title = "Collaboration"': "similarities.collaboration.title",
    'title = "PMO vs Project Manager: Key Similarities & Differences"': "sources.article.title",
    'publisher = "Find Contract Jobs"': "sources.article.publisher",
    'text = "Design a project-management method for many teams to use."': (
        "quiz.statements[0].text"
    ),
}
"""A line of ``roles.toml`` to make hostile -> the key path validate must name."""

TAX_FIELDS = {
    'name = "Plan 2"': "years.2026-27.student_loans.plans.plan2.name",
    '{ name = "higher", rate = 0.40': "years.2026-27.income_tax.bands.rest-of-uk[1].name",
    '{ name = "higher", rate = 0.3575': "years.2026-27.dividends.bands[1].name",
    'name = "England, Wales and Northern Ireland"': "regions.rest-of-uk.name",
    'title = "Rates and thresholds for employers 2026 to 2027"': (
        "sources.hmrc-employers-2026-27.title"
    ),
    'publisher = "HM Revenue & Customs, GOV.UK"': "sources.hmrc-employers-2026-27.publisher",
    'url = "https://www.gov.uk/income-tax-rates"': "sources.hmrc-income-tax.url",
}
"""The same for ``uk-tax.toml``; each line is made hostile wherever it occurs (every year)."""


def hostile(source: Path, target: Path, fields: dict[str, str]) -> Path:
    """``source`` with each line of ``fields`` ending its string in :data:`FORGED`."""
    text = source.read_text(encoding="utf-8")
    for line in fields:
        assert line in text, f"{line!r} is no longer in {source}; update the test"
        end = line.rindex('"')
        text = text.replace(line, line[:end] + FORGED + line[end:])
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("one-line")
    return (
        hostile(REAL_DATA, folder / "roles.toml", ROLE_FIELDS),
        hostile(REPO / "data" / "uk-tax.toml", folder / "uk-tax.toml", TAX_FIELDS),
    )


def one_line_each(text: str, *, shown: bool = True) -> None:
    """No raw control, no tab, no line started by what followed a line break in a field; and,
    with ``shown``, the hostile text is there, escaped, so the check cannot pass on nothing."""
    assert raw_controls(text) == set(), repr(text)
    assert "\t" not in text, repr(text)
    # Markdown writes the escape's backslash and the # escaped: \\x0a\#FORGED.
    forged = [line for line in text.splitlines() if re.search(r"(?<!x0a)(?<!x0a\\)#FORGED", line)]
    assert forged == [], forged
    if shown:
        assert "#FORGED" in text


def test_the_loader_keeps_each_field_on_one_line(files: tuple[Path, Path]) -> None:
    roles, tax = files
    data = loader.load_checked(roles)[0]
    assert data.roles["pmo"].name == f"PMO{SHOWN}"
    assert data.dimensions["primary-focus"].title == f"Primary focus{SHOWN}"
    figures = taxdata.TAX.load_checked(tax)[0]
    assert figures.years["2026-27"].student_loans is not None
    assert figures.years["2026-27"].student_loans.plans["plan2"].name == f"Plan 2{SHOWN}"
    assert figures.regions["rest-of-uk"].name == f"England, Wales and Northern Ireland{SHOWN}"


def test_a_break_at_either_end_is_only_whitespace(tmp_path: Path) -> None:
    """The schema strips a value's ends (a TOML multi-line string ends in a newline), so only
    a break inside the text is a problem."""
    path = tmp_path / "roles.toml"
    text = REAL_DATA.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "PMO"', 'name = """\nPMO\n"""', 1), encoding="utf-8")
    data, hygiene = loader.load_checked(path)
    assert data.roles["pmo"].name == "PMO"
    assert hygiene == ()


@pytest.mark.parametrize("fmt", ["table", "text", "json"])
def test_validate_names_every_field(invoke: Invoke, files: tuple[Path, Path], fmt: str) -> None:
    roles, tax = files
    result = invoke(["validate", str(roles), "--tax-data", str(tax), "-f", fmt], width=400)
    assert result.exit_code == 1
    one_line_each(result.stdout, shown=False)
    if fmt == "json":
        report = json.loads(result.stdout)
        problems = [*report["problems"], *report["tax"]["problems"]]
        for where in [*ROLE_FIELDS.values(), *TAX_FIELDS.values()]:
            assert f"{where}: {BREAKS}" in problems, where
    else:  # the report wraps long problems: compare with the words joined again
        for where in [*ROLE_FIELDS.values(), *TAX_FIELDS.values()]:
            assert f"- {where}: {BREAKS}" in flat(result.stdout), where


def test_validate_calls_the_tax_figures_invalid(invoke: Invoke, files: tuple[Path, Path]) -> None:
    result = invoke(["validate", "--tax-data", str(files[1])], width=400)
    assert result.exit_code == 1
    assert "Invalid tax figures" in result.stdout


FORMATS = ["table", "text", "markdown", "json", "csv"]
COMMANDS = {
    "show": ["show"],
    "rates": ["rates"],
    "pay": ["pay", "--rate", "575", "--student-loan", "plan2", "--breakdown"],
    "pay-dividends": ["pay", "--rate", "575", "--breakdown", "--draw", "all"],
    "roles": ["roles"],
}


def quiz_answers(roles: Path) -> str:
    data = loader.load(roles)
    return "".join("5" if s.keyed == "pmo" else "1" for s in data.quiz.statements)


def command(name: str, files: tuple[Path, Path]) -> list[str]:
    roles, tax = files
    if name == "quiz":
        args = ["quiz", "--answers", quiz_answers(roles), "--no-history", "--details"]
    else:
        args = COMMANDS[name]
    return (
        ["--data", str(roles), *args, "--tax-data", str(tax)]
        if "pay" in name
        else [
            "--data",
            str(roles),
            *args,
        ]
    )


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        (name, fmt)
        for name in [*COMMANDS, "quiz"]
        for fmt in FORMATS
        if fmt != "csv" or name in ("rates", "pay", "pay-dividends")  # where csv is offered
    ],
)
def test_every_command_and_format(
    invoke: Invoke, files: tuple[Path, Path], name: str, fmt: str
) -> None:
    result = invoke([*command(name, files), "-f", fmt], width=400)
    assert result.exit_code == 0, result.stderr
    # pay's CSV holds figures only, no text from either file
    one_line_each(result.stdout, shown=not (name.startswith("pay") and fmt == "csv"))
    assert raw_controls(result.stderr) == set()


@pytest.mark.parametrize("suffix", [".md", ".html", ".svg", ".txt"])
@pytest.mark.parametrize("name", ["show", "rates", "pay", "pay-dividends", "quiz"])
def test_every_export(
    invoke: Invoke, files: tuple[Path, Path], tmp_path: Path, name: str, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    result = invoke([*command(name, files), "--export", str(target)], width=400)
    assert result.exit_code == 0, result.stderr
    one_line_each(target.read_text(encoding="utf-8"))
