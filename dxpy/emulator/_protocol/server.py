"""The emulator's HTTP server: routing, auth, transactions, nonces, faults, raw paths.

:class:`EmulatorServer` owns a state directory (``emulator.sqlite3`` and
``blobs/``), the :class:`~dxpy.emulator._data.store.Store`, and a
``ThreadingHTTPServer`` speaking HTTP/1.1 with keep-alive. Every API call is
``POST /<subject>/<method>`` (or ``/<app-name>/<alias>/<method>``); the
dispatcher authenticates the Bearer token, opens one transaction around the
handler, applies nonce semantics, and always answers JSON with an exact
``Content-Length``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union
from urllib.parse import urlsplit

from dxpy.emulator._data.lock import StateLock
from dxpy.emulator._data.store import Store
from dxpy.emulator._protocol import registry as _registry
from dxpy.emulator._protocol.cors import CorsPolicy, preflight_response
from dxpy.emulator._protocol.dispatch import Dispatcher, now_ms, parse_api_path
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.faults import Fault, FaultSet, parse_fault_spec
from dxpy.emulator._protocol.logstream import match_log_stream, serve_log_stream
from dxpy.emulator._protocol.registry import ServerConfig
from dxpy.emulator._routes.system import create_token, create_user, derived_token, ensure_token

__all__ = [
    "EmulatorServer",
    "iter_request_body",
    "read_request_body",
    "send_json",
    "send_api_error",
    "parse_api_path",
]

logger = logging.getLogger(__name__)

DB_NAME = "emulator.sqlite3"
MAX_JSON_BODY = 64 * 1024 * 1024
CHUNK = 1024 * 1024


def loggable_path(path: str) -> str:
    """Return a request path safe to log.

    Raw (non-API) paths carry pre-signed tokens, so only their registered prefix
    is kept; API paths and their query strings are returned unchanged.

    :param path: the request path (or full request target).
    :returns: the path, or ``<prefix><redacted>`` for raw paths.
    """
    for prefix in _registry.raw_prefixes():
        if path.startswith(prefix):
            return prefix + "<redacted>"
    return path


# -- body / response helpers (also for raw handlers) ---------------------------


def iter_request_body(handler: BaseHTTPRequestHandler, chunk_size: int = CHUNK) -> Any:
    """Yield the request body in chunks (Content-Length or chunked encoding).

    :param handler: the request handler.
    :param chunk_size: maximum chunk size.
    :returns: an iterator of ``bytes``.
    :raises APIError: BadRequest for a malformed length or chunk header.
    """
    if "chunked" in handler.headers.get("Transfer-Encoding", "").lower():
        while True:
            line = handler.rfile.readline(65537)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise APIError("BadRequest", "Malformed chunked request body") from None
            if size == 0:
                while handler.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                    pass
                return
            while size > 0:
                data = handler.rfile.read(min(size, chunk_size))
                if not data:
                    raise APIError("BadRequest", "Request body ended early")
                size -= len(data)
                yield data
            handler.rfile.readline(3)
        return
    length_text = handler.headers.get("Content-Length")
    try:
        remaining = int(length_text) if length_text else 0
    except ValueError:
        raise APIError("BadRequest", "Malformed Content-Length header") from None
    if remaining < 0:
        raise APIError("BadRequest", "Malformed Content-Length header")
    while remaining > 0:
        data = handler.rfile.read(min(remaining, chunk_size))
        if not data:
            raise APIError("BadRequest", "Request body ended early")
        remaining -= len(data)
        yield data


def read_request_body(handler: BaseHTTPRequestHandler, limit: int = MAX_JSON_BODY) -> bytes:
    """Read the whole request body.

    :param handler: the request handler.
    :param limit: maximum accepted size in bytes.
    :returns: the body.
    :raises APIError: BadRequest when the body is malformed or larger than ``limit``.
    """
    parts = []
    total = 0
    for chunk in iter_request_body(handler):
        total += len(chunk)
        if total > limit:
            raise APIError("BadRequest", f"Request body larger than {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def send_json(
    handler: BaseHTTPRequestHandler,
    status: int,
    payload: Union[bytes, Any],
    headers: Optional[dict[str, str]] = None,
) -> None:
    """Write a complete JSON response (exact Content-Length, nosniff, request ID).

    :param handler: the request handler.
    :param status: HTTP status.
    :param payload: a JSON-able value or already-encoded ``bytes``.
    :param headers: extra headers.
    """
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("X-Content-Type-Options", "nosniff")
    handler.send_header("X-Request-ID", getattr(handler, "request_id", "--"))
    for name, value in _cors_policy(handler).response_headers(
        handler.headers.get("Origin") if handler.headers else None
    ).items():
        handler.send_header(name, value)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


_DEFAULT_CORS = CorsPolicy()


def _cors_policy(handler: BaseHTTPRequestHandler) -> CorsPolicy:
    policy = getattr(getattr(handler.server, "app", None), "cors", None)
    return policy if isinstance(policy, CorsPolicy) else _DEFAULT_CORS


def send_api_error(handler: BaseHTTPRequestHandler, error: APIError) -> None:
    """Write a platform error response.

    :param handler: the request handler.
    :param error: the error.
    """
    send_json(handler, error.status, error.to_json(), error.headers)


class _TruncatingWriter:
    """Passes the response head through, then only half of the body, then drops the rest."""

    def __init__(self, inner: Any, handler: BaseHTTPRequestHandler) -> None:
        self._inner = inner
        self._handler = handler
        self._head = b""
        self._allowance: Optional[int] = None

    def write(self, data: bytes) -> int:
        if self._allowance is None:
            self._head += bytes(data)
            end = self._head.find(b"\r\n\r\n")
            if end < 0:
                return len(data)
            head, body = self._head[: end + 4], self._head[end + 4 :]
            self._inner.write(head)
            length = 0
            for line in head.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip() or 0)
            self._allowance = length // 2
            data = body
        piece = bytes(data)[: self._allowance]
        self._allowance -= len(piece)
        if piece:
            self._inner.write(piece)
        self._handler.close_connection = True
        return len(data)

    def flush(self) -> None:
        self._inner.flush()

    def close(self) -> None:
        self._inner.close()

    @property
    def closed(self) -> bool:
        return bool(self._inner.closed)


# -- HTTP plumbing -----------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dxpy-emulator"
    sys_version = ""
    timeout = 600  # idle keep-alive connections are closed after this many seconds
    server: _HTTPServer
    request_id = "--"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle's
        # algorithm and the client's delayed ACK add ~40 ms to every response.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def version_string(self) -> str:
        return self.server_version

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """Answer protocol-level errors (bad request line, unsupported method...) with error JSON."""
        error_type = {404: "ResourceNotFound", 405: "MethodNotAllowed", 408: "RequestTimeout",
                      411: "LengthRequired", 501: "MethodNotAllowed"}.get(code, "BadRequest")
        self.close_connection = True
        body = json.dumps({"error": {"type": error_type, "message": message or "Bad request"}}).encode()
        try:
            self.send_response(code, message)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)
        except OSError:
            logger.debug("could not send error %s", code, exc_info=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base class name
        text = format % args
        raw_path = getattr(self, "path", "")
        if raw_path:
            text = text.replace(raw_path, loggable_path(raw_path))
        logger.debug("%s %s", self.address_string(), text)

    def do_POST(self) -> None:
        self._serve("POST")

    def do_GET(self) -> None:
        self._serve("GET")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_OPTIONS(self) -> None:
        self._serve("OPTIONS")

    def _serve(self, method: str) -> None:
        self.request_id = "emu-" + secrets.token_hex(8)
        app = self.server.app
        path = urlsplit(self.path).path
        started = time.monotonic()
        try:
            if method == "OPTIONS":  # CORS preflight: answered before faults, never an API call
                self._serve_preflight()
                return
            fault = app.faults.take(path)
            if fault is not None and self._apply_fault(fault):
                return
            stream_job = match_log_stream(method, path)
            if stream_job is not None:
                serve_log_stream(self, stream_job)
                return
            raw = _registry.find_raw(method, path)
            if raw is not None:
                self._serve_raw(raw, path)
            else:
                self._serve_api(method, path)
        finally:
            logger.debug("%s %s -> %.1f ms (%s)", method, loggable_path(path),
                         (time.monotonic() - started) * 1000, self.request_id)

    def _serve_api(self, method: str, path: str) -> None:
        try:
            body = read_request_body(self)
        except APIError as exc:
            self.close_connection = True
            send_api_error(self, exc)
            return
        if method != "POST":
            send_api_error(self, APIError("MethodNotAllowed", f"API routes accept only POST, not {method}"))
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, payload, extra = self.server.app.dispatcher.dispatch(
            path, body, headers, self.client_address[0]
        )
        send_json(self, status, payload, extra)

    def _serve_preflight(self) -> None:
        self._discard_body()
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, body, extra = preflight_response(self.server.app.cors, headers)
        self.send_response(status)
        if body:
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-ID", self.request_id)
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _serve_raw(self, raw: Callable[..., None], path: str) -> None:
        sent = []
        original = self.send_response

        def tracking_send_response(code: int, message: Optional[str] = None) -> None:
            sent.append(code)
            original(code, message)

        self.send_response = tracking_send_response  # type: ignore[method-assign]
        try:
            raw(self, path, self.server.app.config)
        except APIError as exc:
            self.close_connection = True
            if not sent:
                send_api_error(self, exc)
        except Exception:
            logger.exception("internal error in raw handler for %s", loggable_path(path))
            self.close_connection = True
            if not sent:
                send_api_error(self, APIError("InternalError", "An internal error occurred in the emulator"))
        finally:
            self.send_response = original  # type: ignore[method-assign]

    def _discard_body(self) -> None:
        try:
            for _ in iter_request_body(self):
                pass
        except APIError:
            self.close_connection = True

    def _apply_fault(self, fault: Fault) -> bool:
        """Apply a fault; True when the request has been fully dealt with."""
        logger.info("fault %s injected for %s", fault.kind, loggable_path(urlsplit(self.path).path))
        if fault.kind == "stall":
            self.server.app.stopping.wait(fault.secs)
            return False
        if fault.kind == "truncate":
            self.wfile = _TruncatingWriter(self.wfile, self)  # type: ignore[assignment]
            return False
        if fault.kind == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return True
        self._discard_body()
        hdrs = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
        if fault.kind == "500":
            send_api_error(self, APIError("InternalError", "Injected fault: internal error"))
        elif fault.kind == "503":
            send_api_error(self, APIError("ServiceUnavailable", "Injected fault: try later", headers=hdrs))
        else:
            send_api_error(self, APIError("RateLimitConditional", "Injected fault: slow down", headers=hdrs))
        return True


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: EmulatorServer) -> None:
        self.app = app
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._active = 0
        self._idle = threading.Condition()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._idle:
            self._active += 1
        try:
            super().process_request_thread(request, client_address)
        finally:
            store = self.app.store
            if store is not None:
                store.release()
            with self._idle:
                self._active -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no handler thread is running (they may still be using the store).

        :param timeout: seconds to wait at most.
        :returns: whether every handler finished in time.
        """
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_open_connections(self) -> None:
        with self._open_lock:
            conns = list(self._open)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("connection error from %s", client_address, exc_info=True)


