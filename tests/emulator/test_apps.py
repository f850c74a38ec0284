"""Apps through the HTTP API: creation from an applet, versions and aliases, publish, install,
update and delete rules, access for other users (directly, through an org, PUBLIC), runs to done,
and /system/findApps filters. (Every route x role is in test_route_matrix.py.)"""

from __future__ import annotations

import time
import uuid
from typing import Any, Optional

import pytest

from dxpy.emulator import Emulator, EmulatorCallError
from tests.emulator.test_runner import wait_state

CODE = 'main() {\n  echo "{\\"doubled\\": $((n * 2))}" > job_output.json\n}\n'
SPEC = {
    "dxapi": "1.0.0",
    "runSpec": {"interpreter": "bash", "code": CODE, "distribution": "Ubuntu", "release": "24.04"},
    "inputSpec": [{"name": "n", "class": "int"}],
    "outputSpec": [{"name": "doubled", "class": "int"}],
    "summary": "doubles n",
}


@pytest.fixture
def emu(dx_emulator: Emulator) -> Emulator:
    return dx_emulator


@pytest.fixture
def project(emu: Emulator) -> str:
    return emu.call("project/new", {"name": "apps"})["id"]


def unique(prefix: str = "a") -> str:
    return prefix + uuid.uuid4().hex[:12]


def new_applet(emu: Emulator, project: str, code: str = CODE, token: Optional[str] = None) -> str:
    spec = dict(SPEC, runSpec=dict(SPEC["runSpec"], code=code))
    return emu.call("applet/new", {"project": project, "name": "doubler", **spec}, token=token)["id"]


def new_app(emu: Emulator, applet: str, name: str, version: str = "1.0.0", token: Optional[str] = None,
            **extra: Any) -> str:
    body = {"applet": applet, "name": name, "version": version, **extra}
    return emu.call("app/new", body, token=token)["id"]


def error_of(emu: Emulator, path: str, body: Any = None, token: Optional[str] = None) -> tuple[str, str]:
    with pytest.raises(EmulatorCallError) as info:
        emu.call(path, body or {}, token=token)
    return info.value.error_type, str(info.value)


def test_new_app_describe_and_get(emu: Emulator, project: str) -> None:
    applet = new_applet(emu, project)
    name = unique()
    app = new_app(emu, applet, name, title="Doubler", details={"k": [1]}, categories=["Math"],
                  authorizedUsers=["PUBLIC"], openSource=True, regionalOptions={"aws:us-east-1": {}})
    desc = emu.call(f"{app}/describe", {})
    assert desc["id"] == app and desc["class"] == "app" and desc["name"] == name
    assert (desc["version"], desc["published"], desc["deleted"], desc["aliases"]) == ("1.0.0", 0, False, [])
    assert desc["title"] == "Doubler" and desc["summary"] == "doubles n"  # given / inherited from the applet
    assert desc["details"] == {"k": [1]} and desc["categories"] == ["Math"] and desc["openSource"] is True
    assert desc["applet"] == applet and desc["resources"].startswith("container-")
    assert desc["createdBy"] == emu.user_id == desc["billTo"] and desc["isDeveloperFor"] is True
    assert desc["developers"] == [emu.user_id] and desc["authorizedUsers"] == ["PUBLIC"]
    assert desc["inputSpec"] == SPEC["inputSpec"] and desc["outputSpec"] == SPEC["outputSpec"]
    assert "code" not in desc["runSpec"] and desc["runSpec"]["interpreter"] == "bash"
    assert desc["regionalOptions"] == {"aws:us-east-1": {"applet": applet, "resources": desc["resources"]}}
    assert emu.call(f"{app}/get", {})["runSpec"]["code"] == CODE
    assert emu.call(f"{app}/describe", {"fields": {"version": True}}) == {"id": app, "version": "1.0.0"}
    # the applet can change afterwards: the app keeps its own copy of the code
    emu.call(f"{project}/removeObjects", {"objects": [applet]})
    assert emu.call(f"{app}/get", {})["runSpec"]["code"] == CODE


