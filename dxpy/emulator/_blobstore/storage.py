"""The emulator's "storage service": pre-signed part uploads and file downloads.

The API routes in :mod:`dxpy.emulator._routes.files` hand out URLs that point
here instead of at the API. Like the platform's cloud storage URLs they carry
their own credentials -- an HMAC-signed, expiring token made by
:meth:`ServerConfig.sign <dxpy.emulator._protocol.registry.ServerConfig.sign>` -- and must
be used **without** the API's ``Authorization`` header::

    PUT  /storage/upload/<file-id>/<index>/<token>         one part's bytes
    GET  /storage/download/<file-id>/<token>/<filename>    whole file or one Range
    HEAD /storage/download/<file-id>/<token>/<filename>    headers only

Errors are JSON documents shaped like API errors (``{"error": {"type",
"message"}}``): 400 ``BadRequest`` for an ``Authorization`` header or a malformed
request, 400 ``BadDigest`` for an MD5 mismatch, 403 ``PermissionDenied`` for a
forged or expired token, 404 ``ResourceNotFound`` for a deleted file, 411
``LengthRequired``, 416 ``RequestedRangeNotSatisfiable``, 422 ``InvalidState``
when the file is no longer open (upload) or not closed (download).

Storage URLs deliberately use a host name that differs *textually* from the API
host (``127.0.0.1`` <-> ``localhost``, same port), so that client tests notice a
client that sends its API token to a "foreign" host. The server option
``storage_host`` (:func:`server_option`: :attr:`ServerConfig.extra` or the
environment variable ``DX_EMULATOR_STORAGE_HOST``) controls it: ``"auto"``
(default, the swap above), ``"same"`` (the API host) or an explicit host name.

Part metadata lives in the ``file_parts`` table below; part bytes live in the
:class:`~dxpy.emulator._blobstore.blobs.BlobStore`. When a part row disappears (file
deleted, part replaced) a trigger queues its blob in ``blob_trash``, and
:func:`drain_trash` deletes those blobs after the transaction has committed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import re
import socket
import sqlite3
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler
from typing import Any, Optional, Union

from dxpy.emulator._blobstore.blobs import (
    BlobStore,
    DigestMismatchError,
    Segment,
    ShortBodyError,
    slices_for_range,
)
from dxpy.emulator._data.store import register_schema
from dxpy.emulator._protocol.errors import status_for
from dxpy.emulator._protocol.registry import ServerConfig, register_raw

logger = logging.getLogger(__name__)

UPLOAD_PREFIX = "/storage/upload/"
DOWNLOAD_PREFIX = "/storage/download/"

#: Lifetime of an upload URL.
UPLOAD_URL_TTL_MS = 3600 * 1000
#: Lifetime of a download URL that was not asked to be preauthenticated (dxpy
#: caches those for the life of a file handle, so make them long-lived).
PLAIN_DOWNLOAD_TTL_MS = 7 * 24 * 3600 * 1000
#: Default ``duration`` (seconds) of a preauthenticated download URL.
DEFAULT_PREAUTH_DURATION_S = 24 * 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS file_parts (
    file_id TEXT NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    state TEXT NOT NULL,
    size INTEGER,
    md5 TEXT,
    blob TEXT,
    updated INTEGER NOT NULL,
    PRIMARY KEY (file_id, idx)
);
CREATE TABLE IF NOT EXISTS blob_trash (
    blob TEXT PRIMARY KEY
);
CREATE TRIGGER IF NOT EXISTS file_parts_deleted AFTER DELETE ON file_parts
    WHEN old.blob IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO blob_trash(blob) VALUES (old.blob);
END;
CREATE TRIGGER IF NOT EXISTS file_parts_replaced AFTER UPDATE OF blob ON file_parts
    WHEN old.blob IS NOT NULL AND old.blob IS NOT new.blob
BEGIN
    INSERT OR IGNORE INTO blob_trash(blob) VALUES (old.blob);
END;
"""

register_schema(SCHEMA)

