"""One module per ``checker`` subcommand; registered in :data:`checker.commands.cli.COMMANDS`."""
