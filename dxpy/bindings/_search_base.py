"""Query building and paging shared by the ``find_*`` functions of :mod:`dxpy.bindings.search`.

Private: the public names live in :mod:`dxpy.bindings.search`.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Mapping
from typing import Any, Callable

from .._defaults import REQUEST_OPTIONS
from ..exceptions import DXError, DXSearchError
from ..utils import normalize_time_input
from . import DXObject, _default_container
from .dxdataobject_functions import get_handler

_MAX_PAGE = 1000
_NAME_MODES = ("exact", "glob", "regexp")


# -- query building helpers ------------------------------------------------


def _name_query(func: str, name: Any, name_mode: str) -> Any:
    if name_mode not in _NAME_MODES:
        raise DXError(f"{func}: name_mode must be one of {', '.join(_NAME_MODES)}, not {name_mode!r}")
    if name_mode == "exact" or isinstance(name, Mapping):
        return name
    return {name_mode: name}


def _time_range(after: Any, before: Any) -> dict[str, int] | None:
    rng = {}
    if after is not None:
        rng["after"] = normalize_time_input(after)
    if before is not None:
        rng["before"] = normalize_time_input(before)
    return rng or None


def _tags_query(tags: Any) -> Any:
    if isinstance(tags, str):
        return tags
    if isinstance(tags, Mapping):
        return dict(tags)
    return {"$and": list(tags)}


def _choice(func: str, arg: str, value: Any, allowed: Iterable[str]) -> Any:
    allowed = tuple(allowed)
    if value is not None and value not in allowed:
        raise DXError(f"{func}: {arg} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _put(query: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Add the non-``None`` *fields* to *query*."""
    for key, value in fields.items():
        if value is not None:
            query[key] = value
    return query


def _id_list(func: str, ids: Any) -> list[Any] | None:
    if ids is None:
        return None
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise DXError(f"{func}: ids must be a list of IDs, not {ids!r}")
    return [_id_of(i) for i in ids]


def _sort_by(func: str, sort_by: Any) -> Any:
    if sort_by is None:
        return None
    if not isinstance(sort_by, Mapping) or sort_by.get("field") not in ("created", "modified") or \
            sort_by.get("ordering", "ascending") not in ("ascending", "descending"):
        raise DXError(f'{func}: sort_by must be {{"field": "created"|"modified", '
                      f'"ordering": "ascending"|"descending"}}, not {sort_by!r}')
    return dict(sort_by)


def _check_paging(func: str, limit: int | None, first_page_size: int) -> None:
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise DXError(f"{func}: limit must be a non-negative integer, not {limit!r}")
    if not isinstance(first_page_size, int) or not 1 <= first_page_size <= _MAX_PAGE:
        raise DXError(f"{func}: first_page_size must be in 1..{_MAX_PAGE}, got {first_page_size!r}")


def _describe_opt(describe: Any) -> Any:
    """``describe`` as sent: omitted for ``False``/``None``; ``{}`` means default fields."""
    return None if describe is False or describe is None else describe


def _id_of(value: Any) -> Any:
    return value.get_id() if isinstance(value, DXObject) else value


# -- paging ----------------------------------------------------------------


def _find(
    api_method: Callable[..., Any],
    query: Mapping[str, Any],
    limit: int | None,
    return_handler: bool,
    first_page_size: int,
    **kwargs: Any,
) -> Generator[Any, None, None]:
    """Yield results of a ``find*`` route, following ``next`` cursors.

    :param api_method: the :mod:`dxpy.api` wrapper to call with each page's query
    :param query: the query (not modified)
    :param limit: stop after this many results (``None``: no limit)
    :param return_handler: yield handlers (via :func:`~dxpy.get_handler`) instead of results
    :param first_page_size: size of the first page; later pages double up to 1000
    :param kwargs: passed through to every API call
    """
    query = dict(query)
    page_size = first_page_size
    produced = 0
    while limit is None or produced < limit:
        query["limit"] = page_size if limit is None else min(page_size, limit - produced)
        resp = api_method(query, **kwargs)
        if not isinstance(resp, Mapping) or not isinstance(resp.get("results"), list):
            raise DXError(f"Malformed search answer (no 'results' list): {str(resp)[:200]}")
        for result in resp["results"]:
            if return_handler:
                yield get_handler(result["id"], project=result.get("project"))
            else:
                yield result
            produced += 1
            if limit is not None and produced >= limit:
                return
        if resp.get("next") is None:
            return
        query["starting"] = resp["next"]
        page_size = min(page_size * 2, _MAX_PAGE)


def _find_one(method: Callable[..., Any], zero_ok: bool = False, more_ok: bool = True, **kwargs: Any) -> Any:
    # a string or number passed for zero_ok/more_ok (often positionally) is a mistake: fail before searching
    for name, value in (("zero_ok", zero_ok), ("more_ok", more_ok)):
        if not isinstance(value, bool):
            raise DXError(f"{method.__name__}: {name} must be True or False, not {value!r}")
    kwargs["limit"] = 1 if more_ok else 2
    # the query as upstream shows it (str of the keyword arguments), without request options
    query = {k: v for k, v in kwargs.items() if k not in REQUEST_OPTIONS}
    kwargs["first_page_size"] = kwargs["limit"]
    results = list(method(**kwargs))
    if not results:
        if zero_ok:
            return None
        raise DXSearchError(f"Expected one result, but found none: {query}")
    if len(results) > 1 and not more_ok:
        raise DXSearchError(f"Expected one result, but found more: {query}")
    return results[0]


def _data_object_scope(project: Any, folder: Any, recurse: Any, archival_state: Any, classname: Any) -> Any:
    if project is None and (folder is not None or recurse is not None):
        project = _default_container()
        if project is None:
            raise DXError("find_data_objects: folder/recurse given without a project and no project context")
    if archival_state is not None and (project is None or classname != "file"):
        raise DXError('find_data_objects: archival_state needs classname="file" and a project')
    if project is None:
        return None
    return _put({"project": _id_of(project)}, folder=folder, recurse=recurse)


def _parent(func: str, arg: str, value: Any, no_parent: bool) -> Any:
    if no_parent:
        if value is not None:
            raise DXError(f"{func}: cannot give {arg} and set no_{arg} to True")
        return _NULL
    return _id_of(value)


_NULL = object()  # marks "send JSON null" in a query
