"""Databases: the common data-object routes of ``database-xxxx``, ``listFolder``, ``downloadFile``,
``relocate``, ``/system/findDatabases`` and the admin route ``/emulator/newDatabase`` that creates one.

On the platform a database is written by a Spark job; its content is a tree of
files (tables exported as Parquet, CSV...) that clients list with
``/database-xxxx/listFolder`` and fetch through the URL ``/database-xxxx/downloadFile``
returns. The emulator has no Spark: ``/emulator/newDatabase`` (admin only) takes a
project, a name and the file tree with its content, and stores each file as one
blob of the blob store (a ``file_parts`` row of the database object, so that blobs
are swept, trashed and cascaded exactly like file parts). ``database_files`` maps
each path inside the database to its part.

Download URLs are pre-signed like file URLs, under their own prefix
(``/storage/database/<id>/<token>/<name>``), and honour one ``Range``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import posixpath
import sqlite3
import urllib.parse
from http.server import BaseHTTPRequestHandler
from typing import Any, Optional

from dxpy.emulator._blobstore import storage
from dxpy.emulator._blobstore.blobs import Segment, slices_for_range
from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._data.store import register_schema
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, ServerConfig, register_raw, route
from dxpy.emulator._routes import objects, search
from dxpy.emulator._routes.projects import load_container

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS database_files (
    db_id TEXT NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    idx INTEGER NOT NULL,
    size INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    PRIMARY KEY (db_id, path)
);
"""

register_schema(SCHEMA)

DOWNLOAD_PREFIX = "/storage/database/"
#: Database download URLs are long-lived: dxpy caches them for the life of a handler.
URL_TTL_MS = 7 * 24 * 3600 * 1000
#: Most files one ``/emulator/newDatabase`` call may create.
MAX_FILES = 10000

_NEW_KEYS = set(objects.CREATE_KEYS) | {"databaseName", "files", "encoding", "close"}


# -- describe ------------------------------------------------------------------------------------


def unique_database_name(database_id: str, database_name: str) -> str:
    """The platform-wide unique name of a database: its ID (``_`` for ``-``, lower-case) and name.

    :param database_id: ``database-xxxx``
    :param database_name: the name Spark knows the database by
    :returns: ``database_xxxx__<name>``
    """
    return f"{database_id.replace('-', '_').lower()}__{database_name}"


def _describe_extra(db: sqlite3.Connection, obj: sqlite3.Row, extra: dict) -> dict:
    """Class fields of the default database description.

    :param db: connection
    :param obj: the ``objects`` row
    :param extra: the parsed ``extra`` column
    :returns: ``databaseName``, ``uniqueDatabaseName``, ``size`` and ``region``
    """
    row = db.execute("SELECT COALESCE(SUM(size), 0) FROM database_files WHERE db_id=?",
                     (obj["id"],)).fetchone()
    name = str(extra.get("databaseName", ""))
    # A database lives in one project, and its storage in that project's region.
    where = db.execute("SELECT k.region FROM object_copies c JOIN containers k ON k.id=c.container_id"
                       " WHERE c.object_id=? ORDER BY c.created LIMIT 1", (obj["id"],)).fetchone()
    return {
        "databaseName": name,
        "uniqueDatabaseName": unique_database_name(obj["id"], name),
        "size": int(row[0]),
        "region": where[0] if where is not None else dm.DEFAULT_REGION,
    }


DATABASE = objects.register_data_class("database", describe_extra=_describe_extra)


# -- creation (admin) ----------------------------------------------------------------------------


def _flatten(tree: Any, prefix: str, out: dict[str, Any]) -> None:
    """Collect ``path -> content`` from a mapping whose values are contents or sub-mappings."""
    if not isinstance(tree, dict):
        raise APIError("InvalidInput", 'expected key "files" of input to be a mapping of paths to contents')
    for key, value in tree.items():
        path = clean_path(f"{prefix}/{key}" if prefix else key)
        if isinstance(value, dict):
            _flatten(value, path, out)
        elif isinstance(value, str):
            if path in out:
                raise APIError("InvalidInput", f'file "{path}" is given twice in "files"')
            out[path] = value
        else:
            raise APIError("InvalidInput", f'expected the content of "{path}" in "files" to be a string')
        if len(out) > MAX_FILES:
            raise APIError("InvalidInput", f'"files" may hold at most {MAX_FILES} files')


