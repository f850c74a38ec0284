"""describeExecutions, job identity tokens, null find filters and analysis stage references,
through the HTTP API and through dxpy."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import Any

import pytest

import dxpy
from dxpy.emulator import Emulator
from tests.emulator.test_workflows import error, wait

WAIT_S = 90
DOUBLE = 'main() {\n  echo "{\\"y\\": $((x * 2))}" > job_output.json\n}\n'
TOKEN = ('main() {\n  tok=$(dx-jobutil-get-identity-token --aud "$aud" %s)\n'
         '  echo "{\\"token\\": \\"$tok\\"}" > job_output.json\n}\n')


@pytest.fixture(scope="module")
def emu(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Emulator(state_dir=str(tmp_path_factory.mktemp("execmore"))) as emulator:
        yield emulator


@pytest.fixture
def project(emu: Emulator) -> str:
    return emu.call("project/new", {"name": "x-" + uuid.uuid4().hex[:6]})["id"]


def applet(emu: Emulator, project: str, code: str = DOUBLE, **spec: Any) -> str:
    body = {"project": project, "name": spec.get("name", "a"), "dxapi": "1.0.0",
            "runSpec": {"interpreter": "bash", "code": code},
            "inputSpec": spec.get("inputSpec", [{"name": "x", "class": "int"}]),
            "outputSpec": spec.get("outputSpec", [{"name": "y", "class": "int"}])}
    return emu.call("applet/new", body)["id"]


# -- describeExecutions ----------------------------------------------------------------------------


def test_describe_executions_describes_each_and_reports_the_invisible(emu: Emulator, project: str) -> None:
    app = applet(emu, project)
    job = emu.call(f"{app}/run", {"project": project, "input": {"x": 2}})["id"]
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "s", "executable": app}]})["id"]
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {"s.x": 1}})["id"]
    _other_id, other = emu.new_user("other" + uuid.uuid4().hex[:8])
    theirs_project = emu.call("project/new", {"name": "theirs"}, token=other)["id"]
    theirs_app = emu.call("applet/new", {"project": theirs_project, "name": "t", "dxapi": "1.0.0",
                                         "runSpec": {"interpreter": "bash", "code": DOUBLE},
                                         "inputSpec": [{"name": "x", "class": "int"}]},
                          token=other)["id"]
    theirs = emu.call(f"{theirs_app}/run", {"project": theirs_project, "input": {"x": 1}}, token=other)["id"]
    missing = "job-" + "B" * 24
    answer = emu.call("system/describeExecutions", {"executions": [job, analysis, theirs, missing]})
    results = answer["results"]
    assert len(results) == 4
    assert results[0]["describe"]["id"] == job and results[0]["describe"]["class"] == "job"
    assert results[1]["describe"]["id"] == analysis and results[1]["describe"]["class"] == "analysis"
    assert results[0]["describe"]["input"] == {"x": 2}
    for entry in results[2:]:
        assert set(entry) == {"error"} and entry["error"]["type"] == "ResourceNotFound"
    # the owner sees their own job through the same route
    mine = emu.call("system/describeExecutions", {"executions": [theirs]}, token=other)["results"]
    assert mine[0]["describe"]["id"] == theirs


def test_describe_executions_applies_describe_options(emu: Emulator, project: str) -> None:
    job = emu.call(f"{applet(emu, project)}/run", {"project": project, "input": {"x": 2}})["id"]
    only = emu.call("system/describeExecutions", {"executions": [job], "fields": {"state": True}})
    assert set(only["results"][0]["describe"]) == {"id", "state"}
    no_io = emu.call("system/describeExecutions", {"executions": [job], "io": False})["results"][0]
    assert "input" not in no_io["describe"] and no_io["describe"]["id"] == job
    assert emu.call("system/describeExecutions", {"executions": []}) == {"results": []}


@pytest.mark.parametrize("body, words", [
    ({}, '"executions"'),
    ({"executions": "job-x"}, '"executions"'),
    ({"executions": [1]}, '"executions"'),
    ({"executions": [], "io": "no"}, '"io"'),
    ({"executions": [], "fields": {"state": 1}}, '"fields"'),
    ({"executions": [], "bogus": 1}, "bogus"),
])
def test_describe_executions_rejects_bad_input(emu: Emulator, project: str, body: dict, words: str) -> None:
    job = emu.call(f"{applet(emu, project)}/run", {"project": project, "input": {"x": 2}})["id"]
    if body.get("fields") is not None:
        body = {**body, "executions": [job]}
    err = error(emu, "system/describeExecutions", body)
    assert err.error_type == "InvalidInput" and words in err.message


def test_describe_executions_through_dxpy(emu: Emulator, project: str) -> None:
    job = emu.call(f"{applet(emu, project)}/run", {"project": project, "input": {"x": 5}})["id"]
    wait(emu, job, {"done"})
    with emu.configure_dxpy():
        results = dxpy.api.system_describe_executions({"executions": [job], "fields": {"output": True}})
    assert results == {"results": [{"describe": {"id": job, "output": {"y": 10}}}]}


# -- getIdentityToken -------------------------------------------------------------------------------


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _token_of(emu: Emulator, project: str, audience: str, extra: str = "") -> tuple[str, dict]:
    app = applet(emu, project, code=TOKEN % extra, inputSpec=[{"name": "aud", "class": "string"}],
                 outputSpec=[{"name": "token", "class": "string"}], name="tok")
    job = emu.call(f"{app}/run", {"project": project, "input": {"aud": audience}})["id"]
    desc = wait(emu, job, {"done", "failed"})
    assert desc["state"] == "done", desc.get("failureMessage")
    return desc["output"]["token"], desc


def test_a_job_gets_a_signed_identity_token(emu: Emulator, project: str) -> None:
    token, desc = _token_of(emu, project, "my-service.example")
    header_b64, payload_b64, signature_b64 = token.split(".")
    header, claims = json.loads(_b64decode(header_b64)), json.loads(_b64decode(payload_b64))
    assert header["alg"] == "HS256" and header["typ"] == "JWT"
    assert claims["aud"] == "my-service.example"
    assert claims["job_id"] == desc["id"] and claims["root_execution_id"] == desc["rootExecution"]
    assert claims["project_id"] == project and claims["launched_by"] == desc["launchedBy"]
    assert claims["executable_id"] == desc["applet"] and claims["iss"].startswith("https://")
    assert 0 < claims["exp"] - claims["iat"] <= 3600 and abs(claims["iat"] - time.time()) < 120
    assert claims["sub"] == f"launched_by;{desc['launchedBy']};job_worker_ipv4;127.0.0.1"
    # signed with the emulator's key: a changed payload no longer matches the signature
    from dxpy.emulator._routes.jobs import identity_key

    key = identity_key(emu.server.config.secret)
    signing_input = f"{header_b64}.{payload_b64}".encode()
    expected = hmac.new(key, signing_input, hashlib.sha256).digest()
    assert hmac.compare_digest(expected, _b64decode(signature_b64))
    forged = f"{header_b64}.{payload_b64[:-2]}AA".encode()
    assert hmac.new(key, forged, hashlib.sha256).digest() != _b64decode(signature_b64)


def test_subject_claims_choose_the_sub_claim(emu: Emulator, project: str) -> None:
    token, desc = _token_of(emu, project, "aud1", "--subject_claims project_id,job_id")
    claims = json.loads(_b64decode(token.split(".")[1]))
    assert claims["sub"] == f"project_id;{project};job_id;{desc['id']}"


def test_identity_token_refuses_user_tokens_and_bad_audiences(emu: Emulator, project: str) -> None:
    job = emu.call(f"{applet(emu, project)}/run", {"project": project, "input": {"x": 2}})["id"]
    err = error(emu, f"{job}/getIdentityToken", {"audience": "a"})
    assert err.error_type == "PermissionDenied" and "token of that running job" in err.message
    # the job's own token is needed: a job may not get another job's identity
    code = ('main() {\n  if dx api "$other" getIdentityToken \'{"audience": "a"}\' 2> err.txt\n'
            '  then st=0; else st=1; fi\n'
            '  grep -q PermissionDenied err.txt && denied=true || denied=false\n'
            '  echo "{\\"st\\": $st, \\"denied\\": $denied}" > job_output.json\n}\n')
    prober = applet(emu, project, code=code, inputSpec=[{"name": "other", "class": "string"}],
                    outputSpec=[{"name": "st", "class": "int"}, {"name": "denied", "class": "boolean"}],
                    name="p")
    probe = emu.call(f"{prober}/run", {"project": project, "input": {"other": job}})["id"]
    out = wait(emu, probe, {"done", "failed"})
    assert out["state"] == "done", out.get("failureMessage")
    assert out["output"] == {"st": 1, "denied": True}
    bad = ('main() {\n  if dx-jobutil-get-identity-token --aud "has space" 2> err.txt\n'
           '  then st=0; else st=1; fi\n'
           '  grep -q InvalidInput err.txt && inv=true || inv=false\n'
           '  echo "{\\"st\\": $st, \\"invalid\\": $inv}" > job_output.json\n}\n')
    checker = applet(emu, project, code=bad, inputSpec=[],
                     outputSpec=[{"name": "st", "class": "int"}, {"name": "invalid", "class": "boolean"}],
                     name="c")
    run = emu.call(f"{checker}/run", {"project": project, "input": {}})["id"]
    out = wait(emu, run, {"done", "failed"})
    assert out["state"] == "done" and out["output"] == {"st": 1, "invalid": True}


# -- null find filters ------------------------------------------------------------------------------


def test_null_find_filters_are_absent_and_null_parent_means_roots(emu: Emulator, project: str) -> None:
    job = emu.call(f"{applet(emu, project)}/run", {"project": project, "input": {"x": 2}})["id"]
    body = {"project": project, "originJob": None, "rootExecution": None, "name": None, "state": None,
            "created": None, "tags": None, "describe": None, "limit": None, "includeSubjobs": None,
            "executable": None, "launchedBy": None}
    for route in ("findExecutions", "findJobs"):
        assert [r["id"] for r in emu.call(f"system/{route}", body)["results"]] == [job]
    assert emu.call("system/findAnalyses", body)["results"] == []
    roots = emu.call("system/findJobs", {"project": project, "parentJob": None})["results"]
    assert [r["id"] for r in roots] == [job]
    assert emu.call("system/findJobs", {"project": project, "parentJob": job})["results"] == []


# -- analysis stage references ----------------------------------------------------------------------


def test_a_stage_reference_resolves_when_that_stage_is_done(
        emu: Emulator, project: str, tmp_path: Any) -> None:
    app = applet(emu, project)
    gate = tmp_path / "go"
    slow = applet(emu, project, name="slow", inputSpec=[], outputSpec=[],
                  code=f"main() {{\n  for i in $(seq 600); do [ -e {gate} ] && break; sleep 0.1; done\n}}\n")
    stages = [{"id": "fast", "executable": app}, {"id": "slow", "executable": slow}]
    wf = emu.call("workflow/new", {"project": project, "stages": stages})["id"]
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {"fast.x": 3}})["id"]
    staged = emu.call(f"{app}/run", {"project": project, "input": {
        "x": {"$dnanexus_link": {"analysis": analysis, "stage": "fast", "field": "y"}}}})["id"]
    whole = emu.call(f"{app}/run", {"project": project, "input": {
        "x": {"$dnanexus_link": {"analysis": analysis, "field": "fast.y"}}}})["id"]
    # the stage reference does not wait for the slow stage (nor the analysis)
    assert wait(emu, staged, {"done", "failed"})["output"] == {"y": 12}
    assert emu.call(f"{analysis}/describe")["state"] == "in_progress"
    assert emu.call(f"{whole}/describe")["state"] in ("idle", "waiting_on_input")
    gate.write_text("")
    assert wait(emu, analysis, {"done", "failed"})["state"] == "done"
    assert wait(emu, whole, {"done", "failed"})["output"] == {"y": 12}


def test_a_stage_reference_to_a_failed_stage_fails_with_dependency_error(emu: Emulator, project: str) -> None:
    fail = applet(emu, project, name="f", inputSpec=[], outputSpec=[],
                  code="main() {\n  exit 3\n}\n")
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "bad", "executable": fail}]})["id"]
    analysis = emu.call(f"{wf}/run", {"project": project, "input": {}})["id"]
    app = applet(emu, project)
    job = emu.call(f"{app}/run", {"project": project, "input": {
        "x": {"$dnanexus_link": {"analysis": analysis, "stage": "bad", "field": "y"}}}})["id"]
    desc = wait(emu, job, {"done", "failed"})
    assert (desc["state"], desc["failureReason"]) == ("failed", "DependencyError")


def test_stage_references_through_dxpy(emu: Emulator, project: str) -> None:
    app = applet(emu, project)
    wf = emu.call("workflow/new", {"project": project, "stages": [{"id": "one", "executable": app}]})["id"]
    with emu.configure_dxpy():
        analysis = dxpy.DXWorkflow(wf).run({"one.x": 4}, project=project)
        ref = {"$dnanexus_link": {"analysis": analysis.get_id(), "stage": "one", "field": "y"}}
        job = dxpy.DXApplet(app).run({"x": ref}, project=project)
        job.wait_on_done(interval=0.1, timeout=WAIT_S)
        assert job.describe()["output"] == {"y": 16}
        analysis.wait_on_done(interval=0.1, timeout=WAIT_S)
