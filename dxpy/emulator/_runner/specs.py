"""Run-time input and output checks: inputSpec validation, job-based references, outputSpec.

Input: each violation of the executable's inputSpec raises ``InvalidInput``
naming the field; defaults are filled in; job-based references are accepted for
any class (they are checked when they resolve). A job-based reference is
``{"$dnanexus_link": {"job": "job-xxxx", "field": "name"}}``; it stands for that
field of the job's output once the job is done. An analysis reference
``{"analysis": "analysis-xxxx", "stage": s, "field": f}`` stands for output ``f``
of stage ``s`` once that stage's execution is done (the rest of the analysis may
still run); without ``stage``, for the analysis' output once the analysis is done.
"""

from __future__ import annotations

import fnmatch
import logging
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import id_class
from dxpy.emulator._data.store import loads
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._runner import model

__all__ = ["check_input", "job_refs", "ref_sources", "resolve", "validate_output", "export_outputs",
           "Unresolvable"]

logger = logging.getLogger(__name__)


class Unresolvable(ValueError):
    """A reference whose source failed or lacks the field."""


def _ref(value: Any) -> Optional[tuple[str, str, Optional[int]]]:
    """``(source execution, output field, index)`` of a job- or analysis-based reference."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("$dnanexus_link"), dict):
        link = value["$dnanexus_link"]
        index = link.get("index") if isinstance(link.get("index"), int) else None
        if isinstance(link.get("job"), str) and isinstance(link.get("field"), str):
            return link["job"], link["field"], index
        if isinstance(link.get("analysis"), str) and isinstance(link.get("field"), str):
            # an analysis' output names stage outputs "<stage ID>.<field>"
            stage = link.get("stage")
            field = f"{stage}.{link['field']}" if isinstance(stage, str) else link["field"]
            return link["analysis"], field, index
    return None


def job_refs(value: Any) -> set:
    """The job and analysis IDs referenced by execution-based references anywhere in ``value``.

    :param value: a JSON value (input or output hash).
    :returns: the set of execution IDs.
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


def _stage_job(db: sqlite3.Connection, value: Any) -> Optional[sqlite3.Row]:
    """The stage execution an analysis stage reference (``{"analysis", "stage", "field"}``) points at."""
    link = value.get("$dnanexus_link") if isinstance(value, dict) and len(value) == 1 else None
    keys = ("analysis", "stage", "field")
    if not (isinstance(link, dict) and all(isinstance(link.get(k), str) for k in keys)):
        return None
    return db.execute(
        "SELECT * FROM executions WHERE analysis=? AND stage=? AND parent_job IS NULL"
        " ORDER BY created, rowid",
        (link["analysis"], link["stage"]),
    ).fetchone()


def ref_sources(db: sqlite3.Connection, value: Any) -> set:
    """The executions whose end the references in ``value`` wait for.

    Like :func:`job_refs`, except that a reference to a stage of an analysis waits
    for that stage's execution only, not for the whole analysis.

    :param db: a connection inside a transaction.
    :param value: a JSON value (input or output hash).
    :returns: the set of execution IDs.
    """
    ref = _ref(value)
    if ref is not None:
        stage = _stage_job(db, value)
        return {stage["id"] if stage is not None else ref[0]}
    found: set = set()
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        found |= ref_sources(db, item)
    return found


def _pick(output: dict, ref: tuple, what: str) -> Any:
    if ref[1] not in output:
        raise Unresolvable(f"{what} has no output field {ref[1]!r}")
    if ref[2] is None:
        return output[ref[1]]
    if not isinstance(output[ref[1]], list) or not -len(output[ref[1]]) <= ref[2] < len(output[ref[1]]):
        raise Unresolvable(f"output field {ref[1]!r} of {what} has no element {ref[2]}")
    return output[ref[1]][ref[2]]


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
        stage = _stage_job(db, value)
        if stage is not None:  # a stage's output, as soon as that stage is done
            if stage["state"] != "done":
                raise Unresolvable(f"stage {stage['stage']} of {ref[0]} is not done")
            field = value["$dnanexus_link"]["field"]
            return _pick(loads(stage["output"], {}) or {}, (ref[0], field, ref[2]),
                         f"stage {stage['stage']} of {ref[0]}")
        row = model.get(db, ref[0])
        if row is None or row["state"] != "done":
            raise Unresolvable(f"{ref[0]} is not done")
        return _pick(loads(row["output"], {}) or {}, ref, f"{row['cls']} {ref[0]}")
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


# -- input ---------------------------------------------------------------------------------------

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


def _check_input_value(
    db: sqlite3.Connection, user_id: str, name: str, cls: str, value: Any, spec: dict
) -> None:
    if cls.startswith("array:"):
        if not isinstance(value, list):
            raise _bad(name, f"must be an array ({cls})")
        for item in value:
            _check_input_value(db, user_id, name, cls[6:], item, spec)
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
        _check_input_value(db, user_id, name, cls, effective[name], spec)
    return effective
