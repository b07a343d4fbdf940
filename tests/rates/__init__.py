"""Tests of `rates`."""
