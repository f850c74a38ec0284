"""Path helpers shared by the folder and metadata commands (``cmd_fs``, ``cmd_meta``).

They sit on :mod:`dxpy.utils.resolver` and turn its answers (and its errors) into what a
command needs: one project, a folder, or a list of object IDs, with a one-line error
naming the path when something is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn, Optional

from . import _session
from ._common import fail


@dataclass
class Target:
    """What one path on the command line names.

    :param path: the path as typed
    :param project: the container it is in
    :param folder: the folder it names (``None`` for objects)
    :param objects: the IDs of the data objects it names
    :param describes: the descriptions of those objects, when asked for
    """

    path: str
    project: str
    folder: Optional[str] = None
    objects: list[str] = field(default_factory=list)
    describes: list[dict[str, Any]] = field(default_factory=list)


def unresolved(path: str, error: Exception) -> NoReturn:
    """Stop the command: ``path`` could not be resolved.

    :param path: the path as typed (empty: the current folder, shown as ``.``)
    :param error: the resolver's error
    :raises CLIExit: always
    """
    fail(f'Could not resolve "{path or "."}": {error}')


def absolute(path: Optional[str]) -> str:
    """Turn an empty path into the current folder (the resolver reads ``""`` as ``/``).

    :param path: a path as typed, or ``None``
    :returns: the path, or the current folder when empty
    """
    if not path:
        from ..utils.resolver import escape_folder_str

        return escape_folder_str(_session.current_folder())
    return path


def resolve(path: str, allow_many: bool = False, expected: Optional[str] = None,
            describe: Any = False, entity_word: str = "data object") -> Target:
    """Resolve ``path`` to an existing folder or data object(s).

    :param path: the path as typed
    :param allow_many: accept a path that names several objects (``-a``)
    :param expected: ``"folder"``, ``"entity"`` or ``None``
    :param describe: describe input for the objects (``False``: no descriptions)
    :param entity_word: what the objects are called in error messages
    :returns: the target
    :raises CLIExit: nothing found, or several objects without ``allow_many``
    """
    from ..utils.resolver import ResolutionError, resolve_existing_path

    try:
        project, folder, found = resolve_existing_path(
            absolute(path), expected=expected, ask_to_resolve=False, describe=describe)
    except ResolutionError as exc:
        unresolved(path, exc)
    if found is None:
        return Target(path, str(project), folder=folder)
    results = found if isinstance(found, list) else [found]
    if len(results) > 1 and not allow_many:
        fail(f'"{path}" names {len(results)} {entity_word}s; use -a to act on all of them or give an ID')
    return Target(path, str(results[0].get("project") or project),
                  objects=[r["id"] for r in results],
                  describes=[r["describe"] for r in results if "describe" in r])


def resolve_object(path: str, describe: Any = False) -> Target:
    """Resolve ``path`` to exactly one data object.

    :param path: the path as typed
    :param describe: describe input (``False``: no description)
    :returns: the target (one object)
    :raises CLIExit: the path names a folder, nothing, or several objects
    """
    target = resolve(path, describe=describe)
    if not target.objects:
        fail(f'"{path}" is a folder, not a data object')
    return target


def folder_exists(project: str, folder: str) -> bool:
    """Tell whether ``folder`` exists in ``project``.

    :param project: the container ID
    :param folder: an absolute folder path
    :returns: the answer
    """
    from ..bindings import DXProject
    from ..exceptions import PermissionDenied, ResourceNotFound

    if folder == "/":
        return True
    try:
        DXProject(project).list_folder(folder=folder, only="folders")
    except (ResourceNotFound, PermissionDenied):
        return False
    return True


def split_destination(path: str) -> tuple[str, str, Optional[str]]:
    """Parse a destination path: an existing folder, or a new name in an existing folder.

    :param path: the destination as typed
    :returns: ``(project, folder, new name or None)``
    :raises CLIExit: when neither the folder nor the parent of the new name exists
    """
    from ..utils.resolver import ResolutionError, resolve_path

    try:
        project, folder, name = resolve_path(absolute(path))
    except ResolutionError as exc:
        unresolved(path, exc)
    if folder is None:
        fail(f'Destination "{path}" is a data object ID, not a folder')
    project = str(project)
    if name is None:
        if not folder_exists(project, folder):
            fail(f'Destination folder "{folder}" does not exist')
        return project, folder, None
    full = folder.rstrip("/") + "/" + name
    if folder_exists(project, full):
        return project, full, None
    if not folder_exists(project, folder):
        fail(f'Destination folder "{folder}" does not exist')
    return project, folder, name


def handler_for(object_id: str, project: Optional[str]) -> Any:
    """A binding handler for a data object, project or execution ID.

    :param object_id: the ID
    :param project: the container of a data object
    :returns: the handler (``DXRecord``, ``DXFile``, ``DXProject``, ``DXJob`` ...)
    """
    from ..bindings import DXDataObject, handler_class_for

    cls = handler_class_for(object_id.split("-", 1)[0])
    if issubclass(cls, DXDataObject):
        return cls(object_id, project=project)
    return cls(object_id)


def describe_project(project: str) -> dict[str, Any]:
    """Describe a project or container (its name at least).

    :param project: the ID
    :returns: the description
    """
    from .. import api

    if project.startswith("project-"):
        return dict(api.project_describe(project, {"fields": {"name": True, "level": True}}))
    return dict(api.container_describe(project, {"fields": {"name": True}}))
