"""``/system/findExecutions``, ``findJobs``, ``findAnalyses`` and ``describeExecutions``.

Simple column filters run in SQL; name patterns, tags and properties are
matched in Python on the candidate rows (executions are few compared with data
objects). Results are newest first (creation order within a millisecond); ``next`` is the
``starting`` value of the next page.
"""

from __future__ import annotations

import fnmatch
import re
import sqlite3
import time
from typing import Any, Optional

from dxpy.emulator._data.store import loads
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes.jobs import describe_execution
from dxpy.emulator._runner.scope import execution_level

__all__ = ["find_executions", "describe_executions"]

FIND_KEYS = {
    "class",
    "launchedBy",
    "executable",
    "project",
    "state",
    "originJob",
    "parentJob",
    "parentAnalysis",
    "rootExecution",
    "created",
    "modified",
    "name",
    "tags",
    "properties",
    "includeSubjobs",
    "includeRestarted",
    "describe",
    "limit",
    "starting",
    "id",
    "origin",
    "noCache",
    "rootExecutionRestarted",
}
_NULL_MEANS_NONE = ("parentJob", "parentAnalysis")
_COLUMNS = {
    "launchedBy": "user_id",
    "executable": "executable",
    "project": "project",
    "originJob": "origin_job",
    "rootExecution": "root_execution",
    "origin": "origin_job",
}


def _name_matcher(value: Any) -> Any:
    if isinstance(value, str):
        return lambda name: name == value
    if isinstance(value, dict) and isinstance(value.get("glob"), str):
        return lambda name: fnmatch.fnmatchcase(name, value["glob"])
    if isinstance(value, dict) and isinstance(value.get("regexp"), str):
        flags = re.IGNORECASE if "i" in str(value.get("flags", "")) else 0
        try:
            pattern = re.compile(value["regexp"], flags)
        except re.error as exc:
            raise APIError("InvalidInput", f'invalid regexp in key "name": {exc}') from exc
        return lambda name: pattern.search(name) is not None
    raise APIError("InvalidInput", 'expected key "name" of input to be a string, {"glob"} or {"regexp"}')


def _compose(value: Any, leaf: Any) -> Any:
    if isinstance(value, dict) and ("$and" in value or "$or" in value):
        op = "$and" if "$and" in value else "$or"
        parts = [_compose(v, leaf) for v in value[op]]
        return (
            (lambda row: all(p(row) for p in parts))
            if op == "$and"
            else (lambda row: any(p(row) for p in parts))
        )
    return leaf(value)


def _tag_leaf(value: Any) -> Any:
    if not isinstance(value, str):
        raise APIError("InvalidInput", 'expected key "tags" of input to hold strings')
    return lambda row: value in loads(row["tags"], [])


def _prop_leaf(value: Any) -> Any:
    if not isinstance(value, dict):
        raise APIError("InvalidInput", 'expected key "properties" of input to be a mapping')

    def match(row: sqlite3.Row) -> bool:
        props = loads(row["properties"], {})
        return all((k in props) if v is True else props.get(k) == v for k, v in value.items())

    return match


