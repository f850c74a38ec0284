"""``dx cat``, ``dx head``, ``dx upload``, ``dx download`` and ``dx make_download_url``.

Every byte moves through :mod:`dxpy.bindings.dxfile_functions` and :class:`dxpy.DXFile`,
so transfers get the bindings' parallel parts, checksums and retries. Messages and exit
statuses follow upstream's ``dx``: refusing to overwrite a local file or to download a
folder without ``-r`` is a usage error (status 1), resolution and API errors status 3.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from typing import Any

from ._common import fail, print_json
from ._data import link_to_path, parse_duration, parse_json_arg, parse_properties, resolve_one_file

#: bytes read from a remote file per request by ``cat`` and ``head``
_CHUNK = 4 * 1024 * 1024


def _stdout_bytes() -> Any:
    sys.stdout.flush()
    return sys.stdout.buffer


# -- cat / head ---------------------------------------------------------------------------


def cat(args: argparse.Namespace) -> int:
    """``dx cat PATH...``: write the contents of remote files to standard output.

    :param args: parsed arguments (``path``)
    :returns: the exit status
    """
    from ..bindings.dxfile_functions import open_dxfile

    out = _stdout_bytes()
    for path in args.path:
        project, file_id = resolve_one_file(path)
        handle = open_dxfile(file_id, project=project, mode="rb", read_buffer_size=_CHUNK)
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            out.write(chunk)
    out.flush()
    return 0


def head(args: argparse.Namespace) -> int:
    """``dx head [-n N] PATH``: write the first lines of a remote file.

    :param args: parsed arguments (``path``, ``lines``)
    :returns: the exit status
    """
    from ..bindings.dxfile_functions import open_dxfile

    if args.lines < 0:
        fail("-n/--lines must not be negative")
    project, file_id = resolve_one_file(args.path)
    handle = open_dxfile(file_id, project=project, mode="rb", read_buffer_size=_CHUNK)
    out = _stdout_bytes()
    left = args.lines
    while left > 0:
        chunk = handle.read(64 * 1024)
        if not chunk:
            break
        cut = 0
        while left > 0:
            newline = chunk.find(b"\n", cut)
            if newline < 0:
                cut = len(chunk)
                break
            cut = newline + 1
            left -= 1
        out.write(chunk[:cut])
    out.flush()
    return 0


# -- upload -------------------------------------------------------------------------------


def _remote_target(args: argparse.Namespace, many: bool) -> tuple[str, str, str | None]:
    """Return ``(project, folder, name or None)`` for ``--path`` (default: the current folder)."""
    from ..utils.resolver import check_folder_exists, resolve_path

    dest = args.path if args.path is not None else ""
    project, folder, name = resolve_path(dest, expected="folder" if many else None)
    if folder is None:
        fail(f'Cannot upload to "{dest}": it names a data object, not a folder or a file name')
    if name is not None and (many or check_folder_exists(project, folder, name)):
        folder, name = folder.rstrip("/") + "/" + name, None
    return project, folder, name


def _creation_fields(args: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if args.tags:
        fields["tags"] = args.tags
    if args.types:
        fields["types"] = args.types
    if args.properties:
        fields["properties"] = parse_properties(args.properties)
    details = parse_json_arg(args.details, "--details")
    if details is not None:
        fields["details"] = details
    if args.visibility == "hidden":
        fields["hidden"] = True
    return fields


def _upload_one(args: argparse.Namespace, source: str, project: str, folder: str, name: str | None,
                parents: bool) -> Any:
    from ..bindings.dxfile_functions import upload_local_file

    fields = _creation_fields(args)
    progress = not args.brief and not args.no_progress
    if source == "-":
        # unnamed, the platform names the file after its ID (as upstream's dx leaves it)
        return upload_local_file(file=sys.stdin.buffer, name=name, project=project, folder=folder,
                                 parents=parents, wait_on_close=args.wait, show_progress=progress, **fields)
    return upload_local_file(source, name=name or os.path.basename(source.rstrip(os.sep)), project=project,
                             folder=folder, parents=parents, wait_on_close=args.wait, show_progress=progress,
                             **fields)


def _upload_tree(args: argparse.Namespace, directory: str, project: str, folder: str) -> list[Any]:
    base = os.path.basename(os.path.normpath(directory))
    root = folder.rstrip("/") + "/" + base
    from ..bindings.dxproject import DXProject

    uploaded = []
    for here, dirs, files in os.walk(directory):
        dirs.sort()
        relative = os.path.relpath(here, directory)
        remote = root if relative == "." else root + "/" + relative.replace(os.sep, "/")
        DXProject(project).new_folder(remote, parents=True)
        for filename in sorted(files):
            uploaded.append(_upload_one(args, os.path.join(here, filename), project, remote, None, True))
    return uploaded


def _report_upload(args: argparse.Namespace, handles: list[Any], describe_each: bool) -> None:
    from ..utils.describe import print_desc

    for handle in handles:
        if args.brief:
            sys.stdout.write(handle.get_id() + "\n")
            continue
        if not describe_each and not args.json:
            continue
        desc = handle.describe(incl_properties=True, incl_details=args.json)
        if args.json:
            print_json(desc)
        else:
            print_desc(desc)


def upload(args: argparse.Namespace) -> int:
    """``dx upload FILE... [--path DEST] [-r]``: upload local files (``-`` for stdin) and directories.

    :param args: parsed arguments
    :returns: the exit status
    """
    sources = args.filename
    many = len(sources) > 1 or any(os.path.isdir(s) for s in sources if s != "-")
    if sources.count("-") > 1:
        fail("Standard input (-) can be uploaded only once")
    for source in sources:
        if source != "-" and not os.path.exists(source):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), source)
        if os.path.isdir(source) and not args.recursive:
            fail(f"Error: {source} is a directory but the -r/--recursive option was not given")
    project, folder, name = _remote_target(args, many)
    handles = []
    for source in sources:
        if source != "-" and os.path.isdir(source):
            handles += _upload_tree(args, source, project, folder)
        else:
            handles.append(_upload_one(args, source, project, folder, name, args.parents))
    _report_upload(args, handles, describe_each=not any(os.path.isdir(s) for s in sources if s != "-"))
    return 0


# -- download ------------------------------------------------------------------------------


def _download_targets(args: argparse.Namespace) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Resolve every path: ``(files as {"project","id","describe"}, folders as (project, folder))``."""
    from ..utils.resolver import ResolutionError, is_glob_pattern, resolve_existing_path

    files: list[dict[str, Any]] = []
    folders: list[tuple[str, str]] = []
    fields = {"fields": {"name": True, "size": True, "state": True, "parts": True, "project": True,
                         "class": True, "folder": True}}
    for path in map(link_to_path, args.paths):
        project, folder, entity = resolve_existing_path(
            path, ask_to_resolve=False, describe=fields, allow_empty_string=False)
        if entity is None:
            if not args.recursive:
                fail(f'Error: "{folder}" is a folder but the -r/--recursive option was not given', 1)
            folders.append((project, str(folder)))
            continue
        matches = entity if isinstance(entity, list) else [entity]
        if len(matches) > 1 and not (args.all or is_glob_pattern(path)):
            raise ResolutionError(f'The given path "{path}" resolves to {len(matches)} data objects')
        for match in matches:
            if not str(match["id"]).startswith("file-"):
                kind = str(match["id"]).split("-", 1)[0]
                fail(f'Error: "{path}" is a {kind}; only files can be downloaded', 1)
            files.append(match)
    return files, folders


