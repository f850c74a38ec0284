"""A small forward HTTP proxy (standard library) for proxy tests.

* ``GET http://host:port/path HTTP/1.1`` style requests (absolute URI) are
  forwarded with :mod:`http.client` and the answer relayed with a
  ``Content-Length`` (keep-alive works).
* ``CONNECT host:port`` opens a TCP tunnel (used for ``https://`` URLs).

Every request is recorded in :attr:`ForwardProxy.seen` as a :class:`ProxiedRequest`
(method, target, ``Proxy-Authorization`` value).  With ``credentials=("user",
"pw")`` requests without the matching ``Proxy-Authorization`` get ``407``.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import select
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailers",
               "transfer-encoding", "upgrade", "proxy-authenticate"}


@dataclass
class ProxiedRequest:
    """One request the proxy received.

    :param method: the method (``CONNECT`` for tunnels).
    :param target: the absolute URL, or ``host:port`` for ``CONNECT``.
    :param proxy_authorization: the ``Proxy-Authorization`` header, or ``None``.
    """

    method: str
    target: str
    proxy_authorization: Optional[str]


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _ProxyServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def _authorised(self) -> bool:
        owner = self.server.owner
        value = self.headers.get("Proxy-Authorization")
        owner._record(ProxiedRequest(self.command, self.path, value))
        if owner.credentials is None:
            return True
        expected = "Basic " + base64.b64encode(":".join(owner.credentials).encode()).decode()
        if value == expected:
            return True
        self.send_response(407)
        self.send_header("Proxy-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def do_CONNECT(self) -> None:  # noqa: N802 - stdlib name
        if not self._authorised():
            return
        host, _, port = self.path.rpartition(":")
        try:
            upstream = socket.create_connection((host, int(port)), timeout=10)
        except OSError:
            self.send_error(502)
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self._pipe(self.connection, upstream)
        self.close_connection = True

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                readable, _, _ = select.select([a, b], [], [], 10)
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                b.close()

    def _forward(self) -> None:
        if not self._authorised():
            return
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=10)
        try:
            target = parts.path + ("?" + parts.query if parts.query else "")
            conn.request(self.command, target or "/", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except OSError:
            self.send_error(502)
            return
        finally:
            conn.close()
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: ForwardProxy

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


class ForwardProxy:
    """A forward proxy on 127.0.0.1 (any free port), started on creation.

    :param credentials: ``(user, password)`` required in ``Proxy-Authorization``, or ``None``.
    """

    def __init__(self, credentials: Optional[tuple[str, str]] = None) -> None:
        self.credentials = credentials
        self.seen: list[ProxiedRequest] = []
        self._lock = threading.Lock()
        self._httpd = _ProxyServer(("127.0.0.1", 0), _ProxyHandler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="forward-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def _record(self, item: ProxiedRequest) -> None:
        with self._lock:
            self.seen.append(item)

    def close(self) -> None:
        """Stop the proxy."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ForwardProxy:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
