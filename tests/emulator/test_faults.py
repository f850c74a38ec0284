"""Emulator core: fault injection (spec grammar, control route, every fault kind, raw paths)."""

from __future__ import annotations

import http.client
import json
import threading
import time

import pytest

import dxpy
from dxpy import exceptions as dxexc
from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._protocol.faults import Fault, FaultSet, fault_from_json, parse_fault_spec
from dxpy.emulator._protocol.registry import Request, register_raw, route
from dxpy.emulator._protocol.server import iter_request_body
from tests.emulator._core_helpers import no_sleep_policy, raw

PAYLOAD = bytes(range(256)) * 64


def _raw_blob(handler, path, server):
    for _ in iter_request_body(handler):
        pass
    handler.send_response(200)
    handler.send_header("Content-Type", "application/octet-stream")
    handler.send_header("Content-Length", str(len(PAYLOAD)))
    handler.end_headers()
    handler.wfile.write(PAYLOAD)


register_raw("GET", "/emutest-fraw/", _raw_blob)
register_raw("PUT", "/emutest-fraw/", _raw_blob)


@pytest.fixture(scope="module")
def emu():
    with Emulator() as emulator:
        yield emulator


@pytest.fixture(autouse=True)
def _clean_faults(emu):
    yield
    emu.call("emulator/faults", {"action": "clear"})


def arm(emu, spec):
    return emu.call("emulator/faults", {"action": "add", "spec": spec})


# -- grammar -----------------------------------------------------------------------------


def test_parse_spec_grammar():
    faults = parse_fault_spec("500:/system/whoami:2, drop:/file-*/upload:1,503:*:1:retry=3,"
                              "stall:/x:1:secs=0.5,truncate:/y,429:/z:4:retry=none")
    assert [(f.kind, f.pattern, f.count) for f in faults] == [
        ("500", "/system/whoami", 2), ("drop", "/file-*/upload", 1), ("503", "*", 1),
        ("stall", "/x", 1), ("truncate", "/y", 1), ("429", "/z", 4),
    ]
    assert faults[2].retry_after == 3 and faults[3].secs == 0.5 and faults[5].retry_after is None
    assert faults[0].retry_after == 0


@pytest.mark.parametrize(
    "spec, word",
    [("404:/x", "unknown kind"), ("500", "KIND:GLOB"), ("500:/x:zero", "COUNT"), ("500:/x:0", ">= 1"),
     ("503:/x:1:retry=soon", "bad option"), ("stall:/x:1:wait=3", "bad option")],
)
def test_parse_spec_errors_name_the_entry(spec, word):
    with pytest.raises(ValueError, match=word):
        parse_fault_spec(spec)


def test_fault_from_json_validation():
    assert fault_from_json({"kind": "503", "path": "/a", "count": 2, "retryAfter": None}).retry_after is None
    bads = ({"kind": "x", "path": "/a"}, {"kind": "500"}, {"kind": "500", "path": "/a", "count": 0},
            {"kind": "500", "path": "/a", "retryAfter": -1}, {"kind": "stall", "path": "/a", "secs": "1"}, 7)
    for bad in bads:
        with pytest.raises(ValueError):
            fault_from_json(bad)


def test_fault_set_counts_down_and_ignores_control_paths():
    faults = FaultSet()
    faults.add([Fault("500", "/a/*", 2), Fault("503", "*", 1)])
    assert faults.take("/emulator/faults") is None
    kinds = [getattr(faults.take("/a/b"), "kind", None) for _ in range(3)]
    assert kinds == ["500", "500", "503"]
    assert faults.take("/a/b") is None and faults.fired == 3


# -- control route -------------------------------------------------------------------------


def test_control_route_add_list_clear(emu):
    new = [{"kind": "503", "path": "/a", "count": 3}]
    out = emu.call("emulator/faults", {"action": "add", "faults": new})
    assert out["faults"] == [{"kind": "503", "path": "/a", "count": 3, "retryAfter": 0, "secs": 5.0}]
    arm(emu, "drop:/b")
    assert len(emu.call("emulator/faults", {})["faults"]) == 2
    assert emu.call("emulator/faults", {"action": "clear"})["faults"] == []
    cases = (({"action": "add", "spec": "bogus:/x"}, "unknown kind"), ({"action": "nuke"}, "action"),
             ({"action": "add", "spec": 3}, "spec"), ({"action": "add", "faults": {}}, "faults"))
    for body, word in cases:
        with pytest.raises(EmulatorCallError) as info:
            emu.call("emulator/faults", body)
        assert info.value.error_type == "InvalidInput" and word in info.value.message


