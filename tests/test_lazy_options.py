"""Options whose checking is deferred still check a value given (rolecompare.lazy_options)."""

from __future__ import annotations

import pytest

from .conftest import Invoke


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["rates", "--days", "0"], "--days"),
        (["rates", "--days", "many"], "--days"),
        (["--width", "5", "rates"], "--width"),
        (["rates", "--width", "x"], "--width"),
    ],
)
def test_a_value_given_is_still_checked(invoke: Invoke, args: list[str], says: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert says in result.output


def test_options_not_given_keep_their_defaults(invoke: Invoke) -> None:
    """No --role is every role, no --days the data's default: as before the deferral."""
    import json

    result = invoke(["rates", "-f", "json"])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert [role["id"] for role in document["roles"]] == ["pmo", "pm"]
    assert document["billable_days"] == document["billable_days_default"]


def test_a_plain_text_option_reaches_the_command(invoke: Invoke) -> None:
    """``--expenses`` is a plain ``str`` option, passed on without Typer's adapter."""
    cheap = invoke(["pay", "--rate", "500", "-f", "json", "--expenses", "0"])
    dear = invoke(["pay", "--rate", "500", "-f", "json", "--expenses", "20000"])
    bad = invoke(["pay", "--rate", "500", "--expenses", "lots"])
    assert cheap.exit_code == dear.exit_code == 0
    assert cheap.output != dear.output
    assert bad.exit_code == 2
    assert "--expenses" in bad.output
