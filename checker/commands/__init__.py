"""One module per ``checker`` subcommand; registered in :data:`checker.cli.COMMANDS`."""
