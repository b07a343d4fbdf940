"""The core: models, loading, arithmetic, the quiz engine and the stores.

Nothing here draws or parses options: no rich, typer, questionary, ui or command module is
imported (a test checks), so every command and every test can use it as a library.
"""
