"""Workflows and analyses through the HTTP API: creation, edits and editVersion, permissions,
two-stage runs to done, workflow-level inputs/outputs, failure propagation, terminate,
analysis-based references, dryRun and the execution searches over analyses."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from dxpy.emulator import Emulator, EmulatorCallError

WAIT_S = 90
DOUBLE = 'main() {\n  echo "{\\"y\\": $((x * 2))}" > job_output.json\n}\n'
FAIL = ("main() {\n  echo '{\"error\": {\"type\": \"AppError\", \"message\": \"boom\"}}' > job_error.json\n"
        "  exit 1\n}\n")
SLEEP = "main() {\n  sleep 60\n}\n"


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("workflows"))) as emulator:
        yield emulator


@pytest.fixture
def project(emu: Emulator) -> str:
    return emu.call("project/new", {"name": "wf-" + uuid.uuid4().hex[:6]})["id"]


def applet(emu: Emulator, project: str, code: str = DOUBLE, name: str = "double", **spec: Any) -> str:
    body = {"project": project, "name": name, "dxapi": "1.0.0",
            "runSpec": {"interpreter": "bash", "code": code},
            "inputSpec": spec.get("inputSpec", [{"name": "x", "class": "int"}]),
            "outputSpec": spec.get("outputSpec", [{"name": "y", "class": "int"}])}
    return emu.call("applet/new", body)["id"]


def two_stage(emu: Emulator, project: str, **extra: Any) -> tuple[str, str]:
    """A workflow first -> second (second.x = first.y); returns (workflow, applet)."""
    app = applet(emu, project)
    stages = [
        {"id": "first", "name": "one", "executable": app},
        {"id": "second", "name": "two", "executable": app, "folder": "sub",
         "input": {"x": {"$dnanexus_link": {"stage": "first", "outputField": "y"}}}},
    ]
    wf = emu.call("workflow/new", {"project": project, "name": "wf", "stages": stages, **extra})["id"]
    return wf, app


def wait(emu: Emulator, execution: str, states: set, timeout: float = WAIT_S) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        desc = emu.call(f"{execution}/describe")
        if desc["state"] in states:
            return desc
        assert time.monotonic() < deadline, f"{execution} stuck in {desc['state']}"
        time.sleep(0.05)


def error(emu: Emulator, path: str, body: Any, token: Any = None) -> EmulatorCallError:
    with pytest.raises(EmulatorCallError) as info:
        emu.call(path, body, token=token)
    return info.value


# -- creation and describe -------------------------------------------------------------------------


def test_new_and_describe_with_derived_specs(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project, title="T", summary="S", outputFolder="/out", tags=["t"],
                        properties={"k": "v"}, details={"d": 1}, types=["Pipeline"], folder="/w",
                        parents=True)
    desc = emu.call(f"{wf}/describe")
    assert desc["class"] == "workflow" and desc["state"] == "open" and desc["editVersion"] == 0
    assert (desc["title"], desc["summary"], desc["outputFolder"], desc["folder"]) == ("T", "S", "/out", "/w")
    assert desc["tags"] == ["t"] and desc["types"] == ["Pipeline"]
    assert [s["id"] for s in desc["stages"]] == ["first", "second"]
    assert desc["stages"][1]["folder"] == "sub" and all(s["accessible"] for s in desc["stages"])
    assert desc["stages"][0]["executable"] == app
    # second.x is wired to first's output, so only first.x is a workflow input
    assert [f["name"] for f in desc["inputSpec"]] == ["first.x"]
    assert [f["name"] for f in desc["outputSpec"]] == ["first.y", "second.y"]
    assert emu.call(f"{wf}/describe", {"fields": {"editVersion": True}}) == {"id": wf, "editVersion": 0}
    assert emu.call(f"{wf}/getDetails") == {"d": 1}


@pytest.mark.parametrize("stages, words", [
    ([{"executable": "applet-" + "0" * 24}], "could not be found"),
    ([{"name": "no executable"}], "executable"),
    ([{"executable": "APPLET", "id": "a b"}], "stages[0].id"),
    ("x", "stages"),
])
def test_new_rejects_bad_stages(emu: Emulator, project: str, stages: Any, words: str) -> None:
    app = applet(emu, project)
    if isinstance(stages, list):
        stages = [{k: (app if v == "APPLET" else v) for k, v in s.items()} for s in stages]
    err = error(emu, "workflow/new", {"project": project, "stages": stages})
    assert err.error_type in ("InvalidInput", "ResourceNotFound") and words in err.message


def test_duplicate_stage_ids_and_workflow_executables_are_refused(emu: Emulator, project: str) -> None:
    app = applet(emu, project)
    err = error(emu, "workflow/new", {"project": project, "stages": [{"id": "s", "executable": app}] * 2})
    assert err.error_type == "InvalidInput" and '"s"' in err.message
    wf = emu.call("workflow/new", {"project": project})["id"]
    err = error(emu, "workflow/new", {"project": project, "stages": [{"executable": wf}]})
    assert err.error_type == "InvalidInput" and "workflow" in err.message


# -- edits -------------------------------------------------------------------------------------------


def test_edits_bump_edit_version_and_a_stale_one_is_refused(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project)
    added = emu.call(f"{wf}/addStage", {"editVersion": 0, "executable": app, "name": "three",
                                         "input": {"x": 7}})
    assert added["editVersion"] == 1 and added["stage"].startswith("stage-")
    stale = error(emu, f"{wf}/addStage", {"editVersion": 0, "executable": app})
    assert stale.error_type == "InvalidState" and "editVersion" in stale.message
    assert emu.call(f"{wf}/moveStage", {"editVersion": 1, "stage": added["stage"], "newIndex": 0}) == \
        {"id": wf, "editVersion": 2}
    stages = emu.call(f"{wf}/describe")["stages"]
    assert [s["id"] for s in stages] == [added["stage"], "first", "second"]
    assert stages[0]["input"] == {"x": 7}
    emu.call(f"{wf}/update", {"editVersion": 2, "title": "new", "outputFolder": "/o",
                              "stages": {added["stage"]: {"name": "renamed", "input": {"x": None}},
                                         "first": {"input": {"x": 1}, "folder": "f1"}}})
    desc = emu.call(f"{wf}/describe")
    assert desc["editVersion"] == 3 and desc["title"] == "new" and desc["outputFolder"] == "/o"
    assert desc["stages"][0]["name"] == "renamed" and desc["stages"][0]["input"] == {}
    assert desc["stages"][1]["input"] == {"x": 1} and desc["stages"][1]["folder"] == "f1"
    # a bound literal becomes the default of the derived input
    assert {f["name"]: f.get("default") for f in desc["inputSpec"]} == {
        f"{added['stage']}.x": None, "first.x": 1}
    emu.call(f"{wf}/update", {"editVersion": 3, "title": None, "outputFolder": None})
    desc = emu.call(f"{wf}/describe")
    assert desc["title"] is None and desc["outputFolder"] is None
    emu.call(f"{wf}/removeStage", {"editVersion": 4, "stage": added["stage"]})
    assert [s["id"] for s in emu.call(f"{wf}/describe")["stages"]] == ["first", "second"]
    missing = error(emu, f"{wf}/removeStage", {"editVersion": 5, "stage": "nope"})
    assert missing.error_type == "ResourceNotFound"
    assert error(emu, f"{wf}/addStage", {"executable": app}).error_type == "InvalidInput"


def test_closed_workflow_cannot_be_edited(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project)
    emu.call(f"{wf}/close")
    err = error(emu, f"{wf}/addStage", {"editVersion": 0, "executable": app})
    assert err.error_type == "InvalidState"


def test_stage_executable_compatibility(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project)
    same = applet(emu, project, name="same")
    other = applet(emu, project, name="other", inputSpec=[{"name": "z", "class": "int"}],
                   outputSpec=[{"name": "w", "class": "string"}])
    ok = emu.call(f"{wf}/isStageCompatible", {"editVersion": 0, "stage": "second", "executable": same})
    assert ok == {"compatible": True, "incompatibilities": []}
    bad = emu.call(f"{wf}/isStageCompatible", {"editVersion": 0, "stage": "second", "executable": other})
    assert bad["compatible"] is False and any('"x"' in m for m in bad["incompatibilities"])
    body = {"editVersion": 0, "stage": "second", "executable": other}
    err = error(emu, f"{wf}/updateStageExecutable", body)
    assert err.error_type == "InvalidInput" and "force" in err.message
    done = emu.call(f"{wf}/updateStageExecutable",
                    {"editVersion": 0, "stage": "second", "executable": other, "force": True})
    assert done["editVersion"] == 1 and done["compatible"] is False
    assert emu.call(f"{wf}/describe")["stages"][1]["executable"] == other


def test_overwrite_and_initialize_from(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project, title="source")
    target = emu.call("workflow/new", {"project": project, "name": "target"})["id"]
    emu.call(f"{target}/overwrite", {"editVersion": 0, "from": {"workflow": wf, "project": project}})
    desc = emu.call(f"{target}/describe")
    assert desc["name"] == "target" and desc["title"] == "source" and desc["editVersion"] == 1
    assert [s["id"] for s in desc["stages"]] == ["first", "second"]
    copy_ = emu.call("workflow/new", {"project": project, "initializeFrom": {"id": wf}})["id"]
    cdesc = emu.call(f"{copy_}/describe")
    assert cdesc["name"] == "wf" and cdesc["initializedFrom"]["id"] == wf
    assert cdesc["stages"] == emu.call(f"{wf}/describe")["stages"]


def test_edits_need_upload_and_run_needs_contribute(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project)
    viewer_id, viewer = emu.new_user("viewer" + uuid.uuid4().hex[:8])
    stranger = emu.new_user("stranger" + uuid.uuid4().hex[:8])[1]
    emu.call(f"{project}/invite", {"invitee": viewer_id, "level": "VIEW"})
    assert emu.call(f"{wf}/describe", token=viewer)["id"] == wf
    body = {"editVersion": 0, "executable": app}
    assert error(emu, f"{wf}/addStage", body, viewer).error_type == "PermissionDenied"
    assert error(emu, f"{wf}/addStage", body, stranger).error_type == "ResourceNotFound"
    run = {"project": project, "input": {"first.x": 1}}
    assert error(emu, f"{wf}/run", run, viewer).error_type == "PermissionDenied"


# -- runs ----------------------------------------------------------------------------------------------


def test_two_stage_run_wires_outputs_to_inputs(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project, outputFolder="/results")
    started = emu.call(f"{wf}/run", {"project": project, "input": {"0.x": 5}, "name": "run1",
                                     "tags": ["a"], "properties": {"p": "q"}})
    analysis = started["id"]
    assert analysis.startswith("analysis-") and len(started["stages"]) == 2
    desc = wait(emu, analysis, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"first.y": 10, "second.y": 20}
    assert desc["input"] == {"first.x": 5} and desc["originalInput"] == {"0.x": 5}
    assert (desc["name"], desc["tags"], desc["properties"]) == ("run1", ["a"], {"p": "q"})
    assert desc["executable"] == wf and desc["folder"] == "/results" and desc["rootExecution"] == analysis
    assert [s["id"] for s in desc["stages"]] == ["first", "second"]
    assert [s["execution"]["id"] for s in desc["stages"]] == started["stages"]
    second = desc["stages"][1]["execution"]
    assert second["state"] == "done" and second["folder"] == "/results/sub" and second["name"] == "two"
    assert second["originalInput"] == {"x": {"$dnanexus_link": {"job": started["stages"][0], "field": "y"}}}
    assert second["input"] == {"x": 10}
    for job in started["stages"]:
        jdesc = emu.call(f"{job}/describe")
        assert (jdesc["analysis"], jdesc["parentAnalysis"], jdesc["rootExecution"]) == (analysis,) * 3
    assert [t["newState"] for t in desc["stateTransitions"]] == ["in_progress", "done"]


def test_workflow_level_inputs_outputs_and_input_fields(emu: Emulator, project: str) -> None:
    app = applet(emu, project)
    stages = [
        {"id": "a", "executable": app, "input": {"x": {"$dnanexus_link": {"workflowInputField": "n"}}}},
        {"id": "b", "executable": app, "input": {"x": {"$dnanexus_link": {"stage": "a", "inputField": "x"}}}},
    ]
    outputs = [{"name": "result", "class": "int",
                "outputSource": {"$dnanexus_link": {"stage": "b", "outputField": "y"}}}]
    wf = emu.call("workflow/new", {"project": project, "stages": stages, "outputs": outputs,
                                   "inputs": [{"name": "n", "class": "int", "default": 4}]})["id"]
    desc = emu.call(f"{wf}/describe")
    assert [f["name"] for f in desc["inputSpec"]] == ["n"] and desc["outputSpec"] == [
        {"name": "result", "class": "int"}]
    err = error(emu, f"{wf}/run", {"project": project, "input": {"a.x": 1}})
    assert err.error_type == "InvalidInput" and "a.x" in err.message
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {}})["id"]
    desc = wait(emu, analysis, {"done", "failed"})
    assert desc["state"] == "done" and desc["output"] == {"result": 8}
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {"n": 1}})["id"]
    assert wait(emu, analysis, {"done", "failed"})["output"] == {"result": 2}


@pytest.mark.parametrize("given, words", [
    ({"nostage.x": 1}, "nostage"),
    ({"first.x": "one"}, "stage first: Input field 'x'"),
    ({}, "stage first: Input field 'x' is required"),
    ({"x": 1}, "<stage>.<field>"),
])
def test_run_input_errors_name_stage_and_field(emu: Emulator, project: str, given: dict, words: str) -> None:
    wf, _app = two_stage(emu, project)
    err = error(emu, f"{wf}/run", {"project": project, "input": given})
    assert err.error_type == "InvalidInput" and words in err.message
    assert emu.call("system/findAnalyses", {"project": project})["results"] == []


def test_cyclic_stages_are_refused(emu: Emulator, project: str) -> None:
    app = applet(emu, project)
    stages = [
        {"id": "a", "executable": app,
         "input": {"x": {"$dnanexus_link": {"stage": "b", "outputField": "y"}}}},
        {"id": "b", "executable": app,
         "input": {"x": {"$dnanexus_link": {"stage": "a", "outputField": "y"}}}},
    ]
    wf = emu.call("workflow/new", {"project": project, "stages": stages})["id"]
    err = error(emu, f"{wf}/run", {"project": project, "input": {}})
    assert err.error_type == "InvalidInput" and "each other" in err.message


def test_dry_run_creates_nothing(emu: Emulator, project: str) -> None:
    wf, _app = two_stage(emu, project)
    dry = emu.call(f"{wf}/dryRun", {"project": project, "input": {"one.x": 2}, "folder": "/d"})
    assert dry["input"] == {"first.x": 2} and dry["folder"] == "/d"
    assert [s["execution"]["folder"] for s in dry["stages"]] == ["/d", "/d/sub"]
    assert dry["stages"][0]["execution"]["input"] == {"x": 2}
    assert emu.call("system/findExecutions", {"project": project})["results"] == []


def gated(path: Any) -> str:
    """bash code that waits (at most 60 s) until *path* exists, then ends done."""
    return f"main() {{\n  for i in $(seq 600); do [ -e {path} ] && break; sleep 0.1; done\n}}\n"


def test_a_failing_stage_leaves_the_analysis_partially_failed_then_failed(
        emu: Emulator, project: str, tmp_path: Any) -> None:
    failing = applet(emu, project, code=FAIL, name="fail", inputSpec=[], outputSpec=[])
    slow = applet(emu, project, code=gated(tmp_path / "go"), name="slow", inputSpec=[], outputSpec=[])
    double = applet(emu, project)
    stages = [
        {"id": "slow", "executable": slow},
        {"id": "bad", "executable": failing},
        {"id": "after", "executable": double,
         "input": {"x": {"$dnanexus_link": {"stage": "bad", "outputField": "y"}}}},
    ]
    wf = emu.call("workflow/new", {"project": project, "stages": stages})["id"]
    started = emu.call(f"{wf}/run", {"project": project, "input": {}})
    desc = wait(emu, started["id"], {"partially_failed", "failed", "done"})
    # the independent stage still runs; the one waiting on the failed stage could not
    assert desc["state"] == "partially_failed"
    assert (desc["failureReason"], desc["failureMessage"]) == ("AppError", "boom")
    assert desc["failureFrom"]["id"] == started["stages"][1] and desc["failureFrom"]["stage"] == "bad"
    assert emu.call(f"{started['stages'][0]}/describe")["state"] == "running"
    after = wait(emu, started["stages"][2], {"failed", "terminated", "done"})
    assert (after["state"], after["failureReason"]) == ("failed", "DependencyError")
    (tmp_path / "go").write_text("")
    desc = wait(emu, started["id"], {"failed", "done"})
    assert desc["state"] == "failed" and desc["failureReason"] == "AppError"
    assert [t["newState"] for t in desc["stateTransitions"]] == ["in_progress", "partially_failed", "failed"]
    assert emu.call(f"{started['stages'][0]}/describe")["state"] == "done"


def test_terminating_a_partially_failed_analysis_ends_it_failed(
        emu: Emulator, project: str, tmp_path: Any) -> None:
    failing = applet(emu, project, code=FAIL, name="fail", inputSpec=[], outputSpec=[])
    slow = applet(emu, project, code=gated(tmp_path / "never"), name="slow", inputSpec=[], outputSpec=[])
    stages = [{"id": "slow", "executable": slow}, {"id": "bad", "executable": failing}]
    wf = emu.call("workflow/new", {"project": project, "stages": stages})["id"]
    started = emu.call(f"{wf}/run", {"project": project, "input": {}})
    assert wait(emu, started["id"], {"partially_failed", "failed"})["state"] == "partially_failed"
    emu.call(f"{started['id']}/terminate")
    desc = wait(emu, started["id"], {"failed", "terminated"})
    assert (desc["state"], desc["failureReason"]) == ("failed", "AppError")
    assert emu.call(f"{started['stages'][0]}/describe")["state"] == "terminated"


def test_terminate_an_analysis(emu: Emulator, project: str) -> None:
    slow = applet(emu, project, code=SLEEP, name="slow", inputSpec=[], outputSpec=[])
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "s", "executable": slow}]})["id"]
    started = emu.call(f"{wf}/run", {"project": project, "input": {}})
    wait(emu, started["stages"][0], {"running"})
    assert emu.call(f"{started['id']}/terminate") == {"id": started["id"]}
    desc = wait(emu, started["id"], {"terminated", "failed", "done"})
    assert desc["state"] == "terminated"
    assert [t["newState"] for t in desc["stateTransitions"]] == ["in_progress", "terminating", "terminated"]
    assert emu.call(f"{started['stages'][0]}/describe")["state"] == "terminated"


def test_analysis_based_reference_and_analysis_routes(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project)
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {"first.x": 1}})["id"]
    ref = {"$dnanexus_link": {"analysis": analysis, "stage": "second", "field": "y"}}
    job = emu.call(f"{app}/run", {"project": project, "input": {"x": ref}})["id"]
    jdesc = wait(emu, job, {"done", "failed"})
    assert jdesc["state"] == "done" and jdesc["output"] == {"y": 8}
    emu.call(f"{analysis}/addTags", {"tags": ["x", "y"]})
    emu.call(f"{analysis}/removeTags", {"tags": ["x"]})
    emu.call(f"{analysis}/setProperties", {"properties": {"k": "v", "gone": None}})
    emu.call(f"{analysis}/update", {"name": "renamed", "details": {"d": 1}})
    desc = emu.call(f"{analysis}/describe", {"fields": {"tags": True, "properties": True, "name": True,
                                                         "details": True}})
    assert desc == {"id": analysis, "tags": ["y"], "properties": {"k": "v"}, "name": "renamed",
                    "details": {"d": 1}}
    assert "output" not in emu.call(f"{analysis}/describe", {"io": False})
    recovered = emu.call("workflow/new", {"project": project, "initializeFrom": {"id": analysis}})["id"]
    assert [s["id"] for s in emu.call(f"{recovered}/describe")["stages"]] == ["first", "second"]


def test_find_executions_returns_analyses_with_filters(emu: Emulator, project: str) -> None:
    wf, app = two_stage(emu, project)
    started = emu.call(f"{wf}/run", {"project": project, "input": {"first.x": 1}, "tags": ["wf"]})
    analysis = started["id"]
    wait(emu, analysis, {"done"})

    def ids(route: str = "system/findExecutions", **query: Any) -> list:
        return [r["id"] for r in emu.call(route, {"project": project, **query})["results"]]

    assert ids("system/findAnalyses") == [analysis]
    assert ids(**{"class": "analysis"}) == [analysis]
    assert ids(executable=wf) == [analysis]
    assert sorted(ids(parentAnalysis=analysis)) == sorted(started["stages"])
    assert sorted(ids(rootExecution=analysis)) == sorted([analysis, *started["stages"]])
    # dx find executions asks for several trees at once
    assert sorted(ids(rootExecution=[analysis, "job-" + "0" * 24])) == sorted([analysis, *started["stages"]])
    assert ids("system/findAnalyses", tags="wf", state="done") == [analysis]
    assert ids("system/findAnalyses", name={"glob": "w*"}) == [analysis]
    found = emu.call("system/findAnalyses", {"project": project, "describe": {"fields": {"state": True}}})
    assert found["results"] == [{"id": analysis, "describe": {"id": analysis, "state": "done"}}]


def test_stage_jobs_get_their_executables_defaults(emu: Emulator, project: str) -> None:
    code = 'main() {\n  echo "{\\"y\\": $((x * k))}" > job_output.json\n}\n'
    app = applet(emu, project, code=code, inputSpec=[{"name": "x", "class": "int"},
                                                     {"name": "k", "class": "int", "default": 3}])
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "s", "executable": app}]})["id"]
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {"s.x": 2}})["id"]
    desc = wait(emu, analysis, {"done", "failed"})
    assert desc["output"] == {"s.y": 6}
    job = desc["stages"][0]["execution"]
    assert job["input"] == {"x": 2, "k": 3} and job["originalInput"] == {"x": 2}


def test_restart_during_a_run_fails_the_analysis(tmp_path: Any) -> None:
    state = str(tmp_path / "state")
    first = Emulator(state_dir=state).start()
    try:
        project = first.call("project/new", {"name": "restart"})["id"]
        slow = applet(first, project, code=SLEEP, name="slow", inputSpec=[], outputSpec=[])
        stages = [{"id": "s", "executable": slow}]
        wf = first.call("workflow/new", {"project": project, "stages": stages})["id"]
        started = first.call(f"{wf}/run", {"project": project, "input": {}})
        wait(first, started["stages"][0], {"running"})
    finally:
        first.stop()
    second = Emulator(state_dir=state).start()
    try:
        desc = wait(second, started["id"], {"failed", "done", "terminated"})
        assert desc["state"] == "failed" and desc["failureReason"] == "UnresponsiveWorker"
        assert desc["failureFrom"]["id"] == started["stages"][0]
    finally:
        second.stop()


def test_a_job_runs_a_workflow_and_returns_its_output(emu: Emulator, project: str) -> None:
    wf, _app = two_stage(emu, project)
    code = (
        "import dxpy\n\n"
        "@dxpy.entry_point('main')\n"
        "def main(x):\n"
        f"    analysis = dxpy.DXWorkflow('{wf}').run({{'first.x': x}})\n"
        "    return {'y': analysis.get_output_ref('second.y')}\n"
    )
    outer = emu.call("applet/new", {
        "project": project, "name": "outer", "dxapi": "1.0.0",
        "runSpec": {"interpreter": "python3", "code": code},
        "inputSpec": [{"name": "x", "class": "int"}], "outputSpec": [{"name": "y", "class": "int"}]})["id"]
    job = emu.call(f"{outer}/run", {"project": project, "input": {"x": 3}})["id"]
    desc = wait(emu, job, {"done", "failed"})
    assert desc["state"] == "done" and desc["output"] == {"y": 12}, desc.get("failureMessage")
    found = emu.call("system/findAnalyses", {"rootExecution": job, "describe": True})["results"]
    assert len(found) == 1 and found[0]["describe"]["parentJob"] == job
    assert found[0]["describe"]["project"] == emu.call(f"{job}/describe")["workspace"]


def test_an_analysis_ends_with_the_job_that_launched_it(emu: Emulator, project: str) -> None:
    slow = applet(emu, project, code=SLEEP, name="slow", inputSpec=[], outputSpec=[])
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "s", "executable": slow}]})["id"]
    code = (
        "import dxpy\n\n"
        "@dxpy.entry_point('main')\n"
        "def main():\n"
        f"    dxpy.DXWorkflow('{wf}').run({{}})\n"
        "    raise dxpy.AppError('giving up')\n"
    )
    outer = emu.call("applet/new", {"project": project, "name": "outer", "dxapi": "1.0.0",
                                    "runSpec": {"interpreter": "python3", "code": code}})["id"]
    job = emu.call(f"{outer}/run", {"project": project, "input": {}})["id"]
    assert wait(emu, job, {"done", "failed"})["state"] == "failed"
    found = emu.call("system/findAnalyses", {"rootExecution": job})["results"]
    desc = wait(emu, found[0]["id"], {"terminated", "failed", "done"})
    assert desc["state"] == "terminated" and job in desc["failureMessage"]
