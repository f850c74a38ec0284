"""Execution records (jobs and analyses): schema, state machine, logs and describe.

Every state change goes through :func:`set_state`, which checks the transition
against :data:`TRANSITIONS` and appends to ``stateTransitions``; this is what
keeps the describe output faithful to the platform's state machine.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Optional

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
