"""Apps: their tables, name/alias resolution, access rules and describe output.

An app *name* (``app_names``) carries what all its versions share: developers,
authorized users, categories, the billing account and the deleted flag. Each
*version* (``apps``) is an ``app-xxxx`` ID holding a frozen copy of the applet's
executable spec (code included), its metadata, and whether it is published.
Version tags (aliases such as ``default``) live in ``app_tags``, unique per name;
installations in ``app_installs``, per user and name.

Who may do what:

* developers (users, or members of orgs, listed as developers) see every version and
  may change them;
* authorized users (users, members of listed orgs, or everyone for ``PUBLIC``) see
  published versions: describe, get, run, install, list categories;
* anyone else gets ``PermissionDenied`` for a published version and
  ``ResourceNotFound`` for an unpublished one (which they cannot know about).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.executables import spec_list
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._data.store import register_schema
from dxpy.emulator._protocol.errors import APIError

SCHEMA = """
CREATE TABLE IF NOT EXISTS app_names (
    name TEXT PRIMARY KEY,
    created_by TEXT NOT NULL,
    bill_to TEXT NOT NULL,
    developers TEXT NOT NULL DEFAULT '[]',
    authorized_users TEXT NOT NULL DEFAULT '[]',
    categories TEXT NOT NULL DEFAULT '[]',
    deleted INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS apps (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    published INTEGER NOT NULL DEFAULT 0,
    applet TEXT NOT NULL,
    resources TEXT NOT NULL,
    spec TEXT NOT NULL,
    meta TEXT NOT NULL,
    UNIQUE (name, version)
);
CREATE INDEX IF NOT EXISTS apps_name ON apps(name, seq);
CREATE TABLE IF NOT EXISTS app_tags (
    name TEXT NOT NULL,
    tag TEXT NOT NULL,
    app_id TEXT NOT NULL,
    PRIMARY KEY (name, tag)
);
CREATE TABLE IF NOT EXISTS app_installs (
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (user_id, name)
);
"""

register_schema(SCHEMA)

NAME_RE = re.compile(r"^[a-zA-Z0-9._-]+$")
#: semantic versions: ``1.2.3``, optionally ``-prerelease`` and ``+build``
VERSION_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
                        r"(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
#: the metadata a version keeps besides its executable spec (``/app/new`` and ``update`` inputs)
META_FIELDS: dict[str, tuple[type, ...]] = {
    "title": (str,), "summary": (str,), "description": (str,), "developerNotes": (str,),
    "details": (dict, list), "regionalOptions": (dict,), "openSource": (bool,), "httpsApp": (dict,),
    "resources": (str, list, dict), "ignoreReuse": (bool,), "treeTurnaroundTimeThreshold": (int,),
    "lineItemPerTest": (bool,),
}
REGION = dm.DEFAULT_REGION

#: access rungs, lowest first
VIEW, DEVELOP = "view", "develop"


def check_name(name: Any) -> str:
    """Validate an app name.

    :param name: the candidate.
    :returns: the name.
    :raises APIError: InvalidInput.
    """
    if not isinstance(name, str) or not NAME_RE.match(name) or is_id(name):
        raise APIError("InvalidInput", 'expected key "name" of input to be an app name made of letters, '
                                       'digits, ".", "_" and "-"')
    return name


def check_version(version: Any) -> str:
    """Validate a semantic version string.

    :param version: the candidate.
    :returns: the version.
    :raises APIError: InvalidInput.
    """
    if not isinstance(version, str) or not VERSION_RE.match(version):
        raise APIError("InvalidInput",
                       'expected key "version" of input to be a semantic version such as "1.0.0"')
    return version


def name_row(db: sqlite3.Connection, name: str) -> Optional[sqlite3.Row]:
    """The shared record of an app name.

    :param db: connection.
    :param name: the app name.
    :returns: the row, or None.
    """
    return db.execute("SELECT * FROM app_names WHERE name=?", (name,)).fetchone()


def _principal_ids(db: sqlite3.Connection, user_id: str) -> set[str]:
    return {member for member, _cap in perms.principals(db, user_id)}


def is_developer(db: sqlite3.Connection, user_id: str, names: sqlite3.Row) -> bool:
    """Whether the caller is a developer of an app name (directly or through an org).

    :param db: connection.
    :param user_id: the caller.
    :param names: the ``app_names`` row.
    :returns: True for a developer.
    """
    return bool(_principal_ids(db, user_id) & set(dm.loads(names["developers"], [])))


def is_authorized(db: sqlite3.Connection, user_id: str, names: sqlite3.Row) -> bool:
    """Whether the caller is an authorized user of an app name (``PUBLIC`` counts everyone).

    :param db: connection.
    :param user_id: the caller.
    :param names: the ``app_names`` row.
    :returns: True for an authorized user.
    """
    allowed = set(dm.loads(names["authorized_users"], []))
    return perms.PUBLIC in allowed or bool(_principal_ids(db, user_id) & allowed)


def _newest(db: sqlite3.Connection, name: str, published_only: bool) -> Optional[sqlite3.Row]:
    extra = " AND published > 0" if published_only else ""
    return db.execute(f"SELECT * FROM apps WHERE name=?{extra} ORDER BY seq DESC LIMIT 1", (name,)).fetchone()


def default_version(db: sqlite3.Connection, name: str, developer: bool) -> Optional[sqlite3.Row]:
    """The version a bare name (or the ``default`` alias) means for a caller.

    The version tagged ``default``; without one, for a developer, the newest version.

    :param db: connection.
    :param name: the app name.
    :param developer: whether the caller develops the app.
    :returns: the version row or None.
    """
    tagged = db.execute("SELECT a.* FROM app_tags t JOIN apps a ON a.id=t.app_id WHERE t.name=? AND t.tag=?",
                        (name, "default")).fetchone()
    if tagged is not None:
        return tagged
    return _newest(db, name, published_only=not developer)


def _lookup(db: sqlite3.Connection, user_id: str, target: str, alias: Optional[str]) -> Optional[sqlite3.Row]:
    if is_id(target, "app"):
        if alias:
            raise APIError("InvalidInput", f"An app ID ({target}) cannot be followed by an alias ({alias})")
        return db.execute("SELECT * FROM apps WHERE id=?", (target,)).fetchone()
    name = target[len("app-"):] if target.startswith("app-") else target
    names = name_row(db, name)
    if names is None:
        return None
    if alias is None or alias == "default":
        return default_version(db, name, is_developer(db, user_id, names))
    row = db.execute("SELECT * FROM apps WHERE name=? AND version=?", (name, alias)).fetchone()
    if row is None:
        row = db.execute("SELECT a.* FROM app_tags t JOIN apps a ON a.id=t.app_id WHERE t.name=? AND t.tag=?",
                         (name, alias)).fetchone()
    return row


def resolve(db: sqlite3.Connection, user_id: str, target: str, alias: Optional[str] = None,
            need: str = VIEW) -> tuple[sqlite3.Row, sqlite3.Row]:
    """Find the app version a path names and check the caller's access.

    :param db: connection.
    :param user_id: the caller.
    :param target: ``app-xxxx`` or ``app-<name>``.
    :param alias: a version or tag (None: ``default``).
    :param need: :data:`VIEW` (authorized users) or :data:`DEVELOP` (developers only).
    :returns: ``(version row, name row)``.
    :raises APIError: ResourceNotFound for an unknown (or hidden unpublished) version,
        PermissionDenied for too little access.
    """
    shown = target + (f"/{alias}" if alias else "")
    row = _lookup(db, user_id, target, alias)
    names = name_row(db, row["name"]) if row is not None else None
    if row is None or names is None:
        raise APIError("ResourceNotFound", f"The app {shown} could not be found")
    developer = is_developer(db, user_id, names)
    if not developer:
        if not row["published"]:
            raise APIError("ResourceNotFound", f"The app {shown} could not be found")
        if need == DEVELOP:
            raise APIError("PermissionDenied", f"Only a developer of the app {names['name']} may do this")
        if not is_authorized(db, user_id, names):
            raise APIError("PermissionDenied", f"You are not an authorized user of the app {names['name']}")
    return row, names


def require_live(names: sqlite3.Row) -> None:
    """Refuse changes to (and runs of) a deleted app.

    :param names: the ``app_names`` row.
    :raises APIError: InvalidState.
    """
    if names["deleted"]:
        raise APIError("InvalidState", f"The app {names['name']} has been deleted")


def tags_of(db: sqlite3.Connection, app_id: str) -> list[str]:
    """The tags (aliases) pointing at one version.

    :param db: connection.
    :param app_id: the version's ID.
    :returns: tag names, sorted.
    """
    return [r["tag"] for r in db.execute("SELECT tag FROM app_tags WHERE app_id=? ORDER BY tag", (app_id,))]


def set_tag(db: sqlite3.Connection, name: str, tag: str, app_id: str) -> None:
    """Point a tag of an app name at a version (moving it from another version).

    :param db: connection inside a write transaction.
    :param name: the app name.
    :param tag: the tag.
    :param app_id: the version.
    """
    db.execute("INSERT OR REPLACE INTO app_tags (name, tag, app_id) VALUES (?, ?, ?)", (name, tag, app_id))


def installed(db: sqlite3.Connection, user_id: str, name: str) -> bool:
    """Whether the caller installed an app name.

    :param db: connection.
    :param user_id: the caller.
    :param name: the app name.
    :returns: True when installed.
    """
    found = db.execute("SELECT 1 FROM app_installs WHERE user_id=? AND name=?", (user_id, name)).fetchone()
    return found is not None


def apps_installed(db: sqlite3.Connection, user_id: str) -> dict[str, str]:
    """A user's installed apps, as ``/user-xxxx/describe`` shows them (``appsInstalled``).

    :param db: connection.
    :param user_id: the user.
    :returns: ``{app name: "default"}`` (installation follows the app's default version).
    """
    rows = db.execute("SELECT i.name FROM app_installs i JOIN app_names n ON n.name=i.name"
                      " WHERE i.user_id=? AND n.deleted=0 ORDER BY i.name", (user_id,))
    return {r["name"]: "default" for r in rows}


DEFAULT_DESCRIBE = [
    "id", "class", "name", "version", "aliases", "createdBy", "created", "modified", "published", "deleted",
    "installed", "installs", "isDeveloperFor", "openSource", "billTo", "applet", "resources", "title",
    "summary", "description", "developerNotes", "details", "categories", "dxapi", "runSpec", "inputSpec",
    "outputSpec", "access", "ignoreReuse", "httpsApp", "regionalOptions", "treeTurnaroundTimeThreshold",
    "lineItemPerTest", "authorizedUsers", "developers",
]


def _regional_options(given: Any, row: sqlite3.Row) -> dict[str, Any]:
    ours = {"applet": row["applet"], "resources": row["resources"]}
    if not isinstance(given, dict) or not given:
        return {REGION: ours}
    out = {}
    for region, options in given.items():
        out[region] = {**(options if isinstance(options, dict) else {}), **ours}
    return out


def full_description(db: sqlite3.Connection, user_id: str, row: sqlite3.Row, names: sqlite3.Row,
                     with_code: bool = False) -> dict[str, Any]:
    """Every describe field of an app version, as the caller sees it.

    :param db: connection.
    :param user_id: the caller (``installed``, ``isDeveloperFor``; only developers see
        ``authorizedUsers`` and ``developers``).
    :param row: the version row.
    :param names: its name row.
    :param with_code: keep ``runSpec.code`` (``/app-xxxx/get``).
    :returns: the description.
    """
    spec = dm.loads(row["spec"], {})
    meta = dm.loads(row["meta"], {})
    run_spec = dict(spec.get("runSpec") or {})
    if not with_code:
        run_spec.pop("code", None)
    developer = is_developer(db, user_id, names)
    count = db.execute("SELECT COUNT(*) FROM app_installs WHERE name=?", (row["name"],)).fetchone()[0]
    out: dict[str, Any] = {
        "id": row["id"], "class": "app", "name": row["name"], "version": row["version"],
        "aliases": tags_of(db, row["id"]), "createdBy": row["created_by"], "created": row["created"],
        "modified": row["modified"], "published": row["published"], "deleted": bool(names["deleted"]),
        "installed": installed(db, user_id, row["name"]), "installs": count, "isDeveloperFor": developer,
        "openSource": bool(meta.get("openSource", False)), "billTo": names["bill_to"],
        "applet": row["applet"],
        "resources": row["resources"], "title": meta.get("title", spec.get("title", "")),
        "summary": meta.get("summary", spec.get("summary", "")),
        "description": meta.get("description", spec.get("description", "")),
        "developerNotes": meta.get("developerNotes", spec.get("developerNotes", "")),
        "details": meta.get("details", {}), "categories": dm.loads(names["categories"], []),
        "dxapi": spec.get("dxapi", "1.0.0"), "runSpec": run_spec, "inputSpec": spec.get("inputSpec", []),
        "outputSpec": spec.get("outputSpec", []), "access": spec.get("access", {}),
        "ignoreReuse": bool(meta.get("ignoreReuse", spec.get("ignoreReuse", False))),
        "httpsApp": meta.get("httpsApp", spec.get("httpsApp")),
        "regionalOptions": _regional_options(meta.get("regionalOptions"), row),
        "treeTurnaroundTimeThreshold": meta.get("treeTurnaroundTimeThreshold",
                                                spec.get("treeTurnaroundTimeThreshold")),
        "lineItemPerTest": bool(meta.get("lineItemPerTest", False)),
    }
    if developer:
        out["authorizedUsers"] = dm.loads(names["authorized_users"], [])
        out["developers"] = dm.loads(names["developers"], [])
    if out["httpsApp"] is None:
        del out["httpsApp"]
    if out["treeTurnaroundTimeThreshold"] is None:
        del out["treeTurnaroundTimeThreshold"]
    return out


def version_id(db: sqlite3.Connection, user_id: str, path: str) -> str:
    """The version ID an app path names for the caller (``findExecutions``'s ``executable`` filter).

    :param db: connection.
    :param user_id: the caller.
    :param path: ``app-xxxx``, ``app-NAME`` or ``app-NAME/ALIAS``.
    :returns: the version's ID, or *path* unchanged when it names no version the caller sees.
    """
    head, _, alias = path.partition("/")
    try:
        row, _names = resolve(db, user_id, head, alias or None)
    except APIError:
        return path
    return str(row["id"])


def load_app_runnable(db: sqlite3.Connection, user_id: str, target: str) -> dict[str, Any]:
    """What the job runner needs to run an app version (``app-xxxx``, ``app-name``, ``app-name/alias``).

    :param db: connection.
    :param user_id: the caller (an authorized user or a developer).
    :param target: the app path as it appeared in the URL.
    :returns: the runnable (``id`` is the version's ID, ``class`` ``"app"``).
    :raises APIError: ResourceNotFound, PermissionDenied, InvalidState for a deleted app.
    """
    head, _, alias = target.partition("/")
    row, names = resolve(db, user_id, head, alias or None)
    require_live(names)
    spec = dm.loads(row["spec"], {})
    run_spec = dict(spec.get("runSpec") or {})
    return {
        "id": row["id"], "class": "app", "name": row["name"], "version": row["version"],
        "applet": row["applet"], "resources": row["resources"], "project": row["resources"],
        "runSpec": run_spec, "inputSpec": spec_list(spec, "inputSpec"),
        "outputSpec": spec_list(spec, "outputSpec"), "access": dict(spec.get("access") or {}),
        "ignoreReuse": bool(spec.get("ignoreReuse", False)),
        "timeoutPolicy": dict(run_spec.get("timeoutPolicy") or {}),
    }
