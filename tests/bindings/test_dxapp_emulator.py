"""DXApp against the emulator's app routes: new from an applet, describe by ID / name / alias,
run -> wait_on_done -> output, publish, tags, install/uninstall, categories, authorized users
(a second user), update, get, find_apps and delete. (The request shapes are also checked against
a scripted server in test_dxapp.py.)"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXAPIError, InvalidState, PermissionDenied, ResourceNotFound
from tests._support.users import OtherUser

CODE = """
import dxpy

@dxpy.entry_point("main")
def main(x):
    return {"y": x + 100}
"""
RUN_SPEC = {"interpreter": "python3", "code": CODE, "distribution": "Ubuntu", "release": "24.04"}
WAIT = {"interval": 0.1, "timeout": 120}


@pytest.fixture
def applet(dx_project: str) -> dxpy.DXApplet:
    handler = dxpy.DXApplet()
    handler.new(name="adder", dxapi="1.0.0", runSpec=RUN_SPEC, inputSpec=[{"name": "x", "class": "int"}],
                outputSpec=[{"name": "y", "class": "int"}], summary="adds 100")
    return handler


@pytest.fixture
def name() -> str:
    return "adder-" + uuid.uuid4().hex[:10]


def _new(applet: dxpy.DXApplet, name: str, version: str = "1.0.0", **kwargs: Any) -> dxpy.DXApp:
    app = dxpy.DXApp()
    app.new(applet=applet.get_id(), name=name, version=version, **kwargs)
    return app


def test_new_describe_by_name_and_alias_then_run(applet: dxpy.DXApplet, name: str, dx_project: str) -> None:
    app = _new(applet, name, title="Adder")
    assert app.get_id().startswith("app-")
    assert dxpy.DXApp(name=name).describe()["id"] == app.get_id()  # a developer sees the unpublished version
    app.publish(input_params={"makeDefault": True})
    for handler in (dxpy.DXApp(name=name), dxpy.DXApp(name=name, alias="1.0.0"),
                    dxpy.DXApp(name=name, alias="default"), dxpy.DXApp(app.get_id())):
        desc = handler.describe()
        assert (desc["id"], desc["version"], desc["title"], desc["summary"]) == (
            app.get_id(), "1.0.0", "Adder", "adds 100")
        assert desc["published"] > 0 and "default" in desc["aliases"]
    job = dxpy.DXApp(name=name, alias="1.0.0").run({"x": 1}, name="by alias", tags=["t"])
    job.wait_on_done(**WAIT)
    desc = job.describe()
    assert desc["output"] == {"y": 101} and desc["app"] == app.get_id() and desc["name"] == "by alias"
    assert desc["executableName"] == name and desc["tags"] == ["t"] and desc["project"] == dx_project
    assert job.get_output_ref("y") == {"$dnanexus_link": {"job": job.get_id(), "field": "y"}}
    found = list(dxpy.find_jobs(executable=app.get_id(), project=dx_project))
    assert [r["id"] for r in found] == [job.get_id()]
    by_name = list(dxpy.find_jobs(executable=dxpy.DXApp(name=name), project=dx_project))
    assert [r["id"] for r in by_name] == [job.get_id()]
    assert dxpy.DXApp(name=name).get()["runSpec"]["code"] == CODE
    with pytest.raises(ResourceNotFound):
        dxpy.DXApp(name=name, alias="9.9.9").describe()


def test_versions_tags_update_and_publish_rules(applet: dxpy.DXApplet, name: str) -> None:
    v1 = _new(applet, name)
    v1.publish()
    v2 = _new(applet, name, "1.1.0")
    v2.update(details={"note": "second"}, access={"network": ["*"]})
    assert v2.describe()["details"] == {"note": "second"} and v2.get()["access"] == {"network": ["*"]}
    v2.add_tags(["beta"])
    assert dxpy.DXApp(name=name, alias="beta").describe()["version"] == "1.1.0"
    v2.publish()
    assert dxpy.DXApp(name=name).describe()["version"] == "1.0.0"  # the default stays on 1.0.0
    with pytest.raises(InvalidState):
        v2.publish()
    with pytest.raises(InvalidState):
        v2.update(details={})
    v2.addTags(["default"])
    assert dxpy.DXApp(name=name).describe()["version"] == "1.1.0"
    v2.remove_tags(["beta"])
    with pytest.raises(ResourceNotFound):
        dxpy.DXApp(name=name, alias="beta").describe()


def test_categories_authorized_users_install_and_a_second_user(applet: dxpy.DXApplet, name: str,
                                                                dx_emulator: Any) -> None:
    app = _new(applet, name, categories=["Math"])
    app.add_categories(["Arithmetic"])
    app.remove_categories(["Math"])
    assert app.list_categories() == ["Arithmetic"]
    other = OtherUser(dx_emulator)
    with other, pytest.raises(ResourceNotFound):  # unpublished: invisible to them
        dxpy.DXApp(name=name).describe()
    app.publish()
    with other, pytest.raises(PermissionDenied):  # published, but they are not authorized
        dxpy.DXApp(name=name).describe()
    app.add_authorized_users([other.user_id])
    assert app.list_authorized_users() == [other.user_id]
    with other:
        theirs = dxpy.DXApp(name=name)
        assert theirs.describe()["installed"] is False
        theirs.install()
        assert theirs.describe()["installed"] is True
        assert [a["id"] for a in dxpy.find_apps(name=name)] == [app.get_id()]
        with pytest.raises(PermissionDenied):
            theirs.add_categories(["Mine"])
        with pytest.raises(PermissionDenied):
            theirs.list_authorized_users()
        theirs.uninstall()
        assert theirs.describe()["installed"] is False
    app.remove_authorized_users([other.user_id])
    with other, pytest.raises(PermissionDenied):
        dxpy.DXApp(name=name).run({"x": 1}, project=dxpy.PROJECT_CONTEXT_ID)


def test_find_apps_and_delete(applet: dxpy.DXApplet, name: str) -> None:
    v1 = _new(applet, name)
    v1.publish()
    v2 = _new(applet, name, "2.0.0")
    found = list(dxpy.find_apps(name=name, all_versions=True, describe={"fields": {"version": True}}))
    assert [(r["id"], r["describe"]["version"]) for r in found] == [
        (v2.get_id(), "2.0.0"), (v1.get_id(), "1.0.0")]
    published = dxpy.find_apps(name=name + "*", name_mode="glob", published=True)
    assert [r["id"] for r in published] == [v1.get_id()]
    handlers = list(dxpy.find_apps(name=name, return_handler=True))
    assert [h.get_id() for h in handlers] == [v1.get_id()] and isinstance(handlers[0], dxpy.DXApp)
    v1.delete()
    assert v1.describe()["deleted"] is True
    assert list(dxpy.find_apps(name=name, all_versions=True)) == []
    with pytest.raises(InvalidState):
        v2.run({"x": 1})
    with pytest.raises(DXAPIError):
        _new(applet, name, "3.0.0")
