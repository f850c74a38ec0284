"""Applets in the emulator: /applet/new validation, describe (spec without the code), get
(with the code), the common routes, and what the job runner loads (issue 11, item 1)."""

from __future__ import annotations

from typing import Any

import pytest

from dxpy.emulator import Emulator, EmulatorCallError

CODE = "#!/usr/bin/env python3\nimport dxpy\n\n@dxpy.entry_point('main')\ndef main(x):\n    return {'y': x}\n"


def _spec(**changes: Any) -> dict:
    spec = {
        "dxapi": "1.0.0", "name": "echo", "title": "Echo", "summary": "gives back its input",
        "runSpec": {"interpreter": "python3", "code": CODE, "distribution": "Ubuntu", "release": "24.04",
                    "timeoutPolicy": {"*": {"minutes": 5}}},
        "inputSpec": [{"name": "x", "class": "int"}], "outputSpec": [{"name": "y", "class": "int"}],
        "access": {"network": ["*"]}, "tags": ["t"], "properties": {"k": "v"}, "details": {"d": 1},
    }
    spec.update(changes)
    return spec


@pytest.fixture
def project(dx_emulator: Emulator) -> Any:
    pid = dx_emulator.call("project/new", {"name": "applets"})["id"]
    yield pid
    dx_emulator.call(f"{pid}/destroy", {"terminateJobs": True})


def test_new_describe_get(dx_emulator: Emulator, project: str) -> None:
    aid = dx_emulator.call("applet/new", {"project": project, **_spec()})["id"]
    assert aid.startswith("applet-")
    desc = dx_emulator.call(f"{aid}/describe", {"project": project, "properties": True, "details": True})
    assert desc["class"] == "applet" and desc["state"] == "closed" and desc["name"] == "echo"
    assert desc["dxapi"] == "1.0.0" and desc["title"] == "Echo" and desc["summary"] == "gives back its input"
    assert desc["runSpec"]["interpreter"] == "python3" and "code" not in desc["runSpec"]
    assert desc["inputSpec"] == [{"name": "x", "class": "int"}] and desc["access"] == {"network": ["*"]}
    assert desc["tags"] == ["t"] and desc["properties"] == {"k": "v"} and desc["ignoreReuse"] is False
    got = dx_emulator.call(f"{aid}/get", {})
    assert got["runSpec"]["code"] == CODE and got["outputSpec"] == [{"name": "y", "class": "int"}]
    dx_emulator.call(f"{aid}/rename", {"project": project, "name": "echo2"})
    dx_emulator.call(f"{aid}/addTags", {"project": project, "tags": ["u"]})
    assert dx_emulator.call(f"{aid}/describe", {"project": project})["name"] == "echo2"


@pytest.mark.parametrize("change,word", [
    ({"dxapi": None}, "dxapi"),
    ({"runSpec": {"interpreter": "python2.7", "code": ""}}, "runSpec.interpreter"),
    ({"runSpec": {"interpreter": "bash"}}, "runSpec.code"),
    ({"inputSpec": [{"name": "x", "class": "nonsense"}]}, "unknown class"),
    ({"inputSpec": [{"class": "int"}]}, "inputSpec[0]"),
    ({"outputSpec": [{"name": "y", "class": "int"}, {"name": "y", "class": "int"}]}, "twice"),
    ({"ignoreReuse": "yes"}, "ignoreReuse"),
    ({"title": 3}, "title"),
])
def test_invalid_specs_are_refused_naming_the_field(dx_emulator: Emulator, project: str, change: dict,
                                                    word: str) -> None:
    body = {"project": project, **_spec()}
    for key, value in change.items():
        if value is None:
            body.pop(key)
        else:
            body[key] = value
    with pytest.raises(EmulatorCallError) as info:
        dx_emulator.call("applet/new", body)
    assert info.value.error_type == "InvalidInput" and word in info.value.message


def test_the_runner_loads_the_whole_spec(dx_emulator: Emulator, project: str) -> None:
    from dxpy.emulator._data.executables import load_runnable

    aid = dx_emulator.call("applet/new", {"project": project, **_spec()})["id"]
    store = dx_emulator.server.store
    assert store is not None
    with store.read() as db:
        runnable = load_runnable(db, dx_emulator.user_id, aid)
        assert runnable["runSpec"]["code"] == CODE and runnable["project"] == project
        assert runnable["timeoutPolicy"] == {"*": {"minutes": 5}} and runnable["name"] == "echo"
        with pytest.raises(Exception, match="app-nothere could not be found"):
            load_runnable(db, dx_emulator.user_id, "app-nothere")
