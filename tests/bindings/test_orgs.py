"""Orgs in the emulator (dxpy/emulator/_routes/orgs.py) and the org search helpers."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from _bindhelp import OtherUser, new_project

import dxpy
import dxpy.api as api
from dxpy.exceptions import InvalidInput, InvalidState, PermissionDenied, ResourceNotFound


def _new_org(name: str = "Acme") -> str:
    handle = "o" + uuid.uuid4().hex[:10]
    return str(api.org_new({"handle": handle, "name": name})["id"])


def test_create_and_describe(dx_emulator: Any, dx_project: str) -> None:
    org = _new_org("Acme Inc")
    desc = api.org_describe(org)
    assert desc["id"] == org and desc["class"] == "org" and desc["name"] == "Acme Inc"
    assert desc["handle"] == org[len("org-"):]
    access = (desc["level"], desc["allowBillableActivities"], desc["projectAccess"])
    assert access == ("ADMIN", True, "ADMINISTER")
    assert api.org_describe(org, {"fields": {"name": True}}) == {"id": org, "name": "Acme Inc"}
    api.org_update(org, {"name": "Renamed", "policies": {"memberListVisibility": "ADMIN"}})
    assert api.org_describe(org)["name"] == "Renamed"
    with pytest.raises(InvalidInput):
        api.org_new({"handle": org[len("org-"):], "name": "again"})
    with pytest.raises(InvalidInput):
        api.org_new({"handle": "Bad Handle!", "name": "x"})
    with pytest.raises(InvalidInput):
        api.org_new({"handle": "ok" + uuid.uuid4().hex[:6]})
    with pytest.raises(ResourceNotFound):
        api.org_describe("org-nosuchorg")


def test_membership_management_and_permissions(dx_emulator: Any, dx_project: str) -> None:
    org = _new_org()
    bob = OtherUser(dx_emulator)
    with bob, pytest.raises(PermissionDenied):
        api.org_describe(org)
    invite = {"invitee": bob.user_id, "level": "MEMBER", "projectAccess": "VIEW"}
    assert api.org_invite(org, invite)["id"] == org
    with pytest.raises(InvalidState):
        api.org_invite(org, {"invitee": bob.user_id, "level": "MEMBER"})
    with pytest.raises(ResourceNotFound):
        api.org_invite(org, {"invitee": "user-nobody" + uuid.uuid4().hex[:6], "level": "MEMBER"})
    with pytest.raises(InvalidInput):
        api.org_invite(org, {"invitee": bob.user_id, "level": "OWNER"})
    with bob:
        desc = api.org_describe(org)
        access = (desc["level"], desc["projectAccess"], desc["allowBillableActivities"])
        assert access == ("MEMBER", "VIEW", False)
        with pytest.raises(PermissionDenied):
            api.org_update(org, {"name": "hijack"})
        with pytest.raises(PermissionDenied):
            api.org_invite(org, {"invitee": bob.user_id, "level": "ADMIN"})
    api.org_set_member_access(org, {bob.user_id: {"projectAccess": "CONTRIBUTE", "appAccess": False}})
    with bob:
        desc = api.org_describe(org)
        assert (desc["projectAccess"], desc["appAccess"]) == ("CONTRIBUTE", False)
    api.org_set_member_access(org, {bob.user_id: {"level": "ADMIN"}})
    with bob:
        assert api.org_describe(org)["level"] == "ADMIN"
        api.org_remove_member(org, {"user": dx_emulator.user_id})
        with pytest.raises(InvalidState):
            api.org_remove_member(org, {"user": bob.user_id})
        with pytest.raises(InvalidState):
            api.org_set_member_access(org, {bob.user_id: {"level": "MEMBER"}})
    with pytest.raises(PermissionDenied):
        api.org_describe(org)


def test_org_grants_give_members_capped_project_access(dx_emulator: Any, dx_project: str) -> None:
    org = _new_org()
    bob = OtherUser(dx_emulator)
    api.org_invite(org, {"invitee": bob.user_id, "level": "MEMBER", "projectAccess": "UPLOAD"})
    project = new_project("org shared", bill_to=org)
    try:
        project.invite(org, "ADMINISTER")
        with bob:
            assert project.describe()["level"] == "UPLOAD"
            found = {r["id"]: r["level"] for r in dxpy.find_projects(level="VIEW")}
            assert found.get(project.get_id()) == "UPLOAD"
            with pytest.raises(PermissionDenied):
                project.update(protected=True)
        api.org_remove_member(org, {"user": bob.user_id})
        with bob, pytest.raises(ResourceNotFound):
            project.describe()
    finally:
        project.destroy()


def test_find_orgs_pages(dx_emulator: Any, dx_project: str) -> None:
    bob = OtherUser(dx_emulator)
    orgs = set()
    for i in range(5):
        with bob:
            orgs.add(_new_org(f"org {i}"))
    member_only = _new_org("bob is member")
    api.org_invite(member_only, {"invitee": bob.user_id, "level": "MEMBER"})
    with bob:
        admin = [r["id"] for r in dxpy.find_orgs({"level": "ADMIN"}, first_page_size=1)]
        assert len(admin) == 5 and set(admin) == orgs
        members = list(dxpy.find_orgs({"level": "MEMBER", "describe": True}))
        assert {r["id"] for r in members} == orgs | {member_only}
        described = {r["id"]: r["describe"]["name"] for r in members}
        assert described[member_only] == "bob is member"
        with pytest.raises(InvalidInput):
            api.system_find_orgs({"level": "OWNER"})


def test_find_members_pages_and_filters(dx_emulator: Any, dx_project: str) -> None:
    org = _new_org()
    users = [OtherUser(dx_emulator) for _ in range(6)]
    for i, user in enumerate(users):
        api.org_invite(org, {"invitee": user.user_id, "level": "ADMIN" if i == 0 else "MEMBER"})
    seen: list[str] = []
    query: dict = {"limit": 2}
    pages = 0
    while True:
        page = api.org_find_members(org, query)
        pages += 1
        seen += [r["id"] for r in page["results"]]
        if page["next"] is None:
            break
        query["starting"] = page["next"]
    assert pages == 4 and len(seen) == 7 and len(set(seen)) == 7
    admins = {r["id"] for r in dxpy.org_find_members(org, level="ADMIN")}
    assert admins == {dx_emulator.user_id, users[0].user_id}
    described = list(dxpy.org_find_members(org, level="MEMBER", describe=True))
    assert all(r["describe"]["class"] == "user" for r in described) and len(described) == 5
    outsider = OtherUser(dx_emulator)
    with outsider, pytest.raises(PermissionDenied):
        list(dxpy.org_find_members(org))


def test_org_find_projects_and_apps(dx_project: str) -> None:
    org = _new_org()
    a = new_project("org-alpha", bill_to=org, tags=["t1"], properties={"k": "v"})
    b = new_project("org-beta", bill_to=org)
    mine = new_project("not billed to the org")
    try:
        a.invite(org, "VIEW")
        b.invite("PUBLIC", "VIEW")
        found = {r["id"]: r for r in dxpy.org_find_projects(org)}
        assert set(found) == {a.get_id(), b.get_id()}
        assert found[a.get_id()]["level"] == "VIEW" and found[b.get_id()]["level"] is None
        assert {r["id"] for r in dxpy.org_find_projects(org, name="org-a*", name_mode="glob")} == {a.get_id()}
        tagged = dxpy.org_find_projects(org, tags=["t1"], properties={"k": "v"})
        assert {r["id"] for r in tagged} == {a.get_id()}
        assert {r["id"] for r in dxpy.org_find_projects(org, ids=[b.get_id()])} == {b.get_id()}
        assert {r["id"] for r in dxpy.org_find_projects(org, public=True)} == {b.get_id()}
        assert {r["id"] for r in dxpy.org_find_projects(org, created_after="-1h", containsPHI=False)} == {
            a.get_id(), b.get_id()}
        described = list(dxpy.org_find_projects(org, name="org-beta", describe=True))
        assert described[0]["describe"]["name"] == "org-beta"
        assert list(dxpy.org_find_apps(org)) == []
    finally:
        for p in (a, b, mine):
            p.destroy()
