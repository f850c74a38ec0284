"""The emulator's SQLite store: schema registry, connections and transactions.

Route modules declare their tables at import time::

    register_schema('''
        CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, details TEXT NOT NULL);
    ''')

and the dispatcher runs each handler inside :meth:`Store.write` (``BEGIN
IMMEDIATE``) or, for read-only routes, :meth:`Store.read` (a deferred
transaction). JSON values are stored as TEXT (see :func:`dumps` / :func:`loads`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

__all__ = ["Store", "register_schema", "registered_schemas", "dumps", "loads", "CORE_SCHEMA"]

logger = logging.getLogger(__name__)

_SCHEMAS: list[str] = []
_SCHEMAS_LOCK = threading.Lock()

#: Seconds a connection waits for another *process* holding the database lock.
BUSY_TIMEOUT_MS = 30000


def register_schema(ddl: str) -> None:
    """Declare tables/indexes that the store creates when it opens.

    Call at module import time. The DDL must be idempotent (``CREATE TABLE IF
    NOT EXISTS`` / ``CREATE INDEX IF NOT EXISTS``); it is run with
    ``executescript`` on every open, in registration order, and on an already
    open store before its next transaction.

    :param ddl: one or more SQL statements.
    """
    with _SCHEMAS_LOCK:
        if ddl not in _SCHEMAS:
            _SCHEMAS.append(ddl)


def registered_schemas() -> list[str]:
    """Return a copy of the registered DDL scripts, in registration order.

    :returns: the list of DDL strings.
    """
    with _SCHEMAS_LOCK:
        return list(_SCHEMAS)


def dumps(value: Any) -> str:
    """Serialise a JSON value for a TEXT column (compact, key order preserved).

    :param value: any JSON-able value.
    :returns: the JSON text.
    """
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def loads(text: Optional[str], default: Any = None) -> Any:
    """Parse a TEXT column written by :func:`dumps`.

    :param text: the column value (None gives ``default``).
    :param default: value returned for NULL.
    :returns: the parsed JSON value.
    """
    if text is None:
        return default
    return json.loads(text)


#: Tables owned by the core: emulator metadata, users, tokens and nonces.
CORE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    first TEXT NOT NULL DEFAULT '',
    middle TEXT NOT NULL DEFAULT '',
    last TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL,
    admin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS tokens_user ON tokens(user_id);
CREATE TABLE IF NOT EXISTS nonces (
    user_id TEXT NOT NULL,
    route TEXT NOT NULL,
    nonce TEXT NOT NULL,
    input TEXT NOT NULL,
    response TEXT NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (user_id, route, nonce)
);
CREATE INDEX IF NOT EXISTS nonces_created ON nonces(created);
"""

register_schema(CORE_SCHEMA)


class Store:
    """A SQLite database shared by all server threads, one connection per thread.

    :param path: database file path (``":memory:"`` is not supported because
        every thread opens its own connection).
    """

    def __init__(self, path: str) -> None:
        self.path = str(path)
        self._local = threading.local()
        # One process-wide writer at a time: SQLite allows a single writer anyway,
        # and queueing here (instead of in SQLite's busy handler, which polls with
        # sleeps and can give up) is what keeps "database is locked" away from
        # many concurrent clients.
        self._write_lock = threading.RLock()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._applied = 0
        self._closed = False
        with self.write():
            pass

    # -- connections -------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000.0,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,  # only so close() may run on another thread
        )
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # With WAL, synchronous=NORMAL fsyncs only at checkpoints: a committed
        # transaction is in the WAL file (in the OS page cache) before COMMIT
        # returns, so a killed *process* (kill -9) never loses an acknowledged
        # write and never corrupts the database. Only an OS crash or power loss
        # could drop the last commits, which is acceptable for an emulator.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        with self._conns_lock:
            self._conns.append(conn)
        return conn

    def connection(self) -> sqlite3.Connection:
        """Return this thread's connection, opening it on first use.

        :returns: a connection in autocommit mode (no implicit transactions).
        :raises RuntimeError: if the store was closed.
        """
        if self._closed:
            raise RuntimeError("store is closed")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def release(self) -> None:
        """Close the calling thread's connection, if it has one.

        Server threads call this when they end, so that short-lived threads do
        not pile up open connections (and file descriptors).
        """
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._conns_lock:
            if conn not in self._conns:
                return  # close() took it and closes it: closing it here too would race (SIGBUS on 3.9)
            self._conns.remove(conn)
        try:
            conn.close()
        except sqlite3.Error:  # pragma: no cover - closing is best effort
            logger.debug("error closing a connection", exc_info=True)

    def open_connections(self) -> int:
        """Count the connections currently open (one per thread that used the store).

        :returns: the number.
        """
        with self._conns_lock:
            return len(self._conns)

    def _apply_schemas(self, conn: sqlite3.Connection) -> None:
        schemas = registered_schemas()
        if self._applied >= len(schemas):
            return
        for ddl in schemas[self._applied:]:
            conn.executescript(ddl)
        self._applied = len(schemas)

    # -- transactions -----------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Run a block inside a write transaction (``BEGIN IMMEDIATE``).

        Commits when the block exits normally, rolls back on any exception
        (which is re-raised). Nested use on the same thread is not supported.

        :returns: a context manager yielding the thread's connection.
        """
        with self._write_lock:
            conn = self.connection()
            if self._applied < len(_SCHEMAS):
                self._apply_schemas(conn)
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Run a block inside a read (deferred) transaction: one consistent snapshot.

        :returns: a context manager yielding the thread's connection.
        """
        if self._applied < len(_SCHEMAS):
            with self.write():
                pass
        conn = self.connection()
        # A write inside a read transaction would have to upgrade its lock outside
        # the process-wide write lock, which SQLite may refuse at once with
        # "database is locked"; query_only turns such a bug into a clear error.
        conn.execute("PRAGMA query_only=ON")
        conn.execute("BEGIN")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()
        finally:
            conn.execute("PRAGMA query_only=OFF")

    # -- misc -------------------------------------------------------------

    def get_meta(self, conn: sqlite3.Connection, key: str) -> Optional[str]:
        """Read a value from the ``meta`` key/value table.

        :param conn: a connection inside a transaction.
        :param key: the key.
        :returns: the value or None.
        """
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        """Write a value into the ``meta`` key/value table.

        :param conn: a connection inside a write transaction.
        :param key: the key.
        :param value: the value.
        """
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def delete_meta(self, conn: sqlite3.Connection, key: str) -> None:
        """Remove a key from the ``meta`` table (absent keys are fine).

        :param conn: a connection inside a write transaction.
        :param key: the key.
        """
        conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    def integrity_check(self) -> str:
        """Run ``PRAGMA integrity_check``.

        :returns: ``"ok"`` for a healthy database, else SQLite's report.
        """
        with self.read() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    def close(self) -> None:
        """Close every connection opened by any thread (the store is unusable after)."""
        self._closed = True
        with self._conns_lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            try:
                conn.close()
            except sqlite3.Error:  # pragma: no cover - closing is best effort
                logger.debug("error closing a connection", exc_info=True)

    def __repr__(self) -> str:
        return f"Store({self.path!r})"
