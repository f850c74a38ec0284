"""DXHTTPRequest: requests sent, answers decoded, errors raised (against a real local server)."""

from __future__ import annotations

import io
import json

import pytest

import dxpy.exceptions as exc
from dxpy._http import DXHTTPRequest, user_agent
from tests._support.testserver import TEST_TOKEN, delay, error_reply, reply


def test_post_json_sends_body_headers_and_token(dx_test_context):
    server = dx_test_context
    server.queue(reply(json={"id": "record-1"}))
    assert DXHTTPRequest("/record/new", {"name": "x", "n": [1, 2]}) == {"id": "record-1"}
    req = server.requests[0]
    assert req.method == "POST"
    assert req.path == "/record/new"
    assert req.json() == {"name": "x", "n": [1, 2]}
    assert req.headers["content-type"] == "application/json"
    assert req.headers["authorization"] == "Bearer " + TEST_TOKEN
    assert req.headers["dnanexus-api"] == "1.0.0"
    assert req.headers["user-agent"] == user_agent()
    assert user_agent().startswith("dxpy/")
    assert " Python/" in user_agent()


def test_error_json_maps_to_subclass(dx_test_context):
    dx_test_context.queue(error_reply(404, "ResourceNotFound", "no such record",
                                      headers={"X-Request-ID": "rq-7"}))
    with pytest.raises(exc.ResourceNotFound) as info:
        DXHTTPRequest("/record-x/describe", {})
    err = info.value
    assert err.name == "ResourceNotFound"
    assert err.msg == "no such record"
    assert err.code == 404
    assert err.req_id == "rq-7"
    assert "no such record" in str(err)
    assert len(dx_test_context.requests) == 1


def test_unknown_error_type_gives_dxapierror(dx_test_context):
    dx_test_context.queue(error_reply(422, "SomethingNew", "hm", details={"field": "x"}))
    with pytest.raises(exc.DXAPIError) as info:
        DXHTTPRequest("/x/y", {})
    assert type(info.value) is exc.DXAPIError
    assert info.value.name == "SomethingNew"
    assert info.value.details == {"field": "x"}


def test_non_json_error_body_is_http_error_with_content(dx_test_context):
    import requests

    dx_test_context.queue(reply(404, body=b"<html>nope</html>", headers={"Content-Type": "text/html"}))
    with pytest.raises(exc.HTTPErrorWithContent) as info:
        DXHTTPRequest("/x/y", {})
    assert isinstance(info.value, requests.exceptions.HTTPError)
    assert info.value.content == "<html>nope</html>"
    assert "404" in str(info.value)


def test_json_error_without_type_is_http_error_with_content(dx_test_context):
    dx_test_context.queue(reply(403, json={"oops": 1}))
    with pytest.raises(exc.HTTPErrorWithContent) as info:
        DXHTTPRequest("/x/y", {})
    assert info.value.content == {"oops": 1}
    assert "HTTPCode=403" in str(info.value)


def test_text_answer_decoded_and_raw_bytes(dx_test_context):
    dx_test_context.queue(reply(body=b"hello \xc3\xa9", headers={"Content-Type": "text/plain"}),
                          reply(json={"a": 1}))
    assert DXHTTPRequest("/x", {}) == "hello \u00e9"
    assert DXHTTPRequest("/x", {}, decode_response_body=False) == b'{"a": 1}'


def test_json_parsed_only_for_json_content_type(dx_test_context):
    dx_test_context.queue(reply(body=b'{"a": 1}', headers={"Content-Type": "text/plain"}))
    assert DXHTTPRequest("/x", {}) == '{"a": 1}'


def test_raw_bodies_str_bytes_file(dx_test_context, test_server):
    url = test_server.url + "/upload/part"
    DXHTTPRequest(url, b"\x00\x01", method="PUT", jsonify_data=False, prepend_srv=False, auth=None)
    DXHTTPRequest(url, "text body", method="PUT", jsonify_data=False, prepend_srv=False, auth=None)
    f = io.BytesIO(b"skipXYZ")
    f.seek(4)
    DXHTTPRequest(url, f, method="PUT", jsonify_data=False, prepend_srv=False, auth=None)
    bodies = [r.body for r in test_server.requests]
    assert bodies == [b"\x00\x01", b"text body", b"XYZ"]
    assert all(r.method == "PUT" for r in test_server.requests)
    assert "content-type" not in test_server.requests[0].headers
    assert test_server.requests[2].headers["content-length"] == "3"


