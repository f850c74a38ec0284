"""``dx help [COMMAND]``: the list of commands, or one command's full help."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import fail


def register(subparsers: Any) -> None:
    """Add ``help`` to ``dx``'s sub-command parsers.

    :param subparsers: the object returned by ``add_subparsers``
    """
    p = subparsers.add_parser("help", help="show the commands, or the full help of one command",
                              description="Show the list of commands, or the full help of COMMAND.")
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="the command to describe")
    p.set_defaults(func=show_help, config_ok=True)


def show_help(args: argparse.Namespace) -> int:
    """Print ``dx -h``, or ``dx COMMAND -h`` for the command asked about.

    :param args: the parsed arguments
    :returns: the exit status
    :raises CLIExit: when the command does not exist
    """
    from .main import COMMANDS, build_parser

    if args.topic is None:
        build_parser(None).print_help(sys.stdout)
        return 0
    if args.topic not in COMMANDS:
        fail(f'dx help: no command called "{args.topic}" (dx help lists them)')
    parser = build_parser(args.topic)
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        choices = getattr(action, "choices", None) or {}
        if args.topic in choices:
            choices[args.topic].print_help(sys.stdout)
    return 0
