"""The `govorg` command line."""

from govorg.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
