"""Subcommands of `escape-game telemetry`; same contract as escape_game.commands."""
