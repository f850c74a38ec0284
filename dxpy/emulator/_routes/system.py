"""System routes, users and tokens, and the emulator's admin control routes.

Routes: ``/system/whoami``, ``/system/greet``, ``/system/headers``,
``/system/comeBackLater``, ``/user-xxxx/describe``, and the admin-only
``/emulator/faults`` and ``/emulator/newUser``.

Users are ``user-<handle>``; tokens are stored as SHA-256 digests only.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import sqlite3
import string
from typing import Any, Optional

from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.faults import FaultSet, fault_from_json, parse_fault_spec
from dxpy.emulator._protocol.registry import Request, route

__all__ = [
    "create_user",
    "create_token",
    "user_for_token",
    "describe_fields",
    "HANDLE_RE",
]

logger = logging.getLogger(__name__)

#: Handles: lower-case letter first, then letters, digits, ``.`` or ``_``.
HANDLE_RE = re.compile(r"^[a-z][a-z0-9._]{0,63}$")

_TOKEN_ALPHABET = string.ascii_letters + string.digits


def hash_token(token: str) -> str:
    """Digest a token for storage and lookup (raw tokens are never stored).

    :param token: the bearer token.
    :returns: hex SHA-256.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(
    db: sqlite3.Connection,
    handle: str,
    now_ms: int,
    first: str = "",
    last: str = "",
    email: str = "",
    admin: bool = False,
) -> str:
    """Create a user ``user-<handle>``.

    :param db: a connection inside a write transaction.
    :param handle: the user name (lower-cased).
    :param now_ms: creation time.
    :param first: first name (default: the handle).
    :param last: last name.
    :param email: e-mail address (default ``<handle>@emulator.invalid``).
    :param admin: may use the emulator control routes.
    :returns: the new user ID.
    :raises APIError: InvalidInput for a bad handle, InvalidState if it exists.
    """
    handle = handle.lower()
    if not HANDLE_RE.match(handle):
        raise APIError("InvalidInput", f"Invalid user handle {handle!r}: use a-z, 0-9, '.' and '_'")
    user_id = "user-" + handle
    if db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone():
        raise APIError("InvalidState", f"The user {user_id} already exists")
    db.execute(
        "INSERT INTO users (id, handle, first, last, email, created, admin) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (user_id, handle, first or handle, last, email or f"{handle}@emulator.invalid", now_ms, int(admin)),
    )
    return user_id


def create_token(db: sqlite3.Connection, user_id: str, now_ms: int, label: str = "") -> str:
    """Issue a new bearer token for a user.

    :param db: a connection inside a write transaction.
    :param user_id: the owner.
    :param now_ms: creation time.
    :param label: free text shown nowhere but the database.
    :returns: the token (32 letters/digits); only its digest is stored.
    """
    token = "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(32))
    db.execute(
        "INSERT INTO tokens (token_hash, user_id, created, label) VALUES (?, ?, ?, ?)",
        (hash_token(token), user_id, now_ms, label),
    )
    return token


def derived_token(secret: bytes, label: str) -> str:
    """A token computed from the server's secret, so that it need not be stored in clear.

    The default user's token is one: it stays the same across restarts of a state
    directory while the database holds only its digest, like every other token's.

    :param secret: the server's signing secret.
    :param label: what the token is for (``"default"``).
    :returns: 32 letters and digits.
    """
    digest = hmac.new(secret, b"dx-emulator token:" + label.encode(), hashlib.sha256).digest()
    return "".join(_TOKEN_ALPHABET[b % len(_TOKEN_ALPHABET)] for b in digest)


def ensure_token(db: sqlite3.Connection, token: str, user_id: str, now_ms: int, label: str) -> None:
    """Register *token* (by its digest) for *user_id* unless it is already known.

    :param db: a connection inside a write transaction.
    :param token: the token.
    :param user_id: its owner.
    :param now_ms: creation time.
    :param label: free text.
    """
    db.execute(
        "INSERT OR IGNORE INTO tokens (token_hash, user_id, created, label) VALUES (?, ?, ?, ?)",
        (hash_token(token), user_id, now_ms, label),
    )


def user_for_token(db: sqlite3.Connection, token: str) -> Optional[tuple[str, bool]]:
    """Resolve a bearer token.

    :param db: a connection inside a transaction.
    :param token: the token from the Authorization header.
    :returns: ``(user_id, is_admin)`` or None for an unknown token.
    """
    row = db.execute(
        "SELECT u.id AS id, u.admin AS admin FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ?",
        (hash_token(token),),
    ).fetchone()
    if row is None:
        return None
    return str(row["id"]), bool(row["admin"])


