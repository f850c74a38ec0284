"""Emulator routes common to every data-object class (exercised on records)."""

from __future__ import annotations

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from dxpy.emulator._data.datamodel import extract_links, normalize_path, wanted_fields
from dxpy.emulator._protocol.errors import APIError
from tests.emulator._datahelp import new_project, new_record

DEFAULT_KEYS = {"id", "project", "class", "types", "created", "state", "hidden", "links", "name", "folder",
                "tags", "modified", "sponsored", "createdBy"}


def test_default_describe_fields(dx_project: str) -> None:
    rid = new_record(dx_project, name="n", types=["T"], tags=["a"], properties={"p": "1"}, details={"d": 1})
    desc = api.record_describe(rid)
    assert set(desc) == DEFAULT_KEYS
    assert desc["project"] == dx_project and desc["class"] == "record" and desc["state"] == "open"
    assert desc["types"] == ["T"] and desc["tags"] == ["a"] and desc["hidden"] is False
    assert desc["createdBy"] == {"user": api.system_whoami()["id"]}


def test_describe_fields_and_deprecated_flags(dx_project: str) -> None:
    rid = new_record(dx_project, properties={"p": "1"}, details={"d": 1})
    assert api.record_describe(rid, {"fields": {"name": True}}) == {"id": rid, "name": rid}
    both = api.record_describe(rid, {"fields": {"details": True}, "defaultFields": True})
    assert set(both) == DEFAULT_KEYS | {"details"}
    extra = api.record_describe(rid, {"properties": True, "details": True})
    assert extra["properties"] == {"p": "1"} and extra["details"] == {"d": 1}
    no_tags = api.record_describe(rid, {"fields": {"tags": False}, "defaultFields": True})
    assert "tags" not in no_tags and "name" in no_tags
    with pytest.raises(exc.InvalidInput):
        api.record_describe(rid, {"fields": ["name"]})
    with pytest.raises(exc.InvalidInput):
        api.record_describe(rid, {"project": 5})


def test_describe_project_hint(dx_project: str) -> None:
    rid = new_record(dx_project, close=True)
    other = new_project("hint")
    assert api.record_describe(rid, {"project": other})["project"] == dx_project
    api.project_clone(dx_project, {"objects": [rid], "project": other})
    api.record_rename(rid, {"project": other, "name": "there"})
    assert api.record_describe(rid, {"project": other})["name"] == "there"
    assert api.record_describe(rid, {"project": dx_project})["name"] == rid
    api.project_destroy(other)


def test_missing_and_malformed_objects(dx_project: str) -> None:
    with pytest.raises(exc.ResourceNotFound):
        api.record_describe("record-" + "0" * 24)
    with pytest.raises(exc.ResourceNotFound):
        api.record_describe("record-short")


def test_tags_properties_rename(dx_project: str) -> None:
    rid = new_record(dx_project)
    api.record_add_tags(rid, {"project": dx_project, "tags": ["a", "b", "a"]})
    api.record_remove_tags(rid, {"project": dx_project, "tags": ["b", "zz"]})
    api.record_set_properties(rid, {"project": dx_project, "properties": {"x": "1", "y": "2"}})
    api.record_set_properties(rid, {"project": dx_project, "properties": {"x": None}})
    api.record_rename(rid, {"project": dx_project, "name": "new name"})
    desc = api.record_describe(rid, {"properties": True})
    assert desc["tags"] == ["a"] and desc["properties"] == {"y": "2"} and desc["name"] == "new name"
    with pytest.raises(exc.InvalidInput):
        api.record_add_tags(rid, {"project": dx_project, "tags": [1]})
    with pytest.raises(exc.InvalidInput):
        api.record_set_properties(rid, {"project": dx_project, "properties": {"x": 1}})
    with pytest.raises(exc.InvalidInput):
        api.record_rename(rid, {"project": dx_project, "name": ""})
    with pytest.raises(exc.InvalidInput):
        api.record_rename(rid, {"project": dx_project})


