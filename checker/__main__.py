"""``python -m checker`` is the ``checker`` command."""

from checker.commands.start import main

main()
