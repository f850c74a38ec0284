"""Executable helpers of dxpy.utils.resolver: apps and global workflows by name/alias, executable
handlers from a path or name, job output references, ``name=value`` inputs."""

from __future__ import annotations

from typing import Any

import pytest

import dxpy
from dxpy.exceptions import DXCLIError
from dxpy.utils import resolver
from dxpy.utils.resolver import ResolutionError
from tests._support.testserver import RecordedRequest, handler, reply

APP = "app-" + "P" * 24
GWF = "globalworkflow-" + "G" * 24
JOB = "job-" + "J" * 24
FILE = "file-" + "F" * 24
FILE2 = "file-" + "E" * 24
PROJ = "project-" + "Q" * 24
NOT_FOUND = reply(404, json={"error": {"type": "ResourceNotFound", "message": "no such thing"}})


def _platform(req: RecordedRequest) -> Any:
    if req.path in ("/app-bwa/describe", "/app-bwa/1.0.0/describe", f"/{APP}/describe"):
        return reply(json={"id": APP, "class": "app", "name": "bwa", "version": "1.0.0"})
    if req.path == "/globalworkflow-wgs/describe":
        return reply(json={"id": GWF, "class": "globalworkflow", "name": "wgs", "version": "2.0.0"})
    if req.path == f"/{JOB}/describe":
        return reply(json={"id": JOB, "state": "done", "project": PROJ,
                           "output": {"one": {"$dnanexus_link": FILE}, "many": [{"$dnanexus_link": FILE},
                                                                                {"$dnanexus_link": FILE2}],
                                      "n": 3}})
    if req.path.startswith("/file-"):
        return reply(json={"id": req.path.split("/")[1], "class": "file"})
    return NOT_FOUND


@pytest.fixture
def platform(dx_test_context: Any) -> Any:
    dx_test_context.default = handler(_platform)
    return dx_test_context


def test_apps_and_global_workflows_by_name_and_alias(platform: Any) -> None:
    assert resolver.get_app_from_path("bwa")["id"] == APP
    assert resolver.get_app_from_path("app-bwa/1.0.0")["id"] == APP
    assert resolver.get_app_from_path("nope") is None
    assert resolver.resolve_app(APP)["name"] == "bwa"
    with pytest.raises(ResolutionError, match="accessible app"):
        resolver.resolve_app("nope")
    assert resolver.get_global_workflow_from_path("wgs")["id"] == GWF
    assert resolver.resolve_global_workflow("globalworkflow-wgs")["id"] == GWF
    assert resolver.get_global_exec_from_path("wgs")["id"] == GWF  # no app called wgs
    assert resolver.get_global_exec_from_path("bwa")["id"] == APP
    assert resolver.resolve_global_executable("wgs")["class"] == "globalworkflow"
    with pytest.raises(ResolutionError, match="Version is required"):
        resolver.resolve_global_executable("bwa", is_version_required=True)
    with pytest.raises(ResolutionError, match="global executable"):
        resolver.resolve_global_executable("nothing")
    paths = [q.path for q in platform.requests]
    assert "/app-bwa/1.0.0/describe" in paths and "/app-wgs/describe" in paths


def test_get_exec_handler_for_global_executables(platform: Any) -> None:
    app = resolver.get_exec_handler("bwa", alias="1.0.0")
    assert isinstance(app, dxpy.DXApp) and app.get_id() == APP
    gwf = resolver.get_exec_handler("app-bwa")
    assert isinstance(gwf, dxpy.DXApp)
    with pytest.raises(ResolutionError):
        resolver.get_exec_handler("bwa", alias="9.9.9")


def test_resolve_job_ref(platform: Any) -> None:
    assert resolver.resolve_job_ref(JOB, "one") == [{"id": FILE, "describe": {"id": FILE, "class": "file"}}]
    assert [r["id"] for r in resolver.resolve_job_ref(JOB, "many")] == [FILE, FILE2]
    assert [r["id"] for r in resolver.resolve_job_ref(JOB, "many.1")] == [FILE2]
    describe: dict[str, Any] = {}
    resolver.resolve_job_ref(JOB, "one", describe)
    assert describe == {"project": PROJ}
    assert platform.requests[-1].json() == {"project": PROJ}
    for name, message in (("n", "not of a data object class"), ("gone", "available fields are: one, many, n"),
                          ("one.0", "not an array"), ("many.5", "out of range")):
        with pytest.raises(ResolutionError, match=message):
            resolver.resolve_job_ref(JOB, name)


def test_parse_input_keyval_like_upstream() -> None:
    assert resolver.parse_input_keyval("a=b=c") == ("a", "b=c")
    assert resolver.parse_input_keyval(r"a\=x=1") == (r"a\=x", "1")
    assert resolver.parse_input_keyval("x=") == ("x", "")
    with pytest.raises(DXCLIError, match="-i<input name>=<input value>"):
        resolver.parse_input_keyval("abc")
    assert resolver.get_first_pos_of_char("=", r"a\=b=c") == 4
    assert resolver.get_last_pos_of_char("=", r"a=b\=c") == 1
    assert resolver.get_first_pos_of_char(":", "none") == -1