_STORES: dict[str, BlobStore] = {}
_STORES_LOCK = threading.Lock()
_MD5_HEX = re.compile(r"^[0-9a-f]{32}$")


def now_ms() -> int:
    """Return the wall clock in ms since the epoch.

    :returns: the time
    """
    return int(time.time() * 1000)


#: Environment variables supplying server options that are absent from ``ServerConfig.extra``.
OPTION_ENV = {
    "storage_host": "DX_EMULATOR_STORAGE_HOST",
    "file_close_delay_ms": "DX_EMULATOR_FILE_CLOSE_DELAY_MS",
}


def server_option(server: ServerConfig, name: str, default: Any = None) -> Any:
    """Read a files-related server option.

    ``ServerConfig.extra[name]`` wins; otherwise the environment variable named in
    :data:`OPTION_ENV` (so ``DX_EMULATOR_STORAGE_HOST=same python -m dxpy.emulator
    serve`` works); otherwise ``default``.

    :param server: the server configuration
    :param name: option name (a key of :data:`OPTION_ENV`)
    :param default: value when the option is set nowhere
    :returns: the option value (a string when it comes from the environment)
    """
    if server.extra.get(name) is not None:
        return server.extra[name]
    env_value = os.environ.get(OPTION_ENV.get(name, ""), "")
    return env_value if env_value else default


def blob_store(server: ServerConfig) -> BlobStore:
    """Return the blob store of a server (one instance per blob directory).

    :param server: the server configuration
    :returns: the :class:`BlobStore` rooted at ``server.blob_dir``
    """
    with _STORES_LOCK:
        store = _STORES.get(server.blob_dir)
        if store is None:
            store = _STORES[server.blob_dir] = BlobStore(server.blob_dir)
        return store


def storage_base_url(server: ServerConfig) -> str:
    """Return ``scheme://host:port`` for storage URLs (see the module docstring).

    :param server: the server configuration
    :returns: the base URL, without a trailing slash
    """
    parts = urllib.parse.urlsplit(server.base_url)
    host = parts.hostname or "127.0.0.1"
    option = str(server_option(server, "storage_host", "auto"))
    if option == "auto":
        host = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}.get(host, host)
    elif option != "same":
        host = option
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def md5_hex_to_b64(md5_hex: str) -> str:
    """Convert a hex MD5 to the base64 form used by ``Content-MD5``.

    :param md5_hex: 32 hex digits
    :returns: base64 of the 16 digest bytes
    """
    return base64.b64encode(bytes.fromhex(md5_hex)).decode("ascii")


def md5_b64_to_hex(value: str) -> Optional[str]:
    """Convert a ``Content-MD5`` header value to lowercase hex.

    :param value: base64 text
    :returns: 32 hex digits, or None when the value is not a base64 MD5
    """
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw.hex() if len(raw) == 16 else None


def is_md5_hex(value: object) -> bool:
    """Tell whether a value is 32 lowercase hex digits.

    :param value: anything
    :returns: True for a lowercase hex MD5
    """
    return isinstance(value, str) and bool(_MD5_HEX.match(value))


def make_upload_url(
    server: ServerConfig, file_id: str, index: int, size: Optional[int], md5: Optional[str], now_ms: int,
    max_size: Optional[int] = None,
) -> dict[str, Any]:
    """Build the output of ``/file-xxxx/upload``: a signed PUT URL and its headers.

    :param server: the server configuration
    :param file_id: the file
    :param index: part index
    :param size: announced part size, if any (then enforced on PUT)
    :param md5: announced lowercase hex MD5, if any (then enforced on PUT)
    :param now_ms: current time
    :param max_size: largest body accepted when ``size`` is not given (``maximumPartSize``)
    :returns: ``{"url", "expires", "headers"}``
    """
    expires = now_ms + UPLOAD_URL_TTL_MS
    payload = {"k": "u", "f": file_id, "i": index, "s": size, "m": md5, "x": max_size}
    token = server.sign(payload, expires)
    headers: dict[str, str] = {}
    if size is not None:
        headers["content-length"] = str(size)
    if md5 is not None:
        headers["content-md5"] = md5_hex_to_b64(md5)
    url = f"{storage_base_url(server)}{UPLOAD_PREFIX}{file_id}/{index}/{token}"
    return {"url": url, "expires": expires, "headers": headers}


