"""Applets and the shared ``run`` logic: the exact ``/applet-xxxx/run`` request for every parameter,
handlers becoming links, the project rule inside a job, and the nonce that makes a retried run safe.
(Runs that really execute are in ``test_exec_emulator.py``.)"""

from __future__ import annotations

from typing import Any

import pytest
from _bindhelp import PROJ, REC

import dxpy
from tests._support.testserver import reply

APPLET = "applet-" + "A" * 24
JOB = "job-" + "J" * 24
JOB2 = "job-" + "K" * 24
FILE = "file-" + "F" * 24
CONT = "container-" + "C" * 24


def _run(server: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    server.queue(reply(json={"id": JOB}))
    job = dxpy.DXApplet(APPLET, project=PROJ).run(*args, **kwargs)
    assert isinstance(job, dxpy.DXJob) and job.get_id() == JOB
    request = server.requests[-1]
    assert request.path == f"/{APPLET}/run"
    body = request.json()
    assert body.pop("nonce")  # added by dxpy.api for every run
    return body


def test_run_with_every_parameter_sends_upstreams_request(dx_test_context: Any) -> None:
    body = _run(
        dx_test_context, {"n": 1}, project=PROJ, folder="/out", name="my job", tags=["a"],
        properties={"k": "v"}, details={"d": 1}, instance_type="mem1_ssd1_x2",
        depends_on=[JOB2, dxpy.DXRecord(REC)],
        allow_ssh=["1.2.3.4"], debug={"debugOn": ["AppError"]}, delay_workspace_destruction=True,
        priority="high", head_job_on_demand=True, ignore_reuse=True, detach=True, cost_limit=1.5, rank=3,
        max_tree_spot_wait_time=60, max_job_spot_wait_time=30, preserve_job_outputs=True,
        detailed_job_metrics=True, cluster_spec={"*": {"clusterSpec": {"type": "spark"}}},
        fpga_driver={"*": {"fpgaDriver": "edico-1.4.2"}}, nvidia_driver={"main": {"nvidiaDriver": "R535"}},
        system_requirements_by_executable={APPLET: {"*": {"instanceType": "x"}}},
    )
    assert body == {
        "input": {"n": 1}, "project": PROJ, "folder": "/out", "name": "my job", "tags": ["a"],
        "properties": {"k": "v"}, "details": {"d": 1},
        "systemRequirements": {
            "*": {"instanceType": "mem1_ssd1_x2", "clusterSpec": {"type": "spark"},
                  "fpgaDriver": "edico-1.4.2"},
            "main": {"nvidiaDriver": "R535"},
        },
        "systemRequirementsByExecutable": {APPLET: {"*": {"instanceType": "x"}}},
        "dependsOn": [JOB2, REC], "allowSSH": ["1.2.3.4"], "debug": {"debugOn": ["AppError"]},
        "delayWorkspaceDestruction": True, "priority": "high", "headJobOnDemand": True, "ignoreReuse": True,
        "detach": True, "costLimit": 1.5, "rank": 3, "maxTreeSpotWaitTime": 60, "maxJobSpotWaitTime": 30,
        "preserveJobOutputs": {}, "detailedJobMetrics": True,
    }


def test_minimal_run_sends_input_and_the_project_context(dx_test_context: Any, dx_context: Any) -> None:
    dxpy.set_project_context(PROJ)
    assert _run(dx_test_context, {}) == {"input": {}, "project": PROJ}


def test_instance_type_mapping_and_system_requirements_override(dx_test_context: Any) -> None:
    body = _run(dx_test_context, {}, instance_type={"main": "a", "other": "b"})
    assert body["systemRequirements"] == {"main": {"instanceType": "a"}, "other": {"instanceType": "b"}}
    body = _run(dx_test_context, {}, instance_type="a", system_requirements={"*": {"instanceType": "z"}})
    assert body["systemRequirements"] == {"*": {"instanceType": "z"}}


def test_extra_args_merge_deeply_and_late_fields_win(dx_test_context: Any) -> None:
    body = _run(dx_test_context, {"a": 1}, project=PROJ, rank=2,
                extra_args={"input": {"b": 2}, "rank": 9, "treeTurnaroundTimeThreshold": 10})
    assert body == {"input": {"a": 1, "b": 2}, "project": PROJ, "rank": 2, "treeTurnaroundTimeThreshold": 10}


def test_preserve_job_outputs_folder_and_false(dx_test_context: Any) -> None:
    assert _run(dx_test_context, {}, project=PROJ, preserve_job_outputs={"folder": "/keep"}) == {
        "input": {}, "project": PROJ, "preserveJobOutputs": {"folder": "/keep"}}
    assert "preserveJobOutputs" not in _run(dx_test_context, {}, project=PROJ, preserve_job_outputs=False)


def test_handlers_in_the_input_become_links(dx_test_context: Any) -> None:
    rec = dxpy.DXRecord(REC, project=PROJ)
    body = _run(dx_test_context, {"one": rec, "many": [rec, {"nested": rec}], "ref": {"$dnanexus_link": REC}},
                project=PROJ)
    link = {"$dnanexus_link": REC}
    assert body["input"] == {"one": link, "many": [link, {"nested": link}], "ref": link}


def test_inside_a_job_the_project_is_left_to_the_platform_unless_detached(
    dx_test_context: Any, dx_context: Any
) -> None:
    dxpy.set_workspace_id(CONT)
    dxpy.set_job_id(JOB2)
    assert "project" not in _run(dx_test_context, {}, project=PROJ)
    assert _run(dx_test_context, {}, project=PROJ, detach=True)["project"] == PROJ
    # a detached run needs a real project: the workspace is not one
    assert "project" not in _run(dx_test_context, {}, detach=True)


def test_a_retried_run_repeats_the_same_nonce(dx_test_context: Any, fast_retries: Any) -> None:
    server = dx_test_context
    server.queue(reply(503, json={"error": {"type": "ServiceUnavailable", "message": "busy"}},
                       headers={"Retry-After": "1"}),
                 reply(json={"id": JOB}))
    job = dxpy.DXApplet(APPLET, project=PROJ).run({"x": 1}, project=PROJ)
    assert job.get_id() == JOB
    first, second = server.requests[-2:]
    assert first.path == second.path == f"/{APPLET}/run"
    assert first.json()["nonce"] == second.json()["nonce"]
    assert first.json() == second.json()


def test_user_nonce_is_kept(dx_test_context: Any) -> None:
    body = _run(dx_test_context, {}, project=PROJ, extra_args={"nonce": "mine"}) | {"nonce": "x"}
    assert body["nonce"] == "x"  # popped above: check the request itself
    assert dx_test_context.requests[-1].json()["nonce"] == "mine"


def test_applet_new_and_get(dx_test_context: Any) -> None:
    server = dx_test_context
    server.queue(reply(json={"id": APPLET}), reply(json={"runSpec": {"code": "x"}}))
    applet = dxpy.DXApplet()
    spec = {"interpreter": "python3", "code": "print(1)", "distribution": "Ubuntu", "release": "24.04",
            "version": "0"}
    applet.new(project=PROJ, name="a", folder="/apps", runSpec=spec, dxapi="1.0.0",
               inputSpec=[{"name": "n", "class": "int"}], outputSpec=[], access={"network": ["*"]},
               title="T", summary="S", description="D", ignoreReuse=True)
    assert applet.get_id() == APPLET and applet.get_proj_id() == PROJ
    assert server.requests[0].path == "/applet/new"
    assert server.requests[0].json()["nonce"]
    assert server.requests[0].json() == {
        "nonce": server.requests[0].json()["nonce"], "project": PROJ, "name": "a", "folder": "/apps",
        "runSpec": spec, "dxapi": "1.0.0",
        "inputSpec": [{"name": "n", "class": "int"}], "outputSpec": [], "access": {"network": ["*"]},
        "title": "T", "summary": "S", "description": "D", "ignoreReuse": True,
    }
    assert applet.get() == {"runSpec": {"code": "x"}}
    assert server.requests[1].path == f"/{APPLET}/get"


@pytest.mark.parametrize("cls", [dxpy.DXApplet, dxpy.DXWorkflow])
def test_executables_are_data_objects_with_upstream_str(cls: type) -> None:
    prefix = "applet" if cls is dxpy.DXApplet else "workflow"
    handler = cls(f"{prefix}-" + "Z" * 24, project=PROJ)
    assert isinstance(handler, dxpy.DXDataObject) and isinstance(handler, dxpy.DXExecutable)
    assert str(handler) == f"<dxpy.{cls.__name__}: None ({prefix}-{'Z' * 24} ({PROJ}))>"  # upstream's format
