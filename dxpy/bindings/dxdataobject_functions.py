"""Helpers for IDs, ``$dnanexus_link`` values and any-class handlers.

Upstream path: ``dxpy.bindings.dxdataobject_functions``; every name is also
available as ``dxpy.<name>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..exceptions import DXError
from . import DXDataObject, DXObject, _api_function, _fields_mapping, handler_class_for

_ANY_ID_RE = re.compile(r"^([a-z]+)-([0-9A-Za-z]{24})$")
#: classes whose handlers can also be built from a name (``app-bwa``)
_NAMED_CLASSES = ("app", "globalworkflow")
_BATCH = 1000


def dxlink(object_id: Any, project_id: str | None = None, field: str | None = None) -> dict[str, Any]:
    """Build a ``$dnanexus_link``.

    :param object_id: an object ID, a handler, or an existing link (returned unchanged)
    :param project_id: pin the link to this container
    :param field: with a job or analysis ID, build a reference to this output field
    :returns: ``{"$dnanexus_link": ...}``
    """
    if is_dxlink(object_id):
        return object_id
    if isinstance(object_id, DXObject):
        object_id = object_id.get_id()
    if field is not None:
        key = "analysis" if str(object_id).startswith("analysis-") else "job"
        return {"$dnanexus_link": {key: object_id, "field": field}}
    if project_id is not None:
        return {"$dnanexus_link": {"project": project_id, "id": object_id}}
    return {"$dnanexus_link": object_id}


def is_dxlink(x: Any) -> bool:
    """Tell whether *x* is a ``$dnanexus_link`` to a data object or a job output.

    :param x: any value
    :returns: ``True`` for ``{"$dnanexus_link": "<id>"}`` and for link mappings
        carrying ``id`` or ``job``
    """
    if not isinstance(x, Mapping) or "$dnanexus_link" not in x:
        return False
    inner = x["$dnanexus_link"]
    if isinstance(inner, str):
        return True
    return isinstance(inner, Mapping) and ("id" in inner or "job" in inner)


def get_dxlink_ids(link: Any) -> tuple[str, str | None]:
    """Take a link apart.

    :param link: a ``$dnanexus_link`` value
    :returns: ``(object_id, project_id_or_None)`` for data-object links,
        ``(job_id, field)`` for job-output references
    :raises DXError: if *link* is not a link
    """
    if not is_dxlink(link):
        raise DXError(f"Invalid link: {link!r}")
    inner = link["$dnanexus_link"]
    if isinstance(inner, str):
        return inner, None
    if "id" in inner:
        return inner["id"], inner.get("project")
    return inner["job"], inner.get("field")


def _split_id_or_link(id_or_link: Any, project: str | None) -> tuple[str, str | None]:
    if is_dxlink(id_or_link):
        dxid, link_project = get_dxlink_ids(id_or_link)
        inner = id_or_link["$dnanexus_link"]
        if isinstance(inner, Mapping) and "job" in inner:
            raise DXError(f"{id_or_link!r} is a job-output reference, not a link to an object")
        return dxid, project if project is not None else link_project
    if isinstance(id_or_link, DXObject):
        if project is None:
            project = getattr(id_or_link, "_proj", None)
        return str(id_or_link.get_id()), project
    if not isinstance(id_or_link, str):
        raise DXError(f"Expected an ID or a link, got {id_or_link!r}")
    return id_or_link, project


def get_handler(id_or_link: Any, project: str | None = None) -> DXObject:
    """Return a handler of the right class for an ID or link.

    ``record-...`` gives a :class:`~dxpy.DXRecord`, ``project-...`` a
    :class:`~dxpy.DXProject`, ``app-bwa`` an app handler by name, and so on.

    :param id_or_link: an ID, an app/global-workflow name (``app-bwa``) or a link
    :param project: container for data-object handlers (default: the link's
        project, else the current workspace / project context)
    :returns: the handler
    :raises DXError: if the ID cannot be parsed or its class has no handler in this dxpy
    """
    dxid, project = _split_id_or_link(id_or_link, project)
    match = _ANY_ID_RE.match(dxid)
    id_class = match.group(1) if match else dxid.split("-", 1)[0]
    if match is None and not (id_class in _NAMED_CLASSES and "-" in dxid):
        raise DXError(f"Could not parse {dxid!r} as an ID of a known class")
    try:
        cls = handler_class_for(id_class)
    except DXError as exc:
        raise DXError(f"Could not get a handler for {dxid!r}: {exc}") from None
    if id_class in _NAMED_CLASSES and match is None:
        name, slash, alias = dxid.split("-", 1)[1].partition("/")
        return cls(name=name, alias=alias if slash else None)  # type: ignore[call-arg]
    if issubclass(cls, DXDataObject):
        return cls(dxid, project=project)
    return cls(dxid)


def describe(id_or_link: Any, **kwargs: Any) -> Any:
    """Describe one object, or many data objects in one batched request.

    :param id_or_link: an ID or link; or a list of IDs/links of data objects,
        described with ``/system/describeDataObjects`` (in batches of 1000)
    :param kwargs: for one object, the handler's ``describe`` options
        (``incl_properties``, ``incl_details``, ``fields``, ``default_fields``)
        and API-call options; for a list, the same describe options
    :returns: the description, or a list of descriptions in input order
    :raises DXError: for a malformed ID (before any request)
    """
    if isinstance(id_or_link, (list, tuple)):
        return _describe_many(list(id_or_link), **kwargs)
    handler = get_handler(id_or_link)
    return handler.describe(**kwargs)


def _describe_many(items: list[Any], **kwargs: Any) -> list[Any]:
    options: dict[str, Any] = {}
    if kwargs.pop("incl_properties", False):
        options["properties"] = True
    if kwargs.pop("incl_details", False):
        options["details"] = True
    fields = kwargs.pop("fields", None)
    if fields is not None:
        options["fields"] = _fields_mapping(fields)
    default_fields = kwargs.pop("default_fields", None)
    if default_fields is not None:
        options["defaultFields"] = bool(default_fields)
    objects = []
    for item in items:
        dxid, project = _split_id_or_link(item, None)
        if _ANY_ID_RE.match(dxid) is None:
            raise DXError(f"Cannot describe {dxid!r}: not an object ID")
        entry: dict[str, Any] = {"id": dxid, "describe": options or True}
        if project is not None:
            entry["project"] = project
        objects.append(entry)
    results: list[Any] = []
    call = _api_function("system_describe_data_objects")
    for start in range(0, len(objects), _BATCH):
        resp = call({"objects": objects[start : start + _BATCH]}, **kwargs)
        results.extend(r.get("describe") if isinstance(r, Mapping) else r for r in resp["results"])
    return results


def get_details(id_or_link: Any, **kwargs: Any) -> Any:
    """Return the details of a data object.

    :param id_or_link: ID or link
    :param kwargs: passed through to the API call
    :returns: the details
    :raises DXError: if the ID is not a data object
    """
    handler = get_handler(id_or_link)
    if not isinstance(handler, DXDataObject):
        raise DXError(f"get_details needs a data object, got {id_or_link!r}")
    return handler.get_details(**kwargs)


def remove(id_or_link: Any, **kwargs: Any) -> None:
    """Remove a data object from its container (the link's project, else the default).

    :param id_or_link: ID or link
    :param kwargs: passed through to the ``removeObjects`` call
    :raises DXError: if the ID is not a data object
    """
    handler = get_handler(id_or_link)
    if not isinstance(handler, DXDataObject):
        raise DXError(f"remove needs a data object, got {id_or_link!r}")
    handler.remove(**kwargs)


__all__ = ["dxlink", "is_dxlink", "get_dxlink_ids", "get_handler", "describe", "get_details", "remove"]