def test_control_route_is_never_faulted(emu):
    arm(emu, "500:*:5")
    assert emu.call("emulator/faults", {"action": "list"})["faults"][0]["count"] == 5


# -- kinds -------------------------------------------------------------------------------


def test_500_then_recovers(emu):
    arm(emu, "500:/system/whoami:2")
    assert raw(emu, "/system/whoami").status == 500
    assert raw(emu, "/system/whoami").json()["error"]["type"] == "InternalError"
    assert raw(emu, "/system/whoami").status == 200


def test_500_retried_by_dxpy(emu):
    arm(emu, "500:/system/whoami:2")
    policy, sleeps = no_sleep_policy()
    with emu.configure_dxpy():
        assert dxpy.api.system_whoami(retry_policy=policy) == {"id": emu.user_id}
    assert len(sleeps) == 2


def test_503_and_429_carry_retry_after(emu):
    arm(emu, "503:/system/whoami:1:retry=3,429:/system/whoami:1:retry=7,503:/system/whoami:1:retry=none")
    first = raw(emu, "/system/whoami")
    assert first.status == 503 and first.headers["retry-after"] == "3"
    assert first.json()["error"]["type"] == "ServiceUnavailable"
    second = raw(emu, "/system/whoami")
    assert second.status == 429 and second.headers["retry-after"] == "7"
    assert second.json()["error"]["type"] == "RateLimitConditional"
    third = raw(emu, "/system/whoami")
    assert third.status == 503 and "retry-after" not in third.headers


def test_503_retried_by_dxpy_using_retry_after(emu):
    arm(emu, "503:/system/whoami:3:retry=1")
    policy, sleeps = no_sleep_policy()
    with emu.configure_dxpy():
        assert dxpy.api.system_whoami(retry_policy=policy, max_retries=1)["id"] == emu.user_id
    assert len(sleeps) == 3 and all(s >= 1 for s in sleeps)


def test_faulted_request_keeps_connection_usable(emu):
    arm(emu, "500:/system/whoami:1")
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
    hdrs = {"Authorization": "Bearer " + emu.token, "Content-Type": "application/json"}
    try:
        conn.request("POST", "/system/whoami", b'{"padding": "' + b"x" * 5000 + b'"}', hdrs)
        assert conn.getresponse().read() and True
        conn.request("POST", "/system/whoami", b"{}", hdrs)
        assert json.loads(conn.getresponse().read()) == {"id": emu.user_id}
    finally:
        conn.close()


def test_drop_closes_without_answer(emu):
    arm(emu, "drop:/system/whoami:1")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        raw(emu, "/system/whoami")
    assert raw(emu, "/system/whoami").status == 200


def test_drop_retried_by_dxpy(emu):
    arm(emu, "drop:/system/whoami:2")
    policy, sleeps = no_sleep_policy()
    with emu.configure_dxpy():
        assert dxpy.api.system_whoami(retry_policy=policy)["id"] == emu.user_id
    assert len(sleeps) == 2


def test_truncate_sends_half_the_body(emu):
    arm(emu, "truncate:/system/headers:1")
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
    try:
        hdrs = {"Content-Type": "application/json", "X-Pad": "p" * 400}
        conn.request("POST", "/system/headers", b"{}", hdrs)
        resp = conn.getresponse()
        length = int(resp.getheader("Content-Length") or -1)
        with pytest.raises(http.client.IncompleteRead) as info:
            resp.read()
        assert 0 < len(info.value.partial) == length // 2
    finally:
        conn.close()
    assert raw(emu, "/system/headers").status == 200


def test_truncate_retried_by_dxpy_for_idempotent_route(emu):
    arm(emu, "truncate:/system/whoami:1")
    policy, sleeps = no_sleep_policy()
    with emu.configure_dxpy():
        assert dxpy.api.system_whoami(retry_policy=policy)["id"] == emu.user_id
    assert len(sleeps) == 1


