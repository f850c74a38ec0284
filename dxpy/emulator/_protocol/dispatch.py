"""API call dispatch: path parsing, authentication, body checks, transactions, nonces.

:class:`Dispatcher` turns one ``POST /<subject>/<method>`` into a handler call:
it finds the route, authenticates the Bearer token and runs the handler inside
one store transaction (a write transaction unless the route is read-only),
applying nonce replay/mismatch semantics, and always produces a JSON answer.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Optional
from urllib.parse import unquote

from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._data.store import Store, dumps, loads
from dxpy.emulator._protocol import registry as _registry
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, Route, ServerConfig
from dxpy.emulator._routes.system import hash_token, user_for_token

__all__ = ["Dispatcher", "bearer_token", "now_ms", "parse_api_path", "parse_json_body"]

logger = logging.getLogger(__name__)

#: Entity classes addressed by handle/name rather than a 24-character ID.
NAMED_CLASSES = ("user", "org", "app", "globalworkflow")
NONCE_LIFETIME_MS = 3600 * 1000
MAX_NONCE_BYTES = 128


def now_ms() -> int:
    """Return the wall clock in ms since the epoch.

    :returns: the time.
    """
    return int(time.time() * 1000)


# -- path parsing ------------------------------------------------------------


def parse_api_path(path: str) -> Optional[tuple[str, str, Optional[str], Optional[str]]]:
    """Split an API path into ``(subject, method, object_id, alias)``.

    ``/record/new`` -> ``("record", "new", None, None)``;
    ``/record-xxxx/describe`` -> ``("record", "describe", "record-xxxx", None)``;
    ``/app-bwa/1.0.0/run`` -> ``("app", "run", "app-bwa", "1.0.0")``.

    :param path: the URL path (no query string).
    :returns: the parts, or None when the path cannot be an API route.
    """
    if not path.startswith("/"):
        return None
    segments = [unquote(s) for s in path[1:].split("/")]
    alias: Optional[str] = None
    if len(segments) == 3 and segments[0].split("-", 1)[0] in ("app", "globalworkflow"):
        first, alias, method = segments
    elif len(segments) == 2:
        first, method = segments
    else:
        return None
    if not first or not method:
        return None
    head, sep, _ = first.partition("-")
    if sep:
        return head, method, first, alias
    return first, method, None, None


# -- the dispatcher ----------------------------------------------------------


class Dispatcher:
    """Turns one API call into a handler invocation inside a transaction.

    :param store: the store.
    :param config: the server configuration given to handlers.
    """

    def __init__(self, store: Store, config: ServerConfig) -> None:
        self.store = store
        self.config = config

    def dispatch(
        self, path: str, body: bytes, headers: dict[str, str], client_ip: str
    ) -> tuple[int, bytes, dict[str, str]]:
        """Serve one API call; never raises.

        :param path: URL path.
        :param body: raw request body.
        :param headers: request headers, lower-case names.
        :param client_ip: peer address.
        :returns: ``(status, JSON body bytes, extra headers)``.
        """
        try:
            return 200, self._dispatch(path, body, headers, client_ip), {}
        except APIError as exc:
            return exc.status, json.dumps(exc.to_json()).encode("utf-8"), exc.headers
        except Exception:
            logger.exception("internal error serving %s", path)
            error = APIError("InternalError", "An internal error occurred in the emulator")
            return error.status, json.dumps(error.to_json()).encode("utf-8"), {}

    def _dispatch(self, path: str, body: bytes, headers: dict[str, str], client_ip: str) -> bytes:
        parsed = parse_api_path(path)
        found = None if parsed is None else _registry.lookup(parsed[0], parsed[1], parsed[2] is not None)
        if parsed is None or found is None:
            raise APIError("ResourceNotFound", f"The route {path} could not be found")
        subject, method, object_id, alias = parsed
        if object_id is not None and subject not in NAMED_CLASSES and not is_id(object_id):
            raise APIError("ResourceNotFound", f"The entity {object_id} could not be found")
        content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        parse_error: Optional[APIError] = None
        value: Any = None
        if content_type and content_type != "application/json":
            parse_error = APIError("MalformedJSON", "Content-Type must be application/json")
        else:
            try:
                value = parse_json_body(body, found)
            except APIError as exc:
                parse_error = exc
        token = bearer_token(headers.get("authorization"))
        txn = self.store.read if found.readonly else self.store.write
        with txn() as db:
            user_id, is_admin = self._authenticate(db, token, found)
            if parse_error is not None:
                raise parse_error
            req = Request(
                user_id=user_id, object_id=object_id, body=value, db=db, now_ms=now_ms(),
                server=self.config, alias=alias, path=path, headers=headers,
                client_ip=client_ip, is_admin=is_admin,
            )
            route_key = f"{object_id or subject}/{method}"
            if found.nonce and isinstance(value, dict) and "nonce" in value:
                replay = _nonce_lookup(db, user_id, route_key, value, req.now_ms)
                if replay is not None:
                    return replay.encode("utf-8")
            scope = perms.scope_for_token(db, hash_token(token)) if token and user_id else None
            with perms.use_scope(scope):
                out = dumps(found.handler(req))
            if found.nonce and isinstance(value, dict) and "nonce" in value:
                _nonce_store(db, user_id, route_key, value, out, req.now_ms)
        return out.encode("utf-8")

    def _authenticate(self, db: Any, token: Optional[str], found: Route) -> tuple[str, bool]:
        if token is None:
            if found.auth:
                raise APIError("InvalidAuthentication", "Missing authentication token")
            return "", False
        resolved = user_for_token(db, token)
        if resolved is None:
            if found.auth:
                raise APIError("InvalidAuthentication", "The token could not be found")
            return "", False
        return resolved


def bearer_token(header: Optional[str]) -> Optional[str]:
    """Extract the token from an ``Authorization: Bearer <token>`` header.

    :param header: the header value (scheme is case-insensitive).
    :returns: the token, or None when absent or not a Bearer header.
    """
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json_body(body: bytes, found: Route) -> Any:
    """Parse and shape-check an API request body.

    An empty body counts as ``{}`` (lenient; clients send ``{}``).

    :param body: raw bytes.
    :param found: the route (its ``body_kind`` decides whether non-objects are allowed).
    :returns: the parsed value.
    :raises APIError: MalformedJSON for bad JSON, InvalidInput for a non-object where one is required.
    """
    if not body.strip():
        value: Any = {}
    else:
        try:
            value = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise APIError("MalformedJSON", f"The request body could not be parsed as JSON: {exc}") from None
    if found.body_kind == "object" and not isinstance(value, dict):
        raise APIError("InvalidInput", "The input must be a JSON object (hash), not " + _json_type(value))
    return value


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "null"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _nonce_lookup(db: Any, user_id: str, route_key: str, body: dict[str, Any], now: int) -> Optional[str]:
    nonce = body.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise APIError("InvalidInput", "expected key \"nonce\" of input to be a non-empty string")
    if len(nonce.encode("utf-8")) > MAX_NONCE_BYTES:
        raise APIError("InvalidInput", f"The nonce must be at most {MAX_NONCE_BYTES} bytes long")
    row = db.execute(
        "SELECT input, response FROM nonces WHERE user_id = ? AND route = ? AND nonce = ? AND created > ?",
        (user_id, route_key, nonce, now - NONCE_LIFETIME_MS),
    ).fetchone()
    if row is None:
        return None
    if _canonical(loads(row["input"])) != _canonical(body):
        raise APIError(
            "InvalidInput", "Nonce was reused for an earlier API request that had a different input"
        )
    return str(row["response"])


def _nonce_store(db: Any, user_id: str, route_key: str, body: dict[str, Any], out: str, now: int) -> None:
    db.execute("DELETE FROM nonces WHERE created <= ?", (now - NONCE_LIFETIME_MS,))
    db.execute(
        "INSERT OR REPLACE INTO nonces (user_id, route, nonce, input, response, created) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (user_id, route_key, body["nonce"], dumps(body), out, now),
    )