@pytest.mark.parametrize("change, message", [
    ({"version": "1.0"}, "version"),
    ({"version": None}, "version"),
    ({"name": "bad name"}, "name"),
    ({"applet": "record-" + "0" * 24}, "applet"),
    ({"authorizedUsers": ["someone"]}, "authorizedUsers"),
    ({"title": 5}, "title"),
])
def test_new_app_validation(emu: Emulator, project: str, change: dict, message: str) -> None:
    body = {"applet": new_applet(emu, project), "name": unique(), "version": "1.0.0", **change}
    kind, text = error_of(emu, "app/new", body)
    assert kind == "InvalidInput" and message in text


def test_versions_of_a_name_need_a_developer_and_are_unique(emu: Emulator, project: str) -> None:
    applet, name = new_applet(emu, project), unique()
    new_app(emu, applet, name)
    assert error_of(emu, "app/new", {"applet": applet, "name": name, "version": "1.0.0"})[0] == "InvalidInput"
    other_id, other = emu.new_user(unique("u"))
    theirs = emu.call("project/new", {"name": "theirs"}, token=other)["id"]
    their_applet = new_applet(emu, theirs, token=other)
    body = {"applet": their_applet, "name": name, "version": "2.0.0"}
    assert error_of(emu, "app/new", body, token=other)[0] == "PermissionDenied"
    # nor can they build an app from an applet they cannot see
    body = {"applet": applet, "name": unique(), "version": "1.0.0"}
    assert error_of(emu, "app/new", body, token=other)[0] == "ResourceNotFound"
    emu.call(f"app-{name}/addDevelopers", {"developers": [other_id]})
    assert new_app(emu, their_applet, name, "2.0.0", token=other).startswith("app-")


def test_alias_resolution_publish_and_tags(emu: Emulator, project: str) -> None:
    applet, name = new_applet(emu, project), unique()
    v1, v2 = new_app(emu, applet, name, "1.0.0"), new_app(emu, applet, name, "1.1.0")
    assert emu.call(f"app-{name}/describe")["id"] == v2  # unpublished: the newest, for a developer
    assert emu.call(f"app-{name}/1.0.0/describe")["id"] == v1
    emu.call(f"{v1}/publish", {})
    assert emu.call(f"app-{name}/default/describe")["id"] == v1  # the first published is the default
    assert emu.call(f"app-{name}/describe")["aliases"] == ["default"]
    assert error_of(emu, f"{v1}/publish")[0] == "InvalidState"
    emu.call(f"app-{name}/1.1.0/publish", {})
    assert emu.call(f"app-{name}/describe")["id"] == v1  # no makeDefault: the default stays
    emu.call(f"{v2}/addTags", {"tags": ["beta"]})
    assert emu.call(f"app-{name}/beta/describe")["id"] == v2
    emu.call(f"{v1}/addTags", {"tags": ["beta"]})  # a tag names one version: it moves
    assert emu.call(f"app-{name}/beta/describe")["id"] == v1
    assert emu.call(f"{v2}/describe")["aliases"] == []
    v3 = new_app(emu, applet, name, "1.2.0")
    emu.call(f"app-{name}/1.2.0/publish", {"makeDefault": True})
    assert emu.call(f"app-{name}/describe")["id"] == v3
    emu.call(f"{v1}/removeTags", {"tags": ["beta"]})
    assert error_of(emu, f"app-{name}/beta/describe")[0] == "ResourceNotFound"
    assert error_of(emu, f"app-{name}/9.9.9/describe")[0] == "ResourceNotFound"
    assert error_of(emu, f"{v1}/addTags", {"tags": ["2.0.0"]})[0] == "InvalidInput"
    assert error_of(emu, f"{v1}/1.0.0/describe")[0] == "InvalidInput"
    assert error_of(emu, "app-nosuchapp" + uuid.uuid4().hex[:6] + "/describe")[0] == "ResourceNotFound"


