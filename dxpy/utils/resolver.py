"""Resolve platform paths (``project:folder/name``) to containers, folders and objects.

Upstream path ``dxpy.utils.resolver``. Path syntax:

* ``[project:][/folder/.../]name``; the project part is a project (or container) ID,
  a project name, empty or ``~`` (both: the current project). Without a project
  part the current project is used (``dxpy.WORKSPACE_ID`` / ``PROJECT_CONTEXT_ID``).
* Relative folder paths start at the current directory (``DX_CLI_WD``, default ``/``);
  ``.`` and ``..`` are understood, repeated slashes collapse.
* A backslash escapes the next character: ``\\:`` and ``\\/`` for a literal colon or
  slash in a name, ``\\*`` and ``\\?`` for literal glob characters. An unescaped
  ``*`` or ``?`` in the last component makes it a glob pattern.
* ``project-xxxx:file-yyyy`` and a bare ``file-yyyy`` name objects by ID;
  ``job-xxxx:field`` is a job output reference.

Resolution never prompts: where the upstream command-line tools would ask the user
to pick among several matches, these functions raise :class:`ResolutionError`
(unless the caller allows several results).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from ..exceptions import DXError, PermissionDenied, ResourceNotFound

#: kept for upstream compatibility: resolution never prompts here
INTERACTIVE_CLI = False

data_obj_pattern = re.compile(r"^(record|applet|file|workflow|database)-[0-9A-Za-z]{24}$")
hash_pattern = re.compile(
    r"^(record|app|applet|workflow|globalworkflow|job|analysis|project|container|file|database)-[0-9A-Za-z]{24}$"
)
nohash_pattern = re.compile(r"^(user|org|app|globalworkflow|team)-")
jbor_pattern = re.compile(r"^(job|analysis)-[0-9A-Za-z]{24}:[a-zA-Z_][0-9a-zA-Z_]*$")
_UNESCAPE_RE = re.compile(r"\\(.)")


class ResolutionError(DXError):
    """A path could not be resolved (missing, ambiguous or malformed).

    :param msg: what went wrong (also kept as the ``msg`` attribute, as upstream does)
    """

    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg


# -- ID predicates ------------------------------------------------------------


def is_hashid(string: Any) -> bool:
    """Tell whether *string* is an ID of an entity class with hashed IDs.

    :param string: value to test
    :returns: ``True`` for e.g. ``file-xxxx``, ``project-xxxx``, ``job-xxxx``
    """
    return isinstance(string, str) and hash_pattern.match(string) is not None


def is_data_obj_id(string: Any) -> bool:
    """Tell whether *string* is a data-object ID (record, applet, file, workflow, database).

    :param string: value to test
    :returns: the answer
    """
    return isinstance(string, str) and data_obj_pattern.match(string) is not None


def _is_class_id(string: Any, classes: tuple[str, ...]) -> bool:
    return is_hashid(string) and string.split("-", 1)[0] in classes


def is_container_id(string: Any) -> bool:
    """Tell whether *string* is a project or container ID.

    :param string: value to test
    :returns: the answer
    """
    return _is_class_id(string, ("project", "container"))


def is_project_id(string: Any) -> bool:
    """Tell whether *string* is a project ID.

    :param string: value to test
    :returns: the answer
    """
    return _is_class_id(string, ("project",))


def is_job_id(string: Any) -> bool:
    """Tell whether *string* is a job ID.

    :param string: value to test
    :returns: the answer
    """
    return _is_class_id(string, ("job",))


def is_analysis_id(string: Any) -> bool:
    """Tell whether *string* is an analysis ID.

    :param string: value to test
    :returns: the answer
    """
    return _is_class_id(string, ("analysis",))


def is_localjob_id(thing: Any) -> bool:
    """Tell whether *thing* is a local (client-side) job ID ``localjob-<n>``.

    :param thing: value to test
    :returns: the answer
    """
    return isinstance(thing, str) and re.match(r"^localjob-\d+$", thing) is not None


def is_nohash_id(string: Any) -> bool:
    """Tell whether *string* names a user, org, app, global workflow or team by handle.

    :param string: value to test
    :returns: the answer
    """
    return isinstance(string, str) and nohash_pattern.match(string) is not None


def is_jbor_str(string: Any) -> bool:
    """Tell whether *string* is a job/analysis output reference ``job-xxxx:field``.

    :param string: value to test
    :returns: the answer
    """
    return isinstance(string, str) and jbor_pattern.match(string) is not None


# -- escaping -------------------------------------------------------------------


def split_unescaped(char: str, string: str, include_empty_strings: bool = False) -> list[str]:
    """Split *string* on occurrences of *char* not preceded by a backslash escape.

    Escapes are kept in the returned parts.

    :param char: the one-character separator
    :param string: the text to split
    :param include_empty_strings: keep empty parts (else dropped)
    :returns: the parts
    """
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(string):
        c = string[i]
        if c == "\\" and i + 1 < len(string):
            current.append(string[i : i + 2])
            i += 2
            continue
        if c == char:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return parts if include_empty_strings else [p for p in parts if p]


def escape_folder_str(string: str) -> str:
    """Escape a folder name for use in a path (``\\``, ``:``, ``*``, ``?``).

    :param string: the raw name
    :returns: the escaped text
    """
    return re.sub(r"([\\:*?])", r"\\\1", string)


def escape_name_str(string: str) -> str:
    """Escape an object name for use in a path (also escapes ``/``).

    :param string: the raw name
    :returns: the escaped text
    """
    return re.sub(r"([\\:*?/])", r"\\\1", string)


def unescape_folder_str(string: str) -> str:
    """Undo :func:`escape_folder_str` (drops the backslash of every escape).

    :param string: escaped text
    :returns: the raw name
    """
    return _UNESCAPE_RE.sub(r"\1", string)


def unescape_name_str(string: str) -> str:
    """Undo :func:`escape_name_str`.

    :param string: escaped text
    :returns: the raw name
    """
    return _UNESCAPE_RE.sub(r"\1", string)


def is_glob_pattern(string: str) -> bool:
    """Tell whether *string* has an unescaped ``*`` or ``?``.

    :param string: escaped path component
    :returns: the answer
    """
    return re.search(r"(?<!\\)(?:\\\\)*[*?]", string) is not None


def is_project_explicit(path: str) -> bool:
    """Tell whether *path* names its project (has an unescaped ``:``, or is a bare ID).

    :param path: a path
    :returns: the answer
    """
    return len(split_unescaped(":", path, include_empty_strings=True)) > 1 or is_hashid(path)


def _glob_for_api(escaped: str) -> str:
    """Keep the escapes the API's glob syntax knows (``\\*``, ``\\?``, ``\\\\``); drop the rest."""
    return re.sub(r"\\([^*?\\])", r"\1", escaped)


