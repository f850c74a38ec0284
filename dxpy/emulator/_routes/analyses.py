"""Workflow runs: ``/workflow-xxxx/run``, ``dryRun`` and the analysis routes.

A run creates an analysis (``analysis-xxxx``) and one job per stage through the
job runner's :func:`~dxpy.emulator._routes.jobs.create_job`. Stage inputs are
wired before the jobs exist in the scheduler's eyes (one transaction):

* ``{"$dnanexus_link": {"stage": s, "outputField": f}}`` becomes a job-based
  reference to stage ``s``'s job, so the stage waits for it;
* ``{"stage": s, "inputField": f}`` takes the value of stage ``s``'s input ``f``;
* ``{"workflowInputField": w}`` takes the workflow-level input ``w``.

Run input keys are ``<stage>.<field>`` (stage ID, index or name) or, for a
workflow with workflow-level ``inputs``, those inputs' names. The analysis'
state follows its stages (:mod:`dxpy.emulator._runner.analyses`).
"""

from __future__ import annotations

import copy
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id, new_id
from dxpy.emulator._data.store import dumps, loads
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes import jobs, objects
from dxpy.emulator._runner import analyses as runner
from dxpy.emulator._runner import model
from dxpy.emulator._runner.specs import check_input, job_refs

WORKFLOW_RUN_KEYS = jobs.RUN_KEYS | {"stageFolders", "rerunStages", "stageSystemRequirements",
                                     "stageTimeoutPolicy", "timeoutPolicyByExecutable"}
_MISSING = object()


def find_stage(stages: list, key: Any, where: str) -> str:
    """The ID of the stage named by ID, index or unique name.

    :param stages: the workflow's stages.
    :param key: the stage reference.
    :param where: the input key for messages.
    :returns: the stage ID.
    :raises APIError: InvalidInput when no single stage matches.
    """
    if isinstance(key, int) and not isinstance(key, bool) or isinstance(key, str) and key.isdigit():
        index = int(key)
        if 0 <= index < len(stages):
            return str(stages[index]["id"])
    elif isinstance(key, str):
        for stage in stages:
            if stage["id"] == key:
                return key
        named = [s["id"] for s in stages if s.get("name") == key]
        if len(named) == 1:
            return str(named[0])
    raise APIError("InvalidInput", f"{where}: {key!r} names no single stage of the workflow")


def _normalize_input(extra: dict, run_input: Any) -> dict:
    if not isinstance(run_input, dict):
        raise APIError("InvalidInput", 'expected key "input" of input to be a JSON object')
    stages, inputs = extra.get("stages") or [], extra.get("inputs")
    names = {f["name"] for f in inputs or []}
    out: dict = {}
    for key, value in run_input.items():
        if key in names:
            name = key
        elif inputs is not None:
            raise APIError("InvalidInput", f"Input field {key!r} is not a workflow-level input of the "
                                           f"workflow (its inputs: {', '.join(sorted(names))})")
        elif "." in key:
            stage, field = key.split(".", 1)
            name = find_stage(stages, stage, f"input {key!r}") + "." + field
        else:
            raise APIError("InvalidInput", f"Input field {key!r} must be <stage>.<field> (this workflow has "
                                           "no workflow-level inputs)")
        if name in out:
            raise APIError("InvalidInput", f"Input field {name!r} is given more than once")
        out[name] = value
    for field in inputs or []:
        if field["name"] not in out and "default" in field:
            out[field["name"]] = field["default"]
    return out


