"""Emulator project and container routes, through dxpy.api."""

from __future__ import annotations

import time

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator._routes.projects import create_container
from tests.emulator._datahelp import new_project, new_record, other_user  # noqa: F401


def test_new_project_defaults_and_describe(dx_project: str) -> None:
    desc = api.project_describe(dx_project)
    assert desc["id"] == dx_project
    assert desc["class"] == "project"
    assert desc["level"] == "ADMINISTER"
    assert desc["protected"] is False and desc["restricted"] is False
    assert desc["region"] == "aws:us-east-1"
    assert desc["version"] >= 1
    for hidden in ("properties", "permissions", "folders", "fileUploadParameters"):
        assert hidden not in desc


def test_new_project_with_fields(dx_project: str) -> None:
    pid = new_project("full", summary="s", description="d", tags=["a", "b", "a"], properties={"k": "v"},
                      protected=True, containsPHI=True)
    desc = api.project_describe(pid, {"properties": True, "permissions": True})
    assert desc["name"] == "full" and desc["summary"] == "s" and desc["description"] == "d"
    assert desc["tags"] == ["a", "b"]
    assert desc["properties"] == {"k": "v"}
    assert desc["protected"] is True and desc["containsPHI"] is True
    user = api.system_whoami()["id"]
    assert desc["permissions"] == {user: "ADMINISTER"}
    api.project_destroy(pid)


