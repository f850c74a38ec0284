"""``GET /job-xxxx/getLog/websocket``: a job's log streamed over a WebSocket, as the platform does.

Clients such as upstream's ``dx watch`` open a WebSocket (RFC 6455) on that path, send one JSON
message with ``access_token`` (and optionally ``levels``, ``numRecentMessages``, ``tail``), then
receive one JSON text message per log line (``job``, ``timestamp``, ``source``, ``level``,
``line``, ``msg``). With ``tail`` (the default) the stream follows the job until it reaches a
final state; it ends with a ``{"source": "SYSTEM", "msg": "END_LOG"}`` message and a normal
close (1000). An error (bad token, no access, unknown job) closes with code 4000 and the platform
error document (``{"type", "message"}``) as the close reason; a server shutting down closes with
1001 so that clients reconnect.

The lines are read through the ``/job-xxxx/getLog`` API route, with the token the client sent,
so authentication and permissions are exactly those of the route. ``recurseJobs`` is not
honoured: only the job's own log is streamed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import struct
from http.server import BaseHTTPRequestHandler
from typing import Any, Optional

__all__ = ["match_log_stream", "serve_log_stream"]

logger = logging.getLogger(__name__)

_PATH = re.compile(r"^/(job-[0-9A-Za-z]{24})/getLog/websocket$")
_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # fixed by RFC 6455 for the handshake
_FINAL = {"done", "failed", "terminated"}
_POLL_S = 0.2
_PAGE = 1000
_MAX_CLIENT_MESSAGE = 64 * 1024
_TEXT, _CLOSE, _PING, _PONG = 0x1, 0x8, 0x9, 0xA


class _Closed(Exception):
    """The client closed the connection (or sent something unreadable)."""


def match_log_stream(method: str, path: str) -> Optional[str]:
    """The job whose log a request asks to stream, if it is such a request.

    :param method: the HTTP method.
    :param path: the request path without query string.
    :returns: the job ID, or None for any other request.
    """
    found = _PATH.match(path) if method == "GET" else None
    return found.group(1) if found else None


def serve_log_stream(handler: BaseHTTPRequestHandler, job_id: str) -> None:
    """Upgrade the connection to a WebSocket and stream *job_id*'s log (see the module docstring).

    :param handler: the request handler (its server has ``app`` with ``dispatcher`` and ``stopping``).
    :param job_id: the job.
    """
    from dxpy.emulator._protocol.errors import APIError
    from dxpy.emulator._protocol.server import send_api_error

    key = handler.headers.get("Sec-WebSocket-Key", "").strip()
    if handler.headers.get("Upgrade", "").lower() != "websocket" or not key:
        handler.close_connection = True
        error = APIError("InvalidInput", "getLog/websocket expects a WebSocket upgrade request")
        send_api_error(handler, error)
        return
    accept = base64.b64encode(hashlib.sha1((key + _GUID).encode("ascii")).digest()).decode("ascii")
    handler.close_connection = True
    handler.send_response(101, "Switching Protocols")
    handler.send_header("Upgrade", "websocket")
    handler.send_header("Connection", "Upgrade")
    handler.send_header("Sec-WebSocket-Accept", accept)
    handler.end_headers()
    handler.wfile.flush()
    try:
        params = json.loads(_read_message(handler))
        if not isinstance(params, dict):
            raise ValueError("not an object")
    except (_Closed, OSError):
        return
    except ValueError:
        _close(handler, 4000, {"type": "InvalidInput", "message": "expected a JSON object"})
        return
    try:
        code, reason = _stream(handler, job_id, params)
        _close(handler, code, reason)
    except OSError:
        logger.debug("log stream of %s: the client went away", job_id)


def _stream(handler: BaseHTTPRequestHandler, job_id: str, params: dict) -> tuple[int, Any]:
    """Send the log lines; returns the close code and reason."""
    app: Any = handler.server.app  # type: ignore[attr-defined]
    levels = params.get("levels")
    recent = params.get("numRecentMessages")
    after, first = 0, True
    while True:
        lines: list = []
        while True:  # every page written so far
            status, doc = _fetch(handler, job_id, str(params.get("access_token", "")), after)
            if status != 200:
                return 4000, doc.get("error", {})
            lines += [e for e in doc["logs"] if not levels or e["level"] in levels]
            after = doc["next"]
            if len(doc["logs"]) < _PAGE:
                break
        if first and isinstance(recent, int) and recent > 0:
            lines = lines[-recent:]
        first = False
        for entry in lines:
            message = {"job": job_id, "timestamp": entry["timestamp"], "source": entry["source"],
                       "level": entry["level"], "line": entry["seq"], "msg": entry["msg"]}
            _send(handler, _TEXT, json.dumps(message).encode("utf-8"))
        if doc["state"] in _FINAL or params.get("tail", True) is False:
            end = {"job": job_id, "source": "SYSTEM", "level": "INFO", "msg": "END_LOG", "timestamp": 0}
            _send(handler, _TEXT, json.dumps(end).encode("utf-8"))
            return 1000, None
        if app.stopping.wait(_POLL_S):
            return 1001, "Server restart, please reconnect later"


def _fetch(handler: BaseHTTPRequestHandler, job_id: str, token: str, after: int) -> tuple[int, dict]:
    """One page of the job's log through the ``getLog`` route, as the client's token allows."""
    app: Any = handler.server.app  # type: ignore[attr-defined]
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    body = json.dumps({"afterSeq": after, "limit": _PAGE}).encode("utf-8")
    peer = handler.client_address[0]
    status, payload, _ = app.dispatcher.dispatch(f"/{job_id}/getLog", body, headers, peer)
    return status, json.loads(payload)


def _read_exact(handler: BaseHTTPRequestHandler, size: int) -> bytes:
    data = handler.rfile.read(size)
    if len(data) < size:
        raise _Closed()
    return data


def _read_message(handler: BaseHTTPRequestHandler) -> bytes:
    """The payload of the client's next data frame (pings are answered, a close ends the stream)."""
    while True:
        head = _read_exact(handler, 2)
        opcode, size = head[0] & 0x0F, head[1] & 0x7F
        if size == 126:
            size = struct.unpack("!H", _read_exact(handler, 2))[0]
        elif size == 127:
            size = struct.unpack("!Q", _read_exact(handler, 8))[0]
        if size > _MAX_CLIENT_MESSAGE:
            raise _Closed()
        mask = _read_exact(handler, 4) if head[1] & 0x80 else b""
        data = _read_exact(handler, size)
        if mask:
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        if opcode == _CLOSE:
            raise _Closed()
        if opcode == _PING:
            _send(handler, _PONG, data)
        elif opcode != _PONG:
            return data


def _send(handler: BaseHTTPRequestHandler, opcode: int, payload: bytes) -> None:
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, size)
    handler.wfile.write(head + payload)
    handler.wfile.flush()


def _close(handler: BaseHTTPRequestHandler, code: int, reason: Any) -> None:
    """Send a close frame; an error reason is the platform's error document, cut to fit a frame."""
    if isinstance(reason, dict):
        kind, message = str(reason.get("type", "Error")), str(reason.get("message", ""))
        text = json.dumps({"type": kind, "message": message})
        while len(text.encode("utf-8")) > 123 and message:
            message = message[:-8]
            text = json.dumps({"type": kind, "message": message})
    else:
        text = reason or ""
    try:
        _send(handler, _CLOSE, struct.pack("!H", code) + text.encode("utf-8")[:123])
    except OSError:
        logger.debug("log stream: could not send the close frame", exc_info=True)
