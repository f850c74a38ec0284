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
COMMANDS["login"] = ("cmd_session", "log in with an API token and save the session")
COMMANDS["logout"] = ("cmd_session", "forget the saved credentials")
COMMANDS["clearenv"] = ("cmd_session", "forget the whole saved session")
COMMANDS["whoami"] = ("cmd_session", "print the user name (or ID) of the current user")
COMMANDS["env"] = ("cmd_session", "print the configuration in use")
COMMANDS["select"] = ("cmd_session", "choose the current project")
COMMANDS["pwd"] = ("cmd_session", "print the current project and folder")
COMMANDS["cd"] = ("cmd_session", "change the current folder (and project)")
COMMANDS["ls"] = ("cmd_fs", "list folders and data objects")
COMMANDS["tree"] = ("cmd_fs", "list folders and data objects as a tree")
COMMANDS["mkdir"] = ("cmd_fs", "create folders")
COMMANDS["rmdir"] = ("cmd_fs", "remove empty folders")
COMMANDS["rm"] = ("cmd_fs", "remove data objects and folders")
COMMANDS["mv"] = ("cmd_fs", "move or rename data objects and folders within a project")
COMMANDS["cp"] = ("cmd_fs", "copy data objects and folders between projects")
COMMANDS["new"] = ("cmd_meta", "create a project or a record")
COMMANDS["get_details"] = ("cmd_meta", "print a data object's details")
COMMANDS["set_details"] = ("cmd_meta", "replace a data object's details")
COMMANDS["tag"] = ("cmd_meta", "add tags to a project, data object or execution")
COMMANDS["untag"] = ("cmd_meta", "remove tags from a project, data object or execution")
COMMANDS["set_properties"] = ("cmd_meta", "set properties of a project, data object or execution")
COMMANDS["unset_properties"] = ("cmd_meta", "remove properties of a project, data object or execution")
COMMANDS["rename"] = ("cmd_meta", "rename a project or data object")
COMMANDS["close"] = ("cmd_meta", "close data objects")
COMMANDS["wait"] = ("cmd_meta", "wait for data objects to close or jobs to finish")
COMMANDS["api"] = ("cmd_meta", "call an API method directly and print the JSON answer")
COMMANDS["help"] = ("cmd_help", "show the commands, or the full help of one command")
COMMANDS["describe"] = ("cmd_describe", "describe objects, projects, executions, users ...")
COMMANDS["cat"] = ("cmd_transfer", "print the contents of remote files")
COMMANDS["head"] = ("cmd_transfer", "print the first lines of a remote file")
COMMANDS["upload"] = ("cmd_transfer", "upload local files or directories")
COMMANDS["download"] = ("cmd_transfer", "download files or folders")
COMMANDS["make_download_url"] = ("cmd_transfer", "print a pre-authenticated download URL")
COMMANDS["find"] = ("cmd_find", "search data, projects, jobs, analyses, executions, apps")
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
        return 1  # as upstream: dx alone shows the help and fails
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
