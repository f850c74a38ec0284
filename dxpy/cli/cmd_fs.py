"""Folder commands: ``ls``, ``tree``, ``mkdir``, ``rmdir``, ``rm``, ``mv`` and ``cp``.

Paths follow the resolver's rules (``project:folder/name``, IDs, globs in the last
component); output formats follow upstream's ``dx`` so that scripts parsing them work.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Optional

from . import _fs
from ._common import fail


def register(subparsers: Any) -> None:
    """Add the folder commands to ``dx``'s sub-command parsers.

    :param subparsers: the object returned by ``add_subparsers``
    """
    p = subparsers.add_parser("ls", help="list folders and data objects",
                              description="List a folder, or the data objects a path or glob names.")
    p.add_argument("path", nargs="?", default="", help="folder or object path (default: the current folder)")
    p.add_argument("-l", "--long", action="store_true", help="long format: state, date, size, name and ID")
    p.add_argument("--brief", action="store_true", help="print folders and object IDs only")
    p.add_argument("-a", "--all", action="store_true", help="also list hidden objects (and ./ ../)")
    p.add_argument("--folders", action="store_true", help="list folders only")
    p.add_argument("--obj", action="store_true", help="list data objects only")
    p.add_argument("--full", action="store_true", help="print the full path of each folder")
    p.set_defaults(func=ls)

    p = subparsers.add_parser("tree", help="list folders and data objects as a tree",
                              description="Print a folder and everything under it as a tree.")
    p.add_argument("path", nargs="?", default="", help="folder (default: the current folder)")
    p.add_argument("-a", "--all", action="store_true", help="also list hidden objects")
    p.add_argument("-l", "--long", action="store_true", help="long format for data objects")
    p.set_defaults(func=tree)

    p = subparsers.add_parser("mkdir", help="create folders", description="Create folders.")
    p.add_argument("paths", nargs="+", metavar="path", help="folder to create")
    p.add_argument("-p", "--parents", action="store_true",
                   help="create parents as needed; no error if it exists")
    p.set_defaults(func=mkdir)

    p = subparsers.add_parser("rmdir", help="remove empty folders", description="Remove empty folders.")
    p.add_argument("paths", nargs="+", metavar="path", help="folder to remove")
    p.set_defaults(func=rmdir)

    p = subparsers.add_parser("rm", help="remove data objects and folders",
                              description="Remove data objects, and folders with -r.")
    p.add_argument("paths", nargs="+", metavar="path", help="object or folder to remove")
    p.add_argument("-r", "--recursive", action="store_true", help="remove folders and their contents")
    p.add_argument("-a", "--all", action="store_true", help="remove every object a path names")
    p.add_argument("-f", "--force", action="store_true",
                   help="ignore paths that name nothing; with -r, allow emptying the root folder")
    p.set_defaults(func=rm)

    for name, text in (("mv", "move or rename data objects and folders within a project"),
                       ("cp", "copy data objects and folders between projects")):
        p = subparsers.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        p.add_argument("sources", nargs="+", metavar="source", help="object or folder")
        p.add_argument("destination", help="folder, or a new name for a single source")
        p.add_argument("-a", "--all", action="store_true", help="act on every object a source names")
        p.set_defaults(func=mv if name == "mv" else cp)


# -- listing --------------------------------------------------------------------------------


def _basename(folder: str) -> str:
    return folder.rstrip("/").rsplit("/", 1)[-1]


def _print_objects(describes: list[dict[str, Any]], args: argparse.Namespace, header: bool = True) -> None:
    from ..utils.describe import get_ls_l_desc, get_ls_l_header

    out = sys.stdout
    if args.brief:
        out.writelines(d["id"] + "\n" for d in describes)
    elif args.long:
        if describes and header:
            out.write(get_ls_l_header() + "\n")
        out.writelines(get_ls_l_desc(d) + "\n" for d in describes)
    else:
        out.writelines(str(d.get("name", d["id"])) + "\n" for d in describes)


def _sorted(describes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(describes, key=lambda d: (str(d.get("name", "")), d["id"]))


def ls(args: argparse.Namespace) -> int:
    """``dx ls``: list a folder, or the objects a path names.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject
    from ..exceptions import ResourceNotFound
    from ..utils.describe import get_ls_l_desc_fields

    fields = {"fields": get_ls_l_desc_fields()}
    target = _fs.resolve(args.path, allow_many=True, describe=fields)
    if target.folder is None:  # objects named by the path: no header, as upstream
        _print_objects(_sorted(target.describes), args, header=False)
        return 0
    only = "folders" if args.folders else "objects" if args.obj else "all"
    try:
        listing = DXProject(target.project).list_folder(folder=target.folder, describe=fields, only=only,
                                                        includeHidden=args.all)
    except ResourceNotFound:
        fail(f'dx ls: folder "{target.folder}" does not exist in {target.project}')
    out = sys.stdout
    if args.long and not args.brief:
        name = _fs.describe_project(target.project).get("name", target.project)
        out.write(f"Project: {name} ({target.project})\nFolder : {target.folder}\n")
    if only != "objects":
        if args.all and not args.brief:
            out.write("./\n../\n")
        for folder in sorted(listing.get("folders", []), key=_basename):
            out.write((folder if args.full else _basename(folder)) + "/\n")
    if only != "folders":
        objects = _sorted([o["describe"] for o in listing.get("objects", [])])
        if args.long and not args.brief and not objects:
            out.write("No data objects found in the folder\n")
        _print_objects(objects, args)
    return 0


