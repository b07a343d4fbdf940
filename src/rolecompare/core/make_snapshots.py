"""Write the snapshot of every built-in data file: run ``python -m rolecompare.core.make_snapshots``
after editing one of them. Apart from :mod:`rolecompare.core.snapshot`, which only reads them, so
that the loader can use a snapshot without importing the loaders of every kind of file.
"""

from __future__ import annotations

import sys
from typing import Any

from rolecompare.core import snapshot
from rolecompare.core.loader import ROLES, DataFile
from rolecompare.core.taxdata import TAX


def kinds() -> tuple[DataFile[Any], ...]:
    """Every kind of data file that ships a built-in file, and so a snapshot."""
    return (ROLES, TAX)


def main() -> int:
    """Write the snapshot of every built-in data file (run after editing one of them)."""
    from rolecompare.core.errors import RoleCompareError
    from rolecompare.core.files import write_atomic

    for kind in kinds():
        target = snapshot.path_of(kind)
        try:
            source = kind.builtin()
            write_atomic(target, snapshot.build(source, kind))
        except RoleCompareError as exc:
            print("\n".join([f"Error: {exc.message}", *exc.details]), file=sys.stderr)
            return 1
        except (ValueError, OSError) as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
        print(f"Wrote {target} from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
