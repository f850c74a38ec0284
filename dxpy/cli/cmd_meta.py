"""Metadata commands: ``new project|record``, ``get_details``/``set_details``,
``tag``/``untag``, ``set_properties``/``unset_properties``, ``rename``, ``close``,
``wait``, and ``api`` for raw API calls.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Optional

from . import _fs
from ._common import fail, print_json


def register(subparsers: Any) -> None:
    """Add the metadata commands to ``dx``'s sub-command parsers.

    :param subparsers: the object returned by ``add_subparsers``
    """
    _register_new(subparsers)
    p = subparsers.add_parser("get_details", help="print a data object's details",
                              description="Print the JSON details of a data object.")
    p.add_argument("path", help="data object")
    p.set_defaults(func=get_details)

    p = subparsers.add_parser("set_details", help="replace a data object's details",
                              description="Replace the JSON details of a data object.")
    p.add_argument("path", help="data object")
    p.add_argument("details", nargs="?", help="the details, as JSON")
    p.add_argument("-f", "--details-file", help="read the details from this file ('-' for stdin)")
    p.add_argument("-a", "--all", action="store_true", help="act on every object the path names")
    p.set_defaults(func=set_details)

    for name, what, func in (("tag", "tags to add", tag), ("untag", "tags to remove", tag),
                             ("set_properties", "NAME=VALUE pairs", set_properties),
                             ("unset_properties", "property names to remove", set_properties)):
        text = f"{name.replace('_', ' ')} of a project, data object or execution"
        p = subparsers.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        p.add_argument("path", help="project (ID or NAME:), data object, or job/analysis ID")
        p.add_argument("values", nargs="+", metavar="value", help=what)
        p.add_argument("-a", "--all", action="store_true", help="act on every object the path names")
        p.set_defaults(func=func)

    p = subparsers.add_parser("rename", help="rename a project or data object",
                              description="Rename a project or data object (folders: use dx mv).")
    p.add_argument("path", help="project (ID or NAME:) or data object")
    p.add_argument("name", help="the new name")
    p.add_argument("-a", "--all", action="store_true", help="act on every object the path names")
    p.set_defaults(func=rename)

    p = subparsers.add_parser("close", help="close data objects", description="Close data objects.")
    p.add_argument("paths", nargs="+", metavar="path", help="data object")
    p.add_argument("-a", "--all", action="store_true", help="act on every object a path names")
    p.add_argument("--wait", action="store_true", help="wait until they are closed")
    p.set_defaults(func=close)

    p = subparsers.add_parser("wait", help="wait for data objects to close or jobs to finish",
                              description="Wait until data objects are closed and executions are done; "
                                          "exit non-zero if an execution fails.")
    p.add_argument("paths", nargs="+", metavar="path", help="data object, job or analysis")
    p.add_argument("--from-file", action="store_true", help="each path is a file listing IDs, one a line")
    p.set_defaults(func=wait)

    p = subparsers.add_parser("api", help="call an API method directly and print the JSON answer",
                              description="Call SUBJECT/METHOD (e.g. 'system whoami', "
                                          "'project-xxxx describe') and print the JSON answer.")
    p.add_argument("resource", help="the route's subject: an ID, or a class such as system or file")
    p.add_argument("method", help="the method, e.g. describe")
    p.add_argument("input_json", nargs="?", help="the input, as JSON (default {})")
    p.add_argument("--input", help="read the input from this file ('-' for stdin)")
    p.set_defaults(func=api_call)


def _register_new(subparsers: Any) -> None:
    new = subparsers.add_parser("new", help="create a project or a record",
                                description="Create a new project or record.")
    kinds = new.add_subparsers(dest="kind", metavar="kind")
    kinds.required = True
    p = kinds.add_parser("project", help="create a project", description="Create a new project.")
    p.add_argument("name", nargs="?", help="name of the new project")
    p.add_argument("--brief", action="store_true", help="print the new project's ID only")
    p.add_argument("-s", "--select", action="store_true", help="select the new project")
    p.add_argument("--region", help="region of the new project")
    p.add_argument("--bill-to", help="user or org billed for the project")
    p.set_defaults(func=new_project)

    p = kinds.add_parser("record", help="create a record", description="Create a new record.")
    p.add_argument("path", nargs="?", default="", help="path of the new record (default: the current folder)")
    p.add_argument("--brief", action="store_true", help="print the new record's ID only")
    p.add_argument("--details", help="details, as JSON")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeat for more)")
    p.add_argument("--property", action="append", default=[], metavar="KEY=VALUE", help="a property (repeat)")
    p.add_argument("--type", action="append", default=[], help="a type (repeat for more)")
    p.add_argument("--visibility", choices=["hidden", "visible"], default="visible",
                   help="hidden or visible")
    p.add_argument("-p", "--parents", action="store_true", help="create missing parent folders")
    p.add_argument("--close", action="store_true", help="close the record right away")
    p.set_defaults(func=new_record)


# -- parsing helpers ------------------------------------------------------------------------


def _parse_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        fail(f"{what} is not valid JSON: {getattr(exc, 'msg', exc)}")


def _read_input(source: str, what: str) -> Any:
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        fail(f"cannot read {what} from {source}: {exc.strerror or exc}")
    return _parse_json(text, f"{what} in {'stdin' if source == '-' else source}")


def _properties(pairs: list[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            fail(f'property "{pair}" is not of the form NAME=VALUE')
        result[key] = value
    return result


def _handlers(path: str, allow_many: bool) -> list[Any]:
    """Handlers for what ``path`` names: a project, an execution, or data object(s)."""
    from ..utils.resolver import (
        is_analysis_id,
        is_container_id,
        is_job_id,
        resolve_project,
        split_unescaped,
    )

    if is_job_id(path) or is_analysis_id(path) or is_container_id(path):
        return [_fs.handler_for(path, None)]
    parts = split_unescaped(":", path, include_empty_strings=True)
    if len(parts) == 2 and parts[1] in ("", "/"):
        return [_fs.handler_for(resolve_project(parts[0]), None)]
    target = _fs.resolve(path, allow_many=allow_many)
    if not target.objects:
        fail(f'"{path}" is a folder, not a data object')
    return [_fs.handler_for(obj, target.project) for obj in target.objects]


# -- new --------------------------------------------------------------------------------------


def new_project(args: argparse.Namespace) -> int:
    """``dx new project``: create a project (``-s``: and select it).

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject

    name = args.name
    if not name:
        if not sys.stdin.isatty():
            fail("dx new project: give the project a name")
        name = input("Enter name for new project: ").strip()
        if not name:
            fail("dx new project: give the project a name")
    handle = DXProject()
    handle.new(name=name, region=args.region, bill_to=args.bill_to)
    project = str(handle.get_id())
    if args.brief:
        sys.stdout.write(project + "\n")
    else:
        sys.stdout.write(f'Created new project called "{name}" ({project})\n')
    if args.select:
        from . import _session

        _session.select_project(project, name)
    return 0