def test_update_only_before_publishing(emu: Emulator, project: str) -> None:
    applet, name = new_applet(emu, project), unique()
    app = new_app(emu, applet, name)
    newer = new_applet(emu, project, code=CODE.replace("n * 2", "n * 3"))
    emu.call(f"{app}/update", {"title": "Tripler", "applet": newer, "details": {"v": 2}})
    got = emu.call(f"{app}/get")
    assert (got["title"], got["details"], got["applet"]) == ("Tripler", {"v": 2}, newer)
    assert "n * 3" in got["runSpec"]["code"]
    emu.call(f"{app}/publish", {})
    assert error_of(emu, f"{app}/update", {"title": "x"})[0] == "InvalidState"


def test_lists_install_and_uninstall(emu: Emulator, project: str) -> None:
    app = new_app(emu, new_applet(emu, project), unique(), categories=["A"])
    emu.call(f"{app}/addCategories", {"categories": ["B", "A"]})
    emu.call(f"{app}/removeCategories", {"categories": ["A"]})
    assert emu.call(f"{app}/listCategories") == {"categories": ["B"]}
    user_id, token = emu.new_user(unique("u"))
    emu.call(f"{app}/addAuthorizedUsers", {"authorizedUsers": [user_id, "PUBLIC"]})
    emu.call(f"{app}/removeAuthorizedUsers", {"authorizedUsers": ["PUBLIC"]})
    assert emu.call(f"{app}/listAuthorizedUsers") == {"authorizedUsers": [user_id]}
    assert error_of(emu, f"{app}/removeDevelopers", {"developers": [emu.user_id]})[0] == "InvalidInput"
    emu.call(f"{app}/publish", {})
    emu.call(f"{app}/install", {}, token=token)
    assert emu.call(f"{app}/describe", token=token)["installed"] is True
    assert emu.call(f"{app}/describe")["installed"] is False and emu.call(f"{app}/describe")["installs"] == 1
    found = emu.call("system/findApps", {"installed": True}, token=token)["results"]
    assert [r["id"] for r in found] == [app]
    emu.call(f"{app}/uninstall", {}, token=token)
    assert emu.call(f"{app}/describe", token=token)["installed"] is False
    assert emu.call("system/findApps", {"installed": True}, token=token)["results"] == []
    # an authorized user sees no developer-only lists in describe, nor the code of a closed-source app
    assert "developers" not in emu.call(f"{app}/describe", token=token)
    assert error_of(emu, f"{app}/get", token=token)[0] == "PermissionDenied"
    open_app = new_app(emu, new_applet(emu, project), unique(), openSource=True, authorizedUsers=[user_id])
    emu.call(f"{open_app}/publish", {})
    assert emu.call(f"{open_app}/get", token=token)["runSpec"]["code"] == CODE


def test_authorized_through_an_org_or_public_and_developers_through_orgs(emu: Emulator, project: str) -> None:
    app = new_app(emu, new_applet(emu, project), unique())
    emu.call(f"{app}/publish", {})
    member_id, member = emu.new_user(unique("m"))
    _stranger_id, stranger = emu.new_user(unique("s"))
    org = emu.call("org/new", {"handle": unique("o"), "name": "O"})["id"]
    emu.call(f"{org}/invite", {"invitee": member_id, "level": "MEMBER"})
    assert error_of(emu, f"{app}/describe", token=member)[0] == "PermissionDenied"
    emu.call(f"{app}/addAuthorizedUsers", {"authorizedUsers": [org]})
    assert emu.call(f"{app}/describe", token=member)["id"] == app
    assert error_of(emu, f"{app}/describe", token=stranger)[0] == "PermissionDenied"
    emu.call(f"{app}/addAuthorizedUsers", {"authorizedUsers": ["PUBLIC"]})
    assert emu.call(f"{app}/describe", token=stranger)["id"] == app
    assert error_of(emu, f"{app}/addTags", {"tags": ["x"]}, token=member)[0] == "PermissionDenied"
    emu.call(f"{app}/addDevelopers", {"developers": [org]})
    emu.call(f"{app}/addTags", {"tags": ["x"]}, token=member)
    assert emu.call(f"{app}/listDevelopers", token=member) == {"developers": [emu.user_id, org]}