def describe_fields(body: dict[str, Any], default: list[str], full: dict[str, Any]) -> dict[str, Any]:
    """Apply ``fields`` / ``defaultFields`` describe semantics.

    :param body: the describe input.
    :param default: keys returned when no ``fields`` are given.
    :param full: every available key and value.
    :returns: the selected keys (always including ``id``).
    :raises APIError: InvalidInput when ``fields``/``defaultFields`` are malformed.
    """
    fields = body.get("fields")
    default_fields = body.get("defaultFields")
    if fields is not None and (
        not isinstance(fields, dict) or not all(isinstance(v, bool) for v in fields.values())
    ):
        raise APIError("InvalidInput", "expected key \"fields\" of input to be a mapping to booleans")
    if default_fields is not None and not isinstance(default_fields, bool):
        raise APIError("InvalidInput", "expected key \"defaultFields\" of input to be a boolean")
    if fields is None:
        wanted = list(default)
    else:
        wanted = list(default) if default_fields else []
        wanted += [k for k, v in fields.items() if v and k not in wanted]
    out = {"id": full["id"]}
    for key in wanted:
        if key in full:
            out[key] = full[key]
    return out


# -- system routes ---------------------------------------------------------


@route("system", "whoami", readonly=True)
def whoami(req: Request) -> dict[str, Any]:
    """``/system/whoami``: the caller's user ID (and ``clientIp`` when asked).

    :param req: the request.
    :returns: ``{"id", "clientIp"?}``.
    """
    out: dict[str, Any] = {"id": req.user_id}
    fields = req.body.get("fields")
    if fields is not None and not isinstance(fields, dict):
        raise APIError("InvalidInput", "expected key \"fields\" of input to be a mapping")
    if fields and fields.get("clientIp"):
        out["clientIp"] = req.client_ip
    return out


@route("system", "greet", readonly=True, auth=False)
def greet(req: Request) -> dict[str, Any]:
    """``/system/greet``: no messages and no update offers.

    :param req: the request.
    :returns: ``{"messages": []}``.
    """
    return {"messages": []}


@route("system", "headers", readonly=True, auth=False)
def headers(req: Request) -> dict[str, str]:
    """``/system/headers``: the request headers, names lower-cased (Authorization withheld).

    :param req: the request.
    :returns: ``{name: value}``.
    """
    return {k: v for k, v in req.headers.items() if k != "authorization"}


@route("system", "comeBackLater", readonly=True, auth=False)
def come_back_later(req: Request) -> dict[str, Any]:
    """``/system/comeBackLater``: 503 until ``waitUntil``, then the server time.

    :param req: the request.
    :returns: ``{"currentTime": now}`` once ``waitUntil`` (ms) has passed.
    :raises APIError: ServiceUnavailable (with ``Retry-After: 2`` unless ``setRetryAfter`` is false).
    """
    wait_until = req.body.get("waitUntil")
    set_retry = req.body.get("setRetryAfter", True)
    if wait_until is not None and (not isinstance(wait_until, (int, float)) or isinstance(wait_until, bool)):
        raise APIError("InvalidInput", "expected key \"waitUntil\" of input to be a number (ms)")
    if not isinstance(set_retry, bool):
        raise APIError("InvalidInput", "expected key \"setRetryAfter\" of input to be a boolean")
    if wait_until is None or wait_until <= req.now_ms:
        return {"currentTime": req.now_ms}
    hdrs = {"Retry-After": "2"} if set_retry else {}
    raise APIError("ServiceUnavailable", "Come back later", headers=hdrs)


# -- users -----------------------------------------------------------------

_USER_PUBLIC = ["id", "class", "first", "middle", "last", "handle"]
_USER_DEFAULT = _USER_PUBLIC + ["email", "billTo", "created"]