def _sql_conditions(body: dict) -> tuple:
    where, args = ["1=1"], []
    cls = body.get("class")
    if cls is not None:
        if cls not in ("job", "analysis"):
            raise APIError("InvalidInput", 'expected key "class" of input to be "job" or "analysis"')
        where.append("cls=?")
        args.append(cls)
    for key, column in _COLUMNS.items():
        if body.get(key) is not None:
            value = body[key]
            # dx find executions asks for several trees at once: a list of IDs
            many = isinstance(value, list) and value and all(isinstance(v, str) for v in value)
            if not isinstance(value, str) and not many:
                raise APIError("InvalidInput",
                               f'expected key "{key}" of input to be a string or array of strings')
            values = value if many else [value]
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            args += values
    for key, column in (("parentJob", "parent_job"), ("parentAnalysis", "parent_analysis")):
        if key in body:
            if body[key] is None:
                where.append(f"{column} IS NULL")
            elif isinstance(body[key], str):
                where.append(f"{column}=?")
                args.append(body[key])
            else:
                raise APIError("InvalidInput", f'expected key "{key}" of input to be a string or null')
    for key, column in (("state", "state"), ("id", "id")):
        if body.get(key) is not None:
            values = _strings(body[key], key)
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            args += values
    include_subjobs = body.get("includeSubjobs", True)
    if not isinstance(include_subjobs, bool):
        raise APIError("InvalidInput", 'expected key "includeSubjobs" of input to be a boolean')
    if not include_subjobs:
        where.append("parent_job IS NULL")
    for key in ("created", "modified"):
        for bound, op in (("after", ">="), ("before", "<=")):
            value = _time_bound(body, key, bound)
            if value is not None:
                where.append(f"{key}{op}?")
                args.append(value)
    return " AND ".join(where), args


