"""DXObject / DXDataObject base classes, the handler registry and the link helpers."""

from __future__ import annotations

import pytest
from _bindhelp import CONT, FILE, PROJ, PROJ2, REC, OtherUser, new_project

import dxpy
import dxpy.bindings as bindings
from dxpy.bindings import (
    DXDataObject,
    DXObject,
    handler_class_for,
    register_handler_class,
    verify_string_dxid,
)
from dxpy.exceptions import DXError, InvalidState, PermissionDenied, ResourceNotFound

# -- offline: IDs, links, construction -------------------------------------------------


BAD_IDS = ["record-123", "file-" + "a" * 24, 3, None, "record-" + "a" * 25, "record_" + "a" * 24]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_verify_string_dxid_rejects_and_names_the_value(bad: object) -> None:
    with pytest.raises(DXError) as info:
        verify_string_dxid(bad, "record")
    assert repr(bad) in str(info.value)


def test_verify_string_dxid_accepts_any_of_several_classes() -> None:
    verify_string_dxid(REC, ["file", "record"])
    with pytest.raises(DXError, match="file or record"):
        verify_string_dxid(PROJ, ["file", "record"])


def test_malformed_id_raises_naming_it() -> None:
    with pytest.raises(DXError, match="record-123"):
        dxpy.DXRecord("record-123")
    with pytest.raises(DXError, match=FILE):
        dxpy.DXRecord(FILE)
    with pytest.raises(DXError, match="project-x"):
        dxpy.DXRecord(REC, project="project-x")


def test_construct_from_links() -> None:
    r = dxpy.DXRecord({"$dnanexus_link": {"project": PROJ, "id": REC}})
    assert (r.get_id(), r.get_proj_id()) == (REC, PROJ)
    r = dxpy.DXRecord({"$dnanexus_link": {"project": PROJ, "id": REC}}, project=PROJ2)
    assert r.get_proj_id() == PROJ2
    r = dxpy.DXRecord({"$dnanexus_link": REC}, project=PROJ)
    assert (r.get_id(), r.get_proj_id()) == (REC, PROJ)
    with pytest.raises(DXError):
        dxpy.DXRecord({"$dnanexus_link": {"job": "job-" + "a" * 24, "field": "x"}})


def test_default_project_is_the_workspace(dx_context: object) -> None:
    dxpy.set_job_id(None)
    dxpy.set_workspace_id(None)
    dxpy.set_project_context(PROJ)
    assert dxpy.DXRecord(REC).get_proj_id() == PROJ
    dxpy.set_workspace_id(PROJ2)
    assert dxpy.DXRecord(REC).get_proj_id() == PROJ2
    dxpy.set_job_id("job-" + "a" * 24)
    dxpy.set_workspace_id(CONT)
    assert dxpy.DXRecord(REC).get_proj_id() == CONT


def test_ids_repr_eq_hash() -> None:
    r = dxpy.DXRecord(REC, project=PROJ)
    assert "DXRecord" in repr(r) and REC in repr(r) and PROJ in repr(r)
    assert str(r) == f"<dxpy.DXRecord: None ({REC} ({PROJ}))>"  # upstream's format; no name described yet
    assert repr(r) == f"<dxpy.bindings.dxrecord.DXRecord object at 0x{id(r):x}: {REC} ({PROJ})>"
    assert "no ID stored" in repr(dxpy.DXRecord())
    assert r == dxpy.DXRecord(REC, project=PROJ)
    assert r != dxpy.DXRecord(REC, project=PROJ2)
    assert len({r, dxpy.DXRecord(REC, project=PROJ)}) == 1
    r.set_ids(REC.replace("B", "Q"), PROJ2)
    assert (r.get_id(), r.get_proj_id()) == (REC.replace("B", "Q"), PROJ2)
    p = dxpy.DXProject(PROJ)
    assert PROJ in repr(p) and p.get_id() == PROJ
    p.set_id(PROJ2)
    assert p.get_id() == PROJ2


def test_unbound_handler_refuses_calls() -> None:
    r = dxpy.DXRecord()
    for call in (r.describe, r.close, r.get_details, r.list_projects, r.remove, lambda: r.add_tags(["x"])):
        with pytest.raises(DXError, match="not been initialized"):
            call()
    r = dxpy.DXRecord(REC)
    r._proj = None
    with pytest.raises(DXError, match="project"):
        r.rename("x")
    with pytest.raises(DXError, match="project"):
        r.remove()


def test_registry_plugs_in_new_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(bindings._HANDLER_MODULES, "widget", "dxwidget_not_there")
    with pytest.raises(DXError, match="not implemented"):
        handler_class_for("widget")
    with pytest.raises(DXError, match="Could not get a handler"):
        dxpy.get_handler("widget-" + "a" * 24)

    class Widget(DXDataObject):
        _class = "widget"

    monkeypatch.setitem(bindings._HANDLER_CLASSES, "widget", Widget)
    assert register_handler_class(Widget) is Widget
    handler = dxpy.get_handler("widget-" + "a" * 24, project=PROJ)
    assert isinstance(handler, Widget) and handler.get_proj_id() == PROJ
    with pytest.raises(DXError, match="No handler class"):
        handler_class_for("gizmo")

    class Nameless(DXObject):
        pass

    with pytest.raises(DXError, match="_class"):
        register_handler_class(Nameless)


