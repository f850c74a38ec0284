"""Executable and job-output helpers of :mod:`dxpy.utils.resolver` (apps, global workflows,
``job-xxxx:field`` references, ``name=value`` inputs).

Kept apart from the path resolution so each module stays small; every public name here is
re-exported by :mod:`dxpy.utils.resolver`, its upstream home. Nothing here prompts: where
upstream's command-line tools would ask the user to choose, these raise ``ResolutionError``.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import DXAPIError, DXCLIError, DXError


def _resolution_error(msg: str) -> DXError:
    from .resolver import ResolutionError

    return ResolutionError(msg)


def get_first_pos_of_char(char: str, string: str) -> int:
    """Return the index of the first unescaped *char* in *string*.

    :param char: the character to find
    :param string: the text (a backslash escapes the next character)
    :returns: the index, or -1 if there is no unescaped *char*
    """
    escaped = False
    for index, current in enumerate(string):
        if escaped:
            escaped = False
        elif current == "\\":
            escaped = True
        elif current == char:
            return index
    return -1


def get_last_pos_of_char(char: str, string: str) -> int:
    """Return the index of the last unescaped *char* in *string*.

    :param char: the character to find
    :param string: the text (a backslash escapes the next character)
    :returns: the index, or -1 if there is no unescaped *char*
    """
    last = -1
    escaped = False
    for index, current in enumerate(string):
        if escaped:
            escaped = False
        elif current == "\\":
            escaped = True
        elif current == char:
            last = index
    return last


def _split_name_alias(path: str, prefix: str) -> tuple[str, str | None]:
    if not path.startswith(prefix + "-"):
        path = f"{prefix}-{path}"
    name, slash, alias = path.partition("/")
    return name, (alias if slash else None)


def get_app_from_path(path: str) -> dict[str, Any] | None:
    """Describe the app named by *path* (``name``, ``name/version-or-tag``, ``app-name``, ``app-xxxx``).

    :param path: the app's name, optionally with ``/alias``, or its ID
    :returns: the app's description, or ``None`` if no accessible app matches
    """
    from .. import api

    name, alias = _split_name_alias(path, "app")
    try:
        desc: dict[str, Any] = api.app_describe(name, alias=alias)
    except DXAPIError:
        return None
    return desc


def get_global_workflow_from_path(path: str) -> dict[str, Any] | None:
    """Describe the global workflow named by *path* (``name[/alias]``, ``globalworkflow-...``).

    :param path: the global workflow's name, optionally with ``/alias``, or its ID
    :returns: its description, or ``None`` if no accessible global workflow matches
    """
    from .. import api

    name, alias = _split_name_alias(path, "globalworkflow")
    try:
        desc: dict[str, Any] = api.global_workflow_describe(name, alias=alias)
    except DXAPIError:
        return None
    return desc


def get_global_exec_from_path(path: str) -> dict[str, Any] | None:
    """Describe the app or, failing that, the global workflow named by *path*.

    :param path: ``app-...``, ``globalworkflow-...`` or a bare ``name[/alias]`` (apps tried first)
    :returns: the description, or ``None`` if neither matches
    """
    if path.startswith("app-"):
        return get_app_from_path(path)
    if path.startswith("globalworkflow-"):
        return get_global_workflow_from_path(path)
    return get_app_from_path(path) or get_global_workflow_from_path(path)


def resolve_app(path: str) -> dict[str, Any]:
    """Like :func:`get_app_from_path`, but a missing app is an error.

    :param path: the app's name (``name[/alias]``) or ID
    :returns: the app's description
    :raises ResolutionError: if no accessible app matches
    """
    desc = get_app_from_path(path)
    if desc is None:
        raise _resolution_error(f'The given path "{path}" could not be resolved to an accessible app')
    return desc


def resolve_global_workflow(path: str) -> dict[str, Any]:
    """Like :func:`get_global_workflow_from_path`, but a missing global workflow is an error.

    :param path: the global workflow's name (``name[/alias]``) or ID
    :returns: its description
    :raises ResolutionError: if no accessible global workflow matches
    """
    desc = get_global_workflow_from_path(path)
    if desc is None:
        raise _resolution_error(
            f'The given path "{path}" could not be resolved to an accessible global workflow')
    return desc


def resolve_global_executable(path: str, is_version_required: bool = False) -> dict[str, Any]:
    """Describe the app or global workflow named by *path*.

    :param path: ``app-...``, ``globalworkflow-...`` or ``name[/alias]``
    :param is_version_required: refuse a bare name without ``/version``
    :returns: the description
    :raises ResolutionError: if the version is required and missing, or nothing matches
    """
    from .resolver import is_hashid

    if is_version_required and not is_hashid(path) and "/" not in path:
        raise _resolution_error('Version is required, e.g. "myexec/1.0.0"')
    if path.startswith("app-"):
        return resolve_app(path)
    if path.startswith("globalworkflow-"):
        return resolve_global_workflow(path)
    desc = get_global_exec_from_path(path)
    if desc is None:
        raise _resolution_error(f'The given path "{path}" could not be resolved to an accessible '
                                "global executable (app or workflow)")
    return desc


def _handler_from_desc(desc: dict[str, Any]) -> Any:
    import dxpy

    cls = desc.get("class")
    if cls == "applet":
        return dxpy.DXApplet(desc["id"], project=desc.get("project"))
    if cls == "workflow":
        return dxpy.DXWorkflow(desc["id"], project=desc.get("project"))
    if cls == "app":
        return dxpy.DXApp(dxid=desc["id"])
    if cls == "globalworkflow":
        return dxpy.DXGlobalWorkflow(dxid=desc["id"])
    raise DXError(f"The executable class {cls} is not supported")


def _entities(path: str, global_desc: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Applets and workflows at *path* (an empty list when the path finds none)."""
    from .resolver import ResolutionError, resolve_existing_path

    try:
        _project, _folder, results = resolve_existing_path(
            path, expected="entity", ask_to_resolve=False, expected_classes=["applet", "record", "workflow"],
            visibility="visible")
    except ResolutionError:
        if global_desc is None:
            raise
        return []
    return [r for r in (results or []) if r["describe"].get("class") in ("applet", "workflow")]


