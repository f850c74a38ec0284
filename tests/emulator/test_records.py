"""Emulator ``/record/new`` (initializeFrom, close, folders, nonce) through dxpy.api."""

from __future__ import annotations

import pytest

import dxpy.api as api
from dxpy import exceptions as exc
from tests.emulator._datahelp import new_project, new_record


def test_new_record_defaults(dx_project: str) -> None:
    rid = new_record(dx_project)
    desc = api.record_describe(rid, {"details": True, "properties": True})
    assert rid.startswith("record-") and len(rid) == len("record-") + 24
    assert desc["name"] == rid and desc["folder"] == "/" and desc["details"] == {}
    assert desc["properties"] == {} and desc["state"] == "open" and desc["links"] == []


def test_new_record_all_options(dx_project: str) -> None:
    rid = new_record(dx_project, name="full", tags=["t1", "t2"], types=["Ty"], hidden=True,
                     properties={"a": "b"}, details={"k": [1, 2]}, folder="/x/y", parents=True, close=True)
    desc = api.record_describe(rid, {"details": True, "properties": True})
    assert desc["name"] == "full" and desc["tags"] == ["t1", "t2"] and desc["types"] == ["Ty"]
    assert desc["hidden"] is True and desc["state"] == "closed" and desc["folder"] == "/x/y"
    assert desc["properties"] == {"a": "b"} and desc["details"] == {"k": [1, 2]}


@pytest.mark.parametrize(
    "extra, word",
    [
        ({"name": 1}, "name"),
        ({"tags": "x"}, "tags"),
        ({"types": [1]}, "types"),
        ({"hidden": "no"}, "hidden"),
        ({"details": "str"}, "details"),
        ({"folder": "rel"}, "folder"),
        ({"close": 1}, "close"),
        ({"parents": "y"}, "parents"),
        ({"initializeFrom": "record-x"}, "initializeFrom"),
    ],
)
def test_new_record_validation(dx_project: str, extra: dict, word: str) -> None:
    body = {"project": dx_project}
    body.update(extra)
    with pytest.raises(exc.InvalidInput) as info:
        api.record_new(body)
    assert word in str(info.value)


def test_new_record_project_errors(dx_project: str) -> None:
    with pytest.raises(exc.InvalidInput):
        api.record_new({"name": "no project"})
    with pytest.raises(exc.InvalidInput):
        api.record_new({"project": "file-" + "0" * 24})
    with pytest.raises(exc.ResourceNotFound):
        api.record_new({"project": "project-" + "0" * 24})
    with pytest.raises(exc.ResourceNotFound):
        api.record_new({"project": dx_project, "folder": "/missing"})


def test_initialize_from(dx_project: str) -> None:
    src = new_record(dx_project, name="src", tags=["a"], types=["T1"], details={"d": 1},
                     properties={"p": "q"})
    other = new_project("init")
    rid = str(api.record_new({"project": other, "initializeFrom": {"id": src, "project": dx_project},
                              "types": ["T2"]})["id"])
    desc = api.record_describe(rid, {"details": True, "properties": True})
    assert desc["project"] == other and desc["name"] == "src" and desc["tags"] == ["a"]
    assert desc["details"] == {"d": 1} and desc["types"] == ["T2"] and desc["properties"] == {"p": "q"}
    with pytest.raises(exc.ResourceNotFound):
        api.record_new({"project": other, "initializeFrom": {"id": "record-" + "0" * 24}})
    api.project_destroy(other)


def test_nonce_replay_and_mismatch(dx_project: str) -> None:
    body = {"project": dx_project, "name": "n", "nonce": "fixed-nonce-for-test"}
    first = api.record_new(body)
    again = api.record_new(dict(body))
    assert first == again
    with pytest.raises(exc.InvalidInput) as info:
        api.record_new({"project": dx_project, "name": "different", "nonce": "fixed-nonce-for-test"})
    assert "Nonce was reused" in str(info.value)
    fresh = api.record_new({"project": dx_project, "name": "n"})
    assert fresh["id"] != first["id"]
