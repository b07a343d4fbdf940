"""Content a careful reader can trust: rules that hold the data and every screen to the sources.

One source for every figure (day rates come from ``[roles.*.rates]`` only, and are dated), no
certification list that contradicts the article, a source for every block of points, the
article's market claims shown as its claims, and the IR35 and 220-day facts as corrected.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rolecompare.commands.show import shared_label
from rolecompare.core import loader
from rolecompare.core.errors import DataError
from rolecompare.core.models import Rates, Role, expand
from rolecompare.core.text import placeholders

from ..conftest import REAL_DATA, THREE_ROLES, Invoke
from ..helpers import flat, mixed_answers, real_text, variant

BOTH_ANSWERS = mixed_answers("45")
"""Answers that like both roles, so the quiz's next steps cover both."""

MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)(m|k)?")


def amounts(text: str) -> set[float]:
    """Every £ figure in ``text``, as a number (``£7.5m`` is 7,500,000)."""
    scale = {"m": 1_000_000, "k": 1_000, None: 1}
    return {float(m.group(1).replace(",", "")) * scale[m.group(2)] for m in MONEY.finditer(text)}


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON document or parsed TOML, keys left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def outputs(invoke: Invoke, *args: str) -> dict[str, str]:
    """One command in every format, and stacked at 40 columns."""
    found = {}
    for fmt in ("table", "markdown", "json"):
        result = invoke([*args, "--format", fmt])
        assert result.exit_code == 0, result.stderr
        found[fmt] = result.stdout
    found["narrow"] = invoke([*args], width=40).stdout
    return found


def real() -> dict[str, Any]:
    return tomllib.loads(real_text())


# ---------------------------------------------------------------- one source for every figure


RATE_BOUNDS = {400.0, 600.0, 450.0, 700.0}


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "narrow"])
def test_every_figure_in_show_is_a_day_rate_from_the_rates(invoke: Invoke, fmt: str) -> None:
    out = outputs(invoke, "show")[fmt]
    assert amounts(out) <= RATE_BOUNDS
    assert {400.0, 600.0, 450.0, 700.0} <= amounts(out)


