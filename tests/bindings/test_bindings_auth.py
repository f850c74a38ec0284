"""whoami / user_info."""

from __future__ import annotations

from typing import Any

import pytest
from _bindhelp import OtherUser

import dxpy
from dxpy.exceptions import DXError, InvalidAuthentication
from tests._support.testserver import TEST_TOKEN, reply


def test_whoami(dx_emulator: Any, dx_project: str) -> None:
    assert dxpy.whoami() == dx_emulator.user_id
    user = OtherUser(dx_emulator)
    with user:
        assert dxpy.whoami() == user.user_id


def test_whoami_with_a_bad_token(dx_project: str) -> None:
    previous = dict(dxpy.SECURITY_CONTEXT)
    dxpy.set_security_context({"auth_token_type": "Bearer", "auth_token": "not-a-real-token"})
    try:
        with pytest.raises(InvalidAuthentication):
            dxpy.whoami()
    finally:
        dxpy.set_security_context(previous)


def test_user_info_through_the_emulator_names_the_caller(
    dx_emulator: Any, dx_project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DX_AUTHSERVER_HOST", "DX_AUTHSERVER_PORT"):
        monkeypatch.setenv(name, dx_emulator.env[name])
    info = dxpy.user_info()
    assert info["user_id"] == dx_emulator.user_id
    assert info["username"] == dx_emulator.user_id[len("user-"):]
    with OtherUser(dx_emulator) as other:
        assert dxpy.user_info()["user_id"] == other.user_id


def test_user_info_asks_the_auth_server_with_the_token(
    dx_test_context: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = dx_test_context
    monkeypatch.setenv("DX_AUTHSERVER_HOST", "http://127.0.0.1")
    monkeypatch.setenv("DX_AUTHSERVER_PORT", str(server.port))
    server.queue(reply(json={"username": "alice", "user_id": "user-alice"}))
    assert dxpy.user_info() == {"username": "alice", "user_id": "user-alice"}
    sent = server.requests[0]
    assert sent.path == "/system/getUserInfo"
    assert sent.headers["authorization"] == "Bearer " + TEST_TOKEN


def test_user_info_overrides_must_come_in_pairs(dx_test_context: Any) -> None:
    with pytest.raises(DXError):
        dxpy.user_info(authserver_host="127.0.0.1")
    assert dx_test_context.requests == []
