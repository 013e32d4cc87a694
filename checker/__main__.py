"""``python -m checker`` is the ``checker`` command."""

from checker.commands.cli import main

main()
