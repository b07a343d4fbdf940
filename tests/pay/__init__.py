"""Tests of `pay` and the tax figures file."""
