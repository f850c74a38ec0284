"""Emulator core: routing, response shape, bad input, nonces, raw paths, store, Emulator class."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time

import pytest

import dxpy
from dxpy import exceptions as dxexc
from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._data.ids import ALPHABET, id_class, is_id, new_id, parse_id
from dxpy.emulator._data.store import Store, register_schema
from dxpy.emulator._protocol import registry as _registry
from dxpy.emulator._protocol.dispatch import parse_api_path
from dxpy.emulator._protocol.errors import APIError, status_for
from dxpy.emulator._protocol.registry import Request, ServerConfig, register_raw, route
from dxpy.emulator._protocol.server import iter_request_body, send_json
from tests.emulator._core_helpers import raw

# -- test-only routes and raw handlers (unique subjects so they cannot clash) ---------------

_EMUTEST_ROWS = "CREATE TABLE IF NOT EXISTS emutest_rows (id TEXT PRIMARY KEY, payload TEXT NOT NULL);"


@pytest.fixture(autouse=True, scope="module")
def _emutest_rows_table(dx_emulator: Emulator) -> None:
    """The test routes' table, created in the test emulator's database only: test tables
    never enter the schema registry that every production store applies."""
    store = dx_emulator.server.store
    with store.write() as db:
        db.executescript(_EMUTEST_ROWS)


@route("emutest", "boom")
def _boom(req: Request) -> dict:
    raise RuntimeError("secret-internal-detail")


@route("emutest", "writeThenFail")
def _write_then_fail(req: Request) -> dict:
    req.db.execute("INSERT INTO emutest_rows (id, payload) VALUES (?, ?)", (req.body["id"], "x"))
    raise APIError("InvalidState", "refusing after the write", headers={"X-Emutest": "1"})


@route("emutest", "count", readonly=True)
def _count(req: Request) -> dict:
    return {"n": req.db.execute("SELECT COUNT(*) FROM emutest_rows").fetchone()[0]}


@route("emutest", "new", nonce=True)
def _new(req: Request) -> dict:
    oid = new_id("record")
    req.db.execute("INSERT INTO emutest_rows (id, payload) VALUES (?, ?)", (oid, json.dumps(req.body)))
    return {"id": oid}


@route("emutest", "setAnything", on_object=True, body_kind="any")
def _set_anything(req: Request) -> dict:
    return {"id": req.object_id, "got": req.body}


@route("app", "emutestAlias", on_object=True)
def _app_alias(req: Request) -> dict:
    return {"object": req.object_id, "alias": req.alias}


def _raw_echo(handler, path, server):
    data = b"".join(iter_request_body(handler, chunk_size=7))
    send_json(handler, 200, {"path": path, "size": len(data), "text": data.decode()})


def _raw_stream(handler, path, server):
    body = b"0123456789" * 1000
    handler.send_response(200)
    handler.send_header("Content-Type", "application/octet-stream")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for i in range(0, len(body), 1000):
        handler.wfile.write(body[i:i + 1000])


def _raw_fail(handler, path, server):
    if path.endswith("/api"):
        raise APIError("ResourceNotFound", "no such blob")
    raise ValueError("raw-secret-detail")


register_raw("PUT", "/emutest-raw/echo", _raw_echo)
register_raw("GET", "/emutest-raw/", _raw_stream)
register_raw("GET", "/emutest-raw/fail", _raw_fail)


# -- pure helpers ------------------------------------------------------------------------


def test_new_id_uses_platform_alphabet_and_is_valid():
    ids = {new_id("record") for _ in range(200)}
    assert len(ids) == 200
    for oid in ids:
        assert oid.startswith("record-") and len(oid) == 31
        assert set(oid[7:]) <= set(ALPHABET)
        assert is_id(oid, "record") and not is_id(oid, "file")
        assert is_id(oid, ("file", "record"))
    with pytest.raises(ValueError):
        new_id("Bad-Class")


@pytest.mark.parametrize(
    "value, ok",
    [
        ("job-aB3456789012345678901234", True),
        ("file-" + "x" * 23, False),
        ("file-" + "x" * 25, False),
        ("file-" + "_" * 24, False),
        (None, False),
        (42, False),
        ("FILE-" + "a" * 24, False),
    ],
)
def test_is_id_accepts_any_24_alphanumerics(value, ok):
    assert is_id(value) is ok


def test_parse_id_and_id_class():
    assert parse_id("project-" + "a" * 24) == ("project", "a" * 24)
    assert parse_id("nope") is None
    assert id_class("user-alice") == "user" and id_class("system") == ""


def test_status_table_matches_platform():
    assert status_for("PermissionDenied") == 401
    assert status_for("InvalidInput") == 422
    assert status_for("ServiceUnavailable") == 503
    assert status_for("NoSuchType") == 500
    err = APIError("InvalidType", "bad", details={"field": "x"})
    assert err.to_json() == {"error": {"type": "InvalidType", "message": "bad", "details": {"field": "x"}}}


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/system/whoami", ("system", "whoami", None, None)),
        ("/record-" + "a" * 24 + "/describe", ("record", "describe", "record-" + "a" * 24, None)),
        ("/app-bwa/describe", ("app", "describe", "app-bwa", None)),
        ("/app-bwa/1.0.0/run", ("app", "run", "app-bwa", "1.0.0")),
        ("/globalworkflow-wf/default/run", ("globalworkflow", "run", "globalworkflow-wf", "default")),
        ("/system/a/b", None),
        ("/system", None),
        ("/", None),
        ("system/whoami", None),
        ("/system/", None),
    ],
)
def test_parse_api_path(path, expected):
    assert parse_api_path(path) == expected


def test_duplicate_route_and_bad_body_kind_rejected():
    def other(req):
        return {}

    with pytest.raises(ValueError, match="registered twice"):
        route("emutest", "boom")(other)
    with pytest.raises(ValueError, match="body_kind"):
        route("emutest", "x", body_kind="list")


def test_find_raw_prefers_longest_prefix():
    assert _registry.find_raw("GET", "/emutest-raw/fail/x") is _raw_fail
    assert _registry.find_raw("GET", "/emutest-raw/other") is _raw_stream
    assert _registry.find_raw("POST", "/emutest-raw/other") is None


def test_sign_and_verify_tokens():
    cfg = ServerConfig(base_url="http://x", secret=b"k" * 32, state_dir="/s", blob_dir="/b")
    token = cfg.sign({"file": "file-1", "part": 2}, expires_ms=2000)
    assert cfg.verify(token, now_ms=1000) == {"file": "file-1", "part": 2}
    assert cfg.verify(token, now_ms=2001) is None
    body, mac = token.split(".")
    assert cfg.verify(body + "." + mac[::-1], now_ms=1000) is None
    assert cfg.verify("garbage", now_ms=1000) is None
    other = ServerConfig(base_url="http://x", secret=b"z" * 32, state_dir="/s", blob_dir="/b")
    assert other.verify(token, now_ms=1000) is None


# -- store -------------------------------------------------------------------------------


def test_store_transactions_commit_and_rollback(tmp_path):
    store = Store(str(tmp_path / "db.sqlite3"))
    try:
        with store.write() as db:
            store.set_meta(db, "a", "1")
        with pytest.raises(KeyError), store.write() as db:
            store.set_meta(db, "b", "2")
            raise KeyError("boom")
        with store.read() as db:
            assert store.get_meta(db, "a") == "1"
            assert store.get_meta(db, "b") is None
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_store_applies_schema_registered_after_open(tmp_path, monkeypatch):
    from dxpy.emulator._data import store as store_module

    # a private copy of the registry for this test: nothing leaks into later stores
    monkeypatch.setattr(store_module, "_SCHEMAS", list(store_module._SCHEMAS))
    store = Store(str(tmp_path / "db.sqlite3"))
    try:
        register_schema("CREATE TABLE IF NOT EXISTS emutest_late (x INTEGER);")
        with store.write() as db:
            db.execute("INSERT INTO emutest_late (x) VALUES (1)")
        with store.read() as db:
            assert db.execute("SELECT x FROM emutest_late").fetchone()[0] == 1
    finally:
        store.close()
    with pytest.raises(RuntimeError):
        store.connection()


def test_store_foreign_keys_enforced(tmp_path):
    import sqlite3

    store = Store(str(tmp_path / "db.sqlite3"))
    try:
        with pytest.raises(sqlite3.IntegrityError), store.write() as db:
            db.execute("INSERT INTO tokens (token_hash, user_id, created) VALUES ('h', 'user-ghost', 0)")
    finally:
        store.close()


# -- response shape and routing ------------------------------------------------------------


def test_whoami_through_dxpy(dx_project, dx_emulator):
    assert dxpy.api.system_whoami() == {"id": dx_emulator.user_id}
    out = dxpy.api.system_whoami({"fields": {"clientIp": True}})
    assert out == {"id": dx_emulator.user_id, "clientIp": "127.0.0.1"}


def test_json_response_headers_are_exact(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami")
    assert reply.status == 200
    assert reply.headers["content-type"] == "application/json"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["x-request-id"].startswith("emu-")
    assert int(reply.headers["content-length"]) == len(reply.body)
    assert "content-encoding" not in reply.headers
    error = raw(dx_emulator, "/system/nothing")
    assert error.headers["content-type"] == "application/json"
    assert error.headers["x-content-type-options"] == "nosniff"
    assert int(error.headers["content-length"]) == len(error.body)


def test_keep_alive_reuses_one_connection(dx_emulator):
    conn = http.client.HTTPConnection(dx_emulator.host, dx_emulator.port, timeout=10)
    hdrs = {"Authorization": "Bearer " + dx_emulator.token, "Content-Type": "application/json"}
    try:
        conn.request("POST", "/system/whoami", b"{}", hdrs)
        first = conn.getresponse()
        first.read()
        sock = conn.sock
        conn.request("POST", "/system/whoami", b"{}", hdrs)
        second = conn.getresponse()
        assert json.loads(second.read()) == {"id": dx_emulator.user_id}
        assert conn.sock is sock and first.version == 11
    finally:
        conn.close()


def test_unknown_route_is_platform_404(dx_project):
    with pytest.raises(dxexc.ResourceNotFound) as info:
        dxpy.DXHTTPRequest("/system/noSuchMethod", {})
    assert "/system/noSuchMethod" in info.value.msg
    with pytest.raises(dxexc.ResourceNotFound):
        dxpy.DXHTTPRequest("/job-" + "a" * 24 + "/frobnicate", {})


def test_unknown_route_raw_shape(dx_emulator):
    reply = raw(dx_emulator, "/nosuch/thing/at/all")
    assert reply.status == 404
    assert reply.json()["error"]["type"] == "ResourceNotFound"
    assert set(reply.json()["error"]) == {"type", "message"}


def test_malformed_object_id_is_not_found(dx_emulator):
    reply = raw(dx_emulator, "/emutest-bad/setAnything", {})
    assert reply.status == 404 and reply.json()["error"]["type"] == "ResourceNotFound"


def test_app_name_and_alias_routing(dx_emulator):
    assert raw(dx_emulator, "/app-bwa/1.2.3/emutestAlias").json() == {"object": "app-bwa", "alias": "1.2.3"}
    assert raw(dx_emulator, "/app-bwa/emutestAlias").json() == {"object": "app-bwa", "alias": None}


@pytest.mark.parametrize("body", [b"{bad", b'{"a": NaN}', b"\xff\xfe", b'{"a": 1}}'])
def test_malformed_json_is_400(dx_emulator, body):
    reply = raw(dx_emulator, "/system/whoami", body)
    assert reply.status == 400
    assert reply.json()["error"]["type"] == "MalformedJSON"


def test_malformed_json_through_dxpy(dx_project):
    with pytest.raises(dxexc.MalformedJSON):
        dxpy.DXHTTPRequest("/system/whoami", "{not json", jsonify_data=False)


def test_wrong_content_type_is_malformed_json(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami", b"{}", headers={"Content-Type": "text/plain"})
    assert reply.status == 400 and reply.json()["error"]["type"] == "MalformedJSON"
    typed = {"Content-Type": "application/json; charset=utf-8"}
    ok = raw(dx_emulator, "/system/whoami", b"{}", headers=typed)
    assert ok.status == 200


@pytest.mark.parametrize("body, word", [(b"[1, 2]", "array"), (b'"s"', "string"), (b"3", "number")])
def test_non_object_body_is_invalid_input(dx_emulator, body, word):
    reply = raw(dx_emulator, "/system/whoami", body)
    assert reply.status == 422
    error = reply.json()["error"]
    assert error["type"] == "InvalidInput" and "JSON object" in error["message"] and word in error["message"]


def test_body_kind_any_accepts_arrays(dx_emulator):
    oid = "emutest-" + "a" * 24
    assert raw(dx_emulator, f"/{oid}/setAnything", b"[1, 2]").json() == {"id": oid, "got": [1, 2]}


def test_empty_body_counts_as_empty_object(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami", b"")
    assert reply.status == 200 and reply.json() == {"id": dx_emulator.user_id}


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_non_post_api_call_is_method_not_allowed(dx_emulator, method):
    reply = raw(dx_emulator, "/system/whoami", None, method=method)
    assert reply.status == 405 and reply.json()["error"]["type"] == "MethodNotAllowed"


def test_head_on_api_route_has_no_body(dx_emulator):
    reply = raw(dx_emulator, "/system/whoami", None, method="HEAD")
    assert reply.status == 405 and reply.body == b""


def test_options_preflight_and_origin_echo(dx_emulator):
    # (the allowed and refused origins are specified in test_cors.py)
    reply = raw(dx_emulator, "/system/whoami", None, method="OPTIONS", headers={"Origin": "http://127.0.0.1:8000"})
    assert reply.status == 204
    assert reply.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"


def test_handler_crash_is_500_without_traceback_and_server_survives(dx_emulator, caplog):
    reply = raw(dx_emulator, "/emutest/boom")
    assert reply.status == 500
    error = reply.json()["error"]
    assert error["type"] == "InternalError"
    assert b"secret-internal-detail" not in reply.body and b"Traceback" not in reply.body
    assert raw(dx_emulator, "/system/whoami").status == 200


def test_api_error_rolls_back_and_keeps_headers(dx_emulator):
    before = raw(dx_emulator, "/emutest/count").json()["n"]
    reply = raw(dx_emulator, "/emutest/writeThenFail", {"id": "row-1"})
    assert reply.status == 422
    assert reply.json() == {"error": {"type": "InvalidState", "message": "refusing after the write"}}
    assert reply.headers["x-emutest"] == "1"
    assert raw(dx_emulator, "/emutest/count").json()["n"] == before


def test_internal_error_through_dxpy_is_retried_then_raised(dx_project):
    from tests.emulator._core_helpers import no_sleep_policy

    policy, sleeps = no_sleep_policy()
    with pytest.raises(dxexc.InternalError):
        dxpy.DXHTTPRequest("/emutest/boom", {}, always_retry=True, retry_policy=policy, max_retries=2)
    assert len(sleeps) == 2


# -- nonces --------------------------------------------------------------------------------


def test_nonce_replay_returns_same_response(dx_emulator):
    body = {"nonce": "n-" + new_id("x")[2:], "value": 1}
    first = raw(dx_emulator, "/emutest/new", body).json()
    second = raw(dx_emulator, "/emutest/new", body).json()
    assert first == second and is_id(first["id"], "record")
    fresh = raw(dx_emulator, "/emutest/new", {"value": 1}).json()
    assert fresh["id"] != first["id"]


def test_nonce_reuse_with_different_input_is_rejected(dx_emulator):
    nonce = "reuse-" + new_id("x")[2:]
    raw(dx_emulator, "/emutest/new", {"nonce": nonce, "value": 1})
    reply = raw(dx_emulator, "/emutest/new", {"nonce": nonce, "value": 2})
    assert reply.status == 422
    assert reply.json()["error"] == {
        "type": "InvalidInput",
        "message": "Nonce was reused for an earlier API request that had a different input",
    }
    # booleans and numbers differ in JSON even though Python says True == 1
    raw(dx_emulator, "/emutest/new", {"nonce": nonce + "b", "value": True})
    assert raw(dx_emulator, "/emutest/new", {"nonce": nonce + "b", "value": 1}).status == 422


def test_nonce_is_per_user(dx_emulator):
    _, token = dx_emulator.new_user("noncebob")
    nonce = "per-user-" + new_id("x")[2:]
    mine = raw(dx_emulator, "/emutest/new", {"nonce": nonce}).json()
    theirs = raw(dx_emulator, "/emutest/new", {"nonce": nonce}, token=token).json()
    assert mine["id"] != theirs["id"]


@pytest.mark.parametrize("nonce", ["", 5, "x" * 129, "é" * 65])
def test_bad_nonces_are_invalid_input(dx_emulator, nonce):
    reply = raw(dx_emulator, "/emutest/new", {"nonce": nonce})
    assert reply.status == 422 and reply.json()["error"]["type"] == "InvalidInput"
    assert "nonce" in reply.json()["error"]["message"].lower()


def test_nonce_through_dxpy_wrapper_retries_are_idempotent(dx_project):
    from dxpy.utils import Nonce

    body = Nonce.update_nonce({"value": 7})
    first = dxpy.DXHTTPRequest("/emutest/new", body)
    assert dxpy.DXHTTPRequest("/emutest/new", body) == first


# -- system routes ------------------------------------------------------------------------


def test_greet_and_headers(dx_project):
    assert dxpy.api.system_greet({"client": "dxclient", "version": "v0.1"}) == {"messages": []}
    headers = dxpy.api.system_headers()
    assert headers["user-agent"].startswith("dxpy/")
    assert headers["dnanexus-api"] == "1.0.0"
    assert "authorization" not in headers


def test_come_back_later(dx_emulator):
    now = raw(dx_emulator, "/system/comeBackLater", {}).json()["currentTime"]
    assert abs(now - time.time() * 1000) < 60000
    past = raw(dx_emulator, "/system/comeBackLater", {"waitUntil": now - 1000})
    assert past.status == 200 and "currentTime" in past.json()
    future = raw(dx_emulator, "/system/comeBackLater", {"waitUntil": now + 60000})
    assert future.status == 503 and future.headers["retry-after"] == "2"
    assert future.json()["error"]["type"] == "ServiceUnavailable"
    quiet = raw(dx_emulator, "/system/comeBackLater", {"waitUntil": now + 60000, "setRetryAfter": False})
    assert quiet.status == 503 and "retry-after" not in quiet.headers
    bad = raw(dx_emulator, "/system/comeBackLater", {"waitUntil": "soon"})
    assert bad.status == 422 and "waitUntil" in bad.json()["error"]["message"]


def test_come_back_later_through_dxpy_retries_without_counting(dx_project):
    from tests.emulator._core_helpers import no_sleep_policy

    policy, sleeps = no_sleep_policy()
    wait_until = int(time.time() * 1000) + 300
    out = dxpy.DXHTTPRequest("/system/comeBackLater", {"waitUntil": wait_until}, retry_policy=policy,
                             always_retry=True, max_retries=1)
    assert out["currentTime"] >= wait_until
    assert sleeps and all(s >= 2 for s in sleeps)


def test_user_describe_self_and_others(dx_project, dx_emulator):
    me = dxpy.api.user_describe(dx_emulator.user_id)
    assert me["id"] == dx_emulator.user_id and me["class"] == "user"
    assert {"handle", "first", "last", "email", "billTo", "created"} <= set(me)
    assert dxpy.api.user_describe(dx_emulator.user_id, {"fields": {"handle": True}}) == {
        "id": dx_emulator.user_id,
        "handle": "emulator",
    }
    other_id, _ = dx_emulator.new_user("describedcarol")
    other = dxpy.api.user_describe(other_id)
    assert set(other) == {"id", "class", "first", "middle", "last", "handle"}
    with pytest.raises(dxexc.ResourceNotFound):
        dxpy.api.user_describe("user-nosuchperson")
    with pytest.raises(dxexc.InvalidInput, match="fields"):
        dxpy.api.user_describe(dx_emulator.user_id, {"fields": ["handle"]})


# -- raw (non-API) paths ----------------------------------------------------------------


def test_raw_put_reads_content_length_and_chunked_bodies(dx_emulator):
    reply = raw(dx_emulator, "/emutest-raw/echo", b"hello world", method="PUT", token="")
    assert reply.json() == {"path": "/emutest-raw/echo", "size": 11, "text": "hello world"}
    conn = http.client.HTTPConnection(dx_emulator.host, dx_emulator.port, timeout=10)
    try:
        conn.request("PUT", "/emutest-raw/echo?x=1", body=iter([b"abc", b"defghijklmno", b"p"]),
                     encode_chunked=True)
        resp = conn.getresponse()
        assert json.loads(resp.read())["text"] == "abcdefghijklmnop"
    finally:
        conn.close()


def test_raw_get_streams(dx_emulator):
    reply = raw(dx_emulator, "/emutest-raw/big", None, method="GET", token="")
    assert reply.status == 200 and reply.body == b"0123456789" * 1000


def test_raw_handler_errors(dx_emulator):
    api = raw(dx_emulator, "/emutest-raw/fail/api", None, method="GET", token="")
    assert api.status == 404 and api.json()["error"]["type"] == "ResourceNotFound"
    crash = raw(dx_emulator, "/emutest-raw/fail/crash", None, method="GET", token="")
    assert crash.status == 500 and b"raw-secret-detail" not in crash.body
    assert raw(dx_emulator, "/system/whoami").status == 200


# -- Emulator class and fixtures -------------------------------------------------------


def test_emulator_context_manager_and_env(tmp_path):
    with Emulator(state_dir=str(tmp_path / "state")) as emu:
        env = emu.env
        assert env["DX_APISERVER_PROTOCOL"] == "http"
        assert env["DX_APISERVER_HOST"] == "127.0.0.1"
        assert env["DX_APISERVER_PORT"] == str(emu.port) and emu.port > 0
        security = json.loads(env["DX_SECURITY_CONTEXT"])
        assert security == {"auth_token_type": "Bearer", "auth_token": emu.token}
        assert env["DX_PROJECT_CONTEXT_ID"] == emu.project_id and is_id(emu.project_id, "project")
        assert emu.url == f"http://127.0.0.1:{emu.port}"
        assert emu.call("system/whoami") == {"id": emu.user_id}
        with pytest.raises(EmulatorCallError) as info:
            emu.call("system/whoami", token="nope")
        assert info.value.status == 401 and info.value.error_type == "InvalidAuthentication"
        assert repr(emu).startswith("<Emulator http://")
    assert repr(emu) == "<Emulator stopped>"
    with pytest.raises(RuntimeError):
        _ = emu.url


def test_configure_dxpy_sets_and_restores(dx_emulator):
    before = (dxpy.APISERVER_HOST, dxpy.APISERVER_PORT, dxpy.SECURITY_CONTEXT, dxpy.PROJECT_CONTEXT_ID)
    with dx_emulator.configure_dxpy():
        assert dxpy.APISERVER_HOST == "127.0.0.1"
        assert str(dxpy.APISERVER_PORT) == str(dx_emulator.port)
        assert dxpy.PROJECT_CONTEXT_ID == dx_emulator.project_id == dxpy.WORKSPACE_ID
        assert dxpy.api.system_whoami()["id"] == dx_emulator.user_id
    after = (dxpy.APISERVER_HOST, dxpy.APISERVER_PORT, dxpy.SECURITY_CONTEXT, dxpy.PROJECT_CONTEXT_ID)
    assert after == before


_FIXTURE_TESTS = """
import dxpy
from dxpy.emulator import EmulatorCallError