def test_run_an_app_to_done_by_id_name_and_alias(emu: Emulator, project: str) -> None:
    name = unique()
    app = new_app(emu, new_applet(emu, project), name)
    emu.call(f"{app}/publish", {})
    jobs = [emu.call(f"{path}/run", {"project": project, "input": {"n": i}})["id"]
            for i, path in enumerate((app, f"app-{name}", f"app-{name}/1.0.0"))]
    for i, job in enumerate(jobs):
        desc = wait_state(emu, job, {"done", "failed"})
        assert desc["state"] == "done", desc.get("failureMessage")
        assert desc["output"] == {"doubled": 2 * i}
        assert (desc["app"], desc["executable"], desc["executableName"]) == (app, app, name)
        assert desc["applet"].startswith("applet-") and desc["resources"].startswith("container-")
        assert desc["name"] == name and desc["project"] == project
    found = emu.call("system/findExecutions", {"executable": app, "project": project})["results"]
    assert sorted(r["id"] for r in found) == sorted(jobs)
    for path in (f"app-{name}", f"app-{name}/1.0.0", f"app-{name}/default"):
        found = emu.call("system/findExecutions", {"executable": path, "project": project})["results"]
        assert sorted(r["id"] for r in found) == sorted(jobs), path
    assert emu.call("system/findExecutions", {"executable": f"app-{name}/9.9.9"})["results"] == []
    found = emu.call("system/findJobs", {"executable": app, "project": project, "describe": True})["results"]
    assert {r["describe"]["app"] for r in found} == {app}
    kind, text = error_of(emu, f"{app}/run", {"project": project, "input": {"n": "x"}})
    assert kind == "InvalidInput" and "'n'" in text
    emu.call(f"{app}/delete", {})
    assert error_of(emu, f"{app}/run", {"project": project, "input": {"n": 1}})[0] == "InvalidState"


def test_delete_hides_the_app_and_keeps_its_name(emu: Emulator, project: str) -> None:
    applet, name = new_applet(emu, project), unique()
    app = new_app(emu, applet, name)
    emu.call(f"{app}/publish", {})
    emu.call(f"{app}/install", {})
    emu.call(f"{app}/delete", {})
    desc = emu.call(f"{app}/describe")
    assert desc["deleted"] is True and desc["installed"] is False
    assert emu.call("system/findApps", {"name": name})["results"] == []
    assert error_of(emu, f"{app}/install")[0] == "InvalidState"
    assert error_of(emu, f"{app}/addTags", {"tags": ["t"]})[0] == "InvalidState"
    assert error_of(emu, "app/new", {"applet": applet, "name": name, "version": "2.0.0"})[0] == "InvalidInput"