def get_exec_handler(path: str, alias: str | None = None) -> Any:
    """Return a handler for the executable named by *path*: an applet or workflow path, an
    app or global workflow name (``name[/alias]``), or any of their IDs.

    :param path: the path, name or ID
    :param alias: app / global workflow version or tag (then *path* names only those)
    :returns: a :class:`~dxpy.DXApplet`, :class:`~dxpy.DXWorkflow`, :class:`~dxpy.DXApp` or
        :class:`~dxpy.DXGlobalWorkflow`
    :raises ResolutionError: if nothing, or more than one executable, matches
    """
    global_desc = None
    if not path.startswith(("workflow-", "applet-")):
        global_desc = get_global_exec_from_path(path if alias is None else f"{path}/{alias}")
    if alias is not None:
        if global_desc is None:
            raise _resolution_error(f"No app or global workflow {path} with version or tag {alias}")
        return _handler_from_desc(global_desc)
    entities = _entities(path, global_desc)
    if len(entities) + (global_desc is not None) > 1:
        raise _resolution_error("Found multiple executables with the path " + path)
    if entities:
        return _handler_from_desc(entities[0]["describe"])
    if global_desc is not None:
        return _handler_from_desc(global_desc)
    raise _resolution_error("No matches found for " + path)


def _indexed_output(job_id: str, name: str, outputs: dict[str, Any]) -> tuple[str, Any]:
    index = None
    base, dot, suffix = name.rpartition(".")
    if dot and suffix.lstrip("-").isdigit():
        name, index = base, int(suffix)
    value = outputs.get(name)
    if value is None:
        raise _resolution_error(f'Could not find "{name}" as an output field name of {job_id}; '
                                f"available fields are: {', '.join(outputs)}")
    if index is not None:
        if not isinstance(value, list):
            raise _resolution_error(f'Found "{name}" as an output field name of {job_id}, '
                                    "but it is not an array and cannot be indexed")
        if not 0 <= index < len(value):
            raise _resolution_error(f'Found "{name}" as an output field name of {job_id}, '
                                    f"but the specified index {index} is out of range")
        value = value[index]
    return name, value


def _linked_ids(job_id: str, name: str, value: Any) -> list[str]:
    def link_id(link: Any) -> str:
        inner = link["$dnanexus_link"]
        return str(inner["id"] if isinstance(inner, dict) else inner)

    if isinstance(value, list):
        if not value:
            raise _resolution_error(
                f'Found "{name}" as an output field name of {job_id}, but it is an empty array')
        if not all(isinstance(v, dict) and "$dnanexus_link" in v for v in value):
            raise _resolution_error(f'Found "{name}" as an output field name of {job_id}, '
                                    "but it is an array of non-data objects")
        return [link_id(v) for v in value]
    if isinstance(value, dict) and "$dnanexus_link" in value:
        return [link_id(value)]
    raise _resolution_error(f'Found "{name}" as an output field name of {job_id}, '
                            "but it is not of a data object class")


def resolve_job_ref(job_id: str, name: str, describe: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Resolve output *name* (``field`` or ``field.N``) of a done job to the data objects it holds.

    :param job_id: the job ID
    :param name: output field name, optionally ``.index`` into an array output
    :param describe: describe options for the objects; its ``project`` is set to the job's project
    :returns: ``[{"id": ..., "describe": ...}, ...]``
    :raises ResolutionError: if the job is not done, or the field is missing or holds no data objects
    """
    from .. import api

    describe = {} if describe is None else describe
    try:
        job_desc = api.job_describe(job_id)
    except DXError as exc:
        raise _resolution_error(str(exc)) from exc
    describe["project"] = job_desc["project"]
    if job_desc["state"] != "done":
        raise _resolution_error(f"the job {job_id} is {job_desc['state']}, and it must be in the done state "
                                "for its outputs to be accessed")
    name, value = _indexed_output(job_id, name, job_desc.get("output") or {})
    results = []
    for obj_id in _linked_ids(job_id, name, value):
        try:
            describe_route = getattr(api, obj_id.split("-", 1)[0] + "_describe")
            results.append({"id": obj_id, "describe": describe_route(obj_id, describe)})
        except (DXError, AttributeError) as exc:
            raise _resolution_error(str(exc)) from exc
    return results


def parse_input_keyval(keyeqval: str) -> tuple[str, str]:
    """Split a ``name=value`` input argument at its first unescaped ``=``.

    :param keyeqval: the argument, e.g. ``reads=file-xxxx``
    :returns: ``(name, value)``, both as written (escapes kept)
    :raises DXCLIError: if there is no unescaped ``=``
    """
    from .resolver import split_unescaped

    position = get_first_pos_of_char("=", keyeqval)
    if position == -1:
        raise DXCLIError(
            "An input was found that did not conform to the syntax: -i<input name>=<input value>")
    return split_unescaped("=", keyeqval[:position + 1])[0], keyeqval[position + 1:]


__all__ = [
    "get_first_pos_of_char", "get_last_pos_of_char", "get_app_from_path", "get_global_workflow_from_path",
    "get_global_exec_from_path", "resolve_app", "resolve_global_workflow", "resolve_global_executable",
    "get_exec_handler", "resolve_job_ref", "parse_input_keyval",
]
