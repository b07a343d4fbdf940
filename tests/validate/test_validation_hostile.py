"""Class 10, validation gaps: ids match their pattern exactly, numbers have sane upper bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolecompare.core import loader
from rolecompare.core.errors import DataError

from ..conftest import Invoke
from ..helpers import flat, variant


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("[roles.pm]", '[roles."pm\\n"]', "roles.pm"),
        ("[dimensions.focus-area]", '[dimensions."focus-area\\n"]', "dimensions.focus-area"),
        (
            "[similarities.collaboration]",
            '[similarities."collaboration\\n"]',
            "similarities.collaboration",
        ),
    ],
)
def test_an_id_with_a_trailing_newline_is_rejected(
    invoke: Invoke, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = (Path(__file__).parents[2] / "data" / "roles.toml").read_text(encoding="utf-8")
    # Every table below the renamed one must follow it, so rename them all.
    key = old.strip("[]")
    path = tmp_path / "roles.toml"
    path.write_text(text.replace(f"[{key}.", f"[{new.strip('[]')}.").replace(old, new), "utf-8")
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    shown = flat(result.stdout)
    assert f"{problem}\\x0a: ids use lowercase letters, digits and hyphens" in shown
    assert f"{problem}\\x0a: contains a line break or tab" in shown


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("min = 400", "min = 400000000000000000000", "roles.pmo.rates.min"),
        ("max = 700", "max = 9223372036854775807", "roles.pm.rates.max"),
        ("max = 600", "max = 10000001", "roles.pmo.rates.max"),
        (
            "seconds_per_statement = 8",
            "seconds_per_statement = " + "9" * 400,
            "seconds_per_statement",
        ),
    ],
)
def test_numbers_have_a_sane_upper_bound(
    invoke: Invoke, tmp_path: Path, old: str, new: str, where: str
) -> None:
    path = variant(tmp_path, (old, new))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    assert any(
        where in detail and "less than or equal" in detail for detail in caught.value.details
    )
    for args in (
        ["validate", str(path)],
        ["--data", str(path), "rates"],
        ["--data", str(path), "quiz", "--questions"],
    ):
        result = invoke(args)
        assert result.exit_code == 1
        assert "Traceback" not in result.stderr


def test_a_huge_statement_weight_is_rejected(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, ('keyed = "pmo"\n', 'keyed = "pmo"\nweight = ' + "9" * 400 + "\n"))
    result = invoke(["--data", str(path), "quiz", "--answers", "5" * 16])
    assert result.exit_code == 1
    assert "weight: should be less than or equal to 100" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("published = 2025-06-03", "published = 0001-01-01", "sources.article.published"),
    ],
)
def test_dates_out_of_any_sane_range_are_rejected(
    invoke: Invoke, tmp_path: Path, old: str, new: str, where: str
) -> None:
    path = variant(tmp_path, (old, new))
    result = invoke(["validate", str(path)])
    assert result.exit_code == 1
    assert where in flat(result.stdout)
