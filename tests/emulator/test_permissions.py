"""Emulator permission levels on project, folder, object and search routes."""

from __future__ import annotations

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator._data import perms as perms
from dxpy.emulator._data.store import Store
from dxpy.emulator._protocol.errors import APIError
from dxpy.emulator._routes.projects import create_project
from tests.emulator._datahelp import new_project, new_record, other_user  # noqa: F401


def invite(project: str, user, level: str) -> None:
    api.project_invite(project, {"invitee": user.user_id, "level": level})


def test_no_access_looks_like_nothing_exists(dx_project: str, other_user) -> None:  # noqa: F811
    rid = new_record(dx_project, close=True)
    with other_user:
        for call in (lambda: api.project_describe(dx_project),
                     lambda: api.project_list_folder(dx_project, {}),
                     lambda: api.project_new_folder(dx_project, {"folder": "/x"}),
                     lambda: api.record_new({"project": dx_project}),
                     lambda: api.record_describe(rid),
                     lambda: api.record_get_details(rid),
                     lambda: api.record_list_projects(rid),
                     lambda: api.record_add_tags(rid, {"project": dx_project, "tags": ["t"]}),
                     lambda: api.project_destroy(dx_project),
                     lambda: api.system_find_data_objects({"scope": {"project": dx_project}})):
            with pytest.raises(exc.ResourceNotFound):
                call()
        assert api.system_find_data_objects({})["results"] == []
        assert api.system_resolve_data_objects({"objects": [{"name": rid}], "project": dx_project}) == {
            "results": [[]]}


def test_view_level(dx_project: str, other_user) -> None:  # noqa: F811
    rid = new_record(dx_project, details={"a": 1})
    invite(dx_project, other_user, "VIEW")
    with other_user:
        assert api.project_describe(dx_project)["level"] == "VIEW"
        assert api.record_describe(rid)["id"] == rid
        assert api.record_get_details(rid) == {"a": 1}
        assert api.project_list_folder(dx_project, {})["objects"] == [{"id": rid}]
        assert api.record_list_projects(rid) == {dx_project: "VIEW"}
        for call in (lambda: api.project_new_folder(dx_project, {"folder": "/x"}),
                     lambda: api.record_new({"project": dx_project}),
                     lambda: api.record_set_details(rid, {}),
                     lambda: api.record_close(rid),
                     lambda: api.record_rename(rid, {"project": dx_project, "name": "n"}),
                     lambda: api.project_update(dx_project, {"name": "n"}),
                     lambda: api.project_add_tags(dx_project, {"tags": ["t"]})):
            with pytest.raises(exc.PermissionDenied):
                call()


def test_upload_level(dx_project: str, other_user) -> None:  # noqa: F811
    closed = new_record(dx_project, close=True)
    invite(dx_project, other_user, "UPLOAD")
    with other_user:
        api.project_new_folder(dx_project, {"folder": "/up"})
        mine = new_record(dx_project, folder="/up")
        api.record_rename(mine, {"project": dx_project, "name": "open is fine"})
        api.record_set_details(mine, {"b": 2})
        api.record_close(mine)
        api.project_move(dx_project, {"objects": [closed], "destination": "/up"})
        for call in (lambda: api.record_rename(closed, {"project": dx_project, "name": "no"}),
                     lambda: api.record_add_tags(closed, {"project": dx_project, "tags": ["no"]}),
                     lambda: api.project_remove_objects(dx_project, {"objects": [closed]}),
                     lambda: api.project_remove_folder(dx_project, {"folder": "/up", "recurse": True}),
                     lambda: api.project_move(dx_project, {"folders": ["/up"], "destination": "/"}),
                     lambda: api.project_update(dx_project, {"name": "n"})):
            with pytest.raises(exc.PermissionDenied):
                call()


