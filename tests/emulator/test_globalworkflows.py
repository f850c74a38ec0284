"""Global workflows through the HTTP API: versions from workflows, aliases and tags, publish and
authorized users, developer-only routes, delete, findGlobalWorkflows and runs (DXGlobalWorkflow's
tests are in tests/bindings/test_dxworkflow_emulator.py)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from dxpy.emulator import Emulator
from tests.emulator.test_workflows import error, two_stage

REGION = "aws:us-east-1"


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("gwf"))) as emulator:
        yield emulator


@pytest.fixture
def project(emu: Emulator) -> str:
    return emu.call("project/new", {"name": "gwf-" + uuid.uuid4().hex[:6]})["id"]


def new_version(emu: Emulator, workflow: str, name: str, version: str, **extra: Any) -> str:
    body = {"name": name, "version": version, "regionalOptions": {REGION: {"workflow": workflow}}, **extra}
    return emu.call("globalworkflow/new", body)["id"]


def other_user(emu: Emulator) -> tuple[str, str, str]:
    uid, token = emu.new_user("gwuser" + uuid.uuid4().hex[:8])
    own = emu.call("project/new", {"name": "mine"}, token=token)["id"]
    return uid, token, own


def test_versions_aliases_and_snapshot(emu: Emulator, project: str) -> None:
    name = "gw" + uuid.uuid4().hex[:6]
    wf, app = two_stage(emu, project)
    v1 = new_version(emu, wf, name, "1.0.0", title="First", categories=["Demo"])
    assert v1.startswith("globalworkflow-")
    desc = emu.call(f"{v1}/describe")
    assert (desc["name"], desc["version"], desc["aliases"]) == (name, "1.0.0", ["default"])
    assert desc["published"] is False
    assert desc["title"] == "First" and desc["categories"] == ["Demo"] and desc["isDeveloperFor"] is True
    underlying = desc["regionalOptions"][REGION]["workflow"]
    assert underlying != wf and emu.call(f"{underlying}/describe")["state"] == "closed"
    emu.call(f"{wf}/removeStage", {"editVersion": 0, "stage": "second"})  # the snapshot keeps both stages
    assert len(emu.call(f"{underlying}/describe")["stages"]) == 2
    assert emu.call(f"globalworkflow-{name}/describe")["id"] == v1
    assert emu.call(f"globalworkflow-{name}/1.0.0/describe")["id"] == v1
    v2 = new_version(emu, wf, name, "2.0.0")
    assert emu.call(f"globalworkflow-{name}/describe")["id"] == v1  # default stays until made default
    emu.call(f"{v2}/publish", {"makeDefault": True})
    assert emu.call(f"globalworkflow-{name}/describe")["id"] == v2
    emu.call(f"{v1}/addTags", {"tags": ["stable"]})
    assert emu.call(f"globalworkflow-{name}/stable/describe")["id"] == v1
    emu.call(f"{v1}/removeTags", {"tags": ["stable"]})
    assert error(emu, f"globalworkflow-{name}/stable/describe", {}).error_type == "ResourceNotFound"
    assert error(emu, f"globalworkflow-{name}/9.9.9/describe", {}).error_type == "ResourceNotFound"
    dup = error(emu, "globalworkflow/new", {"name": name, "version": "1.0.0",
                                            "regionalOptions": {REGION: {"workflow": wf}}})
    assert dup.error_type == "InvalidInput" and "already exists" in dup.message


def test_update_only_before_publish_and_delete(emu: Emulator, project: str) -> None:
    name = "gw" + uuid.uuid4().hex[:6]
    wf, _app = two_stage(emu, project)
    gwf = new_version(emu, wf, name, "1.0.0")
    emu.call(f"{gwf}/update", {"summary": "S", "details": {"k": 1}})
    assert emu.call(f"{gwf}/describe", {"fields": {"summary": True, "details": True}}) == {
        "id": gwf, "summary": "S", "details": {"k": 1}}
    emu.call(f"{gwf}/publish")
    assert error(emu, f"{gwf}/update", {"summary": "x"}).error_type == "InvalidState"
    assert error(emu, f"{gwf}/publish", {}).error_type == "InvalidState"
    emu.call(f"{gwf}/delete")
    assert emu.call(f"{gwf}/describe")["deleted"] is True
    assert error(emu, f"globalworkflow-{name}/describe", {}).error_type == "ResourceNotFound"
    assert error(emu, f"{gwf}/run", {"project": project, "input": {}}).error_type == "InvalidState"


def test_publish_authorized_users_and_developer_routes(emu: Emulator, project: str) -> None:
    name = "gw" + uuid.uuid4().hex[:6]
    wf, _app = two_stage(emu, project)
    gwf = new_version(emu, wf, name, "1.0.0")
    uid, token, own = other_user(emu)
    assert error(emu, f"{gwf}/describe", {}, token).error_type == "ResourceNotFound"
    emu.call(f"{gwf}/addAuthorizedUsers", {"authorizedUsers": [uid]})
    assert error(emu, f"{gwf}/describe", {}, token).error_type == "ResourceNotFound"  # not published yet
    emu.call(f"{gwf}/publish")
    assert emu.call(f"globalworkflow-{name}/describe", token=token)["id"] == gwf
    assert emu.call(f"{gwf}/listAuthorizedUsers", token=token) == {"authorizedUsers": [uid]}
    for method, body in (("update", {"title": "x"}), ("addTags", {"tags": ["t"]}), ("delete", {}),
                         ("addCategories", {"categories": ["c"]}), ("addDevelopers", {"developers": [uid]})):
        assert error(emu, f"{gwf}/{method}", body, token).error_type == "PermissionDenied", method
    run = {"project": own, "input": {"first.x": 2}}
    analysis = emu.call(f"globalworkflow-{name}/run", run, token=token)["id"]
    desc = _wait_as(emu, analysis, token)
    assert desc["executable"] == gwf and desc["executableName"] == name
    assert desc["state"] == "done" and desc["output"] == {"first.y": 4, "second.y": 8}
    emu.call(f"{gwf}/removeAuthorizedUsers", {"authorizedUsers": [uid]})
    assert error(emu, f"{gwf}/describe", {}, token).error_type == "ResourceNotFound"


def _wait_as(emu: Emulator, execution: str, token: str) -> dict:
    deadline = time.monotonic() + 60
    while True:
        desc = emu.call(f"{execution}/describe", token=token)
        if desc["state"] in ("done", "failed", "terminated") or time.monotonic() > deadline:
            return desc
        time.sleep(0.05)


def test_developers_and_categories_lists(emu: Emulator, project: str) -> None:
    name = "gw" + uuid.uuid4().hex[:6]
    wf, _app = two_stage(emu, project)
    gwf = new_version(emu, wf, name, "1.0.0")
    uid, token, _own = other_user(emu)
    emu.call(f"{gwf}/addDevelopers", {"developers": [uid]})
    assert emu.call(f"{gwf}/listDevelopers") == {"developers": [emu.user_id, uid]}
    # a developer sees unpublished versions, edits them and can make new ones of the name
    emu.call(f"{gwf}/addCategories", {"categories": ["A", "B"]}, token=token)
    emu.call(f"{gwf}/removeCategories", {"categories": ["A"]}, token=token)
    assert emu.call(f"{gwf}/listCategories", token=token) == {"categories": ["B"]}
    emu.call(f"{gwf}/removeDevelopers", {"developers": [emu.user_id]}, token=token)
    last = error(emu, f"{gwf}/removeDevelopers", {"developers": [uid]}, token)
    assert last.error_type == "InvalidInput"
    taken = error(emu, "globalworkflow/new", {"name": name, "version": "2.0.0",
                                              "regionalOptions": {REGION: {"workflow": wf}}})
    assert taken.error_type == "PermissionDenied"


def test_find_global_workflows(emu: Emulator, project: str) -> None:
    name = "gwfind" + uuid.uuid4().hex[:6]
    wf, _app = two_stage(emu, project)
    v1 = new_version(emu, wf, name, "1.0.0", categories=["Cat"])
    v2 = new_version(emu, wf, name, "2.0.0")
    emu.call(f"{v2}/publish")

    def ids(token: Any = None, **query: Any) -> list:
        found = emu.call("system/findGlobalWorkflows", {"name": name, **query}, token=token)
        return [r["id"] for r in found["results"]]

    assert ids() == [v1]
    assert ids(allVersions=True) == [v2, v1]
    assert ids(allVersions=True, published=True) == [v2]
    assert ids(category="Cat") == [v1] and ids(category="Other") == []
    assert ids(name={"glob": "gwfind*"}, allVersions=True, developer=emu.user_id)[:2] == [v2, v1]
    _uid, token, _own = other_user(emu)
    assert ids(token, allVersions=True) == []
    query = {"name": name, "describe": {"fields": {"version": True}}}
    described = emu.call("system/findGlobalWorkflows", query)
    assert described["results"] == [{"id": v1, "describe": {"id": v1, "version": "1.0.0"}}]