def test_get_handler_classes() -> None:
    assert isinstance(dxpy.get_handler(PROJ), dxpy.DXProject)
    assert isinstance(dxpy.get_handler(CONT), dxpy.DXContainer)
    r = dxpy.get_handler(dxpy.dxlink(REC, PROJ))
    assert isinstance(r, dxpy.DXRecord) and r.get_proj_id() == PROJ
    assert dxpy.get_handler(REC, project=PROJ2).get_proj_id() == PROJ2
    assert type(dxpy.get_handler(FILE)).__name__ == "DXFile"
    for bad in ("foo-xx", "user-alice", "record-123", 17):
        with pytest.raises(DXError):
            dxpy.get_handler(bad)
    try:
        handler_class_for("app")
    except DXError:
        with pytest.raises(DXError, match="app"):
            dxpy.get_handler("app-bwa")
    else:
        assert type(dxpy.get_handler("app-bwa")).__name__ == "DXApp"


def test_dxlink_forms() -> None:
    assert dxpy.dxlink(REC) == {"$dnanexus_link": REC}
    assert dxpy.dxlink(REC, PROJ) == {"$dnanexus_link": {"project": PROJ, "id": REC}}
    job = "job-" + "a" * 24
    assert dxpy.dxlink(job, field="out") == {"$dnanexus_link": {"job": job, "field": "out"}}
    analysis = "analysis-" + "a" * 24
    assert dxpy.dxlink(analysis, field="o") == {"$dnanexus_link": {"analysis": analysis, "field": "o"}}
    link = {"$dnanexus_link": REC}
    assert dxpy.dxlink(link) is link
    assert dxpy.dxlink(dxpy.DXRecord(REC, project=PROJ)) == {"$dnanexus_link": REC}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"$dnanexus_link": "x"}, True),
        ({"$dnanexus_link": {"id": "x"}}, True),
        ({"$dnanexus_link": {"job": "x", "field": "f"}}, True),
        ({"$dnanexus_link": {"field": "x"}}, False),
        ({"$dnanexus_link": 3}, False),
        ({"a": 1}, False),
        ("record-x", False),
        (None, False),
    ],
)
def test_is_dxlink(value: object, expected: bool) -> None:
    assert dxpy.is_dxlink(value) is expected


def test_get_dxlink_ids() -> None:
    assert dxpy.get_dxlink_ids({"$dnanexus_link": REC}) == (REC, None)
    assert dxpy.get_dxlink_ids({"$dnanexus_link": {"id": REC, "project": PROJ}}) == (REC, PROJ)
    assert dxpy.get_dxlink_ids({"$dnanexus_link": {"job": "job-x", "field": "f"}}) == ("job-x", "f")
    with pytest.raises(DXError, match="Invalid link"):
        dxpy.get_dxlink_ids("record-x")


def test_exports_reach_the_dxpy_namespace() -> None:
    for name in bindings.__all__:
        assert getattr(dxpy, name) is getattr(bindings, name), name
    import dxpy.bindings.dxdataobject_functions as f

    assert f.get_handler is dxpy.get_handler


# -- through the emulator -------------------------------------------------------------


def test_data_object_metadata_round_trip(dx_project: str) -> None:
    r = dxpy.new_dxrecord(name="meta")
    assert r.get_proj_id() == dx_project
    r.add_tags(["a", "b"])
    r.remove_tags(["a", "missing"])
    r.add_types(["T1", "T2"])
    r.remove_types(["T1"])
    r.set_properties({"k": "v", "gone": "x"})
    r.set_properties({"gone": None})
    assert r.get_properties() == {"k": "v"}
    assert r.rename("renamed") == {"id": r.get_id()}
    r.hide()
    assert r.describe(fields={"hidden"})["hidden"] is True
    r.unhide()
    r.set_details({"x": [1, 2]})
    assert r.get_details() == {"x": [1, 2]}
    desc = r.describe()
    assert (desc["name"], desc["tags"], desc["types"], desc["hidden"]) == ("renamed", ["b"], ["T2"], False)
    assert "properties" not in desc and "details" not in desc
    full = r.describe(incl_properties=True, incl_details=True)
    assert full["properties"] == {"k": "v"} and full["details"] == {"x": [1, 2]}


def test_describe_fields_options(dx_project: str) -> None:
    r = dxpy.new_dxrecord(name="f")
    assert r.describe(fields={"name"}) == {"id": r.get_id(), "name": "f"}
    assert r.describe(fields=["name", "state"]) == {"id": r.get_id(), "name": "f", "state": "open"}
    assert r.describe(fields={"name": True, "state": False}) == {"id": r.get_id(), "name": "f"}
    both = r.describe(fields={"properties"}, default_fields=True)
    assert both["properties"] == {} and both["name"] == "f"


