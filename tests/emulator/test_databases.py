"""Emulator databases: ``/emulator/newDatabase``, the common routes of ``database-xxxx``,
``listFolder``, ``downloadFile`` and the pre-signed download URLs, over HTTP."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from typing import Any

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator import Emulator, EmulatorCallError

TREE = {"tables": {"a.csv": "x,y\n1,2\n", "b": {"part-0.parquet": "PAR1"}}, "README": "hello"}


def _new_db(emu: Emulator, project: str, **extra: Any) -> str:
    body = {"project": project, "name": "sales", "files": TREE, **extra}
    return str(emu.call("emulator/newDatabase", body)["id"])


def _get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read()


def test_new_database_describe(dx_emulator: Emulator, dx_project: str) -> None:
    dbid = _new_db(dx_emulator, dx_project, databaseName="sales_db", tags=["t"], properties={"k": "v"},
                   folder="/dbs", parents=True, details={"d": 1})
    desc = api.database_describe(dbid, {"properties": True, "details": True})
    assert dbid.startswith("database-") and desc["class"] == "database"
    assert desc["name"] == "sales" and desc["databaseName"] == "sales_db"
    assert desc["uniqueDatabaseName"] == dbid.replace("-", "_").lower() + "__sales_db"
    assert desc["state"] == "closed" and desc["folder"] == "/dbs" and desc["tags"] == ["t"]
    assert desc["properties"] == {"k": "v"} and desc["details"] == {"d": 1}
    assert desc["size"] == len("x,y\n1,2\n") + len("PAR1") + len("hello")
    only = api.database_describe(dbid, {"fields": {"databaseName": True}})
    assert only == {"id": dbid, "databaseName": "sales_db"}


def test_new_database_is_admin_only_and_checks_input(dx_emulator: Emulator, dx_project: str) -> None:
    _uid, token = dx_emulator.new_user("dbstranger")
    with pytest.raises(EmulatorCallError) as info:
        dx_emulator.call("emulator/newDatabase", {"project": dx_project, "files": {}}, token=token)
    assert info.value.error_type == "PermissionDenied"
    bad = [({"files": {"a": 1}}, "a"), ({"files": {"../x": "y"}}, "leaves"),
           ({"files": {"a": "x", "a/b": "y"}}, "both"), ({"encoding": "latin-1"}, "encoding"),
           ({"encoding": "base64", "files": {"a": "!!"}}, "base64"), ({"close": "yes"}, "close")]
    for extra, word in bad:
        with pytest.raises(EmulatorCallError) as info:
            dx_emulator.call("emulator/newDatabase", {"project": dx_project, **extra})
        assert info.value.error_type == "InvalidInput" and word in info.value.message, (extra, info.value)


def test_list_folder(dx_emulator: Emulator, dx_project: str) -> None:
    dbid = _new_db(dx_emulator, dx_project)
    top = api.database_list_folder(dbid, {"folder": "/"})["results"]
    assert [(r["path"], r["isDirectory"]) for r in top] == [(f"/{dbid}/README", False),
                                                             (f"/{dbid}/tables", True)]
    assert top[0]["size"] == 5 and top[0]["modified"] > 0
    deep = api.database_list_folder(dbid, {"folder": "tables", "recurse": True})["results"]
    assert [r["path"].split(dbid + "/")[1] for r in deep] == [
        "tables/a.csv", "tables/b", "tables/b/part-0.parquet"]
    one = api.database_list_folder(dbid, {"folder": "/tables/a.csv"})["results"]
    assert [(r["path"], r["size"]) for r in one] == [(f"/{dbid}/tables/a.csv", 8)]
    with pytest.raises(exc.ResourceNotFound):
        api.database_list_folder(dbid, {"folder": "/nothing"})
    with pytest.raises(exc.InvalidInput):
        api.database_list_folder(dbid, {"recurse": "yes"})


def test_download_file_serves_the_content_and_ranges(dx_emulator: Emulator, dx_project: str) -> None:
    data = bytes(range(256)) * 4
    dbid = _new_db(dx_emulator, dx_project, encoding="base64",
                   files={"bin/blob.dat": base64.b64encode(data).decode()})
    out = api.database_download_file(dbid, {"filename": "bin/blob.dat", "projectContext": dx_project})
    assert out["headers"] == {} and out["expires"] > 0
    assert _get(out["url"]) == (200, data)
    assert _get(out["url"], {"Range": "bytes=10-19"}) == (206, data[10:20])
    with pytest.raises(urllib.error.HTTPError) as info:
        _get(out["url"].replace("/bin", "/x").rsplit("/", 2)[0] + "/forged/blob.dat")
    assert info.value.code == 403
    with pytest.raises(exc.ResourceNotFound):
        api.database_download_file(dbid, {"filename": "bin/missing"})
    with pytest.raises(exc.InvalidInput):
        api.database_download_file(dbid, {})


def test_common_routes_and_containers(dx_emulator: Emulator, dx_project: str) -> None:
    dbid = _new_db(dx_emulator, dx_project, close=False)
    api.database_rename(dbid, {"project": dx_project, "name": "renamed"})
    api.database_add_tags(dbid, {"project": dx_project, "tags": ["a", "b"]})
    api.database_remove_tags(dbid, {"project": dx_project, "tags": ["a"]})
    api.database_set_properties(dbid, {"project": dx_project, "properties": {"p": "1"}})
    api.database_add_types(dbid, {"types": ["Spark"]})
    api.database_set_details(dbid, {"x": 1})
    api.database_set_visibility(dbid, {"hidden": True})
    api.database_close(dbid, {})
    desc = api.database_describe(dbid, {"properties": True})
    assert (desc["name"], desc["tags"], desc["properties"], desc["types"]) == ("renamed", ["b"], {"p": "1"},
                                                                              ["Spark"])
    assert desc["hidden"] is True and desc["state"] == "closed"
    assert api.database_get_details(dbid, {}) == {"x": 1}
    with pytest.raises(exc.InvalidState):
        api.database_set_details(dbid, {"y": 2})
    other = api.project_new({"name": "db other"})["id"]
    try:
        api.project_clone(dx_project, {"objects": [dbid], "project": other})
        assert set(api.database_list_projects(dbid, {})) == {dx_project, other}
        query = {"class": "database", "scope": {"project": other}, "visibility": "either"}
        found = api.system_find_data_objects(query)["results"]
        assert [r["id"] for r in found] == [dbid]
        api.project_remove_objects(dx_project, {"objects": [dbid]})
        assert list(api.database_list_projects(dbid, {})) == [other]
        url = api.database_download_file(dbid, {"filename": "README"})["url"]
        assert _get(url) == (200, b"hello")
    finally:
        api.project_destroy(other, {})
    with pytest.raises(exc.ResourceNotFound):
        api.database_describe(dbid, {})


def test_database_survives_a_restart_and_is_swept_with_its_last_copy(tmp_path: Any) -> None:
    state = str(tmp_path / "state")
    with Emulator(state_dir=state) as emu:
        project = emu.call("project/new", {"name": "p"})["id"]
        dbid = _new_db(emu, project)
    with Emulator(state_dir=state) as emu:
        url = emu.call(f"{dbid}/downloadFile", {"filename": "tables/a.csv"})["url"]
        assert _get(url) == (200, b"x,y\n1,2\n")
        blobs = emu.server.store
        assert blobs is not None
        with blobs.read() as db:
            names = [r[0] for r in db.execute("SELECT blob FROM file_parts WHERE file_id=?", (dbid,))]
        assert len(names) == 3
        emu.call(f"{project}/removeObjects", {"objects": [dbid]})
        with blobs.read() as db:
            assert db.execute("SELECT COUNT(*) FROM database_files WHERE db_id=?", (dbid,)).fetchone()[0] == 0
            assert db.execute("SELECT COUNT(*) FROM file_parts WHERE file_id=?", (dbid,)).fetchone()[0] == 0
