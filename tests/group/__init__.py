"""Tests of group scoring."""
