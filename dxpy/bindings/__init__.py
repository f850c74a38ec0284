"""Object handlers for the DNAnexus Platform (upstream path ``dxpy.bindings``).

:class:`DXObject` is the base of every remote-object handler and
:class:`DXDataObject` the base of the handlers for data objects (records,
files, applets, workflows ...). Concrete handlers live in the submodules
(:mod:`dxpy.bindings.dxrecord`, :mod:`dxpy.bindings.dxproject`,
:mod:`dxpy.bindings.dxfile` ...); every public name of those submodules is
re-exported here, and from here as ``dxpy.<name>``.

Handlers hold an ID (and, for data objects, the ID of the container the
handler works through) and call :mod:`dxpy.api` for everything; they never
build URLs or headers themselves. Keyword arguments a method does not know
are passed through to the :mod:`dxpy.api` call (``timeout``, ``headers``,
``always_retry`` ...).
"""

from __future__ import annotations

import importlib
import logging
import re
import time
from collections.abc import Iterable, Mapping
from typing import Any, Callable

from ..exceptions import DXError

logger = logging.getLogger(__name__)

#: ``class-<24 chars>``: the ID shape the client accepts (the server is stricter).
_ID_RE = re.compile(r"^([a-z]+)-[0-9A-Za-z]{24}$")

#: Keyword arguments that every ``/<class>/new`` route accepts.
_CREATION_FIELDS = (
    "project", "name", "tags", "types", "hidden", "properties", "details", "folder", "parents",
)

#: ID class prefix -> handler class; filled by :func:`register_handler_class`.
_HANDLER_CLASSES: dict[str, type[DXObject]] = {}

#: Submodule that defines the handler of each class; imported on demand by
#: :func:`handler_class_for`, so a handler registers itself when its module loads.
_HANDLER_MODULES = {
    "record": "dxrecord",
    "project": "dxproject",
    "container": "dxproject",
    "file": "dxfile",
    "applet": "dxapplet",
    "app": "dxapp",
    "workflow": "dxworkflow",
    "globalworkflow": "dxglobalworkflow",
    "job": "dxjob",
    "analysis": "dxanalysis",
    "database": "dxdatabase",
}


def verify_string_dxid(dxid: Any, expected_classes: str | Iterable[str]) -> None:
    """Check that *dxid* is a well-formed ID of one of *expected_classes*.

    :param dxid: the value to check
    :param expected_classes: a class name (``"file"``) or several
    :raises DXError: naming the bad value when it is not a string of the form
        ``<class>-<24 alphanumerics>`` with one of the expected classes
    """
    classes = [expected_classes] if isinstance(expected_classes, str) else list(expected_classes)
    match = _ID_RE.match(dxid) if isinstance(dxid, str) else None
    if match is None or match.group(1) not in classes:
        raise DXError("Invalid ID of class {}: {!r}".format(" or ".join(classes), dxid))


def register_handler_class(cls: type[DXObject]) -> type[DXObject]:
    """Make :func:`dxpy.get_handler` return instances of *cls* for IDs of ``cls._class``.

    Subclasses defined inside ``dxpy`` register themselves automatically; use this
    to plug in a handler defined elsewhere.

    :param cls: a :class:`DXObject` subclass with a ``_class`` attribute
    :returns: *cls* (so it can be used as a decorator)
    :raises DXError: if *cls* has no ``_class``
    """
    if not getattr(cls, "_class", None):
        raise DXError(f"{cls.__name__} has no _class attribute and cannot be registered")
    _HANDLER_CLASSES[str(cls._class)] = cls
    return cls


def handler_class_for(id_class: str) -> type[DXObject]:
    """Return the handler class for IDs whose prefix is *id_class*.

    :param id_class: an ID class prefix such as ``"record"`` or ``"file"``
    :returns: the registered handler class
    :raises DXError: if the class is unknown, or its handler is not available in this dxpy
    """
    if id_class not in _HANDLER_CLASSES and id_class in _HANDLER_MODULES:
        try:
            importlib.import_module("." + _HANDLER_MODULES[id_class], __name__)
        except ModuleNotFoundError as exc:
            logger.debug("handler module for %s not available: %s", id_class, exc)
    if id_class in _HANDLER_CLASSES:
        return _HANDLER_CLASSES[id_class]
    if id_class in _HANDLER_MODULES:
        raise DXError(f"Handlers for {id_class} IDs are not implemented in this version of dxpy")
    raise DXError(f"No handler class for IDs of class {id_class!r}")