def _check_overwrite(path: str, overwrite: bool) -> None:
    if os.path.exists(path) and not overwrite:
        fail(f'Error: path "{os.path.abspath(path)}" already exists but -f/--overwrite was not set', 1)


def _download_files(args: argparse.Namespace, files: list[dict[str, Any]], into_dir: str | None) -> None:
    from ..bindings.dxfile_functions import download_dxfile

    progress = not args.no_progress
    plan: list[tuple[dict[str, Any], str]] = []
    for match in files:
        desc = match.get("describe") or {}
        name = desc.get("name") or match["id"]
        target = os.path.join(into_dir, name) if into_dir is not None else args.output
        _check_overwrite(target, args.overwrite)
        if any(target == planned for _, planned in plan):
            fail(f'Error: several files would be downloaded to "{target}"; download them one by one', 1)
        plan.append((match, target))
    for match, target in plan:
        if os.path.exists(target):
            os.remove(target)  # download_dxfile would resume into it; -f means start afresh
        download_dxfile(match["id"], target, project=match.get("project"), show_progress=progress,
                        describe_output=match.get("describe"))


def _download_to_stdout(files: list[dict[str, Any]]) -> None:
    from ..bindings.dxfile_functions import open_dxfile

    out = _stdout_bytes()
    for match in files:
        handle = open_dxfile(match["id"], project=match.get("project"), mode="rb", read_buffer_size=_CHUNK)
        while True:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            out.write(chunk)
    out.flush()


