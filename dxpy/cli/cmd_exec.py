"""``dx watch`` (follow a job's log) and ``dx terminate`` (stop jobs and analyses).

The log is read with ``/job-xxxx/getLog`` (paged by ``afterSeq``), polling until the
job reaches a final state and every message has been shown; :func:`watch_job` also
serves ``dx run --watch``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ._common import fail

_LEVELS = (
    "EMERG",
    "ALERT",
    "CRITICAL",
    "ERROR",
    "WARNING",
    "NOTICE",
    "INFO",
    "DEBUG",
    "STDERR",
    "STDOUT",
    "METRICS",
)


def register(subparsers: Any) -> None:
    """Add ``dx watch`` and ``dx terminate`` to the parser.

    :param subparsers: the ``dx`` sub-command table
    """
    w = subparsers.add_parser(
        "watch",
        help="show a job's log, following it until the job ends",
        description="Show a job's log, following it until the job ends. Exits 3 "
        "when the job failed or was terminated.",
    )
    w.add_argument("jobid", help="ID of the job to watch")
    w.add_argument("-n", "--num-recent-messages", type=int, help="show only this many earlier messages")
    w.add_argument("-l", "--levels", action="append", choices=_LEVELS, help="level to show (repeatable)")
    w.add_argument("--get-stdout", action="store_true", help="print only the job's standard output")
    w.add_argument("--get-stderr", action="store_true", help="print only the job's standard error")
    w.add_argument("--get-streams", action="store_true", help="print only standard output and error")
    w.add_argument("--no-timestamps", action="store_true", help="leave the date out of each message")
    w.add_argument("--job-ids", action="store_true", help="put the job ID in each message")
    w.add_argument("--no-job-info", action="store_true", help="leave out the banner and final state")
    w.add_argument("-q", "--quiet", action="store_true", help="same as --no-job-info")
    w.add_argument("-f", "--format", help="message layout; fields: {date} {job} {job_name} {level} {msg}")
    w.add_argument(
        "--no-wait",
        "--no-follow",
        dest="no_follow",
        action="store_true",
        help="print the messages logged so far and exit",
    )
    w.set_defaults(func=watch)
    t = subparsers.add_parser(
        "terminate", help="terminate jobs or analyses", description="Terminate one or more jobs or analyses."
    )
    t.add_argument("jobid", nargs="+", help="ID of a job or analysis")
    t.set_defaults(func=terminate)


def _options(args: argparse.Namespace) -> Any:
    levels = list(args.levels or [])
    raw = False
    streams = [name for flag, name in ((args.get_stdout, "STDOUT"), (args.get_stderr, "STDERR")) if flag]
    if args.get_streams:
        streams = ["STDOUT", "STDERR"]
    if streams:
        levels, raw = streams, True
    fmt = args.format or DEFAULT_FORMAT
    if not args.format and args.job_ids:
        fmt = "{date} {job_name} {job} {level} {msg}"
    if not args.format and args.no_timestamps:
        fmt = fmt.replace("{date} ", "")
    return WatchOptions(
        levels=levels,
        fmt=fmt,
        raw=raw,
        job_info=not (args.no_job_info or args.quiet),
        follow=not args.no_follow,
        recent=args.num_recent_messages,
    )


def watch(args: argparse.Namespace) -> int:
    """Handle ``dx watch``.

    :param args: the parsed arguments
    :returns: 0 when the job is done, 3 when it failed or was terminated
    """
    from ..utils.resolver import is_job_id

    if not is_job_id(args.jobid):
        fail(f"dx watch needs a job ID (job-xxxx), not {args.jobid!r}")
    return watch_job(args.jobid, options=_options(args))


def terminate(args: argparse.Namespace) -> None:
    """Handle ``dx terminate``.

    :param args: the parsed arguments
    """
    import dxpy

    from ..utils.resolver import is_analysis_id, is_job_id

    for exec_id in args.jobid:
        if is_job_id(exec_id):
            dxpy.api.job_terminate(exec_id)
        elif is_analysis_id(exec_id):
            dxpy.api.analysis_terminate(exec_id)
        else:
            fail(f"dx terminate needs job or analysis IDs, not {exec_id!r}")


# -- following a log (also used by dx run --watch) -----------------------------------

#: states after which a job writes no more log messages
FINAL_STATES = ("done", "failed", "terminated")
#: the default message layout (fields: date, job, job_name, try, level, msg)
DEFAULT_FORMAT = "{date} {job_name} {level} {msg}"
_POLL_SECONDS = 0.3


@dataclass
class WatchOptions:
    """How ``dx watch`` shows a job's log.

    :param levels: levels to show (empty: all)
    :param fmt: message layout (see :data:`DEFAULT_FORMAT`)
    :param raw: print only the message text (``--get-stdout`` and friends)
    :param job_info: print the watching banner and the final state
    :param follow: keep polling until the job ends
    :param recent: show at most this many of the messages already logged
    """

    levels: Sequence[str] = field(default_factory=tuple)
    fmt: str = DEFAULT_FORMAT
    raw: bool = False
    job_info: bool = True
    follow: bool = True
    recent: int | None = None


def _render(entry: dict[str, Any], job_id: str, job_name: str, options: WatchOptions) -> str:
    if options.raw:
        return str(entry.get("msg", ""))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry.get("timestamp", 0) / 1000))
    return options.fmt.format(
        date=stamp,
        job=job_id,
        job_name=job_name,
        level=entry.get("level", ""),
        msg=entry.get("msg", ""),
        **{"try": 0},
    )


def _show(entries: list[dict[str, Any]], job_id: str, job_name: str, options: WatchOptions) -> None:
    for entry in entries:
        if options.levels and entry.get("level") not in options.levels:
            continue
        sys.stdout.write(_render(entry, job_id, job_name, options) + "\n")
    sys.stdout.flush()


def _failure_line(desc: dict[str, Any]) -> str:
    reason = desc.get("failureReason") or desc["state"]
    message = desc.get("failureMessage") or ""
    return f"{desc['id']} {desc['state']}: {reason}" + (f": {message}" if message else "")


def watch_job(job_id: str, quiet: bool = False, options: WatchOptions | None = None) -> int:
    """Print ``job_id``'s log, following it until the job ends (unless ``options.follow`` is off).

    :param job_id: the job
    :param quiet: leave out the banner and final-state lines
    :param options: what to show and how (default :class:`WatchOptions`)
    :returns: 0 when the job is done (or still running without ``follow``), 3 when it failed or
        was terminated
    """
    import dxpy

    options = options or WatchOptions()
    info = options.job_info and not quiet and not options.raw
    desc = dxpy.api.job_describe(job_id, {"fields": {"name": True, "state": True, "id": True}})
    job_name = desc.get("name") or job_id
    if info:
        sys.stdout.write(f"Watching job {job_id}. Press Ctrl+C to stop watching.\n")
    reply = dxpy.api.job_get_log(job_id, {"afterSeq": 0, "limit": 10000})
    first = reply.get("logs") or []
    if options.recent is not None:
        first = first[-options.recent :] if options.recent > 0 else []
    _show(first, job_id, job_name, options)
    seq = reply.get("next", 0)
    state = reply.get("state")
    while options.follow:
        done = state in FINAL_STATES
        reply = dxpy.api.job_get_log(job_id, {"afterSeq": seq, "limit": 10000})
        logs = reply.get("logs") or []
        _show(logs, job_id, job_name, options)
        seq, state = reply.get("next", seq), reply.get("state")
        if done and not logs:
            break
        if not logs:
            time.sleep(_POLL_SECONDS)
    return _finish(job_id, info)


def _finish(job_id: str, info: bool) -> int:
    import dxpy

    desc = dxpy.api.job_describe(
        job_id,
        {"fields": {"id": True, "name": True, "state": True, "failureReason": True, "failureMessage": True}},
    )
    if desc["state"] in ("failed", "terminated"):
        sys.stderr.write(_failure_line(desc) + "\n")
        return 3
    if info and desc["state"] == "done":
        sys.stdout.write(f"* {desc.get('name') or job_id} ({desc['state']}) {job_id}\n")
    return 0