seen = {}


def test_fresh_project(dx_project, dx_emulator):
    assert dxpy.PROJECT_CONTEXT_ID == dx_project != dx_emulator.project_id
    assert dxpy.api.project_describe(dx_project)["name"].startswith("pytest test_fresh_project")
    seen["project"] = dx_project


def test_destroyed_after_the_test(dx_emulator):
    try:
        dx_emulator.call(seen["project"] + "/describe")
    except EmulatorCallError as exc:
        assert exc.error_type == "ResourceNotFound"
    else:
        raise AssertionError("the project outlived its test")
"""


def test_dx_project_fixture_gives_a_fresh_project_and_destroys_it(tmp_path):
    # A pytest run of its own, so the order of the two tests is fixed and this test needs
    # no other test of this file to have run first.
    (tmp_path / "test_fixture_use.py").write_text(_FIXTURE_TESTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DX_", "_DX_"))}
    env.update(HOME=str(tmp_path), DX_SYSTEM_ENV_FILE="")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(tmp_path / "test_fixture_use.py")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 passed" in proc.stdout


def test_server_threads_do_not_leak_after_stop(tmp_path):
    before = threading.active_count()
    emu = Emulator().start()
    state_dir = emu.state_dir
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
    conn.request("POST", "/system/greet", b"{}", {"Content-Type": "application/json"})
    conn.getresponse().read()
    emu.stop()
    conn.close()
    deadline = time.monotonic() + 30
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() <= before
    import os

    assert not os.path.exists(state_dir)


# -- protocol-level garbage never kills the server --------------------------------------


def _exchange(emu, payload: bytes, half_close: bool = False) -> bytes:
    import socket

    with socket.create_connection((emu.host, emu.port), timeout=10) as sock:
        sock.sendall(payload)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk


@pytest.mark.parametrize(
    "payload, status, half_close",
    [
        (b"PATCH /system/whoami HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", b"501", False),
        (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414", False),
        (b"POST /system/whoami HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}", b"400", True),
        (b"POST /system/whoami HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", b"400", False),
        (b"POST /system/whoami HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", b"400", True),
    ],
)
def test_protocol_errors_answer_json_and_server_survives(dx_emulator, payload, status, half_close):
    data = _exchange(dx_emulator, payload, half_close)
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == status
    assert b"Content-Type: application/json" in head
    assert json.loads(body)["error"]["type"]
    assert b"Traceback" not in data
    assert raw(dx_emulator, "/system/whoami").status == 200


def test_request_line_garbage_and_abrupt_disconnects(dx_emulator):
    import socket

    assert b"BadRequest" in _exchange(dx_emulator, b"GARBAGE\r\n\r\n")
    for _ in range(5):
        sock = socket.create_connection((dx_emulator.host, dx_emulator.port), timeout=10)
        sock.sendall(b"POST /system/whoami HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
        sock.close()
    assert raw(dx_emulator, "/system/whoami").status == 200


def test_raw_paths_are_redacted_in_logs(dx_emulator, caplog):
    import logging

    caplog.set_level(logging.DEBUG, logger="dxpy")
    secret = "SIGNEDTOKENabc123"
    assert raw(dx_emulator, f"/emutest-raw/{secret}", None, method="GET", token="").status == 200
    assert raw(dx_emulator, f"/emutest-raw/fail/{secret}", None, method="GET", token="").status == 500
    assert "/emutest-raw/<redacted>" in caplog.text
    assert secret not in caplog.text


def test_read_transactions_refuse_writes(tmp_path):
    import sqlite3

    store = Store(str(tmp_path / "db.sqlite3"))
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"), store.read() as db:
            store.set_meta(db, "x", "1")
        with store.write() as db:
            store.set_meta(db, "x", "2")
        with store.read() as db:
            assert store.get_meta(db, "x") == "2"
    finally:
        store.close()


def test_finished_connections_release_their_database_connection():
    with Emulator() as emu:
        store = emu.server.store
        assert store is not None
        for _ in range(50):
            assert raw(emu, "/system/whoami").status == 200
        deadline = time.monotonic() + 30
        while store.open_connections() > 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert store.open_connections() <= 1


def test_no_test_table_is_in_the_schema_registry():
    from dxpy.emulator._data.store import registered_schemas

    assert not [ddl for ddl in registered_schemas() if "emutest" in ddl]
