"""Workflows: stages by ID, name or index, editVersion handling, workflow-level run inputs and the
stage options of ``run`` (request shapes against the scripted server)."""

from __future__ import annotations

from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXAPIError, DXError
from tests._support.testserver import RecordedRequest, handler, reply

PROJ = "project-" + "F" * 24
WORKFLOW = "workflow-" + "W" * 24
APPLET = "applet-" + "A" * 24
ANALYSIS = "analysis-" + "N" * 24
STAGES = [{"id": "stage-1", "name": "align"}, {"id": "sort", "name": "sort"}, {"id": "stage-3", "name": "qc"}]


class _Workflow:
    """A scripted workflow: describe answers the current stages and editVersion; edits bump it."""

    def __init__(self) -> None:
        self.edit_version = 7
        self.fail_next = False

    def __call__(self, req: RecordedRequest) -> Any:
        if req.path.endswith("/describe"):
            return reply(
                json={
                    "id": WORKFLOW,
                    "class": "workflow",
                    "stages": STAGES,
                    "state": "closed",
                    "editVersion": self.edit_version,
                    "inputs": None,
                }
            )
        if req.path.endswith("/run"):
            return reply(json={"id": ANALYSIS})
        if self.fail_next:
            self.fail_next = False
            return reply(409, json={"error": {"type": "InvalidState", "message": "editVersion mismatch"}})
        self.edit_version += 1
        return reply(json={"id": WORKFLOW, "editVersion": self.edit_version, "stage": "stage-9"})


@pytest.fixture
def wf_server(dx_test_context: Any) -> Any:
    dx_test_context.default = handler(_Workflow())
    return dx_test_context


def _edits(server: Any) -> list[tuple[str, Any]]:
    return [(q.path, q.json()) for q in server.requests if not q.path.endswith("/describe")]


def test_stage_by_id_name_or_index(wf_server: Any) -> None:
    wf = dxpy.DXWorkflow(WORKFLOW, project=PROJ)
    assert wf.get_stage(1) == STAGES[1]
    assert wf.get_stage("2") == STAGES[2]
    assert wf.get_stage("align") == STAGES[0]
    assert wf.get_stage("stage-3") == STAGES[2]
    assert wf.get_stage("sort") == STAGES[1]
    with pytest.raises(DXError, match="out of range"):
        wf.get_stage(3)
    with pytest.raises(DXError, match="could not be found"):
        wf.get_stage("nope")
    # described once, then served from the cache
    assert sum(q.path.endswith("/describe") for q in wf_server.requests) == 1


def test_edits_send_the_cached_edit_version_and_redescribe(wf_server: Any) -> None:
    wf = dxpy.DXWorkflow(WORKFLOW, project=PROJ)
    assert (
        wf.add_stage(
            dxpy.DXApplet(APPLET, project=PROJ),
            stage_id="new",
            name="n",
            folder="/f",
            stage_input={"x": 1},
            instance_type="mem1_ssd1_x2",
        )
        == "stage-9"
    )
    assert wf.remove_stage("qc") == "stage-3"
    wf.move_stage(0, 2)
    wf.update(
        title="T", summary="S", unset_output_folder=True, workflow_inputs=[{"name": "a", "class": "int"}]
    )
    wf.update()  # nothing to change: no request
    wf.update_stage(
        "align",
        executable=APPLET,
        force=True,
        name="aligner",
        stage_input={"y": 2},
        instance_type={"main": "big"},
    )
    wf.add_stage(APPLET, edit_version=42)
    assert _edits(wf_server) == [
        (
            f"/{WORKFLOW}/addStage",
            {
                "executable": APPLET,
                "id": "new",
                "name": "n",
                "folder": "/f",
                "input": {"x": 1},
                "systemRequirements": {"*": {"instanceType": "mem1_ssd1_x2"}},
                "editVersion": 7,
            },
        ),
        (f"/{WORKFLOW}/removeStage", {"stage": "stage-3", "editVersion": 8}),
        (f"/{WORKFLOW}/moveStage", {"stage": "stage-1", "newIndex": 2, "editVersion": 9}),
        (
            f"/{WORKFLOW}/update",
            {
                "title": "T",
                "outputFolder": None,
                "inputs": [{"name": "a", "class": "int"}],
                "summary": "S",
                "editVersion": 10,
            },
        ),
        (
            f"/{WORKFLOW}/updateStageExecutable",
            {"stage": "stage-1", "executable": APPLET, "force": True, "editVersion": 11},
        ),
        (
            f"/{WORKFLOW}/update",
            {
                "stages": {
                    "stage-1": {
                        "name": "aligner",
                        "input": {"y": 2},
                        "systemRequirements": {"main": {"instanceType": "big"}},
                    }
                },
                "editVersion": 12,
            },
        ),
        (f"/{WORKFLOW}/addStage", {"executable": APPLET, "editVersion": 42}),
    ]
    assert wf.editVersion == 14