# -- folders ----------------------------------------------------------------------


def _cwd() -> str:
    wd = os.environ.get("DX_CLI_WD")
    if wd:
        return wd
    try:
        # not ``dxpy.config``: that attribute caches the instance in the package, and a later
        # reset of the configuration (as the config tests do) would no longer be seen there
        from .. import _config

        wd = _config.get_config().get("DX_CLI_WD")
    except (AttributeError, KeyError, DXError):
        wd = None
    return wd or "/"


def clean_folder_path(path: str, expected: str | None = None) -> tuple[str, str | None]:
    """Normalise a (possibly relative) folder path and split off a trailing name.

    :param path: escaped path (no project part)
    :param expected: ``"folder"`` (the whole path is a folder), ``"entity"`` or ``None``
    :returns: ``(folderpath, name)``; *name* is ``None`` when the path can only be a
        folder (it ends with ``/``, is ``/``, or *expected* is ``"folder"``); folder
        components are unescaped, *name* is still escaped
    :raises ResolutionError: if *expected* is not one of the values above
    """
    if expected not in (None, "folder", "entity"):
        raise ResolutionError(f"expected must be 'folder', 'entity' or None, not {expected!r}")
    if not path.startswith("/"):
        path = _cwd().rstrip("/") + "/" + path
    parts = split_unescaped("/", path)
    name: str | None = None
    if parts and expected != "folder" and not path.endswith("/") and parts[-1] not in (".", ".."):
        name = parts.pop()
    stack: list[str] = []
    for part in parts:
        if part == ".":
            continue
        if part == "..":
            if stack:
                stack.pop()
            continue
        stack.append(unescape_folder_str(part))
    return "/" + "/".join(stack), name


