"""``dx watch`` (follow a job's log) and ``dx terminate`` (stop jobs and analyses)."""

from __future__ import annotations

import argparse
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
        help="Watch the log of a job",
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
        "terminate", help="Terminate jobs or analyses", description="Terminate one or more jobs or analyses."
    )
    t.add_argument("jobid", nargs="+", help="ID of a job or analysis")
    t.set_defaults(func=terminate)


def _options(args: argparse.Namespace) -> Any:
    from ._watch import DEFAULT_FORMAT, WatchOptions

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
    from ._watch import watch_job

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
