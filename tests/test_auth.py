"""Authentication: who gets the Authorization header, DXHTTPOAuth2, and token redaction."""

from __future__ import annotations

import logging
import pickle

import pytest

import dxpy.exceptions as exc
from dxpy._auth import DXHTTPOAuth2
from dxpy._context import get_context
from dxpy._http import DXHTTPRequest
from tests._support.testserver import TEST_TOKEN, error_reply, reply

SECURITY = {"auth_token_type": "Bearer", "auth_token": TEST_TOKEN}


def _auth_header(server, i=0):
    return server.requests[i].headers.get("authorization")


# --- who gets the header ---------------------------------------------------------------------


def test_header_sent_to_api_server(dx_test_context):
    DXHTTPRequest("/system/whoami", {})
    assert _auth_header(dx_test_context) == "Bearer " + TEST_TOKEN


def test_header_sent_for_full_url_on_api_server(dx_test_context):
    DXHTTPRequest(dx_test_context.url + "/system/whoami", {}, prepend_srv=False)
    assert _auth_header(dx_test_context) == "Bearer " + TEST_TOKEN


@pytest.mark.parametrize("auth", [None, False, 0])
def test_no_header_when_auth_falsy(dx_test_context, auth):
    DXHTTPRequest("/system/whoami", {}, auth=auth)
    assert _auth_header(dx_test_context) is None


def test_no_header_to_foreign_host(dx_test_context):
    # Same server, other host name: "localhost" is not the configured "127.0.0.1".
    foreign = dx_test_context.url_for("localhost") + "/upload/part"
    DXHTTPRequest(foreign, b"x", method="PUT", jsonify_data=False, prepend_srv=False)
    assert _auth_header(dx_test_context) is None


def test_no_header_to_other_port_or_scheme(dx_test_context):
    ctx = get_context()
    ctx.set_api_server_info(port=1)
    DXHTTPRequest(dx_test_context.url + "/x", {}, prepend_srv=False)
    ctx.set_api_server_info(port=dx_test_context.port, protocol="https")
    DXHTTPRequest(dx_test_context.url + "/x", {}, prepend_srv=False)
    assert _auth_header(dx_test_context) is None
    assert _auth_header(dx_test_context, 1) is None


def test_redirect_to_foreign_host_drops_header(dx_test_context):
    target = dx_test_context.url_for("localhost") + "/elsewhere"
    dx_test_context.queue(reply(307, body=b"", headers={"Location": target}), reply(json={"moved": 1}))
    assert DXHTTPRequest("/file-x/download", {"a": 1}) == {"moved": 1}
    first, second = dx_test_context.requests
    assert first.headers["authorization"] == "Bearer " + TEST_TOKEN
    assert "authorization" not in second.headers
    assert second.method == "POST" and second.json() == {"a": 1}


def test_no_credentials_no_header_and_401_hint(dx_test_context):
    get_context().set_security_context(None)
    dx_test_context.queue(error_reply(401, "InvalidAuthentication", "Authorization header missing"))
    with pytest.raises(exc.InvalidAuthentication) as info:
        DXHTTPRequest("/system/whoami", {})
    assert _auth_header(dx_test_context) is None
    assert "no credentials are configured" in str(info.value)
    assert "DX_SECURITY_CONTEXT" in str(info.value)


def test_401_with_credentials_has_no_hint(dx_test_context):
    dx_test_context.queue(error_reply(401, "InvalidAuthentication", "token expired"))
    with pytest.raises(exc.InvalidAuthentication) as info:
        DXHTTPRequest("/system/whoami", {})
    assert "no credentials" not in str(info.value)


def test_token_change_takes_effect(dx_test_context):
    DXHTTPRequest("/x", {})
    get_context().set_security_context({"auth_token": "second-token"})
    DXHTTPRequest("/x", {})
    assert _auth_header(dx_test_context, 1) == "Bearer second-token"


# --- other auth forms ----------------------------------------------------------------------


def test_callable_auth(dx_test_context):
    seen = []

    def my_auth(method, url, headers):
        seen.append((method, url))
        headers["Authorization"] = "Custom abc"

    DXHTTPRequest("/x", {}, auth=my_auth)
    assert _auth_header(dx_test_context) == "Custom abc"
    assert seen == [("POST", dx_test_context.url + "/x")]


def test_tuple_auth_is_basic(dx_test_context):
    DXHTTPRequest("/x", {}, auth=("u", "p"))
    assert _auth_header(dx_test_context) == "Basic dTpw"


def test_requests_auth_object(dx_test_context):
    from requests.auth import HTTPBasicAuth

    DXHTTPRequest("/x", {}, auth=HTTPBasicAuth("u", "p"))
    assert _auth_header(dx_test_context) == "Basic dTpw"


