"""Shared data model of the emulator: containers, members, folders, data objects.

The schema is registered with the store at import time. It is used by the
projects/folders, data-object, record and search route modules and by the
modules written later for files and executables.

Layout (all JSON columns are TEXT):

* ``containers`` -- projects and system containers. Flags that only matter for
  describe/update live in the ``settings`` JSON blob; columns exist for what
  searches filter on.
* ``memberships`` -- (container, member, level); member is a user ID, an org ID
  or ``PUBLIC``. Levels are integers (see :mod:`dxpy.emulator._data.perms`).
* ``folders`` -- one row per existing folder path, root ``/`` included.
* ``objects`` -- global part of a data object (class, state, types, details,
  hidden, created...). ``extra`` is the class-specific blob (file parts,
  applet runSpec...).
* ``object_copies`` -- per-container part (name, folder, tags, properties).
  ``class``, ``state`` and ``hidden`` are copied here from ``objects`` so that
  one index serves the common search filters without a join; every write of
  those fields goes through :func:`set_object_fields`, which keeps both in step.
* ``copy_tags``, ``copy_props``, ``object_types``, ``object_links`` -- small
  join tables, indexed, for the tag/property/type/link search filters.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from dxpy.emulator._data.store import register_schema
from dxpy.emulator._protocol.errors import APIError

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS containers (
    id TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    name TEXT NOT NULL,
    bill_to TEXT NOT NULL,
    region TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]',
    properties TEXT NOT NULL DEFAULT '{}',
    settings TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS containers_name ON containers(name);
CREATE INDEX IF NOT EXISTS containers_created ON containers(created);
CREATE TABLE IF NOT EXISTS container_tags (
    container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (container_id, tag)
);
CREATE INDEX IF NOT EXISTS container_tags_tag ON container_tags(tag);
CREATE TABLE IF NOT EXISTS container_props (
    container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (container_id, key)
);
CREATE TABLE IF NOT EXISTS memberships (
    container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    member TEXT NOT NULL,
    level INTEGER NOT NULL,
    PRIMARY KEY (container_id, member)
);
CREATE INDEX IF NOT EXISTS memberships_member ON memberships(member, container_id);
CREATE TABLE IF NOT EXISTS folders (
    container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    PRIMARY KEY (container_id, path)
);
CREATE TABLE IF NOT EXISTS objects (
    id TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    state TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    types TEXT NOT NULL DEFAULT '[]',
    details TEXT NOT NULL DEFAULT '{}',
    links TEXT NOT NULL DEFAULT '[]',
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    created_by TEXT NOT NULL DEFAULT '{}',
    sponsored INTEGER NOT NULL DEFAULT 0,
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS object_copies (
    container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
    object_id TEXT NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    class TEXT NOT NULL,
    state TEXT NOT NULL,
    hidden INTEGER NOT NULL,
    name TEXT NOT NULL,
    folder TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    properties TEXT NOT NULL DEFAULT '{}',
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    PRIMARY KEY (container_id, object_id)
);
CREATE INDEX IF NOT EXISTS copies_object ON object_copies(object_id);
-- The two ordering indexes carry the common filter columns so that SQLite can
-- reject non-matching rows from the index alone while it walks a page in order.
CREATE INDEX IF NOT EXISTS copies_by_modified
    ON object_copies(container_id, modified DESC, object_id, hidden, state, class);
CREATE INDEX IF NOT EXISTS copies_by_created
    ON object_copies(container_id, created, object_id, hidden, state, class);
CREATE INDEX IF NOT EXISTS copies_folder ON object_copies(container_id, folder, name);
CREATE INDEX IF NOT EXISTS copies_name ON object_copies(container_id, name);
CREATE INDEX IF NOT EXISTS copies_global_name ON object_copies(name);
CREATE TABLE IF NOT EXISTS copy_tags (
    container_id TEXT NOT NULL,
    object_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (container_id, object_id, tag),
    FOREIGN KEY (container_id, object_id) REFERENCES object_copies(container_id, object_id)
        ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS copy_tags_by_tag ON copy_tags(container_id, tag, object_id);
CREATE TABLE IF NOT EXISTS copy_props (
    container_id TEXT NOT NULL,
    object_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (container_id, object_id, key),
    FOREIGN KEY (container_id, object_id) REFERENCES object_copies(container_id, object_id)
        ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS copy_props_by_kv ON copy_props(container_id, key, value, object_id);
CREATE TABLE IF NOT EXISTS object_types (
    object_id TEXT NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    PRIMARY KEY (object_id, type)
);
CREATE INDEX IF NOT EXISTS object_types_by_type ON object_types(type, object_id);
CREATE TABLE IF NOT EXISTS object_links (
    object_id TEXT NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    PRIMARY KEY (object_id, target)
);
CREATE INDEX IF NOT EXISTS object_links_by_target ON object_links(target, object_id);
"""

