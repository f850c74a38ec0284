"""Command line of the emulator: ``python -m dxpy.emulator`` / ``dx-emulator``.

Subcommands:

``serve``  run the server in the foreground, print (and optionally write) the
           ``export`` lines that point dxpy at it; Ctrl-C / SIGTERM stop it.
``exec``   run a command against a fresh emulator on a free port, then stop;
           exits with the command's status.
``token``  create another user and token in a state directory.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
from typing import Any, Optional

from . import Emulator

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8124
#: Variables removed from the environment given to ``exec``'s command, so that a
#: job/workspace/CLI setting of the caller cannot leak into the emulator session.
SCRUBBED_PREFIX = "DX_"


def export_lines(env: dict[str, str]) -> str:
    """Render environment variables as shell ``export`` lines.

    :param env: name -> value.
    :returns: one ``export NAME=value`` per line (values shell-quoted), newline terminated.
    """
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in env.items())


def write_atomically(path: str, text: str) -> None:
    """Write a file so that readers see either the old or the complete new content.

    :param path: destination.
    :param text: content.
    """
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".env-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dx-emulator", description="A local DNAnexus API server.")
    parser.add_argument("--log-level", default="WARNING", help="logging level (default WARNING)")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server in the foreground")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 8124, 0 = free)")
    serve.add_argument("--state-dir", help="keep state here (default: a temporary dir removed at exit)")
    serve.add_argument("--env-file", help="also write the export lines to this file (atomically)")
    serve.add_argument("--faults", help="fault spec, e.g. 500:/system/whoami:2,503:*:1:retry=3")
    serve.add_argument("--user", default="emulator", help="default user's handle on first start")
    serve.add_argument("--cors-origin", action="append", dest="cors_origins", metavar="ORIGIN",
                       help="let web pages from ORIGIN (scheme://host[:port]) call the server; repeat for "
                            "more; 'loopback' = any page served from this machine (the default), "
                            "'none' = no cross-origin page")
    serve.add_argument("--max-jobs", type=int, help="job processes run at once (default 4)")

    run = sub.add_parser("exec", help="run CMD against a fresh emulator, exit with its status")
    run.add_argument("--state-dir", help="keep state here (default: a temporary dir removed at exit)")
    run.add_argument("--faults", help="fault spec armed at start")
    run.add_argument("--user", default="emulator", help="default user's handle on first start")
    run.add_argument("cmd", nargs=argparse.REMAINDER, help="-- CMD ARGS...")

    token = sub.add_parser("token", help="create another user and print its credentials")
    token.add_argument("--state-dir", required=True, help="the state directory of the emulator")
    token.add_argument("--user", required=True, help="handle of the new user (e.g. bob)")
    token.add_argument("--admin", action="store_true", help="allow the /emulator control routes")
    token.add_argument("--json", action="store_true", help='print {"id", "token"} instead of export lines')
    logs = sub.add_parser("logs", help="print a job's log (from the state directory)")
    logs.add_argument("--state-dir", required=True, help="the state directory of the emulator")
    logs.add_argument("-f", "--follow", action="store_true", help="keep printing until the job finishes")
    logs.add_argument("job_id", help="job-xxxx")
    return parser


def cmd_logs(args: argparse.Namespace) -> int:
    """Run ``logs``.

    :param args: parsed arguments.
    :returns: exit status (3 when a followed job failed or was terminated).
    """
    from dxpy.emulator._protocol.server import DB_NAME
    from dxpy.emulator._runner.model import print_logs

    return print_logs(os.path.join(args.state_dir, DB_NAME), args.job_id, args.follow, sys.stdout)


def _wait_for_signal() -> None:
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def cmd_serve(args: argparse.Namespace) -> int:
    """Run ``serve``.

    :param args: parsed arguments.
    :returns: exit status.
    """
    if args.max_jobs is not None:
        if args.max_jobs < 1:
            print("dx-emulator: --max-jobs must be at least 1", file=sys.stderr)
            return 2
        os.environ["DX_EMULATOR_MAX_JOBS"] = str(args.max_jobs)
    emulator = Emulator(args.state_dir, args.port, args.host, args.faults, args.user,
                        cors_origins=args.cors_origins)
    from dxpy.emulator._data.lock import StateDirectoryInUse

    try:
        emulator.start()
    except StateDirectoryInUse as exc:
        print(f"dx-emulator: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"dx-emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    try:
        text = export_lines(emulator.env)
        if args.env_file:
            write_atomically(args.env_file, text)
        sys.stdout.write(text)
        sys.stdout.flush()
        print(f"# dx emulator serving at {emulator.url}, state in {emulator.state_dir}", file=sys.stderr)
        _wait_for_signal()
    finally:
        emulator.stop()
    return 0


def exec_environment(emulator_env: dict[str, str], conf_dir: str) -> dict[str, str]:
    """Build the environment for ``exec``'s command.

    Every inherited ``DX_*`` variable is dropped, the emulator's are added, and
    ``DX_USER_CONF_DIR`` points at an empty directory so that the user's saved
    ``dx`` configuration (which may hold a job, workspace or CLI folder) cannot
    leak in.

    :param emulator_env: the emulator's ``DX_*`` variables.
    :param conf_dir: an empty directory for ``DX_USER_CONF_DIR``.
    :returns: the environment.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(SCRUBBED_PREFIX)}
    env.update(emulator_env)
    env["DX_USER_CONF_DIR"] = conf_dir
    return env


