"""``python -m dxpy.emulator logs JOB_ID [-f]``: print (and follow) a job's log from the state directory.

It reads the emulator's SQLite file directly (read-only, concurrently with a
running server), so it needs no token.
"""

from __future__ import annotations

import os
import sqlite3
import time
from typing import Callable, TextIO

__all__ = ["print_logs", "format_entry"]

TERMINAL = ("done", "failed", "terminated")


def format_entry(job_id: str, entry: dict) -> str:
    """One log line as printed by the CLI.

    :param job_id: the job.
    :param entry: a stored message (``timestamp``, ``level``, ``msg``).
    :returns: the line (without newline).
    """
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(entry["timestamp"] / 1000.0))
    return f"{stamp} {job_id} {entry['level']} {entry['msg']}"


def print_logs(
    db_path: str,
    job_id: str,
    follow: bool,
    out: TextIO,
    poll_s: float = 0.2,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Print a job's messages; with ``follow``, keep printing until the job finishes.

    :param db_path: the emulator's database file.
    :param job_id: the job.
    :param follow: wait for new messages until the job is done, failed or terminated.
    :param out: where to write.
    :param poll_s: seconds between polls when following.
    :param sleep: the sleep function (tests inject one).
    :returns: 0, or 1 when the job does not exist, or 3 when the followed job failed or was terminated.
    """
    if not os.path.exists(db_path):
        out.write(f"no emulator state at {db_path}\n")
        return 1
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        seq = 0
        while True:
            state_row = conn.execute("SELECT state FROM executions WHERE id=?", (job_id,)).fetchone()
            if state_row is None:
                out.write(f"{job_id}: no such job\n")
                return 1
            rows = conn.execute(
                "SELECT seq, timestamp, level, msg FROM execution_logs WHERE job_id=? AND seq>? ORDER BY seq",
                (job_id, seq),
            ).fetchall()
            for row in rows:
                out.write(format_entry(job_id, dict(row)) + "\n")
                seq = row["seq"]
            out.flush()
            state = state_row["state"]
            if not follow or (state in TERMINAL and not rows):
                return 0 if state not in ("failed", "terminated") or not follow else 3
            sleep(poll_s)
    finally:
        conn.close()