def _tree_lines(project: Any, folder: str, args: argparse.Namespace, prefix: str) -> list[str]:
    from ..utils.describe import get_ls_l_desc, get_ls_l_desc_fields

    listing = project.list_folder(folder=folder, describe={"fields": get_ls_l_desc_fields()},
                                  includeHidden=args.all)
    entries: list[tuple[str, Optional[str]]] = []
    for sub in sorted(listing.get("folders", []), key=_basename):
        entries.append((_basename(sub), sub))
    for desc in _sorted([o["describe"] for o in listing.get("objects", [])]):
        entries.append((get_ls_l_desc(desc) if args.long else str(desc.get("name", desc["id"])), None))
    lines = []
    for i, (text, sub_folder) in enumerate(entries):
        last = i == len(entries) - 1
        lines.append(prefix + ("└── " if last else "├── ") + text)
        if sub_folder is not None:
            lines += _tree_lines(project, sub_folder, args, prefix + ("    " if last else "│   "))
    return lines


def tree(args: argparse.Namespace) -> int:
    """``dx tree``: print a folder and its contents, recursively.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject
    from ..exceptions import ResourceNotFound

    target = _fs.resolve(args.path, expected="folder")
    assert target.folder is not None
    try:
        lines = _tree_lines(DXProject(target.project), target.folder, args, "")
    except ResourceNotFound:
        fail(f'dx tree: folder "{target.folder}" does not exist in {target.project}')
    sys.stdout.write("\n".join([args.path or "."] + lines) + "\n")
    return 0


# -- creating and removing --------------------------------------------------------------


def _folder_of(path: str) -> tuple[str, str]:
    from ..utils.resolver import ResolutionError, resolve_path

    try:
        project, folder, _ = resolve_path(_fs.absolute(path), expected="folder")
    except ResolutionError as exc:
        _fs.unresolved(path, exc)
    if folder is None:
        fail(f'"{path}" is not a folder path')
    return str(project), folder


def _each_folder(paths: list[str], failure: str, action: Any) -> int:
    """Apply ``action(project_handler, folder)`` to each folder path, reporting every failure.

    :param paths: the folder paths given on the command line
    :param failure: the start of the message for a folder the API refused
    :param action: what to do with each folder
    :returns: 0 when every folder succeeded
    :raises CLIExit: naming each failed folder
    """
    from ..bindings import DXProject
    from ..exceptions import DXAPIError

    failed = []
    for path in paths:
        project, folder = _folder_of(path)
        try:
            action(DXProject(project), folder)
        except DXAPIError as exc:
            failed.append(f"{failure} {folder} in {project}: {exc.msg}")
    if failed:
        fail("\n".join(failed))
    return 0


def mkdir(args: argparse.Namespace) -> int:
    """``dx mkdir``: create folders (``-p``: with parents, existing ones accepted).

    :param args: the parsed arguments
    :returns: the exit status
    """
    return _each_folder(args.paths, "dx mkdir: cannot create",
                        lambda project, folder: project.new_folder(folder, parents=args.parents))


def rmdir(args: argparse.Namespace) -> int:
    """``dx rmdir``: remove empty folders.

    :param args: the parsed arguments
    :returns: the exit status
    """
    return _each_folder(args.paths, "dx rmdir: cannot remove",
                        lambda project, folder: project.remove_folder(folder))


def rm(args: argparse.Namespace) -> int:
    """``dx rm``: remove data objects, and folders with ``-r``.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject
    from ._common import CLIExit

    targets = []
    for path in args.paths:
        try:
            targets.append(_fs.resolve(path, allow_many=args.all))
        except CLIExit:
            if not args.force:
                raise
    for target in targets:
        if target.folder is None:
            continue
        if not args.recursive:
            fail(f'"{target.path}" is a folder; use -r to remove it and its contents')
        if target.folder == "/" and not args.force:
            fail(f"dx rm: this would remove everything in {target.project}; add -f (--force) if you mean it")
        if not _fs.folder_exists(target.project, target.folder) and not args.force:
            fail(f'Could not resolve "{target.path}": no such folder')
    for target in targets:
        project = DXProject(target.project)
        if target.objects:
            project.remove_objects(target.objects, force=args.force)
        elif target.folder == "/":
            _empty_root(project)
        elif target.folder is not None:
            project.remove_folder(target.folder, recurse=True, force=args.force)
    return 0


