"""Executions: ``run`` of applets and apps, ``/job/new``, and the job routes.

Jobs live in the runner's ``executions`` table (:mod:`dxpy.emulator._runner.model`);
the scheduler (:mod:`dxpy.emulator._runner.scheduler`) runs them. Handlers only
change rows and wake the scheduler, whose pass waits for the handler's
transaction to commit.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.ids import is_id, new_id
from dxpy.emulator._data.store import dumps, loads
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, ServerConfig, route
from dxpy.emulator._routes.system import describe_fields, hash_token
from dxpy.emulator._runner import model
from dxpy.emulator._runner.scheduler import Scheduler
from dxpy.emulator._runner.scope import execution_level, job_scope
from dxpy.emulator._runner.specs import check_input

logger = logging.getLogger(__name__)

DEFAULT_MAX_JOBS = 4

perms.register_scope_resolver(job_scope)
RUN_KEYS = {
    "input",
    "project",
    "folder",
    "name",
    "dependsOn",
    "tags",
    "properties",
    "details",
    "systemRequirements",
    "systemRequirementsByExecutable",
    "timeoutPolicyByExecutable",
    "executionPolicy",
    "delayWorkspaceDestruction",
    "ignoreReuse",
    "allowSSH",
    "debug",
    "priority",
    "costLimit",
    "headJobOnDemand",
    "rank",
    "detach",
    "nonce",
    "stageSystemRequirements",
    "instanceType",
    "singleContext",
    "preserveJobOutputs",
    "detailedJobMetrics",
}


def on_server_start(server: ServerConfig) -> None:
    """Start the job scheduler of a server (and fail jobs a previous run left running).

    :param server: the server configuration; the scheduler goes in ``server.extra["scheduler"]``.
    """
    old = server.extra.get("scheduler")
    if old is not None:
        old.stop()
    assert server.store is not None
    max_jobs = int(server.extra.get("max_jobs") or os.environ.get("DX_EMULATOR_MAX_JOBS") or DEFAULT_MAX_JOBS)
    scheduler = Scheduler(server.store, server.base_url, os.path.join(server.state_dir, "jobs"), max_jobs,
                          blob_dir=server.blob_dir)
    scheduler.start()
    server.extra["scheduler"] = scheduler


def _wake(req: Request) -> None:
    scheduler = req.server.extra.get("scheduler")
    if scheduler is not None:
        scheduler.wake()


def calling_job(req: Request) -> Optional[sqlite3.Row]:
    """The running job whose token made this request, if any.

    :param req: the request.
    :returns: the job row or None for a user token.
    """
    header = req.headers.get("authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return req.db.execute(
        "SELECT * FROM executions WHERE token_hash=?",
        (hash_token(token.strip()),),
    ).fetchone()


def _timeout_ms(runnable: dict, function: str, body: dict) -> Optional[int]:
    policy = dict(runnable.get("timeoutPolicy") or {})
    by_exec = (body.get("timeoutPolicyByExecutable") or {}).get(runnable.get("id"))
    if isinstance(by_exec, dict):
        policy.update(by_exec)
    limit = policy.get(function) or policy.get("*")
    if not isinstance(limit, dict):
        return None
    factors = {"days": 86400000, "hours": 3600000, "minutes": 60000}
    total = sum(int(limit.get(unit, 0)) * factor for unit, factor in factors.items())
    return total or None


def create_job(
    db: sqlite3.Connection,
    now: int,
    user_id: str,
    runnable: dict,
    body: dict,
    job_input: dict,
    project: str,
    parent: Optional[sqlite3.Row] = None,
    function: str = "main",
) -> str:
    """Insert a new job (state ``idle``) for the scheduler to pick up.

    :param db: a connection inside a write transaction.
    :param now: the time.
    :param user_id: who launches it.
    :param runnable: the executable (as returned by ``load_runnable``).
    :param body: the run/new input (name, folder, dependsOn, tags, properties, details...).
    :param job_input: the checked input.
    :param project: the project context.
    :param parent: the parent job row for subjobs.
    :param function: the entry point.
    :returns: the new job ID.
    """
    from dxpy.emulator._routes.projects import create_container

    job_id = new_id("job")
    depends = dm.string_list(body, "dependsOn", [])
    if parent is None:
        workspace = create_container(db, user_id, now, name=f"workspace for {job_id}")
        origin, root = job_id, job_id
    else:
        workspace, origin, root = parent["workspace"], parent["origin_job"], parent["root_execution"]
    name = body.get("name") or (runnable.get("name", "") + ("" if function == "main" else f":{function}"))
    db.execute(
        "INSERT INTO executions (id, cls, user_id, project, folder, workspace, name, executable,"
        " executable_name, function, state, parent_job, origin_job, root_execution, runnable, original_input,"
        " run_input, input,"
        " depends_on, tags, properties, details, transitions, timeout_ms, created, modified)"
        " VALUES (?, 'job', ?, ?, ?, ?, ?, ?, ?, ?, 'idle', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)",
        (
            job_id,
            user_id,
            project,
            dm.normalize_path(body.get("folder", parent["folder"] if parent else "/")),
            workspace,
            str(name),
            runnable.get("id", ""),
            runnable.get("name", ""),
            function,
            parent["id"] if parent else None,
            origin,
            root,
            dumps(runnable),
            dumps(body.get("input", {})),
            dumps(body.get("input", {})),
            dumps(job_input),
            dumps(depends),
            dumps(dm.string_list(body, "tags", [])),
            dumps(dm.properties_input(body)),
            dumps(body.get("details", {})),
            _timeout_ms(runnable, function, body),
            now,
            now,
        ),
    )
    return job_id


def run_executable(req: Request, executable: str) -> dict:
    """Common part of ``/applet-xxxx/run`` and ``/app-xxxx/run``.

    :param req: the request.
    :param executable: the executable ID or app path.
    :returns: ``{"id": "job-xxxx"}``.
    :raises APIError: InvalidInput, PermissionDenied, ResourceNotFound.
    """
    from dxpy.emulator._data.executables import load_runnable

    body = dict(req.body)
    dm.ignore_unknown(body, RUN_KEYS, f"/{executable}/run")
    runnable = load_runnable(req.db, req.user_id, executable)
    caller = calling_job(req)
    project = body.get("project") or (caller["workspace"] if caller is not None else None)
    if not isinstance(project, str) or not is_id(project, ("project", "container")):
        raise APIError("InvalidInput", 'expected key "project" of input to be a project ID')
    perms.require(req.db, req.user_id, project, perms.CONTRIBUTE)
    effective = check_input(req.db, req.user_id, body.get("input", {}), runnable.get("inputSpec"))
    job_id = create_job(req.db, req.now_ms, req.user_id, runnable, body, effective, project, parent=caller)
    _wake(req)
    return {"id": job_id}


@route("applet", "run", on_object=True, nonce=True)
def applet_run(req: Request) -> dict:
    """``/applet-xxxx/run``: start a job running the applet's ``main``.

    :param req: the request.
    :returns: ``{"id": "job-xxxx"}``.
    """
    return run_executable(req, str(req.object_id))


@route("app", "run", on_object=True, nonce=True)
def app_run(req: Request) -> dict:
    """``/app-xxxx/run`` (also ``app-name``, ``app-name/version``): start a job running the app.

    :param req: the request.
    :returns: ``{"id": "job-xxxx"}``.
    """
    name = str(req.object_id) + (f"/{req.alias}" if req.alias else "")
    return run_executable(req, name)


@route("job", "new", nonce=True)
def job_new(req: Request) -> dict:
    """``/job/new``: a subjob running another entry point of the calling job's code (job token only).

    :param req: the request.
    :returns: ``{"id": "job-xxxx"}``.
    :raises APIError: PermissionDenied for a user token, InvalidInput for bad input.
    """
    caller = calling_job(req)
    if caller is None or caller["state"] != "running":
        raise APIError("PermissionDenied", "/job/new can only be called with the token of a running job")
    body = dict(req.body)
    dm.ignore_unknown(body, RUN_KEYS | {"function"}, "/job/new")
    function = body.get("function")
    if not isinstance(function, str) or not function:
        raise APIError("InvalidInput", 'expected key "function" of input to be a non-empty string')
    if not isinstance(body.get("input", {}), dict):
        raise APIError("InvalidInput", 'expected key "input" of input to be a JSON object')
    runnable = loads(caller["runnable"], {})
    job_id = create_job(
        req.db,
        req.now_ms,
        req.user_id,
        runnable,
        body,
        dict(body.get("input", {})),
        caller["project"],
        parent=caller,
        function=function,
    )
    _wake(req)
    return {"id": job_id}


# -- describe and updates -------------------------------------------------------------------------

DEFAULT_DESCRIBE = [
    "id",
    "class",
    "name",
    "executable",
    "executableName",
    "applet",
    "app",
    "resources",
    "projectCache",
    "project",
    "folder",
    "workspace",
    "function",
    "state",
    "parentJob",
    "originJob",
    "rootExecution",
    "parentAnalysis",
    "analysis",
    "stage",
    "input",
    "originalInput",
    "runInput",
    "output",
    "dependsOn",
    "launchedBy",
    "created",
    "modified",
    "startedRunning",
    "stoppedRunning",
    "stateTransitions",
    "failureReason",
    "failureMessage",
    "failureFrom",
    "tags",
    "properties",
    "details",
    "runSpec",
    "timeoutPolicy",
    "systemRequirements",
    "instanceType",
    "billTo",
    "totalPrice",
    "isFree",
    "region",
    "priority",
    "costLimit",
    "delayWorkspaceDestruction",
]
IO_FIELDS = ("input", "originalInput", "runInput", "output")


def describe_execution(db: sqlite3.Connection, row: sqlite3.Row, body: dict) -> dict:
    """The describe output of a job.

    :param db: a connection inside a transaction.
    :param row: the execution row.
    :param body: the describe input (``io``, ``fields``, ``defaultFields``).
    :returns: the description.
    """
    if row["cls"] == "analysis":
        from dxpy.emulator._runner.analyses import describe_analysis

        return describe_analysis(db, row, body, describe_execution)
    runnable = loads(row["runnable"], {})
    executable = row["executable"]
    launched = db.execute("SELECT handle FROM users WHERE id=?", (row["user_id"],)).fetchone()
    full: dict[str, Any] = {
        "id": row["id"],
        "class": "job",
        "name": row["name"],
        "executable": executable,
        "executableName": row["executable_name"],
        "project": row["project"],
        "folder": row["folder"],
        "workspace": row["workspace"],
        "function": row["function"],
        "state": row["state"],
        "parentJob": row["parent_job"],
        "originJob": row["origin_job"],
        "rootExecution": row["root_execution"],
        "parentAnalysis": row["parent_analysis"],
        "analysis": row["analysis"],
        "stage": row["stage"],
        "input": loads(row["input"], {}),
        "originalInput": loads(row["original_input"], {}),
        "runInput": loads(row["run_input"], {}),
        "output": loads(row["output"]) if row["state"] in ("done", "waiting_on_output") else None,
        "dependsOn": loads(row["depends_on"], []),
        "launchedBy": row["user_id"] if launched is None else row["user_id"],
        "created": row["created"],
        "modified": row["modified"],
        "startedRunning": row["started_running"],
        "stoppedRunning": row["stopped_running"],
        "stateTransitions": loads(row["transitions"], []),
        "tags": loads(row["tags"], []),
        "properties": loads(row["properties"], {}),
        "details": loads(row["details"], {}),
        "runSpec": runnable.get("runSpec", {}),
        "timeoutPolicy": runnable.get("timeoutPolicy", {}),
        "systemRequirements": (runnable.get("runSpec") or {}).get("systemRequirements", {}),
        "instanceType": "emulator_local",
        "billTo": row["user_id"],
        "totalPrice": 0,
        "isFree": True,
        "region": "aws:us-east-1",
        "priority": "normal",
        "costLimit": None,
        "delayWorkspaceDestruction": False,
    }
    full["applet" if executable.startswith("applet-") else "app"] = executable
    if runnable.get("class") == "app":  # an app's job also names the app's applet and resources container
        full.update(applet=runnable.get("applet"), resources=runnable.get("resources"),
                    projectCache=runnable.get("resources"))
    if row["state"] == "failed":
        full["failureFrom"] = loads(row["failure_from"], None)
    for key, col in (("failureReason", "failure_reason"), ("failureMessage", "failure_message")):
        if row[col] is not None:
            full[key] = row[col]
    if row["state"] != "failed":
        full.pop("failureFrom", None)
    default = [k for k in DEFAULT_DESCRIBE if k in full]
    if body.get("io") is False:
        default = [k for k in default if k not in IO_FIELDS]
    return describe_fields(body, default, full)


def load_execution(req: Request, level: int = perms.VIEW) -> sqlite3.Row:
    """The execution named in the URL, checking the caller's access to its project.

    :param req: the request.
    :param level: the access level needed in the execution's project.
    :returns: the row.
    :raises APIError: ResourceNotFound, PermissionDenied.
    """
    row = model.get(req.db, str(req.object_id))
    if row is None:
        raise APIError("ResourceNotFound", f"The entity {req.object_id} could not be found")
    have = execution_level(req.db, req.user_id, row)
    if not have:
        raise APIError("ResourceNotFound", f"The entity {req.object_id} could not be found")
    if have < level:
        raise APIError("PermissionDenied", f"{level_name(level)} permission required in {row['project']}")
    return row


def level_name(level: int) -> str:
    """Upper-case name of a permission level.

    :param level: the level.
    :returns: e.g. ``"VIEW"``.
    """
    return str(perms.level_name(level))


@route("job", "describe", on_object=True, readonly=True)
def job_describe(req: Request) -> dict:
    """``/job-xxxx/describe``.

    :param req: the request.
    :returns: the description (``io: false`` drops the input/output fields).
    """
    body = req.body
    if "io" in body and not isinstance(body["io"], bool):
        raise APIError("InvalidInput", 'expected key "io" of input to be a boolean')
    return describe_execution(req.db, load_execution(req), body)


@route("job", "terminate", on_object=True)
def job_terminate(req: Request) -> dict:
    """``/job-xxxx/terminate``: terminate the job and every unfinished job of its tree.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = load_execution(req, perms.CONTRIBUTE)
    for member in model.unfinished_tree(req.db, row):
        target = "terminating" if member["state"] in ("running", "waiting_on_output") else "terminated"
        if member["state"] == "terminating":
            continue
        model.set_state(
            req.db,
            member["id"],
            target,
            req.now_ms,
            failure_reason="Terminated",
            failure_message=f"The job was terminated by {req.user_id}",
        )
    _wake(req)
    return {"id": row["id"]}


