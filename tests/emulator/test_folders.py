"""Emulator folder routes (newFolder, listFolder, move, renameFolder, removeFolder, removeObjects, clone)."""

from __future__ import annotations

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from tests.emulator._datahelp import new_project, new_record, other_user  # noqa: F401


def test_new_folder_normalises_paths(dx_project: str) -> None:
    api.project_new_folder(dx_project, {"folder": "/a//b////c/", "parents": True})
    folders = api.project_describe(dx_project, {"folders": True})["folders"]
    assert folders == ["/", "/a", "/a/b", "/a/b/c"]
    assert api.project_list_folder(dx_project, {"folder": "/a/"})["folders"] == ["/a/b"]


def test_new_folder_errors(dx_project: str) -> None:
    with pytest.raises(exc.ResourceNotFound):
        api.project_new_folder(dx_project, {"folder": "/x/y"})
    api.project_new_folder(dx_project, {"folder": "/x"})
    with pytest.raises(exc.InvalidState):
        api.project_new_folder(dx_project, {"folder": "/x"})
    api.project_new_folder(dx_project, {"folder": "/x", "parents": True})  # no error with parents
    for bad in ("relative", "/a/../b", "/a/\x01", 5):
        with pytest.raises(exc.InvalidInput) as info:
            api.project_new_folder(dx_project, {"folder": bad})
        assert "folder" in str(info.value)
    with pytest.raises(exc.InvalidInput):
        api.project_new_folder(dx_project, {})


def test_list_folder_objects_describe_only_hidden(dx_project: str) -> None:
    api.project_new_folder(dx_project, {"folder": "/d/sub", "parents": True})
    visible = new_record(dx_project, name="v", folder="/d")
    hidden = new_record(dx_project, name="h", folder="/d", hidden=True)
    out = api.project_list_folder(dx_project, {"folder": "/d"})
    assert out == {"objects": [{"id": visible}], "folders": ["/d/sub"]}
    out = api.project_list_folder(dx_project, {"folder": "/d", "includeHidden": True, "only": "objects"})
    assert {o["id"] for o in out["objects"]} == {visible, hidden} and "folders" not in out
    out = api.project_list_folder(dx_project, {"folder": "/d", "describe": {"fields": {"name": True}}})
    assert out["objects"] == [{"id": visible, "describe": {"id": visible, "name": "v"}}]
    out = api.project_list_folder(dx_project, {"folder": "/d", "describe": True, "only": "folders"})
    assert out == {"folders": ["/d/sub"]}
    full = api.project_list_folder(dx_project, {"folder": "/d", "describe": True})
    assert full["objects"][0]["describe"]["folder"] == "/d"
    flags = api.project_list_folder(dx_project, {"folder": "/", "hasSubfolderFlags": True, "only": "folders"})
    assert flags["folders"] == [["/d", True]]
    with pytest.raises(exc.ResourceNotFound):
        api.project_list_folder(dx_project, {"folder": "/nope"})
    with pytest.raises(exc.InvalidInput):
        api.project_list_folder(dx_project, {"only": "files"})


def test_move_objects_and_folders(dx_project: str) -> None:
    api.project_new_folder(dx_project, {"folder": "/a/b/c/d", "parents": True})
    rid = new_record(dx_project, name="r", folder="/a/b/c/d")
    top = new_record(dx_project, name="t")
    api.project_move(dx_project, {"folders": ["/a/b/c/d"], "objects": [top], "destination": "/a"})
    assert api.project_list_folder(dx_project, {"folder": "/a"}) == {
        "objects": [{"id": top}], "folders": ["/a/b", "/a/d"]}
    assert api.record_describe(rid)["folder"] == "/a/d"
    with pytest.raises(exc.ResourceNotFound):
        api.project_list_folder(dx_project, {"folder": "/a/b/c/d"})
    with pytest.raises(exc.ResourceNotFound):
        api.project_move(dx_project, {"objects": [top], "destination": "/missing"})
    with pytest.raises(exc.InvalidInput):
        api.project_move(dx_project, {"folders": ["/a"], "destination": "/a/b"})
    with pytest.raises(exc.InvalidInput):
        api.project_move(dx_project, {"objects": [top]})
    with pytest.raises(exc.ResourceNotFound):
        api.project_move(dx_project, {"objects": ["record-" + "0" * 24], "destination": "/"})


def test_rename_folder_both_input_styles(dx_project: str) -> None:
    api.project_new_folder(dx_project, {"folder": "/old/inner", "parents": True})
    rid = new_record(dx_project, folder="/old/inner")
    api.project_rename_folder(dx_project, {"folder": "/old", "name": "new"})
    assert api.record_describe(rid)["folder"] == "/new/inner"
    api.project_rename_folder(dx_project, {"folder": "/new", "newpath": "/newer"})
    assert api.project_describe(dx_project, {"folders": True})["folders"] == ["/", "/newer", "/newer/inner"]
    with pytest.raises(exc.InvalidInput):
        api.project_rename_folder(dx_project, {"folder": "/newer", "name": "a/b"})
    with pytest.raises(exc.ResourceNotFound):
        api.project_rename_folder(dx_project, {"folder": "/ghost", "name": "x"})
    api.project_new_folder(dx_project, {"folder": "/other"})
    with pytest.raises(exc.InvalidState):
        api.project_rename_folder(dx_project, {"folder": "/other", "name": "newer"})