def _strings(value: Any, key: str) -> list:
    """A string or a non-empty array of strings, as a list."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise APIError("InvalidInput", f'expected key "{key}" of input to be a string or an array of strings')
    return values


def _time_bound(body: dict, key: str, bound: str) -> Optional[int]:
    """``created.after`` and friends: ms since the epoch (a negative value counts back from now)."""
    bounds = body.get(key)
    if bounds is None:
        return None
    if not isinstance(bounds, dict) or set(bounds) - {"after", "before"}:
        raise APIError("InvalidInput", f'expected key "{key}" of input to be {{"after"?, "before"?}}')
    value = bounds.get(bound)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise APIError("InvalidInput", f'expected key "{key}.{bound}" of input to be an integer (ms)')
    return value if value >= 0 else int(time.time() * 1000) + value


def find_executions(req: Request, forced_class: Optional[str] = None) -> dict:
    """Search executions the caller can see.

    :param req: the request.
    :param forced_class: ``"job"``/``"analysis"`` for the dedicated routes.
    :returns: ``{"results": [{"id", "describe"?}], "next"}``.
    :raises APIError: InvalidInput for malformed filters.
    """
    # A null filter means "no filter" (upstream's dx sends some), except parentJob/parentAnalysis,
    # where null asks for executions without a parent.
    body = {k: v for k, v in req.body.items() if v is not None or k in _NULL_MEANS_NONE}
    if isinstance(body.get("executable"), str) and body["executable"].startswith("app-"):
        from dxpy.emulator._data.apps import version_id

        body["executable"] = version_id(req.db, req.user_id, body["executable"])  # app-NAME[/ALIAS]
    unknown = sorted(set(body) - FIND_KEYS)
    if unknown:
        raise APIError("InvalidInput", f"unexpected key {unknown[0]!r} in the input of findExecutions")
    if forced_class:
        body["class"] = forced_class
    where, args = _sql_conditions(body)
    starting = body.get("starting")
    if starting is not None and not (isinstance(starting, dict) and isinstance(starting.get("created"), int)
                                     and isinstance(starting.get("id"), str)):
        raise APIError("InvalidInput", 'expected key "starting" of input to be the "next" of an earlier page')
    if starting is not None:
        # rowid (insertion order) breaks ties between executions created in the same millisecond
        where += " AND (created < ? OR (created = ? AND rowid < (SELECT rowid FROM executions WHERE id=?)))"
        args += [int(starting["created"]), int(starting["created"]), str(starting["id"])]
    limit = body.get("limit", 1000)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise APIError("InvalidInput", 'expected key "limit" of input to be a positive integer')
    checks = []
    if "name" in body:
        matcher = _name_matcher(body["name"])
        checks.append(lambda row: matcher(row["name"]))
    if body.get("tags") is not None:
        checks.append(_compose(body["tags"], _tag_leaf))
    if body.get("properties") is not None:
        checks.append(_compose(body["properties"], _prop_leaf))
    describe = body.get("describe", False)
    if not isinstance(describe, (bool, dict)):
        raise APIError("InvalidInput", 'expected key "describe" of input to be a boolean or a mapping')
    results: list = []
    rows = req.db.execute(f"SELECT * FROM executions WHERE {where} ORDER BY created DESC, rowid DESC", args)
    visible: dict = {}
    last = None
    for row in rows:
        if not execution_level(req.db, req.user_id, row, visible):
            continue
        if not all(check(row) for check in checks):
            continue
        if len(results) == limit and last is not None:
            return {"results": results, "next": {"created": last["created"], "id": last["id"]}}
        entry: dict = {"id": row["id"]}
        if describe:
            entry["describe"] = describe_execution(
                req.db, row, describe if isinstance(describe, dict) else {}
            )
        results.append(entry)
        last = row
    return {"results": results, "next": None}


@route("system", "findExecutions", readonly=True)
def system_find_executions(req: Request) -> dict:
    """``/system/findExecutions``.

    :param req: the request.
    :returns: see :func:`find_executions`.
    """
    return find_executions(req)


@route("system", "findJobs", readonly=True)
def system_find_jobs(req: Request) -> dict:
    """``/system/findJobs``: findExecutions restricted to jobs.

    :param req: the request.
    :returns: see :func:`find_executions`.
    """
    return find_executions(req, "job")


@route("system", "findAnalyses", readonly=True)
def system_find_analyses(req: Request) -> dict:
    """``/system/findAnalyses``: findExecutions restricted to analyses.

    :param req: the request.
    :returns: see :func:`find_executions`.
    """
    return find_executions(req, "analysis")


_MAX_DESCRIBE = 1000


def _execution_entry(req: Request, execution_id: Any, options: dict) -> dict:
    """One result of describeExecutions: ``{"describe": ...}`` or ``{"error": ...}``."""
    from dxpy.emulator._runner import model

    row = model.get(req.db, execution_id) if isinstance(execution_id, str) else None
    if row is None or not execution_level(req.db, req.user_id, row):
        return {"error": {"type": "ResourceNotFound",
                          "message": f"The entity {execution_id} could not be found"}}
    return {"describe": describe_execution(req.db, row, options)}


@route("system", "describeExecutions", readonly=True)
def describe_executions(req: Request) -> dict:
    """``/system/describeExecutions``: describe many jobs and analyses in one call.

    Input: ``executions`` (array of job/analysis IDs, at most 1000) and the describe
    options ``fields``, ``defaultFields`` and ``io`` applied to each. An execution that
    does not exist or that the caller may not see gives an ``error`` entry
    (ResourceNotFound) in its place; the others are still described.

    :param req: the request.
    :returns: ``{"results": [{"describe": {...}} or {"error": {"type", "message"}}, ...]}``,
        parallel to ``executions``.
    :raises APIError: InvalidInput for a malformed input.
    """
    body = req.body
    unknown = sorted(set(body) - {"executions", "fields", "defaultFields", "io"})
    if unknown:
        raise APIError("InvalidInput", f"unexpected key {unknown[0]!r} in the input of describeExecutions")
    ids = body.get("executions")
    if not isinstance(ids, list) or not all(isinstance(i, str) and i for i in ids):
        raise APIError("InvalidInput", 'expected key "executions" of input to be an array of execution IDs')
    if len(ids) > _MAX_DESCRIBE:
        raise APIError("InvalidInput", f'key "executions" of input may hold at most {_MAX_DESCRIBE} IDs')
    if "io" in body and not isinstance(body["io"], bool):
        raise APIError("InvalidInput", 'expected key "io" of input to be a boolean')
    options = {k: body[k] for k in ("fields", "defaultFields", "io") if k in body}
    return {"results": [_execution_entry(req, i, options) for i in ids]}
