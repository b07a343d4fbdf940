"""``rolecompare validate``: check a data file and the tax figures file; report every problem.

Both files are always checked, so one run tells everything that needs fixing. The report is
printed in full before the exit status says whether either file is invalid. rich is imported
only by the terminal views, so ``--format json`` does not load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rolecompare.core import loader, quiz, taxdata
from rolecompare.core.errors import DATA_ERROR, DataError
from rolecompare.core.review import two_role_warnings
from rolecompare.core.text import plural
from rolecompare.ui.deliver import deliver
from rolecompare.ui.screen import Screen

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

    from rolecompare.core.models import Dataset


def run(data_option: str | None, path: Path | None, fmt: str, tax_data: str | None) -> int:
    """Check ``path`` (else the data file in use) and the tax figures, print the report, and
    return the exit status: :data:`DATA_ERROR` when either file is invalid, else 0."""
    tax = check_tax(tax_data)
    target = path or loader.chosen_path(data_option)[0]
    try:
        data, hygiene, target = loader.load_chosen(path or data_option, recheck=True)
        if hygiene:
            raise DataError(
                f"{target}: {plural(len(hygiene), 'problem')} in the data file", hygiene
            )
    except DataError as exc:
        deliver(InvalidScreen(str(target), exc.message, exc.details, tax), fmt)
        return DATA_ERROR
    balance = quiz.balance(data)
    warnings = quiz.data_warnings(data) + two_role_warnings(data)
    deliver(ValidScreen(str(target), data, balance, warnings, tax), fmt)
    return 0 if tax["valid"] else DATA_ERROR


def check_tax(option: Path | str | None) -> dict[str, Any]:
    """The report on the tax figures file that ``pay`` uses, as the JSON prints it."""
    try:
        path = taxdata.resolve_tax_path(option)
    except DataError as exc:
        return {"path": None, "valid": False, "problems": [exc.message]}
    try:
        tax, hygiene, path = taxdata.load_chosen(option, recheck=True)
    except DataError as exc:
        return {"path": str(path), "valid": False, "problems": list(exc.details or (exc.message,))}
    if hygiene:
        return {"path": str(path), "valid": False, "problems": list(hygiene)}
    return {
        "path": str(path),
        "valid": True,
        "years": list(tax.years),
        "regions": list(tax.regions),
        "sources": len(tax.sources),
    }


class _Report(Screen):
    """What both outcomes share: the title, no pager, and no Markdown (``--format`` offers
    table, text and json only, and validate has no ``--export``)."""

    title = "rolecompare validate"
    page = False

    def markdown(self) -> str:
        raise NotImplementedError("validate prints no Markdown report")


class ValidScreen(_Report):
    """A data file that passed every check: what it holds, how the quiz is balanced, and any
    warnings; then the tax figures' report."""

    def __init__(
        self,
        path: str,
        data: Dataset,
        balance: dict[str, tuple[int, int]],
        warnings: Sequence[str],
        tax: dict[str, Any],
    ) -> None:
        self.path = path
        self.data = data
        self.balance = balance
        self.warnings = list(warnings)
        self.tax = tax

    def view(self, width: int) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        from rolecompare.core.untrusted import inert_line

        data = self.data
        lines = [
            Text(f"OK: {inert_line(self.path)}", style="bold green"),
            Text(f"{len(data.roles)} roles: {', '.join(data.roles)}"),
            Text(
                f"{len(data.dimensions)} dimensions, {len(data.similarities)} similarities, {len(data.facts)} further facts"
            ),
            Text(f"{len(data.quiz.statements)} quiz statements (bank version {data.quiz.version})"),
        ]
        for role_id, (count, weight) in self.balance.items():
            lines.append(Text(f"  keyed to {role_id}: {count} statements, maximum weight {weight}"))
        lines += [Text(f"Warning: {w}", style="yellow") for w in self.warnings]
        return Group(Group(*lines), _tax_view(self.tax))

    def document(self) -> dict[str, Any]:
        data = self.data
        return {
            "path": self.path,
            "valid": True,
            "roles": list(data.roles),
            "dimensions": list(data.dimensions),
            "statements": len(data.quiz.statements),
            "balance": {
                r: {"statements": n, "max_weight": w} for r, (n, w) in self.balance.items()
            },
            "warnings": self.warnings,
            "tax": self.tax,
        }


class InvalidScreen(_Report):
    """A data file that failed: every problem found; then the tax figures' report, only when
    they are invalid too."""

    def __init__(
        self, path: str, summary: str, problems: Sequence[str], tax: dict[str, Any]
    ) -> None:
        self.path = path
        self.summary = summary
        self.problems = tuple(problems)
        self.tax = tax

    def view(self, width: int) -> RenderableType:
        """``summary`` alone when the file could not be read at all, else one line per problem."""
        from rich.console import Group
        from rich.padding import Padding
        from rich.text import Text

        from rolecompare.ui.charts import Bullets

        lines: list[RenderableType] = [Text(f"Invalid: {self.summary}", style="bold red")]
        if self.problems:
            lines.append(Padding(Bullets(self.problems, bullet="-"), (0, 0, 0, 2)))
        parts: list[RenderableType] = [Group(*lines)]
        if not self.tax["valid"]:
            parts.append(_tax_view(self.tax))
        return Group(*parts)

    def document(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "valid": False,
            "problems": list(self.problems or (self.summary,)),
            "tax": self.tax,
        }


def _tax_view(report: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from rolecompare.core.untrusted import inert_line
    from rolecompare.ui.charts import Bullets

    path = inert_line(report["path"] or "not found")
    if report["valid"]:
        return Group(
            Text(f"OK: {path}", style="bold green"),
            Text(
                f"tax years {', '.join(report['years'])}; regions {', '.join(report['regions'])}; "
                f"{report['sources']} sources"
            ),
        )
    return Group(
        Text(f"Invalid tax figures: {path}", style="bold red"),
        Padding(Bullets(report["problems"], bullet="-"), (0, 0, 0, 2)),  # as the data file's
    )