MOVED = (
    ("min = 400", "min = 410"),
    ("max = 600", "max = 615"),
    ("min = 450", "min = 455"),
    ("max = 700", "max = 725"),
)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "narrow"])
def test_changing_the_rates_changes_show(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    path = variant(tmp_path, *MOVED)
    out = outputs(invoke, "--data", str(path), "show")[fmt]
    assert amounts(out) == {410.0, 615.0, 455.0, 725.0}
    assert "£410–£615" in out and "£455–£725" in out


def test_changing_the_rates_changes_the_quiz_next_steps(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, *MOVED)
    answers = ["--answers", BOTH_ANSWERS, "--no-history", "--details"]
    for args in ([], ["--format", "markdown"]):
        out = flat(invoke(["--data", str(path), "quiz", *answers, *args]).stdout)
        assert not amounts(out) & RATE_BOUNDS


def test_changing_the_rates_changes_the_rates_table(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(tmp_path, *MOVED)
    out = invoke(["--data", str(path), "rates", "--format", "markdown"]).stdout
    assert "£410–£615" in out and "£455–£725" in out
    assert not amounts(out) & RATE_BOUNDS


def test_no_day_rate_is_written_by_hand_in_the_data() -> None:
    """Figures outside ``[roles.*.rates]`` are only the further facts' own (tax thresholds)."""
    data = real()
    rest = {key: value for key, value in data.items() if key not in ("facts", "roles")}
    rest["roles"] = {
        role_id: {key: value for key, value in role.items() if key != "rates"}
        for role_id, role in data["roles"].items()
    }
    assert not [text for text in strings(rest) if "£" in text]
    for fact in data["facts"]:
        assert fact["source"] != data["source"]
        assert not amounts(" ".join(fact["points"])) & RATE_BOUNDS


def test_ranges_are_written_one_way() -> None:
    for text in strings(real()):
        assert not re.search(r"£\d[\d,]*\s*(-|to)\s*£?\d", text), text
        assert not re.search(r"\d-\d{2,3}\b(?!-)", text.replace("2026–27", "")), text


def test_a_figure_that_disagrees_with_the_rates_is_refused(tmp_path: Path) -> None:
    path = variant(tmp_path, ("{rates} a day for UK PMO", "£450–£650 a day for UK PMO"))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    details = caught.value.details
    assert [detail.split(" does not")[0] for detail in details] == [
        "dimensions.salary-and-job-outlook.roles.pmo.summary: '£450'",
        "dimensions.salary-and-job-outlook.roles.pmo.summary: '£650'",
    ]
    assert all("match roles.pmo.rates (£400–£600); write {rates}" in d for d in details)


def test_a_figure_that_agrees_with_the_rates_is_accepted(tmp_path: Path) -> None:
    path = variant(tmp_path, ("{rates} a day for UK PMO", "£400–£600 a day for UK PMO"))
    assert loader.load(path).roles["pmo"].rates.min == 400


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{rates} a day for UK PMO",
            "{rate} a day for UK PMO",
            "dimensions.salary-and-job-outlook.roles.pmo.summary: unknown placeholder {rate}",
        ),
        (
            '"Day rates are competitive',
            '"{rates} Day rates are competitive',
            "dimensions.salary-and-job-outlook.shared[0]: placeholder {rates} needs a role",
        ),
    ],
)
def test_placeholders_are_checked(tmp_path: Path, old: str, new: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        loader.load(variant(tmp_path, (old, new)))
    [detail] = caught.value.details
    assert detail.startswith(expected)


def test_a_users_file_can_use_the_placeholder(invoke: Invoke, tmp_path: Path) -> None:
    text = THREE_ROLES.read_text(encoding="utf-8")
    old = 'summary = "One team\'s way of working."'
    assert old in text
    path = tmp_path / "mine.toml"
    path.write_text(text.replace(old, 'summary = "{rates} a day; {{braces}} stay."'), "utf-8")
    out = invoke(["--data", str(path), "show", "-d", "focus", "-f", "markdown"]).stdout
    assert "**£500–£800 a day; {braces} stay.**" in out
    assert "_Day rates: UK tech contracts, 2025._" in out


def test_expand_and_placeholders() -> None:
    rates = Rates(min=1, max=2, currency="EUR", market="m", year=2025, source="s")
    role = Role(id="r", name="R", rates=rates)
    assert expand("{rates}, {{x}} and }}", role) == "€1–€2, {x} and }"
    assert list(placeholders("{a} {{b}} {c}")) == ["a", "c"]


# ---------------------------------------------------------------- every figure shows its age


def test_show_dates_the_rates(invoke: Invoke) -> None:
    out = flat(invoke(["show", "-d", "salary"]).stdout)
    assert (
        "Day rates: UK tech contracts, June 2025, 17 months ago; current rates may differ." in out
    )


def test_recent_rates_give_only_their_date(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rolecompare.core.rates.today", lambda: dt.date(2025, 12, 1))
    out = flat(invoke(["show", "-d", "salary"]).stdout)
    assert "Day rates: UK tech contracts, June 2025." in out
    assert "ago" not in out
    rates = flat(invoke(["rates"]).stdout)
    assert "UK tech contracts, June 2025. Figures are gross" in rates


def test_the_date_comes_from_the_data(invoke: Invoke, tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        ("as_of = 2025-06-03", "as_of = 2024-03-01"),
        ("year = 2025\nas_of", "year = 2024\nas_of"),
    )
    doc = json.loads(invoke(["--data", str(path), "rates", "-f", "json", "-r", "pmo"]).stdout)
    [role] = doc["roles"]
    assert role["as_of"] == "2024-03-01"
    assert role["dated"] == "March 2024, 2 years ago; current rates may differ"


def test_as_of_must_fall_in_the_year(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        loader.load(variant(tmp_path, ("as_of = 2025-06-03", "as_of = 2024-06-03")))
    assert caught.value.details == (
        "roles.pmo.rates.as_of: 2024-06-03 is not in year 2025; make year and as_of agree",
    )


def test_the_quiz_next_steps_date_the_rate(invoke: Invoke) -> None:
    out = flat(invoke(["quiz", "--answers", BOTH_ANSWERS, "--no-history", "--details"]).stdout)
    assert "(UK tech contracts, June 2025, 17 months ago; current rates may differ)" in out


# ---------------------------------------------------------------- certifications and the article


def cert_facts(doc: dict[str, Any]) -> dict[str, str]:
    [fact] = [f for f in doc["facts"] if f["topic"] == "Certifications by path"]
    return {point.split(":", 1)[0]: point for point in fact["points"]}


@pytest.fixture
def doc(invoke: Invoke) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(invoke(["show", "--format", "json"]).stdout)
    return loaded


def test_the_pmo_path_lists_what_the_article_says_is_common(doc: dict[str, Any]) -> None:
    pmo = cert_facts(doc)["PMO"]
    for name in ("P3O", "PMI-PMOCP", "PRINCE2", "PMP", "agile ways of working"):
        assert name in pmo
    steps = " ".join(doc["roles"][0]["next_steps"]["certifications"])
    for name in ("P3O", "PMI-PMOCP", "PRINCE2", "PMP", "MSP"):
        assert name in steps


def test_msp_is_a_next_step_for_both_paths(doc: dict[str, Any]) -> None:
    assert "both" in cert_facts(doc)["Programme level, a common next step for both paths"]
    for role in doc["roles"]:
        assert any("MSP" in c for c in role["next_steps"]["certifications"]), role["id"]


def test_entry_level_options(doc: dict[str, Any]) -> None:
    entry = cert_facts(doc)["Starting out, no experience needed"]
    for name in ("CAPM", "APM PFQ", "PRINCE2 Foundation", "P3O Foundation"):
        assert name in entry


def test_scrum_certifications_are_called_agile_not_project_management(invoke: Invoke) -> None:
    texts = [
        *strings(json.loads(invoke(["show", "--format", "json"]).stdout)),
        *flat(
            invoke(["quiz", "--answers", BOTH_ANSWERS, "--no-history", "--details"]).stdout
        ).split("•"),
    ]
    mentions = [t for t in texts if re.search(r"\b(PSM|CSM)\b", t) and "(PSM)" not in t]
    assert mentions
    for text in mentions:
        assert re.search(r"agile|Scrum Master", text, re.IGNORECASE), text
        assert not re.search(r"project[- ]management certification", text, re.IGNORECASE)


def test_agile_is_never_named_as_a_certification() -> None:
    for text in strings(real()):
        for match in re.finditer(r"\bagile\b", text, re.IGNORECASE):
            after = text[match.end() : match.end() + 40].lower()
            listed = re.search(r"certif\w*\s+(such as|like)\s+[^.;:]*$", text[: match.start()])
            if listed:
                assert after.startswith((" ways of working", " (scrum master)", " delivery")), text


def test_prerequisites_are_stated_only_where_checked() -> None:
    """PMP (36 months leading projects with a degree, 60 without, 35 hours of education) and
    PMI-PMOCP, as PMI states them; no other body's prerequisites are claimed."""
    experience = r"\d+ (months|years) (of project|leading projects)"
    stated = [t for t in strings(real()) if re.search(experience, t)]
    assert stated
    for text in stated:
        for part in re.split(r"[;,] (?=[A-Z])", text):
            if re.search(experience, part):
                assert re.search(r"\bPMP\b|PMI-PMOCP", part), part
    pmp = [t for t in stated if "PMP (PMI;" in t]
    assert pmp
    for text in pmp:
        assert "36 months leading projects" in text and "four-year degree" in text, text
        assert "60 without" in text and "35 hours of project-management education" in text, text


def test_no_claim_about_unnamed_later_pmbok_editions() -> None:
    """The 8th edition (2025) brings processes back: only the 7th (2021) is principles-based."""
    for text in strings(real()):
        assert "later editions" not in text.casefold(), text
        if "principles" in text and "PMBOK" not in text:
            assert "7th edition (2021)" in text, text


def test_ir35_thresholds_are_worded_timelessly() -> None:
    """We are in or past 2026-27: no "will" about the small-company change."""
    ir35 = [t for t in strings(real()) if "£15m" in t]
    assert ir35
    for text in ir35:
        assert not re.search(r"\bwill\b", text), text
        assert "applies to IR35 from the 2026–27 tax year at the earliest" in text, text


# ---------------------------------------------------------------- a source for every block


def test_every_block_in_show_names_a_source_that_exists(doc: dict[str, Any]) -> None:
    sources = doc["sources"]
    refs = [d["source"] for d in doc["dimensions"]]
    refs += [f["source"] for d in doc["dimensions"] for f in d["facts"]]
    refs += [s["source"] for s in doc["similarities"]]
    refs += [doc["context"]["source"], *(f["source"] for f in doc["facts"])]
    for role in doc["roles"]:
        steps = role["next_steps"]
        refs += [role["source"], role["rates"]["source"], steps["source"]]
        refs += [steps["tools_source"], steps["practice_source"]]
        refs += [role["note_source"]] if role["note"] else []
    assert refs and all(ref in sources for ref in refs), refs


def test_next_step_advice_is_not_credited_to_the_certification_bodies() -> None:
    data = loader.load(REAL_DATA)
    tools_text = {
        role_id: " ".join(data.dimensions["tools-and-software"].roles[role_id].points)
        for role_id in data.roles
    }
    for role in data.roles.values():
        steps = role.next_steps
        assert steps.practice_source and steps.practice_source != steps.source
        assert data.sources[steps.practice_source].kind == "editorial"
        assert steps.tools_source == data.source
        for tool in steps.tools:  # credited to the article: the article names each one
            assert tool in tools_text[role.id], tool


def test_the_quiz_labels_each_group_with_its_source(invoke: Invoke) -> None:
    out = flat(invoke(["quiz", "--answers", BOTH_ANSWERS, "--no-history", "--details"]).stdout)
    assert "Practice (source: rolecompare's editors): " in out
    assert "RAID log (a register of risks, assumptions, issues and dependencies)" in out
    assert "Tools to learn (source: Find Contract Jobs): Microsoft Project, Jira, Primavera" in out


def test_an_unknown_block_source_is_refused(tmp_path: Path) -> None:
    path = variant(tmp_path, ('practice_source = "editorial"', 'practice_source = "blog"'))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    [detail] = caught.value.details
    assert detail.startswith("roles.pmo.next_steps.practice_source: unknown source 'blog'")


def test_a_fact_beside_an_unknown_dimension_is_refused(tmp_path: Path) -> None:
    path = variant(tmp_path, ('dimension = "salary-and-job-outlook"', 'dimension = "pay"'))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    [detail] = caught.value.details
    assert detail.startswith("facts[0].dimension: unknown dimension 'pay'")


# ---------------------------------------------------------------- claims, dates and facts


def test_market_claims_are_the_articles_with_its_date(doc: dict[str, Any]) -> None:
    [salary] = [d for d in doc["dimensions"] if d["id"] == "salary-and-job-outlook"]
    blocks = [(salary["shared"], ""), (doc["context"]["points"], doc["context"]["title"])]
    claims = 0
    for points, title in blocks:
        for point in points:
            if re.search(r"soaring|booming|lucrative", point, re.IGNORECASE):
                claims += 1
                assert re.search(r"\bthe article\b|^It calls", point, re.IGNORECASE), point
                assert "June 2025" in point or "June 2025" in title, point
    assert claims == 3
    [counter] = salary["facts"]
    assert counter["source"] == "report-on-jobs"
    assert "KPMG" in doc["sources"]["report-on-jobs"]["title"]
    assert "REC" in doc["sources"]["report-on-jobs"]["title"]
    assert any("fall" in point and "2025" in point for point in counter["points"])


def test_the_counterpoint_sits_beside_the_claim(invoke: Invoke) -> None:
    out = invoke(["show", "-d", "salary"]).stdout
    assert out.index("soaring") < out.index("KPMG and REC UK Report on Jobs")
    assert 'Source: "KPMG and REC, UK Report on Jobs' in out


def test_ir35_dates_and_figures(invoke: Invoke) -> None:
    for out in (
        flat(invoke(["rates"]).stdout),
        " ".join(strings(json.loads(invoke(["rates", "-f", "json"]).stdout)["facts"])),
    ):
        assert "public-sector clients since 6 April 2017" in out
        assert "medium and large private-sector clients since 6 April 2021" in out
        assert "Since 6 April 2021, public-sector" not in out
        assert "From 6 April 2025" in out and "£15m" in out and "£7.5m" in out
        assert "2026–27 tax year at the earliest" in out
        assert "15% above £5,000 a year since 6 April 2025" in out
        assert "0.5% apprenticeship levy" in out and "umbrella company" in out


def test_the_220_day_arithmetic_adds_up() -> None:
    data = loader.load(REAL_DATA)
    note = data.rates.billable_days_note
    weekdays, holidays, left, off = (
        int(re.search(pattern, note).group(1))  # type: ignore[union-attr]
        for pattern in (
            r"(\d+) weekdays",
            r"less (\d+) bank holidays",
            r"leaves about (\d+)",
            r"about (\d+) more days off",
        )
    )
    assert weekdays - holidays == left
    assert left - off == data.rates.billable_days
    assert "9 in Scotland" in note and "10 in Northern Ireland" in note and "225–230" in note


def test_pmo_types_name_the_edition_and_year(doc: dict[str, Any]) -> None:
    [types] = [f for f in doc["facts"] if f["source"] == "pmbok"]
    assert "6th edition (2017)" in types["topic"]
    assert "6th edition (2017)" in doc["sources"]["pmbok"]["title"]


@pytest.mark.parametrize("command", [["show"], ["roles"]])
def test_who_pmo_is(invoke: Invoke, command: list[str]) -> None:
    out = flat(invoke(command).stdout)
    assert "Note: The article's PMO is the office itself" in out
    assert "PMO analyst, PMO officer, PMO manager and head of PMO" in out


def test_verbs_no_stronger_than_the_article(doc: dict[str, Any]) -> None:
    text = " ".join(strings(doc["dimensions"]))
    for overstated in ("Drives process development", "Handles project approval", "Clear comm"):
        assert overstated not in text
    assert "Influences process development" in text
    assert "Its priorities are resource allocation, project approval" in text


# ---------------------------------------------------------------- no repetition

STOP = {"that", "with", "this", "from", "each", "which", "makes", "sure", "their", "also"}


def words(text: str) -> set[str]:
    return {w.removesuffix("s") for w in re.findall(r"[a-z0-9£]{4,}", text.lower())} - STOP


def overlap(a: str, b: str) -> float:
    first = words(a)
    return len(first & words(b)) / len(first) if first else 0.0


def test_a_summary_does_not_repeat_its_points(doc: dict[str, Any]) -> None:
    for dim in doc["dimensions"]:
        for role_id, text in dim["roles"].items():
            for point in text["points"]:
                assert overlap(text["summary"], point) < 0.5, (dim["id"], role_id, point)


def test_primary_focus_and_focus_area_say_different_things(doc: dict[str, Any]) -> None:
    dims = {d["id"]: d["roles"] for d in doc["dimensions"]}
    for role_id, focus in dims["focus-area"].items():
        primary = dims["primary-focus"][role_id]
        for line in (focus["summary"], *focus["points"]):
            for other in (primary["summary"], *primary["points"]):
                assert overlap(line, other) < 0.5, (role_id, line, other)


def test_pay_points_are_about_pay_or_labelled_outlook(doc: dict[str, Any]) -> None:
    [salary] = [d for d in doc["dimensions"] if d["id"] == "salary-and-job-outlook"]
    for text in salary["roles"].values():
        for point in text["points"]:
            assert point.startswith("Outlook") or "rate" in point, point


def test_the_repetition_check_can_fail() -> None:
    old = "Governance, frameworks and tools that standardise how projects are run."
    point = (
        "Establishes governance, frameworks and tools to standardise project management practice"
    )
    assert overlap(old, point) >= 0.5


# ---------------------------------------------------------------- the shared block


@pytest.mark.parametrize("width", [100, 40])
def test_shared_points_read_as_shared(invoke: Invoke, width: int) -> None:
    lines = invoke(["show", "-d", "salary"], width=width).stdout.splitlines()
    at = lines.index("Shared by PMO and Project Manager:")
    assert lines[at - 1] == ""


@pytest.mark.parametrize("width", [100, 40])
def test_one_role_is_not_called_both_or_all(invoke: Invoke, width: int) -> None:
    out = invoke(["show", "-d", "salary", "-r", "pm"], width=width).stdout
    lines = out.splitlines()
    at = next(
        i for i, line in enumerate(lines) if line.startswith("Shared by Project Manager and every")
    )
    assert lines[at - 1] == ""
    assert "Shared by Project Manager and every other role:" in flat(out)
    assert "Both:" not in out and "All:" not in out
    shared = " ".join(loader.load(REAL_DATA).dimensions["salary-and-job-outlook"].shared)
    assert "both roles" not in shared.lower()


def test_shared_label_follows_the_roles_shown() -> None:
    rates = Rates(min=1, max=2, currency="GBP", market="m", year=2025, source="s")
    a, b, c = (Role(id=x, name=x.upper(), rates=rates) for x in "abc")
    assert shared_label([a]) == "Shared by A and every other role"
    assert shared_label([a, b]) == "Shared by A and B"
    assert shared_label([c, a, b]) == "Shared by C, A and B"


def test_a_rates_fact_cannot_sit_beside_a_dimension(tmp_path: Path) -> None:
    path = variant(tmp_path, ('screen = "show"\ndimension', 'screen = "rates"\ndimension'))
    with pytest.raises(DataError) as caught:
        loader.load(path)
    [detail] = caught.value.details
    assert detail.startswith('facts[0].dimension: only facts with screen = "show"')


def test_the_date_note_follows_the_roles_whose_text_shows_rates(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = variant(
        tmp_path,
        ("{rates} a day for UK Project Manager", "Day rates for UK Project Manager"),
        ("as_of = 2025-06-03", "as_of = 2025-01-10"),
    )
    both = flat(invoke(["--data", str(path), "show", "-d", "salary"]).stdout)
    assert "Day rates: UK tech contracts, January 2025, 22 months ago;" in both
    assert "June 2025, 17 months ago" not in both
    alone = flat(invoke(["--data", str(path), "show", "-d", "salary", "-r", "pm"]).stdout)
    assert "Day rates: UK" not in alone and "£" not in alone
