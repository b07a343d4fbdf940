"""Tests of the quiz: engine, prompts, command, simulation."""
