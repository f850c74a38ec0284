"""``dx build --app``: app versions from a source directory, run by name, publishing, in-place
updates of unpublished versions, autonumbering, ``--dry-run``, ``--json`` and ``--run``."""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

from tests._support.exec_sources import write_source


def _unique(prefix: str) -> str:
    # app names are global to the (session-wide) emulator
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def _versions(name: str) -> dict[str, dict[str, Any]]:
    import dxpy

    found = dxpy.api.system_find_apps({"name": name, "describe": True, "allVersions": True})["results"]
    return {r["describe"]["version"]: r["describe"] for r in found}


def _projects_named(name: str) -> list[str]:
    import dxpy

    return [p["id"] for p in dxpy.api.system_find_projects({"name": name})["results"]]


def test_build_app_then_run_it_by_name(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp")
    src = write_source(tmp_path, name=name, interpreter="bash", version="1.2.0", categories=["Misc"])
    (src / "Readme.md").write_text("What the app does.\n")
    out = dx("build", "--app", str(src))
    app_id = out.json()["id"]
    assert out.stdout == json.dumps({"id": app_id}) + "\n"
    desc = dxpy.api.app_describe(app_id)
    assert (desc["name"], desc["version"], desc["published"]) == (name, "1.2.0", 0)
    assert desc["description"] == "What the app does.\n" and desc["categories"] == ["Misc"]
    assert desc["aliases"] == ["default"]  # no published version yet: the build is the default
    # the applet was built in a temporary project, destroyed afterwards; nothing in ours
    assert dxpy.api.project_list_folder(dx.project_id, {"folder": "/"})["objects"] == []
    assert _projects_named("Temporary build project for dx build --app") == []
    job = dx("run", f"app-{name}", "-iwho=app", "-y", "--brief", "--wait").stdout.strip()
    job_desc = dxpy.api.job_describe(job)
    assert job_desc["state"] == "done" and job_desc["app"] == app_id
    assert job_desc["output"] == {"greeting": "hi app"}


def test_unpublished_version_is_updated_in_place(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp_upd")
    src = write_source(tmp_path, name=name, interpreter="bash", version="1.0.0", title="First")
    first = dx("build", "--app", str(src)).json()["id"]
    spec = (src / "dxapp.json").read_text().replace('"First"', '"Second"')
    (src / "dxapp.json").write_text(spec)
    second = dx("build", "--app", str(src)).json()["id"]
    assert second == first
    assert dxpy.api.app_describe(first)["title"] == "Second"
    assert list(_versions(name)) == ["1.0.0"]
    # --no-update: the unpublished 1.0.0 is left alone, an autonumbered version is made
    third = dx("build", "--app", "--no-update", str(src)).json()["id"]
    assert third != first
    assert re.fullmatch(r"1\.0\.0\+build\.\d{8}\.\d{4}", dxpy.api.app_describe(third)["version"])


def test_publish_then_rebuild_autonumbers_or_refuses(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp_pub")
    src = write_source(tmp_path, name=name, interpreter="bash", version="2.0.0")
    published = dx("build", "--app", "--publish", str(src)).json()["id"]
    desc = dxpy.api.app_describe(published)
    assert desc["published"] > 0 and desc["aliases"] == ["default"]
    before = time.strftime("%Y%m%d", time.gmtime())
    again = dx("build", "--app", str(src)).json()["id"]
    version = dxpy.api.app_describe(again)["version"]
    assert again != published and version.startswith(f"2.0.0+build.{before}")
    # the published version is untouched and stays the default
    assert dxpy.api.app_describe(f"app-{name}")["id"] == published
    refused = dx.fails("build", "--app", "--no-version-autonumbering", str(src))
    assert refused.returncode == 3
    assert refused.stderr.strip() == "Error: Could not create the requested version: 2.0.0"
    assert sorted(_versions(name)) == ["2.0.0", version]


def test_version_override_bill_to_and_json(dxpy_here: Any, tmp_path: Path) -> None:
    dx = dxpy_here
    name = _unique("cliapp_json")
    src = write_source(tmp_path, name=name, interpreter="bash")
    desc = dx("build", "--create-app", "-v", "3.1.4", "--json", str(src)).json()
    assert desc["class"] == "app" and desc["id"].startswith("app-")
    assert (desc["name"], desc["version"]) == (name, "3.1.4")
    assert desc["billTo"].startswith("user-")


def test_dry_run_creates_nothing(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp_dry")
    src = write_source(tmp_path, name=name, interpreter="bash")
    assert dx("build", "--app", "--dry-run", str(src)).stdout == ""
    assert dx("build", "--app", "-n", str(src)).stdout == ""
    assert _versions(name) == {}
    assert dxpy.api.project_list_folder(dx.project_id, {"folder": "/"})["objects"] == []


def test_run_after_build(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp_run")
    src = write_source(tmp_path, name=name, interpreter="bash")
    out = dx("build", "--app", str(src), "--run", "-iwho=runner", "-y", "--brief", "--wait")
    app_line, job = out.stdout.strip().splitlines()
    job_desc = dxpy.api.job_describe(job)
    assert f'"{job_desc["app"]}"' in app_line
    assert job_desc["state"] == "done" and job_desc["output"] == {"greeting": "hi runner"}
    # an applet too (the emulator's jobs all show priority "normal", so --priority is not checked)
    out = dx("build", str(src), "--run", "-iwho=x", "-y", "--brief", "--priority", "low", "--wait")
    applet_line, job = out.stdout.strip().splitlines()
    job_desc = dxpy.api.job_describe(job)
    assert f'"{job_desc["applet"]}"' in applet_line and job_desc["output"] == {"greeting": "hi x"}
    assert dx.fails("build", str(src), "--run", "-iwho=x", "-y", "--nosuchoption").returncode != 0


def test_no_temp_build_project_and_bad_options(dxpy_here: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp_here")
    src = write_source(tmp_path, name=name, interpreter="bash")
    app_id = dx("build", "--app", "--no-temp-build-project", str(src)).json()["id"]
    applet = dxpy.api.app_describe(app_id)["applet"]
    kept = dxpy.api.project_list_folder(dx.project_id, {"folder": "/"})["objects"]
    assert [o["id"] for o in kept] == [applet]
    failed = dx.fails("build", "--app", "-f", str(src))
    assert "are for applets, not with --app" in failed.stderr
    unversioned = write_source(tmp_path / "u", name=_unique("cliapp_nover"), interpreter="bash", version="")
    assert "needs a version" in dx.fails("build", "--app", str(unversioned)).stderr


def test_only_developers_build_versions(dxpy_here: Any, dx_emulator: Any, tmp_path: Path) -> None:
    import dxpy

    dx = dxpy_here
    name = _unique("cliapp_dev")
    src = write_source(tmp_path, name=name, interpreter="bash", version="1.0.0")
    dx("build", "--app", "--publish", str(src))
    user, token = dx_emulator.new_user(_unique("other"))
    dx.extra_env["DX_SECURITY_CONTEXT"] = json.dumps({"auth_token_type": "Bearer", "auth_token": token})
    dx.extra_env["DX_PROJECT_CONTEXT_ID"] = ""
    failed = dx.fails("build", "--app", "-v", "1.0.1", str(src))
    # not even an authorized user: refused before anything is built
    assert failed.returncode == 3 and f"You are not an authorized user of the app {name}" in failed.stderr
    assert sorted(_versions(name)) == ["1.0.0"]
    temp = {"name": "Temporary build project for dx build --app"}
    assert dx_emulator.call("/system/findProjects", temp, token=token)["results"] == []
    # a developer who may see it gets the early, clear refusal
    dxpy.api.app_add_authorized_users(f"app-{name}", input_params={"authorizedUsers": [user]})
    failed = dx.fails("build", "--app", "-v", "1.0.1", str(src))
    assert failed.stderr.strip() == (
        f"Error: you are not a developer of the app {name}, so you cannot build a version of it"
    )
