"""Route registry: how handler modules plug into the emulator's dispatcher.

A route module (``dxpy/emulator/_routes/<area>.py``) declares handlers::

    from dxpy.emulator._protocol.registry import Request, route

    @route("record", "new", nonce=True)              # POST /record/new
    def record_new(req: Request) -> dict: ...

    @route("record", "describe", on_object=True, readonly=True)   # /record-xxxx/describe
    def record_describe(req: Request) -> dict: ...

and adds its module name to :data:`ROUTE_MODULES`. A module may also define
``on_server_start(server: ServerConfig) -> None``, called once each time a server
has opened its state (after bootstrap, before the first request), and
``on_server_stop(server: ServerConfig) -> None``, called when the server stops (before
its store closes). Handlers return a JSON-able
value (sent with status 200) or raise :class:`~dxpy.emulator._protocol.errors.APIError`.

Non-API paths (pre-signed upload/download URLs) are served by raw handlers
registered with :func:`register_raw`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import json
import logging
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:  # pragma: no cover

    from dxpy.emulator._data.store import Store

__all__ = [
    "ROUTE_MODULES",
    "Request",
    "Route",
    "ServerConfig",
    "find_raw",
    "load_all",
    "lookup",
    "register_raw",
    "route",
    "routes",
]

logger = logging.getLogger(__name__)

#: Every handler module, imported by :func:`load_all`. Add your module here.
ROUTE_MODULES: tuple[str, ...] = (
    "system",
    "projects",
    "folders",
    "objects",
    "records",
    "search",
    "files",
    "checksums",
    "applets",
    "orgs",
    "jobs",
    "executions",
    "workflows",
    "analyses",
    "globalworkflows",
    "apps",
    "databases",
    "batch",
)

BODY_KINDS = ("object", "any")


@dataclass
class ServerConfig:
    """What handlers may know about the running server.

    :param base_url: ``http://host:port`` clients reach the server at.
    :param secret: per-state-dir key for :meth:`sign` / :meth:`verify`.
    :param state_dir: the state directory (database and blobs live here).
    :param blob_dir: directory for file-part blobs.
    :param store: the :class:`~dxpy.emulator._data.store.Store`.
    """

    base_url: str
    secret: bytes
    state_dir: str
    blob_dir: str
    store: Optional[Store] = None
    default_user_id: str = ""
    default_project_id: Optional[str] = None
    faults: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sign(self, payload: Mapping[str, Any], expires_ms: int) -> str:
        """Make a tamper-proof token carrying ``payload`` until ``expires_ms``.

        Used for pre-signed upload/download URLs, which carry no Bearer token.

        :param payload: JSON-able mapping (e.g. ``{"file": id, "part": 1}``).
        :param expires_ms: expiry time in ms since the epoch.
        :returns: a URL-safe token string.
        """
        body = json.dumps({"p": dict(payload), "e": int(expires_ms)}, separators=(",", ":"), sort_keys=True)
        raw = body.encode("utf-8")
        mac = hmac.new(self.secret, raw, hashlib.sha256).digest()
        return _b64(raw) + "." + _b64(mac)

    def verify(self, token: str, now_ms: Optional[int] = None) -> Optional[dict[str, Any]]:
        """Check a token made by :meth:`sign`.

        :param token: the token string.
        :param now_ms: current time in ms (default: the wall clock).
        :returns: the payload, or None when the token is forged, malformed or expired.
        """
        try:
            body_part, mac_part = token.split(".", 1)
            raw = _unb64(body_part)
            mac = _unb64(mac_part)
        except (ValueError, AttributeError):
            return None
        expected = hmac.new(self.secret, raw, hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            doc = json.loads(raw.decode("utf-8"))
        except ValueError:
            return None
        now = int(time.time() * 1000) if now_ms is None else now_ms
        if not isinstance(doc, dict) or int(doc.get("e", 0)) < now:
            return None
        payload = doc.get("p")
        return payload if isinstance(payload, dict) else None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Request:
    """One API call as seen by a handler.

    :param user_id: the caller (``user-xxxx``); ``""`` for ``auth=False`` routes without a token.
    :param object_id: the entity in the URL for ``on_object`` routes (e.g. ``record-xxxx``,
        ``user-alice``, ``app-bwa``), else None.
    :param body: the parsed JSON input.
    :param db: a connection inside the request's transaction.
    :param now_ms: the request time in ms (one value per request).
    :param server: the :class:`ServerConfig`.
    """

    user_id: str
    object_id: Optional[str]
    body: Any
    db: sqlite3.Connection
    now_ms: int
    server: ServerConfig
    alias: Optional[str] = None
    path: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    client_ip: str = ""
    is_admin: bool = False


Handler = Callable[[Request], Any]


@dataclass(frozen=True)
class Route:
    """A registered API route.

    :param subject: the class name (``project``) or ``system``.
    :param method: the method name (``describe``).
    :param handler: the function called with a :class:`Request`.
    """

    subject: str
    method: str
    handler: Handler
    on_object: bool = False
    readonly: bool = False
    nonce: bool = False
    auth: bool = True
    body_kind: str = "object"


_ROUTES: dict[tuple[str, str, bool], Route] = {}
_RAW: list[tuple[str, str, Callable[..., None]]] = []


def route(
    subject: str,
    method: str,
    on_object: bool = False,
    readonly: bool = False,
    nonce: bool = False,
    auth: bool = True,
    body_kind: str = "object",
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of an API route.

    :param subject: ``"system"`` or a class name (``"project"``, ``"record"``...).
    :param method: the last URL segment (``"new"``, ``"describe"``...).
    :param on_object: True for ``/<class>-xxxx/<method>`` routes, False for ``/<subject>/<method>``.
    :param readonly: run in a read transaction instead of a write transaction.
    :param nonce: apply nonce replay / mismatch semantics to this route.
    :param auth: require a valid Bearer token (False: the token is optional).
    :param body_kind: ``"object"`` (input must be a JSON object) or ``"any"``.
    :returns: a decorator returning the function unchanged.
    :raises ValueError: for a duplicate route or a bad ``body_kind``.
    """
    if body_kind not in BODY_KINDS:
        raise ValueError(f"body_kind must be one of {BODY_KINDS}, not {body_kind!r}")

    def decorator(fn: Handler) -> Handler:
        key = (subject, method, bool(on_object))
        existing = _ROUTES.get(key)
        if existing is not None and existing.handler is not fn:
            same = getattr(existing.handler, "__qualname__", None) == getattr(fn, "__qualname__", None)
            if not same or existing.handler.__module__ != fn.__module__:
                raise ValueError(f"route {subject}/{method} (on_object={on_object}) registered twice")
        _ROUTES[key] = Route(subject, method, fn, bool(on_object), readonly, nonce, auth, body_kind)
        return fn

    return decorator


