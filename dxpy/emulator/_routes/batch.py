"""Batch runs: ``/applet|app|workflow-xxxx/validateBatch`` and ``/system/generateBatchInputs``.

``validateBatch`` expands a batch, as ``dx run --batch-tsv`` sends it, into one run
input per row and checks each row against the executable's input specification,
creating nothing. The input:

* ``batchInput``: input name -> array of values, one per row; every array has the
  same length (an empty hash is an empty batch);
* ``commonInput`` (optional): inputs shared by every row; a name may not be in both;
* ``files`` (optional): links to the files the batch refers to, each of which must
  exist and be visible to the caller;
* ``instanceType`` / ``instanceTypes`` (optional): accepted and not checked (the
  emulator has no instance types).

The answer is ``{"expandedBatch": [row input, ...]}``: each row is ``commonInput``
merged with that row's batch values (a ``null`` batch value leaves the input unset
in that row). Each row is checked like the input of ``run`` (applets and apps:
:func:`~dxpy.emulator._runner.specs.check_input`; workflows: the stage-by-stage
check of ``/workflow-xxxx/run``); a violation is ``InvalidInput`` naming the row
and the field.

``generateBatchInputs`` groups the closed, visible files of one project folder (not
its subfolders) by a batch ID: each input's regular expression is searched in the
file names and its first group is the batch ID. Each batch ID gives one entry
``{"batchPattern": id, "inputs": {input: {"name": file name, "ids": [file IDs]}}}``,
with an ``error`` message when an input has no match, several matching file names,
or a name shared by several files.
"""

from __future__ import annotations

import copy
import re
import sqlite3
from typing import Any

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.executables import load_runnable
from dxpy.emulator._data.ids import id_class, is_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import analyses, objects
from dxpy.emulator._runner.specs import check_input

__all__ = ["app_validate_batch", "applet_validate_batch", "expand_batch", "generate_batch_inputs",
           "workflow_validate_batch"]

VALIDATE_KEYS = {"batchInput", "commonInput", "files", "instanceType", "instanceTypes"}
GENERATE_KEYS = {"project", "folder", "inputs"}


def _bad(message: str) -> APIError:
    return APIError("InvalidInput", message)


def expand_batch(body: dict) -> list[dict]:
    """The run input of every row of a batch (``commonInput`` merged with the row's values).

    :param body: the ``validateBatch`` input.
    :returns: one input hash per row, in row order.
    :raises APIError: InvalidInput for a malformed ``batchInput``/``commonInput``.
    """
    batch = body.get("batchInput")
    if not isinstance(batch, dict):
        raise _bad('expected key "batchInput" of input to be a JSON object mapping input names to arrays')
    common = body.get("commonInput", {})
    if common is None:
        common = {}
    if not isinstance(common, dict):
        raise _bad('expected key "commonInput" of input to be a JSON object')
    length, first = None, ""
    for name, values in batch.items():
        if not isinstance(values, list):
            raise _bad(f'expected batchInput["{name}"] to be an array of values, one per row')
        if length is None:
            length, first = len(values), name
        elif len(values) != length:
            raise _bad(f'the arrays of "batchInput" must have the same length: "{first}" has {length} '
                       f'values, "{name}" has {len(values)}')
        if name in common:
            raise _bad(f"Input field {name!r} is given in both batchInput and commonInput")
    rows = []
    for index in range(length or 0):
        row = copy.deepcopy(common)
        row.update({name: copy.deepcopy(values[index]) for name, values in batch.items()
                    if values[index] is not None})
        rows.append(row)
    return rows


def _check_files(db: sqlite3.Connection, user_id: str, files: Any) -> None:
    """Every entry of ``files`` links to an existing file the caller can see."""
    if files is None:
        return
    if not isinstance(files, list):
        raise _bad('expected key "files" of input to be an array of file links')
    for index, entry in enumerate(files):
        target: Any = entry
        if isinstance(entry, dict) and "$dnanexus_link" in entry:
            link = entry["$dnanexus_link"]
            target = link.get("id") if isinstance(link, dict) else link
        if not isinstance(target, str) or id_class(target) != "file":
            raise _bad(f'expected files[{index}] to be a link to a file ({{"$dnanexus_link": "file-xxxx"}})')
        if dm.get_object(db, target) is None or not perms.object_containers(db, user_id, target):
            raise _bad(f"files[{index}]: {target} does not exist or is not visible to the caller")


def _check_rows(rows: list[dict], check: Any) -> None:
    for index, row in enumerate(rows):
        try:
            check(row)
        except APIError as exc:
            raise APIError(exc.type, f"batchInput row {index}: {exc.message}") from exc


def _validate(req: Request, executable: str) -> dict:
    """``validateBatch`` of an applet or app (by ID or path)."""
    body = dict(req.body)
    dm.ignore_unknown(body, VALIDATE_KEYS, f"/{executable}/validateBatch")
    runnable = load_runnable(req.db, req.user_id, executable)
    rows = expand_batch(body)
    _check_files(req.db, req.user_id, body.get("files"))
    spec = runnable.get("inputSpec")
    _check_rows(rows, lambda row: check_input(req.db, req.user_id, row, spec))
    return {"expandedBatch": rows}


@route("applet", "validateBatch", on_object=True, readonly=True)
def applet_validate_batch(req: Request) -> dict:
    """``/applet-xxxx/validateBatch``: expand and check a batch of inputs for the applet (VIEW).

    :param req: the request.
    :returns: ``{"expandedBatch": [input per row]}``.
    :raises APIError: InvalidInput naming the row and field, ResourceNotFound, PermissionDenied.
    """
    return _validate(req, str(req.object_id))


