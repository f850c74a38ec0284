"""Workflows: ``/workflow/new``, the stage edits and the common data-object routes.

A workflow is a data object (born ``open``) whose class blob holds ``title``,
``summary``, ``description``, ``outputFolder``, ``stages`` (``id``, ``name``,
``executable``, ``folder``, ``input``, ``executionPolicy``, ``systemRequirements``),
the workflow-level ``inputs``/``outputs`` and ``editVersion``. Every edit names the
``editVersion`` it was computed against; a stale one is ``InvalidState``, and each
successful edit increments it. ``run``/``dryRun`` and the analyses live in
:mod:`dxpy.emulator._routes.analyses`.
"""

from __future__ import annotations

import copy
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id, new_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import applets as applets
from dxpy.emulator._routes import objects as objects

#: Workflow-level fields kept in the class blob besides the stages.
META_FIELDS: dict[str, tuple[type, ...]] = {
    "title": (str,), "summary": (str,), "description": (str,), "outputFolder": (str,),
}
STAGE_KEYS = ("id", "name", "executable", "folder", "input", "executionPolicy", "systemRequirements")
NEW_KEYS = set(objects.CREATE_KEYS) | set(META_FIELDS) | {"stages", "inputs", "outputs", "initializeFrom"}
#: a stage ID given by the caller: letters, digits, ``-`` and ``_`` (the platform's ``stage-xxxx`` or a name)
_STAGE_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


# -- executables of the stages ---------------------------------------------------------------------


def executable_spec(db: sqlite3.Connection, user_id: Optional[str], executable: str) -> Optional[dict]:
    """The runnable description of a stage's executable, or None when it is not accessible.

    :param db: a connection inside a transaction.
    :param user_id: the caller; None checks only that the executable exists.
    :param executable: an applet or app ID.
    :returns: ``load_runnable``'s description (``inputSpec``, ``outputSpec``, ``name`` ...) or None.
    """
    from dxpy.emulator._data.executables import load_runnable

    if user_id is None and is_id(executable, "applet"):
        obj = dm.get_object(db, executable)
        if obj is None:
            return None
        extra = dm.loads(obj["extra"], {})
        return {"id": executable, "inputSpec": extra.get("inputSpec") or [],
                "outputSpec": extra.get("outputSpec") or [], "name": executable}
    try:
        return load_runnable(db, user_id or "", executable)
    except APIError:
        return None


def _check_executable(db: sqlite3.Connection, user_id: str, executable: Any, where: str) -> str:
    if not isinstance(executable, str) or not executable:
        raise APIError("InvalidInput",
                       f'expected key "{where}.executable" of input to be an applet or app ID')
    if executable.startswith(("workflow-", "globalworkflow-")):
        raise APIError("InvalidInput", f"{where}: a workflow cannot be the executable of a stage")
    from dxpy.emulator._data.executables import load_runnable

    load_runnable(db, user_id, executable)  # ResourceNotFound / PermissionDenied / InvalidInput
    return executable


# -- stage and spec checks -------------------------------------------------------------------------


def _check_stage_fields(stage: dict, where: str) -> None:
    for key, kind in (("name", str), ("folder", str), ("input", dict), ("executionPolicy", dict),
                      ("systemRequirements", dict)):
        if stage.get(key) is not None and not isinstance(stage[key], kind):
            raise APIError("InvalidInput",
                           f'expected key "{where}.{key}" of input to be of type {kind.__name__}')


