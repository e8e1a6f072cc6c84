"""Subcommands of ``quiz``: one module each, with ``register(subparsers, common)`` and ``run(args)``."""
