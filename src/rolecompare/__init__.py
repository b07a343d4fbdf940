"""Compare the PMO and Project Manager careers from the command line."""

__version__ = "0.1.0"