def check_stage(db: sqlite3.Connection, user_id: str, raw: Any, taken: set, where: str) -> dict:
    """Validate one stage of ``/workflow/new`` or ``addStage`` and return it as stored.

    :param db: a connection inside a transaction.
    :param user_id: the caller (must see the executable).
    :param raw: the stage input.
    :param taken: stage IDs already in the workflow.
    :param where: the input key for messages (``stages[0]``).
    :returns: the stored stage (``id`` generated when absent).
    :raises APIError: InvalidInput naming the field, ResourceNotFound/PermissionDenied for the executable.
    """
    if not isinstance(raw, dict):
        raise APIError("InvalidInput", f'expected key "{where}" of input to be an object')
    stage_id = raw.get("id")
    if stage_id is None:
        stage_id = new_id("stage")
    elif not isinstance(stage_id, str) or not stage_id or not set(stage_id) <= _STAGE_ID_CHARS:
        raise APIError("InvalidInput", f'expected key "{where}.id" of input to be a stage ID '
                                       "(letters, digits, - and _)")
    if stage_id in taken:
        raise APIError("InvalidInput", f'{where}: the stage ID "{stage_id}" is already used in the workflow')
    _check_stage_fields(raw, where)
    stage = {
        "id": stage_id,
        "name": raw.get("name"),
        "executable": _check_executable(db, user_id, raw.get("executable"), where),
        "folder": raw.get("folder"),
        "input": dict(raw.get("input") or {}),
        "executionPolicy": dict(raw.get("executionPolicy") or {}),
        "systemRequirements": dict(raw.get("systemRequirements") or {}),
    }
    return stage


def check_outputs(spec: Any) -> Optional[list]:
    """Validate workflow-level ``outputs``: an output spec whose fields name an ``outputSource``.

    :param spec: the value (None: no workflow-level outputs).
    :returns: the spec or None.
    :raises APIError: InvalidInput.
    """
    if spec is None:
        return None
    checked = applets._check_io_spec("outputs", spec)
    for field in checked:
        source = (field.get("outputSource") or {}).get("$dnanexus_link") if isinstance(
            field.get("outputSource"), dict) else None
        if not isinstance(source, dict) or not isinstance(source.get("stage"), str) \
                or not isinstance(source.get("outputField"), str):
            raise APIError("InvalidInput", f'outputs field "{field["name"]}" needs an "outputSource" '
                                           'link {"$dnanexus_link": {"stage": ..., "outputField": ...}}')
    return checked


def _check_inputs(spec: Any) -> Optional[list]:
    return None if spec is None else applets._check_io_spec("inputs", spec)


def _meta(body: dict) -> dict:
    meta = {}
    for key, kinds in META_FIELDS.items():
        if body.get(key) is not None:
            meta[key] = dm.field(body, key, kinds)
    if "outputFolder" in meta:
        meta["outputFolder"] = dm.normalize_path(meta["outputFolder"], "outputFolder")
    return meta


# -- creation ---------------------------------------------------------------------------------------


def _initial_values(req: Request, source: Any) -> dict:
    """Creation inputs copied from the workflow or analysis named by ``initializeFrom``."""
    from dxpy.emulator._runner import model

    if not isinstance(source, dict) or not isinstance(source.get("id"), str):
        raise APIError("InvalidInput", 'expected key "initializeFrom" of input to have an "id"')
    if is_id(source["id"], "analysis"):
        row = model.get(req.db, source["id"])
        if row is None or row["cls"] != "analysis":
            raise APIError("ResourceNotFound", f"The entity {source['id']} could not be found")
        if row["user_id"] != req.user_id and not perms.level_of(req.db, req.user_id, row["project"]):
            raise APIError("ResourceNotFound", f"The entity {source['id']} could not be found")
        frozen = dm.loads(row["runnable"], {}).get("workflow") or {}
        return {**copy.deepcopy(frozen), "initializedFrom": {"id": row["id"]}}
    if not is_id(source["id"], "workflow"):
        raise APIError("InvalidInput",
                       'expected key "initializeFrom.id" of input to be a workflow or analysis ID')
    obj, wcopy, _ = objects.resolve_copy(req.db, req.user_id, source["id"], source.get("project"))
    extra = dm.loads(obj["extra"], {})
    values = {k: copy.deepcopy(v) for k, v in extra.items() if k != "editVersion"}
    values.update(name=wcopy["name"], tags=dm.loads(wcopy["tags"], []), types=dm.loads(obj["types"], []),
                  properties=dm.loads(wcopy["properties"], {}), details=dm.loads(obj["details"], {}),
                  initializedFrom={"id": obj["id"], "project": wcopy["container_id"]})
    return values