def _empty_root(project: Any) -> None:
    """Remove everything in a project (the root folder itself cannot be removed)."""
    listing = project.list_folder(folder="/", includeHidden=True)
    objects = [o["id"] for o in listing.get("objects", [])]
    if objects:
        project.remove_objects(objects, force=True)
    for folder in listing.get("folders", []):
        project.remove_folder(folder, recurse=True, force=True)


# -- moving and copying -------------------------------------------------------------------


def _sources(args: argparse.Namespace) -> list[_fs.Target]:
    targets = [_fs.resolve(path, allow_many=args.all) for path in args.sources]
    for target in targets:
        if target.folder == "/":
            fail(f'Cannot move or copy the root folder ("{target.path}")')
    return targets


def mv(args: argparse.Namespace) -> int:
    """``dx mv``: move sources into a folder, or rename a single source.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject

    sources = _sources(args)
    project, folder, new_name = _fs.split_destination(args.destination)
    for source in sources:
        if source.project != project:
            fail(f'"{source.path}" is in another project; use dx cp to copy between projects')
    if new_name is not None and (len(sources) != 1 or len(sources[0].objects) > 1):
        fail(f'Destination folder "{folder.rstrip("/")}/{new_name}" does not exist')
    handle = DXProject(project)
    objects = [obj for source in sources for obj in source.objects]
    folders = [source.folder for source in sources if source.folder is not None]
    # a folder renamed where it is needs no move (the platform may refuse a move into its own parent)
    to_move = [f for f in folders if new_name is None or (f.rsplit("/", 1)[0] or "/") != folder]
    if objects or to_move:
        handle.move(folder, objects=objects, folders=to_move)
    if new_name is not None:
        if objects:
            _fs.handler_for(objects[0], project).rename(new_name)
        else:
            handle.rename_folder(folder.rstrip("/") + "/" + _basename(folders[0]), new_name)
    return 0


def cp(args: argparse.Namespace) -> int:
    """``dx cp``: copy sources into a folder of another project.

    :param args: the parsed arguments
    :returns: the exit status
    """
    from ..bindings import DXProject

    sources = _sources(args)
    project, folder, new_name = _fs.split_destination(args.destination)
    if any(source.project == project for source in sources):
        fail("dx cp: a source is already in the destination project; use dx mv to move it within a project")
    if new_name is not None and (len(sources) != 1 or len(sources[0].objects) != 1):
        fail(f'Destination folder "{folder.rstrip("/")}/{new_name}" does not exist')
    existed: list[str] = []
    for source in sources:
        result = DXProject(source.project).clone(project, destination=folder, objects=source.objects,
                                                 folders=[source.folder] if source.folder else [])
        existed += result.get("exists", [])
    if new_name is not None and not existed:
        _fs.handler_for(sources[0].objects[0], project).rename(new_name)
    if existed:
        sys.stdout.write("The following objects already existed in the destination container and were "
                         "left alone:\n" + "".join(f" {obj}\n" for obj in existed))
    return 0