def clean_path(path: str) -> str:
    """Normalise a path inside a database (no leading slash, no ``.``/``..`` escapes).

    :param path: the path as given
    :returns: the relative path, ``""`` for the root
    :raises APIError: InvalidInput for a path leaving the database
    """
    if not isinstance(path, str):
        raise APIError("InvalidInput", "expected a database path to be a string")
    if ".." in path.split("/"):
        raise APIError("InvalidInput", f"the path {path!r} leaves the database")
    return posixpath.normpath("/" + path.strip()).lstrip("/")


def _decode(path: str, text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return text.encode("utf-8")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise APIError("InvalidInput", f'the content of "{path}" is not valid base64') from None


def store_files(req: Request, database_id: str, files: dict[str, bytes]) -> None:
    """Write a database's files as blobs and index them by path.

    :param req: the request (its server's blob store is used)
    :param database_id: the database
    :param files: ``relative path -> bytes``
    :raises APIError: InvalidInput when a path is both a file and a directory
    """
    paths = set(files)
    for path in paths:
        parent = posixpath.dirname(path)
        while parent:
            if parent in paths:
                raise APIError("InvalidInput", f'"{parent}" in "files" is both a file and a directory')
            parent = posixpath.dirname(parent)
    blobs = storage.blob_store(req.server)
    for idx, path in enumerate(sorted(files), start=1):
        data = files[path]
        stored = blobs.store_bytes(data)
        req.db.execute(
            "INSERT INTO file_parts(file_id, idx, state, size, md5, blob, updated) VALUES (?,?,?,?,?,?,?)",
            (database_id, idx, "complete", len(data), hashlib.md5(data).hexdigest(), stored.name, req.now_ms),
        )
        req.db.execute("INSERT INTO database_files(db_id, path, idx, size, modified) VALUES (?,?,?,?,?)",
                       (database_id, path, idx, len(data), req.now_ms))


@route("emulator", "newDatabase")
def new_database(req: Request) -> dict:
    """``/emulator/newDatabase``: create a database holding a tree of files (admin only).

    Input: the data-object creation inputs (``project`` required, ``name``, ``folder``,
    ``parents``, ``tags``, ``types``, ``properties``, ``details``, ``hidden``), plus
    ``databaseName`` (default: ``name``), ``files`` (mapping of paths inside the
    database -- ``"tables/a.csv"`` -- or nested mappings of directory names, to
    contents), ``encoding`` (``"utf-8"``, the default, or ``"base64"`` for every
    content) and ``close`` (default true; false leaves the database open).

    :param req: the request
    :returns: ``{"id": "database-xxxx"}``
    :raises APIError: PermissionDenied for non-admins or without UPLOAD in ``project``,
        InvalidInput for malformed input
    """
    if not req.is_admin:
        raise APIError("PermissionDenied", "Only the emulator's admin user may use /emulator routes")
    body = dict(req.body)
    dm.ignore_unknown(body, _NEW_KEYS, "/emulator/newDatabase")
    encoding = dm.field(body, "encoding", str, "utf-8")
    if encoding not in ("utf-8", "base64"):
        raise APIError("InvalidInput", 'expected key "encoding" of input to be "utf-8" or "base64"')
    close = dm.field(body, "close", bool, True)
    flat: dict[str, Any] = {}
    _flatten(body.get("files", {}), "", flat)
    if "" in flat:
        raise APIError("InvalidInput", 'a path in "files" names the database root')
    contents = {path: _decode(path, text, encoding) for path, text in flat.items()}
    name = dm.field(body, "name", str, None)
    database_name = dm.field(body, "databaseName", str, name or "database")
    if not database_name:
        raise APIError("InvalidInput", 'expected key "databaseName" of input to be a non-empty string')
    body.setdefault("name", database_name)
    oid = objects.create_object(req.db, req.user_id, "database", body, req.now_ms,
                                extra_fields={"databaseName": database_name})
    store_files(req, oid, contents)
    if close:
        dm.set_object_fields(req.db, oid, req.now_ms, state="closed")
    return {"id": oid}


# -- listFolder ----------------------------------------------------------------------------------


def _entries(db: sqlite3.Connection, database_id: str) -> list[sqlite3.Row]:
    return db.execute("SELECT path, size, modified FROM database_files WHERE db_id=? ORDER BY path",
                      (database_id,)).fetchall()


def _status(database_id: str, path: str, size: int, modified: int, is_dir: bool) -> dict:
    return {"path": f"/{database_id}/{path}", "size": size, "modified": modified, "isDirectory": is_dir}


def _directories(rows: list[sqlite3.Row]) -> dict[str, int]:
    """Every directory implied by the file paths, with its latest modification time."""
    dirs: dict[str, int] = {}
    for row in rows:
        parent = posixpath.dirname(row["path"])
        while parent:
            dirs[parent] = max(dirs.get(parent, 0), int(row["modified"]))
            parent = posixpath.dirname(parent)
    return dirs


def list_database_folder(
    db: sqlite3.Connection, database_id: str, folder: str, recurse: bool
) -> list[dict]:
    """The entries of one directory of a database (or the one file a path names).

    :param db: connection
    :param database_id: the database
    :param folder: a path inside the database (``""`` is the root)
    :param recurse: include every descendant, not only the direct children
    :returns: file statuses ``{"path", "size", "modified", "isDirectory"}`` sorted by path
    :raises APIError: ResourceNotFound when nothing exists at ``folder``
    """
    rows = _entries(db, database_id)
    dirs = _directories(rows)
    for row in rows:
        if row["path"] == folder:
            return [_status(database_id, folder, row["size"], row["modified"], False)]
    if folder and folder not in dirs:
        raise APIError("ResourceNotFound", f"The path {folder!r} could not be found in {database_id}")
    prefix = folder + "/" if folder else ""

    def wanted(path: str) -> bool:
        return path.startswith(prefix) and (recurse or "/" not in path[len(prefix):])

    found = [_status(database_id, p, 0, m, True) for p, m in dirs.items() if wanted(p)]
    found += [_status(database_id, r["path"], r["size"], r["modified"], False)
              for r in rows if wanted(r["path"])]
    return sorted(found, key=lambda s: s["path"])


def _load(req: Request, project: Optional[str]) -> tuple[sqlite3.Row, sqlite3.Row]:
    if project is not None and not (is_id(project, "project") or is_id(project, "container")):
        raise APIError("InvalidInput",
                       'expected key "projectContext" of input to be a project or container ID')
    obj, copy, _level = objects.resolve_copy(req.db, req.user_id, str(req.object_id), project, perms.VIEW)
    return obj, copy


@route("database", "listFolder", on_object=True, readonly=True)
def database_list_folder(req: Request) -> dict:
    """``/database-xxxx/listFolder``: the files (and directories) under a path of the database.

    Input: ``folder`` (default ``"/"``), ``recurse`` (default false), ``timeout``
    (accepted, unused), ``project`` (hint).

    :param req: the request
    :returns: ``{"results": [{"path", "size", "modified", "isDirectory"}]}``
    :raises APIError: ResourceNotFound for an unknown path, InvalidInput for mistyped input
    """
    body = req.body
    folder = clean_path(dm.field(body, "folder", str, "/"))
    recurse = dm.field(body, "recurse", bool, False)
    obj, _copy = _load(req, dm.field(body, "project", str, None))
    return {"results": list_database_folder(req.db, obj["id"], folder, recurse)}


# -- downloadFile --------------------------------------------------------------------------------


@route("database", "downloadFile", on_object=True, readonly=True)
def database_download_file(req: Request) -> dict:
    """``/database-xxxx/downloadFile``: a pre-signed URL to GET one file of the database.

    Input: ``filename`` (required: the path inside the database) and
    ``projectContext`` (the project the caller reaches the database through).

    :param req: the request
    :returns: ``{"url", "headers": {}, "expires"}``
    :raises APIError: ResourceNotFound for an unknown file, InvalidInput for mistyped input
    """
    body = req.body
    filename = clean_path(dm.field(body, "filename", str, required=True))
    obj, copy = _load(req, dm.field(body, "projectContext", str, None))
    row = req.db.execute("SELECT idx FROM database_files WHERE db_id=? AND path=?",
                         (obj["id"], filename)).fetchone()
    if row is None:
        raise APIError("ResourceNotFound", f"The file {filename!r} could not be found in {obj['id']}")
    expires = req.now_ms + URL_TTL_MS
    token = req.server.sign({"k": "db", "f": obj["id"], "i": row["idx"], "n": filename}, expires)
    name = urllib.parse.quote(posixpath.basename(filename), safe="")
    url = f"{storage.storage_base_url(req.server)}{DOWNLOAD_PREFIX}{obj['id']}/{token}/{name}"
    return {"url": url, "headers": {}, "expires": expires}


def handle_get(h: BaseHTTPRequestHandler, path: str, server: ServerConfig) -> None:
    """Raw handler: serve one database file (whole, or one ``Range``) from a pre-signed URL.

    :param h: the request handler
    :param path: request path
    :param server: the server configuration
    """
    pieces = path[len(DOWNLOAD_PREFIX):].split("/")
    payload = server.verify(pieces[1]) if len(pieces) == 3 else None
    if payload is None or payload.get("k") != "db" or payload.get("f") != pieces[0]:
        storage._send_error(h, "PermissionDenied",
                            "The pre-signed URL is invalid or has expired; request a new one", status=403)
        return
    assert server.store is not None
    with server.store.read() as db:
        part = db.execute("SELECT size, blob FROM file_parts WHERE file_id=? AND idx=? AND state='complete'",
                          (pieces[0], payload.get("i"))).fetchone()
    if part is None:
        storage._send_error(h, "ResourceNotFound", f"The file could not be found in {pieces[0]}")
        return
    size = int(part["size"])
    wanted = storage.parse_range(h.headers.get("Range"), size)
    if isinstance(wanted, str):
        storage._send_error(h, "RequestedRangeNotSatisfiable",
                            f"Range not satisfiable for a {size}-byte file",
                            extra_headers={"Content-Range": f"bytes */{size}"})
        return
    start, end = (0, size - 1) if wanted is None else wanted
    h.send_response(200 if wanted is None else 206)
    h.send_header("Content-Type", "application/octet-stream")
    h.send_header("Content-Length", str(end - start + 1))
    h.send_header("Accept-Ranges", "bytes")
    if wanted is not None:
        h.send_header("Content-Range", f"bytes {start}-{end}/{size}")
    h.end_headers()
    if h.command == "HEAD" or end < start:
        return
    storage._send_slices(h, server, slices_for_range([Segment(part["blob"], size)], start, end))


register_raw("GET", DOWNLOAD_PREFIX, handle_get)
register_raw("HEAD", DOWNLOAD_PREFIX, handle_get)


# -- relocate ------------------------------------------------------------------------------------

_RELOCATE_KEYS = {"project", "folder", "parents"}


@route("database", "relocate", on_object=True)
def database_relocate(req: Request) -> dict:
    """``/database-xxxx/relocate``: move a database (and its storage) into another project.

    A database belongs to one project: instead of being cloned it is relocated.
    Input: ``project`` (required: the destination project or container), ``folder``
    (destination folder, default ``"/"``) and ``parents`` (create a missing
    ``folder``, default false). The database keeps its ID, name, tags and
    properties; its ``region`` becomes the destination's.

    :param req: the request
    :returns: ``{"id": "database-xxxx"}``
    :raises APIError: ResourceNotFound (database or destination not visible),
        PermissionDenied (CONTRIBUTE -- ADMINISTER when protected -- needed where the
        database is, UPLOAD in the destination; a restricted source project),
        InvalidState (database not closed, or already in the destination),
        InvalidInput (malformed input, destination is where the database already is)
    """
    body = req.body
    dm.ignore_unknown(body, _RELOCATE_KEYS, "/database-xxxx/relocate")
    dest = dm.field(body, "project", str, required=True)
    if not (is_id(dest, "project") or is_id(dest, "container")):
        raise APIError("InvalidInput", 'expected key "project" of input to be a project or container ID')
    folder = dm.normalize_path(dm.field(body, "folder", str, "/"))
    parents = dm.field(body, "parents", bool, False)
    obj, copy, _have = objects.resolve_copy(req.db, req.user_id, str(req.object_id), None, perms.VIEW)
    source = load_container(req.db, req.user_id, copy["container_id"], perms.VIEW)
    settings = dm.loads(source["settings"], {})
    perms.require(req.db, req.user_id, source["id"],
                  perms.ADMINISTER if settings.get("protected") else perms.CONTRIBUTE)
    load_container(req.db, req.user_id, dest, perms.UPLOAD)
    if source["id"] == dest:
        raise APIError("InvalidInput", f"{obj['id']} is already in {dest}")
    if settings.get("restricted") and source["class"] == "project":
        raise APIError("PermissionDenied",
                       f"Data cannot be moved out of the restricted project {source['id']}")
    if obj["state"] != "closed":
        raise APIError("InvalidState", f"{obj['id']} must be closed to be relocated")
    if dm.get_copy(req.db, dest, obj["id"]) is not None:
        raise APIError("InvalidState", f"{obj['id']} is already in {dest}")
    dm.ensure_folder(req.db, dest, folder, parents)
    tags = dm.loads(copy["tags"], [])
    props = dm.loads(copy["properties"], {})
    req.db.execute("DELETE FROM object_copies WHERE container_id=? AND object_id=?",
                   (source["id"], obj["id"]))
    dm.insert_copy(req.db, obj, dest, copy["name"], folder, tags, props, copy["created"], req.now_ms)
    dm.set_object_fields(req.db, obj["id"], req.now_ms)
    logger.debug("relocated %s from %s to %s", obj["id"], source["id"], dest)
    return {"id": obj["id"]}


# -- findDatabases -------------------------------------------------------------------------------

#: findDataObjects filters findDatabases takes too (``class`` is always ``database``).
_FIND_SHARED = {
    "state", "visibility", "name", "id", "type", "tag", "tags", "properties", "link", "scope", "sortBy",
    "level", "modified", "created", "region", "describe", "starting", "limit",
}
_FIND_OWN = {"project", "databaseName", "uniqueDatabaseName"}
#: The database name of the object of copy ``c``, as SQL.
_DATABASE_NAME_SQL = "(SELECT json_extract(o.extra, '$.databaseName') FROM objects o WHERE o.id=c.object_id)"


@route("system", "findDatabases", readonly=True)
def find_databases(req: Request) -> dict:
    """``/system/findDatabases``: search the databases the caller can see.

    Takes the filters of ``/system/findDataObjects`` but ``class`` (``name``,
    ``id``, ``tags``, ``properties``, ``scope``, ``created``, ``modified``,
    ``state``, ``visibility``, ``level``, ``region``, ``sortBy``, ``describe``,
    ``limit``, ``starting``...), plus ``project`` (short for ``scope: {"project":
    ...}``), ``databaseName`` (a string, or a ``glob``/``regexp`` mapping) and
    ``uniqueDatabaseName`` (exact). Pages like findDataObjects.

    :param req: the request
    :returns: ``{"results": [{"project", "id", "describe"?}], "next": cursor or None}``
    :raises APIError: InvalidInput, ResourceNotFound (scope project), PermissionDenied
    """
    body = req.body
    dm.ignore_unknown(body, _FIND_SHARED | _FIND_OWN, "/system/findDatabases")
    inner = {k: v for k, v in body.items() if k in _FIND_SHARED}
    if "project" in body:
        if "scope" in body:
            raise APIError("InvalidInput", 'give either "project" or "scope", not both')
        inner["scope"] = {"project": dm.field(body, "project", str)}
    inner["class"] = "database"
    extra = []
    if "databaseName" in body:
        extra.append(search.name_filter(body["databaseName"], _DATABASE_NAME_SQL, "databaseName"))
    if "uniqueDatabaseName" in body:
        unique = dm.field(body, "uniqueDatabaseName", str)
        sql = f"replace(lower(c.object_id), '-', '_') || '__' || {_DATABASE_NAME_SQL}=?"
        extra.append((sql, [unique], None))
    return search.find_copies(req, inner, set(inner), "/system/findDatabases", tuple(extra))
