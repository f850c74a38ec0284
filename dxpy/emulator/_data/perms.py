"""Container permission levels and checks.

Levels are stored as integers so that "at least X" is a comparison:
``VIEW`` (1) < ``UPLOAD`` (2) < ``CONTRIBUTE`` (3) < ``ADMINISTER`` (4).

A user's level in a container is the highest of: their own membership, the
membership of ``PUBLIC`` (VIEW at most), and the memberships of the groups
(orgs) they belong to, each capped by what the group resolver says (an org
member's ``projectAccess``). Org support registers a resolver with
:func:`register_group_resolver`; without one only users and PUBLIC count.

A request made with a job's token runs under a :class:`TokenScope` (set by the
dispatcher with :func:`use_scope`): every level computed here is then capped by
what the job may touch (its workspace, its project context at the level its
executable's ``access`` asks, ``allProjects``), never more than the user has.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Callable, Optional

from dxpy.emulator._data.store import register_schema
from dxpy.emulator._protocol.errors import APIError

logger = logging.getLogger(__name__)

NONE = 0
VIEW = 1
UPLOAD = 2
CONTRIBUTE = 3
ADMINISTER = 4

LEVEL_NAMES = {VIEW: "VIEW", UPLOAD: "UPLOAD", CONTRIBUTE: "CONTRIBUTE", ADMINISTER: "ADMINISTER"}
LEVELS = {name: value for value, name in LEVEL_NAMES.items()}

PUBLIC = "PUBLIC"

#: ``fn(db, user_id) -> [(group_id, cap_level), ...]``
GroupResolver = Callable[[sqlite3.Connection, str], Iterable[tuple[str, int]]]
_group_resolvers: list[GroupResolver] = []


@dataclass(frozen=True)
class TokenScope:
    """What a restricted token (a job's) may touch, as caps on the user's own levels.

    :param owner: who the scope belongs to (the job ID)
    :param levels: container ID -> the highest level the token may use there
    :param all_projects: the cap in every other container (``NONE``: no access)
    :param project_creation: whether ``/project/new`` is allowed
    """

    owner: str
    levels: dict = field(default_factory=dict)
    all_projects: int = 0
    project_creation: bool = False

    def cap(self, container_id: str) -> int:
        """The highest level the token may use in a container.

        :param container_id: container ID
        :returns: the cap (``NONE`` when the container is out of scope)
        """
        return max(self.levels.get(container_id, NONE), self.all_projects)


#: ``fn(db, token_hash) -> TokenScope or None`` (None: an unrestricted user token)
ScopeResolver = Callable[[sqlite3.Connection, str], Optional[TokenScope]]
_scope_resolvers: list[ScopeResolver] = []
_SCOPE: contextvars.ContextVar[Optional[TokenScope]] = contextvars.ContextVar("dx_token_scope", default=None)


def register_scope_resolver(fn: ScopeResolver) -> None:
    """Register a function telling which tokens are restricted (the runner's job tokens).

    :param fn: ``fn(db, token_hash)`` returning a :class:`TokenScope` or None
    """
    if fn not in _scope_resolvers:
        _scope_resolvers.append(fn)


def scope_for_token(db: sqlite3.Connection, token_hash: str) -> Optional[TokenScope]:
    """The scope of a token, if a resolver restricts it.

    :param db: connection
    :param token_hash: the token's digest
    :returns: the scope, or None for an unrestricted token
    """
    for resolver in _scope_resolvers:
        found = resolver(db, token_hash)
        if found is not None:
            return found
    return None


def current_scope() -> Optional[TokenScope]:
    """The scope of the request being served.

    :returns: the :class:`TokenScope`, or None outside restricted requests
    """
    return _SCOPE.get()


@contextlib.contextmanager
def use_scope(scope: Optional[TokenScope]) -> Iterator[None]:
    """Cap every level computed in this context by ``scope``.

    :param scope: the scope (None: no cap)
    :returns: a context manager
    """
    reset = _SCOPE.set(scope)
    try:
        yield
    finally:
        _SCOPE.reset(reset)


register_schema("""
CREATE TABLE IF NOT EXISTS scope_grants (
    owner TEXT NOT NULL,
    container_id TEXT NOT NULL,
    level INTEGER NOT NULL,
    PRIMARY KEY (owner, container_id)
);
""")


def grant_to_scope(db: sqlite3.Connection, container_id: str, level: int) -> None:
    """Widen the current request's scope (if any) to a container it just created.

    A job allowed to create projects must be able to use them: the grant is stored
    under the scope's owner and read back by its resolver.

    :param db: connection inside a write transaction
    :param container_id: the new container
    :param level: the level granted
    """
    scope = _SCOPE.get()
    if scope is not None:
        db.execute("INSERT OR REPLACE INTO scope_grants(owner, container_id, level) VALUES (?,?,?)",
                   (scope.owner, container_id, level))


def scope_grants(db: sqlite3.Connection, owner: str) -> dict:
    """The containers granted to a scope owner by :func:`grant_to_scope`.

    :param db: connection
    :param owner: the scope owner
    :returns: container ID -> level
    """
    rows = db.execute("SELECT container_id, level FROM scope_grants WHERE owner=?", (owner,)).fetchall()
    return {cid: level for cid, level in rows}


def _capped(container_id: str, level: int) -> int:
    scope = _SCOPE.get()
    return level if scope is None else min(level, scope.cap(container_id))


def register_group_resolver(fn: GroupResolver) -> None:
    """Register a function listing the groups (orgs) a user belongs to.

    :param fn: ``fn(db, user_id)`` returning ``(group_id, cap_level)`` pairs; a
        project grant to the group counts for the user up to ``cap_level``
    """
    if fn not in _group_resolvers:
        _group_resolvers.append(fn)


def level_name(level: Optional[int]) -> Optional[str]:
    """Name of a level.

    :param level: integer level or None
    :returns: ``"VIEW"`` ... ``"ADMINISTER"``, or None for no access
    """
    if not level:
        return None
    return LEVEL_NAMES[level]


def parse_level(value: object, key: str = "level", allow_none: bool = False) -> Optional[int]:
    """Parse a level name from input.

    :param value: the input value
    :param key: field name for messages
    :param allow_none: accept ``"NONE"``/``null`` and return None
    :returns: integer level (or None)
    :raises APIError: InvalidInput naming the field
    """
    if allow_none and value in (None, "NONE"):
        return None
    if not isinstance(value, str) or value not in LEVELS:
        raise APIError(
            "InvalidInput",
            f'expected key "{key}" of input to be one of VIEW, UPLOAD, CONTRIBUTE, ADMINISTER',
        )
    return LEVELS[value]


def principals(db: sqlite3.Connection, user_id: str) -> list[tuple[str, int]]:
    """Every member identity that can grant access to a user, with its cap.

    :param db: connection
    :param user_id: the caller
    :returns: ``[(member_id, cap_level), ...]`` starting with the user itself
    """
    found: list[tuple[str, int]] = [(user_id, ADMINISTER)]
    for resolver in _group_resolvers:
        found.extend(resolver(db, user_id))
    return found


def level_of(
    db: sqlite3.Connection, user_id: str, container_id: str, include_public: bool = True
) -> Optional[int]:
    """The caller's effective level in a container.

    :param db: connection
    :param user_id: the caller
    :param container_id: container ID
    :param include_public: count access granted only through PUBLIC
    :returns: integer level, or None when the caller has no access (or the
        container does not exist)
    """
    best = NONE
    caps = dict(principals(db, user_id))
    rows = db.execute(
        "SELECT member, level FROM memberships WHERE container_id=?", (container_id,)
    ).fetchall()
    for member, level in rows:
        if member in caps:
            best = max(best, min(level, caps[member]))
        elif member == PUBLIC and include_public:
            best = max(best, min(level, VIEW))
    return _capped(container_id, best) or None


def require(db: sqlite3.Connection, user_id: str, container_id: str, level: int) -> int:
    """Check that the caller has at least ``level`` in a container.

    :param db: connection
    :param user_id: the caller
    :param container_id: container ID
    :param level: the minimum level
    :returns: the caller's level
    :raises APIError: ResourceNotFound when the container does not exist or the
        caller has no access at all; PermissionDenied when the level is too low
    """
    have = level_of(db, user_id, container_id)
    if have is None:
        raise APIError("ResourceNotFound", f'The entity {container_id} could not be found')
    if have < level:
        raise APIError(
            "PermissionDenied",
            f"{LEVEL_NAMES[level]} permission required in {container_id} to perform this action",
        )
    return have


def accessible_containers(
    db: sqlite3.Connection, user_id: str, min_level: int = VIEW, include_public: bool = False
) -> dict:
    """All containers where the caller has at least ``min_level``.

    :param db: connection
    :param user_id: the caller
    :param min_level: minimum level
    :param include_public: count PUBLIC-only access (capped at VIEW)
    :returns: mapping container ID -> level
    """
    result: dict = {}
    for member, cap in principals(db, user_id):
        rows = db.execute(
            "SELECT container_id, level FROM memberships WHERE member=?", (member,)
        ).fetchall()
        for cid, level in rows:
            eff = min(level, cap)
            if eff > result.get(cid, NONE):
                result[cid] = eff
    if include_public:
        for (cid,) in db.execute("SELECT container_id FROM memberships WHERE member=?", (PUBLIC,)):
            result.setdefault(cid, VIEW)
    result = {cid: _capped(cid, lvl) for cid, lvl in result.items()}
    return {cid: lvl for cid, lvl in result.items() if lvl and lvl >= min_level}


def object_containers(db: sqlite3.Connection, user_id: str, object_id: str) -> dict:
    """Containers holding an object where the caller has access.

    :param db: connection
    :param user_id: the caller
    :param object_id: data object ID
    :returns: mapping container ID -> caller's level (insertion order: oldest copy first)
    """
    result: dict = {}
    rows = db.execute(
        "SELECT container_id FROM object_copies WHERE object_id=? ORDER BY created, container_id",
        (object_id,),
    ).fetchall()
    for (cid,) in rows:
        level = level_of(db, user_id, cid)
        if level:
            result[cid] = level
    return result
