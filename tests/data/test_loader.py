"""The loader: the real data file, every kind of bad file, and where the built-in file is found."""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from rolecompare.core import loader
from rolecompare.core.errors import DataError

from ..conftest import REAL_DATA, THREE_ROLES
from ..helpers import DIMENSION_IDS, real_text, variant


def load_error(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        loader.load(path)
    return caught.value


def problems(path: Path) -> list[str]:
    """Every problem the loader lists for ``path``; the summary names the file and the count."""
    error = load_error(path)
    count = len(error.details)
    assert error.message == f"{path}: {count} problem{'' if count == 1 else 's'} in the data file"
    return list(error.details)


# ---------------------------------------------------------------- the real file


def test_real_file_has_both_roles_in_order() -> None:
    data = loader.load(REAL_DATA)
    assert list(data.roles) == ["pmo", "pm"]
    assert data.roles["pmo"].name == "PMO"
    assert data.roles["pm"].name == "Project Manager"
    assert "project-management-office" in data.roles["pmo"].aliases
    assert "project-manager" in data.roles["pm"].aliases


def test_real_file_has_the_articles_dimensions_in_order() -> None:
    data = loader.load(REAL_DATA)
    assert list(data.dimensions) == DIMENSION_IDS
    for dim in data.dimensions.values():
        assert set(dim.roles) == {"pmo", "pm"}
        assert all(text.summary and text.points for text in dim.roles.values())


def test_real_file_rates() -> None:
    data = loader.load(REAL_DATA)
    pmo, pm = data.roles["pmo"].rates, data.roles["pm"].rates
    assert (pmo.min, pmo.max, pmo.currency, pmo.per, pmo.year) == (400, 600, "GBP", "day", 2025)
    assert (pm.min, pm.max, pm.currency, pm.per, pm.year) == (450, 700, "GBP", "day", 2025)
    assert pmo.midpoint == 500
    assert pm.midpoint == 575
    assert data.rates.billable_days == 220


def test_real_file_source() -> None:
    source = loader.load(REAL_DATA).primary_source
    assert source.title == "PMO vs Project Manager: Key Similarities & Differences"
    assert source.publisher == "Find Contract Jobs"
    assert source.published == dt.date(2025, 6, 3)
    assert source.citation() == (
        '"PMO vs Project Manager: Key Similarities & Differences", Find Contract Jobs, 3 June 2025'
    )


def test_models_are_immutable() -> None:
    data = loader.load(REAL_DATA)
    with pytest.raises(FrozenInstanceError):
        data.roles["pmo"].rates.min = 1  # type: ignore[misc]


def test_three_role_fixture_loads() -> None:
    data = loader.load(THREE_ROLES)
    assert list(data.roles) == ["pmo", "pm", "scrum"]
    assert list(data.dimensions) == ["focus", "tools"]


# ---------------------------------------------------------------- syntax and schema


def test_toml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    line = real_text().splitlines().index('name = "PMO"') + 1
    path = variant(tmp_path, ('name = "PMO"', "name PMO"))
    error = load_error(path)
    assert error.message.startswith(f"{path}: invalid TOML: ")
    assert f"line {line}, column" in error.message
    assert error.details == ()


def test_unterminated_string_reports_its_line(tmp_path: Path) -> None:
    line = real_text().splitlines().index('name = "Project Manager"') + 1
    path = variant(tmp_path, ('name = "Project Manager"', 'name = "Project Manager'))
    assert f"(at line {line}, column" in load_error(path).message


def test_wrong_type_names_the_key_path_and_the_value(tmp_path: Path) -> None:
    path = variant(tmp_path, ("min = 400", 'min = "four hundred"'))
    [problem] = problems(path)
    assert problem.startswith("roles.pmo.rates.min: ")
    assert "valid integer" in problem
    assert "'four hundred'" in problem


def test_every_missing_key_is_listed(tmp_path: Path) -> None:
    path = variant(tmp_path, ("[roles.pm.rates]\nmin = 450\nmax = 700\n", "[roles.pm.rates]\n"))
    found = problems(path)
    assert "roles.pm.rates.min: required key is missing" in found
    assert "roles.pm.rates.max: required key is missing" in found


def test_missing_key_names_its_path(tmp_path: Path) -> None:
    path = variant(tmp_path, ('name = "PMO"\n', ""))
    assert problems(path) == ["roles.pmo.name: required key is missing"]


def test_missing_summary_in_a_dimension(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ('summary = "Authority over the decisions specific to the project."\n', ""),
    )
    assert problems(path) == [
        "dimensions.decision-making.roles.pm.summary: required key is missing"
    ]


def test_misspelt_key_is_reported_as_unknown(tmp_path: Path) -> None:
    path = variant(tmp_path, ('tagline = "Oversees how', 'tagLine = "Oversees how'))
    [problem] = problems(path)
    assert problem.startswith("roles.pmo.tagLine: unknown key")


def test_min_above_max(tmp_path: Path) -> None:
    path = variant(tmp_path, ("min = 400", "min = 700"))
    assert problems(path) == ["roles.pmo.rates.max: must be >= min (700)"]


def test_rates_must_be_positive(tmp_path: Path) -> None:
    path = variant(tmp_path, ("min = 450", "min = 0"))
    [problem] = problems(path)
    assert problem.startswith("roles.pm.rates.min: should be greater than 0")


# ---------------------------------------------------------------- cross-references


def test_statement_keyed_to_an_unknown_role(tmp_path: Path) -> None:
    path = variant(tmp_path, ('keyed = "pmo"', 'keyed = "cto"'))
    assert problems(path) == [
        "quiz.statements[0].keyed: unknown role 'cto' in statement q01 (known: pmo, pm)"
    ]


def test_statement_tagged_with_an_unknown_dimension(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ('id = "q01"\ndimension = "decision-making"', 'id = "q01"\ndimension = "focus"')
    )
    [problem] = problems(path)
    assert problem.startswith(
        "quiz.statements[0].dimension: unknown dimension 'focus' in statement q01 (known: "
    )
    assert "decision-making" in problem


def test_dimension_missing_a_roles_text(tmp_path: Path) -> None:
    text = real_text()
    header = "[dimensions.decision-making.roles.pm]\n"
    start = text.index(header)
    block = text[start : text.index("\n[", start) + 1]
    path = variant(tmp_path, (block, ""))
    assert problems(path) == [
        "dimensions.decision-making.roles.pm: missing; every role needs a text here"
    ]


def test_dimension_text_for_an_unknown_role(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ("[dimensions.focus-area.roles.pm]", "[dimensions.focus-area.roles.pn]")
    )
    assert problems(path) == [
        "dimensions.focus-area.roles.pm: missing; every role needs a text here",
        "dimensions.focus-area.roles.pn: unknown role (known: pmo, pm)",
    ]


def test_unknown_source_id(tmp_path: Path) -> None:
    path = variant(
        tmp_path, ('as_of = 2025-06-03\nsource = "article"', 'as_of = 2025-06-03\nsource = "blog"')
    )
    assert problems(path) == [
        "roles.pmo.rates.source: unknown source 'blog' "
        "(known: article, pmbok, certifications, calculators, ir35, report-on-jobs, editorial)"
    ]


def test_unknown_primary_source(tmp_path: Path) -> None:
    path = variant(tmp_path, ('source = "article"  #', 'source = "articel"  #'))
    [problem] = problems(path)
    assert problem.startswith("source: unknown source 'articel' (known: article, ")


@pytest.mark.parametrize("alias", ["pmo-analyst", "PMO-Analyst", "pmo", "PMO"])
def test_alias_naming_another_role(tmp_path: Path, alias: str) -> None:
    path = variant(tmp_path, ('"proj-manager"]', f'"proj-manager", "{alias}"]'))
    assert problems(path) == [
        f"roles.pm.aliases: '{alias}' already names role 'pmo'; each name must point to one role"
    ]


def test_alias_equal_to_another_roles_name(tmp_path: Path) -> None:
    # `--role "Project Manager"` must not quietly pick the PMO.
    path = variant(tmp_path, ('"pmo-analyst"]', '"pmo-analyst", "project manager"]'))
    assert problems(path) == [
        "roles.pmo.aliases: 'project manager' already names role 'pm'; "
        "each name must point to one role"
    ]


def test_two_roles_with_one_name(tmp_path: Path) -> None:
    path = variant(tmp_path, ('name = "Project Manager"', 'name = "pmo"'))
    assert problems(path) == [
        "roles.pm.name: 'pmo' already names role 'pmo'; each name must point to one role"
    ]


def test_bad_id(tmp_path: Path) -> None:
    path = variant(tmp_path, ("[similarities.collaboration]", "[similarities.Collaboration]"))
    [problem] = problems(path)
    assert problem.startswith("similarities.Collaboration: ids use lowercase letters")


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("min = 400", "min = 700"),
        ('keyed = "pmo"', 'keyed = "cto"'),
        ('"proj-manager"]', '"proj-manager", "pmo-analyst"]'),
    )
    found = problems(path)
    assert len(found) == 3
    assert "roles.pmo.rates.max: must be >= min (700)" in found
    assert any(p.startswith("roles.pm.aliases: 'pmo-analyst'") for p in found)
    assert any(p.startswith("quiz.statements[0].keyed") for p in found)