def test_remove_folder(dx_project: str) -> None:
    api.project_new_folder(dx_project, {"folder": "/f/g", "parents": True})
    rid = new_record(dx_project, folder="/f/g")
    with pytest.raises(exc.InvalidState):
        api.project_remove_folder(dx_project, {"folder": "/f"})
    out = api.project_remove_folder(dx_project, {"folder": "/f", "recurse": True})
    assert out == {"id": dx_project, "completed": True}
    with pytest.raises(exc.ResourceNotFound):
        api.record_describe(rid)
    with pytest.raises(exc.ResourceNotFound):
        api.project_remove_folder(dx_project, {"folder": "/f"})
    assert api.project_remove_folder(dx_project, {"folder": "/f", "force": True})["completed"] is True
    with pytest.raises(exc.InvalidInput):
        api.project_remove_folder(dx_project, {"folder": "/", "recurse": True})


def test_remove_folder_partial_loops_until_completed(dx_project: str, monkeypatch) -> None:
    from dxpy.emulator._routes import folders as _routes_folders

    monkeypatch.setattr(_routes_folders, "PARTIAL_BATCH", 3)
    api.project_new_folder(dx_project, {"folder": "/big"})
    for i in range(7):
        new_record(dx_project, name=f"r{i}", folder="/big")
    rounds = []
    while True:
        out = api.project_remove_folder(dx_project, {"folder": "/big", "recurse": True, "partial": True})
        rounds.append(out["completed"])
        if out["completed"]:
            break
    assert rounds == [False, False, True]
    assert api.project_describe(dx_project, {"folders": True})["folders"] == ["/"]


def test_remove_objects_and_hidden_linked(dx_project: str) -> None:
    hidden = new_record(dx_project, name="h", hidden=True)
    shared = new_record(dx_project, name="shared", hidden=True)
    parent = new_record(dx_project, name="p", details={"a": {"$dnanexus_link": hidden},
                                                       "b": {"$dnanexus_link": shared}})
    other = new_record(dx_project, name="o", details=[{"$dnanexus_link": shared}])
    api.project_remove_objects(dx_project, {"objects": [parent]})
    for gone in (parent, hidden):
        with pytest.raises(exc.ResourceNotFound):
            api.record_describe(gone)
    assert api.record_describe(shared)["hidden"] is True  # still linked from "o"
    assert api.record_describe(other)["name"] == "o"
    with pytest.raises(exc.ResourceNotFound):
        api.project_remove_objects(dx_project, {"objects": [parent]})
    api.project_remove_objects(dx_project, {"objects": [parent], "force": True})
    with pytest.raises(exc.InvalidInput):
        api.project_remove_objects(dx_project, {"objects": ["nonsense"]})


def test_protected_project_needs_administer_to_delete(dx_project: str, other_user) -> None:  # noqa: F811
    rid = new_record(dx_project)
    api.project_update(dx_project, {"protected": True})
    api.project_invite(dx_project, {"invitee": other_user.user_id, "level": "CONTRIBUTE"})
    with other_user, pytest.raises(exc.PermissionDenied):
        api.project_remove_objects(dx_project, {"objects": [rid]})
    api.project_remove_objects(dx_project, {"objects": [rid]})


def test_clone_between_projects(dx_project: str) -> None:
    dest = new_project("dest")
    api.project_new_folder(dx_project, {"folder": "/src/deep", "parents": True})
    a = new_record(dx_project, name="a", tags=["t"], properties={"k": "v"}, close=True)
    b = new_record(dx_project, name="b", folder="/src/deep", close=True)
    hidden = new_record(dx_project, name="hid", hidden=True, close=True)
    c = new_record(dx_project, name="c", folder="/src", details={"x": {"$dnanexus_link": hidden}}, close=True)
    created = api.record_describe(a)["created"]
    out = api.project_clone(dx_project, {"objects": [a], "folders": ["/src"], "project": dest,
                                         "destination": "/into", "parents": True})
    assert out == {"id": dx_project, "project": dest, "exists": []}
    desc = api.record_describe(a, {"project": dest, "properties": True})
    assert desc["project"] == dest and desc["folder"] == "/into" and desc["name"] == "a"
    assert desc["tags"] == ["t"] and desc["properties"] == {"k": "v"} and desc["created"] == created
    assert api.record_describe(b, {"project": dest})["folder"] == "/into/src/deep"
    assert api.record_describe(c, {"project": dest})["folder"] == "/into/src"
    assert api.record_describe(hidden, {"project": dest})["project"] == dest
    again = api.project_clone(dx_project, {"objects": [a, b], "project": dest})
    assert sorted(again["exists"]) == sorted([a, b])
    api.project_destroy(dest)


def test_clone_errors(dx_project: str) -> None:
    dest = new_project("dest2")
    open_rec = new_record(dx_project)
    with pytest.raises(exc.InvalidState):
        api.project_clone(dx_project, {"objects": [open_rec], "project": dest})
    closed = new_record(dx_project, close=True)
    with pytest.raises(exc.ResourceNotFound):
        api.project_clone(dx_project, {"objects": [closed], "project": dest, "destination": "/no"})
    with pytest.raises(exc.InvalidInput):
        api.project_clone(dx_project, {"objects": [closed]})
    with pytest.raises(exc.ResourceNotFound):
        api.project_clone(dx_project, {"objects": [closed], "project": "project-" + "0" * 24})
    with pytest.raises(exc.InvalidInput):
        api.project_clone(dx_project, {"objects": [closed], "project": dx_project})
    api.project_update(dx_project, {"restricted": True})
    with pytest.raises(exc.PermissionDenied):
        api.project_clone(dx_project, {"objects": [closed], "project": dest})
    api.project_destroy(dest)