def _api_function(name: str) -> Callable[..., Any]:
    from .. import api

    fn = getattr(api, name, None)
    if fn is None:
        raise DXError(f"The API has no route wrapper named {name}")
    return fn


def _default_container() -> str | None:
    """Container that handlers use when none is given.

    Inside a job (``DX_JOB_ID`` set) it is the job's workspace. Outside a job it
    is the workspace if one was set (``dxpy.set_workspace_id``, kept for scripts
    that rely on it), else the project context.
    """
    import dxpy

    if getattr(dxpy, "JOB_ID", None):
        return dxpy.WORKSPACE_ID
    return getattr(dxpy, "WORKSPACE_ID", None) or getattr(dxpy, "PROJECT_CONTEXT_ID", None)


def _link_parts(value: Any) -> tuple[Any, Any]:
    """Split a ``$dnanexus_link`` into (id, project); other values -> (value, None)."""
    if isinstance(value, Mapping) and "$dnanexus_link" in value:
        inner = value["$dnanexus_link"]
        if isinstance(inner, str):
            return inner, None
        if isinstance(inner, Mapping) and "id" in inner:
            return inner["id"], inner.get("project")
        raise DXError(f"Link {value!r} does not refer to a data object by ID")
    return value, None


def _with_input_params(req: Any, kwargs: dict[str, Any]) -> Any:
    """Fold an ``input_params=`` keyword (removed from *kwargs*) into the request *req*.

    Upstream handlers hand unknown keywords to the :mod:`dxpy.api` wrapper, whose
    second parameter is ``input_params``, so scripts send extra fields that way
    (``project.destroy(input_params={"terminateJobs": True})``). Fields set by the
    method's own arguments win over the same keys in ``input_params``.
    """
    extra = kwargs.pop("input_params", None)
    if extra is None:
        return req
    if not isinstance(extra, Mapping) or not isinstance(req, Mapping):
        raise DXError(f"input_params must be a mapping and the request a JSON object, got {extra!r}")
    return {**extra, **req}


def _fields_mapping(fields: Any) -> dict[str, bool]:
    if isinstance(fields, Mapping):
        return dict(fields)
    if isinstance(fields, str):
        return {fields: True}
    return {name: True for name in fields}


