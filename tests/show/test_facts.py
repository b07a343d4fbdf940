"""Every fact of the article is in `rolecompare show --format json`.

The article itself is not in the repository, so its concrete facts are listed here. Each check
names where the fact belongs (a role's text in one dimension, the shared points, a similarity,
the context) and a set of patterns that must all occur in one sentence there, case-insensitive.
Scoping a check this way makes it fail when the fact is removed from data/roles.toml, even if the
same word is still mentioned elsewhere (Primavera, for instance, is also a PMO "next step").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rolecompare.cli import app

from ..conftest import Invoke
from ..helpers import DIMENSION_TITLES, variant


@dataclass(frozen=True)
class Fact:
    label: str
    where: str  # "dimension-id/role-id", "dimension-id/shared", "similarity/<id>", "context"
    patterns: tuple[str, ...]


IT = r"(?-i:\bIT\b)"  # the sector, not the pronoun


def fact(label: str, where: str, *patterns: str) -> Fact:
    return Fact(label, where, patterns)


FACTS = [
    # Primary focus
    fact("PMO oversees the ecosystem", "primary-focus/pmo", "ecosystem", "organisation"),
    fact("PMO sets standards, provides resources", "primary-focus/pmo", "standards", "resources"),
    fact("PMO aligns with strategic goals", "primary-focus/pmo", "strategic", "business goals"),
    fact("PMO framework across projects", "primary-focus/pmo", "framework", "many projects"),
    fact("PM delivers one project start to finish", "primary-focus/pm", "start to finish"),
    fact("PM plans, executes and closes", "primary-focus/pm", "plans", "executes", "closes"),
    fact("PM on schedule, within budget", "primary-focus/pm", "schedule|deadline", "budget"),
    fact("PM achieves specific objectives", "primary-focus/pm", "specific objectives"),
    # Key responsibilities
    fact(
        "PMO governance, frameworks, tools",
        "key-responsibilities/pmo",
        "governance",
        "frameworks",
        "tools",
        "standardis",
    ),
    fact("PMO resource allocation", "key-responsibilities/pmo", "allocat", "resource"),
    fact("PMO risk management", "key-responsibilities/pmo", r"\brisk"),
    fact("PMO portfolio oversight", "key-responsibilities/pmo", "portfolio", "overs"),
    fact(
        "PMO consistency, best practice", "key-responsibilities/pmo", "consisten", "best practice"
    ),
    fact("PM day-to-day of a single project", "key-responsibilities/pm", "day-to-day", "single"),
    fact("PM defines scope", "key-responsibilities/pm", r"\bscope\b"),
    fact("PM creates timelines", "key-responsibilities/pm", r"\btimelines?\b"),
    fact("PM manages budgets", "key-responsibilities/pm", r"\bbudgets?\b"),
    fact("PM coordinates teams", "key-responsibilities/pm", "coordinat", r"\bteams?\b"),
    fact(
        "PM communicates with stakeholders", "key-responsibilities/pm", "communicat", "stakeholders"
    ),
    # Essential skills
    fact("PMO organisational skills", "essential-skills/pmo", "organisational skills"),
    fact(
        "PMO develops methodologies",
        "essential-skills/pmo",
        "developing",
        "project management methodologies",
    ),
    fact("PMO business strategy", "essential-skills/pmo", "understanding of business strategy"),
    fact(
        "PMO resource management and risk assessment",
        "essential-skills/pmo",
        "resource management",
        "risk assessment",
    ),
    fact("PM leadership", "essential-skills/pm", "exceptional leadership"),
    fact("PM communication", "essential-skills/pm", r"\bcommunication\b"),
    fact("PM problem-solving", "essential-skills/pm", "exceptional", "problem-solving"),
    fact(
        "PM project-specific challenges",
        "essential-skills/pm",
        "challenges",
        "specific to the project",
    ),
    fact(
        "PM manages time, resources, budget",
        "essential-skills/pm",
        r"\btime\b",
        "resources",
        "budget",
    ),
    # Tools and software
    fact(
        "PMO tools",
        "tools-and-software/pmo",
        "portfolio management tools",
        "microsoft project",
        r"\bjira\b",
        "primavera",
    ),
    fact(
        "PMO tools track many projects",
        "tools-and-software/pmo",
        "many projects",
        "strategic objectives",
    ),
    fact("PMO tools give a high-level view", "tools-and-software/pmo", "high-level view"),
    fact("PM tools", "tools-and-software/pm", "trello", "asana", "microsoft project"),
    fact("PM tools plan, monitor, report", "tools-and-software/pm", "plan", "monitor", "report"),
    fact("PM granular task tracking", "tools-and-software/pm", "granular", "tracking progress"),
    # Focus area
    fact("PMO is strategic", "focus-area/pmo", r"\bstrategic\b"),
    fact("PMO bigger picture", "focus-area/pmo", "bigger picture"),
    # "ensure all projects support the organisation's goals" is said once, under primary focus
    # ("PMO aligns with strategic goals"): focus area keeps what the article says only there.
    fact("PMO looks across all projects", "focus-area/pmo", "all projects"),
    fact("PMO resource allocation priority", "focus-area/pmo", "priorit", "resource allocation"),
    fact("PMO project approval", "focus-area/pmo", "project approval"),
    fact("PMO portfolio alignment", "focus-area/pmo", "portfolio", "align"),
    fact("PM is tactical", "focus-area/pm", r"\btactical\b"),
    fact("PM details of the assigned project", "focus-area/pm", "details", "assigned project"),
    fact("PM keeps the project on track", "focus-area/pm", "on track"),
    fact("PM within defined constraints", "focus-area/pm", "defined constraints"),
    # Decision-making
    fact("PMO strategic decisions", "decision-making/pmo", "strategic decisions"),
    fact("PMO project selection", "decision-making/pmo", "project selection"),
    fact("PMO resource prioritisation", "decision-making/pmo", "resources", "prioritis"),
    fact("PMO process development", "decision-making/pmo", "process development"),
    fact(
        "PMO leaves day-to-day decisions, sets framework",
        "decision-making/pmo",
        "day-to-day",
        "framework",
    ),
    fact("PM authority over project decisions", "decision-making/pm", "authority", "decisions"),
    fact("PM adjusts timelines", "decision-making/pm", "adjust timelines"),
    fact("PM reallocates resources", "decision-making/pm", "reallocate resources"),
    fact("PM resolves issues", "decision-making/pm", "resolve issues"),
    fact("PM successful delivery", "decision-making/pm", "successful"),
    # Educational background
    fact(
        "PMO background",
        "educational-background/pmo",
        "business management",
        "project management",
        "organisational leadership",
    ),
    fact(
        "PMO certifications",
        "educational-background/pmo",
        "certifications",
        r"\bprince2\b",
        r"\bagile\b",
        r"\bpmp\b",
    ),
    fact(
        "PM industry-specific experience",
        "educational-background/pm",
        "industry-specific",
        IT,
        r"\btech\b",
        r"\bdata\b",
    ),
    fact(
        "PM methodologies",
        "educational-background/pm",
        "methodologies",
        r"\bagile\b",
        r"\bscrum\b",
        r"\bprince2\b",
    ),
    # Salary and job outlook
    fact("PMO £400-£600 a day", "salary-and-job-outlook/pmo", "£400", "£600", r"\bUK\b"),
    fact("PM £450-£700 a day", "salary-and-job-outlook/pm", "£450", "£700", r"\bUK\b"),
    fact("PMO rates especially in tech", "salary-and-job-outlook/pmo", "contractor", r"\btech\b"),
    fact("PM rates especially in tech", "salary-and-job-outlook/pm", "contractor", r"\btech\b"),
    fact(
        "PM slightly higher rates for hands-on responsibility",
        "salary-and-job-outlook/pm",
        "slightly higher",
        "hands-on",
        "individual projects",
    ),
    fact(
        "PMO vital in larger firms", "salary-and-job-outlook/pmo", "larger firms", "many projects"
    ),
    fact(
        "PM essential for timely delivery",
        "salary-and-job-outlook/pm",
        "essential",
        "on time|timely",
    ),
    fact(
        "Rates competitive, vary by industry, experience, location",
        "salary-and-job-outlook/shared",
        "competitive",
        "industry",
        "experience",
        "location",
    ),
    fact(
        "Demand soaring for tech-driven projects",
        "salary-and-job-outlook/shared",
        "soaring",
        "tech-driven projects",
    ),
    # Similarities
    fact(
        "Similarity: collaboration",
        "similarity/collaboration",
        "teamwork",
        "resources",
        "standards",
        "guidance",
    ),
    fact(
        "Similarity: project management expertise",
        "similarity/project-management-expertise",
        "methodologies",
        r"\bagile\b",
        r"\bprince2\b",
    ),
    fact(
        "Similarity: goal orientation",
        "similarity/goal-orientation",
        "strategic vision",
        "objectives",
    ),
    # Why it matters for IT contractors
    fact("Vital in Tech, Data and IT sectors", "context", r"\btech\b", r"\bdata\b", IT, "sectors"),
    fact(
        "UK tech contracting booming in 2025",
        "context",
        r"\b2025\b",
        r"\bUK\b",
        "tech contracting",
        "demand",
    ),
    fact("Digital transformation and cloud", "context", "digital transformation", r"\bcloud\b"),
    fact(
        "Lucrative for freelancers: strategic oversight or hands-on execution",
        "context",
        "lucrative",
        "freelancers",
        "strategic oversight",
        "hands-on execution",
    ),
    fact(
        "Upskilling in Agile, PRINCE2, tech tools",
        "context",
        "upskilling",
        r"\bagile\b",
        r"\bprince2\b",
        "tools",
        "competitive",
    ),
]


def sentences(doc: dict[str, Any], where: str) -> list[str]:
    """The strings a fact may be found in: one role's text, the shared points, and so on."""
    if where == "context":
        return list(doc["context"]["points"])
    kind, _, key = where.partition("/")
    if kind == "similarity":
        [item] = [s for s in doc["similarities"] if s["id"] == key]
        return [item["title"], item["text"]]
    [dim] = [d for d in doc["dimensions"] if d["id"] == kind]
    if key == "shared":
        return list(dim["shared"])
    text = dim["roles"][key]
    return [text["summary"], *text["points"]]


