"""Job-based references, output validation and moving output objects into the project.

A job-based reference is ``{"$dnanexus_link": {"job": "job-xxxx", "field": "name"}}``;
it stands for that field of the job's output once the job is done.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data.store import loads
from dxpy.emulator._runner import model

__all__ = ["job_refs", "resolve", "validate_output", "export_outputs", "Unresolvable"]

logger = logging.getLogger(__name__)


class Unresolvable(ValueError):
    """A reference whose source failed or lacks the field."""


def _ref(value: Any) -> Optional[tuple[str, str]]:
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("$dnanexus_link"), dict):
        link = value["$dnanexus_link"]
        if isinstance(link.get("job"), str) and isinstance(link.get("field"), str):
            return link["job"], link["field"]
    return None


def job_refs(value: Any) -> set:
    """The job IDs referenced by job-based references anywhere in ``value``.

    :param value: a JSON value (input or output hash).
    :returns: the set of job IDs.
    """
    found: set = set()
    ref = _ref(value)
    if ref is not None:
        found.add(ref[0])
    elif isinstance(value, dict):
        for item in value.values():
            found |= job_refs(item)
    elif isinstance(value, list):
        for item in value:
            found |= job_refs(item)
    return found


def resolve(db: sqlite3.Connection, value: Any) -> Any:
    """Replace every job-based reference by the referenced output value.

    Call only when every referenced job is done.

    :param db: a connection inside a transaction.
    :param value: the JSON value.
    :returns: a copy with references replaced.
    :raises Unresolvable: when a source is not done or has no such output field.
    """
    ref = _ref(value)
    if ref is not None:
        row = model.get(db, ref[0])
        if row is None or row["state"] != "done":
            raise Unresolvable(f"job {ref[0]} is not done")
        output = loads(row["output"], {}) or {}
        if ref[1] not in output:
            raise Unresolvable(f"job {ref[0]} has no output field {ref[1]!r}")
        return output[ref[1]]
    if isinstance(value, dict):
        return {k: resolve(db, v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(db, v) for v in value]
    return value


_SCALARS = {"int": (int,), "float": (int, float), "string": (str,), "boolean": (bool,), "hash": (dict,)}


def _check_value(name: str, cls: str, value: Any) -> Optional[str]:
    if cls.startswith("array:"):
        if not isinstance(value, list):
            return f"output field {name!r} must be an array of {cls[6:]}"
        for item in value:
            problem = _check_value(name, cls[6:], item)
            if problem:
                return problem
        return None
    if cls in _SCALARS:
        ok = isinstance(value, _SCALARS[cls]) and not (cls in ("int", "float") and isinstance(value, bool))
        return None if ok else f"output field {name!r} must be of class {cls}"
    if not (isinstance(value, dict) and "$dnanexus_link" in value):
        return f"output field {name!r} must be a link to a {cls}"
    return None


def validate_output(output: dict, output_spec: Optional[list]) -> Optional[str]:
    """Check a resolved output hash against an outputSpec.

    :param output: the output hash.
    :param output_spec: the executable's outputSpec (None: anything goes).
    :returns: a message naming the first problem, or None when the output conforms.
    """
    if output_spec is None:
        return None
    for spec in output_spec:
        name = spec.get("name")
        if name not in output:
            if not spec.get("optional"):
                return f"required output field {name!r} is missing"
            continue
        problem = _check_value(name, str(spec.get("class", "hash")), output[name])
        if problem:
            return problem
    return None


def linked_ids(value: Any) -> list:
    """Data-object IDs linked (``{"$dnanexus_link": "file-xxxx"}`` or ``{"id": ...}``) in ``value``.

    :param value: a JSON value.
    :returns: the IDs in order of appearance.
    """
    return [i for i in dm.extract_links(value) if isinstance(i, str)]


def export_outputs(
    db: sqlite3.Connection, workspace: str, project: str, folder: str, output: dict, now_ms: int
) -> None:
    """Close output objects found in the workspace and clone them into the project's output folder.

    :param db: a connection inside a write transaction.
    :param workspace: the job's workspace container.
    :param project: the project the job runs in.
    :param folder: the output folder in ``project``.
    :param output: the job's resolved output.
    :param now_ms: the time.
    """
    for object_id in linked_ids(output):
        copy = dm.get_copy(db, workspace, object_id)
        if copy is None or dm.get_copy(db, project, object_id) is not None:
            continue
        obj = dm.get_object(db, object_id)
        if obj is None:
            continue
        if obj["state"] == "open":
            dm.set_object_fields(db, object_id, now_ms, state="closed")
            obj = dm.get_object(db, object_id)
            if obj is None:
                continue
        dm.ensure_folder(db, project, folder, parents=True)
        dm.insert_copy(
            db,
            obj,
            project,
            copy["name"],
            folder,
            loads(copy["tags"], []),
            loads(copy["properties"], {}),
            now_ms,
            now_ms,
        )
