"""The ``newsclean`` command line: one subcommand per module in ``cleaners.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Final

# (name, module in cleaners.commands, one-line summary). Each module defines ``HELP``,
# ``add_arguments(parser)`` and ``run(args) -> int``. Only the chosen command's module is
# imported, so ``newsclean export`` does not pay for trafilatura or jsonschema imports.
SUBCOMMANDS: Final = (
    ("clean", "cleaners.commands.clean", "clean saved HTML or text files to JSONL records"),
    ("validate", "cleaners.commands.validate", "check JSONL files against the record schema"),
    ("export", "cleaners.commands.export", "print the records written since a cursor or run"),
    ("stats", "cleaners.commands.stats", "per site and day figures of an archive (--png chart)"),
    ("merge", "cleaners.commands.merge", "merge per-worker day files into one file per day"),
    ("show", "cleaners.commands.show", "print one record by id, or its archived page (--raw)"),
    ("reclean", "cleaners.commands.reclean", "re-clean archived pages into new revisions"),
    ("health", "cleaners.commands.health", "run health per site and crawl run (--png trends)"),
    ("ccnews", "cleaners.commands.ccnews", "clean Common Crawl CC-NEWS WARCs into the archive"),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only that subcommand's module is loaded."""
    parser = argparse.ArgumentParser(
        prog="newsclean", description="Clean news HTML into dated JSONL records, and read them."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name, summary in SUBCOMMANDS:
        if command is not None and name != command:
            sub.add_parser(name, help=summary)
            continue
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=summary, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _parser=p)
    return parser


def _chosen_command(argv: list[str]) -> str | None:
    """The subcommand named on the command line, if it is a known one."""
    names = {name for name, _, _ in SUBCOMMANDS}
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in names else None
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsclean`` console script; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_chosen_command(argv)).parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout closed early (``newsclean clean ... | head``): not an error of ours.
        sys.stderr.close()
        return 0
