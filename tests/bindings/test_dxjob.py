"""Jobs and analyses: describe requests, waiting (with upstream's failure messages and a timeout on an
injected clock), output references, ``localjob-N`` IDs and ``/job/new`` inside a job."""

from __future__ import annotations

from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXError, DXJobFailureError
from tests._support.testserver import reply

JOB = "job-" + "J" * 24
JOB2 = "job-" + "K" * 24
ANALYSIS = "analysis-" + "N" * 24
REC = "record-" + "B" * 24


def _states(server: Any, *states: str, final: dict[str, Any] | None = None) -> None:
    server.queue(*(reply(json={"id": JOB, "state": s}) for s in states))
    if final is not None:
        server.queue(reply(json=final))


def _waiting(handler: Any, clock: Any) -> Any:
    handler._clock = clock
    handler._sleep = clock.sleep
    return handler


def test_wait_on_done_polls_the_state_until_done(dx_test_context: Any, fake_clock: Any) -> None:
    server = dx_test_context
    _states(server, "idle", "runnable", "running", "done")
    _waiting(dxpy.DXJob(JOB), fake_clock).wait_on_done(interval=5)
    assert fake_clock.sleeps == [5, 5, 5]
    assert [q.path for q in server.requests] == [f"/{JOB}/describe"] * 4
    assert server.requests[0].json() == {"fields": {"state": True}}


def test_a_failed_job_raises_with_reason_message_and_origin(dx_test_context: Any, fake_clock: Any) -> None:
    desc = {"id": JOB, "state": "failed", "failureReason": "AppError", "failureMessage": "bad input",
            "failureFrom": {"id": JOB2}}
    _states(dx_test_context, "running", "failed", final=desc)
    with pytest.raises(DXJobFailureError) as info:
        _waiting(dxpy.DXJob(JOB), fake_clock).wait_on_done()
    assert str(info.value) == f"Job has failed because of AppError: bad input (failure from {JOB2})"
    assert dx_test_context.requests[-1].json() == {}  # the full describe


def test_failure_from_itself_is_not_repeated(dx_test_context: Any, fake_clock: Any) -> None:
    desc = {"id": JOB, "state": "failed", "failureReason": "AppInternalError", "failureMessage": "boom",
            "failureFrom": {"id": JOB}}
    _states(dx_test_context, "failed", final=desc)
    with pytest.raises(DXJobFailureError, match=r"^Job has failed because of AppInternalError: boom$"):
        dxpy.DXJob(JOB).wait_on_done()


def test_a_terminated_job_raises(dx_test_context: Any) -> None:
    _states(dx_test_context, "terminated")
    with pytest.raises(DXJobFailureError, match=r"^Job was terminated\.$"):
        dxpy.DXJob(JOB).wait_on_done()


def test_wait_on_done_gives_up_at_the_timeout(dx_test_context: Any, fake_clock: Any) -> None:
    dx_test_context.default = reply(json={"id": JOB, "state": "running"})
    with pytest.raises(DXJobFailureError, match="Reached timeout while waiting for the job to finish"):
        _waiting(dxpy.DXJob(JOB), fake_clock).wait_on_done(interval=2, timeout=7)
    assert fake_clock.sleeps == [2, 2, 2, 2]
    assert len(dx_test_context.requests) == 5


def test_analysis_partially_failed_is_a_failure(dx_test_context: Any, fake_clock: Any) -> None:
    desc = {"id": ANALYSIS, "state": "partially_failed", "failureReason": "AppError", "failureMessage": "m",
            "failureFrom": {"id": JOB}}
    dx_test_context.queue(reply(json={"state": "partially_failed"}), reply(json=desc))
    with pytest.raises(DXJobFailureError) as info:
        dxpy.DXAnalysis(ANALYSIS).wait_on_done()
    assert str(info.value) == f"Analysis has failed because of AppError: m (failure from {JOB})"
    dx_test_context.queue(reply(json={"state": "terminated"}))
    with pytest.raises(DXJobFailureError, match=r"^Analysis was terminated\.$"):
        dxpy.DXAnalysis(ANALYSIS).wait_on_done()
    assert dx_test_context.requests[0].path == f"/{ANALYSIS}/describe"


def test_output_refs_match_upstream() -> None:
    assert dxpy.DXJob(JOB).get_output_ref("out") == {"$dnanexus_link": {"job": JOB, "field": "out"}}
    assert dxpy.DXJob(JOB).get_output_ref("out", index=2, metadata="details.x") == {
        "$dnanexus_link": {"job": JOB, "field": "out", "index": 2, "metadata": "details.x"}}
    assert dxpy.DXAnalysis(ANALYSIS).get_output_ref("stage-1.out") == {
        "$dnanexus_link": {"analysis": ANALYSIS, "field": "stage-1.out"}}


def test_localjob_ids_are_accepted_and_other_ids_checked() -> None:
    job = dxpy.DXJob("localjob-3")
    assert job.get_id() == "localjob-3"
    assert str(job) == "<dxpy.DXJob: None (localjob-3 (no project ID stored))>"  # upstream's format
    with pytest.raises(DXError):
        dxpy.DXJob("analysis-" + "N" * 24)
    job.set_id(None)
    assert job.get_id() is None


