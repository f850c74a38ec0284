"""Folder routes of projects and containers, object removal and cloning.

Every route is registered for both ``/project-xxxx/...`` and
``/container-xxxx/...``.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Callable

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes.objects import check_object_id, describe_copies, remove_objects
from dxpy.emulator._routes.projects import load_container

logger = logging.getLogger(__name__)

#: Objects removed per ``removeFolder`` call when the client allows ``partial`` completion.
PARTIAL_BATCH = 1000


def _both(method: str, readonly: bool = False) -> Callable:
    def decorator(fn: Callable) -> Callable:
        route("project", method, on_object=True, readonly=readonly)(fn)
        route("container", method, on_object=True, readonly=readonly)(fn)
        return fn

    return decorator


def _need_delete_level(row: sqlite3.Row) -> int:
    settings = dm.loads(row["settings"], {})
    return perms.ADMINISTER if settings.get("protected") else perms.CONTRIBUTE


@_both("newFolder")
def new_folder(req: Request) -> dict:
    """``newFolder``: create a folder (and its parents with ``parents: true``).

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: ResourceNotFound (missing parent), InvalidState (exists), InvalidInput
    """
    path = dm.normalize_path(dm.field(req.body, "folder", str, required=True))
    parents = dm.field(req.body, "parents", bool, False)
    row = load_container(req.db, req.user_id, req.object_id or "", perms.UPLOAD)
    if dm.folder_exists(req.db, row["id"], path):
        if parents:
            return {"id": row["id"]}
        raise APIError("InvalidState", f'The folder "{path}" already exists')
    if not parents and not dm.folder_exists(req.db, row["id"], dm.parent_of(path)):
        missing = dm.parent_of(path)
        raise APIError("ResourceNotFound", f'The folder "{missing}" could not be found in {row["id"]}')
    dm.ensure_folder(req.db, row["id"], path, True)
    return {"id": row["id"]}


@_both("listFolder", readonly=True)
def list_folder(req: Request) -> dict:
    """``listFolder``: immediate subfolders and objects of a folder.

    :param req: the request
    :returns: ``{"objects": [...], "folders": [...]}``
    :raises APIError: ResourceNotFound for a missing folder, InvalidInput
    """
    body = req.body
    path = dm.normalize_path(dm.field(body, "folder", str, "/"))
    describe = dm.field(body, "describe", (bool, dict), False)
    only = dm.field(body, "only", str, "all")
    if only not in ("folders", "objects", "all"):
        raise APIError("InvalidInput", 'expected key "only" of input to be "folders", "objects" or "all"')
    include_hidden = dm.field(body, "includeHidden", bool, False)
    flags = dm.field(body, "hasSubfolderFlags", bool, False)
    row = load_container(req.db, req.user_id, req.object_id or "", perms.VIEW)
    cid = row["id"]
    if not dm.folder_exists(req.db, cid, path):
        raise APIError("ResourceNotFound", f'The folder "{path}" could not be found in {cid}')
    out: dict = {}
    if only in ("folders", "all"):
        out["folders"] = _subfolders(req.db, cid, path, flags)
    if only in ("objects", "all"):
        out["objects"] = _folder_objects(req.db, cid, path, include_hidden, describe)
    return out


def _subfolders(db: sqlite3.Connection, cid: str, path: str, flags: bool) -> list:
    low, high = dm.subtree_bounds(path)
    rows = db.execute(
        "SELECT path FROM folders WHERE container_id=? AND path>=? AND path<? ORDER BY path", (cid, low, high)
    ).fetchall()
    depth = 0 if path == "/" else path.count("/")
    children = [r[0] for r in rows if r[0].count("/") == depth + 1]
    if not flags:
        return children
    all_paths = {r[0] for r in rows}
    result = []
    for child in children:
        prefix = child + "/"
        has = any(p.startswith(prefix) for p in all_paths)
        result.append([child, has])
    return result


def _folder_objects(db: sqlite3.Connection, cid: str, path: str, include_hidden: bool, describe: Any) -> list:
    sql = "SELECT * FROM object_copies WHERE container_id=? AND folder=?"
    if not include_hidden:
        sql += " AND hidden=0"
    copies = db.execute(sql + " ORDER BY name, object_id", (cid, path)).fetchall()
    if describe is False:
        return [{"id": c["object_id"]} for c in copies]
    body = describe if isinstance(describe, dict) else {}
    descs = describe_copies(db, copies, body)
    return [{"id": c["object_id"], "describe": d} for c, d in zip(copies, descs)]


def _object_list(body: dict, key: str = "objects") -> list:
    ids = dm.string_list(body, key)
    for oid in ids:
        check_object_id(oid, key)
    return ids


def _folder_list(body: dict, key: str = "folders") -> list:
    return [dm.normalize_path(p, key) for p in dm.string_list(body, key)]


def _require_in(db: sqlite3.Connection, cid: str, ids: list) -> None:
    for oid in ids:
        if dm.get_copy(db, cid, oid) is None:
            raise APIError("ResourceNotFound", f'The entity {oid} could not be found in {cid}')


def _require_folders(db: sqlite3.Connection, cid: str, folders: list) -> None:
    for path in folders:
        if path == "/":
            raise APIError("InvalidInput", "The root folder cannot be moved or cloned")
        if not dm.folder_exists(db, cid, path):
            raise APIError("ResourceNotFound", f'The folder "{path}" could not be found in {cid}')


def _move_folder_tree(db: sqlite3.Connection, cid: str, old: str, new: str) -> None:
    low, high = dm.subtree_bounds(old)
    rows = db.execute(
        "SELECT path FROM folders WHERE container_id=? AND (path=? OR (path>=? AND path<?))",
        (cid, old, low, high),
    ).fetchall()
    for (path,) in rows:
        db.execute(
            "UPDATE folders SET path=? WHERE container_id=? AND path=?", (new + path[len(old):], cid, path)
        )
    db.execute(
        "UPDATE object_copies SET folder=?||substr(folder, ?) WHERE container_id=? AND (folder=? OR"
        " (folder>=? AND folder<?))",
        (new, len(old) + 1, cid, old, low, high),
    )


def _join(parent: str, name: str) -> str:
    return parent.rstrip("/") + "/" + name


@_both("move")
def move(req: Request) -> dict:
    """``move``: move objects and folders into a destination folder.

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: ResourceNotFound, InvalidInput, InvalidState (name clash), PermissionDenied
    """
    body = req.body
    ids = _object_list(body)
    folders = _folder_list(body)
    dest = dm.normalize_path(dm.field(body, "destination", str, required=True), "destination")
    row = load_container(req.db, req.user_id, req.object_id or "", perms.UPLOAD)
    cid = row["id"]
    if not dm.folder_exists(req.db, cid, dest):
        raise APIError("ResourceNotFound", f'The folder "{dest}" could not be found in {cid}')
    _require_in(req.db, cid, ids)
    _require_folders(req.db, cid, folders)
    perms.require(req.db, req.user_id, cid, perms.CONTRIBUTE if folders else perms.UPLOAD)
    for path in folders:
        target = _join(dest, path.rsplit("/", 1)[1])
        if dest == path or dest.startswith(path + "/"):
            raise APIError("InvalidInput", f'Cannot move the folder "{path}" into itself')
        if target == path:
            continue
        if dm.folder_exists(req.db, cid, target):
            raise APIError("InvalidState", f'The folder "{target}" already exists')
        _move_folder_tree(req.db, cid, path, target)
    for oid in ids:
        req.db.execute("UPDATE object_copies SET folder=?, modified=? WHERE container_id=? AND object_id=?",
                       (dest, req.now_ms, cid, oid))
    return {"id": cid}


@_both("renameFolder")
def rename_folder(req: Request) -> dict:
    """``renameFolder``: ``{folder, name}`` (API) or ``{folder, newpath}`` (dx CLI).

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: ResourceNotFound, InvalidInput, InvalidState
    """
    body = req.body
    old = dm.normalize_path(dm.field(body, "folder", str, required=True))
    if "newpath" in body:
        new = dm.normalize_path(dm.field(body, "newpath", str), "newpath")
    else:
        name = dm.field(body, "name", str, required=True)
        if not name or "/" in name:
            raise APIError("InvalidInput", 'expected key "name" of input to be a folder name without "/"')
        new = dm.normalize_path(_join(dm.parent_of(old) if old != "/" else "/", name), "name")
    if old == "/":
        raise APIError("InvalidInput", "The root folder cannot be renamed")
    row = load_container(req.db, req.user_id, req.object_id or "", perms.CONTRIBUTE)
    cid = row["id"]
    if not dm.folder_exists(req.db, cid, old):
        raise APIError("ResourceNotFound", f'The folder "{old}" could not be found in {cid}')
    if new == old:
        return {"id": cid}
    if new.startswith(old + "/"):
        raise APIError("InvalidInput", f'Cannot move the folder "{old}" into itself')
    if dm.folder_exists(req.db, cid, new):
        raise APIError("InvalidState", f'The folder "{new}" already exists')
    if not dm.folder_exists(req.db, cid, dm.parent_of(new)):
        raise APIError("ResourceNotFound", f'The folder "{dm.parent_of(new)}" could not be found in {cid}')
    _move_folder_tree(req.db, cid, old, new)
    return {"id": cid}


@_both("removeFolder")
def remove_folder(req: Request) -> dict:
    """``removeFolder``: remove a folder (with ``recurse``, its whole subtree).

    :param req: the request
    :returns: ``{"id", "completed"}``
    :raises APIError: ResourceNotFound, InvalidState (not empty), InvalidInput, PermissionDenied
    """
    body = req.body
    path = dm.normalize_path(dm.field(body, "folder", str, required=True))
    recurse = dm.field(body, "recurse", bool, False)
    force = dm.field(body, "force", bool, False)
    partial = dm.field(body, "partial", bool, False)
    if path == "/":
        raise APIError("InvalidInput", "The root folder cannot be removed")
    row = load_container(req.db, req.user_id, req.object_id or "", perms.CONTRIBUTE)
    cid = row["id"]
    if not dm.folder_exists(req.db, cid, path):
        if force:
            return {"id": cid, "completed": True}
        raise APIError("ResourceNotFound", f'The folder "{path}" could not be found in {cid}')
    low, high = dm.subtree_bounds(path)
    where = "container_id=? AND (folder=? OR (folder>=? AND folder<?))"
    args = (cid, path, low, high)
    if not recurse:
        sub = req.db.execute("SELECT 1 FROM folders WHERE container_id=? AND path>=? AND path<? LIMIT 1",
                             (cid, low, high)).fetchone()
        objs = req.db.execute(f"SELECT 1 FROM object_copies WHERE {where} LIMIT 1", args).fetchone()
        if sub or objs:
            raise APIError("InvalidState", f'The folder "{path}" is not empty; use "recurse" to remove it')
    else:
        perms.require(req.db, req.user_id, cid, _need_delete_level(row))
        limit = f" LIMIT {PARTIAL_BATCH}" if partial else ""
        rows = req.db.execute(f"SELECT object_id FROM object_copies WHERE {where}{limit}", args)
        ids = [r[0] for r in rows]
        remove_objects(req.db, cid, ids)
        if partial and len(ids) == PARTIAL_BATCH:
            return {"id": cid, "completed": False}
    req.db.execute("DELETE FROM folders WHERE container_id=? AND (path=? OR (path>=? AND path<?))", args)
    return {"id": cid, "completed": True}


@_both("removeObjects")
def remove_objects_route(req: Request) -> dict:
    """``removeObjects``: remove objects (and hidden objects only they link to).

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: ResourceNotFound (unless ``force``), PermissionDenied
    """
    ids = _object_list(req.body)
    if "objects" not in req.body:
        raise APIError("InvalidInput", 'expected input to have key "objects"')
    force = dm.field(req.body, "force", bool, False)
    row = load_container(req.db, req.user_id, req.object_id or "", perms.VIEW)
    perms.require(req.db, req.user_id, row["id"], _need_delete_level(row))
    present = [oid for oid in ids if dm.get_copy(req.db, row["id"], oid) is not None]
    if not force and len(present) != len(set(ids)):
        missing = next(oid for oid in ids if oid not in present)
        raise APIError("ResourceNotFound", f'The entity {missing} could not be found in {row["id"]}')
    remove_objects(req.db, row["id"], present)
    return {"id": row["id"]}


@_both("clone")
def clone(req: Request) -> dict:
    """``clone``: copy closed objects and folders into another container.

    Objects keep their ID, name, tags, properties and ``created``; objects already in
    the destination are left alone and listed in ``exists``. Hidden objects linked
    from cloned objects come along.

    :param req: the request
    :returns: ``{"id": source, "project": destination, "exists": [...]}``
    :raises APIError: InvalidState (object not closed), ResourceNotFound, PermissionDenied, InvalidInput
    """
    body = req.body
    ids = _object_list(body)
    folders = _folder_list(body)
    dest_project = dm.field(body, "project", str, required=True)
    if not (is_id(dest_project, "project") or is_id(dest_project, "container")):
        raise APIError("InvalidInput", 'expected key "project" of input to be a project or container ID')
    dest = dm.normalize_path(dm.field(body, "destination", str, "/"), "destination")
    parents = dm.field(body, "parents", bool, False)
    src = load_container(req.db, req.user_id, req.object_id or "", perms.VIEW)
    load_container(req.db, req.user_id, dest_project, perms.UPLOAD)
    if src["id"] == dest_project:
        raise APIError("InvalidInput", "The source and destination of a clone must be different containers")
    if dm.loads(src["settings"], {}).get("restricted") and src["class"] == "project":
        raise APIError("PermissionDenied", f"Data cannot be cloned out of the restricted project {src['id']}")
    _require_in(req.db, src["id"], ids)
    _require_folders(req.db, src["id"], folders)
    dm.ensure_folder(req.db, dest_project, dest, parents)
    plan = [(oid, dest) for oid in ids]
    for path in folders:
        plan.extend(_plan_folder(req.db, src["id"], dest_project, path, _join(dest, path.rsplit("/", 1)[1])))
    exists: list = []
    done: set = set()
    _check_closed(req.db, [oid for oid, _ in plan])
    for oid, folder in plan:
        _clone_one(req.db, src["id"], dest_project, oid, folder, req.now_ms, exists, done)
    hidden = hidden_closure_of(req.db, src["id"], [oid for oid, _ in plan])
    _check_closed(req.db, hidden)
    for oid in hidden:
        _clone_one(req.db, src["id"], dest_project, oid, dest, req.now_ms, exists, done)
    return {"id": src["id"], "project": dest_project, "exists": exists}


def hidden_closure_of(db: sqlite3.Connection, cid: str, roots: list) -> list:
    """Hidden objects of ``cid`` linked (transitively) from ``roots``.

    :param db: connection
    :param cid: container ID
    :param roots: object IDs
    :returns: IDs
    """
    from dxpy.emulator._routes.objects import hidden_closure

    return hidden_closure(db, cid, roots)


def _check_closed(db: sqlite3.Connection, ids: list) -> None:
    for oid in ids:
        obj = dm.get_object(db, oid)
        if obj is not None and obj["state"] != "closed":
            raise APIError("InvalidState", f"The object {oid} is not closed and cannot be cloned")


def _plan_folder(db: sqlite3.Connection, src: str, dst: str, path: str, target: str) -> list:
    low, high = dm.subtree_bounds(path)
    rows = db.execute(
        "SELECT path FROM folders WHERE container_id=? AND (path=? OR (path>=? AND path<?)) ORDER BY path",
        (src, path, low, high),
    ).fetchall()
    for (sub,) in rows:
        dm.ensure_folder(db, dst, target + sub[len(path):], True)
    copies = db.execute(
        "SELECT object_id, folder FROM object_copies WHERE container_id=? AND (folder=? OR"
        " (folder>=? AND folder<?))",
        (src, path, low, high),
    ).fetchall()
    return [(oid, target + folder[len(path):]) for oid, folder in copies]


def _clone_one(
    db: sqlite3.Connection, src: str, dst: str, oid: str, folder: str, now_ms: int, exists: list, done: set
) -> None:
    if oid in done:
        return
    done.add(oid)
    if dm.get_copy(db, dst, oid) is not None:
        exists.append(oid)
        return
    copy = dm.get_copy(db, src, oid)
    obj = dm.get_object(db, oid)
    assert copy is not None and obj is not None
    dm.insert_copy(db, obj, dst, copy["name"], folder, dm.loads(copy["tags"], []),
                   dm.loads(copy["properties"], {}), copy["created"], now_ms)
