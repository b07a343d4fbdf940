"""Tests of looking up roles and dimensions."""