def test_close_and_wait_and_frozen_metadata(dx_project: str) -> None:
    r = dxpy.new_dxrecord(name="c")
    r.close()
    r.wait_on_close()
    assert r._get_state() == "closed"
    with pytest.raises(InvalidState):
        r.set_details({"late": True})
    with pytest.raises(InvalidState):
        r.hide()
    r.rename("still renamable")


def test_wait_on_close_times_out_with_injected_clock(dx_project: str) -> None:
    r = dxpy.new_dxrecord(name="open")
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    r._clock = lambda: now[0]  # type: ignore[method-assign]
    r._sleep = sleep  # type: ignore[method-assign]
    with pytest.raises(DXError, match="did not close within 20"):
        r.wait_on_close(timeout=20)
    # starts at 0.25 s and doubles (capped at 8 s): never slower than upstream's 1, 2, 4, 8 ...
    assert sleeps == [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 4.25]
    upstream = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]
    assert all(ours <= theirs for ours, theirs in zip(sleeps, upstream))


def test_list_projects_move_clone_remove(dx_project: str) -> None:
    dxpy.DXProject(dx_project).new_folder("/dest")
    r = dxpy.new_dxrecord(name="mv", close=True)
    r.move("/dest")
    assert r.describe()["folder"] == "/dest"
    other = new_project("clone target")
    try:
        copy = r.clone(other.get_id(), folder="/")
        assert isinstance(copy, dxpy.DXRecord)
        assert (copy.get_id(), copy.get_proj_id()) == (r.get_id(), other.get_id())
        assert set(r.list_projects()) == {dx_project, other.get_id()}
        copy.remove()
        assert copy.get_id() is None
        assert set(r.list_projects()) == {dx_project}
    finally:
        other.destroy()


def test_missing_object_and_permissions(dx_emulator: object, dx_project: str) -> None:
    ghost = dxpy.DXRecord("record-" + "Z" * 24)
    with pytest.raises(ResourceNotFound):
        ghost.describe()
    r = dxpy.new_dxrecord(name="private")
    user = OtherUser(dx_emulator)
    with user, pytest.raises(ResourceNotFound):
        r.describe()
    dxpy.DXProject(dx_project).invite(user.user_id, "VIEW")
    with user:
        assert r.describe()["name"] == "private"
        with pytest.raises(PermissionDenied):
            r.rename("mine now")
        with pytest.raises(PermissionDenied):
            r.remove()


def test_module_functions(dx_project: str, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [dxpy.new_dxrecord(name=f"r{i}", details={"i": i}) for i in range(5)]
    assert dxpy.describe(records[0].get_id())["name"] == "r0"
    assert dxpy.describe(dxpy.dxlink(records[1].get_id(), dx_project), fields={"name"})["name"] == "r1"
    assert dxpy.get_details(dxpy.dxlink(records[2].get_id())) == {"i": 2}
    monkeypatch.setattr("dxpy.bindings.dxdataobject_functions._BATCH", 2)
    items = [r.get_id() for r in records[:4]] + [dxpy.dxlink(records[4].get_id(), dx_project)]
    described = dxpy.describe(items)
    assert [d["name"] for d in described] == ["r0", "r1", "r2", "r3", "r4"]
    names_only = dxpy.describe([records[0].get_id()], fields={"name"})
    assert names_only == [{"id": records[0].get_id(), "name": "r0"}]
    dxpy.remove(dxpy.dxlink(records[0].get_id(), dx_project))
    with pytest.raises(ResourceNotFound):
        records[0].describe()
    with pytest.raises(DXError, match="data object"):
        dxpy.remove(dx_project)
    with pytest.raises(DXError, match="data object"):
        dxpy.get_details(dx_project)


# -- request shapes and kwargs pass-through (scripted server) ----------------------------


def test_kwargs_pass_through_to_the_api_call(dx_test_context: object) -> None:
    server = dx_test_context
    r = dxpy.DXRecord(REC, project=PROJ)
    r.describe(fields={"name"}, headers={"X-Probe": "1"})
    r.add_tags(["t"], headers={"X-Probe": "2"})
    r.set_details([1, 2], headers={"X-Probe": "3"})
    sent = server.requests  # type: ignore[attr-defined]
    assert [q.headers.get("x-probe") for q in sent] == ["1", "2", "3"]
    assert sent[0].path == f"/{REC}/describe"
    assert sent[0].json() == {"fields": {"name": True}, "project": PROJ}
    assert sent[1].json() == {"project": PROJ, "tags": ["t"]}
    assert sent[2].json() == [1, 2]


def test_container_level_calls_use_the_container_class(dx_test_context: object) -> None:
    server = dx_test_context
    r = dxpy.DXRecord(REC, project=CONT)
    r.move("/x")
    r.remove()
    paths = [q.path for q in server.requests]  # type: ignore[attr-defined]
    assert paths == [f"/{CONT}/move", f"/{CONT}/removeObjects"]