def test_a_failed_edit_still_refreshes_the_cache(wf_server: Any) -> None:
    scripted = _Workflow()
    wf_server.default = handler(scripted)
    wf = dxpy.DXWorkflow(WORKFLOW, project=PROJ)
    assert wf.editVersion == 7
    scripted.edit_version = 9  # someone else edited it
    scripted.fail_next = True
    with pytest.raises(DXAPIError):
        wf.remove_stage(0)
    assert wf.editVersion == 9


def test_run_maps_stage_names_and_indices_in_inputs_and_options(wf_server: Any) -> None:
    wf = dxpy.DXWorkflow(WORKFLOW, project=PROJ)
    analysis = wf.run(
        {"align.reads": 1, "2.x": 2, "sort.y": 3, "top": 4},
        project=PROJ,
        stage_instance_types={"align": "a", "*": "b"},
        stage_folders={"1": "/s"},
        rerun_stages=["qc", "*"],
        ignore_reuse_stages=[0],
    )
    assert isinstance(analysis, dxpy.DXAnalysis) and analysis.get_id() == ANALYSIS
    run = wf_server.requests[-1]
    assert run.path == f"/{WORKFLOW}/run"
    body = run.json()
    assert body.pop("nonce")
    assert body == {
        "input": {"stage-1.reads": 1, "stage-3.x": 2, "sort.y": 3, "top": 4},
        "project": PROJ,
        "stageSystemRequirements": {
            "stage-1": {"*": {"instanceType": "a"}},
            "*": {"*": {"instanceType": "b"}},
        },
        "stageFolders": {"sort": "/s"},
        "rerunStages": ["stage-3", "*"],
        "ignoreReuse": ["stage-1"],
    }


def test_run_ignore_reuse_means_every_stage(wf_server: Any) -> None:
    dxpy.DXWorkflow(WORKFLOW, project=PROJ).run({}, project=PROJ, ignore_reuse=True)
    assert wf_server.requests[-1].json()["ignoreReuse"] == ["*"]


def test_run_rejects_the_same_input_twice_before_running(wf_server: Any) -> None:
    with pytest.raises(DXError, match="more than once"):
        dxpy.DXWorkflow(WORKFLOW, project=PROJ).run({"align.a": 1, "0.a": 2}, project=PROJ)
    assert not any(q.path.endswith("/run") for q in wf_server.requests)


def test_new_dxworkflow_request(dx_test_context: Any) -> None:
    dx_test_context.queue(reply(json={"id": WORKFLOW}))
    wf = dxpy.new_dxworkflow(
        title="T",
        summary="S",
        description="D",
        output_folder="/o",
        init_from=ANALYSIS,
        project=PROJ,
        name="w",
        stages=[{"executable": APPLET}],
        workflow_inputs=[],
        workflow_outputs=[],
    )
    assert wf.get_id() == WORKFLOW and wf.get_proj_id() == PROJ
    body = dx_test_context.requests[0].json()
    assert body.pop("nonce")
    assert body == {
        "project": PROJ,
        "name": "w",
        "initializeFrom": {"id": ANALYSIS},
        "title": "T",
        "summary": "S",
        "description": "D",
        "outputFolder": "/o",
        "stages": [{"executable": APPLET}],
        "inputs": [],
        "outputs": [],
    }
    dx_test_context.queue(reply(json={"id": WORKFLOW}))
    dxpy.new_dxworkflow(init_from=dxpy.DXWorkflow(WORKFLOW, project=PROJ), project=PROJ)
    assert dx_test_context.requests[-1].json()["initializeFrom"] == {"id": WORKFLOW, "project": PROJ}


def test_is_locked(wf_server: Any) -> None:
    assert dxpy.DXWorkflow(WORKFLOW, project=PROJ).is_locked() is False
