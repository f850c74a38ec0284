"""Containers and projects: folders, object moves/copies, membership, settings.

Upstream path ``dxpy.bindings.dxproject``; re-exported as ``dxpy.DXContainer``
and ``dxpy.DXProject``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..exceptions import DXError
from . import DXObject, _api_function, _default_container, _fields_mapping, _with_input_params


def _list_arg(value: Any, name: str) -> list[Any]:
    if isinstance(value, str):
        raise DXError(f"{name} must be a list, not a string ({value!r})")
    return list(value)


class DXContainer(DXObject):
    """Handler for a data container (``container-xxxx``, e.g. a job workspace).

    All folder and object operations of :class:`DXProject` are defined here.

    :param dxid: container ID; default: the current workspace / project context
        when it is of the handler's class
    :raises DXError: if the ID is malformed or of another class
    """

    _class = "container"

    def __init__(self, dxid: Any = None) -> None:
        if dxid is None:
            default = _default_container()
            if default is not None and default.startswith(str(self._class) + "-"):
                dxid = default
        super().__init__(dxid)

    def _call(self, method: str, req: Any, action: str, **kwargs: Any) -> Any:
        dxid = self._require_id(action)
        req = _with_input_params(req, kwargs)
        return _api_function(f"{self._class}_{method}")(dxid, req, **kwargs)

    def describe(
        self,
        fields: Any = None,
        default_fields: bool | None = None,
        input_params: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Describe the container.

        :param fields: field names (or mapping name -> bool) to return
        :param default_fields: with *fields*, also return the default fields
        :param input_params: raw describe input (e.g. ``{"folders": True}``), merged
            with the above
        :param kwargs: passed through to the API call
        :returns: the description
        """
        req = dict(input_params or {})
        if fields is not None:
            req["fields"] = _fields_mapping(fields)
        if default_fields is not None:
            req["defaultFields"] = bool(default_fields)
        return self._call("describe", req, "described", **kwargs)

    def new_folder(self, folder: str, parents: bool = False, **kwargs: Any) -> None:
        """Create a folder.

        :param folder: absolute path of the new folder
        :param parents: also create missing parents (and accept an existing folder)
        :param kwargs: passed through to the API call
        """
        self._call("new_folder", {"folder": folder, "parents": parents}, "modified", **kwargs)

    def list_folder(
        self,
        folder: str = "/",
        describe: Any = False,
        only: str = "all",
        includeHidden: bool = False,
        hasSubfolderFlags: bool | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """List the immediate contents of a folder.

        :param folder: absolute folder path
        :param describe: ``False``, ``True`` or a describe-input mapping for each object
        :param only: ``"all"``, ``"objects"`` or ``"folders"``
        :param includeHidden: also list hidden objects
        :param hasSubfolderFlags: ask the server to flag folders that have subfolders
        :param kwargs: passed through to the API call
        :returns: ``{"objects": [{"id": ..., "describe"?: ...}], "folders": [paths]}``
        """
        if only not in ("all", "objects", "folders"):
            raise DXError(f"only must be 'all', 'objects' or 'folders', not {only!r}")
        req: dict[str, Any] = {"folder": folder, "describe": describe, "only": only}
        req["includeHidden"] = includeHidden
        if hasSubfolderFlags is not None:
            req["hasSubfolderFlags"] = hasSubfolderFlags
        return self._call("list_folder", req, "listed", **kwargs)

    def move(
        self, destination: str, objects: Iterable[str] = (), folders: Iterable[str] = (), **kwargs: Any
    ) -> None:
        """Move objects and folders into *destination* (a folder keeps its basename).

        :param destination: destination folder
        :param objects: object IDs to move
        :param folders: folder paths to move
        :param kwargs: passed through to the API call
        """
        req = {
            "objects": _list_arg(objects, "objects"),
            "folders": _list_arg(folders, "folders"),
            "destination": destination,
        }
        self._call("move", req, "modified", **kwargs)

    def move_folder(self, folder: str, destination: str, **kwargs: Any) -> None:
        """Move one folder (with its contents) into *destination*.

        :param folder: the folder to move
        :param destination: the new parent folder
        :param kwargs: passed through to the API call
        """
        self._call("move", {"folders": [folder], "destination": destination}, "modified", **kwargs)

    def rename_folder(self, folder: str, name: str, **kwargs: Any) -> None:
        """Rename a folder in place.

        :param folder: path of the folder (not ``/``)
        :param name: its new basename (no ``/``)
        :param kwargs: passed through to the API call
        :raises DXError: if *name* contains ``/``
        """
        if "/" in name:
            raise DXError(f"New folder name {name!r} must not contain '/'")
        self._call("rename_folder", {"folder": folder, "name": name}, "modified", **kwargs)

    def remove_folder(
        self, folder: str, recurse: bool = False, force: bool = False, **kwargs: Any
    ) -> None:
        """Remove a folder, following partial removals until the server says it is done.

        :param folder: the folder to remove
        :param recurse: also remove its contents (else it must be empty)
        :param force: do not fail if it does not exist
        :param kwargs: passed through to each API call
        :raises DXError: if the server's answer lacks the ``completed`` flag
        """
        kwargs.setdefault("always_retry", force)
        req = {"folder": folder, "recurse": recurse, "force": force, "partial": True}
        while True:
            resp = self._call("remove_folder", req, "modified", **kwargs)
            if "completed" not in resp:
                raise DXError("removeFolder answer has no 'completed' flag; cannot tell if it finished")
            if resp["completed"]:
                return

    def remove_objects(self, objects: Iterable[str], force: bool = False, **kwargs: Any) -> None:
        """Remove objects from the container.

        :param objects: object IDs
        :param force: ignore objects that are not in the container
        :param kwargs: passed through to the API call
        """
        kwargs.setdefault("always_retry", force)
        req = {"objects": _list_arg(objects, "objects"), "force": force}
        self._call("remove_objects", req, "modified", **kwargs)

    def clone(
        self,
        container: str,
        destination: str = "/",
        objects: Iterable[str] = (),
        folders: Iterable[str] = (),
        parents: bool = False,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Copy objects and folders into another container.

        :param container: destination container ID
        :param destination: destination folder there
        :param objects: object IDs (must be closed)
        :param folders: folder paths (cloned as ``destination/<basename>``)
        :param parents: create *destination* if missing
        :param kwargs: passed through to the API call
        :returns: the API response (``exists`` lists objects already there)
        """
        req = {
            "objects": _list_arg(objects, "objects"),
            "folders": _list_arg(folders, "folders"),
            "project": container,
            "destination": destination,
            "parents": parents,
        }
        return self._call("clone", req, "cloned", **kwargs)


#: ``new()`` / ``update()`` keyword -> API field
_PROJECT_FIELDS = {
    "summary": "summary",
    "description": "description",
    "region": "region",
    "protected": "protected",
    "restricted": "restricted",
    "download_restricted": "downloadRestricted",
    "contains_phi": "containsPHI",
    "tags": "tags",
    "properties": "properties",
    "bill_to": "billTo",
    "database_ui_view_only": "databaseUIViewOnly",
    "external_upload_restricted": "externalUploadRestricted",
    "default_symlink": "defaultSymlink",
    "database_results_restricted": "databaseResultsRestricted",
    "drive": "drive",
    "preview_viewer_restricted": "previewViewerRestricted",
    "name": "name",
    "version": "version",
    "allowed_executables": "allowedExecutables",
    "https_app_isolated_browsing": "httpsAppIsolatedBrowsing",
    "https_app_isolated_browsing_options": "httpsAppIsolatedBrowsingOptions",
}


def _project_hash(values: Mapping[str, Any]) -> dict[str, Any]:
    return {_PROJECT_FIELDS[key]: value for key, value in values.items() if value is not None}


class DXProject(DXContainer):
    """Handler for a project (``project-xxxx``).

    :param dxid: project ID; default: the current project context when it is a project
    :raises DXError: if the ID is malformed or of another class
    """

    _class = "project"

    def new(
        self,
        name: str,
        summary: str | None = None,
        description: str | None = None,
        region: str | None = None,
        protected: bool | None = None,
        restricted: bool | None = None,
        download_restricted: bool | None = None,
        contains_phi: bool | None = None,
        tags: list[str] | None = None,
        properties: Mapping[str, str] | None = None,
        bill_to: str | None = None,
        database_ui_view_only: bool | None = None,
        external_upload_restricted: bool | None = None,
        default_symlink: Mapping[str, Any] | None = None,
        database_results_restricted: int | None = None,
        drive: str | None = None,
        preview_viewer_restricted: bool | None = None,
        **kwargs: Any,
    ) -> str:
        """Create a project (you get ADMINISTER) and bind the handler to it.

        :param name: project name
        :param summary: one-line summary
        :param description: longer description
        :param region: region to create it in
        :param protected: only ADMINISTER members may delete data
        :param restricted: data may not leave the project
        :param download_restricted: downloads are not allowed
        :param contains_phi: the project holds protected health information
        :param tags: tags
        :param properties: properties
        :param bill_to: user or org billed for the project
        :param database_ui_view_only: database UI is view-only
        :param external_upload_restricted: uploads from outside jobs are refused
        :param default_symlink: default symlink drive settings
        :param database_results_restricted: limit on database query results
        :param drive: drive ID for symlinked data
        :param preview_viewer_restricted: preview/viewer access restricted
        :param kwargs: passed through to the API call
        :returns: the new project's ID
        """
        values = dict(locals())
        for key in ("self", "kwargs", "__class__"):
            values.pop(key, None)
        resp = _api_function("project_new")(_project_hash(values), **kwargs)
        self.set_id(resp["id"])
        return resp["id"]

    def update(
        self,
        name: str | None = None,
        summary: str | None = None,
        description: str | None = None,
        protected: bool | None = None,
        restricted: bool | None = None,
        download_restricted: bool | None = None,
        version: int | None = None,
        allowed_executables: list[str] | None = None,
        unset_allowed_executables: bool | None = None,
        database_ui_view_only: bool | None = None,
        external_upload_restricted: bool | None = None,
        database_results_restricted: int | None = None,
        unset_database_results_restricted: bool | None = None,
        https_app_isolated_browsing: bool | None = None,
        https_app_isolated_browsing_options: Mapping[str, Any] | None = None,
        preview_viewer_restricted: bool | None = None,
        **kwargs: Any,
    ) -> None:
        """Change project settings (needs ADMINISTER); arguments left ``None`` are unchanged.

        :param name: new name
        :param summary: new summary
        :param description: new description
        :param protected: protected flag
        :param restricted: restricted flag
        :param download_restricted: download-restricted flag
        :param version: expected current version (optimistic lock)
        :param allowed_executables: executables allowed to run in the project
        :param unset_allowed_executables: remove the allowed-executables restriction
        :param database_ui_view_only: database UI view-only flag
        :param external_upload_restricted: external-upload-restricted flag
        :param database_results_restricted: limit on database query results
        :param unset_database_results_restricted: remove that limit
        :param https_app_isolated_browsing: isolated browsing for HTTPS apps
        :param https_app_isolated_browsing_options: options for it
        :param preview_viewer_restricted: preview/viewer restricted flag
        :param kwargs: passed through to the API call
        :raises DXError: when a value and its ``unset_`` flag are both given
        """
        values = dict(locals())
        skip = ["self", "kwargs", "__class__", "unset_allowed_executables"]
        for key in skip + ["unset_database_results_restricted"]:
            values.pop(key, None)
        req = _project_hash(values)
        for flag, field in (
            (unset_allowed_executables, "allowedExecutables"),
            (unset_database_results_restricted, "databaseResultsRestricted"),
        ):
            if flag:
                if field in req:
                    raise DXError(f"Cannot both set and unset {field}")
                req[field] = None
        self._call("update", req, "updated", **kwargs)

    def destroy(self, terminate_jobs: bool = False, **kwargs: Any) -> None:
        """Delete the project.

        :param terminate_jobs: terminate running jobs in it (else their presence is an error)
        :param kwargs: passed through to the API call
        """
        req = {"terminateJobs": True} if terminate_jobs else {}
        self._call("destroy", req, "destroyed", **kwargs)

    def invite(self, invitee: str, level: str, send_email: bool = True, **kwargs: Any) -> dict[str, Any]:
        """Give a user, org or ``PUBLIC`` access to the project.

        :param invitee: ``user-xxxx``, ``org-xxxx``, an email address or ``PUBLIC``
        :param level: ``VIEW``, ``UPLOAD``, ``CONTRIBUTE`` or ``ADMINISTER``
        :param send_email: notify the invitee by email
        :param kwargs: passed through to the API call
        :returns: the API response (``state`` tells whether it was accepted)
        """
        req = {"invitee": invitee, "level": level, "suppressEmailNotification": not send_email}
        return self._call("invite", req, "shared", **kwargs)

    def decrease_perms(self, member: str, level: str | None, **kwargs: Any) -> dict[str, Any]:
        """Lower a member's permission, or remove the member with ``level=None``.

        :param member: ``user-xxxx`` or ``org-xxxx``
        :param level: ``VIEW``, ``UPLOAD``, ``CONTRIBUTE`` or ``None``
        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._call("decrease_permissions", {member: level}, "modified", **kwargs)

    def leave(self, **kwargs: Any) -> dict[str, Any]:
        """Give up your own access to the project.

        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._call("leave", {}, "left", **kwargs)

    def set_properties(self, properties: Mapping[str, str | None], **kwargs: Any) -> dict[str, Any]:
        """Set project properties; a ``None`` value deletes the key.

        :param properties: mapping of names to values
        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._call("set_properties", {"properties": dict(properties)}, "modified", **kwargs)

    def add_tags(self, tags: list[str], **kwargs: Any) -> dict[str, Any]:
        """Add tags to the project.

        :param tags: tags to add
        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._call("add_tags", {"tags": _list_arg(tags, "tags")}, "tagged", **kwargs)

    def remove_tags(self, tags: list[str], **kwargs: Any) -> dict[str, Any]:
        """Remove tags from the project.

        :param tags: tags to remove
        :param kwargs: passed through to the API call
        :returns: the API response
        """
        return self._call("remove_tags", {"tags": _list_arg(tags, "tags")}, "untagged", **kwargs)


__all__ = ["DXContainer", "DXProject"]
