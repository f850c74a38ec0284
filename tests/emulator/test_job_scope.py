"""A job's token is scoped to what the job may touch: real jobs try to read and write their
workspace, their project context, other projects of the same user, and create projects."""

from __future__ import annotations

import time
from typing import Any, Optional

import pytest

from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._routes.jobs import create_job
from tests.emulator.test_runner import bash, launch, wait_state

#: Each probe is ``[name, route, body]``; the job reports ``"ok"`` or the error type per probe.
PROBE = """
import dxpy

@dxpy.entry_point("main")
def main(probes, **_links):
    results = {}
    for name, route, body in probes:
        body = {k: (dxpy.WORKSPACE_ID if v == "$workspace" else v) for k, v in body.items()}
        try:
            dxpy.DXHTTPRequest("/" + route, body, always_retry=False)
            results[name] = "ok"
        except dxpy.exceptions.DXAPIError as exc:
            results[name] = exc.name
    return {"results": results}
"""


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("scope"))) as emulator:
        yield emulator


def _runnable(access: Optional[dict] = None, cls: str = "applet") -> dict:
    runnable = {"id": "applet-" + "s" * 24, "name": "probe", "class": cls,
                "runSpec": {"interpreter": "python3", "code": PROBE}}
    if access is not None:
        runnable["access"] = access
    return runnable


def _probe(emu: Emulator, probes: list, access: Optional[dict] = None, cls: str = "applet",
           extra_input: Optional[dict] = None) -> dict:
    job = launch(emu, _runnable(access, cls), {"probes": probes, **(extra_input or {})})
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    return dict(desc["output"]["results"])


@pytest.fixture(scope="module")
def world(emu: Emulator) -> dict:
    """The job's project holds a record; another project of the same user holds another."""
    project = str(emu.project_id)
    other = emu.call("project/new", {"name": "elsewhere"})["id"]
    return {
        "project": project,
        "record": emu.call("record/new", {"project": project, "close": True})["id"],
        "other": other,
        "other_record": emu.call("record/new", {"project": other, "close": True})["id"],
    }


def _standard(w: dict) -> list:
    return [
        ["read project", f"{w['record']}/describe", {}],
        ["write project", "record/new", {"project": w["project"]}],
        ["write workspace", "record/new", {"project": "$workspace"}],
        ["read other", f"{w['other_record']}/describe", {}],
        ["describe other project", f"{w['other']}/describe", {}],
        ["write other", "record/new", {"project": w["other"]}],
        ["new project", "project/new", {"name": "made by a job"}],
    ]


def test_applet_defaults_view_on_the_project_and_nothing_else(emu: Emulator, world: dict) -> None:
    got = _probe(emu, _standard(world))
    assert got == {"read project": "ok", "write project": "PermissionDenied", "write workspace": "ok",
                   "read other": "ResourceNotFound", "describe other project": "ResourceNotFound",
                   "write other": "ResourceNotFound", "new project": "PermissionDenied"}


def test_access_project_and_all_projects_widen_the_scope(emu: Emulator, world: dict) -> None:
    got = _probe(emu, _standard(world), {"project": "CONTRIBUTE", "allProjects": "VIEW"})
    assert got["write project"] == "ok" and got["read other"] == "ok"
    assert got["describe other project"] == "ok" and got["write other"] == "PermissionDenied"


def test_an_app_sees_only_its_workspace_unless_it_asks(emu: Emulator, world: dict) -> None:
    got = _probe(emu, _standard(world), cls="app")
    assert got["read project"] == "ResourceNotFound" and got["write workspace"] == "ok"
    assert got["write project"] == "ResourceNotFound"


def test_the_scope_never_exceeds_the_users_own_level(emu: Emulator, world: dict) -> None:
    viewer_id, viewer = emu.new_user("scopeviewer")
    emu.call(f"{world['project']}/invite", {"invitee": viewer_id, "level": "CONTRIBUTE"})
    emu.call(f"{world['other']}/invite", {"invitee": viewer_id, "level": "VIEW"})
    # the job is launched by the viewer: ADMINISTER asked, CONTRIBUTE held in the project, VIEW in the other
    probes = [["write other", "record/new", {"project": world["other"]}],
              ["update project", f"{world['project']}/update", {"protected": False}],
              ["write project", "record/new", {"project": world["project"]}]]
    runnable = _runnable({"project": "ADMINISTER", "allProjects": "ADMINISTER"})
    store = emu.server.store
    assert store is not None
    with store.write() as db:
        job = create_job(db, int(time.time() * 1000), viewer_id, runnable, {}, {"probes": probes},
                         world["project"])
    emu.server.config.extra["scheduler"].wake()
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["output"]["results"] == {
        "write other": "PermissionDenied", "update project": "PermissionDenied", "write project": "ok"}
    with pytest.raises(EmulatorCallError) as info:
        emu.call(f"{world['other']}/update", {"name": "no"}, token=viewer)
    assert info.value.error_type == "PermissionDenied"  # the viewer's own level, which the job never exceeded