def test_per_container_route_with_wrong_project(dx_project: str) -> None:
    rid = new_record(dx_project)
    other = new_project("elsewhere")
    with pytest.raises(exc.ResourceNotFound):
        api.record_add_tags(rid, {"project": other, "tags": ["x"]})
    api.project_destroy(other)


def test_types_visibility_details_while_open(dx_project: str) -> None:
    rid = new_record(dx_project)
    api.record_add_types(rid, {"types": ["A", "B"]})
    api.record_remove_types(rid, {"types": ["A"]})
    api.record_set_visibility(rid, {"hidden": True})
    target = "file-" + "F" * 24
    api.record_set_details(rid, ["x", {"$dnanexus_link": target}, {"$dnanexus_link": target}])
    desc = api.record_describe(rid, {"details": True})
    assert desc["types"] == ["B"] and desc["hidden"] is True
    assert desc["details"] == ["x", {"$dnanexus_link": target}, {"$dnanexus_link": target}]
    assert desc["links"] == [target]
    assert api.record_get_details(rid) == desc["details"]
    with pytest.raises(exc.InvalidInput):
        api.record_set_details(rid, {"$dnanexus_link": target, "extra": 1})
    with pytest.raises(exc.InvalidInput):
        api.record_set_details(rid, "just a string")
    with pytest.raises(exc.InvalidInput):
        api.record_set_visibility(rid, {"hidden": "yes"})


def test_closed_objects_freeze_global_metadata(dx_project: str) -> None:
    rid = new_record(dx_project)
    assert api.record_close(rid) == {"id": rid}
    assert api.record_close(rid) == {"id": rid}  # closing again is a no-op
    assert api.record_describe(rid)["state"] == "closed"
    for call, body in ((api.record_set_details, {"a": 1}), (api.record_set_visibility, {"hidden": True}),
                       (api.record_add_types, {"types": ["x"]}), (api.record_remove_types, {"types": ["x"]})):
        with pytest.raises(exc.InvalidState):
            call(rid, body)
    api.record_rename(rid, {"project": dx_project, "name": "still renameable"})
    api.record_add_tags(rid, {"project": dx_project, "tags": ["ok"]})
    assert api.record_describe(rid)["name"] == "still renameable"


def test_modified_moves_forward(dx_project: str) -> None:
    rid = new_record(dx_project)
    before = api.record_describe(rid)["modified"]
    api.record_set_details(rid, {"k": 1})
    assert api.record_describe(rid)["modified"] >= before


def test_list_projects(dx_project: str) -> None:
    rid = new_record(dx_project, close=True)
    other = new_project("lp")
    api.project_clone(dx_project, {"objects": [rid], "project": other})
    assert api.record_list_projects(rid) == {dx_project: "ADMINISTER", other: "ADMINISTER"}
    api.project_remove_objects(other, {"objects": [rid]})
    assert api.record_list_projects(rid) == {dx_project: "ADMINISTER"}
    with pytest.raises(exc.ResourceNotFound):
        api.record_list_projects("record-" + "0" * 24)
    api.project_destroy(other)


def test_wanted_fields_unit() -> None:
    assert wanted_fields({}, ["id", "a", "b"]) == ["id", "a", "b"]
    assert wanted_fields({"fields": {"b": True}}, ["id", "a", "b"]) == ["id", "b"]
    assert wanted_fields({"details": True}, ["id", "a"], ("details",)) == ["id", "a", "details"]
    with pytest.raises(APIError):
        wanted_fields({"defaultFields": 1}, ["id"])


def test_helpers_unit() -> None:
    assert normalize_path("/a//b/") == "/a/b"
    assert normalize_path("/") == "/"
    assert extract_links({"a": [{"$dnanexus_link": {"project": "project-x", "id": "file-1"}}],
                          "b": {"$dnanexus_link": "file-2"}}) == ["file-1", "file-2"]
