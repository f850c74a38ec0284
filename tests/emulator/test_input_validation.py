"""Bad input across routes: wrong types name the field; unknown keys per route policy.

Policy (docs/emulator.rst, "Bad input"): every route accepts and ignores keys it does
not know, since the platform's documentation names no route that refuses them and
clients add their own (upstream dxpy and dx send ``dxapi``; the dx CLI sends
``targetFileRelocation`` to ``move`` and ``clone``).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from dxpy.emulator import Emulator, EmulatorCallError


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("inputs"))) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def ids(emu: Emulator) -> dict[str, str]:
    pid = emu.call("project/new", {"name": "inputs"})["id"]
    other = emu.call("project/new", {"name": "other"})["id"]
    emu.call(f"{pid}/newFolder", {"folder": "/f"})
    rec = emu.call("record/new", {"project": pid, "close": True})["id"]
    opened = emu.call("record/new", {"project": pid})["id"]
    org = emu.call("org/new", {"handle": "v" + uuid.uuid4().hex[:10], "name": "V"})["id"]
    return {"P": pid, "O": other, "R": rec, "W": opened, "G": org}


# (route template, body template, field the message must name); "{P}" etc. are filled from ``ids``.
WRONG_TYPES: list[tuple[str, dict, str]] = [
    ("project/new", {"name": 5}, "name"),
    ("project/new", {"name": "x", "protected": "yes"}, "protected"),
    ("project/new", {"name": "x", "billTo": 3}, "billTo"),
    ("project/new", {"name": "x", "tags": "a"}, "tags"),
    ("project/new", {"name": "x", "properties": {"k": 1}}, "k"),
    ("{P}/describe", {"fields": ["name"]}, "fields"),
    ("{P}/update", {"name": 5}, "name"),
    ("{P}/update", {"version": "1"}, "version"),
    ("{P}/update", {"restricted": 1}, "restricted"),
    ("{P}/destroy", {"terminateJobs": "no"}, "terminateJobs"),
    ("{P}/invite", {"invitee": 5, "level": "VIEW"}, "invitee"),
    ("{P}/invite", {"invitee": "PUBLIC", "level": "READ"}, "level"),
    ("{P}/decreasePermissions", {"user-x": "OWNER"}, "user-x"),
    ("{P}/addTags", {"tags": "a"}, "tags"),
    ("{P}/removeTags", {"tags": [1]}, "tags"),
    ("{P}/setProperties", {"properties": "a"}, "properties"),
    ("{P}/newFolder", {"folder": 5}, "folder"),
    ("{P}/newFolder", {"folder": "/a", "parents": "y"}, "parents"),
    ("{P}/listFolder", {"folder": "/", "describe": 1}, "describe"),
    ("{P}/listFolder", {"folder": "/", "only": "files"}, "only"),
    ("{P}/listFolder", {"folder": "/", "includeHidden": "y"}, "includeHidden"),
    ("{P}/listFolder", {"folder": "/", "hasSubfolderFlags": 1}, "hasSubfolderFlags"),
    ("{P}/move", {"objects": ["{R}"], "destination": 5}, "destination"),
    ("{P}/move", {"objects": "{R}", "destination": "/f"}, "objects"),
    ("{P}/move", {"folders": [5], "destination": "/"}, "folders"),
    ("{P}/renameFolder", {"folder": "/f", "name": 5}, "name"),
    ("{P}/removeFolder", {"folder": "/f", "recurse": "y"}, "recurse"),
    ("{P}/removeFolder", {"folder": "/f", "partial": "y"}, "partial"),
    ("{P}/removeObjects", {"objects": [5]}, "objects"),
    ("{P}/removeObjects", {"objects": ["{R}"], "force": "y"}, "force"),
    ("{P}/clone", {"objects": ["{R}"], "project": 5}, "project"),
    ("{P}/clone", {"objects": ["{R}"], "project": "{O}", "destination": 5}, "destination"),
    ("{P}/clone", {"objects": ["{R}"], "project": "{O}", "parents": "y"}, "parents"),
    ("{R}/describe", {"fields": ["name"]}, "fields"),
    ("{R}/describe", {"project": 5}, "project"),
    ("{R}/describe", {"defaultFields": "y"}, "defaultFields"),
    ("{R}/describe", {"fields": {"name": 1}}, "fields.name"),
    ("{R}/addTags", {"project": "{P}", "tags": [1]}, "tags"),
    ("{R}/setProperties", {"project": "{P}", "properties": {"k": 2}}, "k"),
    ("{R}/rename", {"project": "{P}", "name": 5}, "name"),
    ("{R}/getDetails", {"project": 5}, "project"),
    ("{W}/addTypes", {"types": "T"}, "types"),
    ("{W}/removeTypes", {"types": [1]}, "types"),
    ("{W}/setVisibility", {"hidden": "y"}, "hidden"),
    ("record/new", {"project": 5}, "project"),
    ("record/new", {"project": "{P}", "name": 5}, "name"),
    ("record/new", {"project": "{P}", "hidden": "y"}, "hidden"),
    ("record/new", {"project": "{P}", "details": "d"}, "details"),
    ("record/new", {"project": "{P}", "folder": 5}, "folder"),
    ("record/new", {"project": "{P}", "parents": "y"}, "parents"),
    ("record/new", {"project": "{P}", "types": [1]}, "types"),
    ("record/new", {"project": "{P}", "close": "y"}, "close"),
    ("record/new", {"project": "{P}", "initializeFrom": 5}, "initializeFrom"),
    ("system/findDataObjects", {"class": 5}, "class"),
    ("system/findDataObjects", {"state": "shut"}, "state"),
    ("system/findDataObjects", {"visibility": "x"}, "visibility"),
    ("system/findDataObjects", {"name": 5}, "name"),
    ("system/findDataObjects", {"id": "x"}, "id"),
    ("system/findDataObjects", {"type": 5}, "type"),
    ("system/findDataObjects", {"tag": 5}, "tag"),
    ("system/findDataObjects", {"tags": 5}, "tags"),
    ("system/findDataObjects", {"properties": "x"}, "properties"),
    ("system/findDataObjects", {"link": 5}, "link"),
    ("system/findDataObjects", {"scope": "x"}, "scope"),
    ("system/findDataObjects", {"scope": {"project": "{P}", "recurse": "y"}}, "recurse"),
    ("system/findDataObjects", {"sortBy": "x"}, "sortBy"),
    ("system/findDataObjects", {"sortBy": {"field": "name"}}, "sortBy.field"),
    ("system/findDataObjects", {"level": 5}, "level"),
    ("system/findDataObjects", {"created": {"after": "x"}}, "created.after"),
    ("system/findDataObjects", {"modified": "x"}, "modified"),
    ("system/findDataObjects", {"region": 5}, "region"),
    ("system/findDataObjects", {"archivalState": 5}, "archivalState"),
    ("system/findDataObjects", {"describe": 5}, "describe"),
    ("system/findDataObjects", {"limit": "x"}, "limit"),
    ("system/findDataObjects", {"starting": 5}, "starting"),
    ("system/findProjects", {"name": 5}, "name"),
    ("system/findProjects", {"level": "x"}, "level"),
    ("system/findProjects", {"tags": 5}, "tags"),
    ("system/findProjects", {"public": "y"}, "public"),
    ("system/findProjects", {"explicitPermission": "y"}, "explicitPermission"),
    ("system/findProjects", {"billTo": 3}, "billTo"),
    ("system/findProjects", {"describe": 5}, "describe"),
    ("system/findProjects", {"limit": "x"}, "limit"),
    ("system/findProjects", {"starting": 5}, "starting"),
    ("system/resolveDataObjects", {"objects": "x"}, "objects"),
    ("system/resolveDataObjects", {"objects": [], "project": 5}, "project"),
    ("system/resolveDataObjects", {"objects": [], "folder": 5}, "folder"),
    ("system/describeDataObjects", {"objects": "x"}, "objects"),
    ("system/describeDataObjects", {"objects": [], "classDescribeOptions": 5}, "classDescribeOptions"),
    ("system/whoami", {"fields": "x"}, "fields"),
    ("system/comeBackLater", {"waitUntil": "x"}, "waitUntil"),
    ("system/comeBackLater", {"setRetryAfter": "x"}, "setRetryAfter"),
    ("user-emulator/describe", {"fields": "x"}, "fields"),
    ("org/new", {"handle": 5, "name": "n"}, "handle"),
    ("org/new", {"handle": "h" + uuid.uuid4().hex[:8], "name": 5}, "name"),
    ("org/new", {"handle": "h" + uuid.uuid4().hex[:8], "name": "n", "policies": 5}, "policies"),
    ("{G}/update", {"name": 5}, "name"),
    ("{G}/describe", {"fields": 5}, "fields"),
    ("{G}/findMembers", {"level": 5}, "level"),
    ("{G}/findProjects", {"public": "y"}, "public"),
    ("system/findOrgs", {"level": 5}, "level"),
    ("system/findApps", {"name": 5}, "name"),
    ("system/findApps", {"allVersions": "y"}, "allVersions"),
    ("system/findApps", {"created": {"before": "x"}}, "created.before"),
    ("system/findApps", {"category": 5}, "category"),
    ("system/findApps", {"installed": "y"}, "installed"),
    ("system/findApps", {"authorizedUser": 5}, "authorizedUser"),
    ("system/findApps", {"starting": 5}, "starting"),
    ("app/new", {"applet": 5, "name": "n", "version": "1.0.0"}, "applet"),
    ("system/findGlobalWorkflows", {"describe": 5}, "describe"),
    ("system/findGlobalWorkflows", {"limit": 0}, "limit"),
]

#: Routes with closed inputs: an unknown key is refused, naming it.
#: Creation and search routes (closed inputs, once refusing unknown keys).
STRICT: list[tuple[str, dict]] = [
    ("project/new", {"name": "x"}),
    ("record/new", {"project": "{P}"}),
    ("file/new", {"project": "{P}"}),
    ("org/new", {"handle": "s" + uuid.uuid4().hex[:8], "name": "S"}),
    ("system/findDataObjects", {}),
    ("system/findProjects", {}),
    ("system/resolveDataObjects", {"objects": []}),
    ("system/describeDataObjects", {"objects": []}),
    ("system/findOrgs", {"level": "MEMBER"}),
    ("system/findApps", {}),
    ("system/findGlobalWorkflows", {}),
    ("{G}/findMembers", {}),
    ("{G}/findProjects", {}),
    ("{G}/update", {}),
]

#: Routes that ignore keys they do not know (each call must succeed).
LENIENT: list[tuple[str, dict]] = [
    ("{R}/describe", {"parts": True}),
    ("{P}/describe", {"someNewOption": True}),
    ("{P}/listFolder", {"folder": "/", "someNewOption": 1}),
    ("{P}/move", {"objects": [], "destination": "/f", "targetFileRelocation": False}),
    ("{P}/clone", {"objects": ["{R}"], "project": "{O}", "targetFileRelocation": False}),
    ("{P}/update", {"someNewSetting": 1}),
    ("{R}/rename", {"project": "{P}", "name": "n", "someNewOption": 1}),
    ("system/whoami", {"someNewOption": 1}),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        for key, real in ids.items():
            value = value.replace("{" + key + "}", real)
        return value
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {_fill(k, ids): _fill(v, ids) for k, v in value.items()}
    return value


def _label(item: tuple) -> str:
    return f"{item[0]}:{','.join(item[1])}"


def _refused(emu: Emulator, route: str, body: dict) -> EmulatorCallError:
    with pytest.raises(EmulatorCallError) as info:
        emu.call(route, body)
    return info.value


@pytest.mark.parametrize("case", WRONG_TYPES, ids=_label)
def test_wrong_type_is_invalid_input_naming_the_field(emu: Emulator, ids: dict, case: tuple) -> None:
    route, body, name = case
    err = _refused(emu, _fill(route, ids), _fill(body, ids))
    assert err.status == 422 and err.error_type == "InvalidInput", err
    assert f'"{name}' in err.message or f'{name}"' in err.message, err.message


@pytest.mark.parametrize("case", STRICT, ids=_label)
def test_creation_and_search_routes_accept_dxapi_and_ignore_unknown_keys(emu: Emulator, ids: dict,
                                                                        case: tuple) -> None:
    # the platform's documentation names no route that refuses unknown keys, and clients
    # (upstream dxpy, dx) add "dxapi" to their inputs: no route refuses them
    route, body = case
    plain = emu.call(_fill(route, ids), _fill(body, ids))
    again = _fill(body, ids)
    if "handle" in again:  # org handles are unique
        again["handle"] += "x"
    extra = emu.call(_fill(route, ids), {**again, "dxapi": "1.0.0", "someNewOption": 1})
    assert isinstance(extra, dict) and set(extra) == set(plain)


def test_record_new_with_dxapi_creates_the_record(emu: Emulator, ids: dict) -> None:
    made = emu.call("record/new", {"project": ids["P"], "name": "via dx", "dxapi": "1.0.0"})
    assert emu.call(f"{made['id']}/describe", {"project": ids["P"]})["name"] == "via dx"


#: What each lenient call must have done, unknown keys notwithstanding.
_EFFECTS: dict[str, Any] = {
    "{R}/describe": lambda emu, ids, out: out["id"] == ids["R"] and "parts" not in out,
    "{P}/describe": lambda emu, ids, out: out["id"] == ids["P"],
    "{P}/listFolder": lambda emu, ids, out: isinstance(out["objects"], list) and "folders" in out,
    "{P}/move": lambda emu, ids, out: out == {"id": ids["P"]},
    "{P}/clone": lambda emu, ids, out: out["project"] == ids["O"] and emu.call(
        f"{ids['R']}/describe", {"project": ids["O"]})["project"] == ids["O"],
    "{P}/update": lambda emu, ids, out: out == {"id": ids["P"]},
    "{R}/rename": lambda emu, ids, out: emu.call(
        f"{ids['R']}/describe", {"project": ids["P"]})["name"] == "n",
    "system/whoami": lambda emu, ids, out: out["id"].startswith("user-"),
}


@pytest.mark.parametrize("case", LENIENT, ids=_label)
def test_other_routes_ignore_unknown_keys(emu: Emulator, ids: dict, case: tuple) -> None:
    route, body = case
    out = emu.call(_fill(route, ids), _fill(body, ids))
    assert isinstance(out, dict)
    assert _EFFECTS[route](emu, ids, out), out
