"""Global workflows: ``/globalworkflow/new`` from a workflow, versions and aliases, publish, run.

A global workflow version (``globalworkflow-xxxx``) is addressed by ID or by
``globalworkflow-<name>`` plus an alias: a version (``1.0.0``) or a tag
(``default`` when none is given). Creating a version snapshots its workflow: a
closed copy of the workflow (and the stages' applets) goes into a resource
container of its own, the ``regionalOptions.<region>.workflow`` of describe.
Developers (the creator at first, per name) edit, publish and delete; once
published, the authorized users (``PUBLIC`` for everyone) may describe and run
it: they get VIEW on the resource container. Developers, authorized users and
categories are shared by every version of a name.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id, new_id
from dxpy.emulator._data.store import dumps, loads, register_schema
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import objects

SCHEMA = """
CREATE TABLE IF NOT EXISTS global_workflows (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    created_by TEXT NOT NULL,
    bill_to TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    published INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    aliases TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    workflow TEXT NOT NULL,
    container TEXT NOT NULL,
    UNIQUE (name, version)
);
CREATE TABLE IF NOT EXISTS global_workflow_names (
    name TEXT PRIMARY KEY,
    developers TEXT NOT NULL DEFAULT '[]',
    authorized_users TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]'
);
"""
register_schema(SCHEMA)

REGION = dm.DEFAULT_REGION
META_FIELDS = ("title", "summary", "description", "developerNotes", "details")
NEW_KEYS = {"name", "version", "regionalOptions", "billTo", "categories", "authorizedUsers", "nonce",
            *META_FIELDS}
_NAME_RE = re.compile(r"^[a-zA-Z0-9._-]+$")
_VERSION_RE = re.compile(r"^[0-9A-Za-z.+_-]+$")
_LISTS = {"developers": "developers", "authorizedUsers": "authorized_users", "categories": "categories"}


def _names_row(db: sqlite3.Connection, name: str) -> Optional[sqlite3.Row]:
    return db.execute("SELECT * FROM global_workflow_names WHERE name=?", (name,)).fetchone()


def is_developer(db: sqlite3.Connection, user_id: str, name: str) -> bool:
    """Whether a user is a developer of a global workflow name.

    :param db: a connection inside a transaction.
    :param user_id: the user.
    :param name: the global workflow's name.
    :returns: True for a developer.
    """
    row = _names_row(db, name)
    return row is not None and user_id in loads(row["developers"], [])


def _can_see(db: sqlite3.Connection, user_id: str, row: sqlite3.Row) -> bool:
    if is_developer(db, user_id, row["name"]):
        return True
    names = _names_row(db, row["name"])
    users = loads(names["authorized_users"], []) if names is not None else []
    return row["published"] is not None and ("PUBLIC" in users or user_id in users)


def resolve(req: Request, developer: bool = False) -> sqlite3.Row:
    """The version named in the URL (ID, or name with the alias: a version or a tag, ``default``).

    :param req: the request.
    :param developer: the caller must be a developer (else PermissionDenied).
    :returns: the ``global_workflows`` row.
    :raises APIError: ResourceNotFound (unknown, deleted by alias, or not visible), PermissionDenied.
    """
    ident = str(req.object_id)
    row = req.db.execute("SELECT * FROM global_workflows WHERE id=?", (ident,)).fetchone()
    if row is None and not (req.alias is None and is_id(ident, "globalworkflow")):
        name, alias = ident.split("-", 1)[1], req.alias or "default"
        rows = req.db.execute("SELECT * FROM global_workflows WHERE name=? AND deleted=0", (name,)).fetchall()
        row = next((r for r in rows if r["version"] == alias), None) or next(
            (r for r in rows if alias in loads(r["aliases"], [])), None)
    if row is None or not _can_see(req.db, req.user_id, row):
        where = ident + (f"/{req.alias}" if req.alias else "")
        raise APIError("ResourceNotFound", f"The global workflow {where} could not be found")
    if developer and not is_developer(req.db, req.user_id, row["name"]):
        raise APIError("PermissionDenied", f"Only a developer of {row['name']} may do this")
    return row


# -- creation -----------------------------------------------------------------------------------------


def _snapshot(req: Request, workflow_id: str, gwf_id: str) -> tuple[str, str]:
    """A closed copy of the workflow (and its stages' applets) in a new resource container."""
    from dxpy.emulator._routes.projects import create_container

    obj, wcopy, _have = objects.resolve_copy(req.db, req.user_id, workflow_id, None)
    extra = dm.loads(obj["extra"], {})
    container = create_container(req.db, req.user_id, req.now_ms, name=f"resources of {gwf_id}")
    for stage in extra.get("stages") or []:
        executable = stage["executable"]
        if not is_id(executable, "applet") or dm.get_copy(req.db, container, executable) is not None:
            continue
        applet, acopy, _level = objects.resolve_copy(req.db, req.user_id, executable, None)
        dm.insert_copy(req.db, applet, container, acopy["name"], "/", [], {}, req.now_ms, req.now_ms)
    body = {"project": container, "name": wcopy["name"]}
    copied = objects.create_object(req.db, req.user_id, "workflow", body, req.now_ms, extra_fields=extra,
                                   state="closed")
    return copied, container


def _check_new(req: Request, body: dict) -> tuple[str, str, str]:
    name = dm.field(body, "name", str, required=True)
    version = dm.field(body, "version", str, required=True)
    if not _NAME_RE.match(name):
        raise APIError("InvalidInput", 'expected key "name" of input to hold letters, digits, ".", "_", "-"')
    if not _VERSION_RE.match(version):
        raise APIError("InvalidInput", 'expected key "version" of input to be a version such as "1.0.0"')
    options = dm.field(body, "regionalOptions", dict, required=True)
    if set(options) != {REGION} or not isinstance(options[REGION], dict) \
            or not is_id(options[REGION].get("workflow"), "workflow"):
        raise APIError("InvalidInput", f'expected key "regionalOptions" of input to be {{"{REGION}": '
                                       '{"workflow": "workflow-xxxx"}} (the emulator\'s only region)')
    if _names_row(req.db, name) is not None and not is_developer(req.db, req.user_id, name):
        raise APIError("PermissionDenied", f"The global workflow name {name} belongs to other developers")
    taken = "SELECT 1 FROM global_workflows WHERE name=? AND version=?"
    if req.db.execute(taken, (name, version)).fetchone():
        raise APIError("InvalidInput", f"The global workflow {name}/{version} already exists")
    return name, version, options[REGION]["workflow"]


@route("globalworkflow", "new", nonce=True)
def globalworkflow_new(req: Request) -> dict:
    """``/globalworkflow/new``: a new version of a global workflow, from a workflow.

    :param req: the request (``name``, ``version``, ``regionalOptions``, ``billTo``, ``title``,
        ``summary``, ``description``, ``developerNotes``, ``details``, ``categories``, ``authorizedUsers``).
    :returns: ``{"id": "globalworkflow-xxxx"}``.
    :raises APIError: InvalidInput, PermissionDenied, ResourceNotFound.
    """
    body = dict(req.body)
    dm.ignore_unknown(body, NEW_KEYS, "/globalworkflow/new")
    name, version, workflow_id = _check_new(req, body)
    meta = {k: body[k] for k in META_FIELDS if body.get(k) is not None}
    gwf_id = new_id("globalworkflow")
    workflow, container = _snapshot(req, workflow_id, gwf_id)
    if _names_row(req.db, name) is None:
        req.db.execute("INSERT INTO global_workflow_names (name, developers) VALUES (?, ?)",
                       (name, dumps([req.user_id])))
    names = _names_row(req.db, name)
    assert names is not None
    for key in ("categories", "authorizedUsers"):
        if key in body:
            merged = loads(names[_LISTS[key]], []) + [v for v in dm.string_list(body, key) if v]
            req.db.execute(f"UPDATE global_workflow_names SET {_LISTS[key]}=? WHERE name=?",
                           (dumps(list(dict.fromkeys(merged))), name))
    has_default = req.db.execute(
        "SELECT 1 FROM global_workflows WHERE name=? AND deleted=0 AND aliases LIKE '%\"default\"%'", (name,)
    ).fetchone()
    req.db.execute(
        "INSERT INTO global_workflows (id, name, version, created_by, bill_to, created, modified, aliases,"
        " meta, workflow, container) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (gwf_id, name, version, req.user_id, str(body.get("billTo") or req.user_id), req.now_ms, req.now_ms,
         dumps([] if has_default else ["default"]), dumps(meta), workflow, container),
    )
    _grant(req.db, name)
    return {"id": gwf_id}


