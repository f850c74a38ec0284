"""Apps: ``/app/new`` and the ``/app-xxxx[/alias]/...`` routes (``run`` lives with the jobs).

Every ``/app-...`` route accepts an ID (``app-xxxx``), a name (``app-bwa``: the
``default`` version) or a name and an alias (``app-bwa/1.0.0``, ``app-bwa/beta``).
Storage, resolution and access rules: :mod:`dxpy.emulator._data.apps`. The search
route ``/system/findApps`` is :func:`find_apps_query`.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import apps as store
from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id, new_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import applets as applets
from dxpy.emulator._routes import objects as objects
from dxpy.emulator._routes.system import describe_fields

NEW_KEYS = {"applet", "name", "version", "billTo", "bill_to", "categories", "authorizedUsers", "nonce",
            "project", "access", "billing", *store.META_FIELDS}
UPDATE_KEYS = {"applet", "project", "access", "billing", *store.META_FIELDS}


def _target(req: Request) -> tuple[str, Optional[str]]:
    return str(req.object_id), req.alias


def _resolve(req: Request, need: str = store.VIEW) -> tuple[sqlite3.Row, sqlite3.Row]:
    target, alias = _target(req)
    return store.resolve(req.db, req.user_id, target, alias, need)


def _meta_input(body: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key, kinds in store.META_FIELDS.items():
        if key in body:
            value = body[key]
            if not isinstance(value, kinds) or (kinds == (int,) and isinstance(value, bool)):
                raise APIError("InvalidInput", f'expected key "{key}" of input to be of JSON type '
                                               f'{"/".join(t.__name__ for t in kinds)}')
            meta[key] = value
    if "details" in meta:
        dm.check_details(meta["details"])
    return meta


def _applet_spec(req: Request, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The applet named in the input and its executable spec (code included)."""
    applet_id = body.get("applet")
    regional = body.get("regionalOptions")
    if applet_id is None and isinstance(regional, dict) and regional:
        # the multi-region form: {"regionalOptions": {region: {"applet": ...}}}; the emulator has one region
        options = regional.get(store.REGION, next(iter(regional.values())))
        applet_id = options.get("applet") if isinstance(options, dict) else None
        if not is_id(applet_id, "applet"):
            raise APIError("InvalidInput", 'expected "regionalOptions.<region>.applet" to be an applet ID')
    if not is_id(applet_id, "applet"):
        raise APIError("InvalidInput", 'expected key "applet" (or "regionalOptions.<region>.applet") '
                                       'of input to be an applet ID')
    obj, copy, _level = objects.resolve_copy(req.db, req.user_id, str(applet_id), body.get("project"))
    extra = dm.loads(obj["extra"], {})
    spec = {k: v for k, v in extra.items() if k in applets.SPEC_FIELDS}
    return copy["name"], dict(spec, applet=str(applet_id))