def check_folder_exists(project: str, path: str, folder_name: str) -> bool:
    """Tell whether folder *path*/*folder_name* exists in *project*.

    :param project: container ID
    :param path: parent folder
    :param folder_name: name of the folder inside *path*
    :returns: the answer (``False`` also when *path* does not exist)
    """
    from .. import api

    try:
        listing = api.project_list_folder(project, {"folder": path, "only": "folders"})
    except (ResourceNotFound, PermissionDenied):
        return False
    target = path.rstrip("/") + "/" + folder_name
    return target in listing.get("folders", [])


def object_exists_in_project(obj_id: str, proj_id: str) -> bool:
    """Tell whether data object *obj_id* has a copy in container *proj_id*.

    :param obj_id: data-object ID
    :param proj_id: container ID
    :returns: the answer
    """
    from .. import api

    try:
        desc = api.record_describe(obj_id, {"project": proj_id, "fields": {"project": True}})
    except (ResourceNotFound, PermissionDenied):
        return False
    return bool(desc.get("project") == proj_id)


# -- projects -----------------------------------------------------------------------


def resolve_container_id_or_name(raw_string: str, is_error: bool = False, multi: bool = False) -> Any:
    """Turn a project ID or (escaped) project name into a container ID.

    :param raw_string: a project/container ID, or a project name (``\\:`` for ``:``)
    :param is_error: raise when nothing matches (else return ``None``)
    :param multi: return a list of every matching ID instead of requiring one
    :returns: the ID, a list of IDs (*multi*), or ``None``
    :raises ResolutionError: no match and *is_error*, or several matches without *multi*
    """
    if is_container_id(raw_string):
        return [raw_string] if multi else raw_string
    from .. import api

    name = unescape_name_str(raw_string)
    query: dict[str, Any] = {"name": name, "level": "VIEW", "limit": 1000}
    ids = [r["id"] for r in api.system_find_projects(query).get("results", [])]
    if not ids:
        if is_error:
            raise ResolutionError(f'Could not find a project named "{name}"')
        return None
    if multi:
        return ids
    if len(ids) > 1:
        raise ResolutionError(
            f'Found multiple projects with name "{name}"; '
            "please use a project ID to specify the desired project"
        )
    return ids[0]


def resolve_project(name_or_id: str, multi: bool = False) -> Any:
    """Like :func:`resolve_container_id_or_name`, but a missing project is an error.

    :param name_or_id: project ID or name
    :param multi: allow several matches (returns a list)
    :returns: the project ID (or list of IDs)
    :raises ResolutionError: if it does not exist or is ambiguous
    """
    return resolve_container_id_or_name(name_or_id, is_error=True, multi=multi)


def _current_project() -> str:
    from ..bindings import _default_container

    project = _default_container()
    if project is None:
        raise ResolutionError("No current project: set a project context or name the project (project:path)")
    return project


# -- paths ----------------------------------------------------------------------------