def make_download_url(
    server: ServerConfig, file_id: str, filename: str, expires_ms: int, project: Optional[str]
) -> str:
    """Build a signed download URL.

    :param server: the server configuration
    :param file_id: the file
    :param filename: last path segment (quoted here)
    :param expires_ms: expiry time
    :param project: the container the URL was issued through (recorded in the token)
    :returns: the URL
    """
    # The name is signed: the Content-Disposition header is built from the token, never
    # from the (editable) last path segment.
    token = server.sign({"k": "d", "f": file_id, "p": project, "n": filename or file_id}, expires_ms)
    name = urllib.parse.quote(filename or file_id, safe="")
    return f"{storage_base_url(server)}{DOWNLOAD_PREFIX}{file_id}/{token}/{name}"


def redact_path(path: str) -> str:
    """Hide the signed token of a storage path, for logging.

    :param path: any request path
    :returns: the path with the token of a storage URL replaced by ``<token>``;
        other paths unchanged
    """
    for prefix, token_at in ((UPLOAD_PREFIX, 2), (DOWNLOAD_PREFIX, 1)):
        if path.startswith(prefix):
            pieces = path[len(prefix):].split("/")
            if len(pieces) > token_at:
                pieces[token_at] = "<token>"
            return prefix + "/".join(pieces)
    return path


# -- part table helpers ----------------------------------------------------------------------------


def part_rows(db: sqlite3.Connection, file_id: str) -> list[sqlite3.Row]:
    """Every part row of a file, in index order.

    :param db: connection
    :param file_id: the file
    :returns: rows with ``idx, state, size, md5, blob``
    """
    return db.execute(
        "SELECT idx, state, size, md5, blob FROM file_parts WHERE file_id=? ORDER BY idx", (file_id,)
    ).fetchall()


def segments(db: sqlite3.Connection, file_id: str) -> list[Segment]:
    """The complete parts of a file as blob segments, in index order.

    :param db: connection
    :param file_id: the file
    :returns: the segments making up the file's content
    """
    return [
        Segment(r["blob"], r["size"])
        for r in part_rows(db, file_id)
        if r["state"] == "complete" and r["blob"] is not None
    ]


def drain_trash(server: ServerConfig) -> int:
    """Delete the blobs queued in ``blob_trash`` (call outside any transaction).

    :param server: the server configuration (its store must be set)
    :returns: number of blobs removed
    """
    if server.store is None:
        return 0
    with server.store.write() as db:
        names = [r[0] for r in db.execute("SELECT blob FROM blob_trash").fetchall()]
        if names:
            db.execute("DELETE FROM blob_trash")
    store = blob_store(server)
    for name in names:
        store.delete(name)
    return len(names)


def sweep_blobs(server: ServerConfig) -> int:
    """Remove blobs no part row references (crash leftovers); run when no upload is in flight.

    :param server: the server configuration (its store must be set)
    :returns: number of files removed
    """
    if server.store is None:
        return 0
    drain_trash(server)
    with server.store.read() as db:
        keep = [r[0] for r in db.execute("SELECT blob FROM file_parts WHERE blob IS NOT NULL")]
    return blob_store(server).sweep(keep)


# -- raw request helpers --------------------------------------------------------------------------


def _send_error(
    h: BaseHTTPRequestHandler, error_type: str, message: str, status: Optional[int] = None,
    close: bool = False, extra_headers: Optional[dict[str, str]] = None,
) -> None:
    body = json.dumps({"error": {"type": error_type, "message": message}}).encode("utf-8")
    h.send_response(status or status_for(error_type))
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(body)))
    h.send_header("X-Content-Type-Options", "nosniff")
    for name, value in (extra_headers or {}).items():
        h.send_header(name, value)
    if close:
        # The request body was not read: the connection cannot be reused.
        h.close_connection = True
        h.send_header("Connection", "close")
    h.end_headers()
    if h.command != "HEAD":
        h.wfile.write(body)


