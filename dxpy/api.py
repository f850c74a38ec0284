# GENERATED FILE -- do not edit. Written by tools/generate_api.py from
# tools/api_routes/wrapper_table.json (208 routes, canonical JSON sha256 f898332caa2ccd06).
# To change it, edit the table or the generator and run:  python tools/generate_api.py
# (python tools/generate_api.py --check fails if this file and the table disagree.)
"""Low-level wrappers for the DNAnexus API: one function per route.

Each function sends one ``POST`` with a JSON body through :func:`dxpy.DXHTTPRequest`
and returns the decoded JSON reply. The bindings (:class:`dxpy.DXFile`,
:class:`dxpy.DXProject`, ...) are built on these functions; call them directly
to reach a route the bindings do not cover.

Naming rule
-----------

A function is named after its route's subject and method, in snake_case: the
route table's camelCase name has every run of capital letters replaced by ``_``
and the run in lower case.

============================================  ======================================
route                                         function
============================================  ======================================
``/system/findDataObjects``                   ``system_find_data_objects``
``/file-xxxx/upload``                         ``file_upload``
``/globalworkflow-xxxx/describe``             ``global_workflow_describe``
``/record/new``                               ``record_new``
``/system/shortenURL``                        ``system_shorten_url``
============================================  ======================================

Signatures
----------

* Class and system routes (``/record/new``, ``/system/whoami``):
  ``f(input_params={}, always_retry=<default>, **kwargs)``.
* Object routes (``/file-xxxx/upload``):
  ``f(object_id, input_params={}, always_retry=<default>, **kwargs)``; the request
  goes to ``/<object_id>/<method>``, whatever the ID's class (so
  ``project_describe("container-...")`` describes a container).
* App and global workflow object routes (``/app-xxxx/run``):
  ``f(app_name_or_id, alias=None, input_params={}, always_retry=<default>, **kwargs)``
  (the first parameter is ``name_or_id`` for global workflows); the request goes to
  ``/<app_name_or_id>/<method>`` or, with an alias such as a version or tag,
  ``/<app_name_or_id>/<alias>/<method>``.

``input_params`` is never modified. ``**kwargs`` go to :func:`dxpy.DXHTTPRequest`
unchanged (``timeout``, ``headers``, ``max_retries``, ``want_full_response``, ...).

Retries and nonces
------------------

``always_retry`` says whether the call may be repeated after an *ambiguous*
failure (the request may have reached the server but no complete reply came
back). It defaults to ``True`` for idempotent routes and for routes that accept a
``nonce``, and to ``False`` for the few routes that are neither (``project_new``,
``project_clone``, ``project_move``, ...). Server errors (5xx, 503 throttling)
are retried for every route regardless; see :func:`dxpy.DXHTTPRequest`.

Routes that accept a nonce (``file_new``, ``applet_run``, ...) send a copy of
``input_params`` with a fresh ``nonce`` unless the caller supplied a non-empty
one (see :class:`dxpy.utils.Nonce`). The nonce is chosen once per call, so every
retry of that call carries the same value and the server never performs the
operation twice.

Example::

    import dxpy
    files = dxpy.api.system_find_data_objects({"class": "file", "limit": 10})
    desc = dxpy.api.file_describe("file-B0VJ5kQ0000000000000000", {"fields": {"name": True}})
    job = dxpy.api.app_run("app-bwa", alias="1.0.0", input_params={"input": {}})
"""

from __future__ import annotations

from typing import Any

from ._http import DXHTTPRequest
from ._nonce import Nonce
from .exceptions import DXError

