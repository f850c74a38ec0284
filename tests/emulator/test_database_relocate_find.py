"""Emulator databases: ``/database-xxxx/relocate`` and ``/system/findDatabases``, over HTTP
and through the dxpy bindings."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator import Emulator, EmulatorCallError


def _new_db(emu: Emulator, project: str, **extra: Any) -> str:
    body = {"project": project, "name": "sales", "files": {"t/a.csv": "x\n1\n"}, **extra}
    return str(emu.call("emulator/newDatabase", body)["id"])


def _error(emu: Emulator, path: str, body: Any, token: Any = None) -> tuple[str, str]:
    with pytest.raises(EmulatorCallError) as info:
        emu.call(path, body, token=token)
    return info.value.error_type, info.value.message


@pytest.fixture
def other(dx_emulator: Emulator) -> Iterator[str]:
    pid = str(dx_emulator.call("project/new", {"name": "db destination", "region": "azure:westus"})["id"])
    yield pid
    dx_emulator.call(f"{pid}/destroy", {})


# -- relocate ------------------------------------------------------------------------------------


def test_relocate_moves_the_database_with_its_metadata(dx_emulator: Emulator, dx_project: str,
                                                       other: str) -> None:
    dbid = _new_db(dx_emulator, dx_project, tags=["t"], properties={"k": "v"}, folder="/dbs", parents=True)
    before = api.database_describe(dbid, {})
    assert before["region"] == "aws:us-east-1"
    moved = api.database_relocate(dbid, {"project": other, "folder": "/moved", "parents": True})
    assert moved == {"id": dbid}
    assert list(api.database_list_projects(dbid, {})) == [other]
    desc = api.database_describe(dbid, {"properties": True})
    assert (desc["project"], desc["folder"], desc["name"], desc["tags"], desc["properties"]) == (
        other, "/moved", "sales", ["t"], {"k": "v"})
    assert desc["region"] == "azure:westus" and desc["created"] == before["created"]
    assert desc["modified"] >= before["modified"]
    listed = api.project_list_folder(other, {"folder": "/moved"})["objects"]
    assert [o["id"] for o in listed] == [dbid]
    assert api.project_list_folder(dx_project, {"folder": "/dbs"})["objects"] == []
    # the content moved with it
    url = api.database_download_file(dbid, {"filename": "t/a.csv", "projectContext": other})["url"]
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.read() == b"x\n1\n"
    # and back, to the root folder by default
    api.database_relocate(dbid, {"project": dx_project})
    assert api.database_describe(dbid, {})["folder"] == "/"


def test_relocate_checks_state_input_and_destination(dx_emulator: Emulator, dx_project: str,
                                                     other: str) -> None:
    dbid = _new_db(dx_emulator, dx_project)
    opened = _new_db(dx_emulator, dx_project, close=False)
    assert _error(dx_emulator, f"{opened}/relocate", {"project": other})[0] == "InvalidState"
    cases = [({}, "project"), ({"project": 5}, "project"), ({"project": "record-" + "B" * 24}, "project"),
             ({"project": other, "folder": 3}, "folder"), ({"project": dx_project}, "already")]
    for body, word in cases:
        kind, message = _error(dx_emulator, f"{dbid}/relocate", body)
        assert kind == "InvalidInput" and word in message, (body, message)
    for body in ({"project": other, "folder": "/no"}, {"project": "project-" + "B" * 24}):
        assert _error(dx_emulator, f"{dbid}/relocate", body)[0] == "ResourceNotFound", body
    # nothing moved
    assert list(api.database_list_projects(dbid, {})) == [dx_project]


def test_relocate_permissions(dx_emulator: Emulator, dx_project: str, other: str) -> None:
    uid, token = dx_emulator.new_user("dbmover")
    dbid = _new_db(dx_emulator, dx_project)
    assert _error(dx_emulator, f"{dbid}/relocate", {"project": other}, token)[0] == "ResourceNotFound"
    dx_emulator.call(f"{dx_project}/invite", {"invitee": uid, "level": "UPLOAD"})
    kind, message = _error(dx_emulator, f"{dbid}/relocate", {"project": other}, token)
    assert kind == "PermissionDenied" and "CONTRIBUTE" in message
    dx_emulator.call(f"{dx_project}/invite", {"invitee": uid, "level": "CONTRIBUTE"})
    assert _error(dx_emulator, f"{dbid}/relocate", {"project": other}, token)[0] == "ResourceNotFound"
    dx_emulator.call(f"{other}/invite", {"invitee": uid, "level": "VIEW"})
    kind, message = _error(dx_emulator, f"{dbid}/relocate", {"project": other}, token)
    assert kind == "PermissionDenied" and "UPLOAD" in message
    dx_emulator.call(f"{other}/invite", {"invitee": uid, "level": "UPLOAD"})
    dx_emulator.call(f"{dx_project}/update", {"protected": True})
    kind, message = _error(dx_emulator, f"{dbid}/relocate", {"project": other}, token)
    assert kind == "PermissionDenied" and "ADMINISTER" in message
    dx_emulator.call(f"{dx_project}/update", {"protected": False, "restricted": True})
    kind, message = _error(dx_emulator, f"{dbid}/relocate", {"project": other}, token)
    assert kind == "PermissionDenied" and "restricted" in message
    dx_emulator.call(f"{dx_project}/update", {"restricted": False})
    assert dx_emulator.call(f"{dbid}/relocate", {"project": other}, token=token) == {"id": dbid}
    assert list(api.database_list_projects(dbid, {})) == [other]


# -- findDatabases -------------------------------------------------------------------------------


def _ids(answer: dict) -> list[str]:
    return [r["id"] for r in answer["results"]]


def test_find_databases_filters(dx_emulator: Emulator, dx_project: str, other: str) -> None:
    sales = _new_db(dx_emulator, dx_project, databaseName="sales_db", tags=["gold"], properties={"k": "v"})
    stock = _new_db(dx_emulator, dx_project, name="stock", databaseName="stock_db")
    far = _new_db(dx_emulator, other, name="far", databaseName="sales_eu")
    dx_emulator.call("record/new", {"project": dx_project, "name": "sales"})
    mine = {"scope": {"project": dx_project}}
    assert sorted(_ids(api.system_find_databases(mine))) == sorted([sales, stock])
    assert _ids(api.system_find_databases({"project": other})) == [far]
    assert _ids(api.system_find_databases({**mine, "name": "sales"})) == [sales]
    assert _ids(api.system_find_databases({**mine, "databaseName": "stock_db"})) == [stock]
    both = api.system_find_databases({"databaseName": {"glob": "sales_*"}})
    assert sorted(_ids(both)) == sorted([sales, far])
    assert _ids(api.system_find_databases({"databaseName": {"regexp": "_eu$"}})) == [far]
    unique = sales.replace("-", "_").lower() + "__sales_db"
    assert _ids(api.system_find_databases({"uniqueDatabaseName": unique})) == [sales]
    assert _ids(api.system_find_databases({"uniqueDatabaseName": unique + "x"})) == []
    assert _ids(api.system_find_databases({**mine, "tags": "gold"})) == [sales]
    assert _ids(api.system_find_databases({**mine, "properties": {"k": "v"}})) == [sales]
    created = api.database_describe(stock, {})["created"]
    assert _ids(api.system_find_databases({**mine, "created": {"after": created + 1}})) == []
    described = api.system_find_databases({**mine, "name": "stock", "describe": True})["results"]
    assert described[0]["project"] == dx_project
    assert described[0]["describe"]["databaseName"] == "stock_db"
    assert described[0]["describe"]["uniqueDatabaseName"].endswith("__stock_db")
    for bad in ({"project": dx_project, "scope": mine["scope"]}, {"databaseName": 3},
                {"uniqueDatabaseName": ["x"]}, {"limit": 0}):
        with pytest.raises(exc.InvalidInput):
            api.system_find_databases(bad)


def test_find_databases_pages_and_follows_relocation(dx_emulator: Emulator, dx_project: str,
                                                     other: str) -> None:
    made = {_new_db(dx_emulator, dx_project, name=f"d{i}") for i in range(5)}
    seen: list[str] = []
    query: dict = {"project": dx_project, "limit": 2}
    while True:
        page = api.system_find_databases(query)
        assert len(page["results"]) <= 2
        seen += _ids(page)
        if page["next"] is None:
            break
        query["starting"] = page["next"]
    assert sorted(seen) == sorted(made) and len(seen) == 5
    moved = sorted(made)[0]
    api.database_relocate(moved, {"project": other})
    assert _ids(api.system_find_databases({"project": other})) == [moved]
    assert moved not in _ids(api.system_find_databases({"project": dx_project}))


def test_find_databases_shows_only_what_the_caller_can_view(dx_emulator: Emulator, dx_project: str) -> None:
    uid, token = dx_emulator.new_user("dbfinder")
    dbid = _new_db(dx_emulator, dx_project)
    assert dx_emulator.call("system/findDatabases", {}, token=token) == {"results": [], "next": None}
    kind, _msg = _error(dx_emulator, "system/findDatabases", {"project": dx_project}, token)
    assert kind == "ResourceNotFound"
    dx_emulator.call(f"{dx_project}/invite", {"invitee": uid, "level": "VIEW"})
    found = dx_emulator.call("system/findDatabases", {}, token=token)["results"]
    assert found == [{"project": dx_project, "id": dbid}]
    assert dx_emulator.call("system/findDatabases", {"level": "UPLOAD"}, token=token)["results"] == []