# -- describe and run -----------------------------------------------------------------------------------


def describe_row(db: sqlite3.Connection, user_id: str, row: sqlite3.Row, body: Any) -> dict:
    """The describe output of a global workflow version.

    :param db: a connection inside a transaction.
    :param user_id: the caller.
    :param row: the version's row.
    :param body: the describe input (``fields``, ``defaultFields``).
    :returns: the description.
    """
    from dxpy.emulator._routes.system import describe_fields

    names = _names_row(db, row["name"])
    meta = loads(row["meta"], {})
    full = {
        "id": row["id"], "class": "globalworkflow", "name": row["name"], "version": row["version"],
        "aliases": loads(row["aliases"], []), "createdBy": row["created_by"], "billTo": row["bill_to"],
        "created": row["created"], "modified": row["modified"], "published": row["published"] is not None,
        "deleted": bool(row["deleted"]), "isDeveloperFor": is_developer(db, user_id, row["name"]),
        "categories": loads(names["categories"], []) if names is not None else [],
        "regionalOptions": {REGION: {"workflow": row["workflow"], "resources": row["container"]}},
        **{k: meta.get(k) for k in ("title", "summary", "description", "developerNotes")},
        "details": meta.get("details", {}),
    }
    if row["published"] is not None:
        full["publishedAt"] = row["published"]
    return describe_fields(body if isinstance(body, dict) else {}, list(full), full)


