"""Subcommands of `escape-game`.

Every module here defines ``register(subparsers)``, which adds one subcommand and sets
``handler=fn`` on it; ``fn(args) -> int`` returns the exit status (0 ok, 1 problems found,
2 unusable call). Modules import their heavy dependencies inside the handler so that
``escape-game --help`` stays fast.
"""
