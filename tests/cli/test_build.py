"""``dx build``: applets from dxapp.json directories (python3 and bash, with resources), workflows
from dxworkflow.json, destinations, collisions, output formats and errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests._support.exec_sources import write_source

_MISSING_ROUTE = re.compile(r"The route (/\S+) could not be found")


def _describe(dx: Any, obj_id: str) -> dict[str, Any]:
    import dxpy

    return dxpy.DXHTTPRequest(f"/{obj_id}/describe", {"project": dx.project_id})


def test_build_prints_id_and_bundles_resources(dxpy_here: Any, tmp_path: Path) -> None:
    dx = dxpy_here
    src = write_source(tmp_path)
    result = dx("build", str(src))
    applet_id = result.json()["id"]
    assert applet_id.startswith("applet-")
    desc = _describe(dx, applet_id)
    assert desc["name"] == "hello" and desc["folder"] == "/"
    [bundle] = desc["runSpec"]["bundledDepends"]
    assert bundle["name"] == "resources.tar.gz"
    assert [f["name"] for f in desc["inputSpec"]] == ["who", "n", "xs"]


def test_collisions_need_overwrite_or_archive(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    src = write_source(tmp_path)
    first = dx("build", str(src)).json()["id"]
    failed = dx.fails("build", str(src))
    assert failed.returncode == 3
    assert failed.stderr.strip().splitlines() == [
        f"Error: An applet already exists at /hello (id {first}) and neither -f/--overwrite nor "
        "-a/--archive were given."
    ]
    second = dx("build", "-f", str(src), "--brief").json()["id"]
    root = dxpy.api.project_list_folder(dx.project_id, {"folder": "/"})
    assert [o["id"] for o in root["objects"]] == [second]
    third = dx("build", "--archive", str(src)).json()["id"]
    archive = dxpy.api.project_list_folder(dx.project_id, {"folder": "/.Applet_archive"})
    assert [o["id"] for o in archive["objects"]] == [second]
    assert _describe(dx, second)["name"].startswith("hello (")
    assert third not in (first, second)
    assert dx.fails("build", "-f", "-a", str(src)).returncode == 3


def test_json_output_and_destination(dxpy_here: Any, tmp_path: Path) -> None:
    dx = dxpy_here
    src = write_source(tmp_path)
    desc = dx("build", "--json", "-d", f"{dx.project_id}:/tools/", str(src)).json()
    assert desc["class"] == "applet" and desc["folder"] == "/tools" and desc["name"] == "hello"
    named = dx("build", "-d", "/tools/renamed", str(src)).json()["id"]
    assert _describe(dx, named)["name"] == "renamed"
    into = dx("build", "-f", "-d", "/tools", str(src)).json()["id"]  # an existing folder: goes inside
    assert _describe(dx, into)["folder"] == "/tools"


def test_build_from_the_current_directory_and_dry_run(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    src = write_source(tmp_path, resources=False)
    dx.cwd = str(src)
    assert dx("build", "--dry-run").stdout == ""
    assert dxpy.api.project_list_folder(dx.project_id, {"folder": "/"})["objects"] == []
    applet_id = dx("build").json()["id"]
    assert _describe(dx, applet_id)["runSpec"]["bundledDepends"] == []


def test_bad_source_directories(dx: Any, tmp_path: Path) -> None:
    missing = dx.fails("build", str(tmp_path / "nope"))
    assert missing.returncode == 3 and "is not a directory" in missing.stderr
    empty = dx.fails("build", str(tmp_path))
    assert "No dxapp.json or dxworkflow.json" in empty.stderr
    src = write_source(tmp_path)
    (src / "dxapp.json").write_text("{broken")
    broken = dx.fails("build", str(src))
    assert len(broken.stderr.strip().splitlines()) == 1 and "not valid JSON" in broken.stderr
    (src / "dxapp.json").write_text(
        json.dumps({"name": "x", "runSpec": {"interpreter": "bash", "file": "src/none.sh"}})
    )
    assert "Cannot read runSpec.file" in dx.fails("build", str(src)).stderr


def test_bash_applet_with_resources_builds_and_runs(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    src = write_source(tmp_path, name="bashy", interpreter="bash")
    applet_id = dx("build", str(src)).json()["id"]
    job_id = dx("run", applet_id, "-iwho=shell", "-y", "--brief", "--wait").stdout.strip()
    assert dxpy.DXJob(job_id).describe()["output"] == {"greeting": "hi shell"}


def _workflow_source(tmp_path: Path, applet_id: str) -> Path:
    src = tmp_path / "wf"
    src.mkdir()
    spec = {
        "name": "two_step",
        "title": "Two steps",
        "stages": [
            {"id": "first", "name": "first", "executable": applet_id, "input": {"who": "a"}},
            {"id": "second", "executable": "hello", "input": {"who": "b"}},
        ],
    }
    (src / "dxworkflow.json").write_text(json.dumps(spec))
    return src


def test_build_workflow(dxpy_here: Any, tmp_path: Path) -> None:
    dx = dxpy_here
    applet_id = dx("build", str(write_source(tmp_path, resources=False))).json()["id"]
    src = _workflow_source(tmp_path, applet_id)
    result = dx.run("build", str(src), check=False)
    missing = _MISSING_ROUTE.search(result.stderr)
    if missing:
        pytest.skip(f"this emulator has no {missing.group(1)} route yet")
    assert result.returncode == 0, result.stderr
    workflow_id = result.json()["id"]
    desc = _describe(dx, workflow_id)
    assert desc["name"] == "two_step"
    assert [s["executable"] for s in desc["stages"]] == [applet_id, applet_id]
    assert "already exists" in dx.fails("build", str(src)).stderr
    assert dx("build", "-f", str(src)).json()["id"] != workflow_id


def test_dxapp_json_folder_and_project_unless_destination(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    other = dxpy.api.project_new({"name": "cli build other"})["id"]
    try:
        src = write_source(tmp_path, resources=False, folder="/from_spec", project=other)
        built = dx("build", str(src)).json()["id"]
        desc = dxpy.api.applet_describe(built)
        assert (desc["project"], desc["folder"]) == (other, "/from_spec")
        built = dx("build", "-d", f"{dx.project_id}:/given/", str(src)).json()["id"]
        desc = dxpy.api.applet_describe(built)
        assert (desc["project"], desc["folder"]) == (dx.project_id, "/given")
    finally:
        dxpy.api.project_destroy(other, {"terminateJobs": True})