@route("workflow", "new", nonce=True)
def workflow_new(req: Request) -> dict:
    """``/workflow/new``: create an (open) workflow, optionally from a workflow or an analysis.

    :param req: the request.
    :returns: ``{"id": "workflow-xxxx", "editVersion": 0}``.
    :raises APIError: InvalidInput, ResourceNotFound, PermissionDenied.
    """
    body = dict(req.body)
    dm.ignore_unknown(body, NEW_KEYS, "/workflow/new")
    initialized_from = None
    if "initializeFrom" in body:
        initial = _initial_values(req, body.pop("initializeFrom"))
        initialized_from = initial.pop("initializedFrom")
        for key, value in initial.items():
            if body.get(key) is None:
                body[key] = value
    stages_in = body.get("stages") or []
    if not isinstance(stages_in, list):
        raise APIError("InvalidInput", 'expected key "stages" of input to be an array')
    stages: list = []
    for i, raw in enumerate(stages_in):
        stages.append(check_stage(req.db, req.user_id, raw, {s["id"] for s in stages}, f"stages[{i}]"))
    extra = {**_meta(body), "stages": stages, "inputs": _check_inputs(body.get("inputs")),
             "outputs": check_outputs(body.get("outputs")), "editVersion": 0}
    if initialized_from is not None:
        extra["initializedFrom"] = initialized_from
    oid = objects.create_object(req.db, req.user_id, "workflow", body, req.now_ms, extra_fields=extra)
    return {"id": oid, "editVersion": 0}


# -- describe ---------------------------------------------------------------------------------------


def _stage_description(db: sqlite3.Connection, user_id: Optional[str], stage: dict) -> dict:
    out = {key: copy.deepcopy(stage.get(key)) for key in STAGE_KEYS}
    out["accessible"] = executable_spec(db, user_id, stage["executable"]) is not None
    return out


def _is_stage_link(value: Any) -> bool:
    link = value.get("$dnanexus_link") if isinstance(value, dict) else None
    return isinstance(link, dict) and ("stage" in link or "workflowInputField" in link)


def derived_specs(db: sqlite3.Connection, user_id: Optional[str], extra: dict) -> tuple[list, list]:
    """The workflow's ``inputSpec`` and ``outputSpec``.

    Without workflow-level ``inputs``, the inputSpec lists every stage input not wired to
    another stage, named ``<stage ID>.<field>`` (a bound literal becomes its default); the
    outputSpec likewise lists every stage output, unless workflow-level ``outputs`` exist.

    :param db: a connection inside a transaction.
    :param user_id: the caller (None: existence only).
    :param extra: the workflow's class blob.
    :returns: ``(inputSpec, outputSpec)``.
    """
    inputs, outputs = extra.get("inputs"), extra.get("outputs")
    in_spec: list = copy.deepcopy(inputs) if inputs is not None else []
    out_spec: list = []
    if outputs is not None:
        out_spec = [{k: v for k, v in f.items() if k != "outputSource"} for f in outputs]
    for stage in extra.get("stages") or []:
        spec = executable_spec(db, user_id, stage["executable"]) or {}
        group = stage.get("name") or stage["id"]
        if inputs is None:
            for field in spec.get("inputSpec") or []:
                bound = (stage.get("input") or {}).get(field.get("name"))
                if _is_stage_link(bound):
                    continue
                entry = {**copy.deepcopy(field), "name": f"{stage['id']}.{field['name']}", "group": group}
                if bound is not None:
                    entry["default"] = bound
                in_spec.append(entry)
        if outputs is None:
            for field in spec.get("outputSpec") or []:
                out_spec.append({**copy.deepcopy(field), "name": f"{stage['id']}.{field['name']}"})
    return in_spec, out_spec


def _describe_fields(db: sqlite3.Connection, obj: sqlite3.Row, extra: dict,
                     user_id: Optional[str] = None) -> dict:
    fields = {key: extra.get(key) for key in META_FIELDS}
    fields["outputFolder"] = extra.get("outputFolder")
    fields["editVersion"] = int(extra.get("editVersion", 0))
    fields["stages"] = [_stage_description(db, user_id, s) for s in extra.get("stages") or []]
    fields["inputs"] = copy.deepcopy(extra.get("inputs"))
    fields["outputs"] = copy.deepcopy(extra.get("outputs"))
    fields["inputSpec"], fields["outputSpec"] = derived_specs(db, user_id, extra)
    if extra.get("initializedFrom") is not None:
        fields["initializedFrom"] = extra["initializedFrom"]
    return fields


