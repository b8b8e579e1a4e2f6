"""The ``newsclean`` command line: one subcommand per module in ``cleaners.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Final

# Subcommand name -> module in cleaners.commands. Each module defines
# ``add_arguments(parser)``, ``run(args) -> int`` and a one-line ``HELP``.
SUBCOMMANDS: Final = (
    ("clean", "cleaners.commands.clean"),
    ("validate", "cleaners.commands.validate"),
    ("export", "cleaners.commands.export"),
    ("stats", "cleaners.commands.stats"),
    ("merge", "cleaners.commands.merge"),
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="newsclean", description="Clean news HTML into dated JSONL records, and read them."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in SUBCOMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue  # a subcommand not written yet: leave it out of the CLI
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _parser=p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsclean`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout closed early (``newsclean clean ... | head``): not an error of ours.
        sys.stderr.close()
        return 0