def _split_project(path: str, multi_projects: bool) -> tuple[Any, str, bool]:
    """Return ``(project or None, rest, explicit)`` for *path*."""
    parts = split_unescaped(":", path, include_empty_strings=True)
    if len(parts) > 2:
        raise ResolutionError(f'Cannot parse "{path}": more than one unescaped ":" (escape it as \\:)')
    if len(parts) == 1:
        return None, path, False
    project_part, rest = parts
    if project_part in ("", "~"):
        project: Any = _current_project()
        return ([project] if multi_projects else project), rest, True
    return resolve_container_id_or_name(project_part, is_error=True, multi=multi_projects), rest, True


def _resolve_path_raw(
    path: str, expected: str | None, multi_projects: bool, allow_empty_string: bool
) -> tuple[Any, str | None, str | None]:
    if path == "" and not allow_empty_string:
        raise ResolutionError("Cannot parse an empty path")
    if is_jbor_str(path):
        job_id, field = path.split(":", 1)
        return job_id, None, field
    if is_hashid(path) and not is_container_id(path):
        return _current_project_or_none(), None, path
    if is_container_id(path) or path == "~":
        return (path if path != "~" else _current_project()), "/", None
    project, rest, explicit = _split_project(path, multi_projects)
    if project is None:
        project = [_current_project()] if multi_projects else _current_project()
    if explicit and is_hashid(rest) and not is_container_id(rest):
        return project, None, rest
    folder, name = clean_folder_path(rest or "/", expected)
    return project, folder, name


def _current_project_or_none() -> str | None:
    from ..bindings import _default_container

    return _default_container()


def resolve_path(
    path: str, expected: str | None = None, multi_projects: bool = False, allow_empty_string: bool = True
) -> tuple[Any, str | None, str | None]:
    """Parse *path* into container, folder and name without checking that they exist.

    :param path: a path (see the module documentation)
    :param expected: ``"folder"``, ``"entity"`` or ``None`` (either)
    :param multi_projects: a project name may match several projects (first value is a list)
    :param allow_empty_string: accept ``""`` (the current folder)
    :returns: ``(project, folder, name)``; ``(project, None, object_id)`` for an object
        given by ID; ``(job_id, None, field)`` for a job output reference. *name* is
        unescaped and ``None`` when the path can only be a folder.
    :raises ResolutionError: unknown or ambiguous project, malformed path
    """
    project, folder, name = _resolve_path_raw(path, expected, multi_projects, allow_empty_string)
    if folder is not None and name is not None:
        name = unescape_name_str(name)
    return project, folder, name


def _class_ok(obj_id: str, expected_classes: Any) -> bool:
    return expected_classes is None or obj_id.split("-", 1)[0] in expected_classes


def _describe_by_id(project: str | None, obj_id: str, explicit: bool, describe: Any) -> dict[str, Any]:
    from .. import api

    req: dict[str, Any] = dict(describe) if isinstance(describe, Mapping) else {}
    if project is not None:
        req["project"] = project
    if not describe:
        req["fields"] = {"project": True}
    describe_fn = getattr(api, obj_id.split("-", 1)[0] + "_describe", None)
    if describe_fn is None:
        raise ResolutionError(f"Cannot resolve {obj_id}: not a data object")
    try:
        desc = describe_fn(obj_id, input_params=req)
    except (ResourceNotFound, PermissionDenied) as exc:
        raise ResolutionError(f'Could not find data object "{obj_id}": {exc.msg}') from exc
    if explicit and desc.get("project") != project:
        raise ResolutionError(f'Data object "{obj_id}" was not found in {project}')
    result = {"project": desc.get("project", project), "id": obj_id}
    if describe:
        result["describe"] = desc
    return result


def _pick(
    results: list[dict[str, Any]], path: str, ask_to_resolve: bool, allow_mult: bool, all_mult: bool
) -> Any:
    if not ask_to_resolve:
        return results
    if len(results) == 1:
        return results if allow_mult else results[0]
    if allow_mult and all_mult:
        return results
    raise ResolutionError(f'The given path "{path}" resolves to {len(results)} data objects')


