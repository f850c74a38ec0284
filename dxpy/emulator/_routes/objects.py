"""Routes common to every data-object class, and helpers other route modules reuse.

A class-specific module (records, files, applets...) calls
:func:`register_data_class` once at import time; that registers the common
routes (``/<class>-xxxx/describe``, ``addTags`` ...) for the class. It creates
objects with :func:`create_object` and may add class-specific describe fields,
a custom ``close`` and a deletion hook.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.ids import id_class, is_id, new_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route

logger = logging.getLogger(__name__)

COMMON_ROUTES = (
    "describe", "addTags", "removeTags", "addTypes", "removeTypes", "setProperties", "rename",
    "setVisibility", "setDetails", "getDetails", "close", "listProjects",
)
DEFAULT_FIELDS = (
    "id", "project", "class", "sponsored", "name", "types", "state", "hidden", "links", "folder",
    "tags", "created", "modified", "createdBy",
)
CREATE_KEYS = (
    "project", "name", "tags", "types", "hidden", "properties", "details", "folder", "parents", "nonce",
)

#: ``fn(db, obj_row, extra) -> {field: value}``
FieldFn = Callable[[sqlite3.Connection, sqlite3.Row, dict], Any]


@dataclass
class DataClass:
    """How one data-object class plugs into the common routes.

    :param name: class name (``"record"``)
    :param describe_extra: ``fn(db, obj_row, extra) -> dict`` of class fields in the default describe
    :param optional_fields: field name -> ``fn(db, obj_row, extra)`` for fields returned only on request
    :param close: ``fn(db, obj_row, now_ms)`` replacing the default close (state -> closed)
    :param on_delete: ``fn(db, obj_row)`` called when the object's last copy is removed
    """

    name: str
    describe_extra: Optional[FieldFn] = None
    optional_fields: dict = field(default_factory=dict)
    close: Optional[Callable[[sqlite3.Connection, sqlite3.Row, int], None]] = None
    on_delete: Optional[Callable[[sqlite3.Connection, sqlite3.Row], None]] = None


DATA_CLASSES: dict[str, DataClass] = {}


def register_data_class(
    cls_name: str,
    describe_extra: Optional[FieldFn] = None,
    routes: tuple = COMMON_ROUTES,
    optional_fields: Optional[dict] = None,
    close: Optional[Callable[[sqlite3.Connection, sqlite3.Row, int], None]] = None,
    on_delete: Optional[Callable[[sqlite3.Connection, sqlite3.Row], None]] = None,
) -> DataClass:
    """Declare a data-object class and register its common routes.

    :param cls_name: class name used in IDs and URLs
    :param describe_extra: class fields added to the default describe output
    :param routes: which of :data:`COMMON_ROUTES` to register (applets omit some)
    :param optional_fields: fields returned only when requested via ``fields``
    :param close: custom close behaviour (files); default: state becomes ``closed``
    :param on_delete: hook run when the last copy of an object is removed
    :returns: the :class:`DataClass`
    :raises ValueError: for an unknown route name
    """
    spec = DataClass(cls_name, describe_extra, dict(optional_fields or {}), close, on_delete)
    DATA_CLASSES[cls_name] = spec
    for name in routes:
        if name not in _HANDLERS:
            raise ValueError(f"unknown common route {name!r}")
        readonly = name in ("describe", "getDetails", "listProjects")
        body_kind = "any" if name == "setDetails" else "object"
        route(cls_name, name, on_object=True, readonly=readonly, body_kind=body_kind)(_HANDLERS[name])
    return spec


# -- creation ------------------------------------------------------------------------------------


def create_object(
    db: sqlite3.Connection,
    user_id: str,
    cls: str,
    body: dict,
    now_ms: int,
    extra_fields: Optional[dict] = None,
    state: str = "open",
) -> str:
    """Create a data object from the common creation inputs of ``/<class>/new``.

    Reads ``project`` (required), ``name``, ``tags``, ``types``, ``hidden``,
    ``properties``, ``details``, ``folder``, ``parents``; checks UPLOAD permission.

    :param db: connection inside a write transaction
    :param user_id: the caller
    :param cls: class name
    :param body: the request body
    :param now_ms: creation time
    :param extra_fields: class-specific blob stored in ``objects.extra``
    :param state: initial state (applets are born ``closed``)
    :returns: the new ID
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied
    """
    project = dm.field(body, "project", str, required=True)
    if not (is_id(project, "project") or is_id(project, "container")):
        raise APIError("InvalidInput", 'expected key "project" of input to be a project or container ID')
    perms.require(db, user_id, project, perms.UPLOAD)
    oid = new_id(cls)
    name = dm.field(body, "name", str, oid)
    tags = _dedupe(dm.string_list(body, "tags"))
    types = _dedupe(dm.string_list(body, "types"))
    hidden = dm.field(body, "hidden", bool, False)
    props = dm.properties_input(body)
    details = dm.field(body, "details", (dict, list), {})
    dm.check_details(details)
    folder = dm.normalize_path(dm.field(body, "folder", str, "/"))
    dm.ensure_folder(db, project, folder, dm.field(body, "parents", bool, False))
    links = dm.extract_links(details)
    db.execute(
        "INSERT INTO objects(id, class, state, hidden, types, details, links, created, modified, created_by,"
        " sponsored, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (oid, cls, state, int(hidden), dm.dumps(types), dm.dumps(details), dm.dumps(links), now_ms, now_ms,
         dm.dumps({"user": user_id}), 0, dm.dumps(extra_fields or {})),
    )
    dm.set_types(db, oid, types)
    dm.set_links(db, oid, links)
    obj = dm.get_object(db, oid)
    assert obj is not None
    dm.insert_copy(db, obj, project, name, folder, tags, props, now_ms, now_ms)
    return oid


def _dedupe(items: list) -> list:
    seen: set = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


# -- lookup ----------------------------------------------------------------------------------------


def check_object_id(object_id: Any, key: str = "id") -> str:
    """Validate a data-object ID from input.

    :param object_id: the value
    :param key: field name for the message
    :returns: the ID
    :raises APIError: InvalidInput
    """
    if not is_id(object_id) or id_class(object_id) not in dm.DATA_CLASSES:
        raise APIError("InvalidInput", f'expected key "{key}" of input to be a data object ID: {object_id!r}')
    return object_id


def resolve_copy(
    db: sqlite3.Connection, user_id: str, object_id: str, project: Optional[str], level: int = perms.VIEW,
    strict: bool = False,
) -> tuple[sqlite3.Row, sqlite3.Row, int]:
    """Find the object and the copy the caller reaches it through.

    ``project`` is a hint: when the object is not there (or not visible there),
    another container the caller can see is used, unless ``strict``.

    :param db: connection
    :param user_id: the caller
    :param object_id: object ID
    :param project: preferred container, or None
    :param level: minimum level needed in the chosen container
    :param strict: the object must be in ``project``
    :returns: ``(object row, copy row, caller's level)``
    :raises APIError: ResourceNotFound when not visible; PermissionDenied when the level is too low
    """
    obj = dm.get_object(db, object_id)
    if obj is None:
        raise APIError("ResourceNotFound", f'The entity {object_id} could not be found')
    if project is not None and not isinstance(project, str):
        raise APIError("InvalidInput", 'expected key "project" of input to be a string')
    chosen: Optional[tuple[str, int]] = None
    if project is not None:
        have = perms.level_of(db, user_id, project)
        if have and dm.get_copy(db, project, object_id) is not None:
            chosen = (project, have)
        elif strict:
            if have is None and dm.get_container(db, project) is None:
                raise APIError("ResourceNotFound", f'The entity {project} could not be found')
            raise APIError("ResourceNotFound", f'The entity {object_id} could not be found in {project}')
    if chosen is None:
        found = perms.object_containers(db, user_id, object_id)
        if not found:
            raise APIError("ResourceNotFound", f'The entity {object_id} could not be found')
        chosen = max(found.items(), key=lambda kv: kv[1]) if level > perms.VIEW else next(iter(found.items()))
    cid, have = chosen
    if have < level:
        name = perms.LEVEL_NAMES[level]
        raise APIError("PermissionDenied", f"{name} permission required in {cid} to perform this action")
    copy = dm.get_copy(db, cid, object_id)
    assert copy is not None
    return obj, copy, have


def _load(
    req: Request, level_open: int, level_closed: Optional[int] = None
) -> tuple[sqlite3.Row, sqlite3.Row]:
    body = req.body if isinstance(req.body, dict) else {}
    project = body.get("project")
    obj, copy, have = resolve_copy(req.db, req.user_id, req.object_id or "", project, perms.VIEW,
                                   strict=project is not None)
    need = level_open if obj["state"] == "open" or level_closed is None else level_closed
    if have < need:
        raise APIError(
            "PermissionDenied",
            f"{perms.LEVEL_NAMES[need]} permission required in {copy['container_id']} to perform this action",
        )
    return obj, copy


def _require_open(obj: sqlite3.Row) -> None:
    if obj["state"] != "open":
        raise APIError("InvalidState", f"The object {obj['id']} is not in the open state")


# -- describe --------------------------------------------------------------------------------------


def describe_object(
    db: sqlite3.Connection, obj: sqlite3.Row, copy: sqlite3.Row, body: dict, cache: Optional[dict] = None
) -> dict:
    """Describe one object as seen through one container.

    :param db: connection
    :param obj: ``objects`` row
    :param copy: ``object_copies`` row
    :param body: describe input (``fields``, ``defaultFields``, ``properties``, ``details``)
    :param cache: a dict reused across calls with the same ``body`` (saves re-parsing it)
    :returns: the description
    :raises APIError: InvalidInput for mistyped options
    """
    spec = DATA_CLASSES.get(obj["class"])
    extra = dm.loads(obj["extra"], {})
    class_fields = spec.describe_extra(db, obj, extra) if spec and spec.describe_extra else {}
    key = (obj["class"], tuple(class_fields))
    wanted = None if cache is None else cache.get(key)
    if wanted is None:
        wanted = dm.wanted_fields(body, list(DEFAULT_FIELDS) + list(class_fields), ("properties", "details"))
        if cache is not None:
            cache[key] = wanted
    out: dict = {}
    for name in wanted:
        if name in class_fields:
            out[name] = class_fields[name]
        elif spec and name in spec.optional_fields:
            out[name] = spec.optional_fields[name](db, obj, extra)
        else:
            value = _common_field(obj, copy, name)
            if value is not _MISSING:
                out[name] = value
    return out


_MISSING = object()


def _common_field(obj: sqlite3.Row, copy: sqlite3.Row, name: str) -> Any:
    if name in ("id", "class", "state", "created"):
        return obj[name] if name != "created" else copy["created"]
    simple = {"project": "container_id", "name": "name", "folder": "folder", "modified": "modified"}
    if name in simple:
        return copy[simple[name]]
    json_cols = {"types": obj["types"], "links": obj["links"], "details": obj["details"],
                 "tags": copy["tags"], "properties": copy["properties"], "createdBy": obj["created_by"]}
    if name in json_cols:
        return dm.loads(json_cols[name])
    if name == "hidden":
        return bool(obj["hidden"])
    if name == "sponsored":
        return bool(obj["sponsored"])
    return _MISSING


def _describe(req: Request) -> dict:
    body = req.body
    project = dm.field(body, "project", str, None)
    obj, copy, _ = resolve_copy(req.db, req.user_id, req.object_id or "", project)
    return describe_object(req.db, obj, copy, body)


# -- per-container metadata -------------------------------------------------------------------------


def _touch_copy(db: sqlite3.Connection, copy: sqlite3.Row, now_ms: int) -> None:
    db.execute("UPDATE object_copies SET modified=? WHERE container_id=? AND object_id=?",
               (now_ms, copy["container_id"], copy["object_id"]))


def _add_tags(req: Request) -> dict:
    tags = dm.string_list(req.body, "tags", required=True)
    obj, copy = _load(req, perms.UPLOAD, perms.CONTRIBUTE)
    current = dm.loads(copy["tags"], [])
    dm.set_copy_tags(req.db, copy["container_id"], obj["id"], _dedupe(current + tags))
    _touch_copy(req.db, copy, req.now_ms)
    return {"id": obj["id"]}


def _remove_tags(req: Request) -> dict:
    tags = set(dm.string_list(req.body, "tags", required=True))
    obj, copy = _load(req, perms.UPLOAD, perms.CONTRIBUTE)
    current = dm.loads(copy["tags"], [])
    dm.set_copy_tags(req.db, copy["container_id"], obj["id"], [t for t in current if t not in tags])
    _touch_copy(req.db, copy, req.now_ms)
    return {"id": obj["id"]}


def _set_properties(req: Request) -> dict:
    changes = dm.property_changes(req.body)
    obj, copy = _load(req, perms.UPLOAD, perms.CONTRIBUTE)
    props = dm.merge_properties(dm.loads(copy["properties"], {}), changes)
    dm.set_copy_props(req.db, copy["container_id"], obj["id"], props)
    _touch_copy(req.db, copy, req.now_ms)
    return {"id": obj["id"]}


def _rename(req: Request) -> dict:
    name = dm.field(req.body, "name", str, required=True)
    if not name:
        raise APIError("InvalidInput", 'expected key "name" of input to be a non-empty string')
    obj, copy = _load(req, perms.UPLOAD, perms.CONTRIBUTE)
    req.db.execute("UPDATE object_copies SET name=?, modified=? WHERE container_id=? AND object_id=?",
                   (name, req.now_ms, copy["container_id"], obj["id"]))
    return {"id": obj["id"]}


# -- global metadata (open objects only) ------------------------------------------------------------


def _change_types(req: Request, add: bool) -> dict:
    types = dm.string_list(req.body, "types", required=True)
    obj, _copy = _load(req, perms.UPLOAD)
    _require_open(obj)
    current = dm.loads(obj["types"], [])
    new = _dedupe(current + types) if add else [t for t in current if t not in set(types)]
    dm.set_types(req.db, obj["id"], new)
    dm.set_object_fields(req.db, obj["id"], req.now_ms)
    return {"id": obj["id"]}


def _add_types(req: Request) -> dict:
    return _change_types(req, True)


def _remove_types(req: Request) -> dict:
    return _change_types(req, False)


def _set_visibility(req: Request) -> dict:
    hidden = dm.field(req.body, "hidden", bool, required=True)
    obj, _copy = _load(req, perms.UPLOAD)
    _require_open(obj)
    dm.set_object_fields(req.db, obj["id"], req.now_ms, hidden=int(hidden))
    return {"id": obj["id"]}


def _set_details(req: Request) -> dict:
    details = req.body
    if not isinstance(details, (dict, list)):
        raise APIError("InvalidInput", "expected input (the new details) to be a JSON object or array")
    dm.check_details(details)
    obj, _copy = _load(req, perms.UPLOAD)
    _require_open(obj)
    links = dm.extract_links(details)
    dm.set_object_fields(req.db, obj["id"], req.now_ms, details=dm.dumps(details), links=dm.dumps(links))
    dm.set_links(req.db, obj["id"], links)
    return {"id": obj["id"]}


def _get_details(req: Request) -> Any:
    project = dm.field(req.body, "project", str, None)
    obj, _copy, _ = resolve_copy(req.db, req.user_id, req.object_id or "", project)
    return dm.loads(obj["details"])


def _close(req: Request) -> dict:
    obj, _copy = _load(req, perms.UPLOAD)
    spec = DATA_CLASSES.get(obj["class"])
    if spec is not None and spec.close is not None:
        spec.close(req.db, obj, req.now_ms)
    elif obj["state"] == "open":
        dm.set_object_fields(req.db, obj["id"], req.now_ms, state="closed")
    return {"id": obj["id"]}


def _list_projects(req: Request) -> dict:
    if dm.get_object(req.db, req.object_id or "") is None:
        raise APIError("ResourceNotFound", f'The entity {req.object_id} could not be found')
    found = perms.object_containers(req.db, req.user_id, req.object_id or "")
    if not found:
        raise APIError("ResourceNotFound", f'The entity {req.object_id} could not be found')
    return {cid: perms.LEVEL_NAMES[level] for cid, level in found.items()}


_HANDLERS: dict[str, Callable[[Request], Any]] = {
    "describe": _describe,
    "addTags": _add_tags,
    "removeTags": _remove_tags,
    "addTypes": _add_types,
    "removeTypes": _remove_types,
    "setProperties": _set_properties,
    "rename": _rename,
    "setVisibility": _set_visibility,
    "setDetails": _set_details,
    "getDetails": _get_details,
    "close": _close,
    "listProjects": _list_projects,
}


# -- removal ---------------------------------------------------------------------------------------


def purge_orphans(db: sqlite3.Connection, object_ids: list) -> None:
    """Delete objects that no longer have any copy, running deletion hooks.

    :param db: connection inside a write transaction
    :param object_ids: candidate IDs
    """
    for oid in object_ids:
        if db.execute("SELECT 1 FROM object_copies WHERE object_id=? LIMIT 1", (oid,)).fetchone():
            continue
        obj = dm.get_object(db, oid)
        if obj is None:
            continue
        spec = DATA_CLASSES.get(obj["class"])
        if spec is not None and spec.on_delete is not None:
            spec.on_delete(db, obj)
        db.execute("DELETE FROM objects WHERE id=?", (oid,))


def hidden_closure(db: sqlite3.Connection, container_id: str, roots: list) -> list:
    """Hidden objects in a container reachable through links from ``roots``.

    :param db: connection
    :param container_id: container ID
    :param roots: starting object IDs
    :returns: IDs of the reachable hidden objects (excluding the roots)
    """
    seen = set(roots)
    found: list = []
    frontier = list(roots)
    while frontier:
        batch, frontier = frontier[:500], frontier[500:]
        marks = ",".join("?" * len(batch))
        rows = db.execute(
            f"SELECT DISTINCT l.target FROM object_links l JOIN object_copies c"
            f" ON c.object_id=l.target AND c.container_id=? AND c.hidden=1 WHERE l.object_id IN ({marks})",
            (container_id, *batch),
        ).fetchall()
        for (target,) in rows:
            if target not in seen:
                seen.add(target)
                found.append(target)
                frontier.append(target)
    return found


def remove_objects(db: sqlite3.Connection, container_id: str, object_ids: list) -> None:
    """Remove objects from a container, with hidden objects only they linked to.

    :param db: connection inside a write transaction
    :param container_id: container ID
    :param object_ids: IDs present in the container
    """
    candidates = hidden_closure(db, container_id, object_ids)
    doomed = set(object_ids) | set(candidates)
    for oid in candidates:
        holders = db.execute(
            "SELECT l.object_id FROM object_links l JOIN object_copies c ON c.object_id=l.object_id"
            " AND c.container_id=? WHERE l.target=?",
            (container_id, oid),
        ).fetchall()
        if any(h[0] not in doomed for h in holders):
            doomed.discard(oid)
    ids = list(doomed)
    for start in range(0, len(ids), 500):
        batch = ids[start:start + 500]
        marks = ",".join("?" * len(batch))
        db.execute(f"DELETE FROM object_copies WHERE container_id=? AND object_id IN ({marks})",
                   (container_id, *batch))
    purge_orphans(db, ids)


def describe_copies(db: sqlite3.Connection, copies: list, body: dict) -> list:
    """Describe many object copies, fetching their global rows in batches.

    :param db: connection
    :param copies: ``object_copies`` rows
    :param body: describe input applied to every object
    :returns: descriptions, parallel to ``copies``
    """
    objs: dict = {}
    ids = list({c["object_id"] for c in copies})
    for start in range(0, len(ids), 500):
        batch = ids[start:start + 500]
        rows = db.execute(f"SELECT * FROM objects WHERE id IN ({','.join('?' * len(batch))})", batch)
        objs.update((r["id"], r) for r in rows)
    cache: dict = {}
    return [describe_object(db, objs[c["object_id"]], c, body, cache) for c in copies]