register_schema(SCHEMA)

#: Classes of data objects (they live in containers).
DATA_CLASSES = ("record", "file", "applet", "workflow", "database", "dbcluster", "gtable")

#: Upload limits of an AWS-like region (API.md section 8.3).
AWS_UPLOAD_PARAMETERS = {
    "minimumPartSize": 5242880,
    "maximumPartSize": 5368709120,
    "maximumNumParts": 10000,
    "maximumFileSize": 5497558138880,
    "emptyLastPartAllowed": True,
}
#: Upload limits of an Azure-like region.
AZURE_UPLOAD_PARAMETERS = {
    "minimumPartSize": 1,
    "maximumPartSize": 4194304,
    "maximumNumParts": 50000,
    "maximumFileSize": 209715200000,
    "emptyLastPartAllowed": False,
}
DEFAULT_REGION = "aws:us-east-1"

_CONTROL = re.compile(r"[\x00-\x1f]")


def dumps(value: Any) -> str:
    """Serialise a value for a JSON column.

    :param value: any JSON-able value
    :returns: compact JSON text
    """
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def loads(text: str | None, default: Any = None) -> Any:
    """Parse a JSON column.

    :param text: the column value (may be ``None``)
    :param default: returned when ``text`` is ``None``
    :returns: the decoded value
    """
    if text is None:
        return default
    # Most tag/type/property columns are empty; skip the parser for those.
    if text == "[]":
        return []
    if text == "{}":
        return {}
    return json.loads(text)


def upload_parameters_for(region: str, overrides: dict | None = None) -> dict:
    """The ``fileUploadParameters`` of a container.

    :param region: the container's region, e.g. ``aws:us-east-1`` or ``azure:westus``
    :param overrides: per-container overrides (test projects may ask for small limits)
    :returns: a new mapping
    """
    base = AZURE_UPLOAD_PARAMETERS if region.startswith("azure") else AWS_UPLOAD_PARAMETERS
    params = dict(base)
    if overrides:
        params.update({k: v for k, v in overrides.items() if k in base})
    return params


# -- input validation ---------------------------------------------------------------------------


def field(body: dict, key: str, kind: Any, default: Any = None, required: bool = False) -> Any:
    """Read one input field and check its JSON type.

    :param body: the request body (a mapping)
    :param key: field name
    :param kind: a type or a tuple of types (``bool`` is never accepted for ``int``)
    :param default: value when the field is absent
    :param required: raise when the field is absent
    :returns: the value
    :raises APIError: InvalidInput naming the field
    """
    if key not in body:
        if required:
            raise APIError("InvalidInput", f'expected input to have key "{key}"')
        return default
    value = body[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    ok = isinstance(value, kinds)
    if ok and isinstance(value, bool) and bool not in kinds:
        ok = False
    if not ok:
        raise APIError("InvalidInput", f'expected key "{key}" of input to be {_kind_name(kinds)}')
    return value


def ignore_unknown(body: dict, allowed: Iterable[str], route_name: str) -> None:
    """Note (at DEBUG) the input keys a route does not know, and ignore them.

    The platform's documentation names no route that refuses unknown keys, and clients
    add their own (``dxapi``, options of newer API versions), so none is refused.

    :param body: the request body
    :param allowed: the route's input keys
    :param route_name: the route, for the log (e.g. ``/record/new``)
    """
    unknown = sorted(set(body) - set(allowed) - {"dxapi"})
    if unknown:
        logger.debug("%s: ignoring input keys it does not know: %s", route_name, ", ".join(unknown))


def _kind_name(kinds: tuple) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        dict: "a JSON object",
        list: "an array",
        type(None): "null",
    }
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def string_list(body: dict, key: str, default: list | None = None, required: bool = False) -> list:
    """Read an array-of-strings field.

    :param body: the request body
    :param key: field name
    :param default: value when absent (``[]`` if None)
    :param required: raise when absent
    :returns: the list
    :raises APIError: InvalidInput naming the field
    """
    value = field(body, key, list, None, required)
    if value is None:
        return list(default or [])
    for item in value:
        if not isinstance(item, str):
            raise APIError("InvalidInput", f'expected key "{key}" of input to be an array of strings')
    return value