@pytest.mark.parametrize(
    "body, word",
    [
        ({}, "name"),
        ({"name": 3}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x", "tags": "a"}, "tags"),
        ({"name": "x", "tags": [1]}, "tags"),
        ({"name": "x", "properties": {"a": 1}}, "a"),
        ({"name": "x", "protected": "yes"}, "protected"),
        ({"name": "x", "billTo": "user-someoneelse"}, "billTo"),
        ({"name": "x", "fileUploadParameters": {"bogus": 1}}, "bogus"),
    ],
)
def test_new_project_validation(dx_project: str, body: dict, word: str) -> None:
    with pytest.raises(exc.InvalidInput) as info:
        api.project_new(body)
    assert word in str(info.value)


def test_describe_fields_exact_and_default(dx_project: str) -> None:
    desc = api.project_describe(dx_project, {"fields": {"name": True, "fileUploadParameters": True}})
    assert set(desc) == {"id", "name", "fileUploadParameters"}
    assert desc["fileUploadParameters"]["minimumPartSize"] == 5242880
    assert desc["fileUploadParameters"]["emptyLastPartAllowed"] is True
    both = api.project_describe(dx_project, {"fields": {"folders": True}, "defaultFields": True})
    assert both["folders"] == ["/"] and "level" in both
    with pytest.raises(exc.InvalidInput):
        api.project_describe(dx_project, {"fields": {"name": "yes"}})


def test_small_upload_parameters_per_project(dx_project: str) -> None:
    pid = new_project("small", fileUploadParameters={"minimumPartSize": 1, "maximumPartSize": 1024})
    fup = api.project_describe(pid, {"fields": {"fileUploadParameters": True}})["fileUploadParameters"]
    assert fup["minimumPartSize"] == 1 and fup["maximumPartSize"] == 1024
    assert fup["maximumNumParts"] == 10000
    azure = new_project("az", region="azure:westus")
    fup = api.project_describe(azure, {"fields": {"fileUploadParameters": True}})["fileUploadParameters"]
    assert fup["maximumPartSize"] == 4194304 and fup["emptyLastPartAllowed"] is False
    api.project_destroy(pid)
    api.project_destroy(azure)


def test_missing_project_is_not_found(dx_project: str) -> None:
    with pytest.raises(exc.ResourceNotFound):
        api.project_describe("project-" + "0" * 24)


def test_update_name_settings_and_version(dx_project: str) -> None:
    before = api.project_describe(dx_project)["version"]
    api.project_update(dx_project, {"name": "renamed", "description": "dd", "protected": True,
                                    "allowedExecutables": ["applet-" + "1" * 24]})
    desc = api.project_describe(dx_project)
    assert desc["name"] == "renamed" and desc["description"] == "dd" and desc["protected"] is True
    assert desc["allowedExecutables"] == ["applet-" + "1" * 24]
    assert desc["version"] == before + 1
    with pytest.raises(exc.InvalidState):
        api.project_update(dx_project, {"name": "x", "version": before})
    api.project_update(dx_project, {"name": "again", "version": before + 1})
    api.project_update(dx_project, {"allowedExecutables": None})
    assert api.project_describe(dx_project)["allowedExecutables"] is None


@pytest.mark.parametrize(
    "body",
    [{"name": ""}, {"protected": 1}, {"containsPHI": True}, {"previewViewerRestricted": True},
     {"allowedExecutables": [3]}, {"version": "1"}],
)
def test_update_validation(dx_project: str, body: dict) -> None:
    with pytest.raises(exc.InvalidInput):
        api.project_update(dx_project, body)


def test_preview_viewer_requires_download_restricted(dx_project: str) -> None:
    api.project_update(dx_project, {"downloadRestricted": True, "previewViewerRestricted": True})
    with pytest.raises(exc.InvalidInput):
        api.project_update(dx_project, {"downloadRestricted": False})


def test_tags_and_properties(dx_project: str) -> None:
    api.project_add_tags(dx_project, {"tags": ["x", "y", "x"]})
    api.project_remove_tags(dx_project, {"tags": ["y", "absent"]})
    api.project_set_properties(dx_project, {"properties": {"a": "1", "b": "2"}})
    api.project_set_properties(dx_project, {"properties": {"a": None, "c": "3"}})
    desc = api.project_describe(dx_project, {"properties": True})
    assert desc["tags"] == ["x"]
    assert desc["properties"] == {"b": "2", "c": "3"}
    with pytest.raises(exc.InvalidInput):
        api.project_add_tags(dx_project, {"tags": "x"})
    with pytest.raises(exc.InvalidInput):
        api.project_set_properties(dx_project, {})


def test_destroy_removes_project_and_its_objects(dx_project: str) -> None:
    pid = new_project("doomed")
    rid = new_record(pid, name="r")
    kept = new_record(pid, name="kept", close=True)
    api.project_clone(pid, {"objects": [kept], "project": dx_project})
    api.project_destroy(pid, {"terminateJobs": False})
    with pytest.raises(exc.ResourceNotFound):
        api.project_describe(pid)
    with pytest.raises(exc.ResourceNotFound):
        api.record_describe(rid)
    assert api.record_describe(kept)["project"] == dx_project


def test_invite_decrease_and_leave(dx_emulator, dx_project: str, other_user) -> None:  # noqa: F811
    out = api.project_invite(dx_project, {"invitee": other_user.user_id, "level": "CONTRIBUTE"})
    assert out["state"] == "ACCEPTED" and out["id"] == dx_project
    with other_user:
        assert api.project_describe(dx_project)["level"] == "CONTRIBUTE"
    api.project_decrease_permissions(dx_project, {other_user.user_id: "VIEW"})
    with other_user:
        assert api.project_describe(dx_project)["level"] == "VIEW"
        api.project_leave(dx_project)
        with pytest.raises(exc.ResourceNotFound):
            api.project_describe(dx_project)
    with pytest.raises(exc.InvalidState):
        api.project_leave(dx_project)  # the last administrator cannot leave


def test_invite_validation(dx_project: str, other_user) -> None:  # noqa: F811
    with pytest.raises(exc.InvalidInput):
        api.project_invite(dx_project, {"invitee": other_user.user_id, "level": "OWNER"})
    with pytest.raises(exc.InvalidInput):
        api.project_invite(dx_project, {"invitee": "PUBLIC", "level": "CONTRIBUTE"})
    with pytest.raises(exc.InvalidInput):
        api.project_invite(dx_project, {"level": "VIEW"})
    with pytest.raises(exc.ResourceNotFound):
        api.project_invite(dx_project, {"invitee": "user-nobody-here", "level": "VIEW"})
    with pytest.raises(exc.ResourceNotFound):
        api.project_invite(dx_project, {"invitee": "org-nobody-here", "level": "VIEW"})
    pending = api.project_invite(dx_project, {"invitee": "someone@example.com", "level": "VIEW"})
    assert pending == {"id": dx_project, "state": "PENDING"}
    assert "someone@example.com" not in api.project_describe(dx_project, {"permissions": True})["permissions"]


def test_bill_to_org_rules(dx_project: str, other_user) -> None:  # noqa: F811
    with pytest.raises(exc.ResourceNotFound):
        api.project_new({"name": "x", "billTo": "org-does-not-exist"})
    org = api.org_new({"handle": "billing" + dx_project[-8:].lower(), "name": "Billing"})["id"]
    pid = new_project("billed", billTo=org)
    assert api.project_describe(pid)["billTo"] == org
    api.project_destroy(pid)
    with other_user, pytest.raises(exc.PermissionDenied):
        api.project_new({"name": "not a member", "billTo": org})
    api.org_invite(org, {"invitee": other_user.user_id, "level": "MEMBER", "allowBillableActivities": False})
    with other_user, pytest.raises(exc.PermissionDenied):
        api.project_new({"name": "member without billing rights", "billTo": org})
    api.org_set_member_access(org, {other_user.user_id: {"allowBillableActivities": True}})
    with other_user:
        pid = new_project("member with billing rights", billTo=org)
        assert api.project_describe(pid)["billTo"] == org


def test_decrease_permissions_rules(dx_project: str, other_user) -> None:  # noqa: F811
    me = api.system_whoami()["id"]
    api.project_invite(dx_project, {"invitee": other_user.user_id, "level": "VIEW"})
    with pytest.raises(exc.InvalidInput):
        api.project_decrease_permissions(dx_project, {other_user.user_id: "ADMINISTER"})
    with pytest.raises(exc.InvalidState):
        api.project_decrease_permissions(dx_project, {me: "CONTRIBUTE"})
    api.project_decrease_permissions(dx_project, {other_user.user_id: None})
    assert other_user.user_id not in api.project_describe(dx_project, {"permissions": True})["permissions"]


def test_public_project_visible_to_everyone(dx_project: str, other_user) -> None:  # noqa: F811
    api.project_invite(dx_project, {"invitee": "PUBLIC", "level": "VIEW"})
    with other_user:
        desc = api.project_describe(dx_project)
        assert desc["level"] == "VIEW"
        with pytest.raises(exc.PermissionDenied):
            api.project_new_folder(dx_project, {"folder": "/x"})


def test_container_describe_and_folders(dx_emulator, dx_project: str) -> None:
    with dx_emulator.server.store.write() as db:
        cid = create_container(db, dx_emulator.user_id, int(time.time() * 1000))
    desc = api.container_describe(cid, {"fields": {"fileUploadParameters": True, "class": True}})
    assert desc["class"] == "container" and desc["fileUploadParameters"]["maximumNumParts"] == 10000
    api.container_new_folder(cid, {"folder": "/out/a", "parents": True})
    rid = new_record(cid, name="in-container", folder="/out")
    listing = api.container_list_folder(cid, {"folder": "/out"})
    assert listing == {"folders": ["/out/a"], "objects": [{"id": rid}]}
    with pytest.raises(exc.ResourceNotFound):  # containers have no member routes
        api.project_invite(cid, {"invitee": "PUBLIC", "level": "VIEW"})


def _restrictions(project: str) -> tuple:
    desc = api.project_describe(project)
    return desc["downloadRestricted"], desc["previewViewerRestricted"]


def test_turning_download_restricted_on_turns_the_preview_restriction_on(dx_project: str) -> None:
    assert _restrictions(dx_project) == (False, False)
    api.project_update(dx_project, {"downloadRestricted": True})
    assert _restrictions(dx_project) == (True, True)
    made = api.project_new({"name": "restricted from the start", "downloadRestricted": True})["id"]
    try:
        assert _restrictions(made) == (True, True)
    finally:
        api.project_destroy(made)


def test_download_restriction_cannot_be_lifted_before_the_preview_restriction(dx_project: str) -> None:
    api.project_update(dx_project, {"downloadRestricted": True})
    with pytest.raises(exc.InvalidInput, match="previewViewerRestricted.*first"):
        api.project_update(dx_project, {"downloadRestricted": False})
    assert _restrictions(dx_project) == (True, True)
    api.project_update(dx_project, {"previewViewerRestricted": False})
    api.project_update(dx_project, {"downloadRestricted": False})
    assert _restrictions(dx_project) == (False, False)
