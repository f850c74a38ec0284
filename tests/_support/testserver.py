"""A scripted HTTP/1.1 server for transport tests.

Each incoming request consumes one *action* from a FIFO queue; with an empty
queue the server answers ``200 {}`` as JSON.  Every request is recorded.

Usage::

    server.queue(reply(503, json={...}, headers={"Retry-After": "2"}), reply(200, json={"ok": 1}))
    ... make calls against server.url ...
    assert server.requests[0].json() == {...}

Actions are produced by the helpers :func:`reply`, :func:`drop`,
:func:`truncate`, :func:`delay`, :func:`raw` and :func:`handler`.
"""

from __future__ import annotations

import contextlib
import json as _json
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union

#: The token the ``dx_test_context`` fixture installs (tests grep logs and errors for it).
TEST_TOKEN = "tok-TESTSECRET-0123456789abcdef"

__all__ = [
    "TEST_TOKEN",
    "Action",
    "RecordedRequest",
    "ScriptedServer",
    "delay",
    "drop",
    "handler",
    "raw",
    "reply",
    "truncate",
]


@dataclass
class RecordedRequest:
    """One request as the server saw it.

    :param method: HTTP method, e.g. ``"POST"``.
    :param path: request target (path plus query string) as sent.
    :param headers: header names in lower case -> value (last one wins).
    :param body: the decoded request body (chunked transfer already removed).
    :param client_port: the client's TCP port (same port = same kept-alive connection).
    """

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_port: int = 0
    received_at: float = field(default_factory=time.monotonic)

    def json(self) -> Any:
        """Parse the body as JSON.

        :returns: the decoded JSON value.
        :raises ValueError: if the body is not JSON.
        """
        return _json.loads(self.body.decode("utf-8"))

    @property
    def query(self) -> str:
        """The query string (without ``?``), or ``""``."""
        return self.path.partition("?")[2]


@dataclass
class Action:
    """What the server does with one request (build with the helper functions).

    :param kind: one of ``reply``, ``drop``, ``truncate``, ``raw``, ``handler``.
    """

    kind: str
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    claimed_length: Optional[int] = None
    content_length: bool = True
    close: bool = False
    delay: float = 0.0
    func: Optional[Callable[[RecordedRequest], Action]] = None


def reply(
    status: int = 200,
    json: Any = None,
    body: Union[bytes, str, None] = None,
    headers: Optional[Mapping[str, str]] = None,
    content_length: bool = True,
    close: bool = False,
) -> Action:
    """Answer with a status, a body and headers.

    :param status: HTTP status code.
    :param json: a JSON value for the body (sets ``Content-Type: application/json``).
    :param body: raw body bytes/str instead of ``json``.
    :param headers: extra response headers (override the defaults).
    :param content_length: when False, send no Content-Length and close the connection
        after the body (the body is delimited by connection close).
    :param close: send ``Connection: close`` and close after answering.
    :returns: the action.
    """
    hdrs: dict[str, str] = {}
    if json is not None:
        payload = _json.dumps(json).encode("utf-8")
        hdrs["Content-Type"] = "application/json"
    elif body is not None:
        payload = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    else:
        payload = b"{}" if status < 300 else b""
        if status < 300:
            hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    return Action("reply", status=status, body=payload, headers=hdrs,
                  content_length=content_length, close=close or not content_length)


def error_reply(status: int, error_type: str, message: str = "", details: Any = None,
                headers: Optional[Mapping[str, str]] = None) -> Action:
    """Answer with a platform-style error JSON ``{"error": {"type", "message"[, "details"]}}``.

    :param status: HTTP status code.
    :param error_type: the platform error type, e.g. ``"ResourceNotFound"``.
    :param message: the error message.
    :param details: optional details value.
    :param headers: extra response headers.
    :returns: the action.
    """
    err: dict[str, Any] = {"type": error_type, "message": message}
    if details is not None:
        err["details"] = details
    return reply(status, json={"error": err}, headers=headers)


def drop() -> Action:
    """Read the request, then close the socket without answering.

    :returns: the action.
    """
    return Action("drop")


def truncate(body: Union[bytes, str], claimed_length: int, status: int = 200,
             headers: Optional[Mapping[str, str]] = None) -> Action:
    """Claim ``Content-Length: claimed_length`` but send only ``body`` then close.

    :param body: the bytes actually sent.
    :param claimed_length: the Content-Length header value.
    :param status: HTTP status code.
    :param headers: extra headers (default ``Content-Type: application/json``).
    :returns: the action.
    """
    hdrs = {"Content-Type": "application/json"}
    hdrs.update(headers or {})
    data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    return Action("truncate", status=status, body=data, headers=hdrs, claimed_length=claimed_length)


