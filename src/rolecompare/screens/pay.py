"""``rolecompare validate``'s check of the tax figures file, until validate has its own module.

rich is imported only by the terminal view, so ``--format json`` does not load it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType


def check_tax(option: Path | str | None) -> dict[str, Any]:
    """``rolecompare validate``'s report on the tax figures file, as the JSON it prints."""
    from rolecompare.core import taxdata
    from rolecompare.core.errors import DataError

    try:
        path = taxdata.resolve_tax_path(option)
    except DataError as exc:
        return {"path": None, "valid": False, "problems": [exc.message]}
    try:
        tax, hygiene, path = taxdata.load_chosen(option)
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


def tax_check_view(report: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    if report["valid"]:
        return Group(
            Text(f"OK: {report['path']}", style="bold green"),
            Text(
                f"tax years {', '.join(report['years'])}; regions {', '.join(report['regions'])}; "
                f"{report['sources']} sources"
            ),
        )
    lines = [Text(f"Invalid tax figures: {report['path'] or 'not found'}", style="bold red")]
    lines += [Text(f"  - {problem}") for problem in report["problems"]]
    return Group(*lines)