def test_find_apps_filters(emu: Emulator, project: str) -> None:
    prefix = unique("f")
    applet = new_applet(emu, project)
    other_id, other = emu.new_user(unique("u"))
    a1 = new_app(emu, applet, prefix + "-one", "1.0.0", categories=["Cat"], authorizedUsers=[other_id])
    emu.call(f"{a1}/publish", {})
    start = emu.call(f"{a1}/describe")["modified"] + 1  # server time: a1 changes no more
    time.sleep(0.02)
    a2 = new_app(emu, applet, prefix + "-one", "2.0.0")
    b1 = new_app(emu, applet, prefix + "-two", "0.1.0")
    assert emu.call(f"{a2}/describe")["created"] >= start
    every = {"name": {"glob": prefix + "*"}}

    def ids(token: Optional[str] = None, **query: Any) -> list[str]:
        return [r["id"] for r in emu.call("system/findApps", {**every, **query}, token=token)["results"]]

    assert ids() == [b1, a1]  # newest first; one version per app: the default, else (developer) the newest
    assert ids(allVersions=True) == [b1, a2, a1]
    assert ids(published=True, allVersions=True) == [a1]
    assert ids(published=False, allVersions=True) == [b1, a2]
    assert ids(category="Cat") == [a1] and ids(category="Dog") == []
    assert ids(name=prefix + "-two") == [b1]
    assert ids(name={"regexp": "^" + prefix + "-o"}, allVersions=True) == [a2, a1]
    assert ids(createdBy=emu.user_id, developer=emu.user_id, billTo=emu.user_id) == [b1, a1]
    assert ids(createdBy=other_id) == []
    assert ids(authorizedUser=other_id) == [a1]
    assert ids(created={"after": start}, allVersions=True) == [b1, a2]
    assert ids(created={"before": start - 1}, allVersions=True) == [a1]
    assert ids(modified={"after": start}, allVersions=True) == [b1, a2]
    assert ids(token=other, allVersions=True) == [a1]  # only what that user may see
    page = emu.call("system/findApps", {**every, "allVersions": True, "limit": 2})
    assert [r["id"] for r in page["results"]] == [b1, a2] and page["next"] == a1
    rest = emu.call("system/findApps", {**every, "allVersions": True, "limit": 2, "starting": page["next"]})
    assert [r["id"] for r in rest["results"]] == [a1] and rest["next"] is None
    described = emu.call("system/findApps", {**every, "describe": {"fields": {"version": True}}})["results"]
    assert described == [{"id": b1, "describe": {"id": b1, "version": "0.1.0"}},
                         {"id": a1, "describe": {"id": a1, "version": "1.0.0"}}]


def test_apps_billed_to_an_org_and_org_find_apps(emu: Emulator, project: str) -> None:
    org = emu.call("org/new", {"handle": unique("o"), "name": "O"})["id"]
    mine = new_app(emu, new_applet(emu, project), unique(), billTo=org)
    new_app(emu, new_applet(emu, project), unique())
    assert emu.call(f"{mine}/describe")["billTo"] == org
    assert [r["id"] for r in emu.call(f"{org}/findApps", {"allVersions": True})["results"]] == [mine]
    _stranger_id, stranger = emu.new_user(unique("s"))
    body = {"applet": new_applet(emu, project), "name": unique(), "version": "1.0.0", "billTo": org}
    assert error_of(emu, "app/new", body, token=stranger)[0] in ("PermissionDenied", "ResourceNotFound")
    assert error_of(emu, f"{org}/findApps", {}, token=stranger)[0] == "PermissionDenied"


def test_multi_region_form_and_upstream_update_in_place(emu: Emulator, project: str) -> None:
    # upstream's app builder: /app/new with regionalOptions.<region>.applet, then on
    # "conflict with an existing alias" an update of the unpublished version with the whole spec
    name = unique()
    first, second = new_applet(emu, project), new_applet(emu, project, code=CODE.replace("2", "5"))
    body = {"name": name, "version": "0.0.1", "regionalOptions": {"aws:us-east-1": {"applet": first}},
            "inputSpec": [], "runSpec": {"file": "src/x.py"}}
    app = emu.call("app/new", body)["id"]
    assert emu.call(f"{app}/describe")["applet"] == first
    kind, text = error_of(emu, "app/new", body)
    assert kind == "InvalidInput" and "Specified name and version conflict with an existing alias" in text
    body["regionalOptions"] = {"aws:us-east-1": {"applet": second}}
    assert emu.call(f"app-{name}/0.0.1/update", body)["id"] == app
    got = emu.call(f"{app}/get")
    assert got["applet"] == second and "n * 5" in got["runSpec"]["code"]
    bad = {"name": unique(), "version": "0.0.1", "regionalOptions": {"aws:us-east-1": {}}}
    assert error_of(emu, "app/new", bad)[0] == "InvalidInput"