def _caching_describe(describe: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a handler's ``describe`` so that its answer becomes the cached description."""
    import functools

    @functools.wraps(describe)
    def wrapper(self: DXObject, *args: Any, **kwargs: Any) -> Any:
        desc = describe(self, *args, **kwargs)
        if isinstance(desc, dict):
            self._desc = desc
        return desc

    return wrapper


class DXObject:
    """Base class of every remote-object handler.

    :param dxid: ID of the object, or a ``$dnanexus_link`` to it; ``None`` for a
        handler that is bound later (``set_id`` / ``new``)
    :param project: ignored here; data-object handlers use it
    :raises DXError: if *dxid* is not a well-formed ID of the handler's class
    """

    #: ID class prefix served by the handler (``"record"``, ``"project"`` ...).
    _class: str | None = None

    #: classes whose str()/repr() show no project part (as upstream's)
    _NO_PROJECT_CLASSES = ("container", "project", "app", "globalworkflow")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_class" in cls.__dict__ and cls.__module__.startswith("dxpy."):
            _HANDLER_CLASSES.setdefault(str(cls._class), cls)
        if "describe" in cls.__dict__:
            cls.describe = _caching_describe(cls.__dict__["describe"])  # type: ignore[method-assign]

    def __init__(self, dxid: Any = None, project: str | None = None) -> None:
        self._dxid: str | None = None
        self._proj: str | None = None
        self._desc: dict[str, Any] = {}
        if dxid is not None:
            self.set_id(dxid)

    def __getattr__(self, attr: str) -> Any:
        """A field of the object's description (``record.name``, ``job.state``), as upstream.

        The first access describes the object and caches the answer (as does any
        :meth:`describe` call); ``set_id`` clears the cache. Private and special names never
        make a request (``copy``, ``pickle`` and ``hasattr`` look such names up).

        :param attr: the field.
        :returns: its value in the description.
        :raises AttributeError: for a field the description does not have.
        """
        if attr.startswith("_") or self.__dict__.get("_dxid") is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {attr!r}")
        desc = self.__dict__.get("_desc")
        if not desc:
            desc = self.describe()
        if not isinstance(desc, dict) or attr not in desc:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {attr!r} "
                                 f"(and the description of {self._dxid} has no such field)")
        return desc[attr]

    def set_id(self, dxid: Any) -> None:
        """Bind the handler to the object *dxid*.

        :param dxid: the object ID (or a link to it); ``None`` unbinds
        :raises DXError: if the ID is malformed or of another class
        """
        dxid, _ = _link_parts(dxid)
        if dxid is not None and self._class is not None:
            verify_string_dxid(dxid, self._class)
        self._dxid = dxid
        self._desc = {}

    def get_id(self) -> str | None:
        """Return the ID of the object the handler is bound to.

        :returns: the ID, or ``None`` if unbound
        """
        return self._dxid

    def _require_id(self, action: str) -> str:
        if self._dxid is None:
            raise DXError(
                f"This {type(self).__name__} handler has not been initialized with a "
                f"{self._class or 'object'} ID and cannot be {action}"
            )
        return self._dxid

    def _api(self, method: str) -> Callable[..., Any]:
        """Return the :mod:`dxpy.api` wrapper for *method* on this handler's class."""
        from .. import api

        fn = getattr(api, f"{self._class}_{method}", None)
        if fn is None:
            raise DXError(f"{self._class} objects do not support {method}")
        return fn

    def describe(self, **kwargs: Any) -> dict[str, Any]:
        """Describe the object.

        :param kwargs: passed through to the ``describe`` API call
        :returns: the description
        :raises DXError: if the handler is not bound to an ID
        """
        dxid = self._require_id("described")
        return self._api("describe")(dxid, _with_input_params({}, kwargs), **kwargs)

    def _repr(self) -> str:
        dxid = self._dxid if self._dxid is not None else "no ID stored"
        if self._class in self._NO_PROJECT_CLASSES:
            return dxid
        return "{} ({})".format(dxid, self.__dict__.get("_proj") or "no project ID stored")

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__name__} object at 0x{id(self):x}: {self._repr()}>"

    def __str__(self) -> str:
        name = (self.__dict__.get("_desc") or {}).get("name")
        return f"<dxpy.{type(self).__name__}: {name} ({self._repr()})>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DXObject) or type(other) is not type(self):
            return NotImplemented  # (isinstance is for mypy < 2, which cannot narrow on type())
        return (self._dxid, self._proj) == (other._dxid, other._proj)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._dxid, self._proj))


DXObject.describe = _caching_describe(DXObject.describe)  # type: ignore[method-assign]