def test_stall_delays_then_serves(emu):
    arm(emu, "stall:/system/whoami:1:secs=0.3")
    started = time.monotonic()
    assert raw(emu, "/system/whoami").status == 200
    assert time.monotonic() - started >= 0.3


def test_stall_can_trip_client_timeout(emu):
    arm(emu, "stall:/system/whoami:1:secs=2")
    with emu.configure_dxpy(), pytest.raises(dxexc.DXError):
        dxpy.api.system_whoami(timeout=0.2, max_retries=0, always_retry=False,
                               retry_policy=no_sleep_policy()[0])


def test_faults_apply_to_raw_paths(emu):
    arm(emu, "500:/emutest-fraw/*:1,truncate:/emutest-fraw/*:1,drop:/emutest-fraw/*:1")
    assert raw(emu, "/emutest-fraw/x", None, method="GET", token="").status == 500
    conn = http.client.HTTPConnection(emu.host, emu.port, timeout=10)
    try:
        conn.request("GET", "/emutest-fraw/x")
        resp = conn.getresponse()
        with pytest.raises(http.client.IncompleteRead) as info:
            resp.read()
        assert info.value.partial == PAYLOAD[: len(PAYLOAD) // 2]
    finally:
        conn.close()
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        raw(emu, "/emutest-fraw/x", b"data" * 1000, method="PUT", token="")
    ok = raw(emu, "/emutest-fraw/x", None, method="GET", token="")
    assert ok.status == 200 and ok.body == PAYLOAD


def test_cli_faults_flag_is_parsed_at_start():
    with Emulator(faults="503:/system/whoami:1:retry=4") as emulator:
        reply = raw(emulator, "/system/whoami")
        assert reply.status == 503 and reply.headers["retry-after"] == "4"
    with pytest.raises(ValueError):
        Emulator(faults="wat:/x").start()


def test_file_transfer_survives_faults_on_storage_paths(emu, monkeypatch):
    import dxpy._http

    policy, sleeps = no_sleep_policy()
    monkeypatch.setattr(dxpy._http, "DEFAULT_RETRY_POLICY", policy)
    data = bytes(range(256)) * 1000
    with emu.configure_dxpy():
        arm(emu, "500:/storage/upload/*:1,drop:/storage/upload/*:1")
        handle = dxpy.upload_string(data, wait_on_close=True)
        arm(emu, "truncate:/storage/download/*:1,drop:/storage/download/*:1,503:/storage/download/*:1")
        assert dxpy.DXFile(handle.get_id(), mode="rb").read() == data
    assert emu.call("emulator/faults", {})["faults"] == []
    assert len(sleeps) == 5


_HANDLER_ENTERED = threading.Event()
_RELEASE_HANDLER = threading.Event()
_ORDER: list = []


@route("emutest", "blockUntilReleased")
def _block_until_released(req: Request) -> dict:
    _HANDLER_ENTERED.set()
    _RELEASE_HANDLER.wait(timeout=60)
    _ORDER.append("handler finished")
    return {}


def test_stop_waits_for_requests_still_being_handled():
    # Deterministic: the handler holds on an event the test controls, not on a timed stall.
    _HANDLER_ENTERED.clear()
    _RELEASE_HANDLER.clear()
    _ORDER.clear()
    emulator = Emulator().start()
    outcome: list = []

    def call() -> None:
        try:
            outcome.append(raw(emulator, "/emutest/blockUntilReleased").status)
        except OSError as err:  # stop() closes the connection under the held request
            outcome.append(err)

    def stop() -> None:
        emulator.stop()
        _ORDER.append("stop returned")

    client = threading.Thread(target=call, daemon=True)
    client.start()
    assert _HANDLER_ENTERED.wait(timeout=60), "the request never reached its handler"
    stopper = threading.Thread(target=stop, daemon=True)
    stopper.start()
    stopper.join(timeout=0.3)
    assert _ORDER == [], "stop() returned while a handler could still use the store"
    _RELEASE_HANDLER.set()
    stopper.join(timeout=60)
    client.join(timeout=60)
    assert _ORDER == ["handler finished", "stop returned"]
    assert len(outcome) == 1