def properties_input(body: dict, key: str = "properties", allow_null: bool = False) -> dict:
    """Read a properties mapping (string -> string, or null to delete when allowed).

    :param body: the request body
    :param key: field name
    :param allow_null: accept ``null`` values (setProperties)
    :returns: the mapping (empty when absent)
    :raises APIError: InvalidInput naming the field
    """
    value = field(body, key, dict, {})
    for k, v in value.items():
        if isinstance(v, str) or (allow_null and v is None):
            continue
        raise APIError("InvalidInput", f'expected value of property "{k}" in "{key}" to be a string')
    return value


def property_changes(body: dict) -> dict:
    """Read the required ``properties`` input of a ``setProperties`` call.

    :param body: the request body
    :returns: key -> new value, or None to delete the key
    :raises APIError: InvalidInput naming the field
    """
    field(body, "properties", dict, required=True)
    return properties_input(body, allow_null=True)


def merge_properties(current: dict, changes: dict) -> dict:
    """Apply ``setProperties`` changes: a string sets a key, None deletes it, others stay.

    :param current: the properties now
    :param changes: from :func:`property_changes`
    :returns: a new mapping
    """
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def normalize_path(path: Any, key: str = "folder") -> str:
    """Normalise a folder path: collapse repeated slashes, drop a trailing slash.

    :param path: the input value
    :param key: the input field name, for messages
    :returns: the canonical absolute path
    :raises APIError: InvalidInput when the path is not a valid folder path
    """
    if not isinstance(path, str):
        raise APIError("InvalidInput", f'expected key "{key}" of input to be a string')
    if not path.startswith("/"):
        raise APIError("InvalidInput", f'"{key}" must be an absolute path starting with "/"')
    parts = [p for p in path.split("/") if p]
    for part in parts:
        if part in (".", "..") or _CONTROL.search(part) or len(part) > 2048:
            raise APIError("InvalidInput", f'invalid folder name "{part}" in "{key}"')
    if len(parts) > 128 or len(path) >= 10240:
        raise APIError("InvalidInput", f'folder path in "{key}" is too long')
    return "/" + "/".join(parts)


def parent_of(path: str) -> str:
    """Parent folder of a normalised path (``/`` for top-level folders).

    :param path: normalised path other than ``/``
    :returns: the parent path
    """
    head = path.rsplit("/", 1)[0]
    return head or "/"


def subtree_bounds(path: str) -> tuple[str, str]:
    """Half-open range of strings covering every strict descendant path of ``path``.

    ``'0'`` is the character after ``'/'``, so ``[path/, path0)`` contains exactly
    the paths that start with ``path/`` -- an index range rather than a LIKE.

    :param path: normalised folder path
    :returns: (lower, upper) bounds
    """
    if path == "/":
        # Folder names hold no control characters, so every descendant sorts at or after "/ ".
        return "/ ", "0"
    prefix = path + "/"
    return prefix, path + "0"


# -- folders --------------------------------------------------------------------------------------


def folder_exists(db: sqlite3.Connection, container_id: str, path: str) -> bool:
    """Whether a folder exists in a container.

    :param db: connection
    :param container_id: container ID
    :param path: normalised path
    :returns: True when present
    """
    row = db.execute(
        "SELECT 1 FROM folders WHERE container_id=? AND path=?", (container_id, path)
    ).fetchone()
    return row is not None