__all__ = [
    "analysis_add_tags",
    "analysis_describe",
    "analysis_remove_tags",
    "analysis_set_properties",
    "analysis_terminate",
    "app_add_authorized_users",
    "app_add_categories",
    "app_add_developers",
    "app_add_tags",
    "app_delete",
    "app_describe",
    "app_get",
    "app_install",
    "app_list_authorized_users",
    "app_list_categories",
    "app_list_developers",
    "app_publish",
    "app_remove_authorized_users",
    "app_remove_categories",
    "app_remove_developers",
    "app_remove_tags",
    "app_run",
    "app_validate_batch",
    "app_uninstall",
    "app_update",
    "app_new",
    "applet_add_tags",
    "applet_describe",
    "applet_get",
    "applet_get_details",
    "applet_list_projects",
    "applet_remove_tags",
    "applet_rename",
    "applet_validate_batch",
    "applet_run",
    "applet_set_properties",
    "applet_new",
    "container_clone",
    "container_describe",
    "container_destroy",
    "container_list_folder",
    "container_move",
    "container_new_folder",
    "container_remove_folder",
    "container_remove_objects",
    "container_rename_folder",
    "database_add_tags",
    "database_add_types",
    "database_close",
    "database_describe",
    "database_get_details",
    "database_list_projects",
    "database_relocate",
    "database_remove_tags",
    "database_remove_types",
    "database_rename",
    "database_set_details",
    "database_set_properties",
    "database_set_visibility",
    "database_download_file",
    "database_list_folder",
    "dbcluster_add_tags",
    "dbcluster_add_types",
    "dbcluster_describe",
    "dbcluster_get_details",
    "dbcluster_new",
    "dbcluster_remove_tags",
    "dbcluster_remove_types",
    "dbcluster_rename",
    "dbcluster_set_details",
    "dbcluster_set_properties",
    "dbcluster_set_visibility",
    "dbcluster_start",
    "dbcluster_stop",
    "dbcluster_terminate",
    "file_add_tags",
    "file_add_types",
    "file_close",
    "file_describe",
    "file_download",
    "file_get_details",
    "file_list_projects",
    "file_remove_tags",
    "file_remove_types",
    "file_rename",
    "file_set_details",
    "file_set_properties",
    "file_set_visibility",
    "file_upload",
    "file_new",
    "global_workflow_add_authorized_users",
    "global_workflow_add_categories",
    "global_workflow_add_developers",
    "global_workflow_add_tags",
    "global_workflow_delete",
    "global_workflow_describe",
    "global_workflow_list_authorized_users",
    "global_workflow_list_categories",
    "global_workflow_list_developers",
    "global_workflow_publish",
    "global_workflow_remove_authorized_users",
    "global_workflow_remove_categories",
    "global_workflow_remove_developers",
    "global_workflow_remove_tags",
    "global_workflow_run",
    "global_workflow_update",
    "global_workflow_new",
    "job_add_tags",
    "job_describe",
    "job_get_log",
    "job_remove_tags",
    "job_set_properties",
    "job_terminate",
    "job_update",
    "job_get_identity_token",
    "job_new",
    "notifications_get",
    "notifications_mark_read",
    "org_describe",
    "org_find_members",
    "org_find_projects",
    "org_find_apps",
    "org_invite",
    "org_remove_member",
    "org_set_member_access",
    "org_update",
    "org_new",
    "project_add_tags",
    "project_archive",
    "project_unarchive",
    "project_clone",
    "project_decrease_permissions",
    "project_describe",
    "project_destroy",
    "project_invite",
    "project_leave",
    "project_list_folder",
    "project_move",
    "project_new_folder",
    "project_remove_folder",
    "project_remove_objects",
    "project_remove_tags",
    "project_rename_folder",
    "project_set_properties",
    "project_transfer",
    "project_update",
    "project_update_sponsorship",
    "project_new",
    "record_add_tags",
    "record_add_types",
    "record_close",
    "record_describe",
    "record_get_details",
    "record_list_projects",
    "record_remove_tags",
    "record_remove_types",
    "record_rename",
    "record_set_details",
    "record_set_properties",
    "record_set_visibility",
    "record_new",
    "system_describe_data_objects",
    "system_describe_executions",
    "system_describe_projects",
    "system_find_affiliates",
    "system_find_apps",
    "system_find_data_objects",
    "system_find_global_workflows",
    "system_resolve_data_objects",
    "system_find_executions",
    "system_find_analyses",
    "system_find_databases",
    "system_find_jobs",
    "system_find_projects",
    "system_find_users",
    "system_find_project_members",
    "system_find_orgs",
    "system_generate_batch_inputs",
    "system_global_search",
    "system_greet",
    "system_headers",
    "system_shorten_url",
    "system_whoami",
    "user_describe",
    "user_update",
    "workflow_add_stage",
    "workflow_add_tags",
    "workflow_add_types",
    "workflow_close",
    "workflow_describe",
    "workflow_dry_run",
    "workflow_get_details",
    "workflow_is_stage_compatible",
    "workflow_list_projects",
    "workflow_move_stage",
    "workflow_overwrite",
    "workflow_remove_stage",
    "workflow_remove_tags",
    "workflow_remove_types",
    "workflow_rename",
    "workflow_run",
    "workflow_validate_batch",
    "workflow_set_details",
    "workflow_set_properties",
    "workflow_set_visibility",
    "workflow_update",
    "workflow_update_stage_executable",
    "workflow_new",
]


def _object_route(object_id: str, method: str) -> str:
    if not isinstance(object_id, str) or not object_id:
        raise DXError(f"object_id must be a non-empty string ID, not {object_id!r}")
    return f"/{object_id}/{method}"


def _aliased_route(name_or_id: str, alias: str | None, method: str) -> str:
    if not isinstance(name_or_id, str) or not name_or_id:
        raise DXError(f"the name or ID must be a non-empty string, not {name_or_id!r}")
    if alias is None or alias == "":
        return f"/{name_or_id}/{method}"
    if not isinstance(alias, str):
        raise DXError(f"alias must be a string or None, not {alias!r}")
    return f"/{name_or_id}/{alias}/{method}"