def _no_delay(h: BaseHTTPRequestHandler) -> None:
    # Headers and body go out in separate writes; with Nagle's algorithm the
    # second one waits for the client's delayed ACK (~40 ms per request).
    sock = getattr(h, "connection", None)
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _reject_auth(h: BaseHTTPRequestHandler, has_body: bool) -> bool:
    _no_delay(h)
    if h.headers.get("Authorization") is None:
        return False
    logger.warning("rejected a storage request carrying an Authorization header")
    _send_error(
        h, "BadRequest",
        "Pre-signed storage URLs carry their own credentials: do not send an Authorization header "
        "(the API token must never be sent to storage URLs)",
        close=has_body,
    )
    return True


def _token_payload(
    h: BaseHTTPRequestHandler, server: ServerConfig, segments_: list[str], kind: str, has_body: bool
) -> Optional[dict[str, Any]]:
    """Verify the token in a storage path; on failure answer 403 and return None."""
    token_at = {"u": 2, "d": 1}[kind]
    payload = server.verify(segments_[token_at]) if segments_ else None
    if payload is None or payload.get("k") != kind or payload.get("f") != segments_[0]:
        _send_error(
            h, "PermissionDenied", "The pre-signed URL is invalid or has expired; request a new one",
            status=403, close=has_body,
        )
        return None
    return payload


def _split(path: str, prefix: str, count: int) -> list[str]:
    rest = path[len(prefix):]
    pieces = rest.split("/")
    return pieces if len(pieces) == count and all(pieces[: count - 1]) else []


# -- PUT (part upload) ------------------------------------------------------------------------------


def _upload_length(h: BaseHTTPRequestHandler, payload: dict[str, Any]) -> Union[int, str]:
    """The body length to read, or an error message (str)."""
    if "chunked" in (h.headers.get("Transfer-Encoding") or "").lower():
        return "chunked uploads are not supported; send Content-Length"
    raw = h.headers.get("Content-Length")
    if raw is None:
        return "Content-Length is required"
    try:
        length = int(raw)
    except ValueError:
        return "Content-Length is not an integer"
    if length < 0:
        return "Content-Length is negative"
    want = payload.get("s")
    if want is not None and length != want:
        return f"Content-Length {length} differs from the part size {want} given to /upload"
    limit = payload.get("x")
    if want is None and isinstance(limit, int) and length > limit:
        return f"Content-Length {length} exceeds the maximum part size {limit}"
    return length


def _expected_md5(h: BaseHTTPRequestHandler, payload: dict[str, Any]) -> Union[Optional[str], bool]:
    """The MD5 the body must have; False when the header and the token disagree or it is malformed."""
    header = h.headers.get("Content-MD5")
    announced = payload.get("m")
    if header is None:
        return announced
    from_header = md5_b64_to_hex(header)
    if from_header is None or (announced is not None and from_header != announced):
        return False
    return from_header


def handle_put(h: BaseHTTPRequestHandler, path: str, server: ServerConfig) -> None:
    """Raw handler: store one part uploaded to a pre-signed URL.

    :param h: the request handler
    :param path: request path
    :param server: the server configuration
    """
    if _reject_auth(h, True):
        return
    pieces = _split(path, UPLOAD_PREFIX, 3)
    payload = _token_payload(h, server, pieces, "u", True)
    if payload is None:
        return
    if str(payload.get("i")) != pieces[1]:
        _send_error(h, "PermissionDenied", "The pre-signed URL is invalid", status=403, close=True)
        return
    length = _upload_length(h, payload)
    if isinstance(length, str):
        kind = "LengthRequired" if "required" in length or "chunked" in length else "BadRequest"
        _send_error(h, kind, length, close=True)
        return
    expected = _expected_md5(h, payload)
    if expected is False:
        _send_error(h, "BadDigest", "Content-MD5 is malformed or differs from the MD5 given to /upload",
                    close=True)
        return
    assert expected is not True
    _receive_part(h, server, payload["f"], int(payload["i"]), length, expected)