def _find_by_name(
    project: str, folder: str, raw_name: str, visibility: str, describe: Any, expected_classes: Any
) -> list[dict[str, Any]]:
    from ..bindings.search import find_data_objects

    if is_glob_pattern(raw_name):
        name, mode = _glob_for_api(raw_name), "glob"
    else:
        name, mode = unescape_name_str(raw_name), "exact"
    found = find_data_objects(
        project=project, folder=folder, recurse=False, name=name, name_mode=mode,
        visibility=visibility, describe=describe or False,
    )
    try:
        return [r for r in found if _class_ok(r["id"], expected_classes)]
    except (ResourceNotFound, PermissionDenied) as exc:
        raise ResolutionError(f"Cannot search {project}:{folder}: {exc.msg}") from exc


def resolve_existing_path(
    path: str,
    expected: str | None = None,
    ask_to_resolve: bool = True,
    expected_classes: Any = None,
    allow_mult: bool = False,
    describe: Any = True,
    all_mult: bool = False,
    allow_empty_string: bool = True,
    visibility: str = "either",
) -> tuple[Any, str | None, Any]:
    """Resolve *path* to an existing folder or data object(s).

    :param path: a path (see the module documentation)
    :param expected: ``"folder"``, ``"entity"`` or ``None`` (either)
    :param ask_to_resolve: ``False`` returns every match as a list (never an ambiguity error)
    :param expected_classes: allowed data-object classes (e.g. ``["file"]``); ``None``: any
    :param allow_mult: return a list, and accept several matches when *all_mult* is set
    :param describe: ``True``, ``False`` or a describe-input mapping for the matches
    :param all_mult: with *allow_mult*, return all matches instead of failing on several
    :param allow_empty_string: accept ``""`` (the current folder)
    :param visibility: ``"visible"``, ``"hidden"`` or ``"either"``
    :returns: ``(project, folder, None)`` for a folder (a path that can only be a folder --
        ``expected="folder"``, a trailing ``/``, a project alone -- is not checked for
        existence, as upstream); ``(project, None, result)`` for
        objects, where *result* is ``{"project", "id", "describe"?}`` or a list of them
        (see *ask_to_resolve* / *allow_mult*); ``(job_id, None, field)`` for a job
        output reference
    :raises ResolutionError: nothing found, several objects found where one is needed,
        wrong class, or a malformed path / unknown or ambiguous project
    """
    project, folder, raw_name = _resolve_path_raw(path, expected, False, allow_empty_string)
    if folder is None:
        if is_jbor_str(path):
            return project, None, raw_name
        if expected == "folder":
            raise ResolutionError(f'Expected a folder but "{path}" names a data object')
        explicit = is_project_explicit(path) and not is_hashid(path)
        result = _describe_by_id(project, str(raw_name), explicit, describe)
        if not _class_ok(result["id"], expected_classes):
            raise ResolutionError(f'"{path}" is not of the expected class ({", ".join(expected_classes)})')
        return result["project"], None, _pick([result], path, ask_to_resolve, allow_mult, all_mult)
    if raw_name is None:
        if expected == "entity":
            raise ResolutionError(f'Expected a data object but "{path}" names a folder')
        # Like upstream, a path that can only be a folder is not checked (callers may be
        # about to create it); use check_folder_exists or list the folder to verify.
        return project, folder, None
    results = _find_by_name(project, folder, raw_name, visibility, describe, expected_classes)
    if results:
        return project, None, _pick(results, path, ask_to_resolve, allow_mult, all_mult)
    name = unescape_name_str(raw_name)
    if expected != "entity" and not is_glob_pattern(raw_name) and check_folder_exists(project, folder, name):
        return project, folder.rstrip("/") + "/" + name, None
    raise ResolutionError(f"Unable to resolve \"{name}\" to a data object or folder name in '{folder}'")


