"""DXDatabase and download_dxdatabasefile against the emulator's databases (created with the
admin route ``/emulator/newDatabase``)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

import dxpy
from dxpy.emulator import Emulator

CONTENT = bytes(range(256)) * 40  # 10240 bytes


def _new_db(emu: Emulator, project: str) -> str:
    files = {"tables": {"part-0.bin": base64.b64encode(CONTENT).decode()},
             "x.csv": base64.b64encode(b"a,b\n").decode()}
    body = {"project": project, "name": "warehouse", "encoding": "base64", "files": files}
    return str(emu.call("emulator/newDatabase", body)["id"])


def test_dxdatabase_handler_describes_and_finds(dx_emulator: Emulator, dx_project: str) -> None:
    dbid = _new_db(dx_emulator, dx_project)
    handler = dxpy.DXDatabase(dbid, project=dx_project)
    desc = handler.describe()
    assert desc["databaseName"] == "warehouse" and desc["class"] == "database"
    handler.add_tags(["spark"])
    handler.rename("wh")
    assert handler.describe()["name"] == "wh" and handler.tags == ["spark"]
    found = list(dxpy.find_data_objects(classname="database", project=dx_project, return_handler=True))
    assert [type(h).__name__ for h in found] == ["DXDatabase"] and found[0].get_id() == dbid
    assert isinstance(dxpy.get_handler(dbid), dxpy.DXDatabase)


def test_get_download_url_and_download_dxdatabasefile(dx_emulator: Emulator, dx_project: str,
                                                      tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DX_JOB_ID", raising=False)
    dbid = _new_db(dx_emulator, dx_project)
    handler = dxpy.DXDatabase(dbid, project=dx_project)
    url, headers = handler.get_download_url(src_filename="tables/part-0.bin")
    assert f"/storage/database/{dbid}/" in url and headers == {}
    assert handler.get_download_url(src_filename="tables/part-0.bin") == (url, headers)
    listing = dxpy.api.database_list_folder(dbid, {"folder": "/tables"})["results"]
    status = next(s for s in listing if s["path"].endswith("part-0.bin"))
    dxpy.download_dxdatabasefile(dbid, str(tmp_path / "out"), "tables/part-0.bin", status, chunksize=4096,
                                 project=dx_project)
    assert (tmp_path / "out" / "tables" / "part-0.bin").read_bytes() == CONTENT
    dxpy.download_dxdatabasefile(handler, str(tmp_path / "out"), "x.csv", {"size": 4})
    assert (tmp_path / "out" / "x.csv").read_bytes() == b"a,b\n"
