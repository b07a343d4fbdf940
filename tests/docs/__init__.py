"""Tests of the README and docs."""
