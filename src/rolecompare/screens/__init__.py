"""Screens kept in one place each: a screen's table view, Markdown and JSON live together, so a
new screen is one new module here plus its options in ``cli.py``. Drawing primitives stay shared
(``charts.py``, ``render.py`` helpers); delivery (format, export) stays in ``cli.py``.
"""
