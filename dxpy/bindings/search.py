"""Search helpers over the ``/system/find*`` and ``/org-xxxx/find*`` routes.

Upstream path ``dxpy.bindings.search``; every public name is also ``dxpy.<name>``.

The ``find_*`` functions check their arguments and build the query when called
(bad combinations raise :class:`~dxpy.exceptions.DXError` before any request),
then return a generator that fetches pages lazily: the first page has
``first_page_size`` results, each following page twice as many (at most 1000),
and ``next`` cursors are followed until the server reports no more results or
``limit`` results were produced.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import Any, Callable

from ..exceptions import DXError
from . import _api_function
from ._search_base import (
    _MAX_PAGE,
    _NULL,
    _check_paging,
    _choice,
    _data_object_scope,
    _describe_opt,
    _find,
    _find_one,
    _id_list,
    _id_of,
    _name_query,
    _parent,
    _put,
    _sort_by,
    _tags_query,
    _time_range,
)

_LEVELS = ("VIEW", "UPLOAD", "CONTRIBUTE", "ADMINISTER")


# -- data objects ---------------------------------------------------------


def find_data_objects(
    classname: str | None = None,
    state: str | None = None,
    visibility: str | None = None,
    name: Any = None,
    name_mode: str = "exact",
    properties: Mapping[str, Any] | None = None,
    typename: Any = None,
    tag: str | None = None,
    tags: Any = None,
    link: str | None = None,
    project: str | None = None,
    folder: str | None = None,
    recurse: bool | None = None,
    modified_after: Any = None,
    modified_before: Any = None,
    created_after: Any = None,
    created_before: Any = None,
    describe: Any = False,
    limit: int | None = None,
    level: str | None = None,
    region: Any = None,
    archival_state: str | None = None,
    return_handler: bool = False,
    first_page_size: int = 100,
    *,
    ids: list[str] | None = None,
    sort_by: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Search data objects the caller can see.

    :param classname: ``record``, ``file``, ``applet``, ``workflow``, ``database`` ...
    :param state: ``open``, ``closing``, ``closed`` or ``any``
    :param visibility: ``visible``, ``hidden`` or ``either``
    :param name: name to match (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` (``*``, ``?``) or ``regexp``
    :param properties: property query (``{"k": "v"}``, ``{"k": True}``, ``$and``/``$or``)
    :param typename: type, or a ``$and``/``$or`` type query
    :param tag: a single tag (deprecated; not with *tags*)
    :param tags: list of tags all required, or a ``$and``/``$or`` query
    :param link: only objects whose details link to this ID
    :param project: restrict to this container
    :param folder: restrict to this folder (needs a project; default: the current one)
    :param recurse: include subfolders of *folder* (server default: true)
    :param modified_after: see :func:`dxpy.utils.normalize_time_input`
    :param modified_before: same
    :param created_after: same
    :param created_before: same
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param limit: maximum number of results
    :param level: minimum permission level on the container
    :param region: region name or list of names
    :param archival_state: file archival state (needs ``classname="file"`` and *project*)
    :param return_handler: yield handlers instead of ``{"project", "id", "describe"?}`` results
    :param first_page_size: size of the first page
    :param ids: only these object IDs (keyword only; not in upstream dxpy)
    :param sort_by: ``{"field": "created"|"modified", "ordering": "ascending"|"descending"}``
        (keyword only; not in upstream dxpy)
    :param kwargs: passed through to each API call
    :returns: a generator of results (or handlers)
    :raises DXError: on bad argument combinations (before any request)
    """
    func = "find_data_objects"
    _check_paging(func, limit, first_page_size)
    if tag is not None and tags is not None:
        raise DXError(f"{func}: tag and tags cannot both be given")
    _choice(func, "state", state, ("open", "closing", "closed", "any"))
    _choice(func, "visibility", visibility, ("visible", "hidden", "either"))
    _choice(func, "level", level, _LEVELS)
    query = _put(
        {},
        **{
            "class": classname,
            "state": state,
            "visibility": visibility,
            "name": None if name is None else _name_query(func, name, name_mode),
            "properties": properties,
            "type": typename,
            "tag": tag,
            "tags": None if tags is None else _tags_query(tags),
            "link": _id_of(link),
            "scope": _data_object_scope(project, folder, recurse, archival_state, classname),
            "modified": _time_range(modified_after, modified_before),
            "created": _time_range(created_after, created_before),
            "describe": _describe_opt(describe),
            "level": level,
            "region": region,
            "archivalState": archival_state,
            "id": _id_list(func, ids),
            "sortBy": _sort_by(func, sort_by),
        },
    )
    method = _api_function("system_find_data_objects")
    return _find(method, query, limit, return_handler, first_page_size, **kwargs)