WORKFLOW_ROUTES = tuple(r for r in objects.COMMON_ROUTES if r != "describe")
WORKFLOW = objects.register_data_class("workflow", describe_extra=_describe_fields, routes=WORKFLOW_ROUTES)


@route("workflow", "describe", on_object=True, readonly=True)
def workflow_describe(req: Request) -> dict:
    """``/workflow-xxxx/describe``: the common fields, the stages (``accessible`` for the caller) and specs.

    :param req: the request.
    :returns: the description.
    :raises APIError: ResourceNotFound, PermissionDenied, InvalidInput.
    """
    project = dm.field(req.body, "project", str, None)
    obj, wcopy, _ = objects.resolve_copy(req.db, req.user_id, str(req.object_id), project)
    desc = objects.describe_object(req.db, obj, wcopy, req.body)
    extra = dm.loads(obj["extra"], {})
    if "stages" in desc:
        desc["stages"] = [_stage_description(req.db, req.user_id, s) for s in extra.get("stages") or []]
    if "inputSpec" in desc or "outputSpec" in desc:
        in_spec, out_spec = derived_specs(req.db, req.user_id, extra)
        for key, value in (("inputSpec", in_spec), ("outputSpec", out_spec)):
            if key in desc:
                desc[key] = value
    return desc


# -- edits ------------------------------------------------------------------------------------------


def load_for_edit(req: Request) -> tuple[sqlite3.Row, dict]:
    """The workflow of an edit route, checked: UPLOAD access, open, current ``editVersion``.

    :param req: the request (``editVersion`` required).
    :returns: ``(object row, class blob)``.
    :raises APIError: ResourceNotFound, PermissionDenied, InvalidInput, InvalidState.
    """
    version = dm.field(req.body, "editVersion", int, required=True)
    obj, _wcopy, _have = objects.resolve_copy(req.db, req.user_id, str(req.object_id), None, perms.UPLOAD)
    if obj["state"] != "open":
        raise APIError("InvalidState", f"The workflow {obj['id']} is closed and can no longer be edited")
    extra = dm.loads(obj["extra"], {})
    current = int(extra.get("editVersion", 0))
    if version != current:
        raise APIError("InvalidState", f"The editVersion given ({version}) does not match the current "
                                       f"editVersion of {obj['id']} ({current})")
    return obj, extra


def save_edit(req: Request, obj: sqlite3.Row, extra: dict) -> dict:
    """Store an edited class blob with the next ``editVersion``.

    :param req: the request.
    :param obj: the workflow row.
    :param extra: the edited blob.
    :returns: ``{"id", "editVersion"}``.
    """
    extra["editVersion"] = int(extra.get("editVersion", 0)) + 1
    dm.set_object_fields(req.db, obj["id"], req.now_ms, extra=dm.dumps(extra))
    return {"id": obj["id"], "editVersion": extra["editVersion"]}


def stage_index(extra: dict, stage: Any) -> int:
    """The position of a stage named by ID in the blob's ``stages``.

    :param extra: the class blob.
    :param stage: the stage ID.
    :returns: the index.
    :raises APIError: InvalidInput for a non-string, ResourceNotFound for an unknown stage.
    """
    if not isinstance(stage, str):
        raise APIError("InvalidInput", 'expected key "stage" of input to be a stage ID')
    for i, entry in enumerate(extra.get("stages") or []):
        if entry["id"] == stage:
            return i
    raise APIError("ResourceNotFound", f'The stage "{stage}" could not be found in the workflow')


@route("workflow", "addStage", on_object=True)
def workflow_add_stage(req: Request) -> dict:
    """``/workflow-xxxx/addStage``: append a stage (``executable``, ``id``, ``name``, ``input``...).

    :param req: the request.
    :returns: ``{"id", "editVersion", "stage"}``.
    """
    obj, extra = load_for_edit(req)
    stages = list(extra.get("stages") or [])
    raw = {k: v for k, v in req.body.items() if k in STAGE_KEYS}
    stage = check_stage(req.db, req.user_id, raw, {s["id"] for s in stages}, "stage")
    stages.append(stage)
    extra["stages"] = stages
    return {**save_edit(req, obj, extra), "stage": stage["id"]}