def lookup(subject: str, method: str, on_object: bool) -> Optional[Route]:
    """Find the route for a parsed URL.

    :param subject: class name or ``system``.
    :param method: method name.
    :param on_object: whether the URL named an entity.
    :returns: the :class:`Route` or None.
    """
    return _ROUTES.get((subject, method, on_object))


def routes() -> list[Route]:
    """Return every registered route, sorted by subject and method.

    :returns: a list of :class:`Route`.
    """
    return sorted(_ROUTES.values(), key=lambda r: (r.subject, r.on_object, r.method))


def register_raw(method: str, prefix: str, fn: Callable[..., None]) -> None:
    """Register a handler for non-API requests (pre-signed upload/download URLs).

    ``fn(handler, path, server)`` gets the ``BaseHTTPRequestHandler`` (read the
    body from ``handler.rfile``, see ``_server.iter_request_body``; write the whole
    response with ``handler.send_response`` ... ``handler.wfile``), the request
    path without query string, and the :class:`ServerConfig`.

    :param method: HTTP method (``"PUT"``, ``"GET"``, ``"HEAD"``...).
    :param prefix: path prefix, e.g. ``"/upload/"``; the longest matching prefix wins.
    :param fn: the handler.
    """
    method = method.upper()
    for i, (m, p, _) in enumerate(_RAW):
        if m == method and p == prefix:
            _RAW[i] = (method, prefix, fn)
            return
    _RAW.append((method, prefix, fn))


def find_raw(method: str, path: str) -> Optional[Callable[..., None]]:
    """Return the raw handler for a request, if one matches.

    :param method: HTTP method.
    :param path: request path without query string.
    :returns: the handler or None.
    """
    best: Optional[tuple[str, Callable[..., None]]] = None
    for m, prefix, fn in _RAW:
        longer = best is None or len(prefix) > len(best[0])
        if m == method.upper() and path.startswith(prefix) and longer:
            best = (prefix, fn)
    return None if best is None else best[1]


def raw_prefixes() -> list[str]:
    """Return every registered raw path prefix.

    :returns: the prefixes (any method).
    """
    return sorted({p for _, p, _ in _RAW})


def load_all() -> list[str]:
    """Import every module in :data:`ROUTE_MODULES` so their routes register.

    A module that does not exist yet is skipped with a DEBUG log (the area is
    being written); any other import error propagates.

    :returns: the full dotted names of the modules that were loaded.
    """
    loaded: list[str] = []
    for name in ROUTE_MODULES:
        full = f"dxpy.emulator._routes.{name}"
        if full in loaded:
            continue
        try:
            importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name != full:
                raise
            logger.debug("route module %s not present", full)
            continue
        loaded.append(full)
    return loaded


def request_json_headers(request_headers: Any) -> dict[str, str]:
    """Lower-case a header mapping (``/system/headers`` output shape).

    :param request_headers: an ``email.message.Message``-like mapping.
    :returns: ``{lower-case name: value}``.
    """
    return {str(k).lower(): str(v) for k, v in request_headers.items()}