def delay(seconds: float, then_action: Optional[Action] = None) -> Action:
    """Wait ``seconds`` after reading the request, then perform ``then_action``.

    :param seconds: how long to wait (real time; keep it small in tests).
    :param then_action: what to do afterwards (default ``reply()``).
    :returns: the action.
    """
    base = then_action if then_action is not None else reply()
    return Action(base.kind, status=base.status, body=base.body, headers=dict(base.headers),
                  claimed_length=base.claimed_length, content_length=base.content_length,
                  close=base.close, delay=base.delay + seconds, func=base.func)


def raw(data: Union[bytes, str], close: bool = True) -> Action:
    """Write ``data`` verbatim to the socket (a hand-made response), then close by default.

    :param data: the exact bytes to write.
    :param close: close the connection afterwards.
    :returns: the action.
    """
    payload = data.encode("latin-1") if isinstance(data, str) else bytes(data)
    return Action("raw", body=payload, close=close)


def handler(func: Callable[[RecordedRequest], Action]) -> Action:
    """Compute the action from the request (``func(request) -> Action``).

    :param func: a callable given the recorded request.
    :returns: the action.
    """
    return Action("handler", func=func)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        if self.headers.get("Expect", "").lower() == "100-continue":
            self.send_response_only(100)
            self.end_headers()
        body = self._read_body()
        rec = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            client_port=self.client_address[1] if isinstance(self.client_address, tuple) else 0,
        )
        owner = self.server.owner
        action = owner._next_action(rec)
        while action.kind == "handler" and action.func is not None:
            action = action.func(rec)
        if action.delay:
            time.sleep(action.delay)
        self._perform(action)

    def _perform(self, action: Action) -> None:
        if action.kind == "drop":
            self._abort()
            return
        if action.kind == "raw":
            self.wfile.write(action.body)
            self.wfile.flush()
            if action.close:
                self._abort()
            return
        self.send_response(action.status)
        names = {k.lower() for k in action.headers}
        for k, v in action.headers.items():
            self.send_header(k, v)
        if action.kind == "truncate":
            self.send_header("Content-Length", str(action.claimed_length))
        elif action.content_length and "content-length" not in names:
            self.send_header("Content-Length", str(len(action.body)))
        if action.close and "connection" not in names:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(action.body)
        self.wfile.flush()
        if action.kind == "truncate" or action.close:
            self._abort()

    def _abort(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    owner: ScriptedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-response are expected in these tests.
        return


class ScriptedServer:
    """A threaded HTTP/1.1 (keep-alive) server on 127.0.0.1 answering from a queue of actions.

    :param ssl_context: when given, the listening socket is wrapped for HTTPS.
    :param host: interface to bind (default ``127.0.0.1``).
    """

    def __init__(self, ssl_context: Optional[ssl.SSLContext] = None, host: str = "127.0.0.1") -> None:
        self._lock = threading.Lock()
        self._actions: deque[Action] = deque()
        self.requests: list[RecordedRequest] = []
        self.default: Action = reply()
        self._httpd = _Server((host, 0), _Handler)
        self._httpd.owner = self
        if ssl_context is not None:
            self._httpd.socket = ssl_context.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if ssl_context is not None else "http"
        self.host = host
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scripted-server", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:41234``."""
        return f"{self.scheme}://{self.host}:{self.port}"

    def url_for(self, host: str) -> str:
        """The base URL using another name for the same interface (e.g. ``localhost``).

        :param host: host name to put in the URL.
        :returns: the URL.
        """
        return f"{self.scheme}://{host}:{self.port}"

    def queue(self, *actions: Action) -> None:
        """Append actions; each request consumes one, in order.

        :param actions: actions built by :func:`reply`, :func:`drop`, ...
        """
        with self._lock:
            self._actions.extend(actions)

    def reset(self) -> None:
        """Forget queued actions and recorded requests; restore the default reply."""
        with self._lock:
            self._actions.clear()
            self.requests = []
            self.default = reply()

    @property
    def pending(self) -> int:
        """Number of queued actions not yet consumed."""
        with self._lock:
            return len(self._actions)

    def _next_action(self, rec: RecordedRequest) -> Action:
        with self._lock:
            self.requests.append(rec)
            return self._actions.popleft() if self._actions else self.default

    def close(self) -> None:
        """Stop serving and close the listening socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
