"""``dx build``: an applet from a ``dxapp.json`` source directory, or a workflow from
``dxworkflow.json``.

Like upstream's, the command prints ``{"id": "applet-xxxx"}`` (also with ``--brief``);
``--json`` prints the new executable's full description instead.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from typing import Any

from ._common import fail, print_json, read_spec_file


def register(subparsers: Any) -> None:
    """Add ``dx build`` to the parser.

    :param subparsers: the ``dx`` sub-command table
    """
    p = subparsers.add_parser(
        "build",
        help="build an applet or workflow from a source directory",
        description="Build an applet from a directory holding dxapp.json (code in "
        "runSpec.file, files to install in resources/), or a workflow from a directory "
        "holding dxworkflow.json.",
    )
    p.add_argument("src_dir", nargs="?", default=".", help="the source directory (default: the current one)")
    p.add_argument(
        "-d",
        "--destination",
        metavar="PATH",
        help="PROJECT:FOLDER/ (a folder) or PROJECT:FOLDER/NAME; default the current folder",
    )
    p.add_argument("-f", "--overwrite", action="store_true", help="remove executables of the same name")
    p.add_argument(
        "-a", "--archive", action="store_true", help="move executables of the same name to /.Applet_archive"
    )
    p.add_argument("--ensure-upload", action="store_true", help="upload the resources even if unchanged")
    p.add_argument("--force-symlinks", action="store_true", help="keep every symbolic link in resources/")
    p.add_argument(
        "--no-parallel-build", dest="parallel_build", action="store_false", help="run make without -j"
    )
    p.add_argument("--dry-run", "-n", action="store_true", help="check the source directory, create nothing")
    p.add_argument(
        "--extra-args",
        metavar="JSON",
        help="more /applet/new fields (a JSON object), overriding dxapp.json's",
    )
    p.add_argument(
        "--run",
        nargs=argparse.REMAINDER,
        metavar="...",
        help="run the new applet or app afterwards (what follows are dx run arguments; "
        "high priority unless --priority is given)",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--brief", action="store_true", help='print only {"id": ...}, log nothing')
    out.add_argument("--json", action="store_true", help="print the new executable's description")
    from ._build_app import add_app_options

    add_app_options(p)
    p.set_defaults(func=build)


def _destination(dest: str | None) -> tuple[str, str | None, str | None]:
    """``(project, folder or None, name or None)`` for ``-d``."""
    from ..utils.resolver import check_folder_exists, resolve_path

    if not dest:
        project, folder, _ = resolve_path("", expected="folder")
        return str(project), folder, None
    project, folder, name = resolve_path(dest, expected="folder" if dest.endswith("/") else None)
    if name and check_folder_exists(str(project), folder or "/", name):
        return str(project), f"{(folder or '/').rstrip('/')}/{name}", None
    return str(project), folder, name


def _spec_place(src_dir: str, project: str, folder: str | None) -> tuple[str, str | None]:
    """dxapp.json's ``project`` and ``folder``, when it sets them (``-d`` wins over both)."""
    try:
        with open(os.path.join(src_dir, "dxapp.json"), encoding="utf-8") as fh:
            spec = json.load(fh)
        return spec.get("project") or project, spec.get("folder") or folder
    except (OSError, ValueError, AttributeError):
        return project, folder  # upload_applet reports a broken dxapp.json


def _kind(src_dir: str) -> str:
    if os.path.isfile(os.path.join(src_dir, "dxapp.json")):
        return "applet"
    if os.path.isfile(os.path.join(src_dir, "dxworkflow.json")):
        return "workflow"
    if not os.path.isdir(src_dir):
        fail(f"{src_dir} is not a directory")
    fail(f"No dxapp.json or dxworkflow.json found in {src_dir}")


def build(args: argparse.Namespace) -> int | None:
    """Handle ``dx build``.

    :param args: the parsed arguments
    :returns: the exit status of ``dx run`` with ``--run``, else None
    :raises CLIExit: for a bad source directory or a name collision
    """
    if args.overwrite and args.archive:
        fail("-f/--overwrite and -a/--archive cannot be given together")
    kind = _kind(args.src_dir)
    if args.app:
        from ._build_app import build_app

        if kind != "applet":
            fail("--app needs a source directory holding dxapp.json")
        return _finish(args, build_app(args), None)
    project, folder, name = _destination(args.destination)
    if kind == "applet" and not args.destination:
        project, folder = _spec_place(args.src_dir, project, folder)
    if kind == "workflow":
        new_id = build_workflow(
            args.src_dir,
            project,
            folder,
            name,
            overwrite=args.overwrite,
            archive=args.archive,
            dry_run=args.dry_run,
        )
    else:
        new_id = _build_applet(args, project, folder, name)
    return _finish(args, new_id, project)


def _finish(args: argparse.Namespace, new_id: str | None, project: str | None) -> int | None:
    """Print the new executable (its ID, or with ``--json`` its description), then ``--run`` it."""
    import dxpy

    if new_id is None:
        return None
    if args.json:
        print_json(dxpy.DXHTTPRequest(f"/{new_id}/describe", {"project": project} if project else {}))
    else:
        sys.stdout.write(json.dumps({"id": new_id}) + "\n")
    if args.run is None:
        return None
    from .main import main

    run_args = list(args.run)
    if not any(a == "--priority" or a.startswith("--priority=") for a in run_args):
        run_args += ["--priority", "high"]
    sys.stdout.flush()
    return main(["run", new_id, *run_args])