def analysis_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/analysis-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-analysis-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def analysis_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/analysis-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-analysis-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def analysis_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/analysis-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-analysis-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def analysis_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/analysis-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-analysis-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def analysis_terminate(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/analysis-xxxx/terminate`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-analysis-xxxx-terminate

    :param object_id: ID of the entity; request goes to ``/<object_id>/terminate``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "terminate"), input_params, always_retry=always_retry, **kwargs)


def app_add_authorized_users(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/addAuthorizedUsers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-addauthorizedusers

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "addAuthorizedUsers"), input_params, always_retry=always_retry, **kwargs)


def app_add_categories(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/addCategories`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-addcategories

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "addCategories"), input_params, always_retry=always_retry, **kwargs)


def app_add_developers(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/addDevelopers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-adddevelopers

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "addDevelopers"), input_params, always_retry=always_retry, **kwargs)


def app_add_tags(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-addtags

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "addTags"), input_params, always_retry=always_retry, **kwargs)


def app_delete(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/delete`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-delete

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "delete"), input_params, always_retry=always_retry, **kwargs)


def app_describe(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-describe

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "describe"), input_params, always_retry=always_retry, **kwargs)


def app_get(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/get`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-get

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "get"), input_params, always_retry=always_retry, **kwargs)


def app_install(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/install`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-install

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "install"), input_params, always_retry=always_retry, **kwargs)


def app_list_authorized_users(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/listAuthorizedUsers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-listauthorizedusers

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "listAuthorizedUsers"), input_params, always_retry=always_retry, **kwargs)


def app_list_categories(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/listCategories`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-listcategories

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "listCategories"), input_params, always_retry=always_retry, **kwargs)


def app_list_developers(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/listDevelopers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-listdevelopers

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "listDevelopers"), input_params, always_retry=always_retry, **kwargs)


def app_publish(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/publish`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-publish

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "publish"), input_params, always_retry=always_retry, **kwargs)


def app_remove_authorized_users(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/removeAuthorizedUsers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-removeauthorizedusers

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "removeAuthorizedUsers"), input_params, always_retry=always_retry, **kwargs)


def app_remove_categories(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/removeCategories`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-removecategories

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "removeCategories"), input_params, always_retry=always_retry, **kwargs)


def app_remove_developers(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/removeDevelopers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-removedevelopers

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "removeDevelopers"), input_params, always_retry=always_retry, **kwargs)


def app_remove_tags(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-removetags

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def app_run(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/run`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-run

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string or ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "run"), Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def app_validate_batch(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/validateBatch`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-validatebatch

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "validateBatch"), input_params, always_retry=always_retry, **kwargs)


def app_uninstall(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/uninstall`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-uninstall

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "uninstall"), input_params, always_retry=always_retry, **kwargs)


def app_update(app_name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-xxxx-yyyy-update

    :param app_name_or_id: ID or name (``app-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(app_name_or_id, alias, "update"), input_params, always_retry=always_retry, **kwargs)


def app_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/app/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/apps#api-method-app-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/app/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def applet_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def applet_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-applet-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def applet_get(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/get`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-applet-xxxx-get

    :param object_id: ID of the entity; request goes to ``/<object_id>/get``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "get"), input_params, always_retry=always_retry, **kwargs)


def applet_get_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/getDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-getdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/getDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getDetails"), input_params, always_retry=always_retry, **kwargs)


def applet_list_projects(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/listProjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-listprojects

    :param object_id: ID of the entity; request goes to ``/<object_id>/listProjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listProjects"), input_params, always_retry=always_retry, **kwargs)


def applet_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def applet_rename(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/rename`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/name#api-method-class-xxxx-rename

    :param object_id: ID of the entity; request goes to ``/<object_id>/rename``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "rename"), input_params, always_retry=always_retry, **kwargs)


def applet_validate_batch(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/validateBatch`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-applet-xxxx-validatebatch

    :param object_id: ID of the entity; request goes to ``/<object_id>/validateBatch``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "validateBatch"), input_params, always_retry=always_retry, **kwargs)


def applet_run(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/run`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-applet-xxxx-run

    :param object_id: ID of the entity; request goes to ``/<object_id>/run``.
    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string or ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "run"), Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def applet_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/properties#api-method-class-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def applet_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/applet/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-applet-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/applet/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def container_clone(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/clone`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-clone

    :param object_id: ID of the entity; request goes to ``/<object_id>/clone``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "clone"), input_params, always_retry=always_retry, **kwargs)


def container_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/containers-for-execution#api-method-container-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def container_destroy(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/destroy`` API method on the given entity.

    The platform documentation has no page for this route.

    :param object_id: ID of the entity; request goes to ``/<object_id>/destroy``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "destroy"), input_params, always_retry=always_retry, **kwargs)