def test_user_describe_lists_installed_apps(emu: Emulator, project: str) -> None:
    user_id, token = emu.new_user(unique("u"))
    name = unique()
    app = new_app(emu, new_applet(emu, project), name, authorizedUsers=[user_id])
    emu.call(f"{app}/publish", {})
    emu.call(f"{app}/install", {}, token=token)
    assert emu.call(f"{user_id}/describe", {"appsInstalled": True}, token=token)["appsInstalled"] == {
        name: "default"}
    described = emu.call(f"{user_id}/describe", {"fields": {"appsInstalled": True}}, token=token)
    assert described == {"id": user_id, "appsInstalled": {name: "default"}}
    assert "appsInstalled" not in emu.call(f"{user_id}/describe", {}, token=token)
    assert "appsInstalled" not in emu.call(f"{user_id}/describe", {"appsInstalled": True})  # not theirs


def test_find_executions_takes_lists_of_origin_jobs(emu: Emulator, project: str) -> None:
    app = new_app(emu, new_applet(emu, project), unique())
    jobs = [emu.call(f"{app}/run", {"project": project, "input": {"n": i}})["id"] for i in range(3)]
    found = emu.call("system/findExecutions", {"originJob": jobs[:2], "project": project})["results"]
    assert sorted(r["id"] for r in found) == sorted(jobs[:2])
    found = emu.call("system/findExecutions", {"rootExecution": [jobs[2]], "project": project})["results"]
    assert [r["id"] for r in found] == [jobs[2]]
    assert error_of(emu, "system/findExecutions", {"originJob": [5]})[0] == "InvalidInput"
    for job in jobs:
        wait_state(emu, job, {"done", "failed"})


def test_an_app_job_sees_its_resources_container(emu: Emulator, project: str) -> None:
    code = 'main() {\n  echo "{\\"doubled\\": 0, \\"res\\": \\"$DX_RESOURCES_ID\\"}" > job_output.json\n}\n'
    spec = dict(SPEC, outputSpec=[], runSpec=dict(SPEC["runSpec"], code=code))
    applet = emu.call("applet/new", {"project": project, "name": "env", **spec})["id"]
    app = new_app(emu, applet, unique())
    job = emu.call(f"{app}/run", {"project": project, "input": {"n": 1}})["id"]
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"]["res"] == emu.call(f"{app}/describe")["resources"]
    plain = wait_state(emu, emu.call(f"{applet}/run", {"project": project, "input": {"n": 1}})["id"],
                       {"done", "failed"})
    assert plain["output"]["res"] == ""  # an applet's job has none


def test_app_new_and_run_honour_nonces(emu: Emulator, project: str) -> None:
    body = {"applet": new_applet(emu, project), "name": unique(), "version": "1.0.0", "nonce": unique("n")}
    first = emu.call("app/new", body)["id"]
    assert emu.call("app/new", body)["id"] == first  # a retried request creates nothing more
    assert len(emu.call("system/findApps", {"name": body["name"], "allVersions": True})["results"]) == 1
    run = {"project": project, "input": {"n": 2}, "nonce": unique("n")}
    job = emu.call(f"{first}/run", run)["id"]
    assert emu.call(f"{first}/run", run)["id"] == job
    wait_state(emu, job, {"done", "failed"})


def test_apps_survive_a_restart(tmp_path: Any) -> None:
    state = str(tmp_path / "state")
    with Emulator(state_dir=state) as first:
        project = first.call("project/new", {"name": "keep"})["id"]
        app = new_app(first, new_applet(first, project), "kept", categories=["C"])
        first.call(f"{app}/publish", {})
        first.call(f"{app}/install", {})
    with Emulator(state_dir=state) as again:
        desc = again.call("app-kept/describe")
        got = (desc["id"], desc["aliases"], desc["categories"], desc["installed"])
        assert got == (app, ["default"], ["C"], True)
        job = again.call("app-kept/run", {"project": project, "input": {"n": 4}})["id"]
        assert wait_state(again, job, {"done", "failed"})["output"] == {"doubled": 8}