def cmd_exec(args: argparse.Namespace) -> int:
    """Run ``exec``.

    :param args: parsed arguments.
    :returns: the command's exit status (128 + N when killed by signal N).
    """
    cmd = list(args.cmd)
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        print("dx-emulator exec: missing command (exec [--state-dir DIR] -- CMD ARGS...)", file=sys.stderr)
        return 2
    with Emulator(args.state_dir, 0, "127.0.0.1", args.faults, args.user) as emulator, \
            tempfile.TemporaryDirectory(prefix="dx-emulator-conf-") as conf_dir:
        env = exec_environment(emulator.env, conf_dir)
        try:
            proc = subprocess.Popen(cmd, env=env)
        except OSError as exc:
            print(f"dx-emulator exec: cannot run {cmd[0]!r}: {exc}", file=sys.stderr)
            return 127

        def forward(signum: int, frame: Any) -> None:
            proc.send_signal(signum)

        previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            status = proc.wait()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    return status if status >= 0 else 128 - status


def cmd_token(args: argparse.Namespace) -> int:
    """Run ``token``.

    :param args: parsed arguments.
    :returns: exit status.
    """
    from dxpy.emulator._data.store import Store
    from dxpy.emulator._protocol.errors import APIError
    from dxpy.emulator._protocol.server import DB_NAME, now_ms
    from dxpy.emulator._routes.system import create_token, create_user

    db_path = os.path.join(args.state_dir, DB_NAME)
    if not os.path.exists(db_path):
        print(f"dx-emulator token: no emulator state in {args.state_dir}", file=sys.stderr)
        return 1
    store = Store(db_path)
    try:
        with store.write() as db:
            user_id = create_user(db, args.user, now_ms(), admin=args.admin)
            token = create_token(db, user_id, now_ms(), label="cli")
    except APIError as exc:
        print(f"dx-emulator token: {exc.message}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.json:
        print(json.dumps({"id": user_id, "token": token}))
    else:
        context = json.dumps({"auth_token_type": "Bearer", "auth_token": token})
        sys.stdout.write(f"# {user_id}\n" + export_lines({"DX_SECURITY_CONTEXT": context}))
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point of ``python -m dxpy.emulator`` and ``dx-emulator``.

    :param argv: arguments (default ``sys.argv[1:]``).
    :returns: exit status.
    """
    parser = _build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "faults", None):
        from dxpy.emulator._protocol.faults import parse_fault_spec

        try:
            parse_fault_spec(args.faults)
        except ValueError as exc:
            parser.error(f"--faults: {exc}")
    if getattr(args, "cors_origins", None):
        from dxpy.emulator._protocol.cors import CorsPolicy

        try:
            CorsPolicy(args.cors_origins)
        except ValueError as exc:
            parser.error(f"--cors-origin: {exc}")
    logging.basicConfig(level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers = {"serve": cmd_serve, "exec": cmd_exec, "token": cmd_token, "logs": cmd_logs}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
