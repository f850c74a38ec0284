"""Container permission levels and checks.

Levels are stored as integers so that "at least X" is a comparison:
``VIEW`` (1) < ``UPLOAD`` (2) < ``CONTRIBUTE`` (3) < ``ADMINISTER`` (4).

A user's level in a container is the highest of: their own membership, the
membership of ``PUBLIC`` (VIEW at most), and the memberships of the groups
(orgs) they belong to, each capped by what the group resolver says (an org
member's ``projectAccess``). Org support registers a resolver with
:func:`register_group_resolver`; without one only users and PUBLIC count.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from typing import Callable, Optional

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
    return best or None


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
    return {cid: lvl for cid, lvl in result.items() if lvl >= min_level}


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
