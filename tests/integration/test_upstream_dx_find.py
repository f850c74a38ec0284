"""Upstream's ``dx find jobs`` / ``dx find analyses`` (0.417, its own virtualenv) against our emulator.

Upstream's ``dx find`` sends ``findExecutions`` queries with ``class``, ``project``,
``describe`` options, ``includeRestarted``, a second query by ``originJob`` or
``rootExecution`` lists, and ``"parentJob": null`` for ``--origin-jobs``. Skipped when
upstream dxpy is not installed (see :mod:`tests._support.upstream`).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from dxpy.emulator import Emulator
from tests._support.upstream import run_upstream_dx

FAN = """
import dxpy

@dxpy.entry_point("main")
def main():
    sub = dxpy.new_dxjob({}, "leaf")
    return {"n": sub.get_output_ref("n")}

@dxpy.entry_point("leaf")
def leaf():
    return {"n": 1}
"""


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("dxfind"))) as emulator:
        yield emulator


def _wait(emu: Emulator, execution: str) -> dict:
    deadline = time.monotonic() + 90
    while True:
        desc = emu.call(f"{execution}/describe")
        if desc["state"] in ("done", "failed", "terminated"):
            return desc
        assert time.monotonic() < deadline, f"{execution} stuck in {desc['state']}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def executions(emu: Emulator) -> dict:
    project = emu.env["DX_PROJECT_CONTEXT_ID"]
    applet = emu.call("applet/new", {"project": project, "name": "fan", "dxapi": "1.0.0",
                                     "runSpec": {"interpreter": "python3", "code": FAN},
                                     "inputSpec": [], "outputSpec": [{"name": "n", "class": "int"}]})["id"]
    job = emu.call(f"{applet}/run", {"project": project, "input": {}})["id"]
    workflow = emu.call("workflow/new", {"project": project, "name": "wf",
                                         "stages": [{"id": "only", "executable": applet}]})["id"]
    analysis = emu.call(f"{workflow}/run", {"project": project, "input": {}})["id"]
    assert _wait(emu, job)["state"] == "done" and _wait(emu, analysis)["state"] == "done"
    subjobs = [r["id"] for r in emu.call("system/findJobs", {"project": project})["results"]]
    stage_job = emu.call(f"{analysis}/describe")["stages"][0]["execution"]["id"]
    return {"job": job, "analysis": analysis, "stage": stage_job, "all_jobs": set(subjobs)}


def _dx_json(upstream: str, emu: Emulator, tmp_path: Path, *args: str) -> list:
    done = run_upstream_dx(upstream, emu, tmp_path, "find", *args, "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_upstream_dx_find_jobs(upstream: str, emu: Emulator, executions: dict, tmp_path: Path) -> None:
    found = {d["id"] for d in _dx_json(upstream, emu, tmp_path, "jobs")}
    # two origin jobs (the run and the stage), each with its subjob
    assert executions["job"] in found and executions["stage"] in found
    assert found == executions["all_jobs"] and len(found) == 4
    origins = {d["id"] for d in _dx_json(upstream, emu, tmp_path, "jobs", "--origin-jobs")}
    assert origins == {executions["job"], executions["stage"]}
    text = run_upstream_dx(upstream, emu, tmp_path, "find", "jobs")
    assert text.returncode == 0 and executions["job"] in text.stdout and "(done)" in text.stdout


def test_upstream_dx_find_analyses(upstream: str, emu: Emulator, executions: dict, tmp_path: Path) -> None:
    found = _dx_json(upstream, emu, tmp_path, "analyses")
    assert [d["id"] for d in found] == [executions["analysis"]]
    assert found[0]["state"] == "done"
    text = run_upstream_dx(upstream, emu, tmp_path, "find", "analyses")
    assert text.returncode == 0 and executions["analysis"] in text.stdout
