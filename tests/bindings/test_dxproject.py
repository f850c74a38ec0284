"""DXContainer / DXProject: folders, object moves and copies, membership, settings."""

from __future__ import annotations

import pytest
from _bindhelp import CONT, PROJ, REC, OtherUser, new_project

import dxpy
from dxpy.exceptions import DXError, InvalidState, PermissionDenied, ResourceNotFound
from tests._support.testserver import reply


def test_new_with_every_option_and_describe(dx_project: str) -> None:
    p = dxpy.DXProject()
    pid = p.new(
        "all options",
        summary="sum",
        description="desc",
        protected=True,
        restricted=False,
        download_restricted=False,
        contains_phi=False,
        tags=["t"],
        properties={"k": "v"},
        database_ui_view_only=False,
        external_upload_restricted=False,
        preview_viewer_restricted=False,
    )
    try:
        assert pid == p.get_id() and pid.startswith("project-")
        desc = p.describe()
        assert (desc["name"], desc["summary"], desc["description"]) == ("all options", "sum", "desc")
        assert desc["protected"] is True and desc["tags"] == ["t"] and desc["level"] == "ADMINISTER"
        assert p.describe(fields={"properties"}) == {"id": pid, "properties": {"k": "v"}}
        assert "folders" in p.describe(input_params={"folders": True})
    finally:
        p.destroy()
    with pytest.raises(ResourceNotFound):
        p.describe()


def test_update_and_unset(dx_project: str) -> None:
    p = dxpy.DXProject(dx_project)
    version = p.describe()["version"]
    p.update(name="renamed", summary="s", description="d", protected=True, version=version,
             allowed_executables=["applet-" + "a" * 24])
    desc = p.describe()
    assert (desc["name"], desc["summary"], desc["protected"]) == ("renamed", "s", True)
    assert desc["allowedExecutables"] == ["applet-" + "a" * 24]
    p.update(unset_allowed_executables=True)
    assert p.describe()["allowedExecutables"] is None
    with pytest.raises(DXError, match="both set and unset"):
        p.update(allowed_executables=["applet-" + "a" * 24], unset_allowed_executables=True)


def test_tags_properties(dx_project: str) -> None:
    p = dxpy.DXProject(dx_project)
    p.add_tags(["x", "y"])
    p.remove_tags(["x"])
    p.set_properties({"a": "1", "b": "2"})
    p.set_properties({"b": None})
    desc = p.describe(fields={"tags", "properties"})
    assert desc["tags"] == ["y"] and desc["properties"] == {"a": "1"}
    with pytest.raises(DXError, match="list"):
        p.add_tags("x")


def test_default_handler_binds_to_current_project(dx_project: str) -> None:
    assert dxpy.DXProject().get_id() == dx_project
    assert dxpy.DXContainer().get_id() is None


def test_folders(dx_project: str) -> None:
    p = dxpy.DXProject(dx_project)
    p.new_folder("/a/b/c", parents=True)
    with pytest.raises(ResourceNotFound):
        p.new_folder("/x/y")
    p.new_folder("/a/b/c", parents=True)
    r = dxpy.new_dxrecord(name="in b", folder="/a/b")
    hidden = dxpy.new_dxrecord(name="hidden", folder="/a/b", hidden=True)
    listing = p.list_folder("/a/b")
    assert listing["folders"] == ["/a/b/c"]
    assert [o["id"] for o in listing["objects"]] == [r.get_id()]
    with_hidden = p.list_folder("/a/b", includeHidden=True, describe={"fields": {"name": True}})
    assert sorted(o["describe"]["name"] for o in with_hidden["objects"]) == ["hidden", "in b"]
    assert p.list_folder("/a/b", only="folders")["folders"] == ["/a/b/c"]
    assert not p.list_folder("/a/b", only="objects").get("folders")
    with pytest.raises(DXError, match="only"):
        p.list_folder("/", only="everything")
    with pytest.raises(ResourceNotFound):
        p.list_folder("/missing")
    assert hidden.describe()["hidden"] is True


def test_move_rename_remove_folders(dx_project: str) -> None:
    p = dxpy.DXProject(dx_project)
    p.new_folder("/src/inner", parents=True)
    p.new_folder("/dst")
    r = dxpy.new_dxrecord(name="obj", folder="/src")
    p.move("/dst", objects=[r.get_id()])
    assert r.describe()["folder"] == "/dst"
    p.move_folder("/src/inner", "/dst")
    assert "/dst/inner" in p.list_folder("/dst")["folders"]
    p.rename_folder("/dst/inner", "renamed")
    assert "/dst/renamed" in p.list_folder("/dst")["folders"]
    with pytest.raises(DXError, match="must not contain"):
        p.rename_folder("/dst/renamed", "a/b")
    with pytest.raises(InvalidState):
        p.remove_folder("/dst")
    p.remove_folder("/dst", recurse=True)
    with pytest.raises(ResourceNotFound):
        r.describe()
    p.remove_folder("/never", force=True)
    with pytest.raises(ResourceNotFound):
        p.remove_folder("/never")
    with pytest.raises(DXError, match="list"):
        p.move("/", objects=r.get_id())