# ---------------------------------------------------------------- files that are not TOML


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(b"")
    assert load_error(path).message == (
        f"{path}: the file is empty; expected a rolecompare TOML data file"
    )


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.toml"
    path.write_text("  \n\t\n\n", encoding="utf-8")
    assert "the file is empty" in load_error(path).message


def test_comments_only_file_lists_the_missing_keys(tmp_path: Path) -> None:
    path = tmp_path / "comments.toml"
    path.write_text("# nothing here yet\n", encoding="utf-8")
    found = problems(path)
    for key in ("format", "source"):
        assert f"{key}: required key is missing" in found
    for key in ("sources", "roles", "dimensions", "rates", "quiz"):
        assert f"{key}: required table is missing" in found


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "roles.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert load_error(path).message == (
        f"{path}: looks like a binary file; expected a UTF-8 TOML text file"
    )


def test_non_utf8_file_names_the_first_bad_byte(tmp_path: Path) -> None:
    blob = real_text().encode(
        "latin-1", errors="replace"
    )  # the pound signs become the single byte 0xA3
    path = tmp_path / "latin1.toml"
    path.write_bytes(blob)
    first_bad = blob.index(b"\xa3")
    message = load_error(path).message
    assert message == f"{path}: not valid UTF-8 (byte {first_bad}); save the file as UTF-8"


