"""Tests for the generated ``dxpy.api``: every route of the table, against the scripted local server.

The expectations are derived from the route table itself (not from the generator's
code) plus the lists in ``shared/platform/ROUTES.md`` written out below, so a
generator bug cannot hide behind its own logic.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import dxpy.api
from dxpy._retry import RetryPolicy
from dxpy.exceptions import DXAPIError, DXConnectionError, DXError, DXTimeoutError, ResourceNotFound
from tests._support.testserver import ScriptedServer, delay, drop, error_reply, reply
from tests.conftest import TEST_TOKEN, FakeClock

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tools" / "api_routes" / "wrapper_table.json"


class Entry(NamedTuple):
    path: str
    name: str
    object_method: bool
    retryable: bool
    nonce: bool
    link: str | None

    @property
    def subject(self) -> str:
        return self.path.split("/")[1].split("-")[0]

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[1]


def _snake(camel: str) -> str:
    # Written differently from the generator on purpose: a capital starts a word unless it
    # continues a run of capitals ("URL" is one word).
    out = []
    for i, ch in enumerate(camel):
        if ch.isupper() and not (i and camel[i - 1].isupper()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _load() -> list[Entry]:
    rows = json.loads(TABLE.read_text(encoding="utf-8"))
    return [
        Entry(path, _snake(sig.split("(")[0]), opts["objectMethod"], opts["retryable"],
              opts.get("acceptNonce", False), opts["wikiLink"] or None)
        for path, sig, opts in rows
    ]


ROUTES = _load()
IDS = [r.path for r in ROUTES]
NONCE_ROUTES = {
    "/app/new", "/app-xxxx/run", "/applet/new", "/applet-xxxx/run", "/file/new", "/globalworkflow/new",
    "/globalworkflow-xxxx/run", "/job/new", "/org/new", "/record/new", "/workflow/new", "/workflow-xxxx/run",
}
NOT_RETRIED = {
    "/container-xxxx/clone", "/container-xxxx/move", "/container-xxxx/removeFolder",
    "/container-xxxx/removeObjects", "/container-xxxx/renameFolder", "/project-xxxx/clone",
    "/project-xxxx/invite", "/project-xxxx/move", "/project-xxxx/removeFolder",
    "/project-xxxx/removeObjects", "/project-xxxx/renameFolder", "/project/new",
    "/database-xxxx/relocate", "/dbcluster/new", "/job-xxxx/getLog", "/user-xxxx/update",
}
FIRST_PARAM = {"app": "app_name_or_id", "globalworkflow": "name_or_id"}
APP_ID = "app-B0VJ0000000000000000000x"
NOT_ROUTES = {"Any", "DXError", "DXHTTPRequest", "Nonce", "annotations"}


@pytest.fixture
def fake(fake_clock: FakeClock) -> FakeClock:
    return fake_clock


@pytest.fixture
def policy(fake: FakeClock) -> RetryPolicy:
    return RetryPolicy(clock=fake, sleep=fake.sleep)


def _fake_id(subject: str) -> str:
    return f"{subject}-B0VJ{'x' * 20}"  # the shape of a platform ID: class, dash, 24 characters


def _call(entry: Entry, input_params: Any, **kwargs: Any) -> Any:
    """Call the wrapper of ``entry`` with an ID of its class; returns (result, expected request path)."""
    func = getattr(dxpy.api, entry.name)
    if entry.subject in FIRST_PARAM and entry.object_method:
        name = f"{entry.subject}-bwa_mem"
        return func(name, input_params=input_params, **kwargs), f"/{name}/{entry.method}"
    if entry.object_method:
        oid = _fake_id(entry.subject)
        return func(oid, input_params, **kwargs), f"/{oid}/{entry.method}"
    return func(input_params, **kwargs), entry.path


def _without_nonce(body: Any) -> Any:
    return {k: v for k, v in body.items() if k != "nonce"}


# --- the table and the module's names ---------------------------------------------------------------


def test_table_counts_match_routes_md() -> None:
    assert len(ROUTES) == 208
    assert sum(r.object_method for r in ROUTES) == 174
    assert sum(r.retryable for r in ROUTES) == 180
    assert {r.path for r in ROUTES if r.nonce} == NONCE_ROUTES
    assert {r.path for r in ROUTES if not (r.retryable or r.nonce)} == NOT_RETRIED


def test_every_route_has_a_public_function() -> None:
    # "@py_builtins"/"@pytest_ar" appear when pytest rewrites the dxpy distribution (it has a plugin)
    public = [n for n in dir(dxpy.api) if not n.startswith(("_", "@"))]
    route_names = [r.name for r in ROUTES]
    assert len(set(route_names)) == 208
    assert set(route_names) <= set(public)
    assert set(public) - set(route_names) <= NOT_ROUTES
    assert dxpy.api.__all__ == route_names


def test_examples_from_the_issue() -> None:
    for name in ("file_upload", "system_find_data_objects", "global_workflow_describe", "record_new",
                 "system_shorten_url", "dbcluster_new", "job_get_identity_token"):
        assert inspect.isfunction(getattr(dxpy.api, name))


def test_module_docstring_explains_naming() -> None:
    doc = dxpy.api.__doc__ or ""
    assert "snake_case" in doc and "system_find_data_objects" in doc and "always_retry" in doc


def test_reachable_from_dxpy_facade() -> None:
    code = (
        "import sys, dxpy\n"
        "before = 'dxpy.api' in sys.modules\n"
        "func = dxpy.api.system_find_data_objects\n"
        "print(before, func.__module__, dxpy.api is sys.modules['dxpy.api'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "dxpy.api", "True"]


# --- per-route: signature, docstring, request, retry default ------------------------------------------


@pytest.mark.parametrize("entry", ROUTES, ids=IDS)
def test_signature(entry: Entry) -> None:
    func = getattr(dxpy.api, entry.name)
    params = list(inspect.signature(func).parameters.values())
    expected: list[tuple[str, Any]] = []
    if entry.object_method:
        first = FIRST_PARAM.get(entry.subject, "object_id")
        expected.append((first, inspect.Parameter.empty))
        if entry.subject in FIRST_PARAM:
            expected.append(("alias", None))
    expected += [("input_params", {}), ("always_retry", entry.retryable or entry.nonce)]
    assert [(p.name, p.default) for p in params[:-1]] == expected
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params[:-1])
    assert params[-1].name == "kwargs" and params[-1].kind is inspect.Parameter.VAR_KEYWORD
    assert type(params[-2].default) is bool


@pytest.mark.parametrize("entry", ROUTES, ids=IDS)
def test_docstring_names_route_and_link(entry: Entry) -> None:
    doc = getattr(dxpy.api, entry.name).__doc__ or ""
    assert f"``{entry.path}``" in doc
    if entry.link:
        assert entry.link in doc
    assert ":param input_params:" in doc and ":returns:" in doc


@pytest.mark.parametrize("entry", ROUTES, ids=IDS)
def test_posts_input_to_route_path(dx_test_context: ScriptedServer, entry: Entry) -> None:
    server = dx_test_context
    server.queue(reply(json={"answer": entry.path}))
    given = {"route": entry.path, "nested": {"list": [1, 2, 3]}}
    result, path = _call(entry, given)
    assert result == {"answer": entry.path}
    (req,) = server.requests
    assert (req.method, req.path) == ("POST", path)
    assert req.headers["content-type"] == "application/json"
    assert req.headers["authorization"] == f"Bearer {TEST_TOKEN}"
    body = req.json()
    assert given == {"route": entry.path, "nested": {"list": [1, 2, 3]}}  # caller's dict untouched
    if entry.nonce:
        assert _without_nonce(body) == given
        assert isinstance(body["nonce"], str) and 0 < len(body["nonce"].encode()) <= 128
    else:
        assert body == given


@pytest.mark.parametrize("entry", ROUTES, ids=IDS)
def test_default_always_retry_after_dropped_connection(
    dx_test_context: ScriptedServer, policy: RetryPolicy, fake: FakeClock, entry: Entry
) -> None:
    server = dx_test_context
    server.queue(drop(), reply(json={"second": True}))
    if entry.retryable or entry.nonce:
        result, _ = _call(entry, {"n": 1}, retry_policy=policy)
        assert result == {"second": True}
        assert len(server.requests) == 2
        first, second = (r.json() for r in server.requests)
        assert first == second  # same body on the retry, including the same nonce
        assert fake.sleeps == [1.0]
    else:
        with pytest.raises(DXConnectionError):
            _call(entry, {"n": 1}, retry_policy=policy)
        assert len(server.requests) == 1
        assert fake.sleeps == []


# --- always_retry overrides --------------------------------------------------------------------------


def test_non_retryable_route_retried_when_asked(dx_test_context: ScriptedServer, policy: RetryPolicy) -> None:
    dx_test_context.queue(drop(), reply(json={"id": "project-1"}))
    assert dxpy.api.project_new({"name": "p"}, always_retry=True, retry_policy=policy) == {"id": "project-1"}
    assert len(dx_test_context.requests) == 2


def test_retryable_route_not_retried_when_told(dx_test_context: ScriptedServer, policy: RetryPolicy) -> None:
    dx_test_context.queue(drop())
    with pytest.raises(DXConnectionError):
        dxpy.api.file_describe("file-x", {}, always_retry=False, retry_policy=policy)
    assert len(dx_test_context.requests) == 1


def test_nonce_route_not_retried_when_told(dx_test_context: ScriptedServer, policy: RetryPolicy) -> None:
    dx_test_context.queue(drop())
    with pytest.raises(DXConnectionError):
        dxpy.api.record_new({"project": "project-x"}, False, retry_policy=policy)
    assert len(dx_test_context.requests) == 1


def test_server_errors_retried_even_for_non_retryable_route(
    dx_test_context: ScriptedServer, policy: RetryPolicy
) -> None:
    dx_test_context.queue(error_reply(500, "InternalError", "boom"), reply(json={"id": "project-2"}))
    assert dxpy.api.project_new({"name": "p"}, retry_policy=policy) == {"id": "project-2"}
    assert len(dx_test_context.requests) == 2


# --- nonces ------------------------------------------------------------------------------------------

NONCE_ENTRIES = [r for r in ROUTES if r.nonce]


@pytest.mark.parametrize("entry", NONCE_ENTRIES, ids=[r.path for r in NONCE_ENTRIES])
def test_given_nonce_is_kept(dx_test_context: ScriptedServer, entry: Entry) -> None:
    given = {"nonce": "caller-chosen", "x": 1}
    _call(entry, given)
    assert dx_test_context.requests[0].json() == {"nonce": "caller-chosen", "x": 1}
    assert given == {"nonce": "caller-chosen", "x": 1}


@pytest.mark.parametrize("entry", NONCE_ENTRIES, ids=[r.path for r in NONCE_ENTRIES])
def test_empty_nonce_replaced_and_each_call_fresh(dx_test_context: ScriptedServer, entry: Entry) -> None:
    given = {"nonce": "", "x": 1}
    _call(entry, given)
    _call(entry, given)
    first, second = (r.json()["nonce"] for r in dx_test_context.requests)
    assert first and second and first != second
    assert given == {"nonce": "", "x": 1}


def test_non_nonce_routes_get_no_nonce(dx_test_context: ScriptedServer) -> None:
    dxpy.api.project_new({"name": "p"})
    dxpy.api.system_find_data_objects()
    assert [r.json() for r in dx_test_context.requests] == [{"name": "p"}, {}]


def test_default_input_is_never_mutated(dx_test_context: ScriptedServer) -> None:
    dxpy.api.file_new()
    dxpy.api.file_new()
    dxpy.api.system_whoami()
    bodies = [r.json() for r in dx_test_context.requests]
    assert set(bodies[0]) == {"nonce"} and bodies[0]["nonce"] != bodies[1]["nonce"]
    assert bodies[2] == {}
    for name in ("file_new", "system_whoami", "file_describe"):
        assert inspect.signature(getattr(dxpy.api, name)).parameters["input_params"].default == {}


def test_nonce_route_rejects_non_object_input(dx_test_context: ScriptedServer) -> None:
    with pytest.raises(DXError, match="input_params"):
        dxpy.api.file_new(["not", "an", "object"])
    assert dx_test_context.requests == []


# --- addressing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda: dxpy.api.app_run("app-bwa", "1.0.0", {}), "/app-bwa/1.0.0/run"),
        (lambda: dxpy.api.app_run("app-bwa", alias="1.0.0", input_params={}), "/app-bwa/1.0.0/run"),
        (lambda: dxpy.api.app_describe("app-bwa", alias=""), "/app-bwa/describe"),
        (lambda: dxpy.api.app_describe(APP_ID), f"/{APP_ID}/describe"),
        (lambda: dxpy.api.global_workflow_run("globalworkflow-gw", "beta"), "/globalworkflow-gw/beta/run"),
        (lambda: dxpy.api.global_workflow_describe(name_or_id="globalworkflow-gw"),
         "/globalworkflow-gw/describe"),
        (lambda: dxpy.api.project_describe("container-B0VJxxxxxxxxxxxxxxxxxxxx"),
         "/container-B0VJxxxxxxxxxxxxxxxxxxxx/describe"),
        (lambda: dxpy.api.file_describe(object_id="file-1", input_params={"a": 1}), "/file-1/describe"),
        (lambda: dxpy.api.app_new({}), "/app/new"),
        (lambda: dxpy.api.global_workflow_new({}), "/globalworkflow/new"),
    ],
)
def test_addressing(dx_test_context: ScriptedServer, call: Any, path: str) -> None:
    call()
    assert [r.path for r in dx_test_context.requests] == [path]


@pytest.mark.parametrize(
    "call",
    [
        lambda: dxpy.api.file_describe(None),  # type: ignore[arg-type]
        lambda: dxpy.api.file_describe(""),
        lambda: dxpy.api.file_describe(42),  # type: ignore[arg-type]
        lambda: dxpy.api.app_run(None),  # type: ignore[arg-type]
        lambda: dxpy.api.app_run("app-bwa", alias=1),  # type: ignore[arg-type]
    ],
)
def test_bad_ids_raise_before_sending(dx_test_context: ScriptedServer, call: Any) -> None:
    with pytest.raises(DXError):
        call()
    assert dx_test_context.requests == []


def test_non_object_input_passes_through(dx_test_context: ScriptedServer) -> None:
    dxpy.api.record_set_details("record-1", [1, "two", None])
    assert dx_test_context.requests[0].json() == [1, "two", None]


# --- kwargs pass-through and errors ------------------------------------------------------------------


def test_headers_pass_through(dx_test_context: ScriptedServer) -> None:
    dxpy.api.system_whoami({}, headers={"X-Trace": "abc"})
    assert dx_test_context.requests[0].headers["x-trace"] == "abc"


def test_auth_pass_through(dx_test_context: ScriptedServer) -> None:
    dxpy.api.system_whoami(auth=False)
    assert "authorization" not in dx_test_context.requests[0].headers


def test_want_full_response_pass_through(dx_test_context: ScriptedServer) -> None:
    dx_test_context.queue(reply(json={"id": "user-x"}, headers={"X-Extra": "1"}))
    response = dxpy.api.system_whoami(want_full_response=True)
    assert response.status_code == 200
    assert response.json() == {"id": "user-x"}
    assert response.headers["X-Extra"] == "1"


def test_decode_response_body_pass_through(dx_test_context: ScriptedServer) -> None:
    dx_test_context.queue(reply(json={"id": "user-x"}))
    assert json.loads(dxpy.api.system_whoami(decode_response_body=False)) == {"id": "user-x"}


def test_max_retries_pass_through(dx_test_context: ScriptedServer, policy: RetryPolicy) -> None:
    dx_test_context.queue(drop(), drop(), reply(json={}))
    with pytest.raises(DXConnectionError):
        dxpy.api.file_describe("file-1", max_retries=1, retry_policy=policy)
    assert len(dx_test_context.requests) == 2


def test_timeout_pass_through(dx_test_context: ScriptedServer, policy: RetryPolicy) -> None:
    dx_test_context.queue(delay(0.6, reply(json={})))
    with pytest.raises(DXTimeoutError):
        dxpy.api.project_new({"name": "slow"}, timeout=0.1, retry_policy=policy)
    assert len(dx_test_context.requests) == 1


def test_api_error_raised_as_typed_exception(dx_test_context: ScriptedServer) -> None:
    dx_test_context.queue(error_reply(404, "ResourceNotFound", "no such file", details={"id": "file-1"}))
    with pytest.raises(ResourceNotFound) as info:
        dxpy.api.file_describe("file-1")
    err = info.value
    assert isinstance(err, DXAPIError)
    assert (err.name, err.msg, err.code) == ("ResourceNotFound", "no such file", 404)


# --- what importing dxpy.api loads (its cost is measured by benchmarks/bench_import.py) ---------------


def _importtime(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    # Measure as an installed package runs: with bytecode (pip compiles it at install time).
    # The bytecode goes to a private prefix so the run never writes into the source tree.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    for _ in range(2):  # the first run writes the bytecode, the second one is measured
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True,
                              text=True, timeout=60, cwd=str(ROOT), env=env)
        assert proc.returncode == 0, proc.stderr
    return proc


def test_import_adds_only_the_nonce_helper(tmp_path: Path) -> None:
    # dxpy.api's own cost: beyond the transport it stands on, it loads nothing but dxpy._nonce.
    # (Whether the transport itself defers importing urllib3 is the transport's contract.)
    code = (
        "import sys, dxpy._http\n"
        "before = set(sys.modules)\n"
        "import dxpy.api\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    proc = _importtime(tmp_path, code)
    assert proc.stdout.strip() == "['dxpy._nonce', 'dxpy.api']"
