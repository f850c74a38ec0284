"""Search routes: ``findDataObjects``, ``findProjects``, ``resolveDataObjects``, ``describeDataObjects``.

``findDataObjects`` runs one indexed query per container, in container-ID order,
and pages with a keyset cursor ``{"project", "id", "value"}`` (``value`` is the
sort key of the last result), so pages never repeat a result and a page costs
the same however deep it is.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from typing import Any, Optional

from dxpy.emulator._data import datamodel as dm
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.ids import is_id
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._protocol.registry import Request, route
from dxpy.emulator._routes.objects import check_object_id, describe_copies, describe_object, resolve_copy
from dxpy.emulator._routes.projects import describe_container

logger = logging.getLogger(__name__)

MAX_LIMIT = 1000
#: A page is built from the candidates of its most selective filter when that filter
#: matches at most this many copies; otherwise the ordering index is walked.
DRIVE_THRESHOLD = 5000
STATES = ("open", "closing", "closed", "any")
VISIBILITIES = ("visible", "hidden", "either")
ARCHIVAL_STATES = ("live", "archival", "archived", "unarchiving", "any")

_BAD_STARTING = 'expected key "starting" of input to be the "next" value of a previous page'
_FIND_KEYS = {
    "class", "state", "visibility", "name", "id", "type", "tag", "tags", "properties", "link", "scope",
    "sortBy", "level", "modified", "created", "region", "archivalState", "describe", "starting", "limit",
}


# -- shared pieces --------------------------------------------------------------------------------


def glob_to_sqlite(pattern: str) -> str:
    """Translate a platform glob (``*``, ``?``, backslash escapes) into an SQLite GLOB.

    :param pattern: the platform pattern
    :returns: a pattern for SQLite's case-sensitive ``GLOB``
    """
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            i += 1
            nxt = pattern[i]
            out.append(f"[{nxt}]" if nxt in "*?[" else nxt)
        elif ch == "[":
            out.append("[[]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _compile_regexp(pattern: Any, flags: Any, key: str) -> re.Pattern:
    if not isinstance(pattern, str):
        raise APIError("InvalidInput", f'expected "{key}.regexp" to be a string')
    value = 0
    for flag in flags or "":
        if flag not in "imsx":
            raise APIError("InvalidInput", f'unsupported regular expression flag "{flag}" in "{key}.flags"')
        value |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[flag]
    try:
        return re.compile(pattern, value)
    except re.error as exc:
        raise APIError("InvalidInput", f'invalid regular expression in "{key}": {exc}') from None


def name_filter(value: Any, column: str, key: str = "name") -> tuple[str, list, Optional[re.Pattern]]:
    """SQL condition for a name filter (exact, glob or regexp).

    :param value: the filter
    :param column: column to compare
    :param key: input key, for messages
    :returns: ``(sql, args, regexp)``; a regexp is applied with the ``dx_regexp`` SQL function
    :raises APIError: InvalidInput
    """
    if isinstance(value, str):
        return f"{column}=?", [value], None
    if isinstance(value, dict) and isinstance(value.get("glob"), str) and len(value) == 1:
        return f"{column} GLOB ?", [glob_to_sqlite(value["glob"])], None
    if isinstance(value, dict) and "regexp" in value and set(value) <= {"regexp", "flags"}:
        compiled = _compile_regexp(value["regexp"], value.get("flags"), key)
        return f"dx_regexp(?, {column})", [str(id(compiled))], compiled
    raise APIError("InvalidInput", f'expected key "{key}" of input to be a string or a glob/regexp mapping')


def install_regexps(db: sqlite3.Connection, patterns: list) -> None:
    """Make the regexps returned by :func:`name_filter` available to SQL as ``dx_regexp``.

    :param db: the request's connection
    :param patterns: compiled patterns
    """
    table = {str(id(p)): p for p in patterns}

    def dx_regexp(key: str, text: Optional[str]) -> int:
        return int(text is not None and table[key].search(text) is not None)

    db.create_function("dx_regexp", 2, dx_regexp, deterministic=True)


def composition(value: Any, key: str, leaf: Any) -> tuple[str, list]:
    """SQL for a string or ``{"$and": [...]}`` / ``{"$or": [...]}`` composition.

    :param value: the filter value
    :param key: input key, for messages
    :param leaf: ``fn(item) -> (sql, args)`` for one leaf value
    :returns: ``(sql, args)``
    :raises APIError: InvalidInput
    """
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("$and", "$or"):
        op, items = next(iter(value.items()))
        if not isinstance(items, list) or not items:
            raise APIError("InvalidInput", f'expected "{key}.{op}" to be a non-empty array')
        parts = [composition(item, key, leaf) for item in items]
        joiner = " AND " if op == "$and" else " OR "
        return "(" + joiner.join(p[0] for p in parts) + ")", [a for p in parts for a in p[1]]
    return leaf(value)


def _string_leaf(key: str, sql: str) -> Any:
    def leaf(value: Any) -> tuple[str, list]:
        if not isinstance(value, str):
            msg = f'expected key "{key}" of input to be a string or $and/$or of strings'
            raise APIError("InvalidInput", msg)
        return sql, [value]

    return leaf


def _props_leaf(exists_sql: str, value_sql: str) -> Any:
    def leaf(value: Any) -> tuple[str, list]:
        if not isinstance(value, dict) or not value:
            raise APIError("InvalidInput", 'expected key "properties" of input to be a non-empty mapping')
        parts, args = [], []
        for k, v in value.items():
            if k in ("$and", "$or"):
                sql, more = composition({k: v}, "properties", leaf)
                parts.append(sql)
                args.extend(more)
            elif v is True:
                parts.append(exists_sql)
                args.append(k)
            elif v is False:
                parts.append("NOT " + exists_sql)
                args.append(k)
            elif isinstance(v, str):
                parts.append(value_sql)
                args.extend([k, v])
            else:
                msg = f'expected value of property "{k}" to be a string or a boolean'
                raise APIError("InvalidInput", msg)
        return "(" + " AND ".join(parts) + ")", args

    return leaf


def range_filter(body: dict, key: str, column: str) -> tuple[list, list]:
    """SQL for a ``{"after": ms, "before": ms}`` filter.

    :param body: request body
    :param key: ``created`` or ``modified``
    :param column: column name
    :returns: ``(conditions, args)``
    :raises APIError: InvalidInput
    """
    value = dm.field(body, key, dict, None)
    conds: list = []
    args: list = []
    if value is None:
        return conds, args
    for bound, op in (("after", ">="), ("before", "<=")):
        if bound in value:
            ms = value[bound]
            if not isinstance(ms, int) or isinstance(ms, bool):
                raise APIError("InvalidInput", f'expected "{key}.{bound}" to be an integer timestamp')
            conds.append(f"{column}{op}?")
            args.append(ms)
    return conds, args


def describe_input(value: Any) -> Optional[dict]:
    """Normalise a ``describe`` search option into a describe input.

    :param value: False/None, True, or a describe-input mapping
    :returns: None when no description is wanted, else the describe input
    """
    if value is None or value is False:
        return None
    if value is True:
        return {}
    if isinstance(value, dict):
        return value
    raise APIError("InvalidInput", 'expected key "describe" of input to be a boolean or a mapping')


def _and_leaves(value: Any) -> list:
    """Strings that must all match in a string / ``$and`` filter (none for ``$or``).

    :param value: the filter value
    :returns: list of strings
    """
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and list(value) == ["$and"] and isinstance(value["$and"], list):
        return [x for item in value["$and"] for x in _and_leaves(item)]
    return []


def _limit(body: dict) -> int:
    limit = dm.field(body, "limit", int, MAX_LIMIT)
    if limit < 1:
        raise APIError("InvalidInput", 'expected key "limit" of input to be a positive integer')
    return min(limit, MAX_LIMIT)


def _level_input(body: dict, default: int) -> int:
    if "level" not in body:
        return default
    level = perms.parse_level(body["level"])
    assert level is not None
    return level


# -- findDataObjects ------------------------------------------------------------------------------


class _Query:
    """A parsed findDataObjects query: filter SQL over ``object_copies c`` and the ordering."""

    def __init__(self, body: dict) -> None:
        self.conds: list = []
        self.args: list = []
        self.regexps: list = []
        #: ``(sql selecting object_id, args, per_container)`` for filters that must all hold;
        #: a page may be driven from the one with the fewest rows (see :meth:`page`).
        self.drivers: list = []
        self._basic(body)
        self._sets(body)
        self._ordering(body)

    def _add(self, sql: str, args: list) -> None:
        self.conds.append(sql)
        self.args.extend(args)

    def _basic(self, body: dict) -> None:
        cls = dm.field(body, "class", str, None)
        if cls is not None:
            self._add("c.class=?", [cls])
        state = dm.field(body, "state", str, "any")
        if state not in STATES:
            raise APIError("InvalidInput", 'expected key "state" of input to be one of ' + ", ".join(STATES))
        if state != "any":
            self._add("c.state=?", [state])
        visibility = dm.field(body, "visibility", str, "visible")
        if visibility not in VISIBILITIES:
            msg = 'expected key "visibility" of input to be visible, hidden or either'
            raise APIError("InvalidInput", msg)
        if visibility != "either":
            self._add("c.hidden=?", [int(visibility == "hidden")])
        if "name" in body:
            sql, args, regexp = name_filter(body["name"], "c.name")
            self._add(sql, args)
            if regexp is None and isinstance(body["name"], str):
                self.drivers.append(("SELECT object_id FROM object_copies WHERE container_id=? AND name=?",
                                     args, True))
            if regexp is not None:
                self.regexps.append(regexp)
        if "id" in body:
            ids = dm.string_list(body, "id")
            for oid in ids:
                check_object_id(oid, "id")
            self._add("c.object_id IN (" + ",".join("?" * len(ids)) + ")" if ids else "0", ids)
            marks = ",".join("?" * len(ids)) or "NULL"
            self.drivers.append((f"SELECT object_id FROM object_copies WHERE container_id=? AND object_id IN"
                                 f" ({marks})", ids, True))
        for key in ("created", "modified"):
            conds, args = range_filter(body, key, "c." + key)
            for cond in conds:
                self.conds.append(cond)
            self.args.extend(args)
        archival = dm.field(body, "archivalState", str, None)
        if archival is not None and archival not in ARCHIVAL_STATES:
            msg = 'expected key "archivalState" of input to be one of ' + ", ".join(ARCHIVAL_STATES)
            raise APIError("InvalidInput", msg)
        if archival is not None and archival != "any":
            self._add(
                "EXISTS (SELECT 1 FROM objects o WHERE o.id=c.object_id AND"
                " coalesce(json_extract(o.extra, '$.archivalState'), 'live')=?)",
                [archival],
            )

    def _sets(self, body: dict) -> None:
        if "type" in body:
            sql = "EXISTS (SELECT 1 FROM object_types t WHERE t.object_id=c.object_id AND t.type=?)"
            self._add(*composition(body["type"], "type", _string_leaf("type", sql)))
            for value in _and_leaves(body["type"]):
                self.drivers.append(("SELECT object_id FROM object_types WHERE type=?", [value], False))
        tag_sql = ("EXISTS (SELECT 1 FROM copy_tags g WHERE g.container_id=c.container_id"
                   " AND g.object_id=c.object_id AND g.tag=?)")
        if "tag" in body:
            self._add(*_string_leaf("tag", tag_sql)(body["tag"]))
        if "tags" in body:
            self._add(*composition(body["tags"], "tags", _string_leaf("tags", tag_sql)))
        for value in _and_leaves(body.get("tag")) + _and_leaves(body.get("tags")):
            sql = "SELECT object_id FROM copy_tags WHERE container_id=? AND tag=?"
            self.drivers.append((sql, [value], True))
        if "properties" in body:
            base = ("EXISTS (SELECT 1 FROM copy_props p WHERE p.container_id=c.container_id"
                    " AND p.object_id=c.object_id AND p.key=?")
            leaf = _props_leaf(base + ")", base + " AND p.value=?)")
            self._add(*composition(body["properties"], "properties", leaf))
            self._property_drivers(body["properties"])
        if "link" in body:
            link = dm.field(body, "link", str)
            sql = "EXISTS (SELECT 1 FROM object_links l WHERE l.object_id=c.object_id AND l.target=?)"
            self._add(sql, [link])
            self.drivers.append(("SELECT object_id FROM object_links WHERE target=?", [link], False))

    def _property_drivers(self, value: Any) -> None:
        base = "SELECT object_id FROM copy_props WHERE container_id=? AND key=?"
        if isinstance(value, dict) and list(value) == ["$and"] and isinstance(value["$and"], list):
            for item in value["$and"]:
                self._property_drivers(item)
        elif isinstance(value, dict) and "$or" not in value:
            for k, v in value.items():
                if isinstance(v, str):
                    self.drivers.append((base + " AND value=?", [k, v], True))
                elif v is True:
                    self.drivers.append((base, [k], True))

    def _ordering(self, body: dict) -> None:
        sort = dm.field(body, "sortBy", dict, None)
        self.column, descending = "modified", True
        if sort is not None:
            column = sort.get("field")
            ordering = sort.get("ordering", "descending")
            if column not in ("created", "modified"):
                raise APIError("InvalidInput", 'expected "sortBy.field" to be "created" or "modified"')
            if ordering not in ("ascending", "descending"):
                raise APIError("InvalidInput", 'expected "sortBy.ordering" to be "ascending" or "descending"')
            self.column, descending = column, ordering == "descending"
        # The ID tie-break direction follows the index, so either direction is one index scan.
        id_desc = descending if self.column == "created" else not descending
        self.order = (f"c.{self.column} {'DESC' if descending else 'ASC'},"
                      f" c.object_id {'DESC' if id_desc else 'ASC'}")
        # The first term is a plain range the index can seek to, so deep pages cost no more
        # than the first one; the second breaks ties on the sort value by ID.
        op = "<" if descending else ">"
        self.after = (f"c.{self.column} {op}= ? AND (c.{self.column} {op} ? OR"
                      f" c.object_id {'<' if id_desc else '>'} ?)")
        self.index = "copies_by_created" if self.column == "created" else "copies_by_modified"

    def page(self, db: sqlite3.Connection, cid: str, cursor: Optional[dict], limit: int) -> list:
        """Matching copies of one container, after ``cursor``.

        :param db: connection
        :param cid: container ID
        :param cursor: ``{"value", "id"}`` of the last result already returned, or None
        :param limit: maximum rows
        :returns: ``object_copies`` rows
        """
        sql, args = self.page_sql(db, cid, cursor, limit)
        return db.execute(sql, args).fetchall()

    def page_sql(
        self, db: sqlite3.Connection, cid: str, cursor: Optional[dict], limit: int
    ) -> tuple[str, list]:
        """The query :meth:`page` runs (exposed so tests can check its plan).

        :param db: connection (the plan choice counts candidate rows)
        :param cid: container ID
        :param cursor: as for :meth:`page`
        :param limit: maximum rows
        :returns: ``(sql, args)``
        """
        conds = ["c.container_id=?", *self.conds]
        args: list = [cid, *self.args]
        if cursor is not None:
            conds.append(self.after)
            args.extend([cursor["value"], cursor["value"], cursor["id"]])
        driver = self._best_driver(db, cid)
        if driver is None:
            # Walk the ordering index and stop after ``limit`` matches; SQLite's planner
            # (without ANALYZE statistics) sometimes prefers a full sort instead.
            source = f"object_copies c INDEXED BY {self.index}"
        else:
            # Few candidates: fetch just those and sort them (CROSS JOIN fixes the loop order).
            source = f"({driver[0]}) k CROSS JOIN object_copies c"
            conds.append("c.object_id=k.object_id")
            args = ([cid] if driver[2] else []) + list(driver[1]) + args
        sql = (f"SELECT c.* FROM {source} WHERE {' AND '.join(conds)} ORDER BY {self.order}"
               f" LIMIT {int(limit)}")
        return sql, args

    def _best_driver(self, db: sqlite3.Connection, cid: str) -> Optional[tuple]:
        best, best_count = None, DRIVE_THRESHOLD + 1
        for driver in self.drivers:
            sql, args, per_container = driver
            full = ([cid] if per_container else []) + list(args)
            count = db.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", (*full, best_count)).fetchone()[0]
            if count < best_count:
                best, best_count = driver, count
        return best


def _scope(req: Request, body: dict) -> tuple[list, Optional[tuple[str, bool]]]:
    """Containers to search, and the folder restriction.

    :returns: ``(sorted container IDs, (folder, recurse) or None)``
    """
    level = _level_input(body, perms.VIEW)
    scope = dm.field(body, "scope", dict, None)
    regions = body.get("region")
    if regions is not None and not isinstance(regions, (str, list)):
        raise APIError("InvalidInput", 'expected key "region" of input to be a string or an array of strings')
    if isinstance(regions, str):
        regions = [regions]
    folder = None
    if scope is not None:
        project = dm.field(scope, "project", str, required=True)
        if not (is_id(project, "project") or is_id(project, "container")):
            raise APIError("InvalidInput", 'expected "scope.project" to be a project or container ID')
        have = perms.require(req.db, req.user_id, project, perms.VIEW)
        cids = [project] if have >= level else []
        if "folder" in scope or "recurse" in scope:
            path = dm.normalize_path(dm.field(scope, "folder", str, "/"), "scope.folder")
            folder = (path, dm.field(scope, "recurse", bool, True))
    else:
        cids = sorted(perms.accessible_containers(req.db, req.user_id, level))
    if regions is not None:
        cids = [c for c in cids if (dm.get_container(req.db, c) or {"region": None})["region"] in regions]
    return sorted(cids), folder


def _cursor(body: dict, query: _Query) -> Optional[dict]:
    starting = body.get("starting")
    if starting is None:
        return None
    if (not isinstance(starting, dict) or not isinstance(starting.get("project"), str)
            or not isinstance(starting.get("id"), str) or starting.get("field") != query.column
            or not isinstance(starting.get("value"), int)):
        raise APIError("InvalidInput", _BAD_STARTING)
    return starting


@route("system", "findDataObjects", readonly=True)
def find_data_objects(req: Request) -> dict:
    """``/system/findDataObjects``: search object copies visible to the caller.

    :param req: the request
    :returns: ``{"results": [{"project", "id", "describe"?}], "next": cursor or None}``
    :raises APIError: InvalidInput, ResourceNotFound (scope project), PermissionDenied
    """
    return find_copies(req, req.body, _FIND_KEYS, "/system/findDataObjects")


def find_copies(
    req: Request, body: dict, allowed: set, route_name: str,
    extra: tuple[tuple[str, list, Optional[re.Pattern]], ...] = (),
) -> dict:
    """Run a findDataObjects-style search (filters, scope, paging, describe).

    :param req: the request
    :param body: the search input
    :param allowed: input keys the route knows (others are logged and ignored)
    :param route_name: the route, for the log
    :param extra: more ``(sql over object_copies c, args, regexp or None)`` conditions
        (as :func:`name_filter` returns them) that every result must meet
    :returns: ``{"results": [{"project", "id", "describe"?}], "next": cursor or None}``
    :raises APIError: InvalidInput, ResourceNotFound (scope project), PermissionDenied
    """
    dm.ignore_unknown(body, allowed, route_name)
    query = _Query(body)
    for sql, args, regexp in extra:
        query._add(sql, args)
        if regexp is not None:
            query.regexps.append(regexp)
    cids, folder = _scope(req, body)
    if folder is not None:
        path, recurse = folder
        low, high = dm.subtree_bounds(path)
        if recurse and path != "/":
            # The leading range is what an index can seek on; the OR drops siblings such as
            # "/a-b" that sort between "/a" and "/a/".
            query._add("c.folder>=? AND c.folder<? AND (c.folder=? OR c.folder>=?)", [path, high, path, low])
            query.drivers.append(("SELECT object_id FROM object_copies WHERE container_id=? AND folder>=?"
                                  " AND folder<? AND (folder=? OR folder>=?)", [path, high, path, low], True))
        elif not recurse:
            query._add("c.folder=?", [path])
            query.drivers.append(("SELECT object_id FROM object_copies WHERE container_id=? AND folder=?",
                                  [path], True))
    describe = describe_input(body.get("describe"))
    limit = _limit(body)
    cursor = _cursor(body, query)
    install_regexps(req.db, query.regexps)
    rows: list = []
    for cid in cids:
        if cursor is not None and cid < cursor["project"]:
            continue
        after = cursor if cursor is not None and cid == cursor["project"] else None
        rows.extend((cid, r) for r in query.page(req.db, cid, after, limit + 1 - len(rows)))
        if len(rows) > limit:
            break
    more = len(rows) > limit
    rows = rows[:limit]
    results: list = [{"project": cid, "id": copy["object_id"]} for cid, copy in rows]
    if describe is not None:
        for item, desc in zip(results, describe_copies(req.db, [c for _, c in rows], describe)):
            item["describe"] = desc
    nxt = None
    if more:
        last = rows[-1][1]
        nxt = {"project": rows[-1][0], "id": last["object_id"], "field": query.column,
               "value": last[query.column]}
    return {"results": results, "next": nxt}


# -- findProjects ------------------------------------------------------------------------------------

_PROJECT_KEYS = {
    "name", "properties", "tags", "level", "describe", "explicitPermission", "public", "created", "modified",
    "region", "billTo", "containsPHI", "externalUploadRestricted", "id", "limit", "starting",
}


def project_conditions(body: dict) -> tuple[list, list, list]:
    """SQL conditions over ``containers k`` for the project filters of a project search.

    Handles ``name``, ``tags``, ``properties``, ``created``, ``modified``, ``region``,
    ``billTo``, ``id``, ``containsPHI`` and ``externalUploadRestricted``.

    :param body: the request body
    :returns: ``(conditions, args, regexps)``; install the regexps with :func:`install_regexps`
    :raises APIError: InvalidInput
    """
    conds: list = ["k.class='project'"]
    args: list = []
    regexps: list = []
    if "name" in body:
        sql, more, regexp = name_filter(body["name"], "k.name")
        conds.append(sql)
        args.extend(more)
        if regexp is not None:
            regexps.append(regexp)
    if "tags" in body:
        sql = "EXISTS (SELECT 1 FROM container_tags g WHERE g.container_id=k.id AND g.tag=?)"
        more_sql, more = composition(body["tags"], "tags", _string_leaf("tags", sql))
        conds.append(more_sql)
        args.extend(more)
    if "properties" in body:
        base = "EXISTS (SELECT 1 FROM container_props p WHERE p.container_id=k.id AND p.key=?"
        leaf = _props_leaf(base + ")", base + " AND p.value=?)")
        more_sql, more = composition(body["properties"], "properties", leaf)
        conds.append(more_sql)
        args.extend(more)
    for key in ("created", "modified"):
        more_conds, more = range_filter(body, key, "k." + key)
        conds.extend(more_conds)
        args.extend(more)
    for key, column in (("region", "k.region"), ("billTo", "k.bill_to"), ("id", "k.id")):
        if key in body:
            values = body[key] if isinstance(body[key], list) else [body[key]]
            if not values or not all(isinstance(v, str) for v in values):
                msg = f'expected key "{key}" of input to be a string or an array of strings'
                raise APIError("InvalidInput", msg)
            conds.append(f"{column} IN ({','.join('?' * len(values))})")
            args.extend(values)
    for key in ("containsPHI", "externalUploadRestricted"):
        flag = dm.field(body, key, bool, None)
        if flag is not None:
            conds.append(f"coalesce(json_extract(k.settings, '$.{key}'), 0)=?")
            args.append(int(flag))
    return conds, args, regexps


@route("system", "findProjects", readonly=True)
def find_projects(req: Request) -> dict:
    """``/system/findProjects``: projects the caller can access.

    :param req: the request
    :returns: ``{"results": [{"id", "level", "public", "describe"?}], "next": cursor or None}``
    :raises APIError: InvalidInput
    """
    body = req.body
    dm.ignore_unknown(body, _PROJECT_KEYS, "/system/findProjects")
    level = _level_input(body, perms.CONTRIBUTE)
    explicit = dm.field(body, "explicitPermission", bool, None)
    public = dm.field(body, "public", bool, None)
    describe = describe_input(body.get("describe"))
    limit = _limit(body)
    starting = body.get("starting")
    if starting is not None and not isinstance(starting, str):
        raise APIError("InvalidInput", _BAD_STARTING)
    conds, args, regexps = project_conditions(body)
    install_regexps(req.db, regexps)
    explicit_levels = perms.accessible_containers(req.db, req.user_id, perms.VIEW)
    public_ids = {r[0] for r in req.db.execute("SELECT container_id FROM memberships WHERE member=?",
                                              (perms.PUBLIC,))}
    scope = perms.current_scope()
    if scope is not None:  # a job's token: public projects too are out of reach unless in its scope
        public_ids = {cid for cid in public_ids if scope.cap(cid)}
    candidates = sorted(set(explicit_levels) | public_ids)
    if starting is not None:
        candidates = [c for c in candidates if c > starting]
    results: list = []
    for start in range(0, len(candidates), 500):
        batch = candidates[start:start + 500]
        sql = (f"SELECT k.* FROM containers k WHERE k.id IN ({','.join('?' * len(batch))}) AND "
               + " AND ".join(conds) + " ORDER BY k.id")
        for row in req.db.execute(sql, [*batch, *args]).fetchall():
            cid = row["id"]
            have = explicit_levels.get(cid) or (perms.VIEW if cid in public_ids else perms.NONE)
            is_public = cid in public_ids
            if have < level or (explicit is not None and (cid in explicit_levels) != explicit):
                continue
            if public is not None and is_public != public:
                continue
            item: dict = {"id": cid, "level": perms.LEVEL_NAMES[have], "public": is_public}
            if describe is not None:
                item["describe"] = describe_container(req.db, req.user_id, row, describe)
            results.append(item)
            if len(results) > limit:
                break
        if len(results) > limit:
            break
    more = len(results) > limit
    results = results[:limit]
    return {"results": results, "next": results[-1]["id"] if more else None}


# -- resolveDataObjects / describeDataObjects --------------------------------------------------------


def _resolve_one(req: Request, item: Any, default_project: Any, default_folder: Any, index: int) -> list:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise APIError("InvalidInput", f'expected "objects[{index}]" to be a mapping with a string "name"')
    project = item.get("project", default_project)
    folder = item.get("folder", default_folder)
    if folder is not None:
        folder = dm.normalize_path(folder, f"objects[{index}].folder")
    if project is None:
        cids = sorted(perms.accessible_containers(req.db, req.user_id, perms.VIEW, include_public=True))
    else:
        if not isinstance(project, str) or not (is_id(project, "project") or is_id(project, "container")):
            raise APIError("InvalidInput", f'expected "objects[{index}].project" to be a project ID')
        if perms.level_of(req.db, req.user_id, project) is None:
            return []
        cids = [project]
    found = []
    for cid in cids:
        sql = "SELECT object_id FROM object_copies WHERE container_id=? AND name=?"
        args: list = [cid, item["name"]]
        if folder is not None:
            sql += " AND folder=?"
            args.append(folder)
        # Sorted here: an ORDER BY would tempt SQLite into walking the primary key instead.
        for oid in sorted(r[0] for r in req.db.execute(sql, args)):
            found.append({"project": cid, "id": oid})
    return found


@route("system", "resolveDataObjects", readonly=True)
def resolve_data_objects(req: Request) -> dict:
    """``/system/resolveDataObjects``: look objects up by name (and folder/project).

    :param req: the request
    :returns: ``{"results": [[{"project", "id"}, ...], ...]}`` parallel to ``objects``
    :raises APIError: InvalidInput
    """
    body = req.body
    dm.ignore_unknown(body, ("objects", "project", "folder"), "/system/resolveDataObjects")
    objects = dm.field(body, "objects", list, required=True)
    if len(objects) > 1000:
        raise APIError("InvalidInput", 'key "objects" of input may hold at most 1000 entries')
    project = dm.field(body, "project", str, None)
    folder = dm.field(body, "folder", str, "/" if project is not None else None)
    return {"results": [_resolve_one(req, item, project, folder, i) for i, item in enumerate(objects)]}


_DESCRIBE_KEYS = ("fields", "defaultFields", "properties", "details", "project")


@route("system", "describeDataObjects", readonly=True)
def describe_data_objects(req: Request) -> dict:
    """``/system/describeDataObjects``: describe many objects in one call.

    :param req: the request
    :returns: ``{"results": [{"describe": {...}}, ...]}`` parallel to ``objects``
    :raises APIError: InvalidInput; ResourceNotFound when an object is not visible
    """
    body = req.body
    dm.ignore_unknown(body, ("objects", "classDescribeOptions"), "/system/describeDataObjects")
    objects = dm.field(body, "objects", list, required=True)
    class_options = dm.field(body, "classDescribeOptions", dict, {})
    results = []
    for index, item in enumerate(objects):
        if isinstance(item, str):
            item = {"id": item}
        if not isinstance(item, dict):
            raise APIError("InvalidInput", f'expected "objects[{index}]" to be a mapping with an "id"')
        oid = check_object_id(item.get("id"), f"objects[{index}].id")
        obj, copy, _ = resolve_copy(req.db, req.user_id, oid, item.get("project"))
        option = item.get("describe", True)
        describe = dict(class_options.get(obj["class"]) or {})
        if isinstance(option, dict):
            if set(option) <= set(_DESCRIBE_KEYS):
                describe.update(option)
            else:
                describe["fields"] = {**describe.get("fields", {}), **option}
                describe.setdefault("defaultFields", True)
        describe.pop("project", None)
        results.append({"describe": describe_object(req.db, obj, copy, describe)})
    return {"results": results}


# -- findApps / findGlobalWorkflows -----------------------------------------------------------------

_EXECUTABLE_KEYS = {
    "name", "category", "allVersions", "published", "billTo", "createdBy", "developer", "authorizedUser",
    "created", "modified", "describe", "limit", "starting",
}


def _find_global_executables(req: Request, route_name: str) -> dict:
    """Validate a findApps-style query; the emulator has no apps or global workflows yet."""
    body = req.body
    dm.ignore_unknown(body, _EXECUTABLE_KEYS, route_name)
    if "name" in body:
        name_filter(body["name"], "name")
    for key in ("category", "billTo", "createdBy", "developer", "authorizedUser"):
        dm.field(body, key, str, None)
    for key in ("allVersions", "published"):
        dm.field(body, key, bool, None)
    for key in ("created", "modified"):
        range_filter(body, key, key)
    describe_input(body.get("describe"))
    _limit(body)
    if body.get("starting") is not None and not isinstance(body["starting"], str):
        raise APIError("InvalidInput", _BAD_STARTING)
    return {"results": [], "next": None}


@route("system", "findApps", readonly=True)
def find_apps(req: Request) -> dict:
    """``/system/findApps``: see :func:`dxpy.emulator._routes.apps.find_apps_query`.

    :param req: the request
    :returns: ``{"results": [{"id", "describe"?}], "next"}``
    :raises APIError: InvalidInput
    """
    from dxpy.emulator._routes.apps import find_apps_query

    return find_apps_query(req)


@route("system", "findGlobalWorkflows", readonly=True)
def find_global_workflows(req: Request) -> dict:
    """``/system/findGlobalWorkflows``: the global workflow versions the caller can see.

    :param req: the request (the inputs of ``/system/findApps``)
    :returns: ``{"results": [{"id", "describe"?}], "next": None}``
    :raises APIError: InvalidInput
    """
    _find_global_executables(req, "/system/findGlobalWorkflows")
    from dxpy.emulator._routes import globalworkflows

    return globalworkflows.find(req, req.body)
