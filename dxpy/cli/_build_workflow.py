"""``dx build`` of a workflow from a directory holding ``dxworkflow.json``.

Each stage's ``executable`` may be an ID or anything ``dx run`` accepts (a path or name),
resolved to an ID before ``/workflow/new``.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from ._common import fail

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
    path = os.path.join(src_dir, "dxworkflow.json")
    try:
        with open(path, encoding="utf-8") as fh:
            spec = json.load(fh)
    except ValueError as exc:
        fail(f"Error: {path} is not valid JSON: {exc}")
    if not isinstance(spec, dict):
        fail(f"Error: {path} must hold a JSON object")
    if not isinstance(spec.get("stages"), list) or not spec["stages"]:
        fail(f"Error: {path} needs a non-empty 'stages' list")
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
