"""Shared presentation and delivery: consoles and streams, charts, exports, prompts.

What every command uses to draw and deliver; a command's own screen lives in its module under
:mod:`rolecompare.commands`.
"""
