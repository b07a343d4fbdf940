"""Allow ``python -m rolecompare``."""

from rolecompare.cli import main

main()
