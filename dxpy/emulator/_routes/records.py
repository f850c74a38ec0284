"""Records: ``/record/new`` (with ``initializeFrom`` and ``close``) and the common routes.

Records carry no payload besides their metadata and details; they are
readable while open and close at once.
"""

from __future__ import annotations

import logging
from typing import Any

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import objects as objects

logger = logging.getLogger(__name__)

RECORD = objects.register_data_class("record")

_NEW_KEYS = set(objects.CREATE_KEYS) | {"initializeFrom", "close"}


def _initial_values(req: Request, source: Any) -> dict:
    """Fields copied from the record named by ``initializeFrom``.

    :param req: the request
    :param source: the ``initializeFrom`` value
    :returns: creation inputs taken from the source record
    :raises APIError: InvalidInput, ResourceNotFound
    """
    if not isinstance(source, dict) or not is_id(source.get("id"), "record"):
        raise APIError("InvalidInput", 'expected key "initializeFrom" of input to have a record "id"')
    project = source.get("project")
    if project is not None and not isinstance(project, str):
        raise APIError("InvalidInput", 'expected key "initializeFrom.project" of input to be a string')
    obj, copy, _ = objects.resolve_copy(req.db, req.user_id, source["id"], project)
    return {
        "name": copy["name"],
        "tags": dm.loads(copy["tags"], []),
        "properties": dm.loads(copy["properties"], {}),
        "types": dm.loads(obj["types"], []),
        "details": dm.loads(obj["details"], {}),
        "hidden": bool(obj["hidden"]),
    }


@route("record", "new", nonce=True)
def record_new(req: Request) -> dict:
    """``/record/new``: create a record (optionally closed, optionally from another record).

    :param req: the request
    :returns: ``{"id": "record-xxxx"}``
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied
    """
    body = dict(req.body)
    dm.ignore_unknown(body, _NEW_KEYS, "/record/new")
    close = dm.field(body, "close", bool, False)
    if "initializeFrom" in body:
        # The folder is not copied: the source folder need not exist in the destination.
        initial = _initial_values(req, body.pop("initializeFrom"))
        for key, value in initial.items():
            body.setdefault(key, value)
    oid = objects.create_object(req.db, req.user_id, "record", body, req.now_ms)
    if close:
        dm.set_object_fields(req.db, oid, req.now_ms, state="closed")
    return {"id": oid}