def test_bad_data_type_without_jsonify(dx_test_context):
    with pytest.raises(exc.DXError, match="data must be"):
        DXHTTPRequest("/x", 12, jsonify_data=False)


def test_want_full_response_returns_requests_response(dx_test_context):
    import requests

    dx_test_context.queue(reply(json={"k": "v"}, headers={"X-Thing": "1"}))
    resp = DXHTTPRequest("/x", {}, want_full_response=True)
    assert isinstance(resp, requests.Response)
    assert resp.status_code == 200
    assert resp.headers["x-thing"] == "1"
    assert resp.json() == {"k": "v"}
    assert json.loads(resp.content) == {"k": "v"}


def test_get_method_and_user_headers(dx_test_context):
    dx_test_context.queue(reply(json=[1]))
    assert DXHTTPRequest("/x?y=1", None, method="GET", jsonify_data=False, headers={"X-Mine": "m"}) == [1]
    req = dx_test_context.requests[0]
    assert req.method == "GET"
    assert req.headers["x-mine"] == "m"
    assert req.body == b""


def test_callable_resource_called_per_attempt(dx_test_context, test_server):
    calls = []

    def resource():
        calls.append(1)
        return test_server.url + f"/part/{len(calls)}", {"X-Attempt": str(len(calls))}

    test_server.queue(reply(500, json={"error": {"type": "InternalError", "message": "x"}}), reply(json={}))
    from dxpy._retry import RetryPolicy

    sleeps = []
    policy = RetryPolicy(sleep=sleeps.append, clock=lambda: 0.0)
    DXHTTPRequest(resource, b"data", method="PUT", jsonify_data=False, prepend_srv=False, auth=None,
                  retry_policy=policy)
    assert [r.path for r in test_server.requests] == ["/part/1", "/part/2"]
    assert [r.headers["x-attempt"] for r in test_server.requests] == ["1", "2"]
    assert sleeps == [1.0]


def test_redirect_followed_with_same_method_and_body(dx_test_context):
    moved = reply(302, body=b"", headers={"Location": "/moved/here?x=1"})
    dx_test_context.queue(moved, reply(json={"at": 2}))
    assert DXHTTPRequest("/orig", {"k": 1}) == {"at": 2}
    first, second = dx_test_context.requests
    assert second.path == "/moved/here?x=1"
    assert second.method == "POST"
    assert second.json() == {"k": 1}
    assert second.headers["authorization"] == first.headers["authorization"]


def test_redirect_loop_is_bounded(dx_test_context):
    dx_test_context.default = reply(301, body=b"", headers={"Location": "/again"})
    with pytest.raises(exc.DXError, match="redirects"):
        DXHTTPRequest("/loop", {})
    assert len(dx_test_context.requests) == 11


def test_redirect_without_location_is_an_error(dx_test_context):
    dx_test_context.queue(reply(302, body=b""))
    with pytest.raises(exc.DXError, match="Location"):
        DXHTTPRequest("/x", {})


def test_gzip_answer_is_decoded(dx_test_context):
    import gzip

    payload = gzip.compress(b'{"zipped": true}')
    dx_test_context.queue(reply(body=payload, headers={"Content-Type": "application/json",
                                                       "Content-Encoding": "gzip"}))
    assert DXHTTPRequest("/x", {}) == {"zipped": True}
    assert "gzip" in dx_test_context.requests[0].headers["accept-encoding"]


def test_user_agent_override_through_facade(dx_test_context):
    import dxpy

    saved = dxpy.USER_AGENT
    try:
        dxpy.USER_AGENT = "my-tool/1.0"
        DXHTTPRequest("/x", {})
    finally:
        dxpy.USER_AGENT = saved
    DXHTTPRequest("/x", {})
    assert dx_test_context.requests[0].headers["user-agent"] == "my-tool/1.0"
    assert dx_test_context.requests[1].headers["user-agent"] == saved


def test_facade_exposes_dxhttprequest(dx_test_context):
    import dxpy

    dx_test_context.queue(reply(json={"via": "facade"}))
    assert dxpy.DXHTTPRequest("/x", {}) == {"via": "facade"}