@route("globalworkflow", "describe", on_object=True, readonly=True)
def globalworkflow_describe(req: Request) -> dict:
    """``/globalworkflow-xxxx/describe`` (also ``globalworkflow-name[/alias]``).

    :param req: the request.
    :returns: the description (``regionalOptions.<region>.workflow`` is the underlying workflow).
    """
    return describe_row(req.db, req.user_id, resolve(req), req.body)


@route("globalworkflow", "run", on_object=True, nonce=True)
def globalworkflow_run(req: Request) -> dict:
    """``/globalworkflow-xxxx/run``: run the version's workflow as an analysis (input as for workflows).

    :param req: the request.
    :returns: ``{"id": "analysis-xxxx", "stages": [...]}``.
    """
    from dxpy.emulator._routes.analyses import start_analysis

    row = resolve(req)
    if row["deleted"]:
        raise APIError("InvalidState", f"The global workflow {row['id']} was deleted")
    return start_analysis(req, row["workflow"], (row["id"], row["name"]))


# -- developer routes -------------------------------------------------------------------------------------


def _grant(db: sqlite3.Connection, name: str) -> None:
    """VIEW on each version's resources: developers always, authorized users once it is published."""
    names = _names_row(db, name)
    developers = loads(names["developers"], []) if names is not None else []
    users = loads(names["authorized_users"], []) if names is not None else []
    versions = db.execute("SELECT container, published FROM global_workflows WHERE name=?", (name,))
    for row in versions.fetchall():
        members = developers + (users if row["published"] is not None else [])
        db.execute("DELETE FROM memberships WHERE container_id=? AND level=?", (row["container"], perms.VIEW))
        # OR IGNORE: the creator keeps ADMINISTER
        db.executemany("INSERT OR IGNORE INTO memberships (container_id, member, level) VALUES (?, ?, ?)",
                       [(row["container"], member, perms.VIEW) for member in members])


@route("globalworkflow", "publish", on_object=True)
def globalworkflow_publish(req: Request) -> dict:
    """``/globalworkflow-xxxx/publish`` (``makeDefault``: move the ``default`` tag to this version).

    :param req: the request.
    :returns: ``{"id": ...}``.
    :raises APIError: InvalidState when already published or deleted.
    """
    row = resolve(req, developer=True)
    if row["published"] is not None or row["deleted"]:
        raise APIError("InvalidState", f"The global workflow {row['id']} is already published or deleted")
    req.db.execute("UPDATE global_workflows SET published=?, modified=? WHERE id=?",
                   (req.now_ms, req.now_ms, row["id"]))
    if dm.field(req.body, "makeDefault", bool, False):
        _move_tag(req.db, row, "default")
    _grant(req.db, row["name"])
    return {"id": row["id"]}


def _move_tag(db: sqlite3.Connection, row: sqlite3.Row, tag: str) -> None:
    versions = db.execute("SELECT id, aliases FROM global_workflows WHERE name=?", (row["name"],))
    for other in versions.fetchall():
        aliases = [a for a in loads(other["aliases"], []) if a != tag]
        if other["id"] == row["id"]:
            aliases.append(tag)
        db.execute("UPDATE global_workflows SET aliases=? WHERE id=?", (dumps(aliases), other["id"]))


def _change_tags(req: Request, add: bool) -> dict:
    row = resolve(req, developer=True)
    tags = dm.string_list(req.body, "tags", required=True)
    for tag in tags:
        if _VERSION_RE.match(tag) is None or tag == row["version"]:
            raise APIError("InvalidInput", f"{tag!r} cannot be a tag of {row['name']}")
        if add:
            _move_tag(req.db, row, tag)
    if not add:
        current = [a for a in loads(row["aliases"], []) if a not in tags]
        req.db.execute("UPDATE global_workflows SET aliases=? WHERE id=?", (dumps(current), row["id"]))
    return {"id": row["id"]}