def test_utf8_with_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + REAL_DATA.read_bytes())
    assert list(loader.load(path).roles) == ["pmo", "pm"]


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    message = load_error(path).message
    assert message.startswith(f"{path}: no such file")


def test_directory_path(tmp_path: Path) -> None:
    message = load_error(tmp_path).message
    assert message == f"{tmp_path}: is a directory; give the path of a .toml file"


# ---------------------------------------------------------------- finding the data file


def test_builtin_path_is_inside_the_package() -> None:
    """Read through importlib.resources: the one copy, in the package's data folder."""
    import rolecompare

    package = Path(rolecompare.__file__).parent
    assert loader.ROLES.builtin() == package / "data" / "roles.toml"
    assert loader.ROLES.builtin().read_bytes() == REAL_DATA.read_bytes()


def test_the_repository_path_is_a_link_to_the_package_copy() -> None:
    """``data/roles.toml`` stays the path the README and the design card name, with one source."""
    assert REAL_DATA.is_symlink()
    assert REAL_DATA.resolve() == loader.ROLES.builtin().resolve()


def test_builtin_path_missing() -> None:
    gone = replace(loader.ROLES, file_name="no-such-roles.toml")
    with pytest.raises(DataError) as caught:
        gone.builtin()
    message = caught.value.message
    assert message.startswith("the built-in data file is missing (looked in ")
    assert str(loader.builtin_file("no-such-roles.toml")) in message
    assert message.endswith("; reinstall rolecompare or pass --data PATH")


def test_resolve_prefers_the_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ROLECOMPARE_DATA", str(tmp_path / "env.toml"))
    assert loader.resolve_data_path(tmp_path / "opt.toml") == tmp_path / "opt.toml"


def test_resolve_uses_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ROLECOMPARE_DATA", str(tmp_path / "env.toml"))
    assert loader.resolve_data_path(None) == tmp_path / "env.toml"


def test_resolve_falls_back_to_the_builtin_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLECOMPARE_DATA", "")
    assert loader.resolve_data_path(None) == loader.ROLES.builtin()
    monkeypatch.delenv("ROLECOMPARE_DATA")
    assert loader.resolve_data_path(None) == loader.ROLES.builtin()


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("min = 400", 'min = "400"', "roles.pmo.rates.min"),
        ("year = 2025\nas_of", "year = 2025.0\nas_of", "roles.pmo.rates.year"),
        ("billable_days = 220", "billable_days = true", "rates.billable_days"),
    ],
)
def test_numbers_must_be_written_as_integers(tmp_path: Path, old: str, new: str, path: str) -> None:
    with pytest.raises(DataError) as caught:
        loader.load(variant(tmp_path, (old, new)))
    assert any(detail.startswith(f"{path}: ") for detail in caught.value.details), (
        caught.value.details
    )


def test_every_role_must_share_one_currency(tmp_path: Path) -> None:
    path = variant(tmp_path, ('max = 700\ncurrency = "GBP"', 'max = 700\ncurrency = "USD"'))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    assert caught.value.details == (
        "roles.pm.rates.currency: 'USD' differs from 'GBP' (pmo); "
        "rates are compared on one axis, so use one currency",
    )


def test_rates_are_per_day(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        loader.load(
            variant(tmp_path, ('currency = "GBP"\nper = "day"', 'currency = "GBP"\nper = "hour"'))
        )
    assert caught.value.details[0].startswith("roles.pmo.rates.per: should be 'day'")


def test_too_few_roles_is_said_plainly(tmp_path: Path) -> None:
    text = real_text()
    start, end = text.index("[roles.pm]"), text.index("# ----", text.index("[roles.pm]"))
    path = tmp_path / "one-role.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        loader.load(path)
    assert "roles: needs at least 2 entries" in caught.value.details


@pytest.mark.parametrize(
    ("key", "value", "shown"), [("rates", '"x"', "'x'"), ("context", "5", "5")]
)
def test_a_value_where_a_table_belongs_is_named(
    tmp_path: Path, key: str, value: str, shown: str
) -> None:
    text = REAL_DATA.read_text(encoding="utf-8")
    assert f"\n[{key}]\n" in text
    path = tmp_path / "roles.toml"
    # The plain value goes first, outside every table; the real table is renamed away.
    path.write_text(f"{key} = {value}\n" + text.replace(f"\n[{key}]\n", f"\n[{key}-x]\n", 1))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    assert f"{key}: should be a table (got {shown})" in caught.value.details
