"""Applets: ``/applet/new``, ``/applet-xxxx/get`` and the common data-object routes.

An applet is a data object born ``closed`` whose class blob holds its executable spec:
``dxapi``, ``runSpec`` (``interpreter``, ``code``, ...), ``inputSpec``, ``outputSpec``,
``access``, ``title``, ``summary``, ``description``, ``developerNotes``, ``ignoreReuse``,
``httpsApp``, ``treeTurnaroundTimeThreshold``. ``describe`` shows the spec without the
code; ``get`` returns all of it. ``/applet-xxxx/run`` lives with the job runner
(:mod:`dxpy.emulator._routes.jobs`).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import objects as objects

#: Interpreters the emulator's job runner can run.
INTERPRETERS = ("bash", "python3")

#: The spec fields kept in the applet's class blob, with their JSON types.
SPEC_FIELDS: dict[str, tuple[type, ...]] = {
    "dxapi": (str,), "runSpec": (dict,), "inputSpec": (list,), "outputSpec": (list,), "access": (dict,),
    "title": (str,), "summary": (str,), "description": (str,), "developerNotes": (str,),
    "ignoreReuse": (bool,), "httpsApp": (dict,), "treeTurnaroundTimeThreshold": (int,),
}
_JSON_NAMES = {str: "string", dict: "object", list: "array", bool: "boolean", int: "integer"}
_IO_CLASSES = ("int", "float", "string", "boolean", "hash", "file", "record", "applet", "workflow",
               "database", "array:int", "array:float", "array:string", "array:boolean", "array:file",
               "array:record", "array:applet", "array:workflow", "array:database")


def _describe_spec(db: sqlite3.Connection, obj: sqlite3.Row, extra: dict) -> dict[str, Any]:
    spec = {k: v for k, v in extra.items() if k in SPEC_FIELDS}
    run_spec = dict(spec.get("runSpec") or {})
    run_spec.pop("code", None)  # describe shows the spec; /get returns the code too
    spec["runSpec"] = run_spec
    spec.setdefault("inputSpec", [])
    spec.setdefault("outputSpec", [])
    spec.setdefault("access", {})
    spec.setdefault("ignoreReuse", False)
    return spec


#: the platform's applet routes among the common data-object ones (applets are born closed)
APPLET_ROUTES = ("describe", "getDetails", "listProjects", "addTags", "removeTags", "rename", "setProperties")

APPLET = objects.register_data_class("applet", describe_extra=_describe_spec, routes=APPLET_ROUTES)


def _check_io_spec(key: str, spec: Any) -> list[dict[str, Any]]:
    if not isinstance(spec, list):
        raise APIError("InvalidInput", f'expected key "{key}" of input to be an array')
    names = set()
    for i, field in enumerate(spec):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
            raise APIError("InvalidInput", f'expected {key}[{i}] to be an object with a non-empty "name"')
        if field.get("class") not in _IO_CLASSES:
            raise APIError("InvalidInput", f'{key} field "{field["name"]}" has an unknown class '
                                           f'{field.get("class")!r}')
        if field["name"] in names:
            raise APIError("InvalidInput", f'{key} names the field "{field["name"]}" twice')
        names.add(field["name"])
    return spec


def check_spec(body: dict[str, Any]) -> dict[str, Any]:
    """Validate an executable spec (``/applet/new``) and return the fields to store.

    :param body: the request body.
    :returns: the spec fields present in *body*.
    :raises APIError: InvalidInput naming the field at fault.
    """
    spec: dict[str, Any] = {}
    for key, kinds in SPEC_FIELDS.items():
        if key in body:
            value = body[key]
            if not isinstance(value, kinds) or (kinds == (int,) and isinstance(value, bool)):
                raise APIError("InvalidInput", f'expected key "{key}" of input to be of JSON type '
                                               f'{_JSON_NAMES[kinds[0]]}')
            spec[key] = value
    if not isinstance(spec.get("dxapi"), str):
        raise APIError("InvalidInput", 'expected key "dxapi" of input to be a string such as "1.0.0"')
    run_spec = spec.get("runSpec")
    if not isinstance(run_spec, dict):
        raise APIError("InvalidInput", 'expected key "runSpec" of input to be an object')
    if run_spec.get("interpreter") not in INTERPRETERS:
        raise APIError("InvalidInput", f'expected key "runSpec.interpreter" of input to be one of '
                                       f'{", ".join(INTERPRETERS)}, not {run_spec.get("interpreter")!r}')
    if not isinstance(run_spec.get("code"), str):
        raise APIError("InvalidInput", 'expected key "runSpec.code" of input to be a string')
    # an absent spec means "unchecked" on the platform, which is not the same as an empty one
    for key in ("inputSpec", "outputSpec"):
        if spec.get(key) is not None:
            spec[key] = _check_io_spec(key, spec[key])
    return spec


@route("applet", "new", nonce=True)
def applet_new(req: Request) -> dict[str, str]:
    """``/applet/new``: create a (closed) applet in a project.

    :param req: the request.
    :returns: ``{"id": "applet-xxxx"}``.
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied.
    """
    body = dict(req.body)
    dm.ignore_unknown(body, set(objects.CREATE_KEYS) | set(SPEC_FIELDS), "/applet/new")
    spec = check_spec(body)
    oid = objects.create_object(req.db, req.user_id, "applet", body, req.now_ms, extra_fields=spec,
                                state="closed")
    return {"id": oid}


@route("applet", "get", on_object=True, readonly=True)
def applet_get(req: Request) -> dict[str, Any]:
    """``/applet-xxxx/get``: the applet's full spec, code included.

    :param req: the request (``project`` optional hint).
    :returns: the spec fields.
    :raises APIError: ResourceNotFound, PermissionDenied.
    """
    project = dm.field(req.body, "project", str, None)
    obj, _copy, _level = objects.resolve_copy(req.db, req.user_id, str(req.object_id), project)
    extra = dm.loads(obj["extra"], {})
    return {k: v for k, v in extra.items() if k in SPEC_FIELDS}
