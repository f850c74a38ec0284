"""DXRecord and new_dxrecord through the emulator."""

from __future__ import annotations

import pytest
from _bindhelp import PROJ, new_project

import dxpy
from dxpy.exceptions import DXError, InvalidInput, ResourceNotFound


def test_new_dxrecord_with_every_creation_option(dx_project: str) -> None:
    link = dxpy.new_dxrecord(name="target")
    r = dxpy.new_dxrecord(
        details={"ref": dxpy.dxlink(link.get_id())},
        name="full",
        tags=["t1", "t2"],
        types=["Ty"],
        hidden=True,
        properties={"p": "v"},
        folder="/deep/er",
        parents=True,
        close=True,
    )
    assert isinstance(r, dxpy.DXRecord) and r.get_proj_id() == dx_project
    desc = r.describe(incl_properties=True, incl_details=True)
    assert desc["name"] == "full"
    assert desc["tags"] == ["t1", "t2"]
    assert desc["types"] == ["Ty"]
    assert desc["hidden"] is True
    assert desc["properties"] == {"p": "v"}
    assert desc["details"] == {"ref": {"$dnanexus_link": link.get_id()}}
    assert desc["links"] == [link.get_id()]
    assert desc["folder"] == "/deep/er"
    assert desc["state"] == "closed"


def test_defaults_and_explicit_project(dx_project: str) -> None:
    r = dxpy.new_dxrecord()
    desc = r.describe()
    got = (desc["name"], desc["folder"], desc["state"], desc["project"])
    assert got == (r.get_id(), "/", "open", dx_project)
    other = new_project("elsewhere")
    try:
        r2 = dxpy.new_dxrecord(project=other.get_id(), name="there")
        assert r2.get_proj_id() == other.get_id()
        assert r2.describe()["project"] == other.get_id()
    finally:
        other.destroy()


def test_missing_parent_folder_is_an_error(dx_project: str) -> None:
    with pytest.raises(ResourceNotFound):
        dxpy.new_dxrecord(folder="/no/such")


def test_initialize_from(dx_project: str) -> None:
    src = dxpy.new_dxrecord(name="src", tags=["a"], details={"k": 1}, types=["T"])
    copy = dxpy.new_dxrecord(initializeFrom={"id": src.get_id(), "project": dx_project}, types=["U"])
    desc = copy.describe(incl_details=True)
    assert (desc["name"], desc["tags"], desc["details"], desc["types"]) == ("src", ["a"], {"k": 1}, ["U"])
    copy2 = dxpy.DXRecord()
    copy2.new(init_from=src, name="renamed")
    assert copy2.describe(incl_details=True)["details"] == {"k": 1}
    assert copy2.describe()["name"] == "renamed"
    with pytest.raises(DXError, match="initializeFrom"):
        dxpy.new_dxrecord(initializeFrom="record-x")


def test_handler_new_binds(dx_project: str) -> None:
    r = dxpy.DXRecord()
    assert r.new(name="via handler") is None
    assert r.get_id() is not None and r.get_id().startswith("record-")
    assert r.describe()["name"] == "via handler"


def test_bad_creation_arguments(dx_project: str) -> None:
    with pytest.raises(DXError, match="tags"):
        dxpy.new_dxrecord(tags="single")
    with pytest.raises(DXError, match="types"):
        dxpy.new_dxrecord(types="single")
    with pytest.raises(InvalidInput):
        dxpy.new_dxrecord(name=5)


def test_no_project_anywhere_is_an_error(dx_context: object) -> None:
    dxpy.set_job_id(None)
    dxpy.set_workspace_id(None)
    dxpy.set_project_context(None)
    with pytest.raises(DXError, match="No project"):
        dxpy.new_dxrecord(name="homeless")


def test_creation_request_shape_and_kwargs(dx_test_context: object) -> None:
    server = dx_test_context
    from tests._support.testserver import reply

    server.queue(reply(json={"id": "record-" + "C" * 24}))  # type: ignore[attr-defined]
    r = dxpy.new_dxrecord(project=PROJ, name="n", close=True, headers={"X-Probe": "new"})
    sent = server.requests[0]  # type: ignore[attr-defined]
    body = sent.json()
    assert sent.path == "/record/new" and sent.headers["x-probe"] == "new"
    assert body["project"] == PROJ and body["name"] == "n" and body["close"] is True
    assert body["nonce"]
    assert (r.get_id(), r.get_proj_id()) == ("record-" + "C" * 24, PROJ)


def test_an_unknown_keyword_argument_is_a_type_error_naming_it(dx_project: str) -> None:
    before = list(dxpy.find_data_objects(project=dx_project, classname="record"))
    with pytest.raises(TypeError, match="'no_such_option'"):
        dxpy.new_dxrecord(name="x", no_such_option=1)
    with pytest.raises(TypeError, match="'tiemout'"):
        dxpy.DXRecord(dxpy.new_dxrecord(name="y").get_id()).describe(tiemout=5)
    with pytest.raises(TypeError, match="'retries'"):
        dxpy.api.system_whoami(retries=3)
    after = list(dxpy.find_data_objects(project=dx_project, classname="record"))
    assert len(after) == len(before) + 1  # only "y": the typo created nothing