def test_remove_objects_and_clone(dx_project: str) -> None:
    p = dxpy.DXProject(dx_project)
    p.new_folder("/f")
    keep = dxpy.new_dxrecord(name="keep", folder="/f", close=True)
    gone = dxpy.new_dxrecord(name="gone")
    p.remove_objects([gone.get_id()])
    with pytest.raises(ResourceNotFound):
        gone.describe()
    p.remove_objects([gone.get_id()], force=True)
    with pytest.raises(ResourceNotFound):
        p.remove_objects([gone.get_id()])
    other = new_project("clone target")
    try:
        resp = p.clone(other.get_id(), folders=["/f"], parents=True, destination="/into")
        assert resp["project"] == other.get_id()
        assert other.list_folder("/into/f")["objects"] == [{"id": keep.get_id()}]
        again = p.clone(other.get_id(), objects=[keep.get_id()])
        assert again["exists"] == [keep.get_id()]
        open_one = dxpy.new_dxrecord(name="open")
        with pytest.raises(InvalidState):
            p.clone(other.get_id(), objects=[open_one.get_id()])
    finally:
        other.destroy()


def test_members(dx_emulator: object, dx_project: str) -> None:
    p = dxpy.DXProject(dx_project)
    user = OtherUser(dx_emulator)
    with user, pytest.raises(ResourceNotFound):
        p.describe()
    assert p.invite(user.user_id, "CONTRIBUTE", send_email=False)["id"] == dx_project
    with user:
        assert p.describe()["level"] == "CONTRIBUTE"
        dxpy.new_dxrecord(name="by contributor")
        with pytest.raises(PermissionDenied):
            p.update(protected=True)
    p.decrease_perms(user.user_id, "VIEW")
    with user:
        assert p.describe()["level"] == "VIEW"
        with pytest.raises(PermissionDenied):
            dxpy.new_dxrecord(name="by viewer")
    p.decrease_perms(user.user_id, None)
    with user, pytest.raises(ResourceNotFound):
        p.describe()
    p.invite(user.user_id, "VIEW")
    with user:
        p.leave()
        with pytest.raises(ResourceNotFound):
            p.describe()


def test_destroy_needs_administer(dx_emulator: object, dx_project: str) -> None:
    p = new_project("doomed")
    user = OtherUser(dx_emulator)
    p.invite(user.user_id, "CONTRIBUTE")
    with user, pytest.raises(PermissionDenied):
        p.destroy()
    p.destroy(terminate_jobs=True)
    with pytest.raises(ResourceNotFound):
        p.describe()


# -- request shapes (scripted server) --------------------------------------------------------


def test_container_request_shapes(dx_test_context: object) -> None:
    server = dx_test_context
    c = dxpy.DXContainer(CONT)
    c.describe(fields={"name"})
    c.new_folder("/a")
    c.list_folder("/a", hasSubfolderFlags=True)
    c.clone(PROJ, objects=[REC])
    c.rename_folder("/a", "b")
    sent = server.requests  # type: ignore[attr-defined]
    assert [q.path for q in sent] == [
        f"/{CONT}/{m}" for m in ("describe", "newFolder", "listFolder", "clone", "renameFolder")
    ]
    assert sent[0].json() == {"fields": {"name": True}}
    assert sent[1].json() == {"folder": "/a", "parents": False}
    assert sent[2].json() == {"folder": "/a", "describe": False, "only": "all", "includeHidden": False,
                              "hasSubfolderFlags": True}
    assert sent[3].json() == {"objects": [REC], "folders": [], "project": PROJ, "destination": "/",
                              "parents": False}
    assert sent[4].json() == {"folder": "/a", "name": "b"}
    with pytest.raises(DXError):
        dxpy.DXContainer(PROJ)


def test_remove_folder_follows_partial_removal(dx_test_context: object) -> None:
    server = dx_test_context
    server.queue(  # type: ignore[attr-defined]
        reply(json={"id": PROJ, "completed": False}),
        reply(json={"id": PROJ, "completed": False}),
        reply(json={"id": PROJ, "completed": True}),
    )
    dxpy.DXProject(PROJ).remove_folder("/big", recurse=True)
    sent = server.requests  # type: ignore[attr-defined]
    assert len(sent) == 3
    assert all(q.json() == {"folder": "/big", "recurse": True, "force": False, "partial": True} for q in sent)
    server.queue(reply(json={"id": PROJ}))  # type: ignore[attr-defined]
    with pytest.raises(DXError, match="completed"):
        dxpy.DXProject(PROJ).remove_folder("/big")


def test_project_request_shapes(dx_test_context: object) -> None:
    server = dx_test_context
    server.queue(reply(json={"id": PROJ}))  # type: ignore[attr-defined]
    p = dxpy.DXProject()
    p.new("n", region="aws:us-east-1", bill_to="org-x", default_symlink={"drive": "d"},
          database_results_restricted=5, drive="drive-x")
    p.update(unset_database_results_restricted=True, https_app_isolated_browsing=True)
    p.invite("PUBLIC", "VIEW")
    p.decrease_perms("user-x", None)
    p.destroy()
    sent = server.requests  # type: ignore[attr-defined]
    assert sent[0].json() == {"name": "n", "region": "aws:us-east-1", "billTo": "org-x",
                              "defaultSymlink": {"drive": "d"}, "databaseResultsRestricted": 5,
                              "drive": "drive-x"}
    assert sent[1].json() == {"httpsAppIsolatedBrowsing": True, "databaseResultsRestricted": None}
    assert sent[2].json() == {"invitee": "PUBLIC", "level": "VIEW", "suppressEmailNotification": False}
    assert sent[3].json() == {"user-x": None}
    assert sent[4].json() == {}
