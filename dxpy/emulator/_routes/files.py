"""File routes: ``/file/new``, ``/file-xxxx/{upload,close,download}`` and the common object routes.

A file is created ``open`` and empty. ``/file-xxxx/upload`` validates one part
(index, size and MD5 against the container's ``fileUploadParameters``) and
returns a pre-signed URL served by :mod:`dxpy.emulator._blobstore.storage`, which streams
the part's bytes into the blob store and marks the part ``complete``.
``/file-xxxx/close`` checks the parts (none pending; every part but the last at
least ``minimumPartSize``; an empty last part only where
``emptyLastPartAllowed``; total within ``maximumFileSize``) and freezes the file:
its content is the concatenation of its parts in index order. The file becomes
``closed`` at once, or -- when the server option ``file_close_delay_ms``
(:attr:`ServerConfig.extra` or ``DX_EMULATOR_FILE_CLOSE_DELAY_MS``) is positive
-- goes through ``closing`` for that long, so that clients' polling can be
exercised.

``describe`` adds ``media``, ``size`` and ``archivalState`` to the common
fields, and ``parts`` on request (``{"fields": {"parts": true}}``), shaped
``{"1": {"state": "complete", "size": 5242880, "md5": "<hex>"}, ...}``; a part
whose URL was issued but whose bytes have not arrived is ``{"state":
"pending"}`` plus the announced ``size``/``md5`` when the client gave them.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any, Optional

from dxpy.emulator._blobstore import storage as storage
from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, ServerConfig, route
from dxpy.emulator._routes import objects as objects

logger = logging.getLogger(__name__)

_NEW_KEYS = set(objects.CREATE_KEYS) | {"media"}
_MAX_DURATION_S = 10 * 365 * 24 * 3600


# -- describe ------------------------------------------------------------------------------------


def _current_size(db: sqlite3.Connection, obj: sqlite3.Row, extra: dict) -> int:
    if obj["state"] != "open" and "size" in extra:
        return int(extra["size"])
    row = db.execute(
        "SELECT COALESCE(SUM(size), 0) FROM file_parts WHERE file_id=? AND state='complete'", (obj["id"],)
    ).fetchone()
    return int(row[0])


def _describe_extra(db: sqlite3.Connection, obj: sqlite3.Row, extra: dict) -> dict:
    """Class fields of the default file description.

    :param db: connection
    :param obj: the ``objects`` row
    :param extra: the decoded class blob
    :returns: ``{"media", "size", "archivalState"}``
    """
    from dxpy.emulator._routes.checksums import describe_checksums

    return {
        "media": str(extra.get("media") or ""),
        "size": _current_size(db, obj, extra),
        "archivalState": str(extra.get("archivalState") or "live"),
        **describe_checksums(db, extra),
    }


def describe_parts(db: sqlite3.Connection, obj: sqlite3.Row, extra: dict) -> dict:
    """The ``parts`` field of a file description.

    :param db: connection
    :param obj: the ``objects`` row
    :param extra: the decoded class blob (per-part checksums, when set)
    :returns: mapping of decimal index strings to ``{"state", "size", "md5", "checksum"?}``
    """
    from dxpy.emulator._routes.checksums import part_checksums

    sums = part_checksums(extra)
    out: dict = {}
    for row in storage.part_rows(db, obj["id"]):
        part: dict[str, Any] = {"state": row["state"]}
        if row["size"] is not None:
            part["size"] = row["size"]
        if row["md5"] is not None:
            part["md5"] = row["md5"]
        if str(row["idx"]) in sums:
            part["checksum"] = sums[str(row["idx"])]
        out[str(row["idx"])] = part
    return out


FILE = objects.register_data_class(
    "file",
    describe_extra=_describe_extra,
    routes=tuple(r for r in objects.COMMON_ROUTES if r not in ("close", "describe")),
    optional_fields={"parts": describe_parts},
)


def with_deprecated_parts_flag(body: dict) -> dict:
    """Translate the old-style ``{"parts": true}`` describe option into ``fields``.

    Like ``properties``/``details``, the flag adds the field to whatever else is
    asked for (the default set unless ``fields`` is given); ``dx download`` still
    sends it.

    :param body: describe input
    :returns: an equivalent input using only ``fields``/``defaultFields``
    :raises APIError: InvalidInput when ``parts`` is not a boolean
    """
    if "parts" not in body:
        return body
    wanted = dm.field(body, "parts", bool, False)
    out = {k: v for k, v in body.items() if k != "parts"}
    if wanted:
        fields = dm.field(body, "fields", dict, None)
        out["defaultFields"] = dm.field(body, "defaultFields", bool, fields is None)
        out["fields"] = dict(fields or {})
        out["fields"].setdefault("parts", True)
    return out


@route("file", "describe", on_object=True, readonly=True)
def file_describe(req: Request) -> dict:
    """``/file-xxxx/describe``: the common description plus file fields.

    :param req: the request (common describe inputs, and the deprecated ``parts`` flag)
    :returns: the description
    :raises APIError: ResourceNotFound, InvalidInput
    """
    body = with_deprecated_parts_flag(req.body)
    project = dm.field(body, "project", str, None)
    obj, copy, _ = objects.resolve_copy(req.db, req.user_id, req.object_id or "", project)
    return objects.describe_object(req.db, obj, copy, body)


# -- helpers -------------------------------------------------------------------------------------


def upload_parameters(db: sqlite3.Connection, container_id: str) -> dict:
    """The ``fileUploadParameters`` of a container.

    :param db: connection
    :param container_id: container ID
    :returns: the limits (AWS-like defaults, merged with per-container overrides)
    :raises APIError: ResourceNotFound when the container is gone
    """
    row = dm.get_container(db, container_id)
    if row is None:
        raise APIError("ResourceNotFound", f"The entity {container_id} could not be found")
    settings = dm.loads(row["settings"], {})
    return dm.upload_parameters_for(row["region"], settings.get("fileUploadParameters"))


def _load_file(req: Request, level: int, project: Optional[str] = None,
               strict: bool = False) -> tuple[sqlite3.Row, sqlite3.Row]:
    obj, copy, _ = objects.resolve_copy(
        req.db, req.user_id, req.object_id or "", project, level, strict=strict
    )
    if obj["class"] != "file":
        raise APIError("ResourceNotFound", f"The entity {req.object_id} could not be found")
    return obj, copy


def _int_field(body: dict, key: str, default: Optional[int], low: int, high: int) -> Optional[int]:
    value = dm.field(body, key, int, default)
    if value is not None and not low <= value <= high:
        raise APIError("InvalidInput", f'expected key "{key}" of input to be between {low} and {high}')
    return value


# -- /file/new -----------------------------------------------------------------------------------


@route("file", "new", nonce=True)
def file_new(req: Request) -> dict:
    """``/file/new``: create an open, empty file.

    :param req: the request (common creation inputs plus ``media``)
    :returns: ``{"id": "file-xxxx"}``
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied
    """
    body = req.body
    # Symlink inputs (drive, symlinkPath, ...) are not emulated: refusing them beats
    # silently creating an ordinary file.
    dm.ignore_unknown(body, _NEW_KEYS, "/file/new")
    media = dm.field(body, "media", str, "")
    file_id = objects.create_object(
        req.db, req.user_id, "file", body, req.now_ms, {"media": media, "archivalState": "live"}
    )
    return {"id": file_id}


# -- /file-xxxx/upload ---------------------------------------------------------------------------


@route("file", "upload", on_object=True)
def file_upload(req: Request) -> dict:
    """``/file-xxxx/upload``: get a pre-signed URL to PUT one part.

    :param req: the request (``index`` default 1, ``size``, ``md5``)
    :returns: ``{"url", "expires", "headers"}``
    :raises APIError: InvalidInput for a bad index/size/md5, InvalidState when the
        file is not open, PermissionDenied below UPLOAD, ResourceNotFound
    """
    obj, copy = _load_file(req, perms.UPLOAD)
    if obj["state"] != "open":
        raise APIError("InvalidState", f"{obj['id']} is not in the open state")
    params = upload_parameters(req.db, copy["container_id"])
    body = req.body
    index = _int_field(body, "index", 1, 1, int(params["maximumNumParts"]))
    assert index is not None
    size = _int_field(body, "size", None, 0, int(params["maximumPartSize"]))
    md5 = dm.field(body, "md5", str, None)
    if md5 is not None:
        md5 = md5.lower()
        if not storage.is_md5_hex(md5):
            raise APIError("InvalidInput", 'expected key "md5" of input to be 32 hexadecimal digits')
    req.db.execute(
        "INSERT INTO file_parts(file_id, idx, state, size, md5, blob, updated)"
        " VALUES (?, ?, 'pending', ?, ?, NULL, ?)"
        " ON CONFLICT(file_id, idx) DO UPDATE SET size=excluded.size, md5=excluded.md5,"
        " updated=excluded.updated WHERE file_parts.state='pending'",
        (obj["id"], index, size, md5, req.now_ms),
    )
    return storage.make_upload_url(
        req.server, obj["id"], index, size, md5, req.now_ms, int(params["maximumPartSize"])
    )


# -- /file-xxxx/close ----------------------------------------------------------------------------


def check_parts(parts: list[sqlite3.Row], params: dict, file_id: str) -> int:
    """Check that a file's parts can be assembled; return the file size.

    :param parts: part rows in index order
    :param params: the container's ``fileUploadParameters``
    :param file_id: the file (for messages)
    :returns: total size in bytes
    :raises APIError: InvalidState naming the offending part
    """
    for row in parts:
        if row["state"] != "complete":
            raise APIError(
                "InvalidState",
                f"Cannot close {file_id}: part {row['idx']} was requested but its data never arrived "
                "(state pending); upload it or request its URL again",
            )
    minimum = int(params["minimumPartSize"])
    for row in parts[:-1]:
        if row["size"] < minimum:
            raise APIError(
                "InvalidState",
                f"Cannot close {file_id}: part {row['idx']} is {row['size']} bytes; every part except the "
                f"last must be at least minimumPartSize ({minimum} bytes)",
            )
    if len(parts) > 1 and parts[-1]["size"] == 0 and not params.get("emptyLastPartAllowed", True):
        raise APIError(
            "InvalidState",
            f"Cannot close {file_id}: the last part is empty, which this region does not allow",
        )
    total = sum(int(r["size"]) for r in parts)
    if total > int(params["maximumFileSize"]):
        raise APIError(
            "InvalidState", f"Cannot close {file_id}: size {total} exceeds maximumFileSize"
        )
    return total


@route("file", "close", on_object=True)
def file_close(req: Request) -> dict:
    """``/file-xxxx/close``: assemble the parts and close the file.

    Closing a file that is already closing or closed is a no-op.

    :param req: the request
    :returns: ``{"id"}``
    :raises APIError: InvalidState when the parts cannot be assembled,
        PermissionDenied below UPLOAD, ResourceNotFound
    """
    project = dm.field(req.body, "project", str, None)
    obj, copy = _load_file(req, perms.VIEW, project, strict=project is not None)
    if obj["state"] != "open":
        return {"id": obj["id"]}
    have = perms.level_of(req.db, req.user_id, copy["container_id"]) or 0
    if have < perms.UPLOAD:
        raise APIError(
            "PermissionDenied", f"UPLOAD permission required in {copy['container_id']} to perform this action"
        )
    params = upload_parameters(req.db, copy["container_id"])
    total = check_parts(storage.part_rows(req.db, obj["id"]), params, obj["id"])
    extra = dm.loads(obj["extra"], {})
    extra["size"] = total
    delay_ms = _close_delay_ms(req.server)
    state = "closing" if delay_ms > 0 else "closed"
    dm.set_object_fields(req.db, obj["id"], req.now_ms, state=state, extra=dm.dumps(extra))
    if delay_ms > 0:
        _schedule_closed(req.server, obj["id"], delay_ms)
    return {"id": obj["id"]}


def _close_delay_ms(server: ServerConfig) -> int:
    value = storage.server_option(server, "file_close_delay_ms", 0)
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        logger.warning("ignoring file_close_delay_ms=%r: not an integer", value)
        return 0


def _schedule_closed(server: ServerConfig, file_id: str, delay_ms: int) -> None:
    def finish() -> None:
        try:
            finish_closing(server, file_id)
        except RuntimeError:  # the server stopped meanwhile; on_server_start finishes it later
            logger.debug("could not finish closing %s: store closed", file_id)
        except Exception:  # a timer thread has nobody to report to but the log
            logger.exception("could not finish closing %s", file_id)

    timer = threading.Timer(delay_ms / 1000.0, finish)
    timer.daemon = True
    timer.start()


def finish_closing(server: ServerConfig, file_id: Optional[str] = None) -> int:
    """Move ``closing`` files to ``closed`` (one file, or all of them, e.g. after a restart).

    :param server: the server configuration (its store must be set)
    :param file_id: the file, or None for every closing file
    :returns: number of files closed
    """
    if server.store is None:
        return 0
    now = storage.now_ms()
    with server.store.write() as db:
        if file_id is None:
            ids = [r[0] for r in db.execute("SELECT id FROM objects WHERE class='file' AND state='closing'")]
        else:
            row = db.execute("SELECT state FROM objects WHERE id=?", (file_id,)).fetchone()
            ids = [file_id] if row is not None and row["state"] == "closing" else []
        for oid in ids:
            dm.set_object_fields(db, oid, now, state="closed")
    return len(ids)


def on_server_start(server: ServerConfig) -> None:
    """Housekeeping when a server opens a state directory.

    Finishes closes interrupted by a restart and removes part blobs that no
    metadata references (left by a crash between storing and committing a part,
    or by files deleted while the blobs could not be removed).

    :param server: the server configuration (its store must be set)
    """
    finish_closing(server)
    storage.sweep_blobs(server)


# -- /file-xxxx/download -------------------------------------------------------------------------


@route("file", "download", on_object=True, readonly=True)
def file_download(req: Request) -> dict:
    """``/file-xxxx/download``: a pre-signed URL to GET the file's bytes.

    :param req: the request (``duration``, ``preauthenticated``, ``filename``,
        ``project``, ``stickyIP``)
    :returns: ``{"url", "headers", "expires"}``
    :raises APIError: InvalidState unless the file is closed and live,
        ResourceNotFound when ``project`` does not exist or lacks the file,
        InvalidInput for mistyped inputs
    """
    body = req.body
    project = dm.field(body, "project", str, None)
    if project is not None and not (is_id(project, "project") or is_id(project, "container")):
        raise APIError("InvalidInput", 'expected key "project" of input to be a project or container ID')
    preauth = dm.field(body, "preauthenticated", bool, False)
    duration = _int_field(body, "duration", None, 1, _MAX_DURATION_S)
    filename = dm.field(body, "filename", str, None)
    dm.field(body, "stickyIP", bool, False)
    obj, copy = _load_file(req, perms.VIEW, project, strict=project is not None)
    if obj["state"] != "closed":
        raise APIError("InvalidState", f"{obj['id']} is not in the closed state; it cannot be downloaded yet")
    extra = dm.loads(obj["extra"], {})
    if extra.get("archivalState", "live") != "live":
        raise APIError("InvalidState", f"{obj['id']} is not live (archivalState {extra['archivalState']})")
    name = filename if filename else copy["name"]
    key = (obj["id"], copy["container_id"], name, preauth, duration)
    url, expires = _cached_download_url(req, key)
    if url is None:
        if duration is not None:
            expires = req.now_ms + 1000 * duration
        elif preauth:
            expires = req.now_ms + 1000 * storage.DEFAULT_PREAUTH_DURATION_S
        else:
            expires = req.now_ms + storage.PLAIN_DOWNLOAD_TTL_MS
        url = storage.make_download_url(req.server, obj["id"], name, expires, copy["container_id"])
        with _URL_CACHE_LOCK:
            req.server.extra.setdefault("download_urls", {})[key] = (url, expires)
    return {"url": url, "headers": {}, "expires": expires}


_URL_CACHE_LOCK = threading.Lock()


def _cached_download_url(req: Request, key: tuple) -> tuple[Optional[str], int]:
    """The URL handed out before for the same input, while it stays valid long enough to use.

    Clients cache download URLs and compare them, as the platform gives the same URL for
    the same input; a URL is reused until less than half of its lifetime (at most a
    minute) is left.
    """
    with _URL_CACHE_LOCK:
        cache = req.server.extra.setdefault("download_urls", {})
        found = cache.get(key)
        if found is None:
            return None, 0
        url, expires = found
        lifetime_left = expires - req.now_ms
        if lifetime_left > 60_000 or (lifetime_left > 0 and 2 * lifetime_left > _lifetime(key)):
            return url, expires
        del cache[key]
        return None, 0


def _lifetime(key: tuple) -> int:
    duration = key[4]
    return 1000 * duration if duration is not None else 60_000