def container_list_folder(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/listFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-listfolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/listFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listFolder"), input_params, always_retry=always_retry, **kwargs)


def container_move(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/move`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-move

    :param object_id: ID of the entity; request goes to ``/<object_id>/move``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "move"), input_params, always_retry=always_retry, **kwargs)


def container_new_folder(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/newFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-newfolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/newFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "newFolder"), input_params, always_retry=always_retry, **kwargs)


def container_remove_folder(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/removeFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-removefolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeFolder"), input_params, always_retry=always_retry, **kwargs)


def container_remove_objects(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/removeObjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-removeobjects

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeObjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeObjects"), input_params, always_retry=always_retry, **kwargs)


def container_rename_folder(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/container-xxxx/renameFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-renamefolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/renameFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "renameFolder"), input_params, always_retry=always_retry, **kwargs)


def database_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def database_add_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/addTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-addtypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTypes"), input_params, always_retry=always_retry, **kwargs)


def database_close(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/close`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle#api-method-class-xxxx-close

    :param object_id: ID of the entity; request goes to ``/<object_id>/close``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "close"), input_params, always_retry=always_retry, **kwargs)


def database_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/databases#api-method-database-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def database_get_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/getDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-getdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/getDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getDetails"), input_params, always_retry=always_retry, **kwargs)


def database_list_projects(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/listProjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-listprojects

    :param object_id: ID of the entity; request goes to ``/<object_id>/listProjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listProjects"), input_params, always_retry=always_retry, **kwargs)


def database_relocate(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/relocate`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/databases#api-method-database-xxxx-relocate

    :param object_id: ID of the entity; request goes to ``/<object_id>/relocate``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "relocate"), input_params, always_retry=always_retry, **kwargs)


def database_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def database_remove_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/removeTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-removetypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTypes"), input_params, always_retry=always_retry, **kwargs)


def database_rename(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/rename`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/name#api-method-class-xxxx-rename

    :param object_id: ID of the entity; request goes to ``/<object_id>/rename``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "rename"), input_params, always_retry=always_retry, **kwargs)


def database_set_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/setDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-setdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/setDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setDetails"), input_params, always_retry=always_retry, **kwargs)


def database_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/properties#api-method-class-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def database_set_visibility(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/setVisibility`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/visibility#api-method-class-xxxx-setvisibility

    :param object_id: ID of the entity; request goes to ``/<object_id>/setVisibility``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setVisibility"), input_params, always_retry=always_retry, **kwargs)


def database_download_file(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/downloadFile`` API method on the given entity.

    The platform documentation has no page for this route.

    :param object_id: ID of the entity; request goes to ``/<object_id>/downloadFile``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "downloadFile"), input_params, always_retry=always_retry, **kwargs)


def database_list_folder(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/database-xxxx/listFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-listfolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/listFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listFolder"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_add_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/addTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-addtypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTypes"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/dbclusters#api-method-dbcluster-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_get_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/getDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-getdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/getDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getDetails"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_new(input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/dbclusters#api-method-dbcluster-new

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/dbcluster/new", input_params, always_retry=always_retry, **kwargs)


def dbcluster_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_remove_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/removeTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-removetypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTypes"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_rename(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/rename`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/name#api-method-class-xxxx-rename

    :param object_id: ID of the entity; request goes to ``/<object_id>/rename``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "rename"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_set_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/setDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-setdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/setDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setDetails"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/properties#api-method-class-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_set_visibility(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/setVisibility`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/visibility#api-method-class-xxxx-setvisibility

    :param object_id: ID of the entity; request goes to ``/<object_id>/setVisibility``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setVisibility"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_start(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/start`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/dbclusters#api-method-dbcluster-xxxx-start

    :param object_id: ID of the entity; request goes to ``/<object_id>/start``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "start"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_stop(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/stop`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/dbclusters#api-method-dbcluster-xxxx-stop

    :param object_id: ID of the entity; request goes to ``/<object_id>/stop``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "stop"), input_params, always_retry=always_retry, **kwargs)


def dbcluster_terminate(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/dbcluster-xxxx/terminate`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/dbclusters#api-method-dbcluster-xxxx-terminate

    :param object_id: ID of the entity; request goes to ``/<object_id>/terminate``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "terminate"), input_params, always_retry=always_retry, **kwargs)


def file_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def file_add_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/addTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-addtypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTypes"), input_params, always_retry=always_retry, **kwargs)


def file_close(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/close`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/files#api-method-file-xxxx-close

    :param object_id: ID of the entity; request goes to ``/<object_id>/close``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "close"), input_params, always_retry=always_retry, **kwargs)


def file_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/files#api-method-file-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def file_download(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/download`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/files#api-method-file-xxxx-download

    :param object_id: ID of the entity; request goes to ``/<object_id>/download``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "download"), input_params, always_retry=always_retry, **kwargs)


def file_get_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/getDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-getdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/getDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getDetails"), input_params, always_retry=always_retry, **kwargs)


