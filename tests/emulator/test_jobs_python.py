"""python3 jobs end to end: entry points, ``dxpy.run()``, subjob fan-out and fan-in with job-based refs."""

from __future__ import annotations

import time

import pytest

from dxpy.emulator import Emulator, EmulatorCallError
from tests.emulator.test_runner import WAIT_S, launch, wait_state


@pytest.fixture
def emu(tmp_path):
    emulator = Emulator(state_dir=str(tmp_path / "state"))
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


def python(code: str, output_spec=None) -> dict:
    runnable = {
        "id": "applet-" + "p" * 24,
        "name": "py",
        "class": "applet",
        "runSpec": {"interpreter": "python3", "code": code},
    }
    if output_spec is not None:
        runnable["outputSpec"] = output_spec
    return runnable


TRIVIAL = """
import dxpy

@dxpy.entry_point("main")
def main(x):
    return {"y": x + 1}
"""

FAN = """
import dxpy

@dxpy.entry_point("main")
def main(n):
    subjobs = [dxpy.new_dxjob({"i": i}, "square") for i in range(n)]
    gather = dxpy.new_dxjob({"parts": [j.get_output_ref("sq") for j in subjobs]}, "total")
    return {"total": gather.get_output_ref("total")}

@dxpy.entry_point("square")
def square(i):
    return {"sq": i * i}

@dxpy.entry_point("total")
def total(parts):
    return {"total": sum(parts)}

dxpy.run()
"""


def test_python3_entry_point_runs_without_an_explicit_run_call(emu):
    desc = wait_state(emu, launch(emu, python(TRIVIAL), {"x": 41}), {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"y": 42}


def test_fan_out_and_gather_with_job_based_references(emu):
    job = launch(emu, python(FAN, [{"name": "total", "class": "int"}]), {"n": 5})
    desc = wait_state(emu, job, {"done", "failed"}, timeout=WAIT_S * 2)
    assert desc["state"] == "done", desc.get("failureMessage")
    assert desc["output"] == {"total": sum(i * i for i in range(5))}
    kids = [j for j in emu.call("system/findJobs", {"parentJob": job})["results"]]
    assert len(kids) == 6
    assert "waiting_on_output" in [t["newState"] for t in desc["stateTransitions"]]


def test_python_exception_is_app_internal_error_and_app_error_is_app_error(emu):
    code = TRIVIAL.replace('return {"y": x + 1}', 'raise dxpy.AppError("no good: %d" % x)')
    desc = wait_state(emu, launch(emu, python(code), {"x": 1}), {"done", "failed"})
    assert (desc["failureReason"], desc["failureMessage"]) == ("AppError", "no good: 1")
    code = TRIVIAL.replace('return {"y": x + 1}', "return {'y': 1 // 0}")
    desc = wait_state(emu, launch(emu, python(code), {"x": 1}), {"done", "failed"})
    assert desc["failureReason"] == "AppInternalError" and "division" in desc["failureMessage"]


def test_subjob_failure_fails_the_parent(emu):
    code = FAN.replace('return {"sq": i * i}', "raise dxpy.AppError('square %d failed' % i)")
    job = launch(emu, python(code), {"n": 2})
    desc = wait_state(emu, job, {"done", "failed"}, timeout=WAIT_S * 2)
    assert desc["state"] == "failed" and desc["failureReason"] == "AppError"
    assert "failed" in desc["failureMessage"]
    deadline = time.monotonic() + WAIT_S
    while True:
        states = {
            j["describe"]["state"]
            for j in emu.call("system/findJobs", {"rootExecution": job, "describe": True})["results"]
        }
        if states <= {"failed", "terminated", "done"}:
            break
        assert time.monotonic() < deadline
        time.sleep(0.05)


OPEN_OUTPUT = """
import dxpy

@dxpy.entry_point("main")
def main():
    record = dxpy.new_dxrecord(name="left-open", details={"k": 1})
    return {"rec": dxpy.dxlink(record)}
"""


def test_open_output_objects_are_closed_and_cloned_into_the_output_folder_and_the_workspace_goes(emu):
    applet = emu.call("applet/new", {"project": emu.project_id, "dxapi": "1.0.0", "name": "open",
                                     "runSpec": {"interpreter": "python3", "code": OPEN_OUTPUT}})["id"]
    job = emu.call(f"{applet}/run", {"project": emu.project_id, "folder": "/results"})["id"]
    desc = wait_state(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    record = desc["output"]["rec"]["$dnanexus_link"]
    in_project = emu.call(f"{record}/describe", {"project": emu.project_id})
    seen = (in_project["state"], in_project["folder"], in_project["name"])
    assert seen == ("closed", "/results", "left-open")
    listed = emu.call(f"{emu.project_id}/listFolder", {"folder": "/results"})["objects"]
    assert [o["id"] for o in listed] == [record]
    with pytest.raises(EmulatorCallError) as gone:
        emu.call(f"{desc['workspace']}/describe")
    assert gone.value.error_type == "ResourceNotFound"
