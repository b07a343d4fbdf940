"""Tests of the command line: options, formats, help, start-up, end to end."""
