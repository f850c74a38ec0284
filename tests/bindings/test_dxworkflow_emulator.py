"""DXWorkflow and DXAnalysis against the emulator's workflow routes: a two-stage workflow built
with new_dxworkflow + add_stage, edited by stage ID, name and index with editVersion kept current,
run with workflow-level inputs (``stage.field``, ``N.field``), waited on with
DXAnalysis.wait_on_done and its outputs read; failures, terminate, analysis output references
and the execution searches over analyses; DXGlobalWorkflow by name and alias.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXError, DXJobFailureError, InvalidState

DOUBLE = 'main() {\n  echo "{\\"y\\": $((x * 2))}" > job_output.json\n}\n'
FAIL = ("main() {\n  echo '{\"error\": {\"type\": \"AppError\", \"message\": \"no way\"}}' > job_error.json\n"
        "  exit 1\n}\n")
SLEEP = "main() {\n  sleep 60\n}\n"
WAIT = {"interval": 0.1, "timeout": 120}


def _applet(code: str = DOUBLE, name: str = "double", io: bool = True) -> dxpy.DXApplet:
    applet = dxpy.DXApplet()
    applet.new(
        name=name,
        dxapi="1.0.0",
        runSpec={"interpreter": "bash", "code": code},
        inputSpec=[{"name": "x", "class": "int"}] if io else [],
        outputSpec=[{"name": "y", "class": "int"}] if io else [],
    )
    return applet


@pytest.fixture
def double(dx_project: str) -> dxpy.DXApplet:
    return _applet()


def _two_stage(double: dxpy.DXApplet, **kwargs: Any) -> tuple[dxpy.DXWorkflow, str, str]:
    workflow = dxpy.new_dxworkflow(name="quadruple", **kwargs)
    first = workflow.add_stage(double, name="first")
    second = workflow.add_stage(
        double, name="second", folder="later",
        stage_input={"x": {"$dnanexus_link": {"stage": first, "outputField": "y"}}},
    )
    return workflow, first, second


def test_build_run_wait_and_read_outputs(double: dxpy.DXApplet, dx_project: str) -> None:
    workflow, first, second = _two_stage(double, title="Quadruple", output_folder="/out")
    assert workflow.editVersion == 2
    assert [s["id"] for s in workflow.stages] == [first, second]
    assert workflow.get_stage("second")["executable"] == double.get_id()
    assert workflow.get_stage(0)["id"] == first
    desc = workflow.describe()
    assert desc["title"] == "Quadruple" and desc["outputFolder"] == "/out"
    assert [f["name"] for f in desc["inputSpec"]] == [f"{first}.x"]
    for key in ("first.x", "0.x", f"{first}.x"):
        analysis = workflow.run({key: 3})
        assert isinstance(analysis, dxpy.DXAnalysis)
        analysis.wait_on_done(**WAIT)
        adesc = analysis.describe()
        assert adesc["state"] == "done" and adesc["input"] == {f"{first}.x": 3}
        assert adesc["output"] == {f"{first}.y": 6, f"{second}.y": 12}
    stage_job = dxpy.DXJob(adesc["stages"][1]["execution"]["id"])
    jdesc = stage_job.describe()
    assert jdesc["folder"] == "/out/later" and jdesc["parentAnalysis"] == analysis.get_id()
    assert jdesc["rootExecution"] == analysis.get_id() and jdesc["stage"] == second
    assert analysis.describe(fields={"state"}) == {"id": analysis.get_id(), "state": "done"}


def test_stage_edits_keep_edit_version_current(double: dxpy.DXApplet) -> None:
    workflow, first, second = _two_stage(double)
    third = workflow.add_stage(double, stage_id="third", name="third", stage_input={"x": 1})
    assert third == "third" and workflow.editVersion == 3
    workflow.move_stage("third", 0)
    assert [s["id"] for s in workflow.stages] == ["third", first, second]
    workflow.update_stage(2, name="last", folder="/abs")
    assert workflow.get_stage("last")["folder"] == "/abs"
    workflow.update(title="T", summary="S")
    assert workflow.describe()["title"] == "T"
    assert workflow.remove_stage("third") == "third"
    assert [s["name"] for s in workflow.stages] == ["first", "last"]
    with pytest.raises(InvalidState):
        workflow.add_stage(double, edit_version=0)
    with pytest.raises(DXError):
        workflow.get_stage("nope")
    other = _applet(name="other", io=False)
    with pytest.raises(dxpy.exceptions.InvalidInput):
        workflow.update_stage("last", executable=other)
    workflow.update_stage("last", executable=other, force=True)
    assert workflow.get_stage("last")["executable"] == other.get_id()


def test_workflow_level_inputs_and_init_from(double: dxpy.DXApplet) -> None:
    workflow = dxpy.new_dxworkflow(
        name="wf-inputs",
        workflow_inputs=[{"name": "n", "class": "int"}],
        stages=[{"id": "s", "executable": double.get_id(),
                 "input": {"x": {"$dnanexus_link": {"workflowInputField": "n"}}}}],
        workflow_outputs=[{"name": "out", "class": "int",
                           "outputSource": {"$dnanexus_link": {"stage": "s", "outputField": "y"}}}],
    )
    analysis = workflow.run({"n": 21})
    analysis.wait_on_done(**WAIT)
    assert analysis.describe()["output"] == {"out": 42}
    copied = dxpy.new_dxworkflow(init_from=analysis)
    assert [s["id"] for s in copied.stages] == ["s"] and copied.describe()["inputs"][0]["name"] == "n"
    again = dxpy.new_dxworkflow(init_from=workflow)
    assert again.describe()["initializedFrom"]["id"] == workflow.get_id()


def test_a_failing_stage_raises_from_wait_on_done(dx_project: str) -> None:
    failing = _applet(FAIL, name="fails", io=False)
    workflow = dxpy.new_dxworkflow(name="fails")
    workflow.add_stage(failing, name="boom")
    analysis = workflow.run({})
    with pytest.raises(DXJobFailureError, match="AppError: no way"):
        analysis.wait_on_done(**WAIT)
    assert analysis.describe()["state"] == "failed"


def test_terminate_and_metadata(dx_project: str) -> None:
    slow = _applet(SLEEP, name="slow", io=False)
    workflow = dxpy.new_dxworkflow(name="slow")
    workflow.add_stage(slow)
    analysis = workflow.run({}, name="slow run", tags=["a"], properties={"k": "v"})
    analysis.add_tags(["b"])
    analysis.remove_tags(["a"])
    analysis.set_properties({"k2": "v2"})
    desc = analysis.describe()
    assert (desc["name"], desc["tags"], desc["properties"]) == ("slow run", ["b"], {"k": "v", "k2": "v2"})
    analysis.terminate()
    with pytest.raises(DXJobFailureError, match="terminated"):
        analysis.wait_on_done(**WAIT)


def test_analysis_output_reference_and_searches(double: dxpy.DXApplet, dx_project: str) -> None:
    workflow, first, second = _two_stage(double)
    analysis = workflow.run({"first.x": 1})
    job = double.run({"x": analysis.get_output_ref(f"{second}.y")})
    job.wait_on_done(**WAIT)
    assert job.describe()["output"] == {"y": 8}
    found = list(dxpy.find_analyses(project=dx_project, describe=True))
    assert [r["id"] for r in found] == [analysis.get_id()]
    assert found[0]["describe"]["executable"] == workflow.get_id()
    jobs = list(dxpy.find_executions(project=dx_project, parent_analysis=analysis.get_id()))
    assert len(jobs) == 2
    assert {r["id"] for r in dxpy.find_executions(project=dx_project, root_execution=analysis.get_id())} == {
        analysis.get_id(), *(r["id"] for r in jobs)}


def test_dxglobalworkflow_by_name_and_alias(dx_project: str) -> None:
    name = "gwbind" + uuid.uuid4().hex[:6]
    app = _applet()
    workflow = dxpy.new_dxworkflow(name="inner")
    workflow.add_stage(app, stage_id="s")
    gwf = dxpy.DXGlobalWorkflow()
    gwf.new(name=name, version="1.0.0", regionalOptions={"aws:us-east-1": {"workflow": workflow.get_id()}})
    try:
        gwf.publish()
        by_name = dxpy.DXGlobalWorkflow(name=name)
        assert by_name.describe()["id"] == gwf.get_id()
        assert dxpy.DXGlobalWorkflow(name=name, alias="1.0.0").describe()["version"] == "1.0.0"
        analysis = by_name.run({"s.x": 5})
        analysis.wait_on_done(interval=0.1, timeout=60)
        assert analysis.describe()["output"] == {"s.y": 10}
        with pytest.raises(dxpy.exceptions.ResourceNotFound):
            dxpy.DXGlobalWorkflow(name=name, alias="2.0.0").describe()
    finally:
        gwf.delete()  # the session's emulator is shared: leave no global workflow to find
    assert gwf.describe()["deleted"] is True
    assert list(dxpy.find_global_workflows(name=name)) == []
