"""Handlers expose their description's fields as attributes, and print as upstream's do
(issue: compatibility, items 3 and 9)."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Iterator
from typing import Any

import pytest

import dxpy


@pytest.fixture
def describes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """Record the describe calls the handlers make (real requests still go out)."""
    import dxpy.api

    seen: list = []
    for name in ("record_describe", "project_describe", "file_describe"):
        real = getattr(dxpy.api, name)

        def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            seen.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(dxpy.api, name, spy)
    yield seen


def test_fields_are_attributes_described_once(dx_project: str, describes: list) -> None:
    record = dxpy.new_dxrecord(name="sample", details={"n": 1}, tags=["t"])
    describes.clear()
    assert record.name == "sample"
    assert record.id == record.get_id()
    assert record.tags == ["t"] and record.state == "open"
    assert describes == ["record_describe"]  # one request, then the cache
    project = dxpy.DXProject(dx_project)
    assert project.name.startswith("pytest ") and project.level == "ADMINISTER"
    assert "billTo" in project.describe() and project.billTo == project.describe()["billTo"]


def test_set_id_clears_the_cache(dx_project: str, describes: list) -> None:
    first = dxpy.new_dxrecord(name="first")
    second = dxpy.new_dxrecord(name="second")
    assert first.name == "first"
    first.set_id(second.get_id())
    assert first.name == "second"
    first.set_ids(first.get_id(), dx_project)
    describes.clear()
    assert first.name == "second" and describes == ["record_describe"]


def test_a_missing_field_is_an_attribute_error(dx_project: str) -> None:
    record = dxpy.new_dxrecord(name="r")
    with pytest.raises(AttributeError, match="no_such_field"):
        record.no_such_field  # noqa: B018
    assert not hasattr(record, "no_such_field")
    assert hasattr(record, "name")


def test_special_names_never_make_a_request(dx_project: str, describes: list) -> None:
    record = dxpy.DXRecord(dxpy.new_dxrecord(name="r").get_id(), project=dx_project)
    describes.clear()
    assert not hasattr(record, "__len__") and not hasattr(record, "_no_such_private")
    clone = copy.copy(record)
    deep = copy.deepcopy(record)
    again = pickle.loads(pickle.dumps(record))
    assert clone == record == deep == again
    assert describes == []
    unbound = dxpy.DXRecord()
    assert not hasattr(unbound, "name") and describes == []


def test_str_and_repr_use_upstream_formats(dx_project: str) -> None:
    record = dxpy.new_dxrecord(name="shown")
    rid = record.get_id()
    assert str(record) == f"<dxpy.DXRecord: None ({rid} ({dx_project}))>"  # nothing described yet
    record.describe()
    assert str(record) == f"<dxpy.DXRecord: shown ({rid} ({dx_project}))>"
    where = f"0x{id(record):x}: {rid} ({dx_project})"
    assert repr(record) == f"<dxpy.bindings.dxrecord.DXRecord object at {where}>"
    project = dxpy.DXProject(dx_project)
    project.describe()
    assert str(project) == f"<dxpy.DXProject: {project.name} ({dx_project})>"
    assert repr(project) == f"<dxpy.bindings.dxproject.DXProject object at 0x{id(project):x}: {dx_project}>"
    assert repr(dxpy.DXRecord()).endswith(": no ID stored (no project ID stored)>")
