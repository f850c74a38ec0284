"""Helpers for code running inside a job: app resources and the project cache.

Upstream path ``dxpy.bindings.dxapp_container_functions``; names re-exported from
``dxpy``. Each function works only inside a job (``dxpy.JOB_ID`` set).

* :func:`load_app_resource` finds an object in the app's resources container
  (``DX_RESOURCES_ID``, or for applets the project context ``DX_PROJECT_CONTEXT_ID``).
* :func:`load_from_cache` / :func:`save_to_cache` share objects between runs through
  the project cache container ``DX_PROJECT_CACHE_ID``.
"""

from __future__ import annotations

import os
from typing import Any

from ..exceptions import DXError
from .search import find_one_data_object


def _require_job(kwargs: dict[str, Any] | None = None) -> None:
    import dxpy

    if kwargs is not None and "project" in kwargs:
        raise DXError('Unexpected kwarg: "project"')
    if dxpy.JOB_ID is None:
        raise DXError("Not called by a job")


def _cache_id() -> str:
    cache = os.environ.get("DX_PROJECT_CACHE_ID")
    if not cache:
        raise DXError("Project cache ID could not be found in the environment variable DX_PROJECT_CACHE_ID")
    return cache


def load_app_resource(**kwargs: Any) -> Any:
    """Find one data object in the app's resources container.

    :param kwargs: search arguments of :func:`~dxpy.bindings.search.find_one_data_object`
        (``name``, ``classname``, ``folder`` ...), but not ``project``
    :returns: a handler for the object, or ``None`` with ``zero_ok=True`` and no match
    :raises DXError: outside a job, if ``project`` is given, or no resources container is known
    """
    _require_job(kwargs)
    container = os.environ.get("DX_RESOURCES_ID") or os.environ.get("DX_PROJECT_CONTEXT_ID")
    if not container:
        raise DXError("App resources container ID could not be found")
    return find_one_data_object(project=container, return_handler=True, **kwargs)


def load_from_cache(**kwargs: Any) -> Any:
    """Find an object in the project cache and clone it into the job's workspace.

    :param kwargs: search arguments of :func:`~dxpy.bindings.search.find_one_data_object`, but not ``project``
    :returns: a handler for the clone in the workspace, or ``None`` if nothing matched (with ``zero_ok=True``)
    :raises DXError: outside a job, if ``project`` is given, or ``DX_PROJECT_CACHE_ID`` is unset
    """
    import dxpy

    _require_job(kwargs)
    cached = find_one_data_object(project=_cache_id(), return_handler=True, **kwargs)
    if cached is None:
        return None
    return cached.clone(dxpy.WORKSPACE_ID)


def save_to_cache(dxobject: Any) -> None:
    """Clone *dxobject* into the project cache for later runs.

    :param dxobject: a data-object handler
    :raises DXError: outside a job, or if ``DX_PROJECT_CACHE_ID`` is unset
    """
    _require_job()
    dxobject.clone(_cache_id())


__all__ = ["load_app_resource", "load_from_cache", "save_to_cache"]