def _update_list(req: Request, add: bool) -> dict:
    row = load_execution(req, perms.CONTRIBUTE)
    tags = dm.string_list(req.body, "tags", required=True)
    current = loads(row["tags"], [])
    new = current + [t for t in tags if t not in current] if add else [t for t in current if t not in tags]
    req.db.execute("UPDATE executions SET tags=? WHERE id=?", (dumps(new), row["id"]))
    return {"id": row["id"]}


@route("job", "addTags", on_object=True)
def job_add_tags(req: Request) -> dict:
    """``/job-xxxx/addTags``.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    return _update_list(req, True)


@route("job", "removeTags", on_object=True)
def job_remove_tags(req: Request) -> dict:
    """``/job-xxxx/removeTags``.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    return _update_list(req, False)


@route("job", "setProperties", on_object=True)
def job_set_properties(req: Request) -> dict:
    """``/job-xxxx/setProperties`` (a null value removes the property).

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = load_execution(req, perms.CONTRIBUTE)
    merged = dm.merge_properties(loads(row["properties"], {}), dm.property_changes(req.body))
    req.db.execute("UPDATE executions SET properties=? WHERE id=?", (dumps(merged), row["id"]))
    return {"id": row["id"]}


@route("job", "update", on_object=True)
def job_update(req: Request) -> dict:
    """``/job-xxxx/update``: ``allowSSH`` and ``rank`` are accepted; nothing else is updatable.

    :param req: the request.
    :returns: ``{"id": ...}``.
    """
    row = load_execution(req, perms.CONTRIBUTE)
    dm.ignore_unknown(dict(req.body), {"allowSSH", "rank"}, f"/{row['id']}/update")
    return {"id": row["id"]}


@route("job", "getLog", on_object=True, readonly=True)
def job_get_log(req: Request) -> dict:
    """``/job-xxxx/getLog``: the job's stored log messages (also streamed: ``_protocol.logstream``).

    Input ``{"afterSeq": N, "limit": M}`` pages through the messages.

    :param req: the request.
    :returns: ``{"id", "state", "logs": [{"seq", "timestamp", "source", "level", "msg"}], "next"}``.
    """
    row = load_execution(req)
    after = dm.field(req.body, "afterSeq", int, 0)
    limit = dm.field(req.body, "limit", int, 1000)
    logs = model.read_logs(req.db, row["id"], after, max(1, min(limit, 10000)))
    return {"id": row["id"], "state": row["state"], "logs": logs, "next": logs[-1]["seq"] if logs else after}


# -- job identity tokens ----------------------------------------------------------------------------

#: The ``iss`` claim of the emulator's job identity tokens.
IDENTITY_ISSUER = "https://job-oidc.dx-emulator.invalid"
#: How long a job identity token stays valid (seconds).
IDENTITY_TTL_S = 3600
#: The claims that make up ``sub`` when ``subject_claims`` is not given.
DEFAULT_SUBJECT_CLAIMS = ("launched_by", "job_worker_ipv4")
_AUDIENCE_RE = re.compile(r"^[A-Za-z0-9._-]+$")


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def identity_key(secret: bytes) -> bytes:
    """The HS256 key of job identity tokens, derived from the store's secret.

    :param secret: the server's signing secret.
    :returns: the key (tests use it to check signatures).
    """
    return hmac.new(secret, b"dx-emulator job identity tokens", hashlib.sha256).digest()


def _identity_claims(req: Request, row: sqlite3.Row, audience: str, subject_claims: list) -> dict:
    root = model.get(req.db, row["root_execution"]) or row
    now = req.now_ms // 1000
    claims: dict[str, Any] = {
        "iss": IDENTITY_ISSUER, "aud": audience, "iat": now, "nbf": now, "exp": now + IDENTITY_TTL_S,
        "job_id": row["id"], "root_execution_id": row["root_execution"], "origin_job_id": row["origin_job"],
        "parent_job_id": row["parent_job"], "analysis_id": row["analysis"], "project_id": row["project"],
        "launched_by": row["user_id"], "bill_to": row["user_id"], "executable_id": row["executable"],
        "root_executable_id": root["executable"], "root_executable_name": root["executable_name"],
        "region": "aws:us-east-1", "job_worker_ipv4": "127.0.0.1", "job_try": 0,
    }
    unknown = [c for c in subject_claims if c not in claims or c in ("iss", "aud", "iat", "nbf", "exp")]
    if unknown:
        raise APIError("InvalidInput", f'"subject_claims" names unknown claim {unknown[0]!r}')
    claims["sub"] = ";".join(f"{c};{claims[c]}" for c in subject_claims)
    return claims


@route("job", "getIdentityToken", on_object=True)
def job_get_identity_token(req: Request) -> dict:
    """``/job-xxxx/getIdentityToken``: an OIDC-style JWT naming the job (the job's own token only).

    The token is signed HS256 with a key derived from the store's secret
    (:func:`identity_key`): it has the platform's shape and claims, but no third
    party can verify it (there is no public key to publish).

    :param req: the request (``audience``, optional ``subject_claims``).
    :returns: ``{"Token": "<header>.<payload>.<signature>"}``.
    :raises APIError: PermissionDenied unless called with that running job's token,
        InvalidInput for a bad ``audience``/``subject_claims``.
    """
    caller = calling_job(req)
    if caller is None or caller["id"] != req.object_id or caller["state"] != "running":
        raise APIError("PermissionDenied", f"/{req.object_id}/getIdentityToken can only be called with the "
                                           "token of that running job")
    body = req.body
    dm.ignore_unknown(dict(body), {"audience", "subject_claims"}, f"/{req.object_id}/getIdentityToken")
    audience = body.get("audience")
    if not isinstance(audience, str) or not _AUDIENCE_RE.match(audience):
        raise APIError("InvalidInput", 'expected key "audience" of input to be a non-empty string of '
                                       'letters, digits, ".", "_" or "-"')
    subject_claims = body.get("subject_claims", list(DEFAULT_SUBJECT_CLAIMS))
    if not isinstance(subject_claims, list) or not subject_claims or \
            not all(isinstance(c, str) and c for c in subject_claims):
        raise APIError("InvalidInput", 'expected key "subject_claims" of input to be a non-empty array of '
                                       'claim names')
    claims = _identity_claims(req, caller, audience, subject_claims)
    header = {"alg": "HS256", "typ": "JWT", "kid": "dx-emulator"}
    signing_input = ".".join(_b64url(json.dumps(part, separators=(",", ":")).encode())
                             for part in (header, claims))
    key = identity_key(req.server.secret)
    signature = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return {"Token": signing_input + "." + _b64url(signature)}


def on_server_stop(server: ServerConfig) -> None:
    """Stop the scheduler (killing job processes) before the server closes its store.

    Jobs it was running stay ``running`` in the store; the next start marks them failed.

    :param server: the server configuration.
    """
    scheduler = server.extra.pop("scheduler", None)
    if scheduler is not None:
        scheduler.stop()