def _build_applet(args: argparse.Namespace, project: str, folder: str | None, name: str | None) -> str | None:
    from .. import app_builder

    src = args.src_dir
    try:
        app_builder.build(src, parallel_build=args.parallel_build)
        if args.dry_run:
            app_builder.upload_applet(
                src, [], project=project, override_folder=folder, override_name=name, dry_run=True
            )
            return None
        resources = app_builder.upload_resources(
            src,
            project=project,
            folder=folder or "/",
            ensure_upload=args.ensure_upload,
            force_symlinks=args.force_symlinks,
            brief=args.brief,
        )
        applet_id, _ = app_builder.upload_applet(
            src,
            resources,
            overwrite=args.overwrite,
            archive=args.archive,
            project=project,
            override_folder=folder,
            override_name=name,
            brief=args.brief,
            **_extra_args(args),
        )
    except app_builder.AppBuilderException as exc:
        fail(f"Error: {exc}")
    return applet_id


def _extra_args(args: argparse.Namespace) -> dict[str, Any]:
    """``--extra-args`` as a dict (empty without it)."""
    if not args.extra_args:
        return {}
    try:
        extra = json.loads(args.extra_args)
    except ValueError as exc:
        fail(f"Error: --extra-args is not valid JSON: {exc}")
    if not isinstance(extra, dict):
        fail("Error: --extra-args must be a JSON object")
    return dict(extra)


# -- workflows (dxworkflow.json) ------------------------------------------------------

#: ``dxworkflow.json`` fields passed on to ``/workflow/new``
_WORKFLOW_FIELDS = (
    "name",
    "title",
    "summary",
    "description",
    "outputFolder",
    "inputs",
    "outputs",
    "details",
    "tags",
    "properties",
    "types",
    "ignoreReuse",
)
_STAGE_FIELDS = ("id", "name", "executable", "input", "folder", "executionPolicy", "systemRequirements")


def _read(src_dir: str) -> dict[str, Any]:
    spec = read_spec_file(src_dir, "dxworkflow.json")
    if not isinstance(spec.get("stages"), list) or not spec["stages"]:
        fail(f"Error: {os.path.join(src_dir, 'dxworkflow.json')} needs a non-empty 'stages' list")
    return spec


def _stage(index: int, stage: Any) -> dict[str, Any]:
    from ..utils.resolver import get_exec_handler

    if not isinstance(stage, dict) or not stage.get("executable"):
        fail(f"Error: stage {index} of dxworkflow.json needs an 'executable'")
    result = {key: copy.deepcopy(stage[key]) for key in _STAGE_FIELDS if key in stage}
    executable = str(stage["executable"])
    if not executable.startswith(("applet-", "app-", "workflow-")) or "/" in executable:
        executable = get_exec_handler(executable).get_id()
    result["executable"] = executable
    return result


def _collisions(project: str, folder: str, name: str) -> list[str]:
    import dxpy

    return [
        str(r["id"])
        for r in dxpy.find_data_objects(
            classname="workflow",
            name=name,
            project=project,
            folder=folder,
            recurse=False,
            visibility="either",
        )
    ]


def build_workflow(
    src_dir: str,
    project: str,
    folder: str | None,
    name: str | None,
    overwrite: bool = False,
    archive: bool = False,
    dry_run: bool = False,
) -> str | None:
    """Create the workflow described by ``src_dir/dxworkflow.json``.

    :param src_dir: the source directory
    :param project: destination project
    :param folder: destination folder (default: the spec's ``folder``, else ``/``)
    :param name: workflow name (default: the spec's ``name``, else the directory name)
    :param overwrite: remove workflows of the same name in the folder
    :param archive: move them to ``/.Workflow_archive``
    :param dry_run: check the spec only
    :returns: the new workflow's ID (None for a dry run)
    :raises CLIExit: for a bad spec or a name collision without overwrite/archive
    """
    import dxpy

    spec = _read(src_dir)
    body: dict[str, Any] = {key: copy.deepcopy(spec[key]) for key in _WORKFLOW_FIELDS if key in spec}
    body["name"] = name or spec.get("name") or os.path.basename(os.path.abspath(src_dir))
    body["stages"] = [_stage(i, stage) for i, stage in enumerate(spec["stages"])]
    folder = folder or spec.get("folder") or "/"
    body.update({"project": project, "folder": folder, "parents": True})
    if dry_run:
        return None
    old = _collisions(project, folder, body["name"])
    if old and not (overwrite or archive):
        fail(
            f"Error: A workflow already exists at {folder.rstrip('/')}/{body['name']} (id {', '.join(old)}) "
            "and neither -f/--overwrite nor -a/--archive were given."
        )
    if old and archive:
        dxpy.api.project_new_folder(project, {"folder": "/.Workflow_archive", "parents": True})
        dxpy.api.project_move(project, {"objects": old, "destination": "/.Workflow_archive"})
    workflow_id = str(dxpy.api.workflow_new(body)["id"])
    if old and overwrite:
        dxpy.api.project_remove_objects(project, {"objects": old})
    return workflow_id