@route("globalworkflow", "addTags", on_object=True)
def globalworkflow_add_tags(req: Request) -> dict:
    """``/globalworkflow-xxxx/addTags``: tag this version (a tag moves off any other version of the name).

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    return _change_tags(req, True)


@route("globalworkflow", "removeTags", on_object=True)
def globalworkflow_remove_tags(req: Request) -> dict:
    """``/globalworkflow-xxxx/removeTags``.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    return _change_tags(req, False)


@route("globalworkflow", "update", on_object=True)
def globalworkflow_update(req: Request) -> dict:
    """``/globalworkflow-xxxx/update``: ``title``, ``summary``, ``description``, ``developerNotes``, details.

    :param req: the request.
    :returns: ``{"id": ...}``.
    :raises APIError: InvalidState for a published version.
    """
    row = resolve(req, developer=True)
    if row["published"] is not None:
        raise APIError("InvalidState", f"The global workflow {row['id']} is published and cannot be updated")
    meta = loads(row["meta"], {})
    for key in META_FIELDS:
        if key in req.body:
            meta[key] = dm.field(req.body, key, (dict, list) if key == "details" else str)
    req.db.execute("UPDATE global_workflows SET meta=?, modified=? WHERE id=?",
                   (dumps(meta), req.now_ms, row["id"]))
    return {"id": row["id"]}


@route("globalworkflow", "delete", on_object=True)
def globalworkflow_delete(req: Request) -> dict:
    """``/globalworkflow-xxxx/delete``: the version loses its tags and can no longer be run.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = resolve(req, developer=True)
    req.db.execute("UPDATE global_workflows SET deleted=1, aliases='[]', modified=? WHERE id=?",
                   (req.now_ms, row["id"]))
    return {"id": row["id"]}


def _list_route(key: str, add: Optional[bool]) -> Any:
    def handler(req: Request) -> dict:
        row = resolve(req, developer=add is not None)
        names = _names_row(req.db, row["name"])
        assert names is not None
        current = loads(names[_LISTS[key]], [])
        if add is None:
            return {key: current}
        items = dm.string_list(req.body, key, required=True)
        if key == "developers" and not add and not [d for d in current if d not in items]:
            raise APIError("InvalidInput", "a global workflow keeps at least one developer")
        new = list(dict.fromkeys(current + items)) if add else [v for v in current if v not in items]
        req.db.execute(f"UPDATE global_workflow_names SET {_LISTS[key]}=? WHERE name=?",
                       (dumps(new), row["name"]))
        if key != "categories":
            _grant(req.db, row["name"])
        return {"id": row["id"]}

    return handler


for _key in _LISTS:
    _noun = _key[0].upper() + _key[1:]
    for _verb, _add in (("add", True), ("remove", False), ("list", None)):
        _fn = _list_route(_key, _add)
        _fn.__name__ = _fn.__qualname__ = f"globalworkflow_{_verb}_{_key}"
        _fn.__doc__ = (f"``/globalworkflow-xxxx/{_verb}{_noun}`` (shared by every version of the name).\n\n"
                       ":param req: the request.\n:returns: the answer.\n")
        globals()[_fn.__name__] = route("globalworkflow", f"{_verb}{_noun}", on_object=True,
                                        readonly=_add is None)(_fn)


def find(req: Request, body: dict) -> dict:
    """``/system/findGlobalWorkflows`` over the versions the caller can see (input already validated).

    :param req: the request.
    :param body: the validated query (``name``, ``category``, ``allVersions``, ``published``,
        ``createdBy``, ``developer``, ``describe``, ``limit``).
    :returns: ``{"results": [{"id", "describe"?}], "next": None}``.
    """
    from dxpy.emulator._routes.executions import _name_matcher

    match = _name_matcher(body["name"]) if "name" in body else (lambda _n: True)
    results = []
    rows = req.db.execute("SELECT * FROM global_workflows WHERE deleted=0 ORDER BY created DESC, rowid DESC")
    for row in rows:
        names = _names_row(req.db, row["name"])
        assert names is not None
        checks = [
            _can_see(req.db, req.user_id, row), match(row["name"]),
            body.get("allVersions") or "default" in loads(row["aliases"], []),
            body.get("published") is None or body["published"] == (row["published"] is not None),
            body.get("createdBy") is None or body["createdBy"] == row["created_by"],
            body.get("category") is None or body["category"] in loads(names["categories"], []),
            body.get("developer") is None or body["developer"] in loads(names["developers"], []),
        ]
        if all(checks):
            entry: dict = {"id": row["id"]}
            if body.get("describe"):
                describe = body["describe"] if isinstance(body["describe"], dict) else {}
                entry["describe"] = describe_row(req.db, req.user_id, row, describe)
            results.append(entry)
    return {"results": results[: int(body.get("limit") or 1000)], "next": None}
