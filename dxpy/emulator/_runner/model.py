"""Execution records (jobs and analyses): schema, state machine, logs and describe.

Every state change goes through :func:`set_state`, which checks the transition
against :data:`TRANSITIONS` and appends to ``stateTransitions``; this is what
keeps the describe output faithful to the platform's state machine.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from typing import Any, Callable, Optional, TextIO

from dxpy.emulator._data.store import dumps, loads, register_schema

__all__ = [
    "ACTIVE",
    "TERMINAL",
    "TRANSITIONS",
    "SCHEMA",
    "set_state",
    "get",
    "children",
    "append_logs",
    "read_logs",
    "InvalidTransition",
]

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS executions (
    id TEXT PRIMARY KEY,
    cls TEXT NOT NULL,
    user_id TEXT NOT NULL,
    project TEXT NOT NULL,
    folder TEXT NOT NULL DEFAULT '/',
    workspace TEXT,
    name TEXT NOT NULL,
    executable TEXT NOT NULL,
    executable_name TEXT NOT NULL DEFAULT '',
    function TEXT NOT NULL DEFAULT 'main',
    state TEXT NOT NULL,
    parent_job TEXT,
    origin_job TEXT,
    root_execution TEXT NOT NULL,
    parent_analysis TEXT,
    analysis TEXT,
    stage TEXT,
    runnable TEXT NOT NULL,
    original_input TEXT NOT NULL,
    run_input TEXT NOT NULL,
    input TEXT NOT NULL,
    output TEXT,
    depends_on TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    properties TEXT NOT NULL DEFAULT '{}',
    details TEXT NOT NULL DEFAULT '{}',
    transitions TEXT NOT NULL DEFAULT '[]',
    failure_reason TEXT,
    failure_message TEXT,
    failure_from TEXT,
    timeout_ms INTEGER,
    token_hash TEXT,
    pid INTEGER,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    started_running INTEGER,
    stopped_running INTEGER
);
CREATE INDEX IF NOT EXISTS executions_state ON executions(state);
CREATE INDEX IF NOT EXISTS executions_parent ON executions(parent_job);
CREATE INDEX IF NOT EXISTS executions_origin ON executions(origin_job);
CREATE INDEX IF NOT EXISTS executions_token ON executions(token_hash);
CREATE TABLE IF NOT EXISTS execution_logs (
    job_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    source TEXT NOT NULL,
    level TEXT NOT NULL,
    msg TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);
"""

register_schema(SCHEMA)

#: States a job or analysis may move to from each state.
TRANSITIONS: dict[str, frozenset] = {
    "idle": frozenset({"waiting_on_input", "runnable", "terminating", "terminated", "failed", "in_progress"}),
    "waiting_on_input": frozenset({"runnable", "terminating", "terminated", "failed"}),
    "runnable": frozenset({"running", "terminating", "terminated", "failed"}),
    "running": frozenset({"waiting_on_output", "done", "failed", "terminating"}),
    "waiting_on_output": frozenset({"done", "failed", "terminating"}),
    "in_progress": frozenset({"done", "failed", "terminating", "partially_failed"}),
    "partially_failed": frozenset({"failed", "terminating"}),
    "terminating": frozenset({"terminated", "failed"}),
    "done": frozenset(),
    "failed": frozenset(),
    "terminated": frozenset(),
}
TERMINAL = frozenset({"done", "failed", "terminated"})
#: States in which a job's process may exist.
ACTIVE = frozenset({"running", "terminating"})


class InvalidTransition(ValueError):
    """A state change the platform's state machine does not allow."""


def get(db: sqlite3.Connection, execution_id: str) -> Optional[sqlite3.Row]:
    """Load one execution row.

    :param db: a connection inside a transaction.
    :param execution_id: ``job-xxxx`` or ``analysis-xxxx``.
    :returns: the row or None.
    """
    return db.execute("SELECT * FROM executions WHERE id=?", (execution_id,)).fetchone()


