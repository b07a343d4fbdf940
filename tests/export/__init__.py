"""Tests of `--export` and `--save`."""
