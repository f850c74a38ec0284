"""``dx``: the entry point, the command table and dispatch.

Each command lives in a ``dxpy.cli.cmd_*`` module exposing ``register(subparsers)``,
which adds that module's sub-commands, each with ``set_defaults(func=handler)``; a
handler takes the parsed :class:`argparse.Namespace` and returns an exit status (or
``None`` for 0). Only the module of the command being run is imported.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: command name -> (module under dxpy.cli, one-line help shown by ``dx -h``)
COMMANDS: dict[str, tuple[str, str]] = {}
COMMANDS["build"] = ("cmd_build", "build an applet or workflow from a source directory")
COMMANDS["run"] = ("cmd_run", "run an applet, app or workflow")
COMMANDS["watch"] = ("cmd_exec", "show a job's log, following it until the job ends")
COMMANDS["terminate"] = ("cmd_exec", "terminate jobs or analyses")

#: options accepted before the command name, overriding the configuration for one run
_GLOBAL_OPTIONS = (
    ("--apiserver-host", "API server host"),
    ("--apiserver-port", "API server port"),
    ("--apiserver-protocol", "API server protocol (http or https)"),
    ("--project-context-id", "project to use as the current project"),
    ("--workspace-id", "workspace (container) to use"),
    ("--security-context", "JSON security context"),
    ("--auth-token", "authentication token"),
)


def _version() -> str:
    from .._version import __version__

    return f"dx v{__version__}"


def _base_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dx",
        description="dx: the command line for the DNAnexus Platform (and the dxpy emulator).",
    )
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument(
        "--verbose", action="store_true", help="show tracebacks and request details on errors"
    )
    for flag, text in _GLOBAL_OPTIONS:
        parser.add_argument(flag, help=text)
    return parser


def _command_word(argv: Sequence[str]) -> str | None:
    """Return the first argument that names a command, skipping global options."""
    takes_value = {flag for flag, _ in _GLOBAL_OPTIONS}
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in takes_value:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg
    return None


def build_parser(command: str | None) -> argparse.ArgumentParser:
    """Build the parser, registering the full options of ``command``'s module only.

    :param command: the command about to run (``None`` for ``dx -h``)
    :returns: the top-level parser
    """
    parser = _base_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="command")
    loaded = None
    if command in COMMANDS:
        loaded = COMMANDS[command][0]
        importlib.import_module(f"dxpy.cli.{loaded}").register(subparsers)
    registered = set(subparsers.choices)
    for name, (module, text) in COMMANDS.items():
        if name not in registered and module != loaded:
            subparsers.add_parser(name, help=text, description=text)
    return parser


def _apply_global_options(args: argparse.Namespace) -> None:
    from . import _common

    _common.apply_global_options(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dx`` with ``argv`` (default ``sys.argv[1:]``) and return its exit status.

    :param argv: the arguments after the program name
    :returns: the exit status (0 on success)
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_word(argv))
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0 if args.command is None else 1
    from . import _common

    return _common.run_handler(args)


def entry() -> None:
    """Console-script entry point: exit with :func:`main`'s status."""
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    sys.stdout.flush()
    if os.environ.get("_DX_CLI_NO_EXIT"):
        return
    sys.exit(status)


if __name__ == "__main__":
    entry()
