"""Where the token goes: only to the configured API server's origin, from a consistent
server snapshot, and never after a configuration mistake (issue: hardening, items 1-3)."""

from __future__ import annotations

import json
import threading

import pytest

import dxpy
import dxpy.exceptions as exc
from dxpy._context import ClientContext, get_context
from dxpy._http import DXHTTPRequest
from tests._support.testserver import TEST_TOKEN, ScriptedServer, error_reply, reply

# -- item 2: the resource of a prepend_srv request is a path on the API server ----------


@pytest.mark.parametrize("resource", [
    "@127.0.0.1:8198/x",       # would become http://host:port@127.0.0.1:8198/x
    "system/whoami",           # relative: glued to the port
    "//evil.example/x",        # scheme-relative
    ".evil.example/x",
    "/x#frag",
    "/x y",
])
def test_a_resource_that_is_not_an_absolute_path_is_refused_before_sending(dx_test_context, resource):
    with ScriptedServer() as other:
        with pytest.raises(exc.DXError, match="absolute path|not allowed"):
            DXHTTPRequest(resource, {})
        assert other.requests == []
    assert dx_test_context.requests == []


def test_the_token_goes_to_the_api_server_with_an_absolute_path(dx_test_context):
    dx_test_context.queue(reply(json={}))
    DXHTTPRequest("/system/whoami", {})
    assert dx_test_context.requests[0].headers["authorization"] == "Bearer " + TEST_TOKEN


def test_a_full_url_on_another_origin_gets_no_token(dx_test_context):
    with ScriptedServer() as other:
        other.queue(reply(json={}))
        DXHTTPRequest(other.url + "/upload", {}, prepend_srv=False)
        assert "authorization" not in other.requests[0].headers


def test_a_full_url_on_the_api_origin_gets_the_token_whatever_its_spelling(dx_test_context):
    dx_test_context.queue(reply(json={}))
    url = dx_test_context.url.replace("http://", "HTTP://") + "/system/whoami"
    DXHTTPRequest(url, {}, prepend_srv=False)
    assert dx_test_context.requests[0].headers["authorization"] == "Bearer " + TEST_TOKEN


def test_caller_credentials_are_not_carried_to_another_origin_by_a_redirect(dx_test_context):
    with ScriptedServer() as other:
        other.queue(reply(json={"landed": True}))
        dx_test_context.queue(reply(302, body=b"", headers={"Location": other.url + "/elsewhere"}))
        result = DXHTTPRequest("/system/whoami", {}, headers={"Authorization": "Basic c2VjcmV0",
                                                              "Cookie": "session=s3cret", "X-Keep": "1"})
        assert result == {"landed": True}
        sent = other.requests[0].headers
        assert "authorization" not in sent and "cookie" not in sent
        assert sent["x-keep"] == "1"


def test_a_same_origin_redirect_keeps_the_caller_headers(dx_test_context):
    dx_test_context.queue(reply(302, body=b"", headers={"Location": "/moved"}), reply(json={}))
    DXHTTPRequest("/system/whoami", {}, headers={"Cookie": "session=1"})
    assert dx_test_context.requests[1].path == "/moved"
    assert dx_test_context.requests[1].headers["cookie"] == "session=1"


def test_apiserver_assignment_is_parsed_strictly(dx_context):
    dxpy.APISERVER = "http://127.0.0.1:8124/"
    server = (dxpy.APISERVER_PROTOCOL, dxpy.APISERVER_HOST, dxpy.APISERVER_PORT)
    assert server == ("http", "127.0.0.1", "8124")
    for bad in ("127.0.0.1:8124", "http://user:pw@h:1", "http://h:1/api", "ftp://h", "http://h:99999"):
        with pytest.raises(exc.DXError):
            dxpy.APISERVER = bad
        assert dxpy.APISERVER == "http://127.0.0.1:8124"


# -- item 3: readers never see a mixed old/new server ------------------------------------


def test_server_changes_are_atomic_for_concurrent_readers():
    ctx = ClientContext()
    servers = [("https", "api.example.com", "443"), ("http", "127.0.0.1", "8124")]
    allowed = {"https://api.example.com", "http://127.0.0.1:8124"}
    seen: set[str] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(ctx.request_view().apiserver)
            server = ctx.server
            seen.add(server.url)
            assert server.url in allowed or server.url == "https://api.dnanexus.com"

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    try:
        for i in range(3000):
            proto, host, port = servers[i % 2]
            if i % 3 == 0:
                ctx.set_api_server_info(host=host, port=port, protocol=proto)
            else:
                ctx.restore({"apiserver_protocol": proto, "apiserver_host": host, "apiserver_port": port})
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert seen - {"https://api.dnanexus.com"} <= allowed
    assert "http://api.example.com:443" not in seen and "https://127.0.0.1:8124" not in seen