def unfinished_tree(db: sqlite3.Connection, row: sqlite3.Row, skip: frozenset = frozenset()) -> list:
    """Return the unfinished rows of a job's tree: its origin job and every job under it.

    :param db: a connection inside a transaction.
    :param row: any job of the tree.
    :param skip: more states to leave out besides the terminal ones (e.g. ``terminating``).
    :returns: the rows whose state is neither terminal nor in *skip*.
    """
    origin = row["origin_job"] or row["id"]
    states = sorted(TERMINAL | skip)
    marks = ",".join("?" * len(states))
    return db.execute(
        f"SELECT * FROM executions WHERE (origin_job=? OR id=?) AND state NOT IN ({marks})",
        (origin, origin, *states),
    ).fetchall()


def children(db: sqlite3.Connection, job_id: str) -> list:
    """Return the rows of the direct subjobs of a job.

    :param db: a connection inside a transaction.
    :param job_id: the parent job.
    :returns: rows, oldest first.
    """
    return db.execute(
        "SELECT * FROM executions WHERE parent_job=? ORDER BY created, rowid", (job_id,)
    ).fetchall()


def set_state(db: sqlite3.Connection, execution_id: str, new_state: str, now_ms: int, **fields: Any) -> None:
    """Move an execution to ``new_state``, recording the transition.

    :param db: a connection inside a write transaction.
    :param execution_id: the execution.
    :param new_state: the target state.
    :param now_ms: the time of the change.
    :param fields: other columns to set at the same time (``failure_reason=...``).
    :raises InvalidTransition: when the state machine forbids the change.
    :raises KeyError: when the execution does not exist.
    """
    row = get(db, execution_id)
    if row is None:
        raise KeyError(execution_id)
    old = row["state"]
    if new_state != old and new_state not in TRANSITIONS[old]:
        raise InvalidTransition(f"{execution_id}: {old} -> {new_state}")
    transitions = loads(row["transitions"], [])
    if new_state != old:
        transitions.append({"newState": new_state, "setAt": now_ms})
    if new_state == "running":
        fields.setdefault("started_running", now_ms)
    if old == "running" and new_state != "running":
        fields.setdefault("stopped_running", now_ms)
    assignments = ", ".join(f"{key}=?" for key in fields)
    sql = "UPDATE executions SET state=?, transitions=?, modified=?" + (", " + assignments if fields else "")
    db.execute(sql + " WHERE id=?", (new_state, dumps(transitions), now_ms, *fields.values(), execution_id))
    logger.debug("%s: %s -> %s", execution_id, old, new_state)


def append_logs(db: sqlite3.Connection, job_id: str, entries: list) -> None:
    """Store log messages of a job (in order).

    :param db: a connection inside a write transaction.
    :param job_id: the job.
    :param entries: dicts with ``timestamp``, ``source``, ``level``, ``msg``.
    """
    if not entries:
        return
    row = db.execute("SELECT COALESCE(MAX(seq), 0) FROM execution_logs WHERE job_id=?", (job_id,)).fetchone()
    seq = int(row[0])
    rows = []
    for entry in entries:
        seq += 1
        rows.append(
            (
                job_id,
                seq,
                int(entry["timestamp"]),
                str(entry["source"]),
                str(entry["level"]),
                str(entry["msg"]),
            )
        )
    db.executemany(
        "INSERT INTO execution_logs (job_id, seq, timestamp, source, level, msg) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def read_logs(db: sqlite3.Connection, job_id: str, after_seq: int = 0, limit: int = 1000) -> list:
    """Read stored log messages of a job.

    :param db: a connection inside a transaction.
    :param job_id: the job.
    :param after_seq: return only messages with a larger sequence number.
    :param limit: the most messages returned.
    :returns: dicts with ``seq``, ``timestamp``, ``source``, ``level``, ``msg``.
    """
    rows = db.execute(
        "SELECT seq, timestamp, source, level, msg FROM execution_logs WHERE job_id=? AND seq>? "
        "ORDER BY seq LIMIT ?",
        (job_id, int(after_seq), int(limit)),
    ).fetchall()
    return [dict(r) for r in rows]


# -- the logs CLI (reads the state directory directly, read-only, without a token) -------------------


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
