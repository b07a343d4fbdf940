"""One module per command: its use case and its screen (terminal view, Markdown, JSON, phrases).

A module's ``run`` takes the parsed options, does the work through :mod:`rolecompare.core` and
hands a :class:`~rolecompare.ui.deliver.Screen` to :func:`~rolecompare.ui.deliver.deliver`. A new
command is one new module here plus its option declarations in :mod:`rolecompare.cli`.
"""