def ensure_folder(db: sqlite3.Connection, container_id: str, path: str, parents: bool) -> None:
    """Make sure a folder exists, creating missing ancestors when ``parents``.

    :param db: connection
    :param container_id: container ID
    :param path: normalised path
    :param parents: create missing ancestors (else a missing folder is an error)
    :raises APIError: ResourceNotFound when the folder is missing and ``parents`` is false
    """
    if folder_exists(db, container_id, path):
        return
    if not parents:
        raise APIError("ResourceNotFound", f'The folder "{path}" could not be found in {container_id}')
    chain = []
    current = path
    while current != "/" and not folder_exists(db, container_id, current):
        chain.append(current)
        current = parent_of(current)
    db.executemany(
        "INSERT OR IGNORE INTO folders(container_id, path) VALUES (?, ?)",
        [(container_id, p) for p in reversed(chain)],
    )


# -- objects ---------------------------------------------------------------------------------------


def extract_links(value: Any) -> list[str]:
    """IDs of every ``$dnanexus_link`` inside a JSON value, de-duplicated, in order.

    :param value: details value
    :returns: list of IDs
    """
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            link = item.get("$dnanexus_link")
            if isinstance(link, str):
                found.append(link)
            elif isinstance(link, dict) and isinstance(link.get("id"), str):
                found.append(link["id"])
            else:
                stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    seen: set[str] = set()
    return [x for x in found if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def check_details(value: Any) -> None:
    """Reject a details value where a ``$dnanexus_link`` key shares its hash.

    :param value: the details value
    :raises APIError: InvalidInput
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "$dnanexus_link" in item:
                link = item["$dnanexus_link"]
                if len(item) != 1:
                    raise APIError(
                        "InvalidInput", "A $dnanexus_link key must be the only key of its hash in details"
                    )
                if not isinstance(link, (str, dict)):
                    raise APIError(
                        "InvalidInput", "The value of a $dnanexus_link in details must be a string"
                    )
                continue
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def set_links(db: sqlite3.Connection, object_id: str, links: Iterable[str]) -> None:
    """Replace the link rows of an object.

    :param db: connection
    :param object_id: object ID
    :param links: linked IDs
    """
    db.execute("DELETE FROM object_links WHERE object_id=?", (object_id,))
    db.executemany(
        "INSERT OR IGNORE INTO object_links(object_id, target) VALUES (?, ?)",
        [(object_id, t) for t in links],
    )


def set_types(db: sqlite3.Connection, object_id: str, types: list[str]) -> None:
    """Replace the types of an object (JSON column and join table).

    :param db: connection
    :param object_id: object ID
    :param types: the new list
    """
    db.execute("UPDATE objects SET types=? WHERE id=?", (dumps(types), object_id))
    db.execute("DELETE FROM object_types WHERE object_id=?", (object_id,))
    db.executemany(
        "INSERT OR IGNORE INTO object_types(object_id, type) VALUES (?, ?)", [(object_id, t) for t in types]
    )


def set_copy_tags(db: sqlite3.Connection, container_id: str, object_id: str, tags: list[str]) -> None:
    """Replace the tags of one object copy.

    :param db: connection
    :param container_id: container ID
    :param object_id: object ID
    :param tags: new tag list (insertion order kept)
    """
    db.execute(
        "UPDATE object_copies SET tags=? WHERE container_id=? AND object_id=?",
        (dumps(tags), container_id, object_id),
    )
    db.execute("DELETE FROM copy_tags WHERE container_id=? AND object_id=?", (container_id, object_id))
    db.executemany(
        "INSERT OR IGNORE INTO copy_tags(container_id, object_id, tag) VALUES (?, ?, ?)",
        [(container_id, object_id, t) for t in tags],
    )


def set_copy_props(db: sqlite3.Connection, container_id: str, object_id: str, props: dict) -> None:
    """Replace the properties of one object copy.

    :param db: connection
    :param container_id: container ID
    :param object_id: object ID
    :param props: new mapping
    """
    db.execute(
        "UPDATE object_copies SET properties=? WHERE container_id=? AND object_id=?",
        (dumps(props), container_id, object_id),
    )
    db.execute("DELETE FROM copy_props WHERE container_id=? AND object_id=?", (container_id, object_id))
    db.executemany(
        "INSERT INTO copy_props(container_id, object_id, key, value) VALUES (?, ?, ?, ?)",
        [(container_id, object_id, k, v) for k, v in props.items()],
    )


def set_object_fields(db: sqlite3.Connection, object_id: str, now_ms: int, **fields: Any) -> None:
    """Update global object columns and mirror ``state``/``hidden`` on every copy.

    Also bumps ``modified`` of the object and of every copy.

    :param db: connection
    :param object_id: object ID
    :param now_ms: timestamp
    :param fields: column=value (``state``, ``hidden``, ``details``, ``extra`` ...; JSON
        columns must already be serialised)
    """
    cols = dict(fields)
    cols["modified"] = now_ms
    assigns = ", ".join(f"{k}=?" for k in cols)
    db.execute(f"UPDATE objects SET {assigns} WHERE id=?", (*cols.values(), object_id))
    mirror = {k: v for k, v in cols.items() if k in ("state", "hidden", "modified")}
    assigns = ", ".join(f"{k}=?" for k in mirror)
    db.execute(f"UPDATE object_copies SET {assigns} WHERE object_id=?", (*mirror.values(), object_id))


def insert_copy(
    db: sqlite3.Connection,
    obj: sqlite3.Row,
    container_id: str,
    name: str,
    folder: str,
    tags: list[str],
    props: dict,
    created: int,
    modified: int,
) -> None:
    """Add an object to a container (the folder must exist).

    :param db: connection
    :param obj: the ``objects`` row
    :param container_id: destination container
    :param name: name in that container
    :param folder: normalised folder
    :param tags: tags in that container
    :param props: properties in that container
    :param created: creation time of the copy
    :param modified: modification time of the copy
    """
    db.execute(
        "INSERT INTO object_copies(container_id, object_id, class, state, hidden, name, folder, tags,"
        " properties, created, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (container_id, obj["id"], obj["class"], obj["state"], obj["hidden"], name, folder,
         dumps(tags), dumps(props), created, modified),
    )
    db.executemany(
        "INSERT OR IGNORE INTO copy_tags(container_id, object_id, tag) VALUES (?, ?, ?)",
        [(container_id, obj["id"], t) for t in tags],
    )
    db.executemany(
        "INSERT INTO copy_props(container_id, object_id, key, value) VALUES (?, ?, ?, ?)",
        [(container_id, obj["id"], k, v) for k, v in props.items()],
    )


def get_object(db: sqlite3.Connection, object_id: str) -> sqlite3.Row | None:
    """The global row of a data object.

    :param db: connection
    :param object_id: object ID
    :returns: the row or None
    """
    row: sqlite3.Row | None = db.execute("SELECT * FROM objects WHERE id=?", (object_id,)).fetchone()
    return row


def get_copy(db: sqlite3.Connection, container_id: str, object_id: str) -> sqlite3.Row | None:
    """The per-container row of a data object.

    :param db: connection
    :param container_id: container ID
    :param object_id: object ID
    :returns: the row or None
    """
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM object_copies WHERE container_id=? AND object_id=?", (container_id, object_id)
    ).fetchone()
    return row


def get_container(db: sqlite3.Connection, container_id: str) -> sqlite3.Row | None:
    """The row of a container.

    :param db: connection
    :param container_id: container ID
    :returns: the row or None
    """
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM containers WHERE id=?", (container_id,)
    ).fetchone()
    return row


def wanted_fields(body: dict, default_keys: Iterable[str], deprecated: Iterable[str] = ()) -> list[str]:
    """Which describe fields a describe input asks for.

    ``fields`` (mapping name -> bool) alone returns exactly those fields;
    ``defaultFields`` (default: true unless ``fields`` is given) adds the default
    set; each deprecated boolean named in ``deprecated`` adds that field. ``id`` is
    always included.

    :param body: describe input
    :param default_keys: the class's default field names, in output order
    :param deprecated: names of deprecated boolean options that add a field
    :returns: ordered list of field names
    :raises APIError: InvalidInput for mistyped options
    """
    fields = field(body, "fields", dict, None)
    default = field(body, "defaultFields", bool, fields is None)
    chosen: list[str] = ["id"]
    if default:
        chosen.extend(k for k in default_keys if k != "id")
    for name in deprecated:
        if field(body, name, bool, False) and name not in chosen:
            chosen.append(name)
    for name, flag in (fields or {}).items():
        if not isinstance(flag, bool):
            raise APIError("InvalidInput", f'expected value of "fields.{name}" to be a boolean')
        if flag and name not in chosen:
            chosen.append(name)
        elif not flag and name in chosen and name != "id":
            chosen.remove(name)
    return chosen