class _Wiring:
    """Computes each stage's input, translating the workflow's links (``job_of``: stage -> job ID)."""

    def __init__(self, extra: dict, run_input: dict, job_of: dict) -> None:
        self.stages = {s["id"]: s for s in extra.get("stages") or []}
        self.order = [s["id"] for s in extra.get("stages") or []]
        self.run_input = run_input
        self.job_of = job_of
        self.done: dict = {}
        self.busy: set = set()

    def stage_input(self, stage_id: str) -> dict:
        if stage_id in self.done:
            return self.done[stage_id]
        if stage_id in self.busy:
            raise APIError("InvalidInput", f"stage {stage_id}: its inputField links form a cycle")
        self.busy.add(stage_id)
        merged = dict(self.stages[stage_id].get("input") or {})
        prefix = stage_id + "."
        merged.update({k[len(prefix):]: v for k, v in self.run_input.items() if k.startswith(prefix)})
        result = {}
        for field, value in merged.items():
            translated = self.translate(value, f"stage {stage_id} input {field!r}")
            if translated is not _MISSING:
                result[field] = translated
        self.busy.discard(stage_id)
        self.done[stage_id] = result
        return result

    def translate(self, value: Any, where: str) -> Any:
        link = value.get("$dnanexus_link") if isinstance(value, dict) and len(value) == 1 else None
        if isinstance(link, dict) and "workflowInputField" in link:
            return self.run_input.get(link["workflowInputField"], _MISSING)
        if isinstance(link, dict) and "stage" in link and ("outputField" in link or "inputField" in link):
            source = find_stage([self.stages[s] for s in self.order], link["stage"], where)
            if "inputField" in link:
                return copy.deepcopy(self.stage_input(source).get(link["inputField"], _MISSING))
            if self.job_of.get(source) is None:
                return value  # dry run: no job to point at
            ref = {"job": self.job_of[source], "field": link["outputField"]}
            ref.update({k: link[k] for k in ("index", "metadata") if k in link})
            return {"$dnanexus_link": ref}
        if isinstance(value, dict):
            items = {k: self.translate(v, where) for k, v in value.items()}
            return {k: v for k, v in items.items() if v is not _MISSING}
        if isinstance(value, list):
            return [v for v in (self.translate(v, where) for v in value) if v is not _MISSING]
        return value


def _check_acyclic(inputs: dict, job_of: dict) -> None:
    stage_of = {job: stage for stage, job in job_of.items()}
    edges = {s: {stage_of[j] for j in job_refs(inputs[s]) if j in stage_of} for s in inputs}
    state: dict = {}

    def visit(stage: str) -> None:
        state[stage] = 1
        for nxt in edges[stage]:
            if state.get(nxt) == 1:
                raise APIError("InvalidInput", f"the stages {stage} and {nxt} wait on each other's outputs")
            if nxt not in state:
                visit(nxt)
        state[stage] = 2

    for stage in inputs:
        if stage not in state:
            visit(stage)


def _stage_folder(body: dict, extra: dict, stage: dict, base: str) -> str:
    folders = body.get("stageFolders") or {}
    if not isinstance(folders, dict):
        raise APIError("InvalidInput", 'expected key "stageFolders" of input to be an object')
    folder = folders.get(stage["id"], folders.get("*", stage.get("folder")))
    if not folder:
        return base
    if not isinstance(folder, str):
        raise APIError("InvalidInput", f'expected the folder of stage {stage["id"]} to be a string')
    return dm.normalize_path(folder if folder.startswith("/") else base.rstrip("/") + "/" + folder)


def _frozen(extra: dict, name: str) -> dict:
    keep = ("title", "summary", "description", "outputFolder", "stages", "inputs", "outputs")
    return {"name": name, **{k: copy.deepcopy(extra.get(k)) for k in keep if k in extra}}