@route("workflow", "removeStage", on_object=True)
def workflow_remove_stage(req: Request) -> dict:
    """``/workflow-xxxx/removeStage``.

    :param req: the request (``stage``).
    :returns: ``{"id", "editVersion"}``.
    """
    obj, extra = load_for_edit(req)
    del extra["stages"][stage_index(extra, req.body.get("stage"))]
    return save_edit(req, obj, extra)


@route("workflow", "moveStage", on_object=True)
def workflow_move_stage(req: Request) -> dict:
    """``/workflow-xxxx/moveStage``: move a stage to ``newIndex`` (0-based).

    :param req: the request (``stage``, ``newIndex``).
    :returns: ``{"id", "editVersion"}``.
    """
    obj, extra = load_for_edit(req)
    new_index = dm.field(req.body, "newIndex", int, required=True)
    stages = extra["stages"]
    if not 0 <= new_index < len(stages):
        raise APIError("InvalidInput",
                       f'expected key "newIndex" of input to be between 0 and {len(stages) - 1}')
    stages.insert(new_index, stages.pop(stage_index(extra, req.body.get("stage"))))
    return save_edit(req, obj, extra)


def _apply_stage_changes(stage: dict, changes: Any, where: str) -> None:
    if not isinstance(changes, dict):
        raise APIError("InvalidInput", f'expected key "{where}" of input to be an object')
    _check_stage_fields({k: v for k, v in changes.items() if k != "input"}, where)
    for key in ("name", "folder"):
        if key in changes:
            stage[key] = changes[key]
    for key in ("executionPolicy", "systemRequirements"):
        if key in changes:
            stage[key] = dict(changes[key] or {})
    if "input" in changes:
        if not isinstance(changes["input"], dict):
            raise APIError("InvalidInput", f'expected key "{where}.input" of input to be an object')
        merged = dict(stage.get("input") or {})
        for field, value in changes["input"].items():
            if value is None:
                merged.pop(field, None)
            else:
                merged[field] = value
        stage["input"] = merged


@route("workflow", "update", on_object=True)
def workflow_update(req: Request) -> dict:
    """``/workflow-xxxx/update``: title, summary, description, outputFolder, inputs, outputs, stages.

    ``null`` unsets ``title``/``outputFolder``/``inputs``/``outputs``; ``stages`` maps stage IDs to
    changes of ``name``, ``folder``, ``input`` (merged; a null field is removed),
    ``executionPolicy``, ``systemRequirements``.

    :param req: the request.
    :returns: ``{"id", "editVersion"}``.
    """
    obj, extra = load_for_edit(req)
    body = req.body
    dm.ignore_unknown(body, set(META_FIELDS) | {"inputs", "outputs", "stages", "editVersion"}, "update")
    for key in META_FIELDS:
        if key in body:
            if body[key] is None:
                extra.pop(key, None)
            else:
                extra.update(_meta({key: body[key]}))
    if "inputs" in body:
        extra["inputs"] = _check_inputs(body["inputs"])
    if "outputs" in body:
        extra["outputs"] = check_outputs(body["outputs"])
    changes = body.get("stages") or {}
    if not isinstance(changes, dict):
        raise APIError("InvalidInput",
                       'expected key "stages" of input to be an object of stage ID -> changes')
    for stage_id, stage_changes in changes.items():
        stage = extra["stages"][stage_index(extra, stage_id)]
        _apply_stage_changes(stage, stage_changes, f"stages.{stage_id}")
    return save_edit(req, obj, extra)