def test_describe_requests(dx_test_context: Any) -> None:
    server = dx_test_context
    server.default = reply(json={"id": JOB})
    job = dxpy.DXJob(JOB)
    job.describe()
    job.describe(io=False)
    job.describe(fields={"state": True, "output": True}, defaultFields=True)
    job.describe(fields=["state"])
    dxpy.DXAnalysis(ANALYSIS).describe(fields={"stages": True})
    assert [q.json() for q in server.requests] == [
        {}, {"io": False}, {"fields": {"state": True, "output": True}, "defaultFields": True},
        {"fields": {"state": True}}, {"fields": {"stages": True}},
    ]


def test_metadata_requests(dx_test_context: Any) -> None:
    server = dx_test_context
    job, analysis = dxpy.DXJob(JOB), dxpy.DXAnalysis(ANALYSIS)
    job.add_tags(["a"])
    job.remove_tags(["a"])
    job.set_properties({"k": "v", "gone": None})
    job.update(["10.0.0.0/8"])
    job.terminate()
    analysis.add_tags(["b"])
    analysis.remove_tags(["b"])
    analysis.set_properties({"k": "v"})
    analysis.terminate()
    assert [(q.path, q.json()) for q in server.requests] == [
        (f"/{JOB}/addTags", {"tags": ["a"]}), (f"/{JOB}/removeTags", {"tags": ["a"]}),
        (f"/{JOB}/setProperties", {"properties": {"k": "v", "gone": None}}),
        (f"/{JOB}/update", {"allowSSH": ["10.0.0.0/8"]}), (f"/{JOB}/terminate", {}),
        (f"/{ANALYSIS}/addTags", {"tags": ["b"]}), (f"/{ANALYSIS}/removeTags", {"tags": ["b"]}),
        (f"/{ANALYSIS}/setProperties", {"properties": {"k": "v"}}), (f"/{ANALYSIS}/terminate", {}),
    ]


def test_new_dxjob_inside_a_job_calls_job_new(dx_test_context: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DX_JOB_ID", JOB2)
    server = dx_test_context
    server.queue(reply(json={"id": JOB}))
    rec = dxpy.DXRecord(REC, project="project-" + "F" * 24)
    job = dxpy.new_dxjob({"r": rec, "n": 1}, "process", name="sub", tags=["t"], properties={"k": "v"},
                         details={"d": 1}, instance_type="mem2_ssd1_x4", depends_on=[dxpy.DXJob(JOB2), REC],
                         cluster_spec={"process": {"clusterSpec": {"type": "spark"}}})
    assert isinstance(job, dxpy.DXJob) and job.get_id() == JOB
    body = server.requests[0].json()
    assert server.requests[0].path == "/job/new" and body.pop("nonce")
    assert body == {
        "input": {"r": {"$dnanexus_link": REC}, "n": 1}, "function": "process", "name": "sub", "tags": ["t"],
        "properties": {"k": "v"},
        "systemRequirements": {"process": {"instanceType": "mem2_ssd1_x4", "clusterSpec": {"type": "spark"}}},
        "dependsOn": [JOB2, REC], "details": {"d": 1},
    }


def test_new_dxjob_outside_a_job_queues_a_local_job(
    dx_test_context: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import json

    monkeypatch.delenv("DX_JOB_ID", raising=False)
    monkeypatch.setenv("DX_TEST_JOB_HOMEDIRS", str(tmp_path))
    (tmp_path / "job_outputs.json").write_text(json.dumps({"localjob-0": {"x": 1}}))
    (tmp_path / "job_queue.json").write_text("[]")
    job = dxpy.new_dxjob({"a": 1}, "process", name="sub", depends_on=["localjob-0"])
    assert isinstance(job, dxpy.DXJob) and job.get_id() == "localjob-1"
    queued = json.loads((tmp_path / "job_queue.json").read_text())
    assert queued == [{"id": "localjob-1", "function": "process", "depends_on": ["localjob-0"],
                       "input_hash": {"a": 1}, "name": "sub"}]
    assert job.get_output_ref("y") == {"$dnanexus_link": {"job": "localjob-1", "field": "y"}}
    assert dx_test_context.requests == []  # nothing reaches the API server


def test_new_dxjob_outside_a_job_runs_the_entry_point_in_process(
    dx_test_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxpy.utils import exec_utils, local_exec_utils

    monkeypatch.delenv("DX_JOB_ID", raising=False)
    monkeypatch.delenv("DX_TEST_JOB_HOMEDIRS", raising=False)
    seen: list[int] = []

    def double(n: int) -> dict[str, int]:
        seen.append(n)
        return {"twice": 2 * n}

    monkeypatch.setitem(exec_utils.ENTRY_POINT_TABLE, "double_for_test", double)
    job = dxpy.new_dxjob({"n": 21}, "double_for_test")
    assert seen == [21]
    assert local_exec_utils.local_job_outputs()[job.get_id()] == {"twice": 42}
    assert dx_test_context.requests == []
