"""Organizations: ``/org/new``, ``/org-xxxx/*`` and ``/system/findOrgs``.

Orgs are addressed by handle (``org-<handle>``). Each member has a level
(``ADMIN`` or ``MEMBER``) and three permission flags: ``allowBillableActivities``,
``appAccess`` and ``projectAccess`` (the highest project level a member gets
through the org's own project grants; ADMINs get ``ADMINISTER``). The module
registers a group resolver with :mod:`dxpy.emulator._data.perms` so that a project
shared with an org is visible to its members, capped by ``projectAccess``.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.store import register_schema
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes.projects import describe_container
from dxpy.emulator._routes.search import describe_input, install_regexps, project_conditions
from dxpy.emulator._routes.system import describe_fields

SCHEMA = """
CREATE TABLE IF NOT EXISTS orgs (
    id TEXT PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    policies TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS org_members (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    level TEXT NOT NULL,
    allow_billable INTEGER NOT NULL,
    app_access INTEGER NOT NULL,
    project_access INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX IF NOT EXISTS org_members_user ON org_members(user_id, org_id);
"""

register_schema(SCHEMA)

_HANDLE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_MEMBER_LEVELS = ("ADMIN", "MEMBER")
_ORG_DEFAULT = ["id", "class", "name", "handle", "created", "modified", "policies",
                "level", "allowBillableActivities", "appAccess", "projectAccess"]
_MAX_LIMIT = 1000


def _org_groups(db: sqlite3.Connection, user_id: str) -> list[tuple[str, int]]:
    rows = db.execute(
        "SELECT org_id, level, project_access FROM org_members WHERE user_id=?", (user_id,)
    ).fetchall()
    return [(r["org_id"], perms.ADMINISTER if r["level"] == "ADMIN" else r["project_access"]) for r in rows]


perms.register_group_resolver(_org_groups)


# -- helpers ----------------------------------------------------------------------


def _membership(db: sqlite3.Connection, org_id: str, user_id: str) -> Optional[sqlite3.Row]:
    return db.execute(
        "SELECT * FROM org_members WHERE org_id=? AND user_id=?", (org_id, user_id)
    ).fetchone()


def _load_org(req: Request, admin: bool = False) -> tuple[sqlite3.Row, sqlite3.Row]:
    """The org in the URL and the caller's membership (ResourceNotFound / PermissionDenied)."""
    org_id = str(req.object_id)
    row = req.db.execute("SELECT * FROM orgs WHERE id=?", (org_id,)).fetchone()
    if row is None:
        raise APIError("ResourceNotFound", f"The entity {org_id} could not be found")
    member = _membership(req.db, org_id, req.user_id)
    if member is None:
        raise APIError("PermissionDenied", f"The caller is not a member of {org_id}")
    if admin and member["level"] != "ADMIN":
        raise APIError("PermissionDenied", f"ADMIN membership of {org_id} is required for this action")
    return row, member


def _access(member: sqlite3.Row) -> dict[str, Any]:
    return {
        "level": member["level"],
        "allowBillableActivities": bool(member["allow_billable"]),
        "appAccess": bool(member["app_access"]),
        "projectAccess": perms.level_name(member["project_access"]) or "NONE",
    }


def _member_flags(value: Any, key: str, current: Optional[dict] = None) -> dict[str, Any]:
    """Validate member level/flags; unspecified flags follow the level's defaults."""
    if not isinstance(value, dict):
        raise APIError("InvalidInput", f'expected key "{key}" of input to be a mapping')
    level = value.get("level", (current or {}).get("level"))
    if level not in _MEMBER_LEVELS:
        raise APIError("InvalidInput", f'expected "{key}.level" to be ADMIN or MEMBER')
    admin = level == "ADMIN"
    base = current if current is not None and current.get("level") == level else {
        "allow_billable": admin, "app_access": True,
        "project_access": perms.ADMINISTER if admin else perms.CONTRIBUTE,
    }
    flags = {"level": level, **{k: base[k] for k in ("allow_billable", "app_access", "project_access")}}
    for name, column in (("allowBillableActivities", "allow_billable"), ("appAccess", "app_access")):
        if name in value:
            if not isinstance(value[name], bool):
                raise APIError("InvalidInput", f'expected "{key}.{name}" to be a boolean')
            flags[column] = value[name]
    if "projectAccess" in value:
        flags["project_access"] = perms.parse_level(value["projectAccess"], f"{key}.projectAccess",
                                                    allow_none=True) or perms.NONE
    if admin:
        flags.update(allow_billable=True, app_access=True, project_access=perms.ADMINISTER)
    return flags


def _admins_left(db: sqlite3.Connection, org_id: str, without: str) -> int:
    row = db.execute(
        "SELECT count(*) FROM org_members WHERE org_id=? AND level='ADMIN' AND user_id<>?", (org_id, without)
    ).fetchone()
    return int(row[0])


def _page(body: dict, items: list[dict], key: str = "id") -> dict:
    limit = dm.field(body, "limit", int, _MAX_LIMIT)
    if limit < 1:
        raise APIError("InvalidInput", 'expected key "limit" of input to be a positive integer')
    starting = body.get("starting")
    if starting is not None and not isinstance(starting, str):
        raise APIError("InvalidInput", 'expected key "starting" of input to be a previous "next" value')
    items = sorted(items, key=lambda item: item[key])
    if starting is not None:
        items = [item for item in items if item[key] > starting]
    limit = min(limit, _MAX_LIMIT)
    more = len(items) > limit
    items = items[:limit]
    return {"results": items, "next": items[-1][key] if more else None}


# -- org routes ---------------------------------------------------------------------


@route("org", "new", nonce=True)
def org_new(req: Request) -> dict:
    """``/org/new``: create an org; the caller becomes its first ADMIN.

    :param req: the request (``handle``, ``name``, optional ``policies``)
    :returns: ``{"id": "org-<handle>"}``
    :raises APIError: InvalidInput for a bad or taken handle
    """
    body = req.body
    dm.ignore_unknown(body, {"handle", "name", "policies", "nonce"}, "/org/new")
    handle = dm.field(body, "handle", str, required=True)
    name = dm.field(body, "name", str, required=True)
    policies = dm.field(body, "policies", dict, {})
    if not _HANDLE_RE.match(handle):
        raise APIError("InvalidInput", f'expected key "handle" to be a valid org handle, got "{handle}"')
    org_id = "org-" + handle
    if req.db.execute("SELECT 1 FROM orgs WHERE id=?", (org_id,)).fetchone():
        raise APIError("InvalidInput", f"An org with handle {handle} already exists")
    req.db.execute(
        "INSERT INTO orgs (id, handle, name, created, modified, created_by, policies) VALUES (?,?,?,?,?,?,?)",
        (org_id, handle, name, req.now_ms, req.now_ms, req.user_id, dm.dumps(policies)),
    )
    req.db.execute(
        "INSERT INTO org_members VALUES (?, ?, 'ADMIN', 1, 1, ?)", (org_id, req.user_id, perms.ADMINISTER)
    )
    return {"id": org_id}


@route("org", "describe", on_object=True, readonly=True)
def org_describe(req: Request) -> dict:
    """``/org-xxxx/describe``: the org and the caller's membership.

    :param req: the request (``fields`` / ``defaultFields``)
    :returns: the description
    :raises APIError: ResourceNotFound, PermissionDenied (not a member)
    """
    row, member = _load_org(req)
    full = {
        "id": row["id"], "class": "org", "name": row["name"], "handle": row["handle"],
        "created": row["created"], "modified": row["modified"], "policies": dm.loads(row["policies"], {}),
        **_access(member),
    }
    return describe_fields(req.body, _ORG_DEFAULT, full)


@route("org", "update", on_object=True)
def org_update(req: Request) -> dict:
    """``/org-xxxx/update``: change ``name`` and/or ``policies`` (ADMIN only).

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied
    """
    row, _ = _load_org(req, admin=True)
    dm.ignore_unknown(req.body, {"name", "policies"}, "/org-xxxx/update")
    name = dm.field(req.body, "name", str, row["name"])
    policies = dm.field(req.body, "policies", dict, dm.loads(row["policies"], {}))
    req.db.execute("UPDATE orgs SET name=?, policies=?, modified=? WHERE id=?",
                   (name, dm.dumps(policies), req.now_ms, row["id"]))
    return {"id": row["id"]}


@route("org", "invite", on_object=True)
def org_invite(req: Request) -> dict:
    """``/org-xxxx/invite``: add a user with a level and permission flags (ADMIN only).

    :param req: the request (``invitee``, ``level``, optional flags, ``suppressEmailNotification``)
    :returns: ``{"id", "state": "ACCEPTED"}``
    :raises APIError: InvalidInput, ResourceNotFound (org or user), PermissionDenied, InvalidState
    """
    row, _ = _load_org(req, admin=True)
    body = dict(req.body)
    dm.ignore_unknown(body, {"invitee", "level", "allowBillableActivities", "appAccess", "projectAccess",
                       "suppressEmailNotification", "createProjectsAndApps"}, "/org-xxxx/invite")
    invitee = dm.field(body, "invitee", str, required=True)
    if req.db.execute("SELECT 1 FROM users WHERE id=?", (invitee,)).fetchone() is None:
        raise APIError("ResourceNotFound", f"The user {invitee} could not be found")
    flags = _member_flags({k: body[k] for k in body if k != "invitee"}, "input")
    if _membership(req.db, row["id"], invitee) is not None:
        raise APIError("InvalidState", f"{invitee} is already a member of {row['id']}")
    req.db.execute(
        "INSERT INTO org_members VALUES (?, ?, ?, ?, ?, ?)",
        (row["id"], invitee, flags["level"], int(flags["allow_billable"]), int(flags["app_access"]),
         flags["project_access"]),
    )
    return {"id": row["id"], "state": "ACCEPTED"}


@route("org", "removeMember", on_object=True)
def org_remove_member(req: Request) -> dict:
    """``/org-xxxx/removeMember``: remove a member (ADMIN only; the last ADMIN stays).

    :param req: the request (``user``; revoke options are accepted and ignored)
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied, InvalidState
    """
    row, _ = _load_org(req, admin=True)
    allowed = {"user", "revokeProjectPermissions", "revokeAppPermissions"}
    dm.ignore_unknown(req.body, allowed, "/org-xxxx/removeMember")
    user = dm.field(req.body, "user", str, required=True)
    member = _membership(req.db, row["id"], user)
    if member is None:
        raise APIError("ResourceNotFound", f"{user} is not a member of {row['id']}")
    if member["level"] == "ADMIN" and _admins_left(req.db, row["id"], user) == 0:
        raise APIError("InvalidState", f"Cannot remove the last ADMIN of {row['id']}")
    req.db.execute("DELETE FROM org_members WHERE org_id=? AND user_id=?", (row["id"], user))
    return {"id": row["id"]}


@route("org", "setMemberAccess", on_object=True)
def org_set_member_access(req: Request) -> dict:
    """``/org-xxxx/setMemberAccess``: ``{user-id: {level?, flags?}}`` (ADMIN only).

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied, InvalidState
    """
    row, _ = _load_org(req, admin=True)
    for user, value in req.body.items():
        member = _membership(req.db, row["id"], user)
        if member is None:
            raise APIError("ResourceNotFound", f"{user} is not a member of {row['id']}")
        current = {"level": member["level"], "allow_billable": bool(member["allow_billable"]),
                   "app_access": bool(member["app_access"]), "project_access": member["project_access"]}
        flags = _member_flags(value, user, current)
        demoted = flags["level"] != "ADMIN" and member["level"] == "ADMIN"
        if demoted and _admins_left(req.db, row["id"], user) == 0:
            raise APIError("InvalidState", f"Cannot demote the last ADMIN of {row['id']}")
        req.db.execute(
            "UPDATE org_members SET level=?, allow_billable=?, app_access=?, project_access=? "
            "WHERE org_id=? AND user_id=?",
            (flags["level"], int(flags["allow_billable"]), int(flags["app_access"]), flags["project_access"],
             row["id"], user),
        )
    return {"id": row["id"]}


# -- searches -----------------------------------------------------------------------


def _user_describe(db: sqlite3.Connection, user_id: str, body: dict) -> dict:
    row = db.execute("SELECT * FROM users WHERE id=?", (user_id,)).fetchone()
    full = {"id": user_id, "class": "user"}
    if row is not None:
        full.update(first=row["first"], middle=row["middle"], last=row["last"], handle=row["handle"])
    return describe_fields(body, ["id", "class", "first", "middle", "last", "handle"], full)


@route("org", "findMembers", on_object=True, readonly=True)
def org_find_members(req: Request) -> dict:
    """``/org-xxxx/findMembers``: members with their level and flags (members only).

    :param req: the request (``level``, ``id``, ``describe``, ``limit``, ``starting``)
    :returns: ``{"results": [{"id", "level", ...flags, "describe"?}], "next"}``
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied
    """
    row, _ = _load_org(req)
    body = req.body
    dm.ignore_unknown(body, {"level", "id", "describe", "limit", "starting"}, "/org-xxxx/findMembers")
    level = body.get("level")
    if level is not None and level not in _MEMBER_LEVELS:
        raise APIError("InvalidInput", 'expected key "level" of input to be ADMIN or MEMBER')
    ids = dm.field(body, "id", list, None)
    describe = describe_input(body.get("describe"))
    items = []
    for member in req.db.execute("SELECT * FROM org_members WHERE org_id=?", (row["id"],)).fetchall():
        if level is not None and member["level"] != level:
            continue
        if ids is not None and member["user_id"] not in ids:
            continue
        item = {"id": member["user_id"], **_access(member)}
        if describe is not None:
            item["describe"] = _user_describe(req.db, member["user_id"], describe)
        items.append(item)
    return _page(body, items)


@route("org", "findProjects", on_object=True, readonly=True)
def org_find_projects(req: Request) -> dict:
    """``/org-xxxx/findProjects``: projects billed to the org (members only).

    :param req: the request (``name``, ``id``, ``properties``, ``tags``, ``public``,
        ``created``, ``region``, ``containsPHI``, ``describe``, ``limit``, ``starting``)
    :returns: ``{"results": [{"id", "level", "public", "describe"?}], "next"}``;
        ``level`` is the org's own grant in the project (or ``null``)
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied
    """
    row, _ = _load_org(req)
    body = req.body
    allowed = {"name", "id", "properties", "tags", "public", "created", "region", "containsPHI", "describe",
               "limit", "starting"}
    dm.ignore_unknown(body, allowed, "/org-xxxx/findProjects")
    public = dm.field(body, "public", bool, None)
    describe = describe_input(body.get("describe"))
    conds, args, regexps = project_conditions(body)
    install_regexps(req.db, regexps)
    sql = "SELECT k.* FROM containers k WHERE k.bill_to=? AND " + " AND ".join(conds)
    items = []
    for project in req.db.execute(sql, [row["id"], *args]).fetchall():
        cid = project["id"]
        grants = dict(req.db.execute("SELECT member, level FROM memberships WHERE container_id=?", (cid,)))
        is_public = perms.PUBLIC in grants
        if public is not None and is_public != public:
            continue
        item: dict = {"id": cid, "level": perms.level_name(grants.get(row["id"])), "public": is_public}
        if describe is not None:
            item["describe"] = describe_container(req.db, req.user_id, project, describe)
        items.append(item)
    return _page(body, items)


@route("org", "findApps", on_object=True, readonly=True)
def org_find_apps(req: Request) -> dict:
    """``/org-xxxx/findApps``: ``/system/findApps`` restricted to apps billed to the org.

    :param req: the request (the inputs of ``/system/findApps``)
    :returns: ``{"results": [{"id", "describe"?}], "next"}``
    :raises APIError: ResourceNotFound, PermissionDenied, InvalidInput
    """
    import dataclasses

    from dxpy.emulator._routes.apps import find_apps_query

    org, _member = _load_org(req)
    return find_apps_query(dataclasses.replace(req, body={**req.body, "billTo": org["id"]}))


@route("system", "findOrgs", readonly=True)
def find_orgs(req: Request) -> dict:
    """``/system/findOrgs``: orgs the caller belongs to with at least ``level``.

    :param req: the request (``level`` ``MEMBER``/``ADMIN`` (required), ``describe``, ``limit``, ``starting``)
    :returns: ``{"results": [{"id", "level", ...flags, "describe"?}], "next"}``
    :raises APIError: InvalidInput
    """
    body = req.body
    dm.ignore_unknown(body, {"level", "describe", "limit", "starting"}, "/system/findOrgs")
    level = body.get("level")
    if level not in _MEMBER_LEVELS:
        raise APIError("InvalidInput", 'expected key "level" of input to be MEMBER or ADMIN')
    describe = describe_input(body.get("describe"))
    items = []
    rows = req.db.execute(
        "SELECT m.*, o.name AS name, o.handle AS handle, o.created AS created, o.modified AS modified, "
        "o.policies AS policies FROM org_members m JOIN orgs o ON o.id=m.org_id WHERE m.user_id=?",
        (req.user_id,),
    ).fetchall()
    for member in rows:
        if level == "ADMIN" and member["level"] != "ADMIN":
            continue
        item = {"id": member["org_id"], **_access(member)}
        if describe is not None:
            full = {"id": member["org_id"], "class": "org", "name": member["name"],
                    "handle": member["handle"],
                    "created": member["created"], "modified": member["modified"],
                    "policies": dm.loads(member["policies"], {}), **_access(member)}
            item["describe"] = describe_fields(describe, _ORG_DEFAULT, full)
        items.append(item)
    return _page(body, items)