def download(args: argparse.Namespace) -> int:
    """``dx download PATH... [-o DEST] [-r] [-f]``: download files (and folders with ``-r``).

    :param args: parsed arguments
    :returns: the exit status
    """
    from ..bindings.dxfile_functions import download_folder

    files, folders = _download_targets(args)
    if args.output == "-":
        if folders or len(files) != 1:
            fail("Error: -o - (standard output) needs exactly one file", 1)
        _download_to_stdout(files)
        return 0
    several = len(files) + len(folders) > 1
    if args.output is None or os.path.isdir(args.output):
        into = args.output if args.output is not None else "."
        _download_files(args, files, into)
        for project, folder in folders:
            local = os.path.join(into, os.path.basename(folder.rstrip("/")) or project)
            download_folder(project, local, folder=folder, overwrite=args.overwrite,
                            show_progress=not args.no_progress)
        return 0
    if several:
        fail("Error: When downloading multiple objects, --output must be an existing directory", 1)
    if folders:
        project, folder = folders[0]
        download_folder(project, args.output, folder=folder, overwrite=args.overwrite,
                        show_progress=not args.no_progress)
    else:
        _download_files(args, files, None)
    return 0


def make_download_url(args: argparse.Namespace) -> int:
    """``dx make_download_url PATH [--duration D] [--filename NAME]``: print a pre-authenticated URL.

    :param args: parsed arguments
    :returns: the exit status
    """
    from ..bindings.dxfile_functions import open_dxfile

    project, file_id = resolve_one_file(args.path)
    duration = parse_duration(args.duration) if args.duration is not None else 86400
    handle = open_dxfile(file_id, project=project)
    filename = args.filename
    if filename is None:
        filename = handle.describe(fields={"name"}).get("name")
    url, _headers = handle.get_download_url(duration=duration, preauthenticated=True, filename=filename,
                                            project=project)
    sys.stdout.write(url + "\n")
    return 0


# -- registration --------------------------------------------------------------------------


def _add_upload(subparsers: Any) -> None:
    p = subparsers.add_parser("upload", help="upload local files or directories",
                              description="Upload local files (- for stdin) or, with -r, directories.")
    p.add_argument("filename", nargs="+", help="local file, directory (with -r) or - for standard input")
    p.add_argument("--path", "--destination", dest="path", metavar="PATH",
                   help="remote folder (ending in /) or file path; default: the current folder")
    p.add_argument("-r", "--recursive", action="store_true", help="upload directories recursively")
    p.add_argument("-p", "--parents", action="store_true", help="create the destination folder if missing")
    p.add_argument("--brief", action="store_true", help="print only the new file IDs")
    p.add_argument("--json", action="store_true", help="print the new files' descriptions as JSON")
    p.add_argument("--wait", action="store_true", help="wait until each file is closed")
    p.add_argument("--visibility", choices=["hidden", "visible"], default="visible", help="file visibility")
    p.add_argument("--tag", dest="tags", action="append", metavar="TAG", help="tag to add (repeatable)")
    p.add_argument("--type", dest="types", action="append", metavar="TYPE", help="type to add (repeatable)")
    p.add_argument("--property", dest="properties", action="append", metavar="KEY=VALUE",
                   help="property to set (repeatable)")
    p.add_argument("--details", metavar="JSON", help="details as a JSON object")
    p.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    p.set_defaults(func=upload)


def _add_download(subparsers: Any) -> None:
    p = subparsers.add_parser("download", help="download files or folders",
                              description="Download files (IDs, paths or globs) or, with -r, folders.")
    p.add_argument("paths", nargs="+", metavar="path", help="file ID, path or glob; a folder with -r")
    p.add_argument("-o", "--output", help="local file or existing directory; - for standard output")
    p.add_argument("-f", "--overwrite", action="store_true", help="replace existing local files")
    p.add_argument("-r", "--recursive", action="store_true", help="download folders recursively")
    p.add_argument("-a", "--all", action="store_true", help="download every object a name matches")
    p.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    p.set_defaults(func=download)


def register(subparsers: Any) -> None:
    """Add ``cat``, ``head``, ``upload``, ``download`` and ``make_download_url``.

    :param subparsers: the ``dx`` sub-command parsers
    """
    p = subparsers.add_parser("cat", help="print the contents of remote files",
                              description="Write remote files to standard output.")
    p.add_argument("path", nargs="+", help="file ID or path")
    p.set_defaults(func=cat)
    p = subparsers.add_parser("head", help="print the first lines of a remote file",
                              description="Write the first lines of a remote file.")
    p.add_argument("path", help="file ID or path")
    p.add_argument("-n", "--lines", type=int, default=10, help="number of lines (default 10)")
    p.set_defaults(func=head)
    _add_upload(subparsers)
    _add_download(subparsers)
    p = subparsers.add_parser("make_download_url", help="print a pre-authenticated download URL",
                              description="Print a URL that downloads a file without credentials.")
    p.add_argument("path", help="file ID or path")
    p.add_argument("--duration", help="validity: seconds, or a number with s, m, h, d, w, M, y (default 1d)")
    p.add_argument("--filename", help="file name the URL presents (default: the file's name)")
    p.set_defaults(func=make_download_url)