def test_contribute_level(dx_project: str, other_user) -> None:  # noqa: F811
    closed = new_record(dx_project, close=True)
    owner = api.system_whoami()["id"]
    invite(dx_project, other_user, "CONTRIBUTE")
    with other_user:
        api.record_rename(closed, {"project": dx_project, "name": "renamed"})
        api.project_update(dx_project, {"name": "by contributor", "summary": "s"})
        api.project_set_properties(dx_project, {"properties": {"a": "b"}})
        api.project_remove_objects(dx_project, {"objects": [closed]})
        for call in (lambda: api.project_update(dx_project, {"protected": True}),
                     lambda: api.project_invite(dx_project, {"invitee": "PUBLIC", "level": "VIEW"}),
                     lambda: api.project_decrease_permissions(dx_project, {owner: "VIEW"}),
                     lambda: api.project_destroy(dx_project)):
            with pytest.raises(exc.PermissionDenied):
                call()
        api.project_decrease_permissions(dx_project, {other_user.user_id: "VIEW"})  # own level: allowed
        assert api.project_describe(dx_project)["level"] == "VIEW"


def test_administer_level(dx_project: str, other_user) -> None:  # noqa: F811
    pid = new_project("shared admin")
    invite(pid, other_user, "ADMINISTER")
    with other_user:
        api.project_update(pid, {"protected": True})
        api.project_invite(pid, {"invitee": "PUBLIC", "level": "VIEW"})
        api.project_destroy(pid)
    with pytest.raises(exc.ResourceNotFound):
        api.project_describe(pid)


def test_clone_needs_view_on_source_and_upload_on_destination(dx_project: str, other_user) -> None:  # noqa: F811
    rid = new_record(dx_project, close=True)
    with other_user:
        own = new_project("theirs")
    invite(dx_project, other_user, "VIEW")
    with other_user:
        api.project_clone(dx_project, {"objects": [rid], "project": own})
        assert api.record_list_projects(rid) == {dx_project: "VIEW", own: "ADMINISTER"}
        with pytest.raises(exc.PermissionDenied):
            api.project_clone(own, {"objects": [rid], "project": dx_project})
        api.project_destroy(own)


def test_search_level_counts_only_explicit_access(dx_project: str, other_user) -> None:  # noqa: F811
    rid = new_record(dx_project)
    api.project_invite(dx_project, {"invitee": "PUBLIC", "level": "VIEW"})
    with other_user:
        assert api.system_find_data_objects({})["results"] == []  # PUBLIC-only access is not searched
        scoped = api.system_find_data_objects({"scope": {"project": dx_project}})["results"]
        assert [r["id"] for r in scoped] == [rid]


def test_level_of_with_group_resolver(tmp_path) -> None:
    store = Store(str(tmp_path / "perm.db"))
    try:
        with store.write() as db:
            pid = create_project(db, "user-owner", "p", 1)
            db.execute("INSERT INTO memberships VALUES (?, ?, ?)", (pid, "org-team", perms.ADMINISTER))
            assert perms.level_of(db, "user-member", pid) is None

            def resolver(db, user_id):
                return [("org-team", perms.UPLOAD)] if user_id == "user-member" else []

            perms.register_group_resolver(resolver)
            try:
                assert perms.level_of(db, "user-member", pid) == perms.UPLOAD
                assert perms.accessible_containers(db, "user-member") == {pid: perms.UPLOAD}
                assert perms.require(db, "user-member", pid, perms.VIEW) == perms.UPLOAD
                with pytest.raises(APIError) as info:
                    perms.require(db, "user-member", pid, perms.CONTRIBUTE)
                assert info.value.type == "PermissionDenied"
                with pytest.raises(APIError) as info:
                    perms.require(db, "user-stranger", pid, perms.VIEW)
                assert info.value.type == "ResourceNotFound"
            finally:
                perms._group_resolvers.remove(resolver)
    finally:
        store.close()


def test_parse_level() -> None:
    assert perms.parse_level("VIEW") == perms.VIEW
    assert perms.parse_level(None, allow_none=True) is None
    assert perms.level_name(perms.ADMINISTER) == "ADMINISTER" and perms.level_name(None) is None
    with pytest.raises(APIError):
        perms.parse_level("view")
