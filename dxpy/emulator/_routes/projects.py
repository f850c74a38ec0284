"""Project and container routes: new, describe, update, destroy, members, tags, properties.

Folder routes (shared by projects and containers) are in
:mod:`dxpy.emulator._routes.folders`.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Callable

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.ids import is_id, new_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import route

logger = logging.getLogger(__name__)

#: Project settings kept in the ``settings`` blob: name -> (accepted types, default).
SETTINGS: dict = {
    "summary": ((str,), ""),
    "description": ((str,), ""),
    "protected": ((bool,), False),
    "restricted": ((bool,), False),
    "downloadRestricted": ((bool,), False),
    "previewViewerRestricted": ((bool,), False),
    "externalUploadRestricted": ((bool,), False),
    "containsPHI": ((bool,), False),
    "databaseUIViewOnly": ((bool,), False),
    "databaseResultsRestricted": ((int, type(None)), None),
    "allowedExecutables": ((list, type(None)), None),
    "httpsAppIsolatedBrowsing": ((bool,), False),
    "httpsAppIsolatedBrowsingOptions": ((dict, type(None)), None),
    "defaultSymlink": ((dict, type(None)), None),
    "drive": ((str, type(None)), None),
}
#: Settings ``/project/new`` accepts (``containsPHI`` cannot be unset later).
NEW_ONLY = ("containsPHI", "defaultSymlink", "drive")
#: Settings changed by ``update`` that need only CONTRIBUTE.
CONTRIBUTE_SETTINGS = ("name", "summary", "description")

DEFAULT_FIELDS = (
    "id", "class", "name", "summary", "description", "tags", "billTo", "created", "modified",
    "createdBy", "level", "dataUsage", "sponsoredDataUsage", "protected", "restricted",
    "downloadRestricted", "previewViewerRestricted", "externalUploadRestricted", "containsPHI",
    "databaseUIViewOnly", "databaseResultsRestricted", "allowedExecutables", "version", "region",
    "currency", "pendingTransfer", "defaultInstanceType",
)

#: Hooks run before a project is destroyed: ``fn(db, project_id, terminate_jobs)``; may raise.
DESTROY_HOOKS: list[Callable[[sqlite3.Connection, str, bool], None]] = []


def create_project(db: sqlite3.Connection, user_id: str, name: str, now_ms: int, **fields: Any) -> str:
    """Create a project whose only member is ``user_id`` (ADMINISTER).

    :param db: connection inside a write transaction
    :param user_id: the creator
    :param name: project name
    :param now_ms: creation time
    :param fields: optional ``summary``, ``description``, ``tags``, ``properties``,
        ``billTo``, ``region``, any project setting, ``fileUploadParameters`` (emulator
        extension: per-project part-size limits, e.g. small ones for tests), and
        ``cls`` (``"project"`` or ``"container"``)
    :returns: the new ID
    """
    cls = fields.pop("cls", "project")
    cid = new_id(cls)
    settings = {k: fields[k] for k in SETTINGS if k in fields}
    if fields.get("fileUploadParameters"):
        settings["fileUploadParameters"] = dict(fields["fileUploadParameters"])
    tags = _dedupe(fields.get("tags") or [])
    props = dict(fields.get("properties") or {})
    db.execute(
        "INSERT INTO containers(id, class, name, bill_to, region, created, modified, created_by, version,"
        " tags, properties, settings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (cid, cls, name, fields.get("billTo") or user_id, fields.get("region") or dm.DEFAULT_REGION,
         now_ms, now_ms, dm.dumps({"user": user_id}), 1, dm.dumps(tags), dm.dumps(props),
         dm.dumps(settings)),
    )
    _sync_container_index(db, cid, tags, props)
    db.execute("INSERT INTO folders(container_id, path) VALUES (?, '/')", (cid,))
    db.execute(
        "INSERT INTO memberships(container_id, member, level) VALUES (?,?,?)",
        (cid, user_id, perms.ADMINISTER),
    )
    logger.debug("created %s %s for %s", cls, cid, user_id)
    return cid


def create_container(db: sqlite3.Connection, owner_id: str, now_ms: int, level: int = perms.ADMINISTER,
                     **fields: Any) -> str:
    """Create a system container (job workspace, app resources...).

    :param db: connection inside a write transaction
    :param owner_id: user (or job identity) given ``level`` on it
    :param now_ms: creation time
    :param level: the owner's level
    :param fields: as for :func:`create_project` (``name`` defaults to the ID)
    :returns: the new ``container-xxxx`` ID
    """
    name = fields.pop("name", "")
    cid = create_project(db, owner_id, name, now_ms, cls="container", **fields)
    if not name:
        db.execute("UPDATE containers SET name=? WHERE id=?", (cid, cid))
    if level != perms.ADMINISTER:
        db.execute("UPDATE memberships SET level=? WHERE container_id=? AND member=?", (level, cid, owner_id))
    return cid


def _dedupe(items: list) -> list:
    seen: set = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _sync_container_index(db: sqlite3.Connection, cid: str, tags: list, props: dict) -> None:
    db.execute("DELETE FROM container_tags WHERE container_id=?", (cid,))
    db.executemany("INSERT OR IGNORE INTO container_tags VALUES (?,?)", [(cid, t) for t in tags])
    db.execute("DELETE FROM container_props WHERE container_id=?", (cid,))
    db.executemany("INSERT INTO container_props VALUES (?,?,?)", [(cid, k, v) for k, v in props.items()])


def load_container(db: sqlite3.Connection, user_id: str, container_id: str, level: int) -> sqlite3.Row:
    """Fetch a container after checking the caller's level.

    :param db: connection
    :param user_id: the caller
    :param container_id: ID from the URL
    :param level: minimum level
    :returns: the row
    :raises APIError: ResourceNotFound / PermissionDenied
    """
    row = dm.get_container(db, container_id)
    if row is None:
        raise APIError("ResourceNotFound", f'The entity {container_id} could not be found')
    perms.require(db, user_id, container_id, level)
    return row


def _check_setting(key: str, value: Any) -> None:
    kinds, _default = SETTINGS[key]
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if not ok:
        raise APIError("InvalidInput", f'expected key "{key}" of input to be {dm._kind_name(kinds)}')
    if key == "allowedExecutables" and value is not None and not all(isinstance(x, str) for x in value):
        raise APIError("InvalidInput", 'expected key "allowedExecutables" of input to be an array of strings')


# -- /project/new ---------------------------------------------------------------------------------

_NEW_KEYS = set(SETTINGS) | {"name", "tags", "properties", "billTo", "region", "fileUploadParameters"}


@route("project", "new")
def project_new(req: Any) -> dict:
    """``/project/new``: create a project owned by the caller.

    :param req: the request
    :returns: ``{"id": project ID}``
    :raises APIError: InvalidInput for missing/mistyped fields
    """
    body = req.body
    dm.ignore_unknown(body, _NEW_KEYS, "/project/new")
    name = dm.field(body, "name", str, required=True)
    if not name:
        raise APIError("InvalidInput", 'expected key "name" of input to be a non-empty string')
    fields: dict = {}
    for key in SETTINGS:
        if key in body:
            _check_setting(key, body[key])
            fields[key] = body[key]
    _restriction_rules(fields, body, was_download_restricted=False)
    fields["tags"] = dm.string_list(body, "tags")
    fields["properties"] = dm.properties_input(body)
    bill_to = dm.field(body, "billTo", str, req.user_id)
    if bill_to != req.user_id:
        _check_bill_to_org(req.db, req.user_id, bill_to)
    fields["billTo"] = bill_to
    fields["region"] = dm.field(body, "region", str, dm.DEFAULT_REGION)
    fup = dm.field(body, "fileUploadParameters", dict, None)
    if fup is not None:
        for k, v in fup.items():
            if k not in dm.AWS_UPLOAD_PARAMETERS or not isinstance(v, (int, bool)):
                raise APIError("InvalidInput", f'invalid entry "{k}" in "fileUploadParameters"')
        fields["fileUploadParameters"] = fup
    scope = perms.current_scope()
    if scope is not None and not scope.project_creation:
        raise APIError("PermissionDenied", "This job's executable may not create projects "
                       '(its "access" lacks "projectCreation": true)')
    pid = create_project(req.db, req.user_id, name, req.now_ms, **fields)
    perms.grant_to_scope(req.db, pid, perms.ADMINISTER)
    return {"id": pid}


def _restriction_rules(settings: dict, body: dict, was_download_restricted: bool) -> None:
    """Turning ``downloadRestricted`` on turns ``previewViewerRestricted`` on too (unless the
    same request sets it); ``previewViewerRestricted`` needs ``downloadRestricted``."""
    if settings.get("downloadRestricted") and not was_download_restricted \
            and "previewViewerRestricted" not in body:
        settings["previewViewerRestricted"] = True
    if settings.get("previewViewerRestricted") and not settings.get("downloadRestricted"):
        raise APIError(
            "InvalidInput", '"previewViewerRestricted" can only be set when "downloadRestricted" is true'
        )


def _check_bill_to_org(db: sqlite3.Connection, user_id: str, bill_to: str) -> None:
    """Only the caller or an org letting the caller bill to it may pay for a project."""
    if not bill_to.startswith("org-"):
        raise APIError("InvalidInput", 'expected key "billTo" of input to be the caller or an org')
    try:
        if db.execute("SELECT 1 FROM orgs WHERE id=?", (bill_to,)).fetchone() is None:
            raise APIError("ResourceNotFound", f'The org "{bill_to}" could not be found')
        row = db.execute(
            "SELECT level, allow_billable FROM org_members WHERE org_id=? AND user_id=?", (bill_to, user_id)
        ).fetchone()
    except sqlite3.OperationalError:
        # Org tables belong to the org module; without it any org ID is accepted.
        return
    if row is None or not (row[0] == "ADMIN" or row[1]):
        raise APIError("PermissionDenied", f"You may not create billable projects for {bill_to}")


# -- describe -------------------------------------------------------------------------------------


def describe_container(db: sqlite3.Connection, user_id: str, row: sqlite3.Row, body: dict) -> dict:
    """Build a project/container description.

    :param db: connection
    :param user_id: the caller
    :param row: the container row
    :param body: describe input (``fields``, ``defaultFields``, deprecated booleans)
    :returns: the description
    :raises APIError: InvalidInput for mistyped options
    """
    wanted = dm.wanted_fields(body, DEFAULT_FIELDS, ("folders", "permissions", "properties"))
    settings = dm.loads(row["settings"], {})
    out: dict = {}
    for name in wanted:
        value = _container_field(db, user_id, row, settings, name)
        if value is not _MISSING:
            out[name] = value
    return out


_MISSING = object()


def _container_field(
    db: sqlite3.Connection, user_id: str, row: sqlite3.Row, settings: dict, name: str
) -> Any:
    cid = row["id"]
    simple = {
        "id": cid, "class": row["class"], "name": row["name"], "billTo": row["bill_to"],
        "created": row["created"], "modified": row["modified"], "version": row["version"],
        "region": row["region"], "currency": {"code": "USD", "symbol": "$", "symbolPosition": "left",
                                             "decimalSymbol": ".", "groupingSymbol": ","},
        "pendingTransfer": None, "defaultInstanceType": "mem2_ssd1_v2_x2",
        "dataUsage": 0.0, "sponsoredDataUsage": 0.0, "appCaches": [],
    }
    if name in simple:
        return simple[name]
    if name in SETTINGS:
        return settings.get(name, SETTINGS[name][1])
    if name == "tags":
        return dm.loads(row["tags"], [])
    if name == "properties":
        return dm.loads(row["properties"], {})
    if name == "createdBy":
        return dm.loads(row["created_by"], {})
    if name == "level":
        return perms.level_name(perms.level_of(db, user_id, cid))
    if name == "permissions":
        rows = db.execute(
            "SELECT member, level FROM memberships WHERE container_id=? ORDER BY member", (cid,)
        )
        return {m: perms.LEVEL_NAMES[lv] for m, lv in rows}
    if name == "folders":
        rows = db.execute("SELECT path FROM folders WHERE container_id=? ORDER BY path", (cid,))
        return [r[0] for r in rows]
    if name == "fileUploadParameters":
        return dm.upload_parameters_for(row["region"], settings.get("fileUploadParameters"))
    if name == "public":
        return perms.PUBLIC in _members(db, cid)
    return _MISSING


def _members(db: sqlite3.Connection, cid: str) -> dict:
    return dict(db.execute("SELECT member, level FROM memberships WHERE container_id=?", (cid,)).fetchall())


@route("project", "describe", on_object=True, readonly=True)
@route("container", "describe", on_object=True, readonly=True)
def container_describe(req: Any) -> dict:
    """``/project-xxxx/describe`` and ``/container-xxxx/describe``.

    :param req: the request
    :returns: the description
    :raises APIError: ResourceNotFound when missing or not visible
    """
    row = load_container(req.db, req.user_id, req.object_id, perms.VIEW)
    return describe_container(req.db, req.user_id, row, req.body)


# -- update / destroy ---------------------------------------------------------------------------


@route("project", "update", on_object=True)
def project_update(req: Any) -> dict:
    """``/project-xxxx/update``: change name and settings.

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, InvalidState (version mismatch), PermissionDenied
    """
    body = req.body
    needed = perms.CONTRIBUTE
    if any(k in body for k in SETTINGS if k not in CONTRIBUTE_SETTINGS):
        needed = perms.ADMINISTER
    row = load_container(req.db, req.user_id, req.object_id, needed)
    settings = dm.loads(row["settings"], {})
    version = dm.field(body, "version", int, None)
    if version is not None and version != row["version"]:
        raise APIError("InvalidState", f"The project version is {row['version']}, not {version}")
    name = dm.field(body, "name", str, row["name"])
    if not name:
        raise APIError("InvalidInput", 'expected key "name" of input to be a non-empty string')
    before = dict(settings)
    for key in SETTINGS:
        if key in body:
            if key in NEW_ONLY:
                raise APIError("InvalidInput", f'"{key}" cannot be changed with update')
            _check_setting(key, body[key])
            settings[key] = body[key]
    if before.get("downloadRestricted") and not settings.get("downloadRestricted") \
            and settings.get("previewViewerRestricted"):
        raise APIError("InvalidInput",
                       '"downloadRestricted" cannot be turned off while "previewViewerRestricted" is on: '
                       'clear "previewViewerRestricted" first')
    _restriction_rules(settings, body, was_download_restricted=bool(before.get("downloadRestricted")))
    req.db.execute(
        "UPDATE containers SET name=?, settings=?, version=version+1, modified=? WHERE id=?",
        (name, dm.dumps(settings), req.now_ms, row["id"]),
    )
    return {"id": row["id"]}


@route("project", "destroy", on_object=True)
def project_destroy(req: Any) -> dict:
    """``/project-xxxx/destroy``: delete the project and every object only it held.

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: PermissionDenied unless ADMINISTER; hooks may raise InvalidState
    """
    load_container(req.db, req.user_id, req.object_id, perms.ADMINISTER)
    terminate = dm.field(req.body, "terminateJobs", bool, False)
    for hook in DESTROY_HOOKS:
        hook(req.db, req.object_id, terminate)
    destroy_container(req.db, req.object_id)
    return {"id": req.object_id}


@route("container", "destroy", on_object=True)
def container_destroy(req: Any) -> dict:
    """``/container-xxxx/destroy``: delete a container and every object only it held.

    Only for class ``container`` (``/project-xxxx/destroy`` is the project route).
    The platform destroys a job tree's workspace itself when the tree ends, so a
    container still in use -- the workspace of an unfinished execution, the
    resources of an app or global workflow -- cannot be destroyed. The blobs of the
    files and databases removed are released with their rows.

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: PermissionDenied unless ADMINISTER (a job holds only CONTRIBUTE in
        its workspace), InvalidType for a non-container, InvalidState for a container in use
    """
    row = load_container(req.db, req.user_id, req.object_id, perms.ADMINISTER)
    if row["class"] != "container":
        raise APIError("InvalidType", f"{req.object_id} is not a container; use /{req.object_id}/destroy")
    user = _container_user(req.db, row["id"])
    if user is not None:
        raise APIError("InvalidState", f"{row['id']} is in use as {user} and cannot be destroyed")
    destroy_container(req.db, row["id"])
    return {"id": row["id"]}


def _container_user(db: sqlite3.Connection, container_id: str) -> Any:
    """What keeps a container alive (``"the workspace of job-xxxx"``...), or None."""
    queries = (
        ("the workspace of", "SELECT id FROM executions WHERE workspace=? AND state NOT IN"
                             " ('done', 'failed', 'terminated') LIMIT 1"),
        ("the resources of", "SELECT id FROM apps WHERE resources=? LIMIT 1"),
        ("the resources of", "SELECT id FROM global_workflows WHERE container=? LIMIT 1"),
    )
    for what, sql in queries:
        try:
            found = db.execute(sql, (container_id,)).fetchone()
        except sqlite3.OperationalError:  # that subsystem's table is not in this store
            continue
        if found is not None:
            return f"{what} {found[0]}"
    return None


def destroy_container(db: sqlite3.Connection, container_id: str) -> None:
    """Delete a container, its folders, memberships and orphaned objects.

    :param db: connection inside a write transaction
    :param container_id: container ID
    """
    from dxpy.emulator._routes.objects import purge_orphans

    rows = db.execute("SELECT object_id FROM object_copies WHERE container_id=?", (container_id,))
    ids = [r[0] for r in rows]
    db.execute("DELETE FROM containers WHERE id=?", (container_id,))
    purge_orphans(db, ids)


# -- membership -----------------------------------------------------------------------------------


@route("project", "invite", on_object=True)
def project_invite(req: Any) -> dict:
    """``/project-xxxx/invite``: grant a user, org or PUBLIC access.

    :param req: the request
    :returns: ``{"id", "state"}``
    :raises APIError: InvalidInput for a bad invitee/level, PermissionDenied
    """
    body = req.body
    invitee = dm.field(body, "invitee", str, required=True)
    level = perms.parse_level(dm.field(body, "level", str, required=True))
    dm.field(body, "suppressEmailNotification", bool, False)
    assert level is not None
    row = load_container(req.db, req.user_id, req.object_id, perms.ADMINISTER)
    if row["class"] != "project":
        raise APIError("InvalidInput", "Members cannot be invited to a container")
    if "@" in invitee:
        found = _user_by_email(req.db, invitee)
        if found is None:
            # An unknown address gets an invitation e-mail on the platform; nothing to grant here.
            return {"id": row["id"], "state": "PENDING"}
        invitee = found
    if invitee == perms.PUBLIC:
        if level != perms.VIEW:
            raise APIError("InvalidInput", "PUBLIC can only be invited with VIEW permission")
    elif not (is_id(invitee, "user") or is_id(invitee, "org") or invitee.startswith(("user-", "org-"))):
        raise APIError("InvalidInput", f'expected key "invitee" of input to be a user or org ID: "{invitee}"')
    elif not _entity_exists(req.db, invitee):
        raise APIError("ResourceNotFound", f'The entity "{invitee}" could not be found')
    current = _members(req.db, row["id"]).get(invitee, perms.NONE)
    req.db.execute(
        "INSERT OR REPLACE INTO memberships(container_id, member, level) VALUES (?,?,?)",
        (row["id"], invitee, max(current, level)),
    )
    return {"id": row["id"], "state": "ACCEPTED"}


def _entity_exists(db: sqlite3.Connection, entity: str) -> bool:
    table = "users" if entity.startswith("user-") else "orgs"
    try:
        return db.execute(f"SELECT 1 FROM {table} WHERE id=?", (entity,)).fetchone() is not None
    except sqlite3.OperationalError:
        # Those tables belong to other modules; without them any well-formed ID is accepted.
        return True


def _user_by_email(db: sqlite3.Connection, email: str) -> Any:
    try:
        row = db.execute("SELECT id FROM users WHERE lower(email)=lower(?)", (email,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else row[0]


def _remaining_admins(db: sqlite3.Connection, cid: str, changes: dict) -> int:
    members = _members(db, cid)
    members.update(changes)
    return sum(1 for m, lv in members.items() if lv == perms.ADMINISTER and m != perms.PUBLIC)


@route("project", "decreasePermissions", on_object=True)
def project_decrease_permissions(req: Any) -> dict:
    """``/project-xxxx/decreasePermissions``: lower or remove members' levels.

    :param req: the request (mapping member -> level or null)
    :returns: ``{"id"}``
    :raises APIError: InvalidInput when a level would increase, InvalidState when no
        administrator would remain, PermissionDenied
    """
    row = load_container(req.db, req.user_id, req.object_id, perms.VIEW)
    members = _members(req.db, row["id"])
    changes: dict = {}
    for member, value in req.body.items():
        level = perms.parse_level(value, key=member, allow_none=True) or perms.NONE
        if member != req.user_id:
            perms.require(req.db, req.user_id, row["id"], perms.ADMINISTER)
        if member not in members:
            continue
        if level > members[member]:
            raise APIError("InvalidInput", f'decreasePermissions cannot increase the level of "{member}"')
        changes[member] = level
    if _remaining_admins(req.db, row["id"], changes) == 0:
        raise APIError("InvalidState", "A project must keep at least one member with ADMINISTER permission")
    for member, level in changes.items():
        if level:
            req.db.execute("UPDATE memberships SET level=? WHERE container_id=? AND member=?",
                           (level, row["id"], member))
        else:
            req.db.execute("DELETE FROM memberships WHERE container_id=? AND member=?", (row["id"], member))
    return {"id": row["id"]}


@route("project", "leave", on_object=True)
def project_leave(req: Any) -> dict:
    """``/project-xxxx/leave``: the caller drops their own membership.

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: InvalidState when the caller is the last administrator
    """
    row = load_container(req.db, req.user_id, req.object_id, perms.VIEW)
    if req.user_id not in _members(req.db, row["id"]):
        raise APIError("InvalidState", "You are not an explicit member of this project")
    if _remaining_admins(req.db, row["id"], {req.user_id: perms.NONE}) == 0:
        raise APIError("InvalidState", "The last member with ADMINISTER permission cannot leave the project")
    req.db.execute("DELETE FROM memberships WHERE container_id=? AND member=?", (row["id"], req.user_id))
    return {"id": row["id"]}


# -- tags and properties ------------------------------------------------------------------------


def _update_container_meta(req: Any, tags: list | None, props: dict | None) -> dict:
    row = load_container(req.db, req.user_id, req.object_id, perms.CONTRIBUTE)
    new_tags = dm.loads(row["tags"], []) if tags is None else tags
    new_props = dm.loads(row["properties"], {}) if props is None else props
    req.db.execute(
        "UPDATE containers SET tags=?, properties=?, modified=? WHERE id=?",
        (dm.dumps(new_tags), dm.dumps(new_props), req.now_ms, row["id"]),
    )
    _sync_container_index(req.db, row["id"], new_tags, new_props)
    return {"id": row["id"]}


@route("project", "addTags", on_object=True)
def project_add_tags(req: Any) -> dict:
    """``/project-xxxx/addTags``.

    :param req: the request (``tags``)
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, PermissionDenied
    """
    tags = dm.string_list(req.body, "tags", required=True)
    row = load_container(req.db, req.user_id, req.object_id, perms.CONTRIBUTE)
    return _update_container_meta(req, _dedupe(dm.loads(row["tags"], []) + tags), None)


@route("project", "removeTags", on_object=True)
def project_remove_tags(req: Any) -> dict:
    """``/project-xxxx/removeTags``.

    :param req: the request (``tags``)
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, PermissionDenied
    """
    tags = set(dm.string_list(req.body, "tags", required=True))
    row = load_container(req.db, req.user_id, req.object_id, perms.CONTRIBUTE)
    return _update_container_meta(req, [t for t in dm.loads(row["tags"], []) if t not in tags], None)


@route("project", "setProperties", on_object=True)
def project_set_properties(req: Any) -> dict:
    """``/project-xxxx/setProperties``: merge; ``null`` deletes a key.

    :param req: the request (``properties``)
    :returns: ``{"id"}``
    :raises APIError: InvalidInput, PermissionDenied
    """
    changes = dm.property_changes(req.body)
    row = load_container(req.db, req.user_id, req.object_id, perms.CONTRIBUTE)
    return _update_container_meta(req, None, dm.merge_properties(dm.loads(row["properties"], {}), changes))