def test_test_retry_http_request_sends_twice(dx_test_context):
    from dxpy._http import get_retry_response

    dx_test_context.queue(reply(json={"n": 1}), reply(json={"n": 2}))
    assert DXHTTPRequest("/record/new", {"nonce": "abc"}, _test_retry_http_request=True) == {"n": 2}
    assert get_retry_response() == {"n": 1}
    assert [r.json() for r in dx_test_context.requests] == [{"nonce": "abc"}, {"nonce": "abc"}]


@pytest.mark.parametrize("timeout", [0.3, (30, 0.3)])
def test_the_timeout_reaches_the_socket(dx_test_context, timeout):
    import time

    dx_test_context.queue(delay(10, reply(json={})))
    started = time.monotonic()
    with pytest.raises(exc.DXTimeoutError):
        DXHTTPRequest("/x", {}, timeout=timeout, max_retries=0)
    # without the read timeout on the socket the answer would have arrived, after 10 s
    assert time.monotonic() - started < 8


def test_file_body_rewound_for_each_attempt(dx_test_context, fast_retries):
    f = io.BytesIO(b"HEADERpayload")
    f.seek(6)
    dx_test_context.queue(reply(500, body=b"oops"), reply(body=b""))
    url = dx_test_context.url + "/part"
    DXHTTPRequest(url, f, method="PUT", jsonify_data=False, prepend_srv=False, auth=None)
    assert [r.body for r in dx_test_context.requests] == [b"payload", b"payload"]


def test_chunked_body_for_unseekable_stream(dx_test_context):
    class Stream(io.RawIOBase):
        def __init__(self):
            self.parts = [b"ab", b"cd"]

        def readable(self):
            return True

        def readinto(self, b):
            if not self.parts:
                return 0
            part = self.parts.pop(0)
            b[: len(part)] = part
            return len(part)

    url = dx_test_context.url + "/stream"
    DXHTTPRequest(url, Stream(), method="PUT", jsonify_data=False, prepend_srv=False, auth=None)
    assert dx_test_context.requests[0].body == b"abcd"


def test_caller_host_and_content_length_headers_are_dropped(dx_test_context):
    url = dx_test_context.url + "/part"

    def resource():
        return url, {"Content-Length": "999", "HOST": "evil.example", "X-Keep": "1"}

    DXHTTPRequest(resource, b"four", method="PUT", jsonify_data=False, prepend_srv=False, auth=None,
                  headers={"content-length": "1", "Content-Type": "application/octet-stream"})
    req = dx_test_context.requests[0]
    assert req.body == b"four"
    assert req.headers["content-length"] == "4"
    assert req.headers["host"] == f"127.0.0.1:{dx_test_context.port}"
    assert req.headers["x-keep"] == "1"
    assert req.headers["content-type"] == "application/octet-stream"


def test_plain_calls_never_import_requests(test_server, tmp_path):
    """``import dxpy.api`` loads no network library; the first call loads urllib3, never requests."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "heavy = ('urllib3', 'ssl', 'requests', 'http.client', 'socket', 'dxpy._transport')\n"
        "before = {m for m in heavy if m in sys.modules}\n"
        "import dxpy, dxpy.api\n"
        "print(sorted(m for m in heavy if m in sys.modules and m not in before))\n"
        "from dxpy._http import DXHTTPRequest\n"
        "assert dxpy.api.system_whoami() == {'id': 'user-x'}\n"
        "assert DXHTTPRequest('/raw', {}, decode_response_body=False) == b'{}'\n"
        "print('urllib3' in sys.modules, 'requests' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "DX_USER_CONF_DIR": str(tmp_path),
           "DX_APISERVER_PROTOCOL": "http", "DX_APISERVER_HOST": "127.0.0.1",
           "DX_APISERVER_PORT": str(test_server.port),
           "DX_SECURITY_CONTEXT": json.dumps({"auth_token_type": "Bearer", "auth_token": "t"})}
    test_server.queue(reply(json={"id": "user-x"}))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "True False"]
    assert test_server.requests[0].headers["authorization"] == "Bearer t"


def test_api_error_timestamp_is_the_attempt_time_as_a_float(dx_test_context):
    import time

    dx_test_context.queue(error_reply(404, "ResourceNotFound", "gone", headers={"X-Request-ID": "rq-9"}))
    before = time.time()
    with pytest.raises(exc.ResourceNotFound) as info:
        DXHTTPRequest("/record-x/describe", {})
    err = info.value
    assert isinstance(err.timestamp, float) and before <= err.timestamp <= time.time()
    assert f"Request Time={err.timestamp}, Request ID=rq-9" in str(err)
