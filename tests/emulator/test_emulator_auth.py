"""Emulator core: Bearer authentication, users, tokens, admin-only routes, secrecy."""

from __future__ import annotations

import logging
import os

import pytest

import dxpy
from dxpy import exceptions as dxexc
from dxpy.emulator import Emulator, EmulatorCallError
from dxpy.emulator._data.store import Store
from tests.emulator._core_helpers import raw


@pytest.fixture(scope="module")
def emu(tmp_path_factory):
    with Emulator(state_dir=str(tmp_path_factory.mktemp("auth"))) as emulator:
        yield emulator


def test_missing_token_is_invalid_authentication(emu):
    reply = raw(emu, "/system/whoami", token="")
    assert reply.status == 401
    assert reply.json()["error"]["type"] == "InvalidAuthentication"


def test_unknown_token_is_invalid_authentication(emu):
    reply = raw(emu, "/system/whoami", token="notARealToken123")
    assert reply.status == 401
    error = reply.json()["error"]
    assert error["type"] == "InvalidAuthentication" and "token" in error["message"].lower()
    assert "notARealToken123" not in reply.body.decode()


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER", "BeArEr"])
def test_scheme_is_case_insensitive(emu, scheme):
    reply = raw(emu, "/system/whoami", scheme=scheme)
    assert reply.status == 200 and reply.json() == {"id": emu.user_id}


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Bearer    ", "tokenonly"])
def test_malformed_authorization_header_is_rejected(emu, header):
    reply = raw(emu, "/system/whoami", token="", headers={"Authorization": header})
    assert reply.status == 401 and reply.json()["error"]["type"] == "InvalidAuthentication"


def test_auth_checked_before_json_parsing(emu):
    reply = raw(emu, "/system/whoami", b"{broken", token="")
    assert reply.status == 401
    reply = raw(emu, "/system/whoami", b"{broken")
    assert reply.status == 400


def test_routes_without_auth_accept_no_or_bad_tokens(emu):
    assert raw(emu, "/system/greet", token="").status == 200
    assert raw(emu, "/system/greet", token="bogus").status == 200
    assert raw(emu, "/system/comeBackLater", token="").status == 200


def test_through_dxpy_without_and_with_bad_token(emu):
    restore = emu.configure_dxpy()
    try:
        dxpy.set_security_context(None)
        with pytest.raises(dxexc.InvalidAuthentication):
            dxpy.api.system_whoami()
        dxpy.set_security_context({"auth_token_type": "bearer", "auth_token": "wrong"})
        with pytest.raises(dxexc.InvalidAuthentication) as info:
            dxpy.api.system_whoami()
        assert info.value.code == 401
        dxpy.set_security_context({"auth_token_type": "bearer", "auth_token": emu.token})
        assert dxpy.api.system_whoami() == {"id": emu.user_id}
    finally:
        restore()


def test_second_user_token_identifies_that_user(emu):
    user_id, token = emu.new_user("dave")
    assert user_id == "user-dave"
    assert raw(emu, "/system/whoami", token=token).json() == {"id": "user-dave"}
    from dxpy.emulator._protocol.errors import APIError

    with pytest.raises(APIError) as info:
        emu.new_user("dave")
    assert info.value.type == "InvalidState"


def test_new_user_rejects_bad_handles(emu):
    from dxpy.emulator._protocol.errors import APIError

    for handle in ("", "9lives", "has space", "x" * 80, "dash-ed"):
        with pytest.raises(APIError) as info:
            emu.new_user(handle)
        assert info.value.type == "InvalidInput"


def test_handles_are_lower_cased(emu):
    user_id, _ = emu.new_user("MixedCase")
    assert user_id == "user-mixedcase"


def test_admin_routes_need_admin(emu):
    _, token = emu.new_user("erin")
    for path, body in (("/emulator/faults", {"action": "list"}), ("/emulator/newUser", {"handle": "zed"})):
        reply = raw(emu, path, body, token=token)
        assert reply.status == 401 and reply.json()["error"]["type"] == "PermissionDenied"
        assert raw(emu, path, body, token="").json()["error"]["type"] == "InvalidAuthentication"


def test_new_user_route_for_admin(emu):
    out = emu.call("emulator/newUser", {"handle": "frank", "first": "Frank", "email": "f@example.com"})
    assert out["id"] == "user-frank" and len(out["token"]) == 32
    me = emu.call("user-frank/describe", token=out["token"])
    assert me["first"] == "Frank" and me["email"] == "f@example.com"
    with pytest.raises(EmulatorCallError) as info:
        emu.call("emulator/newUser", {"handle": "frank"})
    assert info.value.error_type == "InvalidState"
    with pytest.raises(EmulatorCallError) as info:
        emu.call("emulator/newUser", {"handle": 3})
    assert info.value.error_type == "InvalidInput" and "handle" in info.value.message


def test_admin_user_created_via_new_user(emu):
    _, token = emu.new_user("gina", admin=True)
    assert emu.call("emulator/faults", {"action": "list"}, token=token)["faults"] == []


def test_tokens_are_stored_hashed_only(emu):
    _, token = emu.new_user("hank")
    db_files = [os.path.join(emu.state_dir, n) for n in os.listdir(emu.state_dir) if "sqlite" in n]
    store = Store(os.path.join(emu.state_dir, "emulator.sqlite3"))
    try:
        with store.read() as db:
            rows = [tuple(r) for r in db.execute("SELECT * FROM tokens")]
    finally:
        store.close()
    assert rows and all(token not in str(row) for row in rows)
    for path in db_files:
        with open(path, "rb") as fh:
            assert token.encode() not in fh.read()


def test_tokens_never_logged(emu, caplog):
    caplog.set_level(logging.DEBUG, logger="dxpy")
    raw(emu, "/system/whoami")
    raw(emu, "/system/whoami", token="leakyBogusToken")
    raw(emu, "/emutest-nothing/x")
    assert emu.token not in caplog.text and "leakyBogusToken" not in caplog.text
    assert "/system/whoami" in caplog.text