def holds(doc: dict[str, Any], item: Fact) -> bool:
    patterns = [re.compile(pattern, re.IGNORECASE) for pattern in item.patterns]
    return any(all(p.search(s) for p in patterns) for s in sentences(doc, item.where))


def show_json(invoke: Invoke, *data: str) -> dict[str, Any]:
    result = invoke([*data, "show", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    """Run once per module (the checks only read it), with the built-in data file."""
    result = CliRunner().invoke(
        app,
        ["show", "--format", "json"],
        env={"ROLECOMPARE_DATA": None, "COLUMNS": "100", "TERM": "dumb"},
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_the_list_of_facts_has_no_repeats() -> None:
    labels = [item.label for item in FACTS]
    assert len(labels) == len(set(labels))
    assert len(FACTS) >= 70


@pytest.mark.parametrize("item", FACTS, ids=[item.label for item in FACTS])
def test_fact_is_in_show_json(doc: dict[str, Any], item: Fact) -> None:
    found = sentences(doc, item.where)
    assert holds(doc, item), f"{item.label}: {item.patterns} not found together in {found}"


def test_dimensions_are_the_articles_in_order(doc: dict[str, Any]) -> None:
    assert [d["title"] for d in doc["dimensions"]] == DIMENSION_TITLES


def test_strategic_versus_tactical(doc: dict[str, Any]) -> None:
    [focus] = [d for d in doc["dimensions"] if d["id"] == "focus-area"]
    assert focus["roles"]["pmo"]["summary"].lower().startswith("strategic")
    assert focus["roles"]["pm"]["summary"].lower().startswith("tactical")


def test_rates_are_in_the_roles(doc: dict[str, Any]) -> None:
    rates = {role["id"]: role["rates"] for role in doc["roles"]}
    for role_id, low, high in (("pmo", 400, 600), ("pm", 450, 700)):
        assert rates[role_id]["min"] == low
        assert rates[role_id]["max"] == high
        assert rates[role_id]["currency"] == "GBP"
        assert rates[role_id]["per"] == "day"
        assert rates[role_id]["year"] == 2025
        assert "UK" in rates[role_id]["market"]
        assert "tech" in rates[role_id]["market"].lower()
        assert rates[role_id]["source"] == "article"


def test_the_three_similarities(doc: dict[str, Any]) -> None:
    assert [s["id"] for s in doc["similarities"]] == [
        "collaboration",
        "project-management-expertise",
        "goal-orientation",
    ]


def test_source_citation(doc: dict[str, Any]) -> None:
    assert doc["source"] == {
        "id": "article",
        "title": "PMO vs Project Manager: Key Similarities & Differences",
        "publisher": "Find Contract Jobs",
        "published": "2025-06-03",
        "kind": doc["source"]["kind"],
    }
    assert doc["sources"]["article"] == doc["source"]
    assert doc["context"]["source"] == "article"
    assert all(role["source"] == "article" for role in doc["roles"])


REMOVALS = [
    (
        "PMO tools",
        "Portfolio management tools such as Microsoft Project, Jira or Primavera",
        "Portfolio management tools such as Microsoft Project or Jira",
    ),
    ("PMO project approval", "project approval and portfolio", "portfolio"),
    ("PM is tactical", "Tactical: deep in the details", "Deep in the details"),
    (
        "PM slightly higher rates for hands-on responsibility",
        "Often slightly higher rates, which",
        "Often higher rates, which",
    ),
    ("Digital transformation and cloud", "digital transformation and cloud projects", "projects"),
    ("Similarity: goal orientation", "the strategic vision", "the vision"),
]


@pytest.mark.parametrize(("label", "old", "new"), REMOVALS, ids=[r[0] for r in REMOVALS])
def test_a_check_fails_when_its_fact_is_removed(
    invoke: Invoke, tmp_path: Path, label: str, old: str, new: str
) -> None:
    [item] = [f for f in FACTS if f.label == label]
    path = variant(tmp_path, (old, new))
    assert not holds(show_json(invoke, "--data", str(path)), item)