def _prepare(req: Request, workflow_id: str) -> dict:
    """Everything both ``run`` and ``dryRun`` check: the workflow, the project and the input."""
    from dxpy.emulator._data.executables import load_runnable

    body = dict(req.body)
    dm.ignore_unknown(body, WORKFLOW_RUN_KEYS, f"/{workflow_id}/run")
    obj, wcopy, _have = objects.resolve_copy(req.db, req.user_id, workflow_id, None)
    extra = dm.loads(obj["extra"], {})
    if not extra.get("stages"):
        raise APIError("InvalidState", f"The workflow {workflow_id} has no stages to run")
    caller = jobs.calling_job(req)
    project = body.get("project") or (caller["workspace"] if caller is not None else None)
    if not isinstance(project, str) or not is_id(project, ("project", "container")):
        raise APIError("InvalidInput", 'expected key "project" of input to be a project ID')
    perms.require(req.db, req.user_id, project, perms.CONTRIBUTE)
    runnables = {s["id"]: load_runnable(req.db, req.user_id, s["executable"]) for s in extra["stages"]}
    base = dm.normalize_path(body.get("folder") or extra.get("outputFolder") or "/")
    return {"body": body, "obj": obj, "name": wcopy["name"], "extra": extra, "caller": caller,
            "project": project, "runnables": runnables, "base": base,
            "input": _normalize_input(extra, body.get("input", {}))}


def _as_refs(value: Any) -> Any:
    """For checking a dry run's input: stage output links stand for job-based references."""
    link = value.get("$dnanexus_link") if isinstance(value, dict) and len(value) == 1 else None
    if isinstance(link, dict) and "stage" in link and "outputField" in link:
        return {"$dnanexus_link": {"job": "dry-run", "field": link["outputField"]}}
    if isinstance(value, dict):
        return {k: _as_refs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_refs(v) for v in value]
    return value


def _checked_inputs(plan: dict, job_of: dict) -> dict:
    """Each stage's ``(given input, effective input with defaults)``, checked against its inputSpec."""
    wiring = _Wiring(plan["extra"], plan["input"], job_of)
    inputs = {}
    for stage in plan["extra"]["stages"]:
        given = wiring.stage_input(stage["id"])
        try:
            effective = check_input(plan["db"], plan["user"], _as_refs(given),
                                    plan["runnables"][stage["id"]].get("inputSpec"))
        except APIError as exc:
            raise APIError(exc.type, f"stage {stage['id']}: {exc.message}") from exc
        # a dry run keeps the stage links it shows; a run has none left
        inputs[stage["id"]] = (given, {**effective, **given})
    return inputs


def _insert_analysis(req: Request, plan: dict) -> str:
    body, caller = plan["body"], plan["caller"]
    analysis_id = new_id("analysis")
    root = caller["root_execution"] if caller is not None else analysis_id
    stages = plan["extra"]["stages"]
    sources = [f["outputSource"]["$dnanexus_link"]["stage"] for f in plan["extra"].get("outputs") or []]
    executable = plan.get("executable") or plan["obj"]["id"]
    runnable = {"id": executable, "class": executable.split("-", 1)[0], "name": plan["name"],
                "workflow": _frozen(plan["extra"], plan["name"]),
                "stage_ids": {s: find_stage(stages, s, "outputs") for s in sources}}
    req.db.execute(
        "INSERT INTO executions (id, cls, user_id, project, folder, name, executable, executable_name,"
        " state, parent_job, root_execution, runnable, original_input, run_input, input, depends_on, tags,"
        " properties, details, transitions, created, modified)"
        " VALUES (?, 'analysis', ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (analysis_id, req.user_id, plan["project"], plan["base"], str(body.get("name") or plan["name"]),
         executable, plan["name"], caller["id"] if caller is not None else None, root,
         dumps(runnable), dumps(body.get("input", {})), dumps(body.get("input", {})), dumps(plan["input"]),
         dumps(dm.string_list(body, "dependsOn", [])), dumps(dm.string_list(body, "tags", [])),
         dumps(dm.properties_input(body)), dumps(body.get("details", {})),
         dumps([{"newState": "in_progress", "setAt": req.now_ms}]), req.now_ms, req.now_ms),
    )
    return analysis_id


@route("workflow", "run", on_object=True, nonce=True)
def workflow_run(req: Request) -> dict:
    """``/workflow-xxxx/run``: start an analysis whose stages run as jobs.

    :param req: the request.
    :returns: ``{"id": "analysis-xxxx", "stages": [job IDs, in stage order]}``.
    :raises APIError: InvalidInput (naming the stage and field), InvalidState, PermissionDenied,
        ResourceNotFound.
    """
    return start_analysis(req, str(req.object_id))


