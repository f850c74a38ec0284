"""``dx describe``: describe data objects, projects, executions, executables, users and orgs.

A path may be an ID (of any class), ``project:path``, a path in the current project
(globs allowed), a project name, ``app-NAME[/VERSION]`` or an app name. Each match
is printed as ``Result N:`` followed by the field-per-line rendering of
:func:`dxpy.utils.describe.print_desc`; ``--json`` prints the description (several
matches are an error unless ``--multi`` asks for a list), ``--name`` only the names.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from ._common import print_json

#: ID prefixes described directly through ``/<id>/describe``
_DIRECT = ("file", "record", "applet", "workflow", "database", "job", "analysis", "project", "container",
           "user", "org", "app", "globalworkflow")
_DATA = ("file", "record", "applet", "workflow", "database")


def _describe_input(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    if kind in _DATA:
        return {"properties": True, "details": bool(args.details or args.json)}
    if kind in ("project", "container"):
        return {"properties": True}
    return {}


def _call(kind: str, object_id: str, body: dict[str, Any]) -> dict[str, Any]:
    from .. import api

    method = getattr(api, f"{kind}_describe")
    if kind in ("app", "globalworkflow"):
        # app-NAME/VERSION: the version travels as the alias argument
        name, _, alias = object_id.partition("/")
        result: dict[str, Any] = method(name, alias or None, body)
    else:
        result = method(object_id, body)
    return result


def _by_id(path: str, args: argparse.Namespace) -> list[dict[str, Any]] | None:
    """Describe *path* directly when it is an ID (or ``project:ID``); ``None`` when it is not."""
    from ..exceptions import PermissionDenied, ResourceNotFound
    from ..utils.resolver import is_hashid, split_unescaped

    parts = split_unescaped(":", path, include_empty_strings=True)
    project = None
    if len(parts) == 2 and is_hashid(parts[1]) and parts[0]:
        project, path = parts
    kind = path.split("-", 1)[0]
    if kind not in _DIRECT or "-" not in path:
        return None
    if kind in ("app", "globalworkflow", "user", "org") and not path[len(kind) + 1:]:
        return None
    if kind not in ("app", "globalworkflow", "user", "org") and not is_hashid(path):
        return None
    body = _describe_input(kind, args)
    if project is not None and kind in _DATA:
        from ..utils.resolver import resolve_project

        body["project"] = resolve_project(project)
    try:
        return [_call(kind, path, body)]
    except (ResourceNotFound, PermissionDenied):
        return []


def _by_path(path: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    from ..utils.resolver import ResolutionError, resolve_existing_path, split_unescaped

    try:
        project, folder, entity = resolve_existing_path(path, ask_to_resolve=False, describe=False)
    except ResolutionError:
        return []
    if entity is None:
        rest = split_unescaped(":", path, include_empty_strings=True)
        if len(rest) == 2 and rest[1] in ("", "/") and project:
            kind = "container" if str(project).startswith("container-") else "project"
            return [_call(kind, str(project), _describe_input(kind, args))]
        return []
    found = []
    for match in entity if isinstance(entity, list) else [entity]:
        kind = str(match["id"]).split("-", 1)[0]
        body = _describe_input(kind, args)
        body["project"] = match.get("project") or project
        found.append(_call(kind, str(match["id"]), body))
    return found


def _by_name(path: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Projects and apps named *path* (only for a bare name)."""
    from ..exceptions import DXAPIError
    from ..utils.resolver import resolve_container_id_or_name

    if ":" in path or "/" in path:
        return []
    import re
    found = []
    for project in resolve_container_id_or_name(path, multi=True) or []:
        found.append(_call("project", project, _describe_input("project", args)))
    if re.fullmatch(r"[A-Za-z0-9._-]+", path):
        with contextlib.suppress(DXAPIError):
            found.append(_call("app", "app-" + path, {}))
    return found


def describe(args: argparse.Namespace) -> int:
    """``dx describe PATH...``: print the descriptions of what each path names.

    :param args: parsed arguments (``path``, ``json``, ``details``, ``name``, ``describe_verbose``)
    :returns: the exit status
    """
    from ..exceptions import DXCLIError
    from ..utils.describe import print_desc

    results: list[dict[str, Any]] = []
    from ._data import link_to_path

    for path in map(link_to_path, args.path):
        found = _by_id(path, args)
        if found is None:
            found = _by_path(path, args) + _by_name(path, args)
        if not found:
            raise DXCLIError(f"No matches found for {path}")
        results += found
    if args.json:
        if args.multi:
            print_json(results)
        elif len(results) > 1:
            raise DXCLIError(f"More than one match found for {' '.join(args.path)}; to get all of them in "
                             "JSON format, also provide the --multi flag.")
        else:
            print_json(results[0])
        return 0
    if args.name:
        for desc in results:
            sys.stdout.write(str(desc.get("name", desc.get("id"))) + "\n")
        return 0
    for number, desc in enumerate(results, 1):
        if number > 1:
            sys.stdout.write("\n")
        sys.stdout.write(f"Result {number}:\n")
        if not args.details and str(desc.get("class")) in _DATA:
            # data objects show their details only on request; apps always (as upstream)
            desc = {k: v for k, v in desc.items() if k != "details"}
        print_desc(desc, verbose=args.describe_verbose)
    return 0


def register(subparsers: Any) -> None:
    """Add ``describe``.

    :param subparsers: the ``dx`` sub-command parsers
    """
    p = subparsers.add_parser(
        "describe", help="describe objects, projects, executions, users ...",
        description="Describe data objects, projects, jobs, analyses, executables, users or orgs "
                    "given by ID, path or name.")
    p.add_argument("path", nargs="+", help="ID, path, project name or app name")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the description as JSON")
    output.add_argument("--name", action="store_true", help="print only the name")
    p.add_argument("--multi", action="store_true",
                   help="with --json, print a list of every match (required when there are several)")
    p.add_argument("--details", action="store_true", help="include the details of data objects")
    p.add_argument("--verbose", dest="describe_verbose", action="store_true",
                   help="also show internal fields")
    p.set_defaults(func=describe)