def _receive_part(
    h: BaseHTTPRequestHandler, server: ServerConfig, file_id: str, index: int, length: int,
    expected: Optional[str],
) -> None:
    assert server.store is not None
    with server.store.read() as db:
        row = db.execute("SELECT state FROM objects WHERE id=?", (file_id,)).fetchone()
    problem = _upload_state_problem(file_id, row)
    if problem is not None:
        _send_error(h, problem[0], problem[1], close=True)
        return
    store = blob_store(server)
    try:
        blob = store.receive(h.rfile, length, expected)  # type: ignore[arg-type]
    except (ShortBodyError, ConnectionError, TimeoutError) as exc:
        # The client went away (or stalled) mid-body: nothing was stored and
        # there is nobody to answer.
        logger.info("upload of %s part %d aborted: %s", file_id, index, exc)
        h.close_connection = True
        return
    except DigestMismatchError as exc:
        _send_error(h, "BadDigest", f"The part's bytes do not match the expected MD5: {exc}")
        return
    problem = _commit_part(server, file_id, index, blob.size, blob.md5, blob.name)
    if problem is not None:
        store.delete(blob.name)
        _send_error(h, problem[0], problem[1])
        return
    drain_trash(server)
    h.send_response(200)
    h.send_header("ETag", f'"{blob.md5}"')
    h.send_header("Content-Length", "0")
    h.end_headers()


def _upload_state_problem(file_id: str, row: Optional[sqlite3.Row]) -> Optional[tuple[str, str]]:
    if row is None:
        return "ResourceNotFound", f"The file {file_id} no longer exists"
    if row["state"] != "open":
        return "InvalidState", f"{file_id} is not in the open state"
    return None


def _commit_part(
    server: ServerConfig, file_id: str, index: int, size: int, md5: str, blob: str
) -> Optional[tuple[str, str]]:
    assert server.store is not None
    now = now_ms()
    with server.store.write() as db:
        row = db.execute("SELECT state FROM objects WHERE id=?", (file_id,)).fetchone()
        problem = _upload_state_problem(file_id, row)
        if problem is not None:
            return problem
        db.execute(
            "INSERT INTO file_parts(file_id, idx, state, size, md5, blob, updated)"
            " VALUES (?, ?, 'complete', ?, ?, ?, ?)"
            " ON CONFLICT(file_id, idx) DO UPDATE SET state='complete', size=excluded.size,"
            " md5=excluded.md5, blob=excluded.blob, updated=excluded.updated",
            (file_id, index, size, md5, blob, now),
        )
    return None


# -- GET / HEAD (download) -------------------------------------------------------------------------


def parse_range(header: Optional[str], size: int) -> Union[None, tuple[int, int], str]:
    """Interpret a ``Range`` header against a body of ``size`` bytes.

    Only a single ``bytes=`` range is honoured; a header that is malformed, uses
    another unit or lists several ranges is ignored (the whole body is served,
    as RFC 9110 allows).

    :param header: the header value or None
    :param size: body size
    :returns: None (serve everything), ``(start, end)`` inclusive, or ``"unsatisfiable"``
    """
    if not header:
        return None
    match = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", header)
    if match is None or (not match.group(1) and not match.group(2)):
        return None
    first, last = match.group(1), match.group(2)
    if not first:  # suffix range: the last N bytes
        count = int(last)
        if count == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - count), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, min(end, size - 1)