def start_analysis(req: Request, workflow_id: str, executable: Optional[tuple[str, str]] = None) -> dict:
    """Run a workflow: create the analysis and its stage jobs (``/workflow-xxxx/run`` and global workflows).

    :param req: the request (the input of ``run``).
    :param workflow_id: the workflow to run.
    :param executable: ``(ID, name)`` shown as the analysis' executable (default: the workflow).
    :returns: ``{"id": "analysis-xxxx", "stages": [job IDs]}``.
    :raises APIError: as ``/workflow-xxxx/run``.
    """
    plan = {**_prepare(req, workflow_id), "db": req.db, "user": req.user_id}
    if executable is not None:
        plan["executable"], plan["name"] = executable
    body = plan["body"]
    analysis_id = _insert_analysis(req, plan)
    job_of = {}
    for stage in plan["extra"]["stages"]:
        runnable = plan["runnables"][stage["id"]]
        job_body = {"name": stage.get("name") or runnable.get("name"),
                    "folder": _stage_folder(body, plan["extra"], stage, plan["base"]),
                    "dependsOn": dm.string_list(body, "dependsOn", [])}
        job_of[stage["id"]] = jobs.create_job(req.db, req.now_ms, req.user_id, runnable, job_body, {},
                                              plan["project"])
    inputs = _checked_inputs(plan, job_of)
    _check_acyclic({stage: both[0] for stage, both in inputs.items()}, job_of)
    root = model.get(req.db, analysis_id)["root_execution"]  # type: ignore[index]
    for stage_id, job_id in job_of.items():
        given, effective = (dumps(value) for value in inputs[stage_id])
        req.db.execute(
            "UPDATE executions SET input=?, original_input=?, run_input=?, analysis=?, parent_analysis=?,"
            " stage=?, root_execution=? WHERE id=?",
            (effective, given, given, analysis_id, analysis_id, stage_id, root, job_id),
        )
    jobs._wake(req)
    return {"id": analysis_id, "stages": list(job_of.values())}


@route("workflow", "dryRun", on_object=True, readonly=True)
def workflow_dry_run(req: Request) -> dict:
    """``/workflow-xxxx/dryRun``: check a run's input and show what would run, creating nothing.

    :param req: the request (the input of ``run``).
    :returns: ``{"name", "project", "folder", "input", "stages": [{"id", "execution": {"name",
        "executable", "folder", "input"}}]}`` (stage output links left as they are).
    """
    plan = {**_prepare(req, str(req.object_id)), "db": req.db, "user": req.user_id}
    inputs = _checked_inputs(plan, {})
    stages = []
    for stage in plan["extra"]["stages"]:
        runnable = plan["runnables"][stage["id"]]
        stages.append({"id": stage["id"], "execution": {
            "name": stage.get("name") or runnable.get("name"), "executable": stage["executable"],
            "folder": _stage_folder(plan["body"], plan["extra"], stage, plan["base"]),
            "input": inputs[stage["id"]][1]}})
    return {"name": str(plan["body"].get("name") or plan["name"]), "project": plan["project"],
            "folder": plan["base"], "input": plan["input"], "stages": stages}


# -- analysis routes --------------------------------------------------------------------------------


def _load(req: Request, level: int = perms.VIEW) -> sqlite3.Row:
    row = jobs.load_execution(req, level)
    if row["cls"] != "analysis":
        raise APIError("ResourceNotFound", f"The entity {req.object_id} could not be found")
    return row


@route("analysis", "describe", on_object=True, readonly=True)
def analysis_describe(req: Request) -> dict:
    """``/analysis-xxxx/describe`` (``fields``, ``defaultFields``, ``io``).

    :param req: the request.
    :returns: the description, ``stages`` holding each stage's job description.
    """
    if "io" in req.body and not isinstance(req.body["io"], bool):
        raise APIError("InvalidInput", 'expected key "io" of input to be a boolean')
    return jobs.describe_execution(req.db, _load(req), req.body)


