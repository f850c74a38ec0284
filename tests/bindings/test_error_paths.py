"""Error paths through the emulator: missing objects, permission denied (a second user),
malformed IDs, ambiguous names, and paging over more than three pages."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from _bindhelp import OtherUser, new_project

import dxpy
from dxpy.exceptions import DXError, DXSearchError, InvalidInput, PermissionDenied, ResourceNotFound
from dxpy.utils.resolver import ResolutionError, resolve_container_id_or_name, resolve_existing_path

GHOST_REC = "record-" + "Z" * 24
GHOST_PROJ = "project-" + "Z" * 24


@pytest.fixture
def viewer(dx_emulator: Any, dx_project: str) -> Iterator[OtherUser]:
    """A second user with VIEW access to the test project (which holds a closed record ``shared``)."""
    dxpy.new_dxrecord(name="shared", details={"k": 1}, close=True)
    user = OtherUser(dx_emulator)
    dxpy.DXProject(dx_project).invite(user.user_id, "VIEW", send_email=False)
    yield user


def test_missing_objects_raise_resource_not_found(dx_project: str) -> None:
    ghost = dxpy.DXRecord(GHOST_REC)
    calls: dict[str, Callable[[], Any]] = {
        "describe": ghost.describe, "get_details": ghost.get_details, "close": ghost.close,
        "add_tags": lambda: ghost.add_tags(["t"]), "rename": lambda: ghost.rename("x"),
        "set_properties": lambda: ghost.set_properties({"a": "b"}), "list_projects": ghost.list_projects,
        "dxpy.describe": lambda: dxpy.describe(GHOST_REC),
        "dxpy.get_details": lambda: dxpy.get_details(GHOST_REC),
        "project.describe": dxpy.DXProject(GHOST_PROJ).describe,
        "project.list_folder": dxpy.DXProject(GHOST_PROJ).list_folder,
        "project.new_folder": lambda: dxpy.DXProject(GHOST_PROJ).new_folder("/x"),
        "list_folder missing folder": lambda: dxpy.DXProject(dx_project).list_folder("/none"),
        "new_dxrecord missing folder": lambda: dxpy.new_dxrecord(folder="/none"),
        "new_dxrecord missing project": lambda: dxpy.new_dxrecord(project=GHOST_PROJ),
        "clone to missing project": lambda: dxpy.DXProject(dx_project).clone(GHOST_PROJ, objects=[]),
    }
    for label, call in calls.items():
        with pytest.raises(ResourceNotFound):
            call()
            pytest.fail(f"{label} did not raise")
    with pytest.raises(ResourceNotFound):
        dxpy.remove(dxpy.dxlink(GHOST_REC, dx_project))


def test_viewer_is_denied_every_change(viewer: OtherUser, dx_project: str) -> None:
    project = dxpy.DXProject(dx_project)
    shared = dxpy.find_one_data_object(name="shared", project=dx_project, return_handler=True)
    project.new_folder("/a")
    own = new_project("viewer's own")  # created by the default user, not the viewer
    try:
        with viewer:
            assert shared.get_details() == {"k": 1}
            assert project.describe()["level"] == "VIEW"
            denied: dict[str, Callable[[], Any]] = {
                "new_folder": lambda: project.new_folder("/v"),
                "move": lambda: project.move("/", objects=[shared.get_id()]),
                "remove_objects": lambda: project.remove_objects([shared.get_id()]),
                "remove_folder": lambda: project.remove_folder("/a", recurse=True),
                "rename_folder": lambda: project.rename_folder("/a", "b"),
                "update": lambda: project.update(name="mine"),
                "invite": lambda: project.invite("PUBLIC", "VIEW"),
                "set_properties": lambda: project.set_properties({"a": "b"}),
                "add_tags": lambda: project.add_tags(["t"]),
                "destroy": project.destroy,
                "record.add_tags": lambda: shared.add_tags(["t"]),
                "record.rename": lambda: shared.rename("x"),
                "record.remove": lambda: dxpy.DXRecord(shared.get_id(), project=dx_project).remove(),
                "new_dxrecord": lambda: dxpy.new_dxrecord(project=dx_project),
            }
            for label, call in denied.items():
                with pytest.raises(PermissionDenied):
                    call()
                    pytest.fail(f"{label} did not raise")
            # no access at all looks like a missing project
            with pytest.raises(ResourceNotFound):
                own.describe()
            with pytest.raises(ResourceNotFound):
                project.clone(own.get_id(), objects=[shared.get_id()])
            with pytest.raises((ResourceNotFound, PermissionDenied)):
                list(dxpy.find_data_objects(project=own.get_id()))
            with pytest.raises(ResolutionError):
                resolve_existing_path(own.get_id() + ":/x")
        assert project.describe()["name"] != "mine"
    finally:
        own.destroy()


def test_malformed_ids_are_rejected_naming_them(dx_project: str) -> None:
    for bad, make in (("record-short", dxpy.DXRecord), ("project-123", dxpy.DXProject),
                      ("container-?", dxpy.DXContainer), ("file-" + "A" * 24, dxpy.DXRecord)):
        with pytest.raises(DXError, match=bad.replace("?", r"\?")):
            make(bad)
    with pytest.raises(DXError, match="not-an-id"):
        dxpy.describe(["not-an-id"])
    with pytest.raises(DXError):
        dxpy.get_handler("record-")
    # dxpy.api itself does not check IDs: the server refuses a malformed one
    with pytest.raises((ResourceNotFound, InvalidInput)):
        dxpy.api.record_describe("record-" + "!" * 24)


def test_ambiguous_names(dx_project: str) -> None:
    token = uuid.uuid4().hex[:8]
    a = dxpy.new_dxrecord(name="twin")
    b = dxpy.new_dxrecord(name="twin")
    with pytest.raises(DXSearchError, match="more"):
        dxpy.find_one_data_object(name="twin", project=dx_project, more_ok=False)
    assert dxpy.find_one_data_object(name="twin", project=dx_project)["id"] in {a.get_id(), b.get_id()}
    with pytest.raises(ResolutionError, match="resolves to 2"):
        resolve_existing_path("/twin")
    assert len(resolve_existing_path("/twin", ask_to_resolve=False)[2]) == 2
    p1, p2 = new_project("dup " + token), new_project("dup " + token)
    try:
        with pytest.raises(DXSearchError):
            dxpy.find_one_project(name="dup " + token, more_ok=False)
        with pytest.raises(ResolutionError, match="multiple projects"):
            resolve_container_id_or_name("dup " + token)
        with pytest.raises(ResolutionError, match="multiple projects"):
            resolve_existing_path(f"dup {token}:/x")
        assert sorted(resolve_container_id_or_name("dup " + token, multi=True)) == sorted(
            [p1.get_id(), p2.get_id()])
    finally:
        p1.destroy()
        p2.destroy()


def test_project_search_pages_over_more_than_three_pages(
    dx_project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = uuid.uuid4().hex[:8]
    made = [new_project(f"paged {token} {i}") for i in range(9)]
    real = dxpy.api.system_find_projects
    limits: list[int] = []

    def counting(query: dict, *args: Any, **kwargs: Any) -> Any:
        limits.append(query["limit"])
        return real(query, *args, **kwargs)

    monkeypatch.setattr(dxpy.api, "system_find_projects", counting)
    try:
        found = dxpy.find_projects(name=f"paged {token} *", name_mode="glob", first_page_size=1)
        seen = [r["id"] for r in found]
    finally:
        for p in made:
            p.destroy()
    assert sorted(seen) == sorted(p.get_id() for p in made)
    assert limits == [1, 2, 4, 8]  # four pages, the last one not full