def test_project_creation_lets_the_job_use_the_new_project(emu: Emulator, world: dict) -> None:
    code = """
import dxpy

@dxpy.entry_point("main")
def main():
    pid = dxpy.api.project_new({"name": "job-made"})["id"]
    rid = dxpy.api.record_new({"project": pid, "name": "inside"})["id"]
    return {"project": pid, "record": rid}
"""
    runnable = {**_runnable({"projectCreation": True}), "runSpec": {"interpreter": "python3", "code": code}}
    desc = wait_state(emu, launch(emu, runnable, {}), {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    pid = desc["output"]["project"]
    assert emu.call(f"{pid}/describe")["level"] == "ADMINISTER"
    assert emu.call(f"{desc['output']['record']}/describe")["project"] == pid


def test_inputs_from_other_projects_are_staged_in_the_workspace(emu: Emulator, world: dict) -> None:
    link = {"$dnanexus_link": world["other_record"]}
    got = _probe(emu, [["read input", f"{world['other_record']}/describe", {}],
                       ["write other", "record/new", {"project": world["other"]}]], extra_input={"r": link})
    assert got == {"read input": "ok", "write other": "ResourceNotFound"}


def test_a_job_cannot_see_the_users_executions_elsewhere(emu: Emulator, world: dict) -> None:
    store = emu.server.store
    assert store is not None
    with store.write() as db:
        elsewhere = create_job(db, int(time.time() * 1000), emu.user_id, bash("echo '{}' > job_output.json"),
                               {}, {}, world["other"])
    emu.server.config.extra["scheduler"].wake()
    wait_state(emu, elsewhere, {"done"})
    code = """
import dxpy, os

@dxpy.entry_point("main")
def main(other):
    found = [r["id"] for r in dxpy.api.system_find_executions({})["results"]]
    try:
        dxpy.api.job_describe(other)
        seen = "ok"
    except dxpy.exceptions.DXAPIError as exc:
        seen = exc.name
    me = dxpy.api.job_describe(os.environ["DX_JOB_ID"])["state"]
    return {"found": found, "seen": seen, "me": me}
"""
    runnable = {**_runnable(), "runSpec": {"interpreter": "python3", "code": code}}
    job = launch(emu, runnable, {"other": elsewhere})
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    out = desc["output"]
    assert out["seen"] == "ResourceNotFound" and out["me"] == "running"
    assert job in out["found"] and elsewhere not in out["found"]


def test_searches_from_a_job_list_only_what_it_may_touch(emu: Emulator, world: dict) -> None:
    public = emu.call("project/new", {"name": "open to all"})["id"]
    emu.call(f"{public}/invite", {"invitee": "PUBLIC", "level": "VIEW"})
    code = """
import dxpy

@dxpy.entry_point("main")
def main():
    projects = [r["id"] for r in dxpy.api.system_find_projects({"level": "VIEW"})["results"]]
    records = [r["project"] for r in dxpy.api.system_find_data_objects({"class": "record"})["results"]]
    return {"projects": projects, "records": sorted(set(records))}
"""
    runnable = {**_runnable(), "runSpec": {"interpreter": "python3", "code": code}}
    desc = wait_state(emu, launch(emu, runnable, {}), {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["projects"] == [world["project"]]  # containers are not listed
    assert desc["output"]["records"] == [world["project"]]
    mine = [r["id"] for r in emu.call("system/findProjects", {"level": "VIEW"})["results"]]
    assert public in mine and world["other"] in mine  # the user's own token sees them all


def test_a_job_of_the_admin_writes_a_database_like_a_spark_job(emu: Emulator, world: dict) -> None:
    code = """
import dxpy

@dxpy.entry_point("main")
def main():
    files = {"t": {"part-0.csv": "a\\n1\\n"}}
    db = dxpy.DXHTTPRequest("/emulator/newDatabase",
                            {"project": dxpy.WORKSPACE_ID, "name": "made_by_job", "files": files})["id"]
    return {"db": dxpy.dxlink(db)}
"""
    runnable = {**_runnable(), "runSpec": {"interpreter": "python3", "code": code}}
    desc = wait_state(emu, launch(emu, runnable, {}), {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    dbid = desc["output"]["db"]["$dnanexus_link"]
    assert emu.call(f"{dbid}/describe", {"project": world["project"]})["databaseName"] == "made_by_job"
    listing = emu.call(f"{dbid}/listFolder", {"folder": "/t"})["results"]
    assert [(r["path"].split("/", 2)[2], r["size"]) for r in listing] == [("t/part-0.csv", 4)]
