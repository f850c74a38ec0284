"""Batch routes through the HTTP API and through dxpy.api: ``/system/generateBatchInputs`` and
``validateBatch`` of applets, apps (by ID, name and alias) and workflows."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

import dxpy
from dxpy.emulator import Emulator, EmulatorCallError

SPEC = [
    {"name": "reads", "class": "file"},
    {"name": "k", "class": "int"},
    {"name": "mode", "class": "string", "choices": ["fast", "slow"], "optional": True},
]


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("batch"))) as emulator:
        yield emulator


@pytest.fixture
def project(emu: Emulator) -> str:
    return emu.call("project/new", {"name": "batch-" + uuid.uuid4().hex[:6]})["id"]


def new_file(emu: Emulator, project: str, name: str, folder: str = "/", close: bool = True) -> str:
    fid = emu.call("file/new", {"project": project, "name": name, "folder": folder, "parents": True})["id"]
    if close:
        emu.call(f"{fid}/close", {})
    return fid


def new_applet(emu: Emulator, project: str, spec: Any = None) -> str:
    body = {"project": project, "name": "counter", "dxapi": "1.0.0",
            "runSpec": {"interpreter": "bash", "code": "main() { :; }"},
            "inputSpec": SPEC if spec is None else spec, "outputSpec": []}
    return emu.call("applet/new", body)["id"]


def link(object_id: str) -> dict:
    return {"$dnanexus_link": object_id}


def error(emu: Emulator, path: str, body: Any, token: Any = None) -> EmulatorCallError:
    with pytest.raises(EmulatorCallError) as info:
        emu.call(path, body, token=token)
    return info.value


def generate(emu: Emulator, project: str, inputs: dict, folder: str = "/", token: Any = None) -> list:
    body = {"project": project, "folder": folder, "inputs": inputs}
    return emu.call("system/generateBatchInputs", body, token=token)["batchInputs"]


PAIRS = {"left": r"(.*)_R1\.fq$", "right": r"(.*)_R2\.fq$"}


# -- generateBatchInputs --------------------------------------------------------------------------


def test_generate_pairs_files_by_batch_id(emu: Emulator, project: str) -> None:
    ids = {name: new_file(emu, project, name) for name in ("b_R2.fq", "a_R1.fq", "a_R2.fq", "b_R1.fq")}
    new_file(emu, project, "other.txt")
    plan = generate(emu, project, PAIRS)
    assert [b["batchPattern"] for b in plan] == ["a", "b"]
    assert plan[0]["inputs"] == {"left": {"name": "a_R1.fq", "ids": [ids["a_R1.fq"]]},
                                 "right": {"name": "a_R2.fq", "ids": [ids["a_R2.fq"]]}}
    assert plan[1]["inputs"]["right"]["ids"] == [ids["b_R2.fq"]]
    assert all("error" not in b for b in plan)


def test_generate_reports_missing_and_ambiguous_inputs(emu: Emulator, project: str) -> None:
    new_file(emu, project, "a_R1.fq")  # no a_R2.fq
    twins = sorted([new_file(emu, project, "t_R1.fq"), new_file(emu, project, "t_R1.fq")])
    new_file(emu, project, "t_R2.fq")
    plan = {b["batchPattern"]: b for b in generate(emu, project, PAIRS)}
    assert sorted(plan) == ["a", "t"]
    assert "right" in plan["a"]["error"] and "no file matches" in plan["a"]["error"]
    assert sorted(plan["a"]["inputs"]) == ["left"]
    assert sorted(plan["t"]["inputs"]["left"]["ids"]) == twins
    assert "names several files" in plan["t"]["error"]
    # one input matching two different names for one batch ID
    new_file(emu, project, "x_one.fq")
    new_file(emu, project, "x_two.fq")
    only = generate(emu, project, {"reads": r"^(x)_.*\.fq$"})
    assert len(only) == 1 and "several file names" in only[0]["error"]


def test_generate_looks_only_at_closed_visible_files_of_the_folder(emu: Emulator, project: str) -> None:
    new_file(emu, project, "top_R1.fq")
    new_file(emu, project, "open_R1.fq", close=False)
    inner = new_file(emu, project, "sub_R1.fq", folder="/sub")
    hidden = emu.call("file/new", {"project": project, "name": "hid_R1.fq", "hidden": True})["id"]
    emu.call(f"{hidden}/close", {})
    other = emu.call("project/new", {"name": "other"})["id"]
    new_file(emu, other, "elsewhere_R1.fq")
    left = {"left": PAIRS["left"]}
    assert [b["batchPattern"] for b in generate(emu, project, left)] == ["top"]
    in_sub = generate(emu, project, left, folder="/sub")
    assert [(b["batchPattern"], b["inputs"]["left"]["ids"]) for b in in_sub] == [("sub", [inner])]


def test_generate_checks_its_input(emu: Emulator, project: str) -> None:
    bad = [({"inputs": {"left": "no group"}}, "left"), ({"inputs": {"left": "(unclosed"}}, "left"),
           ({"inputs": {"left": 3}}, "left"), ({"inputs": {}}, "inputs"), ({"inputs": ["x"]}, "inputs"),
           ({"project": "nonsense", "inputs": PAIRS}, "project")]
    for extra, named in bad:
        err = error(emu, "system/generateBatchInputs", {"project": project, "folder": "/", **extra})
        assert err.error_type == "InvalidInput", extra
        assert named in str(err), (extra, str(err))
    body = {"project": project, "folder": "/nope", "inputs": PAIRS}
    missing = error(emu, "system/generateBatchInputs", body)
    assert missing.error_type == "ResourceNotFound"


def test_generate_needs_view_on_the_project(emu: Emulator, project: str) -> None:
    new_file(emu, project, "a_R1.fq")
    viewer_id, viewer = emu.new_user("bviewer" + uuid.uuid4().hex[:6])
    stranger = emu.new_user("bstranger" + uuid.uuid4().hex[:6])[1]
    body = {"project": project, "inputs": PAIRS}
    assert error(emu, "system/generateBatchInputs", body, stranger).error_type == "ResourceNotFound"
    emu.call(f"{project}/invite", {"invitee": viewer_id, "level": "VIEW"})
    assert [b["batchPattern"] for b in emu.call("system/generateBatchInputs", body, token=viewer)[
        "batchInputs"]] == ["a"]


# -- applet validateBatch -------------------------------------------------------------------------


def test_applet_validate_batch_expands_rows(emu: Emulator, project: str) -> None:
    applet = new_applet(emu, project)
    f1, f2 = new_file(emu, project, "1.fq"), new_file(emu, project, "2.fq")
    body = {"batchInput": {"reads": [link(f1), link(f2)], "mode": ["fast", None]},
            "commonInput": {"k": 7}, "files": [link(f1), {"$dnanexus_link": {"project": project, "id": f2}}],
            "instanceTypes": []}
    rows = emu.call(f"{applet}/validateBatch", body)["expandedBatch"]
    assert rows == [{"k": 7, "reads": link(f1), "mode": "fast"}, {"k": 7, "reads": link(f2)}]
    # each expanded row is a valid run input
    job = emu.call(f"{applet}/run", {"project": project, "input": rows[1]})["id"]
    assert emu.call(f"{job}/describe")["originalInput"] == rows[1]
    assert emu.call(f"{applet}/validateBatch", {"batchInput": {}})["expandedBatch"] == []


@pytest.mark.parametrize("batch,common,words", [
    ({"k": [1, "two"]}, {"reads": "LINK"}, ["row 1", "'k'", "int"]),
    ({"k": [1, 2]}, {}, ["row 0", "'reads'", "required"]),
    ({"k": [1], "bogus": [1]}, {"reads": "LINK"}, ["row 0", "'bogus'"]),
    ({"k": [1], "mode": ["medium"]}, {"reads": "LINK"}, ["row 0", "'mode'", "fast"]),
    ({"k": [1, 2], "mode": ["fast"]}, {"reads": "LINK"}, ["same length", '"k"', '"mode"']),
    ({"k": [1]}, {"k": 2, "reads": "LINK"}, ["'k'", "both"]),
    ({"k": 1}, {"reads": "LINK"}, ['batchInput["k"]', "array"]),
    ({"k": [1], "reads": ["OPEN"]}, {}, ["row 0", "'reads'", "not closed"]),
])
def test_applet_validate_batch_names_row_and_field(emu: Emulator, project: str, batch: dict,
                                                   common: dict, words: list) -> None:
    applet = new_applet(emu, project)
    closed, opened = new_file(emu, project, "c.fq"), new_file(emu, project, "o.fq", close=False)

    def fill(value: Any) -> Any:
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, str):
            return {"LINK": link(closed), "OPEN": link(opened)}.get(value, value)
        return value

    body = {"batchInput": {k: fill(v) for k, v in batch.items()},
            "commonInput": {k: fill(v) for k, v in common.items()}}
    err = error(emu, f"{applet}/validateBatch", body)
    assert err.error_type == "InvalidInput"
    for word in words:
        assert word in str(err), (word, str(err))


def test_applet_validate_batch_checks_files_and_visibility(emu: Emulator, project: str) -> None:
    applet = new_applet(emu, project)
    mine = new_file(emu, project, "mine.fq")
    other_id, other = emu.new_user("bother" + uuid.uuid4().hex[:6])
    theirs_project = emu.call("project/new", {"name": "theirs"}, token=other)["id"]
    theirs = emu.call("file/new", {"project": theirs_project, "name": "t.fq"}, token=other)["id"]
    emu.call(f"{theirs}/close", {}, token=other)
    batch = {"k": [1]}
    common = {"reads": link(mine)}
    err = error(emu, f"{applet}/validateBatch", {"batchInput": batch, "commonInput": common,
                                                  "files": [link(mine), link(theirs)]})
    assert err.error_type == "InvalidInput" and "files[1]" in str(err) and theirs in str(err)
    err = error(emu, f"{applet}/validateBatch", {"batchInput": {"k": [1], "reads": [link(theirs)]}})
    assert "row 0" in str(err) and "not visible" in str(err)
    assert "files" in str(error(emu, f"{applet}/validateBatch", {"batchInput": batch, "files": "x"}))
    assert error(emu, f"{applet}/validateBatch", {"batchInput": []}).error_type == "InvalidInput"
    # the applet itself must be visible: VIEW on its project
    assert error(emu, f"{applet}/validateBatch", {"batchInput": {}}, other).error_type == "ResourceNotFound"
    emu.call(f"{project}/invite", {"invitee": other_id, "level": "VIEW"})
    rows = emu.call(f"{applet}/validateBatch", {"batchInput": batch, "commonInput": common}, token=other)
    assert rows == {"expandedBatch": [{"reads": link(mine), "k": 1}]}


# -- app validateBatch ----------------------------------------------------------------------------


def test_app_validate_batch_by_id_name_and_alias(emu: Emulator, project: str) -> None:
    applet = new_applet(emu, project, spec=[{"name": "k", "class": "int"}])
    name = "batchapp" + uuid.uuid4().hex[:8]
    app = emu.call("app/new", {"applet": applet, "name": name, "version": "1.0.0"})["id"]
    body = {"batchInput": {"k": [1, 2, 3]}}
    want = {"expandedBatch": [{"k": 1}, {"k": 2}, {"k": 3}]}
    for path in (app, f"app-{name}", f"app-{name}/1.0.0"):
        assert emu.call(f"{path}/validateBatch", body) == want, path
    err = error(emu, f"app-{name}/1.0.0/validateBatch", {"batchInput": {"k": [1, 2.5]}})
    assert err.error_type == "InvalidInput" and "row 1" in str(err) and "'k'" in str(err)
    user_id, user = emu.new_user("bappuser" + uuid.uuid4().hex[:6])
    assert error(emu, f"{app}/validateBatch", body, user).error_type == "ResourceNotFound"  # unpublished
    emu.call(f"{app}/publish", {})
    assert error(emu, f"{app}/validateBatch", body, user).error_type == "PermissionDenied"
    emu.call(f"{app}/addAuthorizedUsers", {"authorizedUsers": [user_id]})
    assert emu.call(f"app-{name}/validateBatch", body, token=user) == want


# -- workflow validateBatch -----------------------------------------------------------------------


def test_workflow_validate_batch_checks_each_stage(emu: Emulator, project: str) -> None:
    applet = new_applet(emu, project, spec=[{"name": "x", "class": "int"}])
    stages = [{"id": "first", "name": "one", "executable": applet},
              {"id": "second", "executable": applet,
               "input": {"x": {"$dnanexus_link": {"stage": "first", "outputField": "y"}}}}]
    wf = emu.call("workflow/new", {"project": project, "stages": stages})["id"]
    rows = emu.call(f"{wf}/validateBatch", {"batchInput": {"first.x": [1, 2]}})["expandedBatch"]
    assert rows == [{"first.x": 1}, {"first.x": 2}]
    assert emu.call(f"{wf}/validateBatch", {"batchInput": {"one.x": [5]}})["expandedBatch"] == [{"one.x": 5}]
    err = error(emu, f"{wf}/validateBatch", {"batchInput": {"first.x": [1, "z"]}})
    assert err.error_type == "InvalidInput"
    assert "row 1" in str(err) and "first" in str(err) and "'x'" in str(err)
    err = error(emu, f"{wf}/validateBatch", {"batchInput": {"first.x": [1]}, "commonInput": {"nostage.x": 1}})
    assert "row 0" in str(err) and "nostage" in str(err)
    assert "required" in str(error(emu, f"{wf}/validateBatch", {"batchInput": {"second.x": [1]}}))
    empty = emu.call("workflow/new", {"project": project})["id"]
    assert error(emu, f"{empty}/validateBatch", {"batchInput": {}}).error_type == "InvalidState"


def test_workflow_validate_batch_with_workflow_level_inputs(emu: Emulator, project: str) -> None:
    applet = new_applet(emu, project, spec=[{"name": "x", "class": "int"}])
    wired = {"x": {"$dnanexus_link": {"workflowInputField": "n"}}}
    stages = [{"id": "only", "executable": applet, "input": wired}]
    wf = emu.call("workflow/new", {"project": project, "stages": stages,
                                   "inputs": [{"name": "n", "class": "int"}]})["id"]
    rows = emu.call(f"{wf}/validateBatch", {"batchInput": {"n": [3, 4]}})["expandedBatch"]
    assert rows == [{"n": 3}, {"n": 4}]
    err = error(emu, f"{wf}/validateBatch", {"batchInput": {"only.x": [3]}})
    assert err.error_type == "InvalidInput" and "only.x" in str(err)


# -- through dxpy.api ------------------------------------------------------------------------------


def test_batch_routes_through_dxpy(emu: Emulator, project: str) -> None:
    reads = new_file(emu, project, "s9_R1.fq")
    applet = new_applet(emu, project)
    name = "batchdx" + uuid.uuid4().hex[:8]
    emu.call("app/new", {"applet": applet, "name": name, "version": "0.1.0"})
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "s", "executable": applet}]})["id"]
    with emu.configure_dxpy(project):
        plan = dxpy.api.system_generate_batch_inputs({"project": project, "inputs": {"left": PAIRS["left"]}})
        assert plan == {"batchInputs": [{"batchPattern": "s9",
                                         "inputs": {"left": {"name": "s9_R1.fq", "ids": [reads]}}}]}
        body = {"batchInput": {"reads": [link(reads)]}, "commonInput": {"k": 1}, "files": [link(reads)]}
        want = {"expandedBatch": [{"k": 1, "reads": link(reads)}]}
        assert dxpy.api.applet_validate_batch(applet, body) == want
        assert dxpy.api.app_validate_batch(f"app-{name}", alias="0.1.0", input_params=body) == want
        wf_body = {"batchInput": {"s.reads": [link(reads)]}, "commonInput": {"s.k": 1}}
        assert dxpy.api.workflow_validate_batch(wf, wf_body) == {
            "expandedBatch": [{"s.k": 1, "s.reads": link(reads)}]}
        with pytest.raises(dxpy.exceptions.InvalidInput, match="row 0"):
            dxpy.api.applet_validate_batch(applet, {"batchInput": {"k": ["one"]}})
        with pytest.raises(dxpy.exceptions.ResourceNotFound):
            dxpy.api.system_generate_batch_inputs({"project": project, "folder": "/absent",
                                                   "inputs": {"left": PAIRS["left"]}})