def file_list_projects(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/listProjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-listprojects

    :param object_id: ID of the entity; request goes to ``/<object_id>/listProjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listProjects"), input_params, always_retry=always_retry, **kwargs)


def file_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def file_remove_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/removeTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-removetypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTypes"), input_params, always_retry=always_retry, **kwargs)


def file_rename(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/rename`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/name#api-method-class-xxxx-rename

    :param object_id: ID of the entity; request goes to ``/<object_id>/rename``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "rename"), input_params, always_retry=always_retry, **kwargs)


def file_set_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/setDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-setdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/setDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setDetails"), input_params, always_retry=always_retry, **kwargs)


def file_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/properties#api-method-class-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def file_set_visibility(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/setVisibility`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/visibility#api-method-class-xxxx-setvisibility

    :param object_id: ID of the entity; request goes to ``/<object_id>/setVisibility``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setVisibility"), input_params, always_retry=always_retry, **kwargs)


def file_upload(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file-xxxx/upload`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/files#api-method-file-xxxx-upload

    :param object_id: ID of the entity; request goes to ``/<object_id>/upload``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "upload"), input_params, always_retry=always_retry, **kwargs)


def file_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/file/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/files#api-method-file-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/file/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def global_workflow_add_authorized_users(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/addAuthorizedUsers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-addauthorizedusers

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "addAuthorizedUsers"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_add_categories(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/addCategories`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-addcategories

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "addCategories"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_add_developers(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/addDevelopers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-adddevelopers

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "addDevelopers"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_add_tags(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-addtags

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "addTags"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_delete(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/delete`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-delete

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "delete"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_describe(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-describe

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "describe"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_list_authorized_users(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/listAuthorizedUsers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-listauthorizedusers

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "listAuthorizedUsers"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_list_categories(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/listCategories`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-listcategories

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "listCategories"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_list_developers(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/listDevelopers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-listdevelopers

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "listDevelopers"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_publish(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/publish`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-publish

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "publish"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_remove_authorized_users(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/removeAuthorizedUsers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-removeauthorizedusers

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "removeAuthorizedUsers"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_remove_categories(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/removeCategories`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-removecategories

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "removeCategories"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_remove_developers(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/removeDevelopers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-removedevelopers

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "removeDevelopers"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_remove_tags(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-removetags

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_run(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/run`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-run

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string or ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "run"), Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def global_workflow_update(name_or_id: str, alias: str | None = None, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-xxxx-yyyy-update

    :param name_or_id: ID or name (``globalworkflow-<name>``) to call.
    :param alias: version or tag to address; ``None`` for the default.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the name or ID is empty or the alias is not a string (nothing is sent).
    """
    return DXHTTPRequest(_aliased_route(name_or_id, alias, "update"), input_params, always_retry=always_retry, **kwargs)


def global_workflow_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/globalworkflow/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/global-workflows#api-method-globalworkflow-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/globalworkflow/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def job_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def job_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def job_get_log(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/getLog`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-getlog

    :param object_id: ID of the entity; request goes to ``/<object_id>/getLog``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getLog"), input_params, always_retry=always_retry, **kwargs)


def job_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def job_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def job_terminate(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/terminate`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-terminate

    :param object_id: ID of the entity; request goes to ``/<object_id>/terminate``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "terminate"), input_params, always_retry=always_retry, **kwargs)


def job_update(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-update

    :param object_id: ID of the entity; request goes to ``/<object_id>/update``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "update"), input_params, always_retry=always_retry, **kwargs)


def job_get_identity_token(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job-xxxx/getIdentityToken`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-xxxx-getIdentityToken

    :param object_id: ID of the entity; request goes to ``/<object_id>/getIdentityToken``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getIdentityToken"), input_params, always_retry=always_retry, **kwargs)


def job_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/job/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/applets-and-entry-points#api-method-job-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/job/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def notifications_get(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/notifications/get`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/notifications/get", input_params, always_retry=always_retry, **kwargs)


def notifications_mark_read(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/notifications/markRead`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/notifications/markRead", input_params, always_retry=always_retry, **kwargs)


def org_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def org_find_members(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/findMembers`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-findmembers

    :param object_id: ID of the entity; request goes to ``/<object_id>/findMembers``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "findMembers"), input_params, always_retry=always_retry, **kwargs)


def org_find_projects(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/findProjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-findprojects

    :param object_id: ID of the entity; request goes to ``/<object_id>/findProjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "findProjects"), input_params, always_retry=always_retry, **kwargs)


def org_find_apps(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/findApps`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-findapps

    :param object_id: ID of the entity; request goes to ``/<object_id>/findApps``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "findApps"), input_params, always_retry=always_retry, **kwargs)


def org_invite(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/invite`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-invite

    :param object_id: ID of the entity; request goes to ``/<object_id>/invite``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "invite"), input_params, always_retry=always_retry, **kwargs)


def org_remove_member(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/removeMember`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-removemember

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeMember``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeMember"), input_params, always_retry=always_retry, **kwargs)


def org_set_member_access(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/setMemberAccess`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-setmemberaccess

    :param object_id: ID of the entity; request goes to ``/<object_id>/setMemberAccess``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setMemberAccess"), input_params, always_retry=always_retry, **kwargs)


def org_update(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-xxxx-update

    :param object_id: ID of the entity; request goes to ``/<object_id>/update``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "update"), input_params, always_retry=always_retry, **kwargs)


def org_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/org/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/organizations#api-method-org-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/org/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def project_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def project_archive(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/archive`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-archive

    :param object_id: ID of the entity; request goes to ``/<object_id>/archive``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "archive"), input_params, always_retry=always_retry, **kwargs)


def project_unarchive(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/unarchive`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-unarchive

    :param object_id: ID of the entity; request goes to ``/<object_id>/unarchive``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "unarchive"), input_params, always_retry=always_retry, **kwargs)


def project_clone(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/clone`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-clone

    :param object_id: ID of the entity; request goes to ``/<object_id>/clone``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "clone"), input_params, always_retry=always_retry, **kwargs)


def project_decrease_permissions(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/decreasePermissions`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/project-permissions-and-sharing#api-method-project-xxxx-decreasepermissions

    :param object_id: ID of the entity; request goes to ``/<object_id>/decreasePermissions``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "decreasePermissions"), input_params, always_retry=always_retry, **kwargs)


def project_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def project_destroy(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/destroy`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-destroy

    :param object_id: ID of the entity; request goes to ``/<object_id>/destroy``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "destroy"), input_params, always_retry=always_retry, **kwargs)


def project_invite(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/invite`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/project-permissions-and-sharing#api-method-project-xxxx-invite

    :param object_id: ID of the entity; request goes to ``/<object_id>/invite``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "invite"), input_params, always_retry=always_retry, **kwargs)


def project_leave(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/leave`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/project-permissions-and-sharing#api-method-project-xxxx-leave

    :param object_id: ID of the entity; request goes to ``/<object_id>/leave``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "leave"), input_params, always_retry=always_retry, **kwargs)


def project_list_folder(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/listFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-listfolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/listFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listFolder"), input_params, always_retry=always_retry, **kwargs)


def project_move(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/move`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-move

    :param object_id: ID of the entity; request goes to ``/<object_id>/move``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "move"), input_params, always_retry=always_retry, **kwargs)


def project_new_folder(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/newFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-newfolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/newFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "newFolder"), input_params, always_retry=always_retry, **kwargs)


def project_remove_folder(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/removeFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-removefolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeFolder"), input_params, always_retry=always_retry, **kwargs)


def project_remove_objects(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/removeObjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-removeobjects

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeObjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeObjects"), input_params, always_retry=always_retry, **kwargs)


def project_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def project_rename_folder(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/renameFolder`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/folders-and-deletion#api-method-class-xxxx-renamefolder

    :param object_id: ID of the entity; request goes to ``/<object_id>/renameFolder``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "renameFolder"), input_params, always_retry=always_retry, **kwargs)


def project_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def project_transfer(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/transfer`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/project-permissions-and-sharing#api-method-project-xxxx-transfer

    :param object_id: ID of the entity; request goes to ``/<object_id>/transfer``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "transfer"), input_params, always_retry=always_retry, **kwargs)


def project_update(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-update

    :param object_id: ID of the entity; request goes to ``/<object_id>/update``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "update"), input_params, always_retry=always_retry, **kwargs)


def project_update_sponsorship(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project-xxxx/updateSponsorship`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-xxxx-updatesponsorship

    :param object_id: ID of the entity; request goes to ``/<object_id>/updateSponsorship``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "updateSponsorship"), input_params, always_retry=always_retry, **kwargs)


def project_new(input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/project/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/projects#api-method-project-new

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/project/new", input_params, always_retry=always_retry, **kwargs)


def record_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def record_add_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/addTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-addtypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTypes"), input_params, always_retry=always_retry, **kwargs)


def record_close(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/close`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle#api-method-class-xxxx-close

    :param object_id: ID of the entity; request goes to ``/<object_id>/close``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "close"), input_params, always_retry=always_retry, **kwargs)


def record_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/records#api-method-record-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def record_get_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/getDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-getdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/getDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getDetails"), input_params, always_retry=always_retry, **kwargs)


def record_list_projects(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/listProjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-listprojects

    :param object_id: ID of the entity; request goes to ``/<object_id>/listProjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listProjects"), input_params, always_retry=always_retry, **kwargs)


def record_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def record_remove_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/removeTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-removetypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTypes"), input_params, always_retry=always_retry, **kwargs)


def record_rename(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/rename`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/name#api-method-class-xxxx-rename

    :param object_id: ID of the entity; request goes to ``/<object_id>/rename``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "rename"), input_params, always_retry=always_retry, **kwargs)


def record_set_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/setDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-setdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/setDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setDetails"), input_params, always_retry=always_retry, **kwargs)


def record_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/properties#api-method-class-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def record_set_visibility(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record-xxxx/setVisibility`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/visibility#api-method-class-xxxx-setvisibility

    :param object_id: ID of the entity; request goes to ``/<object_id>/setVisibility``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setVisibility"), input_params, always_retry=always_retry, **kwargs)


def record_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/record/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-classes/records#api-method-record-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/record/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def system_describe_data_objects(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/describeDataObjects`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/system-methods#api-method-system-describedataobjects

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/describeDataObjects", input_params, always_retry=always_retry, **kwargs)


def system_describe_executions(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/describeExecutions`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/system-methods#api-method-system-describeexecutions

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/describeExecutions", input_params, always_retry=always_retry, **kwargs)


def system_describe_projects(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/describeProjects`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/system-methods#api-method-system-describeprojects

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/describeProjects", input_params, always_retry=always_retry, **kwargs)


def system_find_affiliates(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findAffiliates`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findAffiliates", input_params, always_retry=always_retry, **kwargs)


def system_find_apps(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findApps`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findapps

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findApps", input_params, always_retry=always_retry, **kwargs)


def system_find_data_objects(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findDataObjects`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-finddataobjects

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findDataObjects", input_params, always_retry=always_retry, **kwargs)


def system_find_global_workflows(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findGlobalWorkflows`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findGlobalWorkflows", input_params, always_retry=always_retry, **kwargs)


def system_resolve_data_objects(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/resolveDataObjects`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/system-methods#api-method-system-resolvedataobjects

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/resolveDataObjects", input_params, always_retry=always_retry, **kwargs)


def system_find_executions(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findExecutions`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findexecutions

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findExecutions", input_params, always_retry=always_retry, **kwargs)


def system_find_analyses(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findAnalyses`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findanalyses

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findAnalyses", input_params, always_retry=always_retry, **kwargs)


def system_find_databases(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findDatabases`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-finddatabases

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findDatabases", input_params, always_retry=always_retry, **kwargs)


def system_find_jobs(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findJobs`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findjobs

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findJobs", input_params, always_retry=always_retry, **kwargs)


def system_find_projects(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findProjects`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findprojects

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findProjects", input_params, always_retry=always_retry, **kwargs)


def system_find_users(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findUsers`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findUsers", input_params, always_retry=always_retry, **kwargs)


def system_find_project_members(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findProjectMembers`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findprojectmembers

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findProjectMembers", input_params, always_retry=always_retry, **kwargs)


def system_find_orgs(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/findOrgs`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/search#api-method-system-findorgs

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/findOrgs", input_params, always_retry=always_retry, **kwargs)


def system_generate_batch_inputs(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/generateBatchInputs`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/system-methods#api-method-system-generatebatchinputs

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/generateBatchInputs", input_params, always_retry=always_retry, **kwargs)


def system_global_search(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/globalSearch`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/globalSearch", input_params, always_retry=always_retry, **kwargs)


def system_greet(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/greet`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/greet", input_params, always_retry=always_retry, **kwargs)


def system_headers(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/headers`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/headers", input_params, always_retry=always_retry, **kwargs)


def system_shorten_url(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/shortenURL`` API method.

    The platform documentation has no page for this route.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/shortenURL", input_params, always_retry=always_retry, **kwargs)


def system_whoami(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/system/whoami`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/system-methods#api-method-system-whoamiwiki.

    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    """
    return DXHTTPRequest("/system/whoami", input_params, always_retry=always_retry, **kwargs)


def user_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/user-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/users#api-method-user-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def user_update(object_id: str, input_params: Any = {}, always_retry: bool = False, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/user-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/users#api-method-user-xxxx-update

    :param object_id: ID of the entity; request goes to ``/<object_id>/update``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``False``: the route is not idempotent.
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "update"), input_params, always_retry=always_retry, **kwargs)


def workflow_add_stage(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/addStage`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-addstage

    :param object_id: ID of the entity; request goes to ``/<object_id>/addStage``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addStage"), input_params, always_retry=always_retry, **kwargs)


def workflow_add_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/addTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-addtags

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTags"), input_params, always_retry=always_retry, **kwargs)


def workflow_add_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/addTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-addtypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/addTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "addTypes"), input_params, always_retry=always_retry, **kwargs)


def workflow_close(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/close`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle#api-method-class-xxxx-close

    :param object_id: ID of the entity; request goes to ``/<object_id>/close``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "close"), input_params, always_retry=always_retry, **kwargs)


def workflow_describe(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/describe`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-describe

    :param object_id: ID of the entity; request goes to ``/<object_id>/describe``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "describe"), input_params, always_retry=always_retry, **kwargs)


def workflow_dry_run(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/dryRun`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-dryrun

    :param object_id: ID of the entity; request goes to ``/<object_id>/dryRun``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "dryRun"), input_params, always_retry=always_retry, **kwargs)


def workflow_get_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/getDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-getdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/getDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "getDetails"), input_params, always_retry=always_retry, **kwargs)


def workflow_is_stage_compatible(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/isStageCompatible`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-isstagecompatible

    :param object_id: ID of the entity; request goes to ``/<object_id>/isStageCompatible``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "isStageCompatible"), input_params, always_retry=always_retry, **kwargs)


def workflow_list_projects(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/listProjects`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-containers/cloning#api-method-class-xxxx-listprojects

    :param object_id: ID of the entity; request goes to ``/<object_id>/listProjects``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "listProjects"), input_params, always_retry=always_retry, **kwargs)


def workflow_move_stage(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/moveStage`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-movestage

    :param object_id: ID of the entity; request goes to ``/<object_id>/moveStage``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "moveStage"), input_params, always_retry=always_retry, **kwargs)


def workflow_overwrite(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/overwrite`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-overwrite

    :param object_id: ID of the entity; request goes to ``/<object_id>/overwrite``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "overwrite"), input_params, always_retry=always_retry, **kwargs)


def workflow_remove_stage(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/removeStage`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-removestage

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeStage``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeStage"), input_params, always_retry=always_retry, **kwargs)


def workflow_remove_tags(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/removeTags`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/tags#api-method-class-xxxx-removetags

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTags``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTags"), input_params, always_retry=always_retry, **kwargs)


def workflow_remove_types(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/removeTypes`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/types#api-method-class-xxxx-removetypes

    :param object_id: ID of the entity; request goes to ``/<object_id>/removeTypes``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "removeTypes"), input_params, always_retry=always_retry, **kwargs)


def workflow_rename(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/rename`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/name#api-method-class-xxxx-rename

    :param object_id: ID of the entity; request goes to ``/<object_id>/rename``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "rename"), input_params, always_retry=always_retry, **kwargs)


def workflow_run(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/run`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-run

    :param object_id: ID of the entity; request goes to ``/<object_id>/run``.
    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string or ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "run"), Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)


def workflow_validate_batch(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/validateBatch`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-validatebatch

    :param object_id: ID of the entity; request goes to ``/<object_id>/validateBatch``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "validateBatch"), input_params, always_retry=always_retry, **kwargs)


def workflow_set_details(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/setDetails`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/details-and-links#api-method-class-xxxx-setdetails

    :param object_id: ID of the entity; request goes to ``/<object_id>/setDetails``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setDetails"), input_params, always_retry=always_retry, **kwargs)


def workflow_set_properties(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/setProperties`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/introduction-to-data-object-metadata/properties#api-method-class-xxxx-setproperties

    :param object_id: ID of the entity; request goes to ``/<object_id>/setProperties``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setProperties"), input_params, always_retry=always_retry, **kwargs)


def workflow_set_visibility(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/setVisibility`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/data-object-lifecycle/visibility#api-method-class-xxxx-setvisibility

    :param object_id: ID of the entity; request goes to ``/<object_id>/setVisibility``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "setVisibility"), input_params, always_retry=always_retry, **kwargs)


def workflow_update(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/update`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-update

    :param object_id: ID of the entity; request goes to ``/<object_id>/update``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "update"), input_params, always_retry=always_retry, **kwargs)


def workflow_update_stage_executable(object_id: str, input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow-xxxx/updateStageExecutable`` API method on the given entity.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-xxxx-updatestageexecutable

    :param object_id: ID of the entity; request goes to ``/<object_id>/updateStageExecutable``.
    :param input_params: the method's JSON input (never modified).
    :param always_retry: retry after an ambiguous failure; default ``True`` (idempotent route).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if the ID is empty or not a string (nothing is sent).
    """
    return DXHTTPRequest(_object_route(object_id, "updateStageExecutable"), input_params, always_retry=always_retry, **kwargs)


def workflow_new(input_params: Any = {}, always_retry: bool = True, **kwargs: Any) -> Any:  # noqa: B006
    """Call the ``/workflow/new`` API method.

    Documentation: https://documentation.dnanexus.com/developer/api/running-analyses/workflows-and-analyses#api-method-workflow-new

    :param input_params: the method's JSON input (never modified; a copy gets a fresh
        ``nonce`` unless it has a non-empty one).
    :param always_retry: retry after an ambiguous failure; default ``True`` (the nonce makes replays harmless).
    :param kwargs: passed to :func:`dxpy.DXHTTPRequest` (``timeout``, ``headers``,
        ``want_full_response``, ...).
    :returns: the decoded JSON reply (or what ``kwargs`` ask for).
    :raises dxpy.exceptions.DXAPIError: if the platform answers with an error.
    :raises dxpy.exceptions.DXError: if ``input_params`` is not a JSON object (nothing is sent).
    """
    return DXHTTPRequest("/workflow/new", Nonce.update_nonce(input_params), always_retry=always_retry, **kwargs)