def find_one_data_object(zero_ok: bool = False, more_ok: bool = True, **kwargs: Any) -> Any:
    """Return one data object matching the query.

    :param zero_ok: return ``None`` when nothing matches (else raise)
    :param more_ok: accept several matches and return the first (else raise)
    :param kwargs: :func:`find_data_objects` arguments
    :returns: a result (or handler), or ``None``
    :raises DXSearchError: when zero or several results break the rules above
    """
    return _find_one(find_data_objects, zero_ok=zero_ok, more_ok=more_ok, **kwargs)


# -- projects ---------------------------------------------------------------


def find_projects(
    name: Any = None,
    name_mode: str = "exact",
    properties: Mapping[str, Any] | None = None,
    tags: Any = None,
    level: str | None = None,
    describe: Any = False,
    explicit_perms: bool | None = None,
    region: Any = None,
    public: bool | None = None,
    created_after: Any = None,
    created_before: Any = None,
    billed_to: str | None = None,
    limit: int | None = None,
    return_handler: bool = False,
    first_page_size: int = 100,
    containsPHI: bool | None = None,
    externalUploadRestricted: bool | None = None,
    *,
    ids: list[str] | None = None,
    modified_after: Any = None,
    modified_before: Any = None,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Search projects the caller has access to.

    :param name: project name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param properties: property query
    :param tags: list of required tags, or a ``$and``/``$or`` query
    :param level: minimum permission (server default: ``CONTRIBUTE``)
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param explicit_perms: only projects where access was granted explicitly
    :param region: region name(s)
    :param public: only public (``True``) or non-public (``False``) projects
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param billed_to: billing user or org
    :param limit: maximum number of results
    :param return_handler: yield :class:`~dxpy.DXProject` handlers
    :param first_page_size: size of the first page
    :param containsPHI: only projects with (or without) the PHI flag
    :param externalUploadRestricted: filter on that flag
    :param ids: only these project IDs (keyword only; not in upstream dxpy)
    :param modified_after: see :func:`dxpy.utils.normalize_time_input` (keyword only; not in upstream)
    :param modified_before: same
    :param kwargs: passed through to each API call
    :returns: a generator of ``{"id", "level", "public"?, "describe"?}`` results
    :raises DXError: on bad arguments (before any request)
    """
    func = "find_projects"
    _check_paging(func, limit, first_page_size)
    _choice(func, "level", level, _LEVELS)
    query = _put(
        {},
        name=None if name is None else _name_query(func, name, name_mode),
        properties=properties,
        tags=None if tags is None else _tags_query(tags),
        level=level,
        describe=_describe_opt(describe),
        explicitPermission=explicit_perms,
        public=public,
        created=_time_range(created_after, created_before),
        region=region,
        billTo=billed_to,
        containsPHI=containsPHI,
        externalUploadRestricted=externalUploadRestricted,
        id=_id_list(func, ids),
        modified=_time_range(modified_after, modified_before),
    )
    method = _api_function("system_find_projects")
    return _find(method, query, limit, return_handler, first_page_size, **kwargs)


def find_one_project(zero_ok: bool = False, more_ok: bool = True, **kwargs: Any) -> Any:
    """Return one project matching the query.

    :param zero_ok: return ``None`` when nothing matches (else raise)
    :param more_ok: accept several matches and return the first (else raise)
    :param kwargs: :func:`find_projects` arguments
    :returns: a result (or handler), or ``None``
    :raises DXSearchError: when zero or several results break the rules above
    """
    return _find_one(find_projects, zero_ok=zero_ok, more_ok=more_ok, **kwargs)


# -- executions -------------------------------------------------------------




def find_executions(
    classname: str | None = None,
    launched_by: str | None = None,
    executable: Any = None,
    project: str | None = None,
    state: str | None = None,
    origin_job: str | None = None,
    parent_job: str | None = None,
    no_parent_job: bool = False,
    parent_analysis: str | None = None,
    no_parent_analysis: bool = False,
    root_execution: str | None = None,
    created_after: Any = None,
    created_before: Any = None,
    describe: Any = False,
    name: Any = None,
    name_mode: str = "exact",
    tags: Any = None,
    properties: Mapping[str, Any] | None = None,
    limit: int | None = None,
    first_page_size: int = 100,
    return_handler: bool = False,
    include_subjobs: bool = True,
    include_restarted: bool | None = None,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Search jobs and analyses (``/system/findExecutions``).

    :param classname: ``job`` or ``analysis`` (default: both)
    :param launched_by: user ID
    :param executable: applet/app/workflow ID or handler
    :param project: project context of the executions
    :param state: execution state
    :param origin_job: origin job ID
    :param parent_job: parent job ID
    :param no_parent_job: only executions without a parent job
    :param parent_analysis: parent analysis ID
    :param no_parent_analysis: only executions without a parent analysis
    :param root_execution: root execution ID
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param name: name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param tags: list of required tags, or a ``$and``/``$or`` query
    :param properties: property query
    :param limit: maximum number of results
    :param first_page_size: size of the first page
    :param return_handler: yield job/analysis handlers
    :param include_subjobs: include subjobs (sent only when false)
    :param include_restarted: include restarted jobs
    :param kwargs: passed through to each API call
    :returns: a generator of ``{"id", "describe"?}`` results
    :raises DXError: on bad argument combinations (before any request)
    """
    func = "find_executions"
    _check_paging(func, limit, first_page_size)
    _choice(func, "classname", classname, ("job", "analysis"))
    query = _put(
        {},
        **{
            "class": classname,
            "launchedBy": launched_by,
            "executable": _id_of(executable),
            "project": _id_of(project),
            "state": state,
            "originJob": origin_job,
            "parentJob": _parent(func, "parent_job", parent_job, no_parent_job),
            "parentAnalysis": _parent(func, "parent_analysis", parent_analysis, no_parent_analysis),
            "rootExecution": root_execution,
            "created": _time_range(created_after, created_before),
            "describe": _describe_opt(describe),
            "name": None if name is None else _name_query(func, name, name_mode),
            "tags": None if tags is None else _tags_query(tags),
            "properties": properties,
            "includeSubjobs": None if include_subjobs else False,
            "includeRestarted": include_restarted,
        },
    )
    query = {key: (None if value is _NULL else value) for key, value in query.items()}
    method = _api_function("system_find_executions")
    return _find(method, query, limit, return_handler, first_page_size, **kwargs)


def find_jobs(*args: Any, **kwargs: Any) -> Generator[Any, None, None]:
    """Search jobs: :func:`find_executions` with ``classname="job"``.

    :param args: positional arguments of :func:`find_executions` (not ``classname``)
    :param kwargs: keyword arguments of :func:`find_executions`
    :returns: a generator of results
    """
    return find_executions(*args, **dict(kwargs, classname="job"))


def find_analyses(*args: Any, **kwargs: Any) -> Generator[Any, None, None]:
    """Search analyses: :func:`find_executions` with ``classname="analysis"``.

    :param args: positional arguments of :func:`find_executions` (not ``classname``)
    :param kwargs: keyword arguments of :func:`find_executions`
    :returns: a generator of results
    """
    return find_executions(*args, **dict(kwargs, classname="analysis"))


# -- apps and global workflows -----------------------------------------------


def find_global_executables(
    method: Callable[..., Any],
    name: Any = None,
    name_mode: str = "exact",
    category: str | None = None,
    all_versions: bool | None = None,
    published: bool | None = None,
    billed_to: str | None = None,
    created_by: str | None = None,
    developer: str | None = None,
    created_after: Any = None,
    created_before: Any = None,
    modified_after: Any = None,
    modified_before: Any = None,
    describe: Any = False,
    limit: int | None = None,
    return_handler: bool = False,
    first_page_size: int = 100,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Search apps or global workflows with the given ``find*`` API wrapper.

    :param method: :func:`dxpy.api.system_find_apps` or ``system_find_global_workflows``
    :param name: name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param category: category
    :param all_versions: all versions (else only the ``default``-tagged one)
    :param published: only published (or unpublished) ones
    :param billed_to: billing entity
    :param created_by: creator user ID
    :param developer: developer user ID
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param modified_after: same
    :param modified_before: same
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param limit: maximum number of results
    :param return_handler: yield handlers
    :param first_page_size: size of the first page
    :param kwargs: passed through to each API call
    :returns: a generator of ``{"id", "describe"?}`` results
    :raises DXError: on bad arguments (before any request)
    """
    func = getattr(method, "__name__", "find")
    _check_paging(func, limit, first_page_size)
    query = _put(
        {},
        name=None if name is None else _name_query(func, name, name_mode),
        category=category,
        allVersions=all_versions,
        published=published,
        billTo=billed_to,
        createdBy=created_by,
        developer=developer,
        modified=_time_range(modified_after, modified_before),
        created=_time_range(created_after, created_before),
        describe=_describe_opt(describe),
    )
    return _find(method, query, limit, return_handler, first_page_size, **kwargs)


def _executable_search(api_name: str, values: dict[str, Any]) -> Generator[Any, None, None]:
    """Call :func:`find_global_executables` with a ``find_*`` function's own arguments."""
    extra = values.pop("kwargs")
    return find_global_executables(_api_function(api_name), **values, **extra)


def find_apps(
    name: Any = None,
    name_mode: str = "exact",
    category: str | None = None,
    all_versions: bool | None = None,
    published: bool | None = None,
    billed_to: str | None = None,
    created_by: str | None = None,
    developer: str | None = None,
    created_after: Any = None,
    created_before: Any = None,
    modified_after: Any = None,
    modified_before: Any = None,
    describe: Any = False,
    limit: int | None = None,
    return_handler: bool = False,
    first_page_size: int = 100,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Search apps (``/system/findApps``); the arguments are those of :func:`find_global_executables`.

    :param name: name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param category: category
    :param all_versions: all versions (else only the ``default``-tagged one)
    :param published: only published (or unpublished) apps
    :param billed_to: billing entity
    :param created_by: creator user ID
    :param developer: developer user ID
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param modified_after: same
    :param modified_before: same
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param limit: maximum number of results
    :param return_handler: yield app handlers
    :param first_page_size: size of the first page
    :param kwargs: passed through to each API call
    :returns: a generator of ``{"id", "describe"?}`` results
    :raises DXError: on bad arguments (before any request)
    """
    return _executable_search("system_find_apps", dict(locals()))


def find_global_workflows(
    name: Any = None,
    name_mode: str = "exact",
    category: str | None = None,
    all_versions: bool | None = None,
    published: bool | None = None,
    billed_to: str | None = None,
    created_by: str | None = None,
    developer: str | None = None,
    created_after: Any = None,
    created_before: Any = None,
    modified_after: Any = None,
    modified_before: Any = None,
    describe: Any = False,
    limit: int | None = None,
    return_handler: bool = False,
    first_page_size: int = 100,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Search global workflows (``/system/findGlobalWorkflows``).

    :param name: name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param category: category
    :param all_versions: all versions (else only the ``default``-tagged one)
    :param published: only published (or unpublished) ones
    :param billed_to: billing entity
    :param created_by: creator user ID
    :param developer: developer user ID
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param modified_after: same
    :param modified_before: same
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param limit: maximum number of results
    :param return_handler: yield handlers
    :param first_page_size: size of the first page
    :param kwargs: passed through to each API call
    :returns: a generator of ``{"id", "describe"?}`` results
    :raises DXError: on bad arguments (before any request)
    """
    return _executable_search("system_find_global_workflows", dict(locals()))


def find_one_app(zero_ok: bool = False, more_ok: bool = True, **kwargs: Any) -> Any:
    """Return one app matching the query.

    :param zero_ok: return ``None`` when nothing matches (else raise)
    :param more_ok: accept several matches and return the first (else raise)
    :param kwargs: :func:`find_apps` arguments
    :returns: a result (or handler), or ``None``
    :raises DXSearchError: when zero or several results break the rules above
    """
    return _find_one(find_apps, zero_ok=zero_ok, more_ok=more_ok, **kwargs)


# -- orgs ---------------------------------------------------------------------


def find_orgs(query: Mapping[str, Any], first_page_size: int = 10) -> Generator[Any, None, None]:
    """Search the orgs the caller belongs to (``/system/findOrgs``).

    :param query: the raw query, e.g. ``{"level": "MEMBER", "describe": True}``
    :param first_page_size: size of the first page
    :returns: a generator of results
    :raises DXError: if *query* is not a mapping
    """
    if not isinstance(query, Mapping):
        raise DXError(f"find_orgs: query must be a mapping, not {query!r}")
    _check_paging("find_orgs", None, first_page_size)
    return _find(_api_function("system_find_orgs"), query, None, False, first_page_size)


def _org_find(
    api_name: str, org_id: Any, query: dict[str, Any], first_page_size: int = 100, **kw: Any
) -> Any:
    if not isinstance(org_id, str) or not org_id.startswith("org-"):
        raise DXError(f"{api_name}: org_id must be an org ID (org-...), not {org_id!r}")
    method = _api_function(api_name)

    def call(q: Any, **kwargs: Any) -> Any:
        return method(org_id, q, **kwargs)

    return _find(call, query, kw.pop("limit", None), kw.pop("return_handler", False), first_page_size, **kw)


def org_find_members(org_id: str | None = None, level: str | None = None, describe: Any = False) -> Any:
    """List the members of an org.

    :param org_id: the org
    :param level: ``ADMIN`` or ``MEMBER``
    :param describe: ``False``, ``True`` or a user describe-input mapping
    :returns: a generator of ``{"id", "level", ...}`` results
    :raises DXError: on bad arguments
    """
    _choice("org_find_members", "level", level, ("ADMIN", "MEMBER"))
    return _org_find("org_find_members", org_id, _put({}, level=level, describe=_describe_opt(describe)))


def org_find_projects(
    org_id: str | None = None,
    name: Any = None,
    name_mode: str = "exact",
    ids: list[str] | None = None,
    properties: Mapping[str, Any] | None = None,
    tags: Any = None,
    describe: Any = False,
    public: bool | None = None,
    created_after: Any = None,
    created_before: Any = None,
    region: Any = None,
    containsPHI: bool | None = None,
) -> Any:
    """List the projects billed to an org.

    :param org_id: the org
    :param name: name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param ids: restrict to these project IDs
    :param properties: property query
    :param tags: list of required tags, or a ``$and``/``$or`` query
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param public: filter on public flag
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param region: region name(s)
    :param containsPHI: filter on the PHI flag
    :returns: a generator of ``{"id", "level", ...}`` results
    :raises DXError: on bad arguments
    """
    func = "org_find_projects"
    query = _put(
        {},
        name=None if name is None else _name_query(func, name, name_mode),
        id=None if ids is None else list(ids),
        properties=properties,
        tags=None if tags is None else _tags_query(tags),
        describe=_describe_opt(describe),
        public=public,
        created=_time_range(created_after, created_before),
        region=region,
        containsPHI=containsPHI,
    )
    return _org_find(func, org_id, query)


def org_find_apps(
    org_id: str,
    name: Any = None,
    name_mode: str = "exact",
    category: str | None = None,
    all_versions: bool | None = None,
    published: bool | None = None,
    created_by: str | None = None,
    developer: str | None = None,
    authorized_user: str | None = None,
    created_after: Any = None,
    created_before: Any = None,
    modified_after: Any = None,
    modified_before: Any = None,
    describe: Any = False,
    limit: int | None = None,
    return_handler: bool = False,
    first_page_size: int = 100,
    **kwargs: Any,
) -> Any:
    """List the apps billed to an org.

    :param org_id: the org
    :param name: name (see *name_mode*)
    :param name_mode: ``exact``, ``glob`` or ``regexp``
    :param category: category
    :param all_versions: all versions (else only the ``default``-tagged one)
    :param published: filter on published
    :param created_by: creator user ID
    :param developer: developer user ID
    :param authorized_user: user authorized to run the app
    :param created_after: see :func:`dxpy.utils.normalize_time_input`
    :param created_before: same
    :param modified_after: same
    :param modified_before: same
    :param describe: ``False``, ``True`` or a describe-input mapping
    :param limit: maximum number of results
    :param return_handler: yield app handlers
    :param first_page_size: size of the first page
    :param kwargs: passed through to each API call
    :returns: a generator of results
    :raises DXError: on bad arguments
    """
    func = "org_find_apps"
    _check_paging(func, limit, first_page_size)
    query = _put(
        {},
        name=None if name is None else _name_query(func, name, name_mode),
        category=category,
        allVersions=all_versions,
        published=published,
        createdBy=created_by,
        developer=developer,
        authorizedUser=authorized_user,
        modified=_time_range(modified_after, modified_before),
        created=_time_range(created_after, created_before),
        describe=_describe_opt(describe),
    )
    return _org_find(
        func, org_id, query, first_page_size, limit=limit, return_handler=return_handler, **kwargs
    )


# -- name resolution ------------------------------------------------------------


def resolve_data_objects(
    objects: list[Mapping[str, Any]],
    project: str | None = None,
    folder: str | None = None,
    batchsize: int = 1000,
) -> list[list[dict[str, Any]]]:
    """Resolve many names to objects (``/system/resolveDataObjects``), in batches.

    :param objects: ``[{"name": ..., "folder"?: ..., "project"?: ...}, ...]``
    :param project: default project for entries without one
    :param folder: default folder for entries without one
    :param batchsize: entries per request (1..1000)
    :returns: one list of ``{"project", "id"}`` matches per input entry, in order
    :raises DXError: on a bad *batchsize* or entry
    """
    if not isinstance(batchsize, int) or not 1 <= batchsize <= _MAX_PAGE:
        raise DXError(f"resolve_data_objects: batchsize must be in 1..{_MAX_PAGE}, not {batchsize!r}")
    for entry in objects:
        if not isinstance(entry, Mapping) or "name" not in entry:
            raise DXError(f"resolve_data_objects: each entry needs a name, got {entry!r}")
    method = _api_function("system_resolve_data_objects")
    base = _put({}, project=project, folder=folder)
    results: list[list[dict[str, Any]]] = []
    for start in range(0, len(objects), batchsize):
        query = dict(base, objects=[dict(o) for o in objects[start : start + batchsize]])
        results.extend(method(query)["results"])
    return results


__all__ = [
    "find_data_objects", "find_one_data_object", "find_projects", "find_one_project", "find_executions",
    "find_jobs", "find_analyses", "find_global_executables", "find_apps", "find_global_workflows",
    "find_one_app", "find_orgs", "org_find_members", "org_find_projects", "org_find_apps",
    "resolve_data_objects",
]