def new_record(args: argparse.Namespace) -> int:
    """``dx new record``: create a record, print its description or (``--brief``) its ID.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXRecord

    project, folder, name = _fs.split_destination(args.path) if not args.parents else _new_path(args.path)
    fields: dict[str, Any] = {"project": project, "folder": folder, "tags": args.tag, "types": args.type,
                              "properties": _properties(args.property), "hidden": args.visibility == "hidden",
                              "parents": args.parents, "close": args.close}
    if name:
        fields["name"] = name
    if args.details is not None:
        fields["details"] = _parse_json(args.details, "--details")
    record = DXRecord()
    record.new(**fields)
    if args.brief:
        sys.stdout.write(str(record.get_id()) + "\n")
    else:
        from ..utils.describe import print_desc

        print_desc(record.describe(incl_properties=True, incl_details=False))
    return 0


def _new_path(path: str) -> tuple[str, str, Optional[str]]:
    from ..utils.resolver import ResolutionError, resolve_path

    try:
        project, folder, name = resolve_path(_fs.absolute(path))
    except ResolutionError as exc:
        _fs.unresolved(path, exc)
    if folder is None:
        fail(f'"{path}" is an ID, not a path for a new object')
    return str(project), folder, name


# -- details and metadata ---------------------------------------------------------------------


def get_details(args: argparse.Namespace) -> int:
    """``dx get_details``: print a data object's details as JSON.

    :param args: the parsed arguments
    :returns: the exit status
    """
    target = _fs.resolve_object(args.path)
    print_json(_fs.handler_for(target.objects[0], target.project).get_details())
    return 0


def set_details(args: argparse.Namespace) -> int:
    """``dx set_details``: replace a data object's details.

    :param args: the parsed arguments
    :returns: the exit status
    """
    if (args.details is None) == (args.details_file is None):
        fail("dx set_details: give the details either as an argument or with -f", 2)
    if args.details_file is not None:
        details = _read_input(args.details_file, "the details")
    else:
        details = _parse_json(args.details, "the details")
    for handler in _handlers(args.path, args.all):
        handler.set_details(details)
    return 0


def tag(args: argparse.Namespace) -> int:
    """``dx tag`` / ``dx untag``: add or remove tags.

    :param args: the parsed arguments
    :returns: the exit status
    """
    for handler in _handlers(args.path, args.all):
        if args.command == "tag":
            handler.add_tags(args.values)
        else:
            handler.remove_tags(args.values)
    return 0


def set_properties(args: argparse.Namespace) -> int:
    """``dx set_properties`` / ``dx unset_properties``: set or remove properties.

    :param args: the parsed arguments
    :returns: the exit status
    """
    if args.command == "set_properties":
        props: dict[str, Optional[str]] = dict(_properties(args.values))
    else:
        props = {name: None for name in args.values}
    for handler in _handlers(args.path, args.all):
        handler.set_properties(props)
    return 0


def rename(args: argparse.Namespace) -> int:
    """``dx rename``: rename a project or data object.

    :param args: the parsed arguments
    :returns: the exit status
    """
    for handler in _handlers(args.path, args.all):
        if handler.get_id().startswith("project-"):
            handler.update(name=args.name)
        else:
            handler.rename(args.name)
    return 0


def close(args: argparse.Namespace) -> int:
    """``dx close``: close data objects (``--wait``: until they are closed).

    :param args: the parsed arguments
    :returns: the exit status
    """
    handlers = [h for path in args.paths for h in _handlers(path, args.all)]
    for handler in handlers:
        handler.close()
    if args.wait:
        for handler in handlers:
            handler.wait_on_close()
    return 0


def _wait_ids(args: argparse.Namespace) -> list[str]:
    if not args.from_file:
        return list(args.paths)
    ids = []
    for name in args.paths:
        try:
            with open(name, encoding="utf-8") as handle:
                ids += [line.strip() for line in handle if line.strip()]
        except OSError as exc:
            fail(f"dx wait: cannot read {name}: {exc.strerror or exc}")
    return ids


def wait(args: argparse.Namespace) -> int:
    """``dx wait``: wait for data objects to close and executions to finish.

    :param args: the parsed arguments
    :returns: the exit status (3 if an execution did not succeed)
    """
    from ..exceptions import DXJobFailureError
    from ..utils.resolver import is_analysis_id, is_job_id

    for path in _wait_ids(args):
        handlers = _handlers(path, allow_many=True)
        goal = "finish" if is_job_id(path) or is_analysis_id(path) else "close"
        sys.stdout.write(f"Waiting for {path} to {goal}...\n")
        sys.stdout.flush()
        for handler in handlers:
            if is_job_id(handler.get_id()) or is_analysis_id(handler.get_id()):
                try:
                    handler.wait_on_done(interval=0.5)
                except DXJobFailureError as exc:
                    fail(f"dx wait: {handler.get_id()} did not succeed: {exc}")
            else:
                handler.wait_on_close()
        sys.stdout.write("Done\n")
    return 0


# -- api --------------------------------------------------------------------------------------


def api_call(args: argparse.Namespace) -> int:
    """``dx api``: POST the input to ``/RESOURCE/METHOD`` and print the JSON answer.

    :param args: the parsed arguments
    :returns: the exit status
    """
    import dxpy

    if args.input is not None and args.input_json is not None:
        fail("dx api: give the input either as an argument or with --input", 2)
    if args.input is not None:
        payload = _read_input(args.input, "the input")
    elif args.input_json is not None:
        payload = _parse_json(args.input_json, "the input")
    else:
        payload = {}
    for part, what in ((args.resource, "resource"), (args.method, "method")):
        if not part or "/" in part or any(c.isspace() for c in part):
            fail(f'dx api: "{part}" is not a valid {what}')
    print_json(dxpy.DXHTTPRequest(f"/{args.resource}/{args.method}", payload))
    return 0
