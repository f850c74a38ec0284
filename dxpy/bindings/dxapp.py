"""Apps: published, versioned executables addressed by ID or by name and alias.

Upstream path ``dxpy.bindings.dxapp``; re-exported as ``dxpy.DXApp``.

An app handler holds either an ID (``app-xxxx``) or a name plus an alias (a version
such as ``"1.0.0"`` or a tag such as ``"default"``); requests for a named app go to
``/app-<name>/<alias>/<method>``.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import DXError
from . import DXObject, verify_string_dxid
from .dxapplet import DXExecutable


class _NamedExecutable(DXObject):
    """Shared ID-or-name/alias addressing of apps and global workflows."""

    #: prefix of :mod:`dxpy.api` wrapper names (``app`` / ``global_workflow``)
    _api_prefix = ""

    def __init__(self, dxid: str | None = None, name: str | None = None, alias: str | None = None) -> None:
        super().__init__()
        self._name: str | None = None
        self._alias: str | None = None
        if dxid is not None or name is not None or alias is not None:
            self.set_id(dxid=dxid, name=name, alias=alias)

    def set_id(
        self,
        dxid: str | None = None,
        name: str | None = None,
        alias: str | None = None,
    ) -> None:
        """Bind the handler to an ID, or to a name and alias (default alias ``"default"``).

        :param dxid: the ID
        :param name: the name (without the ``app-`` / ``globalworkflow-`` prefix)
        :param alias: a version or tag; only with *name*
        :raises DXError: if *dxid* is given with *name* or *alias*, or a value is malformed
        """
        self._dxid = self._name = self._alias = None
        if dxid is not None:
            if name is not None or alias is not None:
                raise DXError("Did not expect name or alias to be given if dxid is given")
            verify_string_dxid(dxid, str(self._class))
            self._dxid = dxid
        elif name is not None:
            if not isinstance(name, str):
                raise DXError(f"{type(self).__name__} name needs to be a string: {name!r}")
            if alias is not None and not isinstance(alias, str):
                raise DXError(f"{type(self).__name__} alias needs to be a string: {alias!r}")
            self._name = name
            self._alias = alias if alias is not None else "default"
        elif alias is not None:
            raise DXError("An alias can only be given with a name")

    def get_id(self) -> str | None:
        """Return the ID, or ``<class>-<name>/<alias>`` for a handler bound by name.

        :returns: the ID or name path, or ``None`` if unbound
        """
        if self._dxid is not None:
            return self._dxid
        if self._name is not None:
            return f"{self._class}-{self._name}/{self._alias}"
        return None

    def _target(self, action: str) -> tuple[str, str | None]:
        if self._dxid is not None:
            return self._dxid, None
        if self._name is None:
            raise DXError(f"This {type(self).__name__} handler has no ID or name and cannot be {action}")
        return f"{self._class}-{self._name}", self._alias

    def _call(self, method: str, action: str, req: Any = None, **kwargs: Any) -> Any:
        from .. import api

        target, alias = self._target(action)
        fn = getattr(api, f"{self._api_prefix}_{method}")
        if req is None:
            return fn(target, alias=alias, **kwargs)
        return fn(target, alias=alias, input_params=req, **kwargs)

    def describe(self, fields: Any = None, **kwargs: Any) -> dict[str, Any]:
        """Describe the executable.

        :param fields: mapping field -> bool of the fields to return
        :param kwargs: API-call options
        :returns: the description
        :raises DXError: if the handler is unbound
        """
        req: dict[str, Any] = {}
        if fields:
            req["fields"] = fields
        desc: dict[str, Any] = self._call("describe", "described", req, **kwargs)
        return desc

    def publish(self, **kwargs: Any) -> Any:
        """Publish this version (it becomes the ``default``); ``makeDefault`` via ``input_params``.

        :param kwargs: API-call options
        :returns: the API response (``{"id": ...}``)
        :raises DXError: if the handler is unbound
        """
        return self._call("publish", "published", **kwargs)

    def add_tags(self, tags: list[str], **kwargs: Any) -> Any:
        """Add version tags (aliases) to this version.

        :param tags: tags to add
        :param kwargs: API-call options
        :returns: the API response
        :raises DXError: if *tags* is a string or the handler is unbound
        """
        return self._call("add_tags", "tagged", {"tags": _tag_list(tags)}, **kwargs)

    def remove_tags(self, tags: list[str], **kwargs: Any) -> Any:
        """Remove version tags from this version.

        :param tags: tags to remove
        :param kwargs: API-call options
        :returns: the API response
        :raises DXError: if *tags* is a string or the handler is unbound
        """
        return self._call("remove_tags", "untagged", {"tags": _tag_list(tags)}, **kwargs)

    def delete(self, **kwargs: Any) -> Any:
        """Delete this version.

        :param kwargs: API-call options
        :returns: the API response
        :raises DXError: if the handler is unbound
        """
        return self._call("delete", "deleted", **kwargs)

    def _list_call(self, method: str, key: str, values: list[str], kwargs: dict[str, Any]) -> Any:
        return self._call(method, "changed", {key: _tag_list(values, key)}, **kwargs)

    def add_categories(self, categories: list[str], **kwargs: Any) -> Any:
        """Add categories (all versions share them).

        :param categories: categories to add
        :param kwargs: API-call options
        :returns: the API response
        """
        return self._list_call("add_categories", "categories", categories, kwargs)

    def remove_categories(self, categories: list[str], **kwargs: Any) -> Any:
        """Remove categories.

        :param categories: categories to remove
        :param kwargs: API-call options
        :returns: the API response
        """
        return self._list_call("remove_categories", "categories", categories, kwargs)

    def list_categories(self, **kwargs: Any) -> list[str]:
        """Return the categories.

        :param kwargs: API-call options
        :returns: the category names
        """
        return list(self._call("list_categories", "read", **kwargs)["categories"])

    def add_authorized_users(self, authorized_users: list[str], **kwargs: Any) -> Any:
        """Allow users or orgs (``user-x``, ``org-y``, ``PUBLIC``) to run it.

        :param authorized_users: entities to add
        :param kwargs: API-call options
        :returns: the API response
        """
        return self._list_call("add_authorized_users", "authorizedUsers", authorized_users, kwargs)

    def remove_authorized_users(self, authorized_users: list[str], **kwargs: Any) -> Any:
        """Withdraw run permission from users or orgs.

        :param authorized_users: entities to remove
        :param kwargs: API-call options
        :returns: the API response
        """
        return self._list_call("remove_authorized_users", "authorizedUsers", authorized_users, kwargs)

    def list_authorized_users(self, **kwargs: Any) -> list[str]:
        """Return the users and orgs allowed to run it.

        :param kwargs: API-call options
        :returns: the entity IDs
        """
        return list(self._call("list_authorized_users", "read", **kwargs)["authorizedUsers"])

    def _repr(self) -> str:
        return self.get_id() or "no ID stored"


def _tag_list(values: Any, what: str = "tags") -> list[str]:
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise DXError(f"{what} must be a list of strings, got {values!r}")
    return list(values)


class DXApp(_NamedExecutable, DXExecutable):
    """Handler for an app, by ID (``app-xxxx``) or by name and alias.

    :param dxid: app ID
    :param name: app name (without ``app-``)
    :param alias: version or tag (default ``"default"``); only with *name*
    :raises DXError: if *dxid* is given with *name* or *alias*, or a value is malformed
    """

    _class = "app"
    _api_prefix = "app"

    def new(self, **kwargs: Any) -> None:
        """Create an app version from an applet (``/app/new``) and bind the handler to it.

        :param kwargs: ``version`` (required), ``applet`` or ``initializeFrom`` (one required),
            ``name``, ``title``, ``summary``, ``description``, ``billing``, ``access``,
            ``resources``, ``bill_to`` and other ``/app/new`` fields; then API-call options
        :raises DXError: if a required field is missing
        """
        if "applet" not in kwargs and "initializeFrom" not in kwargs:
            raise DXError("DXApp: one of the keyword arguments applet and initializeFrom is required")
        if "version" not in kwargs:
            raise DXError("DXApp: keyword argument version is required")
        req: dict[str, Any] = {"version": kwargs.pop("version")}
        for field in (
            "initializeFrom",
            "applet",
            "name",
            "title",
            "summary",
            "description",
            "billing",
            "access",
            "resources",
            "details",
            "categories",
            "authorizedUsers",
            "regionalOptions",
            "openSource",
            "developerNotes",
            "httpsApp",
            "ignoreReuse",
        ):
            if field in kwargs:
                req[field] = kwargs.pop(field)
        if "bill_to" in kwargs:
            req["billTo"] = kwargs.pop("bill_to")
        from .. import api

        self.set_id(dxid=api.app_new(req, **kwargs)["id"])

    def update(self, **kwargs: Any) -> None:
        """Update an unpublished app version.

        :param kwargs: ``applet``, ``billing``, ``access``, ``resources``, ``details``
            and API-call options
        :raises DXError: if the handler is unbound
        """
        updates = {
            f: kwargs.pop(f) for f in ("applet", "billing", "access", "resources", "details") if f in kwargs
        }
        self._call("update", "updated", updates, **kwargs)

    def addTags(self, tags: list[str], **kwargs: Any) -> Any:  # noqa: N802 (upstream name)
        """Same as :meth:`add_tags` (upstream's older name).

        :param tags: tags to add
        :param kwargs: API-call options
        :returns: the API response
        """
        return self.add_tags(tags, **kwargs)

    def removeTags(self, tags: list[str], **kwargs: Any) -> Any:  # noqa: N802 (upstream name)
        """Same as :meth:`remove_tags` (upstream's older name).

        :param tags: tags to remove
        :param kwargs: API-call options
        :returns: the API response
        """
        return self.remove_tags(tags, **kwargs)

    def install(self, **kwargs: Any) -> Any:
        """Install the app for the current user.

        :param kwargs: API-call options
        :returns: the API response
        """
        return self._call("install", "installed", **kwargs)

    def uninstall(self, **kwargs: Any) -> Any:
        """Uninstall the app for the current user.

        :param kwargs: API-call options
        :returns: the API response
        """
        return self._call("uninstall", "uninstalled", **kwargs)

    def get(self, **kwargs: Any) -> dict[str, Any]:
        """Return the full specification of the app version.

        :param kwargs: API-call options
        :returns: the specification
        """
        result: dict[str, Any] = self._call("get", "read", **kwargs)
        return result

    def _run_impl(self, run_input: dict[str, Any], **kwargs: Any) -> Any:
        from .dxjob import DXJob

        return DXJob(self._call("run", "run", run_input, **kwargs)["id"])

    def run(self, app_input: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        """Run the app on *app_input*.

        :param app_input: input mapping
        :param args: positional arguments of :meth:`DXExecutable.run`
        :param kwargs: keyword arguments of :meth:`DXExecutable.run` and API-call options
        :returns: a :class:`~dxpy.bindings.dxjob.DXJob`
        :raises DXError: on bad arguments, before any request
        """
        self._target("run")
        return super().run(app_input, *args, **kwargs)


__all__ = ["DXApp"]