class DXDataObject(DXObject):
    """Base class of the handlers of data objects (records, files, applets ...).

    A data-object handler holds the object ID and the ID of the container
    (project) it works through: per-container metadata (name, folder, tags,
    properties) is read and written in that container.

    :param dxid: object ID or ``$dnanexus_link`` (a link's ``project`` is used
        when *project* is not given)
    :param project: container ID; defaults to the link's project, else the
        current workspace / project context
    :raises DXError: if an ID is malformed
    """

    #: first wait between two state polls in :meth:`wait_on_close`; it doubles up to the maximum
    #: (never slower than upstream's 1, 2, 4 ... 128 s)
    _close_poll_interval = 0.25
    _close_poll_max = 8.0
    #: injectable for tests
    _sleep: Callable[[float], None] = staticmethod(time.sleep)
    _clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, dxid: Any = None, project: str | None = None) -> None:
        super().__init__()
        if dxid is not None or project is not None:
            self.set_ids(dxid, project)

    def set_ids(self, dxid: Any, project: str | None = None) -> None:
        """Bind the handler to object *dxid* in container *project*.

        :param dxid: object ID or link
        :param project: container ID; default: the link's project, else the
            current workspace / project context
        :raises DXError: if an ID is malformed
        """
        dxid, link_project = _link_parts(dxid)
        if dxid is not None and self._class is not None:
            verify_string_dxid(dxid, self._class)
        if project is None:
            project = link_project if link_project is not None else _default_container()
        if project is not None:
            verify_string_dxid(project, ["project", "container"])
        self._dxid = dxid
        self._proj = project
        self._desc = {}

    def set_id(self, dxid: Any) -> None:
        """Bind the handler to *dxid* in the default container (or the link's project).

        :param dxid: object ID or link
        :raises DXError: if the ID is malformed
        """
        self.set_ids(dxid)

    def get_proj_id(self) -> str | None:
        """Return the ID of the container the handler works through.

        :returns: the container ID, or ``None``
        """
        return self._proj

    def _require_project(self, action: str) -> str:
        if self._proj is None:
            raise DXError(
                f"{action} called on a {type(self).__name__} handler that has no project ID; "
                "pass project= or set a project context"
            )
        return self._proj

    # -- creation ---------------------------------------------------------

    @staticmethod
    def _get_creation_params(kwargs: dict[str, Any]) -> dict[str, Any]:
        """Move the common creation fields out of *kwargs* into a request hash.

        Recognised keys (removed from *kwargs*): ``project`` (default: the current
        workspace / project context), ``name``, ``tags``, ``types``, ``hidden``,
        ``properties``, ``details``, ``folder``, ``parents``. Keys whose value is
        ``None`` are left out of the hash.

        :param kwargs: keyword arguments given to ``new`` (modified in place)
        :returns: the request hash for ``/<class>/new``
        :raises DXError: if no project is given and none is configured
        """
        dx_hash: dict[str, Any] = {}
        for key in _CREATION_FIELDS:
            value = kwargs.pop(key, None)
            if value is not None:
                dx_hash[key] = value
        if "project" not in dx_hash:
            project = _default_container()
            if project is None:
                raise DXError("No project given and no project context or workspace is set")
            dx_hash["project"] = project
        for key in ("tags", "types"):
            if key in dx_hash and isinstance(dx_hash[key], str):
                raise DXError(f"{key} must be a list of strings, not a string")
        return dx_hash

    def new(self, **kwargs: Any) -> None:
        """Create a new object and bind the handler to it.

        :param kwargs: the creation fields (``project``, ``name``, ``tags``,
            ``types``, ``hidden``, ``properties``, ``details``, ``folder``,
            ``parents``), class-specific fields understood by the subclass'
            ``_new``, and API-call options
        :raises DXError: if the class cannot be created this way
        """
        dx_hash = self._get_creation_params(kwargs)
        self._new(dx_hash, **kwargs)

    def _new(self, dx_hash: dict[str, Any], *, close: bool = False, **kwargs: Any) -> None:
        """Create the object from *dx_hash* via ``<class>_new`` and bind to it.

        :param dx_hash: the creation request
        :param close: ask for the object to be created closed (``"close": true``)
        :param kwargs: API-call options
        """
        if close:
            dx_hash["close"] = True
        resp = _api_function(f"{self._class}_new")(dx_hash, **kwargs)
        self.set_ids(resp["id"], dx_hash["project"])

    # -- describe and metadata ------------------------------------------

    def describe(
        self,
        incl_properties: bool = False,
        incl_details: bool = False,
        fields: Any = None,
        default_fields: bool | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Describe the object as seen in the handler's container.

        :param incl_properties: also return ``properties``
        :param incl_details: also return ``details``
        :param fields: field names (iterable, or a mapping name -> bool) to return;
            alone, only those fields (plus ``id``) come back
        :param default_fields: with *fields*, also return the default fields
        :param kwargs: passed through to the ``describe`` API call
        :returns: the description; its ``project`` says which container answered
        :raises DXError: if the handler is not bound to an ID
        """
        dxid = self._require_id("described")
        req: dict[str, Any] = {}
        if incl_properties or incl_details:  # both keys, as upstream sends them
            req.update(properties=bool(incl_properties), details=bool(incl_details))
        if fields is not None:
            req["fields"] = _fields_mapping(fields)
        if default_fields is not None:
            req["defaultFields"] = bool(default_fields)
        if self._proj is not None:
            req["project"] = self._proj
        return self._api("describe")(dxid, _with_input_params(req, kwargs), **kwargs)

    def _per_container(self, method: str, action: str, req: dict[str, Any], kwargs: dict[str, Any]) -> Any:
        dxid = self._require_id(action)
        req = dict(req, project=self._require_project(action))
        return self._api(method)(dxid, _with_input_params(req, kwargs), **kwargs)

    def _global(self, method: str, action: str, req: Any, kwargs: dict[str, Any]) -> Any:
        dxid = self._require_id(action)
        return self._api(method)(dxid, _with_input_params(req, kwargs), **kwargs)

    def add_tags(self, tags: list[str], **kwargs: Any) -> None:
        """Add tags to the object in the handler's container (existing tags are kept).

        :param tags: tags to add
        :param kwargs: passed through to the API call
        """
        self._per_container("add_tags", "tagged", {"tags": list(tags)}, kwargs)

    def remove_tags(self, tags: list[str], **kwargs: Any) -> None:
        """Remove tags from the object in the handler's container (missing tags are ignored).

        :param tags: tags to remove
        :param kwargs: passed through to the API call
        """
        self._per_container("remove_tags", "untagged", {"tags": list(tags)}, kwargs)

    def add_types(self, types: list[str], **kwargs: Any) -> None:
        """Add types to the (open) object.

        :param types: types to add
        :param kwargs: passed through to the API call
        """
        self._global("add_types", "typed", {"types": list(types)}, kwargs)

    def remove_types(self, types: list[str], **kwargs: Any) -> None:
        """Remove types from the (open) object.

        :param types: types to remove
        :param kwargs: passed through to the API call
        """
        self._global("remove_types", "typed", {"types": list(types)}, kwargs)

    def set_properties(self, properties: Mapping[str, str | None], **kwargs: Any) -> None:
        """Set properties in the handler's container; a ``None`` value deletes the key.

        :param properties: mapping of property names to values (or ``None``)
        :param kwargs: passed through to the API call
        """
        self._per_container("set_properties", "modified", {"properties": dict(properties)}, kwargs)

    def get_properties(self, **kwargs: Any) -> dict[str, str]:
        """Return the object's properties in the handler's container.

        :param kwargs: passed through to the ``describe`` call
        :returns: the properties mapping
        """
        return self.describe(incl_properties=True, **kwargs).get("properties", {})

    def rename(self, name: str, **kwargs: Any) -> dict[str, Any]:
        """Rename the object in the handler's container.

        :param name: the new name
        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._per_container("rename", "renamed", {"name": name}, kwargs)

    def hide(self, **kwargs: Any) -> dict[str, Any]:
        """Make the (open) object hidden.

        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._global("set_visibility", "hidden", {"hidden": True}, kwargs)

    def unhide(self, **kwargs: Any) -> dict[str, Any]:
        """Make the (open) object visible.

        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._global("set_visibility", "unhidden", {"hidden": False}, kwargs)

    def set_details(self, details: Any, **kwargs: Any) -> dict[str, Any]:
        """Replace the (open) object's details.

        :param details: the new details (a JSON object or array)
        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._global("set_details", "modified", details, kwargs)

    def get_details(self, **kwargs: Any) -> Any:
        """Return the object's details.

        :param kwargs: passed through to the API call
        :returns: the details (a JSON object or array)
        """
        return self._global("get_details", "read", {}, kwargs)

    def close(self, **kwargs: Any) -> dict[str, Any]:
        """Start closing the object (see :meth:`wait_on_close`).

        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._global("close", "closed", {}, kwargs)

    def list_projects(self, **kwargs: Any) -> dict[str, str]:
        """Return the containers holding the object, with the caller's level in each.

        :param kwargs: passed through to the API call
        :returns: mapping container ID -> permission level
        """
        return self._global("list_projects", "listed", {}, kwargs)

    # -- container-level operations ---------------------------------------

    def _container_call(self, method: str, action: str, req: dict[str, Any], **kwargs: Any) -> Any:
        self._require_id(action)
        project = self._proj
        if project is None:
            raise DXError(f"{action} called when a project ID was not associated with this object handler")
        prefix = "container" if project.startswith("container-") else "project"
        return _api_function(f"{prefix}_{method}")(project, _with_input_params(req, kwargs), **kwargs)

    def remove(self, **kwargs: Any) -> None:
        """Remove the object from the handler's container and unbind the handler.

        :param kwargs: passed through to the ``removeObjects`` call
        """
        self._container_call("remove_objects", "remove", {"objects": [self._dxid]}, **kwargs)
        self._dxid = None
        self._proj = None

    def move(self, folder: str, **kwargs: Any) -> None:
        """Move the object to *folder* of the handler's container.

        :param folder: destination folder (must exist)
        :param kwargs: passed through to the ``move`` call
        """
        self._container_call("move", "move", {"objects": [self._dxid], "destination": folder}, **kwargs)

    def clone(self, project: str, folder: str = "/", **kwargs: Any) -> DXDataObject:
        """Clone the (closed) object into another container.

        :param project: destination container ID
        :param folder: destination folder
        :param kwargs: passed through to the ``clone`` call
        :returns: a new handler of the same class bound to the copy
        """
        req = {"objects": [self._dxid], "project": project, "destination": folder}
        self._container_call("clone", "clone", req, **kwargs)
        return type(self)(self._dxid, project=project)

    # -- state ------------------------------------------------------------

    def _get_state(self, **kwargs: Any) -> str:
        return self.describe(fields={"state"}, **kwargs)["state"]

    def _wait_on_close(self, timeout: float = 86400, **kwargs: Any) -> None:
        deadline = self._clock() + timeout
        wait = self._close_poll_interval
        while True:
            state = self._get_state(**kwargs)
            if state == "closed":
                return
            if state not in ("open", "closing"):
                raise DXError(f"{self._dxid} is in unexpected state {state!r} while waiting for it to close")
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise DXError(f"{self._dxid} did not close within {timeout} seconds (state {state})")
            self._sleep(min(wait, remaining))
            wait = min(wait * 2, self._close_poll_max)

    def wait_on_close(self, timeout: float = 86400, **kwargs: Any) -> None:
        """Block until the object is closed.

        :param timeout: give up after this many seconds
        :param kwargs: passed through to the ``describe`` calls
        :raises DXError: on timeout, or if the object is in an unexpected state
        """
        self._wait_on_close(timeout, **kwargs)


# Submodule re-exports (upstream keeps all of these importable from dxpy.bindings).
from ..exceptions import (  # noqa: E402
    AppError,
    AppInsufficientResourceError,
    AppInternalError,
    DXAPIError,
    DXAppletError,
    DXCLIError,
    DXFileError,
    DXJobFailureError,
    DXSearchError,
)
from .auth import user_info, whoami  # noqa: E402
from .dxdataobject_functions import (  # noqa: E402
    describe,
    dxlink,
    get_details,
    get_dxlink_ids,
    get_handler,
    is_dxlink,
    remove,
)
from .dxproject import DXContainer, DXProject  # noqa: E402
from .dxrecord import DXRecord, new_dxrecord  # noqa: E402
from .search import (  # noqa: E402
    find_analyses,
    find_apps,
    find_data_objects,
    find_executions,
    find_global_executables,
    find_global_workflows,
    find_jobs,
    find_one_app,
    find_one_data_object,
    find_one_project,
    find_orgs,
    find_projects,
    org_find_apps,
    org_find_members,
    org_find_projects,
    resolve_data_objects,
)

__all__ = [
    "DXObject", "DXDataObject", "verify_string_dxid", "register_handler_class", "handler_class_for",
    "DXError", "DXAPIError", "DXFileError", "DXSearchError", "DXAppletError", "DXJobFailureError",
    "DXCLIError", "AppError", "AppInternalError", "AppInsufficientResourceError",
    "describe", "dxlink", "get_details", "get_dxlink_ids", "get_handler", "is_dxlink", "remove",
    "whoami", "user_info", "DXContainer", "DXProject", "DXRecord", "new_dxrecord",
    "find_analyses", "find_apps", "find_data_objects", "find_executions", "find_global_executables",
    "find_global_workflows", "find_jobs", "find_one_app", "find_one_data_object", "find_one_project",
    "find_orgs", "find_projects", "org_find_apps", "org_find_members", "org_find_projects",
    "resolve_data_objects",
]

#: Handler modules written separately (files, executables ...): each one's ``__all__``
#: is re-exported when the module exists in this installation.
_OPTIONAL_MODULES = (
    "dxfile", "dxfile_functions", "dxapplet", "dxapp", "dxworkflow", "dxglobalworkflow",
    "dxjob", "dxanalysis", "dxapp_container_functions", "dxdatabase", "dxdatabase_functions",
)


def _export_optional() -> None:
    for short in _OPTIONAL_MODULES:
        full = f"{__name__}.{short}"
        try:
            module = importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name != full:
                raise
            continue
        for name in getattr(module, "__all__", ()):
            globals()[name] = getattr(module, name)
            if name not in __all__:
                __all__.append(name)


_export_optional()


def __getattr__(name: str) -> Any:
    """Public submodules not imported above load on first attribute access."""
    from .._lazy import submodule

    module = submodule(__name__, name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return module
