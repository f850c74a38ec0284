"""What the job runner needs to run an executable: :func:`load_runnable`."""

from __future__ import annotations

import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._protocol.errors import APIError


def load_runnable(db: sqlite3.Connection, user_id: str, executable: str) -> dict[str, Any]:
    """The full description of an executable the caller may run.

    :param db: a connection inside a transaction.
    :param user_id: the caller (needs VIEW on a container holding an applet).
    :param executable: an applet ID, or an app ID or path (``app-name[/alias]``).
    :returns: ``{"id", "class", "name", "project", "runSpec" (with ``code``), "inputSpec",
        "outputSpec", "access", "ignoreReuse", "timeoutPolicy"}``.
    :raises APIError: ResourceNotFound, PermissionDenied, InvalidInput for a non-executable ID.
    """
    from dxpy.emulator._routes import objects

    if executable.startswith("app-"):
        from dxpy.emulator._data.apps import load_app_runnable

        return load_app_runnable(db, user_id, executable)
    if not executable.startswith("applet-"):
        raise APIError("InvalidInput", f"{executable} is not an executable ID")
    obj, copy, _level = objects.resolve_copy(db, user_id, executable, None)
    extra = dm.loads(obj["extra"], {})
    run_spec = dict(extra.get("runSpec") or {})
    return {
        "id": obj["id"], "class": "applet", "name": copy["name"], "project": copy["container_id"],
        "runSpec": run_spec, "inputSpec": spec_list(extra, "inputSpec"),
        "outputSpec": spec_list(extra, "outputSpec"), "access": dict(extra.get("access") or {}),
        "ignoreReuse": bool(extra.get("ignoreReuse", False)),
        "timeoutPolicy": dict(run_spec.get("timeoutPolicy") or {}),
    }


def spec_list(spec: dict[str, Any], key: str) -> Optional[list[dict[str, Any]]]:
    """An executable's ``inputSpec`` or ``outputSpec`` as stored: None when it was never given.

    :param spec: the stored executable fields.
    :param key: ``"inputSpec"`` or ``"outputSpec"``.
    :returns: a copy of the list, or None (the platform then checks nothing for that side).
    """
    value = spec.get(key)
    return None if value is None else list(value)