def test_direct_assignment_of_one_part_builds_the_url_once():
    ctx = ClientContext()
    ctx.apiserver_port = "8443"
    assert ctx.apiserver == "https://api.dnanexus.com:8443"
    assert ctx.server == ("https", "api.dnanexus.com", "8443", "https://api.dnanexus.com:8443")


# -- item 1: a configuration mistake refuses requests; the 401 hint names the source -----


def test_refused_credentials_fail_the_first_call_before_sending(dx_test_context):
    ctx = get_context()
    ctx.set_config_error("credentials",
                         "environment variable DX_SECURITY_CONTEXT is not usable: not valid JSON")
    with pytest.raises(exc.DXError, match="DX_SECURITY_CONTEXT is not usable"):
        DXHTTPRequest("/system/whoami", {})
    assert dx_test_context.requests == []
    # a request that needs no credentials (a pre-signed URL) still works
    dx_test_context.queue(reply(json={"ok": 1}))
    assert DXHTTPRequest(dx_test_context.url + "/x", {}, prepend_srv=False, auth=None) == {"ok": 1}
    ctx.set_security_context({"auth_token_type": "Bearer", "auth_token": TEST_TOKEN})
    dx_test_context.queue(reply(json={}))
    DXHTTPRequest("/system/whoami", {})


def test_a_refused_server_fails_every_api_call(dx_test_context):
    get_context().set_config_error("server", "environment variable DX_APISERVER_HOST is not usable: ...")
    with pytest.raises(exc.DXError, match="DX_APISERVER_HOST is not usable"):
        dxpy.api.system_whoami()
    assert dx_test_context.requests == []


@pytest.mark.parametrize("source,expected", [
    (None, "the token came from dxpy.set_security_context()"),
    ("environment variable DX_SECURITY_CONTEXT",
     "the token came from environment variable DX_SECURITY_CONTEXT"),
])
def test_the_401_hint_names_where_the_token_came_from(dx_test_context, source, expected):
    token = {"auth_token_type": "Bearer", "auth_token": TEST_TOKEN}
    if source is None:
        dxpy.set_security_context(token)
    else:
        get_context().set_security_context(token, source=source)
    dx_test_context.queue(error_reply(401, "InvalidAuthentication", "the token could not be found"))
    with pytest.raises(exc.InvalidAuthentication) as info:
        DXHTTPRequest("/system/whoami", {})
    assert expected in str(info.value) and TEST_TOKEN not in str(info.value)


def test_end_to_end_a_typo_in_the_environment_never_runs_as_the_file_user(dx_conf_env, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    conf = Path(dx_conf_env["DX_USER_CONF_DIR"])
    conf.mkdir()
    file_token = {"auth_token_type": "Bearer", "auth_token": "FILE-USER-TOKEN-0123456789"}
    (conf / "environment.json").write_text(json.dumps({"DX_SECURITY_CONTEXT": json.dumps(file_token)}))
    env = dict(dx_conf_env, DX_SECURITY_CONTEXT='{"auth_token_type": "Bearer", "auth_token": "ENV-TOKEN-xyz"',
               DX_APISERVER_HOST="http://127.0.0.1", DX_APISERVER_PORT="9", DX_APISERVER_PROTOCOL="http")
    code = ("import dxpy\nprint(dxpy.APISERVER)\ntry:\n    dxpy.api.system_whoami()\n"
            "except dxpy.exceptions.DXError as e:\n    print(type(e).__name__, '|', e)\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    out = proc.stdout.splitlines()
    assert out[0] == "https://api.dnanexus.com"  # never http://api.dnanexus.com:9
    assert out[1].startswith("DXError | environment variable DX_APISERVER_HOST is not usable")
    assert "FILE-USER-TOKEN" not in proc.stdout + proc.stderr and "ENV-TOKEN" not in proc.stdout + proc.stderr
    # one warning per refused field on stderr, without any logging configuration
    assert proc.stderr.count("is not usable") == 2, proc.stderr