@route("analysis", "terminate", on_object=True)
def analysis_terminate(req: Request) -> dict:
    """``/analysis-xxxx/terminate``: terminate every unfinished stage; the analysis ends ``terminated``
    (``failed`` when it was already ``partially_failed``).

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = _load(req, perms.CONTRIBUTE)
    if row["state"] in runner.ACTIVE:
        if row["state"] == "in_progress":  # a partially_failed analysis ends failed once its stages stop
            model.set_state(req.db, row["id"], "terminating", req.now_ms, failure_reason="Terminated",
                            failure_message=f"The analysis was terminated by {req.user_id}")
        for job in runner.stage_jobs(req.db, row["id"]):
            runner.terminate_job_tree(req.db, job["id"], req.now_ms,
                                      f"The analysis {row['id']} was terminated by {req.user_id}")
    jobs._wake(req)
    return {"id": row["id"]}


def _change_tags(req: Request, add: bool) -> dict:
    row = _load(req, perms.CONTRIBUTE)
    tags = dm.string_list(req.body, "tags", required=True)
    current = loads(row["tags"], [])
    new = current + [t for t in tags if t not in current] if add else [t for t in current if t not in tags]
    req.db.execute("UPDATE executions SET tags=?, modified=? WHERE id=?", (dumps(new), req.now_ms, row["id"]))
    return {"id": row["id"]}


@route("analysis", "addTags", on_object=True)
def analysis_add_tags(req: Request) -> dict:
    """``/analysis-xxxx/addTags``.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    return _change_tags(req, True)


@route("analysis", "removeTags", on_object=True)
def analysis_remove_tags(req: Request) -> dict:
    """``/analysis-xxxx/removeTags``.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    return _change_tags(req, False)


@route("analysis", "setProperties", on_object=True)
def analysis_set_properties(req: Request) -> dict:
    """``/analysis-xxxx/setProperties`` (a null value removes the property).

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = _load(req, perms.CONTRIBUTE)
    merged = dm.merge_properties(loads(row["properties"], {}), dm.property_changes(req.body))
    req.db.execute("UPDATE executions SET properties=?, modified=? WHERE id=?",
                   (dumps(merged), req.now_ms, row["id"]))
    return {"id": row["id"]}


@route("analysis", "update", on_object=True)
def analysis_update(req: Request) -> dict:
    """``/analysis-xxxx/update``: ``name`` and ``details`` are updatable (``rank`` is accepted and ignored).

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = _load(req, perms.CONTRIBUTE)
    body = req.body
    dm.ignore_unknown(dict(body), {"name", "details", "rank"}, f"/{row['id']}/update")
    name: Optional[str] = dm.field(body, "name", str, None)
    details = dm.field(body, "details", (dict, list), None)
    if name is not None:
        req.db.execute("UPDATE executions SET name=? WHERE id=?", (name, row["id"]))
    if details is not None:
        req.db.execute("UPDATE executions SET details=? WHERE id=?", (dumps(details), row["id"]))
    req.db.execute("UPDATE executions SET modified=? WHERE id=?", (req.now_ms, row["id"]))
    return {"id": row["id"]}


def check_workflow_input(
    db: sqlite3.Connection, user_id: str, extra: dict, runnables: dict, run_input: Any
) -> dict:
    """Check one run input of a workflow as ``run`` does, stage by stage, creating nothing.

    :param db: a connection inside a transaction.
    :param user_id: the caller (linked objects must be visible to them).
    :param extra: the workflow's class blob.
    :param runnables: stage ID -> the stage executable's runnable description.
    :param run_input: the ``input`` of the run.
    :returns: the input keyed by stage ID (``<stage ID>.<field>``) or workflow-level input name.
    :raises APIError: InvalidInput naming the stage and field.
    """
    normalized = _normalize_input(extra, run_input)
    plan = {"db": db, "user": user_id, "extra": extra, "runnables": runnables, "input": normalized}
    _checked_inputs(plan, {})
    return normalized
