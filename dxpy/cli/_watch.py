"""Following a job's log for ``dx watch`` and ``dx run --watch``.

The log is read with ``/job-xxxx/getLog`` (paged by ``afterSeq``), polling until the
job reaches a final state and every message has been shown.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