def _access_input(body: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with ``access`` replaced when the input gives one (the app's, not the applet's)."""
    if "access" in body:
        spec = dict(spec, access=dm.field(body, "access", dict))
    return spec


def _principal_list(db: sqlite3.Connection, body: dict, key: str, public_ok: bool) -> list[str]:
    values = dm.string_list(body, key, required=True)
    for value in values:
        if value == perms.PUBLIC and public_ok:
            continue
        table = {"user": "users", "org": "orgs"}.get(value.split("-", 1)[0])
        if table is None or db.execute(f"SELECT 1 FROM {table} WHERE id=?", (value,)).fetchone() is None:
            allowed = "user or org IDs" + (' or "PUBLIC"' if public_ok else "")
            raise APIError("InvalidInput", f'expected key "{key}" of input to list {allowed}; '
                                           f"{value!r} is not one")
    return values


def _bill_to(req: Request, body: dict) -> str:
    bill_to = body.get("billTo", body.get("bill_to", req.user_id))
    if not isinstance(bill_to, str):
        raise APIError("InvalidInput", 'expected key "billTo" of input to be a user or org ID')
    if bill_to != req.user_id and bill_to not in {m for m, _c in perms.principals(req.db, req.user_id)}:
        raise APIError("PermissionDenied", f"You cannot bill {bill_to}")
    return bill_to


def _new_name(req: Request, name: str, body: dict) -> sqlite3.Row:
    """Create (or check the caller may add a version to) an app name."""
    names = store.name_row(req.db, name)
    if names is None:
        authorized = []
        if "authorizedUsers" in body:
            authorized = _principal_list(req.db, body, "authorizedUsers", True)
        req.db.execute(
            "INSERT INTO app_names (name, created_by, bill_to, developers, authorized_users, categories,"
            " created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, req.user_id, _bill_to(req, body), dm.dumps([req.user_id]), dm.dumps(authorized),
             dm.dumps(dm.string_list(body, "categories", [])), req.now_ms),
        )
    else:
        if names["deleted"]:
            raise APIError("InvalidInput",
                           f"The app name {name} belonged to a deleted app and cannot be reused")
        if not store.is_developer(req.db, req.user_id, names):
            raise APIError("PermissionDenied", f"Only a developer of the app {name} may add versions to it")
        if "authorizedUsers" in body:
            _set_list(req.db, name, "authorized_users",
                      _principal_list(req.db, body, "authorizedUsers", True), add=True)
        if "categories" in body:
            _set_list(req.db, name, "categories", dm.string_list(body, "categories"), add=True)
    row = store.name_row(req.db, name)
    assert row is not None
    return row


@route("app", "new", nonce=True)
def app_new(req: Request) -> dict[str, str]:
    """``/app/new``: a new (unpublished) app version built from an applet.

    :param req: the request (``applet``, ``name``, ``version`` required; ``billTo``, ``title``,
        ``summary``, ``description``, ``developerNotes``, ``details``, ``categories``,
        ``authorizedUsers``, ``resources``, ``regionalOptions``, ``openSource``, ``httpsApp``...).
    :returns: ``{"id": "app-xxxx"}``.
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied.
    """
    from dxpy.emulator._routes.projects import create_container
    from dxpy.emulator._runner import bundles

    body = dict(req.body)
    dm.ignore_unknown(body, NEW_KEYS, "/app/new")
    applet_name, spec = _applet_spec(req, body)
    spec = _access_input(body, spec)
    name = store.check_name(body.get("name", applet_name))
    version = store.check_version(body.get("version"))
    meta = _meta_input(body)
    _new_name(req, name, body)
    if req.db.execute("SELECT 1 FROM apps WHERE name=? AND version=?", (name, version)).fetchone():
        # upstream's app builder recognises this exact message (and then updates the version)
        raise APIError("InvalidInput", "Specified name and version conflict with an existing alias")
    app_id = new_id("app")
    resources = create_container(req.db, req.user_id, req.now_ms, name=f"resources of {app_id}")
    bundles.clone_into(req.db, req.user_id, spec.get("runSpec") or {}, resources, req.now_ms)
    seq = req.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM apps").fetchone()[0]
    req.db.execute(
        "INSERT INTO apps (id, name, version, seq, created_by, created, modified, applet, resources, spec,"
        " meta)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (app_id, name, version, seq, req.user_id, req.now_ms, req.now_ms, spec.pop("applet"), resources,
         dm.dumps(spec), dm.dumps(meta)),
    )
    return {"id": app_id}


@route("app", "describe", on_object=True, readonly=True)
def app_describe(req: Request) -> dict[str, Any]:
    """``/app-xxxx/describe``: the version's description (``fields`` / ``defaultFields`` apply).

    :param req: the request.
    :returns: the description.
    :raises APIError: ResourceNotFound, PermissionDenied.
    """
    row, names = _resolve(req)
    full = store.full_description(req.db, req.user_id, row, names)
    return describe_fields(req.body, [k for k in store.DEFAULT_DESCRIBE if k in full], full)


@route("app", "get", on_object=True, readonly=True)
def app_get(req: Request) -> dict[str, Any]:
    """``/app-xxxx/get``: the description with the full ``runSpec`` (code included).

    Developers may always read the code; authorized users only of an ``openSource`` version.

    :param req: the request.
    :returns: the description.
    :raises APIError: ResourceNotFound, PermissionDenied.
    """
    row, names = _resolve(req)
    open_source = dm.loads(row["meta"], {}).get("openSource")
    if not open_source and not store.is_developer(req.db, req.user_id, names):
        raise APIError("PermissionDenied",
                       f"Only developers may read the code of the app {row['name']} (not open source)")
    return store.full_description(req.db, req.user_id, row, names, with_code=True)


def _changeable(req: Request, need: str = store.DEVELOP) -> tuple[sqlite3.Row, sqlite3.Row]:
    row, names = _resolve(req, need)
    store.require_live(names)
    return row, names


def _touch(req: Request, app_id: str) -> None:
    req.db.execute("UPDATE apps SET modified=? WHERE id=?", (req.now_ms, app_id))


@route("app", "publish", on_object=True)
def app_publish(req: Request) -> dict[str, str]:
    """``/app-xxxx/publish``: publish a version; ``makeDefault`` (or no default yet) tags it ``default``.

    :param req: the request (``makeDefault`` optional boolean).
    :returns: ``{"id"}``.
    :raises APIError: InvalidState when already published; PermissionDenied for non-developers.
    """
    make_default = dm.field(req.body, "makeDefault", bool, False)
    row, names = _changeable(req)
    if row["published"]:
        raise APIError("InvalidState", f"The app {row['name']} version {row['version']} is already published")
    req.db.execute("UPDATE apps SET published=?, modified=? WHERE id=?", (req.now_ms, req.now_ms, row["id"]))
    has_default = req.db.execute("SELECT 1 FROM app_tags t JOIN apps a ON a.id=t.app_id"
                                 " WHERE t.name=? AND t.tag='default' AND a.published > 0",
                                 (row["name"],)).fetchone()
    if make_default or not has_default:
        store.set_tag(req.db, row["name"], "default", row["id"])
    return {"id": row["id"]}


@route("app", "install", on_object=True)
def app_install(req: Request) -> dict[str, str]:
    """``/app-xxxx/install``: add the app to the caller's installed apps.

    :param req: the request.
    :returns: ``{"id"}``.
    :raises APIError: ResourceNotFound, PermissionDenied, InvalidState for a deleted app.
    """
    row, names = _changeable(req, store.VIEW)
    req.db.execute("INSERT OR IGNORE INTO app_installs (user_id, name) VALUES (?, ?)",
                   (req.user_id, row["name"]))
    return {"id": row["id"]}


@route("app", "uninstall", on_object=True)
def app_uninstall(req: Request) -> dict[str, str]:
    """``/app-xxxx/uninstall``: remove the app from the caller's installed apps.

    :param req: the request.
    :returns: ``{"id"}``.
    :raises APIError: ResourceNotFound, PermissionDenied.
    """
    row, _names = _resolve(req)
    req.db.execute("DELETE FROM app_installs WHERE user_id=? AND name=?", (req.user_id, row["name"]))
    return {"id": row["id"]}


def _set_list(db: sqlite3.Connection, name: str, column: str, values: list[str], add: bool) -> None:
    names = store.name_row(db, name)
    assert names is not None
    current = dm.loads(names[column], [])
    if add:
        new = current + [v for v in values if v not in current]
    else:
        new = [v for v in current if v not in values]
    db.execute(f"UPDATE app_names SET {column}=? WHERE name=?", (dm.dumps(new), name))


def _change_list(req: Request, key: str, column: str, add: bool) -> dict[str, str]:
    row, names = _changeable(req)
    if key == "categories":
        values = dm.string_list(req.body, key, required=True)
    else:
        values = _principal_list(req.db, req.body, key, public_ok=(key == "authorizedUsers"))
    if key == "developers" and not add:
        left = [d for d in dm.loads(names["developers"], []) if d not in values]
        if not left:
            raise APIError("InvalidInput", f"The app {row['name']} must keep at least one developer")
    _set_list(req.db, row["name"], column, values, add)
    _touch(req, row["id"])
    return {"id": row["id"]}


def _list(req: Request, key: str, column: str, need: str) -> dict[str, Any]:
    row, names = _resolve(req, need)
    return {key: dm.loads(names[column], [])}


@route("app", "addCategories", on_object=True)
def app_add_categories(req: Request) -> dict[str, str]:
    """``/app-xxxx/addCategories`` (categories are shared by all versions).

    :param req: the request (``categories``).
    :returns: ``{"id"}``.
    """
    return _change_list(req, "categories", "categories", True)


@route("app", "removeCategories", on_object=True)
def app_remove_categories(req: Request) -> dict[str, str]:
    """``/app-xxxx/removeCategories``.

    :param req: the request (``categories``).
    :returns: ``{"id"}``.
    """
    return _change_list(req, "categories", "categories", False)


@route("app", "listCategories", on_object=True, readonly=True)
def app_list_categories(req: Request) -> dict[str, Any]:
    """``/app-xxxx/listCategories`` (anyone who may see the app).

    :param req: the request.
    :returns: ``{"categories": [...]}``.
    """
    return _list(req, "categories", "categories", store.VIEW)


@route("app", "addAuthorizedUsers", on_object=True)
def app_add_authorized_users(req: Request) -> dict[str, str]:
    """``/app-xxxx/addAuthorizedUsers``: user IDs, org IDs or ``PUBLIC``.

    :param req: the request (``authorizedUsers``).
    :returns: ``{"id"}``.
    """
    return _change_list(req, "authorizedUsers", "authorized_users", True)


@route("app", "removeAuthorizedUsers", on_object=True)
def app_remove_authorized_users(req: Request) -> dict[str, str]:
    """``/app-xxxx/removeAuthorizedUsers``.

    :param req: the request (``authorizedUsers``).
    :returns: ``{"id"}``.
    """
    return _change_list(req, "authorizedUsers", "authorized_users", False)


@route("app", "listAuthorizedUsers", on_object=True, readonly=True)
def app_list_authorized_users(req: Request) -> dict[str, Any]:
    """``/app-xxxx/listAuthorizedUsers`` (developers only).

    :param req: the request.
    :returns: ``{"authorizedUsers": [...]}``.
    """
    return _list(req, "authorizedUsers", "authorized_users", store.DEVELOP)


@route("app", "addDevelopers", on_object=True)
def app_add_developers(req: Request) -> dict[str, str]:
    """``/app-xxxx/addDevelopers``: user or org IDs.

    :param req: the request (``developers``).
    :returns: ``{"id"}``.
    """
    return _change_list(req, "developers", "developers", True)


@route("app", "removeDevelopers", on_object=True)
def app_remove_developers(req: Request) -> dict[str, str]:
    """``/app-xxxx/removeDevelopers`` (at least one developer stays).

    :param req: the request (``developers``).
    :returns: ``{"id"}``.
    """
    return _change_list(req, "developers", "developers", False)


@route("app", "listDevelopers", on_object=True, readonly=True)
def app_list_developers(req: Request) -> dict[str, Any]:
    """``/app-xxxx/listDevelopers`` (developers only).

    :param req: the request.
    :returns: ``{"developers": [...]}``.
    """
    return _list(req, "developers", "developers", store.DEVELOP)


@route("app", "addTags", on_object=True)
def app_add_tags(req: Request) -> dict[str, str]:
    """``/app-xxxx/addTags``: point tags (aliases) of the app at this version, moving them if needed.

    :param req: the request (``tags``).
    :returns: ``{"id"}``.
    :raises APIError: InvalidInput for a tag that is a version of the app.
    """
    tags = dm.string_list(req.body, "tags", required=True)
    row, _names = _changeable(req)
    for tag in tags:
        if store.VERSION_RE.match(tag) or not tag:
            raise APIError("InvalidInput", f"The tag {tag!r} looks like a version; tags cannot be versions")
        store.set_tag(req.db, row["name"], tag, row["id"])
    _touch(req, row["id"])
    return {"id": row["id"]}


@route("app", "removeTags", on_object=True)
def app_remove_tags(req: Request) -> dict[str, str]:
    """``/app-xxxx/removeTags``: remove tags from this version (others' tags are untouched).

    :param req: the request (``tags``).
    :returns: ``{"id"}``.
    """
    tags = dm.string_list(req.body, "tags", required=True)
    row, _names = _changeable(req)
    for tag in tags:
        req.db.execute("DELETE FROM app_tags WHERE app_id=? AND tag=?", (row["id"], tag))
    _touch(req, row["id"])
    return {"id": row["id"]}


@route("app", "update", on_object=True)
def app_update(req: Request) -> dict[str, str]:
    """``/app-xxxx/update``: change an unpublished version (its applet, metadata, details...).

    :param req: the request (``applet``, ``title``, ``summary``, ``description``, ``developerNotes``,
        ``details``, ``resources``, ``regionalOptions``, ``openSource``, ``httpsApp``...).
    :returns: ``{"id"}``.
    :raises APIError: InvalidState for a published version, PermissionDenied for non-developers.
    """
    body = dict(req.body)
    dm.ignore_unknown(body, UPDATE_KEYS, "/app-xxxx/update")
    row, _names = _changeable(req)
    if row["published"]:
        raise APIError("InvalidState", f"The app {row['name']} version {row['version']} is published and "
                                       "cannot be updated")
    meta = {**dm.loads(row["meta"], {}), **_meta_input(body)}
    spec, applet = dm.loads(row["spec"], {}), row["applet"]
    regional = body.get("regionalOptions")
    if "applet" in body or (isinstance(regional, dict)
                            and any(isinstance(o, dict) and "applet" in o for o in regional.values())):
        _name, spec = _applet_spec(req, body)
        applet = spec.pop("applet")
    spec = _access_input(body, spec)
    req.db.execute("UPDATE apps SET spec=?, meta=?, applet=?, modified=? WHERE id=?",
                   (dm.dumps(spec), dm.dumps(meta), applet, req.now_ms, row["id"]))
    return {"id": row["id"]}


@route("app", "delete", on_object=True)
def app_delete(req: Request) -> dict[str, str]:
    """``/app-xxxx/delete``: delete the app (every version); it can no longer be run or installed.

    :param req: the request.
    :returns: ``{"id"}``.
    """
    row, _names = _changeable(req)
    req.db.execute("UPDATE app_names SET deleted=1 WHERE name=?", (row["name"],))
    req.db.execute("DELETE FROM app_installs WHERE name=?", (row["name"],))
    req.db.execute("UPDATE apps SET modified=? WHERE name=?", (req.now_ms, row["name"]))
    return {"id": row["id"]}


# -- /system/findApps ---------------------------------------------------------------------------------

FIND_KEYS = {
    "name", "category", "allVersions", "published", "billTo", "createdBy", "developer", "authorizedUser",
    "installed", "created", "modified", "describe", "limit", "starting",
}
MAX_LIMIT = 1000


def _find_conditions(req: Request, body: dict) -> tuple[list[str], list[Any]]:
    """SQL conditions (on ``apps a JOIN app_names n``) for the findApps filters that SQL can apply."""
    from dxpy.emulator._routes import search

    conds, args = ["n.deleted=0"], []
    regexps = []
    if "name" in body:
        sql, more, compiled = search.name_filter(body["name"], "a.name")
        conds.append(sql)
        args += more
        if compiled is not None:
            regexps.append(compiled)
    search.install_regexps(req.db, regexps)
    for key, column in (("billTo", "n.bill_to"), ("createdBy", "a.created_by")):
        value = dm.field(body, key, str, None)
        if value is not None:
            conds.append(f"{column}=?")
            args.append(value)
    published = dm.field(body, "published", bool, None)
    if published is not None:
        conds.append("a.published > 0" if published else "a.published = 0")
    for key in ("created", "modified"):
        more_conds, more_args = search.range_filter(body, key, f"a.{key}")
        conds += more_conds
        args += more_args
    return conds, args


def _matches(req: Request, row: sqlite3.Row, body: dict) -> bool:
    """The findApps filters on the shared lists, plus visibility to the caller."""
    names = store.name_row(req.db, row["name"])
    if names is None:
        return False
    developer = store.is_developer(req.db, req.user_id, names)
    if not developer and not (row["published"] and store.is_authorized(req.db, req.user_id, names)):
        return False
    checks = (("category", "categories"), ("developer", "developers"), ("authorizedUser", "authorized_users"))
    for key, column in checks:
        value = dm.field(body, key, str, None)
        if value is not None and value not in dm.loads(names[column], []):
            return False
    wanted = dm.field(body, "installed", bool, None)
    if wanted is not None and store.installed(req.db, req.user_id, row["name"]) != wanted:
        return False
    if not dm.field(body, "allVersions", bool, False):
        default = store.default_version(req.db, row["name"], developer)
        if default is None or default["id"] != row["id"]:
            return False
    return True


def find_apps_query(req: Request) -> dict[str, Any]:
    """``/system/findApps``: the app versions the caller may see that match every filter.

    Without ``allVersions`` each app contributes the version its bare name means to the
    caller (the ``default`` version; for a developer without one, the newest). Results are
    newest first; ``next`` is the ID to pass back as ``starting``.

    :param req: the request (``name`` (exact/glob/regexp), ``category``, ``allVersions``,
        ``published``, ``billTo``, ``createdBy``, ``developer``, ``authorizedUser``, ``installed``,
        ``created``/``modified`` ranges, ``describe``, ``limit``, ``starting``).
    :returns: ``{"results": [{"id", "describe"?}], "next"}``.
    :raises APIError: InvalidInput.
    """
    from dxpy.emulator._routes import search

    body = req.body
    dm.ignore_unknown(body, FIND_KEYS, "/system/findApps")
    describe = search.describe_input(body.get("describe"))
    limit = dm.field(body, "limit", int, MAX_LIMIT)
    if limit < 1:
        raise APIError("InvalidInput", 'expected key "limit" of input to be a positive integer')
    starting = body.get("starting")
    if starting is not None and not isinstance(starting, str):
        raise APIError("InvalidInput",
                       'expected key "starting" of input to be the "next" value of a previous page')
    for key in ("category", "developer", "authorizedUser"):
        dm.field(body, key, str, None)
    for key in ("allVersions", "installed"):
        dm.field(body, key, bool, None)
    conds, args = _find_conditions(req, body)
    rows = req.db.execute(
        f"SELECT a.* FROM apps a JOIN app_names n ON n.name=a.name WHERE {' AND '.join(conds)}"
        " ORDER BY a.seq DESC", args).fetchall()
    found = [row for row in rows if _matches(req, row, body)]
    if starting is not None:
        ids = [row["id"] for row in found]
        found = found[ids.index(starting):] if starting in ids else []
    page, rest = found[:min(limit, MAX_LIMIT)], found[min(limit, MAX_LIMIT):]
    results = []
    for row in page:
        item: dict[str, Any] = {"id": row["id"]}
        if describe is not None:
            names = store.name_row(req.db, row["name"])
            assert names is not None
            full = store.full_description(req.db, req.user_id, row, names)
            default = [k for k in store.DEFAULT_DESCRIBE if k in full]
            item["describe"] = describe_fields(describe, default, full)
        results.append(item)
    return {"results": results, "next": rest[0]["id"] if rest else None}
