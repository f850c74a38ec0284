"""What every ``dx`` command shares: error reporting, exit codes, JSON output, global options.

Errors print as one line on stderr (``<ErrorType>: <message>``) and exit with status 3,
as upstream's ``dx`` does; ``--verbose`` or a non-empty ``_DX_DEBUG`` adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from typing import Any, NoReturn

from ..exceptions import DXCLIError, DXError

#: the exit status of a failed command (upstream's ``err_exit`` default)
ERROR_EXIT = 3

logger = logging.getLogger("dxpy.cli")


class CLIExit(DXCLIError):
    """Stop the command with a message on stderr and an exit status.

    :param message: one line for the user (may be empty)
    :param code: the exit status
    """

    def __init__(self, message: str = "", code: int = ERROR_EXIT) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def fail(message: str, code: int = ERROR_EXIT) -> NoReturn:
    """Abort the running command with ``message`` and exit status ``code``.

    :param message: what went wrong, on one line
    :param code: the exit status
    :raises CLIExit: always
    """
    raise CLIExit(message, code)


def debugging(args: argparse.Namespace | None = None) -> bool:
    """Tell whether tracebacks should be shown (``--verbose`` or ``_DX_DEBUG``).

    :param args: the parsed arguments, if any
    :returns: True when debugging output is wanted
    """
    return bool(os.environ.get("_DX_DEBUG")) or bool(getattr(args, "verbose", False))


def print_json(value: Any) -> None:
    """Print ``value`` as upstream's ``--json`` output does (4-space indent).

    :param value: a JSON-serialisable value
    """
    sys.stdout.write(json.dumps(value, indent=4) + "\n")


def format_error(error: BaseException) -> str:
    """Render an exception as the single line ``dx`` prints for it.

    :param error: the exception
    :returns: ``"<ErrorType>: <message>"``; like upstream, the type of an exception
        defined outside the standard library is qualified by its module
        (``dxpy.exceptions.ResourceNotFound: ...``)
    """
    if isinstance(error, CLIExit):
        return error.message
    cls = type(error)
    name = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    text = " ".join(str(error).split("\n")[0].split()) if str(error) else ""
    return f"{name}: {text}" if text else name


def apply_global_options(args: argparse.Namespace) -> None:
    """Apply ``--apiserver-host`` and the other global options to dxpy for this run.

    :param args: the parsed arguments
    :raises CLIExit: when ``--security-context`` is not a JSON object
    """
    import dxpy

    host, port, protocol = args.apiserver_host, args.apiserver_port, args.apiserver_protocol
    if host or port or protocol:
        dxpy.set_api_server_info(host=host, port=port, protocol=protocol)
    if args.security_context:
        try:
            context = json.loads(args.security_context)
        except ValueError as exc:
            fail(f"--security-context is not valid JSON: {exc}")
        if not isinstance(context, dict):
            fail("--security-context must be a JSON object")
        dxpy.set_security_context(context)
    if args.auth_token:
        dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": args.auth_token})
    if args.project_context_id:
        dxpy.set_project_context(args.project_context_id)
    if args.workspace_id:
        dxpy.set_workspace_id(args.workspace_id)


def run_handler(args: argparse.Namespace) -> int:
    """Run the parsed command's handler, turning errors into one line and an exit status.

    :param args: the parsed arguments, with ``func`` set by the command's ``register``
    :returns: the exit status
    """
    try:
        apply_global_options(args)
        if not getattr(args, "config_ok", False):
            from ._session import require_usable_config

            require_usable_config()
        status = args.func(args)
    except CLIExit as exc:
        if debugging(args):
            traceback.print_exc()
        if exc.message:
            sys.stderr.write(exc.message + "\n")
        return exc.code
    except BrokenPipeError:
        return 0
    except (DXError, OSError, ValueError) as exc:
        if debugging(args):
            traceback.print_exc()
        sys.stderr.write(format_error(exc) + "\n")
        return ERROR_EXIT
    return 0 if status is None else int(status)


def read_spec_file(src_dir: str, filename: str) -> dict[str, Any]:
    """Read ``dxapp.json`` or ``dxworkflow.json`` from a source directory.

    :param src_dir: the source directory.
    :param filename: the file's name in it.
    :returns: the JSON object the file holds.
    :raises SystemExit: (through :func:`fail`) when the file is not valid JSON or not an object.
    """
    path = os.path.join(src_dir, filename)
    try:
        with open(path, encoding="utf-8") as fh:
            spec = json.load(fh)
    except ValueError as exc:
        fail(f"Error: {path} is not valid JSON: {exc}")
    if not isinstance(spec, dict):
        fail(f"Error: {path} must hold a JSON object")
    return spec
