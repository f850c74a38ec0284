"""What a job may touch: the scope of its token, and its inputs staged in its workspace.

A job's token (``DX_SECURITY_CONTEXT``) is not the launching user's full power.
Requests made with it run under a :class:`~dxpy.emulator._data.perms.TokenScope`
built here from the job's row, capping the user's own levels:

* the job's workspace: CONTRIBUTE (read and write, as the platform gives jobs);
* the project context: the level the executable's ``access.project`` asks;
  without it VIEW for applets (which "have VIEW permissions into the projects
  from which they run") and nothing for apps;
* every other container: ``access.allProjects`` (default: none);
* ``/project/new`` only with ``access.projectCreation``; projects the job tree
  creates are then in scope (ADMINISTER).

The user's own level is never exceeded. The token is revoked when the job ends
(:func:`~dxpy.emulator._runner.scheduler.fail_tree` and friends delete it).

Because a job may not be able to read the containers its input objects live in,
the platform clones them into the job's workspace before the job starts;
:func:`stage_inputs` does the same.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms
from dxpy.emulator._data.store import loads

__all__ = ["execution_level", "job_scope", "stage_inputs", "WORKSPACE_LEVEL"]

logger = logging.getLogger(__name__)

#: A job's level in its own workspace.
WORKSPACE_LEVEL = perms.CONTRIBUTE


def _level(value: Any, default: int) -> int:
    if isinstance(value, str) and value in perms.LEVELS:
        return perms.LEVELS[value]
    return default


def job_scope(db: sqlite3.Connection, token_hash: str) -> Optional[perms.TokenScope]:
    """The scope of a job's token (the resolver registered with the permission checks).

    :param db: connection
    :param token_hash: digest of the token making the request
    :returns: the job's scope, or None when the token is not a job's
    """
    row = db.execute(
        "SELECT id, origin_job, project, workspace, runnable FROM executions WHERE token_hash=?",
        (token_hash,),
    ).fetchone()
    if row is None:
        return None
    runnable = loads(row["runnable"], {})
    access = runnable.get("access") if isinstance(runnable.get("access"), dict) else {}
    default = perms.VIEW if runnable.get("class", "applet") == "applet" else perms.NONE
    owner = row["origin_job"] or row["id"]
    levels = dict(perms.scope_grants(db, owner))
    if row["workspace"]:
        levels[row["workspace"]] = max(levels.get(row["workspace"], 0), WORKSPACE_LEVEL)
    project_level = _level(access.get("project"), default)
    levels[row["project"]] = max(levels.get(row["project"], 0), project_level)
    return perms.TokenScope(
        owner=owner,
        levels=levels,
        all_projects=_level(access.get("allProjects"), perms.NONE),
        project_creation=access.get("projectCreation") is True,
    )


def stage_inputs(db: sqlite3.Connection, workspace: str, job_input: Any, now_ms: int) -> list:
    """Clone the data objects a job's input links to into its workspace (root folder).

    :param db: connection inside a write transaction
    :param workspace: the job's workspace
    :param job_input: the job's resolved input
    :param now_ms: the time
    :returns: the IDs cloned
    """
    staged = []
    for object_id in dict.fromkeys(i for i in dm.extract_links(job_input) if isinstance(i, str)):
        if dm.get_copy(db, workspace, object_id) is not None:
            continue
        obj = dm.get_object(db, object_id)
        source = db.execute("SELECT * FROM object_copies WHERE object_id=? ORDER BY created LIMIT 1",
                            (object_id,)).fetchone()
        if obj is None or source is None:
            continue
        dm.insert_copy(db, obj, workspace, source["name"], "/", loads(source["tags"], []),
                       loads(source["properties"], {}), now_ms, now_ms)
        staged.append(object_id)
    return staged


def execution_level(
    db: sqlite3.Connection, user_id: str, row: sqlite3.Row, cache: Optional[dict] = None
) -> int:
    """The caller's level over an execution (job or analysis).

    A user reaches their own executions fully; other executions -- and, for a
    job's token, every execution -- through the caller's level in the
    execution's project or workspace (so a job sees its own tree, which shares
    its workspace, but not the user's executions elsewhere).

    :param db: connection
    :param user_id: the caller
    :param row: the ``executions`` row
    :param cache: container ID -> level, reused across calls of one request
    :returns: the level (``NONE``: the execution is invisible to the caller)
    """
    if row["user_id"] == user_id and perms.current_scope() is None:
        return perms.ADMINISTER
    cache = {} if cache is None else cache
    best = perms.NONE
    for cid in (row["project"], row["workspace"]):
        if not cid:
            continue
        if cid not in cache:
            cache[cid] = perms.level_of(db, user_id, cid) or perms.NONE
        best = max(best, cache[cid])
    return best
