"""Emulator containers: ``/container-xxxx/destroy``, over HTTP and through the dxpy bindings."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._blobstore import storage


def _container(emu: Emulator, owner: str) -> str:
    from dxpy.emulator._routes.projects import create_container

    assert emu.server.store is not None
    with emu.server.store.write() as db:
        return create_container(db, owner, int(time.time() * 1000))


def _error(emu: Emulator, path: str, body: Any, token: Any = None) -> tuple[str, str]:
    with pytest.raises(EmulatorCallError) as info:
        emu.call(path, body, token=token)
    return info.value.error_type, info.value.message


def _blob_path(emu: Emulator, name: str) -> str:
    return storage.blob_store(emu.server.config).path(name)


def test_destroy_removes_the_container_its_objects_and_their_blobs(dx_emulator: Emulator,
                                                                   dx_project: str) -> None:
    cid = _container(dx_emulator, dx_emulator.user_id)
    record = dx_emulator.call("record/new", {"project": cid, "close": True})["id"]
    kept = dx_emulator.call("record/new", {"project": cid, "close": True})["id"]
    api.container_clone(cid, {"objects": [kept], "project": dx_project})
    db = dx_emulator.call("emulator/newDatabase", {"project": cid, "files": {"a": "hello"}})["id"]
    store = dx_emulator.server.store
    assert store is not None
    with store.read() as conn:
        blobs = [r[0] for r in conn.execute("SELECT blob FROM file_parts WHERE file_id=?", (db,))]
    assert len(blobs) == 1 and os.path.exists(_blob_path(dx_emulator, blobs[0]))
    assert api.container_destroy(cid, {}) == {"id": cid}
    with pytest.raises(exc.ResourceNotFound):
        api.container_describe(cid, {})
    for gone in (record, db):
        with pytest.raises(exc.ResourceNotFound):
            api.record_describe(gone, {}) if gone == record else api.database_describe(gone, {})
    # an object also held elsewhere survives
    assert list(api.record_list_projects(kept, {})) == [dx_project]
    storage.drain_trash(dx_emulator.server.config)
    assert not os.path.exists(_blob_path(dx_emulator, blobs[0]))
    with pytest.raises(exc.ResourceNotFound):
        api.container_destroy(cid, {})


def test_destroy_needs_administer(dx_emulator: Emulator) -> None:
    uid, token = dx_emulator.new_user("wsmember")
    cid = _container(dx_emulator, dx_emulator.user_id)
    assert _error(dx_emulator, f"{cid}/destroy", {}, token)[0] == "ResourceNotFound"
    assert dx_emulator.server.store is not None
    for level in (1, 2, 3):  # VIEW, UPLOAD, CONTRIBUTE
        with dx_emulator.server.store.write() as db:
            db.execute("INSERT OR REPLACE INTO memberships(container_id, member, level) VALUES (?,?,?)",
                       (cid, uid, level))
        kind, message = _error(dx_emulator, f"{cid}/destroy", {}, token)
        assert kind == "PermissionDenied" and "ADMINISTER" in message
    assert dx_emulator.call(f"{cid}/destroy", {}) == {"id": cid}


def test_a_project_id_reaches_the_project_route(dx_emulator: Emulator, dx_project: str) -> None:
    # the URL names the route: dxpy's container_destroy on a project ID is /project-xxxx/destroy
    pid = api.project_new({"name": "not a container"})["id"]
    assert api.container_destroy(pid, {}) == {"id": pid}
    with pytest.raises(exc.ResourceNotFound):
        api.project_describe(pid, {})


def test_containers_in_use_cannot_be_destroyed(dx_emulator: Emulator, dx_project: str) -> None:
    spec = {"dxapi": "1.0.0", "runSpec": {"interpreter": "bash", "code": "main() { sleep 60; }"}}
    applet = dx_emulator.call("applet/new", {"project": dx_project, **spec})["id"]
    app = dx_emulator.call("app/new", {"applet": applet, "name": "wsapp" + str(os.getpid()),
                                       "version": "1.0.0"})["id"]
    resources = api.app_describe(app)["resources"]
    kind, message = _error(dx_emulator, f"{resources}/destroy", {})
    assert kind == "InvalidState" and app in message
    job = api.applet_run(applet, {"project": dx_project, "input": {}})["id"]
    try:
        workspace = api.job_describe(job, {})["workspace"]
        kind, message = _error(dx_emulator, f"{workspace}/destroy", {})
        assert kind == "InvalidState" and job in message
        assert api.container_describe(workspace, {})["id"] == workspace
    finally:
        api.job_terminate(job, {})
    deadline = time.time() + 30
    while api.job_describe(job, {})["state"] != "terminated" and time.time() < deadline:
        time.sleep(0.1)
    # the platform (here: the emulator) destroyed the workspace when the job ended
    with pytest.raises(exc.ResourceNotFound):
        api.container_destroy(workspace, {})
