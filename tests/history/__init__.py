"""Tests of the quiz history."""
