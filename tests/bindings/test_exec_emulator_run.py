"""Upstream-style code that builds, runs and waits on applets, workflows and apps, against the
emulator's executable routes: a python3 applet created with DXApplet.new, run, waited on and its
output read; a failing job and its error; a two-stage workflow run as an analysis; an app run by
name and by alias; searches over the executions.

The executable routes come from the emulator's executables modules; a test whose creation route
(``/applet/new``, ``/workflow/new``, ``/app/new``) the emulator does not serve yet is skipped,
naming the route.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

import dxpy
from dxpy.exceptions import DXJobFailureError, ResourceNotFound

CODE = """
import dxpy

@dxpy.entry_point("main")
def main(x):
    if x < 0:
        raise dxpy.AppError("x must not be negative, got %d" % x)
    return {"y": x * 2}
"""

RUN_SPEC = {
    "interpreter": "python3",
    "code": CODE,
    "distribution": "Ubuntu",
    "release": "24.04",
    "version": "0",
}
_MISSING_ROUTE = re.compile(r"The route (/\S+) could not be found")


@contextmanager
def _needs_routes() -> Iterator[None]:
    """Skip (naming the route) when the emulator does not serve an executable route yet."""
    try:
        yield
    except ResourceNotFound as exc:
        missing = _MISSING_ROUTE.search(str(exc))
        if missing:
            pytest.skip(f"this emulator has no {missing.group(1)} route yet")
        raise


WAIT = {"interval": 0.1, "timeout": 180}


@pytest.fixture
def doubler(dx_project: str) -> dxpy.DXApplet:
    applet = dxpy.DXApplet()
    with _needs_routes():
        applet.new(
            name="doubler",
            dxapi="1.0.0",
            runSpec=RUN_SPEC,
            inputSpec=[{"name": "x", "class": "int"}],
            outputSpec=[{"name": "y", "class": "int"}],
        )
    return applet


def test_applet_new_run_wait_and_read_the_output(doubler: dxpy.DXApplet, dx_project: str) -> None:
    desc = doubler.describe()
    assert desc["class"] == "applet" and desc["name"] == "doubler" and desc["project"] == dx_project
    assert doubler.get()["runSpec"]["code"] == CODE
    job = doubler.run({"x": 21}, name="double 21", tags=["t"], properties={"k": "v"})
    job.wait_on_done(**WAIT)
    jdesc = job.describe()
    assert jdesc["output"] == {"y": 42}
    assert (jdesc["name"], jdesc["tags"], jdesc["properties"]) == ("double 21", ["t"], {"k": "v"})
    assert jdesc["applet"] == doubler.get_id() and jdesc["project"] == dx_project


def test_a_failing_job_raises_its_app_error(doubler: dxpy.DXApplet) -> None:
    job = doubler.run({"x": -3})
    with pytest.raises(
        DXJobFailureError, match=r"^Job has failed because of AppError: x must not be negative"
    ):
        job.wait_on_done(**WAIT)


def test_job_based_reference_between_two_runs(doubler: dxpy.DXApplet) -> None:
    first = doubler.run({"x": 1})
    second = doubler.run({"x": first.get_output_ref("y")})
    second.wait_on_done(**WAIT)
    assert second.describe()["output"] == {"y": 4}


def test_two_stage_workflow_runs_as_an_analysis(doubler: dxpy.DXApplet, dx_project: str) -> None:
    with _needs_routes():
        workflow = dxpy.new_dxworkflow(name="quadruple")
    first = workflow.add_stage(doubler, name="first")
    workflow.add_stage(
        doubler, name="second", stage_input={"x": {"$dnanexus_link": {"stage": first, "outputField": "y"}}}
    )
    assert [s["name"] for s in workflow.stages] == ["first", "second"]
    analysis = workflow.run({"first.x": 5})
    assert isinstance(analysis, dxpy.DXAnalysis)
    analysis.wait_on_done(**WAIT)
    desc = analysis.describe()
    assert desc["state"] == "done"
    assert len(desc["stages"]) == 2
    found = list(dxpy.find_analyses(project=dx_project))
    assert [r["id"] for r in found] == [analysis.get_id()]
    jobs = list(dxpy.find_jobs(project=dx_project, describe=True))
    assert sorted(r["describe"]["output"]["y"] for r in jobs) == [10, 20]


def test_app_by_name_and_alias(doubler: dxpy.DXApplet) -> None:
    app = dxpy.DXApp()
    with _needs_routes():
        app.new(applet=doubler.get_id(), version="1.0.0", name="doubler-app")
    app.publish()
    for handler in (
        dxpy.DXApp(name="doubler-app"),
        dxpy.DXApp(name="doubler-app", alias="1.0.0"),
        dxpy.DXApp(app.get_id()),
    ):
        assert handler.describe()["version"] == "1.0.0"
    job = dxpy.DXApp(name="doubler-app", alias="1.0.0").run({"x": 4})
    job.wait_on_done(**WAIT)
    assert job.describe()["output"] == {"y": 8}
    with pytest.raises(ResourceNotFound):
        dxpy.DXApp(name="doubler-app", alias="9.9.9").describe()