# -- the application ---------------------------------------------------------


_ROUTES_PKG = "dxpy.emulator._routes."


class EmulatorServer:
    """A running (or ready to run) emulator: state directory, store and HTTP server.

    :param state_dir: where state lives; None: a temporary directory removed by :meth:`stop`.
    :param host: interface to bind.
    :param port: TCP port; 0 picks a free one.
    :param faults: a fault spec string (see :mod:`dxpy.emulator._protocol.faults`) armed at start.
    :param user: handle of the default user created on first start.
    :param cors_origins: origins whose web pages may call the server (see
        :mod:`dxpy.emulator._protocol.cors`); None: loopback origins only.
    :raises ValueError: for a malformed entry of ``cors_origins``.
    """

    def __init__(
        self,
        state_dir: Optional[str] = None,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Optional[str] = None,
        user: str = "emulator",
        cors_origins: Optional[Sequence[str]] = None,
    ) -> None:
        self.cors = CorsPolicy(cors_origins)
        self._owns_dir = state_dir is None
        self.state_dir = tempfile.mkdtemp(prefix="dx-emulator-") if state_dir is None else str(state_dir)
        self.host = host
        self.requested_port = int(port)
        self.default_handle = user
        self.faults = FaultSet()
        if faults:
            self.faults.add(parse_fault_spec(faults))
        self.stopping = threading.Event()
        self.store: Optional[Store] = None
        self.httpd: Optional[_HTTPServer] = None
        self._thread: Optional[threading.Thread] = None
        self.user_id = ""
        self.token = ""
        self.project_id: Optional[str] = None
        self._lock: Optional[StateLock] = None

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> EmulatorServer:
        """Open the state, bootstrap it, bind the port and serve in a background thread.

        :returns: self.
        :raises OSError: when the port cannot be bound.
        :raises StateDirectoryInUse: when another emulator serves the state directory.
        """
        blob_dir = os.path.join(self.state_dir, "blobs")
        for directory in (self.state_dir, blob_dir):
            _private_dir(directory)
        lock = StateLock(self.state_dir)
        lock.acquire()  # before anything is read: a second server must not sweep our uploads
        self._lock = lock
        try:
            _private_file(os.path.join(self.state_dir, DB_NAME))  # SQLite gives -wal/-shm its mode
            _warn_if_exposed(self.host)
            loaded = _registry.load_all()
            self.store = Store(os.path.join(self.state_dir, DB_NAME))
            secret = self._bootstrap()
            self.httpd = _HTTPServer((self.host, self.requested_port), self)
        except BaseException:
            if self.store is not None:
                self.store.close()
                self.store = None
            self._release_lock()
            raise
        self.config = ServerConfig(
            base_url=self.url, secret=secret, state_dir=self.state_dir, blob_dir=blob_dir,
            store=self.store, default_user_id=self.user_id, default_project_id=self.project_id,
            faults=self.faults,
        )
        self.dispatcher = Dispatcher(self.store, self.config)
        for name in loaded:
            hook = getattr(sys.modules[name], "on_server_start", None)
            if callable(hook):
                hook(self.config)
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
            name=f"dx-emulator-{self.port}", daemon=True,
        )
        self._thread.start()
        logger.info("dx emulator serving at %s (state %s)", self.url, self.state_dir)
        return self

    def stop(self) -> None:
        """Stop serving, close connections and the store; remove a temporary state dir."""
        self.stopping.set()
        # route modules may hold workers (the job scheduler) that must stop before the store closes
        for name in [n for n in list(sys.modules) if n.startswith(_ROUTES_PKG)]:
            hook = getattr(sys.modules[name], "on_server_stop", None)
            if callable(hook) and getattr(self, "config", None) is not None:
                hook(self.config)
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.close_open_connections()
            self.httpd.server_close()
            # Handler threads are daemons: wait for them before the store goes away.
            if not self.httpd.wait_idle(timeout=10):
                logger.warning("request handlers still running at shutdown")
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self.store is not None:
            self.store.close()
        self._release_lock()
        if self._owns_dir:
            shutil.rmtree(self.state_dir, ignore_errors=True)
        self.httpd = None
        self._thread = None

    def _release_lock(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def _bootstrap(self) -> bytes:
        assert self.store is not None
        store = self.store
        now = now_ms()
        with store.write() as db:
            secret = store.get_meta(db, "secret")
            if secret is None:
                secret = secrets.token_hex(32)
                store.set_meta(db, "secret", secret)
            user_id = store.get_meta(db, "default_user")
            if user_id is None:
                user_id = create_user(db, self.default_handle, now, admin=True)
                store.set_meta(db, "default_user", user_id)
            # Only the token's digest is stored; the token itself is derived from the secret.
            token = derived_token(bytes.fromhex(secret), "default")
            ensure_token(db, token, user_id, now, "default")
            store.delete_meta(db, "default_token")  # state written by older versions kept it in clear
            project = store.get_meta(db, "default_project")
            if project is not None and not _container_exists(db, project):
                logger.info("default project %s was destroyed; creating a new one", project)
                project = None
            create_project = _project_factory()
            if project is None and create_project is not None:
                project = create_project(db, user_id, "Emulator project", now)
                store.set_meta(db, "default_project", project)
        self.user_id, self.token, self.project_id = user_id, token, project
        return bytes.fromhex(secret)

    # -- facts --------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound TCP port.

        :returns: the port (the requested one before :meth:`start`).
        """
        if self.httpd is None:
            return self.requested_port
        return int(self.httpd.server_address[1])

    @property
    def client_host(self) -> str:
        """Host name clients should use (a wildcard bind maps to 127.0.0.1).

        :returns: the host.
        """
        return "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host

    @property
    def url(self) -> str:
        """The base URL, ``http://host:port``.

        :returns: the URL.
        """
        host = self.client_host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def env(self) -> dict[str, str]:
        """The ``DX_*`` environment variables pointing dxpy at this server.

        :returns: variable name -> value.
        """
        out = {
            "DX_APISERVER_PROTOCOL": "http",
            "DX_APISERVER_HOST": self.client_host,
            "DX_APISERVER_PORT": str(self.port),
            "DX_SECURITY_CONTEXT": json.dumps({"auth_token_type": "Bearer", "auth_token": self.token}),
            # The emulator also answers the auth server's /system/getUserInfo; for a local
            # API host dxpy takes the auth server from these two (scheme included).
            "DX_AUTHSERVER_HOST": f"http://{self.client_host}",
            "DX_AUTHSERVER_PORT": str(self.port),
        }
        if self.project_id:
            out["DX_PROJECT_CONTEXT_ID"] = self.project_id
        return out

    def new_user(self, handle: str, admin: bool = False) -> tuple[str, str]:
        """Create a user and a token directly in the store.

        :param handle: the user name.
        :param admin: may use the ``/emulator`` control routes.
        :returns: ``(user_id, token)``.
        :raises APIError: for a bad or existing handle.
        """
        assert self.store is not None, "start() the server first"
        with self.store.write() as db:
            user_id = create_user(db, handle, now_ms(), admin=admin)
            return user_id, create_token(db, user_id, now_ms(), label="new_user")


def _private_dir(path: str) -> None:
    """Create *path* readable by its owner only (tokens' digests, the signing secret, file bytes)."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)


def _private_file(path: str) -> None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.chmod(path + suffix, 0o600)


def _warn_if_exposed(host: str) -> None:
    """Warn when the server listens beyond this machine: it has no TLS and weak defaults."""
    import ipaddress

    if host in ("localhost",):
        return
    try:
        if ipaddress.ip_address(host or "0.0.0.0").is_loopback:
            return
    except ValueError:
        pass  # a host name: it may resolve to anything
    logger.warning(
        "the emulator is listening on %s, which other machines may reach: it speaks plain HTTP and "
        "anyone who learns a token can use it; bind to 127.0.0.1 unless you mean it",
        host or "all interfaces")


def _project_factory() -> Optional[Callable[..., str]]:
    try:
        from dxpy.emulator._routes import projects as _routes_projects
    except ModuleNotFoundError:  # the projects area is not there yet
        return None
    return getattr(_routes_projects, "create_project", None)


def _container_exists(db: Any, container_id: str) -> bool:
    try:
        from dxpy.emulator._data.datamodel import get_container
    except ModuleNotFoundError:  # pragma: no cover - the data model is not there yet
        return True
    return get_container(db, container_id) is not None