def _load_download(server: ServerConfig, file_id: str) -> Union[tuple[str, list[Segment]], tuple[str, str]]:
    """(media, segments) for a downloadable file, or (error type, message)."""
    assert server.store is not None
    with server.store.read() as db:
        row = db.execute("SELECT state, extra FROM objects WHERE id=?", (file_id,)).fetchone()
        if row is None:
            return "ResourceNotFound", f"The file {file_id} could not be found"
        extra = json.loads(row["extra"] or "{}")
        if row["state"] != "closed":
            return "InvalidState", f"{file_id} is not in the closed state"
        if extra.get("archivalState", "live") != "live":
            return "InvalidState", f"{file_id} is archived and cannot be downloaded"
        return str(extra.get("media") or "application/octet-stream"), segments(db, file_id)


def handle_get(h: BaseHTTPRequestHandler, path: str, server: ServerConfig) -> None:
    """Raw handler: serve a closed file (whole, or one ``Range``) from a pre-signed URL.

    Also used for HEAD (same headers, no body).

    :param h: the request handler
    :param path: request path
    :param server: the server configuration
    """
    if _reject_auth(h, False):
        return
    pieces = _split(path, DOWNLOAD_PREFIX, 3)
    payload = _token_payload(h, server, pieces, "d", False)
    if payload is None:
        return
    file_id = pieces[0]
    loaded = _load_download(server, file_id)
    if isinstance(loaded[1], str):
        _send_error(h, loaded[0], loaded[1])
        return
    media, segs = loaded[0], loaded[1]
    size = sum(s.size for s in segs)
    wanted = parse_range(h.headers.get("Range"), size)
    if isinstance(wanted, str):
        _send_error(h, "RequestedRangeNotSatisfiable", f"Range not satisfiable for a {size}-byte file",
                    extra_headers={"Content-Range": f"bytes */{size}"})
        return
    filename = str(payload.get("n") or file_id)
    start, end = (0, size - 1) if wanted is None else wanted
    h.send_response(200 if wanted is None else 206)
    h.send_header("Content-Type", media)
    h.send_header("Content-Length", str(end - start + 1))
    h.send_header("Accept-Ranges", "bytes")
    if wanted is not None:
        h.send_header("Content-Range", f"bytes {start}-{end}/{size}")
    h.send_header("Content-Disposition", _disposition(filename))
    h.end_headers()
    if h.command == "HEAD" or end < start:
        return
    _send_slices(h, server, slices_for_range(segs, start, end))


def _disposition(filename: str) -> str:
    """An RFC 6266 ``Content-Disposition``: the exact name percent-encoded in ``filename*``, and
    a plain fallback of printable ASCII only (no CR/LF, quotes or backslashes can get through)."""
    fallback = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in filename) or "download"
    quoted = urllib.parse.quote(filename, safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quoted}"


def _send_slices(h: BaseHTTPRequestHandler, server: ServerConfig, slices: list[Any]) -> None:
    """Write blob slices to the client; zero-copy ``sendfile`` when writing to a plain socket."""
    store = blob_store(server)
    sock = getattr(h, "connection", None)
    direct = sock is not None and type(h.wfile).__name__ == "_SocketWriter" and hasattr(sock, "sendfile")
    try:
        for piece in slices:
            if direct:
                with open(store.path(piece.name), "rb") as src:
                    sent = sock.sendfile(src, piece.offset, piece.length)  # type: ignore[union-attr]
                if sent != piece.length:
                    raise OSError(f"sent {sent} of {piece.length} bytes")
            else:
                for chunk in store.read_slices([piece]):
                    h.wfile.write(chunk)
    except OSError as exc:
        # The client went away or the blob vanished mid-body: the response cannot
        # be completed, so the connection must not be reused.
        logger.info("download body interrupted: %s", exc)
        h.close_connection = True


register_raw("PUT", UPLOAD_PREFIX, handle_put)
register_raw("GET", DOWNLOAD_PREFIX, handle_get)
register_raw("HEAD", DOWNLOAD_PREFIX, handle_get)


def file_path_for_tests(server: ServerConfig, blob: str) -> str:
    """Filesystem path of a blob (lets tests corrupt stored parts on purpose).

    :param server: the server configuration
    :param blob: blob name from ``file_parts.blob``
    :returns: the path
    """
    return os.fspath(blob_store(server).path(blob))