def resolve_to_objects_or_project(
    path: str, all_matching_results: bool = False
) -> tuple[Any, str | None, Any]:
    """Resolve *path* to data object(s), or to a project given on its own.

    :param path: a path; a bare folder path (other than a project's root) is an error
    :param all_matching_results: return every match (a list) instead of requiring one
    :returns: like :func:`resolve_existing_path`; for a project alone ``(project, "/", None)``
    :raises ResolutionError: if the path names a folder, nothing, or several objects
        without *all_matching_results*
    """
    project, folder, entity = resolve_existing_path(path, allow_mult=all_matching_results,
                                                    all_mult=all_matching_results)
    if entity is None:
        rest = split_unescaped(":", path, include_empty_strings=True)[-1]
        if not (is_container_id(path) or (is_project_explicit(path) and rest in ("", "/"))):
            raise ResolutionError(f'"{path}" names a folder, not a project or a data object')
    return project, folder, entity


def resolve_multiple_existing_paths(paths: list[str]) -> dict[str, dict[str, Any]]:
    """Resolve several paths, reporting failures instead of raising.

    :param paths: paths to resolve
    :returns: for each path ``{"project", "folder", "name"}``: a folder gives
        ``(project, folder, None)``; a single data object gives ``(project, None,
        {"project", "id"})``; a path that is missing, ambiguous or malformed gives
        all three ``None``
    """
    results: dict[str, dict[str, Any]] = {}
    for path in paths:
        empty = {"project": None, "folder": None, "name": None}
        try:
            project, folder, entity = resolve_existing_path(path, ask_to_resolve=False, describe=False)
        except ResolutionError:
            results[path] = empty
            continue
        if entity is None:
            results[path] = {"project": project, "folder": folder, "name": None}
        elif isinstance(entity, list) and len(entity) == 1:
            results[path] = {"project": project, "folder": None, "name": entity[0]}
        else:
            results[path] = empty
    return results


__all__ = [
    "ResolutionError",
    "split_unescaped",
    "escape_folder_str",
    "escape_name_str",
    "unescape_folder_str",
    "unescape_name_str",
    "is_glob_pattern",
    "is_project_explicit",
    "is_hashid",
    "is_data_obj_id",
    "is_container_id",
    "is_project_id",
    "is_job_id",
    "is_analysis_id",
    "is_localjob_id",
    "is_nohash_id",
    "is_jbor_str",
    "clean_folder_path",
    "check_folder_exists",
    "object_exists_in_project",
    "resolve_container_id_or_name",
    "resolve_project",
    "resolve_path",
    "resolve_existing_path",
    "resolve_to_objects_or_project",
    "resolve_multiple_existing_paths",
]


# Executable and job-output helpers live in their own module; upstream has them here.
from ._resolver_exec import (  # noqa: E402
    get_app_from_path,
    get_exec_handler,
    get_first_pos_of_char,
    get_global_exec_from_path,
    get_global_workflow_from_path,
    get_last_pos_of_char,
    parse_input_keyval,
    resolve_app,
    resolve_global_executable,
    resolve_global_workflow,
    resolve_job_ref,
)

__all__ += [
    "get_app_from_path", "get_exec_handler", "get_first_pos_of_char", "get_global_exec_from_path",
    "get_global_workflow_from_path", "get_last_pos_of_char", "parse_input_keyval", "resolve_app",
    "resolve_global_executable", "resolve_global_workflow", "resolve_job_ref",
]

# Interactive choosing and small helpers, also exposed here by upstream.
from ..exceptions import DXCLIError  # noqa: E402
from ._resolver_pick import escaper, paginate_and_pick, pick, try_call, unescaper  # noqa: E402
from .describe import get_ls_l_desc  # noqa: E402

#: project ID -> name, filled by callers that look names up (kept for upstream compatibility)
cached_project_names: dict[str, str] = {}
#: the string types (upstream's Python 2 compatibility name)
basestring = (str, bytes)

__all__ += [
    "DXCLIError", "escaper", "unescaper", "pick", "paginate_and_pick", "try_call", "get_ls_l_desc",
    "cached_project_names", "basestring",
]
