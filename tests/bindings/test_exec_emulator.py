"""Execution bindings against real jobs in the emulator: DXJob waits on jobs that really run,
a failing job raises DXJobFailureError with its reason, job metadata round-trips, and
find_jobs / find_executions see the jobs. Applets, workflows and apps created through the
bindings run in ``test_exec_emulator_run.py``.

Jobs here are inserted with the runner's ``create_job`` (the way the runner's own tests do), so
these tests do not depend on the executable routes.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

import dxpy
from dxpy.emulator._routes.jobs import create_job
from dxpy.exceptions import DXJobFailureError

PYTHON_OK = """
import dxpy

@dxpy.entry_point("main")
def main(x):
    return {"y": x * 2}
"""

PYTHON_FAILS = """
import dxpy

@dxpy.entry_point("main")
def main(x):
    raise dxpy.AppError("x must be positive, got %d" % x)
"""

BASH_SLOW = "sleep 60"


def _launch(emu: Any, project: str, code: str, job_input: dict[str, Any], interpreter: str = "python3",
            **body: Any) -> dxpy.DXJob:
    runnable = {"id": "applet-" + "b" * 24, "name": "bindings-test", "class": "applet",
                "runSpec": {"interpreter": interpreter, "code": code}}
    with emu.server.store.write() as db:
        job_id = create_job(db, int(time.time() * 1000), emu.user_id, runnable, body, job_input, project)
    emu.server.config.extra["scheduler"].wake()
    return dxpy.DXJob(job_id)


def test_wait_on_done_then_read_the_output(dx_emulator: Any, dx_project: str) -> None:
    job = _launch(dx_emulator, dx_project, PYTHON_OK, {"x": 21}, name="doubler")
    job.wait_on_done(interval=0.1, timeout=120)
    desc = job.describe()
    assert desc["state"] == "done" and desc["output"] == {"y": 42} and desc["name"] == "doubler"
    assert job.describe(fields={"output": True})["output"] == {"y": 42}
    assert "input" not in job.describe(io=False)


def test_a_failing_job_raises_with_its_reason(dx_emulator: Any, dx_project: str) -> None:
    job = _launch(dx_emulator, dx_project, PYTHON_FAILS, {"x": -1})
    expected = r"^Job has failed because of AppError: x must be positive, got -1$"
    with pytest.raises(DXJobFailureError, match=expected):
        job.wait_on_done(interval=0.1, timeout=120)
    assert job.describe()["failureReason"] == "AppError"


def test_terminate_and_wait_raises_terminated(dx_emulator: Any, dx_project: str) -> None:
    job = _launch(dx_emulator, dx_project, BASH_SLOW, {}, interpreter="bash")
    job.terminate()
    with pytest.raises(DXJobFailureError, match=r"^Job was terminated\.$"):
        job.wait_on_done(interval=0.1, timeout=120)


def test_wait_on_done_timeout_on_a_running_job(dx_emulator: Any, dx_project: str) -> None:
    job = _launch(dx_emulator, dx_project, BASH_SLOW, {}, interpreter="bash")
    try:
        with pytest.raises(DXJobFailureError, match="Reached timeout"):
            job.wait_on_done(interval=0.05, timeout=0.2)
    finally:
        job.terminate()


def test_tags_properties_and_searches_over_real_jobs(dx_emulator: Any, dx_project: str) -> None:
    first = _launch(dx_emulator, dx_project, PYTHON_OK, {"x": 1}, name="first")
    second = _launch(dx_emulator, dx_project, PYTHON_OK, {"x": 2}, name="second")
    for job in (first, second):
        job.wait_on_done(interval=0.1, timeout=120)
    first.add_tags(["keep", "qc"])
    first.remove_tags(["qc"])
    first.set_properties({"batch": "7"})
    desc = first.describe()
    assert desc["tags"] == ["keep"] and desc["properties"] == {"batch": "7"}
    found = list(dxpy.find_jobs(project=dx_project, tags=["keep"], describe=True))
    assert [r["id"] for r in found] == [first.get_id()]
    assert found[0]["describe"]["name"] == "first"
    names = {r["describe"]["name"] for r in dxpy.find_executions(project=dx_project, describe=True)}
    assert names == {"first", "second"}
    handlers = list(dxpy.find_jobs(project=dx_project, name="sec*", name_mode="glob", return_handler=True))
    assert [h.get_id() for h in handlers] == [second.get_id()] and isinstance(handlers[0], dxpy.DXJob)
    assert list(dxpy.find_jobs(project=dx_project, state="failed")) == []