@route("user", "describe", on_object=True, readonly=True)
def user_describe(req: Request) -> dict[str, Any]:
    """``/user-xxxx/describe``: full description for oneself, public fields for others.

    :param req: the request.
    :returns: the description.
    :raises APIError: ResourceNotFound for an unknown user.
    """
    row = req.db.execute("SELECT * FROM users WHERE id = ?", (req.object_id,)).fetchone()
    if row is None:
        raise APIError("ResourceNotFound", f"The entity {req.object_id} could not be found")
    full = {
        "id": row["id"],
        "class": "user",
        "handle": row["handle"],
        "first": row["first"],
        "middle": row["middle"],
        "last": row["last"],
        "email": row["email"],
        "billTo": row["id"],
        "created": row["created"],
    }
    if req.user_id != row["id"]:
        full = {k: full[k] for k in _USER_PUBLIC}
        return describe_fields(req.body, _USER_PUBLIC, full)
    from dxpy.emulator._data.apps import apps_installed

    full["appsInstalled"] = apps_installed(req.db, row["id"])
    # upstream dx asks with a top-level {"appsInstalled": true}
    legacy = ["appsInstalled"] if req.body.get("appsInstalled") is True else []
    body = {k: v for k, v in req.body.items() if k != "appsInstalled"}
    return describe_fields(body, _USER_DEFAULT + legacy, full)


@route("system", "getUserInfo", readonly=True)
def get_user_info(req: Request) -> dict[str, Any]:
    """``/system/getUserInfo``: the auth server's view of the caller.

    On the platform this route lives on the separate auth server (``dxpy.user_info``,
    ``dx login --token``); the emulator plays both servers, and its environment names
    itself in ``DX_AUTHSERVER_HOST`` / ``DX_AUTHSERVER_PORT``.

    :param req: the request.
    :returns: ``{"user_id", "username", "email"}``.
    """
    row = req.db.execute("SELECT id, handle, email FROM users WHERE id = ?", (req.user_id,)).fetchone()
    return {"user_id": row["id"], "username": row["handle"], "email": row["email"]}


# -- emulator control (admin only) -------------------------------------------


def _require_admin(req: Request) -> None:
    if not req.is_admin:
        raise APIError("PermissionDenied", "Only the emulator's admin user may use /emulator routes")


@route("emulator", "faults")
def faults(req: Request) -> dict[str, Any]:
    """``/emulator/faults``: list, add or clear injected faults (admin only).

    Input: ``{"action": "list"|"add"|"clear", "spec": "<fault spec>"?, "faults": [..]?}``.

    :param req: the request.
    :returns: ``{"faults": [armed faults], "fired": n}``.
    :raises APIError: PermissionDenied for non-admins, InvalidInput for a bad spec.
    """
    _require_admin(req)
    fault_set = req.server.faults
    if not isinstance(fault_set, FaultSet):
        raise APIError("InvalidState", "fault injection is not available on this server")
    action = req.body.get("action", "list")
    if action == "clear":
        fault_set.clear()
    elif action == "add":
        spec, items = req.body.get("spec"), req.body.get("faults", [])
        if spec is not None and not isinstance(spec, str):
            raise APIError("InvalidInput", "expected key \"spec\" of input to be a string")
        if not isinstance(items, list):
            raise APIError("InvalidInput", "expected key \"faults\" of input to be an array")
        try:
            new = parse_fault_spec(spec) if spec else []
            new += [fault_from_json(item) for item in items]
        except ValueError as exc:
            raise APIError("InvalidInput", str(exc)) from None
        fault_set.add(new)
    elif action != "list":
        raise APIError("InvalidInput", "expected key \"action\" of input to be one of list, add, clear")
    return {"faults": [f.to_json() for f in fault_set.list()], "fired": fault_set.fired}


@route("emulator", "newUser")
def new_user(req: Request) -> dict[str, Any]:
    """``/emulator/newUser``: create a user and a token for it (admin only).

    Input: ``{"handle": "bob", "first"?, "last"?, "email"?}``.

    :param req: the request.
    :returns: ``{"id": "user-bob", "token": "..."}``.
    :raises APIError: PermissionDenied for non-admins, InvalidInput/InvalidState for a bad handle.
    """
    _require_admin(req)
    handle = req.body.get("handle")
    if not isinstance(handle, str):
        raise APIError("InvalidInput", "expected key \"handle\" of input to be a string")
    names: dict[str, str] = {}
    for key in ("first", "last", "email"):
        value = req.body.get(key, "")
        if not isinstance(value, str):
            raise APIError("InvalidInput", f"expected key \"{key}\" of input to be a string")
        names[key] = value
    user_id = create_user(req.db, handle, req.now_ms, names["first"], names["last"], names["email"])
    return {"id": user_id, "token": create_token(req.db, user_id, req.now_ms, label="newUser")}
