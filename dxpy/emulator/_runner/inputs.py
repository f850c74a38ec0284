"""Checking a run's input against the executable's inputSpec.

Each violation raises ``InvalidInput`` naming the field. Defaults are filled
in; job-based references are accepted for any class (they are checked when
they resolve, through the output of their source).
"""

from __future__ import annotations

import fnmatch
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import id_class
from dxpy.emulator._protocol.errors import APIError

__all__ = ["check_input"]

_SCALARS = {"int": (int,), "float": (int, float), "string": (str,), "boolean": (bool,), "hash": (dict,)}
_DATA = {"file", "record", "applet", "workflow", "database", "gtable"}


def _link_target(value: Any) -> Optional[Any]:
    if isinstance(value, dict) and "$dnanexus_link" in value:
        link = value["$dnanexus_link"]
        if isinstance(link, str):
            return link
        if isinstance(link, dict):
            if "job" in link or "analysis" in link:
                return {"ref": True}
            return link.get("id")
    return None


def _bad(name: str, why: str) -> APIError:
    return APIError("InvalidInput", f"Input field {name!r} {why}")


def _check_link(db: sqlite3.Connection, user_id: str, name: str, cls: str, value: Any, spec: dict) -> None:
    target = _link_target(value)
    if isinstance(target, dict):
        return  # job-based reference
    if not isinstance(target, str):
        raise _bad(name, f'must be a link to a {cls} ({{"$dnanexus_link": "{cls}-xxxx"}})')
    if id_class(target) != cls:
        raise _bad(name, f"must link to a {cls}, not {target}")
    obj = dm.get_object(db, target)
    if obj is None or not perms.object_containers(db, user_id, target):
        raise _bad(name, f"links to {target}, which does not exist or is not visible to the caller")
    if obj["state"] != "closed":
        raise _bad(name, f"links to {target}, which is not closed")
    patterns = spec.get("patterns")
    if patterns:
        names = [r["name"] for r in db.execute("SELECT name FROM object_copies WHERE object_id=?", (target,))]
        if not any(fnmatch.fnmatchcase(n, p) for n in names for p in patterns):
            raise _bad(name, f"links to {target}, whose name matches none of the patterns {patterns}")


def _check_value(db: sqlite3.Connection, user_id: str, name: str, cls: str, value: Any, spec: dict) -> None:
    if cls.startswith("array:"):
        if not isinstance(value, list):
            raise _bad(name, f"must be an array ({cls})")
        for item in value:
            _check_value(db, user_id, name, cls[6:], item, spec)
        return
    if isinstance(_link_target(value), dict):
        return
    if cls in _SCALARS:
        kinds = _SCALARS[cls]
        if not isinstance(value, kinds) or (cls in ("int", "float") and isinstance(value, bool)):
            raise _bad(name, f"must be of class {cls}")
        choices = spec.get("choices")
        if choices is not None and value not in choices:
            raise _bad(name, f"must be one of {choices}")
        return
    if cls in _DATA:
        _check_link(db, user_id, name, cls, value, spec)


def check_input(db: sqlite3.Connection, user_id: str, run_input: Any, input_spec: Optional[list]) -> dict:
    """Validate ``run_input`` and return it with defaults filled in.

    :param db: a connection inside a transaction.
    :param user_id: the caller (links must be visible to them).
    :param run_input: the ``input`` of the run call.
    :param input_spec: the executable's inputSpec (None: any hash is accepted unchecked).
    :returns: the effective input.
    :raises APIError: InvalidInput naming the offending field.
    """
    if not isinstance(run_input, dict):
        raise APIError("InvalidInput", 'expected key "input" of input to be a JSON object')
    if input_spec is None:
        return dict(run_input)
    known = {spec.get("name") for spec in input_spec}
    for key in run_input:
        if key not in known:
            raise _bad(key, "is not in the executable's inputSpec")
    effective = dict(run_input)
    for spec in input_spec:
        name = spec.get("name")
        cls = str(spec.get("class", "hash"))
        if name not in effective:
            if "default" in spec:
                effective[name] = spec["default"]
                continue
            if spec.get("optional"):
                continue
            raise _bad(name, "is required but was not given")
        _check_value(db, user_id, name, cls, effective[name], spec)
    return effective