def test_context_auth_helper_override(dx_test_context):
    ctx = get_context()
    ctx.set_auth_helper(DXHTTPOAuth2({"auth_token": "helper-token"}))
    DXHTTPRequest("/x", {})
    assert _auth_header(dx_test_context) == "Bearer helper-token"
    DXHTTPRequest(dx_test_context.url_for("localhost") + "/x", {}, prepend_srv=False)
    assert _auth_header(dx_test_context, 1) is None


# --- DXHTTPOAuth2 ------------------------------------------------------------------------------


def test_oauth2_with_requests_session(test_server):
    import requests

    test_server.queue(reply(json={"ok": 1}))
    with requests.Session() as session:
        resp = session.post(test_server.url + "/x", json={}, auth=DXHTTPOAuth2(SECURITY))
    assert resp.json() == {"ok": 1}
    assert _auth_header(test_server) == "Bearer " + TEST_TOKEN


def test_oauth2_as_dxhttprequest_auth(dx_test_context):
    DXHTTPRequest("/x", {}, auth=DXHTTPOAuth2({"auth_token": "t2", "auth_token_type": "bearer"}))
    assert _auth_header(dx_test_context) == "bearer t2"
    headers: dict = {}
    DXHTTPOAuth2(SECURITY)("GET", "http://h/x", headers)
    assert headers == {"Authorization": "Bearer " + TEST_TOKEN}


def test_oauth2_repr_and_errors_hide_token():
    auth = DXHTTPOAuth2(SECURITY)
    assert TEST_TOKEN not in repr(auth)
    assert TEST_TOKEN not in str(auth)
    assert auth == DXHTTPOAuth2(dict(SECURITY))
    assert pickle.loads(pickle.dumps(auth)) == auth
    with pytest.raises(exc.DXError) as info:
        DXHTTPOAuth2({"auth_token": TEST_TOKEN, "auth_token_type": "Digest"})
    assert TEST_TOKEN not in str(info.value)
    with pytest.raises(exc.DXError):
        DXHTTPOAuth2({"auth_token": ""})
    with pytest.raises(exc.DXError):
        DXHTTPOAuth2("not a dict")  # type: ignore[arg-type]


# --- redaction -------------------------------------------------------------------------------


def test_token_never_in_debug_trace(dx_test_context, caplog):
    ctx = get_context()
    ctx.set_debug_level(3)
    caplog.set_level(logging.DEBUG, logger="dxpy")
    dx_test_context.queue(reply(json={"id": "x"}, headers={"X-Request-ID": "req-42"}))
    DXHTTPRequest(dx_test_context.url + "/system/whoami?secret=QUERYSECRET", {}, prepend_srv=False)
    text = caplog.text
    assert "POST http://127.0.0.1" in text
    assert "-> 200" in text
    assert "req-42" in text
    assert "<redacted>" in text
    assert TEST_TOKEN not in text
    assert "QUERYSECRET" not in text


def test_debug_trace_one_line_per_request_at_level_1(dx_test_context, caplog):
    get_context().set_debug_level(1)
    caplog.set_level(logging.DEBUG, logger="dxpy")
    DXHTTPRequest("/a", {})
    DXHTTPRequest("/b", {})
    lines = [r for r in caplog.records if r.name == "dxpy._http"]
    assert len(lines) == 2
    assert "/a" in lines[0].getMessage() and "bytes" in lines[0].getMessage()


def test_token_not_in_errors(dx_test_context, fast_retries):
    from tests._support.testserver import drop

    dx_test_context.queue(drop())
    with pytest.raises(exc.DXConnectionError) as info:
        DXHTTPRequest("/x", {})
    assert TEST_TOKEN not in str(info.value)
    assert TEST_TOKEN not in repr(info.value)
    dx_test_context.queue(error_reply(403, "PermissionDenied", "nope"))
    with pytest.raises(exc.PermissionDenied) as info2:
        DXHTTPRequest("/x", {})
    assert TEST_TOKEN not in str(info2.value)


def test_context_repr_hides_token(dx_test_context):
    assert TEST_TOKEN not in repr(get_context())


def test_dx_debug_trace_goes_to_stderr_without_logging_setup(dx_test_context, capfd):
    DXHTTPRequest("/quiet", {})
    assert "/quiet" not in capfd.readouterr().err
    get_context().set_debug_level(2)
    DXHTTPRequest("/traced", {})
    err = capfd.readouterr().err
    assert "[dxpy] POST http://127.0.0.1" in err and "/traced" in err
    assert "request headers" in err
    assert TEST_TOKEN not in err
    get_context().set_debug_level(0)
    DXHTTPRequest("/quiet-again", {})
    assert "quiet-again" not in capfd.readouterr().err


def test_redact_url():
    from dxpy._http import redact_url

    assert redact_url("https://h/x?sig=abc") == "https://h/x?<redacted>"
    assert redact_url("https://u:pw@h:1/x") == "https://<redacted>@h:1/x"
    assert redact_url("https://h/a@b") == "https://h/a@b"
    assert redact_url("http://h") == "http://h"