@route("app", "validateBatch", on_object=True, readonly=True)
def app_validate_batch(req: Request) -> dict:
    """``/app-xxxx/validateBatch`` (also ``app-name[/alias]``): expand and check a batch for the app.

    :param req: the request (the caller must be allowed to run the app).
    :returns: ``{"expandedBatch": [input per row]}``.
    :raises APIError: InvalidInput naming the row and field, ResourceNotFound, PermissionDenied,
        InvalidState for a deleted app.
    """
    return _validate(req, str(req.object_id) + (f"/{req.alias}" if req.alias else ""))


@route("workflow", "validateBatch", on_object=True, readonly=True)
def workflow_validate_batch(req: Request) -> dict:
    """``/workflow-xxxx/validateBatch``: expand and check a batch of run inputs for the workflow (VIEW).

    Row keys are those of ``/workflow-xxxx/run`` (``<stage>.<field>`` or workflow-level inputs).

    :param req: the request.
    :returns: ``{"expandedBatch": [input per row]}``.
    :raises APIError: InvalidInput naming the row, stage and field, InvalidState for a workflow
        without stages, ResourceNotFound, PermissionDenied.
    """
    workflow_id = str(req.object_id)
    body = dict(req.body)
    dm.ignore_unknown(body, VALIDATE_KEYS, f"/{workflow_id}/validateBatch")
    obj, _copy, _level = objects.resolve_copy(req.db, req.user_id, workflow_id, None)
    extra = dm.loads(obj["extra"], {})
    if not extra.get("stages"):
        raise APIError("InvalidState", f"The workflow {workflow_id} has no stages to run")
    runnables = {s["id"]: load_runnable(req.db, req.user_id, s["executable"]) for s in extra["stages"]}
    rows = expand_batch(body)
    _check_files(req.db, req.user_id, body.get("files"))
    _check_rows(rows, lambda row: analyses.check_workflow_input(req.db, req.user_id, extra, runnables, row))
    return {"expandedBatch": rows}


# -- generateBatchInputs ---------------------------------------------------------------------------


def _patterns(inputs: Any) -> dict[str, re.Pattern]:
    if not isinstance(inputs, dict) or not inputs:
        raise _bad('expected key "inputs" of input to be a non-empty JSON object mapping input names '
                   'to regular expressions')
    compiled = {}
    for name, text in inputs.items():
        if not isinstance(text, str):
            raise _bad(f'expected inputs["{name}"] to be a regular expression (a string)')
        try:
            pattern = re.compile(text)
        except re.error as exc:
            raise _bad(f'inputs["{name}"] is not a valid regular expression: {exc}') from exc
        if pattern.groups < 1:
            raise _bad(f'inputs["{name}"] must have a group, (...), matching the batch ID')
        compiled[name] = pattern
    return compiled


def _entry(batch_id: str, names: list[str], found: dict[str, dict[str, list[str]]]) -> dict:
    entry: dict[str, Any] = {"batchPattern": batch_id, "inputs": {}}
    problems, missing = [], []
    for name in names:
        by_file = found.get(name)
        if not by_file:
            missing.append(name)
            continue
        file_name = sorted(by_file)[0]
        entry["inputs"][name] = {"name": file_name, "ids": by_file[file_name]}
        if len(by_file) > 1:
            problems.append(f"input {name!r} matches several file names: {', '.join(sorted(by_file))}")
        if len(by_file[file_name]) > 1:
            problems.append(f"the file name {file_name!r} of input {name!r} names several files: "
                            f"{', '.join(by_file[file_name])}")
    if missing:
        problems.insert(0, f"no file matches input(s) {', '.join(missing)}")
    if problems:
        entry["error"] = "; ".join(problems)
    return entry


@route("system", "generateBatchInputs", readonly=True)
def generate_batch_inputs(req: Request) -> dict:
    """``/system/generateBatchInputs``: group a folder's files into batches by regular expressions.

    :param req: the request (``project``, ``folder`` default ``/``, ``inputs``); VIEW on the project.
    :returns: ``{"batchInputs": [{"batchPattern", "inputs", "error"?}, ...]}`` sorted by batch ID.
    :raises APIError: InvalidInput, ResourceNotFound (project or folder), PermissionDenied.
    """
    body = dict(req.body)
    dm.ignore_unknown(body, GENERATE_KEYS, "/system/generateBatchInputs")
    project = body.get("project")
    if not isinstance(project, str) or not is_id(project, ("project", "container")):
        raise _bad('expected key "project" of input to be a project ID')
    folder = dm.normalize_path(body.get("folder") or "/")
    patterns = _patterns(body.get("inputs"))
    perms.require(req.db, req.user_id, project, perms.VIEW)
    if not dm.folder_exists(req.db, project, folder):
        raise APIError("ResourceNotFound", f"The folder {folder} could not be found in {project}")
    files = req.db.execute(
        "SELECT object_id, name FROM object_copies WHERE container_id=? AND folder=? AND class='file'"
        " AND state='closed' AND hidden=0 ORDER BY name, object_id", (project, folder)).fetchall()
    found: dict[str, dict[str, dict[str, list[str]]]] = {}
    for row in files:
        for name, pattern in patterns.items():
            match = pattern.search(row["name"])
            if match is None or match.group(1) is None:
                continue
            by_file = found.setdefault(match.group(1), {}).setdefault(name, {})
            by_file.setdefault(row["name"], []).append(row["object_id"])
    names = sorted(patterns)
    return {"batchInputs": [_entry(batch_id, names, found[batch_id]) for batch_id in sorted(found)]}
