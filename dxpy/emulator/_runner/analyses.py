"""Analyses: the runner's side of workflow runs.

An analysis is a row of the ``executions`` table (``cls = 'analysis'``) whose
stages are jobs with ``analysis``/``stage`` set. The scheduler calls
:func:`advance` on every pass: an analysis is ``done`` when every stage job is
done (its output gathered from theirs). When a stage fails or is terminated,
stages waiting on its output fail (DependencyError) while independent stages
keep running: the analysis is ``partially_failed`` until every stage has
stopped, then ``failed``. It is ``terminated`` once a
``terminating`` analysis has no unfinished stage left. An analysis launched by a
job that failed or was terminated is terminated.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data.store import dumps, loads
from dxpy.emulator._runner import model

__all__ = ["ACTIVE", "advance", "stage_jobs", "analysis_output", "terminate_job_tree", "describe_analysis"]

logger = logging.getLogger(__name__)

#: States of an analysis whose stages may still be running (and that terminate acts on).
ACTIVE = ("in_progress", "partially_failed")


def stage_jobs(db: sqlite3.Connection, analysis_id: str) -> list:
    """The stage executions of an analysis, in stage order.

    :param db: a connection inside a transaction.
    :param analysis_id: the analysis.
    :returns: the rows.
    """
    return db.execute(
        "SELECT * FROM executions WHERE analysis=? AND parent_job IS NULL ORDER BY created, rowid",
        (analysis_id,),
    ).fetchall()


def analysis_output(db: sqlite3.Connection, row: sqlite3.Row) -> dict:
    """The output of an analysis from its stages' outputs.

    Without workflow-level outputs, every stage output appears as ``<stage ID>.<field>``;
    with them, each named output takes the value of its ``outputSource``.

    :param db: a connection inside a transaction.
    :param row: the analysis row.
    :returns: the output hash (fields of stages not done are left out).
    """
    runnable = loads(row["runnable"], {})
    by_stage: dict = {}
    for job in stage_jobs(db, row["id"]):
        if job["state"] == "done":
            by_stage[job["stage"]] = loads(job["output"], {}) or {}
    outputs = (runnable.get("workflow") or {}).get("outputs")
    if outputs is None:
        return {f"{stage}.{k}": v for stage, out in by_stage.items() for k, v in out.items()}
    result = {}
    for field in outputs:
        link = field["outputSource"]["$dnanexus_link"]
        stage = runnable.get("stage_ids", {}).get(link["stage"], link["stage"])
        value = (by_stage.get(stage) or {}).get(link["outputField"])
        if value is not None:
            result[field["name"]] = value
    return result


def terminate_job_tree(db: sqlite3.Connection, job_id: str, now_ms: int, message: str) -> None:
    """Ask every unfinished job of a job's tree to stop (the scheduler finishes them).

    :param db: a connection inside a write transaction.
    :param job_id: a job of the tree.
    :param now_ms: the time.
    :param message: the ``failureMessage`` recorded.
    """
    row = model.get(db, job_id)
    if row is None:
        return
    for member in model.unfinished_tree(db, row, frozenset({"terminating"})):
        model.set_state(db, member["id"], "terminating", now_ms, failure_reason="Terminated",
                        failure_message=message)


def _culprit(jobs: list) -> Optional[sqlite3.Row]:
    bad = [j for j in jobs if j["state"] in ("failed", "terminated")]
    if not bad:
        return None
    # the stage whose own failure started it all, rather than one that failed waiting on it
    first = [j for j in bad if j["failure_reason"] != "DependencyError"] or bad
    return min(first, key=lambda j: j["modified"])  # the earliest to stop (min keeps stage order on ties)


def _failure(culprit: sqlite3.Row) -> dict:
    """The failure columns an analysis takes from the stage that failed first."""
    origin = loads(culprit["failure_from"], None) or {"id": culprit["id"]}
    return {"failure_reason": culprit["failure_reason"] or "Terminated",
            "failure_message": culprit["failure_message"] or f"The stage {culprit['stage']} was terminated",
            "failure_from": dumps({**origin, "stage": culprit["stage"], "name": culprit["name"]})}


def _advance_one(db: sqlite3.Connection, row: sqlite3.Row, now_ms: int) -> bool:
    jobs = stage_jobs(db, row["id"])
    parent = model.get(db, row["parent_job"]) if row["parent_job"] else None
    if row["state"] in ACTIVE and parent is not None and parent["state"] in ("failed", "terminated"):
        # the job that launched the analysis is gone: its analysis goes with it
        message = f"The job {parent['id']} that launched this analysis ended {parent['state']}"
        model.set_state(db, row["id"], "terminating", now_ms, failure_reason="Terminated",
                        failure_message=message)
        for job in jobs:
            terminate_job_tree(db, job["id"], now_ms, message)
        return True
    if row["state"] == "terminating":
        if all(j["state"] in model.TERMINAL for j in jobs):
            model.set_state(db, row["id"], "terminated", now_ms)
            return True
        return False
    culprit = _culprit(jobs)
    if culprit is not None:
        # stages that do not need the failed one keep running: partially_failed until they stop
        if any(j["state"] not in model.TERMINAL for j in jobs):
            if row["state"] == "partially_failed":
                return False
            model.set_state(db, row["id"], "partially_failed", now_ms, **_failure(culprit))
            return True
        model.set_state(db, row["id"], "failed", now_ms, **_failure(culprit),
                        output=dumps(analysis_output(db, row)))
        return True
    if jobs and all(j["state"] == "done" for j in jobs):
        model.set_state(db, row["id"], "done", now_ms, output=dumps(analysis_output(db, row)))
        return True
    return False


def advance(db: sqlite3.Connection, now_ms: int) -> bool:
    """Move every unfinished analysis forward from the states of its stages.

    :param db: a connection inside a write transaction.
    :param now_ms: the time.
    :returns: True when something changed (another scheduling pass is useful).
    """
    changed = False
    rows = db.execute(
        "SELECT * FROM executions WHERE cls='analysis'"
        " AND state IN ('in_progress', 'partially_failed', 'terminating')"
    ).fetchall()
    for row in rows:
        changed = _advance_one(db, row, now_ms) or changed
    return changed


# -- describe ---------------------------------------------------------------------------------------

DEFAULT_DESCRIBE = [
    "id", "class", "name", "executable", "executableName", "workflow", "project", "folder", "state",
    "stages", "input", "originalInput", "runInput", "output", "launchedBy", "created", "modified",
    "stateTransitions", "rootExecution", "parentJob", "parentAnalysis", "analysis", "stage", "dependsOn",
    "tags", "properties", "details", "billTo", "priority", "totalPrice", "isFree", "region",
    "failureReason", "failureMessage", "failureFrom", "delayWorkspaceDestruction",
]
IO_FIELDS = ("input", "originalInput", "runInput", "output")


def describe_analysis(db: sqlite3.Connection, row: sqlite3.Row, body: dict, describe_job: Any) -> dict:
    """The describe output of an analysis.

    :param db: a connection inside a transaction.
    :param row: the analysis row.
    :param body: the describe input (``fields``, ``defaultFields``, ``io``).
    :param describe_job: ``fn(db, row, body)`` describing a stage's execution.
    :returns: the description.
    """
    from dxpy.emulator._routes.system import describe_fields

    runnable = loads(row["runnable"], {})
    workflow = dict(runnable.get("workflow") or {})
    stage_body = {"io": body["io"]} if isinstance(body.get("io"), bool) else {}
    fields = body.get("fields")
    stages: Optional[list] = None
    if not isinstance(fields, dict) or fields.get("stages") or body.get("defaultFields"):
        stages = [{"id": j["stage"], "execution": describe_job(db, j, stage_body)}
                  for j in stage_jobs(db, row["id"])]
    full: dict[str, Any] = {
        "id": row["id"], "class": "analysis", "name": row["name"], "executable": row["executable"],
        "executableName": row["executable_name"], "workflow": {"id": row["executable"], **workflow},
        "project": row["project"], "folder": row["folder"], "state": row["state"], "stages": stages,
        "input": loads(row["input"], {}), "originalInput": loads(row["original_input"], {}),
        "runInput": loads(row["run_input"], {}),
        "output": loads(row["output"]) if row["state"] in ("done", "failed") else None,
        "launchedBy": row["user_id"], "created": row["created"], "modified": row["modified"],
        "stateTransitions": loads(row["transitions"], []), "rootExecution": row["root_execution"],
        "parentJob": row["parent_job"], "parentAnalysis": row["parent_analysis"],
        "analysis": row["analysis"], "stage": row["stage"], "dependsOn": loads(row["depends_on"], []),
        "tags": loads(row["tags"], []), "properties": loads(row["properties"], {}),
        "details": loads(row["details"], {}), "billTo": row["user_id"], "priority": "normal",
        "totalPrice": 0, "isFree": True, "region": "aws:us-east-1", "delayWorkspaceDestruction": False,
    }
    for key, col in (("failureReason", "failure_reason"), ("failureMessage", "failure_message")):
        if row[col] is not None and row["state"] in ("failed", "partially_failed", "terminated",
                                                      "terminating"):
            full[key] = row[col]
    if row["state"] in ("failed", "partially_failed"):
        full["failureFrom"] = loads(row["failure_from"], None)
    default = [k for k in DEFAULT_DESCRIBE if k in full]
    if body.get("io") is False:
        default = [k for k in default if k not in IO_FIELDS]
    return describe_fields(body, default, full)