def incompatibilities(db: sqlite3.Connection, user_id: str, stage: dict, executable: str) -> list:
    """Why ``executable`` cannot replace a stage's executable without breaking the stage.

    The new executable must keep every input the stage binds and every output it had.

    :param db: a connection inside a transaction.
    :param user_id: the caller.
    :param stage: the stored stage.
    :param executable: the candidate executable ID.
    :returns: messages; empty when compatible.
    """
    old = executable_spec(db, user_id, stage["executable"]) or {}
    new = executable_spec(db, user_id, executable) or {}
    new_in = {f["name"]: f.get("class") for f in new.get("inputSpec") or []}
    new_out = {f["name"]: f.get("class") for f in new.get("outputSpec") or []}
    problems = []
    for name in stage.get("input") or {}:
        if name not in new_in:
            problems.append(f'the stage binds the input "{name}", which {executable} does not have')
    for field in old.get("outputSpec") or []:
        if new_out.get(field["name"]) != field.get("class"):
            problems.append(f'{executable} has no output "{field["name"]}" of class {field.get("class")}')
    for field in new.get("inputSpec") or []:
        optional = field.get("optional") or "default" in field
        if not optional and field["name"] not in (stage.get("input") or {}):
            old_in = {f["name"] for f in old.get("inputSpec") or []}
            if field["name"] not in old_in:
                problems.append(f'{executable} requires the new input "{field["name"]}"')
    return problems


@route("workflow", "isStageCompatible", on_object=True, readonly=True)
def workflow_is_stage_compatible(req: Request) -> dict:
    """``/workflow-xxxx/isStageCompatible``: could ``executable`` replace the stage's executable?

    :param req: the request (``editVersion``, ``stage``, ``executable``).
    :returns: ``{"compatible": bool, "incompatibilities": [...]}``.
    """
    version = dm.field(req.body, "editVersion", int, required=True)
    obj, _wcopy, _have = objects.resolve_copy(req.db, req.user_id, str(req.object_id), None)
    extra = dm.loads(obj["extra"], {})
    if version != int(extra.get("editVersion", 0)):
        raise APIError("InvalidState", f"The editVersion given ({version}) does not match the current "
                                       f"editVersion of {obj['id']} ({extra.get('editVersion', 0)})")
    stage = extra["stages"][stage_index(extra, req.body.get("stage"))]
    executable = _check_executable(req.db, req.user_id, req.body.get("executable"), "input")
    problems = incompatibilities(req.db, req.user_id, stage, executable)
    return {"compatible": not problems, "incompatibilities": problems}


@route("workflow", "updateStageExecutable", on_object=True)
def workflow_update_stage_executable(req: Request) -> dict:
    """``/workflow-xxxx/updateStageExecutable``: replace a stage's executable (``force`` if incompatible).

    :param req: the request (``editVersion``, ``stage``, ``executable``, ``force``).
    :returns: ``{"id", "editVersion", "compatible", "incompatibilities"?}``.
    :raises APIError: InvalidInput when incompatible without ``force``.
    """
    obj, extra = load_for_edit(req)
    force = dm.field(req.body, "force", bool, False)
    stage = extra["stages"][stage_index(extra, req.body.get("stage"))]
    executable = _check_executable(req.db, req.user_id, req.body.get("executable"), "input")
    problems = incompatibilities(req.db, req.user_id, stage, executable)
    if problems and not force:
        raise APIError("InvalidInput", f"{executable} is not compatible with stage {stage['id']}: "
                                       + "; ".join(problems) + " (set force to replace it anyway)")
    stage["executable"] = executable
    answer = {**save_edit(req, obj, extra), "compatible": not problems}
    if problems:
        answer["incompatibilities"] = problems
    return answer


@route("workflow", "overwrite", on_object=True)
def workflow_overwrite(req: Request) -> dict:
    """``/workflow-xxxx/overwrite``: take the stages, inputs, outputs and metadata of another workflow.

    :param req: the request (``editVersion``, ``from``: ``{"workflow", "project"?}``).
    :returns: ``{"id", "editVersion"}``.
    """
    obj, extra = load_for_edit(req)
    source = req.body.get("from")
    if not isinstance(source, dict) or not is_id(source.get("workflow"), "workflow"):
        raise APIError("InvalidInput", 'expected key "from" of input to be {"workflow": "workflow-xxxx"}')
    src, _scopy, _have = objects.resolve_copy(req.db, req.user_id, source["workflow"], source.get("project"))
    src_extra = dm.loads(src["extra"], {})
    skip = ("editVersion", "initializedFrom")
    new_extra = {k: copy.deepcopy(v) for k, v in src_extra.items() if k not in skip}
    new_extra["editVersion"] = extra.get("editVersion", 0)
    if "initializedFrom" in extra:
        new_extra["initializedFrom"] = extra["initializedFrom"]
    return save_edit(req, obj, new_extra)
