"""``dx find data|projects|jobs|analyses|executions|apps``: searches on :mod:`dxpy.bindings.search`.

Each search prints one line per result (``--brief``: IDs only; ``--json``: the results
with their descriptions, as upstream prints them). Executions are shown as upstream's
job trees by default: each root execution followed by its descendants.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import fail, print_json
from ._data import parse_properties, parse_time


def _name_query(pattern: str | None, mode: str | None) -> dict[str, Any]:
    if pattern is None:
        return {}
    if mode is None:
        mode = "glob" if any(c in pattern for c in "*?") else "exact"
    return {"name": pattern, "name_mode": mode}


def _times(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    found = {}
    for name in names:
        value = getattr(args, name, None)
        if value is not None:
            found[name] = parse_time(value)
    return found


def _current_project(args: argparse.Namespace) -> str | None:
    from ..bindings import _default_container

    if getattr(args, "all_projects", False):
        return None
    if getattr(args, "project", None):
        from ..utils.resolver import resolve_project

        return str(resolve_project(args.project))
    project = _default_container()
    if project is None:
        fail("No project selected: use --project, --all-projects or dx select")
    return project


# -- data ---------------------------------------------------------------------------------


def _data_scope(args: argparse.Namespace) -> dict[str, Any]:
    from ..utils.resolver import resolve_path

    if args.all_projects:
        if args.path:
            fail("--path and --all-projects cannot be used together")
        return {}
    if args.path:
        project, folder, name = resolve_path(args.path, expected="folder")
        if folder is None:
            fail(f'--path "{args.path}" names a data object, not a folder')
        if name is not None:
            folder = folder.rstrip("/") + "/" + name
        return {"project": project, "folder": folder, "recurse": not args.norecurse}
    return {"project": _current_project(args), "folder": "/", "recurse": not args.norecurse}


def find_data(args: argparse.Namespace) -> int:
    """``dx find data``: search data objects by class, name, tags, properties, folder, dates.

    :param args: parsed arguments
    :returns: the exit status
    """
    from ..bindings.search import find_data_objects
    from ..utils.describe import get_ls_l_desc

    query: dict[str, Any] = _data_scope(args)
    query.update(_name_query(args.name, args.name_mode))
    query.update(_times(args, "created_after", "created_before", "modified_after", "modified_before"))
    fields = {"id": True, "class": True, "folder": True, "name": True, "project": True, "size": True,
              "state": True, "modified": True}
    results = list(find_data_objects(
        classname=args.classname, state=args.state, visibility=args.visibility, typename=args.type,
        tags=args.tag, properties=parse_properties(args.property, allow_key_only=True) or None,
        describe=True if args.json else {"fields": fields}, **query))
    if args.json:
        print_json(results)
        return 0
    for result in results:
        if args.brief:
            sys.stdout.write(f"{result['project']}:{result['id']}\n")
        else:
            sys.stdout.write(get_ls_l_desc(result["describe"], include_folder=True,
                                           include_project=args.all_projects) + "\n")
    return 0


# -- projects -----------------------------------------------------------------------------


def find_projects(args: argparse.Namespace) -> int:
    """``dx find projects``: search projects by name, access level, tags, properties, dates.

    :param args: parsed arguments
    :returns: the exit status
    """
    from ..bindings.search import find_projects as search

    query = _name_query(args.name, args.name_mode)
    query.update(_times(args, "created_after", "created_before"))
    results = list(search(level=args.level, public=True if args.public else None, tags=args.tag,
                          properties=parse_properties(args.property, allow_key_only=True) or None,
                          region=args.region, describe=True if args.json else {"fields": {"name": True}},
                          **query))
    if args.json:
        print_json(results)
        return 0
    for result in results:
        if args.brief:
            sys.stdout.write(result["id"] + "\n")
        else:
            sys.stdout.write(f"{result['id']} : {result['describe']['name']} ({result['level']})\n")
    return 0


# -- executions ---------------------------------------------------------------------------


def _launched_by(user: str | None) -> str | None:
    if user is None:
        return None
    if user == "self":
        from ..bindings.auth import whoami

        return whoami()
    return user if user.startswith("user-") else "user-" + user


def _root_of(execution_id: str | None) -> str | None:
    """The root execution of the tree holding *execution_id* (for ``--id``)."""
    if execution_id is None:
        return None
    from .. import api

    kind = execution_id.split("-", 1)[0]
    if kind not in ("job", "analysis"):
        fail(f'--id "{execution_id}" is not a job or analysis ID')
    desc = getattr(api, f"{kind}_describe")(execution_id, {"fields": {"rootExecution": True}})
    return str(desc.get("rootExecution") or execution_id)


def _execution_query(args: argparse.Namespace, classname: str | None) -> dict[str, Any]:
    query: dict[str, Any] = {
        "classname": classname, "launched_by": _launched_by(args.user), "project": _current_project(args),
        "state": args.state, "origin_job": args.origin, "parent_job": args.parent,
        "root_execution": args.root_execution or _root_of(args.id), "executable": args.executable,
        "tags": args.tag,
        "properties": parse_properties(args.property, allow_key_only=True) or None,
        "include_subjobs": not args.no_subjobs,
    }
    query.update(_name_query(args.name, None))
    query.update(_times(args, "created_after", "created_before"))
    return {k: v for k, v in query.items() if v is not None}


def _tree_lines(root: dict[str, Any], children: dict[str, list[dict[str, Any]]], outputs: bool) -> list[str]:
    from ..utils.describe import get_find_executions_string

    lines = []
    kids = children.get(root["id"], [])
    text = get_find_executions_string(root, has_children=bool(kids), show_outputs=outputs).split("\n")
    lines.append(text[0])
    lines += text[1:]
    for index, kid in enumerate(kids):
        last = index == len(kids) - 1
        sub = _tree_lines(kid, children, outputs)
        lines.append(("└── " if last else "├── ") + sub[0])
        lines += [("    " if last else "│   ") + line for line in sub[1:]]
    return lines


def _parent_of(desc: dict[str, Any]) -> str | None:
    parent = desc.get("parentJob") or desc.get("parentAnalysis")
    return str(parent) if parent else None


def _print_trees(roots: list[dict[str, Any]], outputs: bool) -> None:
    from ..bindings.search import find_executions

    for root in roots:
        family = [r["describe"] for r in find_executions(root_execution=root["id"], describe=True)]
        children: dict[str, list[dict[str, Any]]] = {}
        for desc in sorted(family, key=lambda d: d.get("created", 0)):
            parent = _parent_of(desc)
            if parent and desc["id"] != root["id"]:
                children.setdefault(parent, []).append(desc)
        sys.stdout.write("\n".join(_tree_lines(root, children, outputs)) + "\n")


def _find_executions(args: argparse.Namespace, classname: str | None) -> int:
    from ..bindings.search import find_executions
    from ..utils.describe import get_find_executions_string

    query = _execution_query(args, classname)
    # as upstream, analyses are listed on their own unless trees are asked for
    trees = (args.mode == "trees" and args.parent is None and classname != "analysis") \
        or args.mode == "trees-forced"
    limit = args.num_results
    found = []
    for result in find_executions(describe=True, **query):
        desc = result["describe"]
        if (trees or args.mode == "origin") and desc.get("id") != desc.get(
                "rootExecution" if trees else "originJob", desc.get("id")):
            continue
        found.append(desc)
        if len(found) > limit:
            break
    more = len(found) > limit
    found = found[:limit]
    if args.json:
        print_json(found)
    elif args.brief:
        sys.stdout.write("".join(desc["id"] + "\n" for desc in found))
    elif trees:
        _print_trees(found, args.show_outputs)
    else:
        for desc in found:
            sys.stdout.write(get_find_executions_string(desc, has_children=False, single_result=True,
                                                        show_outputs=args.show_outputs) + "\n")
    if more and not args.json and not args.brief:
        sys.stdout.write("* More results not shown; use -n to increase number of results or\n"
                         "  --created-before to show older results\n")
    return 0


def find_jobs(args: argparse.Namespace) -> int:
    """``dx find jobs``: search jobs (job trees by default).

    :param args: parsed arguments
    :returns: the exit status
    """
    return _find_executions(args, "job")


def find_analyses(args: argparse.Namespace) -> int:
    """``dx find analyses``: search analyses.

    :param args: parsed arguments
    :returns: the exit status
    """
    return _find_executions(args, "analysis")


def find_executions(args: argparse.Namespace) -> int:
    """``dx find executions``: search jobs and analyses.

    :param args: parsed arguments
    :returns: the exit status
    """
    return _find_executions(args, None)


# -- apps ---------------------------------------------------------------------------------


#: billing accounts whose apps are marked with an "x" (DNAnexus' own apps), as upstream does
_DNANEXUS_BILLING = ("org-dnanexus", "org-dnanexus_apps")


def app_line(desc: dict[str, Any], verbose: bool = False) -> str:
    """One app as ``dx find apps`` lists it: ``"x Title (name), vVERSION"``.

    :param desc: the app's description
    :param verbose: add the ID and whether the app is published
    :returns: the line (``x`` marks apps billed to DNAnexus)
    """
    mark = "x" if desc.get("billTo") in _DNANEXUS_BILLING else " "
    title = desc.get("title") or desc.get("name")
    text = f"{title} ({desc.get('name')}), v{desc.get('version')}"
    if not verbose:
        return f"{mark} {text}"
    published = "published" if (desc.get("published") or 0) > 0 else "unpublished"
    return f"{mark} {desc.get('id')} {text} ({published})"


def find_apps(args: argparse.Namespace) -> int:
    """``dx find apps``: search apps by name, category, publication and installation.

    :param args: parsed arguments
    :returns: the exit status
    """
    from ..bindings.search import find_apps as search

    query = _name_query(args.name, None)
    query.update(_times(args, "created_after", "created_before", "modified_after", "modified_before"))
    published = None if args.unpublished else True
    results = list(search(category=args.category, all_versions=args.all or None, published=published,
                          billed_to=args.billed_to, created_by=_launched_by(args.creator),
                          developer=_launched_by(args.developer), describe=True, **query))
    if args.installed:
        results = [r for r in results if r["describe"].get("installed")]
    if args.json:
        print_json(results)
        return 0
    if args.brief:
        sys.stdout.write("".join(result["id"] + "\n" for result in results))
        return 0
    for result in sorted(results, key=lambda r: str(r["describe"].get("name"))):
        sys.stdout.write(app_line(result["describe"], args.find_verbose) + "\n")
    return 0


# -- registration -------------------------------------------------------------------------


def _output_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--brief", action="store_true", help="print only IDs")
    group.add_argument("--json", action="store_true", help="print the results as JSON")


def _common_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tag", action="append", help="has this tag (repeatable)")
    p.add_argument("--property", action="append", metavar="KEY[=VALUE]",
                   help="has this property (with this value) (repeatable)")
    p.add_argument("--created-after", help="date, timestamp in ms, or negative offset such as -1d")
    p.add_argument("--created-before", help="date, timestamp in ms, or negative offset such as -1d")


def _add_data(sub: Any) -> None:
    p = sub.add_parser("data", help="search data objects", description="Search data objects.")
    p.add_argument("--class", dest="classname", choices=["file", "record", "applet", "workflow", "database"],
                   help="object class")
    p.add_argument("--state", choices=["open", "closing", "closed", "any"], help="object state")
    p.add_argument("--visibility", choices=["hidden", "visible", "either"], default="visible",
                   help="visibility (default visible)")
    p.add_argument("--name", help='name; "*" and "?" make it a glob')
    p.add_argument("--name-mode", choices=["exact", "glob", "regexp"], help="how --name matches")
    p.add_argument("--type", help="has this type")
    p.add_argument("--path", help="project:folder to search (default: the current project, whole)")
    p.add_argument("--norecurse", action="store_true", help="do not search subfolders of --path")
    p.add_argument("--project", help="project to search")
    p.add_argument("--all-projects", "--allprojects", action="store_true", help="search every project")
    p.add_argument("--mod-after", dest="modified_after", help="modified after this time")
    p.add_argument("--mod-before", dest="modified_before", help="modified before this time")
    _common_filters(p)
    _output_options(p)
    p.set_defaults(func=find_data)


def _add_projects(sub: Any) -> None:
    p = sub.add_parser("projects", help="search projects", description="Search projects.")
    p.add_argument("--name", help='name; "*" and "?" make it a glob')
    p.add_argument("--name-mode", choices=["exact", "glob", "regexp"], help="how --name matches")
    p.add_argument("--level", choices=["VIEW", "UPLOAD", "CONTRIBUTE", "ADMINISTER"], help="minimum access")
    p.add_argument("--public", action="store_true", help="only public projects")
    p.add_argument("--region", help="region")
    _common_filters(p)
    _output_options(p)
    p.set_defaults(func=find_projects)


def _add_executions(sub: Any, name: str, func: Any, what: str) -> None:
    p = sub.add_parser(name, help=f"search {what}", description=f"Search {what}; job trees by default.")
    p.add_argument("--id", help="only the tree of this execution")
    p.add_argument("--name", help='name; "*" and "?" make it a glob')
    p.add_argument("--user", help='launched by this user ("self": you)')
    p.add_argument("--project", help="project context (default: the current project)")
    p.add_argument("--all-projects", "--allprojects", action="store_true", help="search every project")
    p.add_argument("--app", "--applet", "--executable", dest="executable", help="executable ID")
    p.add_argument("--state", help='state, e.g. "done", "failed"')
    p.add_argument("--origin", help="origin job ID")
    p.add_argument("--parent", help="parent job ID (implies --all-jobs)")
    p.add_argument("--root-execution", "--root", dest="root_execution", help="root execution ID")
    p.add_argument("--no-subjobs", action="store_true", help="leave out subjobs")
    p.add_argument("-n", "--num-results", type=int, default=10, help="how many results (default 10)")
    p.add_argument("-o", "--show-outputs", action="store_true", help="show the outputs of each execution")
    _common_filters(p)
    _output_options(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--trees", dest="mode", action="store_const", const="trees-forced",
                      help="show execution trees")
    mode.add_argument("--origin-jobs", dest="mode", action="store_const", const="origin",
                      help="show only origin jobs")
    mode.add_argument("--all-jobs", dest="mode", action="store_const", const="all",
                      help="show every matching execution")
    p.set_defaults(func=func, mode="trees")


def _add_apps(sub: Any) -> None:
    p = sub.add_parser("apps", help="search apps", description="Search apps.")
    p.add_argument("--name", help='name; "*" and "?" make it a glob')
    p.add_argument("--category", help="in this category")
    p.add_argument("--installed", action="store_true", help="only apps you installed")
    p.add_argument("--all", action="store_true", help="every version, not only the default")
    p.add_argument("--unpublished", action="store_true", help="include unpublished apps")
    p.add_argument("--billed-to", help="billed to this user or org")
    p.add_argument("--creator", help="created by this user")
    p.add_argument("--developer", help="with this developer")
    p.add_argument("--created-after", help="date, timestamp in ms, or negative offset such as -1d")
    p.add_argument("--created-before", help="date, timestamp in ms, or negative offset such as -1d")
    p.add_argument("--mod-after", dest="modified_after", help="modified after this time")
    p.add_argument("--mod-before", dest="modified_before", help="modified before this time")
    p.add_argument("--verbose", dest="find_verbose", action="store_true",
                   help="add IDs and publication state")
    _output_options(p)
    p.set_defaults(func=find_apps)


def register(subparsers: Any) -> None:
    """Add ``find`` and its searches.

    :param subparsers: the ``dx`` sub-command parsers
    """
    find = subparsers.add_parser("find", help="search data, projects, jobs, analyses, executions, apps",
                                 description="Search the platform.")
    sub = find.add_subparsers(dest="find_what", metavar="what", required=True)
    _add_data(sub)
    _add_projects(sub)
    _add_executions(sub, "jobs", find_jobs, "jobs")
    _add_executions(sub, "analyses", find_analyses, "analyses")
    _add_executions(sub, "executions", find_executions, "jobs and analyses")
    _add_apps(sub)
